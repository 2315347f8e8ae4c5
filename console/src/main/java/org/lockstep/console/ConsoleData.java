package org.lockstep.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Site;

/**
 * What the console remembers across a restart, in {@code lockstep console --data DIR} ({@link DataDir}): the drill
 * log ({@link IncidentStore}, {@code incidents.jsonl}) and the sign-in lockout ({@link LockoutFile},
 * {@code lockout.jsonl}). Both are read when it opens, before the console talks to the broker or serves a page.
 */
final class ConsoleData implements AutoCloseable {
    private final DataDir dir;
    private final IncidentStore incidents;
    private final LockoutFile lockoutFile;
    private final List<LockoutFile.Entry> lockouts;

    private ConsoleData(DataDir dir, IncidentStore incidents, LockoutFile lockoutFile,
            List<LockoutFile.Entry> lockouts) {
        this.dir = dir;
        this.incidents = incidents;
        this.lockoutFile = lockoutFile;
        this.lockouts = lockouts;
    }

    /** @throws DataDir.Unusable if the directory or a file in it may not be used (the message says why and the fix) */
    static ConsoleData open(Path path, Site site, long nowMs) throws DataDir.Unusable {
        DataDir dir = DataDir.open(path);
        dir.lock();
        try {
            LockoutFile lockoutFile = new LockoutFile(dir);
            List<LockoutFile.Entry> lockouts = lockoutFile.read(site.operators().stream().map(OperatorSpec::id)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()), nowMs);
            return new ConsoleData(dir, IncidentStore.open(dir, site), lockoutFile, lockouts);
        } catch (DataDir.Unusable | RuntimeException e) {
            dir.unlock();
            throw e;
        }
    }

    Path path() {
        return dir.path();
    }

    /** The directory itself, for the self-signed certificate kept there ({@link SavedSelfSignedCert}). */
    DataDir dir() {
        return dir;
    }

    IncidentStore incidents() {
        return incidents;
    }

    /** The sign-in lockout for {@code operators}, starting from the file and writing every change to it. */
    Lockout lockout(Set<String> operators) {
        return new Lockout(operators, lockouts, lockoutFile::write);
    }

    /** Writes what the drill log has waiting and lets another console have the directory. */
    @Override
    public void close() {
        incidents.close();
        dir.unlock();
    }
}
