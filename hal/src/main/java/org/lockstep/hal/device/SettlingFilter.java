package org.lockstep.hal.device;

import java.util.OptionalLong;

/**
 * A trailing (settling) filter over an "active" flag: a new level counts only after it has held for
 * {@code debounceMs}. Slower than {@link LeadingEdgeFilter}, and meant to be: a glitch on a long fire-alarm cable
 * must not release the doors. A change is stamped with the moment it had held long enough, whenever it is polled.
 */
final class SettlingFilter implements LevelFilter {
    private final long debounceMs;
    private final Listener listener;
    private boolean started;
    private boolean reported;
    private boolean pending;
    private long pendingSinceMs;
    private long lastMs;

    SettlingFilter(long debounceMs, Listener listener) {
        if (debounceMs < 0) {
            throw new IllegalArgumentException("debounceMs must be >= 0, was " + debounceMs);
        }
        this.debounceMs = debounceMs;
        this.listener = listener;
    }

    @Override
    public void start(boolean active, long nowMs) {
        started = true;
        reported = active;
        pending = false;
        lastMs = nowMs;
    }

    @Override
    public void onLevel(boolean active, long atMs) {
        assert started : "edge before start";
        poll(atMs);
        if (active == reported) {
            pending = false; // a glitch that came back before it settled
        } else if (!pending) {
            pending = true;
            pendingSinceMs = atMs;
        }
        poll(atMs); // debounceMs 0: counts at once
    }

    @Override
    public void poll(long nowMs) {
        assert nowMs >= lastMs : "time went backwards: " + nowMs + " < " + lastMs;
        lastMs = nowMs;
        if (pending && nowMs >= pendingSinceMs + debounceMs) {
            pending = false;
            reported = !reported;
            listener.changed(reported, pendingSinceMs + debounceMs);
        }
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        return pending ? OptionalLong.of(pendingSinceMs + debounceMs) : OptionalLong.empty();
    }

    @Override
    public boolean active() {
        return reported;
    }
}
