// The responder view (/r/TOKEN): the office page's picture (banners, count, alerts, doors by zone; map.js draws the
// map) with no actions and no sign-in. Its stream is /r/TOKEN/events; when the link is revoked the console closes it
// and the page shows NOT LIVE. The drawing is picture.js, shared with the office page; this is a separate file so
// the office page's actions and session code never load here.
'use strict';
(function () {
  let streamLostAt = null;
  let state = null;

  const picture = window.LockstepPicture; // picture.js: what this page and the office page both draw
  const { $ } = picture;

  picture.follow(location.pathname.replace(/\/+$/, '') + '/events', (s, lost) => {
    state = s;
    streamLostAt = lost;
    render();
  });

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
