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
 * An entry counts only while its hash equals the question's current hash. Data of a newer
 * version is never overwritten.
 *
 * localStorage["dva-damaged-<key>-<ms>"] = the raw text of "<key>" (as it was stored) when
 * part of it could not be read: corrupt JSON, a foreign value, or a part failing its check
 * (a progress entry, the exam in progress, the last exam, a history entry). It is kept
 * aside when first read, before any write can replace it; at most KEPT_LIMIT copies (the
 * oldest goes first), never the same damage twice. The progress page offers to download or
 * discard them (keptAside, discardKeptAside).
 *
 * Several tabs share the storage: a write re-reads what is stored and merges it first (the
 * Store's `merge`, three-way against what this tab last read), so a change made in another
 * tab is never lost; onStoreChange relays the `storage` event to the pages.
 *
 * Every write that cannot be kept (storage blocked or full, newer data kept, damaged data
 * that could not be kept aside) and every damage found is reported to onStorageProblem's
 * listeners (browser/notice.js shows it), with the cause: "blocked", "full", "newer" or
 * "damaged". The data then lives in memory for this visit. */
import { has, isIndexList, isObject, isTime } from "../utilities/checks.js";

export const PROGRESS_KEY = "dva-progress";
export const EXAM_KEY = "dva-exam";
export const DAMAGED_PREFIX = "dva-damaged-";
export const KEPT_LIMIT = 5;

const problemListeners = [];
const problemsSeen = [];

/* fn(cause) for every problem, including those before it was registered. */
export function onStorageProblem(fn) {
  problemListeners.push(fn);
  problemsSeen.forEach((cause) => fn(cause));
}

function report(cause) {
  if (problemsSeen.indexOf(cause) < 0) problemsSeen.push(cause);
  problemListeners.forEach((fn) => fn(cause));
}

function storage() {
  return globalThis.localStorage; // throws when storage is blocked
}

function isQuotaError(error) {
  return !!error && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    error.code === 22 || error.code === 1014);
}

/* The copies of damaged data kept aside: [{ key, from, at, text }], oldest first. */
export function keptAside() {
  const found = [];
  try {
    const store = storage();
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      const match = key && key.startsWith(DAMAGED_PREFIX) && /^dva-damaged-(.+?)-(\d+)(?:-\d+)?$/.exec(key);
      if (match) found.push({ key: key, from: match[1], at: +match[2], text: store.getItem(key) });
    }
  } catch (error) {
    return [];
  }
  return found.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

export function discardKeptAside(keys) {
  keys.forEach((key) => {
    try {
      if (key.startsWith(DAMAGED_PREFIX)) storage().removeItem(key);
    } catch (error) {
      /* blocked: nothing was kept */
    }
  });
}

/* Keep a damaged value aside; true when it is (or already was) kept. `parts` are the damaged
 * parts' texts: a copy already holding all of them counts as this one. */
function keepAside(key, raw, parts, partsOf) {
  const copies = keptAside().filter((copy) => copy.from === key);
  const same = copies.some((copy) => {
    if (copy.text === raw) return true;
    const held = partsOf(copy.text);
    return parts.every((part) => held.indexOf(part) >= 0);
  });
  if (same) return true;
  try {
    const store = storage();
    let name = DAMAGED_PREFIX + key + "-" + Date.now();
    for (let n = 2; store.getItem(name) !== null; n++) name = DAMAGED_PREFIX + key + "-" + Date.now() + "-" + n;
    store.setItem(name, raw);
    const all = keptAside();
    all.slice(0, Math.max(0, all.length - KEPT_LIMIT)).forEach((copy) => store.removeItem(copy.key));
  } catch (error) {
    return false;
  }
  report("damaged");
  return true;
}

export class Store {
  /* clean(data): the usable data of a version 1 value, or null; options.damage(data): the
   * damaged parts' texts of a version 1 value; options.merge(mine, theirs, base): mine with
   * what another tab stored since base merged in (in place); options.strip(data): data
   * without its damaged parts (for repair). */
  constructor(key, clean, empty, options) {
    this.key = key;
    this.clean = clean;
    this.empty = empty;
    this.damage = (options && options.damage) || (() => []);
    this.merge = (options && options.merge) || null;
    this.strip = (options && options.strip) || ((data) => data);
    this.memory = empty();
    this.base = null; // what this tab last read or wrote, as stored
    this.pending = false; // memory holds changes storage does not have
    this.newer = false;
  }

