/* The spaced review of missed questions and the practice history ("dva-review"), kept in
 * the browser next to the answers (storage.js) and the exams (exam-records.js).
 *
 * localStorage["dva-review"] = JSON {
 *   "version": 1,
 *   "questions": { "<question id>": {
 *     "hash": "<the question's content hash when it entered or last moved>",
 *     "box": 1,            // 1, 2 or 3: in the queue; 0: learned, out of the queue
 *     "due": 1767312000000 | null,  // local midnight of the day it is due (null in box 0)
 *     "at": 1767225600000  // when the entry last changed, ms since 1970 (merge keeps the newest)
 *   } },
 *   "sessions": [{ "at": ms, "kind": "practice" | "weakest" | "review",
 *                  "questions": 10, "correct": 7 }]   // practice history, oldest first
 * }
 *
 * The schedule (Leitner boxes; days are the learner's calendar days):
 * - A wrong answer anywhere (chapter quiz, exam, practice) puts the question in box 1, due
 *   tomorrow, whatever box it was in.
 * - A right answer to a question that is due moves it on: box 1 -> box 2, due in 3 days;
 *   box 2 -> box 3, due in 7 days; box 3 -> out of the queue (box 0, learned). So a question
 *   leaves the queue after 3 right answers in a row, each given when it was due. A right
 *   answer before the question is due changes nothing (no cramming).
 * - A question whose content changed (another hash) restarts: box 1, due at once.
 * - A question no longer on the site drops out of the queue silently.
 * Pure functions take `now` (ms) so tests/js/review.test.mjs runs them with a fake clock. */
import { has, isCount, isObject, isTime } from "../utilities/checks.js";
import { Store } from "./storage.js";

export const REVIEW_KEY = "dva-review";
export const INTERVALS = [1, 3, 7]; // days before a question in box 1, 2, 3 is due again
export const SESSION_LIMIT = 200;
export const DAY = 86400000;

/* Local midnight of the day `days` after the day of `now`. */
export function dayStart(now, days) {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() + (days || 0));
  return date.getTime();
}

export function emptyReview() {
  return { version: 1, questions: {}, sessions: [] };
}

export function reviewEntryProblem(entry) {
  if (!isObject(entry)) return "is not an object";
  if (typeof entry.hash !== "string" || !entry.hash) return '"hash" must be a text';
  if (!isCount(entry.box) || entry.box > INTERVALS.length) return '"box" must be 0 to ' + INTERVALS.length;
  if (entry.box ? !isTime(entry.due) : entry.due !== null) return '"due" must be a time in boxes 1 to ' + INTERVALS.length + ", null in box 0";
  if (!isTime(entry.at)) return '"at" must be a time';
  return null;
}

export function sessionProblem(entry) {
  if (!isObject(entry) || !isTime(entry.at)) return 'needs "at"';
  if (entry.kind !== "practice" && entry.kind !== "weakest" && entry.kind !== "review") return '"kind" must be "practice", "weakest" or "review"';
  if (!isCount(entry.questions) || !entry.questions || !isCount(entry.correct) || entry.correct > entry.questions) {
    return '"questions" and "correct" must be counts';
  }
  return null;
}

/* What is wrong with a whole "dva-review" value (for an import), or null. */
export function reviewProblem(data) {
  if (!isObject(data) || data.version !== 1) return "dva-review: expected version 1";
  if (!isObject(data.questions)) return 'dva-review: "questions" must be an object';
  for (const id of Object.keys(data.questions)) {
    const problem = reviewEntryProblem(data.questions[id]);
    if (problem) return 'dva-review: question "' + id + '": ' + problem;
  }
  if (!Array.isArray(data.sessions)) return 'dva-review: "sessions" must be a list';
  for (let i = 0; i < data.sessions.length; i++) {
    const problem = sessionProblem(data.sessions[i]);
    if (problem) return "dva-review: session " + (i + 1) + ": " + problem;
  }
  return null;
}

/* The stored value with damaged entries left out, and how many were left out. */
export function validReview(data) {
  const clean = emptyReview();
  let skipped = 0;
  if (isObject(data) && isObject(data.questions)) {
    Object.keys(data.questions).forEach((id) => {
      if (reviewEntryProblem(data.questions[id])) skipped++;
      else clean.questions[id] = data.questions[id];
    });
  }
  if (isObject(data) && Array.isArray(data.sessions)) {
    data.sessions.forEach((entry) => {
      if (sessionProblem(entry)) skipped++;
      else clean.sessions.push(entry);
    });
  }
  return { data: clean, skipped: skipped };
}

