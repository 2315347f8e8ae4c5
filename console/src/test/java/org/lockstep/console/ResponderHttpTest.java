package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.trust.Ed25519PrivateKey;
import org.lockstep.controller.trust.MessageSigner;

/**
 * The responder view over real HTTPS against a real console (its broker unreachable, as in
 * {@link ConsoleSignInHttpTest}: an action that got past every guard would end at 503 "cannot reach the broker").
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResponderHttpTest {
    private static final long DEADLINE_MS = 10_000;
    @TempDir
    Path dir;
    private Console console;
    private HttpClient http;
    private String token;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SiteConfig config = ConsoleDecoderTest.SITE;
        SecureRandom random = new SecureRandom();
        token = ResponderLinks.newToken(random);
        ResponderLinks.write(dir, List.of(new ResponderLinks.Link("sro-phone", Instant.now(),
                ResponderLinks.hash(token).orElseThrow())));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        console = new Console(config, MqttSettings.embedded(config.siteId(), closedPort),
                Optional.of(new MessageSigner("front-desk", Ed25519PrivateKey.generate(random))), false)
                .withResponders(dir).start("127.0.0.1", 0);
        http = HttpClient.newBuilder().sslContext(TrustAnyCertificate.context()).build();
    }

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
        if (console != null) {
            console.close();
        }
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + console.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An open event stream: its lines as they come, and whether the server has ended it. */
    private final class Events {
        final int status;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);

        Events(String path) throws Exception {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri(path))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            status = r.statusCode();
            Thread t = Thread.ofVirtual().start(() -> {
                try (Stream<String> s = r.body()) {
                    s.forEach(lines::add);
                } catch (RuntimeException e) {
                    // the connection was cut: that ends the stream too
                } finally {
                    ended.countDown();
                }
            });
            cleanup.add(t::interrupt);
        }

        /** The next state event's data, waiting up to the deadline. */
        String nextState() throws InterruptedException {
            long until = System.currentTimeMillis() + DEADLINE_MS;
            boolean stateEvent = false;
            while (System.currentTimeMillis() < until) {
                String line = lines.poll(until - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    break;
                }
                if (line.equals("event: state")) {
                    stateEvent = true;
                } else if (stateEvent && line.startsWith("data: ")) {
                    return line.substring("data: ".length());
                }
            }
            throw new AssertionError("no state event within " + DEADLINE_MS + " ms");
        }
    }

    @Test
    void the_token_opens_a_read_only_page_with_no_session_and_a_live_stream() throws Exception {
        HttpResponse<String> page = get("/r/" + token);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("responder view"), page.body());
        assertFalse(page.body().contains("data-action") || page.body().contains("id=\"sign-in")
                || page.body().contains("/console.js"), "no actions, no sign-in and not the office's script");
        assertTrue(page.headers().firstValue("Set-Cookie").isEmpty(), "no session for a responder");
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));

        Events events = new Events("/r/" + token + "/events");
        assertEquals(200, events.status);
        String state = events.nextState();
        assertTrue(state.contains("\"zones\"") && state.contains("Room 104"), state);
        assertEquals(200, get("/responder.js").statusCode());
        assertEquals(200, get("/picture.js").statusCode());
    }

    @Test
    void an_unknown_or_malformed_token_is_a_plain_404_that_says_nothing_about_tokens() throws Exception {
        String other = ResponderLinks.newToken(new SecureRandom());
        for (String path : List.of("/r/" + other, "/r/" + other + "/events", "/r/x", "/r/" + token + "x",
                "/r/" + token.substring(1))) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("Not found", r.body(), path);
        }
        assertEquals(404, new Events("/r/" + other + "/events").status);
    }

    @Test
    void revoking_the_link_closes_its_open_stream_and_the_page_is_404_without_a_restart() throws Exception {
        Events events = new Events("/r/" + token + "/events");
        events.nextState();
        String other = ResponderLinks.newToken(new SecureRandom());
        ResponderLinks.write(dir, List.of(new ResponderLinks.Link("police", Instant.now(),
                ResponderLinks.hash(other).orElseThrow()))); // sro-phone revoked, police added: the file changed
        assertTrue(events.ended.await(DEADLINE_MS, TimeUnit.MILLISECONDS), "the revoked link's stream was closed");
        assertEquals(404, get("/r/" + token).statusCode());
        assertEquals(404, get("/r/" + token + "/events").statusCode());
        assertEquals(200, get("/r/" + other).statusCode(), "the new link works at once");
    }

    @Test
    void a_links_file_loosened_while_running_lets_no_token_in_until_it_is_fixed() throws Exception {
        Path f = dir.resolve("responders.txt");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(404, get("/r/" + token).statusCode());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertEquals(200, get("/r/" + token).statusCode());
    }

    @Test
    void nothing_the_responder_page_holds_can_act_or_sign_in() throws Exception {
        HttpResponse<String> page = get("/r/" + token);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertEquals(List.of(), cookies);
        assertEquals(401, get("/api/session").statusCode(), "no session: no CSRF token to be had");
        for (String path : List.of("/api/action", "/api/sign-in", "/api/sign-out")) {
            for (String cookie : List.of("", "lockstep_console=" + token)) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                        .header("X-CSRF-Token", token).header("Origin", "https://127.0.0.1:" + console.port())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"lockdown\"}"));
                if (!cookie.isEmpty()) {
                    b.header("Cookie", cookie);
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, r.statusCode(), path + " " + cookie + ": " + r.body());
            }
        }
        HttpResponse<String> postHere = http.send(HttpRequest.newBuilder(uri("/r/" + token)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"lockdown\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(postHere.statusCode() == 404 || postHere.statusCode() == 405, postHere.statusCode() + "");
    }

    @Test
    void responder_pages_have_their_own_limit_so_a_passed_around_link_cannot_crowd_out_the_office() throws Exception {
        List<Events> open = new ArrayList<>();
        for (int i = 0; i < LivePages.MAX_RESPONDER_PAGES; i++) {
            Events e = new Events("/r/" + token + "/events");
            e.nextState();
            open.add(e);
        }
        Events oneMore = new Events("/r/" + token + "/events");
        assertTrue(oneMore.ended.await(DEADLINE_MS, TimeUnit.MILLISECONDS), "one past the limit is closed at once");
        assertTrue(open.stream().allMatch(e -> e.ended.getCount() == 1), "the others stay open");
        Events office = new Events("/events");
        assertTrue(office.nextState().contains("\"zones\""), "the office's page still gets its stream");
    }

    @Test
    void a_console_without_responders_answers_every_link_with_the_same_404() throws Exception {
        console.close();
        SiteConfig config = ConsoleDecoderTest.SITE;
        console = new Console(config, MqttSettings.embedded(config.siteId(), 1), Optional.empty(), false)
                .start("127.0.0.1", 0);
        HttpResponse<String> r = get("/r/" + token);
        assertEquals(404, r.statusCode());
        assertEquals("Not found", r.body());
    }
}
