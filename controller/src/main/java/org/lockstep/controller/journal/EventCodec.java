package org.lockstep.controller.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/**
 * The hand-written, versioned binary encoding of every {@link Event} (format 1, see docs/JOURNAL.md). Big-endian;
 * a string is a u16 byte count and UTF-8 bytes; a boolean is one byte 0/1. The first byte is the event's type code.
 * Codes and enum codes are written here explicitly, never taken from {@code ordinal()}, so reordering an enum cannot
 * change what old journals mean. A new event gets a new code; a code is never reused.
 */
public final class EventCodec {
    /** The encoding version written in every segment header. */
    public static final int VERSION = 1;
    /** A string longer than this (in UTF-8 bytes) cannot be journaled: the append fails and is raised as a fault. */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    static final int MODE_REQUESTED = 1;
    static final int CONTROLLER_STARTED = 2;
    static final int TIME_ADVANCED = 3;
    static final int CONTACT_CHANGED = 4;
    static final int BOLT_CHANGED = 5;
    static final int PANIC_PRESSED = 6;
    static final int WEAPON_DETECTED = 7;
    static final int FIRE_ALARM_CHANGED = 8;
    static final int DEVICE_FAULTED = 9;
    static final int DEVICE_RECOVERED = 10;
    static final int LOCK_TEST_REQUESTED = 11;
    static final int LOCK_TESTED = 12;
    static final int PEER_MODE_SEEN = 13;
    static final int COMMISSIONED = 14;

    private EventCodec() {}

