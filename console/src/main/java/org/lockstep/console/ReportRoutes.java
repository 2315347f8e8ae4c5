package org.lockstep.console;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** {@code GET /report/<incident id>}: the drill log's after-action report ({@link IncidentReport}) as a download. */
final class ReportRoutes {
    /** Incident ids are {@code i<digits>} ({@link IncidentLog}); anything else is not looked up. */
    private static final Pattern ID = Pattern.compile("i[0-9]{1,19}");

    private ReportRoutes() {}

    static void serve(Context ctx, ConsoleState state, String siteName, long nowMs) {
        String id = ctx.pathParam("id");
        Optional<ObjectNode> incident = ID.matcher(id).matches() ? state.incident(id, nowMs) : Optional.empty();
        Http.securityHeaders(ctx);
        ctx.header("Content-Security-Policy", IncidentReport.CSP);
        if (incident.isEmpty()) {
            ctx.status(404);
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result("no incident " + ConsoleDecoder.clip(id) + " in this console's drill log (it keeps the last "
                    + IncidentLog.MAX + ")");
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"lockstep-" + id + ".html\"");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(IncidentReport.html(incident.get(), siteName).getBytes(StandardCharsets.UTF_8));
    }
}
