/* The exams' records in the browser, and the export file that carries them with the answers
 * and the review schedule (version 2, see prepareExport; "Merge" of an import: mergeImport).
 *
 * localStorage["dva-exam"] = JSON {
 *   "version": 1,
 *   "current": null | exam,   // the exam in progress
 *   "review": null | exam,    // the last submitted exam, with "submitted" (ms) and "timeUp"
 *   "history": [{ "at": ms, "kind": "exam" | "missed", "questions": 10, "correct": 7,
 *                 "score": 730, "passed": true, "timed": true, "timeUp": false,
 *                 "domains": { "1": [correct, asked], ... },
 *                 "exam": "<examId>" }]   // oldest first, at most HISTORY_LIMIT; "exam" since
 * }                                       // tab sync: older entries lack it
 * exam = { "kind": "exam" | "missed", "started": ms, "timed": true,
 *          "duration": ms | null, "deadline": ms | null,   // absolute: survives reloads
 *          "position": 0, "short": [{ "domain": 3, "wanted": 16, "drawn": 12 }],
 *          "questions": [{ "id": "...", "hash": "...", "order": [2, 0, 3, 1],
 *                          "chosen": [0], "flagged": false,
 *                          "at": ms }] }   // optional: when chosen/flagged last changed
 * "order" is the shuffled order of choice indexes; "chosen" holds bank-file indexes.
 * An exam is identified by examId: its "started" time and first question id.
 *
 * Tabs: a write merges what another tab stored (mergeExams): history entries it added are
 * kept, one entry per exam; the same exam in progress merges per question (newest "at"
 * wins, mergeExam); an exam in progress that another tab submitted never comes back.
 * A damaged exam, last exam or history entry is dropped from use (cleanExams) and its text
 * kept aside first (browser/storage.js). */
import { has, isCount, isIndexList, isObject, isTime } from "../utilities/checks.js";
import { EXAM_KEY, PROGRESS_KEY, Store, emptyProgress, progressEntryProblem, progressProblem } from "./storage.js";
import { REVIEW_KEY, emptyReview, mergeReview, reviewProblem, validReview } from "./review.js";

export const EXPORT_FORMAT = "dva-c02-study-progress";
export const EXPORT_VERSION = 2;
export const HISTORY_LIMIT = 200;

function examQuestionProblem(item) {
  if (!isObject(item) || typeof item.id !== "string" || typeof item.hash !== "string") return "needs an id and a hash";
  if (!isIndexList(item.order, 100) || item.order.length < 2) return '"order" must list choice numbers';
  if (!isIndexList(item.chosen, item.order.length)) return '"chosen" must list choice numbers';
  if (typeof item.flagged !== "boolean") return '"flagged" must be true or false';
  if (has(item, "at") && !isTime(item.at)) return '"at" must be a time';
  return null;
}

export function examProblem(exam, submitted) {
  if (!isObject(exam)) return "is not an object";
  if (exam.kind !== "exam" && exam.kind !== "missed") return '"kind" must be "exam" or "missed"';
  if (!isTime(exam.started) || typeof exam.timed !== "boolean") return 'needs "started" and "timed"';
  if (exam.timed ? !(isTime(exam.duration) && isTime(exam.deadline)) : exam.duration !== null || exam.deadline !== null) {
    return '"duration" and "deadline" must be times when timed, null otherwise';
  }
  if (!Array.isArray(exam.questions) || !exam.questions.length) return '"questions" must be a list';
  const ids = {};
  for (let i = 0; i < exam.questions.length; i++) {
    const problem = examQuestionProblem(exam.questions[i]);
    if (problem) return "question " + (i + 1) + ": " + problem;
    if (has(ids, exam.questions[i].id)) return "question " + (i + 1) + " is there twice";
    ids[exam.questions[i].id] = true;
  }
  if (!isCount(exam.position) || exam.position >= exam.questions.length) return '"position" is out of range';
  const shortOk = Array.isArray(exam.short) &&
    exam.short.every((note) => isObject(note) && isCount(note.domain) && isCount(note.wanted) && isCount(note.drawn));
  if (!shortOk) return '"short" must be a list of notes';
  if (submitted && !(isTime(exam.submitted) && typeof exam.timeUp === "boolean")) return 'needs "submitted" and "timeUp"';
  return null;
}

