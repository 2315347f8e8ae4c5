package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * The broker a test runs against, chosen by {@code -Dlockstep.mqtt.broker=embedded|mosquitto} (default embedded).
 * Mosquitto is started by the test itself on a free port with a generated config; a missing binary skips the test
 * with a clear assumption message. {@link #kill()} and {@link #start()} let a test take the broker away and bring it
 * back on the same port (empty: neither keeps retained messages across the restart).
 */
abstract class TestBroker implements AutoCloseable {
    final int port = EmbeddedBroker.freePort();

    static TestBroker fromProperty() {
        String kind = System.getProperty("lockstep.mqtt.broker", "embedded");
        return switch (kind) {
            case "embedded" -> new Embedded();
            case "mosquitto" -> new Mosquitto();
            default -> throw new IllegalArgumentException("lockstep.mqtt.broker must be embedded or mosquitto, was "
                    + kind);
        };
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    abstract void start();

    /** Takes the broker away abruptly (Mosquitto: SIGKILL). */
    abstract void kill();

    abstract String name();

    /**
     * Whether a message sent from the retained store on subscribe carries the retain flag (MQTT-3.3.1-8). Mosquitto
     * does; Moquette 0.17 does not (measured here), so a controller on the embedded broker cannot tell a left-behind
     * command from a fresh one.
     */
    abstract boolean flagsRetainedOnSubscribe();

    @Override
    public void close() {
        kill();
    }

    static final class Embedded extends TestBroker {
        private final EmbeddedBroker broker = new EmbeddedBroker(port);

        @Override
        void start() {
            broker.start();
        }

        @Override
        void kill() {
            broker.stop();
        }

        @Override
        String name() {
            return "embedded Moquette";
        }

        @Override
        boolean flagsRetainedOnSubscribe() {
            return false;
        }
    }

    static final class Mosquitto extends TestBroker {
        /** A queue sized for a console watching every door of a big site; no in-flight limit. */
        static final List<String> TEST_LIMITS = List.of("max_queued_messages 20000", "max_inflight_messages 0");
        private final List<String> limits;
        private Process process;
        private Path conf;

        Mosquitto() {
            this(TEST_LIMITS);
        }

        /** @param limits queue and in-flight lines, e.g. what {@code lockstep provision} writes for a site */
        Mosquitto(List<String> limits) {
            this.limits = List.copyOf(limits);
        }

        @Override
        void start() {
            String binary = findMosquitto();
            Assumptions.assumeTrue(binary != null,
                    "mosquitto is not installed (apt-get install -y mosquitto): skipping the Mosquitto run");
            try {
                if (conf == null) {
                    conf = Files.createTempFile("lockstep-mosquitto", ".conf");
                    // As FIELD-NOTES says: options after 'listener' apply to it; anonymous must be allowed explicitly;
                    // Nagle off on the broker too; the queue limits as the caller sized them.
                    List<String> lines = new java.util.ArrayList<>(List.of("persistence false",
                            "listener " + port + " 127.0.0.1", "allow_anonymous true", "set_tcp_nodelay true"));
                    lines.addAll(limits);
                    lines.add("log_type error");
                    lines.add("");
                    Files.writeString(conf, String.join("\n", lines));
                }
                process = new ProcessBuilder(binary, "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return;
                    } catch (IOException notYet) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("mosquitto exited with " + process.exitValue());
                        }
                        Thread.sleep(20);
                    }
                }
                throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String findMosquitto() {
            for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto",
                    "/usr/local/bin/mosquitto"}) {
                if (Files.isExecutable(Path.of(p))) {
                    return p;
                }
            }
            return null;
        }

        @Override
        void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        @Override
        String name() {
            return "Mosquitto";
        }

        @Override
        boolean flagsRetainedOnSubscribe() {
            return true;
        }
    }
}
