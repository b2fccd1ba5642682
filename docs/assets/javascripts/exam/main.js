/* The exam simulator (docs/exam.md): the page holds only div[data-exam] with the exam
 * facts in data-exam-settings (written by the exam_settings_attribute macro from extra.exam
 * in mkdocs.yml and data/exam-guide.yml). This module keeps the exam's state and moves
 * between the start screen (start.js), the exam screen (screen.js) and the results
 * (results.js); logic.js holds the pure rules and browser/storage.js the stored data.
 *
 * The scaled score is an estimate: min + (max - min) x share correct, labelled as such. */
import { examFits, historyEntry, isRightAnswer, readSettings, retakeIds, scoreExam } from "./logic.js";
import { progress } from "../browser/storage.js";
import { HISTORY_LIMIT, exams } from "../browser/exam-records.js";
import { recordAnswers } from "../browser/review.js";
import { isObject, range, shuffle } from "../utilities/checks.js";
import { announce, el, loadProblem } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";
import { loadIndex, navOrder } from "./questions.js";
import { ExamScreen, setFocusMode } from "./screen.js";
import { startScreen } from "./start.js";
import { resultsScreen } from "./results.js";

/* The exam's answered questions go through the spaced review (browser/review.js): wrong ones are due tomorrow. */
function recordReview(exam, byId) {
  recordAnswers(exam.questions.filter((item) => item.chosen.length).map((item) => ({
    id: item.id, hash: item.hash, correct: isRightAnswer(byId[item.id], item.chosen)
  })), exam.submitted);
}

class ExamApp {
  constructor(root, settings, index) {
    this.root = root;
    this.settings = settings;
    this.index = index;
    this.exam = null;
    this.screen = null;
    this.view = el("div", { class: "dva-exam__view" });
    this.status = el("p", { class: "dva-exam__sr", role: "status" });
    root.textContent = "";
    root.append(this.view, this.status);
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("change", (event) => {
      if (event.target.hasAttribute("data-exam-choice") && this.screen) this.screen.onChoice(event.target);
    });
  }

  say(text) {
    announce(this.status, text);
  }

  start() {
    const state = exams.read();
    let notice = null;
    if (state.current && !examFits(state.current, this.index.byId)) {
      notice = "The site's questions changed since your exam started, so it could not go on. Please start a new one.";
      state.current = null;
    }
    if (state.review && !examFits(state.review, this.index.byId)) state.review = null;
    if (notice) exams.write(state);
    if (state.current) {
      this.exam = state.current;
      // the exam screen is the whole page: its heading takes focus, so the shortcuts work at once
      if (this.exam.timed && Date.now() >= this.exam.deadline) this.submit(true, false);
      else this.showExam(true);
    } else if (state.review) this.showResults(state.review, false);
    else this.showStart(notice, false);
  }

  replaceView(node) {
    if (this.screen) this.screen.stop();
    this.screen = null;
    setFocusMode(false);
    this.view.textContent = "";
    this.view.appendChild(node);
  }

  onClick(event) {
    const button = event.target.closest("[data-exam-action]");
    if (!button || button.disabled || !this.root.contains(button)) return;
    const action = button.getAttribute("data-exam-action");
    if (action === "retake") this.retake(false);
    else if (action === "missed") this.retake(true);
    else if (action === "new") this.newExam();
    else if (this.screen) this.screen.onAction(action, button);
  }

  showStart(notice, focus) {
    this.exam = null;
    const node = startScreen(this.settings, this.index, exams.read().history, notice,
      (ids, minutes, short) => this.begin(ids, minutes, "exam", short));
    this.replaceView(node);
    if (focus) node.querySelector("h2").focus();
  }

  /* minutes: null for untimed */
  begin(ids, minutes, kind, short) {
    if (!ids.length) {
      this.say("There are no questions to draw from.");
      return;
    }
    const now = Date.now();
    const duration = minutes === null ? null : minutes * 60000;
    this.exam = {
      kind: kind, started: now, timed: duration !== null, duration: duration, deadline: duration === null ? null : now + duration,
      position: 0, short: short,
      questions: ids.map((id) => {
        const q = this.index.byId[id];
        return { id: id, hash: q.hash, order: shuffle(range(q.choices.length)), chosen: [], flagged: false };
      })
    };
    const state = exams.read();
    state.current = this.exam;
    state.review = null;
    exams.write(state);
    this.showExam(true);
    this.say("Exam started: " + plural(ids.length, "question", "questions") +
      (duration === null ? ", no time limit." : ", " + plural(minutes, "minute", "minutes") + "."));
  }

