package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.TestCertificates;

/**
 * {@code check-config} and the console's certificate: without {@code --console} its files are never read (every
 * controller's unit runs check-config before it starts, and the certificate lives on the office machine); with it, a
 * bad file exits 2 naming the field, one expiring soon is a warning.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CheckConfigConsoleTlsTest {
    private static final long DAY_MS = 24L * 3600 * 1000;

    @TempDir
    Path dir;

    private String site() throws Exception {
        return Files.writeString(dir.resolve("site.yaml"), Files.readString(Path.of(MainTest.SITE))
                + "\nconsole:\n  tls: { cert: tls/console.crt, key: tls/console.key }\n").toString();
    }

    private void files(long untilMs) throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        KeyPair kp = TestCertificates.keyPair();
        long now = System.currentTimeMillis();
        TestCertificates.writeCert(dir.resolve("tls/console.crt"), TestCertificates.certificate(kp, now - DAY_MS,
                untilMs));
        TestCertificates.writeKey(dir.resolve("tls/console.key"), kp);
    }

    @Test
    void a_controllers_check_never_reads_the_consoles_files_and_says_where_to_check_them() throws Exception {
        String site = site(); // no files: this is a controller, the certificate is on the office PC
        MainTest.Result r = MainTest.run("check-config", site);
        assertEquals(0, r.code(), "the console's certificate never stops a controller: " + r.err());
        assertTrue(r.out().contains("console.tls: ") && r.out().contains("lockstep check-config " + site
                + " --console"), r.out());
    }

    @Test
    void with_console_a_missing_file_exits_2_naming_the_field() throws Exception {
        String site = site();
        MainTest.Result r = MainTest.run("check-config", site, "--console");
        assertEquals(Main.INVALID_CONFIG, r.code(), r.out());
        assertTrue(r.err().contains("console.tls.cert: ") && r.err().contains("file not found")
                && r.err().contains("console.tls.key: ") && r.err().contains("the console would refuse to start"),
                r.err());
    }

    @Test
    void with_console_a_good_pair_prints_its_fingerprint() throws Exception {
        String site = site();
        files(System.currentTimeMillis() + 365 * DAY_MS);
        MainTest.Result r = MainTest.run("check-config", site, "--console");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*console\\.tls: .* are usable; SHA-256 fingerprint [0-9A-F:]{95}.*"), r.out());
    }

    @Test
    void with_console_a_certificate_expiring_soon_is_a_warning_and_exits_0() throws Exception {
        String site = site();
        files(System.currentTimeMillis() + 5 * DAY_MS);
        MainTest.Result r = MainTest.run("check-config", site, "--console");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("warning: ") && r.out().contains("console.tls.cert: ")
                && r.out().contains("renew it"), r.out());
    }
}
