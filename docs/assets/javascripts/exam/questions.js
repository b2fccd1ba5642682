/* The question index that the quiz hook writes at build time (assets/quiz-index.json),
 * shared by the exam and the progress page. Question HTML in it was made safe by the build. */
import { has, isCount, isObject } from "../utilities/checks.js";

// This file is assets/javascripts/exam/questions.js: the site's root is three levels up,
// so the pages work under any path prefix and after instant navigation.
export const SITE = new URL("../../../", import.meta.url).href;
const INDEX_URL = new URL("assets/quiz-index.json", SITE).href;

let request = null;

export function loadIndex() {
  if (!request) {
    request = fetch(INDEX_URL, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((data) => makeIndex(data, SITE));
    request.catch(() => { request = null; }); // try again on the next visit
  }
  return request;
}

/* The index's questions by id and by chapter page; each question gains `url` and `right`. */
export function makeIndex(data, site) {
  if (!isObject(data) || data.version !== 1 || !Array.isArray(data.questions)) throw new Error("unknown index format");
  const index = { questions: [], byId: {}, chapters: [], byPage: {} };
  data.questions.forEach((q) => {
    const ok = isObject(q) && typeof q.id === "string" && typeof q.hash === "string" && typeof q.page === "string" &&
      Array.isArray(q.choices) && q.choices.length > 1 && isCount(q.domain) && !has(index.byId, q.id);
    if (!ok) return;
    q.url = new URL(q.page, site).href;
    q.right = q.choices.map((choice, number) => (choice.correct ? number : -1)).filter((number) => number >= 0);
    q.choiceCount = q.choices.length;
    q.rightCount = q.right.length;
    index.byId[q.id] = q;
    index.questions.push(q);
    if (!has(index.byPage, q.page)) {
      index.byPage[q.page] = { title: q.chapter || q.bank, url: q.url, questions: [] };
      index.chapters.push(index.byPage[q.page]);
    }
    index.byPage[q.page].questions.push(q);
  });
  if (!index.questions.length) throw new Error("the index holds no questions");
  return index;
}

/* The full questions (prompt, choices with explanations, right) for these ids, in their
 * order; unknown ids are left out. Index entries carry only what drawing an exam and counting
 * progress need (id, hash, page, url, chapter, domain, task, choiceCount, rightCount). */
export function loadQuestions(ids) {
  return loadIndex().then((index) => ids.filter((id) => has(index.byId, id)).map((id) => index.byId[id]));
}

/* Chapters in the order of the site's navigation (the index follows the build's order). */
export function navOrder(chapters) {
  const order = {};
  document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach((link, position) => {
    const url = new URL(link.getAttribute("href"), location.href);
    url.hash = "";
    if (!has(order, url.href)) order[url.href] = position;
  });
  return chapters.slice().sort((a, b) => {
    const x = has(order, a.url) ? order[a.url] : Infinity;
    const y = has(order, b.url) ? order[b.url] : Infinity;
    return x === y ? 0 : x < y ? -1 : 1;
  });
}
