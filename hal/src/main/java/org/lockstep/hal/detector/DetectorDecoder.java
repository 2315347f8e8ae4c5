package org.lockstep.hal.detector;

import java.util.List;

/**
 * Turns a detector's byte stream into frames. One implementation per wire protocol ({@link LineFrameDecoder} for
 * {@code lockstep-line-v1}; a vendor's protocol gets its own). Implementations are pure and single-threaded: the
 * owner feeds chunks in arrival order, however the link happened to split them.
 *
 * <p>Contract: {@link #feed} never throws on any input, never buffers more than a named bound, and never turns bytes
 * it could not verify into a {@link DetectorMessage.Detection}; everything it refuses is returned as a
 * {@link DetectorMessage.Rejected} and counted.
 */
public interface DetectorDecoder {
    /** The protocol name used in the site configuration, e.g. {@code lockstep-line-v1}. */
    String protocol();

    /** Decodes what {@code chunk} completes; partial frames are kept for the next call. */
    List<DetectorMessage> feed(byte[] chunk, long atMs);

    /**
     * Forgets the partial frame (counted as {@link Rejection#PARTIAL}) and the sequence history: call after the link
     * was reopened, since the bytes before and after a reconnect are not one stream.
     */
    List<DetectorMessage> reset(long atMs);

    DecoderCounters counters();
}
