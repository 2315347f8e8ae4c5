package org.lockstep.hal.detector;

/** Why bytes from a detector were not a frame. Each is counted; none produces a detection. */
public enum Rejection {
    /** Bytes outside any frame (counted once per run, up to the next {@code $} or newline). */
    GARBAGE,
    /** A frame cut short: a new {@code $} arrived, or the link was reset, before its newline. */
    PARTIAL,
    /** A frame longer than {@link LineProtocol#MAX_FRAME_BYTES}; discarded up to the next {@code $} or newline. */
    TOO_LONG,
    /** The checksum did not match: corrupted on the wire. */
    BAD_CHECKSUM,
    /** The checksum matched but the fields did not parse: a sender bug or another protocol version. */
    MALFORMED,
    /** The same sequence number as the frame before. */
    DUPLICATE,
    /** A sequence number behind the last one accepted (replayed or reordered). */
    OUT_OF_ORDER
}
