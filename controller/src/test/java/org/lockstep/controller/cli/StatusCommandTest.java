package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.journal.JournalHealth;
import org.lockstep.controller.mqtt.ControllerInfo;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.hal.MonotonicClock;

/**
 * {@code lockstep status} against controllers' real uplinks on the embedded broker: each publishes its availability
 * and info record as {@code run} does; status reads them back. Every wait is {@code status}'s own (it returns once
 * every controller of the site has been heard from, or at its timeout).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StatusCommandTest {
    static final String SITE = """
            site: { id: fleet, name: Fleet School }
            controllers:
              - { id: c0 }
              - { id: c1 }
            zones:
              - { id: east }
            doorDefaults:
              relay: { activeHigh: true, failMode: fail-secure }
            doors:
              - { id: d0, room: Room 0, zone: east, role: classroom, controller: c0, relay: { pin: 17 }, contact: { pin: 3 } }
              - { id: d1, room: Room 1, zone: east, role: classroom, controller: c1, relay: { pin: 17 }, contact: { pin: 3 } }
            mqtt: { broker: embedded, port: 1883 }
            """;

    @TempDir
    Path dir;
    EmbeddedBroker broker;
    final List<MqttUplink> uplinks = new ArrayList<>();
    final java.util.Map<MqttUplink, String> ids = new java.util.HashMap<>();

    @BeforeEach
    void broker() {
        broker = new EmbeddedBroker(EmbeddedBroker.freePort()).start();
    }

    @AfterEach
    void stop() {
        uplinks.forEach(MqttUplink::close);
        broker.close();
    }

    SiteConfig siteFile(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return SiteConfigLoader.load(f);
    }

    /** One controller's uplink as {@code run} wires it (the info record before start). */
    MqttUplink controller(SiteConfig config, String id) {
        return controller(config, id, Instant.now());
    }

    MqttUplink controller(SiteConfig config, String id, Instant startedAt) {
        MqttSettings s = MqttSettings.embedded(config.siteId(), broker.port());
        MqttUplink u = new MqttUplink(s, config.site(), config.siteId(), id,
                new PahoMqttTransport(s, id, Topics.of(s).availability(id)), MonotonicClock.system(),
                Clock.systemUTC());
        u.info("9.9.9", config.fileSha256(), startedAt, () -> new JournalHealth(true, true, 0, 0));
        u.bind((source, event) -> NetworkInbox.Admission.ACCEPTED).start();
        uplinks.add(u);
        ids.put(u, id);
        return u;
    }

    record Result(int exit, String out) {}

    /**
     * Every running controller has said it is online and published its info (what status reads), seen by a plain
     * subscriber: status asks a broker what is already there, and a controller still starting is not yet.
     */
    void awaitAnnounced(SiteConfig config) throws Exception {
        java.util.Map<String, String> retained = new java.util.concurrent.ConcurrentHashMap<>();
        String head = Topics.of(MqttSettings.embedded(config.siteId(), broker.port())).prefix() + "/controller/";
        try (org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(
                broker.url(), "status-test-watch", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            c.connect();
            c.subscribe(new String[] {head + "+/availability", head + "+/info"}, new int[] {1, 1},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                            (t, m) -> retained.put(t, new String(m.getPayload(), StandardCharsets.UTF_8)),
                            (t, m) -> retained.put(t, "info")});
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!uplinks.stream().map(ids::get).allMatch(id -> "online".equals(retained.get(head + id
                    + "/availability")) && retained.containsKey(head + id + "/info"))) {
                assertTrue(System.nanoTime() < deadline, "controllers not announced: " + retained);
                Thread.sleep(20); // polling a map Paho's thread writes, with a deadline
            }
            c.disconnect();
        }
    }

    Result status(SiteConfig config) throws Exception {
        awaitAnnounced(config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(List.of("status", "--config", config.file().toString(), "--mqtt-port",
                String.valueOf(broker.port()), "--timeout-ms", "10000"), new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void all_online_on_the_same_site_file_is_one_line_each_and_exit_0() throws Exception {
        SiteConfig site = siteFile("site.yaml", SITE);
        controller(site, "c0");
        controller(site, "c1");
        Result r = status(site);
        assertEquals(0, r.exit(), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("c0") && lines[0].contains("online") && lines[0].contains("9.9.9")
                && lines[0].contains(site.fileSha256().substring(0, 12)), r.out());
        assertTrue(lines[1].startsWith("c1") && lines[1].contains("online"), r.out());
        assertEquals(3, lines.length, r.out());
    }

    @Test
    void a_controller_on_another_site_file_is_named_and_exit_1() throws Exception {
        SiteConfig site = siteFile("site.yaml", SITE);
        SiteConfig stale = siteFile("stale.yaml", SITE + "# an older copy\n");
        controller(site, "c0");
        controller(stale, "c1");
        Result r = status(site);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("warning: controllers run different site files"), r.out());
        assertTrue(r.out().contains("(c1)"), r.out());
        assertTrue(r.out().contains("c1 runs a site file other than"), r.out());
    }

    @Test
    void a_stopped_controller_is_shown_offline_and_exit_1() throws Exception {
        SiteConfig site = siteFile("site.yaml", SITE);
        controller(site, "c0");
        MqttUplink c1 = controller(site, "c1");
        // Wait (bounded by status's own timeout) until both are seen, then stop c1 cleanly: it publishes offline.
        assertEquals(0, status(site).exit());
        c1.close();
        uplinks.remove(c1);
        Result r = status(site);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("c1") && l.contains("OFFLINE")), r.out());
        assertTrue(r.out().contains("warning: c1 is offline"), r.out());
    }

    @Test
    void a_controller_whose_clock_is_ahead_is_named_and_exit_1() throws Exception {
        SiteConfig site = siteFile("site.yaml", SITE);
        controller(site, "c0");
        controller(site, "c1", Instant.now().plus(java.time.Duration.ofHours(1)));
        Result r = status(site);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("c1") && l.contains("ahead of this machine's clock")),
                r.out());
        assertTrue(r.out().contains("warning: c1's clock is at least 35"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("c0") && l.contains(" up ")), r.out());
    }

    @Test
    void a_controller_never_seen_is_named_and_exit_1() throws Exception {
        SiteConfig site = siteFile("site.yaml", SITE);
        controller(site, "c0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(List.of("status", "--config", site.file().toString(), "--mqtt-port",
                String.valueOf(broker.port()), "--timeout-ms", "1500"), new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err);
        assertEquals(1, exit, out.toString());
        assertTrue(out.toString().contains("warning: c1 was never seen"), out.toString());
    }

    // ---- The info record comes from the network: strict, bounded, never throws.

    static final String GOOD = """
            {"controller":"c0","version":"1.2.3","siteFileSha256":"%s","startedAt":"2026-01-01T00:00:00Z",
             "journal":{"persistent":true,"ok":true,"appendFailures":0,"openProblems":0},
             "zones":{"east":{"mode":"LOCKDOWN","drill":true}}}""".formatted("a".repeat(64));

    static ControllerInfo.Decoded decode(String s) {
        return ControllerInfo.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_well_formed_info_record_is_read() {
        var d = assertInstanceOf(ControllerInfo.Decoded.Readable.class, decode(GOOD));
        assertEquals(Map.of("east", new ControllerInfo.ZoneState(org.lockstep.controller.core.Mode.LOCKDOWN, true)),
                d.info().zones());
    }

    @Test
    void malformed_or_oversized_info_records_are_unreadable_never_thrown() {
        List<String> bad = List.of("", "not json", "[]", "{}", GOOD + "{}",
                GOOD.replace("\"1.2.3\"", "123"),
                GOOD.replace("\"appendFailures\":0", "\"appendFailures\":\"0\""),
                GOOD.replace("\"appendFailures\":0", "\"appendFailures\":-1"),
                GOOD.replace("\"appendFailures\":0", "\"appendFailures\":1.5"),
                GOOD.replace("\"ok\":true", "\"ok\":1"),
                GOOD.replace("LOCKDOWN", "PANIC"),
                GOOD.replace("2026-01-01T00:00:00Z", "yesterday"),
                GOOD.replace("a".repeat(64), "A".repeat(64)),
                GOOD.replace("\"controller\":\"c0\"", "\"controller\":\"C 0\""),
                GOOD.replace("\"east\"", "\"../east\""),
                GOOD.replace("{\"controller\"", "{\"controller\":\"x\",\"controller\""),
                GOOD.replace("\"1.2.3\"", "\"" + "v".repeat(65) + "\""),
                GOOD.replace("\"zones\":{", "\"pad\":\"" + "x".repeat(ControllerInfo.MAX_BYTES) + "\",\"zones\":{"));
        for (String b : bad) {
            assertInstanceOf(ControllerInfo.Decoded.Unreadable.class, decode(b), b.length() > 200 ? "oversized" : b);
        }
    }

    @Test
    void an_unreadable_uplink_record_is_shown_as_such() {
        assertEquals("unreadable", StatusCommand.uplink("{\"droppedOrdered\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("unreadable", StatusCommand.uplink(new byte[StatusCommand.MAX_UPLINK_BYTES + 1]));
    }
}
