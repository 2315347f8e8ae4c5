package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.console.Console;
import org.lockstep.controller.broker.BrokerAccount;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * {@code lockstep console} against the broker {@code lockstep provision} makes (real Mosquitto: TLS, accounts, ACL):
 * it logs in as its provisioned account, not as its per-process client name. Skipped without mosquitto (CI has it).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleOnProvisionedBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProvisionedMosquitto broker;
    private static SiteConfig config;
    private static String p;

    @BeforeAll
    static void start() throws Exception {
        SiteConfig loaded = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        config = loaded.withKeys(MqttFixture.keys(loaded.site()));
        broker = new ProvisionedMosquitto(config, List.of(new BrokerAccount("front-desk", BrokerAccount.Role.CONSOLE),
                new BrokerAccount("office", BrokerAccount.Role.OFFICE)), false);
        p = Topics.of(config.mqtt()).prefix();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void two_consoles_of_one_account_log_in_side_by_side_and_the_first_publishes_the_summary() throws Exception {
        try (TestClient office = new TestClient(broker.tlsUrl(), "office-watch", broker.options("office"))
                .subscribe(p + "/site/summary");
                Console first = new Console(config, broker.clientSettings(),
                        Optional.of(MqttFixture.signer("front-desk"))).start("127.0.0.1", 0)) {
            // Only a console account may write the summary (ACL): seeing it live proves the login as front-desk.
            office.awaitMessage(0, m -> m.json().path("live").asBoolean(), WAIT, "the first console's live summary");
            try (Console second = new Console(config, broker.clientSettings(),
                    Optional.of(MqttFixture.signer("front-desk")), false, "front-desk").start("127.0.0.1", 0)) {
                TestClient.await(() -> brokerUp(second), WAIT, "the second console live on the same account");
                // A round trip through the broker after the second login: a takeover of the first's session (one
                // client id for both) would by now have fired its not-live will and dropped its connection.
                String marker = p + "/cmd/zone/marker-" + System.nanoTime();
                office.subscribe(marker);
                office.publish(marker, "{}");
                office.awaitMessage(0, m -> m.topic().equals(marker), WAIT, "the marker");
                assertTrue(brokerUp(first), "the first console is still live");
                assertFalse(office.all().stream().anyMatch(m -> m.topic().equals(p + "/site/summary")
                        && !m.json().path("live").asBoolean()), "a not-live summary (the first console dropped)");
            }
        }
    }

    @Test
    void an_account_without_a_secrets_file_is_refused_at_start_naming_the_file() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new Console(config, broker.clientSettings(), Optional.empty(), true, "nobody"));
        assertTrue(e.getMessage().contains("nobody.secret"), e.getMessage());
    }

    private static boolean brokerUp(Console console) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + console.port()
                    + "/api/state").toURL().openConnection();
            c.setSSLSocketFactory(trustAll().getSocketFactory());
            c.setHostnameVerifier((h, s) -> true);
            try (InputStream in = c.getInputStream()) {
                return JSON.readTree(in).path("brokerUp").asBoolean(false);
            } finally {
                c.disconnect();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }
}
