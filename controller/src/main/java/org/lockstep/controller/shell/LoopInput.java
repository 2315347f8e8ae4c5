package org.lockstep.controller.shell;

import java.util.Objects;

import org.lockstep.controller.core.Event;

/** What other threads hand to the event loop. They never touch its state; they only enqueue one of these. */
public sealed interface LoopInput {
    /** A level change on an input port, stamped where it was seen. */
    record Edge(String inputId, boolean high, long atMs) implements LoopInput {
        public Edge {
            Objects.requireNonNull(inputId, "inputId");
        }
    }

    /** Bytes from a serial link. */
    record SerialBytes(String linkId, byte[] bytes, long atMs) implements LoopInput {
        public SerialBytes {
            Objects.requireNonNull(linkId, "linkId");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    record SerialDisconnected(String linkId, String detail, long atMs) implements LoopInput {
        public SerialDisconnected {
            Objects.requireNonNull(linkId, "linkId");
        }
    }

    /** An event for the core from outside the box (an operator's request, a peer's shared request). */
    record External(Event event) implements LoopInput {
        public External {
            Objects.requireNonNull(event, "event");
        }
    }
}
