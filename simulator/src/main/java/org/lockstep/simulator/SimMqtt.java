package org.lockstep.simulator;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.trust.MessageSigner;
import org.lockstep.embeddedbroker.EmbeddedBroker;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.sim.SimFault;

/**
 * The simulated school on MQTT, as a real site would be: an embedded broker (or the site's), one MQTT client per
 * controller publishing its doors, zones and alerts and taking commands, plus the sim-control topics a console or
 * a test uses to press buttons and move doors. A controller whose power is cut goes offline on the broker too.
 *
 * <p>Threads: MQTT callbacks only queue; {@link #runPending()} carries out sim-control commands on the simulation's
 * own thread.
 */
public final class SimMqtt implements Outbound, AutoCloseable {
    private final SiteConfig config;
    private final MqttSettings settings;
    private MonotonicClock clock;
    private final EmbeddedBroker broker;
    private final Map<String, MessageSigner> controllerKeys;
    private final Map<String, MqttUplink> uplinks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SimControl> simControls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private SimulatedSchool school;
    private String version = "dev";

    private SimMqtt(SiteConfig config, MqttSettings settings, EmbeddedBroker broker,
            Map<String, MessageSigner> controllerKeys) {
        this.config = config;
        this.settings = settings;
        this.broker = broker;
        this.controllerKeys = Map.copyOf(controllerKeys);
    }

    /**
     * Starts the embedded broker if the site asks for one (on {@code portOverride} if not negative).
     *
     * @param controllerKeys each simulated controller's private key, by controller id (the public halves are in
     *        {@code config}'s keys): its zone modes and shares are signed with it, as on a real site. A controller
     *        without one publishes unsigned, and the others refuse its peer messages.
     * @throws IllegalStateException if the broker cannot listen (port in use)
     */
    public static SimMqtt start(SiteConfig config, int portOverride, Map<String, MessageSigner> controllerKeys) {
        MqttSettings s = config.mqtt();
        EmbeddedBroker broker = null;
        if (s.broker() == MqttSettings.Broker.EMBEDDED) {
            int port = portOverride >= 0 ? portOverride : s.embeddedPort();
            broker = new EmbeddedBroker(port).start();
            s = s.withUrl(java.net.URI.create(broker.url()));
        }
        return new SimMqtt(config, s, broker, controllerKeys);
    }

    /** The software version each simulated controller publishes in its info record (default {@code dev}). */
    public SimMqtt version(String version) {
        this.version = java.util.Objects.requireNonNull(version, "version");
        return this;
    }

    /** Where consoles connect, e.g. tcp://127.0.0.1:1883. */
    public String url() {
        return settings.url().toString();
    }

    public Topics topics() {
        return Topics.of(settings);
    }

    /** Connects every powered controller (after the school has started: relays first, network second). */
    public void attach(SimulatedSchool school) {
        this.school = school;
        this.clock = school::nowMs; // the core's times are virtual; the uplink maps them to wall time
        for (var c : config.site().controllers()) {
            connect(c.id());
        }
        school.addPowerListener((id, on) -> {
            if (on) {
                connect(id);
            } else {
                MqttUplink gone = uplinks.remove(id);
                if (gone != null) {
                    gone.close();
                }
                SimControl control = simControls.remove(id);
                if (control != null) {
                    control.close();
                }
            }
        });
    }

    private void connect(String controllerId) {
        MqttUplink uplink = new MqttUplink(settings, config.site(), config.siteId(), controllerId,
                new PahoMqttTransport(settings, controllerId, Topics.of(settings).availability(controllerId)), clock,
                school.wallClock()); // one mapping for the whole school, the journal's too
        // The sim's clock is the wall clock of a running computer: synchronised enough to judge issuedAt.
        uplink.trust(config.keys(), () -> org.lockstep.controller.trust.ClockState.SYNCHRONISED, java.time.Clock.systemUTC());
        MessageSigner own = controllerKeys.get(controllerId);
        if (own != null) {
            uplink.signer(own);
        }
        uplink.bind((source, event) -> school.offerNetwork(controllerId, source, event));
        // A controller (re)started now, on the school's wall clock; its journal's health read from its current loop.
        uplink.info(version, config.fileSha256(), school.wallClock().instant(), () -> {
            var loop = school.loop(controllerId);
            return loop == null ? new org.lockstep.controller.journal.JournalHealth(false, true, 0, 0)
                    : loop.journalHealth();
        });
        simControls.put(controllerId, SimControl.attach(uplink, this.simControl()));
        uplinks.put(controllerId, uplink);
        uplink.start();
        // The loop published its picture before this uplink existed: publish it again through it.
        school.republish(controllerId, uplink);
    }

    /**
     * Every powered controller connected and subscribed, so a sim-control or command message published from now on
     * reaches them (sim-control topics are not retained: one sent earlier is lost). Any thread may ask.
     */
    public boolean ready() {
        return !uplinks.isEmpty() && uplinks.values().stream().allMatch(MqttUplink::ready);
    }