// Entries are checked one by one where they are used (a damaged one never blocks the rest).
export const review = new Store(REVIEW_KEY, (data) => (isObject(data.questions) ? data : null), emptyReview);

function entryOf(data, id) {
  const entry = isObject(data.questions) && has(data.questions, id) ? data.questions[id] : null;
  return entry && !reviewEntryProblem(entry) ? entry : null;
}

export function isDue(entry, now) {
  return entry.box > 0 && entry.due <= now;
}

/* Record an answer given anywhere; changes `data` and returns it. */
export function recordAnswer(data, id, hash, correct, now) {
  if (!isObject(data.questions)) data.questions = {};
  let entry = entryOf(data, id);
  if (entry && entry.hash !== hash) entry = { hash: hash, box: 1, due: dayStart(now, 0), at: now }; // changed: restart
  if (!correct) {
    data.questions[id] = { hash: hash, box: 1, due: dayStart(now, INTERVALS[0]), at: now };
  } else if (entry && isDue(entry, now)) {
    const box = entry.box < INTERVALS.length ? entry.box + 1 : 0;
    data.questions[id] = { hash: hash, box: box, due: box ? dayStart(now, INTERVALS[box - 1]) : null, at: now };
  } else if (entry) {
    data.questions[id] = entry;
  }
  return data;
}

/* Match the queue to the site's questions (byId: id -> { hash }): removed questions drop out,
 * changed ones restart in box 1, due at once. Returns true when something changed. */
export function reconcile(data, byId, now) {
  if (!isObject(data.questions)) return false;
  let changed = false;
  Object.keys(data.questions).forEach((id) => {
    const entry = data.questions[id];
    if (!has(byId, id)) {
      delete data.questions[id];
      changed = true;
    } else if (!reviewEntryProblem(entry) && entry.hash !== byId[id].hash) {
      data.questions[id] = { hash: byId[id].hash, box: 1, due: dayStart(now, 0), at: now };
      changed = true;
    }
  });
  return changed;
}

/* The ids due now, the longest waiting first. */
export function dueIds(data, now) {
  if (!isObject(data.questions)) return [];
  return Object.keys(data.questions)
    .filter((id) => { const entry = entryOf(data, id); return entry && isDue(entry, now); })
    .sort((a, b) => data.questions[a].due - data.questions[b].due || (a < b ? -1 : a > b ? 1 : 0));
}

/* How many questions are in the queue (boxes 1 to 3). */
export function queueSize(data) {
  if (!isObject(data.questions)) return 0;
  return Object.keys(data.questions).filter((id) => { const entry = entryOf(data, id); return entry && entry.box > 0; }).length;
}

export function addSession(data, session) {
  if (!Array.isArray(data.sessions)) data.sessions = [];
  data.sessions = data.sessions.concat([session]).slice(-SESSION_LIMIT);
  return data;
}

/* Two review stores as one: per question the newest entry (by "at"; `ours` wins a tie),
 * the sessions of both without duplicates, oldest first. */
export function mergeReview(ours, theirs) {
  const merged = validReview(ours).data;
  const other = validReview(theirs).data;
  Object.keys(other.questions).forEach((id) => {
    if (!has(merged.questions, id) || other.questions[id].at > merged.questions[id].at) merged.questions[id] = other.questions[id];
  });
  const seen = {};
  merged.sessions = merged.sessions.concat(other.sessions).filter((entry) => {
    const key = JSON.stringify([entry.at, entry.kind, entry.questions, entry.correct]);
    if (has(seen, key)) return false;
    seen[key] = true;
    return true;
  }).sort((a, b) => a.at - b.at).slice(-SESSION_LIMIT);
  return merged;
}

/* Record answers in the stored queue (the quiz, the exam and practice call this). */
export function recordAnswers(answers, now) {
  const data = review.read();
  answers.forEach((answer) => recordAnswer(data, answer.id, answer.hash, answer.correct, now));
  return review.write(data);
}

/* The ids due now, after matching the stored queue to the site's questions (byId: id -> { hash }). */
export function dueNow(byId, now) {
  const data = review.read();
  if (reconcile(data, byId, now)) review.write(data);
  return dueIds(data, now);
}
