package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Source;

/** COMMISSIONED at the decoder boundary: only this controller's devices, exact types, bounded detail, its topic. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommissionedDecoderTest {
    final CommandDecoder decoder = new CommandDecoder("east-ctl", Set.of("east"), Set.of("c101", "panic-1"));
    final Topics.CommandTarget here = new Topics.CommandTarget.Controller("east-ctl");

    CommandDecoder.Decoded decode(Topics.CommandTarget target, String fields) {
        return decoder.decode(target, ("{\"id\":\"cm-1\",\"action\":\"COMMISSIONED\",\"operator\":\"chen\"" + fields
                + "}").getBytes(StandardCharsets.UTF_8), false);
    }

    String refusal(Topics.CommandTarget target, String fields) {
        return assertInstanceOf(CommandDecoder.Decoded.Rejected.class, decode(target, fields)).reason();
    }

    @Test
    void a_record_for_one_of_this_controllers_devices_becomes_the_event_the_controller_journals() {
        assertEquals(new CommandDecoder.Decoded.Audit(new Event.Commissioned("panic-1", true, "press seen",
                new Source.Operator("chen"))), decode(here, ",\"device\":\"panic-1\",\"passed\":true,\"detail\":\"press seen\""));
    }

    @Test
    void a_device_this_controller_does_not_have_is_refused_by_name() {
        assertTrue(refusal(here, ",\"device\":\"c205\",\"passed\":true,\"detail\":\"\"")
                .contains("'c205' is not one of controller east-ctl's devices"));
    }

    @Test
    void types_are_exact_and_the_detail_is_bounded() {
        assertTrue(refusal(here, ",\"device\":\"c101\",\"passed\":\"true\",\"detail\":\"\"").contains("'passed'"));
        assertTrue(refusal(here, ",\"device\":\"c101\",\"passed\":true,\"detail\":null").contains("'detail'"));
        assertTrue(refusal(here, ",\"device\":\"c101\",\"passed\":true,\"detail\":\""
                + "x".repeat(MqttLimits.MAX_REASON_CHARS + 1) + "\"").contains("at most"));
        assertTrue(refusal(here, ",\"device\":7,\"passed\":true,\"detail\":\"\"").contains("'device'"));
        assertTrue(refusal(here, ",\"device\":\"c101\",\"passed\":true,\"detail\":\"\",\"door\":\"c101\"")
                .contains("unknown field 'door'"));
    }

    @Test
    void it_goes_to_this_controllers_own_topic_only() {
        assertTrue(refusal(new Topics.CommandTarget.Site(), ",\"device\":\"c101\",\"passed\":true,\"detail\":\"\"")
                .contains("cmd/controller/<id>"));
        assertTrue(refusal(new Topics.CommandTarget.Controller("west-ctl"),
                ",\"device\":\"c101\",\"passed\":true,\"detail\":\"\"").contains("this is 'east-ctl'"));
    }
}
