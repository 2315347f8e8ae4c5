package org.lockstep.controller.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * {@code deploy/mosquitto/} holds what {@code lockstep provision} writes for the example site, so a reader sees the
 * real thing; this keeps them the same. To refresh after a change:
 * {@code mvn -pl controller verify -Dtest=ShippedBrokerFilesTest -Dlockstep.refreshShipped=true}.
 */
class ShippedBrokerFilesTest {
    static final Path EXAMPLE = Path.of("../deploy/site.example.yaml");
    static final Path SHIPPED = Path.of("../deploy/mosquitto");

    static final List<BrokerAccount> EXAMPLE_ACCOUNTS = List.of(
            new BrokerAccount("front-desk", BrokerAccount.Role.OFFICE),
            new BrokerAccount("security-desk", BrokerAccount.Role.CONSOLE),
            new BrokerAccount("audit", BrokerAccount.Role.AUDIT));

    @Test
    @DisplayName("deploy/mosquitto/lockstep.conf and lockstep.acl are what provision writes for the example site")
    void shippedFilesAreGenerated() throws Exception {
        SiteConfig config = SiteConfigLoader.load(EXAMPLE);
        String conf = MosquittoConf.render(config, new BrokerLayout(BrokerLayout.DEFAULT_DIR, BrokerLayout.DEFAULT_PORT,
                List.of("broker.lincoln-ms.example"), true));
        String acl = MosquittoAcl.render(config, SiteProvisioner.accounts(config, EXAMPLE_ACCOUNTS));
        if (Boolean.getBoolean("lockstep.refreshShipped")) {
            Files.writeString(SHIPPED.resolve("lockstep.conf"), conf);
            Files.writeString(SHIPPED.resolve("lockstep.acl"), acl);
        }
        assertEquals(conf, Files.readString(SHIPPED.resolve("lockstep.conf")), "refresh: see the class comment");
        assertEquals(acl, Files.readString(SHIPPED.resolve("lockstep.acl")), "refresh: see the class comment");
    }

    @Test
    @DisplayName("the shipped conf: TLS only, no anonymous, size limit, guard; no password anywhere in deploy/")
    void shippedConfSaysWhatTheIssueAsks() throws Exception {
        String conf = Files.readString(SHIPPED.resolve("lockstep.conf"));
        assertTrue(conf.contains("allow_anonymous false"));
        assertTrue(conf.contains("message_size_limit 16384"));
        assertTrue(conf.contains("plugin_opt_deny_retained lockstep/lincoln-ms/cmd/#"));
        assertEquals(1, conf.lines().filter(l -> l.startsWith("listener ")).count(), conf);
        assertTrue(conf.contains("listener 8883\ncafile"), conf);
        assertFalse(Files.exists(SHIPPED.resolve("passwd")), "no password file is shipped: provision makes one");
    }
}
