package org.lockstep.controller.trust;

import java.util.Objects;
import java.util.Optional;

/** What the verifier decided about one signed message. */
public sealed interface Verdict {
    /**
     * @param note something worth logging although the message is accepted, e.g. a LOCKDOWN whose issuedAt was far
     *        off (accepted: a valid LOCKDOWN signature is enough to lock)
     */
    record Trusted(KeyHolder holder, Optional<String> note) implements Verdict {
        public Trusted {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(note, "note");
        }
    }

    /** @param detail for the result topic: what exactly, and what to do */
    record Refused(Refusal reason, String detail) implements Verdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** "refused (bad signature): ..." — the line the result topic and the journal carry. */
        public String text() {
            return "refused (" + reason.words() + "): " + detail;
        }
    }

    default boolean trusted() {
        return this instanceof Trusted;
    }
}
