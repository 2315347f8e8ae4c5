package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lockstep.console.Console;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * {@code lockstep console} in a JVM of its own, as the console package runs it (its own process, the launcher's JVM
 * options), for the page latency benchmark: in the benchmark's JVM the console shared the heap, the collector's pauses
 * and the CPU time of the simulated school's five controllers, which production never does. The child builds the
 * console exactly as {@link ConsoleFixture} does in-process (the same site file, the fixture keys, the front desk's
 * key; the fixture keys are derived from the holder's name, so both JVMs hold the same ones), prints its port, and
 * closes when its standard input ends (the parent closed it, or died).
 */
final class ConsoleProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("^CONSOLE-PORT (\\d+)$", Pattern.MULTILINE);
    private static final long START_MS = 60_000;

    private final Process process;
    private final int port;

    private ConsoleProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the console of {@code config}'s site file on {@code brokerUrl}; its output goes to {@code log}. */
    static ConsoleProcess start(SiteConfig config, String brokerUrl, Path log) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(launcherOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsoleProcess.class.getName(),
                config.file().toAbsolutePath().toString(), brokerUrl));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MS);
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) {
                return new ConsoleProcess(p, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the console process ended (" + p.exitValue() + "): see " + log);
            }
            Thread.sleep(50); // polling its log for the port line, with a deadline
        }
        p.destroyForcibly();
        throw new IllegalStateException("the console process printed no port within " + START_MS + " ms: see " + log);
    }

    /**
     * What {@code /usr/bin/lockstep console} (deploy/debian/lockstep) gives the JVM on this runtime: no heap or
     * collector options (the JVM's defaults), the native heap trim, and the two access options.
     */
    static List<String> launcherOptions() {
        List<String> o = new ArrayList<>(List.of("-XX:TrimNativeHeapInterval=5000"));
        if (Runtime.version().feature() >= 23) {
            o.add("--sun-misc-unsafe-memory-access=allow");
        }
        o.add("--enable-native-access=ALL-UNNAMED");
        return o;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The child: {@code SITE_FILE BROKER_URL}. */
    public static void main(String[] args) throws Exception {
        SiteConfig site = SiteConfigLoader.load(Path.of(args[0]));
        SiteConfig keyed = site.withKeys(MqttFixture.keys(site.site()));
        SiteConfig config = keyed.withMqtt(MqttSettings.external(keyed.siteId(), URI.create(args[1])));
        Console console = new Console(config, config.mqtt(), Optional.of(MqttFixture.signer("front-desk")))
                .start("127.0.0.1", 0);
        System.out.println("CONSOLE-PORT " + console.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes our input (or dies)
        }
        console.close();
    }
}
