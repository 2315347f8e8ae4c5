package org.lockstep.hal.detector;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/**
 * Decoder for {@code lockstep-line-v1} (see {@link LineProtocol}). A byte-at-a-time state machine over a fixed
 * buffer of {@link LineProtocol#MAX_FRAME_BYTES}: memory does not grow with the input, whatever the line sends.
 *
 * <p>Sequence rule: the first frame (after construction or {@link #reset}) and any frame numbered 0 are accepted and
 * restart the history. Otherwise a frame is accepted when it is 1..{@link LineProtocol#MAX_SEQ_STEP} steps ahead of
 * the last accepted one on the 1..65535 ring (steps beyond one are counted as missed frames); 0 steps is a
 * {@link Rejection#DUPLICATE}, more is {@link Rejection#OUT_OF_ORDER}.
 */
public final class LineFrameDecoder implements DetectorDecoder {
    private enum State { BETWEEN_FRAMES, IN_FRAME, DISCARDING }

    private static final int NO_SEQ = -1;

    private final byte[] frame = new byte[LineProtocol.MAX_FRAME_BYTES];
    private int frameLength;
    private State state = State.BETWEEN_FRAMES;
    private boolean garbageRun;
    private int lastSeq = NO_SEQ;

    private long detections;
    private long heartbeats;
    private long missedFrames;
    private final Map<Rejection, Long> rejected = new EnumMap<>(Rejection.class);

    @Override
    public String protocol() {
        return LineProtocol.NAME;
    }

    @Override
    public List<DetectorMessage> feed(byte[] chunk, long atMs) {
        List<DetectorMessage> out = new ArrayList<>(2);
        if (chunk == null) {
            return out;
        }
        for (byte b : chunk) {
            step(b, atMs, out);
        }
        return out;
    }

    @Override
    public List<DetectorMessage> reset(long atMs) {
        List<DetectorMessage> out = new ArrayList<>(1);
        endGarbageRun(atMs, out);
        if (state == State.IN_FRAME) {
            reject(out, Rejection.PARTIAL, "link reset after " + frameLength + " bytes of a frame", atMs);
        }
        state = State.BETWEEN_FRAMES;
        frameLength = 0;
        lastSeq = NO_SEQ;
        return out;
    }

    @Override
    public DecoderCounters counters() {
        return new DecoderCounters(detections, heartbeats, missedFrames, rejected);
    }

    private void step(byte b, long atMs, List<DetectorMessage> out) {
        if (b == LineProtocol.START) {
            // '$' occurs only at a frame start, so it always resynchronises, even in the middle of a bad frame.
            endGarbageRun(atMs, out);
            if (state == State.IN_FRAME) {
                reject(out, Rejection.PARTIAL, "frame interrupted by '$' after " + frameLength + " bytes", atMs);
            }
            state = State.IN_FRAME;
            frameLength = 0;
            return;
        }
        if (b == LineProtocol.END) {
            endGarbageRun(atMs, out);
            if (state == State.IN_FRAME) {
                int length = frameLength > 0 && frame[frameLength - 1] == '\r' ? frameLength - 1 : frameLength;
                decodeFrame(length, atMs, out);
            }
            state = State.BETWEEN_FRAMES;
            frameLength = 0;
            return;
        }
        switch (state) {
            case BETWEEN_FRAMES -> garbageRun = true;
            case DISCARDING -> {}
            case IN_FRAME -> {
                if (frameLength == frame.length) {
                    reject(out, Rejection.TOO_LONG, "frame longer than " + LineProtocol.MAX_FRAME_BYTES + " bytes",
                            atMs);
                    state = State.DISCARDING;
                } else {
                    frame[frameLength++] = b;
                }
            }
        }
    }

    private void endGarbageRun(long atMs, List<DetectorMessage> out) {
        if (garbageRun) {
            garbageRun = false;
            reject(out, Rejection.GARBAGE, "bytes outside a frame", atMs);
        }
    }

