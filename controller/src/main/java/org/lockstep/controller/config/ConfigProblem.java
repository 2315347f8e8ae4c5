package org.lockstep.controller.config;

import java.util.Objects;

/**
 * One mistake (or warning) in a site file, pinned to where a person can fix it.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem is the whole file (missing, empty, unreadable)
 * @param path the field, e.g. {@code doors[3].relay.pin}; empty for the whole file
 * @param message what was expected and what was found
 */
public record ConfigProblem(String file, int line, String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** {@code site.yaml:42: doors[3].relay.pin: message}, the shape compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
