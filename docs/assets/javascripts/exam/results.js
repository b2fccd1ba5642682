/* The results of a submitted exam: pass or fail against the pass mark with the estimated
 * scaled score, a bar per domain, the chapters, question numbers, and every question with
 * its answer, filtered by wrong, flagged, unanswered or all. */
import { filterCounts, REVIEW_FILTERS } from "./logic.js";
import { actionButton, el, fragment } from "../utilities/dom.js";
import { clock, percent, thousands } from "../utilities/format.js";
import { domainName, shortNote } from "./start.js";

const VERDICTS = { correct: "correct", incorrect: "incorrect", unanswered: "not answered" };
const FILTER_LABELS = { wrong: "Wrong", flagged: "Flagged", unanswered: "Unanswered", all: "All" };

/* A table in a wrapper that scrolls on a narrow screen (and can then take focus, to scroll by keyboard). */
function table(caption, headers, rows) {
  return el("div", { class: "dva-exam__table-wrap", role: "region", "aria-label": caption, tabindex: "0" }, [el("table", { class: "dva-exam__table" }, [
    el("caption", { text: caption }),
    el("thead", {}, [el("tr", {}, headers.map((text) => el("th", { scope: "col", text: text })))]),
    el("tbody", {}, rows)
  ])]);
}

/* A bar as wide as the share (0-100); the number is in the text next to it. */
function bar(share) {
  const node = el("span", { class: "dva-exam__bar-track", "aria-hidden": "true" }, [el("span", { class: "dva-exam__bar-fill" })]);
  node.firstChild.style.width = share + "%";
  return node;
}

function reviewItem(settings, entry) {
  const q = entry.q;
  const item = entry.item;
  return el("li", {
    class: "dva-exam__review-item dva-exam__review-item--" + entry.state, id: "dva-exam-review-" + entry.number,
    "data-exam-review": q.id, "data-exam-verdict": entry.state, "data-exam-flagged": entry.flagged ? "true" : "false"
  }, [
    el("h4", { class: "dva-exam__review-title", text: "Question " + entry.number + ": " + VERDICTS[entry.state] + (entry.flagged ? " (flagged)" : "") }),
    el("p", { class: "dva-exam__tags" }, [domainName(settings, q.domain) + " \u00b7 ", el("a", { href: q.url + "#" + q.anchor, text: q.chapter || q.bank })]),
    fragment("div", "dva-exam__prompt", q.prompt, q.url),
    el("ul", { class: "dva-exam__review-choices" }, item.order.map((number) => {
      const choice = q.choices[number];
      const picked = item.chosen.indexOf(number) >= 0;
      const mark = choice.correct ? (picked ? "Correct answer, your choice" : "Correct answer") : picked ? "Your choice: incorrect" : "";
      return el("li", {
        class: "dva-exam__review-choice" + (choice.correct ? " dva-exam__review-choice--right" : "") +
          (picked ? " dva-exam__review-choice--picked" : "") + (picked && !choice.correct ? " dva-exam__review-choice--wrong" : "")
      }, [
        mark ? el("strong", { class: "dva-exam__mark", text: mark }) : null,
        fragment("div", "dva-exam__choice-text", choice.html, q.url),
        choice.explanation ? fragment("div", "dva-exam__why", choice.explanation, q.url) : null
      ]);
    })),
    fragment("div", "dva-exam__explanation", q.explanation, q.url),
    el("p", { class: "dva-exam__more" }, [el("a", { href: new URL(q.ref, q.url).href, text: "Read the notes: " + (q.ref_title || q.chapter) })])
  ]);
}

/* The results screen; `chapters` is result.chapters in the site's order, `say` speaks in
   the exam's live region. */
