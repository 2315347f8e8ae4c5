package org.lockstep.controller.mqtt;

import static org.lockstep.controller.mqtt.CommandDecoder.clip;
import static org.lockstep.controller.mqtt.CommandDecoder.reject;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Ids;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.mqtt.CommandDecoder.Decoded;
import org.lockstep.controller.mqtt.CommandDecoder.Refusal;

/**
 * The facilities commands, one controller and one device at a time, on {@code cmd/controller/<id>} only: the lock
 * audit's {@code LOCK_TEST} ({@code door}, {@code lock}) and {@code LOCK_TESTED} ({@code door}, {@code passed},
 * {@code detail}), and commissioning's {@code COMMISSIONED} ({@code device}, {@code passed}, {@code detail}). Same rules
 * as {@link CommandDecoder}: unknown fields refused, exact JSON types, bounded strings. A COMMISSIONED record must name
 * one of this controller's devices in the site file: a record for a device this box does not have would be a false
 * entry in its journal.
 */
final class FacilitiesDecoder {
    static final Set<String> ACTIONS = Set.of("LOCK_TEST", "LOCK_TESTED", "COMMISSIONED");
    private static final Set<String> AUDIT_FIELDS = Set.of("id", "action", "operator", "door", "lock", "passed",
            "detail", "issuedAt", "signature");
    private static final Set<String> COMMISSION_FIELDS = Set.of("id", "action", "operator", "device", "passed",
            "detail", "issuedAt", "signature");

    private final String controllerId;
    private final Set<String> deviceIds;

    FacilitiesDecoder(String controllerId, Set<String> deviceIds) {
        this.controllerId = controllerId;
        this.deviceIds = Set.copyOf(deviceIds);
    }

    /** @param root a JSON object whose {@code action} is one of {@link #ACTIONS} and whose {@code id} is valid */
    Decoded decode(Topics.CommandTarget target, JsonNode root, String id) {
        Optional<String> oid = Optional.of(id);
        String action = root.get("action").asText();
        if (!(target instanceof Topics.CommandTarget.Controller c)) {
            return reject(oid, Refusal.WRONG_TOPIC, action + " goes to cmd/controller/<id>: locks are tested and "
                    + "devices commissioned one controller at a time");
        }
        if (!c.controllerId().equals(controllerId)) {
            return reject(oid, Refusal.WRONG_TOPIC, "command for controller '" + clip(c.controllerId())
                    + "', this is '" + controllerId + "'");
        }
        Optional<Decoded> unknown = CommandDecoder.unknownField(root,
                action.equals("COMMISSIONED") ? COMMISSION_FIELDS : AUDIT_FIELDS, oid);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Optional<Decoded> sig = CommandDecoder.signature(root, oid);
        if (sig.isPresent()) {
            return sig.get();
        }
        JsonNode op = root.get("operator");
        if (op == null || !op.isTextual() || !Ids.isValid(op.asText())) {
            return reject(oid, Refusal.WRONG_TYPE, "field 'operator' must be an operator id: " + Ids.RULE);
        }
        Source.Operator operator = new Source.Operator(op.asText());
        if (action.equals("COMMISSIONED")) {
            return commissioned(root, oid, operator);
        }
        JsonNode door = root.get("door");
        if (door == null || !door.isTextual() || !Ids.isValid(door.asText())) {
            return reject(oid, Refusal.WRONG_TYPE, "field 'door' must be a door id: " + Ids.RULE);
        }
        if (action.equals("LOCK_TEST")) {
            if (root.has("passed") || root.has("detail")) {
                return reject(oid, Refusal.UNKNOWN_FIELD, "fields 'passed' and 'detail' belong to LOCK_TESTED");
            }
            JsonNode lock = root.get("lock");
            if (lock == null || !lock.isBoolean()) {
                return reject(oid, Refusal.WRONG_TYPE, "field 'lock' must be true (lock the door for the test) or "
                        + "false (release it)");
            }
            return new Decoded.Audit(new Event.LockTestRequested(id, door.asText(), lock.booleanValue(), operator));
        }
        if (root.has("lock")) {
            return reject(oid, Refusal.UNKNOWN_FIELD, "field 'lock' belongs to LOCK_TEST");
        }
        return badFinding(root, oid).orElseGet(() -> new Decoded.Audit(new Event.LockTested(door.asText(),
                root.get("passed").booleanValue(), root.get("detail").asText())));
    }

    private Decoded commissioned(JsonNode root, Optional<String> oid, Source.Operator operator) {
        JsonNode device = root.get("device");
        if (device == null || !device.isTextual()) {
            return reject(oid, Refusal.WRONG_TYPE, "field 'device' must be the id of a door, panic button, fire input "
                    + "or detector of this controller");
        }
        if (!deviceIds.contains(device.asText())) {
            return reject(oid, Refusal.UNKNOWN_FIELD, "device '" + clip(device.asText()) + "' is not one of controller "
                    + controllerId + "'s devices in the site file");
        }
        return badFinding(root, oid).orElseGet(() -> new Decoded.Audit(new Event.Commissioned(device.asText(),
                root.get("passed").booleanValue(), root.get("detail").asText(), operator)));
    }

    /** Why {@code passed} (exactly true or false) or {@code detail} (a string, bounded) is not right, if it is not. */
    private static Optional<Decoded> badFinding(JsonNode root, Optional<String> oid) {
        JsonNode passed = root.get("passed");
        JsonNode detail = root.get("detail");
        if (passed == null || !passed.isBoolean()) {
            return Optional.of(reject(oid, Refusal.WRONG_TYPE, "field 'passed' must be true or false"));
        }
        if (detail == null || !detail.isTextual() || detail.asText().length() > MqttLimits.MAX_REASON_CHARS) {
            return Optional.of(reject(oid, Refusal.WRONG_TYPE, "field 'detail' must be a string of at most "
                    + MqttLimits.MAX_REASON_CHARS + " characters"));
        }
        return Optional.empty();
    }
}
