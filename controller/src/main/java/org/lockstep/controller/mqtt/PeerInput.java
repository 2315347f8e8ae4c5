package org.lockstep.controller.mqtt;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lockstep.controller.shell.NetworkInbox;
import org.lockstep.controller.trust.KeyRing;
import org.lockstep.controller.trust.PeerVerifier;
import org.lockstep.controller.trust.Refusal;
import org.lockstep.controller.trust.Verdict;

/**
 * What other controllers publish that this one acts on: their retained zone modes ({@link PeerZoneDecoder}, offered
 * as {@code peer:<id>}) and site-bus shares of a panic press or detection ({@link BusDecoder}, offered as
 * {@code bus:<id>}). Decoded here, then the signature checked ({@link PeerVerifier}: signed by the key the site file
 * lists for the controller the message names, not revoked), and only then offered to the loop, where the core judges
 * it. The cheap structural checks run first, so junk costs no signature verification; this controller's own messages
 * echoed back, and a peer's zone mode that repeats what this controller already published ({@link PublishedZones}:
 * the core would ignore it), are dropped before the signature is checked.
 *
 * <p>A rejection is counted (by reason) in the uplink health, never logged one line each. A message that only a
 * forger sends — and every refused signature: unsigned, bad, not a controller's key, revoked — also raises
 * {@code PEER_FORGED}. Runs on the transport's callback thread: decode, verify, offer, return; nothing thrown while
 * verifying leaves this class (it is counted as {@code VERIFY_ERROR}).
 */
final class PeerInput {
    /** The health key for a verifier that threw: a bug, counted, the message dropped. */
    static final String VERIFY_ERROR = "VERIFY_ERROR";

    private final String controllerId;
    private final PeerZoneDecoder zones;
    private final PublishedZones published;
    private final BusDecoder bus;
    private final Supplier<NetworkInbox> inbox;
    private final UplinkHealth health;
    /** Until {@link #trust} is called the ring is empty: every peer message is refused, never trusted by default. */
    private volatile PeerVerifier verifier = new PeerVerifier(KeyRing.EMPTY);

    PeerInput(String controllerId, PeerZoneDecoder zones, PublishedZones published, BusDecoder bus,
            Supplier<NetworkInbox> inbox, UplinkHealth health) {
        this.controllerId = controllerId;
        this.zones = zones;
        this.published = published;
        this.bus = bus;
        this.inbox = inbox;
        this.health = health;
    }

    void trust(KeyRing keys) {
        this.verifier = new PeerVerifier(keys);
    }

    void onZoneMode(String topicZone, MqttTransport.Inbound m) {
        switch (zones.decode(topicZone, m.payload())) {
            case PeerZoneDecoder.Decoded.Peer p -> {
                if (published.alreadyHeld(p.event())) {
                    // What this controller itself published, at a version its core has reached: the core would
                    // ignore it from any state it can be in now or later (PublishedZones), so no signature is needed.
                    health.sameAsCurrent();
                    return;
                }
                String peer = p.event().peerControllerId();
                if (!trusted(UplinkHealth.Channel.PEER_ZONE, m.topic(), p.message(), peer,
                        "zone mode for " + topicZone + " claiming controller '" + peer + "'")) {
                    return;
                }
                NetworkInbox.Admission a = inbox.get().offer("peer:" + peer, p.event());
                if (a != NetworkInbox.Admission.ACCEPTED) {
                    health.rejected(UplinkHealth.Channel.PEER_ZONE, "BUSY_" + a.name(), "zone mode for " + topicZone
                            + " from " + peer + " refused by the network lane: " + a, false);
                }
            }
            case PeerZoneDecoder.Decoded.Ignored i -> { }
            case PeerZoneDecoder.Decoded.Rejected r ->
                    health.rejected(UplinkHealth.Channel.PEER_ZONE, r.kind().name(), r.reason(), r.forged());
        }
    }

    void onShare(MqttTransport.Inbound m) {
        switch (bus.decode(m.payload())) {
            case BusDecoder.Decoded.Share s -> {
                if (s.fromControllerId().equals(controllerId)) {
                    return; // our own, echoed back
                }
                if (!trusted(UplinkHealth.Channel.SHARE, m.topic(), s.message(), s.fromControllerId(),
                        "shared request '" + CommandDecoder.clip(s.request().requestId()) + "' claiming controller '"
                                + s.fromControllerId() + "'")) {
                    return;
                }
                NetworkInbox.Admission a = inbox.get().offer("bus:" + s.fromControllerId(), s.request());
                if (a != NetworkInbox.Admission.ACCEPTED) {
                    health.rejected(UplinkHealth.Channel.SHARE, "BUSY_" + a.name(), "shared request "
                            + s.request().requestId() + " refused by the network lane: " + a, false);
                }
            }
            case BusDecoder.Decoded.Invalid i -> health.rejected(UplinkHealth.Channel.SHARE, i.kind(), i.reason(),
                    i.forged());
        }
    }

    /** Checks the signature; a refusal is counted (and is a forgery: PEER_FORGED). */
    private boolean trusted(UplinkHealth.Channel channel, String topic, ObjectNode message, String claimed,
            String what) {
        Verdict v;
        try {
            v = verifier.verify(topic, message, claimed);
        } catch (RuntimeException e) {
            // A bug in verification must neither reach the loop nor stop inbound traffic: count it, drop the message.
            health.rejected(channel, VERIFY_ERROR, what + ": verification failed: " + e, false);
            return false;
        }
        return switch (v) {
            case Verdict.Trusted t -> true;
            case Verdict.Refused r -> {
                health.rejected(channel, healthKey(r.reason()), what + " refused (" + r.reason().words() + "): "
                        + r.detail(), true);
                yield false;
            }
        };
    }

    /** The fixed key a signature refusal is counted under in the health ({@code rejected.peerZone.UNSIGNED}). */
    static String healthKey(Refusal r) {
        return r.name();
    }
}
