package org.lockstep.hal.detector;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Objects;

/**
 * Writes {@code lockstep-line-v1} frames, numbering them itself: 0 for the first frame, then 1..65535 and round
 * again from 1. For tests, the simulator and reference for detector integrators. Not thread-safe.
 */
public final class LineFrameEncoder {
    private final String sensorId;
    private int nextSeq;

    /** @param sensorId 1..16 of {@code [A-Za-z0-9_-]} */
    public LineFrameEncoder(String sensorId) {
        this(sensorId, 0);
    }

    /** Starts at {@code firstSeq} (0..65535), e.g. to test wrap-around. */
    public LineFrameEncoder(String sensorId, int firstSeq) {
        checkSensorId(sensorId);
        checkSeq(firstSeq);
        this.sensorId = sensorId;
        this.nextSeq = firstSeq;
    }

    public int nextSeq() {
        return nextSeq;
    }

    public byte[] detection(int confidencePct, String location) {
        byte[] frame = detection(nextSeq, sensorId, confidencePct, location);
        nextSeq = LineProtocol.nextSeq(nextSeq);
        return frame;
    }

    public byte[] heartbeat() {
        byte[] frame = heartbeat(nextSeq, sensorId);
        nextSeq = LineProtocol.nextSeq(nextSeq);
        return frame;
    }

    /** One DET frame with an explicit sequence number. */
    public static byte[] detection(int seq, String sensorId, int confidencePct, String location) {
        if (confidencePct < 0 || confidencePct > 100) {
            throw new IllegalArgumentException("confidencePct must be 0..100, was " + confidencePct);
        }
        Objects.requireNonNull(location, "location");
        if (location.isEmpty()) {
            throw new IllegalArgumentException("location must not be empty for a detection");
        }
        return frame(seq, sensorId, "DET", confidencePct, location);
    }

    /** One HB frame with an explicit sequence number. */
    public static byte[] heartbeat(int seq, String sensorId) {
        return frame(seq, sensorId, "HB", 0, "");
    }

    private static byte[] frame(int seq, String sensorId, String type, int confidence, String location) {
        checkSeq(seq);
        checkSensorId(sensorId);
        if (location.length() > LineProtocol.MAX_LOCATION_CHARS
                || !location.chars().allMatch(LineProtocol::isLocationChar)) {
            throw new IllegalArgumentException("location must be 0.." + LineProtocol.MAX_LOCATION_CHARS
                    + " printable ASCII characters without $ * , \\, was '" + location + "'");
        }
        String body = LineProtocol.TAG + "," + seq + "," + sensorId + "," + type + "," + confidence + "," + location;
        int crc = Crc16.of(body.getBytes(US_ASCII));
        return String.format("$%s*%04X\n", body, crc).getBytes(US_ASCII);
    }

    private static void checkSeq(int seq) {
        if (seq < 0 || seq > LineProtocol.MAX_SEQ) {
            throw new IllegalArgumentException("seq must be 0.." + LineProtocol.MAX_SEQ + ", was " + seq);
        }
    }

    private static void checkSensorId(String sensorId) {
        Objects.requireNonNull(sensorId, "sensorId");
        if (sensorId.isEmpty() || sensorId.length() > LineProtocol.MAX_SENSOR_ID_CHARS
                || !sensorId.chars().allMatch(LineProtocol::isSensorIdChar)) {
            throw new IllegalArgumentException("sensorId must be 1.." + LineProtocol.MAX_SENSOR_ID_CHARS
                    + " of [A-Za-z0-9_-], was '" + sensorId + "'");
        }
    }
}
