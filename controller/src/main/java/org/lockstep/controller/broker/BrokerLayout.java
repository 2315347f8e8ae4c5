package org.lockstep.controller.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the broker's files will live and how it listens.
 *
 * @param dir where {@code lockstep.conf} finds the certificates, password file, ACL and plugin (default
 *     {@code /etc/mosquitto/lockstep})
 * @param port the TLS listener (8883)
 * @param hosts the names and addresses clients use to reach the broker: the certificate's subject alternative names
 * @param retainGuard whether the retained-command guard plugin is built and loaded
 */
public record BrokerLayout(Path dir, int port, List<String> hosts, boolean retainGuard) {
    public static final Path DEFAULT_DIR = Path.of("/etc/mosquitto/lockstep");
    public static final int DEFAULT_PORT = 8883;
    public static final String PLUGIN = "lockstep_retain_guard";

    public BrokerLayout {
        Objects.requireNonNull(dir, "dir");
        hosts = List.copyOf(hosts);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("the broker needs at least one host name for its certificate");
        }
    }
}
