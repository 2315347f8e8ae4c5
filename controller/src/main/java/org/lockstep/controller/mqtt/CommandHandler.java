package org.lockstep.controller.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Event;
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
    private final SeenCommands seen = new SeenCommands();

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

    void onCommand(Topics.CommandTarget target, MqttTransport.Inbound m) {
        switch (decoder.decode(target, m.payload(), m.retained())) {
            case CommandDecoder.Decoded.Rejected r -> reject(r.commandId().orElse(Topics.NO_ID), r.kind(), r.reason());
            case CommandDecoder.Decoded.Audit a -> {
                String id = a.event() instanceof Event.LockTestRequested t ? t.requestId() : Topics.NO_ID;
                String op = a.event() instanceof Event.LockTestRequested t ? t.operator().id() : "audit";
                if (inbox.get().offer("cmd:" + op, a.event()) != NetworkInbox.Admission.ACCEPTED) {
                    reject(id, CommandDecoder.Refusal.BUSY, "controller busy (network lane full): lock audit step "
                            + "dropped, retry");
                }
            }
            case CommandDecoder.Decoded.Request r -> {
                String conflict = seen.check(r.request());
                if (conflict != null) {
                    reject(r.request().requestId(), CommandDecoder.Refusal.REUSED_ID, conflict);
                } else if (inbox.get().offer("cmd:" + r.request().source().id(), r.request())
                        != NetworkInbox.Admission.ACCEPTED) {
                    reject(r.request().requestId(), CommandDecoder.Refusal.BUSY,
                            "controller busy (network lane full): retry with the same id");
                }
            }
        }
    }

    private void reject(String commandId, CommandDecoder.Refusal kind, String reason) {
        health.rejected(UplinkHealth.Channel.COMMAND, kind.name(), reason, false);
        ObjectNode n = payloads.result(commandId, false, reason, clock.nowMs());
        publisher.ordered(topics.cmdResult(commandId, controllerId), Payloads.bytes(n), 0);
        publisher.event(topics.event(), Payloads.bytes(Payloads.event("result", n)));
    }

    /**
     * Command ids seen recently, to refuse an id reused with a different body (the core would answer the old
     * command's result, and the sender would believe the new one was done). An exact repeat goes through: the core
     * answers it as before and changes nothing. Called on the transport's callback thread only.
     */
    private static final class SeenCommands {
        private final Map<String, Event.ModeRequested> seen = new LinkedHashMap<>();

        synchronized String check(Event.ModeRequested r) {
            Event.ModeRequested before = seen.get(r.requestId());
            if (before != null) {
                return before.equals(r) ? null
                        : "command id '" + r.requestId() + "' was already used for a different command: nothing done";
            }
            seen.put(r.requestId(), r);
            if (seen.size() > MqttLimits.SEEN_COMMAND_IDS) {
                seen.remove(seen.keySet().iterator().next());
            }
            return null;
        }
    }
}
