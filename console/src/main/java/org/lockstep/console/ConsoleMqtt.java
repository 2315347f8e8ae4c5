package org.lockstep.console;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.mqtt.MqttTransport;
import org.lockstep.controller.mqtt.PahoMqttTransport;
import org.lockstep.controller.mqtt.TransportException;
import org.tinylog.Logger;

/**
 * The console's one MQTT session. Paho's callbacks only offer to a bounded inbox and return (FIELD-NOTES: never work
 * inside {@code messageArrived}); one worker thread decodes ({@link ConsoleDecoder}) and applies to the
 * {@link ConsoleState}, and subscribes again after every (re)connect (clean session). A full inbox drops the message and
 * counts it: retained topics still hold the truth and come back on the next connect.
 */
final class ConsoleMqtt implements AutoCloseable {
    /** Messages waiting for the worker; beyond this they are dropped and counted. */
    static final int INBOX = 10_000;

    private sealed interface Item {
        record Message(MqttTransport.Inbound m) implements Item {}

        record Up() implements Item {}

        record Down(String detail) implements Item {}
    }

    private final PahoMqttTransport transport;
    private final ConsoleDecoder decoder;
    private final ConsoleState state;
    private final Runnable changed;
    private final Will will;
    private final Runnable connected;
    private final boolean sayOfflineOnClose;
    private final LongSupplier wallMs;
    private final BlockingQueue<Item> inbox = new ArrayBlockingQueue<>(INBOX);
    private final Thread worker;
    private volatile boolean closed;
    private volatile long dropped;
    private long lastRejectLogMs;

    /** The session's last will (retained), also published by a clean {@link #close}. */
    record Will(String topic, byte[] payload) {}

    /**
     * @param will the site summary's not-live payload on its topic for a console that publishes the summary; empty:
     *     {@code offline} on {@code <prefix>/console/<client>}
     * @param connected run on the worker after every (re)connect and subscribe
     * @param account the broker account this console logs in as (its secrets file, its client certificate)
     */
    ConsoleMqtt(MqttSettings settings, String account, String prefix, ConsoleDecoder decoder, ConsoleState state,
            Runnable changed, LongSupplier wallMs, java.util.Optional<Will> will, Runnable connected) {
        byte[] r = new byte[3];
        new SecureRandom().nextBytes(r);
        // Its own client id under a shared account: two consoles of one account must not drop each other's session.
        String name = account + "-" + HexFormat.of().formatHex(r);
        this.will = will.orElse(new Will(prefix + "/console/" + name,
                "offline".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        this.connected = connected;
        this.sayOfflineOnClose = will.isPresent(); // a random console id's own topic is not worth a retained message
        this.transport = new PahoMqttTransport(settings, account, name, this.will.topic(), this.will.payload());
        this.decoder = decoder;
        this.state = state;
        this.changed = changed;
        this.wallMs = wallMs;
        // Kura's lesson (STYLE): the listener is in place before connect().
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void connected(boolean reconnect) {
                offer(new Item.Up());
            }

            @Override
            public void connectionLost(String detail) {
                offer(new Item.Down(detail));
            }

            @Override
            public void messageArrived(MqttTransport.Inbound m) {
                offer(new Item.Message(m));
            }
        });
        this.worker = new Thread(this::work, "lockstep-console-mqtt");
        worker.setDaemon(true);
    }

    void start() {
        worker.start();
        transport.connect();
    }

    private void offer(Item item) {
        if (!inbox.offer(item)) {
            dropped++;
            if (!(item instanceof Item.Message)) {
                // A lost up/down must not leave the page claiming a live broker: make room for it.
                inbox.poll();
                inbox.offer(item);
            }
        }
    }

    /** Publishes a signed command (QoS 1, not retained). */
    void publish(String topic, byte[] payload) throws TransportException {
        transport.publish(topic, payload, 1, false, new MqttTransport.Delivery() {
            @Override
            public void delivered() {}

            @Override
            public void failed(TransportException e) {
                Logger.warn("console: a command on {} was not delivered: {}", topic, e.getMessage());
            }
        });
    }

    /** Publishes retained, QoS 1 (the site summary). */
    void publishRetained(String topic, byte[] payload) throws TransportException {
        transport.publish(topic, payload, 1, true, new MqttTransport.Delivery() {
            @Override
            public void delivered() {}

            @Override
            public void failed(TransportException e) {
                Logger.warn("console: a retained publish on {} was not delivered: {}", topic, e.getMessage());
            }
        });
    }

    long dropped() {
        return dropped;
    }

    private void work() {
        while (!closed) {
            Item item;
            try {
                item = inbox.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            long now = wallMs.getAsLong();
            if (item == null) {
                long before = state.version();
                state.tick(now); // an action's 2 s deadline passing is a change the page must see
                if (state.version() != before) {
                    changed.run();
                }
                continue;
            }
            try {
                switch (item) {
                    case Item.Up u -> {
                        try {
                            transport.subscribe(new ArrayList<>(decoder.filters()), 1);
                            state.brokerConnected(now);
                            connected.run();
                            Logger.info("console: connected to the broker; subscribed to the site's topics");
                        } catch (TransportException e) {
                            Logger.warn("console: connected but could not subscribe ({}); the page shows the broker"
                                    + " as lost until the next connect", e.getMessage());
                            state.brokerLost(now);
                        }
                    }
                    case Item.Down d -> {
                        state.brokerLost(now);
                        Logger.warn("console: lost the broker: {}", d.detail());
                    }
                    case Item.Message m -> {
                        ConsoleDecoder.Update u = decoder.decode(m.m().topic(), m.m().payload());
                        state.apply(u, now);
                        String zoneLog = state.takeZoneLog(); // once per burst, never a line per forged message
                        if (!zoneLog.isEmpty()) {
                            Logger.warn("console: {}", zoneLog);
                        }
                        if (u instanceof ConsoleDecoder.Update.Rejected r && now - lastRejectLogMs > 5_000) {
                            lastRejectLogMs = now;
                            Logger.warn("console: refused a message on {}: {} ({} refused so far)", r.topic(),
                                    r.reason(), state.rejectedCount());
                        }
                    }
                }
                state.tick(now);
                changed.run();
            } catch (RuntimeException e) {
                // The worker never dies (DESIGN: the loop never dies): a bug here is logged and the next message runs.
                Logger.error(e, "console: fault while handling an MQTT input; dropped");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        if (sayOfflineOnClose) {
            transport.close(will.topic(), will.payload());
        } else {
            transport.close();
        }
    }
}
