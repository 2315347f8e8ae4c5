package org.lockstep.controller.mqtt;

import java.util.function.Supplier;

import org.lockstep.controller.shell.NetworkInbox;

/**
 * What other controllers publish that this one acts on: their retained zone modes ({@link PeerZoneDecoder}, offered
 * as {@code peer:<id>}) and site-bus shares of a panic press or detection ({@link BusDecoder}, offered as
 * {@code bus:<id>}). Decoded here, judged by the core on the loop. A rejection is counted (by reason) in the uplink
 * health, never logged one line each; a clearly forged zone mode also raises {@code PEER_FORGED}. Runs on the
 * transport's callback thread: decode, offer, return.
 */
final class PeerInput {
    private final String controllerId;
    private final PeerZoneDecoder zones;
    private final BusDecoder bus;
    private final Supplier<NetworkInbox> inbox;
    private final UplinkHealth health;

    PeerInput(String controllerId, PeerZoneDecoder zones, BusDecoder bus, Supplier<NetworkInbox> inbox,
            UplinkHealth health) {
        this.controllerId = controllerId;
        this.zones = zones;
        this.bus = bus;
        this.inbox = inbox;
        this.health = health;
    }

    void onZoneMode(String topicZone, MqttTransport.Inbound m) {
        switch (zones.decode(topicZone, m.payload())) {
            case PeerZoneDecoder.Decoded.Peer p -> {
                NetworkInbox.Admission a = inbox.get().offer("peer:" + p.event().peerControllerId(), p.event());
                if (a != NetworkInbox.Admission.ACCEPTED) {
                    health.rejected(UplinkHealth.Channel.PEER_ZONE, "BUSY_" + a.name(), "zone mode for " + topicZone
                            + " from " + p.event().peerControllerId() + " refused by the network lane: " + a, false);
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
                if (!s.fromControllerId().equals(controllerId)) {
                    NetworkInbox.Admission a = inbox.get().offer("bus:" + s.fromControllerId(), s.request());
                    if (a != NetworkInbox.Admission.ACCEPTED) {
                        health.rejected(UplinkHealth.Channel.SHARE, "BUSY_" + a.name(), "shared request "
                                + s.request().requestId() + " refused by the network lane: " + a, false);
                    }
                }
            }
            case BusDecoder.Decoded.Invalid i -> health.rejected(UplinkHealth.Channel.SHARE, i.kind(), i.reason(),
                    false);
        }
    }
}
