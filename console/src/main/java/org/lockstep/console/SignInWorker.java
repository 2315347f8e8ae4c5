package org.lockstep.console;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that runs Argon2 (each sign-in costs 64 MiB and about 0.3 s), with at most {@link #QUEUE} sign-ins
 * waiting. Beyond that a sign-in is refused at once (the page gets 429): a flood of passwords costs the console one
 * thread and 5 × 64 MiB at most, never the HTTP threads, and never the LOCKDOWN path, which does not come here.
 */
final class SignInWorker implements AutoCloseable {
    static final int QUEUE = 4;

    private final ThreadPoolExecutor executor;

    SignInWorker() {
        this(QUEUE);
    }

    SignInWorker(int queue) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "lockstep-console-sign-in");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The work's result to come, or empty if {@link #QUEUE} sign-ins are already waiting (refuse with 429). */
    <T> Optional<CompletableFuture<T>> submit(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(work.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
