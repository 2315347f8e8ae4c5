package org.lockstep.controller.trust;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.core.Permission;

/**
 * Judges a signed command. Pure: the time, the clock's state and the id memory are arguments.
 *
 * <p>Checks, cheapest first: signed at all; a key for the named holder, not revoked; the holder may ask for this
 * action in this zone; the signature over {@link CanonicalForm} (topic + every field but {@code signature}); the id
 * (the nonce) not seen before; {@code issuedAt} within {@link #WINDOW_MS} of the controller's clock.
 *
 * <p>Clock rule: a real LOCKDOWN with a valid signature is accepted whatever {@code issuedAt} says or whether the
 * clock is known (it is noted); every other action needs a synchronised clock and a fresh {@code issuedAt}. An ALL
 * CLEAR is never accepted on the clock alone: its id must also be new ({@code alreadySeen}, which is the core's
 * journaled memory of request ids, so it survives a restart).
 *
 * <p>The core still checks what the source may do in the current state (a SECURE that steps a LOCKDOWN down needs
 * ALL_CLEAR); this verifier proves who the source is and refuses what the holder may never ask for.
 */
public final class CommandVerifier {
    /** ±5 minutes: clocks of NTP-synchronised devices agree far better; a recorded command goes stale after it. */
    public static final long WINDOW_MS = 5 * 60_000L;

    private final KeyRing keys;

    public CommandVerifier(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * @param topic the full topic the command arrived on (it is signed: a command cannot be moved to another topic)
     * @param command the parsed message, signature included
     * @param claim what the decoder read from it
     * @param alreadySeen whether a request id was seen before
     */
    public Verdict verify(String topic, ObjectNode command, CommandClaim claim, long nowEpochMs, ClockState clock,
            Predicate<String> alreadySeen) {
        JsonNode sig = command.get(CanonicalForm.SIGNATURE_FIELD);
        if (sig == null || sig.isNull()) {
            return refuse(Refusal.UNSIGNED, "commands must be signed; sign with `lockstep command ... --key FILE`");
        }
        byte[] signature;
        try {
            signature = sig.isTextual() ? Base64.getDecoder().decode(sig.textValue()) : new byte[0];
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (signature.length != Ed25519PublicKey.SIGNATURE_BYTES) {
            return refuse(Refusal.MALFORMED, "field 'signature' must be the base64 of a 64-byte Ed25519 signature");
        }
        JsonNode issued = command.get("issuedAt");
        if (issued == null || !issued.isIntegralNumber() || !issued.canConvertToLong() || issued.longValue() < 0) {
            return refuse(Refusal.MALFORMED, "field 'issuedAt' must be the signing time in milliseconds since 1970 "
                    + "(an integer)");
        }
        Optional<KeyHolder> found = keys.holder(claim.holderId());
        if (found.isEmpty()) {
            return refuse(Refusal.UNKNOWN_KEY, "no key for '" + claim.holderId() + "' in the site file's keys section");
        }
        KeyHolder holder = found.get();
        if (keys.isRevoked(holder.key())) {
            return refuse(Refusal.REVOKED_KEY, "the key of '" + holder.id() + "' (" + holder.key().shortId()
                    + ") is revoked; the holder needs a new key (`lockstep keys new --holder " + holder.id() + "`)");
        }
        Optional<String> notAllowed = notAllowed(holder, claim);
        if (notAllowed.isPresent()) {
            return refuse(Refusal.NOT_ALLOWED, notAllowed.get());
        }
        byte[] canonical;
        try {
            canonical = CanonicalForm.of(topic, command);
        } catch (CanonicalForm.NotCanonical e) {
            return refuse(Refusal.MALFORMED, e.getMessage());
        }
        if (!holder.key().verifies(canonical, signature)) {
            return refuse(Refusal.BAD_SIGNATURE, "the signature does not match this command, this topic and the key "
                    + "of '" + holder.id() + "' (" + holder.key().shortId() + ")");
        }
        if (alreadySeen.test(claim.requestId())) {
            return refuse(Refusal.REPLAYED, "command id '" + claim.requestId() + "' was already used for a different command; a new command "
                    + "needs a new id");
        }
        long offMs = issued.longValue() - nowEpochMs;
        boolean fresh = clock == ClockState.SYNCHRONISED && Math.abs(offMs) <= WINDOW_MS;
        if (fresh) {
            return new Verdict.Trusted(holder, Optional.empty());
        }
        String off = clock == ClockState.UNKNOWN ? "this controller's clock is not synchronised"
                : "issuedAt is " + Math.abs(offMs) / 1000 + " s " + (offMs < 0 ? "old" : "in the future")
                        + " (the window is ±" + WINDOW_MS / 1000 + " s)";
        if (claim.isRealLockdown()) {
            return new Verdict.Trusted(holder, Optional.of("LOCKDOWN accepted on its signature although " + off
                    + ": check the clocks, or someone replays an old LOCKDOWN"));
        }
        return clock == ClockState.UNKNOWN
                ? refuse(Refusal.CLOCK_UNKNOWN, off + "; only a LOCKDOWN is accepted until it is (send again once "
                        + "the controller has network time)")
                : refuse(Refusal.STALE, off + "; check the sending device's clock and send again");
    }

    private static Optional<String> notAllowed(KeyHolder h, CommandClaim c) {
        String who = h.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + h.id() + "'";
        if (h.kind() == KeyHolder.Kind.CONTROLLER) {
            return Optional.of(who + " signs peer messages, not commands");
        }
        boolean ok = switch (c.action()) {
            case LOCKDOWN, SECURE -> c.drill() ? h.may(Permission.DRILL) || h.may(Permission.ALL_CLEAR)
                    : h.may(Permission.INITIATE);
            case ALL_CLEAR -> h.may(Permission.ALL_CLEAR) || h.may(Permission.DRILL);
            case LOCK_TEST, LOCK_TESTED, COMMISSIONED -> h.kind() == KeyHolder.Kind.OPERATOR
                    && (h.may(Permission.DRILL) || h.may(Permission.ALL_CLEAR));
        };
        if (!ok) {
            return Optional.of(who + " may not " + (c.drill() ? "run drills" : switch (c.action()) {
                case LOCKDOWN, SECURE -> "start a " + c.action();
                case ALL_CLEAR -> "give the ALL CLEAR";
                case LOCK_TEST, LOCK_TESTED -> "test locks";
                case COMMISSIONED -> "commission devices";
            }) + " (permissions " + h.permissions() + ")");
        }
        if (!h.mayAddress(c.zone())) {
            return Optional.of(who + " may act only in zones " + h.zones().orElseThrow() + "; this command names "
                    + c.zone().map(z -> "zone " + z).orElse("the whole site"));
        }
        return Optional.empty();
    }

    private static Verdict refuse(Refusal reason, String detail) {
        return new Verdict.Refused(reason, detail);
    }
}
