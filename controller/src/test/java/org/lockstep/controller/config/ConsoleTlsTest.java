package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site file's {@code console: tls:} section and its files: the section's shape is checked by every loader; the
 * files by {@link ConsoleTlsFiles}, each broken case refused naming the file, the field and what to do.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleTlsTest {
    private static final long DAY_MS = 24L * 3600 * 1000;
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path dir;

    private Path site(String console) throws Exception {
        return Files.writeString(dir.resolve("site.yaml"), SiteConfigLoaderTest.HEADER + console);
    }

    private ConsoleTls tls() throws Exception {
        return SiteConfigLoader.load(site("""
                console:
                  tls: { cert: tls/console.crt, key: tls/console.key }
                """)).consoleTls().orElseThrow();
    }

    /** A good pair under dir/tls, valid from {@code fromMs} to {@code untilMs}. */
    private KeyPair files(long fromMs, long untilMs) throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        KeyPair kp = TestCertificates.keyPair();
        TestCertificates.writeCert(dir.resolve("tls/console.crt"), TestCertificates.certificate(kp, fromMs, untilMs));
        TestCertificates.writeKey(dir.resolve("tls/console.key"), kp);
        return kp;
    }

    private ConsoleTlsFiles.Checked check() throws Exception {
        return ConsoleTlsFiles.check(tls(), NOW);
    }

    private static String only(List<ConfigProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst().toString();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    // ---- the section, as every loader (controllers too) reads it

    @Test
    void paths_are_read_from_the_site_files_directory_and_absolute_ones_kept() throws Exception {
        ConsoleTls t = tls();
        assertEquals(dir.resolve("tls/console.crt").toAbsolutePath(), t.cert());
        assertEquals(dir.resolve("tls/console.key").toAbsolutePath(), t.key());
        assertEquals("console.tls.key", t.keyAt().path());
        ConsoleTls abs = SiteConfigLoader.load(site("""
                console:
                  tls: { cert: /etc/lockstep/tls/console.crt, key: /etc/lockstep/tls/console.key }
                """)).consoleTls().orElseThrow();
        assertEquals(Path.of("/etc/lockstep/tls/console.crt"), abs.cert());
    }

    @Test
    void a_site_without_the_section_has_no_console_certificate() throws Exception {
        assertTrue(SiteConfigLoader.load(site("")).consoleTls().isEmpty());
    }

    @Test
    void loading_the_site_never_reads_the_files_so_a_controller_starts_without_them() throws Exception {
        // No files under dir/tls at all: the controllers' loader accepts the file; only the console checks them.
        assertTrue(SiteConfigLoader.load(site("""
                console:
                  tls: { cert: tls/console.crt, key: tls/console.key }
                """)).consoleTls().isPresent());
    }

    @Test
    void a_certificate_without_its_key_is_refused_naming_the_key_field() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(site("""
                console:
                  tls: { cert: tls/console.crt }
                """)));
        assertMentions(only(e.problems()), "site.yaml:12: console.tls.key: required with console.tls.cert");
    }

    @Test
    void a_key_without_its_certificate_is_refused_naming_the_cert_field() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(site("""
                console:
                  tls: { key: tls/console.key }
                """)));
        assertMentions(only(e.problems()), "console.tls.cert: required with console.tls.key");
    }

    @Test
    void a_misspelt_field_is_refused_with_a_suggestion() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(site("""
                console:
                  tls: { certificate: tls/console.crt, key: tls/console.key }
                """)));
        assertTrue(e.problems().stream().anyMatch(p -> p.toString().contains("certificate")), e.problems().toString());
    }

    @Test
    void one_file_for_both_is_refused() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(site("""
                console:
                  tls: { cert: tls/console.pem, key: tls/console.pem }
                """)));
        assertMentions(only(e.problems()), "console.tls.key: names the same file");
    }

    // ---- the files, as the console and check-config --console read them

    @Test
    void a_good_pair_is_loaded_without_problems() throws Exception {
        KeyPair kp = files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        ConsoleTlsFiles.Checked c = check();
        assertEquals(List.of(), c.errors());
        assertEquals(List.of(), c.warnings());
        assertEquals(kp.getPublic(), c.loaded().orElseThrow().chain().getFirst().getPublicKey());
    }

    @Test
    void a_missing_key_file_is_refused_naming_the_field_and_the_file() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.delete(dir.resolve("tls/console.key"));
        assertMentions(only(check().errors()), "site.yaml:12: console.tls.key:", "console.key: file not found");
    }

    @Test
    void a_key_the_console_cannot_read_is_refused_naming_the_user_to_run_as() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file: see the directory case");
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.setPosixFilePermissions(dir.resolve("tls/console.key"), PosixFilePermissions.fromString("---------"));
        assertMentions(only(check().errors()), "console.tls.key:", "permission denied", "console's user");
    }

    @Test
    void a_key_path_that_is_a_directory_is_refused() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.delete(dir.resolve("tls/console.key"));
        Files.createDirectory(dir.resolve("tls/console.key"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        assertMentions(only(check().errors()), "console.tls.key:", "is not a regular file");
    }

    @Test
    void a_certificate_path_that_is_a_pipe_is_refused_without_blocking() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.delete(dir.resolve("tls/console.crt"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("tls/console.crt").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        ConsoleTlsFiles.Checked c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), this::check, "opening a pipe would block until a writer comes");
        assertMentions(only(c.errors()), "console.tls.cert:", "is not a regular file");
    }

    @Test
    void a_key_others_can_read_is_refused_with_chmod_600() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.setPosixFilePermissions(dir.resolve("tls/console.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertMentions(only(check().errors()), "console.tls.key:", "others can read", "chmod 600 "
                + dir.resolve("tls/console.key").toAbsolutePath());
    }

    @Test
    void a_key_that_is_not_the_certificates_is_refused() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        TestCertificates.writeKey(dir.resolve("tls/console.key"), TestCertificates.keyPair());
        assertMentions(only(check().errors()), "console.tls.key:", "is not the private key of the certificate");
    }

    @Test
    void an_expired_certificate_is_refused() throws Exception {
        files(NOW - 400 * DAY_MS, NOW - DAY_MS);
        assertMentions(only(check().errors()), "site.yaml:12: console.tls.cert:", "expired on", "renew it");
    }

    @Test
    void a_certificate_not_valid_yet_is_refused_pointing_at_the_clock() throws Exception {
        files(NOW + DAY_MS, NOW + 400 * DAY_MS);
        assertMentions(only(check().errors()), "console.tls.cert:", "not valid until", "clock");
    }

    @Test
    void a_certificate_expiring_within_30_days_is_a_warning_not_an_error() throws Exception {
        files(NOW - 300 * DAY_MS, NOW + 10 * DAY_MS);
        ConsoleTlsFiles.Checked c = check();
        assertEquals(List.of(), c.errors());
        assertMentions(only(c.warnings()), "console.tls.cert:", "expires on", "in 9 days", "renew it");
        assertTrue(c.loaded().isPresent());
    }

    @Test
    void a_certificate_file_that_is_not_pem_is_refused() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.writeString(dir.resolve("tls/console.crt"), "not a certificate\n");
        assertMentions(only(check().errors()), "console.tls.cert:", "is not a PEM certificate");
    }

    @Test
    void a_damaged_pem_certificate_is_refused() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.writeString(dir.resolve("tls/console.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertMentions(only(check().errors()), "console.tls.cert:", "cannot be read");
    }

    @Test
    void a_key_file_that_is_not_pem_is_refused() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.writeString(dir.resolve("tls/console.key"), "not a key\n");
        assertMentions(only(check().errors()), "console.tls.key:", "is not a PEM private key");
    }

    @Test
    void an_old_style_ec_key_is_refused_with_the_openssl_line_that_converts_it() throws Exception {
        files(NOW - DAY_MS, NOW + 365 * DAY_MS);
        Files.writeString(dir.resolve("tls/console.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");
        assertMentions(only(check().errors()), "console.tls.key:", "openssl pkcs8 -topk8 -nocrypt");
    }
}