    /** Carries out the sim-control commands that arrived; call on the simulation's thread. */
    public void runPending() {
        Runnable r;
        while ((r = pending.poll()) != null) {
            r.run();
        }
    }

    /** Validates on the MQTT thread (an unknown id is answered on sim/rejected), acts on the simulation thread. */
    private SimControlListener simControl() {
        var site = config.site();
        return command -> {
            switch (command) {
                case SimCommand.PressPanic p -> {
                    site.panicButton(p.buttonId()).orElseThrow(() -> unknown("panic button", p.buttonId()));
                    pending.add(() -> school.pressPanic(p.buttonId()));
                }
                case SimCommand.MoveDoor m -> {
                    requireDoor(m.doorId());
                    pending.add(() -> {
                        var door = school.building().door(m.doorId());
                        switch (m.move()) {
                            case OPEN -> door.open();
                            case CLOSE -> door.close();
                            case PROP -> door.prop();
                        }
                    });
                }
                case SimCommand.DetectorEvent d -> {
                    site.detector(d.detectorId()).orElseThrow(() -> unknown("detector", d.detectorId()));
                    pending.add(() -> school.detect(d.detectorId(), d.confidencePct()));
                }
                case SimCommand.FireAlarm f -> {
                    if (site.fireAlarms().stream().noneMatch(a -> a.id().equals(f.alarmId()))) {
                        throw unknown("fire alarm", f.alarmId());
                    }
                    pending.add(() -> {
                        if (f.active()) {
                            school.building().fireAlarm(f.alarmId()).activate();
                        } else {
                            school.building().fireAlarm(f.alarmId()).clear();
                        }
                    });
                }
                case SimCommand.InjectFault f -> pending.add(fault(f));
            }
        };
    }

    private Runnable fault(SimCommand.InjectFault f) {
        String id = f.deviceId();
        var site = config.site();
        return switch (f.fault()) {
            case JAM_BOLT -> door(id, () -> school.building().inject(new SimFault.BoltJammed(id)));
            case STICK_RELAY -> door(id, () -> school.building().inject(new SimFault.RelayStuck(id)));
            case FAIL_RELAY -> door(id, () -> school.building().inject(new SimFault.RelayWriteFails(id)));
            case CUT_CONTACT -> door(id, () -> school.building().inject(new SimFault.ContactWireCut(id)));
            case CUT_BOLT -> door(id, () -> school.building().inject(new SimFault.BoltWireCut(id)));
            case DETECTOR_SILENT -> () -> school.detectorSilent(id, true);
            case DETECTOR_GARBAGE -> () -> school.detectorGarbage(id);
            case POWER_CUT -> {
                site.controller(id).orElseThrow(() -> unknown("controller", id));
                yield () -> school.powerCut(id);
            }
            case REPAIR -> {
                if (site.controller(id).isPresent()) {
                    yield () -> school.powerRestore(id);
                }
                if (site.detector(id).isPresent()) {
                    yield () -> school.detectorSilent(id, false);
                }
                yield door(id, () -> school.building().possibleFaults().stream()
                        .filter(x -> x.targetId().equals(id)).forEach(x -> school.building().repair(x)));
            }
        };
    }

    private Runnable door(String id, Runnable action) {
        requireDoor(id);
        return action;
    }

    private void requireDoor(String id) {
        if (config.site().doors().stream().noneMatch(d -> d.id().equals(id))) {
            throw unknown("door", id);
        }
    }

    private static IllegalArgumentException unknown(String what, String id) {
        return new IllegalArgumentException("no " + what + " '" + id + "' in the site");
    }

    // ---- Outbound: route each controller's publications to its own client.

    @Override
    public void door(String controllerId, DoorView door) {
        MqttUplink u = uplinks.get(controllerId);
        if (u != null) {
            u.door(controllerId, door);
        }
    }

    @Override
    public void zone(String controllerId, String zoneId, ZoneMode mode) {
        MqttUplink u = uplinks.get(controllerId);
        if (u != null) {
            u.zone(controllerId, zoneId, mode);
        }
    }

    @Override
    public void alert(String controllerId, Alert alert, long atMs) {
        MqttUplink u = uplinks.get(controllerId);
        if (u != null) {
            u.alert(controllerId, alert, atMs);
        }
    }

    @Override
    public void reply(String controllerId, Command.Reply reply) {
        MqttUplink u = uplinks.get(controllerId);
        if (u != null) {
            u.reply(controllerId, reply);
        }
    }

    @Override
    public void close() {
        uplinks.values().forEach(MqttUplink::close);
        uplinks.clear();
        simControls.values().forEach(SimControl::close);
        simControls.clear();
        if (broker != null) {
            broker.close();
        }
    }
}
