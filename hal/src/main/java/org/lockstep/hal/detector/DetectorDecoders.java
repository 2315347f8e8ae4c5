package org.lockstep.hal.detector;

import java.util.List;
import java.util.function.Supplier;

/** The decoders this build knows, by protocol name: the one place a vendor protocol is registered. */
public final class DetectorDecoders {
    private static final List<Entry> KNOWN = List.of(new Entry(LineProtocol.NAME, LineFrameDecoder::new));

    private record Entry(String protocol, Supplier<DetectorDecoder> factory) {}

    private DetectorDecoders() {}

    public static List<String> protocols() {
        return KNOWN.stream().map(Entry::protocol).toList();
    }

    /**
     * A fresh decoder for {@code protocol}.
     *
     * @throws IllegalArgumentException naming the known protocols if {@code protocol} is not one of them
     */
    public static DetectorDecoder forProtocol(String protocol) {
        return KNOWN.stream()
                .filter(e -> e.protocol().equals(protocol))
                .findFirst()
                .map(e -> e.factory().get())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown detector protocol '" + protocol + "', known: " + protocols()));
    }
}
