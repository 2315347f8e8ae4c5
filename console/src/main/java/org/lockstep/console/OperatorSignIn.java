package org.lockstep.console;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.trust.Ed25519PrivateKey;
import org.tinylog.Logger;

/**
 * Operator sign-in, without HTTP: the site file says who the operators are and what they may do, their credential
 * files ({@link OperatorCredential}) hold their keys, {@link Lockout} refuses an id after repeated wrong passwords,
 * and the Argon2 work runs on the {@link SignInWorker}'s one thread. Every failure a stranger could cause says the same
 * "wrong operator or password".
 */
final class OperatorSignIn implements AutoCloseable {
    static final String WRONG = "wrong operator or password";
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The outcome: an operator to put on a new session, or an HTTP status and the reason the page shows. */
    sealed interface Result {
        record Ok(Sessions.Operator operator) implements Result {}

        record Refused(int status, String reason) implements Result {}
    }

    private final Optional<Path> dir;
    private final Map<String, OperatorSpec> operators;
    private final Lockout lockout;
    private final SignInWorker worker;
    private final LongSupplier wallMs;

    /** @param dir where the {@code <operator>.cred} files are; empty: nobody can sign in on this console */
    OperatorSignIn(Optional<Path> dir, List<OperatorSpec> operators, SignInWorker worker, LongSupplier wallMs) {
        this(dir, operators, worker, wallMs, ids -> new Lockout(ids));
    }

    /** @param lockout makes the lockout for the operators' ids (kept in {@code --data DIR}, or in memory) */
    OperatorSignIn(Optional<Path> dir, List<OperatorSpec> operators, SignInWorker worker, LongSupplier wallMs,
            Function<Set<String>, Lockout> lockout) {
        this.dir = dir;
        this.operators = operators.stream().collect(Collectors.toUnmodifiableMap(OperatorSpec::id, Function.identity()));
        this.lockout = lockout.apply(this.operators.keySet());
        this.worker = worker;
        this.wallMs = wallMs;
    }

    boolean enabled() {
        return dir.isPresent();
    }

    /** Starts a sign-in; the result comes from the worker thread (or at once when refused before any Argon2). */
    CompletableFuture<Result> signIn(String operator, char[] password) {
        if (dir.isEmpty()) {
            Arrays.fill(password, '\0');
            return done(503, "sign-in is not set up on this console (it was started without --operators DIR)");
        }
        OperatorSpec spec = operators.get(operator);
        if (spec == null) {
            Arrays.fill(password, '\0');
            return done(401, WRONG);
        }
        Optional<Long> locked = lockout.lockedUntil(operator, wallMs.getAsLong());
        if (locked.isPresent()) {
            Arrays.fill(password, '\0');
            return done(403, lockedText(operator, locked.get()));
        }
        Optional<CompletableFuture<Result>> queued = worker.submit(() -> open(spec, password));
        if (queued.isEmpty()) {
            Arrays.fill(password, '\0');
            return done(429, "too many sign-ins at once: try again in a few seconds (LOCKDOWN still works)");
        }
        return queued.get();
    }

    /** On the worker thread: runs Argon2 and AES-GCM, and counts a failure towards the lockout. */
    private Result open(OperatorSpec spec, char[] password) {
        try {
            Ed25519PrivateKey key = OperatorCredential.open(dir.get(), spec.id(), password);
            lockout.succeeded(spec.id());
            return new Result.Ok(new Sessions.Operator(spec.id(), spec.name(), spec.permissions(), key,
                    wallMs.getAsLong()));
        } catch (OperatorCredential.WrongPassword e) {
            long now = wallMs.getAsLong();
            Optional<Long> started = lockout.failed(spec.id(), now);
            Logger.warn("console: sign-in as {} refused: wrong password{}", spec.id(),
                    started.map(u -> "; locked out until " + Instant.ofEpochMilli(u)).orElse(""));
            return new Result.Refused(401, WRONG + started.map(u -> ". " + lockedText(spec.id(), u)).orElse(""));
        } catch (OperatorCredential.Unusable e) {
            Logger.error("console: sign-in as {} impossible: {}", spec.id(), e.getMessage());
            return new Result.Refused(500, "this operator's credential file cannot be used; the console's log says"
                    + " why");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String lockedText(String operator, long untilMs) {
        return "too many wrong passwords: sign-in as " + operator + " is locked until "
                + HHMM.format(Instant.ofEpochMilli(untilMs)) + ". LOCKDOWN still works.";
    }

    private static CompletableFuture<Result> done(int status, String reason) {
        return CompletableFuture.completedFuture(new Result.Refused(status, reason));
    }

    @Override
    public void close() {
        worker.close();
    }
}
