package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The console's TLS certificate as the site file names it ({@code console: tls: {cert: FILE, key: FILE}}), or as the
 * command line gives it ({@code --tls-cert}, {@code --tls-key}). Only the console and {@code check-config --console}
 * read the files ({@link ConsoleTlsFiles}); controllers never do, so a console's expired certificate can never stop a
 * controller from starting.
 *
 * @param cert the certificate (chain) file, resolved against the site file's directory
 * @param certAt where it was named, for messages
 * @param key its private key file
 * @param keyAt where that was named
 */
public record ConsoleTls(Path cert, Field certAt, Path key, Field keyAt) {
    public ConsoleTls {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(certAt, "certAt");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyAt, "keyAt");
    }

    /** Where a file was named: a site file's line and field, or a command-line option ({@code line} 0). */
    public record Field(String file, int line, String path) {
        public Field {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(path, "path");
        }

        ConfigProblem problem(String message) {
            return new ConfigProblem(file, line, path, message);
        }
    }

    /** From {@code --tls-cert CERT --tls-key KEY}: problems name the option. */
    public static ConsoleTls fromOptions(Path cert, Path key) {
        return new ConsoleTls(cert, new Field("lockstep console", 0, "--tls-cert"), key,
                new Field("lockstep console", 0, "--tls-key"));
    }
}
