package org.lockstep.controller.report;

import java.util.ArrayList;
import java.util.List;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.journal.JournalRecord;

/**
 * One controller's journal on a trustworthy time line. Within a boot (from one {@code ControllerStarted} to the next)
 * the order of records and the core's monotonic times are facts; the wall clock is not: a Pi without a real-time clock
 * starts with a wrong date and NTP steps it later, by days or years. So each record's time is its monotonic time
 * placed on the wall clock as it read at the boot's <em>last</em> record (the clock NTP has set by then), and every
 * place the wall clock jumped against the monotonic clock is reported as a {@link ClockStep}.
 */
public final class Timeline {
    /** How far the two clocks may drift apart between two records before it counts as a step (slewing stays below). */
    public static final long STEP_TOLERANCE_MS = 1_000;

    /** A record with the time the report uses; {@code boot} counts from 1. */
    public record Stamped(JournalRecord record, int boot, long wallMs) {}

    /**
     * The wall clock jumped by {@code stepMs} between record {@code seq - 1}... and record {@code seq}: it read
     * {@code toWallMs} where the monotonic clock says {@code toWallMs - stepMs}.
     */
    public record ClockStep(String controller, long seq, long fromWallMs, long toWallMs, long stepMs) {
        public String describe() {
            return "controller " + controller + ": wall clock stepped " + signedDuration(stepMs) + " before record "
                    + seq;
        }
    }

    public record Result(List<Stamped> records, List<ClockStep> steps) {}

    private Timeline() {}

    public static Result of(String controller, List<JournalRecord> records) {
        List<Stamped> out = new ArrayList<>(records.size());
        List<ClockStep> steps = new ArrayList<>();
        int boot = 0;
        int start = 0;
        long lastPlaced = Long.MIN_VALUE;
        for (int i = 0; i <= records.size(); i++) {
            boolean bootEnds = i == records.size() || (i > start && records.get(i).event() instanceof Event.ControllerStarted);
            if (!bootEnds) {
                continue;
            }
            if (i > start) {
                boot++;
                List<JournalRecord> b = records.subList(start, i);
                JournalRecord last = b.getLast();
                long offset = last.wallMs() - last.atMs();
                for (int k = 0; k < b.size(); k++) {
                    JournalRecord r = b.get(k);
                    if (k > 0) {
                        JournalRecord prev = b.get(k - 1);
                        long step = (r.wallMs() - r.atMs()) - (prev.wallMs() - prev.atMs());
                        if (Math.abs(step) > STEP_TOLERANCE_MS) {
                            steps.add(new ClockStep(controller, r.seq(), prev.wallMs(), r.wallMs(), step));
                        }
                    }
                    // Never before an earlier record of this controller: its journal order is the truth.
                    long placed = Math.max(lastPlaced, r.atMs() + offset);
                    lastPlaced = placed;
                    out.add(new Stamped(r, boot, placed));
                }
            }
            start = i;
        }
        return new Result(List.copyOf(out), List.copyOf(steps));
    }

    /** "+500 d 00:00:00.000", "-2 d 00:00:03.000", "+4.250 s". */
    public static String signedDuration(long ms) {
        String sign = ms < 0 ? "-" : "+";
        long a = Math.abs(ms);
        if (a < 60_000) {
            return sign + a / 1000 + "." + String.format("%03d", a % 1000) + " s";
        }
        long days = a / 86_400_000;
        long rest = a % 86_400_000;
        return String.format("%s%d d %02d:%02d:%02d.%03d", sign, days, rest / 3_600_000, rest / 60_000 % 60,
                rest / 1000 % 60, rest % 1000);
    }
}
