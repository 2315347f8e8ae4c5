package org.lockstep.controller.mqtt;

/** A transport failure, translated at the edge into what the caller should do about it. */
public final class TransportException extends Exception {
    public enum Kind {
        /** Not connected now; the transport reconnects by itself. Keep the message, send it later. */
        NOT_CONNECTED(true),
        /** Too many publishes in flight; retry shortly. */
        BUSY(true),
        /** A timeout or an I/O error; retry. */
        TRANSIENT(true),
        /** The broker refused us (credentials, authorisation, client id) or TLS is misconfigured: retrying will not
         *  help until the configuration is fixed. */
        REFUSED(false),
        /** The transport was closed. */
        CLOSED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }
}
