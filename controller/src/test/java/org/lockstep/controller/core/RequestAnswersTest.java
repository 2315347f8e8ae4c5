package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a request is answered, word for word: the answer is what an operator reads on the console, so "in 1 zone"
 * against "in 2 zones" and who may do what are rules, not decoration. Also what a request is remembered as (its
 * fingerprint is journaled, so its text is part of the journal format) and which triggers are shared with peers.
 * Site: {@link TestSites#wider()}, controller east-ctl unless a row says otherwise.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestAnswersTest {
    private static final long T = 1_000;

    static Harness east() {
        return new Harness(TestSites.wider(), "east-ctl");
    }

    static Event.ModeRequested ask(Mode mode, Scope scope, boolean drill, String operator) {
        return new Event.ModeRequested("q", mode, scope, drill, new Source.Operator(operator), "test");
    }

    record Row(String name, UnaryOperator<Harness> given, Event.ModeRequested request, boolean accepted,
            String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> answers() {
        UnaryOperator<Harness> normal = h -> h;
        UnaryOperator<Harness> realSecureEast = h -> h.request("s", Mode.SECURE, Scope.zone("east"), false,
                "principal", T / 2);
        UnaryOperator<Harness> lockdown = h -> h.lockdown(T / 2);
        UnaryOperator<Harness> drill = h -> h.request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", T / 2);
        return Stream.of(
                new Row("a site lockdown", normal, ask(Mode.LOCKDOWN, Scope.SITE, false, "principal"), true,
                        "LOCKDOWN in 2 zones"),
                new Row("a zone lockdown", normal, ask(Mode.LOCKDOWN, Scope.zone("east"), false, "office"), true,
                        "LOCKDOWN in 1 zone"),
                new Row("a zone drill", normal, ask(Mode.SECURE, Scope.zone("east"), true, "office"), true,
                        "SECURE drill in 1 zone"),
                new Row("an all clear", lockdown, ask(Mode.NORMAL, Scope.SITE, false, "principal"), true,
                        "ALL CLEAR in 2 zones"),
                new Row("nothing to do, site", normal, ask(Mode.NORMAL, Scope.SITE, false, "principal"), true,
                        "already NORMAL (2 zones)"),
                new Row("nothing to do, zone", normal, ask(Mode.NORMAL, Scope.zone("west"), false, "principal"), true,
                        "already NORMAL (1 zone)"),
                new Row("an all clear as a drill", lockdown, ask(Mode.NORMAL, Scope.SITE, true, "principal"), false,
                        "an ALL CLEAR is not a drill: send it without drill to end a drill"),
                new Row("a drill over a real event in one of two zones", realSecureEast,
                        ask(Mode.LOCKDOWN, Scope.SITE, true, "principal"), true,
                        "LOCKDOWN drill in 1 zone; refused for east (real SECURE in progress)"),
                new Row("a drill over a real event in its only zone", realSecureEast,
                        ask(Mode.LOCKDOWN, Scope.zone("east"), true, "principal"), false,
                        "refused for east (real SECURE in progress)"),
                new Row("a drill by an operator who may give the all clear", normal,
                        ask(Mode.LOCKDOWN, Scope.zone("east"), true, "head"), true, "LOCKDOWN drill in 1 zone"),
                new Row("ending a drill by an operator who may give the all clear", drill,
                        ask(Mode.NORMAL, Scope.SITE, false, "head"), true, "ALL CLEAR in 2 zones"),
                new Row("a real lockdown by an operator who may only give the all clear", normal,
                        ask(Mode.LOCKDOWN, Scope.zone("east"), false, "head"), false,
                        "operator head may not start or escalate a SECURE or LOCKDOWN"),
                new Row("an all clear by an operator who may not", lockdown,
                        ask(Mode.NORMAL, Scope.SITE, false, "office"), false,
                        "operator office may not give the ALL CLEAR or step a lockdown down"),
                new Row("ending a drill by an operator who may not", drill,
                        ask(Mode.NORMAL, Scope.SITE, false, "janitor"), false,
                        "operator janitor may not start or end a drill"),
                new Row("an unknown zone", normal, ask(Mode.LOCKDOWN, Scope.zone("gym"), false, "principal"), false,
                        "unknown zone 'gym'"),
                new Row("an unknown operator", normal, ask(Mode.LOCKDOWN, Scope.SITE, false, "ghost"), false,
                        "unknown operator 'ghost'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void every_request_is_answered_with_what_was_done_or_why_not(Row row) {
        Harness h = row.given().apply(east());
        ControllerState before = h.state;
        h.apply(row.request(), T);
        assertEquals(new Command.Reply("q", row.accepted(), row.reason()), h.reply());
        if (!row.accepted()) {
            assertEquals(before.zones(), h.state.zones(), "a refusal changes no zone");
        }
    }

    static Stream<Arguments> refusedSources() {
        return Stream.of(
                Arguments.of(new Source.PanicButton("panic-gym"), Scope.SITE,
                        "panic button panic-gym may only start a LOCKDOWN of zone west"),
                Arguments.of(new Source.PanicButton("panic-office"), Scope.zone("east"),
                        "panic button panic-office may only start a LOCKDOWN of site"),
                Arguments.of(new Source.Detector("wd-alert"), Scope.SITE, "detector wd-alert may not start this"),
                Arguments.of(new Source.Detector("wd-none"), Scope.SITE, "unknown detector 'wd-none'"),
                Arguments.of(new Source.PanicButton("p-none"), Scope.SITE, "unknown panic button 'p-none'"));
    }

    @ParameterizedTest(name = "{0} asking for {1}")
    @MethodSource("refusedSources")
    void a_device_out_of_its_scope_is_refused_with_its_scope_named(Source source, Scope scope, String reason) {
        Harness h = east().apply(new Event.ModeRequested("q", Mode.LOCKDOWN, scope, false, source, ""), T);
        assertEquals(Mode.NORMAL, h.mode("east"));
        assertEquals(Mode.NORMAL, h.mode("west"));
        Fact.RequestAnswered answer = answered(h);
        assertEquals(new Command.Reply("q", false, reason), answer.reply());
        assertFalse(answer.toRequester(), "a device is not sent a reply");
    }

    // ---- What a request is remembered as (journaled) ----------------------------------------------------------

    static Fact.RequestAnswered answered(Harness h) {
        return h.journal.getLast().facts().stream().filter(Fact.RequestAnswered.class::isInstance)
                .map(Fact.RequestAnswered.class::cast).findFirst().orElseThrow();
    }

    static Stream<Arguments> fingerprints() {
        return Stream.of(
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(ask(Mode.LOCKDOWN, Scope.SITE, false, "office"), T),
                        "LOCKDOWN|site|real|operator office"),
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(ask(Mode.SECURE, Scope.zone("west"), true,
                        "office"), T), "SECURE|zone west|drill|operator office"),
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(new Event.PanicPressed("panic-office"), T),
                        "LOCKDOWN|site|real|panic button panic-office"),
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(new Event.WeaponDetected("wd-auto", "s1", 90, ""),
                        T), "LOCKDOWN|site|real|weapon detector wd-auto"),
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(new Event.LockTestRequested("q", "c101", true,
                        new Source.Operator("principal")), T), "lock-test|c101|true|operator principal"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fingerprints")
    void a_request_is_journaled_with_what_it_asked_for(UnaryOperator<Harness> when, String fingerprint) {
        Harness h = when.apply(east());
        assertEquals(Optional.of(fingerprint), answered(h).fingerprint());
    }

    @Test
    void a_lock_test_is_answered_with_what_it_did() {
        Harness h = east().apply(new Event.LockTestRequested("a", "c101", true, new Source.Operator("principal")), T);
        assertEquals(new Command.Reply("a", true, "test lock c101"), h.reply());
        h.apply(new Event.LockTestRequested("b", "c101", false, new Source.Operator("principal")), 2 * T);
        assertEquals(new Command.Reply("b", true, "test release c101"), h.reply());
    }

    @Test
    void the_last_512_request_ids_are_remembered_and_the_513th_oldest_is_forgotten() {
        Harness h = east();
        for (int i = 0; i < LockdownMachine.RECENT_REQUESTS_MAX; i++) {
            h.request("r" + i, Mode.NORMAL, Scope.SITE, false, "principal", T + i);
        }
        // r0 is the oldest of exactly 512: still remembered, so a different command under its id is refused.
        h.request("r0", Mode.LOCKDOWN, Scope.SITE, false, "principal", 2 * T);
        assertFalse(h.reply().accepted(), h.reply().toString());
        assertEquals(Mode.NORMAL, h.mode("east"));
        // One more id: r0 drops out (r1 is kept) and is a new request again.
        h.request("r512", Mode.NORMAL, Scope.SITE, false, "principal", 2 * T + 1);
        h.request("r1", Mode.LOCKDOWN, Scope.SITE, false, "principal", 2 * T + 2);
        assertFalse(h.reply().accepted(), "r1 is still remembered");
        h.request("r0", Mode.LOCKDOWN, Scope.SITE, false, "principal", 2 * T + 3);
        assertEquals(new Command.Reply("r0", true, "LOCKDOWN in 2 zones"), h.reply());
        assertEquals(Mode.LOCKDOWN, h.mode("east"));
    }

    // ---- Causes on the lock drives -----------------------------------------------------------------------------

    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of(new Event.PanicPressed("panic-office"),
                        "LOCKDOWN by panic button panic-office (request panic-panic-office-1000)"),
                Arguments.of(new Event.WeaponDetected("wd-auto", "s1", 90, ""),
                        "LOCKDOWN by weapon detector wd-auto (request detector-wd-auto-1000)"),
                Arguments.of(ask(Mode.LOCKDOWN, Scope.SITE, true, "office"), "LOCKDOWN drill by operator office (request q)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("causes")
    void every_lock_drive_names_what_started_it(Event event, String cause) {
        Harness h = east().apply(event, T);
        assertEquals(List.of("c101", "c102", "x1"), h.drives().stream().map(Command.DriveLock::doorId).toList());
        h.drives().forEach(d -> assertEquals(new Command.DriveLock(d.doorId(), true, cause), d));
    }

    // ---- Sharing a local trigger -------------------------------------------------------------------------------

    static Stream<Arguments> shares() {
        return Stream.of(
                Arguments.of("a site-wide panic button", "east-ctl", new Event.PanicPressed("panic-office"), true),
                Arguments.of("a panic button for a zone whose doors are on another controller", "east-ctl",
                        new Event.PanicPressed("panic-hall"), true),
                Arguments.of("a panic button for a zone whose doors are all its own", "west-ctl",
                        new Event.PanicPressed("panic-gym"), false),
                Arguments.of("a site-wide detector", "east-ctl", new Event.WeaponDetected("wd-auto", "s1", 90, ""),
                        true));
    }

    @ParameterizedTest(name = "{0}: shared={3}")
    @MethodSource("shares")
    void a_local_trigger_is_shared_exactly_when_it_reaches_another_controller(String what, String controller,
            Event trigger, boolean shared) {
        Harness h = new Harness(TestSites.wider(), controller).apply(trigger, T);
        List<Command.ShareRequest> shares = h.last.stream().filter(Command.ShareRequest.class::isInstance)
                .map(Command.ShareRequest.class::cast).toList();
        assertEquals(shared ? 1 : 0, shares.size(), h.last.toString());
        assertTrue(h.state.zones().values().stream().anyMatch(z -> z.mode() == Mode.LOCKDOWN), what);
    }
}
