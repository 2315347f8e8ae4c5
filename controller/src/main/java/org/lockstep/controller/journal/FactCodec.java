package org.lockstep.controller.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorState;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;

/**
 * The record payload of journal format 2 (docs/JOURNAL.md): the input the core was given (kept as evidence, never
 * re-decided) and the facts it decided (what a restart folds). Same conventions as {@link EventCodec}: big-endian,
 * explicit codes, never {@code ordinal()}; a new fact gets a new code and a code is never reused.
 *
 * <pre>
 * payload = event (EventCodec) | factCount u16 | fact*
 * </pre>
 */
public final class FactCodec {
    static final int ZONE_MODE_CHANGED = 1;
    static final int DOOR_CHANGED = 2;
    static final int LOCK_DRIVEN = 3;
    static final int ALERT_RAISED = 4;
    static final int REQUEST_ANSWERED = 5;
    static final int REQUEST_SHARED = 6;
    static final int FIRE_ALARM_SET = 7;
    static final int DEVICE_FAULT_SET = 8;
    static final int TEST_LOCKS_SET = 9;
    static final int CHECKPOINT = 10;
    static final int MAX_FACTS = 0xFFFF;

    private FactCodec() {}

    /** One journaled step: the input and the facts it decided. */
    public record Step(Event input, List<Fact> facts) {}

