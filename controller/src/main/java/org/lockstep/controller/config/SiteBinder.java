package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.DetectorPolicy;
import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.controller.core.DoorAction;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.FireAction;
import org.lockstep.controller.core.FireAlarmPolicy;
import org.lockstep.controller.core.FireAlarmSpec;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.ResponsePlan;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.PanicGuard;
import org.lockstep.hal.device.RelayWiring;
import org.lockstep.hal.gpio.Board;

/**
 * Binds a composed site file to the core's {@link Site} and the controllers' wiring, by hand, so every mistake is
 * reported with its field path and line. Sections are read in dependency order (controllers and zones before the
 * devices that name them) whatever order the file uses. One binder reads one file.
 */
final class SiteBinder {
    static final List<String> SECTIONS = List.of("site", "controllers", "zones", "operators", "doorDefaults", "doors",
            "panicButtons", "fireAlarms", "detectors", "plan", "fireAlarm", "mqtt", "journal", "keys", "map", "console");

    // Defaults for what the file may leave out. Polarities default to the usual switch-to-ground wiring with the
    // pin pulled up; a lock's fail mode has no default: only the lock's type can say, and a wrong guess inverts it.
    static final long DEFAULT_ACTUATION_MS = 500;
    static final long DEFAULT_PROPPED_GRACE_MS = 30_000;
    static final boolean DEFAULT_RELAY_ACTIVE_HIGH = true;
    static final InputDefaults CONTACT_DEFAULTS = new InputDefaults(Level.HIGH, Pull.UP, 20);
    static final InputDefaults BOLT_DEFAULTS = new InputDefaults(Level.LOW, Pull.UP, 20);
    static final InputDefaults BUTTON_DEFAULTS = new InputDefaults(Level.LOW, Pull.UP, 20);
    static final InputDefaults FIRE_DEFAULTS = new InputDefaults(Level.LOW, Pull.UP, 200);
    static final InputDefaults DRY_CONTACT_DEFAULTS = new InputDefaults(Level.LOW, Pull.UP, 20);
    static final PanicGuard DEFAULT_GUARD = new PanicGuard.Hold(1_000);
    static final int DEFAULT_MIN_CONFIDENCE_PCT = 80;
    static final long DEFAULT_HEARTBEAT_TIMEOUT_MS = 5_000;
    static final String DEFAULT_GPIO_CHIP = "gpiochip0";
    static final int DEFAULT_BAUD = 115_200;
    /** Detector protocols a decoder exists for; vendors' protocols are added here with their decoders. */
    static final List<String> DETECTOR_PROTOCOLS = List.of("lockstep-line-v1");
    /** How many known ids an "unknown id" message lists before it stops. */
    private static final int MAX_LISTED_IDS = 12;
    /** Larger numbers are refused before the board-specific check, which then never sees an absurd pin. */
    private static final int MAX_PIN_NUMBER = 1_000;
    private static final Pattern GPIO_CHIP = Pattern.compile("gpiochip[0-9]{1,3}");

    record InputDefaults(Level activeWhen, Pull pull, long debounceMs) {}

    /** doorDefaults after reading; a field that was wrong there is reported once, there, and the built-in used. */
    private record DoorDefaults(long actuationMs, long proppedGraceMs, boolean relayActiveHigh, Optional<FailMode> failMode,
            boolean failModeStated, InputDefaults contact, InputDefaults bolt) {}

    private record ControllerEntry(ControllerSpec spec, Board board, String gpioChip, RelayShutdown relayShutdown) {}

