package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LockoutTest {
    private final Lockout lockout = new Lockout(Set.of("okafor", "rivera"));

    @Test
    void five_wrong_passwords_lock_that_operator_for_five_minutes_then_ten() {
        long t = 1_000_000;
        for (int i = 1; i < Lockout.FAILURES; i++) {
            assertEquals(Optional.empty(), lockout.failed("okafor", t));
            assertEquals(Optional.empty(), lockout.lockedUntil("okafor", t));
        }
        assertEquals(Optional.of(t + 300_000), lockout.failed("okafor", t));
        assertEquals(Optional.of(t + 300_000), lockout.lockedUntil("okafor", t + 299_999));
        assertEquals(Optional.empty(), lockout.lockedUntil("rivera", t), "another operator is not locked");
        assertEquals(Optional.empty(), lockout.lockedUntil("okafor", t + 300_000), "five minutes later: may try");
        long t2 = t + 300_000;
        for (int i = 1; i < Lockout.FAILURES; i++) {
            lockout.failed("okafor", t2);
        }
        assertEquals(Optional.of(t2 + 600_000), lockout.failed("okafor", t2), "the second lockout is twice as long");
    }

    @Test
    void a_good_password_forgets_the_failures_and_unknown_ids_are_not_tracked() {
        for (int i = 1; i < Lockout.FAILURES; i++) {
            lockout.failed("okafor", 0);
        }
        lockout.succeeded("okafor");
        assertEquals(Optional.empty(), lockout.failed("okafor", 0), "counting starts again");
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), lockout.failed("nobody-" + i, 0));
        }
    }

    @Test
    void lockouts_double_up_to_the_cap() {
        long t = 0;
        long last = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 1; i < Lockout.FAILURES; i++) {
                lockout.failed("rivera", t);
            }
            long until = lockout.failed("rivera", t).orElseThrow();
            last = until - t;
            t = until;
        }
        assertEquals(Lockout.MAX_LOCKOUT_MS, last);
    }
}