    public static byte[] encode(Event input, List<Fact> facts) {
        if (facts.size() > MAX_FACTS) {
            throw new IllegalArgumentException(facts.size() + " facts in one step, more than " + MAX_FACTS);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EventCodec.write(out, input);
            out.writeShort(facts.size());
            for (Fact f : facts) {
                write(out, f);
            }
        } catch (IOException e) {
            throw new AssertionError("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    public static Step decode(byte[] payload) throws EventCodec.CorruptRecordException {
        EventCodec.CountingInput counting = new EventCodec.CountingInput(payload);
        DataInputStream in = new DataInputStream(counting);
        try {
            Event input = EventCodec.read(in);
            int n = in.readUnsignedShort();
            List<Fact> facts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                facts.add(read(in));
            }
            if (counting.remaining() != 0) {
                throw new EventCodec.CorruptRecordException(counting.remaining() + " trailing bytes after the facts");
            }
            return new Step(input, facts);
        } catch (EOFException ex) {
            throw new EventCodec.CorruptRecordException("record ends early");
        } catch (IOException ex) {
            throw new EventCodec.CorruptRecordException("unreadable record: " + ex.getMessage());
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new EventCodec.CorruptRecordException("invalid fact field: " + ex.getMessage());
        }
    }

    private static void write(DataOutputStream out, Fact fact) throws IOException {
        switch (fact) {
            case Fact.ZoneModeChanged z -> {
                out.writeByte(ZONE_MODE_CHANGED);
                EventCodec.string(out, z.zoneId());
                zoneMode(out, z.mode());
            }
            case Fact.DoorChanged d -> {
                out.writeByte(DOOR_CHANGED);
                EventCodec.string(out, d.doorId());
                door(out, d.door());
            }
            case Fact.LockDriven d -> {
                out.writeByte(LOCK_DRIVEN);
                EventCodec.string(out, d.doorId());
                out.writeBoolean(d.lock());
                EventCodec.string(out, d.cause());
            }
            case Fact.AlertRaised a -> {
                out.writeByte(ALERT_RAISED);
                alert(out, a.alert());
            }
            case Fact.RequestAnswered r -> {
                out.writeByte(REQUEST_ANSWERED);
                reply(out, r.reply());
                out.writeBoolean(r.toRequester());
                optionalString(out, r.fingerprint());
            }
            case Fact.RequestShared s -> {
                out.writeByte(REQUEST_SHARED);
                EventCodec.write(out, s.request());
            }
            case Fact.FireAlarmSet f -> {
                out.writeByte(FIRE_ALARM_SET);
                EventCodec.string(out, f.alarmId());
                out.writeBoolean(f.active());
            }
            case Fact.DeviceFaultSet f -> {
                out.writeByte(DEVICE_FAULT_SET);
                EventCodec.string(out, f.deviceId());
                optionalString(out, f.detail());
            }
            case Fact.TestLocksSet t -> {
                out.writeByte(TEST_LOCKS_SET);
                strings(out, t.doorIds());
            }
            case Fact.Checkpoint c -> {
                out.writeByte(CHECKPOINT);
                out.writeLong(c.atMs());
                out.writeShort(c.zones().size());
                for (Map.Entry<String, ZoneMode> e : c.zones().entrySet()) {
                    EventCodec.string(out, e.getKey());
                    zoneMode(out, e.getValue());
                }
                out.writeShort(c.doors().size());
                for (Map.Entry<String, DoorState> e : c.doors().entrySet()) {
                    EventCodec.string(out, e.getKey());
                    door(out, e.getValue());
                }
                strings(out, c.fireAlarms());
                out.writeShort(c.faultedDevices().size());
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.faultedDevices()).entrySet()) {
                    EventCodec.string(out, e.getKey());
                    EventCodec.string(out, e.getValue());
                }
                out.writeShort(c.recentReplies().size());
                for (Command.Reply r : c.recentReplies().values()) {
                    reply(out, r);
                }
                strings(out, c.testLocks());
                out.writeShort(c.recentRequests().size());
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.recentRequests()).entrySet()) {
                    EventCodec.string(out, e.getKey());
                    EventCodec.string(out, e.getValue());
                }
            }
        }
    }

    private static Fact read(DataInputStream in) throws IOException, EventCodec.CorruptRecordException {
        int code = in.readUnsignedByte();
        return switch (code) {
            case ZONE_MODE_CHANGED -> new Fact.ZoneModeChanged(EventCodec.string(in), zoneMode(in));
            case DOOR_CHANGED -> new Fact.DoorChanged(EventCodec.string(in), door(in));
            case LOCK_DRIVEN -> new Fact.LockDriven(EventCodec.string(in), EventCodec.bool(in), EventCodec.string(in));
            case ALERT_RAISED -> new Fact.AlertRaised(alert(in));
            case REQUEST_ANSWERED -> new Fact.RequestAnswered(reply(in), EventCodec.bool(in), optionalString(in));
            case REQUEST_SHARED -> {
                Event e = EventCodec.read(in);
                if (!(e instanceof Event.ModeRequested r)) {
                    throw new EventCodec.CorruptRecordException("a shared request holds " + e);
                }
                yield new Fact.RequestShared(r);
            }
            case FIRE_ALARM_SET -> new Fact.FireAlarmSet(EventCodec.string(in), EventCodec.bool(in));
            case DEVICE_FAULT_SET -> new Fact.DeviceFaultSet(EventCodec.string(in), optionalString(in));
            case TEST_LOCKS_SET -> new Fact.TestLocksSet(strings(in));
            case CHECKPOINT -> {
                long atMs = in.readLong();
                Map<String, ZoneMode> zones = new LinkedHashMap<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    zones.put(EventCodec.string(in), zoneMode(in));
                }
                Map<String, DoorState> doors = new LinkedHashMap<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    doors.put(EventCodec.string(in), door(in));
                }
                Set<String> fire = strings(in);
                Map<String, String> faulted = new LinkedHashMap<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    faulted.put(EventCodec.string(in), EventCodec.string(in));
                }
                Map<String, Command.Reply> replies = new LinkedHashMap<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    Command.Reply r = reply(in);
                    replies.put(r.requestId(), r);
                }
                Set<String> testLocks = strings(in);
                Map<String, String> requests = new LinkedHashMap<>();
                for (int i = in.readUnsignedShort(); i > 0; i--) {
                    requests.put(EventCodec.string(in), EventCodec.string(in));
                }
                yield new Fact.Checkpoint(atMs, zones, doors, fire, faulted, replies, testLocks, requests);
            }
            default -> throw new EventCodec.CorruptRecordException("unknown fact code " + code);
        };
    }

    private static void zoneMode(DataOutputStream out, ZoneMode m) throws IOException {
        out.writeByte(EventCodec.modeCode(m.mode()));
        out.writeBoolean(m.drill());
        out.writeLong(m.sinceMs());
        out.writeByte(m.trigger().map(EventCodec::sourceCode).orElse(0));
        EventCodec.string(out, m.trigger().map(Source::id).orElse(""));
        EventCodec.string(out, m.reason());
        out.writeLong(m.version());
    }

    private static ZoneMode zoneMode(DataInputStream in) throws IOException, EventCodec.CorruptRecordException {
        var mode = EventCodec.mode(in.readUnsignedByte());
        boolean drill = EventCodec.bool(in);
        long since = in.readLong();
        int sourceCode = in.readUnsignedByte();
        String sourceId = EventCodec.string(in);
        Optional<Source> trigger = sourceCode == 0 ? Optional.empty()
                : Optional.of(EventCodec.source(sourceCode, sourceId));
        return new ZoneMode(mode, drill, since, trigger, EventCodec.string(in), in.readLong());
    }

    private static void door(DataOutputStream out, DoorState d) throws IOException {
        out.writeBoolean(d.planLocked());
        out.writeBoolean(d.lockCommanded());
        out.writeLong(d.lockRefMs());
        out.writeLong(d.unlockRefMs());
        out.writeBoolean(d.open());
        out.writeLong(d.openedAtMs());
        out.writeBoolean(d.forced());
        out.writeBoolean(d.boltThrown());
        out.writeLong(d.boltDisagreeSinceMs());
        optionalString(out, d.fault());
        out.writeByte(statusCode(d.status()));
        EventCodec.string(out, d.detail());
        out.writeLong(d.statusSinceMs());
        out.writeLong(d.seq());
        out.writeByte(d.alertedStatus().map(s -> statusCode(s) + 1).orElse(0));
    }

    private static DoorState door(DataInputStream in) throws IOException, EventCodec.CorruptRecordException {
        boolean planLocked = EventCodec.bool(in);
        boolean lockCommanded = EventCodec.bool(in);
        long lockRef = in.readLong();
        long unlockRef = in.readLong();
        boolean open = EventCodec.bool(in);
        long openedAt = in.readLong();
        boolean forced = EventCodec.bool(in);
        boolean bolt = EventCodec.bool(in);
        long disagree = in.readLong();
        Optional<String> fault = optionalString(in);
        DoorStatus status = status(in.readUnsignedByte());
        String detail = EventCodec.string(in);
        long since = in.readLong();
        long seq = in.readLong();
        int alerted = in.readUnsignedByte();
        return new DoorState(planLocked, lockCommanded, lockRef, unlockRef, open, openedAt, forced, bolt, disagree,
                fault, status, detail, since, seq, alerted == 0 ? Optional.empty() : Optional.of(status(alerted - 1)));
    }

    private static void alert(DataOutputStream out, Alert a) throws IOException {
        out.writeByte(kindCode(a.kind()));
        EventCodec.string(out, a.subjectId());
        EventCodec.string(out, a.room());
        EventCodec.string(out, a.zone());
        EventCodec.string(out, a.detail());
        out.writeBoolean(a.drill());
    }

    private static Alert alert(DataInputStream in) throws IOException, EventCodec.CorruptRecordException {
        return new Alert(kind(in.readUnsignedByte()), EventCodec.string(in), EventCodec.string(in),
                EventCodec.string(in), EventCodec.string(in), EventCodec.bool(in));
    }

    private static void reply(DataOutputStream out, Command.Reply r) throws IOException {
        EventCodec.string(out, r.requestId());
        out.writeBoolean(r.accepted());
        EventCodec.string(out, r.reason());
    }

    private static Command.Reply reply(DataInputStream in) throws IOException, EventCodec.CorruptRecordException {
        return new Command.Reply(EventCodec.string(in), EventCodec.bool(in), EventCodec.string(in));
    }

    private static void optionalString(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            EventCodec.string(out, s.get());
        }
    }

    private static Optional<String> optionalString(DataInputStream in)
            throws IOException, EventCodec.CorruptRecordException {
        return EventCodec.bool(in) ? Optional.of(EventCodec.string(in)) : Optional.empty();
    }

    private static void strings(DataOutputStream out, Set<String> set) throws IOException {
        out.writeShort(set.size());
        for (String s : new TreeSet<>(set)) {
            EventCodec.string(out, s);
        }
    }

    private static Set<String> strings(DataInputStream in) throws IOException {
        Set<String> set = new TreeSet<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            set.add(EventCodec.string(in));
        }
        return set;
    }

    static int statusCode(DoorStatus s) {
        return switch (s) {
            case SECURED -> 0;
            case UNLOCKED -> 1;
            case OPEN -> 2;
            case PROPPED -> 3;
            case FORCED -> 4;
            case FAILED_TO_SECURE -> 5;
            case FAULT -> 6;
            case OFFLINE -> 7;
        };
    }

    private static DoorStatus status(int code) throws EventCodec.CorruptRecordException {
        return switch (code) {
            case 0 -> DoorStatus.SECURED;
            case 1 -> DoorStatus.UNLOCKED;
            case 2 -> DoorStatus.OPEN;
            case 3 -> DoorStatus.PROPPED;
            case 4 -> DoorStatus.FORCED;
            case 5 -> DoorStatus.FAILED_TO_SECURE;
            case 6 -> DoorStatus.FAULT;
            case 7 -> DoorStatus.OFFLINE;
            default -> throw new EventCodec.CorruptRecordException("unknown door status code " + code);
        };
    }

    static int kindCode(Alert.Kind k) {
        return switch (k) {
            case DOOR_OPEN -> 1;
            case DOOR_PROPPED -> 2;
            case DOOR_FORCED -> 3;
            case DOOR_FAILED_TO_SECURE -> 4;
            case DOOR_FAULT -> 5;
            case WEAPON_DETECTED -> 6;
            case DETECTOR_OFFLINE -> 7;
            case DETECTOR_ONLINE -> 8;
            case DEVICE_FAULT -> 9;
            case FIRE_ALARM -> 10;
            case FIRE_ALARM_CLEARED -> 11;
        };
    }

    private static Alert.Kind kind(int code) throws EventCodec.CorruptRecordException {
        for (Alert.Kind k : Alert.Kind.values()) {
            if (kindCode(k) == code) {
                return k;
            }
        }
        throw new EventCodec.CorruptRecordException("unknown alert kind code " + code);
    }
}
