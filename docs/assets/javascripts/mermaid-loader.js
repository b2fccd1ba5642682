/* Serve Mermaid from this site, and only to pages that draw a diagram.
 *
 * Material renders `pre.mermaid` blocks itself and, when `window.mermaid` is
 * undefined, fetches Mermaid from a CDN. This stand-in is defined on every page
 * (it is tiny) so Material never does that: the first time Material asks it to
 * render, it loads the pinned copy shipped under assets/vendor/ and hands over.
 * Pages without a diagram never call it, so they never download Mermaid. */
(function () {
  "use strict";
  var src = new URL("../vendor/mermaid/mermaid-11.17.2.min.js", document.currentScript.src).href;
  var config = null;
  var ready = null;
  var standIn = {
    initialize: function (options) { config = options; },
    render: function (id, text) {
      return load().then(function (real) { return real.render(id, text); });
    }
  };

  function load() {
    if (!ready) {
      ready = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          var real = window.mermaid;
          if (!real || real === standIn) { reject(new Error("Mermaid did not load from " + src)); return; }
          if (config) real.initialize(config);
          resolve(real);
        };
        script.onerror = function () { reject(new Error("Mermaid could not be loaded from " + src)); };
        document.head.appendChild(script);
      });
    }
    return ready;
  }

  window.mermaid = standIn;
})();
