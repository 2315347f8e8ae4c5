// The map view of the Lockstep console: each floor's plan with every door as a marker in its place, its status in
// colour AND text, greyed when not live exactly like the list. console.js renders the rest of the page and hands each
// picture over with a 'lockstep:state' event; this file only draws the map. Markers are built once and updated in
// place, so keyboard focus stays on a marker while the picture changes every second. Nothing from outside is inserted
// as HTML (textContent only); the plan is an <img> (an SVG shown that way runs no script).
'use strict';
(function () {
  const SHORT = { FAILED_TO_SECURE: 'FAILED' };
  let built = false;
  let view = 'map';
  const markers = new Map(); // door id -> button
  let picture = null;

  const { $, el } = window.LockstepPicture; // picture.js, loaded first
  const pct = (v, of) => (100 * v / of) + '%';

  // "Room 104" -> "104"; a door without a room number keeps its id ("east-exit").
  function shortRoom(d) {
    const m = /\b(\d{2,4}[A-Za-z]?)\b/.exec(d.room);
    return m ? m[1] : d.id;
  }

  function doorsOf(state) {
    const all = [];
    state.zones.forEach((z) => z.doors.forEach((d) => all.push({ door: d, zone: z })));
    return all;
  }

  function describe(d, zone, live) {
    const stale = d.stale || !live;
    return d.room + ': ' + (stale ? 'last known ' + d.lastKnown + ' (not live)' : d.status) + ', ' + zone.name
      + (d.cell ? ', grid ' + d.cell : '') + (d.audit ? ', lock audit ' + d.audit.result : '');
  }

  function build(state) {
    const m = state.map;
    const section = $('map-view');
    section.hidden = false;
    $('view-toggle').hidden = false;
    const floors = $('map-floors');
    floors.replaceChildren();
    const byFloor = new Map();
    m.floors.forEach((f) => {
      const fig = el('figure', 'floor');
      fig.dataset.floor = f.id;
      fig.appendChild(el('figcaption', 'floor-name', f.name));
      const scroller = el('div', 'plan-scroll');
      const plan = el('div', 'plan');
      plan.style.aspectRatio = f.width + ' / ' + f.height;
      if (f.plan) {
        const img = el('img', 'plan-image');
        img.src = f.plan;
        img.alt = 'Plan of the ' + f.name.toLowerCase();
        plan.appendChild(img);
      }
      // The campus grid over the floor: lines every cell, labels along the top and the left edge.
      const g = m.grid;
      const cellW = g.width / g.columns.length;
      const cellH = g.height / g.rows.length;
      const lines = el('div', 'grid-lines');
      lines.style.backgroundSize = pct(cellW, f.width) + ' ' + pct(cellH, f.height);
      lines.setAttribute('aria-hidden', 'true');
      plan.appendChild(lines);
      g.columns.forEach((c, i) => {
        if (i * cellW >= f.width) return;
        const l = el('span', 'grid-label col', c);
        l.style.left = pct((i + 0.5) * cellW, f.width);
        l.setAttribute('aria-hidden', 'true');
        plan.appendChild(l);
      });
      g.rows.forEach((r, i) => {
        if (i * cellH >= f.height) return;
        const l = el('span', 'grid-label row', r);
        l.style.top = pct((i + 0.5) * cellH, f.height);
        l.setAttribute('aria-hidden', 'true');
        plan.appendChild(l);
      });
      scroller.appendChild(plan);
      fig.appendChild(scroller);
      floors.appendChild(fig);
      byFloor.set(f.id, { floor: f, plan: plan });
    });
    doorsOf(state).forEach(({ door }) => {
      const at = byFloor.get(door.floor);
      if (!at) return;
      const b = el('button', 'marker');
      b.type = 'button';
      b.dataset.door = door.id;
      b.style.left = pct(door.x, at.floor.width);
      b.style.top = pct(door.y, at.floor.height);
      // A door on the plan's left or right edge: the marker grows inwards, so it is never cut off.
      if (door.x < at.floor.width * 0.08) b.classList.add('edge-left');
      if (door.x > at.floor.width * 0.92) b.classList.add('edge-right');
      b.appendChild(el('span', 'm-room', shortRoom(door)));
      b.appendChild(el('span', 'm-status'));
      b.addEventListener('click', () => showDetail(door.id));
      at.plan.appendChild(b);
      markers.set(door.id, b);
    });
    $('view-map').addEventListener('click', () => setView('map'));
    $('view-list').addEventListener('click', () => setView('list'));
    built = true;
    setView(view);
  }

  function setView(v) {
    view = v;
    $('map-view').hidden = v !== 'map';
    $('zones').hidden = v !== 'list';
    $('view-map').setAttribute('aria-pressed', String(v === 'map'));
    $('view-list').setAttribute('aria-pressed', String(v === 'list'));
  }

  function showDetail(doorId) {
    if (!picture) return;
    const hit = doorsOf(picture.state).find((x) => x.door.id === doorId);
    if (!hit) return;
    const d = hit.door;
    $('map-detail').textContent = describe(d, hit.zone, picture.live) + (d.since ? ' — since ' + d.since : '')
      + ' — door ' + d.id + ', controller ' + d.controller + (d.detail ? ' — ' + d.detail : '');
  }

  function update(state, live) {
    doorsOf(state).forEach(({ door, zone }) => {
      const b = markers.get(door.id);
      if (!b) return;
      const stale = door.stale || !live;
      const status = stale ? door.lastKnown : door.status;
      b.classList.remove(...Array.from(b.classList).filter((c) => /^[A-Z_]+$/.test(c)), 'stale');
      b.classList.add(door.status);
      if (stale) b.classList.add('stale');
      b.querySelector('.m-status').textContent = (stale ? 'was ' : '') + (SHORT[status] || status);
      b.setAttribute('aria-label', describe(door, zone, live));
      b.title = describe(door, zone, live);
    });
    const unplaced = state.map.unplaced;
    const box = $('map-unplaced');
    box.hidden = unplaced.length === 0;
    if (unplaced.length) {
      const all = doorsOf(state);
      box.textContent = 'Not on the map: ' + unplaced.map((id) => {
        const hit = all.find((x) => x.door.id === id);
        return hit ? describe(hit.door, hit.zone, live) : id;
      }).join(' · ');
    }
  }

  document.addEventListener('lockstep:state', (e) => {
    picture = e.detail;
    const state = picture.state;
    if (!state.map || !state.map.present) return; // the list view only
    if (!built) build(state);
    update(state, picture.live);
  });
})();
