package org.lockstep.hal.serial;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.SerialLink;

/**
 * A serial link that opens and reopens itself on a supervisor thread ({@link ReconnectingSerialLink}), so its owner
 * (the controller's event loop) never blocks on a port: {@link #open()} only starts the supervision and returns.
 * Bytes and disconnects reach the listener on the link's threads, as for any {@link SerialLink}.
 */
public final class SupervisedSerialLink implements SerialLink {
    /** How often the supervisor looks at the link (open attempts, silence). */
    public static final long SUPERVISOR_TICK_MS = 100;

    private final SerialLink link;
    private final Backoff backoff;
    private final long silenceTimeoutMs;
    private final ScheduledExecutorService scheduler;
    private final MonotonicClock clock;
    private volatile Listener listener = new Listener() {
        @Override
        public void onBytes(String linkId, byte[] bytes, long atMs) {}

        @Override
        public void onDisconnected(String linkId, String detail, long atMs) {}
    };
    private ReconnectingSerialLink supervised;
    private ScheduledFuture<?> supervision;

    public SupervisedSerialLink(SerialLink link, Backoff backoff, long silenceTimeoutMs,
            ScheduledExecutorService scheduler, MonotonicClock clock) {
        this.link = Objects.requireNonNull(link, "link");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.silenceTimeoutMs = silenceTimeoutMs;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return link.id();
    }

    @Override
    public synchronized void open() {
        if (supervised != null) {
            return;
        }
        supervised = new ReconnectingSerialLink(link, backoff, silenceTimeoutMs, new Listener() {
            @Override
            public void onBytes(String linkId, byte[] bytes, long atMs) {
                listener.onBytes(linkId, bytes, atMs);
            }

            @Override
            public void onDisconnected(String linkId, String detail, long atMs) {
                listener.onDisconnected(linkId, detail, atMs);
            }
        });
        // start() makes the first open attempt, which blocks: it runs on the supervisor thread, not the caller's.
        // Without it the link stays STOPPED and poll() never opens anything.
        ReconnectingSerialLink starting = supervised;
        scheduler.execute(() -> starting.start(clock.nowMs()));
        supervision = supervised.superviseOn(scheduler, clock, SUPERVISOR_TICK_MS);
    }

    @Override
    public synchronized boolean isOpen() {
        return supervised != null && supervised.state() == ReconnectingSerialLink.State.OPEN;
    }

    @Override
    public void write(byte[] bytes) {
        ReconnectingSerialLink s;
        synchronized (this) {
            s = supervised;
        }
        if (s != null) {
            s.write(bytes);
        }
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public boolean reconnectsItself() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (supervision != null) {
            supervision.cancel(false);
            supervision = null;
        }
        if (supervised != null) {
            supervised.close();
            supervised = null;
        }
    }
}
