package org.lockstep.simulator;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.mqtt.MqttLimits;
import org.lockstep.controller.mqtt.MqttTransport;
import org.lockstep.controller.mqtt.MqttUplink;
import org.lockstep.controller.mqtt.Topics;

/**
 * The simulator's control topics ({@code <prefix>/sim/...}, see {@link SimControlDecoder}) on one controller's MQTT
 * connection. Not part of the firmware: the simulator adds it to an uplink with {@link MqttUplink#route} before
 * the uplink starts. A message is decoded on the transport's thread and handed to the listener on this class's own
 * thread (bounded: {@link MqttLimits#SIM_QUEUE}); what is refused is answered on {@code sim/rejected}.
 */
public final class SimControl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttUplink uplink;
    private final Topics topics;
    private final SimControlListener listener;
    private final ThreadPoolExecutor executor;

    private SimControl(MqttUplink uplink, SimControlListener listener) {
        this.uplink = uplink;
        this.topics = uplink.topics();
        this.listener = listener;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MqttLimits.SIM_QUEUE), r -> {
                    Thread t = new Thread(r, "lockstep-mqtt-sim-" + uplink.controllerId());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Routes {@code sim/#} of this uplink to {@code listener}. Call before the uplink's {@code start()}. */
    public static SimControl attach(MqttUplink uplink, SimControlListener listener) {
        SimControl c = new SimControl(uplink, listener);
        uplink.route(uplink.topics().simFilter(), c::onMessage);
        return c;
    }

    private void onMessage(MqttTransport.Inbound m) {
        String rest = m.topic().substring(topics.sim("").length());
        if (rest.equals("rejected")) {
            return; // our own answers
        }
        try {
            SimCommand c = SimControlDecoder.decode(rest, m.payload(), m.retained());
            executor.execute(() -> {
                try {
                    listener.onSimCommand(c);
                } catch (IllegalArgumentException e) {
                    rejected(m.topic(), e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            rejected(m.topic(), e.getMessage());
        } catch (RejectedExecutionException e) {
            rejected(m.topic(), "simulator busy: " + MqttLimits.SIM_QUEUE + " sim commands waiting");
        }
    }

    private void rejected(String topic, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", topic);
        n.put("reason", String.valueOf(reason));
        n.put("controller", uplink.controllerId());
        try {
            uplink.publishOrdered(topics.simRejected(), JSON.writeValueAsBytes(n));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings always serialises", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
