package org.lockstep.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One incident of the drill log as a self-contained HTML after-action report, to download and keep (served by
 * {@link ReportRoutes}). No script at all, every text escaped, its one style allowed by hash: a room named
 * {@code <script>} is text. It says it is the console's observation, not the controllers' journals.
 */
final class IncidentReport {
    private static final String STYLE = "body{font:16px/1.4 system-ui,sans-serif;max-width:50em;margin:2em auto;"
            + "padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;"
            + "text-align:left;vertical-align:top}.note{border-left:6px solid #b35c00;padding:4px 10px;"
            + "background:#fff3e0}";
    static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private IncidentReport() {}

    static String html(JsonNode i, String siteName) {
        String title = (i.get("drill").asBoolean() ? "DRILL " : "") + i.get("mode").asText() + " — " + siteName;
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>After-action report: ")
                .append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        b.append("<h1>After-action report: ").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"note\">What <strong>this console observed</strong> through the broker (zone modes and door"
                + " statuses as published), on the console's clock. It is not the controllers' journals: for the"
                + " record of what each controller did, run <code>lockstep report</code> over their journals.</p>\n");
        b.append("<table>\n");
        row(b, "Incident", i.get("id").asText());
        row(b, "Kind", (i.get("drill").asBoolean() ? "DRILL (not a real emergency) — " : "") + i.get("mode").asText());
        StringBuilder zones = new StringBuilder();
        i.get("zones").forEach(z -> zones.append(zones.isEmpty() ? "" : ", ").append(z.asText()));
        row(b, "Zones", zones.toString());
        row(b, "Started", i.get("start").asText() + (i.get("startSeen").asBoolean() ? ""
                : " (already in effect when this console started listening; it began earlier)"));
        row(b, "Triggered by", i.get("trigger").asText().isEmpty() ? "not said" : i.get("trigger").asText());
        if (!i.get("reason").asText().isEmpty()) {
            row(b, "Reason", i.get("reason").asText());
        }
        row(b, "Every door SECURED", i.get("allSecured").asText().isEmpty()
                ? "never: not every door of these zones was SECURED at once"
                : i.get("allSecured").asText() + " (" + seconds(i.get("securedAfterMs").asLong()) + " after the start, "
                        + i.get("doors").asInt() + " doors)");
        row(b, "ALL CLEAR", i.get("open").asBoolean() ? "not yet: still in effect"
                : i.get("end").asText() + (i.get("endedBy").asText().isEmpty() ? "" : " by " + i.get("endedBy").asText()));
        row(b, "Duration", seconds(i.get("durationMs").asLong()) + (i.get("open").asBoolean() ? " so far" : ""));
        if (i.path("interrupted").asBoolean()) {
            StringBuilder gaps = new StringBuilder();
            i.get("notWatched").forEach(g -> gaps.append(gaps.isEmpty() ? "" : "; ").append("from ")
                    .append(g.get("from").asText()).append(" to ").append(g.get("to").asText()));
            row(b, "INTERRUPTED", "this console was stopped or restarted during this incident and did not watch it "
                    + gaps + ". Whatever happened then is missing here; times after a gap are when the console saw"
                    + " the state again, not when it changed (lockstep report has the controllers' record).");
        }
        b.append("</table>\n<h2>Doors never SECURED</h2>\n");
        if (i.get("neverSecured").isEmpty()) {
            b.append("<p>None: every door was SECURED at some point.</p>\n");
        } else {
            b.append("<table><tr><th>Room</th><th>Door</th><th>Zone</th><th>Last status seen</th></tr>\n");
            for (JsonNode d : i.get("neverSecured")) {
                b.append("<tr><td>").append(esc(d.get("room").asText())).append("</td><td>")
                        .append(esc(d.get("id").asText())).append("</td><td>").append(esc(d.get("zone").asText()))
                        .append("</td><td>").append(esc(d.get("status").asText())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String seconds(long ms) {
        return ms < 60_000 ? String.format("%.1f s", ms / 1000.0) : (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    /** HTML text and attribute escaping: the five characters that can change what the markup means. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
