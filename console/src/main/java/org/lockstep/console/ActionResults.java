package org.lockstep.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last {@link ConsoleState#MAX_ACTIONS} actions this console sent and each controller's answer so far, as the page
 * shows them ("5 of 5 controllers accepted"; a controller silent past {@link ConsoleState#ANSWER_DEADLINE_MS} is
 * named). Not thread-safe: {@link ConsoleState}'s lock.
 */
final class ActionResults {
    /** One action sent from this console and the answers so far. */
    private static final class Action {
        final String id;
        final String label;
        final List<String> expected;
        final long sentMs;
        final Map<String, String> answers = new LinkedHashMap<>(); // controller -> "accepted" or the refusal reason
        final Map<String, Boolean> accepted = new LinkedHashMap<>();

        Action(String id, String label, List<String> expected, long sentMs) {
            this.id = id;
            this.label = label;
            this.expected = expected;
            this.sentMs = sentMs;
        }
    }

    private final Deque<Action> actions = new ArrayDeque<>();

    void sent(String commandId, String label, List<String> expected, long nowMs) {
        actions.addFirst(new Action(commandId, label, List.copyOf(expected), nowMs));
        while (actions.size() > ConsoleState.MAX_ACTIONS) {
            actions.removeLast();
        }
    }

    /** A controller's answer to a command; one this console did not send to it is ignored. */
    void answer(ConsoleDecoder.Update.Result r) {
        for (Action a : actions) {
            if (a.id.equals(r.commandId()) && a.expected.contains(r.controllerId())) {
                a.answers.put(r.controllerId(), r.accepted() ? "accepted" : r.reason());
                a.accepted.put(r.controllerId(), r.accepted());
            }
        }
    }

    /** Whether an action's answer deadline passed within the last second with answers missing: the page must say so. */
    boolean deadlineJustPassed(long nowMs) {
        for (Action a : actions) {
            long due = a.sentMs + ConsoleState.ANSWER_DEADLINE_MS;
            if (due <= nowMs && due > nowMs - 1_000 && a.answers.size() < a.expected.size()) {
                return true;
            }
        }
        return false;
    }

    void describe(ArrayNode ac, long nowMs) {
        for (Action a : actions) {
            ObjectNode an = ac.addObject();
            an.put("id", a.id);
            an.put("label", a.label);
            an.put("sent", Instant.ofEpochMilli(a.sentMs).toString());
            an.put("expected", a.expected.size());
            an.put("accepted", a.accepted.values().stream().filter(b -> b).count());
            an.put("answered", a.answers.size());
            boolean late = nowMs - a.sentMs >= ConsoleState.ANSWER_DEADLINE_MS;
            ArrayNode per = an.putArray("controllers");
            for (String c : a.expected) {
                ObjectNode cn = per.addObject();
                cn.put("id", c);
                String ans = a.answers.get(c);
                cn.put("answer", ans == null ? (late ? "SILENT" : "WAITING")
                        : Boolean.TRUE.equals(a.accepted.get(c)) ? "ACCEPTED" : "REFUSED");
                cn.put("reason", ans == null ? (late ? "no answer within " + ConsoleState.ANSWER_DEADLINE_MS + " ms"
                        : "") : Boolean.TRUE.equals(a.accepted.get(c)) ? "" : ans);
            }
        }
    }
}
