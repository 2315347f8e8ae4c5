package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.ConsoleTls;
import org.lockstep.controller.config.ConsoleTlsFiles;
import org.lockstep.controller.config.SiteConfig;

/**
 * {@code check-config}'s lines about the console's certificate ({@code console: tls:}). Its files are read only with
 * {@code --console}: the same file goes to every controller, whose unit runs check-config before it starts, and a
 * certificate that lives on the office machine (or has expired) must never keep a controller from locking its doors.
 */
final class ConsoleTlsCheck {
    private ConsoleTlsCheck() {}

    /** Prints what was found; {@link Main#INVALID_CONFIG} if {@code checkFiles} and a file is unusable. */
    static int report(SiteConfig config, Path siteFile, boolean checkFiles, PrintStream out, PrintStream err) {
        if (config.consoleTls().isEmpty()) {
            if (checkFiles) {
                out.println(siteFile + ": console: no tls: cert and key; the console serves a self-signed certificate"
                        + " (kept in its --data directory)");
            }
            return Main.OK;
        }
        ConsoleTls tls = config.consoleTls().get();
        if (!checkFiles) {
            out.println(siteFile + ": console.tls: " + tls.cert() + " and its key are for the console alone; check"
                    + " them on its machine with: lockstep check-config " + siteFile + " --console");
            return Main.OK;
        }
        ConsoleTlsFiles.Checked checked = ConsoleTlsFiles.check(tls, System.currentTimeMillis());
        for (ConfigProblem w : checked.warnings()) {
            out.println("warning: " + w);
        }
        if (!checked.errors().isEmpty()) {
            for (ConfigProblem e : checked.errors()) {
                err.println(e);
            }
            err.printf("%s: console.tls: %d problem%s; the console would refuse to start.%n", siteFile,
                    checked.errors().size(), checked.errors().size() == 1 ? "" : "s");
            return Main.INVALID_CONFIG;
        }
        out.println(siteFile + ": console.tls: " + tls.cert() + " and " + tls.key() + " are usable; SHA-256"
                + " fingerprint " + ConsoleTlsFiles.sha256(checked.loaded().orElseThrow().chain().getFirst()));
        return Main.OK;
    }
}
