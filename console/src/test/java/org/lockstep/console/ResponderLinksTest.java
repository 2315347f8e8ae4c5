package org.lockstep.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responder links file: what is kept (never the token), what is refused, and how a token is matched. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResponderLinksTest {
    private static final Instant T = Instant.parse("2026-12-05T23:40:00Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    @TempDir
    Path dir;

    private static ResponderLinks.Link link(String name, String token) {
        return new ResponderLinks.Link(name, T, ResponderLinks.hash(token).orElseThrow());
    }

    @Test
    void a_token_is_256_random_bits_url_safe_and_only_its_hash_is_written() throws Exception {
        String token = ResponderLinks.newToken(new SecureRandom());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        ResponderLinks.write(dir, List.of(link("sro-phone", token)));
        Path f = dir.resolve("responders.txt");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertTrue(!text.contains(token), text);
        assertTrue(text.contains("sro-phone 2026-12-05T23:40:00Z "), text);
        List<ResponderLinks.Link> back = ResponderLinks.read(dir);
        assertEquals(1, back.size());
        assertEquals("sro-phone", ResponderLinks.match(back, token).orElseThrow().name());
    }

    @Test
    void only_the_exact_token_matches_and_anything_not_shaped_like_one_is_never_compared() {
        String token = ResponderLinks.newToken(new SecureRandom());
        List<ResponderLinks.Link> links = List.of(link("sro-phone", token), link("police", ResponderLinks.newToken(
                new SecureRandom())));
        assertEquals("sro-phone", ResponderLinks.match(links, token).orElseThrow().name());
        String other = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertTrue(ResponderLinks.match(links, other).isEmpty());
        assertTrue(ResponderLinks.match(links, token.substring(1)).isEmpty());
        assertTrue(ResponderLinks.match(links, token + "A").isEmpty());
        assertTrue(ResponderLinks.match(links, "../../etc/passwd").isEmpty());
        assertTrue(ResponderLinks.match(links, null).isEmpty());
    }

    @Test
    void no_file_is_no_links() throws Exception {
        assertEquals(List.of(), ResponderLinks.read(dir));
        assertEquals(List.of(), ResponderLinks.read(dir.resolve("not-made-yet")));
    }

    @Test
    void a_file_others_may_read_or_write_is_refused_with_the_fix() throws Exception {
        ResponderLinks.write(dir, List.of(link("sro-phone", ResponderLinks.newToken(new SecureRandom()))));
        Path f = dir.resolve("responders.txt");
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw--w----"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            ResponderLinks.Unusable e = assertThrows(ResponderLinks.Unusable.class, () -> ResponderLinks.read(dir));
            assertTrue(e.getMessage().contains("readable or writable by others") && e.getMessage().contains(
                    "chmod 600 " + f), e.getMessage());
        }
    }

    @Test
    void a_symlink_in_place_of_the_file_is_refused() throws Exception {
        Path real = Files.writeString(dir.resolve("elsewhere"), "");
        Files.createSymbolicLink(dir.resolve("responders.txt"), real);
        ResponderLinks.Unusable e = assertThrows(ResponderLinks.Unusable.class, () -> ResponderLinks.read(dir));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void a_file_too_big_is_refused_unread() throws Exception {
        Path f = Files.writeString(dir.resolve("responders.txt"), "#".repeat(ResponderLinks.MAX_FILE_BYTES + 1),
                java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        ResponderLinks.Unusable e = assertThrows(ResponderLinks.Unusable.class, () -> ResponderLinks.read(dir));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void each_malformed_line_is_refused_naming_its_number_and_what_is_wrong() {
        String good = "sro-phone 2026-12-05T23:40:00Z " + HASH + "\n";
        String[][] cases = {
            {"# header\n" + good + "police 2026-12-05T23:40:00Z\n", "line 3: expected NAME CREATED SHA256"},
            {good + "Police! 2026-12-05T23:40:00Z " + HASH + "\n", "line 2: the name must be"},
            {good + good, "line 2: 'sro-phone' is there twice"},
            {"police yesterday " + HASH + "\n", "line 1: the creation time must be"},
            {"police 2026-12-05T23:40:00Z " + HASH.toUpperCase() + "\n", "line 1: the hash must be 64 lowercase hex"},
            {"police 2026-12-05T23:40:00Z " + HASH.substring(2) + "\n", "line 1: the hash must be"},
            {"police 2026-12-05T23:40:00Z " + HASH + " extra\n", "line 1: expected NAME CREATED SHA256"},
        };
        for (String[] c : cases) {
            ResponderLinks.Unusable e = assertThrows(ResponderLinks.Unusable.class,
                    () -> ResponderLinks.parse("f.txt", c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("f.txt " + c[1]), e.getMessage());
        }
    }

    @Test
    void more_than_the_limit_of_links_is_refused() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= ResponderLinks.MAX_LINKS; i++) {
            b.append("r").append(i).append(" 2026-12-05T23:40:00Z ").append(HASH).append('\n');
        }
        ResponderLinks.Unusable e = assertThrows(ResponderLinks.Unusable.class,
                () -> ResponderLinks.parse("f.txt", b.toString()));
        assertTrue(e.getMessage().contains("line " + (ResponderLinks.MAX_LINKS + 1) + ": more than"), e.getMessage());
    }

    @Test
    void blank_lines_and_comments_are_allowed_and_the_written_file_reads_back() throws Exception {
        assertEquals(1, ResponderLinks.parse("f", "\n# a note\n\nsro-phone 2026-12-05T23:40:00Z " + HASH + "\n\n")
                .size());
        List<ResponderLinks.Link> two = List.of(link("a", ResponderLinks.newToken(new SecureRandom())),
                link("b", ResponderLinks.newToken(new SecureRandom())));
        assertEquals(List.of("a", "b"), ResponderLinks.parse("f", ResponderLinks.format(two)).stream()
                .map(ResponderLinks.Link::name).toList());
    }
}
