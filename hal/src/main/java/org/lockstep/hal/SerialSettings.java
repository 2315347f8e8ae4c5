package org.lockstep.hal;

import java.util.Objects;

/**
 * A serial port's settings, applied once at open.
 *
 * @param port device path; symlinks such as /dev/serial/by-id/... work
 * @param protocol the decoder to use, e.g. {@code lockstep-line-v1}
 */
public record SerialSettings(String port, int baud, int dataBits, Parity parity, int stopBits, String protocol) {
    public enum Parity { NONE, EVEN, ODD }

    public SerialSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(protocol, "protocol");
        if (baud < 300 || baud > 4_000_000) {
            throw new IllegalArgumentException("baud must be 300..4000000, was " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5..8, was " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2, was " + stopBits);
        }
    }
}
