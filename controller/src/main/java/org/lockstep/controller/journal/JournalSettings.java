package org.lockstep.controller.journal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The file journal's bounds. Every bound says what happens at it:
 *
 * @param segmentMaxBytes a segment that would grow past this is sealed (fsynced, closed) and a new one started
 * @param retainMaxBytes past this total, the oldest sealed segments are deleted — but never one the current mode
 *     depends on (see {@link FileJournal}): then the journal keeps it, logs a warning and counts it
 * @param retainMaxAgeDays sealed segments last written longer ago than this are deleted, under the same rule
 * @param groupCommitMaxRecords door and sensor records may wait unsynced; at this many the journal fsyncs
 * @param groupCommitMaxMs and no unsynced record waits longer than this (a background syncer); mode changes are
 *     always fsynced before {@code append} returns
 */
public record JournalSettings(long segmentMaxBytes, long retainMaxBytes, int retainMaxAgeDays,
        int groupCommitMaxRecords, long groupCommitMaxMs) {

    public static final long DEFAULT_SEGMENT_MAX_BYTES = 8L << 20;
    /**
     * A restart reads only from the newest checkpoint on (docs/JOURNAL.md, "Checkpoints and replay cost"), so retention
     * no longer bounds it: 256 MiB keeps several years of a school's journal (a measured year of a 7-door controller is
     * 38 MiB) for reviews. Retention still never deletes the history the mode depends on.
     */
    public static final long DEFAULT_RETAIN_MAX_BYTES = 256L << 20;
    public static final int DEFAULT_RETAIN_MAX_AGE_DAYS = 400; // a school year and then some: reviews come late
    public static final int DEFAULT_GROUP_COMMIT_MAX_RECORDS = 64;
    public static final long DEFAULT_GROUP_COMMIT_MAX_MS = 200;
    /** Largest segment: a segment is read whole into memory when it is scanned at start. */
    public static final long MAX_SEGMENT_BYTES = 64L << 20;
    /** Smallest segment accepted: one header and a few records. */
    public static final long MIN_SEGMENT_BYTES = 4096;

    public static final JournalSettings DEFAULTS = new JournalSettings(DEFAULT_SEGMENT_MAX_BYTES,
            DEFAULT_RETAIN_MAX_BYTES, DEFAULT_RETAIN_MAX_AGE_DAYS, DEFAULT_GROUP_COMMIT_MAX_RECORDS,
            DEFAULT_GROUP_COMMIT_MAX_MS);

    static final Set<String> FIELDS = Set.of("segmentMaxBytes", "retainMaxBytes", "retainMaxAgeDays",
            "groupCommitMaxRecords", "groupCommitMaxMs");

    public JournalSettings {
        if (segmentMaxBytes < MIN_SEGMENT_BYTES || segmentMaxBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("journal.segmentMaxBytes must be " + MIN_SEGMENT_BYTES + ".."
                    + MAX_SEGMENT_BYTES + ", was " + segmentMaxBytes);
        }
        if (retainMaxBytes < segmentMaxBytes) {
            throw new IllegalArgumentException("journal.retainMaxBytes must be at least segmentMaxBytes ("
                    + segmentMaxBytes + "), was " + retainMaxBytes);
        }
        if (retainMaxAgeDays < 1) {
            throw new IllegalArgumentException("journal.retainMaxAgeDays must be at least 1, was " + retainMaxAgeDays);
        }
        if (groupCommitMaxRecords < 1 || groupCommitMaxRecords > 10_000) {
            throw new IllegalArgumentException("journal.groupCommitMaxRecords must be 1..10000, was "
                    + groupCommitMaxRecords);
        }
        if (groupCommitMaxMs < 1 || groupCommitMaxMs > 5_000) {
            throw new IllegalArgumentException("journal.groupCommitMaxMs must be 1..5000, was " + groupCommitMaxMs);
        }
    }

    /**
     * Reads the site file's {@code journal:} section (for the config owner to plug into the binder). Absent fields take
     * their default; an unknown field or a wrong type is an {@link IllegalArgumentException} that names the field.
     */
    public static JournalSettings fromMap(Map<String, ?> map) {
        Map<String, Object> m = new LinkedHashMap<>(map == null ? Map.of() : map);
        for (String key : m.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("journal." + key + ": unknown field; expected one of "
                        + new java.util.TreeSet<>(FIELDS));
            }
        }
        return new JournalSettings(
                number(m, "segmentMaxBytes", DEFAULT_SEGMENT_MAX_BYTES),
                number(m, "retainMaxBytes", DEFAULT_RETAIN_MAX_BYTES),
                Math.toIntExact(number(m, "retainMaxAgeDays", DEFAULT_RETAIN_MAX_AGE_DAYS)),
                Math.toIntExact(number(m, "groupCommitMaxRecords", DEFAULT_GROUP_COMMIT_MAX_RECORDS)),
                number(m, "groupCommitMaxMs", DEFAULT_GROUP_COMMIT_MAX_MS));
    }

    private static long number(Map<String, Object> m, String field, long dflt) {
        Object v = m.get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("journal." + field + ": expected a whole number, found "
                + (v instanceof String ? "'" + v + "'" : v.getClass().getSimpleName()));
    }

    /** Small bounds for tests: tiny segments rotate often. */
    public JournalSettings withSegmentMaxBytes(long bytes) {
        return new JournalSettings(bytes, Math.max(retainMaxBytes, bytes), retainMaxAgeDays, groupCommitMaxRecords,
                groupCommitMaxMs);
    }

    public JournalSettings withRetainMaxBytes(long bytes) {
        return new JournalSettings(segmentMaxBytes, bytes, retainMaxAgeDays, groupCommitMaxRecords, groupCommitMaxMs);
    }
}
