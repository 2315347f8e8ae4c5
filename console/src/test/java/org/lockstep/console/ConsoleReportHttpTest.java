package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Mode;

/**
 * The after-action report over HTTPS from a real console: downloadable, self-contained, no script, and a room whose
 * name is markup ({@code <script>}) comes out as text. The broker is unreachable; the incident is fed to the console's
 * state as decoded messages.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleReportHttpTest {
    static final String EVIL = "Room <script>alert(1)</script> & \"104\"";
    private static Console console;
    private static SSLContext trustAll;

    @BeforeAll
    static void start() throws Exception {
        String yaml = Files.readString(Path.of("../deploy/site.example.yaml"));
        SiteConfig config = SiteConfigLoader.load("../deploy/site.example.yaml", new StringReader(
                yaml.replace("room: Room 104,", "room: '" + EVIL + "',")));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        console = new Console(config, MqttSettings.embedded(config.siteId(), closedPort), Optional.empty(), false)
                .start("127.0.0.1", 0);
        trustAll = TrustAnyCertificate.context();
        ConsoleState state = console.state();
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.NORMAL, false, ""), 0);
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.LOCKDOWN, true, "", "operator <b>rivera</b>",
                "drill </td><script>x()</script>"), 1_000);
        state.apply(new ConsoleDecoder.Update.Zone("east", Mode.NORMAL, false, "", "operator okafor", ""), 90_000);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    record Answer(int status, String type, String csp, String disposition, String body) {}

    private static Answer get(String path) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + console.port() + path).toURL()
                .openConnection();
        c.setSSLSocketFactory(trustAll.getSocketFactory());
        c.setHostnameVerifier((h, s) -> true);
        int status = c.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Answer a = new Answer(status, String.valueOf(c.getContentType()),
                String.valueOf(c.getHeaderField("Content-Security-Policy")),
                String.valueOf(c.getHeaderField("Content-Disposition")), body);
        c.disconnect();
        return a;
    }

    @Test
    void the_drill_is_on_api_state_and_its_report_downloads_as_inert_html() throws Exception {
        JsonNode list = Http.JSON.readTree(get("/api/state").body()).get("incidents");
        assertEquals(1, list.size());
        String id = list.at("/0/id").asText();
        assertTrue(list.at("/0/drill").asBoolean());
        Answer a = get("/report/" + id);
        assertEquals(200, a.status());
        assertTrue(a.type().toLowerCase(java.util.Locale.ROOT).replace(" ", "").equals("text/html;charset=utf-8"), a.type());
        assertEquals("attachment; filename=\"lockstep-" + id + ".html\"", a.disposition());
        assertTrue(a.csp().startsWith("default-src 'none'") && !a.csp().contains("script-src")
                && !a.csp().contains("unsafe"), a.csp());
        String html = a.body();
        assertTrue(html.contains("this console observed") && html.contains("lockstep report"), "says what it is");
        assertTrue(html.contains("DRILL"));
        assertTrue(html.contains("Room &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;104&quot;"), html);
        assertTrue(html.contains("operator &lt;b&gt;rivera&lt;/b&gt;"));
        assertTrue(html.contains("by operator okafor"));
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script element at all: " + html);
        assertFalse(html.contains("<b>"), "no markup from outside");
    }

    @Test
    void an_unknown_or_malformed_incident_id_is_404_without_echoing_markup() throws Exception {
        assertEquals(404, get("/report/i123").status());
        Answer bad = get("/report/%3Cscript%3E");
        assertEquals(404, bad.status());
        assertTrue(bad.type().startsWith("text/plain"), bad.type());
        assertEquals(404, get("/report/i" + "9".repeat(40)).status());
    }
}
