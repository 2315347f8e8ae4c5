package org.lockstep.controller.broker;

import java.util.List;

import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.mqtt.HomeAssistantDiscovery;
import org.lockstep.controller.mqtt.Topics;

/**
 * The Mosquitto {@code acl_file} for a site: what each account may read and write, spelled from {@link Topics} so it
 * follows the topic tree. Mosquitto denies what no line allows. What an ACL cannot say: "never retained" (the
 * retained-command guard plugin does that, {@code lockstep_retain_guard.c}), and who wrote a message a subscriber
 * reads (only a signature can prove that).
 */
public final class MosquittoAcl {
    private MosquittoAcl() {}

    public static String render(SiteConfig config, List<BrokerAccount> accounts) {
        MqttSettings mqtt = config.mqtt();
        Topics t = Topics.of(mqtt);
        String p = t.prefix();
        StringBuilder out = new StringBuilder();
        out.append("# Mosquitto ACL for site '").append(config.siteId()).append("', written by 'lockstep provision'")
                .append(" from ").append(config.file().getFileName()).append(".\n")
                .append("# Mosquitto denies whatever no line allows. Retained publishes on ").append(p)
                .append("/cmd/# are refused\n# for everyone by the lockstep_retain_guard plugin (an ACL cannot say")
                .append(" \"not retained\").\n");
        for (BrokerAccount a : accounts) {
            out.append("\nuser ").append(a.name()).append('\n');
            switch (a.role()) {
                case CONTROLLER -> controller(out, config, a.name());
                case CONSOLE -> {
                    read(out, p + "/#");
                    write(out, t.cmdSite());
                    write(out, t.cmdZoneFilter());
                    write(out, t.siteSummary()); // lockstep console publishes it; no controller may (docs/mqtt.md)
                }
                case OFFICE -> {
                    read(out, p + "/#");
                    write(out, t.cmdSite());
                    write(out, t.cmdZoneFilter());
                    write(out, t.siteSummary());
                    write(out, t.cmdController("+"));
                }
                case AUDIT -> {
                    read(out, p + "/#");
                    write(out, t.cmdController("+"));
                    write(out, p + "/audit/door/+");
                    write(out, p + "/audit/client");
                }
            }
        }
        return out.toString();
    }

    private static void controller(StringBuilder out, SiteConfig config, String id) {
        MqttSettings mqtt = config.mqtt();
        Topics t = Topics.of(mqtt);
        String p = t.prefix();
        out.append("# controller ").append(id).append(": reads the site; writes its own subtree and doors, zone modes,")
                .append(" the shared streams, its own results\n");
        read(out, p + "/#");
        write(out, p + "/controller/" + id + "/#");
        for (DoorSpec d : config.site().doorsOf(id)) {
            write(out, t.doorStatus(d.id()));
        }
        // Zones span controllers and every controller publishes every zone's mode; which writer is genuine is the
        // signature's job, not the broker's.
        write(out, t.zoneMode("+"));
        write(out, t.alert());
        write(out, t.event());
        write(out, t.bus());
        write(out, t.cmdResult("+", id));
        if (mqtt.homeAssistant().discovery()) {
            String ha = mqtt.homeAssistant().prefix();
            String node = HomeAssistantDiscovery.nodeId(config.siteId(), id);
            read(out, ha + "/status");
            write(out, ha + "/lock/" + node + "/#");
            write(out, ha + "/binary_sensor/" + node + "/#");
        }
    }

    private static void read(StringBuilder out, String filter) {
        out.append("topic read ").append(filter).append('\n');
    }

    private static void write(StringBuilder out, String filter) {
        out.append("topic write ").append(filter).append('\n');
    }
}