export function historyProblem(entry) {
  if (!isObject(entry) || !isTime(entry.at)) return 'needs "at"';
  if (entry.kind !== "exam" && entry.kind !== "missed") return '"kind" must be "exam" or "missed"';
  if (!isCount(entry.questions) || !entry.questions || !isCount(entry.correct) || entry.correct > entry.questions) {
    return '"questions" and "correct" must be counts';
  }
  if (!isCount(entry.score)) return '"score" must be a number';
  for (const flag of ["passed", "timed", "timeUp"]) {
    if (typeof entry[flag] !== "boolean") return '"' + flag + '" must be true or false';
  }
  if (!isObject(entry.domains)) return '"domains" must be an object';
  const domainsOk = Object.keys(entry.domains).every((key) => {
    const pair = entry.domains[key];
    return /^\d+$/.test(key) && Array.isArray(pair) && pair.length === 2 && isCount(pair[0]) && isCount(pair[1]) && pair[0] <= pair[1];
  });
  if (!domainsOk) return '"domains" must map a domain to [correct, asked]';
  return has(entry, "exam") && typeof entry.exam !== "string" ? '"exam" must be a text' : null;
}

export function examStateProblem(data) {
  if (!isObject(data) || data.version !== 1) return "dva-exam: expected version 1";
  let problem;
  if (data.current !== null && (problem = examProblem(data.current, false))) return "dva-exam: the exam in progress " + problem;
  if (data.review !== null && (problem = examProblem(data.review, true))) return "dva-exam: the last exam " + problem;
  if (!Array.isArray(data.history)) return 'dva-exam: "history" must be a list';
  for (let i = 0; i < data.history.length; i++) {
    if ((problem = historyProblem(data.history[i]))) return "dva-exam: history entry " + (i + 1) + ": " + problem;
  }
  return null;
}

export function emptyExams() {
  return { version: 1, current: null, review: null, history: [] };
}

/* Stored exams with every broken part dropped (an old or damaged part never blocks the rest). */
export function cleanExams(data) {
  return {
    version: 1,
    current: data.current && !examProblem(data.current, false) ? data.current : null,
    review: data.review && !examProblem(data.review, true) ? data.review : null,
    history: Array.isArray(data.history) ? data.history.filter((entry) => !historyProblem(entry)) : []
  };
}

/* The damaged parts of a version 1 "dva-exam" (what cleanExams drops). */
export function examDamage(data) {
  const parts = [];
  if (data.current !== null && examProblem(data.current, false)) parts.push("current:" + JSON.stringify(data.current));
  if (data.review !== null && examProblem(data.review, true)) parts.push("review:" + JSON.stringify(data.review));
  if (!Array.isArray(data.history)) parts.push("history:" + JSON.stringify(data.history));
  else data.history.forEach((entry) => { if (historyProblem(entry)) parts.push("history:" + JSON.stringify(entry)); });
  return parts;
}

/* What identifies an exam across tabs and in history. */
export function examId(exam) {
  return exam.started + ":" + exam.questions[0].id;
}

export function sameExam(a, b) {
  return !!a && !!b && examId(a) === examId(b);
}

/* What identifies a history entry: its exam's id, or (older entries) what it records. */
function historyKey(entry) {
  return typeof entry.exam === "string" ? entry.exam : JSON.stringify([entry.at, entry.kind, entry.questions, entry.correct, entry.score]);
}

/* Whether this exam is in the history (submitted, here or in another tab). */
export function inHistory(history, exam) {
  const id = examId(exam);
  return history.some((entry) => entry.exam === id);
}

/* Answers of the same exam from another tab (theirs) into mine, in place: per question the
 * newest change wins (mine on a tie). Returns the positions of the questions that changed. */
export function mergeExam(mine, theirs) {
  if (!sameExam(mine, theirs) || mine.questions.length !== theirs.questions.length) return [];
  const changed = [];
  mine.questions.forEach((item, position) => {
    const their = theirs.questions[position];
    if (their.id !== item.id || (their.at || 0) <= (item.at || 0)) return;
    item.chosen = their.chosen.slice();
    item.flagged = their.flagged;
    item.at = their.at;
    changed.push(position);
  });
  return changed;
}

/* A write's merge (browser/storage.js Store): mine changed in place with what another tab
 * stored since this tab last read (base). */
export function mergeExams(mine, theirs, base) {
  const known = {};
  mine.history.forEach((entry) => { known[historyKey(entry)] = true; });
  ((base && base.history) || []).forEach((entry) => { known[historyKey(entry)] = true; });
  const added = theirs.history.filter((entry) => !known[historyKey(entry)]);
  if (added.length) {
    mine.history = mine.history.concat(added).sort((a, b) => a.at - b.at).slice(-HISTORY_LIMIT);
  }
  if (mine.current && (inHistory(theirs.history, mine.current) || sameExam(mine.current, theirs.review))) {
    mine.current = null; // submitted in another tab
  } else if (mine.current && theirs.current) mergeExam(mine.current, theirs.current);
  return mine;
}

