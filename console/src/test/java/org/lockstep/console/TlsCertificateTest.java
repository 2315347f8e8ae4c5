package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;

/** The certificate the console serves: the site's own from PEM files, or one made at start; its fingerprint printed. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlsCertificateTest {
    private static final SiteConfig SITE = ConsoleDecoderTest.SITE;

    /** Writes a certificate and its key as openssl would (PEM, PKCS#8), the key 0600. */
    private static SelfSignedCert.Made pemFiles(Path cert, Path key) throws Exception {
        SelfSignedCert.Made made = SelfSignedCert.make(List.of("localhost", "127.0.0.1"), System.currentTimeMillis());
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(made.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        KeyStore ks = made.keyStore();
        byte[] pkcs8 = ks.getKey("console", SelfSignedCert.PASSWORD.toCharArray()).getEncoded();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return made;
    }

    @Test
    void the_console_serves_the_given_certificate_and_prints_its_fingerprint(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("console.crt");
        Path key = dir.resolve("console.key");
        SelfSignedCert.Made made = pemFiles(cert, key);
        TlsCertificate tls = TlsCertificate.fromPem(cert, key);
        assertEquals(SelfSignedCert.fingerprint(made.certificate().getEncoded()), tls.sha256());
        int noBroker;
        try (ServerSocket s = new ServerSocket(0)) {
            noBroker = s.getLocalPort(); // nothing listens there: the console serves the page all the same
        }
        try (Console console = new Console(SITE, MqttSettings.embedded(SITE.siteId(), noBroker), Optional.empty())
                .start("127.0.0.1", 0, tls)) {
            assertEquals(tls.sha256(), console.fingerprint());
            assertEquals(tls.sha256(), servedFingerprint(console.port()), "what a browser sees is what was printed");
        }
    }

    @Test
    void a_key_others_can_read_is_refused_with_the_fix(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("console.crt");
        Path key = dir.resolve("console.key");
        pemFiles(cert, key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        TlsCertificate.Unusable e = assertThrows(TlsCertificate.Unusable.class, () -> TlsCertificate.fromPem(cert, key));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void a_file_that_is_not_a_certificate_is_refused(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("console.crt"), "not a certificate\n");
        Path key = dir.resolve("console.key");
        pemFiles(dir.resolve("other.crt"), key);
        assertThrows(TlsCertificate.Unusable.class, () -> TlsCertificate.fromPem(cert, key));
    }

    @Test
    void a_certificate_made_at_start_is_served_with_the_fingerprint_printed() throws Exception {
        try (Console console = new Console(SITE, MqttSettings.embedded(SITE.siteId(), 1), Optional.empty())
                .start("127.0.0.1", 0)) {
            assertEquals(console.fingerprint(), servedFingerprint(console.port()));
            assertTrue(console.certificateSource().contains("self-signed"));
        }
    }

    private static String servedFingerprint(int port) throws Exception {
        SSLContext ctx = TrustAnyCertificate.context();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return SelfSignedCert.fingerprint(s.getSession().getPeerCertificates()[0].getEncoded());
        }
    }
}
