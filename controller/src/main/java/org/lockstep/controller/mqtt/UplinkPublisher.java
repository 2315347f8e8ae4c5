package org.lockstep.controller.mqtt;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * The uplink's outbound half: the bounded store-and-forward {@link OutboundQueue} and the one worker thread that
 * sends it. Callers (the loop thread, transport callbacks) only queue and return; the worker (re)subscribes after
 * every connect, republishes the retained picture, then drains the queue in order.
 *
 * <p>Hooks, both run on the worker thread: {@code afterSubscribe} once per (re)connect, after the subscriptions are
 * in place (the uplink reports drops and its health there); {@code periodic} on every wake-up (at most
 * {@link MqttLimits#WORKER_IDLE_WAKE_MS} apart), for summaries and the periodic health.
 */
final class UplinkPublisher {
    private final String controllerId;
    private final MqttTransport transport;
    private final MonotonicClock clock;
    private final OutboundQueue queue;
    private final Supplier<List<String>> subscriptions;
    private final Thread worker;
    private Runnable afterSubscribe = () -> {};
    private Runnable periodic = () -> {};
    private volatile boolean stopped;
    private volatile boolean resyncNeeded;
    private volatile boolean connected;
    private volatile boolean subscribed;

    UplinkPublisher(String controllerId, MqttTransport transport, MonotonicClock clock, OutboundQueue queue,
            Supplier<List<String>> subscriptions) {
        this.controllerId = controllerId;
        this.transport = transport;
        this.clock = clock;
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.worker = new Thread(this::run, "lockstep-mqtt-" + controllerId);
        this.worker.setDaemon(true);
    }

    /** Set before {@link #start()}. */
    void hooks(Runnable afterSubscribe, Runnable periodic) {
        this.afterSubscribe = Objects.requireNonNull(afterSubscribe, "afterSubscribe");
        this.periodic = Objects.requireNonNull(periodic, "periodic");
    }

    boolean connected() {
        return connected;
    }

    boolean ready() {
        return connected && subscribed;
    }

    // ---- Queueing: any thread; never waits.

    void putRetained(String topic, byte[] payload) {
        queue.putRetained(new OutboundQueue.Message(topic, payload, 1, true, clock.nowMs(), 0));
        wake();
    }

    void ordered(String topic, byte[] payload, long expiresAfterMs) {
        queue.addOrdered(new OutboundQueue.Message(topic, payload, 1, false, clock.nowMs(), expiresAfterMs));
        wake();
    }

    /** Ahead of the ordered lane's backlog: the uplink's own reports (what was dropped). */
    void report(String topic, byte[] payload) {
        queue.addReport(new OutboundQueue.Message(topic, payload, 1, false, clock.nowMs(), 0));
        wake();
    }

    void event(String topic, byte[] payload) {
        queue.addEvent(new OutboundQueue.Message(topic, payload, 0, false, clock.nowMs(), 0));
        wake();
    }

    void resend(Collection<String> retainedTopics) {
        queue.resend(retainedTopics);
        wake();
    }

    OutboundQueue.Counts counts() {
        return queue.counts();
    }

    // ---- Transport callbacks: flags only, then wake the worker.

    void onConnected() {
        connected = true;
        resyncNeeded = true;
        wake();
    }

    void onConnectionLost() {
        connected = false;
        subscribed = false;
    }

    // ---- The worker.

    void start() {
        worker.start();
    }

    private void wake() {
        LockSupport.unpark(worker);
    }

    private void run() {
        while (!stopped) {
            step();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(MqttLimits.WORKER_IDLE_WAKE_MS));
        }
    }

    /**
     * One wake-up of the worker: (re)subscribe if a connect asked for it, send what is due, run the periodic hook.
     * The worker calls it in a loop; a test that never starts the worker calls it itself, stepping on a virtual clock.
     */
    void step() {
        try {
            if (resyncNeeded && transport.isConnected()) {
                resync();
            }
            if (transport.isConnected() && !resyncNeeded) {
                drain();
            }
            periodic.run();
        } catch (RuntimeException e) {
            Logger.error(e, "mqtt {}: uplink error", controllerId);
        }
    }

    private void resync() {
        resyncNeeded = false;
        queue.connectionReset();
        try {
            transport.subscribe(subscriptions.get(), 1);
        } catch (TransportException e) {
            // Retried either way: a refused subscription (ACL) is logged loudly each time until it is fixed.
            if (e.retryable()) {
                Logger.warn("mqtt {}: subscribe failed ({}): will retry", controllerId, e.getMessage());
            } else {
                Logger.error("mqtt {}: subscribe refused ({}): check the broker ACL", controllerId, e.getMessage());
            }
            resyncNeeded = true;
            return;
        }
        subscribed = true;
        afterSubscribe.run();
    }

    private void drain() {
        OutboundQueue.InFlight f;
        while (!stopped && !resyncNeeded && (f = queue.next(clock.nowMs())) != null) {
            OutboundQueue.InFlight sent = f;
            OutboundQueue.Message m = f.message();
            try {
                transport.publish(m.topic(), m.payload(), m.qos(), m.retained(), new MqttTransport.Delivery() {
                    @Override
                    public void delivered() {
                        queue.delivered(sent);
                        wake();
                    }

                    @Override
                    public void failed(TransportException e) {
                        Logger.debug("mqtt {}: publish to {} failed: {}", controllerId, sent.message().topic(),
                                e.getMessage());
                        queue.failed(sent);
                    }
                });
            } catch (TransportException e) {
                queue.failed(sent);
                if (!e.retryable()) {
                    Logger.error("mqtt {}: publish to {} refused: {}", controllerId, m.topic(), e.getMessage());
                } else {
                    Logger.debug("mqtt {}: publish to {} not taken ({}): next wake-up", controllerId, m.topic(),
                            e.getMessage());
                }
                return; // not connected or too busy: the next wake-up tries again
            }
        }
    }

    /** Stops the worker (waits up to 2 s for it). */
    void stop() {
        stopped = true;
        wake();
        try {
            worker.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
