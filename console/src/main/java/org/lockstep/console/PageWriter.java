package org.lockstep.console;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One open page's writer: its own virtual thread sends the newest picture to the page's {@link PageSink}. It holds at
 * most one picture not yet sent, and a newer one replaces it (newest wins, never a queue that grows): a page that stops
 * reading blocks only this thread, never the pusher or another page, and when it reads again it gets the present, not
 * a backlog of the past. The drill log's settled incidents ({@link #offerLog}) ride the same way: the newest waiting one
 * goes out just before the next picture.
 */
final class PageWriter {
    private final PageSink sink;
    private final Consumer<PageWriter> ended;
    private final ArrayBlockingQueue<String> next = new ArrayBlockingQueue<>(1);
    private final AtomicReference<String> nextLog = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /** @param ended called once when the writer stops, whatever the reason (its group forgets it) */
    PageWriter(PageSink sink, Consumer<PageWriter> ended) {
        this.sink = sink;
        this.ended = ended;
        this.thread = Thread.ofVirtual().name("lockstep-console-page").unstarted(this::write);
    }

    void start() {
        thread.start();
    }

    /** Never blocks: replaces the picture waiting, if any. */
    void offer(String picture) {
        while (!next.offer(picture)) {
            next.poll(); // the newest picture wins
        }
    }

    /** Never blocks: replaces the log waiting, if any; it is sent before the next picture (offer one after it). */
    void offerLog(String log) {
        nextLog.set(log);
    }

    /** Pictures waiting to be sent: 0 or 1. */
    int pending() {
        return next.size();
    }

    /** Whether its thread still runs. */
    boolean running() {
        return thread.isAlive();
    }

    /** Ends the page's stream and frees the thread, even one blocked in a send. Idempotent. */
    void close() {
        closed = true;
        sink.close();
        thread.interrupt(); // for a sink that ignores a close; Jetty's blocked write already fails on the close
    }

    private void write() {
        try {
            while (!closed && !sink.gone()) {
                String picture = next.poll(LivePages.HEARTBEAT_MS, TimeUnit.MILLISECONDS);
                if (picture != null) {
                    String log = nextLog.getAndSet(null);
                    if (log != null) {
                        sink.sendLog(log); // first: the picture's incidentOrder may name an incident only the log has
                    }
                    sink.send(picture);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the page went away mid-write: forget it (its EventSource reconnects if it is still there)
        } finally {
            sink.close();
            ended.accept(this);
        }
    }
}
