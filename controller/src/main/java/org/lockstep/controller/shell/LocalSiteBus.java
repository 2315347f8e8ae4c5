package org.lockstep.controller.shell;

import java.util.ArrayList;
import java.util.List;

import org.lockstep.controller.core.Event;

/** A site bus inside one process: every registered controller's inbox gets every shared request. */
public final class LocalSiteBus implements SiteBus {
    private final List<Inbox> inboxes = new ArrayList<>();

    public synchronized void register(Inbox inbox) {
        inboxes.add(inbox);
    }

    @Override
    public synchronized void share(String fromControllerId, Event.ModeRequested request) {
        for (Inbox inbox : inboxes) {
            inbox.offer(new LoopInput.External(request));
        }
    }

    /** Sends an operator's request to every controller, as a site command topic would. */
    public void broadcast(Event.ModeRequested request) {
        share("", request);
    }
}
