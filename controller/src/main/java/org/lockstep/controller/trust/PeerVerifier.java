package org.lockstep.controller.trust;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Judges a peer message (a zone mode, a bus share, a lock-test finding): acted on only if signed, over its topic and
 * body ({@link CanonicalForm}), by the key of the controller it claims to come from, a controller of this site whose
 * key is not revoked. No time window: a retained zone mode is old by nature; its version orders it.
 */
public final class PeerVerifier {
    private final KeyRing keys;

    public PeerVerifier(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @param controllerId the sender the message names (its {@code controller} field or its topic) */
    public Verdict verify(String topic, ObjectNode message, String controllerId) {
        JsonNode sig = message.get(CanonicalForm.SIGNATURE_FIELD);
        if (sig == null || sig.isNull()) {
            return new Verdict.Refused(Refusal.UNSIGNED, "peer message on " + topic + " is unsigned");
        }
        byte[] signature;
        try {
            signature = sig.isTextual() ? Base64.getDecoder().decode(sig.textValue()) : new byte[0];
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        Optional<KeyHolder> holder = keys.holder(controllerId).filter(h -> h.kind() == KeyHolder.Kind.CONTROLLER);
        if (holder.isEmpty()) {
            return new Verdict.Refused(Refusal.NOT_A_CONTROLLER, "'" + CommandText.clip(controllerId)
                    + "' is not a controller with a key in the site file");
        }
        if (keys.isRevoked(holder.get().key())) {
            return new Verdict.Refused(Refusal.REVOKED_KEY, "controller '" + controllerId + "' signs with a revoked key");
        }
        byte[] canonical;
        try {
            canonical = CanonicalForm.of(topic, message);
        } catch (CanonicalForm.NotCanonical e) {
            return new Verdict.Refused(Refusal.MALFORMED, e.getMessage());
        }
        if (!holder.get().key().verifies(canonical, signature)) {
            return new Verdict.Refused(Refusal.BAD_SIGNATURE, "peer message on " + topic
                    + " is not signed by controller '" + controllerId + "'");
        }
        return new Verdict.Trusted(holder.get(), Optional.empty());
    }
}
