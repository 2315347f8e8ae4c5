package org.lockstep.controller.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a journal segment (format 2, reads 1; docs/JOURNAL.md). Big-endian throughout.
 *
 * <pre>
 * segment = header record*
 * header  = magic "LSTPJRNL" (8) | version u16 | flags u8 | firstSeq u64 | idLen u16 | controllerId (UTF-8)
 *           | crc32c u32 (of every header byte before it)
 * record  = bodyLen u32 | crc32c u32 (of body) | body
 * body    = seq u64 | atMs i64 (core monotonic) | wallMs i64 (epoch) | payload
 * payload = version 2: event | factCount u16 | fact* (FactCodec); version 1: event (EventCodec)
 * </pre>
 *
 * A record's CRC covers its sequence number and times, so a record copied or shifted within a file is not mistaken
 * for the one that belongs there.
 */
final class SegmentFormat {
    static final byte[] MAGIC = "LSTPJRNL".getBytes(StandardCharsets.US_ASCII);
    /** Written in every new segment: records carry the input and the decided facts ({@link FactCodec}). */
    static final int VERSION = 2;
    /** Still read: records carry the input only ({@link EventCodec}); a restart decides them once more. */
    static final int OLDEST_READABLE = 1;
    /** Header flag: the state before this segment's first record was quiescent (all zones NORMAL, no fire alarm). */
    static final int FLAG_RESTART_POINT = 1;
    /** Header flag (format 2): this segment's first record carries a checkpoint (the whole state): a restart reads from here. */
    static final int FLAG_CHECKPOINT = 2;
    static final String SUFFIX = ".lsj";
    static final int RECORD_PREFIX_BYTES = 8;
    static final int BODY_FIXED_BYTES = 24;
    static final int MIN_BODY_BYTES = BODY_FIXED_BYTES + 1;
    /** A body longer than this is not a record (four 64 KiB strings fit): the scanner treats the length as corrupt. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private SegmentFormat() {}

    /** @param restartPoint replay may start at this segment: nothing before it matters to the mode */
    record Header(int version, boolean restartPoint, long firstSeq, String controllerId, int length,
            boolean checkpoint) {}

    static String fileName(long firstSeq) {
        return String.format("journal-%020d%s", firstSeq, SUFFIX);
    }

    static ByteBuffer header(long firstSeq, String controllerId, boolean restartPoint) {
        return header(firstSeq, controllerId, restartPoint, false);
    }

    static ByteBuffer header(long firstSeq, String controllerId, boolean restartPoint, boolean checkpoint) {
        byte[] id = controllerId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + 1 + 8 + 2 + id.length + 4);
        b.put(MAGIC).putShort((short) VERSION).put((byte) ((restartPoint ? FLAG_RESTART_POINT : 0) | (checkpoint ? FLAG_CHECKPOINT : 0))).putLong(firstSeq)
                .putShort((short) id.length).put(id);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /** The header at the start of {@code bytes}, or why there is none. */
    static HeaderOrProblem readHeader(byte[] bytes) {
        int fixed = MAGIC.length + 2 + 1 + 8 + 2;
        if (bytes.length < fixed) {
            return new HeaderOrProblem(Optional.empty(), "file of " + bytes.length + " bytes is shorter than a header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return new HeaderOrProblem(Optional.empty(), "not a Lockstep journal segment (bad magic)");
        }
        int version = Short.toUnsignedInt(b.getShort());
        int flags = Byte.toUnsignedInt(b.get());
        long firstSeq = b.getLong();
        int idLen = Short.toUnsignedInt(b.getShort());
        if (bytes.length < fixed + idLen + 4) {
            return new HeaderOrProblem(Optional.empty(), "header ends early");
        }
        String id = new String(bytes, fixed, idLen, StandardCharsets.UTF_8);
        b.position(fixed + idLen);
        int stored = b.getInt();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, fixed + idLen);
        if ((int) crc.getValue() != stored) {
            return new HeaderOrProblem(Optional.empty(), "header CRC mismatch");
        }
        if (version < OLDEST_READABLE || version > VERSION) {
            return new HeaderOrProblem(Optional.empty(), "format version " + version + " (this build reads "
                    + OLDEST_READABLE + ".." + VERSION + ")");
        }
        return new HeaderOrProblem(Optional.of(new Header(version, (flags & FLAG_RESTART_POINT) != 0, firstSeq, id,
                fixed + idLen + 4, (flags & FLAG_CHECKPOINT) != 0)), "");
    }

    record HeaderOrProblem(Optional<Header> header, String problem) {}

    static ByteBuffer record(long seq, long atMs, long wallMs, byte[] payload) {
        int bodyLen = BODY_FIXED_BYTES + payload.length;
        if (bodyLen > MAX_BODY_BYTES) {
            throw new JournalException("event of " + payload.length + " bytes is larger than a record may be ("
                    + MAX_BODY_BYTES + ")");
        }
        ByteBuffer b = ByteBuffer.allocate(RECORD_PREFIX_BYTES + bodyLen);
        b.putInt(bodyLen).putInt(0).putLong(seq).putLong(atMs).putLong(wallMs).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), RECORD_PREFIX_BYTES, bodyLen);
        b.putInt(4, (int) crc.getValue());
        return b.flip();
    }
}
