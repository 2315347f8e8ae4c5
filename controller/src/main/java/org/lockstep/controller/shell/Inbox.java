package org.lockstep.controller.shell;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event loop's bounded inbox. Producers (GPIO listeners, serial readers, the MQTT callback, the CLI) offer and
 * return at once; they never block. When full, the input is refused and counted: the count is published as a
 * controller fault, because a dropped edge is a fault that must be seen.
 */
public final class Inbox {
    /** Far more than a controller of tens of doors produces between two loop turns, even with bouncing contacts. */
    public static final int CAPACITY = 8_192;

    private final BlockingQueue<LoopInput> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong refused = new AtomicLong();

    public boolean offer(LoopInput input) {
        if (queue.offer(input)) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    /** Takes the next input, waiting at most {@code waitMs}; null if none came. */
    LoopInput poll(long waitMs) throws InterruptedException {
        return waitMs <= 0 ? queue.poll() : queue.poll(waitMs, TimeUnit.MILLISECONDS);
    }

    LoopInput poll() {
        return queue.poll();
    }

    public long refused() {
        return refused.get();
    }

    public int size() {
        return queue.size();
    }
}
