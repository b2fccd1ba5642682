/* Names for landmarks that Material's own script adds to the page.
 *
 * Each code block gets a <nav> holding its copy button; several unnamed <nav>
 * landmarks on one page cannot be told apart by screen-reader users (axe:
 * landmark-unique). Each gets the name of the block it belongs to. */
document$.subscribe(function () {
  "use strict";
  document.querySelectorAll("article .md-code__nav:not([aria-label])").forEach(function (nav, index) {
    nav.setAttribute("aria-label", "Code block " + (index + 1));
  });
});