    /** {@code frame[0..length)} holds everything between '$' and the newline. */
    private void decodeFrame(int length, long atMs, List<DetectorMessage> out) {
        int star = -1;
        for (int i = 0; i < length; i++) {
            if (frame[i] == LineProtocol.CHECKSUM_MARK) {
                star = i;
                break;
            }
        }
        if (star < 0 || length - star != 5) {
            reject(out, Rejection.MALFORMED, star < 0 ? "no checksum" : "checksum is not 4 hex digits", atMs);
            return;
        }
        int sent = parseHex4(star + 1);
        if (sent < 0) {
            reject(out, Rejection.MALFORMED, "checksum is not 4 upper-case hex digits", atMs);
            return;
        }
        int computed = Crc16.of(frame, 0, star);
        if (sent != computed) {
            reject(out, Rejection.BAD_CHECKSUM,
                    String.format("checksum %04X, computed %04X", sent, computed), atMs);
            return;
        }
        for (int i = 0; i < star; i++) {
            if (frame[i] < 0x20 || frame[i] > 0x7E) {
                reject(out, Rejection.MALFORMED, "non-printable byte at " + (i + 1), atMs);
                return;
            }
        }
        String body = new String(frame, 0, star, US_ASCII);
        String[] f = body.split(",", -1);
        if (f.length != 6) {
            reject(out, Rejection.MALFORMED, "expected 6 fields, got " + f.length, atMs);
            return;
        }
        if (!LineProtocol.TAG.equals(f[0])) {
            reject(out, Rejection.MALFORMED, "unknown tag '" + f[0] + "'", atMs);
            return;
        }
        int seq = parseDecimal(f[1], 5);
        if (seq < 0 || seq > LineProtocol.MAX_SEQ) {
            reject(out, Rejection.MALFORMED, "seq must be 0.." + LineProtocol.MAX_SEQ, atMs);
            return;
        }
        String sensorId = f[2];
        if (sensorId.isEmpty() || sensorId.length() > LineProtocol.MAX_SENSOR_ID_CHARS
                || !sensorId.chars().allMatch(LineProtocol::isSensorIdChar)) {
            reject(out, Rejection.MALFORMED, "bad sensor id", atMs);
            return;
        }
        int confidence = parseDecimal(f[4], 3);
        String location = f[5];
        if (location.length() > LineProtocol.MAX_LOCATION_CHARS
                || !location.chars().allMatch(LineProtocol::isLocationChar)) {
            reject(out, Rejection.MALFORMED, "bad location", atMs);
            return;
        }
        DetectorMessage.Frame decoded;
        switch (f[3]) {
            case "DET" -> {
                if (confidence < 0 || confidence > 100) {
                    reject(out, Rejection.MALFORMED, "DET confidence must be 0..100", atMs);
                    return;
                }
                if (location.isEmpty()) {
                    reject(out, Rejection.MALFORMED, "DET without a location", atMs);
                    return;
                }
                decoded = new DetectorMessage.Detection(seq, sensorId, confidence, location, atMs);
            }
            case "HB" -> {
                if (confidence != 0) {
                    reject(out, Rejection.MALFORMED, "HB confidence must be 0", atMs);
                    return;
                }
                decoded = new DetectorMessage.Heartbeat(seq, sensorId, atMs);
            }
            default -> {
                reject(out, Rejection.MALFORMED, "unknown type '" + f[3] + "'", atMs);
                return;
            }
        }
        if (!inSequence(seq, atMs, out)) {
            return;
        }
        if (decoded instanceof DetectorMessage.Detection) {
            detections++;
        } else {
            heartbeats++;
        }
        out.add(decoded);
    }

    private boolean inSequence(int seq, long atMs, List<DetectorMessage> out) {
        if (lastSeq == NO_SEQ || (seq == 0 && lastSeq != 0)) {
            if (seq == 0 && lastSeq != NO_SEQ) {
                Logger.info("detector sender restarted (seq 0 after {})", lastSeq);
            }
            lastSeq = seq;
            return true;
        }
        int step = LineProtocol.seqStep(lastSeq, seq);
        if (step == 0) {
            reject(out, Rejection.DUPLICATE, "seq " + seq + " again", atMs);
            return false;
        }
        if (step > LineProtocol.MAX_SEQ_STEP) {
            reject(out, Rejection.OUT_OF_ORDER, "seq " + seq + " after " + lastSeq, atMs);
            return false;
        }
        missedFrames += step - 1;
        lastSeq = seq;
        return true;
    }

    private int parseHex4(int from) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int c = frame[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** A plain decimal of 1..maxDigits digits, or -1. Leading zeros are allowed only for the number 0 itself. */
    private static int parseDecimal(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void reject(List<DetectorMessage> out, Rejection reason, String detail, long atMs) {
        rejected.merge(reason, 1L, Long::sum);
        // Debug only: a noisy line can produce thousands a second; the driver logs rate-limited summaries.
        Logger.debug("detector frame rejected: {} ({})", reason, detail);
        out.add(new DetectorMessage.Rejected(reason, detail, atMs));
    }
}
