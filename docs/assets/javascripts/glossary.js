/* Glossary tooltips for keyboard users.
 *
 * The abbr extension marks every glossary term on a page; Material shows the
 * meaning as a tooltip on hover. To reach it from the keyboard too, the first
 * use of each term in the article can take focus (only the first: a tab stop
 * on every "EC2" of a page would make keyboard navigation tiresome). */
document$.subscribe(function () {
  "use strict";
  var seen = {};
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    var term = abbr.textContent;
    if (seen[term]) return;
    seen[term] = true;
    abbr.setAttribute("tabindex", "0");
  });
});
