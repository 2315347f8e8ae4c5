package org.lockstep.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.lockstep.controller.core.Ids;
import org.lockstep.controller.files.DurableFile;

/**
 * The responder links of a console, {@code <dir>/responders.txt}: one line per link, {@code NAME CREATED SHA256},
 * e.g. {@code sro-phone 2026-12-05T23:40:00Z 9f86d0...}. Only the SHA-256 of each token is stored (a token is 256
 * random bits, so a fast hash is enough: there is nothing to guess from it), never the token, which is printed once
 * when the link is made. The file is read like any file from outside: small, mode 600, every line strictly formed
 * (a bad line is refused naming its number), at most {@link #MAX_LINKS} links.
 */
public final class ResponderLinks {
    static final String FILE = "responders.txt";
    static final int TOKEN_BYTES = 32;
    /** Base64url of {@link #TOKEN_BYTES} bytes without padding. */
    static final int TOKEN_CHARS = 43;
    static final int MAX_LINKS = 100;
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{" + TOKEN_CHARS + "}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String HEADER = "# lockstep responder links: NAME CREATED SHA-256-OF-TOKEN (the tokens are not"
            + " kept). Edit with 'lockstep console responder add|list|revoke'.\n";

    /** One link: who holds it, when it was made, the SHA-256 of its token. */
    public record Link(String name, Instant created, byte[] hash) {
        public Link {
            Ids.require("name", name);
            if (created == null) {
                throw new IllegalArgumentException("created is missing");
            }
            if (hash == null || hash.length != 32) {
                throw new IllegalArgumentException("hash must be 32 bytes (SHA-256)");
            }
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        boolean matches(byte[] other) {
            return MessageDigest.isEqual(hash, other); // constant time: a timing probe learns nothing of the hash
        }
    }

    /** The file cannot be used (too open, too big, a bad line): the message names the file, the line and the fix. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private ResponderLinks() {}

    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** A new token: {@link #TOKEN_BYTES} random bytes, URL-safe base64 without padding. */
    static String newToken(SecureRandom random) {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The SHA-256 of a token; empty if {@code token} is not shaped like one (never hashed, never compared). */
    static Optional<byte[]> hash(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    /** The link whose token is {@code token}, comparing against every link so the time does not say which matched. */
    static Optional<Link> match(List<Link> links, String token) {
        Optional<byte[]> h = hash(token);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Link found = null;
        for (Link l : links) {
            if (l.matches(h.get())) {
                found = l;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The links in {@code dir}; none if the file does not exist yet. */
    static List<Link> read(Path dir) throws Unusable {
        Path f = file(dir);
        byte[] bytes;
        try {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new Unusable(f + " is not a regular file (a link or a directory); refused");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                throw new Unusable(f + " is readable or writable by others (" + PosixFilePermissions.toString(perms)
                        + "); refused: chmod 600 " + f);
            }
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new Unusable(f + ": larger than " + MAX_FILE_BYTES + " bytes, not a responder file");
            }
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return List.of(); // removed between the check and the read: no links
        } catch (IOException e) {
            throw new Unusable(f + ": cannot read: " + e.getMessage());
        }
        return parse(f.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** The links in a file's text; {@code where} names the file in messages. */
    static List<Link> parse(String where, String text) throws Unusable {
        List<Link> links = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + " line " + (i + 1) + ": ";
            String[] f = line.split(" +");
            if (f.length != 3) {
                throw new Unusable(at + "expected NAME CREATED SHA256 (3 fields), found " + f.length);
            }
            if (!Ids.isValid(f[0])) {
                throw new Unusable(at + "the name must be " + Ids.RULE);
            }
            if (!names.add(f[0])) {
                throw new Unusable(at + "'" + f[0] + "' is there twice");
            }
            Instant created;
            try {
                created = Instant.parse(f[1]);
            } catch (DateTimeParseException e) {
                throw new Unusable(at + "the creation time must be like 2026-12-05T23:40:00Z");
            }
            if (!HASH.matcher(f[2]).matches()) {
                throw new Unusable(at + "the hash must be 64 lowercase hex digits (SHA-256)");
            }
            if (links.size() == MAX_LINKS) {
                throw new Unusable(at + "more than " + MAX_LINKS + " links; revoke some");
            }
            links.add(new Link(f[0], created, HexFormat.of().parseHex(f[2])));
        }
        return List.copyOf(links);
    }

    static String format(List<Link> links) {
        StringBuilder b = new StringBuilder(HEADER);
        for (Link l : links) {
            b.append(l.name()).append(' ').append(l.created()).append(' ').append(HexFormat.of().formatHex(l.hash))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Adds a link named {@code name} to the file in {@code dir} and returns its token (kept nowhere: the caller shows it
     * once).
     *
     * @throws Unusable if the file is unusable, {@code name} has a link already, or there are {@link #MAX_LINKS}
     */
    public static String add(Path dir, String name, Instant created, SecureRandom random) throws IOException,
            Unusable {
        List<Link> links = read(dir);
        if (links.stream().anyMatch(l -> l.name().equals(name))) {
            throw new Unusable("there is a responder link named " + name + " already; revoke it first (lockstep"
                    + " console responder revoke --dir " + dir + " --name " + name + ") or pick another name");
        }
        if (links.size() >= MAX_LINKS) {
            throw new Unusable(MAX_LINKS + " responder links already; revoke some first");
        }
        String token = newToken(random);
        List<Link> next = new ArrayList<>(links);
        next.add(new Link(name, created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), hash(token).orElseThrow()));
        write(dir, next);
        return token;
    }

    /**
     * Replaces the file in {@code dir} (made 0700 if absent) with {@code links}: whole and for good ({@link DurableFile}:
     * mode 600 from its first byte, a console rereading it sees the old list or the new one, never half of one).
     */
    static void write(Path dir, List<Link> links) throws IOException {
        if (links.size() > MAX_LINKS) {
            throw new IOException("more than " + MAX_LINKS + " responder links; revoke some first");
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        // Durable, not just atomic: a revoked link must not come back after a power cut.
        DurableFile.replace(file(dir), format(links).getBytes(StandardCharsets.UTF_8));
    }
}
