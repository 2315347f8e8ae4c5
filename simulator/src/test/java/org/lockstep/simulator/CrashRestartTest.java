package org.lockstep.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.journal.JournalProblem;
import org.lockstep.controller.journal.JournalReader;
import org.lockstep.controller.journal.JournalRecord;

/**
 * Safety rule 4 with a real process and a real file journal: {@link CrashChild} is SIGKILLed at random points during a
 * lockdown and restarted, {@code lockstep.crash.cycles} times (5 on {@code mvn verify}, 50 with {@code -Plong}). Every
 * restart must come back in LOCKDOWN and drive every one of its relays to lock before it says it started; the journal
 * must stay readable with no damage but a cut tail; and no record the child reported as fsynced may be missing.
 *
 * <p>What this cannot show: SIGKILL keeps the page cache, so unsynced records survive too. Losing power is a
 * different experiment (a VM or a dm-flakey device); the fsync-before-return contract is checked in
 * {@code FileJournalTest}.
 */
class CrashRestartTest {
    static final int CYCLES = Integer.getInteger("lockstep.crash.cycles", 5);
    static final long SEED = Long.getLong("lockstep.crash.seed", System.nanoTime());
    /** How long a child may take to start (a cold JVM on a slow CI box) before the test gives up. */
    static final long START_TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    /**
     * {@code sync}: the loop's append fsyncs a mode change itself; {@code writer}: the journal behind the
     * {@code GroupCommitWriter} thread, as {@code lockstep run} has it (the loop never waits; SYNCED once the writer's
     * fsync returned).
     */
    @ParameterizedTest(name = "journal {0}")
    @ValueSource(strings = {"sync", "writer"})
    void a_controller_killed_during_a_lockdown_comes_back_locked_and_loses_no_fsynced_record(String journalMode)
            throws Exception {
        System.out.println("CrashRestartTest (" + journalMode + ") seed " + SEED + " (replay: -Dlockstep.crash.seed=" + SEED + "), "
                + CYCLES + " cycles");
        Random random = new Random(SEED);
        Set<String> doors = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml")).site()
                .doorsOf(CrashChild.CONTROLLER).stream().map(DoorSpec::id).collect(Collectors.toCollection(TreeSet::new));
        long maxSynced = 0;
        int tornTails = 0;
        List<Long> synced = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-ea",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    Long.toString(SEED + cycle), journalMode)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (ChildLines out = new ChildLines(p)) {
                Set<String> lockedAtStart = new TreeSet<>();
                String started = null;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
                while (started == null) {
                    String line = out.next(deadline);
                    if (line == null) {
                        fail("cycle " + cycle + ": child ended or hung before it started (seed " + SEED + ")");
                    }
                    if (line.startsWith("RELAY ") && line.endsWith(" LOCK")) {
                        lockedAtStart.add(line.split(" ")[1]);
                    } else if (line.startsWith("RELAY ") && cycle > 1) {
                        fail("cycle " + cycle + ": " + line + " during a restart in LOCKDOWN (seed " + SEED + ")");
                    } else if (line.startsWith("STARTED")) {
                        started = line;
                    } else if (line.startsWith("SYNCED ")) {
                        record(synced, line);
                    }
                }
                if (cycle > 1) {
                    for (String zm : started.substring("STARTED ".length()).split(" ")) {
                        assertTrue(zm.endsWith("=LOCKDOWN"), "cycle " + cycle + ": came back " + started
                                + " (seed " + SEED + ")");
                    }
                    assertEquals(doors, lockedAtStart, "cycle " + cycle + ": every relay driven locked at start");
                }
                long runMs = 50 + random.nextInt(700);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMs);
                boolean lockdownSynced = false;
                for (String line = out.next(until); line != null; line = out.next(until)) {
                    if (line.startsWith("SYNCED ")) {
                        record(synced, line);
                        lockdownSynced = true;
                    } else if (line.startsWith("RELAY ") && line.endsWith(" UNLOCK")) {
                        fail("cycle " + cycle + ": " + line + " during a lockdown (seed " + SEED + ")");
                    }
                }
                // The restarts must come back in LOCKDOWN only once the first child got its lockdown on disk. Under
                // load a child killed 50 ms after STARTED may not have processed its request yet: it then rightly
                // comes back NORMAL. So the first child runs until its lockdown is synced (the first SYNCED after
                // STARTED is the lockdown: ControllerStarted is synced before STARTED is printed).
                long lockdownDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
                while (cycle == 1 && !lockdownSynced) {
                    String line = out.next(lockdownDeadline);
                    if (line == null) {
                        fail("cycle 1: the child never journaled its lockdown (seed " + SEED + ")");
                    }
                    if (line.startsWith("SYNCED ")) {
                        record(synced, line);
                        lockdownSynced = true;
                    }
                }
                // SIGKILL. Lines the child wrote but this test did not read yet are not counted as reported
                // (destroying the process closes its pipe): the check can only be weaker for it, never wrong.
                p.destroyForcibly();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "killed child did not exit");
            } finally {
                p.destroyForcibly();
            }
            JournalReader.Contents contents = JournalReader.read(dir);
            for (JournalProblem problem : contents.problems()) {
                assertEquals(JournalProblem.Kind.TORN_TAIL, problem.kind(), "cycle " + cycle + ": " + problem);
                tornTails++;
            }
            Set<Long> present = contents.records().stream().map(JournalRecord::seq).collect(Collectors.toSet());
            for (long s : synced) {
                assertTrue(present.contains(s), "cycle " + cycle + ": fsynced record " + s + " is missing (seed "
                        + SEED + ")");
            }
            maxSynced = synced.isEmpty() ? 0 : synced.getLast();
        }
        assertTrue(maxSynced > CYCLES, "the children reported fsynced records: " + maxSynced);
        System.out.println("CrashRestartTest (" + journalMode + "): " + CYCLES + " kills, " + synced.size() + " fsynced records checked, "
                + JournalReader.read(dir).records().size() + " records in the journal, " + tornTails
                + " torn tail(s) seen before a restart");
    }

    private static void record(List<Long> synced, String line) {
        synced.add(Long.parseLong(line.substring("SYNCED ".length())));
    }

    /**
     * The child's stdout, read on its own thread so that every wait here has a deadline: a blocking
     * {@code readLine()} on a child that hangs without printing would wait forever.
     */
    private static final class ChildLines implements AutoCloseable {
        /** Compared by identity: a sentinel no child line can be. */
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String END = new String("end of stream");
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Process process;
        private final Thread reader;

        ChildLines(Process p) {
            this.process = p;
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            reader = Thread.ofPlatform().daemon().name("crash-child-stdout").start(() -> {
                try (in) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // the child was killed: its pipe closes under us
                } finally {
                    lines.add(END);
                }
            });
        }

        /** The next line, or null at the deadline ({@link System#nanoTime()}) or when the child's output ended. */
        String next(long deadlineNs) throws InterruptedException {
            long left = deadlineNs - System.nanoTime();
            String line = left <= 0 ? lines.poll() : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == END) {
                lines.add(END); // stays ended for the next caller
                return null;
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly(); // ends the pipe, so the reader ends too
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
