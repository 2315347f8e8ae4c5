package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Restore;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.shell.ControllerLoop;

/**
 * Writes a year-sized journal for one controller of the example site ({@code east-lower}, 7 doors) and measures what a
 * restart costs: open (scan and check from the newest checkpoint segment), read, fold. Not a unit test (its name keeps
 * it out of {@code mvn verify}); run it by hand:
 * {@code mvn -pl controller -am test -Dtest=YearJournalBenchmark -Dlockstep.bench.year=/tmp/year-journal
 * [-Dlockstep.bench.days=365] [-Dlockstep.bench.cycles=600]}. Writes through {@link FileJournal} with fsync
 * switched off (the generator's speed, not the format, is what that changes).
 *
 * <p>A school day here: every door opened and closed {@code doorCyclesPerDay / doors} times between 07:00 and 17:00, a
 * timer step after each, a LOCKDOWN drill and its all clear every 20 school days, a real SECURE and all clear every
 * 60; a checkpoint every {@link ControllerLoop#CHECKPOINT_EVERY} steps, as the event loop writes them.
 */
public final class YearJournalBenchmark {
    public YearJournalBenchmark() {}

    static final String CTL = "east-lower";

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "lockstep.bench.year", matches = ".+")
    void year() throws Exception {
        main(new String[] {System.getProperty("lockstep.bench.year"), System.getProperty("lockstep.bench.days", "365"),
                System.getProperty("lockstep.bench.cycles", "600")});
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        int cyclesPerDay = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        var site = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml")).site();
        LockdownMachine machine = new LockdownMachine(site, CTL);
        MutableClock wall = new MutableClock(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli());
        JournalSettings settings = JournalSettings.DEFAULTS.withRetainMaxBytes(16L << 30);
        long t0 = System.nanoTime();
        long steps = 0;
        try (FileJournal journal = FileJournal.open(dir, CTL, settings, wall, NO_FSYNC)) {
            ControllerState state = machine.initial();
            List<DoorSpec> doors = machine.doors();
            Random random = new Random(1);
            long now = 1;
            int sinceCheckpoint = 0;
            for (int day = 0; day < days; day++) {
                List<Event> events = new ArrayList<>();
                if (day % 7 >= 5) {
                    continue; // weekend
                }
                if (day == 0) {
                    events.add(new Event.ControllerStarted());
                }
                for (int c = 0; c < cyclesPerDay; c++) {
                    String door = doors.get(random.nextInt(doors.size())).id();
                    events.add(new Event.ContactChanged(door, true));
                    events.add(new Event.ContactChanged(door, false));
                    events.add(new Event.TimeAdvanced());
                    if (c == cyclesPerDay / 2 && day % 20 == 3) {
                        events.add(new Event.ModeRequested("drill-" + day, Mode.LOCKDOWN, Scope.SITE, true,
                                new Source.Operator("rivera"), "monthly drill"));
                        events.add(new Event.TimeAdvanced());
                        events.add(new Event.ModeRequested("end-" + day, Mode.NORMAL, Scope.SITE, false,
                                new Source.Operator("rivera"), "drill over"));
                    }
                    if (c == cyclesPerDay / 3 && day % 60 == 11) {
                        events.add(new Event.ModeRequested("sec-" + day, Mode.SECURE, Scope.SITE, false,
                                new Source.Operator("rivera"), "police activity nearby"));
                        events.add(new Event.TimeAdvanced());
                        events.add(new Event.ModeRequested("ac-" + day, Mode.NORMAL, Scope.SITE, false,
                                new Source.Operator("okafor"), "all clear"));
                    }
                }
                long dayStart = day * 86_400_000L + 7 * 3_600_000L;
                long step = 36_000_000L / events.size();
                for (int i = 0; i < events.size(); i++) {
                    now = Math.max(now + 1, dayStart + i * step);
                    wall.ms = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli() + now;
                    LockdownMachine.Transition t = machine.apply(state, events.get(i), now);
                    state = t.state();
                    List<Fact> facts = t.facts();
                    if (++sinceCheckpoint >= ControllerLoop.CHECKPOINT_EVERY) {
                        facts = new ArrayList<>(facts);
                        facts.add(machine.checkpoint(state));
                        sinceCheckpoint = 0;
                    }
                    journal.append(now, events.get(i), facts);
                    journal.quiescent(state.zones().values().stream().allMatch(z -> z.mode() == Mode.NORMAL));
                    steps++;
                }
            }
        }
        long bytes;
        try (var files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("wrote %d steps, %.1f MiB in %s, %.1f s%n", steps, bytes / 1048576.0, dir,
                (System.nanoTime() - t0) / 1e9);
        for (int run = 1; run <= 3; run++) {
            long a = System.nanoTime();
            List<EventJournal.Entry> entries;
            try (FileJournal j = FileJournal.open(dir, CTL, settings, Clock.systemUTC())) {
                long b = System.nanoTime();
                entries = j.readAll();
                long c = System.nanoTime();
                Restore restore = new Restore(machine);
                for (EventJournal.Entry e : entries) {
                    restore.facts(e.atMs(), e.facts());
                }
                Restore.Result r = restore.finish();
                long d = System.nanoTime();
                System.out.printf("restart %d: open %.0f ms, read %d records %.0f ms, fold %.0f ms, total %.0f ms"
                        + " (zone east %s)%n", run, (b - a) / 1e6, entries.size(), (c - b) / 1e6, (d - c) / 1e6,
                        (d - a) / 1e6, r.state().zone("east").mode());
            }
        }
        long a = System.nanoTime();
        JournalReader.Contents all = JournalReader.read(dir);
        System.out.printf("full read (what `lockstep journal` / reports do): %d records, %d problems, %.0f ms%n",
                all.records().size(), all.problems().size(), (System.nanoTime() - a) / 1e6);
    }

    static final class MutableClock extends Clock {
        long ms;

        MutableClock(long ms) {
            this.ms = ms;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return ms;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms);
        }
    }

    /** Real files, no fsync: generating a year must not take a day. */
    static final JournalStorage NO_FSYNC = new JournalStorage() {
        @Override
        public SegmentChannel create(Path file) throws IOException {
            return quiet(JournalStorage.FILES.create(file));
        }

        @Override
        public SegmentChannel openAppend(Path file) throws IOException {
            return quiet(JournalStorage.FILES.openAppend(file));
        }

        @Override
        public void syncDirectory(Path dir) {}

        private SegmentChannel quiet(SegmentChannel ch) {
            return new SegmentChannel() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    ch.write(bytes);
                }

                @Override
                public void force() {}

                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    ch.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        }
    };
}
