package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.Main;

/** {@code lockstep console responder add|list|revoke} as a user runs them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResponderCliTest {
    private static final Pattern LINK = Pattern.compile("https://([^/\\s]+)/r/([A-Za-z0-9_-]{43})");
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) throws Args.UsageException {
        out.reset();
        err.reset();
        return ResponderCli.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new SecureRandom(),
                () -> Instant.parse("2026-12-05T23:40:07.123Z"), () -> "office-pc");
    }

    private Matcher link() {
        Matcher m = LINK.matcher(out.toString());
        assertTrue(m.find(), out.toString());
        return m;
    }

    @Test
    void add_prints_the_link_once_keeps_only_its_hash_and_list_shows_names_and_dates_never_tokens() throws Exception {
        Path dir = tmp.resolve("responders");
        assertEquals(Main.OK, run("add", "--dir", dir.toString(), "--name", "sro-phone", "--host", "10.0.4.2:8443"),
                err.toString());
        Matcher m = link();
        assertEquals("10.0.4.2:8443", m.group(1));
        String token = m.group(2);
        assertTrue(out.toString().contains("QR code"), out.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertTrue(!Files.readString(dir.resolve("responders.txt")).contains(token));
        assertEquals("sro-phone", ResponderLinks.match(ResponderLinks.read(dir), token).orElseThrow().name());

        assertEquals(Main.OK, run("add", "--dir", dir.toString(), "--name", "police"), err.toString());
        assertEquals("office-pc:8443", link().group(1));
        assertTrue(out.toString().contains("give --host HOST:PORT"), out.toString());

        assertEquals(Main.OK, run("list", "--dir", dir.toString()));
        assertEquals("sro-phone  made 2026-12-05T23:40:07Z\npolice  made 2026-12-05T23:40:07Z\n", out.toString());
        assertTrue(!out.toString().contains(token));
    }

    @Test
    void revoke_removes_the_link_and_names_a_link_that_is_not_there() throws Exception {
        Path dir = tmp.resolve("responders");
        run("add", "--dir", dir.toString(), "--name", "sro-phone", "--host", "h:1");
        String token = link().group(2);
        assertEquals(Main.OK, run("revoke", "--dir", dir.toString(), "--name", "sro-phone"), err.toString());
        assertTrue(ResponderLinks.match(ResponderLinks.read(dir), token).isEmpty());
        assertEquals(Main.FAILED, run("revoke", "--dir", dir.toString(), "--name", "sro-phone"));
        assertTrue(err.toString().contains("no responder link named sro-phone"), err.toString());
        assertEquals(Main.OK, run("list", "--dir", dir.toString()));
        assertTrue(out.toString().startsWith("no responder links in "), out.toString());
    }

    @Test
    void a_duplicate_name_a_bad_name_a_bad_host_and_a_loose_file_are_refused_with_what_to_do() throws Exception {
        Path dir = tmp.resolve("responders");
        run("add", "--dir", dir.toString(), "--name", "sro-phone", "--host", "h:1");
        String before = Files.readString(dir.resolve("responders.txt"));
        assertEquals(Main.FAILED, run("add", "--dir", dir.toString(), "--name", "sro-phone", "--host", "h:1"));
        assertTrue(err.toString().contains("named sro-phone already; revoke it first"), err.toString());
        assertEquals(before, Files.readString(dir.resolve("responders.txt")), "nothing written");

        Args.UsageException bad = assertThrows(Args.UsageException.class,
                () -> run("add", "--dir", dir.toString(), "--name", "SRO phone"));
        assertTrue(bad.getMessage().contains("--name: expected 1-48 characters"), bad.getMessage());
        Args.UsageException host = assertThrows(Args.UsageException.class,
                () -> run("add", "--dir", dir.toString(), "--name", "police", "--host", "evil.example/x?"));
        assertTrue(host.getMessage().contains("--host: expected HOST:PORT"), host.getMessage());
        assertThrows(Args.UsageException.class, () -> run("add", "--name", "police"));

        Files.setPosixFilePermissions(dir.resolve("responders.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        for (String[] argv : new String[][] {{"list", "--dir", dir.toString()},
            {"add", "--dir", dir.toString(), "--name", "police", "--host", "h:1"}}) {
            assertEquals(Main.FAILED, run(argv));
            assertTrue(err.toString().contains("readable or writable by others") && err.toString().contains(
                    "chmod 600"), err.toString());
        }
    }
}
