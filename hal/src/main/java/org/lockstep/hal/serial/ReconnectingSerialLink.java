package org.lockstep.hal.serial;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.SerialLink;
import org.tinylog.Logger;

/**
 * Keeps a {@link SerialLink} open: reopens it with {@link Backoff} after a disconnect, after a failed open, and after
 * {@code silenceTimeoutMs} without a byte (an on-board UART never reports a disconnect, so a detector that sends
 * heartbeats is the only way to notice it is gone). Time-driven and thread-free: the owner calls {@link #poll(long)}
 * at {@link #nextDeadlineMs()} or on a fixed tick ({@link #superviseOn}). Not on the controller's event loop: opening
 * a port blocks for a few hundred milliseconds.
 *
 * <p>The failure count (and so the backoff) resets only when bytes arrive, not when an open succeeds: a port that
 * opens but stays silent is reopened less and less often, up to {@link Backoff#maxMs()}.
 */
public final class ReconnectingSerialLink implements AutoCloseable {
    /** Where the link stands. */
    public enum State { STOPPED, WAITING, OPENING, OPEN }

    private final SerialLink link;
    private final Backoff backoff;
    private final long silenceTimeoutMs;
    private volatile SerialLink.Listener downstream;

    private State state = State.STOPPED;
    private int failures;
    private long nextAttemptAtMs;
    private long lastActivityAtMs;
    private long reconnects;
    private boolean everOpened;
    private boolean closed;

    /**
     * @param silenceTimeoutMs reopen after this long without a byte; 0 to rely on disconnect events only
     */
    public ReconnectingSerialLink(SerialLink link, Backoff backoff, long silenceTimeoutMs,
            SerialLink.Listener downstream) {
        this.link = Objects.requireNonNull(link, "link");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        if (silenceTimeoutMs < 0 || silenceTimeoutMs > 3_600_000) {
            throw new IllegalArgumentException("silenceTimeoutMs must be 0..3600000, was " + silenceTimeoutMs);
        }
        this.silenceTimeoutMs = silenceTimeoutMs;
        link.setListener(new SerialLink.Listener() {
            @Override
            public void onBytes(String linkId, byte[] bytes, long atMs) {
                bytesArrived(atMs);
                ReconnectingSerialLink.this.downstream.onBytes(linkId, bytes, atMs);
            }

            @Override
            public void onDisconnected(String linkId, String detail, long atMs) {
                if (disconnected(detail, atMs)) {
                    ReconnectingSerialLink.this.downstream.onDisconnected(linkId, detail, atMs);
                }
            }
        });
    }

    public String id() {
        return link.id();
    }

    /** Starts supervising; the first open is attempted by this call. After {@link #close()} it does nothing. */
    public void start(long nowMs) {
        synchronized (this) {
            // A start queued on a supervisor thread may run after the owner closed the link: it must not reopen.
            if (state != State.STOPPED || closed) {
                return;
            }
            state = State.WAITING;
            nextAttemptAtMs = nowMs;
        }
        poll(nowMs);
    }

    /** Does whatever is due at {@code nowMs}: an open attempt, or a reopen of a link that went silent. */
    public void poll(long nowMs) {
        boolean attempt = false;
        String silentDetail = null;
        synchronized (this) {
            if (state == State.WAITING && nowMs >= nextAttemptAtMs) {
                state = State.OPENING;
                attempt = true;
            } else if (state == State.OPEN && silenceTimeoutMs > 0 && nowMs - lastActivityAtMs >= silenceTimeoutMs) {
                silentDetail = "no bytes for " + (nowMs - lastActivityAtMs) + " ms";
                scheduleRetry(nowMs);
            }
        }
        if (silentDetail != null) {
            Logger.warn("{}: {}; reopening in {} ms", link.id(), silentDetail, nextDeadlineMs().orElse(0) - nowMs);
            link.close();
            downstream.onDisconnected(link.id(), silentDetail, nowMs);
        }
        if (attempt) {
            tryOpen(nowMs);
        }
    }

    private void tryOpen(long nowMs) {
        HardwareException failure = null;
        try {
            link.open(); // outside the lock: it blocks, and the link's events must not wait on us
        } catch (HardwareException e) {
            failure = e;
        }
        synchronized (this) {
            if (state != State.OPENING) {
                // Stopped (or a disconnect arrived) while opening: leave the decision made meanwhile in place.
                if (state == State.STOPPED) {
                    link.close();
                }
                return;
            }
            if (failure == null) {
                state = State.OPEN;
                lastActivityAtMs = nowMs;
                if (everOpened) {
                    reconnects++;
                }
                everOpened = true;
            } else {
                scheduleRetry(nowMs);
            }
        }
        if (failure == null) {
            Logger.info("{}: link open", link.id());
        } else {
            Logger.warn("{}: open failed ({}); retry in {} ms", link.id(), failure.getMessage(),
                    nextDeadlineMs().orElse(nowMs) - nowMs);
        }
    }

    private synchronized void bytesArrived(long atMs) {
        lastActivityAtMs = Math.max(lastActivityAtMs, atMs);
        failures = 0;
    }

    /** @return whether the disconnect is news (the link was open or opening) */
    private synchronized boolean disconnected(String detail, long atMs) {
        if (state != State.OPEN && state != State.OPENING) {
            return false;
        }
        scheduleRetry(atMs);
        Logger.warn("{}: {}; reopening in {} ms", link.id(), detail, nextAttemptAtMs - atMs);
        return true;
    }

    private void scheduleRetry(long nowMs) {
        state = State.WAITING;
        nextAttemptAtMs = nowMs + backoff.delayMs(failures);
        failures = Math.min(failures + 1, 30);
    }

    /** When {@link #poll} next has something to do, if anything. */
    public synchronized OptionalLong nextDeadlineMs() {
        return switch (state) {
            case WAITING -> OptionalLong.of(nextAttemptAtMs);
            case OPEN -> silenceTimeoutMs > 0 ? OptionalLong.of(lastActivityAtMs + silenceTimeoutMs)
                    : OptionalLong.empty();
            case STOPPED, OPENING -> OptionalLong.empty();
        };
    }

    public synchronized State state() {
        return state;
    }

    /** Successful opens after the first one. */
    public synchronized long reconnects() {
        return reconnects;
    }

    public void write(byte[] bytes) {
        link.write(bytes);
    }

    /**
     * Polls on {@code scheduler} every {@code tickMs} with {@code clock}: the supervision thread for a real port.
     * Cancel the returned future (or {@link #close()}) to stop.
     */
    public ScheduledFuture<?> superviseOn(ScheduledExecutorService scheduler, MonotonicClock clock, long tickMs) {
        if (tickMs < 1 || tickMs > 60_000) {
            throw new IllegalArgumentException("tickMs must be 1..60000, was " + tickMs);
        }
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                poll(clock.nowMs());
            } catch (RuntimeException e) {
                // A supervisor that dies silently leaves the detector dark: log and keep ticking.
                Logger.error(e, "{}: serial supervision failed", link.id());
            }
        }, 0, tickMs, TimeUnit.MILLISECONDS);
    }

    /** Stops supervising and closes the link. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            state = State.STOPPED;
            closed = true;
        }
        link.close();
    }
}
