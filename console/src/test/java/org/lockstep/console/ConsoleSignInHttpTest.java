package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.trust.Ed25519PrivateKey;

/**
 * Sign-in and who may send what, over real HTTPS against a real console (its broker unreachable: an action that passes
 * every guard ends at "cannot reach the broker", 503, which is how these tests see that it was not stopped earlier).
 * The site is the example school: okafor may give the ALL CLEAR, rivera may not.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleSignInHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_SENT_BROKER = "cannot reach the broker";
    @TempDir
    Path dir;
    private Console console;
    private HttpClient http;

    /** One browser: its cookie and its CSRF token. */
    private final class Page {
        String cookie;
        String csrf;

        Page() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")).GET());
            cookie = cookieOf(r);
            csrf = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie",
                    "lockstep_console=" + cookie).GET()).body()).get("csrf").asText();
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header("Cookie", "lockstep_console="
                    + cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() == 200 && r.headers().firstValue("Set-Cookie").isPresent()) {
                cookie = cookieOf(r);
                csrf = JSON.readTree(r.body()).get("csrf").asText();
            }
            return r;
        }

        HttpResponse<String> signIn(String operator, String password) throws Exception {
            return post("/api/sign-in", "{\"operator\":\"" + operator + "\",\"password\":\"" + password + "\"}");
        }

        String act(String body) throws Exception {
            HttpResponse<String> r = post("/api/action", body);
            return r.statusCode() + " " + r.body();
        }
    }

    @BeforeEach
    void start() throws Exception {
        SiteConfig config = ConsoleDecoderTest.SITE;
        SecureRandom random = new SecureRandom();
        for (String op : new String[] {"okafor", "rivera", "chen"}) {
            OperatorCredential.write(dir, op, Ed25519PrivateKey.generate(random), ("example-" + op).toCharArray(),
                    OperatorCredentialTest.CHEAP, random);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        console = new Console(config, MqttSettings.embedded(config.siteId(), closedPort),
                Optional.of(new org.lockstep.controller.trust.MessageSigner("front-desk",
                        Ed25519PrivateKey.generate(random))), false)
                .withSignIn(dir, Sessions.DEFAULT_IDLE_SIGN_OUT_MS).start("127.0.0.1", 0);
        SSLContext trustAll = TrustAnyCertificate.context();
        http = HttpClient.newBuilder().sslContext(trustAll).build();
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + console.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieOf(HttpResponse<String> r) {
        String c = r.headers().firstValue("Set-Cookie").orElseThrow();
        return c.substring(c.indexOf('=') + 1, c.indexOf(';'));
    }

    @Test
    void a_wrong_password_is_refused_and_the_right_one_gives_a_new_secure_session_showing_the_operator() throws Exception {
        Page page = new Page();
        HttpResponse<String> wrong = page.signIn("okafor", "example-rivera");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong operator or password"), wrong.body());
        HttpResponse<String> nobody = page.signIn("nobody", "example-nobody");
        assertEquals(wrong.body(), nobody.body(), "an unknown operator gets the same answer");
        String before = page.cookie;
        HttpResponse<String> ok = page.signIn("okafor", "example-okafor");
        assertEquals(200, ok.statusCode(), ok.body());
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("; Secure") && setCookie.contains("; HttpOnly")
                && setCookie.contains("; SameSite=Strict"), setCookie);
        assertNotEquals(before, page.cookie, "a new session id at sign-in");
        JsonNode op = JSON.readTree(ok.body()).get("operator");
        assertEquals("okafor", op.get("id").asText());
        assertTrue(op.get("allClear").asBoolean());
        JsonNode session = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie",
                "lockstep_console=" + page.cookie).GET()).body());
        assertEquals("okafor", session.get("operator").get("id").asText());
        String oldSession = send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie", "lockstep_console="
                + before).GET()).statusCode() + "";
        assertEquals("401", oldSession, "the session from before sign-in is gone");
    }

    @Test
    void ALL_CLEAR_and_DRILL_need_a_signed_in_operator_and_ALL_CLEAR_the_all_clear_permission() throws Exception {
        Page page = new Page();
        String allClear = page.act("{\"action\":\"all-clear\",\"zone\":\"east\"}");
        assertTrue(allClear.startsWith("403 ") && allClear.contains("needs an operator who has signed in"), allClear);
        String drill = page.act("{\"action\":\"drill\"}");
        assertTrue(drill.startsWith("403 ") && drill.contains("needs an operator"), drill);

        assertEquals(200, page.signIn("rivera", "example-rivera").statusCode());
        String riveraAllClear = page.act("{\"action\":\"all-clear\",\"zone\":\"east\"}");
        assertTrue(riveraAllClear.startsWith("403 ") && riveraAllClear.contains("rivera may not give the ALL CLEAR"),
                riveraAllClear);
        String riveraDrill = page.act("{\"action\":\"drill\"}");
        assertTrue(riveraDrill.startsWith("503 ") && riveraDrill.contains(NOT_SENT_BROKER), "passed: " + riveraDrill);

        Page principal = new Page();
        assertEquals(200, principal.signIn("okafor", "example-okafor").statusCode());
        String okaforAllClear = principal.act("{\"action\":\"all-clear\",\"zone\":\"east\"}");
        assertTrue(okaforAllClear.startsWith("503 ") && okaforAllClear.contains(NOT_SENT_BROKER), okaforAllClear);

        assertEquals(200, principal.post("/api/sign-out", "{}").statusCode());
        String afterSignOut = principal.act("{\"action\":\"all-clear\",\"zone\":\"east\"}");
        assertTrue(afterSignOut.startsWith("403 ") && afterSignOut.contains("needs an operator"), afterSignOut);
    }

    @Test
    void a_locked_out_operator_and_a_flood_of_sign_ins_never_block_LOCKDOWN() throws Exception {
        Page page = new Page();
        for (int i = 0; i < Lockout.FAILURES; i++) {
            assertEquals(401, page.signIn("chen", "guess-" + i).statusCode());
        }
        HttpResponse<String> locked = page.signIn("chen", "example-chen");
        assertEquals(403, locked.statusCode(), locked.body());
        assertTrue(locked.body().contains("locked until"), locked.body());
        String lockdown = page.act("{\"action\":\"lockdown\"}");
        assertTrue(lockdown.startsWith("503 ") && lockdown.contains(NOT_SENT_BROKER), "LOCKDOWN passed: " + lockdown);
        String secure = new Page().act("{\"action\":\"secure\",\"zone\":\"east\"}");
        assertTrue(secure.startsWith("503 ") && secure.contains(NOT_SENT_BROKER), secure);
    }

    @Test
    void sign_in_passes_the_same_csrf_and_json_checks_as_an_action() throws Exception {
        Page page = new Page();
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri("/api/sign-in")).header("Cookie",
                "lockstep_console=" + page.cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"operator\":\"okafor\",\"password\":\"example-okafor\"}")));
        assertEquals(403, noToken.statusCode(), noToken.body());
        assertEquals(400, page.post("/api/sign-in", "{\"operator\":\"okafor\"}").statusCode());
        assertEquals(400, page.post("/api/sign-in", "{\"operator\":\"okafor\",\"password\":\"x\",\"as\":\"root\"}")
                .statusCode());
    }
}
