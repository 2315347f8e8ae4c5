package org.lockstep.console;

import io.javalin.http.sse.SseClient;

/** An open page's Server-Sent Events stream: each picture is one {@code state} event, the settled drill log a {@code log} event. */
record SsePageSink(SseClient client) implements PageSink {
    @Override
    public void send(String picture) {
        client.sendEvent("state", picture); // a failed write ends the client (terminated), it does not throw
    }

    @Override
    public void sendLog(String log) {
        client.sendEvent("log", log);
    }

    @Override
    public boolean gone() {
        return client.terminated();
    }

    @Override
    public void close() {
        client.close();
    }
}
