package org.lockstep.controller.mqtt;

/**
 * The scripts {@link PageLatencyBenchmark} runs in the console's page: they stamp, on the page's own clock
 * ({@code performance.timeOrigin + performance.now()}), when the page posts the action, when the push that shows every
 * door secured was parsed, when the count says so in the DOM and the next animation frame. The page keeps the stamps;
 * the benchmark reads them once per run. Nothing here changes what the page does: the wrappers call the originals.
 */
final class PageStamps {
    private PageStamps() {}

    /** Once after the page loaded; arguments[0] is the count's text with every door secured ("32 of 32 doors secured"). */
    static final String INSTALL = """
            const want = arguments[0];
            const b = window.__bench = { post: null, dom: null, frame: null, pushIn: null, lastParse: null, done: null,
              taken: null, heard: null, lastTaken: null, lastHeard: null };
            const now = () => performance.timeOrigin + performance.now();
            // console.js's act() posts with the global fetch: the first POST of /api/action after ARM is the press.
            const realFetch = window.fetch;
            window.fetch = function (url, opts) {
              if (b.post === null && String(url).endsWith('/api/action') && opts && opts.method === 'POST') b.post = now();
              return realFetch.apply(this, arguments);
            };
            // picture.js parses every 'state' push with JSON.parse (the page's only caller): its start is "push in".
            // The picture itself says when the console took it ("now") and last heard the broker ("lastLive"), on the
            // console's wall clock (System.currentTimeMillis, ms; this machine's clock, as the benchmark's JVM reads it).
            const realParse = JSON.parse;
            JSON.parse = function () {
              b.lastParse = now();
              const r = realParse.apply(this, arguments);
              if (r && r.now) { b.lastTaken = Date.parse(r.now); b.lastHeard = r.lastLive ? Date.parse(r.lastLive) : null; }
              return r;
            };
            // Observers run once the script that changed the DOM is done: here, after the whole redraw of that push.
            const count = document.getElementById('count-text');
            new MutationObserver(() => {
              if (b.post === null || b.dom !== null || !count.textContent.startsWith(want)) return;
              b.dom = now();
              b.pushIn = b.lastParse;
              b.taken = b.lastTaken;
              b.heard = b.lastHeard;
              requestAnimationFrame(() => { b.frame = now(); if (b.done) b.done(); });
            }).observe(count, { childList: true, characterData: true, subtree: true });
            """;

    /** Before each press: forget the last run's stamps. */
    static final String ARM = """
            Object.assign(window.__bench, { post: null, dom: null, frame: null, pushIn: null, done: null, taken: null,
              heard: null });
            """;

    /** Async: the run's stamps, as soon as the frame is stamped (at once if it already is). */
    static final String READ = """
            const callback = arguments[arguments.length - 1];
            const b = window.__bench;
            const give = () => callback({ post: b.post, dom: b.dom, frame: b.frame, pushIn: b.pushIn, taken: b.taken,
              heard: b.heard });
            if (b.frame !== null) give(); else b.done = give;
            """;

    /** Async: the size in bytes of one 'state' push, from a stream of its own (closed at once). */
    static final String PUSH_SIZE = """
            const callback = arguments[arguments.length - 1];
            const source = new EventSource('/events');
            source.addEventListener('state', (e) => { source.close(); callback(new TextEncoder().encode(e.data).length); });
            """;
}
