package org.lockstep.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.tinylog.Logger;

/**
 * The sign-in lockout on disk, {@code DIR/lockout.jsonl}, so that a console restart does not reset an attacker's
 * count: one line per operator id with wrong passwords against it, replaced whole (temporary file, fsync, rename) at
 * every change. Only the site file's operator ids are kept, so its size is bounded by the site file. Read back as
 * untrusted input: a bad line is skipped and logged, a lockout is never longer than {@link Lockout#MAX_LOCKOUT_MS}
 * from the restart (a forged far-future time cannot lock an operator out for good), nothing throws.
 */
final class LockoutFile {
    static final String FILE = "lockout.jsonl";
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_LOGGED_SKIPS = 20;
    private static final Set<String> FIELDS = Set.of("operator", "failures", "lockedUntil", "nextLockoutMs");

    /** One operator id's count: wrong passwords since the last lockout, until when it is locked, the next lockout. */
    record Entry(String operator, int failures, long lockedUntilMs, long nextLockoutMs) {}

    private final DataDir dir;

    LockoutFile(DataDir dir) {
        this.dir = dir;
    }

    /** The entries for {@code operators} in the file (none if it does not exist), with their lockouts capped. */
    List<Entry> read(Set<String> operators, long nowMs) throws DataDir.Unusable {
        Optional<DataDir.Read> read = dir.read(FILE, MAX_FILE_BYTES);
        if (read.isEmpty()) {
            return List.of();
        }
        String where = dir.file(FILE).toString();
        if (read.get().truncated()) {
            Logger.warn("console: {} is larger than {} bytes (it is never written that big): ignored", where,
                    MAX_FILE_BYTES);
            return List.of();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(read.get().bytes())).toString();
        } catch (CharacterCodingException e) {
            Logger.warn("console: {} is not UTF-8: ignored", where);
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        int skipped = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            Optional<String> why;
            try {
                Entry e = parse(lines[i], operators, nowMs);
                why = seen.add(e.operator()) ? Optional.empty() : Optional.of(e.operator() + " is there twice");
                if (why.isEmpty()) {
                    out.add(e);
                }
            } catch (IllegalArgumentException e) {
                why = Optional.of(e.getMessage());
            }
            if (why.isPresent() && ++skipped <= MAX_LOGGED_SKIPS) {
                Logger.warn("console: {} line {} skipped: {}", where, i + 1, why.get());
            }
        }
        return out;
    }

    private static Entry parse(String line, Set<String> operators, long nowMs) {
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(line);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            if (!FIELDS.contains(it.next())) {
                throw new IllegalArgumentException("unknown field");
            }
        }
        JsonNode op = n.get("operator");
        if (op == null || !op.isTextual() || !operators.contains(op.asText())) {
            throw new IllegalArgumentException("'operator' must be an operator of the site file");
        }
        long failures = number(n, "failures", 0, Lockout.FAILURES - 1);
        long until = number(n, "lockedUntil", 0, IncidentRecord.MAX_MS);
        long next = number(n, "nextLockoutMs", Lockout.FIRST_LOCKOUT_MS, Lockout.MAX_LOCKOUT_MS);
        // The clock may have been wrong when it was written, or the file forged: never longer than the longest lockout.
        return new Entry(op.asText(), (int) failures, Math.min(until, nowMs + Lockout.MAX_LOCKOUT_MS), next);
    }

    private static long number(JsonNode n, String field, long min, long max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number in " + min + ".." + max);
        }
        return v.asLong();
    }

    /** Replaces the file with {@code entries}; a failure is logged (the lockout still holds in memory), never thrown. */
    void write(List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            b.append(JsonNodeFactory.instance.objectNode().put("operator", e.operator()).put("failures", e.failures())
                    .put("lockedUntil", e.lockedUntilMs()).put("nextLockoutMs", e.nextLockoutMs())).append('\n');
        }
        try {
            dir.replace(FILE, b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Logger.error("console: cannot write {}: {} (the lockout holds until the console restarts)",
                    dir.file(FILE), e.getMessage());
        }
    }
}
