package org.lockstep.controller.shell;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Token buckets per network source key (see {@link LaneLimits}). Keys the site file names get a bucket each; every
 * other key shares one, so the memory held is bounded by the site, not by what a sender makes up. Thread-safe.
 */
final class SourceLimiter {
    enum Verdict { ADMIT, LIMITED, UNKNOWN_LIMITED }

    private final Set<String> known;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Bucket unknown = new Bucket(LaneLimits.UNKNOWN_SOURCES_BURST, LaneLimits.UNKNOWN_SOURCES_PER_SECOND);

    SourceLimiter(Set<String> knownKeys) {
        this.known = Set.copyOf(knownKeys);
    }

    synchronized Verdict acquire(String sourceKey, long nowMs) {
        Bucket b = sourceKey == null || !known.contains(sourceKey) ? unknown : buckets.get(sourceKey);
        if (b == null) {
            if (buckets.size() < LaneLimits.MAX_TRACKED_SOURCES) {
                b = new Bucket(LaneLimits.SOURCE_BURST, LaneLimits.SOURCE_PER_SECOND);
                buckets.put(sourceKey, b);
            } else {
                b = unknown;
            }
        }
        if (b.take(nowMs)) {
            return Verdict.ADMIT;
        }
        return b == unknown ? Verdict.UNKNOWN_LIMITED : Verdict.LIMITED;
    }

    synchronized int tracked() {
        return buckets.size();
    }

    /** Starts full; refills continuously; never holds more than its burst. */
    private static final class Bucket {
        private final double burst;
        private final double perMs;
        private double tokens;
        private long lastMs = Long.MIN_VALUE;

        Bucket(int burst, int perSecond) {
            this.burst = burst;
            this.perMs = perSecond / 1000.0;
            this.tokens = burst;
        }

        boolean take(long nowMs) {
            if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
                tokens = Math.min(burst, tokens + (nowMs - lastMs) * perMs);
            }
            if (lastMs == Long.MIN_VALUE || nowMs > lastMs) {
                lastMs = nowMs;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
