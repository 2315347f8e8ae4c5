package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same isolation as {@link SlowPageIsolationTest} through real sockets: the console's HTTPS server (Jetty), the
 * real pusher and writers, one page a TLS socket that never reads, another page read by a real HTTP client. The
 * pictures are made big (256 KiB each, 15 MiB in all) so that the kernel's buffers (an autotuned send buffer of up to
 * 4 MiB, {@code tcp_wmem}) cannot absorb them: with the pusher writing to every page itself, the pusher blocks on the
 * silent page and this test fails; an earlier attempt with console-sized pictures passed either way.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowPageOverTlsTest {
    private static final long DEADLINE_MS = 10_000;
    private static final int PICTURE_BYTES = 256 * 1024;
    private static final int CHANGES = 60;
    private static final String PAD = "x".repeat(PICTURE_BYTES);

    private final AtomicLong version = new AtomicLong();
    private final LivePages live = new LivePages(() -> "{\"v\":" + version.get() + ",\"pad\":\"" + PAD + "\"}", () -> {},
            link -> true);
    private final List<Watched> opened = new CopyOnWriteArrayList<>();
    private Javalin app;

    /** A page's real sink, watched: whether a send is under way and since when. */
    static final class Watched implements PageSink {
        final PageSink sink;
        volatile PageWriter writer;
        volatile long sendingSinceNs;

        Watched(PageSink sink) {
            this.sink = sink;
        }

        @Override
        public void send(String picture) throws IOException {
            sendingSinceNs = System.nanoTime();
            try {
                sink.send(picture);
            } finally {
                sendingSinceNs = 0;
            }
        }

        @Override
        public void sendLog(String log) throws IOException {
            sink.sendLog(log);
        }

        @Override
        public boolean gone() {
            return sink.gone();
        }

        @Override
        public void close() {
            sink.close();
        }

        long sendingForMs() {
            long since = sendingSinceNs;
            return since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        }
    }

    @AfterEach
    void stop() {
        live.close();
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void a_tls_page_that_never_reads_holds_up_only_itself_and_closing_it_frees_its_thread() throws Exception {
        app = HttpsServer.start("127.0.0.1", 0, TlsCertificate.generated(List.of("127.0.0.1"),
                System.currentTimeMillis()), c -> c.routes.sse("/events", client -> {
                    client.keepAlive();
                    Watched w = new Watched(new SsePageSink(client));
                    live.openPage(w).ifPresent(pw -> {
                        w.writer = pw;
                        client.onClose(pw::close);
                        opened.add(w);
                    });
                }));
        int port = HttpsServer.port(app);
        live.start();

        try (Socket silent = silentPage(port)) {
            await(() -> opened.size() == 1, "the silent page's stream is open");
            Watched stalled = opened.get(0);
            AtomicLong seen = new AtomicLong(-1);
            HttpClient http = HttpClient.newBuilder().sslContext(TrustAnyCertificate.context()).build();
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/events")).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            Thread reader = Thread.ofVirtual().start(() -> {
                try (Stream<String> lines = r.body()) {
                    lines.filter(l -> l.startsWith("data: {\"v\":")).forEach(l -> seen.set(Long.parseLong(
                            l.substring("data: {\"v\":".length(), l.indexOf(',')))));
                } catch (RuntimeException e) {
                    // the stream ended with the test
                }
            });
            try {
                for (int i = 1; i <= CHANGES; i++) {
                    version.set(i);
                    live.changed();
                    long want = i;
                    await(() -> seen.get() == want, () -> "the reading page got picture " + want + " (it has "
                            + seen.get() + "; the silent page's writer is in a send for " + stalled.sendingForMs()
                            + " ms)");
                }
                // The silent page really is stuck in a write (else this test would prove nothing).
                await(() -> stalled.sendingForMs() > 2_000, "the silent page's writer blocked in a send for 2 s");
                assertTrue(stalled.writer.pending() <= 1, "it holds at most one picture");

                stalled.writer.close();

                await(() -> !stalled.writer.running(), "closing the silent page freed its writer's thread");
                await(() -> live.pages() == 1, "and its place");
            } finally {
                reader.interrupt();
            }
        }
    }

    /** A TLS client that asks for the stream, with a small receive window, and then never reads. */
    private static Socket silentPage(int port) throws Exception {
        Socket plain = new Socket();
        plain.setReceiveBufferSize(4096); // before connect: it sets the window it offers
        plain.connect(new InetSocketAddress("127.0.0.1", port));
        SSLSocket tls = (SSLSocket) TrustAnyCertificate.context().getSocketFactory().createSocket(plain, "127.0.0.1",
                port, true);
        tls.startHandshake();
        OutputStream out = tls.getOutputStream();
        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return tls;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE_MS + " ms: " + what.get());
            }
            Thread.sleep(5); // polling a condition with a deadline, not a wait for a result
        }
    }
}
