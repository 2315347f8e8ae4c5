package org.lockstep.hal.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: how the I/O tests wait, never a fixed sleep as the assertion. */
final class Conditions {
    private static final long POLL_MS = 5;

    private Conditions() {}

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(POLL_MS);
        }
    }
}
