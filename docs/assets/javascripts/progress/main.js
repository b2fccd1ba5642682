/* The progress page (docs/progress.md, div[data-progress], with the exam guide's domains in
 * data-progress-guide): the review queue and readiness (readiness.js), the figures
 * (summary.js), and export, import and reset of the stored progress: the answers, the exams
 * and the review schedule with the practice history (browser/review.js). Export skips damaged
 * entries and counts them; import offers "Merge" (newest answer per question) or "Replace".
 * Reset asks first and can be undone until the page is left (the deleted data is kept in
 * memory until then). Damaged data kept aside and the history limit: kept-aside.js. Another
 * tab's changes show at once (`storage` event); browser/notice.js says when a write fails. */
import { EXAM_KEY, PROGRESS_KEY, onStoreChange, progress, snapshot } from "../browser/storage.js";
import { placeNotices } from "../browser/notice.js";
import { KeptAside } from "./kept-aside.js";
import { exams, mergeImport, prepareExport, readExport } from "../browser/exam-records.js";
import { REVIEW_KEY, review } from "../browser/review.js";
import { actionButton, announce, el, formatDate, loadProblem } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";
import { loadIndex, navOrder } from "../exam/questions.js";
import { renderSummary } from "./summary.js";
import { renderReadiness, renderReview } from "./readiness.js";

function progressButton(action, text, variant) {
  return actionButton("data-progress-action", action, text, variant);
}

class ProgressApp {
  constructor(root, index, guide) {
    this.root = root;
    this.index = index;
    this.guide = guide;
    this.reviewPart = el("div", { class: "dva-progress__review" });
    this.readiness = el("div", { class: "dva-progress__readiness" });
    this.chapters = navOrder(index.chapters);
    this.summary = el("div", { class: "dva-progress__summary" });
    this.message = el("div", { class: "dva-progress__message", tabindex: "-1" });
    this.status = el("p", { class: "dva-progress__status", role: "status" });
    this.pending = null;
    this.undo = null;
    this.keptAside = new KeptAside((text, focus) => {
      this.tell(text);
      if (focus) this.message.focus();
    });
    root.textContent = "";
    root.append(this.reviewPart, this.readiness, this.summary, this.keptAside.node, this.controls());
    placeNotices(root, root.firstChild);
    const follow = () => {
      if (!root.isConnected) return false; // instant navigation left the page
      this.render();
      return true;
    };
    onStoreChange(PROGRESS_KEY, follow);
    onStoreChange(EXAM_KEY, follow);
    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-progress-action]");
      if (!button || button.disabled) return;
      const action = button.getAttribute("data-progress-action");
      if (action === "export") this.exportFile();
      else if (action === "import") this.applyImport(false);
      else if (action === "merge") this.applyImport(true);
      else if (action === "cancel") this.cancel();
      else if (action === "reset") this.askReset();
      else if (action === "confirm-reset") this.reset();
      else if (action === "undo-reset") this.undoReset();
    });
  }

  render() {
    renderSummary(this.summary, this.index, this.chapters);
    this.keptAside.render();
    renderReview(this.reviewPart, this.index);
    renderReadiness(this.readiness, this.index, this.guide);
  }

  /* A message on the page (with an optional button), announced to screen readers. */
  tell(text, problem, button) {
    this.message.textContent = "";
    this.message.classList.toggle("dva-progress__message--problem", !!problem);
    this.message.appendChild(el("p", { text: text }));
    if (button) this.message.appendChild(el("div", { class: "dva-progress__actions" }, [button]));
    announce(this.status, text);
  }

  controls() {
    this.file = el("input", { type: "file", id: "dva-progress-file", class: "dva-progress__file", accept: ".json,application/json" });
    this.file.addEventListener("change", () => {
      if (this.file.files && this.file.files[0]) this.readImport(this.file.files[0]);
    });
    this.confirm = el("div", { class: "dva-progress__confirm", hidden: true, tabindex: "-1", role: "group", "aria-labelledby": "dva-progress-confirm-text" });
    return el("section", { class: "dva-progress__data", "aria-labelledby": "dva-progress-data" }, [
      el("h2", { id: "dva-progress-data", text: "Keep, move or reset your progress" }),
      el("div", { class: "dva-progress__actions" }, [progressButton("export", "Export progress to a file")]),
      el("div", { class: "dva-progress__import" }, [
        el("label", { for: "dva-progress-file", text: "Import progress from a file (you then choose to merge it with what this browser holds, or replace it)" }),
        this.file
      ]),
      el("div", { class: "dva-progress__actions" }, [progressButton("reset", "Reset all progress\u2026", "danger")]),
      this.confirm,
      this.message,
      this.status
    ]);
  }

  exportFile() {
    const now = new Date();
    const prepared = prepareExport(progress.read(), exams.read(), review.read(), now);
    const data = prepared.file;
    const name = "dva-c02-progress-" + now.toISOString().slice(0, 10) + ".json";
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    el("a", { href: url, download: name }).click(); // never in the page: instant navigation must not see it
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this.tell("Exported " + plural(prepared.answers, "answer", "answers") +
      (prepared.skipped ? ", skipped " + plural(prepared.skipped, "damaged entry", "damaged entries") : "") + ", to " + name + ".");
  }

  readImport(file) {
    this.cancel();
    if (file.size > 20 * 1024 * 1024) {
      this.refuse("the file is too large for a progress file");
      return;
    }
    file.text().then((text) => {
      const found = readExport(text);
      if (found.problem) {
        this.refuse(found.problem);
        return;
      }
      this.pending = found;
      const exported = typeof found.exported === "string" ? Date.parse(found.exported) : NaN;
      this.ask("The file holds " + holds(found) + (isNaN(exported) ? "" : ", exported " + formatDate(exported)) +
        ". Merge it with the progress in this browser (for each question the newer answer is kept), or replace that progress with it?",
      [progressButton("merge", "Merge with my progress", "primary"), progressButton("import", "Replace my progress")]);
    }, () => this.refuse("the file could not be read"));
  }

  ask(text, confirmButtons) {
    this.confirm.textContent = "";
    this.confirm.appendChild(el("p", { id: "dva-progress-confirm-text", text: text }));
    this.confirm.appendChild(el("div", { class: "dva-progress__actions" }, [].concat(confirmButtons, [progressButton("cancel", "Cancel")])));
    this.confirm.hidden = false;
    this.confirm.focus();
  }

  refuse(problem) {
    this.file.value = "";
    this.tell("Not imported: " + problem + ". Your progress is unchanged.", true);
  }

  /* merge: keep the newest of both per question (exam-records.js mergeImport); otherwise replace. */
  applyImport(merge) {
    const found = this.pending;
    if (!found) return;
    const result = merge ? mergeImport({ answers: progress.read(), exams: exams.read(), review: review.read() }, found) : found;
    const storedAnswers = progress.write(result.answers);
    const storedExams = exams.write(result.exams);
    const stored = review.write(result.review) && storedAnswers && storedExams;
    this.cancel();
    this.render();
    this.tell((merge ? "Progress merged: you now have " : "Progress imported: ") + holds(result) + "." +
      (stored ? "" : " This browser does not let the site store it, so it lasts for this visit only."));
    this.message.focus();
  }

  askReset() {
    this.cancel();
    this.ask("Delete every answer, practice exam and review schedule this site keeps in this browser, including an exam in progress? " +
      "You can undo this until you leave the page; export your progress first to keep a copy.",
    progressButton("confirm-reset", "Delete all progress", "danger-filled"));
  }

  reset() {
    this.undo = { [PROGRESS_KEY]: snapshot(progress.read()), [EXAM_KEY]: snapshot(exams.read()), [REVIEW_KEY]: snapshot(review.read()) };
    progress.remove();
    exams.remove();
    review.remove();
    this.cancel();
    this.render();
    this.tell("All progress was deleted.", false, progressButton("undo-reset", "Undo"));
    this.message.focus();
  }

  undoReset() {
    if (!this.undo) return;
    progress.write(this.undo[PROGRESS_KEY]);
    exams.write(this.undo[EXAM_KEY]);
    review.write(this.undo[REVIEW_KEY]);
    this.undo = null;
    this.render();
    this.tell("Your progress is back.");
    this.message.focus();
  }

  cancel() {
    const wasOpen = !this.confirm.hidden;
    this.pending = null;
    this.file.value = "";
    this.confirm.hidden = true;
    this.confirm.textContent = "";
    if (wasOpen && !this.root.contains(document.activeElement)) this.message.focus();
  }
}

