package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lockstep.controller.journal.JournalProblem;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;
import org.lockstep.controller.report.Timeline;

/** {@code lockstep journal}: prints a journal's records, offline, without changing the files. */
final class JournalCommand {
    static final String HELP = """
            Usage: lockstep journal --dir DIR [--from TIME] [--to TIME]

            Prints a controller's journal (or, if DIR holds one sub-directory per controller, every controller's),
            one record a line: sequence number, wall-clock time, the core's monotonic time, and what happened.
            Reads only: a torn tail or corruption is reported at the end, never repaired (the controller does that
            when it starts). Exits 1 if any problem was found, including a segment whose header is damaged (in a
            directory of controllers, that controller's whole journal). A place where the wall clock jumped against
            the monotonic clock (set by hand, or by NTP after a boot without a real-time clock) is shown as a
            "# wall clock stepped" line.

            Options:
              --dir DIR      the journal directory (e.g. /var/lib/lockstep/journal)
              --from TIME    only records at or after TIME: 2026-03-04, 2026-03-04T09:30 (local) or an instant
                             2026-03-04T09:30:00Z
              --to TIME      only records at or before TIME (a bare date means the end of that day)
            """;

    private JournalCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--dir", "--from", "--to"), Set.of());
        Path dir = Path.of(args.option("--dir").orElseThrow(() -> new Args.UsageException(
                "journal needs --dir DIR, e.g. lockstep journal --dir /var/lib/lockstep/journal")));
        ZoneId zone = ZoneId.systemDefault();
        long from = TimeArg.parse("--from", args.option("--from"), Long.MIN_VALUE, zone, false);
        long to = TimeArg.parse("--to", args.option("--to"), Long.MAX_VALUE, zone, true);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
        int problems = 0;
        JournalDirs.Found found = JournalDirs.find(dir);
        for (Map.Entry<String, JournalReader.Contents> j : found.journals().entrySet()) {
            JournalReader.Contents c = j.getValue();
            out.printf("# controller %s: %s, %d records%n", j.getKey(), c.dir(), c.records().size());
            Map<Long, Timeline.ClockStep> steps = new java.util.HashMap<>();
            Timeline.of(j.getKey(), c.records()).steps().forEach(s -> steps.put(s.seq(), s));
            for (JournalRecord r : c.records()) {
                Timeline.ClockStep step = steps.get(r.seq());
                if (step != null) {
                    // Shown where it happened, whatever the --from/--to window: the times around it are suspect.
                    out.printf("# wall clock stepped %s here (monotonic time %d ms)%n",
                            Timeline.signedDuration(step.stepMs()), r.atMs());
                }
                if (r.wallMs() >= from && r.wallMs() <= to) {
                    out.printf("%8d  %s  %10d ms  %s%n", r.seq(), time.format(Instant.ofEpochMilli(r.wallMs())),
                            r.atMs(), EventText.describe(r.event()));
                }
            }
            for (JournalProblem p : c.problems()) {
                err.println("problem: " + p);
                problems++;
            }
        }
        for (String p : found.problems()) {
            err.println("problem: " + p);
            problems++;
        }
        return problems == 0 ? Main.OK : Main.FAILED;
    }
}
