package org.lockstep.controller.journal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/** Wrote src/test/resources/journal-v1/east-lower with the format-1 code (run once, by hand). */
class V1FixtureWriter {
    @Test
    void write() {
        Path dir = Path.of(System.getProperty("fixture.dir", "target/journal-v1/east-lower"));
        Clock wall = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
        try (FileJournal j = FileJournal.open(dir, "east-lower", JournalSettings.DEFAULTS, wall)) {
            j.append(10, new Event.ControllerStarted());
            j.append(1_000, new Event.ContactChanged("c101", true));
            j.append(1_500, new Event.ContactChanged("c101", false));
            j.append(2_000, new Event.ModeRequested("req-1", Mode.LOCKDOWN, Scope.SITE, false,
                    new Source.Operator("rivera"), "intruder reported"));
            j.append(2_400, new Event.TimeAdvanced());
            j.append(3_000, new Event.ContactChanged("c102", true));
            j.append(4_000, new Event.DeviceFaulted("c103", "relay: write refused"));
        }
    }
}
