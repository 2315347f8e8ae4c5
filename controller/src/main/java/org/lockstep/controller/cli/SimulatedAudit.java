package org.lockstep.controller.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.config.SiteConfig;

/**
 * The simulator module's half of {@code lockstep audit --sim} (found with {@link java.util.ServiceLoader}): a
 * simulated school built from the site file, as an audit target. The firmware package has none.
 */
public interface SimulatedAudit {
    /**
     * @param faults what to inject first, each {@code FAULT:DOOR} as typed after {@code --inject}
     * @param journalDir journal each simulated controller to {@code journalDir/<controller>}
     * @throws IllegalArgumentException a fault the simulator does not know, with the reason
     */
    School open(SiteConfig config, List<String> faults, Optional<Path> journalDir);

    /** A running simulated school; closing it stops it. */
    interface School extends AutoCloseable {
        AuditTarget target();

        @Override
        void close();
    }
}
