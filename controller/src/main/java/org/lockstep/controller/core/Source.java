package org.lockstep.controller.core;

/** Who or what asked for a mode change; journaled and published with every change. */
public sealed interface Source {
    String id();

    /** A person listed in the site file (trusted as given until commands are signed). */
    record Operator(String id) implements Source {
        public Operator {
            Ids.require("operator", id);
        }

        @Override
        public String toString() {
            return "operator " + id;
        }
    }

    record PanicButton(String id) implements Source {
        public PanicButton {
            Ids.require("panicButton", id);
        }

        @Override
        public String toString() {
            return "panic button " + id;
        }
    }

    record Detector(String id) implements Source {
        public Detector {
            Ids.require("detector", id);
        }

        @Override
        public String toString() {
            return "weapon detector " + id;
        }
    }
}
