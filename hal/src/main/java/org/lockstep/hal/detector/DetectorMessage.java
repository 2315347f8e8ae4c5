package org.lockstep.hal.detector;

import java.util.Objects;

/** What a {@link DetectorDecoder} made of the bytes it was fed: a frame, or a counted rejection. */
public sealed interface DetectorMessage {
    long atMs();

    /** A well-formed, in-sequence frame from the detector. */
    sealed interface Frame extends DetectorMessage {
        int seq();

        String sensorId();
    }

    /** The detector saw a weapon (by its own judgement) at {@code location} with {@code confidencePct}. */
    record Detection(int seq, String sensorId, int confidencePct, String location, long atMs) implements Frame {
        public Detection {
            Objects.requireNonNull(sensorId, "sensorId");
            Objects.requireNonNull(location, "location");
            if (confidencePct < 0 || confidencePct > 100) {
                throw new IllegalArgumentException("confidencePct must be 0..100, was " + confidencePct);
            }
        }
    }

    /** The detector is alive. */
    record Heartbeat(int seq, String sensorId, long atMs) implements Frame {
        public Heartbeat {
            Objects.requireNonNull(sensorId, "sensorId");
        }
    }

    /** Bytes that were not an acceptable frame, with a short detail for the log. */
    record Rejected(Rejection reason, String detail, long atMs) implements DetectorMessage {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