    /** What each controller has wired, filled in as devices are read. */
    private record WiringDraft(Map<String, DoorWiring> doors, Map<String, ButtonWiring> buttons,
            Map<String, InputWiring> fire, Map<String, DetectorWiring> detectors) {
        WiringDraft() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    private final ProblemList problems;
    private final PinMap pins = new PinMap();
    private final Map<String, YamlCursor> controllerIds = new LinkedHashMap<>();
    private final Map<String, ControllerEntry> controllers = new LinkedHashMap<>();
    private final Map<String, YamlCursor> zoneIds = new LinkedHashMap<>();
    private final List<ZoneSpec> zones = new ArrayList<>();
    private final Map<String, YamlCursor> operatorIds = new LinkedHashMap<>();
    private final List<OperatorSpec> operators = new ArrayList<>();
    /** Doors, panic buttons, detectors and fire alarms share one namespace: their ids name them in faults and alerts. */
    private final Map<String, YamlCursor> deviceIds = new LinkedHashMap<>();
    private final List<DoorSpec> doors = new ArrayList<>();
    private final List<PanicButtonSpec> panicButtons = new ArrayList<>();
    private final List<FireAlarmSpec> fireAlarms = new ArrayList<>();
    private final List<DetectorSpec> detectors = new ArrayList<>();
    private final Map<String, WiringDraft> wiring = new LinkedHashMap<>();
    private final Set<String> zonesWithDoors = new HashSet<>();
    private final MissingFailModes missingFailModes = new MissingFailModes();

    SiteBinder(ProblemList problems) {
        this.problems = problems;
    }

    /** @return the site when the file has no errors; otherwise empty, with every error in the problem list */
    Optional<SiteConfig> bind(YamlMap root, Path file, String fileSha256) {
        Optional<YamlMap> siteMap = root.required("site").map("id", "name");
        Optional<String> name = siteMap.flatMap(m -> m.required("name").text());
        String siteId = siteMap.flatMap(m -> m.get("id").isPresent() ? m.get("id").id() : Optional.empty())
                .orElseGet(() -> SiteConfig.slug(name.orElse("site")));

        List<YamlCursor> controllerItems = nonEmptyList(root.required("controllers"), "controller");
        controllerItems.forEach(this::bindController);
        List<YamlCursor> zoneItems = nonEmptyList(root.required("zones"), "zone");
        zoneItems.forEach(this::bindZone);
        root.get("operators").list().forEach(this::bindOperator);
        KeysBinder.Bound keys = KeysBinder.bind(root.get("keys"), file, List.copyOf(operators), controllerIds.keySet(),
                zoneIds.keySet());
        operators.addAll(keys.consoleOperators());

        DoorDefaults defaults = doorDefaults(root.get("doorDefaults"));
        root.get("doors").list().forEach(item -> bindDoor(item, defaults));
        missingFailModes.report(root.get("doorDefaults"), root.get("doors"));
        root.get("panicButtons").list().forEach(this::bindPanicButton);
        root.get("fireAlarms").list().forEach(this::bindFireAlarm);
        root.get("detectors").list().forEach(this::bindDetector);

        ResponsePlan plan = plan(root.get("plan"));
        FireAlarmPolicy firePolicy = firePolicy(root.get("fireAlarm"));
        MqttSettings mqtt = mqtt(root.get("mqtt"), siteId);
        JournalSettings journal = journal(root.get("journal"));
        Optional<SiteMap> map = MapBinder.bind(root.get("map"), file, doors.stream().map(DoorSpec::id).toList());
        Optional<ConsoleTls> consoleTls = ConsoleBinder.bind(root.get("console"), file);

        Map<String, Board> boards = new LinkedHashMap<>();
        controllers.forEach((id, c) -> boards.put(id, c.board()));
        pins.check(boards);

        zoneIds.forEach((id, at) -> {
            if (!zonesWithDoors.contains(id)) {
                at.warn("zone '" + id + "' has no doors; a lockdown scoped to it locks nothing");
            }
        });

        if (problems.hasErrors() || name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Site> site = build(root.at(), () -> new Site(name.get(), controllers.values().stream()
                .map(ControllerEntry::spec).toList(), zones, doors, operators, plan, firePolicy, panicButtons, detectors,
                fireAlarms));
        if (site.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ControllerWiring> byController = new LinkedHashMap<>();
        controllers.forEach((id, c) -> {
            WiringDraft w = wiring.get(id);
            byController.put(id, new ControllerWiring(id, c.board(), c.gpioChip(), c.relayShutdown(), w.doors(), w.buttons(), w.fire(),
                    w.detectors()));
        });
        return Optional.of(new SiteConfig(file, siteId, site.get(), byController, mqtt, journal,
                problems.warnings(), keys.ring(), fileSha256, map, consoleTls));
    }

    /** The {@code mqtt:} section, validated by {@link MqttSettings#fromMap}; each problem is put on its field's line. */
    private MqttSettings mqtt(YamlCursor at, String siteId) {
        MqttSettings fallback = MqttSettings.embedded(siteId, MqttSettings.DEFAULT_PORT);
        Optional<Map<String, Object>> map = plainMap(at);
        if (map.isEmpty() && at.isPresent()) {
            return fallback;
        }
        try {
            return MqttSettings.fromMap(map.orElse(null), siteId);
        } catch (MqttSettings.Invalid e) {
            e.problems().forEach(p -> placeProblem(at, "mqtt", p));
            return fallback;
        }
    }

    /** The {@code journal:} section, validated by {@link JournalSettings#fromMap}. */
    private JournalSettings journal(YamlCursor at) {
        Optional<Map<String, Object>> map = plainMap(at);
        if (JournalFields.reportEach(map, problem -> placeProblem(at, "journal", problem))) {
            return JournalSettings.DEFAULTS;
        }
        try {
            return JournalSettings.fromMap(map.orElse(null));
        } catch (IllegalArgumentException e) {
            placeProblem(at, "journal", e.getMessage());
            return JournalSettings.DEFAULTS;
        }
    }

    /** A section another package validates, as plain values; empty (with an error) if it is not a map. */
    private static Optional<Map<String, Object>> plainMap(YamlCursor at) {
        Object plain = at.plain().orElse(null);
        if (plain == null) {
            return Optional.empty();
        }
        if (!(plain instanceof Map<?, ?>)) {
            at.error("expected a map, found " + YamlCursor.describe(at.node()));
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain;
        return Optional.of(map);
    }

    /** "mqtt.url: must start with ..." → the error goes on mqtt.url's line, under that path. */
    private static void placeProblem(YamlCursor section, String name, String problem) {
        int colon = problem.indexOf(": ");
        String field = colon > 0 ? problem.substring(0, colon) : name;
        String key = field.startsWith(name + ".") ? field.substring(name.length() + 1).split("\\.")[0] : "";
        YamlCursor where = key.isEmpty() ? section
                : section.anyMap().map(m -> m.get(key)).filter(YamlCursor::isPresent).orElse(section);
        where.error(colon > 0 ? problem.substring(colon + 2) : problem);
    }

    // ---- controllers, zones, operators

    private void bindController(YamlCursor item) {
        item.map("id", "name", "board", "gpioChip", "relayShutdown").ifPresent(m -> {
            Optional<String> id = uniqueId(m, controllerIds, "controller");
            String name = m.text("name").orElse(id.orElse(""));
            Board board = m.get("board").choice(Board.class).orElse(Board.PI4);
            YamlCursor chipAt = m.get("gpioChip");
            String chip = chipAt.text().orElse(DEFAULT_GPIO_CHIP);
            RelayShutdown shutdown = m.get("relayShutdown").choice(RelayShutdown.class).orElse(RelayShutdown.DE_ENERGISE);
            if (!GPIO_CHIP.matcher(chip).matches()) {
                chipAt.error("expected a GPIO chip name like gpiochip0; found " + YamlCursor.quote(chip));
            }
            id.ifPresent(i -> {
                wiring.put(i, new WiringDraft());
                build(item, () -> new ControllerSpec(i, name)).ifPresent(spec ->
                        controllers.put(i, new ControllerEntry(spec, board, chip, shutdown)));
            });
        });
    }

    private void bindZone(YamlCursor item) {
        item.map("id", "name").ifPresent(m -> {
            Optional<String> id = uniqueId(m, zoneIds, "zone");
            if (id.filter("site"::equals).isPresent()) {
                zoneIds.remove("site");
                m.get("id").error("'site' is reserved: scopes use it for the whole site; pick another zone id");
                return;
            }
            String name = m.text("name").orElse(id.orElse(""));
            id.flatMap(i -> build(item, () -> new ZoneSpec(i, name))).ifPresent(zones::add);
        });
    }

    private void bindOperator(YamlCursor item) {
        item.map("id", "name", "permissions").ifPresent(m -> {
            Optional<String> id = uniqueId(m, operatorIds, "operator");
            Optional<String> name = m.required("name").text();
            YamlCursor permsAt = m.get("permissions");
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (YamlCursor p : permsAt.list()) {
                p.choice(Permission.class).ifPresent(perm -> {
                    if (!permissions.add(perm)) {
                        p.warn("permission '" + YamlCursor.yamlName(perm) + "' is listed twice");
                    }
                });
            }
            if (permissions.isEmpty() && !problems.hasErrorsAt(permsAt)) {
                permsAt.warn("operator has no permissions and can do nothing; expected some of "
                        + YamlCursor.yamlNames(Permission.values()));
            }
            if (id.isPresent() && name.isPresent()) {
                build(item, () -> new OperatorSpec(id.get(), name.get(), permissions)).ifPresent(operators::add);
            }
        });
    }

    // ---- doors

    private DoorDefaults doorDefaults(YamlCursor at) {
        Optional<YamlMap> m = at.map("actuationMs", "proppedGraceMs", "relay", "contact", "bolt");
        if (m.isEmpty()) {
            return new DoorDefaults(DEFAULT_ACTUATION_MS, DEFAULT_PROPPED_GRACE_MS, DEFAULT_RELAY_ACTIVE_HIGH,
                    Optional.empty(), false, CONTACT_DEFAULTS, BOLT_DEFAULTS);
        }
        YamlMap d = m.get();
        long actuationMs = actuationMs(d.get("actuationMs")).orElse(DEFAULT_ACTUATION_MS);
        long graceMs = proppedGraceMs(d.get("proppedGraceMs")).orElse(DEFAULT_PROPPED_GRACE_MS);
        boolean activeHigh = DEFAULT_RELAY_ACTIVE_HIGH;
        Optional<FailMode> failMode = Optional.empty();
        boolean failModeStated = false;
        Optional<YamlMap> relay = d.get("relay").map("activeHigh", "failMode");
        if (relay.isPresent()) {
            activeHigh = relay.get().get("activeHigh").bool().orElse(DEFAULT_RELAY_ACTIVE_HIGH);
            failModeStated = relay.get().has("failMode");
            failMode = relay.get().get("failMode").choice(FailMode.class);
        }
        return new DoorDefaults(actuationMs, graceMs, activeHigh, failMode, failModeStated,
                inputDefaults(d.get("contact"), "openWhen", CONTACT_DEFAULTS),
                inputDefaults(d.get("bolt"), "thrownWhen", BOLT_DEFAULTS));
    }

    private static InputDefaults inputDefaults(YamlCursor at, String levelKey, InputDefaults builtIn) {
        return at.map(levelKey, "pull", "debounceMs").map(m -> new InputDefaults(
                m.get(levelKey).choice(Level.class).orElse(builtIn.activeWhen()),
                m.get("pull").choice(Pull.class).orElse(builtIn.pull()),
                debounceMs(m.get("debounceMs")).orElse(builtIn.debounceMs()))).orElse(builtIn);
    }

    private void bindDoor(YamlCursor item, DoorDefaults dd) {
        item.map("id", "room", "zone", "role", "controller", "actuationMs", "proppedGraceMs", "relay", "contact", "bolt")
                .ifPresent(m -> {
            Optional<String> id = deviceId(m, "door");
            Optional<String> room = m.required("room").text();
            Optional<String> zone = zoneRef(m.required("zone"));
            zone.ifPresent(zonesWithDoors::add);
            Optional<DoorRole> role = m.required("role").choice(DoorRole.class);
            Optional<String> controller = controllerRef(m.required("controller"));
            String pinOwner = controller.orElse("?" + item.path()); // pins of an unknown controller clash with nothing
            long actuationMs = actuationMs(m.get("actuationMs")).orElse(dd.actuationMs());
            long graceMs = proppedGraceMs(m.get("proppedGraceMs")).orElse(dd.proppedGraceMs());

            Optional<RelayWiring> relay = m.required("relay").map("pin", "activeHigh", "failMode").flatMap(r -> {
                Optional<Integer> pin = pin(r.required("pin"), pinOwner);
                boolean activeHigh = r.get("activeHigh").bool().orElse(dd.relayActiveHigh());
                YamlCursor failAt = r.get("failMode");
                Optional<FailMode> failMode = failAt.isPresent() ? failAt.choice(FailMode.class) : dd.failMode();
                if (!failAt.isPresent() && !dd.failModeStated()) {
                    missingFailModes.add(failAt, id);
                }
                Optional<RelayWiring> built = pin.flatMap(p -> failMode.flatMap(
                        f -> build(r.at(), () -> new RelayWiring(p, activeHigh, f))));
                built.ifPresent(w -> pins.claimRelay(pinOwner, w, r.get("pin")));
                return built;
            });
            Optional<InputWiring> contact = m.required("contact").map("pin", "openWhen", "pull", "debounceMs")
                    .flatMap(c -> input(c, "openWhen", dd.contact(), pinOwner));
            YamlCursor boltAt = m.get("bolt");
            Optional<InputWiring> bolt = boltAt.map("pin", "thrownWhen", "pull", "debounceMs")
                    .flatMap(b -> input(b, "thrownWhen", dd.bolt(), pinOwner));

            if (id.isPresent() && room.isPresent() && zone.isPresent() && role.isPresent() && controller.isPresent()) {
                build(item, () -> new DoorSpec(id.get(), room.get(), zone.get(), role.get(), controller.get(), actuationMs,
                        graceMs, boltAt.isPresent())).ifPresent(doors::add);
                if (relay.isPresent() && contact.isPresent() && (bolt.isPresent() || !boltAt.isPresent())) {
                    wiring.get(controller.get()).doors().put(id.get(),
                            new DoorWiring(id.get(), relay.get(), contact.get(), bolt));
                }
            }
        });
    }

    // ---- panic buttons, fire alarms, detectors

    private void bindPanicButton(YamlCursor item) {
        item.map("id", "controller", "location", "scope", "input", "guard").ifPresent(m -> {
            Optional<String> id = deviceId(m, "panic button");
            Optional<String> controller = controllerRef(m.required("controller"));
            Optional<String> location = m.required("location").text();
            Optional<Scope> scope = scope(m.required("scope"));
            String pinOwner = controller.orElse("?" + item.path());
            Optional<InputWiring> input = m.required("input").map("pin", "pressedWhen", "pull", "debounceMs")
                    .flatMap(in -> input(in, "pressedWhen", BUTTON_DEFAULTS, pinOwner));
            YamlCursor guardAt = m.get("guard");
            Optional<PanicGuard> guard = guardAt.isPresent() ? guard(guardAt) : Optional.of(DEFAULT_GUARD);
            if (id.isPresent() && controller.isPresent() && location.isPresent() && scope.isPresent()) {
                build(item, () -> new PanicButtonSpec(id.get(), controller.get(), location.get(), scope.get()))
                        .ifPresent(panicButtons::add);
                if (input.isPresent() && guard.isPresent()) {
                    wiring.get(controller.get()).buttons().put(id.get(), new ButtonWiring(input.get(), guard.get()));
                }
            }
        });
    }

    /** {@code { holdMs }} or {@code { presses, windowMs }}. */
    private static Optional<PanicGuard> guard(YamlCursor at) {
        return at.map("holdMs", "presses", "windowMs").flatMap(g -> {
            boolean hold = g.has("holdMs");
            boolean presses = g.has("presses");
            if (hold && presses) {
                at.error("give holdMs, or presses with windowMs, not both");
                return Optional.empty();
            }
            if (hold) {
                if (g.has("windowMs")) {
                    g.get("windowMs").error("windowMs goes with presses, not holdMs");
                }
                return g.get("holdMs").number(0, 10_000, " ms").map(PanicGuard.Hold::new);
            }
            if (presses) {
                Optional<Integer> count = g.get("presses").integer(1, 10, "");
                Optional<Long> windowMs = g.required("windowMs").number(100, 30_000, " ms");
                return count.flatMap(c -> windowMs.map(w -> new PanicGuard.Presses(c, w)));
            }
            at.error("expected holdMs, or presses with windowMs; found neither");
            return Optional.empty();
        });
    }

    private void bindFireAlarm(YamlCursor item) {
        item.map("id", "controller", "input").ifPresent(m -> {
            Optional<String> id = deviceId(m, "fire alarm");
            Optional<String> controller = controllerRef(m.required("controller"));
            String pinOwner = controller.orElse("?" + item.path());
            Optional<InputWiring> input = m.required("input").map("pin", "alarmWhen", "pull", "debounceMs")
                    .flatMap(in -> input(in, "alarmWhen", FIRE_DEFAULTS, pinOwner));
            if (id.isPresent() && controller.isPresent()) {
                build(item, () -> new FireAlarmSpec(id.get(), controller.get())).ifPresent(fireAlarms::add);
                input.ifPresent(in -> wiring.get(controller.get()).fire().put(id.get(), in));
            }
        });
    }

    private void bindDetector(YamlCursor item) {
        item.map("id", "controller", "location", "zone", "policy", "lockdownScope", "minConfidencePct",
                "heartbeatTimeoutMs", "serial", "dryContact").ifPresent(m -> {
            Optional<String> id = deviceId(m, "detector");
            Optional<String> controller = controllerRef(m.required("controller"));
            Optional<String> location = m.required("location").text();
            Optional<String> zone = zoneRef(m.required("zone"));
            Optional<DetectorPolicy> policy = m.required("policy").choice(DetectorPolicy.class);
            YamlCursor scopeAt = m.get("lockdownScope");
            Optional<Scope> lockdownScope = scopeAt.isPresent() ? scope(scopeAt) : Optional.of(Scope.SITE);
            int minConfidencePct = m.get("minConfidencePct").integer(0, 100, " %").orElse(DEFAULT_MIN_CONFIDENCE_PCT);
            long heartbeatMs = m.get("heartbeatTimeoutMs").number(100, 600_000, " ms").orElse(DEFAULT_HEARTBEAT_TIMEOUT_MS);
            String pinOwner = controller.orElse("?" + item.path());

            Optional<DetectorWiring> link = Optional.empty();
            boolean serial = m.has("serial");
            boolean dry = m.has("dryContact");
            if (serial && dry) {
                item.error("give serial or dryContact, not both");
            } else if (serial) {
                link = serial(m.get("serial"), pinOwner).map(DetectorWiring.Serial::new);
            } else if (dry) {
                link = m.get("dryContact").map("pin", "activeWhen", "pull", "debounceMs")
                        .flatMap(in -> input(in, "activeWhen", DRY_CONTACT_DEFAULTS, pinOwner))
                        .map(DetectorWiring.DryContact::new);
            } else {
                item.error("expected serial { port, ... } or dryContact { pin, ... }; found neither");
            }

            if (id.isPresent() && controller.isPresent() && location.isPresent() && zone.isPresent() && policy.isPresent()
                    && lockdownScope.isPresent()) {
                build(item, () -> new DetectorSpec(id.get(), controller.get(), location.get(), zone.get(), policy.get(),
                        lockdownScope.get(), minConfidencePct, heartbeatMs)).ifPresent(detectors::add);
                link.ifPresent(l -> wiring.get(controller.get()).detectors().put(id.get(), l));
            }
        });
    }

    private Optional<SerialSettings> serial(YamlCursor at, String pinOwner) {
        return at.map("port", "baud", "dataBits", "parity", "stopBits", "protocol").flatMap(s -> {
            YamlCursor portAt = s.required("port");
            Optional<String> port = portAt.text();
            if (port.isPresent() && !port.get().startsWith("/dev/")) {
                portAt.error("expected a device path such as /dev/ttyUSB0 or /dev/serial/by-id/...; found "
                        + YamlCursor.quote(port.get()));
                port = Optional.empty();
            }
            port.ifPresent(p -> pins.claimPort(pinOwner, p, portAt));
            int baud = s.get("baud").integer(300, 4_000_000, "").orElse(DEFAULT_BAUD);
            int dataBits = s.get("dataBits").integer(5, 8, "").orElse(8);
            SerialSettings.Parity parity = s.get("parity").choice(SerialSettings.Parity.class)
                    .orElse(SerialSettings.Parity.NONE);
            int stopBits = s.get("stopBits").integer(1, 2, "").orElse(1);
            YamlCursor protocolAt = s.get("protocol");
            String protocol = protocolAt.text().orElse(DETECTOR_PROTOCOLS.getFirst());
            if (!DETECTOR_PROTOCOLS.contains(protocol)) {
                protocolAt.error("expected one of " + String.join(", ", DETECTOR_PROTOCOLS) + "; found "
                        + YamlCursor.quote(protocol) + DidYouMean.hint(protocol, DETECTOR_PROTOCOLS));
            }
            Optional<String> p = port;
            return p.flatMap(pt -> build(at, () -> new SerialSettings(pt, baud, dataBits, parity, stopBits, protocol)));
        });
    }

    // ---- plan and fire policy

    /** Overrides on top of {@link ResponsePlan#standard()}: mode → role → lock | unlock | leave. */
    private static ResponsePlan plan(YamlCursor at) {
        ResponsePlan plan = ResponsePlan.standard();
        for (YamlMap.Entry row : at.anyMap().map(YamlMap::entries).orElse(List.of())) {
            if (row.key().equals(StepDownBinder.KEY)) {
                plan = StepDownBinder.bind(row.value(), plan);
                continue;
            }
            Optional<Mode> mode = key(row, Mode.class, "mode");
            for (YamlMap.Entry cell : row.value().anyMap().map(YamlMap::entries).orElse(List.of())) {
                Optional<DoorRole> role = key(cell, DoorRole.class, "door role");
                Optional<DoorAction> action = cell.value().choice(DoorAction.class);
                if (mode.isEmpty() || role.isEmpty() || action.isEmpty()) {
                    continue;
                }
                if (mode.get() == Mode.NORMAL && action.get() == DoorAction.LEAVE) {
                    cell.value().error("normal must lock or unlock (the all clear returns each door to its normal state);"
                            + " found 'leave'");
                    continue;
                }
                plan = plan.with(mode.get(), role.get(), action.get());
            }
        }
        return plan;
    }

    /** Role → unlock | hold, on top of {@link FireAlarmPolicy#holdAll()}. */
    private static FireAlarmPolicy firePolicy(YamlCursor at) {
        FireAlarmPolicy policy = FireAlarmPolicy.holdAll();
        for (YamlMap.Entry cell : at.anyMap().map(YamlMap::entries).orElse(List.of())) {
            Optional<DoorRole> role = key(cell, DoorRole.class, "door role");
            Optional<FireAction> action = cell.value().choice(FireAction.class);
            if (role.isPresent() && action.isPresent()) {
                policy = policy.with(role.get(), action.get());
            }
        }
        return policy;
    }

    static <E extends Enum<E>> Optional<E> key(YamlMap.Entry entry, Class<E> type, String what) {
        for (E e : type.getEnumConstants()) {
            if (YamlCursor.yamlName(e).equals(entry.key())) {
                return Optional.of(e);
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(YamlCursor::yamlName).toList();
        entry.keyAt().error("unknown " + what + " '" + entry.key() + "'; expected one of " + String.join(", ", names)
                + DidYouMean.hint(entry.key(), names));
        return Optional.empty();
    }

    // ---- shared pieces

    private List<YamlCursor> nonEmptyList(YamlCursor at, String what) {
        List<YamlCursor> items = at.list();
        if (items.isEmpty() && at.isPresent() && !problems.hasErrorsAt(at)) {
            at.error("at least one " + what + " is required; found an empty list");
        }
        return items;
    }

    /** The item's id, reported if malformed or already used by another item of the same kind. */
    private static Optional<String> uniqueId(YamlMap m, Map<String, YamlCursor> seen, String kind) {
        YamlCursor at = m.required("id");
        Optional<String> id = at.id();
        if (id.isPresent()) {
            YamlCursor first = seen.putIfAbsent(id.get(), at);
            if (first != null) {
                at.error("duplicate " + kind + " id '" + id.get() + "' (first at " + first.where() + ")");
                return Optional.empty();
            }
        }
        return id;
    }

    private Optional<String> deviceId(YamlMap m, String kind) {
        YamlCursor at = m.required("id");
        Optional<String> id = at.id();
        if (id.isPresent()) {
            YamlCursor first = deviceIds.putIfAbsent(id.get(), at);
            if (first != null) {
                at.error("duplicate " + kind + " id '" + id.get() + "': already used by " + first.where()
                        + " (doors, panic buttons, detectors and fire alarms share one id namespace)");
                return Optional.empty();
            }
        }
        return id;
    }

    private Optional<String> controllerRef(YamlCursor at) {
        return ref(at, controllerIds.keySet(), "controller");
    }

    private Optional<String> zoneRef(YamlCursor at) {
        return ref(at, zoneIds.keySet(), "zone");
    }

    private static Optional<String> ref(YamlCursor at, Set<String> known, String kind) {
        Optional<String> id = at.text();
        if (id.isPresent() && !known.contains(id.get())) {
            at.error("unknown " + kind + " " + YamlCursor.quote(id.get()) + "; expected one of " + listed(known)
                    + DidYouMean.hint(id.get(), known));
            return Optional.empty();
        }
        return id;
    }

    /** {@code site} or a zone id. */
    private Optional<Scope> scope(YamlCursor at) {
        Optional<String> text = at.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().equals("site")) {
            return Optional.of(Scope.SITE);
        }
        if (!zoneIds.containsKey(text.get())) {
            List<String> choices = new ArrayList<>(List.of("site"));
            choices.addAll(zoneIds.keySet());
            at.error("expected 'site' or a zone id (" + listed(zoneIds.keySet()) + "); found " + YamlCursor.quote(text.get())
                    + DidYouMean.hint(text.get(), choices));
            return Optional.empty();
        }
        return Optional.of(Scope.zone(text.get()));
    }

    private static String listed(Set<String> ids) {
        if (ids.isEmpty()) {
            return "(none defined)";
        }
        List<String> shown = ids.stream().limit(MAX_LISTED_IDS).toList();
        return String.join(", ", shown) + (ids.size() > MAX_LISTED_IDS ? ", ..." : "");
    }

    private Optional<InputWiring> input(YamlMap m, String levelKey, InputDefaults d, String pinOwner) {
        Optional<Integer> pin = pin(m.required("pin"), pinOwner);
        Level level = m.get(levelKey).choice(Level.class).orElse(d.activeWhen());
        Pull pull = m.get("pull").choice(Pull.class).orElse(d.pull());
        long debounceMs = debounceMs(m.get("debounceMs")).orElse(d.debounceMs());
        return pin.flatMap(p -> build(m.at(), () -> new InputWiring(p, level.isHigh(), pull, debounceMs)));
    }

    /** A pin number, claimed for {@code owner}; the range (which depends on the board) is checked with the claims. */
    private Optional<Integer> pin(YamlCursor at, String owner) {
        Optional<Long> pin = at.number(Long.MIN_VALUE, Long.MAX_VALUE, "");
        if (pin.isPresent() && (pin.get() < 0 || pin.get() > MAX_PIN_NUMBER)) {
            at.error("expected a BCM GPIO number 0.." + Board.PI4.maxBcm() + " (the GPIO number, not the header pin"
                    + " number); found " + pin.get());
            return Optional.empty();
        }
        pin.ifPresent(p -> pins.claimPin(owner, p.intValue(), at));
        return pin.map(Long::intValue);
    }

    private static Optional<Long> actuationMs(YamlCursor at) {
        return at.number(1, 10_000, " ms");
    }

    private static Optional<Long> proppedGraceMs(YamlCursor at) {
        return at.number(1_000, 3_600_000, " ms");
    }

    private static Optional<Long> debounceMs(YamlCursor at) {
        return at.number(0, 10_000, " ms");
    }

    /**
     * Builds a core or hal record. Their constructors are a last line of defence; everything they check is checked
     * above with a better message, so reaching the catch is a loader bug, reported rather than thrown at the user.
     */
    private static <T> Optional<T> build(YamlCursor at, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            at.error("rejected by the site model (a check the loader should have made first): " + e.getMessage());
            return Optional.empty();
        }
    }
}
