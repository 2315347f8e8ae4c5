package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.trust.Ed25519PrivateKey;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorSignInTest {
    private static final List<OperatorSpec> OPERATORS = List.of(
            new OperatorSpec("okafor", "Dr Okafor", EnumSet.allOf(Permission.class)),
            new OperatorSpec("rivera", "Ms Rivera", EnumSet.of(Permission.INITIATE, Permission.DRILL)));
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private static OperatorSignIn.Result result(OperatorSignIn s, String op, String pw) throws Exception {
        return s.signIn(op, pw.toCharArray()).get(10, TimeUnit.SECONDS);
    }

    private static void write(Path dir, String op) throws Exception {
        SecureRandom r = new SecureRandom();
        OperatorCredential.write(dir, op, Ed25519PrivateKey.generate(r), ("example-" + op).toCharArray(),
                OperatorCredentialTest.CHEAP, r);
    }

    @Test
    void the_right_password_signs_in_and_five_wrong_ones_lock_that_operator_on_a_driven_clock(@TempDir Path dir)
            throws Exception {
        write(dir, "okafor");
        write(dir, "rivera");
        try (OperatorSignIn s = new OperatorSignIn(Optional.of(dir), OPERATORS, new SignInWorker(), clock::get)) {
            var ok = assertInstanceOf(OperatorSignIn.Result.Ok.class, result(s, "okafor", "example-okafor"));
            assertTrue(ok.operator().may(Permission.ALL_CLEAR));
            for (int i = 1; i < Lockout.FAILURES; i++) {
                var no = assertInstanceOf(OperatorSignIn.Result.Refused.class, result(s, "rivera", "guess" + i));
                assertEquals(new OperatorSignIn.Result.Refused(401, OperatorSignIn.WRONG), no);
            }
            var fifth = assertInstanceOf(OperatorSignIn.Result.Refused.class, result(s, "rivera", "guess5"));
            assertTrue(fifth.reason().contains("locked until"), fifth.reason());
            var locked = assertInstanceOf(OperatorSignIn.Result.Refused.class, result(s, "rivera", "example-rivera"));
            assertEquals(403, locked.status(), "even the right password, while locked: " + locked);
            assertTrue(locked.reason().contains("LOCKDOWN still works"), locked.reason());
            assertInstanceOf(OperatorSignIn.Result.Ok.class, result(s, "okafor", "example-okafor"), "others may");
            clock.addAndGet(Lockout.FIRST_LOCKOUT_MS);
            assertInstanceOf(OperatorSignIn.Result.Ok.class, result(s, "rivera", "example-rivera"), "5 min later");
        }
    }

    @Test
    void an_operator_not_in_the_site_file_or_a_console_without_a_directory_is_refused(@TempDir Path dir)
            throws Exception {
        write(dir, "mallory");
        try (OperatorSignIn s = new OperatorSignIn(Optional.of(dir), OPERATORS, new SignInWorker(), clock::get)) {
            assertEquals(new OperatorSignIn.Result.Refused(401, OperatorSignIn.WRONG), result(s, "mallory",
                    "example-mallory"));
        }
        try (OperatorSignIn s = new OperatorSignIn(Optional.empty(), OPERATORS, new SignInWorker(), clock::get)) {
            assertEquals(503, ((OperatorSignIn.Result.Refused) result(s, "okafor", "example-okafor")).status());
        }
    }

    @Test
    void with_the_argon2_thread_busy_and_its_queue_full_a_sign_in_is_refused_at_once_with_429(@TempDir Path dir)
            throws Exception {
        write(dir, "okafor");
        SignInWorker worker = new SignInWorker();
        CountDownLatch release = new CountDownLatch(1);
        try (OperatorSignIn s = new OperatorSignIn(Optional.of(dir), OPERATORS, worker, clock::get)) {
            for (int i = 0; i < 1 + SignInWorker.QUEUE; i++) { // one running, QUEUE waiting
                assertTrue(worker.submit(() -> {
                    try {
                        return release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return false;
                    }
                }).isPresent(), "slot " + i);
            }
            long t0 = System.nanoTime();
            var r = s.signIn("okafor", "example-okafor".toCharArray());
            assertTrue(r.isDone(), "answered without waiting");
            assertEquals(429, ((OperatorSignIn.Result.Refused) r.get()).status());
            assertTrue(System.nanoTime() - t0 < 100_000_000L);
            release.countDown();
            // the queue drains, and the next sign-in is served
            Thread.sleep(50);
            assertInstanceOf(OperatorSignIn.Result.Ok.class, result(s, "okafor", "example-okafor"));
        }
    }
}
