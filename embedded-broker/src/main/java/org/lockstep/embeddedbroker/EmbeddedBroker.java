package org.lockstep.embeddedbroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import org.tinylog.Logger;

/**
 * An MQTT broker inside this process (Moquette 0.17) for {@code broker: embedded}: the default of
 * {@code lockstep sim}, so the README's run command needs nothing else and {@code mosquitto_sub -p 1883} can watch it.
 * Binds 127.0.0.1 only, keeps nothing on disk (persistence off: a restart starts empty, and the controllers republish
 * the retained picture), anonymous. Not for a real site: use Mosquitto there.
 */
public final class EmbeddedBroker implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    /** Moquette's default (8 KiB) would drop the connection of a client sending a large message; we want such a
     *  message delivered and rejected by the controllers, with a result the sender can read. */
    public static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /** Per-session queue of QoS 1 messages waiting for a slow subscriber (a console watching every door). */
    public static final int SESSION_QUEUE = 16_384;

    private final int port;
    private Server server;

    /** @param port 0 picks a free port (tests) */
    public EmbeddedBroker(int port) {
        this.port = port == 0 ? freePort() : port;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    public synchronized EmbeddedBroker start() {
        if (server != null) {
            return this;
        }
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty(IConfig.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE));
        Server s = new Server();
        try {
            s.startServer(new MemoryConfig(p));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker could not bind " + HOST + ":" + port, e);
        }
        server = s;
        Logger.info("embedded MQTT broker on {}:{}", HOST, port);
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Stops the broker: clients lose their connections (and their last wills are published, if anyone is left). */
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
