/* "N questions due for review today" on the home page (div[data-due] in docs/index.md). Light on
 * purpose: it reads only the review schedule in this browser ("dva-review", browser/review.js)
 * and loads no question index, so the home page stays small. A question removed from the site
 * may be counted here until the practice or progress page has matched the queue to the site. */
import { dueIds, review } from "../browser/review.js";
import { el } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";

// This file is assets/javascripts/practice/due.js: the site's root is three levels up.
const PRACTICE = new URL("../../../practice/", import.meta.url).href;

function setupDue(root) {
  const due = dueIds(review.read(), Date.now()).length;
  root.textContent = "";
  root.hidden = !due;
  if (!due) return;
  root.append(el("p", { class: "dva-due__text" }, [
    el("strong", { "data-due-count": "", text: plural(due, "question", "questions") + " due for review today." }), " ",
    el("a", { href: PRACTICE + "?review", class: "dva-due__link", text: "Review them now" })
  ]));
}

// Material emits document$ on the first load and after every instant navigation.
document$.subscribe(() => document.querySelectorAll("[data-due]").forEach(setupDue));
