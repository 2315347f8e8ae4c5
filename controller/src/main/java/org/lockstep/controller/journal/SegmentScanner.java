package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads one segment file and checks every record (length, CRC, sequence, event). Reads only; deciding what to cut is
 * {@link FileJournal}'s job.
 *
 * <p>At a bad record it looks for the next offset where a whole, CRC-valid record with a higher sequence number starts.
 * If there is one, the bytes between are {@link JournalProblem.Kind#CORRUPT_MIDDLE} and reading goes on from there
 * (fsynced records after the damage are still the truth: replaying them beats losing them). If there is none, the
 * bad bytes are the segment's tail.
 */
final class SegmentScanner {
    private SegmentScanner() {}

    /**
     * @param goodEnd the offset just after the last good record (where a torn tail is cut)
     * @param badTail the bytes from {@code goodEnd} to the end, if they are not records, and why
     */
    record Scan(Path file, Optional<SegmentFormat.Header> header, String headerProblem, List<JournalRecord> records,
            long goodEnd, long size, Optional<Tail> badTail, List<JournalProblem> middleProblems) {}

    record Tail(long offset, long length, String reason) {}

    static Scan scan(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        SegmentFormat.HeaderOrProblem h = SegmentFormat.readHeader(bytes);
        if (h.header().isEmpty()) {
            return new Scan(file, Optional.empty(), h.problem(), List.of(), 0, bytes.length, Optional.empty(),
                    List.of());
        }
        SegmentFormat.Header header = h.header().get();
        List<JournalRecord> records = new ArrayList<>();
        List<JournalProblem> middle = new ArrayList<>();
        int pos = header.length();
        long expected = header.firstSeq();
        while (pos < bytes.length) {
            Parsed p = parse(bytes, pos, expected, true, header.version());
            if (p.record != null) {
                records.add(p.record);
                expected = p.record.seq() + 1;
                pos = p.next;
                continue;
            }
            int resync = resync(bytes, pos + 1, expected, header.version());
            if (resync < 0) {
                return new Scan(file, Optional.of(header), "", records, pos, bytes.length,
                        Optional.of(new Tail(pos, bytes.length - pos, p.problem)), middle);
            }
            middle.add(new JournalProblem(JournalProblem.Kind.CORRUPT_MIDDLE, file, pos, resync - pos, p.problem));
            pos = resync;
            // The next good record's seq is whatever it is (greater than the last good one): records in between are lost.
            Parsed next = parse(bytes, pos, records.isEmpty() ? header.firstSeq() - 1 : records.getLast().seq(), false,
                    header.version());
            records.add(next.record);
            expected = next.record.seq() + 1;
            pos = next.next;
        }
        return new Scan(file, Optional.of(header), "", records, pos, bytes.length, Optional.empty(), middle);
    }

    /** The first offset from {@code from} where a good record with a sequence number of at least {@code minSeq} starts. */
    private static int resync(byte[] bytes, int from, long minSeq, int version) {
        for (int q = from; q + SegmentFormat.RECORD_PREFIX_BYTES + SegmentFormat.MIN_BODY_BYTES <= bytes.length; q++) {
            if (parse(bytes, q, minSeq - 1, false, version).record != null) {
                return q;
            }
        }
        return -1;
    }

    private record Parsed(JournalRecord record, int next, String problem) {}

    /**
     * @param seq with {@code exact}, the sequence number the record must have; otherwise it must be greater than it
     */
    private static Parsed parse(byte[] bytes, int pos, long seq, boolean exact, int version) {
        int left = bytes.length - pos;
        if (left < SegmentFormat.RECORD_PREFIX_BYTES) {
            return bad("only " + left + " bytes left, less than a record prefix (torn write)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int len = b.getInt(pos);
        if (len < SegmentFormat.MIN_BODY_BYTES || len > SegmentFormat.MAX_BODY_BYTES) {
            return bad("impossible record length " + len + (len == 0 ? " (zero-filled bytes)" : ""));
        }
        if ((long) len > left - SegmentFormat.RECORD_PREFIX_BYTES) {
            return bad("record of " + len + " bytes runs past the end of the file (" + left + " bytes left; torn write)");
        }
        int stored = b.getInt(pos + 4);
        CRC32C crc = new CRC32C();
        crc.update(bytes, pos + SegmentFormat.RECORD_PREFIX_BYTES, len);
        if ((int) crc.getValue() != stored) {
            return bad("CRC mismatch");
        }
        int body = pos + SegmentFormat.RECORD_PREFIX_BYTES;
        long recSeq = b.getLong(body);
        if (exact ? recSeq != seq : recSeq <= seq) {
            return bad("sequence number " + recSeq + (exact ? " where " + seq + " was expected"
                    : " not after " + seq));
        }
        long atMs = b.getLong(body + 8);
        long wallMs = b.getLong(body + 16);
        byte[] payload = java.util.Arrays.copyOfRange(bytes, body + SegmentFormat.BODY_FIXED_BYTES, body + len);
        try {
            if (version == 1) {
                return new Parsed(new JournalRecord(recSeq, atMs, wallMs, EventCodec.decode(payload)), body + len, "");
            }
            FactCodec.Step step = FactCodec.decode(payload);
            return new Parsed(new JournalRecord(recSeq, atMs, wallMs, step.input(), step.facts(), true), body + len,
                    "");
        } catch (EventCodec.CorruptRecordException e) {
            return bad("CRC matches but the event is invalid: " + e.getMessage());
        }
    }

    private static Parsed bad(String why) {
        return new Parsed(null, -1, why);
    }
}
