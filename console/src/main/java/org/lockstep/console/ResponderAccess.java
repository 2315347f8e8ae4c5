package org.lockstep.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tinylog.Logger;

/**
 * Which responder tokens are good right now. The file ({@link ResponderLinks}) is looked at on every request and on
 * every push to an open responder page, and reread when it changed (a new inode, mtime, size or mode: {@code responder add}
 * and {@code revoke} replace it by a rename), so a revoked link stops working without a restart. A file that has
 * become unusable (loosened permissions, a bad line) lets no token in until it is fixed: fail closed, said in the log.
 */
final class ResponderAccess {
    private final Path dir;
    private Object seen; // what the file looked like when last read: inode, mtime, size, mode (null: absent)
    private List<ResponderLinks.Link> links;

    /** @throws ResponderLinks.Unusable if the file is unusable now (the console refuses to start) */
    ResponderAccess(Path dir) throws ResponderLinks.Unusable {
        this.dir = dir;
        this.seen = look();
        this.links = ResponderLinks.read(dir);
    }

    /** The link {@code token} opens now, if any. */
    synchronized Optional<ResponderLinks.Link> find(String token) {
        return ResponderLinks.match(current(), token);
    }

    /** Whether {@code link} (by name and hash) is still in the file now. */
    synchronized boolean stillValid(ResponderLinks.Link link) {
        byte[] h = link.hash();
        return current().stream().anyMatch(l -> l.name().equals(link.name()) && l.matches(h));
    }

    synchronized int size() {
        return current().size();
    }

    private List<ResponderLinks.Link> current() {
        Object now = look();
        if (!Objects.equals(now, seen)) {
            seen = now;
            try {
                links = ResponderLinks.read(dir);
                Logger.info("console: responder links reread from {}: {}", ResponderLinks.file(dir),
                        links.stream().map(ResponderLinks.Link::name).toList());
            } catch (ResponderLinks.Unusable e) {
                links = List.of();
                Logger.error("console: no responder link works until this is fixed: {}", e.getMessage());
            }
        }
        return links;
    }

    private Object look() {
        try {
            PosixFileAttributes a = Files.readAttributes(ResponderLinks.file(dir), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size(), a.permissions());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return List.of("unreadable", e.getMessage()); // read() then says why
        }
    }
}
