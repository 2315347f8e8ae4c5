// The Lockstep console page. Everything shown comes from the server's 'state' events (Server-Sent Events); nothing from
// outside is inserted as HTML (textContent only). If the stream goes quiet or the broker is lost, the page says so in
// red and greys every door: a stale SECURED is never shown as current.
'use strict';
(function () {
  const HOLD_MS = 1000;            // press-and-hold to act
  let csrf = null;
  let streamLostAt = null;
  let state = null;
  let scopeFilled = false;

  const picture = window.LockstepPicture; // picture.js: what this page and the responder page both draw
  const { $, el, clock } = picture;

  const SESSION_POLL_MS = 15000;   // notices an idle sign-out; polling is not activity
  let keyNoted = false;

  // Who is signed in on this page's session (null: nobody), and the session's CSRF token.
  function showSession(s) {
    csrf = s.csrf;
    if (!s.holder && !keyNoted) { keyNoted = true; note('This console has no key: LOCKDOWN and SECURE need an operator signed in.', true); }
    const op = s.operator;
    $('sign-in-form').hidden = !s.signIn || !!op;
    $('signed-in').hidden = !op;
    $('signed-in-text').textContent = op ? 'Signed in: ' + op.name + ' (' + op.id + ')' : '';
    document.querySelector('button.hold.all-clear').hidden = !(op && op.allClear);
  }
  function refreshSession() {
    return fetch('/api/session', { credentials: 'same-origin' })
      .then((r) => r.ok ? r.json() : Promise.reject(r.status))
      .then(showSession)
      .catch(() => note('No console session: reload the page.', true));
  }
  refreshSession();
  setInterval(refreshSession, SESSION_POLL_MS);

  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf || '' },
      body: JSON.stringify(body),
    }).then((r) => r.json().then((b) => ({ ok: r.ok, status: r.status, b: b })));
  }

  $('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const pw = $('sign-in-password');
    const status = $('sign-in-status');
    status.textContent = 'Signing in…';
    status.classList.remove('refused');
    post('/api/sign-in', { operator: $('sign-in-operator').value.trim(), password: pw.value })
      .then((x) => {
        pw.value = '';
        if (x.ok) { showSession(x.b); status.textContent = ''; return; }
        status.textContent = 'Sign-in refused: ' + x.b.refused;
        status.classList.add('refused');
      })
      .catch((err) => { pw.value = ''; status.textContent = 'Sign-in failed: ' + err; status.classList.add('refused'); });
  });
  $('sign-out').addEventListener('click', () => {
    post('/api/sign-out', {}).then((x) => { if (x.ok) { showSession(x.b); $('sign-in-status').textContent = 'Signed out.'; } });
  });

  picture.follow('/events', (s, lost) => { state = s; streamLostAt = lost; render(); });

  function live() {
    return state && state.brokerUp && !streamLostAt;
  }

  function render() {
    if (!state) return;
    picture.liveness(state, streamLostAt, live());
    picture.count(state, live());
    picture.alerts(state);
    renderZones();
    renderActions();
    document.dispatchEvent(new CustomEvent('lockstep:state', { detail: { state: state, live: live() } })); // map.js
    $('controllers').textContent = 'Controllers: ' + state.controllers.map((c) => c.id + ' ' + c.availability).join(' · ')
      + (state.rejected ? ' · refused messages: ' + state.rejected : '');
  }

  function renderZones() {
    if (!scopeFilled) {
      const sel = $('scope');
      state.zones.forEach((z) => { const o = el('option', '', 'Zone: ' + z.name); o.value = z.id; sel.appendChild(o); });
      scopeFilled = true;
    }
    picture.zones(state, live(), (d) => d.id + (d.detail ? ' — ' + d.detail : '')
      + (d.since ? ' — since ' + clock(d.since) : ''));
  }

  function renderActions() {
    const list = $('action-list');
    list.replaceChildren();
    state.actions.forEach((a) => {
      const li = el('li');
      li.dataset.action = a.id;
      let text = clock(a.sent) + ' ' + a.label + ': ' + a.accepted + ' of ' + a.expected + ' controllers accepted';
      const bad = a.controllers.filter((c) => c.answer === 'SILENT' || c.answer === 'REFUSED');
      const waiting = a.controllers.filter((c) => c.answer === 'WAITING').length;
      if (waiting) text += ' (waiting for ' + waiting + ')';
      li.appendChild(document.createTextNode(text));
      bad.forEach((c) => li.appendChild(el('span', 'bad', ' — ' + c.id + ' ' + c.answer + (c.reason ? ': ' + c.reason : ''))));
      list.appendChild(li);
    });
  }

  function note(text, refused) {
    const s = $('action-status');
    s.textContent = text;
    s.classList.toggle('refused', !!refused);
  }

  function act(action) {
    const zone = $('scope').value;
    note('Sending ' + action.replace('-', ' ').toUpperCase() + (zone ? ' (zone ' + zone + ')' : ' (site)') + '…');
    post('/api/action', zone ? { action: action, zone: zone } : { action: action })
      .then((x) => x.ok ? note('Sent ' + x.b.label + ' to ' + x.b.expected + ' controllers; answers below.')
                        : (note('REFUSED: ' + x.b.refused, true), refreshSession()))
      .catch((e) => note('NOT SENT: the console did not answer (' + e + ')', true));
  }

  // Press-and-hold: pointer (mouse, touch, pen) or Enter/Space; releasing early cancels.
  document.querySelectorAll('button.hold').forEach((b) => {
    let timer = null;
    const start = (e) => {
      if (timer) return;
      if (e) e.preventDefault();
      b.classList.add('holding');
      timer = setTimeout(() => { timer = null; b.classList.remove('holding'); act(b.dataset.action); }, HOLD_MS);
    };
    const cancel = () => {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      b.classList.remove('holding');
      note('Cancelled: hold the button about 1 second to act.');
    };
    b.addEventListener('pointerdown', start);
    ['pointerup', 'pointerleave', 'pointercancel', 'blur'].forEach((t) => b.addEventListener(t, cancel));
    b.addEventListener('keydown', (e) => { if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) start(e); });
    b.addEventListener('keyup', (e) => { if (e.key === 'Enter' || e.key === ' ') cancel(); });
    b.addEventListener('click', (e) => e.preventDefault());
    b.addEventListener('contextmenu', (e) => e.preventDefault());
  });
})();
