package org.lockstep.console;

/**
 * A controller's uplink health ({@code <p>/controller/<id>/uplink}) as the console reads it: the counts a front office
 * can act on, summed the way the page says them. Every count is 0..{@link #MAX_COUNT}.
 *
 * @param dropped what the uplink could not keep while off the broker (alerts/results, events, stale shares, refused
 *     retained topics): something the office may not have seen
 * @param rejected messages it refused (commands, peer zone modes, invalid shares): a misconfigured or hostile client
 * @param forged peer messages not signed by the controller they name: someone is publishing as a controller
 */
public record UplinkCounts(long reconnects, long queued, long dropped, long rejected, long forged) {
    /** The controllers' own bound on a count (JournalHealth.MAX_COUNT); a larger claim is refused. */
    public static final long MAX_COUNT = org.lockstep.controller.journal.JournalHealth.MAX_COUNT;

    /** In words, for the page: "reconnected 3 times, 0 queued, 0 dropped, 12 rejected messages". */
    public String words() {
        return "reconnected " + reconnects + (reconnects == 1 ? " time" : " times") + ", " + queued + " queued, "
                + dropped + " dropped, " + rejected + (rejected == 1 ? " rejected message" : " rejected messages")
                + (forged > 0 ? ", " + forged + " FORGED peer message" + (forged == 1 ? "" : "s") : "");
    }
}
