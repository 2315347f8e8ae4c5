package org.lockstep.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.journal.EventJournal;
import org.lockstep.controller.journal.FileJournal;
import org.lockstep.controller.journal.GroupCommitWriter;
import org.lockstep.controller.journal.JournalSettings;
import org.lockstep.controller.shell.ControllerDevices;
import org.lockstep.controller.shell.ControllerLoop;
import org.lockstep.controller.shell.DeviceAssembly;
import org.lockstep.controller.shell.Inbox;
import org.lockstep.controller.shell.LocalSiteBus;
import org.lockstep.controller.shell.LoopInput;
import org.lockstep.controller.shell.Outbound;
import org.lockstep.controller.shell.SerialDetectorDevice;
import org.lockstep.hal.device.DeviceSignal;
import org.lockstep.sim.SimBuilding;
import org.lockstep.sim.VirtualClock;

/**
 * The process {@link CrashRestartTest} kills: one real controller ({@code east-lower} of the example site) with a
 * {@link FileJournal} over the simulated building, its virtual clock following the wall clock. It starts a LOCKDOWN if
 * it is not in one, then keeps doors opening and closing and repeats the lockdown request, forever.
 *
 * <p>Stdout protocol, one line each, flushed: {@code RELAY <door> LOCK|UNLOCK} for every relay drive,
 * {@code STARTED <zone>=<mode> ...} when {@code start()} returned, {@code SYNCED <seq>} after a mode record's append
 * returned (it is fsynced then).
 *
 * <p>Args: journal directory, seed, and optionally {@code writer}: the journal behind a {@link GroupCommitWriter}, as
 * {@code lockstep run} has it (default: the loop's own append fsyncs).
 */
