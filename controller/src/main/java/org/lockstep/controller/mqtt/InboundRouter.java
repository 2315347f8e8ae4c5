package org.lockstep.controller.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.tinylog.Logger;

/**
 * Inbound routing: which topics this controller subscribes to, and which handler each arriving message goes to.
 * Runs on the transport's callback thread; handlers decode, offer or queue, and return (never publish or wait).
 * <ul>
 *   <li>{@code cmd/site}, {@code cmd/zone/+}, {@code cmd/controller/<this>} → {@link CommandHandler}</li>
 *   <li>{@code bus/request} and {@code zone/+/mode} → {@link PeerInput}</li>
 *   <li>Home Assistant's {@code <ha>/status} {@code online} → the discovery configs are resent</li>
 *   <li>extra routes another component adds before start (the simulator's {@code sim/#})</li>
 * </ul>
 */
final class InboundRouter {
    /** Another component's topics on this connection: {@code filter} ends in {@code /#}. */
    record Route(String filter, Consumer<MqttTransport.Inbound> handler) {
        Route {
            if (!filter.endsWith("/#") || filter.indexOf('+') >= 0 || filter.indexOf('#') != filter.length() - 1) {
                throw new IllegalArgumentException("a route's filter is a topic prefix followed by /#: " + filter);
            }
        }

        boolean matches(String topic) {
            return topic.startsWith(filter.substring(0, filter.length() - 1));
        }
    }

    private final String controllerId;
    private final Topics topics;
    private final CommandHandler commands;
    private final PeerInput peers;
    private final Optional<String> haStatusTopic;
    private final Runnable haOnline;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    InboundRouter(String controllerId, Topics topics, CommandHandler commands, PeerInput peers,
            Optional<String> haStatusTopic, Runnable haOnline) {
        this.controllerId = controllerId;
        this.topics = topics;
        this.commands = commands;
        this.peers = peers;
        this.haStatusTopic = haStatusTopic;
        this.haOnline = haOnline;
    }

    void add(Route route) {
        routes.add(route);
    }

    List<String> subscriptions() {
        List<String> s = new ArrayList<>(List.of(topics.cmdSite(), topics.cmdZoneFilter(),
                topics.cmdController(controllerId), topics.bus(), topics.zoneMode("+")));
        haStatusTopic.ifPresent(s::add);
        routes.forEach(r -> s.add(r.filter()));
        return s;
    }

    void onMessage(MqttTransport.Inbound m) {
        try {
            String topic = m.topic();
            Optional<Topics.CommandTarget> target = topics.commandTarget(topic);
            Optional<String> zone;
            if (target.isPresent()) {
                commands.onCommand(target.get(), m);
            } else if (topic.equals(topics.bus())) {
                peers.onShare(m);
            } else if ((zone = topics.zoneOfModeTopic(topic)).isPresent()) {
                peers.onZoneMode(zone.get(), m);
            } else if (haStatusTopic.isPresent() && topic.equals(haStatusTopic.get())) {
                if ("online".equals(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8).trim())) {
                    haOnline.run();
                }
            } else {
                for (Route r : routes) {
                    if (r.matches(topic)) {
                        r.handler().accept(m);
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            // A bug here must not kill the transport's callback thread (it would stop all inbound traffic).
            Logger.error(e, "mqtt {}: error handling a message on {}", controllerId, CommandDecoder.clip(m.topic()));
        }
    }
}
