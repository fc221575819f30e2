/*
 * Amdahl Pages embed helper: sizes every <iframe data-amdahl-embed> on this
 * page to the height of the page it shows. Load it from the same origin as
 * the embeds: <script src="https://<studio>/embed.js" async></script>.
 * Only messages from that origin, sent by one of those iframes, are taken.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var key = '__amdahlEmbed:' + origin;
  if (window[key]) return;
  window[key] = true;
  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== 'amdahl-embed:resize' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.querySelectorAll('iframe[data-amdahl-embed]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(0, Math.min(Math.round(data.height), 100000));
        frames[i].style.height = height + 'px';
        frames[i].setAttribute('height', String(height));
        frames[i].dispatchEvent(new CustomEvent('amdahl:resize', { detail: { height: height } }));
      }
    }
  });
})();
