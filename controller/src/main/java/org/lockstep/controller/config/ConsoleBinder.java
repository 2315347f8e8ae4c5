package org.lockstep.controller.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The site file's optional {@code console:} section: {@code tls: {cert: FILE, key: FILE}}, both or neither, each a
 * path relative to the site file's directory (or absolute). Only the section's shape is checked here, because every
 * controller loads this file; the files themselves are checked by {@link ConsoleTlsFiles} where the console runs.
 */
final class ConsoleBinder {
    /** A path, not a document: longer is a mistake (a pasted PEM, say). */
    static final int MAX_PATH_CHARS = 1_024;

    private ConsoleBinder() {}

    static Optional<ConsoleTls> bind(YamlCursor at, Path siteFile) {
        Optional<YamlMap> console = at.map("tls");
        Optional<YamlMap> tls = console.flatMap(c -> c.get("tls").map("cert", "key"));
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        YamlCursor certAt = tls.get().get("cert");
        YamlCursor keyAt = tls.get().get("key");
        if (certAt.isPresent() != keyAt.isPresent()) {
            YamlCursor missing = certAt.isPresent() ? keyAt : certAt;
            missing.error(certAt.isPresent()
                    ? "required with console.tls.cert: the file of the certificate's private key (PEM, PKCS#8, chmod"
                            + " 600), e.g. key: tls/console.key; or remove console.tls to use a self-signed certificate"
                    : "required with console.tls.key: the certificate file (PEM, the console's own first), e.g."
                            + " cert: tls/console.crt; or remove console.tls to use a self-signed certificate");
            return Optional.empty();
        }
        if (!certAt.isPresent()) {
            tls.get().at().error("expected cert: FILE and key: FILE (the certificate and its private key); found"
                    + " neither. Remove console.tls to use a self-signed certificate");
            return Optional.empty();
        }
        Optional<Path> cert = path(certAt, siteFile);
        Optional<Path> key = path(keyAt, siteFile);
        if (cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.get().equals(key.get())) {
            keyAt.error("names the same file as console.tls.cert; the key goes in a file of its own (chmod 600),"
                    + " the certificate in another that anyone may read");
            return Optional.empty();
        }
        String file = at.problems().file();
        return Optional.of(new ConsoleTls(cert.get(), new ConsoleTls.Field(file, certAt.line(), certAt.path()),
                key.get(), new ConsoleTls.Field(file, keyAt.line(), keyAt.path())));
    }

    private static Optional<Path> path(YamlCursor at, Path siteFile) {
        Optional<String> text = at.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().length() > MAX_PATH_CHARS || text.get().contains("\n")) {
            at.error("expected a file path of at most " + MAX_PATH_CHARS + " characters on one line");
            return Optional.empty();
        }
        try {
            Path p = Path.of(text.get());
            Path dir = siteFile.toAbsolutePath().getParent();
            return Optional.of(p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize());
        } catch (InvalidPathException e) {
            at.error("not a file path: " + e.getMessage());
            return Optional.empty();
        }
    }
}
