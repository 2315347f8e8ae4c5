package org.lockstep.controller.config;

import java.util.Objects;

import org.lockstep.hal.InputWiring;
import org.lockstep.hal.SerialSettings;

/** How a weapon detector talks to its controller: a framed serial protocol, or a plain dry contact. */
public sealed interface DetectorWiring {
    /** Frames with confidence, location, sequence numbers and heartbeats. */
    record Serial(SerialSettings settings) implements DetectorWiring {
        public Serial {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** A relay output from the detector: active means "detection", with no confidence and no heartbeat. */
    record DryContact(InputWiring input) implements DetectorWiring {
        public DryContact {
            Objects.requireNonNull(input, "input");
        }
    }
}
