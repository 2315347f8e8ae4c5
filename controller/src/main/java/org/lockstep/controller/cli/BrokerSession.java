package org.lockstep.controller.cli;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.MqttTransport;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.TransportException;

/**
 * A command-line tool's short MQTT session ({@code lockstep command}, {@code lockstep status}): the site file's broker
 * settings or, with {@code --mqtt-port N}, the broker on 127.0.0.1:N (a {@code lockstep sim}); a random client id; what
 * arrives goes to a bounded inbox (a flood cannot grow the tool) that the caller polls.
 */
public final class BrokerSession implements AutoCloseable {
    static final int INBOX = 1_000;
    final MqttSettings mqtt;
    final PahoMqttTransport transport;
    final LinkedBlockingQueue<MqttTransport.Inbound> inbox = new LinkedBlockingQueue<>(INBOX);
    private final LinkedBlockingQueue<Boolean> up = new LinkedBlockingQueue<>();

    private BrokerSession(MqttSettings mqtt, String tool) {
        this.mqtt = mqtt;
        byte[] client = new byte[3];
        new SecureRandom().nextBytes(client);
        String suffix = tool + "-" + HexFormat.of().formatHex(client);
        this.transport = new PahoMqttTransport(mqtt, suffix, Topics.of(mqtt).prefix() + "/" + tool + "/" + suffix);
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void connected(boolean reconnect) {
                up.offer(true);
            }

            @Override
            public void connectionLost(String detail) {}

            @Override
            public void messageArrived(MqttTransport.Inbound m) {
                inbox.offer(m);
            }
        });
    }

    /** The broker settings a tool uses: the site file's, or 127.0.0.1:{@code port} when given. */
    static MqttSettings settings(SiteConfig config, Optional<Long> port) {
        return port.isPresent() ? MqttSettings.embedded(config.siteId(), port.get().intValue()) : config.mqtt();
    }

    /** The broker a tool's {@code --mqtt-port N} names (a local sim), else the site file's. */
    public static MqttSettings settings(SiteConfig config, Args args) throws Args.UsageException {
        return settings(config, args.option("--mqtt-port").isPresent()
                ? Optional.of(args.longOption("--mqtt-port", 0)) : Optional.empty());
    }

    /** Connects; empty (and closed) if the broker did not answer within {@code timeoutMs}. */
    static Optional<BrokerSession> open(MqttSettings mqtt, String tool, long timeoutMs) throws InterruptedException {
        BrokerSession s = new BrokerSession(mqtt, tool);
        s.transport.connect();
        if (s.up.poll(timeoutMs, TimeUnit.MILLISECONDS) == null) {
            s.close();
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void subscribe(List<String> filters) throws TransportException {
        transport.subscribe(filters, 1);
    }

    @Override
    public void close() {
        transport.close();
    }
}
