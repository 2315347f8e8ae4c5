package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.cli.Args;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleCliTest {
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void an_account_that_is_not_an_account_name_is_refused_before_any_file_is_looked_up() {
        // The account names the secrets file ({client} in a path template): a path in it must never reach the disk.
        // Preemptive: without the check the console would start and wait for Ctrl-C (interrupted here, it stops).
        Args.UsageException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                Args.UsageException.class, () -> new ConsoleCli().run(List.of("--config",
                        "../deploy/site.example.yaml", "--listen", "127.0.0.1:0", "--account", "../../etc/shadow"),
                        out, out)));
        assertTrue(e.getMessage().contains("--account") && e.getMessage().contains("../../etc/shadow"),
                e.getMessage());
    }

    @Test
    void the_help_names_the_account_option() {
        assertTrue(new ConsoleCli().help().contains("--account NAME"));
    }
}
