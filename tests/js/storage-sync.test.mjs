// Tabs, failed writes and damaged data (browser/storage.js, exam-records.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import {
  DAMAGED_PREFIX, PROGRESS_KEY, EXAM_KEY, Store, emptyProgress, keptAside, mergeProgress, onStorageProblem, progressDamage,
  stripProgress, discardKeptAside
} from "../../docs/assets/javascripts/browser/storage.js";
import {
  HISTORY_LIMIT, cleanExams, emptyExams, examDamage, examId, mergeExam, mergeExams, recordSubmitted
} from "../../docs/assets/javascripts/browser/exam-records.js";

/* A localStorage with a quota (in characters of keys and values), like a browser's. */
function fakeStorage(items = {}, quota = Infinity) {
  const used = () => Object.keys(items).reduce((sum, key) => sum + key.length + items[key].length, 0);
  return {
    items,
    get length() { return Object.keys(items).length; },
    key: (i) => Object.keys(items)[i] ?? null,
    getItem: (key) => (key in items ? items[key] : null),
    setItem: (key, value) => {
      const old = key in items ? key.length + items[key].length : 0;
      if (used() - old + key.length + String(value).length > quota) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
      items[key] = String(value);
    },
    removeItem: (key) => { delete items[key]; }
  };
}

const problems = [];
onStorageProblem((cause) => problems.push(cause));

afterEach(() => {
  delete globalThis.localStorage;
  problems.length = 0;
});

function answer(hash, at, chosen = [0]) {
  return { hash: hash, correct: true, chosen: chosen, at: at };
}

function progressStore() {
  return new Store(PROGRESS_KEY, (data) => data, emptyProgress, { damage: progressDamage, merge: mergeProgress, strip: stripProgress });
}

function examStore() {
  return new Store(EXAM_KEY, cleanExams, emptyExams, { damage: examDamage, merge: mergeExams });
}

function exam(started, answers) {
  return {
    kind: "exam", started: started, timed: false, duration: null, deadline: null, position: 0, short: [],
    questions: answers.map(([id, chosen, at]) => ({ id: id, hash: "h", order: [0, 1, 2], chosen: chosen, flagged: false, at: at }))
  };
}

function historyEntry(at, id) {
  return { at: at, kind: "exam", questions: 2, correct: 1, score: 550, passed: false, timed: false, timeUp: false, domains: {}, exam: id };
}

test("progress: per question the newest answer wins, and another tab's new answers are kept", () => {
  const base = { version: 1, questions: { a: answer("x", 1), b: answer("x", 1) } };
  const mine = { version: 1, questions: { a: answer("x", 5, [1]), b: answer("x", 1), c: answer("x", 6) } };
  const theirs = { version: 1, questions: { a: answer("x", 3, [2]), b: answer("x", 9, [2]), d: answer("x", 4) } };
  const merged = mergeProgress(mine, theirs, base);
  assert.deepEqual(merged.questions.a.chosen, [1]); // mine is newer
  assert.deepEqual(merged.questions.b.chosen, [2]); // theirs is newer
  assert.ok(merged.questions.c && merged.questions.d); // each tab's new answer
});

test("progress: a question cleared here stays cleared unless the other tab answered it again", () => {
  const base = { version: 1, questions: { a: answer("x", 1), b: answer("x", 1) } };
  const mine = { version: 1, questions: {} }; // this tab reset both
  const theirs = { version: 1, questions: { a: answer("x", 1), b: answer("x", 7) } };
  assert.deepEqual(Object.keys(mergeProgress(mine, theirs, base).questions), ["b"]);
});

test("a write merges what another tab stored since this tab read", () => {
  globalThis.localStorage = fakeStorage();
  const tab1 = progressStore();
  const tab2 = progressStore();
  const one = tab1.read();
  const two = tab2.read();
  one.questions.a = answer("x", 1);
  assert.equal(tab1.write(one), true);
  two.questions.b = answer("x", 2); // tab 2 never re-read
  assert.equal(tab2.write(two), true);
  assert.deepEqual(Object.keys(JSON.parse(globalThis.localStorage.items[PROGRESS_KEY]).questions).sort(), ["a", "b"]);
});

test("a full storage refuses the write, keeps what was stored, and keeps the answer for the visit", () => {
  globalThis.localStorage = fakeStorage({}, 120);
  const store = progressStore();
  const data = store.read();
  data.questions.a = answer("x", 1);
  assert.equal(store.write(data), true);
  const before = globalThis.localStorage.items[PROGRESS_KEY];
  const more = store.read();
  more.questions.b = answer("x", 2);
  assert.equal(store.write(more), false);
  assert.deepEqual(problems, ["full"]);
  assert.equal(globalThis.localStorage.items[PROGRESS_KEY], before);
  assert.deepEqual(Object.keys(store.read().questions), ["a", "b"]); // read again: still there for the visit
});

