package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import org.lockstep.controller.config.ConfigException;
import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/** Loads the site file for a command, or prints every problem (file, line, field) and what to do next. */
public final class SiteFile {
    private SiteFile() {}

    /** The site, or empty after printing its problems to {@code err}; the command then exits {@link Main#INVALID_CONFIG}. */
    public static Optional<SiteConfig> load(Path file, PrintStream err) {
        try {
            return Optional.of(SiteConfigLoader.load(file));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            err.println(file + ": not valid; nothing was started. Run 'lockstep check-config " + file + "'.");
            return Optional.empty();
        }
    }
}