export function resultsScreen(settings, exam, result, chapters, say) {
  const missed = result.items.filter((entry) => entry.state !== "correct").length;
  const used = exam.submitted - exam.started;
  const unscored = settings.questions - settings.scored_questions;
  const counts = filterCounts(result.items);
  const start = "all";
  const list = el("ol", { class: "dva-exam__review", "data-exam-filter": start, "aria-labelledby": "dva-exam-review-title" },
    result.items.map((entry) => reviewItem(settings, entry)));
  const filters = el("fieldset", { class: "dva-exam__filters" }, [el("legend", { class: "dva-exam__legend", text: "Show" })].concat(
    REVIEW_FILTERS.map((filter) => el("span", { class: "dva-exam__filter" }, [
      el("input", { type: "radio", name: "dva-exam-filter", id: "dva-exam-filter-" + filter, value: filter, checked: filter === start }),
      el("label", { for: "dva-exam-filter-" + filter, text: FILTER_LABELS[filter] + " (" + counts[filter] + ")" })
    ]))));
  function applyFilter(filter, speak) {
    list.setAttribute("data-exam-filter", filter);
    const text = counts[filter] === 1 ? "1 question shown." : counts[filter] + " questions shown.";
    if (speak) say(text);
  }
  filters.addEventListener("change", (event) => applyFilter(event.target.value, true));
  const domainRows = settings.domains.filter((d) => result.domains[d.number]).map((d) => {
    const row = result.domains[d.number];
    return el("tr", {}, [
      el("th", { scope: "row", text: d.number + " " + d.name }),
      el("td", { text: String(row.total) }),
      el("td", { text: String(row.correct) }),
      el("td", { class: "dva-exam__share" }, [bar(percent(row.correct, row.total)), percent(row.correct, row.total) + "%"])
    ]);
  });
  const chapterRows = chapters.map((chapter) => el("tr", {}, [
    el("th", { scope: "row" }, [el("a", { href: chapter.url, text: chapter.title })]),
    el("td", { text: String(chapter.total) }),
    el("td", { text: String(chapter.correct) }),
    el("td", { text: percent(chapter.correct, chapter.total) + "%" })
  ]));
  const numbers = el("ol", { class: "dva-exam__numbers", "aria-label": "Questions by number" }, result.items.map((entry) =>
    el("li", {}, [el("a", {
      class: "dva-exam__number dva-exam__number--" + entry.state, href: "#dva-exam-review-" + entry.number,
      "aria-label": entry.number + ": " + VERDICTS[entry.state] + (entry.flagged ? ", flagged" : "")
    }, [String(entry.number), el("span", { "aria-hidden": "true", text: entry.state === "correct" ? "\u2713" : entry.state === "incorrect" ? "\u2717" : "\u2013" })])])));
  numbers.addEventListener("click", (event) => {
    // a number opens its question even when the filter hides it
    const link = event.target.closest("a");
    const target = link && list.querySelector(link.getAttribute("href"));
    if (target && target.offsetParent === null) {
      filters.querySelector("#dva-exam-filter-all").checked = true;
      applyFilter("all", true);
    }
  });
  applyFilter(start, false);
  return el("section", { class: "dva-exam__results", "data-exam-view": "results", "aria-labelledby": "dva-exam-results-title" }, [
    el("h2", { class: "dva-exam__title", id: "dva-exam-results-title", tabindex: "-1", text: "Results" }),
    exam.timeUp ? el("p", { class: "dva-exam__note", text: "Time is up: the exam was submitted with the answers you had given." }) : null,
    el("p", { class: "dva-exam__verdict dva-exam__verdict--" + (result.passed ? "pass" : "fail"), "data-exam-verdict": result.passed ? "pass" : "fail" }, [
      el("strong", { text: result.passed ? "Pass" : "Fail" }),
      " (estimate): an estimated scaled score of ",
      el("strong", { "data-exam-scaled": "", text: String(result.score) }),
      " against the pass mark of " + settings.passing_score + "."
    ]),
    el("p", { class: "dva-exam__score", "data-exam-score": "" }, [el("strong", { text: result.correct + " of " + result.total + " correct (" + result.percent + "%)" })]),
    el("div", { class: "dva-exam__estimate" }, [
      el("p", { class: "dva-exam__fine", text: "This is an estimate, not AWS's score: it places your share of correct answers on the " +
        settings.min_score + "\u2013" + thousands(settings.max_score) + " scale in a straight line (" + settings.min_score + " + " +
        (settings.max_score - settings.min_score) + " \u00d7 " + result.percent + "%); the pass mark is " + settings.passing_score +
        ". AWS does not publish how it scales scores, and " + unscored + " of the real exam's " + settings.questions + " questions are unscored." })
    ]),
    el("p", { class: "dva-exam__used", text: exam.timed
      ? "Time used: " + clock(Math.min(used, exam.duration)) + " of " + clock(exam.duration) + "."
      : "Untimed; you took " + clock(used) + "." }),
    exam.short.length ? el("div", { class: "dva-exam__notes" }, exam.short.map((note) => el("p", { class: "dva-exam__note", text: shortNote(settings, note) }))) : null,
    el("div", { class: "dva-exam__actions" }, [
      missed ? actionButton("data-exam-action", "missed", "Retake the ones I missed (" + missed + ")", "primary") : null,
      actionButton("data-exam-action", "retake", "Retake all " + result.total, missed ? null : "primary"),
      actionButton("data-exam-action", "new", "New exam")
    ]),
    el("h3", { text: "By domain" }),
    table("Correct answers per exam domain", ["Domain", "Questions", "Correct", "Score"], domainRows),
    el("h3", { text: "By chapter" }),
    table("Correct answers per chapter", ["Chapter", "Questions", "Correct", "Score"], chapterRows),
    el("h3", { id: "dva-exam-review-title", text: "Every question" }),
    numbers,
    filters,
    list
  ]);
}
