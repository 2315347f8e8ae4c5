// The controllers panel and the lock-audit findings of the Lockstep console page. console.js renders the rest and hands
// each picture over with a 'lockstep:state' event (after the door tiles are drawn); this file draws the panels and adds
// each door's last audit finding to its tile. Status is always said in words (ONLINE, OFFLINE, PROBLEM, FAILED), never
// by colour alone; nothing from outside is inserted as HTML (textContent only).
'use strict';
(function () {
  const { $, el } = window.LockstepPicture; // picture.js, loaded first
  // Formatters made once (toLocaleString and toLocaleTimeString make one per call, ~0.2-0.7 ms each in Chromium).
  const TIME = new Intl.DateTimeFormat([], { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false });
  const DAY_TIME = new Intl.DateTimeFormat([], { hour12: false, dateStyle: 'medium', timeStyle: 'short' });
  const when = (iso) => {
    if (!iso) return '—';
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    const today = new Date().toDateString() === d.toDateString();
    return today ? TIME.format(d) : DAY_TIME.format(d);
  };

  function renderControllers(state, live) {
    const f = state.fleet;
    const head = $('fleet-summary');
    head.textContent = (live ? '' : 'NOT LIVE — last known: ') + f.online + ' of ' + f.total + ' controllers online'
      + (f.withProblems ? ' — ' + f.withProblems + ' with a problem' : ' — no problems')
      + (f.siteFileNote ? ' · ' + f.siteFileNote : '');
    head.classList.toggle('problem', f.withProblems > 0 || f.consoleSiteFileDiffers);
    const list = $('fleet-list');
    list.replaceChildren();
    state.controllers.forEach((c) => {
      const li = el('li', 'controller ' + c.availability + (c.problems.length ? ' problem' : ''));
      li.dataset.controller = c.id;
      const line = el('div', 'controller-line');
      line.appendChild(el('strong', '', c.id));
      const word = c.availability.toUpperCase();
      const since = c.since ? (c.sinceExact ? ' since ' : ' (seen since ') + when(c.since) + (c.sinceExact ? '' : ')') : '';
      line.appendChild(el('span', 'availability ' + c.availability, word));
      line.appendChild(document.createTextNode(since + (c.version ? ' · version ' + c.version : '')
        + (c.siteFile ? ' · site file ' + c.siteFile : '')));
      li.appendChild(line);
      li.appendChild(el('div', 'controller-health', c.journal + ' · uplink: ' + c.uplink));
      c.problems.forEach((p) => li.appendChild(el('div', 'controller-problem', 'PROBLEM: ' + p)));
      list.appendChild(li);
    });
  }

  function renderAudit(state) {
    const failing = state.auditFailing;
    const head = $('audit-summary');
    head.textContent = state.auditedDoors === 0 ? 'No lock-audit findings heard (run lockstep audit).'
      : failing.length ? failing.length + ' door' + (failing.length === 1 ? '' : 's') + ' FAILED the last lock audit:'
      : 'Every audited door passed its last lock audit (' + state.auditedDoors + ' doors).';
    head.classList.toggle('problem', failing.length > 0);
    const list = $('audit-list');
    list.replaceChildren();
    failing.forEach((d) => {
      const li = el('li', 'audit-failed', 'FAILED · ' + d.room + ' (' + d.id + ') · ' + when(d.at)
        + (d.detail ? ' — ' + d.detail : ''));
      li.dataset.door = d.id;
      list.appendChild(li);
    });
    // Each door's tile (drawn by console.js) gets its last finding as a line and in its details.
    state.zones.forEach((z) => z.doors.forEach((d) => {
      if (!d.audit) return;
      const tile = document.querySelector('#zones .door[data-door="' + CSS.escape(d.id) + '"]');
      if (!tile) return;
      const text = 'audit ' + d.audit.result + ' ' + when(d.audit.at);
      tile.appendChild(el('div', 'audit ' + d.audit.result, text));
      tile.title += ' — lock audit ' + d.audit.result + ' at ' + when(d.audit.at)
        + (d.audit.detail ? ': ' + d.audit.detail : '');
    }));
  }

  document.addEventListener('lockstep:state', (e) => {
    const state = e.detail.state;
    if (!state.fleet) return; // a console without this panel's data
    $('fleet').hidden = false;
    renderControllers(state, e.detail.live);
    renderAudit(state);
  });
})();
