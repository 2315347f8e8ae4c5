package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.trust.Ed25519PrivateKey;
import org.lockstep.controller.trust.MessageSigner;

/**
 * A real console (HTTPS; its broker unreachable, so an action that passes every guard ends at "cannot reach the
 * broker", 503) started with {@code --data DIR}, stopped and started again on the same directory: the drill log and
 * the sign-in lockout are still there, and the lockout still never blocks LOCKDOWN.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleDataRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SiteConfig CONFIG = ConsoleDecoderTest.SITE;
    private static final SecureRandom RANDOM = new SecureRandom();
    @TempDir
    Path tmp;
    private Console console;
    private final HttpClient http = HttpClient.newBuilder().sslContext(TrustAnyCertificate.context()).build();

    ConsoleDataRestartTest() throws Exception {}

    /** Starts a console as 'lockstep console --data DIR --operators DIR' builds it. */
    private Console start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        console = new Console(CONFIG, MqttSettings.embedded(CONFIG.siteId(), closedPort),
                Optional.of(new MessageSigner("front-desk", Ed25519PrivateKey.generate(RANDOM))), false)
                .withData(tmp.resolve("data")).withSignIn(tmp.resolve("operators"), Sessions.DEFAULT_IDLE_SIGN_OUT_MS)
                .start("127.0.0.1", 0);
        return console;
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + console.port() + path);
    }

    @Test
    void the_drill_log_survives_a_restart_and_the_lockdown_open_at_the_stop_is_shown_interrupted() throws Exception {
        start();
        ConsoleState state = console.state();
        long t = System.currentTimeMillis();
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.NORMAL, false, ""), t);
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.LOCKDOWN, true, "", "operator rivera", ""), t + 1);
        console.close();

        start();
        JsonNode s = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/state")).GET()).body());
        JsonNode i = s.at("/incidents/0");
        assertEquals("operator rivera", i.get("trigger").asText(), s.get("incidents").toString());
        assertTrue(i.get("open").asBoolean() && i.get("interrupted").asBoolean(), i.toString());
        assertEquals(tmp.resolve("data").resolve(IncidentStore.FILE).toString(), s.at("/drillLog/file").asText());
        HttpResponse<String> report = send(HttpRequest.newBuilder(uri("/report/" + i.get("id").asText())).GET());
        assertEquals(200, report.statusCode());
        assertTrue(report.body().contains("INTERRUPTED") && report.body().contains("did not watch it from"),
                report.body());
    }

    @Test
    void a_lockout_survives_a_restart_and_still_never_blocks_LOCKDOWN() throws Exception {
        OperatorCredential.write(tmp.resolve("operators"), "chen", Ed25519PrivateKey.generate(RANDOM),
                "example-chen".toCharArray(), OperatorCredentialTest.CHEAP, RANDOM);
        start();
        for (int i = 0; i < Lockout.FAILURES; i++) {
            assertEquals(401, new Page().signIn("chen", "guess-" + i).statusCode());
        }
        console.close();

        start();
        Page page = new Page();
        HttpResponse<String> locked = page.signIn("chen", "example-chen");
        assertEquals(403, locked.statusCode(), "still locked out after the restart: " + locked.body());
        assertTrue(locked.body().contains("locked until"), locked.body());
        String lockdown = page.act("{\"action\":\"lockdown\"}");
        assertTrue(lockdown.startsWith("503 ") && lockdown.contains("cannot reach the broker"),
                "LOCKDOWN passed every guard: " + lockdown);
    }

    @Test
    void lockstep_console_refuses_a_data_directory_others_can_write_naming_it_and_the_fix() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new ConsoleCli().run(List.of("--config", "../deploy/site.example.yaml", "--listen",
                        "127.0.0.1:0", "--mqtt-port", "1", "--data", open.toString()), errs, errs));
        assertEquals(Main.FAILED, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(open.toString()) && text.contains("chmod 700 " + open), text);
    }

    /** One browser: its cookie and its CSRF token. */
    private final class Page {
        String cookie;
        String csrf;

        Page() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).GET());
            String c = r.headers().firstValue("Set-Cookie").orElseThrow();
            cookie = c.substring(c.indexOf('=') + 1, c.indexOf(';'));
            csrf = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie",
                    "lockstep_console=" + cookie).GET()).body()).get("csrf").asText();
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Cookie", "lockstep_console=" + cookie)
                    .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> signIn(String operator, String password) throws Exception {
            return post("/api/sign-in", "{\"operator\":\"" + operator + "\",\"password\":\"" + password + "\"}");
        }

        String act(String body) throws Exception {
            HttpResponse<String> r = post("/api/action", body);
            return r.statusCode() + " " + r.body();
        }
    }
}