    public static byte[] encode(Event event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, event);
        } catch (IOException e) {
            throw new AssertionError("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** Writes one event (self-delimiting: {@link #read} knows where it ends). */
    static void write(DataOutputStream out, Event event) throws IOException {
        {
            switch (event) {
                case Event.ModeRequested r -> {
                    out.writeByte(MODE_REQUESTED);
                    string(out, r.requestId());
                    out.writeByte(modeCode(r.mode()));
                    switch (r.scope()) {
                        case Scope.Site s -> out.writeByte(0);
                        case Scope.Zone z -> {
                            out.writeByte(1);
                            string(out, z.zoneId());
                        }
                    }
                    out.writeBoolean(r.drill());
                    out.writeByte(sourceCode(r.source()));
                    string(out, r.source().id());
                    string(out, r.reason());
                }
                case Event.ControllerStarted s -> out.writeByte(CONTROLLER_STARTED);
                case Event.TimeAdvanced t -> out.writeByte(TIME_ADVANCED);
                case Event.ContactChanged c -> {
                    out.writeByte(CONTACT_CHANGED);
                    string(out, c.doorId());
                    out.writeBoolean(c.open());
                }
                case Event.BoltChanged b -> {
                    out.writeByte(BOLT_CHANGED);
                    string(out, b.doorId());
                    out.writeBoolean(b.thrown());
                }
                case Event.PanicPressed p -> {
                    out.writeByte(PANIC_PRESSED);
                    string(out, p.buttonId());
                }
                case Event.WeaponDetected w -> {
                    out.writeByte(WEAPON_DETECTED);
                    string(out, w.detectorId());
                    string(out, w.sensorId());
                    out.writeInt(w.confidencePct());
                    string(out, w.location());
                }
                case Event.FireAlarmChanged f -> {
                    out.writeByte(FIRE_ALARM_CHANGED);
                    string(out, f.alarmId());
                    out.writeBoolean(f.active());
                }
                case Event.DeviceFaulted f -> {
                    out.writeByte(DEVICE_FAULTED);
                    string(out, f.deviceId());
                    string(out, f.detail());
                }
                case Event.DeviceRecovered r -> {
                    out.writeByte(DEVICE_RECOVERED);
                    string(out, r.deviceId());
                }
                case Event.LockTestRequested t -> {
                    out.writeByte(LOCK_TEST_REQUESTED);
                    string(out, t.requestId());
                    string(out, t.doorId());
                    out.writeBoolean(t.lock());
                    string(out, t.operator().id());
                }
                case Event.PeerModeSeen p -> {
                    out.writeByte(PEER_MODE_SEEN);
                    string(out, p.peerControllerId());
                    string(out, p.zoneId());
                    out.writeByte(modeCode(p.mode()));
                    out.writeBoolean(p.drill());
                    out.writeByte(p.trigger().map(EventCodec::sourceCode).orElse(0));
                    string(out, p.trigger().map(Source::id).orElse(""));
                    string(out, p.reason());
                    out.writeLong(p.version());
                }
                case Event.LockTested t -> {
                    out.writeByte(LOCK_TESTED);
                    string(out, t.doorId());
                    out.writeBoolean(t.passed());
                    string(out, t.detail());
                }
                case Event.Commissioned c -> {
                    out.writeByte(COMMISSIONED);
                    string(out, c.deviceId());
                    out.writeBoolean(c.passed());
                    string(out, c.detail());
                    string(out, c.operator().id());
                }
            }
        }
    }

    /**
     * @throws CorruptRecordException if the bytes are not one whole event of this version (unknown code, short,
     *     trailing bytes, invalid field): the CRC matched, so this is a bug or a newer writer, never silently skipped
     */
    public static Event decode(byte[] payload) throws CorruptRecordException {
        CountingInput counting = new CountingInput(payload);
        DataInputStream in = new DataInputStream(counting);
        try {
            Event e = read(in);
            if (counting.remaining() != 0) {
                throw new CorruptRecordException(counting.remaining() + " trailing bytes after the event");
            }
            return e;
        } catch (EOFException ex) {
            throw new CorruptRecordException("event ends early");
        } catch (IOException ex) {
            throw new CorruptRecordException("unreadable event: " + ex.getMessage());
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new CorruptRecordException("invalid event field: " + ex.getMessage());
        }
    }

    /** Reads one event written by {@link #write}. */
    static Event read(DataInputStream in) throws IOException, CorruptRecordException {
        {
            int code = in.readUnsignedByte();
            return switch (code) {
                case MODE_REQUESTED -> {
                    String requestId = string(in);
                    Mode mode = mode(in.readUnsignedByte());
                    int scopeCode = in.readUnsignedByte();
                    Scope scope = switch (scopeCode) {
                        case 0 -> Scope.SITE;
                        case 1 -> Scope.zone(string(in));
                        default -> throw new CorruptRecordException("unknown scope code " + scopeCode);
                    };
                    boolean drill = bool(in);
                    int sourceCode = in.readUnsignedByte();
                    String sourceId = string(in);
                    Source source = source(sourceCode, sourceId);
                    yield new Event.ModeRequested(requestId, mode, scope, drill, source, string(in));
                }
                case CONTROLLER_STARTED -> new Event.ControllerStarted();
                case TIME_ADVANCED -> new Event.TimeAdvanced();
                case CONTACT_CHANGED -> new Event.ContactChanged(string(in), bool(in));
                case BOLT_CHANGED -> new Event.BoltChanged(string(in), bool(in));
                case PANIC_PRESSED -> new Event.PanicPressed(string(in));
                case WEAPON_DETECTED -> new Event.WeaponDetected(string(in), string(in), in.readInt(), string(in));
                case FIRE_ALARM_CHANGED -> new Event.FireAlarmChanged(string(in), bool(in));
                case DEVICE_FAULTED -> new Event.DeviceFaulted(string(in), string(in));
                case DEVICE_RECOVERED -> new Event.DeviceRecovered(string(in));
                case LOCK_TEST_REQUESTED -> new Event.LockTestRequested(string(in), string(in), bool(in),
                        new Source.Operator(string(in)));
                case LOCK_TESTED -> new Event.LockTested(string(in), bool(in), string(in));
                case COMMISSIONED -> new Event.Commissioned(string(in), bool(in), string(in),
                        new Source.Operator(string(in)));
                case PEER_MODE_SEEN -> {
                    String peer = string(in);
                    String zone = string(in);
                    Mode mode = mode(in.readUnsignedByte());
                    boolean drill = bool(in);
                    int sourceCode = in.readUnsignedByte();
                    String sourceId = string(in);
                    java.util.Optional<Source> trigger = sourceCode == 0 ? java.util.Optional.empty()
                            : java.util.Optional.of(source(sourceCode, sourceId));
                    String reason = string(in);
                    yield new Event.PeerModeSeen(peer, zone, mode, drill, trigger, reason, in.readLong());
                }
                default -> throw new CorruptRecordException("unknown event code " + code);
            };
        }
    }

    /** Thrown for bytes that are not a valid event. */
    public static final class CorruptRecordException extends Exception {
        public CorruptRecordException(String message) {
            super(message);
        }
    }

    static int sourceCode(Source source) {
        return switch (source) {
            case Source.Operator o -> 1;
            case Source.PanicButton p -> 2;
            case Source.Detector d -> 3;
        };
    }

    static Source source(int code, String id) throws CorruptRecordException {
        return switch (code) {
            case 1 -> new Source.Operator(id);
            case 2 -> new Source.PanicButton(id);
            case 3 -> new Source.Detector(id);
            default -> throw new CorruptRecordException("unknown source code " + code);
        };
    }

    static int modeCode(Mode mode) {
        return switch (mode) {
            case NORMAL -> 0;
            case SECURE -> 1;
            case LOCKDOWN -> 2;
        };
    }

    static Mode mode(int code) throws CorruptRecordException {
        return switch (code) {
            case 0 -> Mode.NORMAL;
            case 1 -> Mode.SECURE;
            case 2 -> Mode.LOCKDOWN;
            default -> throw new CorruptRecordException("unknown mode code " + code);
        };
    }

    static boolean bool(DataInputStream in) throws IOException, CorruptRecordException {
        int b = in.readUnsignedByte();
        if (b > 1) {
            throw new CorruptRecordException("boolean byte " + b);
        }
        return b == 1;
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + b.length + " bytes is longer than "
                    + MAX_STRING_BYTES + ": " + s.substring(0, 40) + "...");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    static String string(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("string of " + n + " bytes ends after " + b.length);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Knows how many bytes are left, to reject trailing garbage. */
    static final class CountingInput extends InputStream {
        private final byte[] b;
        private int pos;

        CountingInput(byte[] b) {
            this.b = b;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (pos >= b.length) {
                return -1;
            }
            int n = Math.min(len, b.length - pos);
            System.arraycopy(b, pos, dst, off, n);
            pos += n;
            return n;
        }

        int remaining() {
            return b.length - pos;
        }
    }
}
