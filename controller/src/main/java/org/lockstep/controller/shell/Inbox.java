package org.lockstep.controller.shell;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop's local lane: this box's own hardware (GPIO listeners, serial readers) and in-process sources (the CLI, the
 * simulator's site bus). Producers offer and return at once; they never block. When full ({@link
 * LaneLimits#LOCAL_CAPACITY}), the input is refused and counted: the count is raised as a fault on device
 * {@code inbox}, because a dropped edge is a fault that must be seen. Network input never enters this queue (it has
 * its own lane, {@link NetworkLane}).
 */
public final class Inbox {
    /** @deprecated use {@link LaneLimits#LOCAL_CAPACITY} */
    @Deprecated
    public static final int CAPACITY = LaneLimits.LOCAL_CAPACITY;

    private final BlockingQueue<LoopInput> queue = new ArrayBlockingQueue<>(LaneLimits.LOCAL_CAPACITY);
    private final AtomicLong refused = new AtomicLong();
    private final LoopSignal signal;

    public Inbox() {
        this(new LoopSignal());
    }

    Inbox(LoopSignal signal) {
        this.signal = signal;
    }

    public boolean offer(LoopInput input) {
        if (queue.offer(input)) {
            signal.signal();
            return true;
        }
        refused.incrementAndGet();
        return false;
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
