/* What the site keeps in the browser: the Store (localStorage with a memory fallback) and
 * the answers every chapter quiz and exam records. One module instance serves the quiz,
 * the exam and the progress page, so when storage is blocked the memory copy lasts for the
 * visit across instant navigation. The exams' own records are in exam-records.js.
 *
 * localStorage["dva-progress"] = JSON {          // written by every chapter quiz and exam
 *   "version": 1,
 *   "questions": { "<question id>": {
 *     "hash": "<the question's content hash when it was answered>",
 *     "correct": true,    // all-or-nothing, as on the exam
 *     "chosen": [0, 2],   // choice indexes in bank-file order (never shuffled order)
 *     "at": 1767225600000 // when it was answered, ms since 1970
 *   } } }
 * An entry counts only while its hash equals the question's current hash. Corrupt or
 * foreign data is ignored, and data of a newer version is never overwritten. */
import { has, isIndexList, isObject, isTime } from "../utilities/checks.js";

export const PROGRESS_KEY = "dva-progress";
export const EXAM_KEY = "dva-exam";

export class Store {
  constructor(key, clean, empty) {
    this.key = key;
    this.clean = clean;
    this.empty = empty;
    this.memory = empty();
    this.newer = false;
  }

  read() {
    let data;
    try {
      data = JSON.parse(globalThis.localStorage.getItem(this.key));
    } catch (error) {
      return this.memory; // blocked storage or corrupt JSON
    }
    this.newer = isObject(data) && typeof data.version === "number" && data.version > 1;
    if (isObject(data) && data.version === 1) {
      const clean = this.clean(data);
      if (clean) this.memory = clean;
    }
    return this.memory;
  }

  /* Keep the data; false when it lives in memory only (storage blocked or full, or newer data kept). */
  write(data) {
    this.memory = data;
    if (this.newer) return false;
    try {
      globalThis.localStorage.setItem(this.key, JSON.stringify(data));
      return true;
    } catch (error) {
      return false;
    }
  }

  remove() {
    this.memory = this.empty();
    this.newer = false;
    try {
      globalThis.localStorage.removeItem(this.key);
    } catch (error) {
      /* blocked: memory is cleared */
    }
  }
}

/* What stored data is wrong, or null: each check returns a message for the import. */
export function progressEntryProblem(entry) {
  if (!isObject(entry)) return "is not an object";
  if (typeof entry.hash !== "string" || !entry.hash) return '"hash" must be a text';
  if (typeof entry.correct !== "boolean") return '"correct" must be true or false';
  if (!isIndexList(entry.chosen, 100) || !entry.chosen.length) return '"chosen" must list choice numbers';
  if (has(entry, "at") && !isTime(entry.at)) return '"at" must be a time';
  return null;
}

export function progressProblem(data) {
  if (!isObject(data) || data.version !== 1) return "dva-progress: expected version 1";
  if (!isObject(data.questions)) return 'dva-progress: "questions" must be an object';
  for (const id of Object.keys(data.questions)) {
    const problem = progressEntryProblem(data.questions[id]);
    if (problem) return 'dva-progress: question "' + id + '": ' + problem;
  }
  return null;
}

/* The stored answer of a question, if it is valid for the question's current content. */
export function storedAnswer(store, id, hash, choiceCount) {
  const found = isObject(store.questions) && has(store.questions, id) && store.questions[id];
  return found && found.hash === hash && !progressEntryProblem(found) &&
    found.chosen.every((index) => index < choiceCount) ? found : null;
}

export function emptyProgress() {
  return { version: 1, questions: {} };
}

// Entries of "dva-progress" are checked one by one where they are used.
export const progress = new Store(PROGRESS_KEY, (data) => (isObject(data.questions) ? data : null), emptyProgress);

/* A deep copy to keep for "Undo" (the stores hand out their live objects). */
export function snapshot(data) {
  return JSON.parse(JSON.stringify(data));
}
