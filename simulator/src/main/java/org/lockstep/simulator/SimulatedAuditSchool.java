package org.lockstep.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.cli.SimulatedAudit;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.sim.SimFault;

/** {@code lockstep audit --sim}: the simulated school, faults injected, as the audit's target. */
public final class SimulatedAuditSchool implements SimulatedAudit {
    @Override
    public School open(SiteConfig config, List<String> faults, Optional<Path> journalDir) {
        List<SimFault> parsed = new ArrayList<>();
        for (String f : faults) {
            parsed.add(fault(f, config));
        }
        SimulatedSchool school = journalDir.isEmpty() ? SimulatedSchool.create(config, 1, Outbound.NONE)
                : SimulatedSchool.create(config, 1, Outbound.NONE, Instant.now(), (id, wall) -> FileJournal.open(
                        journalDir.get().resolve(id), id, JournalSettings.DEFAULTS, wall));
        school.advanceBy(1_000);
        parsed.forEach(school.building()::inject);
        school.advanceBy(1_000);
        SimAuditTarget target = new SimAuditTarget(school);
        return new School() {
            @Override
            public AuditTarget target() {
                return target;
            }

            @Override
            public void close() {
                school.close();
            }
        };
    }

    private static SimFault fault(String f, SiteConfig config) {
        String[] kd = f.split(":", 2);
        if (kd.length != 2 || config.site().doors().stream().noneMatch(d -> d.id().equals(kd[1]))) {
            throw new IllegalArgumentException("--inject expects FAULT:DOOR with a door of the site, found '" + f + "'");
        }
        return switch (kd[0]) {
            case "jam" -> new SimFault.BoltJammed(kd[1]);
            case "cut" -> new SimFault.ContactWireCut(kd[1]);
            case "boltcut" -> new SimFault.BoltWireCut(kd[1]);
            case "stick" -> new SimFault.RelayStuck(kd[1]);
            default -> throw new IllegalArgumentException("--inject: unknown fault '" + kd[0]
                    + "'; expected jam, cut, boltcut or stick");
        };
    }
}
