package org.lockstep.hal.detector;

/**
 * The {@code lockstep-line-v1} wire format, in one place: every limit has a name and a bound here.
 *
 * <pre>
 * $LSD,&lt;seq&gt;,&lt;sensorId&gt;,&lt;type&gt;,&lt;confidence&gt;,&lt;location&gt;*&lt;CRC&gt;\n
 * $LSD,17,lane-2,DET,87,Main entrance*254B
 * $LSD,18,lane-2,HB,0,*66D3
 * </pre>
 *
 * <ul>
 *   <li>{@code $} starts a frame and appears nowhere else, so a receiver that lost its place resynchronises on the
 *       next {@code $} without waiting for a newline.</li>
 *   <li>{@code LSD} names the format (a version bump gets a new tag), so other traffic on the line is rejected, not
 *       misread.</li>
 *   <li>{@code seq}: decimal, no sign. 0 means "first frame since the sender started"; then 1, 2, ... 65535, 1, 2...
 *       (0 is skipped on wrap). It exposes lost frames, duplicates and replays.</li>
 *   <li>{@code sensorId}: the detector's lane or sensor, 1..{@value #MAX_SENSOR_ID_CHARS} of
 *       {@code [A-Za-z0-9_-]}.</li>
 *   <li>{@code type}: {@code DET} (a detection) or {@code HB} (heartbeat: "I am alive", sent at least every
 *       heartbeat interval, so a silent detector is told apart from a quiet one).</li>
 *   <li>{@code confidence}: 0..100 for DET; exactly {@code 0} for HB.</li>
 *   <li>{@code location}: 0..{@value #MAX_LOCATION_CHARS} printable ASCII characters (0x20..0x7E) except
 *       {@code $ * , \}; required (non-empty) for DET. No escaping: forbidden characters are simpler to get right
 *       on a small sender than an escape scheme, and a detector's lane names never need them.</li>
 *   <li>{@code CRC}: {@code *} then four upper-case hex digits, CRC-16/CCITT-FALSE ({@link Crc16}) of the bytes
 *       between {@code $} and {@code *}, exclusive.</li>
 *   <li>The line ends with {@code \n}; a {@code \r} before it is tolerated.</li>
 * </ul>
 */
public final class LineProtocol {
    public static final String NAME = "lockstep-line-v1";
    public static final String TAG = "LSD";
    public static final byte START = '$';
    public static final byte CHECKSUM_MARK = '*';
    public static final byte END = '\n';

    public static final int MAX_SENSOR_ID_CHARS = 16;
    public static final int MAX_LOCATION_CHARS = 32;
    public static final int MAX_SEQ = 65_535;
    /** Sequence numbers 1..65535 form a ring of this size; 0 is congruent to 65535, so 0 → 1 is a step of one. */
    public static final int SEQ_RING = MAX_SEQ;
    /** A frame more than this many steps ahead of the last one is taken as old (out of order), not as a gap. */
    public static final int MAX_SEQ_STEP = SEQ_RING / 2;
    /**
     * Bytes from {@code $} up to, not including, the newline. The longest valid frame is 73 bytes (+ optional
     * {@code \r}); anything longer is discarded up to the next {@code $} or newline and counted.
     */
    public static final int MAX_FRAME_BYTES = 96;

    private LineProtocol() {}

    public static boolean isSensorIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    public static boolean isLocationChar(int c) {
        return c >= 0x20 && c <= 0x7E && c != '$' && c != '*' && c != ',' && c != '\\';
    }

    /** The sequence number that follows {@code seq}: 0 → 1, ..., 65535 → 1. */
    public static int nextSeq(int seq) {
        return seq >= MAX_SEQ ? 1 : seq + 1;
    }

    /** Steps forward from {@code last} to {@code seq} on the ring (0 = same number). */
    public static int seqStep(int last, int seq) {
        return Math.floorMod(seq - last, SEQ_RING);
    }
}
