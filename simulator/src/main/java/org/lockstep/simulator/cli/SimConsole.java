package org.lockstep.simulator.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.Source;
import org.lockstep.sim.SimFault;
import org.lockstep.simulator.SimulatedSchool;

/**
 * The simulator's command language, shared by the keyboard and {@code --script}. Each command returns one line of
 * result; a line starting with {@code error:} is a mistake in the command (nothing was done).
 */
final class SimConsole {
    /** The longest {@code wait} a script may ask for in one line: a day of virtual time. */
    static final long MAX_WAIT_S = 86_400;

    static final String HELP = """
            panic [BUTTON]                  hold a panic button (default: the first in the site file)
            lockdown [ZONE] | secure [ZONE] a LOCKDOWN / SECURE command from the session operator
            drill lockdown|secure [ZONE]    the same, as a drill
            allclear [ZONE]                 the ALL CLEAR (refused unless the operator may give it)
            as OPERATOR                     act as another operator from the site file
            open|close|prop DOOR            move a door (prop: wedge it open)
            jam|stick|cut|boltcut|relayfail DOOR   inject a fault: bolt jammed, relay welded, contact wire cut,
                                            bolt-monitor wire cut, relay writes failing
            repair DOOR                     clear every fault on a door
            fire on|off                     the fire-alarm panel contact
            detect DETECTOR [CONFIDENCE]    a weapon detection
            power off|on CONTROLLER         cut or restore a controller's power
            wait SECONDS                    let virtual time pass (scripts)
            doors | zones                   list door ids with rooms / zone ids
            quit""";

    private final SimulatedSchool school;
    private final SiteBoard board;
    private final Site site;
    private String operator;
    private int requests;
    private boolean quit;

    SimConsole(SimulatedSchool school, SiteBoard board, String operator) {
        this.school = school;
        this.board = board;
        this.site = school.site();
        this.operator = operator != null ? operator
                : site.operators().isEmpty() ? "nobody" : site.operators().getFirst().id();
        board.operator(operatorLabel(this.operator));
    }

    /** "okafor (Dr Okafor (principal))", or the id and a warning when it is not in the site file. */
    private String operatorLabel(String id) {
        return site.operator(id).map(o -> id + " (" + o.name() + ")").orElse(id + " (NOT in the site file)");
    }

    /** A fault in a technician's words, never a record's toString. */
    static String describe(SimFault f) {
        return switch (f) {
            case SimFault.RelayStuck r -> "relay of " + r.doorId() + " welded (stuck)";
            case SimFault.RelayWriteFails r -> "relay driver of " + r.doorId() + " refusing writes";
            case SimFault.BoltJammed b -> "bolt of " + b.doorId() + " jammed";
            case SimFault.ContactWireCut c -> "door contact wire of " + c.doorId() + " cut";
            case SimFault.BoltWireCut b -> "bolt-monitor wire of " + b.doorId() + " cut";
            case SimFault.PowerCut p -> "power of controller " + p.controllerId() + " cut";
        };
    }

    boolean quitRequested() {
        return quit;
    }

