package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Assumptions;
import org.lockstep.controller.broker.BrokerAccount;
import org.lockstep.controller.broker.BrokerLayout;
import org.lockstep.controller.broker.SiteProvisioner;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * A real Mosquitto running exactly what {@code lockstep provision} made for a site (its conf, certificates, password
 * file, ACL and retained-command guard), on a free port, with the TLS listener on 127.0.0.1/localhost. Skipped with
 * a message when mosquitto, mosquitto_passwd or openssl is missing (CI installs them: .ci/run).
 */
final class ProvisionedMosquitto implements AutoCloseable {
    final SiteConfig config;
    final Path out;
    final int port = EmbeddedBroker.freePort();
    final boolean retainGuard;
    private final Process process;

    ProvisionedMosquitto(SiteConfig config, List<BrokerAccount> extra, boolean retainGuard) throws IOException {
        for (String tool : List.of("mosquitto", "mosquitto_passwd", "openssl")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (apt-get install -y mosquitto openssl):"
                    + " skipping the shipped-broker tests");
        }
        this.config = config;
        this.retainGuard = retainGuard && onPath("cc") && Files.exists(Path.of("/usr/include/mosquitto_broker.h"));
        // Mosquitto started as root drops to its own user: it must be able to reach the files.
        Path root = Files.createTempDirectory("lockstep-broker",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        out = root.resolve("site");
        BrokerLayout layout = new BrokerLayout(out.resolve("broker"), port, List.of("localhost", "127.0.0.1"),
                this.retainGuard);
        new SiteProvisioner(config, layout, SiteProvisioner.accounts(config, extra)).provision(out);
        process = new ProcessBuilder(which("mosquitto"), "-c", out.resolve("broker/lockstep.conf").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("mosquitto.log").toFile()).start();
        awaitListening(root.resolve("mosquitto.log"));
    }

    /** The client settings a controller (or tool) of this site uses: ssl://localhost, the CA, its secrets file. */
    MqttSettings clientSettings() {
        return MqttSettings.external(config.siteId(), URI.create("ssl://localhost:" + port))
                .withSecrets(out.resolve("clients").toString() + "/" + MqttSettings.CLIENT + ".secret",
                        out.resolve("clients/ca.pem"));
    }

    Path secretsOf(String account) {
        return out.resolve("clients/" + account + ".secret");
    }

    /** TLS against the site's CA, logged in as {@code account} (or anonymous if null). */
    MqttConnectOptions options(String account) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        o.setConnectionTimeout(5);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, PemKeys.trustManagers(out.resolve("clients/ca.pem")), null);
            o.setSocketFactory(NoDelaySockets.tls(ctx.getSocketFactory()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (account != null) {
            MqttSecrets s = MqttSecrets.read(secretsOf(account));
            o.setUserName(s.username());
            o.setPassword(s.password());
        }
        return o;
    }

    String tlsUrl() {
        return "ssl://localhost:" + port;
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s");
    }

    private static boolean onPath(String tool) {
        return which(tool) != null;
    }

    private static String which(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deleteTree(out.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
