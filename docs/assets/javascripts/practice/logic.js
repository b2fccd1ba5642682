/* The practice page's and the readiness figures' pure logic: which questions a session draws,
 * the weakest task statements, and accuracy per domain and task weighted by the exam.
 * No DOM and no storage: tests/js/practice.test.mjs runs it under `node --test`.
 *
 * `questions` are index entries (exam/questions.js loadIndex: id, hash, page, domain, task,
 * choiceCount, ...); `answers` is the "dva-progress" value (browser/storage.js). */
import { has, shuffle } from "../utilities/checks.js";
import { storedAnswer } from "../browser/storage.js";

export const RECENT = 10; // the weakest tasks are judged on their 10 most recent answers...
export const ENOUGH = 5; // ...and only tasks with at least 5 answers are judged
export const WEAKEST_TASKS = 3;

function answerOf(q, answers) {
  return storedAnswer(answers, q.id, q.hash, q.choiceCount);
}

/* The picked chapters (pages), domains (numbers) and tasks ("1.1"): a question matches any of
 * them; with nothing picked, every question matches. */
export function matches(q, pick) {
  const none = !pick.chapters.length && !pick.domains.length && !pick.tasks.length;
  return none || pick.chapters.indexOf(q.page) >= 0 || pick.domains.indexOf(q.domain) >= 0 || pick.tasks.indexOf(q.task) >= 0;
}

/* mode: "all", "unanswered" (no answer for the current wording) or "missed" (last answer wrong). */
export function fitsMode(q, answers, mode) {
  if (mode === "all") return true;
  const answer = answerOf(q, answers);
  return mode === "unanswered" ? !answer : !!answer && !answer.correct;
}

/* The ids of a session: up to `count` matching questions, in random order. */
export function selectQuestions(questions, pick, mode, count, answers, random = Math.random) {
  const pool = questions.filter((q) => matches(q, pick) && fitsMode(q, answers, mode));
  return shuffle(pool, random).slice(0, count).map((q) => q.id);
}

/* Per task statement: its most recent answers (up to RECENT) and how many of them are right. */
export function taskAccuracy(questions, answers, recent = RECENT) {
  const byTask = {};
  questions.forEach((q) => {
    if (!q.task) return;
    const answer = answerOf(q, answers);
    if (!answer) return;
    (byTask[q.task] = byTask[q.task] || []).push(answer);
  });
  return Object.keys(byTask).sort().map((task) => {
    const last = byTask[task].slice().sort((a, b) => (b.at || 0) - (a.at || 0)).slice(0, recent);
    return { task: task, answered: last.length, correct: last.filter((answer) => answer.correct).length };
  });
}

/* The task statements to drill: lowest recent accuracy first (more answers first on a tie), among
 * those with at least `enough` answers. */
export function weakestTasks(questions, answers, limit = WEAKEST_TASKS, enough = ENOUGH) {
  return taskAccuracy(questions, answers).filter((t) => t.answered >= enough)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered || (a.task < b.task ? -1 : 1))
    .slice(0, limit);
}

/* A session on some tasks: missed questions first, then unanswered, then the rest, each shuffled. */
export function drillQuestions(questions, tasks, count, answers, random = Math.random) {
  const pool = questions.filter((q) => tasks.indexOf(q.task) >= 0);
  const missed = pool.filter((q) => fitsMode(q, answers, "missed"));
  const fresh = pool.filter((q) => fitsMode(q, answers, "unanswered"));
  const rest = pool.filter((q) => missed.indexOf(q) < 0 && fresh.indexOf(q) < 0);
  return shuffle(missed, random).concat(shuffle(fresh, random), shuffle(rest, random)).slice(0, count).map((q) => q.id);
}

/* Readiness: accuracy per domain and per task statement over the answers given to the
 * questions' current wording, and an estimate weighted by the exam's domain weights over
 * the domains that have answers. domains: [{ number, name, weight, tasks: { "1.1": name } }]. */
export function readiness(questions, answers, domains) {
  const figures = {};
  const tasks = {};
  domains.forEach((d) => {
    figures[d.number] = { number: d.number, name: d.name, weight: d.weight, answered: 0, correct: 0 };
    Object.keys(d.tasks || {}).forEach((task) => {
      tasks[task] = { task: task, name: d.tasks[task], domain: d.number, answered: 0, correct: 0, missed: [] };
    });
  });
  let answered = 0;
  questions.forEach((q) => {
    const answer = answerOf(q, answers);
    if (!answer) return;
    answered++;
    [has(figures, q.domain) ? figures[q.domain] : null, q.task && has(tasks, q.task) ? tasks[q.task] : null].forEach((figure) => {
      if (!figure) return;
      figure.answered++;
      if (answer.correct) figure.correct++;
      else if (figure.missed) figure.missed.push(q.id);
    });
  });
  const rated = domains.map((d) => figures[d.number]).filter((d) => d.answered);
  const weight = rated.reduce((sum, d) => sum + d.weight, 0);
  const estimate = weight ? Math.round(rated.reduce((sum, d) => sum + (d.weight * d.correct) / d.answered, 0) * 100 / weight) : null;
  return {
    answered: answered,
    estimate: estimate,
    domains: domains.map((d) => figures[d.number]),
    tasks: Object.keys(tasks).sort().map((task) => tasks[task]),
    unrated: domains.filter((d) => !figures[d.number].answered).map((d) => d.number)
  };
}

/* The tasks to study next: those with wrong answers, lowest accuracy first, then the heavier domain. */
export function studyNext(figures, limit = 3) {
  const weight = {};
  figures.domains.forEach((d) => { weight[d.number] = d.weight; });
  return figures.tasks.filter((t) => t.answered && t.correct < t.answered)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered || weight[b.domain] - weight[a.domain] || (a.task < b.task ? -1 : 1))
    .slice(0, limit);
}
