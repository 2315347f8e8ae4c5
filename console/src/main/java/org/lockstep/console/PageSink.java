package org.lockstep.console;

import java.io.IOException;

/**
 * Where one open page's pictures go: its Server-Sent Events stream in production ({@link SsePageSink}), a sink that
 * blocks forever in the test that proves a page that stops reading holds up only itself.
 */
interface PageSink {
    /**
     * Sends one picture. May block for as long as the page does not read (a phone on bad Wi-Fi): only the page's own
     * writer ever calls it.
     *
     * @throws IOException if the page went away (a blocked send interrupted by {@link PageWriter#close} is one)
     */
    void send(String picture) throws IOException;

    /**
     * Sends the drill log's settled incidents (the office's pages only; sent only when they change, just before the
     * next picture). Blocks as {@link #send} may.
     *
     * @throws IOException as {@link #send}
     */
    void sendLog(String log) throws IOException;

    /** Whether the stream has ended (the page closed, or a send failed): its writer stops. */
    boolean gone();

    /** Ends the stream; idempotent. */
    void close();
}
