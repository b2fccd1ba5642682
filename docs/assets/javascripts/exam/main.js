/* The exam simulator (docs/exam.md): the page holds only div[data-exam] with the exam
 * facts in data-exam-settings (written by the exam_settings_attribute macro from extra.exam
 * in mkdocs.yml and data/exam-guide.yml). This module keeps the exam's state and moves
 * between the start screen (start.js), the exam screen (screen.js) and the results
 * (results.js); logic.js holds the pure rules and browser/storage.js the stored data.
 *
 * Tabs (issue 19): every save re-reads the stored exam and merges the other tabs' answers
 * (mergeExam); another tab's change shows here through the `storage` event (onStorage); an
 * exam submitted or ended in another tab stops here with a message, and nothing more is
 * written from this tab (stillCurrent, stopExam). browser/notice.js says when a save fails.
 *
 * The scaled score is an estimate: min + (max - min) x share correct, labelled as such. */
import { examFits, historyEntry, isRightAnswer, readSettings, retakeIds, scoreExam } from "./logic.js";
import { EXAM_KEY, onStoreChange, progress } from "../browser/storage.js";
import { HISTORY_LIMIT, examId, exams, inHistory, mergeExam, recordSubmitted, sameExam } from "../browser/exam-records.js";
import { placeNotices } from "../browser/notice.js";
import { recordAnswers } from "../browser/review.js";
import { isObject, range, shuffle } from "../utilities/checks.js";
import { announce, el, loadProblem } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";
import { loadIndex, loadQuestions, navOrder } from "./questions.js";
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
    this.notices = el("div", { class: "dva-exam__notices" }); // browser/notice.js
    this.message = el("div", { class: "dva-exam__message" }); // this exam's own problems
    this.shown = null; // what the view shows: "exam:<id>", "results:<id>" or "start"
    root.textContent = "";
    root.append(this.notices, this.message, this.view, this.status);
    placeNotices(this.notices, null);
    onStoreChange(EXAM_KEY, () => this.onStorage());
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("change", (event) => {
      if (event.target.hasAttribute("data-exam-choice") && this.screen) this.screen.onChoice(event.target);
    });
  }

  say(text) {
    announce(this.status, text);
  }

  /* Fetch the questions an exam shows (the index holds only what drawing needs) and add
   * them to the index's entries; then `next`. A question whose file no longer matches the
   * index (the site changed meanwhile) counts as a failure to load. */
  withQuestions(exam, next) {
    const ids = exam.questions.map((item) => item.id).filter((id) => !this.index.byId[id].prompt);
    if (!ids.length) return next();
    this.view.setAttribute("aria-busy", "true");
    loadQuestions(ids).then((list) => {
      list.forEach((q) => {
        if (q.hash !== this.index.byId[q.id].hash) throw new Error("the site changed while you were here");
      });
      list.forEach((q) => Object.assign(this.index.byId[q.id], q));
      this.view.removeAttribute("aria-busy");
      if (this.root.isConnected) next();
    }).catch((error) => {
      this.view.removeAttribute("aria-busy");
      this.replaceView(el("p", { class: "dva-exam__note", role: "alert", text: loadProblem(error) }));
    });
  }

  start(focus = true) {
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
      this.withQuestions(this.exam, () => {
        if (this.exam.timed && Date.now() >= this.exam.deadline) this.submit(true, false);
        else this.showExam(focus);
      });
    } else if (state.review) this.withQuestions(state.review, () => this.showResults(state.review, false));
    else this.showStart(notice, false);
  }

  /* A problem with this exam, shown above the view and announced (null clears it). */
  problem(text, focus) {
    this.message.textContent = "";
    if (!text) return;
    const node = el("p", { class: "dva-exam__problem", role: "alert", tabindex: "-1", text: text });
    this.message.appendChild(node);
    if (focus) node.focus();
  }

  /* What start() would show for this state. */
  viewFor(state) {
    return state.current ? "exam:" + examId(state.current) : state.review ? "results:" + examId(state.review) : "start";
  }

  /* Another tab changed the stored exams. */
  onStorage() {
    if (!this.root.isConnected) return false; // instant navigation left the page
    const state = exams.read();
    if (this.exam && this.screen) {
      if (!this.stillCurrent(state)) return true;
      const changed = mergeExam(this.exam, state.current);
      this.synced = answersOf(this.exam);
      if (changed.indexOf(this.exam.position) >= 0) {
        const focused = document.activeElement && this.view.contains(document.activeElement) ? document.activeElement.id : null;
        this.screen.renderQuestion(false);
        const again = focused && document.getElementById(focused);
        if (again) again.focus({ preventScroll: true });
      }
      if (changed.length) this.screen.updateMap();
    } else if (!this.exam && this.viewFor(state) !== this.shown) this.start(false);
    return true;
  }

  /* Whether this tab's exam is still the one in progress; if not, it stops here. */
  stillCurrent(state) {
    if (sameExam(state.current, this.exam)) return true;
    this.stopExam(state);
    return false;
  }

  stopExam(state) {
    const exam = this.exam;
    const submitted = sameExam(state.review, exam) || inHistory(state.history, exam);
    if (this.screen) this.screen.stop();
    this.exam = null;
    this.start(false);
    this.problem(submitted ? "This exam was submitted in another tab, so it stopped in this one."
      : "This exam was ended in another tab (a new exam was started there, or the progress was reset), so it stopped in this one.", true);
  }

  /* Mark the questions this tab changed since its last save with the time (for mergeExam). */
  stamp() {
    const now = Date.now();
    const before = this.synced || [];
    this.exam.questions.forEach((item, position) => {
      if (before[position] !== answerOf(item)) item.at = now;
    });
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
    this.shown = "start";
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
        return { id: id, hash: q.hash, order: shuffle(range(q.choiceCount)), chosen: [], flagged: false };
      })
    };
    const state = exams.read();
    state.current = this.exam;
    state.review = null;
    this.problem(null);
    exams.write(state);
    this.withQuestions(this.exam, () => this.showExam(true));
    this.say("Exam started: " + plural(ids.length, "question", "questions") +
      (duration === null ? ", no time limit." : ", " + plural(minutes, "minute", "minutes") + "."));
  }

  save() {
    const state = exams.read();
    if (!this.stillCurrent(state)) return;
    this.stamp();
    const changed = mergeExam(this.exam, state.current);
    state.current = this.exam;
    exams.write(state);
    this.synced = answersOf(this.exam);
    if (changed.length && this.screen) this.screen.updateMap();
  }

  showExam(focus) {
    this.synced = answersOf(this.exam);
    this.shown = "exam:" + examId(this.exam);
    const screen = new ExamScreen(this);
    this.replaceView(screen.build());
    this.screen = screen;
    screen.start(focus);
  }

  /* Score the exam, keep it for review and history, and count its answers as progress. */
  submit(timeUp, focus) {
    const exam = this.exam;
    const state = exams.read();
    if (!this.stillCurrent(state)) return; // submitted or ended in another tab
    this.stamp();
    mergeExam(exam, state.current); // the other tabs' latest answers count too
    if (this.screen) this.screen.stop();
    exam.submitted = timeUp ? Math.min(Date.now(), exam.deadline) : Date.now();
    exam.timeUp = timeUp;
    const result = scoreExam(this.settings, exam, this.index.byId);
    const dropped = recordSubmitted(state, exam, historyEntry(exam, result));
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
    if (dropped) {
      this.problem("Your history keeps your last " + HISTORY_LIMIT + " practice exams, so the oldest " +
        (dropped === 1 ? "one was" : dropped + " were") + " removed to make room for this one.", false);
    }
    this.say((timeUp ? "Time is up. " : "") + "Exam submitted: " + result.correct + " of " + result.total + " correct, " +
      result.percent + "%. " + (result.passed ? "Pass" : "Fail") + ", estimated scaled score " + result.score + ".");
  }

  showResults(exam, focus) {
    const result = scoreExam(this.settings, exam, this.index.byId);
    this.exam = null;
    this.reviewed = { exam: exam, result: result };
    this.shown = "results:" + examId(exam);
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
    this.problem(null);
    const state = exams.read();
    state.review = null;
    exams.write(state);
    this.showStart(null, true);
  }
}

/* A question's answer and flag as text, to see what this tab changed since its last save. */
function answerOf(item) {
  return item.chosen.join(",") + (item.flagged ? "+" : "");
}

function answersOf(exam) {
  return exam.questions.map(answerOf);
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
