package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/** The pure decoder, without a broker. Bad commands over a real broker: {@link BadCommandTest}. */
class CommandDecoderTest {
    final CommandDecoder decoder = new CommandDecoder("east-ctl", Set.of("east", "west"));

    CommandDecoder.Decoded decode(Topics.CommandTarget target, String json) {
        return decoder.decode(target, json.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    @DisplayName("a site lockdown becomes the core's request, keeping the id")
    void siteLockdown() {
        var d = decode(new Topics.CommandTarget.Site(),
                "{\"id\":\"c-1\",\"action\":\"LOCKDOWN\",\"operator\":\"rivera\",\"reason\":\"intruder\"}");
        assertEquals(new CommandDecoder.Decoded.Request(new Event.ModeRequested("c-1", Mode.LOCKDOWN, Scope.SITE,
                false, new Source.Operator("rivera"), "intruder")), d);
    }

    @Test
    @DisplayName("a zone drill takes its scope from the topic; ALL_CLEAR is NORMAL")
    void zoneAndAllClear() {
        var d = (CommandDecoder.Decoded.Request) decode(new Topics.CommandTarget.Zone("west"),
                "{\"id\":\"c-2\",\"action\":\"SECURE\",\"drill\":true,\"operator\":\"office\",\"zone\":\"west\"}");
        assertEquals(Scope.zone("west"), d.request().scope());
        assertEquals(true, d.request().drill());
        var ac = (CommandDecoder.Decoded.Request) decode(new Topics.CommandTarget.Controller("east-ctl"),
                "{\"id\":\"c-3\",\"action\":\"ALL_CLEAR\",\"operator\":\"rivera\",\"zone\":\"east\",\"signature\":null}");
        assertEquals(Mode.NORMAL, ac.request().mode());
        assertEquals(Scope.zone("east"), ac.request().scope());
    }

    @Test
    @DisplayName("a retained command is refused even when it is perfect, and keeps its id for the answer")
    void retainedIsRefused() {
        var d = decoder.decode(new Topics.CommandTarget.Site(),
                MqttFixture.unsigned("r-1", "LOCKDOWN", "rivera").getBytes(StandardCharsets.UTF_8), true);
        var r = assertInstanceOf(CommandDecoder.Decoded.Rejected.class, d);
        assertEquals(Optional.of("r-1"), r.commandId());
    }

    @Test
    void aCommandForAnotherControllerIsRefused() {
        assertInstanceOf(CommandDecoder.Decoded.Rejected.class, decode(new Topics.CommandTarget.Controller("west-ctl"),
                MqttFixture.unsigned("c-4", "LOCKDOWN", "rivera")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"drill\":null", "\"drill\":\"true\"",
            "\"drill\":1", "\"reason\":null", "\"operator\":null", "\"action\":null", "\"zone\":null"})
    @DisplayName("every field's JSON type is exact: null and near misses are refused as WRONG_TYPE, never defaulted")
    void nullAndNearMissesAreRefused(String field) {
        String base = "\"id\":\"s-1\",\"action\":\"LOCKDOWN\",\"operator\":\"rivera\"";
        String json = "{" + base.replaceAll("\"" + field.substring(1, field.indexOf('"', 1)) + "\":\"[^\"]*\",?", "")
                .replaceAll(",$", "") + "," + field + "}";
        var r = assertInstanceOf(CommandDecoder.Decoded.Rejected.class,
                decode(new Topics.CommandTarget.Zone("east"), json), json);
        assertEquals(CommandDecoder.Refusal.WRONG_TYPE, r.kind(), json + ": " + r.reason());
    }
}
