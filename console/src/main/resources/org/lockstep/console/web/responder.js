// The responder view (/r/TOKEN): the office page's picture (banners, count, alerts, doors by zone; map.js draws the
// map) with no actions and no sign-in. Its stream is /r/TOKEN/events; when the link is revoked the console closes it
// and the page shows NOT LIVE. Nothing from outside is inserted as HTML (textContent only). The rendering follows
// console.js; it is a separate file so the office page's actions and session code never load here.
'use strict';
(function () {
  const STREAM_QUIET_MS = 3500;    // the server pushes at least every second: past this the stream is lost
  let lastEventAt = 0;
  let streamLostAt = null;
  let state = null;

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const clock = (iso) => {
    if (!iso) return '—';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour12: false });
  };

  const source = new EventSource(location.pathname.replace(/\/+$/, '') + '/events');
  source.addEventListener('state', (e) => {
    lastEventAt = Date.now();
    streamLostAt = null;
    try { state = JSON.parse(e.data); } catch (x) { return; }
    render();
  });
  source.onerror = () => { if (!streamLostAt) streamLostAt = new Date(); render(); };
  setInterval(() => {
    if (lastEventAt && Date.now() - lastEventAt > STREAM_QUIET_MS && !streamLostAt) {
      streamLostAt = new Date(lastEventAt);
      render();
    }
  }, 500);

  function live() {
    return state && state.brokerUp && !streamLostAt;
  }

  function render() {
    if (!state) return;
    $('site-name').textContent = state.site;
    const stale = $('stale-banner');
    if (streamLostAt) {
      stale.textContent = 'NOT LIVE — lost the connection to the console at ' + clock(streamLostAt.toISOString())
        + '; last live data ' + clock(state.lastLive) + '. Door statuses below are the last known, NOT current.'
        + ' If this stays, the link may have been revoked: ask the school for a new one.';
    } else if (!state.brokerUp) {
      stale.textContent = 'NOT LIVE — the console has lost the MQTT broker'
        + (state.brokerLost ? ' since ' + clock(state.brokerLost) : '') + '; last live data ' + clock(state.lastLive)
        + '. Door statuses below are the last known, NOT current.';
    }
    stale.hidden = live();
    $('live').className = 'live ' + (live() ? 'ok' : 'bad');
    $('live').textContent = live() ? 'LIVE' : 'NOT LIVE';
    document.body.classList.toggle('is-stale', !live());
    $('drill-banner').hidden = !state.drill;
    renderCount();
    renderAlerts();
    renderZones();
    document.dispatchEvent(new CustomEvent('lockstep:state', { detail: { state: state, live: live() } })); // map.js
    $('controllers').textContent = 'Controllers: ' + state.controllers.map((c) => c.id + ' ' + c.availability).join(' · ');
  }

  function renderCount() {
    const box = $('count');
    box.hidden = !state.lockdown;
    if (!state.lockdown) return;
    const c = state.count;
    const not = c.notSecured.length;
    $('count-text').textContent = (live() ? '' : 'NOT LIVE — ') + c.secured + ' of ' + c.total + ' doors secured'
      + (not ? ' — ' + not + ' not' : '');
    $('count-not').textContent = c.notSecured.map((d) => d.room + ' (' + d.status + ', ' + d.zone
      + (d.cell ? ', grid ' + d.cell : '') + ')').join(', ');
    box.classList.toggle('all', not === 0 && live());
  }

  function renderAlerts() {
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

  function renderZones() {
    const main = $('zones');
    main.replaceChildren();
    state.zones.forEach((z) => {
      const sec = el('section', 'zone');
      sec.dataset.zone = z.id;
      const h = el('h2', '', z.name);
      const modeText = (z.drill && z.mode !== 'NORMAL' ? 'DRILL ' : '') + z.mode;
      h.appendChild(el('span', 'zone-mode ' + z.mode + (z.drill ? ' drill' : '') + (live() ? '' : ' stale'),
        live() ? modeText : 'last known: ' + modeText));
      sec.appendChild(h);
      const grid = el('div', 'doors');
      z.doors.forEach((d) => {
        const stale = d.stale || !live();
        const tile = el('div', 'door ' + d.status + (stale ? ' stale' : ''));
        tile.dataset.door = d.id;
        tile.appendChild(el('div', 'room', d.room));
        tile.appendChild(el('div', 'status', stale ? 'last known: ' + d.lastKnown : d.status));
        tile.title = d.id + (d.cell ? ' — grid ' + d.cell : '') + (d.since ? ' — since ' + clock(d.since) : '');
        grid.appendChild(tile);
      });
      sec.appendChild(grid);
      main.appendChild(sec);
    });
  }
})();
