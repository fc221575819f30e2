/**
 * The sandbox a `Custom` node's own HTML and scripts run in. The renderer
 * draws an `<iframe sandbox="allow-scripts">` (no allow-same-origin: an
 * opaque origin, so no cookies, storage or access to the page around it)
 * whose document is this fixed bootstrap, served at SANDBOX_PATH with its own
 * Content-Security-Policy (no network at all: `default-src 'none'`, inline
 * scripts and styles only; WebRTC, which no CSP directive Chromium knows can
 * stop, is taken away before the author's scripts run). The author's HTML and the node's bound rows
 * arrive by postMessage and nothing else does. The protocol, also in
 * docs/custom-sandbox.md:
 *
 *   frame  -> parent  {type: "amdahl-custom:ready"}              the bootstrap is listening
 *   parent -> frame   {type: "amdahl-custom:render", html, rows} once; later ones are ignored
 *   frame  -> parent  {type: "amdahl-custom:size", height}       the content's height in CSS pixels, on every change
 *
 * The author's scripts read the rows as `amdahl.rows` (an array of objects
 * keyed by column), set before they run.
 */

export const SANDBOX_PATH = '/sandbox/custom';

export const CUSTOM_MESSAGES = {
  ready: 'amdahl-custom:ready',
  render: 'amdahl-custom:render',
  size: 'amdahl-custom:size',
} as const;

/** No network of any kind; inline scripts and styles; images only as data: URLs; the CSP sandbox repeats the iframe's. */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox allow-scripts',
].join('; ');

/** The tallest a Custom frame may grow to when its content asks. */
export const SANDBOX_MAX_HEIGHT = 4000;

const BOOTSTRAP = `(function () {
  // WebRTC reaches the network whatever the CSP says (Chromium knows no webrtc directive; a Custom script's STUN
  // requests reached a listener here): its constructors go before any author code runs. A frame the script makes
  // has an origin of its own, so it cannot hand back a fresh copy.
  Object.getOwnPropertyNames(window).forEach(function (name) {
    if (/^(webkit)?RTC/.test(name)) try { delete window[name]; } catch (e) {}
  });
  var parentWindow = window.parent;
  var rendered = false;
  function reportSize() {
    parentWindow.postMessage({ type: '${CUSTOM_MESSAGES.size}', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, '*');
  }
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (rendered || event.source !== parentWindow || !data || data.type !== '${CUSTOM_MESSAGES.render}') return;
    rendered = true;
    window.amdahl = Object.freeze({ rows: Array.isArray(data.rows) ? data.rows : [] });
    var holder = document.getElementById('custom');
    holder.innerHTML = String(data.html || '');
    // Scripts set through innerHTML do not run: put each back as a new element, in order.
    var scripts = holder.querySelectorAll('script');
    for (var i = 0; i < scripts.length; i++) {
      var script = document.createElement('script');
      script.textContent = scripts[i].textContent;
      scripts[i].parentNode.replaceChild(script, scripts[i]);
    }
    if (typeof ResizeObserver === 'function') new ResizeObserver(reportSize).observe(document.documentElement);
    reportSize();
  });
  parentWindow.postMessage({ type: '${CUSTOM_MESSAGES.ready}' }, '*');
})();`;

/** The bootstrap document served at SANDBOX_PATH. */
export const SANDBOX_DOCUMENT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<style>html, body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: CanvasText; background: transparent; } html { color-scheme: light dark; }</style>
</head>
<body>
<div id="custom"></div>
<script>${BOOTSTRAP}</script>
</body>
</html>
`;
