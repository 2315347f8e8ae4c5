package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.lockstep.hal.detector.LineFrameEncoder;

/**
 * A weapon detector on a socat pty pair: the controller opens {@link #controllerEnd()}; this side writes frames into
 * the other end. Heartbeats go out every {@link #HEARTBEAT_MS} while {@link #heartbeats(boolean)} is on, as a real
 * detector sends them; a write to a pty that went away is retried on the next beat, on whatever pty the link names.
 */
final class DetectorPty implements AutoCloseable {
    static final long HEARTBEAT_MS = 100;
    static final long WAIT_MS = 15_000;

    private final Path dir;
    private final LineFrameEncoder encoder = new LineFrameEncoder("lane-1");
    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicInteger detectionsToSend = new AtomicInteger();
    private final Thread detector;
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger writeErrors = new AtomicInteger();
    private Process socat;
    private volatile boolean running = true;

    DetectorPty(Path dir) {
        this.dir = dir;
        this.detector = new Thread(this::beat, "test-detector");
        detector.setDaemon(true);
    }

    static void assumeSocat() {
        boolean present = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(p, "socat"));
        }
        assumeTrue(present, "socat is not installed: the pty tests need it (apt-get install socat; .ci/run does)");
    }

    Path controllerEnd() {
        return dir.resolve("ttyController");
    }

    private Path detectorEnd() {
        return dir.resolve("ttyDetector");
    }

    /** Starts (or restarts) socat and waits until both links exist; the first call also starts the detector. */
    void start() throws IOException, InterruptedException {
        socat = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + detectorEnd(), "pty,raw,echo=0,link=" + controllerEnd())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile()))
                .start();
        await("socat links in " + dir, () -> Files.exists(detectorEnd()) && Files.exists(controllerEnd()));
        if (!detector.isAlive()) {
            detector.start();
        }
    }

    /** Kills socat: both pty masters close, as when a USB adapter is pulled. */
    void kill() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            if (!socat.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
                socat.destroyForcibly().waitFor();
            }
            socat = null;
        }
    }

    /** What the detector did, for failure messages. */
    String counts() {
        String log;
        try {
            log = Files.readString(dir.resolve("socat.log"));
        } catch (IOException e) {
            log = e.toString();
        }
        return "detector: " + opens + " opens, " + writes + " writes, " + writeErrors + " write errors; socat: "
                + log;
    }

    void heartbeats(boolean on) {
        beating.set(on);
    }

    /** One detection frame on the next beat. */
    void detect() {
        detectionsToSend.incrementAndGet();
    }

    private void beat() {
        OutputStream out = null;
        while (running) {
            try {
                if (beating.get()) {
                    if (out == null) {
                        out = Files.newOutputStream(detectorEnd(), StandardOpenOption.WRITE);
                        opens.incrementAndGet();
                    }
                    out.write(encoder.heartbeat());
                    if (detectionsToSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        out.write(encoder.detection(95, "lane 1"));
                    }
                    out.flush();
                    writes.incrementAndGet();
                }
            } catch (IOException e) {
                writeErrors.incrementAndGet();
                out = closeQuietly(out); // the pty went away: reopen on the next beat
            }
            try {
                Thread.sleep(HEARTBEAT_MS); // the detector's own heartbeat interval, not a wait for a result
            } catch (InterruptedException e) {
                break;
            }
        }
        closeQuietly(out);
    }

    private static OutputStream closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        return null;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** Waits with a deadline; on timeout the message carries {@code context} (e.g. what the journal holds). */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT_MS + " ms waiting for " + what + context.get());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        detector.interrupt();
        detector.join(WAIT_MS);
        kill();
    }
}
