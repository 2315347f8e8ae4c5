package org.lockstep.controller.trust;

import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Ids;

/**
 * Signs messages with one holder's private key: the operator tool's commands, a controller's peer messages, the test
 * fixture's commands. Sets {@code signature} to the base64 of the Ed25519 signature of {@link CanonicalForm}.
 */
public final class MessageSigner {
    private final String holderId;
    private final Ed25519PrivateKey key;

    public MessageSigner(String holderId, Ed25519PrivateKey key) {
        this.holderId = Ids.require("holder", holderId);
        this.key = Objects.requireNonNull(key, "key");
    }

    public String holderId() {
        return holderId;
    }

    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    /** Signs {@code message} as it is (any old signature replaced) for {@code topic}; returns it. */
    public ObjectNode sign(String topic, ObjectNode message) {
        message.remove(CanonicalForm.SIGNATURE_FIELD);
        byte[] canonical;
        try {
            canonical = CanonicalForm.of(topic, message);
        } catch (CanonicalForm.NotCanonical e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e); // our own messages: a bug
        }
        message.put(CanonicalForm.SIGNATURE_FIELD, Base64.getEncoder().encodeToString(key.sign(canonical)));
        return message;
    }
}
