package org.lockstep.controller.mqtt;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.FireAlarmPolicy;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.ResponsePlan;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.MemoryJournal;
import org.lockstep.controller.shell.ControllerDevices;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.Inbox;
import org.lockstep.controller.shell.LoopThread;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.trust.ClockState;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.MessageSigner;
import org.lockstep.controller.trust.TrustFixture;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.device.DeviceSignal;

/**
 * Real controllers (a real {@link LockdownMachine} in a {@link ControllerLoop} on its {@link LoopThread}, a
 * {@link MemoryJournal}) wired through real {@link MqttUplink}s to a broker. Doors have no bolt monitor and a 1 ms
 * actuation time, so a closed door shows SECURED 1 ms after its lock is commanded (the bolt "engages" at once).
 */
final class MqttFixture implements AutoCloseable {
    static final String SITE_KEY = "test";
    static final long ACTUATION_MS = 1;

    final Site site;
    final MqttSettings settings;
    final List<Running> running = new ArrayList<>();

    MqttFixture(Site site, String brokerUrl) {
        this.site = site;
        this.settings = MqttSettings.external(SITE_KEY, URI.create(brokerUrl));
    }

    MqttFixture(Site site, MqttSettings settings) {
        this.site = site;
        this.settings = settings;
    }

    Topics topics() {
        return Topics.of(settings);
    }

    /**
     * {@code controllers} controllers {@code c0..}, each with {@code doorsEach} doors {@code c<i>-d<j>} spread over
     * {@code zones} zones {@code z0..} (door j in zone j % zones, so every zone spans every controller). Operators:
     * {@code rivera} (everything), {@code office} (start and drills), {@code janitor} (nothing), {@code desk} (a console device: INITIATE only).
     */
    static Site site(int controllers, int doorsEach, int zones) {
        List<ControllerSpec> cs = new ArrayList<>();
        List<ZoneSpec> zs = new ArrayList<>();
        List<DoorSpec> ds = new ArrayList<>();
        for (int z = 0; z < zones; z++) {
            zs.add(new ZoneSpec("z" + z, "Zone " + z));
        }
        for (int c = 0; c < controllers; c++) {
            cs.add(new ControllerSpec("c" + c, "Controller " + c));
            for (int d = 0; d < doorsEach; d++) {
                ds.add(new DoorSpec("c" + c + "-d" + d, "Room " + c + "." + d, "z" + (d % zones), DoorRole.CLASSROOM,
                        "c" + c, ACTUATION_MS, 10_000, false));
            }
        }
        return new Site("Test School", cs, zs, ds,
                List.of(new OperatorSpec("rivera", "Principal Rivera", EnumSet.allOf(Permission.class)),
                        new OperatorSpec("office", "Front office", EnumSet.of(Permission.INITIATE, Permission.DRILL)),
                        new OperatorSpec("janitor", "Facilities", EnumSet.noneOf(Permission.class)),
                        new OperatorSpec("desk", "Front desk console", EnumSet.of(Permission.INITIATE))),
                ResponsePlan.standard(), FireAlarmPolicy.holdAll(), List.of(), List.of(), List.of());
    }

    /** One controller: its loop, its thread, its uplink, and what it did (relays, door views, alerts). */
    static final class Running implements AutoCloseable {
        final String id;
        final ControllerLoop loop;
        final LoopThread thread;
        final MqttUplink uplink;
        /** Kept across a {@link MqttFixture#restart}: the restarted controller replays it, as after a power cut. */
        final MemoryJournal journal;
        final Map<String, Boolean> relays = new ConcurrentHashMap<>();
        /** For the latency benchmark: lock drives and the nanoTime of the latest (one JVM, one clock). */
        final java.util.concurrent.atomic.AtomicInteger locksDriven = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong lastLockNanos = new java.util.concurrent.atomic.AtomicLong();
        final Map<String, DoorView> doors = new ConcurrentHashMap<>();
        final Map<String, ZoneMode> zones = new ConcurrentHashMap<>();
        /** Copy-on-write: the loop thread adds while a test thread streams over it (a synchronized list throws then). */
        final List<Alert> alerts = new CopyOnWriteArrayList<>();

