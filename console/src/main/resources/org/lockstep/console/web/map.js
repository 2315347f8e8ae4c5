// The map view of the Lockstep console: each floor's plan with every door as a marker in its place, its status in
// colour AND text, greyed when not live exactly like the list. console.js renders the rest of the page and hands each
// picture over with a 'lockstep:state' event; this file only draws the map. Markers are built once and updated in
// place, so keyboard focus stays on a marker while the picture changes every second. Nothing from outside is inserted
// as HTML (textContent only); the plan is an <img> (an SVG shown that way runs no script).
'use strict';
(function () {
  // What a marker says: compact, so that neighbouring doors fit side by side on a 10" tablet; a door that needs
  // attention keeps its status word. Never colour alone: every status has its own text; the full status is in the
  // marker's title and accessible name and in the list view.
  const LABEL = { SECURED: '✓', UNLOCKED: 'UNL', OPEN: '✕ OPEN', PROPPED: '✕ PROPPED', FORCED: '✕ FORCED',
    FAILED_TO_SECURE: '✕ FAILED', FAULT: '! FAULT', OFFLINE: '? OFFLINE', UNKNOWN: '?' };
  const LEGEND = '✓ secured · UNL unlocked · ✕ not secured (status written) · grey, dashed: not live, last known';
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

  // Where each label goes around its door: centred on it first, then just above or below, then beside it, then
  // further out. Offsets are fractions of the label's own size (as CSS translate takes them).
  const SPOTS = [[-0.5, -0.5], [-0.5, -1], [-0.5, 0], [0, -0.5], [-1, -0.5], [0, -1], [-1, -1], [0, 0], [-1, 0]];
  [1, 1.5, 2, 2.5].forEach((r) => [-0.5, 0, -1].forEach((dx) => SPOTS.push([dx, -1 - r + 0.5], [dx, r - 0.5])));
  const GAP = 2; // px kept between two labels

  // Places one plan's labels so that none overlaps another or leaves the plan: a door that needs attention is
  // placed first (it keeps the spot on its door), then the doors with the fewest neighbours in the way, so that a
  // door squeezed between others (a stairwell exit between two rows of rooms) moves aside, not its neighbours.
  function placeLabels(plan) {
    const pw = plan.clientWidth;
    const ph = plan.clientHeight;
    if (!pw || !ph) return; // hidden (the list view): placed when shown
    const items = Array.from(plan.querySelectorAll('.marker')).map((b) => ({
      b, x: parseFloat(b.style.left) / 100 * pw, y: parseFloat(b.style.top) / 100 * ph,
      w: b.offsetWidth, h: b.offsetHeight }));
    const rect = (it, [dx, dy]) => ({ l: it.x + dx * it.w, t: it.y + dy * it.h, r: it.x + (dx + 1) * it.w,
      b: it.y + (dy + 1) * it.h });
    const hit = (a, c) => a.l < c.r + GAP && c.l < a.r + GAP && a.t < c.b + GAP && c.t < a.b + GAP;
    const inside = (a) => a.l >= 0 && a.t >= 0 && a.r <= pw && a.b <= ph;
    items.forEach((it) => {
      const mine = rect(it, SPOTS[0]);
      it.crowd = items.filter((o) => o !== it && hit(mine, rect(o, SPOTS[0]))).length;
    });
    items.sort((a, c) => (c.b.classList.contains('attention') - a.b.classList.contains('attention'))
      || a.crowd - c.crowd);
    const placed = [];
    items.forEach((it) => {
      const spot = SPOTS.find((s) => inside(rect(it, s)) && !placed.some((p) => hit(rect(it, s), p)))
        || SPOTS.find((s) => inside(rect(it, s))) || SPOTS[0];
      placed.push(rect(it, spot));
      it.b.style.transform = 'translate(' + (spot[0] * 100) + '%, ' + (spot[1] * 100) + '%)';
    });
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
    floors.replaceChildren(el('p', 'map-legend', LEGEND));
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
      new ResizeObserver(() => placeLabels(plan)).observe(plan);
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
    if (v === 'map') document.querySelectorAll('#map-floors .plan').forEach(placeLabels);
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
      b.dataset.status = (stale ? 'was ' : '') + status;
      b.classList.toggle('attention', !stale && !['SECURED', 'UNLOCKED'].includes(status));
      b.querySelector('.m-status').textContent = (stale ? 'was ' : '') + (LABEL[status] || status);
      b.setAttribute('aria-label', describe(door, zone, live));
      b.title = describe(door, zone, live);
    });
    document.querySelectorAll('#map-floors .plan').forEach(placeLabels); // labels changed width
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