/* Record a submitted exam in the state (in place): no longer current, the last exam, and
 * once in the history. Returns how many old history entries the limit dropped. */
export function recordSubmitted(state, exam, entry) {
  entry.exam = examId(exam);
  state.current = null;
  state.review = exam;
  const history = state.history.filter((old) => old.exam !== entry.exam).concat([entry]);
  state.history = history.slice(-HISTORY_LIMIT);
  return history.length - state.history.length;
}

export const exams = new Store(EXAM_KEY, cleanExams, emptyExams, { damage: examDamage, merge: mergeExams });

/* The export file (version 2): the answers, the exams, and the review schedule with the practice
 * history (review.js). Damaged answers and review entries are left out and counted, so one
 * bad entry never costs the valid ones: { file, answers: n, skipped: n }. Version 1 files
 * (answers and exams only) still import. */
export function prepareExport(answers, examState, reviewData, now) {
  const questions = {};
  let skipped = 0;
  const stored = isObject(answers) && isObject(answers.questions) ? answers.questions : {};
  Object.keys(stored).forEach((id) => {
    if (progressEntryProblem(stored[id])) skipped++;
    else questions[id] = stored[id];
  });
  const reviewed = validReview(reviewData);
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported: now.toISOString(),
    data: { [PROGRESS_KEY]: { version: 1, questions: questions }, [EXAM_KEY]: examState, [REVIEW_KEY]: reviewed.data }
  };
  return { file: file, answers: Object.keys(questions).length, skipped: skipped + reviewed.skipped };
}

export function exportData(answers, examState, now, reviewData) {
  return prepareExport(answers, examState, reviewData || emptyReview(), now).file;
}

/* What an import file holds, or a message saying why it is refused. */
export function readExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: "the file is not JSON" };
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) return { problem: "it is not a progress file exported by this site" };
  if (data.version !== 1 && data.version !== 2) {
    return { problem: "it has version " + JSON.stringify(data.version) + ", and this site reads versions 1 and 2" };
  }
  if (!isObject(data.data)) return { problem: 'it has no "data"' };
  const known = data.version === 1 ? [PROGRESS_KEY, EXAM_KEY] : [PROGRESS_KEY, EXAM_KEY, REVIEW_KEY];
  const unknown = Object.keys(data.data).filter((key) => known.indexOf(key) < 0);
  if (unknown.length) return { problem: 'it holds unknown data "' + unknown[0] + '"' };
  const answers = has(data.data, PROGRESS_KEY) ? data.data[PROGRESS_KEY] : emptyProgress();
  const examState = has(data.data, EXAM_KEY) ? data.data[EXAM_KEY] : emptyExams();
  const reviewData = has(data.data, REVIEW_KEY) ? data.data[REVIEW_KEY] : emptyReview();
  const problem = progressProblem(answers) || examStateProblem(examState) || reviewProblem(reviewData);
  if (problem) return { problem: problem };
  return { answers: answers, exams: examState, review: reviewData, version: data.version, exported: data.exported };
}

/* "Merge" of an import into what the browser holds: per question the newest answer (by "at";
 * ours wins a tie), review entries likewise, exam history of both without duplicates, the exam in
 * progress and the last exam ours unless we have none. Damaged stored entries give way. */
export function mergeImport(ours, theirs) {
  const answers = { version: 1, questions: {} };
  const mine = isObject(ours.answers) && isObject(ours.answers.questions) ? ours.answers.questions : {};
  Object.keys(mine).forEach((id) => {
    if (!progressEntryProblem(mine[id])) answers.questions[id] = mine[id];
  });
  Object.keys(theirs.answers.questions).forEach((id) => {
    const other = theirs.answers.questions[id];
    const own = has(answers.questions, id) ? answers.questions[id] : null;
    if (!own || (other.at || 0) > (own.at || 0)) answers.questions[id] = other;
  });
  const seen = {};
  const history = ours.exams.history.concat(theirs.exams.history).filter((entry) => {
    const key = historyKey(entry);
    if (has(seen, key)) return false;
    seen[key] = true;
    return true;
  }).sort((a, b) => a.at - b.at).slice(-HISTORY_LIMIT);
  const examState = {
    version: 1,
    current: ours.exams.current || theirs.exams.current,
    review: ours.exams.review || theirs.exams.review,
    history: history
  };
  return { answers: answers, exams: examState, review: mergeReview(ours.review, theirs.review) };
}