        Running(Site site, MqttSettings settings, String id, MqttTransport transport, MemoryJournal journal,
                boolean withKey) {
            this(site, settings, id, transport, journal, journal, withKey);
        }

        /** @param loopJournal what the loop journals through: {@code journal} itself, or a wrapper around it */
        Running(Site site, MqttSettings settings, String id, MqttTransport transport, MemoryJournal journal,
                EventJournal loopJournal, boolean withKey) {
            this.id = id;
            this.journal = journal;
            MonotonicClock clock = MonotonicClock.system();
            // As production wires it: the site's public keys, and this controller's own private key to sign with.
            uplink = new MqttUplink(settings, site, SITE_KEY, id, transport, clock, Clock.systemUTC())
                    .trust(keys(site), () -> ClockState.SYNCHRONISED, Clock.systemUTC());
            if (withKey) {
                uplink.signer(signer(id));
            }
            Outbound recorder = new Outbound() {
                @Override
                public void door(String c, DoorView d) {
                    doors.put(d.doorId(), d);
                }

                @Override
                public void zone(String c, String z, ZoneMode m) {
                    zones.put(z, m);
                }

                @Override
                public void alert(String c, Alert a, long atMs) {
                    alerts.add(a);
                }

                @Override
                public void reply(String c, Command.Reply r) {}
            };
            loop = new ControllerLoop(new LockdownMachine(site, id), new Relays(relays, locksDriven, lastLockNanos),
                    loopJournal, Outbound.fanOut(uplink, recorder), uplink, clock);
            thread = new LoopThread(loop, clock);
            loop.start();
            uplink.bind(loop::offerNetwork);
            uplink.start();
            thread.start();
        }

        @Override
        public void close() {
            thread.close();
            uplink.close();
            loop.close();
        }
    }

    Running start(String controllerId) {
        return start(controllerId, new PahoMqttTransport(settings, controllerId, topics().availability(controllerId)));
    }

    Running start(String controllerId, MqttTransport transport) {
        return start(controllerId, transport, new MemoryJournal());
    }

    /** Stops {@code old} and starts its controller again on the same journal (it replays it, then reconnects). */
    Running restart(Running old) {
        old.close();
        running.remove(old);
        return start(old.id, new PahoMqttTransport(settings, old.id, topics().availability(old.id)), old.journal);
    }

    /** A controller whose loop journals through {@code journal} (wrapping a fresh memory journal). */
    Running start(String controllerId, java.util.function.Function<MemoryJournal, EventJournal> journal) {
        MemoryJournal disk = new MemoryJournal();
        Running r = new Running(site, settings, controllerId, new PahoMqttTransport(settings, controllerId,
                topics().availability(controllerId)), disk, journal.apply(disk), true);
        running.add(r);
        return r;
    }

    /** A controller whose private key is missing: it signs nothing (as {@code lockstep run} without its key file). */
    Running startWithoutKey(String controllerId) {
        Running r = new Running(site, settings, controllerId, new PahoMqttTransport(settings, controllerId,
                topics().availability(controllerId)), new MemoryJournal(), false);
        running.add(r);
        return r;
    }

    private Running start(String controllerId, MqttTransport transport, MemoryJournal journal) {
        Running r = new Running(site, settings, controllerId, transport, journal, true);
        running.add(r);
        return r;
    }

    List<Running> startAll() {
        for (ControllerSpec c : site.controllers()) {
            start(c.id());
        }
        return running;
    }

    @Override
    public void close() {
        for (Running r : running) {
            r.close();
        }
    }

    /** A command signed for {@code topic} by {@code operator}'s fixture key, issued now. */
    static String command(String topic, String id, String action, String operator) {
        com.fasterxml.jackson.databind.node.ObjectNode c = CommandDecoder.STRICT.createObjectNode().put("id", id)
                .put("action", action).put("operator", operator).put("reason", "test")
                .put("issuedAt", System.currentTimeMillis());
        return signer(operator).sign(topic, c).toString();
    }

    /** The same command, unsigned: what a laptop on the broker without a key can send. */
    static String unsigned(String id, String action, String operator) {
        return "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"operator\":\"" + operator
                + "\",\"reason\":\"test\"}";
    }