test("a newer version is refused and said so; blocked storage too", () => {
  globalThis.localStorage = fakeStorage({ [PROGRESS_KEY]: '{"version": 2}' });
  const store = progressStore();
  assert.equal(store.write(store.read()), false);
  assert.equal(globalThis.localStorage.items[PROGRESS_KEY], '{"version": 2}');
  delete globalThis.localStorage;
  assert.equal(progressStore().write(emptyProgress()), false);
  assert.deepEqual(problems, ["newer", "blocked"]);
});

test("damaged data is kept aside once, before a write replaces it, and only then", () => {
  const raw = JSON.stringify({ version: 1, current: null, review: null, history: [historyEntry(1, "1:a"), { at: "soon" }, historyEntry(3, "3:a")] });
  globalThis.localStorage = fakeStorage({ [EXAM_KEY]: raw });
  const store = examStore();
  const state = store.read();
  assert.deepEqual(state.history.map((entry) => entry.exam), ["1:a", "3:a"]); // the valid ones survive
  store.read();
  assert.deepEqual(keptAside().map((copy) => [copy.from, copy.text]), [[EXAM_KEY, raw]]);
  assert.deepEqual(problems, ["damaged"]);
  assert.equal(store.write(state), true);
  assert.equal(keptAside().length, 1);
  discardKeptAside(keptAside().map((copy) => copy.key));
  assert.equal(keptAside().length, 0);
  assert.ok(!Object.keys(globalThis.localStorage.items).some((key) => key.startsWith(DAMAGED_PREFIX)));
});

test("a damaged progress entry stays in place and is kept aside once, however the rest changes", () => {
  const raw = JSON.stringify({ version: 1, questions: { a: answer("x", 1), bad: { hash: 3 } } });
  globalThis.localStorage = fakeStorage({ [PROGRESS_KEY]: raw });
  const store = progressStore();
  const data = store.read();
  data.questions.b = answer("x", 2);
  assert.equal(store.write(data), true);
  store.read();
  assert.equal(keptAside().length, 1);
  assert.ok(JSON.parse(globalThis.localStorage.items[PROGRESS_KEY]).questions.bad);
  assert.equal(store.repair(), true); // the learner discards it
  assert.deepEqual(Object.keys(JSON.parse(globalThis.localStorage.items[PROGRESS_KEY]).questions).sort(), ["a", "b"]);
});

test("corrupt data that cannot be kept aside is not overwritten", () => {
  globalThis.localStorage = fakeStorage({ [PROGRESS_KEY]: "{not json" }, 40);
  const store = progressStore();
  const data = store.read();
  data.questions.a = answer("x", 1);
  assert.equal(store.write(data), false);
  assert.equal(globalThis.localStorage.items[PROGRESS_KEY], "{not json");
  assert.deepEqual(problems, ["full"]);
});

test("the same exam in two tabs: per question the newest change wins", () => {
  const mine = exam(100, [["a", [1], 5], ["b", [], 0], ["c", [2], 9]]);
  const theirs = exam(100, [["a", [0], 3], ["b", [2], 7], ["c", [0], 9]]);
  assert.deepEqual(mergeExam(mine, theirs), [1]);
  assert.deepEqual(mine.questions.map((item) => item.chosen), [[1], [2], [2]]);
  assert.deepEqual(mergeExam(mine, exam(200, [["a", [0], 99], ["b", [], 99], ["c", [], 99]])), []); // another exam
});

test("an exam is recorded once, and one submitted in another tab never comes back", () => {
  const taken = exam(100, [["a", [1], 5]]);
  const state = { version: 1, current: taken, review: null, history: [] };
  const theirs = JSON.parse(JSON.stringify(state));
  taken.submitted = 200;
  taken.timeUp = false;
  recordSubmitted(theirs, theirs.current, historyEntry(200, null));
  assert.equal(theirs.history[0].exam, examId(taken));
  recordSubmitted(theirs, taken, historyEntry(201, null)); // the same exam again
  assert.equal(theirs.history.length, 1);
  const mine = { version: 1, current: exam(100, [["a", [2], 6]]), review: null, history: [] };
  mergeExams(mine, theirs, { version: 1, current: null, review: null, history: [] });
  assert.equal(mine.current, null);
  assert.equal(mine.history.length, 1);
});

test("history is cut at its limit, and the cut is counted", () => {
  const state = { version: 1, current: null, review: null, history: [] };
  for (let i = 0; i < HISTORY_LIMIT; i++) state.history.push(historyEntry(i, i + ":a"));
  assert.equal(recordSubmitted(state, exam(1000, [["a", [0], 1]]), historyEntry(1000, null)), 1);
  assert.equal(state.history.length, HISTORY_LIMIT);
  assert.equal(state.history[0].exam, "1:a");
});

test("copies kept aside are listed oldest first, with the key they came from", () => {
  globalThis.localStorage = fakeStorage({ "dva-damaged-dva-exam-5-2": "b", "dva-damaged-dva-progress-3": "a", "dva-exam": "{}", other: "x" });
  assert.deepEqual(keptAside().map((copy) => [copy.from, copy.at, copy.text]), [["dva-progress", 3, "a"], ["dva-exam", 5, "b"]]);
});
