package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A typo in a command or an option gets a "did you mean", and the hint names the right help. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageMistakesTest {
    @Test
    void a_misspelt_command_is_named_with_the_one_meant() {
        MainTest.Result r = MainTest.run("chek-config", MainTest.SITE);
        assertEquals(64, r.code());
        assertTrue(r.err().contains("unknown command 'chek-config'; did you mean 'lockstep check-config'?"), r.err());
        assertTrue(MainTest.run("help", "audt").err().contains("did you mean 'lockstep audit'?"));
    }

    @Test
    void a_misspelt_option_is_named_with_the_one_meant_and_the_commands_help() {
        MainTest.Result r = MainTest.run("run", "--config", MainTest.SITE, "--controller", "commons", "--dryrun");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("unknown option --dryrun; did you mean --dry-run?"), r.err());
        assertTrue(r.err().contains("Try 'lockstep help run'."), r.err());
    }

    @Test
    void an_option_far_from_any_lists_the_ones_there_are() {
        MainTest.Result r = MainTest.run("journal", "--colour", "red");
        assertTrue(r.err().contains("unknown option --colour; expected one of --dir, --from, --to"), r.err());
        assertTrue(MainTest.run("check-config", "--verbose", "x").err()
                .contains("unknown option --verbose; expected one of --console, --controller, --key"));
    }

    @Test
    void commission_names_the_controller_door_or_option_meant() {
        MainTest.Result r = MainTest.run("comission", "--controller", "commons");
        assertTrue(r.err().contains("did you mean 'lockstep commission'?"), r.err());
        r = MainTest.run("commission", "--config", MainTest.SITE, "--controller", "commns", "--key", "k.key");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("no controller 'commns'") && r.err().contains("did you mean commons?"), r.err());
        r = MainTest.run("commission", "--config", MainTest.SITE, "--controller", "east-lower", "--door", "c10",
                "--key", "k.key");
        assertTrue(r.err().contains("controller east-lower has no door 'c10'; did you mean c101?"), r.err());
        r = MainTest.run("commission", "--controller", "commons", "--timeout", "5");
        assertTrue(r.err().contains("unknown option --timeout; did you mean --timeout-s?"), r.err());
        assertTrue(r.err().contains("Try 'lockstep help commission'."), r.err());
        r = MainTest.run("commission", "--config", MainTest.SITE, "--controller", "commons");
        assertTrue(r.err().contains("commission needs --key FILE"), r.err());
    }
}
