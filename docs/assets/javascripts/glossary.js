/* Glossary tooltips, on hover and on keyboard focus.
 *
 * The abbr extension marks glossary terms (hooks/glossary.py keeps the first use of each
 * term on a page). The meaning shows in a tooltip drawn with Material's own tooltip styles,
 * but set up by one listener for the whole page when a term is pointed at or focused:
 * Material's `content.tooltips` set up every titled element of a page as it loaded, which
 * kept a phone's main thread busy. The first use of each term in the article can take
 * focus (only the first: a tab stop on every "EC2" of a page would make keyboard
 * navigation tiresome); Escape hides the tooltip. */
(function () {
  "use strict";
  var TERM = "article abbr[title], article abbr[data-dva-title]";
  var shown = null; // {host, node}

  function hide() {
    if (!shown) return;
    shown.host.setAttribute("title", shown.host.getAttribute("data-dva-title"));
    shown.host.removeAttribute("data-dva-title");
    shown.host.removeAttribute("aria-describedby");
    shown.node.remove();
    shown = null;
  }

  function show(host) {
    if (shown && shown.host === host) return;
    hide();
    var title = host.getAttribute("title");
    if (!title) return;
    var node = document.createElement("div");
    node.className = "md-tooltip2 md-tooltip2--bottom";
    node.setAttribute("role", "tooltip");
    node.id = "dva-glossary-tooltip";
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = title;
    node.appendChild(inner);
    // the title moves to the tooltip while it shows, so the browser's own does not show too
    host.setAttribute("data-dva-title", title);
    host.removeAttribute("title");
    host.setAttribute("aria-describedby", node.id);
    var box = host.getBoundingClientRect();
    node.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    node.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    node.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    node.style.setProperty("--md-tooltip-y", box.height + 8 + "px");
    node.style.setProperty("--md-tooltip-tail", "0px");
    document.body.appendChild(node);
    node.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
    shown = { host: host, node: node };
    requestAnimationFrame(function () {
      if (shown && shown.node === node) node.classList.add("md-tooltip2--active");
    });
  }

  function term(target) {
    return target instanceof Element ? target.closest(TERM) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var host = term(event.target);
    if (host) show(host);
  });
  document.addEventListener("mouseout", function (event) {
    if (shown && term(event.target) === shown.host && !shown.host.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (event) {
    var host = term(event.target);
    if (host) show(host);
    else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (shown && event.target === shown.host) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  if (!window.document$) return;
  document$.subscribe(function () {
    hide(); // instant navigation replaced the page under the tooltip
    var seen = {};
    document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
      var word = abbr.textContent;
      if (seen[word]) return;
      seen[word] = true;
      abbr.setAttribute("tabindex", "0");
    });
  });
})();
