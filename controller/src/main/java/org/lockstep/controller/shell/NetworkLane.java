package org.lockstep.controller.shell;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import org.lockstep.controller.core.Event;
import org.lockstep.hal.MonotonicClock;

/**
 * The loop's network lane: bounded ({@link LaneLimits#NETWORK_CAPACITY}) and rate-limited per source
 * ({@link SourceLimiter}). Every refusal is counted by its reason; none blocks the caller. Its queue is not the local
 * lane's, so a flood here can fill only this queue. Thread-safe (MQTT callback threads offer, the loop polls).
 */
public final class NetworkLane implements NetworkInbox {
    /** Refusals since start, by reason, and what was admitted. */
    public record Counts(long accepted, long rateLimited, long unknownSourceLimited, long full) {
        public long refused() {
            return rateLimited + unknownSourceLimited + full;
        }
    }

    private final ArrayBlockingQueue<Event> queue = new ArrayBlockingQueue<>(LaneLimits.NETWORK_CAPACITY);
    private final SourceLimiter limiter;
    private final MonotonicClock clock;
    private final LoopSignal signal;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder unknownLimited = new LongAdder();
    private final LongAdder full = new LongAdder();

    NetworkLane(SourceLimiter limiter, MonotonicClock clock, LoopSignal signal) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    @Override
    public Admission offer(String sourceKey, Event event) {
        Objects.requireNonNull(event, "event");
        if (queue.remainingCapacity() == 0) {
            full.increment();
            return Admission.FULL;
        }
        switch (limiter.acquire(sourceKey, clock.nowMs())) {
            case ADMIT -> {}
            case LIMITED -> {
                rateLimited.increment();
                return Admission.RATE_LIMITED;
            }
            case UNKNOWN_LIMITED -> {
                unknownLimited.increment();
                return Admission.RATE_LIMITED;
            }
        }
        if (!queue.offer(event)) {
            full.increment();
            return Admission.FULL;
        }
        accepted.increment();
        signal.signal();
        return Admission.ACCEPTED;
    }

    Event poll() {
        return queue.poll();
    }

    public int size() {
        return queue.size();
    }

    /** The source keys the site file names: {@code cmd:<operator>}, {@code peer:<controller>}, {@code bus:<controller>}. */
    public static java.util.Set<String> knownSources(org.lockstep.controller.core.Site site) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        site.operators().forEach(o -> keys.add("cmd:" + o.id()));
        site.controllers().forEach(c -> {
            keys.add("peer:" + c.id());
            keys.add("bus:" + c.id());
        });
        return keys;
    }

    public Counts counts() {
        return new Counts(accepted.sum(), rateLimited.sum(), unknownLimited.sum(), full.sum());
    }

    /** Known source keys holding a bucket now (bounded by the site file and {@link LaneLimits#MAX_TRACKED_SOURCES}). */
    public int trackedSources() {
        return limiter.tracked();
    }
}
