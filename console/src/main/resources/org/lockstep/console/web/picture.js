// What the office page (console.js) and the responder page (responder.js) both draw from the console's 'state'
// event: the NOT LIVE banner and badge, the lockdown count, the alerts and the doors by zone. Nothing from outside is
// inserted as HTML (textContent only). Loaded before either page's own script (and map.js, fleet.js, incidents.js,
// which use its helpers).
'use strict';
window.LockstepPicture = (function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // One formatter for every stamp: toLocaleTimeString builds a new one per call (~0.2-0.7 ms each in Chromium), and a
  // redraw formats hundreds (docs/PERFORMANCE.md, "Press → last door SECURED on the console's page").
  const TIME = new Intl.DateTimeFormat([], { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false });
  const clock = (iso) => {
    if (!iso) return '—';
    const d = new Date(iso);
    return isNaN(d) ? iso : TIME.format(d);
  };

  // Follows the console's stream at url: onPicture(state, streamLostAt) on every picture, and when the stream is lost
  // (its error, or silence past STREAM_QUIET_MS: the server pushes at least every second).
  function follow(url, onPicture) {
    const STREAM_QUIET_MS = 3500;
    let lastEventAt = 0;
    let streamLostAt = null;
    let state = null;
    const source = new EventSource(url);
    source.addEventListener('state', (e) => {
      lastEventAt = Date.now();
      streamLostAt = null;
      try { state = JSON.parse(e.data); } catch (x) { return; }
      onPicture(state, streamLostAt);
    });
    // The drill log's settled incidents (office pages only): they never change, so the console sends them only when
    // one settles or leaves the log, not in every picture; incidents.js draws them in the picture's incidentOrder.
    source.addEventListener('log', (e) => {
      let log;
      try { log = JSON.parse(e.data); } catch (x) { return; }
      if (!log || !Array.isArray(log.settled)) return;
      document.dispatchEvent(new CustomEvent('lockstep:log', { detail: { log: log } }));
    });
    source.onerror = () => { if (!streamLostAt) streamLostAt = new Date(); onPicture(state, streamLostAt); };
    setInterval(() => {
      if (lastEventAt && Date.now() - lastEventAt > STREAM_QUIET_MS && !streamLostAt) {
        streamLostAt = new Date(lastEventAt);
        onPicture(state, streamLostAt);
      }
    }, 500);
  }

  // The site's name, the red banner when not live (why, since when, the last live data), the LIVE badge, greying.
  function liveness(state, streamLostAt, live, lostHint) {
    $('site-name').textContent = state.site;
    const stale = $('stale-banner');
    if (streamLostAt) {
      stale.textContent = 'NOT LIVE — lost the connection to the console at ' + clock(streamLostAt.toISOString())
        + '; last live data ' + clock(state.lastLive) + '. Door statuses below are the last known, NOT current.'
        + (lostHint || '');
    } else if (!state.brokerUp) {
      stale.textContent = 'NOT LIVE — the console has lost the MQTT broker'
        + (state.brokerLost ? ' since ' + clock(state.brokerLost) : '') + '; last live data ' + clock(state.lastLive)
        + '. Door statuses below are the last known, NOT current.';
    }
    stale.hidden = live;
    $('live').className = 'live ' + (live ? 'ok' : 'bad');
    $('live').textContent = live ? 'LIVE' : 'NOT LIVE';
    document.body.classList.toggle('is-stale', !live);
    $('drill-banner').hidden = !state.drill;
  }

  function count(state, live) {
    const box = $('count');
    box.hidden = !state.lockdown;
    if (!state.lockdown) return;
    const c = state.count;
    const not = c.notSecured.length;
    $('count-text').textContent = (live ? '' : 'NOT LIVE — ') + c.secured + ' of ' + c.total + ' doors secured'
      + (not ? ' — ' + not + ' not' : '');
    $('count-not').textContent = c.notSecured.map((d) => d.room + ' (' + d.status + ', ' + d.zone
      + (d.cell ? ', grid ' + d.cell : '') + ')').join(', ');
    box.classList.toggle('all', not === 0 && live);
  }

  function alerts(state) {
    const list = $('alerts');
    list.replaceChildren();
    state.alerts.slice(0, 10).forEach((a) => {
      const li = el('li', a.drill ? 'drill' : '');
      li.textContent = (a.drill ? 'DRILL · ' : '') + clock(a.at) + ' · ' + a.kind.replace(/_/g, ' ') + ' · '
        + (a.room || a.subject || '') + (a.zoneName ? ' (' + a.zoneName + (a.cell ? ', grid ' + a.cell : '') + ')' : '')
        + (a.detail ? ' — ' + a.detail : '');
      list.appendChild(li);
    });
  }

  // Each zone with its mode, each door a tile with its status in words; titleOf(door) is the tile's tooltip.
  function zones(state, live, titleOf) {
    const main = $('zones');
    main.replaceChildren();
    state.zones.forEach((z) => {
      const sec = el('section', 'zone');
      sec.dataset.zone = z.id;
      const h = el('h2', '', z.name);
      // UNVERIFIED: the site file lists no controller keys, so anyone on the network could have sent this mode.
      const modeText = (z.drill && z.mode !== 'NORMAL' ? 'DRILL ' : '') + z.mode
        + (z.trust === 'UNVERIFIED' ? ' (unverified)' : '');
      h.appendChild(el('span', 'zone-mode ' + z.mode + (z.drill ? ' drill' : '') + (live ? '' : ' stale'),
        live ? modeText : 'last known: ' + modeText));
      sec.appendChild(h);
      if (z.problem) {
        const p = el('p', 'zone-problem', z.problem);
        p.setAttribute('role', 'alert');
        sec.appendChild(p);
      }
      const grid = el('div', 'doors');
      z.doors.forEach((d) => {
        const stale = d.stale || !live;
        const tile = el('div', 'door ' + d.status + (stale ? ' stale' : ''));
        tile.dataset.door = d.id;
        tile.appendChild(el('div', 'room', d.room));
        tile.appendChild(el('div', 'status', stale ? 'last known: ' + d.lastKnown : d.status));
        tile.title = titleOf(d);
        grid.appendChild(tile);
      });
      sec.appendChild(grid);
      main.appendChild(sec);
    });
  }

  return { $: $, el: el, clock: clock, follow: follow, liveness: liveness, count: count, alerts: alerts, zones: zones };
})();
