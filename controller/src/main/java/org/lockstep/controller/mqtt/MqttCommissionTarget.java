package org.lockstep.controller.mqtt;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.audit.LockAudit;
import org.lockstep.controller.commission.CommissionTarget;
import org.lockstep.controller.commission.Finding;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Scope;

/**
 * Live controllers as a commissioning target, over the site's broker. Door statuses, zone modes, availability, test
 * locks and signing are the lock audit's ({@link MqttAuditTarget}); this adds the alert stream (counted by kind and
 * device), the zone modes' triggers, the ALL CLEAR after a panic-button test, and the findings as signed
 * {@code COMMISSIONED} records on {@code cmd/controller/<id>}, which the controller journals.
 */
public final class MqttCommissionTarget implements CommissionTarget, AutoCloseable {
    private final MqttAuditTarget audit;
    private final Topics topics;
    private final Map<String, AtomicLong> alertCounts = new ConcurrentHashMap<>();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private int commands;

    /** @param audit not started yet: {@link #start} starts it with the alert stream added */
    public MqttCommissionTarget(MqttAuditTarget audit, MqttSettings settings) {
        this.audit = audit;
        this.topics = Topics.of(settings);
    }

    public MqttCommissionTarget start() throws LockAudit.Refused {
        audit.alsoListen(topics.alert(), m -> {
            try {
                JsonNode a = CommandDecoder.STRICT.readTree(m.payload());
                alertCounts.computeIfAbsent(a.path("kind").asText() + "/" + a.path("subject").asText(),
                        k -> new AtomicLong()).incrementAndGet();
            } catch (java.io.IOException | RuntimeException e) {
                // Not an alert we can read: nothing to count. The controllers only publish well-formed ones.
            }
        });
        audit.start();
        return this;
    }

    @Override
    public Optional<ZoneSeen> zone(String zoneId) {
        return audit.latest(topics.zoneMode(zoneId)).filter(z -> z.has("mode")).map(z -> new ZoneSeen(
                z.get("mode").asText(), z.path("drill").asBoolean(false), z.path("trigger").isObject()
                        ? z.get("trigger").path("kind").asText() + ":" + z.get("trigger").path("id").asText() : ""));
    }

    @Override
    public boolean reachable(String controllerId) {
        return audit.latest(topics.availability(controllerId)).map(a -> a.asText().equals("online")).orElse(false);
    }

    @Override
    public Optional<AuditTarget.Observed> door(DoorSpec door) {
        return audit.observe(door);
    }

    @Override
    public Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request) {
        return audit.lockTest(door, request);
    }

    @Override
    public long alerts(String kind, String subjectId) {
        AtomicLong n = alertCounts.get(kind + "/" + subjectId);
        return n == null ? 0 : n.get();
    }

    @Override
    public Optional<Command.Reply> allClear(Scope scope, String reason) {
        ObjectNode cmd = CommandDecoder.STRICT.createObjectNode();
        String id = nextId("all-clear");
        cmd.put("id", id);
        cmd.put("action", "ALL_CLEAR");
        cmd.put("operator", audit.holderId());
        cmd.put("reason", reason);
        audit.sendTo(switch (scope) {
            case Scope.Site s -> topics.cmdSite();
            case Scope.Zone z -> topics.cmdZone(z.zoneId());
        }, cmd);
        return audit.firstAnswer(id);
    }

    @Override
    public void record(String controllerId, Finding finding) {
        ObjectNode cmd = CommandDecoder.STRICT.createObjectNode();
        cmd.put("id", nextId(finding.deviceId()));
        cmd.put("action", "COMMISSIONED");
        cmd.put("operator", audit.holderId());
        cmd.put("device", finding.deviceId());
        cmd.put("passed", finding.passed());
        String detail = finding.reason();
        cmd.put("detail", detail.length() <= MqttLimits.MAX_REASON_CHARS ? detail
                : detail.substring(0, MqttLimits.MAX_REASON_CHARS - 1) + "…");
        audit.send(controllerId, cmd);
    }

    @Override
    public boolean await(BooleanSupplier condition, long timeoutMs) {
        return MqttAuditTarget.waitFor(condition, timeoutMs);
    }

    @Override
    public void pause(long ms) {
        audit.await(ms);
    }

    private synchronized String nextId(String what) {
        String id = "cm-" + runId + "-" + (++commands) + "-" + what;
        return id.length() <= MqttLimits.MAX_COMMAND_ID_CHARS ? id : id.substring(0, MqttLimits.MAX_COMMAND_ID_CHARS);
    }

    @Override
    public void close() {
        audit.close();
    }
}