/* "2 answered questions and 1 practice exam" (with the review queue when it has any) */
function holds(found) {
  const queued = Object.keys(found.review.questions).filter((id) => found.review.questions[id].box > 0).length;
  return plural(Object.keys(found.answers.questions).length, "answered question", "answered questions") +
    (queued ? ", " + plural(queued, "question", "questions") + " in the review queue" : "") +
    " and " + plural(found.exams.history.length, "practice exam", "practice exams");
}

function readGuide(text) {
  try {
    const guide = JSON.parse(text);
    return Array.isArray(guide) && guide.every((d) => d && typeof d.number === "number" && typeof d.weight === "number" && d.tasks) ? guide : [];
  } catch (error) {
    return [];
  }
}

function setupProgress(root) {
  if (root.hasAttribute("data-progress-ready")) return;
  root.setAttribute("data-progress-ready", "");
  root.textContent = "";
  root.appendChild(el("p", { class: "dva-progress__loading", text: "Loading your progress\u2026" }));
  loadIndex().then((index) => {
    if (root.isConnected) new ProgressApp(root, index, readGuide(root.getAttribute("data-progress-guide"))).render();
  }, (error) => {
    root.textContent = "";
    root.appendChild(el("p", { role: "alert", text: loadProblem(error) }));
  });
}

// Material emits document$ on the first load and after every instant navigation.
document$.subscribe(() => document.querySelectorAll("[data-progress]").forEach(setupProgress));
