package org.lockstep.controller.mqtt;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tinylog.Logger;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.trust.ClockState;
import org.lockstep.controller.trust.CommandClaim;
import org.lockstep.controller.trust.CommandVerifier;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.Verdict;
import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.hal.MonotonicClock;

/**
 * Commands that arrive on {@code cmd/...}: decoded by {@link CommandDecoder} (the one place a command is read and,
 * later, its signature checked), offered to the loop's network lane under {@code cmd:<operator>}, or refused with the
 * reason on the command's result topic. A refusal is counted in the uplink health, never logged one line each.
 * Runs on the transport's callback thread: decode, offer or queue the answer, return.
 */
final class CommandHandler {
    private final String controllerId;
    private final Topics topics;
    private final CommandDecoder decoder;
    private final Supplier<NetworkInbox> inbox;
    private final UplinkPublisher publisher;
    private final UplinkHealth health;
    private final Payloads payloads;
    private final MonotonicClock clock;
    private volatile Trust trust = new Trust(KeyRing.EMPTY, () -> ClockState.SYNCHRONISED, Clock.systemUTC());

    /**
     * What a command's signature is judged by (docs/SECURITY.md). Until {@link #trust} is called the ring is empty:
     * every command is refused, never trusted by default.
     */
    record Trust(KeyRing keys, Supplier<ClockState> clockState, Clock wall) {}

    CommandHandler(String controllerId, Topics topics, CommandDecoder decoder, Supplier<NetworkInbox> inbox,
            UplinkPublisher publisher, UplinkHealth health, Payloads payloads, MonotonicClock clock) {
        this.controllerId = controllerId;
        this.topics = topics;
        this.decoder = decoder;
        this.inbox = inbox;
        this.publisher = publisher;
        this.health = health;
        this.payloads = payloads;
        this.clock = clock;
    }

    void trust(Trust t) {
        this.trust = t;
    }

    void onCommand(Topics.CommandTarget target, MqttTransport.Inbound m) {
        switch (decoder.decode(target, m.payload(), m.retained())) {
            case CommandDecoder.Decoded.Rejected r -> reject(r.commandId().orElse(Topics.NO_ID), r.kind(), r.reason());
            case CommandDecoder.Decoded.Audit a -> {
                ObjectNode msg = parsed(m);
                String id = msg.path("id").asText(Topics.NO_ID);
                String op = msg.path("operator").asText();
                CommandClaim.Action action = switch (a.event()) {
                    case Event.LockTestRequested t -> CommandClaim.Action.LOCK_TEST;
                    case Event.Commissioned c -> CommandClaim.Action.COMMISSIONED;
                    default -> CommandClaim.Action.LOCK_TESTED;
                };
                if (!trusted(m, msg, new CommandClaim(op, id, action, false, Optional.empty()), seenId -> false)) {
                    return;
                }
                if (inbox.get().offer("cmd:" + op, a.event()) != NetworkInbox.Admission.ACCEPTED) {
                    reject(id, CommandDecoder.Refusal.BUSY, "controller busy (network lane full): lock audit or "
                            + "commissioning step dropped, retry");
                }
            }
            case CommandDecoder.Decoded.Request r -> {
                // An id reused for a different command is refused by the core, whose memory of request ids is
                // journaled and survives a restart; an exact repeat is answered as before and changes nothing.
                if (!trusted(m, parsed(m), CommandClaim.of(r.request()), seenId -> false)) {
                    return;
                }
                if (inbox.get().offer("cmd:" + r.request().source().id(), r.request())
                        != NetworkInbox.Admission.ACCEPTED) {
                    reject(r.request().requestId(), CommandDecoder.Refusal.BUSY,
                            "controller busy (network lane full): retry with the same id");
                }
            }
        }
    }

    /**
     * The signature, key, permission, nonce and time checks ({@link CommandVerifier}); a refusal is answered with its
     * reason and counted as {@code rejected.command.TRUST_<REASON>}. The nonce is the command id: an id already used
     * for a different command is {@code replayed}; an exact repeat (a replay of a recording, a QoS-1 duplicate) goes
     * on to the core, which answers it with its first answer and changes nothing — the core journals its id memory,
     * so this holds after a restart.
     */
    private boolean trusted(MqttTransport.Inbound m, ObjectNode msg, CommandClaim claim,
            java.util.function.Predicate<String> usedForOther) {
        Trust t = trust;
        Verdict v = new CommandVerifier(t.keys()).verify(m.topic(), msg, claim, t.wall().millis(),
                t.clockState().get(), usedForOther);
        switch (v) {
            case Verdict.Refused r -> {
                reject(claim.requestId(), "TRUST_" + r.reason().name(), r.text());
                return false;
            }
            case Verdict.Trusted ok -> {
                ok.note().ifPresent(n -> Logger.warn("command {} from {}: {}", claim.requestId(), ok.holder().id(), n));
                return true;
            }
        }
    }

    /** The message again as a tree: the decoder accepted it, so it parses (a few µs; the verify costs ~80). */
    private static ObjectNode parsed(MqttTransport.Inbound m) {
        try {
            JsonNode n = CommandDecoder.STRICT.readTree(m.payload());
            return n instanceof ObjectNode o ? o : CommandDecoder.STRICT.createObjectNode();
        } catch (java.io.IOException e) {
            return CommandDecoder.STRICT.createObjectNode(); // unreachable after a successful decode; refused unsigned
        }
    }

    private void reject(String commandId, CommandDecoder.Refusal kind, String reason) {
        reject(commandId, kind.name(), reason);
    }

    private void reject(String commandId, String kind, String reason) {
        health.rejected(UplinkHealth.Channel.COMMAND, kind, reason, false);
        ObjectNode n = payloads.result(commandId, false, reason, clock.nowMs());
        publisher.ordered(topics.cmdResult(commandId, controllerId), Payloads.bytes(n), 0);
        publisher.event(topics.event(), Payloads.bytes(Payloads.event("result", n)));
    }
}
