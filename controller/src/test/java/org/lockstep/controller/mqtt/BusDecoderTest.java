package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/** The pure site-bus decoder: a share is what a controller ever shares, a LOCKDOWN from its own panic button. */
class BusDecoderTest {
    final BusDecoder decoder = new BusDecoder(SignedPeerMessagesTest.site()); // panic-office is wired to c0

    static String share(String mode, String kind, String id, String from) {
        return "{\"id\":\"s-1\",\"mode\":\"" + mode + "\",\"zone\":null,\"drill\":false,\"source\":{\"kind\":\"" + kind
                + "\",\"id\":\"" + id + "\"},\"reason\":\"r\",\"from\":\"" + from + "\",\"at\":\"2026-12-05T05:00:00Z\"}";
    }

    BusDecoder.Decoded decode(String json) {
        return decoder.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("c0's panic button's LOCKDOWN shared by c0 decodes to the request")
    void genuine() {
        var s = assertInstanceOf(BusDecoder.Decoded.Share.class, decode(share("LOCKDOWN", "panic_button",
                "panic-office", "c0")));
        assertEquals(new Event.ModeRequested("s-1", Mode.LOCKDOWN, Scope.SITE, false,
                new Source.PanicButton("panic-office"), "r"), s.request());
        assertEquals("c0", s.fromControllerId());
    }

    @Test
    @DisplayName("what no controller shares is refused as forged, even if a controller's key signed it")
    void notAShare() {
        for (String json : List.of(
                share("NORMAL", "operator", "rivera", "c0"),        // an ALL CLEAR as the principal
                share("LOCKDOWN", "operator", "rivera", "c0"),      // an operator's request on the bus
                share("LOCKDOWN", "panic_button", "panic-office", "c1"), // c0's button, shared by c1
                share("SECURE", "panic_button", "panic-office", "c0"))) { // a panic button only locks down
            var i = assertInstanceOf(BusDecoder.Decoded.Invalid.class, decode(json), json);
            assertEquals("NOT_A_SHARE", i.kind(), json);
            assertTrue(i.forged(), json);
        }
    }
}
