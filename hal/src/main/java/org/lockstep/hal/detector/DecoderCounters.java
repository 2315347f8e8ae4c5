package org.lockstep.hal.detector;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what a decoder has seen since it was built (reset keeps the counts: they are for the operator).
 *
 * @param missedFrames frames the sequence numbers say were sent but never arrived intact
 */
public record DecoderCounters(long detections, long heartbeats, long missedFrames, Map<Rejection, Long> rejected) {
    public DecoderCounters {
        EnumMap<Rejection, Long> copy = new EnumMap<>(Rejection.class);
        for (Rejection r : Rejection.values()) {
            copy.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Collections.unmodifiableMap(copy);
    }

    public long rejected(Rejection reason) {
        return rejected.get(reason);
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long frames() {
        return detections + heartbeats;
    }
}
