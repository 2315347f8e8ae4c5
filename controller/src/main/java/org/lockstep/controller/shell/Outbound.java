package org.lockstep.controller.shell;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;

/**
 * Where the loop sends what people and consoles see (MQTT, the simulator's screen, a test). Every method must
 * return at once: queue and return, never wait on a network. A lockdown must never be slowed down by a console.
 */
public interface Outbound {
    void door(String controllerId, DoorView door);

    void zone(String controllerId, String zoneId, ZoneMode mode);

    void alert(String controllerId, Alert alert, long atMs);

    void reply(String controllerId, Command.Reply reply);

    /**
     * The loop's time, at every turn of the loop (at least every {@code LoopThread.MAX_WAIT_MS} on a controller): for
     * an outbound that holds something back until a time (the log's per-door summaries). Must return at once.
     */
    default void tick(long nowMs) {}

    /** Sends to several outbounds in turn. */
    static Outbound fanOut(Outbound... outs) {
        return new Outbound() {
            @Override
            public void door(String c, DoorView d) {
                for (Outbound o : outs) {
                    o.door(c, d);
                }
            }

            @Override
            public void zone(String c, String z, ZoneMode m) {
                for (Outbound o : outs) {
                    o.zone(c, z, m);
                }
            }

            @Override
            public void alert(String c, Alert a, long atMs) {
                for (Outbound o : outs) {
                    o.alert(c, a, atMs);
                }
            }

            @Override
            public void reply(String c, Command.Reply r) {
                for (Outbound o : outs) {
                    o.reply(c, r);
                }
            }

            @Override
            public void tick(long nowMs) {
                for (Outbound o : outs) {
                    o.tick(nowMs);
                }
            }
        };
    }

    Outbound NONE = fanOut();
}
