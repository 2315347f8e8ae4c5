package org.lockstep.hal.detector;

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR; check value of
 * "123456789" is 0x29B1). Chosen over NMEA's XOR byte because it catches every burst error up to 16 bits and every
 * two-bit error in a frame this short, where XOR misses two flips in the same bit column and any reordering.
 */
public final class Crc16 {
    private Crc16() {}

    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
