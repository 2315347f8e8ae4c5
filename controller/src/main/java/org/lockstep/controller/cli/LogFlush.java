package org.lockstep.controller.cli;

import java.util.concurrent.atomic.AtomicBoolean;

import org.tinylog.provider.ProviderRegistry;

/**
 * Ends logging once, after the last line. tinylog's own shutdown hook ran beside the controller's on SIGTERM and
 * stopped the writing thread first, so "controller ... stopped" and the relay lines before it were lost (5 stops of
 * 5 measured): tinylog.properties turns that hook off ({@code autoshutdown = false}) and we end it here instead.
 */
final class LogFlush {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private LogFlush() {}

    static void now() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
