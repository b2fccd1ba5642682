/* The progress page's figures: answered and correct per chapter, the sections to revisit,
 * and the practice exams. Only renders; progress/main.js mounts it and owns the data controls. */
import { progress, storedAnswer } from "../browser/storage.js";
import { exams } from "../browser/exam-records.js";
import { has } from "../utilities/checks.js";
import { el, timeElement } from "../utilities/dom.js";
import { percent } from "../utilities/format.js";
import { SITE } from "../exam/questions.js";

/* The sections with the most missed answers: lowest share correct first, then most missed. */
export function weakSections(sections, limit = 5) {
  return sections.filter((s) => s.correct < s.answered).sort((a, b) =>
    a.correct / a.answered - b.correct / b.answered || (b.answered - b.correct) - (a.answered - a.correct) || a.order - b.order
  ).slice(0, limit);
}

function headRow(headers) {
  return el("thead", {}, [el("tr", {}, headers.map((text) => el("th", { scope: "col", text: text })))]);
}

export function renderSummary(target, index, chapters) {
  const store = progress.read();
  let answered = 0;
  let correct = 0;
  const sections = {};
  const sectionList = [];
  const rows = chapters.map((chapter) => {
    let done = 0;
    let right = 0;
    chapter.questions.forEach((q) => {
      const entry = storedAnswer(store, q.id, q.hash, q.choiceCount);
      if (!entry) return;
      done++;
      if (entry.correct) right++;
      const key = q.page + q.ref;
      if (!has(sections, key)) {
        sections[key] = { title: chapter.title + ": " + (q.ref_title || q.ref), url: new URL(q.ref, q.url).href, answered: 0, correct: 0, order: sectionList.length };
        sectionList.push(sections[key]);
      }
      sections[key].answered++;
      if (entry.correct) sections[key].correct++;
    });
    answered += done;
    correct += right;
    const total = chapter.questions.length;
    return el("tr", { "data-progress-chapter": chapter.title }, [
      el("th", { scope: "row" }, [el("a", { href: chapter.url, text: chapter.title })]),
      el("td", { "data-progress-answered": "", text: done + " of " + total }),
      el("td", { "data-progress-correct": "", text: String(right) }),
      el("td", { class: "dva-progress__mastery" }, [
        el("progress", { max: String(total), value: String(right), "aria-label": "Mastery of " + chapter.title }),
        el("span", { "data-progress-mastery": "", text: percent(right, total) + "%" })
      ])
    ]);
  });
  const weak = weakSections(sectionList);
  const state = exams.read();
  const history = state.history.slice().reverse();
  const examUrl = new URL("exam/", SITE).href;
  target.textContent = "";
  [
    el("h2", { id: "dva-progress-chapters", text: "By chapter" }),
    el("p", { "data-progress-total": "", text: "You have answered " + answered + " of the " + index.questions.length +
      " questions, " + correct + " of them correctly." }),
    el("div", { class: "dva-progress__table-wrap" }, [el("table", { class: "dva-progress__table" }, [
      el("caption", { text: "Questions answered and correct per chapter; mastery is the share of a chapter's questions answered correctly" }),
      headRow(["Chapter", "Answered", "Correct", "Mastery"]),
      el("tbody", {}, rows)
    ])]),
    el("h2", { id: "dva-progress-revisit", text: "Sections to revisit" }),
    weak.length ? el("ol", { class: "dva-progress__weak" }, weak.map((s) =>
      el("li", {}, [el("a", { href: s.url, text: s.title }), " \u2013 " + s.correct + " of " + s.answered + " correct"])))
      : el("p", { text: answered ? "Nothing to revisit: every question you answered is right." : "Nothing yet: answer some questions first." }),
    el("h2", { id: "dva-progress-exams", text: "Practice exams" }),
    state.current ? el("p", { class: "dva-progress__note" }, [
      "An exam is in progress (" + state.current.questions.filter((item) => item.chosen.length).length + " of " +
        state.current.questions.length + " answered). ",
      el("a", { href: examUrl, text: "Go back to it" })
    ]) : null,
    history.length ? el("div", { class: "dva-progress__table-wrap" }, [el("table", { class: "dva-progress__table dva-progress__history" }, [
      el("caption", { text: "Your practice exams, newest first; the score is an estimate" }),
      headRow(["Date", "Questions", "Correct", "Estimated score"]),
      el("tbody", {}, history.map((entry) => el("tr", {}, [
        el("td", {}, [timeElement(entry.at)]),
        el("td", { text: String(entry.questions) + (entry.kind === "missed" ? " (missed ones)" : "") }),
        el("td", { text: entry.correct + " (" + percent(entry.correct, entry.questions) + "%)" }),
        el("td", { text: entry.score + (entry.passed ? " (pass)" : " (below the pass mark)") + (entry.timeUp ? "; time ran out" : "") })
      ])))
    ])]) : el("p", {}, ["No exams yet. ", el("a", { href: examUrl, text: "Take a practice exam" }), "."])
  ].forEach((child) => { if (child) target.appendChild(child); });
}