    /** Each holder's fixture key: {@link TrustFixture#key} of its id. */
    static MessageSigner signer(String holder) {
        return new MessageSigner(holder, TrustFixture.key(holder));
    }

    /** Every controller's own private key (its fixture key), as {@code lockstep sim} provisions them. */
    static Map<String, MessageSigner> controllerKeys(Site site) {
        Map<String, MessageSigner> m = new java.util.LinkedHashMap<>();
        site.controllers().forEach(c -> m.put(c.id(), signer(c.id())));
        return m;
    }

    /** Every operator and controller of {@code site} with its fixture key. */
    static KeyRing keys(Site site) {
        Map<String, KeyHolder> holders = new java.util.LinkedHashMap<>();
        site.operators().forEach(o -> holders.put(o.id(), new KeyHolder(o.id(), o.id().equals("desk")
                || o.id().equals("front-desk") ? KeyHolder.Kind.CONSOLE : KeyHolder.Kind.OPERATOR,
                TrustFixture.key(o.id()).publicKey(), o.permissions(), java.util.Optional.empty())));
        site.controllers().forEach(c -> holders.put(c.id(), new KeyHolder(c.id(), KeyHolder.Kind.CONTROLLER,
                TrustFixture.key(c.id()).publicKey(), java.util.Set.of(), java.util.Optional.empty())));
        return new KeyRing(holders, java.util.Set.of());
    }

    /** Lock relays that do what they are told, recorded; no inputs (doors stay closed unless a test says so). */
    static final class Relays implements ControllerDevices {
        private final Map<String, Boolean> relays;
        private final java.util.concurrent.atomic.AtomicInteger locksDriven;
        private final java.util.concurrent.atomic.AtomicLong lastLockNanos;

        Relays(Map<String, Boolean> relays, java.util.concurrent.atomic.AtomicInteger locksDriven,
                java.util.concurrent.atomic.AtomicLong lastLockNanos) {
            this.relays = relays;
            this.locksDriven = locksDriven;
            this.lastLockNanos = lastLockNanos;
        }

        @Override
        public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {}

        @Override
        public void driveAllSafe() {
            relays.replaceAll((k, v) -> false);
        }

        @Override
        public void driveLock(String doorId, boolean lock) {
            relays.put(doorId, lock);
            if (lock) {
                // Stamped after the write, before the count: a reader that sees the count sees this time or later.
                lastLockNanos.set(System.nanoTime());
                locksDriven.incrementAndGet();
            }
        }

        @Override
        public void start(long nowMs) {}

        @Override
        public void onEdge(String inputId, boolean high, long atMs) {}

        @Override
        public void onSerialBytes(String linkId, byte[] bytes, long atMs) {}

        @Override
        public void onSerialDisconnected(String linkId, String detail, long atMs) {}

        @Override
        public void poll(long nowMs) {}

        @Override
        public OptionalLong nextDeadlineMs() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {}
    }

    /** A real transport that also records what the broker acknowledged, in order: what the uplink actually sent. */
    static final class RecordingTransport implements MqttTransport {
        final MqttTransport real;
        /** Copy-on-write: Paho's callback thread adds while a test thread streams over it. */
        final List<String> delivered = new CopyOnWriteArrayList<>();

        RecordingTransport(MqttTransport real) {
            this.real = real;
        }

        @Override
        public void setListener(Listener listener) {
            real.setListener(listener);
        }

        @Override
        public void connect() {
            real.connect();
        }

        @Override
        public boolean isConnected() {
            return real.isConnected();
        }

        @Override
        public void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery)
                throws TransportException {
            String text = topic + " " + new String(payload, java.nio.charset.StandardCharsets.UTF_8);
            real.publish(topic, payload, qos, retained, new Delivery() {
                @Override
                public void delivered() {
                    MqttFixture.RecordingTransport.this.delivered.add(text);
                    delivery.delivered();
                }

                @Override
                public void failed(TransportException e) {
                    delivery.failed(e);
                }
            });
        }

        @Override
        public void subscribe(List<String> filters, int qos) throws TransportException {
            real.subscribe(filters, qos);
        }

        @Override
        public void close(String topic, byte[] payload) {
            real.close(topic, payload);
        }
    }
}
