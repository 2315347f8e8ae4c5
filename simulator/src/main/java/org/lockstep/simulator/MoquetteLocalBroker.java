package org.lockstep.simulator;

import org.lockstep.controller.mqtt.LocalBroker;
import org.lockstep.embeddedbroker.EmbeddedBroker;

/** The embedded broker for {@code lockstep run} on a site file with {@code mqtt.broker: embedded}, in a checkout. */
public final class MoquetteLocalBroker implements LocalBroker.Provider {
    @Override
    public LocalBroker start(int port) {
        EmbeddedBroker broker = new EmbeddedBroker(port).start();
        return broker::close;
    }
}
