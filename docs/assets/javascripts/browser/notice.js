/* Tells the learner when the browser's storage lets them down (browser/storage.js reports
 * it): a write that could not be kept, or damaged data kept aside. Each cause is shown once
 * per visit, as a div.dva-notice[role=alert] (styles: stylesheets/site.css) where the page
 * last asked for it (placeNotices: next to the quiz question just checked, at the top of
 * the exam), else at the top of the article. The progress page shows damaged data itself
 * (progress/kept-aside.js), so "damaged" is not repeated there. */
import { onStorageProblem } from "./storage.js";

// This file is assets/javascripts/browser/notice.js: the site's root is three levels up.
const PROGRESS_URL = new URL("../../../progress/", import.meta.url).href;

const TEXTS = {
  full: "Not saved: this browser's storage for the site is full, so your latest answers are kept for this visit only. " +
    "To keep them, export your progress from the Progress page now, then free space in your browser (delete data of sites you no longer need).",
  blocked: "Not saved: this browser does not let the site store anything (storage is blocked, or a private window), " +
    "so your answers are kept for this visit only. Export your progress from the Progress page before you leave, or allow site data for this site.",
  newer: "Not saved: the progress stored in this browser was written by a newer version of this site, and this page leaves it as it is. " +
    "Your latest answers are kept for this visit only. Reload the page to get the newer version.",
  damaged: "Part of the progress stored in this browser is damaged and cannot be used. A copy of it was kept aside; " +
    "the Progress page lets you download or discard it."
};

const shown = {};
let spot = null;

/* Where the next notice goes: into `parent`, before `before` (null: at its end). */
export function placeNotices(parent, before) {
  spot = { parent: parent, before: before || null };
}

function show(cause) {
  if (shown[cause] || !TEXTS[cause] || typeof document === "undefined") return;
  if (cause === "damaged" && document.querySelector("[data-progress]")) return;
  const article = document.querySelector(".md-content__inner");
  const where = spot && spot.parent.isConnected ? spot : article && { parent: article, before: article.querySelector("h1 + *") };
  if (!where) return;
  shown[cause] = true;
  const node = document.createElement("div");
  node.className = "dva-notice";
  node.setAttribute("role", "alert");
  node.setAttribute("data-dva-notice", cause);
  const text = document.createElement("p");
  text.textContent = TEXTS[cause];
  if (!document.querySelector("[data-progress]")) {
    const link = document.createElement("a");
    link.href = PROGRESS_URL;
    link.textContent = "Go to the Progress page";
    text.append(" ", link);
  }
  node.appendChild(text);
  where.parent.insertBefore(node, where.before && where.before.parentNode === where.parent ? where.before : null);
}

onStorageProblem(show);
