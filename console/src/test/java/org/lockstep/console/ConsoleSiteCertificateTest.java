package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.Main;

/**
 * {@code lockstep console} as it runs in production ({@link ConsoleCli}): it serves the certificate the site file names,
 * {@code --tls-cert} wins over it, a bad one stops the start naming the field, and with {@code --data} the self-signed
 * one survives a restart. A TLS client reads the served certificate and compares its fingerprint.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleSiteCertificateTest {
    private static final long YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final Pattern STARTED = Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)/.*\\nTLS certificate (.*);"
            + " SHA-256 fingerprint ([0-9A-F:]{95})");

    @TempDir
    Path dir;

    /** The example school's site file, copied beside {@code tls/} with {@code console} appended. */
    private Path site(String console) throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        return Files.writeString(dir.resolve("site.yaml"), Files.readString(Path.of("../deploy/site.example.yaml"))
                + "\n" + console);
    }

    /** A certificate made {@code nowMs} (valid a year from then) and its key (600), as PEM files; its fingerprint. */
    private static String pemPair(Path cert, Path key, long nowMs) throws Exception {
        Files.createDirectories(cert.getParent());
        SelfSignedCert.Made made = SelfSignedCert.make(List.of("localhost", "127.0.0.1"), nowMs);
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(made.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        byte[] pkcs8 = made.keyStore().getKey("console", SelfSignedCert.PASSWORD.toCharArray()).getEncoded();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return fingerprintOfFile(cert);
    }

    /** Computed from the file, apart from the console's code. */
    private static String fingerprintOfFile(Path cert) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(cert))
                .getEncoded();
        return SelfSignedCert.fingerprint(der);
    }

    /** A running {@code lockstep console}: its port, what it printed, and the fingerprint a TLS client was served. */
    private record Running(int port, String source, String printed, String served) {}

    /** Starts {@code lockstep console ARGS} (no broker), reads what it serves, stops it. */
    private static Running run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> argv = new java.util.ArrayList<>(List.of("--listen", "127.0.0.1:0", "--mqtt-port", "1"));
        argv.addAll(List.of(args));
        Thread t = new Thread(() -> {
            try {
                new ConsoleCli().run(argv, out, out);
            } catch (Exception e) {
                e.printStackTrace(out);
            }
        }, "console-under-test");
        t.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Matcher m = STARTED.matcher("");
            while (!(m = STARTED.matcher(text(bytes))).find()) {
                assertTrue(t.isAlive() && System.nanoTime() < deadline, "the console did not start: " + text(bytes));
                Thread.sleep(20);
            }
            int port = Integer.parseInt(m.group(1));
            return new Running(port, m.group(2), m.group(3), served(port));
        } finally {
            t.interrupt(); // what Ctrl-C does: run() returns and closes the console
            t.join(30_000);
            assertTrue(!t.isAlive(), "the console did not stop");
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static String served(int port) throws Exception {
        try (SSLSocket s = (SSLSocket) TrustAnyCertificate.context().getSocketFactory().createSocket("127.0.0.1",
                port)) {
            s.startHandshake();
            return SelfSignedCert.fingerprint(s.getSession().getPeerCertificates()[0].getEncoded());
        }
    }

    @Test
    void the_console_serves_the_certificate_the_site_file_names() throws Exception {
        String expected = pemPair(dir.resolve("tls/console.crt"), dir.resolve("tls/console.key"),
                System.currentTimeMillis());
        Path site = site("console:\n  tls: { cert: tls/console.crt, key: tls/console.key }\n");
        Running r = run("--config", site.toString());
        assertEquals(expected, r.served(), "what a browser is served is the site file's certificate");
        assertEquals(expected, r.printed(), "and it is the fingerprint printed at start");
        assertTrue(r.source().contains("console.tls in " + site), r.source());
    }

    @Test
    void tls_cert_on_the_command_line_wins_over_the_site_file_and_says_so() throws Exception {
        pemPair(dir.resolve("tls/console.crt"), dir.resolve("tls/console.key"), System.currentTimeMillis());
        String flags = pemPair(dir.resolve("other.crt"), dir.resolve("other.key"), System.currentTimeMillis());
        Path site = site("console:\n  tls: { cert: tls/console.crt, key: tls/console.key }\n");
        Running r = run("--config", site.toString(), "--tls-cert", dir.resolve("other.crt").toString(), "--tls-key",
                dir.resolve("other.key").toString());
        assertEquals(flags, r.served());
        assertTrue(r.source().contains("--tls-cert, which wins over console.tls"), r.source());
    }

    @Test
    void an_expired_site_certificate_stops_the_start_naming_the_field() throws Exception {
        pemPair(dir.resolve("tls/console.crt"), dir.resolve("tls/console.key"), System.currentTimeMillis() - 2 * YEAR_MS);
        Path site = site("console:\n  tls: { cert: tls/console.crt, key: tls/console.key }\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new ConsoleCli().run(List.of("--config",
                site.toString(), "--listen", "127.0.0.1:0", "--mqtt-port", "1"), errs, errs));
        assertEquals(Main.FAILED, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("console.tls.cert: ") && text.contains("expired on")
                && text.contains("nothing was started"), text);
    }

    @Test
    void with_data_the_self_signed_certificate_survives_a_restart_and_an_untrusted_one_is_replaced() throws Exception {
        Path site = site("");
        Path data = dir.resolve("data");
        Running first = run("--config", site.toString(), "--data", data.toString());
        assertEquals(first.printed(), first.served());
        assertTrue(first.source().contains("made now and kept in " + data), first.source());
        Path key = data.resolve(SavedSelfSignedCert.KEY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        Running second = run("--config", site.toString(), "--data", data.toString());
        assertEquals(first.served(), second.served(), "the fingerprint a front office compared stays the same");
        assertTrue(second.source().contains("kept in " + data + " since"), second.source());

        // A key that is not the certificate's (a half-written pair, or someone's swap) is not trusted.
        pemPair(dir.resolve("x.crt"), dir.resolve("x.key"), System.currentTimeMillis());
        Files.copy(dir.resolve("x.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Running third = run("--config", site.toString(), "--data", data.toString());
        assertNotEquals(first.served(), third.served());
        assertEquals(third.printed(), third.served());
        assertTrue(third.source().contains("A NEW FINGERPRINT") && third.source().contains("is not the private key"),
                third.source());

        // A key others could read may have been copied: replaced too.
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Running fourth = run("--config", site.toString(), "--data", data.toString());
        assertNotEquals(third.served(), fourth.served());
        assertTrue(fourth.source().contains("A NEW FINGERPRINT") && fourth.source().contains("chmod 600"),
                fourth.source());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void a_kept_self_signed_certificate_that_expires_within_30_days_is_replaced_before_it_does() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path cert = data.resolve(SavedSelfSignedCert.CERT);
        String old = pemPair(cert, data.resolve(SavedSelfSignedCert.KEY), System.currentTimeMillis() - YEAR_MS
                + 10 * 24 * 3600 * 1000L); // a year's certificate with 10 days left
        Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-------"));
        Running r = run("--config", site("").toString(), "--data", data.toString());
        assertNotEquals(old, r.served());
        assertEquals(r.printed(), r.served());
        assertTrue(r.source().contains("A NEW FINGERPRINT") && r.source().contains("expires on"), r.source());
        assertEquals(r.served(), fingerprintOfFile(cert), "the new one is kept");
    }

    @Test
    void without_data_a_self_signed_certificate_is_made_at_each_start() throws Exception {
        Path site = site("");
        Running r = run("--config", site.toString());
        assertEquals(r.printed(), r.served());
        assertTrue(r.source().contains("made at start"), r.source());
    }
}
