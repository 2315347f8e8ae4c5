package org.lockstep.controller.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;
import org.lockstep.controller.report.IncidentReport;
import org.lockstep.controller.report.ReportWriter;

/** {@code lockstep report}: the after-action report from the journals. */
final class ReportCommand {
    static final String HELP = """
            Usage: lockstep report --journal DIR [--config FILE] [--from TIME] [--to TIME]
                                   [--format html|json|csv] [--out FILE]

            The after-action report of every SECURE and LOCKDOWN (and drill) that started in the period: what
            triggered it and who, when; each door's time to SECURED; doors never secured and why; doors opened
            while they should have been locked; the alerts; who gave the all clear and when. Drills are marked.
            It replays the journals through the same lockdown logic that ran live, so it needs the site file the
            controllers ran with.

            Times follow each controller's monotonic clock within a boot, so a wall-clock step (NTP, by hand) cannot
            reorder events; each step is listed. Any journal problem (a damaged record or segment header, a journal
            of a controller not in the site file) is printed on stderr, listed in the report (JSON journalProblems,
            CSV journal_problems) and makes the exit status 1; the report is still written.

            Options:
              --journal DIR   one controller's journal, or a directory with one sub-directory per controller
              --config FILE   the site file (default: deploy/site.example.yaml)
              --from TIME     2026-03-04, 2026-03-04T09:30 (local) or 2026-03-04T09:30:00Z; default: the beginning
              --to TIME       as --from (a bare date means the end of that day); default: the end
              --format F      html (default: one self-contained, printable page), json, or csv (a row per door)
              --out FILE      write there instead of standard output
            """;

    private ReportCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        Args args = Args.parse(argv, Set.of("--journal", "--config", "--from", "--to", "--format", "--out"), Set.of());
        Path dir = Path.of(args.option("--journal").orElseThrow(() -> new Args.UsageException(
                "report needs --journal DIR, e.g. lockstep report --journal /var/lib/lockstep/journal")));
        ReportWriter.Format format;
        String f = args.option("--format").orElse("html");
        try {
            format = ReportWriter.Format.valueOf(f.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--format must be html, json or csv, found '" + f + "'");
        }
        ZoneId zone = ZoneId.systemDefault();
        long from = TimeArg.parse("--from", args.option("--from"), Long.MIN_VALUE, zone, false);
        long to = TimeArg.parse("--to", args.option("--to"), Long.MAX_VALUE, zone, true);
        Path file = Path.of(args.option("--config").orElse(Main.DEFAULT_SITE));
        Optional<SiteConfig> loaded = SiteFile.load(file, err);
        if (loaded.isEmpty()) {
            return Main.INVALID_CONFIG;
        }
        SiteConfig config = loaded.get();
        Map<String, List<JournalRecord>> journals = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        JournalDirs.Found found = JournalDirs.find(dir);
        found.problems().forEach(p -> problems.add(p));
        for (Map.Entry<String, JournalReader.Contents> j : found.journals().entrySet()) {
            if (config.site().controller(j.getKey()).isEmpty()) {
                problems.add("journal of controller '" + j.getKey() + "' (" + j.getValue().dir() + ") is not in "
                        + file + ": left out of the report");
                continue;
            }
            journals.put(j.getKey(), j.getValue().records());
            j.getValue().problems().forEach(p -> problems.add(p.toString()));
        }
        IncidentReport.Result result = IncidentReport.build(config.site(), journals, from, to, problems);
        String text = new ReportWriter(zone).render(result, format);
        // Whatever the format, a damaged record is said where a person or a script looks: stderr and the exit code.
        problems.forEach(p -> err.println("lockstep: journal problem: " + p));
        result.clockSteps().forEach(c -> err.println("lockstep: " + c.describe()));
        if (args.option("--out").isPresent()) {
            Path target = Path.of(args.option("--out").get());
            try {
                Files.writeString(target, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("lockstep: cannot write " + target + ": " + e.getMessage());
                return Main.FAILED;
            }
            out.println("wrote " + target);
        } else {
            out.print(text);
        }
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }
}
