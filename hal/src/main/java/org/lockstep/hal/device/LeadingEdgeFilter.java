package org.lockstep.hal.device;

import java.util.OptionalLong;

/**
 * A leading-edge debounce over an "active" flag: the first change is passed on at once (a forced door must be seen in
 * milliseconds, not after the contact stops bouncing), changes within {@code debounceMs} after it are swallowed, and
 * when that window ends the filter catches up with the raw level if it settled differently. gpiod's own debounce is
 * trailing-edge, which is why drivers that need speed use this instead.
 *
 * <p>Pure: time comes as arguments. A late {@link #poll(long)} or a later edge closes an expired window as if it
 * had been polled on time, and a catch-up change is stamped with the window's end, so the reported times do not
 * depend on how punctually the owner polls.
 */
final class LeadingEdgeFilter implements LevelFilter {
    private final long debounceMs;
    private final Listener listener;
    private boolean started;
    private boolean reported;
    private boolean raw;
    private boolean windowOpen;
    private long windowEndMs;
    private long lastMs;

    LeadingEdgeFilter(long debounceMs, Listener listener) {
        if (debounceMs < 0) {
            throw new IllegalArgumentException("debounceMs must be >= 0, was " + debounceMs);
        }
        this.debounceMs = debounceMs;
        this.listener = listener;
    }

    /** Takes the level at start as the reported state, without telling the listener (each driver decides that). */
    @Override
    public void start(boolean active, long nowMs) {
        started = true;
        reported = active;
        raw = active;
        windowOpen = false;
        lastMs = nowMs;
    }

    @Override
    public void onLevel(boolean active, long atMs) {
        assert started : "edge before start";
        poll(atMs);
        raw = active;
        if (!windowOpen && raw != reported) {
            report(atMs);
        }
    }

    @Override
    public void poll(long nowMs) {
        assert nowMs >= lastMs : "time went backwards: " + nowMs + " < " + lastMs;
        lastMs = nowMs;
        // At most two rounds: a catch-up report opens a new window, which ends later with raw == reported.
        while (windowOpen && nowMs >= windowEndMs) {
            windowOpen = false;
            if (raw != reported) {
                report(windowEndMs);
            }
        }
    }

    @Override
    public OptionalLong nextDeadlineMs() {
        return windowOpen ? OptionalLong.of(windowEndMs) : OptionalLong.empty();
    }

    @Override
    public boolean active() {
        return reported;
    }

    private void report(long atMs) {
        reported = raw;
        if (debounceMs > 0) {
            windowOpen = true;
            windowEndMs = atMs + debounceMs;
        }
        listener.changed(reported, atMs);
    }
}