  save() {
    const state = exams.read();
    state.current = this.exam;
    exams.write(state);
  }

  showExam(focus) {
    const screen = new ExamScreen(this);
    this.replaceView(screen.build());
    this.screen = screen;
    screen.start(focus);
  }

  /* Score the exam, keep it for review and history, and count its answers as progress. */
  submit(timeUp, focus) {
    const exam = this.exam;
    if (this.screen) this.screen.stop();
    exam.submitted = timeUp ? Math.min(Date.now(), exam.deadline) : Date.now();
    exam.timeUp = timeUp;
    const result = scoreExam(this.settings, exam, this.index.byId);
    const state = exams.read();
    state.current = null;
    state.review = exam;
    state.history = state.history.concat([historyEntry(exam, result)]).slice(-HISTORY_LIMIT);
    exams.write(state);
    const store = progress.read();
    if (isObject(store.questions)) {
      exam.questions.forEach((item) => {
        if (!item.chosen.length) return;
        store.questions[item.id] = {
          hash: item.hash, correct: isRightAnswer(this.index.byId[item.id], item.chosen), chosen: item.chosen.slice(), at: exam.submitted
        };
      });
      progress.write(store);
    }
    recordReview(exam, this.index.byId);
    this.showResults(exam, focus);
    this.say((timeUp ? "Time is up. " : "") + "Exam submitted: " + result.correct + " of " + result.total + " correct, " +
      result.percent + "%. " + (result.passed ? "Pass" : "Fail") + ", estimated scaled score " + result.score + ".");
  }

  showResults(exam, focus) {
    const result = scoreExam(this.settings, exam, this.index.byId);
    this.exam = null;
    this.reviewed = { exam: exam, result: result };
    const node = resultsScreen(this.settings, exam, result, navOrder(result.chapters), (text) => this.say(text));
    this.replaceView(node);
    if (focus) {
      node.scrollIntoView({ block: "start", behavior: "instant" }); // the results start at the top of the screen
      node.querySelector("h2").focus({ preventScroll: true });
    }
  }

  /* Retake: the same questions, shuffled again, at the same pace; missed: only the wrong and unanswered ones. */
  retake(missedOnly) {
    const { exam, result } = this.reviewed;
    const ids = retakeIds(result, missedOnly);
    if (!ids.length) return;
    const minutes = exam.timed ? Math.max(1, Math.round(exam.duration / 60000 * ids.length / exam.questions.length)) : null;
    this.begin(shuffle(ids), minutes, missedOnly ? "missed" : exam.kind, missedOnly ? [] : exam.short);
  }

  newExam() {
    const state = exams.read();
    state.review = null;
    exams.write(state);
    this.showStart(null, true);
  }
}

function setupExam(root) {
  if (root.hasAttribute("data-exam-ready")) return;
  root.setAttribute("data-exam-ready", "");
  const settings = readSettings(root.getAttribute("data-exam-settings"));
  root.textContent = "";
  if (!settings) {
    root.appendChild(el("p", { class: "dva-exam__note", text: "The exam settings on this page are missing or broken." }));
    return;
  }
  root.appendChild(el("p", { class: "dva-exam__loading", text: "Loading the questions\u2026" }));
  loadIndex().then((index) => {
    if (root.isConnected) new ExamApp(root, settings, index).start();
  }, (error) => {
    root.textContent = "";
    root.appendChild(el("p", { class: "dva-exam__note", role: "alert", text: loadProblem(error) }));
  });
}

// Material emits document$ on the first load and after every instant navigation. Leaving the
// exam page by instant navigation gives the site its chrome back.
document$.subscribe(() => {
  if (!document.querySelector('[data-exam-view="exam"]')) setFocusMode(false);
  document.querySelectorAll("[data-exam]").forEach(setupExam);
});
