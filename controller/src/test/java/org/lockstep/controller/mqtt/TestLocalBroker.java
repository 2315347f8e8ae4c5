package org.lockstep.controller.mqtt;

import org.lockstep.embeddedbroker.EmbeddedBroker;

/**
 * The embedded broker for {@code lockstep run}'s own wiring in this module's tests (site files with
 * {@code mqtt.broker: embedded}); in a checkout the simulator module provides it, and the firmware has none.
 */
public final class TestLocalBroker implements LocalBroker.Provider {
    @Override
    public LocalBroker start(int port) {
        EmbeddedBroker broker = new EmbeddedBroker(port).start();
        return broker::close;
    }
}
