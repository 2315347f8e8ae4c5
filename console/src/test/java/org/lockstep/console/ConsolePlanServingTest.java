package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;

/**
 * The console serves the plans the site file names, by floor id, and nothing else: no path from a request reaches the
 * file system. A real console over HTTPS (its broker unreachable: the page is served all the same).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsolePlanServingTest {
    private static Console console;
    private static SSLContext trustAll;

    @BeforeAll
    static void start() throws Exception {
        SiteConfig config = ConsoleDecoderTest.SITE;
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        console = new Console(config, MqttSettings.embedded(config.siteId(), closedPort), Optional.empty(), false)
                .start("127.0.0.1", 0);
        trustAll = TrustAnyCertificate.context();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    record Answer(int status, String type, String csp, byte[] body) {}

    /** A GET with the path sent as written (no client-side normalisation of "..": URI.toURL keeps it). */
    private static Answer get(String rawPath) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + console.port() + rawPath).toURL()
                .openConnection();
        c.setSSLSocketFactory(trustAll.getSocketFactory());
        c.setHostnameVerifier((h, s) -> true);
        int status = c.getResponseCode();
        byte[] body;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        Answer a = new Answer(status, String.valueOf(c.getContentType()),
                String.valueOf(c.getHeaderField("Content-Security-Policy")), body);
        ((HttpURLConnection) c).disconnect();
        return a;
    }

    @Test
    void a_floor_named_in_the_site_file_gets_its_plan_as_an_svg_image_under_a_sandbox_policy() throws Exception {
        Answer a = get("/plan/ground");
        assertEquals(200, a.status());
        assertEquals("image/svg+xml", a.type());
        assertTrue(a.csp().contains("sandbox") && a.csp().contains("default-src 'none'"), a.csp());
        assertArrayEquals(Files.readAllBytes(Path.of("../deploy/lincoln-ground.svg")), a.body());
        assertEquals(200, get("/plan/first").status());
    }

    @Test
    void any_other_name_is_404_and_no_path_reaches_the_file_system() throws Exception {
        for (String path : new String[] {"/plan/roof", "/plan/lincoln-ground.svg", "/plan/..%2Fsite.example.yaml",
                "/plan/../site.example.yaml", "/plan/%2e%2e/%2e%2e/deploy/site.example.yaml", "/lincoln-ground.svg",
                "/site.example.yaml", "/plan/ground/../../site.example.yaml", "/plan/"}) {
            Answer a = get(path);
            assertNotEquals(200, a.status(), path);
            assertTrue(a.status() == 404 || a.status() == 400, path + " -> " + a.status());
            assertTrue(!new String(a.body()).contains("controllers:"), path + " served the site file");
        }
    }

    @Test
    void the_map_script_and_style_are_served_and_the_page_loads_them() throws Exception {
        assertEquals(200, get("/map.js").status());
        assertTrue(get("/map.js").type().startsWith("text/javascript"));
        assertTrue(get("/map.css").type().startsWith("text/css"));
        String page = new String(get("/").body());
        assertTrue(page.contains("<script src=\"/map.js\" defer></script>"), page);
        assertTrue(get("/").csp().contains("img-src 'self'"), "the page may show the plan images");
    }
}
