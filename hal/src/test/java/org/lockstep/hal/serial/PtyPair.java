package org.lockstep.hal.serial;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair from socat: bytes written to {@link #detectorEnd()} come out of
 * {@link #controllerEnd()}. The paths are symlinks that socat removes when it exits and recreates on
 * {@link #start()}, like a USB adapter's {@code /dev/serial/by-id} link.
 */
final class PtyPair implements AutoCloseable {
    static final long START_TIMEOUT_MS = 5_000;

    private final Path dir;
    private Process socat;

    PtyPair(Path dir) {
        this.dir = dir;
    }

    static void assumeSocat() {
        boolean present = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(p, "socat"));
        }
        assumeTrue(present, "socat is not installed: the pty tests need it (apt-get install socat; .ci/run does)");
    }

    Path detectorEnd() {
        return dir.resolve("ttyDetector");
    }

    Path controllerEnd() {
        return dir.resolve("ttyController");
    }

    /** Starts socat and waits until both links exist. */
    void start() throws IOException, InterruptedException {
        socat = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + detectorEnd(), "pty,raw,echo=0,link=" + controllerEnd())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        Conditions.await("socat links " + dir, START_TIMEOUT_MS,
                () -> Files.exists(detectorEnd()) && Files.exists(controllerEnd()));
    }

    /** Kills socat (its pty masters close, as when a USB adapter is pulled) and waits until it has exited. */
    void kill() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            if (!socat.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                socat.destroyForcibly().waitFor();
            }
            socat = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