    String execute(String raw) {
        String line = raw.strip();
        int hash = line.indexOf('#');
        if (hash >= 0) {
            line = line.substring(0, hash).strip();
        }
        if (line.isEmpty()) {
            return "";
        }
        List<String> w = List.of(line.toLowerCase(Locale.ROOT).split("\\s+"));
        try {
            String result = switch (w.getFirst()) {
                case "help", "?" -> HELP;
                case "quit", "exit" -> {
                    quit = true;
                    yield "bye";
                }
                case "panic" -> panic(w);
                case "lockdown" -> request(Mode.LOCKDOWN, false, arg(w, 1));
                case "secure" -> request(Mode.SECURE, false, arg(w, 1));
                case "allclear", "all-clear" -> request(Mode.NORMAL, false, arg(w, 1));
                case "drill" -> drill(w);
                case "as" -> as(w);
                case "open", "close", "prop" -> door(w);
                case "jam", "stick", "cut", "boltcut", "relayfail", "repair" -> fault(w);
                case "fire" -> fire(w);
                case "detect" -> detect(w);
                case "power" -> power(w);
                case "wait" -> waitFor(w);
                case "doors" -> doors();
                case "zones" -> String.join(", ", site.zones().stream().map(z -> z.id() + " (" + z.name() + ")")
                        .toList());
                default -> throw new IllegalArgumentException("unknown command '" + w.getFirst()
                        + "'; type help");
            };
            if (!result.isEmpty() && !w.getFirst().equals("help")) {
                board.note(result);
            }
            return result;
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    private static Optional<String> arg(List<String> w, int i) {
        return w.size() > i ? Optional.of(w.get(i)) : Optional.empty();
    }

    private static String need(List<String> w, int i, String what) {
        return arg(w, i).orElseThrow(() -> new IllegalArgumentException(w.getFirst() + " needs " + what));
    }

    private String panic(List<String> w) {
        String id = arg(w, 1).orElseGet(() -> site.panicButtons().isEmpty() ? ""
                : site.panicButtons().getFirst().id());
        if (site.panicButton(id).isEmpty()) {
            throw new IllegalArgumentException("no panic button '" + id + "'; the site has "
                    + site.panicButtons().stream().map(b -> b.id()).toList());
        }
        school.pressPanic(id);
        return "panic button " + id + " held";
    }

    private String request(Mode mode, boolean drill, Optional<String> zone) {
        Scope scope = zone.<Scope>map(z -> {
            if (site.zone(z).isEmpty()) {
                throw new IllegalArgumentException("no zone '" + z + "'; zones are "
                        + site.zones().stream().map(s -> s.id()).toList());
            }
            return Scope.zone(z);
        }).orElse(Scope.SITE);
        String id = "console-" + (++requests);
        school.request(new Event.ModeRequested(id, mode, scope, drill, new Source.Operator(operator),
                "from the sim console"));
        return (mode == Mode.NORMAL ? "ALL CLEAR" : mode.name()) + (drill ? " drill" : "") + " for " + scope
                + " sent as " + operator + " (" + id + ")";
    }

    private String drill(List<String> w) {
        Mode mode = switch (need(w, 1, "lockdown or secure")) {
            case "lockdown" -> Mode.LOCKDOWN;
            case "secure" -> Mode.SECURE;
            default -> throw new IllegalArgumentException("drill lockdown|secure [ZONE]");
        };
        return request(mode, true, arg(w, 2));
    }

    private String as(List<String> w) {
        String id = need(w, 1, "an operator id");
        Optional<OperatorSpec> op = site.operator(id);
        if (op.isEmpty()) {
            // Allowed on purpose: shows how the controllers refuse an unknown operator.
            operator = id;
            board.operator(operatorLabel(id));
            return "acting as '" + id + "', who is NOT in the site file (commands will be refused)";
        }
        operator = id;
        board.operator(operatorLabel(id));
        return "acting as " + id + " (" + op.get().name() + "), may " + op.get().permissions().stream()
                .map(Permission::name).sorted().toList();
    }

    private String doorId(List<String> w) {
        String id = need(w, 1, "a door id (type 'doors' for the list)");
        if (site.doors().stream().noneMatch(d -> d.id().equals(id))) {
            throw new IllegalArgumentException("no door '" + id + "'; type 'doors' for the list");
        }
        return id;
    }

    private String door(List<String> w) {
        String id = doorId(w);
        switch (w.getFirst()) {
            case "open" -> school.building().door(id).open();
            case "close" -> school.building().door(id).close();
            case "prop" -> school.building().door(id).prop();
            default -> throw new AssertionError(w.getFirst());
        }
        return "door " + id + " " + (w.getFirst().equals("prop") ? "propped open" : w.getFirst() + "ed")
                .replace("closeed", "closed");
    }

    private String fault(List<String> w) {
        String id = doorId(w);
        if (w.getFirst().equals("repair")) {
            for (SimFault f : school.building().possibleFaults()) {
                if (f.targetId().equals(id)) {
                    school.building().repair(f);
                }
            }
            return "door " + id + " repaired";
        }
        SimFault f = switch (w.getFirst()) {
            case "jam" -> new SimFault.BoltJammed(id);
            case "stick" -> new SimFault.RelayStuck(id);
            case "cut" -> new SimFault.ContactWireCut(id);
            case "boltcut" -> new SimFault.BoltWireCut(id);
            case "relayfail" -> new SimFault.RelayWriteFails(id);
            default -> throw new AssertionError(w.getFirst());
        };
        if (!school.building().possibleFaults().contains(f)) {
            throw new IllegalArgumentException("door " + id + " cannot have that fault (" + describe(f)
                    + "): it has no bolt monitor");
        }
        school.building().inject(f);
        return "fault injected: " + describe(f);
    }

    private String fire(List<String> w) {
        boolean on = switch (need(w, 1, "on or off")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("fire on|off");
        };
        school.fireAlarm(on);
        return "fire alarm " + (on ? "ACTIVE" : "cleared");
    }

    private String detect(List<String> w) {
        String id = need(w, 1, "a detector id");
        if (site.detector(id).isEmpty()) {
            throw new IllegalArgumentException("no detector '" + id + "'; the site has "
                    + site.detectors().stream().map(d -> d.id()).toList());
        }
        int confidence;
        try {
            confidence = arg(w, 2).map(Integer::parseInt).orElse(95);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("confidence is a whole number 0-100");
        }
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence is 0-100");
        }
        school.detect(id, confidence);
        if (school.config().wiring().get(site.detector(id).orElseThrow().controller()).detectors()
                .get(id) instanceof org.lockstep.controller.config.DetectorWiring.DryContact) {
            // A dry contact carries no confidence: the controller counts every closure as certain.
            return "detector " + id + " closed its contact (a dry contact reports no confidence: 100%"
                    + (arg(w, 2).isPresent() ? "; " + confidence + " ignored" : "") + ")";
        }
        return "detector " + id + " reports a weapon at " + confidence + "%";
    }

    private String power(List<String> w) {
        String onOff = need(w, 1, "off or on");
        String id = need(w, 2, "a controller id");
        if (site.controller(id).isEmpty()) {
            throw new IllegalArgumentException("no controller '" + id + "'; the site has "
                    + site.controllers().stream().map(c -> c.id()).toList());
        }
        switch (onOff) {
            case "off" -> school.powerCut(id);
            case "on" -> school.powerRestore(id);
            default -> throw new IllegalArgumentException("power off|on CONTROLLER");
        }
        board.controllerOnline(id, onOff.equals("on"));
        return "controller " + id + " power " + onOff;
    }

    private String waitFor(List<String> w) {
        school.advanceBy((long) (seconds(w) * 1000));
        return "";
    }

    /** The seconds of a {@code wait SECONDS} line, or empty when the line is another command. */
    static Optional<Double> waitSeconds(String line) {
        List<String> w = List.of(line.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return w.getFirst().equals("wait") ? Optional.of(seconds(w)) : Optional.empty();
    }

    private static double seconds(List<String> w) {
        double seconds;
        try {
            seconds = Double.parseDouble(need(w, 1, "seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wait takes seconds, e.g. wait 2.5");
        }
        if (!(seconds >= 0 && seconds <= MAX_WAIT_S)) {
            throw new IllegalArgumentException("wait takes 0.." + MAX_WAIT_S + " seconds");
        }
        return seconds;
    }

    private String doors() {
        StringBuilder s = new StringBuilder();
        site.doors().forEach(d -> s.append(d.id()).append('=').append(d.room()).append("  "));
        return s.toString().strip();
    }
}
