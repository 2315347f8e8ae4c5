package org.lockstep.console;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

/**
 * The responder view: {@code /r/TOKEN} is a read-only page (responder.html: the map, the doors, the zone modes, the
 * count and the alerts; no buttons, no sign-in) and {@code /r/TOKEN/events} its live picture. No session cookie and no
 * CSRF token is ever issued here, so nothing this page holds passes {@link Http#refusedPost}. A token that opens no
 * link, or any request while the console has no {@code --responders DIR}, is the same plain 404 that says nothing
 * about tokens.
 */
final class ResponderRoutes {
    static final String PAGE = "/r/{token}";
    static final String EVENTS = "/r/{token}/events";

    private final Optional<ResponderAccess> access;
    private final BiConsumer<SseClient, ResponderLinks.Link> opened;

    /** @param opened called with each new stream of a good token (the console pushes to it and closes it if revoked) */
    ResponderRoutes(Optional<ResponderAccess> access, BiConsumer<SseClient, ResponderLinks.Link> opened) {
        this.access = access;
        this.opened = opened;
    }

    void page(Context ctx) throws IOException {
        if (link(ctx).isEmpty()) {
            notFound(ctx);
            return;
        }
        Http.resource(ctx, "responder.html", "text/html; charset=utf-8");
    }

    void events(Context ctx) throws Exception {
        Optional<ResponderLinks.Link> link = link(ctx);
        if (link.isEmpty()) {
            notFound(ctx);
            return;
        }
        Http.securityHeaders(ctx); // no-referrer among them: the token is in this page's address
        new SseHandler(client -> opened.accept(client, link.get())).handle(ctx);
    }

    private Optional<ResponderLinks.Link> link(Context ctx) {
        return access.flatMap(a -> a.find(ctx.pathParam("token")));
    }

    static void notFound(Context ctx) {
        Http.securityHeaders(ctx);
        ctx.status(404);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("Not found");
    }
}