  /* What is stored: { blocked } | { newer, raw } | { raw, data, parts } (data null when unreadable). */
  load() {
    let raw;
    try {
      raw = storage().getItem(this.key);
    } catch (error) {
      return { blocked: true };
    }
    if (raw === null) return { raw: null, data: null, parts: [] };
    let data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      return { raw: raw, data: null, parts: ["raw:" + raw] };
    }
    if (isObject(data) && typeof data.version === "number" && data.version > 1) return { newer: true, raw: raw };
    const parts = isObject(data) && data.version === 1 ? this.damage(data) : [];
    const clean = isObject(data) && data.version === 1 ? this.clean(data) : null;
    return clean ? { raw: raw, data: clean, parts: parts } : { raw: raw, data: null, parts: ["raw:" + raw] };
  }

  /* The damaged parts of a stored text (for comparing kept copies). */
  partsOf(raw) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      return ["raw:" + raw];
    }
    if (!isObject(data) || data.version !== 1 || !this.clean(data)) return ["raw:" + raw];
    return this.damage(data);
  }

  /* Keep damaged stored data aside; false when it is damaged and could not be. */
  guard(found) {
    return !found.parts.length || keepAside(this.key, found.raw, found.parts, (raw) => this.partsOf(raw));
  }

  read() {
    const found = this.load();
    this.newer = !!found.newer;
    if (found.blocked || found.newer) return this.memory;
    this.guard(found);
    const theirs = found.data || this.empty();
    if (this.pending && this.merge) this.memory = this.merge(this.memory, theirs, this.base);
    else if (!this.pending) this.memory = theirs;
    this.base = snapshot(theirs);
    return this.memory;
  }

  /* Keep the data (merged with what another tab stored since this one read); false when it
   * lives in memory only: storage blocked or full, newer data kept, damage not kept aside. */
  write(data) {
    this.memory = data;
    this.pending = true;
    const found = this.load();
    this.newer = !!found.newer;
    if (found.blocked || found.newer) {
      report(found.blocked ? "blocked" : "newer");
      return false;
    }
    if (!this.guard(found)) {
      report("full");
      return false;
    }
    const merged = this.merge && found.data ? this.merge(data, found.data, this.base) : data;
    this.memory = merged;
    try {
      storage().setItem(this.key, JSON.stringify(merged));
    } catch (error) {
      report(isQuotaError(error) ? "full" : "blocked");
      return false;
    }
    this.pending = false;
    this.base = snapshot(merged);
    return true;
  }

  /* Store the data without its damaged parts (once the learner has chosen to discard them). */
  repair() {
    const found = this.load();
    if (!found.parts || !found.parts.length) return true;
    return this.write(this.strip(this.read()));
  }

  remove() {
    this.memory = this.empty();
    this.newer = false;
    this.pending = false;
    this.base = null;
    try {
      storage().removeItem(this.key);
    } catch (error) {
      /* blocked: memory is cleared */
    }
  }
}

/* fn(event) when another tab changes `key` (or clears the storage); fn returns false to stop listening. */
export function onStoreChange(key, fn) {
  if (typeof window === "undefined") return;
  const listener = (event) => {
    if (event.key !== null && event.key !== key) return;
    if (fn(event) === false) window.removeEventListener("storage", listener);
  };
  window.addEventListener("storage", listener);
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

/* The damaged parts of a version 1 "dva-progress": its entries that fail the check. */
export function progressDamage(data) {
  if (!isObject(data.questions)) return [];
  return Object.keys(data.questions).filter((id) => progressEntryProblem(data.questions[id]))
    .map((id) => "question:" + JSON.stringify(id) + ":" + JSON.stringify(data.questions[id]));
}

function answerTime(entry) {
  return isObject(entry) && isTime(entry.at) ? entry.at : -1;
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/* Merge what another tab stored (theirs) into this tab's answers (mine, changed in place):
 * per question the newest answer wins (mine on a tie); a question this tab cleared stays
 * cleared unless the other tab answered it again since this tab's last read (base). */
export function mergeProgress(mine, theirs, base) {
  if (!isObject(mine.questions) || !isObject(theirs.questions)) return mine;
  const before = base && isObject(base.questions) ? base.questions : {};
  Object.keys(theirs.questions).forEach((id) => {
    const their = theirs.questions[id];
    if (!has(mine.questions, id)) {
      if (!(has(before, id) && sameJson(before[id], their))) mine.questions[id] = their;
    } else if (answerTime(their) > answerTime(mine.questions[id])) mine.questions[id] = their;
  });
  return mine;
}

/* Progress without its damaged entries (changed in place). */
export function stripProgress(data) {
  if (isObject(data.questions)) {
    Object.keys(data.questions).forEach((id) => {
      if (progressEntryProblem(data.questions[id])) delete data.questions[id];
    });
  }
  return data;
}

// Entries of "dva-progress" are checked one by one where they are used; damaged ones stay
// in place (and a copy is kept aside) until the learner discards them on the progress page.
export const progress = new Store(PROGRESS_KEY, (data) => (isObject(data.questions) ? data : null), emptyProgress,
  { damage: progressDamage, merge: mergeProgress, strip: stripProgress });

/* A deep copy to keep for "Undo" (the stores hand out their live objects). */
export function snapshot(data) {
  return JSON.parse(JSON.stringify(data));
}
