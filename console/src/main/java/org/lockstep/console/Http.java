package org.lockstep.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The console's HTTP replies and the checks every state-changing request passes (session, CSRF, origin, JSON). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private Http() {}

    /**
     * Empty if a POST may proceed: a known session cookie with its CSRF token, from this origin, with a JSON body;
     * otherwise it has been refused (403/415) and the caller stops.
     */
    static boolean refusedPost(Context ctx, Sessions sessions) {
        Optional<String> no = sessions.refusal(ctx.cookie(Sessions.COOKIE), ctx.header(Sessions.HEADER));
        if (no.isPresent()) {
            refuse(ctx, 403, no.get());
            return true;
        }
        String origin = ctx.header("Origin");
        String hostHeader = ctx.header("Host");
        if (origin != null && (hostHeader == null || !origin.equals("https://" + hostHeader))) {
            refuse(ctx, 403, "request from another origin (" + ConsoleDecoder.clip(origin) + ")");
            return true;
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            refuse(ctx, 415, "actions are JSON (Content-Type: application/json)");
            return true;
        }
        return false;
    }

    static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = Console.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                ctx.status(404);
                return;
            }
            securityHeaders(ctx);
            ctx.contentType(type);
            ctx.result(in.readAllBytes());
        }
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Strict-Transport-Security", "max-age=31536000");
    }

    static void json(Context ctx, int status, ObjectNode n) {
        securityHeaders(ctx);
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void refuse(Context ctx, int status, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("refused", reason);
        json(ctx, status, n);
    }
}
