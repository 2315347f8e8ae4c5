package org.lockstep.console;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.SignedCommand;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.TransportException;
import org.lockstep.controller.trust.MessageSigner;
import org.tinylog.Logger;

/**
 * {@code POST /api/action}: who signs what. LOCKDOWN and SECURE are signed with the console's device key (or, on a
 * console without one, by the operator signed in on the page); nothing about sign-in or lockout is asked first, so
 * they are never blocked by it. DRILL and ALL CLEAR are signed as the operator signed in on this session, and ALL
 * CLEAR only for an operator whose site-file permissions include all-clear; the controllers' own authorisation decides
 * the rest. Commands are built by {@link SignedCommand}, as {@code lockstep command} builds them.
 */
final class ActionRoutes {
    /** Where the answers go and how a command is published. */
    interface Outbox {
        void publish(String topic, byte[] payload) throws TransportException;

        void sent(String id, String label, List<String> expected, long nowMs);
    }

    private final SiteConfig config;
    private final Topics topics;
    private final Optional<MessageSigner> consoleKey;
    private final Sessions sessions;
    private final Set<String> zoneIds;
    private final Outbox outbox;
    private final LongSupplier wallMs;
    private final SecureRandom random = new SecureRandom();

    ActionRoutes(SiteConfig config, Topics topics, Optional<MessageSigner> consoleKey, Sessions sessions,
            Set<String> zoneIds, Outbox outbox, LongSupplier wallMs) {
        this.config = config;
        this.topics = topics;
        this.consoleKey = consoleKey;
        this.sessions = sessions;
        this.zoneIds = zoneIds;
        this.outbox = outbox;
        this.wallMs = wallMs;
    }

    void action(Context ctx) {
        if (Http.refusedPost(ctx, sessions)) {
            return;
        }
        ActionRequest request;
        switch (ActionRequest.parse(ctx.bodyAsBytes(), zoneIds)) {
            case ActionRequest.Parsed.No n -> {
                Http.refuse(ctx, n.refused().status(), n.refused().reason());
                return;
            }
            case ActionRequest.Parsed.Ok ok -> request = ok.request();
        }
        long now = wallMs.getAsLong();
        Optional<Sessions.Operator> operator = sessions.operator(ctx.cookie(Sessions.COOKIE), now, true);
        MessageSigner signer;
        switch (request.action()) {
            case "lockdown", "secure" -> {
                Optional<MessageSigner> s = consoleKey.or(() -> operator.map(Sessions.Operator::signer));
                if (s.isEmpty()) {
                    Http.refuse(ctx, 503, request.label() + " was NOT sent: this console was started without a key"
                            + " (--key FILE) and nobody is signed in, so it can only show. Use the panic button or"
                            + " 'lockstep command'.");
                    return;
                }
                signer = s.get();
            }
            default -> { // drill, all-clear
                if (operator.isEmpty()) {
                    Http.refuse(ctx, 403, request.label() + " needs an operator who has signed in on this page"
                            + " (sign in above; signed out after a while without an action)");
                    return;
                }
                if (request.action().equals("all-clear") && !operator.get().may(Permission.ALL_CLEAR)) {
                    Http.refuse(ctx, 403, operator.get().id() + " may not give the ALL CLEAR: the site file's"
                            + " permissions for " + operator.get().id() + " do not include all-clear");
                    return;
                }
                signer = operator.get().signer();
            }
        }
        send(ctx, request, signer, now);
    }

    private void send(Context ctx, ActionRequest request, MessageSigner signer, long now) {
        SignedCommand cmd;
        try {
            cmd = SignedCommand.build(config, topics, signer, request.action(), request.zone(), Optional.empty(),
                    "from the console", now, random);
        } catch (Args.UsageException e) {
            Http.refuse(ctx, 400, e.getMessage());
            return;
        } catch (IllegalStateException e) { // the operator signed out (key wiped) while this request was on its way
            Http.refuse(ctx, 403, request.label() + " was NOT sent: " + e.getMessage());
            return;
        }
        String label = request.label() + " as " + signer.holderId();
        try {
            outbox.publish(cmd.topic(), Http.JSON.writeValueAsBytes(cmd.body()));
        } catch (TransportException | IOException e) {
            Logger.error("console: {} NOT sent: {}", label, e.getMessage());
            Http.refuse(ctx, 503, request.label() + " was NOT sent: the console cannot reach the broker ("
                    + e.getMessage() + "). Use the panic button or 'lockstep command'.");
            return;
        }
        Logger.info("console: sent {} (id {}) to {}", label, cmd.id(), cmd.expected());
        outbox.sent(cmd.id(), label, List.copyOf(cmd.expected()), now);
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("id", cmd.id());
        n.put("label", label);
        n.put("expected", cmd.expected().size());
        Http.json(ctx, 202, n);
    }
}
