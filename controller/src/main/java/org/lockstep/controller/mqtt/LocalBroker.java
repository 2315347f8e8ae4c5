package org.lockstep.controller.mqtt;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A broker inside this process on 127.0.0.1 ({@code mqtt.broker: embedded}), for the simulated school and a source
 * checkout. The firmware ships none (a building has its own Mosquitto): an implementation is found with
 * {@link ServiceLoader} only where the simulator module is on the class path.
 */
public interface LocalBroker extends AutoCloseable {
    /** Starts a broker on 127.0.0.1:{@code port}; throws if it cannot. */
    interface Provider {
        LocalBroker start(int port);
    }

    @Override
    void close();

    /** The installed provider, if any. */
    static Optional<Provider> provider() {
        return ServiceLoader.load(Provider.class).findFirst();
    }
}
