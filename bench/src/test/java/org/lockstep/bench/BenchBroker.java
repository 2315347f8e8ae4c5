package org.lockstep.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * The broker a benchmark runs against: {@code -Dbench.broker=mosquitto} (the default: what a site runs; started here
 * on a free port with Nagle off and queues sized for the flood, as TestBroker does) or {@code moquette} (embedded, in
 * the benchmark's own JVM).
 */
abstract class BenchBroker implements AutoCloseable {
    static BenchBroker fromProperty() throws Exception {
        String kind = System.getProperty("bench.broker", "mosquitto");
        return switch (kind) {
            case "mosquitto" -> new Mosquitto();
            case "moquette" -> new Moquette();
            default -> throw new IllegalArgumentException("bench.broker must be mosquitto or moquette, was " + kind);
        };
    }

    abstract String url();

    abstract String name();

    @Override
    public abstract void close();

    static final class Moquette extends BenchBroker {
        private final EmbeddedBroker broker = new EmbeddedBroker(0).start();

        @Override
        String url() {
            return broker.url();
        }

        @Override
        String name() {
            return "Moquette 0.17 (embedded, same JVM)";
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    static final class Mosquitto extends BenchBroker {
        private final int port = EmbeddedBroker.freePort();
        private final Process process;

        Mosquitto() throws IOException, InterruptedException {
            Path conf = Files.createTempFile("bench-mosquitto", ".conf");
            Files.writeString(conf, String.join("\n", "persistence false", "listener " + port + " 127.0.0.1",
                    "allow_anonymous true", "set_tcp_nodelay true", "max_queued_messages 20000",
                    "max_inflight_messages 0", "log_type error", ""));
            process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IllegalStateException("mosquitto did not start on port " + port);
                    }
                    Thread.sleep(20);
                }
            }
        }

        @Override
        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        String name() {
            return "Mosquitto (Debian, own process, set_tcp_nodelay)";
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
