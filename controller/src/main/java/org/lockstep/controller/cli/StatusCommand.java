package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.mqtt.ControllerInfo;
import org.lockstep.controller.mqtt.MqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.TransportException;

/**
 * {@code lockstep status}: every controller of the site as the broker's retained topics show it (availability, info,
 * uplink health), one line each, and a warning for each controller offline or never seen and for controllers that run
 * different site files. Exit 0 all well, 1 a problem found, 2 the site file is invalid.
 */
final class StatusCommand {
    static final String HELP = """
            Usage: lockstep status [--config FILE] [--mqtt-port N] [--timeout-ms N]

            Asks the site's broker what every controller last said about itself and prints one line per controller:
            online/offline, software version, the first 12 hex digits of the SHA-256 of the site file it runs, uptime,
            uplink health (messages dropped), journal health and its zones' modes. Warns when a controller of the site
            file is offline or was never seen, and when controllers run different site files (a controller with a
            stale file acts on a different building). Exits 0 if all is well, 1 if it warned, 2 if the site file is
            invalid.

            Options:
              --config FILE     the site file (default: deploy/site.example.yaml); its hash is compared too
              --mqtt-port N     the broker on 127.0.0.1:N instead of the site file's (e.g. a 'lockstep sim')
              --timeout-ms N    how long to wait for the broker and the controllers' records (default 3000)
            """;
    static final long DEFAULT_TIMEOUT_MS = 3_000;
    /** Retained records arrive right after the subscription; this long with nothing new means they all came. */
    static final long QUIET_MS = 500;
    /** The uplink health record is read only this far. */
    static final int MAX_UPLINK_BYTES = 16 * 1024;
    static final int HASH_CHARS = 12;

    /** What the broker holds for one controller. */
    private static final class Seen {
        String availability;
        ControllerInfo.Decoded info;
        String uplink;
    }