public final class CrashChild {
    static final String CONTROLLER = "east-lower";
    static final long STEP_MS = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, true);
        SiteConfig config = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        FileJournal file = FileJournal.open(dir, CONTROLLER, JournalSettings.DEFAULTS.withSegmentMaxBytes(64 << 10),
                Clock.systemUTC());
        // The clock continues where the journal stopped: core time never goes backwards across a restart.
        VirtualClock clock = new VirtualClock(file.lastAtMs() + 1);
        SimBuilding building = new SimBuilding(SimulatedSchool.planOf(config), clock, new Random(seed));
        LockdownMachine machine = new LockdownMachine(config.site(), CONTROLLER);
        ControllerDevices devices = printingDrives(DeviceAssembly.assemble(config.site(),
                config.wiring().get(CONTROLLER), new SimPorts(building, config.site()), SerialDetectorDevice::new),
                out);
        EventJournal journal = args.length > 2 && args[2].equals("writer") ? reportingWriter(file, out)
                : reportingSynchronous(file, out);
        LocalSiteBus bus = new LocalSiteBus();
        ControllerLoop loop = new ControllerLoop(machine, devices, journal, Outbound.NONE, bus, clock);
        bus.register(loop.inbox());
        loop.start();
        StringBuilder modes = new StringBuilder("STARTED");
        loop.state().zones().forEach((z, m) -> modes.append(' ').append(z).append('=').append(m.mode()));
        out.println(modes);

        Random random = new Random(seed);
        List<DoorSpec> doors = machine.doors();
        long origin = System.nanoTime();
        long base = clock.nowMs();
        int n = 0;
        while (true) {
            if (loop.state().zone("east").mode() != Mode.LOCKDOWN || random.nextInt(20) == 0) {
                loop.offer(new LoopInput.External(new Event.ModeRequested("crash-" + seed + "-" + (n++), Mode.LOCKDOWN,
                        Scope.SITE, false, new Source.Operator("rivera"), "crash test")));
            }
            if (random.nextInt(4) == 0) {
                var door = building.door(doors.get(random.nextInt(doors.size())).id());
                if (door.isOpen()) {
                    door.close();
                } else {
                    door.open();
                }
            }
            clock.advanceTo(base + (System.nanoTime() - origin) / 1_000_000);
            loop.processPending();
            OptionalLong wake = loop.nextWakeMs();
            if (wake.isPresent() && wake.getAsLong() <= clock.nowMs()) {
                loop.runDue();
            }
            Thread.sleep(STEP_MS);
        }
    }

    /** The journal as the tests before issue 11 ran it: the loop's append fsyncs a mode change before returning. */
    private static EventJournal reportingSynchronous(FileJournal file, PrintStream out) {
        return new EventJournal() {
            @Override
            public void append(long atMs, Event event, List<org.lockstep.controller.core.Fact> facts) {
                file.append(atMs, event, facts);
                if (FileJournal.needsSync(event, facts)) {
                    out.println("SYNCED " + file.syncedSeq());
                }
            }

            @Override
            public List<Entry> readAll() {
                return file.readAll();
            }

            @Override
            public void quiescent(boolean q) {
                file.quiescent(q);
            }

            @Override
            public List<String> openProblems() {
                return file.openProblems();
            }
        };
    }

    /**
     * The journal as {@code lockstep run} has it (RunningController): a {@link GroupCommitWriter} thread writes and
     * fsyncs, the loop never waits. It reports SYNCED when the writer has fsynced a batch (its wake runs after the
     * fsync, on the writer's thread), so the parent checks the same promise: nothing reported durable is lost.
     */
    private static EventJournal reportingWriter(FileJournal file, PrintStream out) {
        GroupCommitWriter writer = new GroupCommitWriter(file);
        return new EventJournal() {
            private long reported = file.syncedSeq();

            @Override
            public void append(long atMs, Event event, List<org.lockstep.controller.core.Fact> facts) {
                writer.append(atMs, event, facts);
            }

            @Override
            public List<Entry> readAll() {
                return writer.readAll();
            }

            @Override
            public void quiescent(boolean q) {
                writer.quiescent(q);
            }

            @Override
            public List<String> openProblems() {
                return writer.openProblems();
            }

            @Override
            public long taken() {
                return writer.taken();
            }

            @Override
            public long settled() {
                return writer.settled();
            }

            @Override
            public OptionalLong oldestUnsettledAtMs() {
                return writer.oldestUnsettledAtMs();
            }

            @Override
            public long writeFailures() {
                return writer.writeFailures();
            }

            @Override
            public String lastWriteFailure() {
                return writer.lastWriteFailure();
            }

            @Override
            public boolean lastWriteOk() {
                return writer.lastWriteOk();
            }

            @Override
            public void onSettled(Runnable wake) {
                writer.onSettled(() -> {
                    long synced = file.syncedSeq();
                    if (synced > reported) { // only the writer's thread runs this
                        reported = synced;
                        out.println("SYNCED " + synced);
                    }
                    wake.run();
                });
            }
        };
    }

    private static ControllerDevices printingDrives(ControllerDevices d, PrintStream out) {
        return new ControllerDevices() {
            @Override
            public void attach(Consumer<DeviceSignal> sink, Inbox inbox) {
                d.attach(sink, inbox);
            }

            @Override
            public void driveAllSafe() {
                d.driveAllSafe();
            }

            @Override
            public void driveLock(String doorId, boolean lock) {
                d.driveLock(doorId, lock);
                out.println("RELAY " + doorId + (lock ? " LOCK" : " UNLOCK"));
            }

            @Override
            public void start(long nowMs) {
                d.start(nowMs);
            }

            @Override
            public void onEdge(String inputId, boolean high, long atMs) {
                d.onEdge(inputId, high, atMs);
            }

            @Override
            public void onSerialBytes(String linkId, byte[] bytes, long atMs) {
                d.onSerialBytes(linkId, bytes, atMs);
            }

            @Override
            public void onSerialDisconnected(String linkId, String detail, long atMs) {
                d.onSerialDisconnected(linkId, detail, atMs);
            }

            @Override
            public void poll(long nowMs) {
                d.poll(nowMs);
            }

            @Override
            public OptionalLong nextDeadlineMs() {
                return d.nextDeadlineMs();
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }
}
