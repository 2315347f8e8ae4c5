// The drill log of the Lockstep console page: each LOCKDOWN, SECURE or drill this console saw, newest first, with a
// link to download its after-action report (/report/<id>). Drawn from console.js's 'lockstep:state' event; text only.
'use strict';
(function () {
  const { $, el } = window.LockstepPicture; // picture.js, loaded first
  // One formatter, not one per call (toLocaleString makes one each time: the list's 100 entries cost ~100 ms a redraw).
  const WHEN = new Intl.DateTimeFormat([], { hour12: false, dateStyle: 'short', timeStyle: 'medium' });
  const when = (iso) => {
    if (!iso) return '—';
    const d = new Date(iso);
    return isNaN(d) ? iso : WHEN.format(d);
  };
  const secs = (ms) => ms < 60000 ? (ms / 1000).toFixed(1) + ' s' : Math.floor(ms / 60000) + ' min ' + Math.floor(ms % 60000 / 1000) + ' s';

  // The live picture carries only the incidents not settled, and every incident's id in order (incidentOrder); the
  // settled ones come in the console's 'log' event, only when they change (picture.js). A picture without an order
  // (an older console) has the whole log in its incidents.
  let settled = new Map();
  let lastState = null;
  let keptText = null;
  // Each entry's <li> with what it was drawn from: a settled incident never changes, so its entry is built once and
  // kept; an open one is rebuilt when its description changes. Only entries that changed touch the DOM (a full log is
  // 100 entries, and during a lockdown the open one changes with every picture).
  let items = new Map();

  document.addEventListener('lockstep:log', (e) => {
    settled = new Map(e.detail.log.settled.map((i) => [i.id, i]));
    if (lastState) draw(lastState);
  });
  document.addEventListener('lockstep:state', (e) => { lastState = e.detail.state; draw(lastState); });

  function draw(state) {
    let list = state.incidents;
    if (!list) return;
    if (Array.isArray(state.incidentOrder)) {
      const open = new Map(list.map((i) => [i.id, i]));
      // an id not known yet (its log is on its way) is left out until the log arrives
      list = state.incidentOrder.map((id) => open.get(id) || settled.get(id)).filter((i) => i);
    }
    $('incidents').hidden = false;
    $('incidents-empty').hidden = list.length > 0;
    const kept = state.drillLog;
    if (kept) {
      const text = kept.problem ? 'PROBLEM: the drill log cannot be saved (' + kept.problem + ')'
        : kept.file ? 'Kept in ' + kept.file + ': a restart of the console keeps it (the last 100).'
          : 'Kept in memory only (the console was started without --data DIR): a restart forgets it.';
      if (text !== keptText) $('drill-log-kept').textContent = keptText = text;
    }
    const next = new Map();
    const lis = list.map((i) => {
      const key = settled.get(i.id) === i ? 'settled' : JSON.stringify(i);
      const had = items.get(i.id);
      const li = had && had.key === key ? had.li : item(i);
      next.set(i.id, { key: key, li: li });
      return li;
    });
    items = next;
    const ol = $('incident-list');
    lis.forEach((li, n) => { if (ol.children[n] !== li) ol.insertBefore(li, ol.children[n] || null); });
    while (ol.children.length > lis.length) ol.lastElementChild.remove();
  }

  function item(i) {
    const li = el('li', 'incident' + (i.drill ? ' drill' : ''));
    li.dataset.incident = i.id;
    li.appendChild(el('strong', '', (i.drill ? 'DRILL ' : '') + i.mode));
    let text = ' · ' + i.zones.join(', ') + ' · started ' + when(i.start) + (i.startSeen ? '' : ' (or earlier)')
      + (i.trigger ? ' by ' + i.trigger : '')
      + ' · ' + (i.securedAfterMs !== null ? 'every door SECURED after ' + secs(i.securedAfterMs)
        : 'NOT every door secured')
      + (i.neverSecured.length ? ' · never secured: ' + i.neverSecured.map((d) => d.room).join(', ') : '')
      + ' · ' + (i.open ? 'STILL IN EFFECT (' + secs(i.durationMs) + ' so far)'
        : 'ALL CLEAR ' + when(i.end) + (i.endedBy ? ' by ' + i.endedBy : '') + ', lasted ' + secs(i.durationMs))
      + ' · ';
    li.appendChild(document.createTextNode(text));
    if (i.interrupted) {
      // the console was stopped or restarted during it: say so, never a silent gap
      li.appendChild(el('strong', 'interrupted', 'INTERRUPTED'));
      li.appendChild(document.createTextNode(': this console did not watch it '
        + i.notWatched.map((g) => 'from ' + when(g.from) + ' to ' + when(g.to)).join(', ') + ' · '));
    }
    const a = el('a', 'report', 'after-action report');
    a.href = '/report/' + encodeURIComponent(i.id);
    a.setAttribute('download', 'lockstep-' + i.id + '.html');
    li.appendChild(a);
    return li;
  }
})();
