/* The progress page's review and readiness parts (progress/main.js mounts them):
 * - how many questions are due for review today, with one click to review them (practice page);
 * - readiness: accuracy per exam domain and per task statement, an estimate weighted by the
 *   exam's domain weights, how many answers each figure rests on, and the tasks to study next
 *   linked to the notes sections where their missed questions are taught.
 * The figures are pure logic (practice/logic.js: readiness, studyNext). */
import { progress } from "../browser/storage.js";
import { dueNow, queueSize, review } from "../browser/review.js";
import { el } from "../utilities/dom.js";
import { listing, percent, plural } from "../utilities/format.js";
import { SITE, loadQuestions } from "../exam/questions.js";
import { readiness, studyNext } from "../practice/logic.js";

const PRACTICE = new URL("practice/", SITE).href;

function headRow(headers) {
  return el("thead", {}, [el("tr", {}, headers.map((text) => el("th", { scope: "col", text: text })))]);
}

function share(figure) {
  return figure.answered ? percent(figure.correct, figure.answered) + "%" : "\u2013";
}

export function renderReview(target, index) {
  const due = dueNow(index.byId, Date.now()).length;
  const waiting = queueSize(review.read());
  target.textContent = "";
  target.append(
    el("h2", { id: "dva-progress-review", text: "Review" }),
    el("p", { "data-progress-due": "", text: due ? plural(due, "question", "questions") + " due for review today." : "No questions are due for review today." }),
    due ? el("p", {}, [el("a", { href: PRACTICE + "?review", class: "md-button md-button--primary dva-button", text: "Review them now" })]) : null,
    el("p", { class: "dva-progress__fine", text: plural(waiting, "question is", "questions are") +
      " in the review queue. A missed question comes back the next day, then after 3 and 7 more days; " +
      "answered right each time it is due, it leaves the queue. Practise by chapter, domain or task on the " },
    [el("a", { href: PRACTICE, text: "practice page" }), "."])
  );
}

export function renderReadiness(target, index, guide) {
  const figures = readiness(index.questions, progress.read(), guide);
  target.textContent = "";
  const weights = guide.map((d) => d.weight + "%").join(", ");
  const unrated = figures.unrated.length && figures.answered
    ? " Domain" + (figures.unrated.length > 1 ? "s " : " ") + listing(figures.unrated) + (figures.unrated.length > 1 ? " have" : " has") +
      " no answers yet and " + (figures.unrated.length > 1 ? "are" : "is") + " left out."
    : "";
  const next = studyNext(figures);
  const nextList = el("ol", { class: "dva-progress__next" });
  target.append(
    el("h2", { id: "dva-progress-readiness", text: "Readiness" }),
    el("p", { "data-progress-estimate": "" }, figures.estimate === null
      ? ["No estimate yet: answer some questions first."]
      : [el("strong", { text: "Estimated readiness: " + figures.estimate + "%" }),
        " of the questions right, weighting the exam's domains as the exam does (" + weights + "), from " +
          plural(figures.answered, "answer", "answers") + "." + unrated]),
    el("p", { class: "dva-progress__fine", text: "This is an estimate, not a prediction of your exam score: it rests only on the questions of this " +
      "site you have answered (your last answer to each), and a figure that rests on few answers can change a lot." }),
    el("div", { class: "dva-progress__table-wrap" }, [el("table", { class: "dva-progress__table", "data-progress-domains": "" }, [
      el("caption", { text: "Share of right answers per exam domain, with the domain's weight on the exam and the answers it rests on" }),
      headRow(["Domain", "Weight", "Answers", "Right"]),
      el("tbody", {}, figures.domains.map((d) => el("tr", { "data-domain": String(d.number) }, [
        el("th", { scope: "row", text: d.number + ". " + d.name }),
        el("td", { text: d.weight + "%" }),
        el("td", { text: String(d.answered) }),
        el("td", { text: share(d) })
      ])))
    ])]),
    el("div", { class: "dva-progress__table-wrap" }, [el("table", { class: "dva-progress__table", "data-progress-tasks": "" }, [
      el("caption", { text: "Share of right answers per task statement, with the answers it rests on" }),
      headRow(["Task statement", "Answers", "Right"]),
      el("tbody", {}, figures.tasks.map((t) => el("tr", { "data-task": t.task }, [
        el("th", { scope: "row", text: t.task + " " + t.name }),
        el("td", { text: String(t.answered) }),
        el("td", { text: share(t) })
      ])))
    ])]),
    el("h3", { id: "dva-progress-next", text: "Tasks to study next" }),
    next.length ? nextList : el("p", { text: figures.answered ? "None: every task statement you answered is all right." : "Nothing yet: answer some questions first." })
  );
  if (!next.length) return;
  // the notes sections where each task's missed questions are taught (full questions carry the section)
  loadQuestions(next.flatMap((t) => t.missed)).then((questions) => {
    const byId = {};
    questions.forEach((q) => { byId[q.id] = q; });
    next.forEach((t) => {
      const sections = [];
      t.missed.forEach((id) => {
        const q = byId[id];
        if (!q) return;
        const pageUrl = q.url || new URL(q.page, SITE).href;
        const href = q.ref ? new URL(q.ref, pageUrl).href : pageUrl;
        if (!sections.some((s) => s.href === href)) sections.push({ href: href, text: q.chapter + (q.ref_title ? ": " + q.ref_title : "") });
      });
      const links = [];
      sections.slice(0, 3).forEach((s, number) => {
        if (number) links.push(", ");
        links.push(el("a", { href: s.href, text: s.text }));
      });
      nextList.appendChild(el("li", { "data-next-task": t.task }, [
        el("strong", { text: "Task " + t.task + " " + t.name }),
        " \u2013 " + t.correct + " of " + plural(t.answered, "answer", "answers") + " right. Read: ", ...links
      ]));
    });
  }, () => {
    next.forEach((t) => nextList.appendChild(el("li", { "data-next-task": t.task, text: "Task " + t.task + " " + t.name +
      " \u2013 " + t.correct + " of " + plural(t.answered, "answer", "answers") + " right." })));
  });
}
