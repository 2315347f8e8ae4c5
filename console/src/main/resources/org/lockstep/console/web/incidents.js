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

  document.addEventListener('lockstep:state', (e) => {
    const list = e.detail.state.incidents;
    if (!list) return;
    $('incidents').hidden = false;
    $('incidents-empty').hidden = list.length > 0;
    const kept = e.detail.state.drillLog;
    if (kept) {
      $('drill-log-kept').textContent = kept.problem ? 'PROBLEM: the drill log cannot be saved (' + kept.problem + ')'
        : kept.file ? 'Kept in ' + kept.file + ': a restart of the console keeps it (the last 100).'
          : 'Kept in memory only (the console was started without --data DIR): a restart forgets it.';
    }
    const ol = $('incident-list');
    ol.replaceChildren();
    list.forEach((i) => {
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
      ol.appendChild(li);
    });
  });
})();