    private StatusCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--config", "--mqtt-port", "--timeout-ms"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw new Args.UsageException("status takes no arguments, only options");
        }
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        long timeoutMs = args.longOption("--timeout-ms", DEFAULT_TIMEOUT_MS);
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        MqttSettings mqtt = BrokerSession.settings(config, args);
        Map<String, Seen> seen;
        try {
            Optional<BrokerSession> opened = BrokerSession.open(mqtt, "status", timeoutMs);
            if (opened.isEmpty()) {
                err.println("lockstep: cannot reach the broker at " + mqtt.url() + " within " + timeoutMs + " ms");
                return Main.FAILED;
            }
            try (BrokerSession session = opened.get()) {
                seen = collect(session, config, timeoutMs);
            }
        } catch (TransportException e) {
            err.println("lockstep: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
        return report(config, seen, Instant.now(), out);
    }

    private static Map<String, Seen> collect(BrokerSession session, SiteConfig config, long timeoutMs)
            throws TransportException, InterruptedException {
        Topics topics = Topics.of(session.mqtt);
        String head = topics.prefix() + "/controller/";
        session.subscribe(List.of(head + "+/availability", head + "+/info", head + "+/uplink"));
        Map<String, Seen> seen = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!complete(config, seen)) {
            long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(QUIET_MS));
            MqttTransport.Inbound m = left <= 0 ? null : session.inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                break; // quiet for QUIET_MS, or out of time: what is retained has arrived
            }
            String rest = m.topic().startsWith(head) ? m.topic().substring(head.length()) : "";
            int slash = rest.indexOf('/');
            if (slash <= 0 || seen.size() > 10_000 && !seen.containsKey(rest.substring(0, slash))) {
                continue;
            }
            Seen s = seen.computeIfAbsent(rest.substring(0, slash), k -> new Seen());
            byte[] p = m.payload();
            switch (rest.substring(slash + 1)) {
                case "availability" -> s.availability = p.length <= 16 ? new String(p, StandardCharsets.UTF_8) : "?";
                case "info" -> s.info = ControllerInfo.decode(p);
                case "uplink" -> s.uplink = uplink(p);
                default -> { }
            }
        }
        return seen;
    }

    /** Every controller of the site has said whether it is online, and each online one has its info and uplink. */
    private static boolean complete(SiteConfig config, Map<String, Seen> seen) {
        for (ControllerSpec c : config.site().controllers()) {
            Seen s = seen.get(c.id());
            if (s == null || s.availability == null
                    || s.availability.equals("online") && (s.info == null || s.uplink == null)) {
                return false;
            }
        }
        return true;
    }

    /** A summary of the retained uplink health: "ok", or what was dropped; "unreadable" if it is not as published. */
    static String uplink(byte[] p) {
        if (p.length == 0 || p.length > MAX_UPLINK_BYTES) {
            return "unreadable";
        }
        try {
            JsonNode n = CommandDecoder.STRICT.readTree(p);
            long dropped = 0;
            for (String f : List.of("droppedOrdered", "droppedEvents", "droppedStaleShares", "refusedRetained")) {
                JsonNode v = n.get(f);
                if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
                    return "unreadable";
                }
                dropped += v.longValue();
            }
            JsonNode forged = n.get("forgedPeerMessages");
            if (forged == null || !forged.isIntegralNumber()) {
                return "unreadable";
            }
            String s = dropped == 0 ? "ok" : dropped + " dropped";
            return forged.longValue() > 0 ? s + ", " + forged.longValue() + " forged" : s;
        } catch (java.io.IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    static int report(SiteConfig config, Map<String, Seen> seen, Instant now, PrintStream out) {
        List<String> warnings = new ArrayList<>();
        Map<String, List<String>> byHash = new TreeMap<>();
        Set<String> ids = new TreeSet<>(seen.keySet());
        List<String> order = new ArrayList<>();
        config.site().controllers().forEach(c -> order.add(c.id()));
        ids.removeAll(order);
        order.addAll(ids);
        for (String id : order) {
            Seen s = seen.get(id);
            boolean inSite = config.site().controller(id).isPresent();
            if (s == null || s.availability == null && s.info == null) {
                out.printf("%-14s %-8s never seen on the broker%n", id, "UNKNOWN");
                warnings.add(id + " was never seen (not started, or not on this broker)");
                continue;
            }
            boolean online = "online".equals(s.availability);
            StringBuilder line = new StringBuilder(String.format("%-14s %-8s", id, online ? "online" : "OFFLINE"));
            if (s.info instanceof ControllerInfo.Decoded.Readable(ControllerInfo i)) {
                byHash.computeIfAbsent(i.siteFileSha256(), k -> new ArrayList<>()).add(id);
                line.append(" ").append(i.version()).append("  site ").append(i.siteFileSha256(), 0, HASH_CHARS);
                Duration up = Duration.between(i.startedAt(), now);
                if (up.negated().compareTo(CLOCK_AHEAD) > 0) {
                    // Started "in the future": its clock is ahead of ours (signed commands' issuedAt is judged by it).
                    line.append("  started ").append(i.startedAt()).append(" (ahead of this machine's clock)");
                    warnings.add(id + "'s clock is at least " + up.negated().getSeconds() + " s ahead of this machine's"
                            + " (an unsynchronised controller, or a simulated school on virtual time)");
                } else {
                    line.append(online ? "  up " + uptime(up) : "  started " + i.startedAt());
                }
                line.append("  uplink ").append(s.uplink == null ? "?" : s.uplink);
                var j = i.journal();
                line.append("  journal ").append(!j.ok() ? "FAILING (" + j.appendFailures() + " failed)"
                        : !j.persistent() ? "in memory" : j.appendFailures() > 0 ? "ok (" + j.appendFailures()
                                + " failed before)" : "ok");
                if (j.openProblems() > 0) {
                    line.append(", ").append(j.openProblems()).append(" problem(s) at open");
                }
                List<String> zones = new ArrayList<>();
                i.zones().forEach((z, m) -> zones.add(z + " " + m.mode() + (m.drill() ? " (drill)" : "")));
                line.append("  zones: ").append(zones.isEmpty() ? "-" : String.join(", ", zones));
            } else if (s.info instanceof ControllerInfo.Decoded.Unreadable(String why)) {
                line.append(" info unreadable (").append(why).append(")");
                warnings.add(id + "'s info record is unreadable: " + why);
            } else {
                line.append(" no info (a controller older than 'lockstep status'?)");
            }
            out.println(line);
            if (!online) {
                warnings.add(id + " is offline");
            }
            if (!inSite) {
                warnings.add(id + " is on the broker but not in " + config.file());
            }
        }
        if (byHash.size() > 1) {
            List<String> groups = new ArrayList<>();
            byHash.forEach((h, cs) -> groups.add(h.substring(0, HASH_CHARS) + " (" + String.join(", ", cs) + ")"));
            warnings.add("controllers run different site files: " + String.join(" vs ", groups)
                    + "; a controller with a stale site file acts on a different building: give every controller"
                    + " the same file and restart it");
        }
        byHash.forEach((h, cs) -> {
            if (!h.equals(config.fileSha256())) {
                warnings.add(String.join(", ", cs) + " run" + (cs.size() == 1 ? "s" : "") + " a site file other than "
                        + config.file() + " (" + config.fileSha256().substring(0, HASH_CHARS) + ")");
            }
        });
        for (String w : warnings) {
            out.println("warning: " + w);
        }
        if (warnings.isEmpty()) {
            out.println("all " + config.site().controllers().size() + " controllers online, on the same site file as "
                    + config.file());
        }
        return warnings.isEmpty() ? Main.OK : Main.FAILED;
    }

    /** A controller that started this far "in the future" has a clock ahead of ours; less is transport delay. */
    static final Duration CLOCK_AHEAD = Duration.ofSeconds(5);

    static String uptime(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return s / 60 + "m" + String.format("%02d", s % 60) + "s";
        }
        if (s < 86_400) {
            return s / 3_600 + "h" + String.format("%02d", s % 3_600 / 60) + "m";
        }
        return s / 86_400 + "d" + String.format("%02d", s % 86_400 / 3_600) + "h";
    }
}
