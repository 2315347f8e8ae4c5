package org.lockstep.console;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.tinylog.Logger;

/**
 * The open pages and the pusher that feeds them. The pusher wakes on a change and at least every
 * {@link #HEARTBEAT_MS}, and pushes at most once per {@link #PUSH_GAP_MS}: a change after a quiet spell goes out at
 * once, and the changes that come while a push is too recent wait for the gap to pass and go out together (a lockdown's
 * 64 statuses are a few pushes, not 64 redraws). Each push takes the picture once and offers it to each page's
 * {@link PageWriter}, which never blocks: the pusher never writes to a page itself, so a page that stops reading holds
 * up only its own writer. The office's pages and the responders' pages are counted apart, each with its own limit.
 */
final class LivePages implements AutoCloseable {
    /** The picture is pushed at least this often even when nothing changed: the page's proof the stream is alive. */
    static final long HEARTBEAT_MS = 1_000;
    /**
     * The least time between two pushes. A pause <em>before</em> every push (as the pusher had) cost every change up
     * to this much; a gap <em>after</em> a push bounds the redraws the same way and lets a lone change out at once.
     */
    static final long PUSH_GAP_MS = 25;
    /** Live pages at once; one more is told so and closed (its page shows NOT LIVE and retries). */
    static final int MAX_BROWSERS = 64;
    /** Responder pages at once, counted apart so a leaked link cannot crowd out the office's pages. */
    static final int MAX_RESPONDER_PAGES = 32;

    /**
     * What the office's pages get beside the picture, resent only when its version moves: the drill log's settled
     * incidents, which never change and are most of a full log (responder pages do not show the drill log).
     */
    record SettledLog(LongSupplier version, Supplier<String> text) {}

    /** A responder page: its writer and the link it was opened with, checked before every push. */
    private record ResponderPage(PageWriter writer, ResponderLinks.Link link) {}

    private final Supplier<String> picture;
    private final Optional<SettledLog> log;
    private long logSent; // the pusher's own, once started
    private final Runnable eachPush;
    private final Predicate<ResponderLinks.Link> stillValid;
    private final Set<PageWriter> pages = new CopyOnWriteArraySet<>();
    private final Set<ResponderPage> responderPages = new CopyOnWriteArraySet<>();
    private final Object dirtyLock = new Object();
    private boolean dirty;
    private final Thread pusher;
    private volatile boolean closed;

    /**
     * @param picture the page's picture now, as sent
     * @param eachPush run on the pusher's thread before each push (idle sign-out rides on its tick)
     * @param stillValid whether a responder link still opens the view (a revoked one's pages are closed)
     */
    LivePages(Supplier<String> picture, Runnable eachPush, Predicate<ResponderLinks.Link> stillValid) {
        this(picture, Optional.empty(), eachPush, stillValid);
    }

    /** @param log sent to each office page when it opens and whenever its version moves, before the picture */
    LivePages(Supplier<String> picture, Optional<SettledLog> log, Runnable eachPush,
            Predicate<ResponderLinks.Link> stillValid) {
        this.picture = picture;
        this.log = log;
        this.eachPush = eachPush;
        this.stillValid = stillValid;
        this.pusher = new Thread(this::push, "lockstep-console-sse");
        pusher.setDaemon(true);
    }

    void start() {
        // a page gets the log as it opens; the pusher resends it only when it moves from here
        log.ifPresent(l -> logSent = l.version().getAsLong());
        pusher.start();
    }

    /** The picture may have changed; cheap, never blocks. */
    void changed() {
        synchronized (dirtyLock) {
            dirty = true;
            dirtyLock.notifyAll();
        }
    }

    /** An office page's stream; at the limit it is closed at once. Empty if refused. */
    Optional<PageWriter> openPage(PageSink sink) {
        if (pages.size() >= MAX_BROWSERS) {
            Logger.warn("console: {} pages open already; refused one more", MAX_BROWSERS);
            sink.close();
            return Optional.empty();
        }
        PageWriter w = new PageWriter(sink, pages::remove);
        pages.add(w);
        log.ifPresent(l -> w.offerLog(l.text().get()));
        return Optional.of(started(w));
    }

    /** A responder page's stream, for {@code link}; at the limit it is closed at once. Empty if refused. */
    Optional<PageWriter> openResponderPage(PageSink sink, ResponderLinks.Link link) {
        if (responderPages.size() >= MAX_RESPONDER_PAGES) {
            Logger.warn("console: {} responder pages open already; refused one more ({})", MAX_RESPONDER_PAGES,
                    link.name());
            sink.close();
            return Optional.empty();
        }
        PageWriter w = new PageWriter(sink, ended -> responderPages.removeIf(p -> p.writer() == ended));
        responderPages.add(new ResponderPage(w, link));
        Logger.info("console: responder page opened with the link of {}", link.name()); // the name, never the token
        return Optional.of(started(w));
    }

    private PageWriter started(PageWriter w) {
        w.start();
        w.offer(picture.get()); // the page draws at once, not at the next change
        return w;
    }

    /** Office pages open now. */
    int pages() {
        return pages.size();
    }

    /** Responder pages open now. */
    int responderPages() {
        return responderPages.size();
    }

    private void push() {
        long lastPush = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(PUSH_GAP_MS);
        while (!closed) {
            try {
                synchronized (dirtyLock) {
                    if (!dirty) {
                        dirtyLock.wait(HEARTBEAT_MS);
                    }
                }
                long wait = lastPush + TimeUnit.MILLISECONDS.toNanos(PUSH_GAP_MS) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                synchronized (dirtyLock) {
                    dirty = false; // after the gap: what changed during it is in this picture, not a push of its own
                }
                lastPush = System.nanoTime();
                eachPush.run();
                String text = picture.get();
                Optional<String> newLog = changedLog(); // after the picture: taking it may settle an incident
                for (PageWriter w : pages) {
                    newLog.ifPresent(w::offerLog);
                    w.offer(text);
                }
                for (ResponderPage p : responderPages) {
                    if (stillValid.test(p.link())) {
                        p.writer().offer(text);
                    } else {
                        Logger.info("console: closed a responder page of {}: its link was revoked", p.link().name());
                        responderPages.remove(p);
                        p.writer().close();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "console: fault while pushing to the browsers");
            }
        }
    }

    /** The settled log's text if its version moved since the last push. */
    private Optional<String> changedLog() {
        if (log.isEmpty()) {
            return Optional.empty();
        }
        long v = log.get().version().getAsLong();
        if (v == logSent) {
            return Optional.empty();
        }
        logSent = v;
        return Optional.of(log.get().text().get());
    }

    @Override
    public void close() {
        closed = true;
        pusher.interrupt();
        pages.forEach(PageWriter::close);
        responderPages.forEach(p -> p.writer().close());
    }
}
