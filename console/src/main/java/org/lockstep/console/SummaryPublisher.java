package org.lockstep.console;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.mqtt.TransportException;
import org.tinylog.Logger;

/**
 * Publishes the retained site summary ({@link SiteSummary}) on its own thread whenever the picture's summary changes:
 * the first change after a quiet spell at once, then at most one publish per {@link #MIN_INTERVAL_MS} (a burst of 32
 * doors locking is one or two publishes, the last one always the newest picture), and again at least every
 * {@link #REFRESH_MS} so {@code asOf} shows a consumer the publisher is alive. After every (re)connect it publishes
 * whatever the content: the broker may have restarted empty, or hold the not-live will of an earlier run.
 */
final class SummaryPublisher implements AutoCloseable {
    static final long MIN_INTERVAL_MS = 250;
    static final long REFRESH_MS = 30_000;

    /** Where the payload goes (retained, QoS 1). */
    interface Sink {
        void publishRetained(byte[] payload) throws TransportException;
    }

    /**
     * When the next publish may go: pure, on the time it is given. {@code waitMs} is 0 for the first change after quiet.
     */
    static final class Pacer {
        private long lastSentMs = Long.MIN_VALUE / 2;

        long waitMs(long nowMs) {
            return Math.max(0, lastSentMs + MIN_INTERVAL_MS - nowMs);
        }

        void sent(long nowMs) {
            lastSentMs = nowMs;
        }

        boolean refreshDue(long nowMs) {
            return nowMs - lastSentMs >= REFRESH_MS;
        }
    }

    private final String siteId;
    private final Supplier<ObjectNode> picture;
    private final Sink sink;
    private final LongSupplier wallMs;
    private final Pacer pacer = new Pacer();
    private final Object lock = new Object();
    private final Thread thread;
    private boolean changed;
    private volatile boolean closed;
    private volatile boolean connectedSinceLast;
    private ObjectNode lastContent;
    private boolean wasLive;
    private long published;

    SummaryPublisher(String siteId, Supplier<ObjectNode> picture, Sink sink, LongSupplier wallMs) {
        this.siteId = siteId;
        this.picture = picture;
        this.sink = sink;
        this.wallMs = wallMs;
        this.thread = new Thread(this::run, "lockstep-console-summary");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The picture may have changed; cheap, never blocks (called on every change the console sees). */
    void changed() {
        synchronized (lock) {
            changed = true;
            lock.notifyAll();
        }
    }

    /** The console has just (re)connected: publish the next summary whatever its content. */
    void connected() {
        connectedSinceLast = true;
        changed();
    }

    /** How many summaries went out (for tests and the log). */
    synchronized long published() {
        return published;
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (lock) {
                    long until = wallMs.getAsLong() + REFRESH_MS;
                    while (!changed && !closed && !pacer.refreshDue(wallMs.getAsLong())) {
                        lock.wait(Math.max(1, until - wallMs.getAsLong()));
                    }
                    changed = false;
                }
                long wait = pacer.waitMs(wallMs.getAsLong());
                if (wait > 0) {
                    Thread.sleep(wait); // changes meanwhile are taken by the picture read below
                }
                publishIfNeeded();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "console: fault while publishing the site summary");
            }
        }
    }

    private void publishIfNeeded() {
        long now = wallMs.getAsLong();
        ObjectNode snapshot = picture.get();
        boolean live = snapshot.path("brokerUp").asBoolean(false);
        if (!live) {
            wasLive = false; // nothing can be published; the next connect publishes whatever the content
            return;
        }
        ObjectNode content = SiteSummary.content(siteId, snapshot);
        boolean reconnected = !wasLive || connectedSinceLast;
        connectedSinceLast = false;
        wasLive = true;
        if (!reconnected && content.equals(lastContent) && !pacer.refreshDue(now)) {
            return;
        }
        ObjectNode payload = content.deepCopy();
        payload.put("asOf", java.time.Instant.ofEpochMilli(now).toString());
        try {
            sink.publishRetained(payload.toString().getBytes(StandardCharsets.UTF_8));
            pacer.sent(now);
            lastContent = content;
            synchronized (this) {
                published++;
            }
        } catch (TransportException e) {
            wasLive = false; // try again on the next change or connect
            Logger.warn("console: the site summary was not published: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
