// The responder view (/r/TOKEN): the office page's picture (banners, count, alerts, doors by zone; map.js draws the
// map) with no actions and no sign-in. Its stream is /r/TOKEN/events; when the link is revoked the console closes it
// and the page shows NOT LIVE. The drawing is picture.js, shared with the office page; this is a separate file so
// the office page's actions and session code never load here.
'use strict';
(function () {
  const STREAM_QUIET_MS = 3500;    // the server pushes at least every second: past this the stream is lost
  let lastEventAt = 0;
  let streamLostAt = null;
  let state = null;

  const picture = window.LockstepPicture; // picture.js: what this page and the office page both draw
  const { $ } = picture;

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
    picture.liveness(state, streamLostAt, live(),
      ' If this stays, the link may have been revoked: ask the school for a new one.');
    picture.count(state, live());
    picture.alerts(state);
    picture.zones(state, live(), (d) => d.id + (d.cell ? ' — grid ' + d.cell : '')
      + (d.since ? ' — since ' + picture.clock(d.since) : ''));
    document.dispatchEvent(new CustomEvent('lockstep:state', { detail: { state: state, live: live() } })); // map.js
    $('controllers').textContent = 'Controllers: ' + state.controllers.map((c) => c.id + ' ' + c.availability).join(' · ');
  }
})();
