/* The questions as the quiz hook writes them at build time, shared by the exam, the
 * progress page and the chapter quizzes:
 * - assets/quiz-index.json, the slim index: {"version": 2, "fields": [...], "chapters":
 *   [{"page", "title", "bank"}], "sections": [[chapter number, ref, heading], ...],
 *   "questions": [[id, hash, chapter number, domain, task, number of choices, number of
 *   right choices, section number], ...]}. loadIndex() makes entries with id, hash, page,
 *   url, chapter, bank, domain, task, choiceCount, rightCount, ref, ref_title: enough to
 *   draw an exam and count progress, small enough for any page.
 * - assets/questions/<id>.json, one question with everything shown (prompt, choices with
 *   explanations, ref...). loadQuestions(ids) fetches them when they are shown; each
 *   gains `url` (its page) and `right` (the indexes of its correct choices).
 * Question HTML in them was made safe by the build. */
import { has, isCount, isObject } from "../utilities/checks.js";

// This file is assets/javascripts/exam/questions.js: the site's root is three levels up,
// so the pages work under any path prefix and after instant navigation.
export const SITE = new URL("../../../", import.meta.url).href;
const INDEX_URL = new URL("assets/quiz-index.json", SITE).href;
const QUESTION_URL = new URL("assets/questions/", SITE).href;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

let request = null;

function getJson(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  });
}

export function loadIndex() {
  if (!request) {
    request = getJson(INDEX_URL).then((data) => makeIndex(data, SITE));
    request.catch(() => { request = null; }); // try again on the next visit
  }
  return request;
}

/* The index's questions by id and by chapter page (pure: tested by node --test). */
export function makeIndex(data, site) {
  if (!isObject(data) || data.version !== 2 || !Array.isArray(data.questions) || !Array.isArray(data.chapters)) {
    throw new Error("unknown index format");
  }
  const chapters = data.chapters.map((chapter) =>
    isObject(chapter) && typeof chapter.page === "string" && typeof chapter.title === "string" ? chapter : null);
  const index = { questions: [], byId: {}, chapters: [], byPage: {} };
  data.questions.forEach((row) => {
    if (!Array.isArray(row) || row.length < 7) return;
    const [id, hash, number, domain, task, choiceCount, rightCount, sectionNumber] = row;
    const section = Array.isArray(data.sections) && isCount(sectionNumber) && Array.isArray(data.sections[sectionNumber]) ? data.sections[sectionNumber] : [];
    const chapter = isCount(number) && chapters[number];
    const ok = typeof id === "string" && ID.test(id) && typeof hash === "string" && chapter && isCount(domain) &&
      (task === null || typeof task === "string") && isCount(choiceCount) && choiceCount > 1 &&
      isCount(rightCount) && rightCount > 0 && rightCount < choiceCount && !has(index.byId, id);
    if (!ok) return;
    const q = {
      id: id, hash: hash, page: chapter.page, url: new URL(chapter.page, site).href, chapter: chapter.title,
      bank: chapter.bank, domain: domain, task: task, choiceCount: choiceCount, rightCount: rightCount,
      ref: typeof section[1] === "string" ? section[1] : "", ref_title: typeof section[2] === "string" ? section[2] : ""
    };
    index.byId[id] = q;
    index.questions.push(q);
    if (!has(index.byPage, q.page)) {
      index.byPage[q.page] = { title: q.chapter, url: q.url, questions: [] };
      index.chapters.push(index.byPage[q.page]);
    }
    index.byPage[q.page].questions.push(q);
  });
  if (!index.questions.length) throw new Error("the index holds no questions");
  return index;
}

/* A fetched question made ready to show, or null when it is not what its entry says. */
export function makeQuestion(data, id, site) {
  const ok = isObject(data) && data.id === id && typeof data.hash === "string" && typeof data.page === "string" &&
    typeof data.prompt === "string" && Array.isArray(data.choices) && data.choices.length > 1 &&
    data.choices.every((choice) => isObject(choice) && typeof choice.html === "string" && typeof choice.correct === "boolean");
  if (!ok) return null;
  data.url = new URL(data.page, site).href;
  data.right = data.choices.map((choice, number) => (choice.correct ? number : -1)).filter((number) => number >= 0);
  return data.right.length ? data : null;
}

const questions = {}; // id -> Promise of the question, for the visit

function loadQuestion(id) {
  if (!ID.test(id)) return Promise.reject(new Error("not a question id: " + id));
  if (!has(questions, id)) {
    questions[id] = getJson(QUESTION_URL + id + ".json").then((data) => {
      const q = makeQuestion(data, id, SITE);
      if (!q) throw new Error("question " + id + " is damaged");
      return q;
    });
    questions[id].catch(() => { delete questions[id]; }); // try again next time
  }
  return questions[id];
}

/* The full questions for these ids, in their order; rejects when one cannot be loaded. */
export function loadQuestions(ids) {
  return Promise.all(ids.map(loadQuestion));
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
