package org.lockstep.console;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.mqtt.CommandDecoder;
import org.lockstep.controller.trust.MessageSigner;
import org.tinylog.Logger;

/**
 * {@code GET /api/session} (the page's CSRF token and who is signed in), {@code POST /api/sign-in}
 * ({@code {"operator": ID, "password": PW}}; a new session on success) and {@code POST /api/sign-out}.
 */
final class SignInRoutes {
    /** A sign-in body is an id and a password: anything bigger is refused unread. */
    static final int MAX_BODY_BYTES = 1_024;
    static final int MAX_PASSWORD_CHARS = 256;

    private final Sessions sessions;
    private final OperatorSignIn signIn;
    private final Optional<MessageSigner> consoleKey;
    private final String siteName;
    private final LongSupplier wallMs;

    SignInRoutes(Sessions sessions, OperatorSignIn signIn, Optional<MessageSigner> consoleKey, String siteName,
            LongSupplier wallMs) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.consoleKey = consoleKey;
        this.siteName = siteName;
        this.wallMs = wallMs;
    }

    void session(Context ctx) {
        String cookie = ctx.cookie(Sessions.COOKIE);
        Optional<Sessions.Session> s = sessions.find(cookie);
        if (s.isEmpty()) {
            Http.refuse(ctx, 401, "no console session: reload the page");
            return;
        }
        // the page polls this: it is not activity, so it never keeps an idle operator signed in
        Optional<Sessions.Operator> op = sessions.operator(cookie, wallMs.getAsLong(), false);
        Http.json(ctx, 200, describe(s.get().csrf(), op));
    }

    void signIn(Context ctx) {
        if (Http.refusedPost(ctx, sessions)) {
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            Http.refuse(ctx, 413, "request larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode n;
        try {
            n = CommandDecoder.STRICT.readTree(body);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject() || !textual(n, "operator") || !textual(n, "password") || n.size() != 2
                || n.get("password").asText().length() > MAX_PASSWORD_CHARS) {
            Http.refuse(ctx, 400, "sign-in is {\"operator\": ID, \"password\": PASSWORD} and nothing else");
            return;
        }
        String operator = n.get("operator").asText().strip();
        char[] password = n.get("password").asText().toCharArray();
        String oldCookie = ctx.cookie(Sessions.COOKIE);
        ctx.future(() -> signIn.signIn(operator, password).thenAccept(result -> {
            switch (result) {
                case OperatorSignIn.Result.Refused r -> Http.refuse(ctx, r.status(), r.reason());
                case OperatorSignIn.Result.Ok ok -> {
                    Sessions.Session s = sessions.signIn(oldCookie, ok.operator());
                    Logger.info("console: {} signed in", ok.operator().id());
                    ctx.header("Set-Cookie", Sessions.setCookie(s));
                    Http.json(ctx, 200, describe(s.csrf(), Optional.of(ok.operator())));
                }
            }
        }));
    }

    void signOut(Context ctx) {
        if (Http.refusedPost(ctx, sessions)) {
            return;
        }
        String cookie = ctx.cookie(Sessions.COOKIE);
        sessions.operator(cookie, wallMs.getAsLong(), false).ifPresent(op -> Logger.info("console: {} signed out",
                op.id()));
        Sessions.Session s = sessions.signOut(cookie);
        ctx.header("Set-Cookie", Sessions.setCookie(s));
        Http.json(ctx, 200, describe(s.csrf(), Optional.empty()));
    }

    private ObjectNode describe(String csrf, Optional<Sessions.Operator> op) {
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("csrf", csrf);
        n.put("holder", consoleKey.map(MessageSigner::holderId).orElse(""));
        n.put("site", siteName);
        n.put("signIn", signIn.enabled());
        n.put("idleSignOutMs", sessions.idleSignOutMs());
        if (op.isPresent()) {
            ObjectNode o = n.putObject("operator");
            o.put("id", op.get().id());
            o.put("name", op.get().name());
            o.put("allClear", op.get().may(Permission.ALL_CLEAR));
            o.put("drill", op.get().may(Permission.DRILL));
        } else {
            n.putNull("operator");
        }
        return n;
    }

    private static boolean textual(JsonNode n, String field) {
        return n.get(field) != null && n.get(field).isTextual();
    }
}
