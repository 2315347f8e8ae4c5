package org.lockstep.controller.broker;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.mqtt.MqttLimits;
import org.lockstep.controller.mqtt.Topics;

/**
 * The Mosquitto 2.0 configuration for a site: one TLS listener, no anonymous clients, per-account passwords and ACL,
 * the retained-command guard, and limits sized from the site file. No plain-TCP listener at all: nothing on the
 * broker host needs one (the simulator has its own embedded broker), and one on localhost would be a way around TLS
 * for anything running there.
 */
public final class MosquittoConf {
    private MosquittoConf() {}

    /**
     * The largest message the broker accepts. The largest legitimate payload is a command (at most
     * {@link MqttLimits#MAX_INBOUND_BYTES}, 4 KiB, before a signature); the largest a controller writes, a Home
     * Assistant discovery config, is about 1 KiB. 16 KiB leaves room for signed commands and long texts, and keeps a
     * 10 MB message from ever reaching a controller (Paho reads a whole message before any size check; at 10 MB every
     * controller timed out).
     */
    public static final int MESSAGE_SIZE_LIMIT = 16 * 1024;

    /** Whole packets (topic and header included): a client that sends more is disconnected before it is read. */
    public static final int MAX_PACKET_SIZE = MESSAGE_SIZE_LIMIT + 1024;

    static {
        if (MESSAGE_SIZE_LIMIT < 2 * MqttLimits.MAX_INBOUND_BYTES) {
            throw new ExceptionInInitializerError("the broker limit must leave room above the command limit");
        }
    }

    /**
     * Per client, how many QoS 1 messages the broker queues before it drops (silently: FIELD-NOTES). The largest
     * legitimate burst is every controller reconnecting at once and republishing its picture (its doors, every zone,
     * availability and health) while a console reads: three times that, at least Mosquitto's default of 1000.
     */
    public static int maxQueuedMessages(SiteConfig config) {
        int controllers = config.site().controllers().size();
        int picture = config.site().doors().size() + controllers * (config.site().zones().size() + 2);
        return Math.max(1_000, 3 * picture);
    }

    public static String render(SiteConfig config, BrokerLayout layout) {
        String dir = layout.dir().toString();
        int queued = maxQueuedMessages(config);
        StringBuilder c = new StringBuilder();
        c.append("# Mosquitto 2.0 for Lockstep site '").append(config.siteId()).append("', written by 'lockstep")
                .append(" provision' (docs/mqtt.md, Broker).\n")
                .append("# Link it into /etc/mosquitto/conf.d/ (Debian's mosquitto.conf includes that directory and")
                .append(" keeps retained\n# messages on disk); keep no other listener.\n")
                .append("per_listener_settings false\n")
                .append("allow_anonymous false\n")
                .append("password_file ").append(dir).append("/passwd\n")
                .append("acl_file ").append(dir).append("/lockstep.acl\n");
        if (layout.retainGuard()) {
            c.append("# A retained command would replay to every controller that reconnects: refused for everyone.\n")
                    .append("plugin ").append(dir).append('/').append(BrokerLayout.PLUGIN).append(".so\n")
                    .append("plugin_opt_deny_retained ").append(Topics.of(config.mqtt()).prefix()).append("/cmd/#\n");
        } else {
            c.append("# Built without the retained-command guard (no compiler or mosquitto-dev on this host): only\n")
                    .append("# the controllers' own refusal of retained commands protects against a replay.\n");
        }
        c.append("\n# Largest legitimate payload: a command, 4 KiB before its signature. A 10 MB message must never\n")
                .append("# reach a controller; a client sending a larger packet is disconnected before it is read.\n")
                .append("message_size_limit ").append(MESSAGE_SIZE_LIMIT).append('\n')
                .append("max_packet_size ").append(MAX_PACKET_SIZE).append('\n')
                .append("# Per client: 3 x the site's full picture (").append(config.site().doors().size())
                .append(" doors, ").append(config.site().zones().size()).append(" zones x ")
                .append(config.site().controllers().size()).append(" controllers, availability, health);\n")
                .append("# past it Mosquitto drops QoS 1 messages silently. Bytes bound what one slow client costs.\n")
                .append("max_queued_messages ").append(queued).append('\n')
                .append("max_queued_bytes ").append(queued * 2048L).append('\n')
                .append("max_inflight_messages 1000\n")
                .append("# Nagle's algorithm costs ~40 ms per small exchange (measured: 67 ms -> 1.3 ms per command).\n")
                .append("set_tcp_nodelay true\n");
        // Persistence is the main mosquitto.conf's (Debian's keeps retained messages in /var/lib/mosquitto);
        // repeating persistence_location here would stop the broker ("Duplicate persistence_location").
        c.append("# Retained door status, zone modes and availability: saved every 30 s where persistence is on.\n")
                .append("autosave_interval 30\n");
        c.append("\n# The only listener: TLS. Clients check the certificate against ca.pem and the host name.\n")
                .append("listener ").append(layout.port()).append('\n')
                .append("cafile ").append(dir).append("/ca.pem\n")
                .append("certfile ").append(dir).append("/broker.pem\n")
                .append("keyfile ").append(dir).append("/broker.key\n")
                .append("tls_version tlsv1.2\n");
        return c.toString();
    }
}
