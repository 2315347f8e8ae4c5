package org.lockstep.controller.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;

import org.lockstep.controller.core.Mode;

/**
 * Renders an {@link IncidentReport.Result} as JSON, CSV or one self-contained HTML page (inline CSS and SVG, nothing
 * fetched from a network, printable). Times are shown in {@code zone}; durations in seconds with milliseconds.
 */
public final class ReportWriter {
    public enum Format {
        HTML, JSON, CSV
    }

    /** Longest text put into a report cell; longer details are cut with an ellipsis so a page stays readable. */
    static final int MAX_TEXT_CHARS = 300;

    private final ZoneId zone;
    private final DateTimeFormatter time;

    public ReportWriter(ZoneId zone) {
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
    }

    public String render(IncidentReport.Result r, Format format) {
        return switch (format) {
            case HTML -> html(r);
            case JSON -> json(r);
            case CSV -> csv(r);
        };
    }

    String at(long wallMs) {
        return time.format(Instant.ofEpochMilli(wallMs));
    }

    static String seconds(long ms) {
        return String.format("%d.%03d", ms / 1000, ms % 1000);
    }

    static String title(Incident i) {
        return i.mode() + (i.drill() ? " DRILL" : "");
    }

    // ---------------------------------------------------------------- JSON

    String json(IncidentReport.Result r) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"site\": ").append(q(r.siteName())).append(",\n  \"timeZone\": ").append(q(zone.getId()))
                .append(",\n  \"journalProblems\": [");
        join(s, r.journalProblems().stream().map(ReportWriter::q).toList());
        s.append("],\n  \"clockSteps\": [");
        join(s, r.clockSteps().stream().map(c -> "{\"controller\": " + q(c.controller()) + ", \"beforeRecord\": "
                + c.seq() + ", \"stepMs\": " + c.stepMs() + ", \"wallBefore\": " + q(at(c.fromWallMs()))
                + ", \"wallAfter\": " + q(at(c.toWallMs())) + "}").toList());
        s.append("],\n  \"incidents\": [");
        for (int n = 0; n < r.incidents().size(); n++) {
            Incident i = r.incidents().get(n);
            s.append(n == 0 ? "\n" : ",\n").append("    {\"mode\": ").append(q(i.mode().name()))
                    .append(", \"drill\": ").append(i.drill())
                    .append(", \"start\": ").append(q(at(i.startWallMs())))
                    .append(", \"startEpochMs\": ").append(i.startWallMs())
                    .append(", \"end\": ").append(i.endWallMs().isPresent() ? q(at(i.endWallMs().getAsLong())) : "null")
                    .append(",\n     \"trigger\": ").append(change(i.trigger()))
                    .append(",\n     \"allClear\": ").append(i.allClear().map(this::change).orElse("null"))
                    .append(",\n     \"modeChanges\": [");
            join(s, i.changes().stream().map(this::change).toList());
            s.append("],\n     \"doors\": [");
            join(s, i.doors().stream().map(d -> "{\"door\": " + q(d.doorId()) + ", \"room\": " + q(d.room())
                    + ", \"zone\": " + q(d.zone()) + ", \"controller\": " + q(d.controller())
                    + ", \"lockCommanded\": " + q(at(d.lockCommandedWallMs()))
                    + ", \"secured\": " + (d.securedWallMs().isPresent() ? q(at(d.securedWallMs().getAsLong())) : "null")
                    + ", \"timeToSecuredMs\": " + opt(d.timeToSecuredMs(i.startWallMs()))
                    + ", \"lastStatus\": " + q(d.lastStatus().name()) + ", \"detail\": " + q(d.detail()) + "}").toList());
            s.append("],\n     \"openedDuring\": [");
            join(s, i.openings().stream().map(o -> "{\"at\": " + q(at(o.wallMs())) + ", \"door\": " + q(o.doorId())
                    + ", \"room\": " + q(o.room()) + ", \"status\": " + q(o.status().name()) + "}").toList());
            s.append("],\n     \"alerts\": [");
            join(s, i.alerts().stream().map(a -> "{\"at\": " + q(at(a.wallMs())) + ", \"kind\": "
                    + q(a.alert().kind().name()) + ", \"subject\": " + q(a.alert().subjectId()) + ", \"room\": "
                    + q(a.alert().room()) + ", \"zone\": " + q(a.alert().zone()) + ", \"detail\": "
                    + q(a.alert().detail()) + ", \"drill\": " + a.alert().drill() + "}").toList());
            s.append("]}");
        }
        s.append("\n  ]\n}\n");
        return s.toString();
    }

    private String change(Incident.ModeChange c) {
        return "{\"at\": " + q(at(c.wallMs())) + ", \"zone\": " + q(c.zone()) + ", \"mode\": " + q(c.mode().name())
                + ", \"drill\": " + c.drill() + ", \"by\": " + q(c.source()) + ", \"reason\": " + q(c.reason()) + "}";
    }

    private static String opt(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "null";
    }

    private static void join(StringBuilder s, List<String> items) {
        for (int n = 0; n < items.size(); n++) {
            s.append(n == 0 ? "\n       " : ",\n       ").append(items.get(n));
        }
    }

    static String q(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    // ---------------------------------------------------------------- CSV

    /** One row per door per incident (the spreadsheet a district asks for), RFC 4180 quoting. */
    String csv(IncidentReport.Result r) {
        StringBuilder s = new StringBuilder("incident_start,mode,drill,triggered_by,trigger_reason,all_clear_by,"
                + "all_clear_at,door,room,zone,controller,lock_commanded,secured,time_to_secured_s,last_status,"
                + "detail,times_opened,journal_problems\r\n");
        // Every row says whether the journals it came from were whole; with no rows, one row says it alone.
        String problems = String.join("; ", r.journalProblems());
        if (r.incidents().stream().allMatch(i -> i.doors().isEmpty()) && !problems.isEmpty()) {
            s.append(",".repeat(17)).append(c(problems)).append("\r\n");
        }
        for (Incident i : r.incidents()) {
            for (Incident.DoorOutcome d : i.doors()) {
                OptionalLong t = d.timeToSecuredMs(i.startWallMs());
                long opened = i.openings().stream().filter(o -> o.doorId().equals(d.doorId())).count();
                s.append(String.join(",", c(at(i.startWallMs())), c(i.mode().name()), c(Boolean.toString(i.drill())),
                        c(i.trigger().source()), c(i.trigger().reason()),
                        c(i.allClear().map(Incident.ModeChange::source).orElse("")),
                        c(i.allClear().map(a -> at(a.wallMs())).orElse("")), c(d.doorId()), c(d.room()), c(d.zone()),
                        c(d.controller()), c(at(d.lockCommandedWallMs())),
                        c(d.securedWallMs().isPresent() ? at(d.securedWallMs().getAsLong()) : ""),
                        c(t.isPresent() ? seconds(t.getAsLong()) : ""), c(d.lastStatus().name()), c(d.detail()),
                        c(Long.toString(opened)), c(problems))).append("\r\n");
            }
        }
        return s.toString();
    }

    private static String c(String v) {
        if (v.startsWith("=") || v.startsWith("+") || v.startsWith("-") || v.startsWith("@")) {
            v = "'" + v; // a spreadsheet must not run a detail as a formula
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.contains("'")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    // ---------------------------------------------------------------- HTML

    String html(IncidentReport.Result r) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>After-action report: ")
                .append(h(r.siteName())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        s.append("<header><h1>After-action report</h1><p class=\"site\">").append(h(r.siteName()))
                .append("</p><p class=\"meta\">").append(r.incidents().size()).append(" event(s). Times in ")
                .append(h(zone.getId())).append(". Built from the controllers' journals by replaying them through the"
                        + " same lockdown logic that ran live.</p></header>\n");
        if (!r.journalProblems().isEmpty()) {
            s.append("<section class=\"problems\"><h2>Journal problems</h2><p>Records in these places could not be"
                    + " read; the report may miss what they held.</p><ul>");
            r.journalProblems().forEach(p -> s.append("<li>").append(h(p)).append("</li>"));
            s.append("</ul></section>\n");
        }
        if (!r.clockSteps().isEmpty()) {
            s.append("<section class=\"problems\"><h2>Clock steps</h2><p>A controller's wall clock jumped (set by"
                    + " hand or by NTP). Times here follow each controller's own monotonic clock within a boot, placed"
                    + " on the wall clock as it read at the end of that boot.</p><ul>");
            r.clockSteps().forEach(c -> s.append("<li>").append(h(c.describe())).append(" (the clock read ")
                    .append(h(at(c.toWallMs()))).append(")</li>"));
            s.append("</ul></section>\n");
        }
        if (r.incidents().isEmpty()) {
            s.append("<p>No SECURE or LOCKDOWN in this period.</p>");
        }
        for (Incident i : r.incidents()) {
            incident(s, i);
        }
        s.append("</body></html>\n");
        return s.toString();
    }

    private void incident(StringBuilder s, Incident i) {
        s.append("<section class=\"incident").append(i.drill() ? " drill" : "").append("\">\n<h2>")
                .append(h(title(i))).append(" &mdash; ").append(h(at(i.startWallMs()))).append("</h2>\n");
        if (i.drill()) {
            s.append("<p class=\"drillnote\">This was a DRILL. Door actions were real; nobody was in danger.</p>\n");
        }
        long secured = i.doors().stream().filter(d -> d.securedWallMs().isPresent()).count();
        s.append("<dl class=\"summary\"><dt>Started by</dt><dd>").append(h(i.trigger().source())).append(" &mdash; ")
                .append(h(i.trigger().reason())).append("</dd><dt>Scope</dt><dd>")
                .append(h(String.join(", ", i.changes().stream().filter(c -> c.wallMs() == i.startWallMs())
                        .map(Incident.ModeChange::zone).distinct().toList())))
                .append("</dd><dt>Doors secured</dt><dd>").append(secured).append(" of ").append(i.doors().size())
                .append("</dd><dt>All clear</dt><dd>").append(i.allClear().map(a -> h(a.source()) + " at "
                        + h(at(a.wallMs())) + " (" + seconds(a.wallMs() - i.startWallMs()) + " s after the start)")
                        .orElse("not given in this journal")).append("</dd></dl>\n");
        timeline(s, i);
        s.append("<h3>Doors</h3><table><thead><tr><th>Door</th><th>Room</th><th>Zone</th><th>Time to SECURED</th>"
                + "<th>Status at the end</th></tr></thead><tbody>\n");
        for (Incident.DoorOutcome d : i.doors()) {
            OptionalLong t = d.timeToSecuredMs(i.startWallMs());
            s.append("<tr class=\"").append(t.isPresent() ? "ok" : "bad").append("\"><td>").append(h(d.doorId()))
                    .append("</td><td>").append(h(d.room())).append("</td><td>").append(h(d.zone())).append("</td><td>")
                    .append(t.isPresent() ? seconds(t.getAsLong()) + " s" : "<strong>never secured</strong>")
                    .append("</td><td>").append(h(d.lastStatus().name()))
                    .append(d.detail().isEmpty() ? "" : ": " + h(d.detail())).append("</td></tr>\n");
        }
        s.append("</tbody></table>\n");
        if (!i.openings().isEmpty()) {
            s.append("<h3>Doors opened while they should have been locked</h3><ul>");
            i.openings().forEach(o -> s.append("<li>").append(h(at(o.wallMs()))).append(": ").append(h(o.doorId()))
                    .append(" (").append(h(o.room())).append(") ").append(h(o.status().name())).append("</li>"));
            s.append("</ul>\n");
        }
        s.append("<h3>Mode changes</h3><ul>");
        i.changes().forEach(c -> s.append("<li>").append(h(at(c.wallMs()))).append(": zone ").append(h(c.zone()))
                .append(" &rarr; ").append(h(c.mode() + (c.drill() ? " (drill)" : ""))).append(" by ")
                .append(h(c.source())).append(c.reason().isEmpty() ? "" : ": " + h(c.reason())).append("</li>"));
        s.append("</ul>\n<h3>Alerts</h3>");
        if (i.alerts().isEmpty()) {
            s.append("<p>None.</p>");
        } else {
            s.append("<ul>");
            i.alerts().forEach(a -> s.append("<li>").append(h(at(a.wallMs()))).append(": ")
                    .append(h(a.alert().kind().name())).append(a.alert().drill() ? " (drill)" : "").append(" &mdash; ")
                    .append(h(a.alert().subjectId())).append(a.alert().room().isEmpty() ? "" : ", " + h(a.alert().room()))
                    .append(": ").append(h(a.alert().detail())).append("</li>"));
            s.append("</ul>");
        }
        s.append("</section>\n");
    }

    /** One row per door: a bar from the start to SECURED (green) or to the end (red), marks where it opened. */
    private void timeline(StringBuilder s, Incident i) {
        long start = i.startWallMs();
        long end = i.endWallMs().orElse(i.doors().stream().mapToLong(d -> d.securedWallMs().orElse(start))
                .max().orElse(start));
        for (Incident.DoorOpening o : i.openings()) {
            end = Math.max(end, o.wallMs());
        }
        long span = Math.max(1_000, end - start);
        int label = 120;
        int width = 840;
        int row = 18;
        int height = 30 + row * i.doors().size();
        s.append("<h3>Timeline</h3><svg class=\"timeline\" viewBox=\"0 0 ").append(label + width + 10).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"time from the start to each door secured\">\n");
        for (int k = 0; k <= 4; k++) {
            int x = label + width * k / 4;
            s.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 14).append("\" class=\"grid\"/><text x=\"").append(x).append("\" y=\"")
                    .append(height - 2).append("\" class=\"tick\">").append(seconds(span * k / 4)).append(" s</text>\n");
        }
        int y = 4;
        for (Incident.DoorOutcome d : i.doors()) {
            long stop = d.securedWallMs().orElse(end);
            int w = (int) Math.max(2, (stop - start) * width / span);
            s.append("<text x=\"0\" y=\"").append(y + 12).append("\" class=\"door\">").append(h(d.doorId()))
                    .append("</text><rect x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"")
                    .append(w).append("\" height=\"").append(row - 5).append("\" class=\"")
                    .append(d.securedWallMs().isPresent() ? "ok" : "bad").append("\"><title>").append(h(d.doorId()))
                    .append(d.securedWallMs().isPresent() ? ": secured after " + seconds(stop - start) + " s"
                            : ": never secured (" + h(d.lastStatus().name()) + ")").append("</title></rect>\n");
            for (Incident.DoorOpening o : i.openings()) {
                if (o.doorId().equals(d.doorId())) {
                    int x = label + (int) ((o.wallMs() - start) * width / span);
                    s.append("<circle cx=\"").append(x).append("\" cy=\"").append(y + 6).append("\" r=\"5\" class=\"open\">")
                            .append("<title>opened: ").append(h(o.status().name())).append("</title></circle>\n");
                }
            }
            y += row;
        }
        s.append("</svg>\n<p class=\"legend\"><span class=\"k ok\"></span> time to SECURED <span class=\"k bad\"></span>"
                + " never secured <span class=\"k open\"></span> opened during the event</p>\n");
    }

    static String h(String v) {
        String t = v.length() > MAX_TEXT_CHARS ? v.substring(0, MAX_TEXT_CHARS) + "…" : v;
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:1000px;
              margin:2em auto;padding:0 1em}
            h1{margin:0}.site{font-size:1.3em;margin:.2em 0}.meta{color:#555}
            .incident{border-top:3px solid #b00020;margin-top:2em;padding-top:.5em}
            .incident.drill{border-top-color:#1565c0}
            .drillnote{background:#e3f2fd;padding:.4em .8em;font-weight:600}
            .problems{background:#fff3e0;padding:.5em 1em}
            dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left}
            tr.bad td{background:#fdecea}
            svg.timeline{width:100%;height:auto}svg .grid{stroke:#ddd}svg .tick{font-size:10px;text-anchor:middle;fill:#555}
            svg .door{font-size:11px}svg rect.ok,.k.ok{fill:#2e7d32;background:#2e7d32}
            svg rect.bad,.k.bad{fill:#c62828;background:#c62828}svg .open,.k.open{fill:#f9a825;background:#f9a825}
            .k{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}
            @media print{body{margin:0;max-width:none;font-size:11pt}.incident{break-before:page}
              .incident:first-of-type{break-before:auto}tr,li,svg{break-inside:avoid}
              *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

}
