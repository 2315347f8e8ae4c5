package org.lockstep.controller.trust;

/** Why a signed message was refused. Each has its own words on the result topic and in the journal. */
public enum Refusal {
    /** No signature: anyone on the broker could have sent it. */
    UNSIGNED("unsigned"),
    /** A field the signature needs is missing or has the wrong type, or the message has no canonical form. */
    MALFORMED("malformed signed message"),
    /** The named holder has no key in the site file. */
    UNKNOWN_KEY("unknown key"),
    /** The holder's key is on the site file's revoked list. */
    REVOKED_KEY("revoked key"),
    /** The signature does not match the message and the holder's key: forged, tampered, or another key. */
    BAD_SIGNATURE("bad signature"),
    /** The holder may not ask for this action, or not in this zone. */
    NOT_ALLOWED("not allowed"),
    /** {@code issuedAt} is more than the window away from the controller's clock. */
    STALE("outside the time window"),
    /** The controller's clock is not synchronised, so freshness cannot be judged (LOCKDOWN is exempt). */
    CLOCK_UNKNOWN("clock not synchronised"),
    /** This command id (the nonce) was seen before. */
    REPLAYED("replayed"),
    /** A peer message not signed by the controller it claims to come from. */
    NOT_A_CONTROLLER("not signed by a controller of this site");

    private final String words;

    Refusal(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
