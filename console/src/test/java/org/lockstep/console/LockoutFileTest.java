package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.Site;

/** The sign-in lockout in {@code --data DIR}: a restart does not reset an attacker's count; the file is untrusted. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LockoutFileTest {
    private static final Site SITE = ConsoleDecoderTest.SITE.site();
    private static final Set<String> OPS = Set.of("okafor", "rivera", "chen");
    @TempDir
    Path tmp;

    /** The lockout a console started now would have, as Console.withSignIn builds it with --data. */
    private Lockout restart(long nowMs) throws DataDir.Unusable {
        try (ConsoleData data = ConsoleData.open(tmp.resolve("data"), SITE, nowMs)) {
            return data.lockout(OPS);
        }
    }

    @Test
    void a_restart_keeps_an_attackers_count_and_the_lockout_it_earned() throws Exception {
        Lockout first = restart(0);
        for (int i = 0; i < Lockout.FAILURES - 1; i++) {
            assertEquals(Optional.empty(), first.failed("okafor", 1_000));
        }
        Lockout second = restart(2_000); // the count goes on: one more wrong password locks okafor out
        assertEquals(Optional.of(3_000 + Lockout.FIRST_LOCKOUT_MS), second.failed("okafor", 3_000));
        Lockout third = restart(4_000);
        assertEquals(Optional.of(3_000 + Lockout.FIRST_LOCKOUT_MS), third.lockedUntil("okafor", 4_000));
        assertEquals(Optional.empty(), third.lockedUntil("rivera", 4_000), "only okafor");
        for (int i = 0; i < Lockout.FAILURES; i++) {
            third.failed("okafor", 3_000 + Lockout.FIRST_LOCKOUT_MS + 1);
        }
        assertEquals(Optional.of(3_001 + 3 * Lockout.FIRST_LOCKOUT_MS), restart(400_000).lockedUntil("okafor",
                400_000), "the next lockout is twice as long, after a restart too");
        restart(400_000).succeeded("okafor");
        assertEquals(Optional.empty(), restart(400_000).lockedUntil("okafor", 400_000), "a good sign-in forgets it");
    }

    @Test
    void a_lockout_read_back_is_never_longer_than_the_longest_and_bad_lines_are_skipped() throws Exception {
        restart(0).failed("chen", 0); // makes the directory and the file
        Path file = tmp.resolve("data").resolve(LockoutFile.FILE);
        Files.writeString(file, String.join("\n",
                "{\"operator\":\"okafor\",\"failures\":0,\"lockedUntil\":253402300799999,\"nextLockoutMs\":300000}",
                "{\"operator\":\"stranger\",\"failures\":4,\"lockedUntil\":0,\"nextLockoutMs\":300000}",
                "{\"operator\":\"rivera\",\"failures\":99,\"lockedUntil\":0,\"nextLockoutMs\":300000}",
                "{\"operator\":\"chen\",\"failures\":\"4\",\"lockedUntil\":0,\"nextLockoutMs\":300000}",
                "not json", ""));
        Lockout l = restart(1_000);
        assertEquals(Optional.of(1_000 + Lockout.MAX_LOCKOUT_MS), l.lockedUntil("okafor", 1_000),
                "a forged far-future time locks out for the longest lockout at most");
        assertEquals(Optional.empty(), l.failed("rivera", 1_000), "rivera's bad line did not count");
        assertEquals(Optional.empty(), l.failed("chen", 1_000), "nor chen's");
    }

    @Test
    void a_lockout_file_others_can_write_is_refused_naming_it_and_the_fix() throws Exception {
        restart(0).failed("chen", 0);
        Path file = tmp.resolve("data").resolve(LockoutFile.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
        DataDir.Unusable e = assertThrows(DataDir.Unusable.class, () -> restart(0));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data"))));
    }
}
