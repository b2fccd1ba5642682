// Stored progress (docs/assets/javascripts/browser/storage.js, exam-records.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import * as progressStorage from "../../docs/assets/javascripts/browser/storage.js";
import * as records from "../../docs/assets/javascripts/browser/exam-records.js";
import { weakSections } from "../../docs/assets/javascripts/progress/summary.js";

const ANSWERS = { version: 1, questions: { q1: { hash: "abc", correct: true, chosen: [0], at: 1767225600000 } } };
const EXAMS = { version: 1, current: null, review: null, history: [
  { at: 1, kind: "exam", questions: 10, correct: 8, score: 820, passed: true, timed: true, timeUp: false, domains: { 1: [3, 3] } }
] };

function fakeStorage(items = {}) {
  return {
    items,
    getItem: (key) => (key in items ? items[key] : null),
    setItem: (key, value) => { items[key] = String(value); },
    removeItem: (key) => { delete items[key]; }
  };
}

afterEach(() => { delete globalThis.localStorage; });

const storage = { ...progressStorage, ...records };

test("stored data keeps the version 1 format the site has always written", () => {
  globalThis.localStorage = fakeStorage({ "dva-progress": JSON.stringify(ANSWERS), "dva-exam": JSON.stringify(EXAMS) });
  const store = new storage.Store(storage.PROGRESS_KEY, (data) => data, storage.emptyProgress);
  assert.deepEqual(store.read(), ANSWERS);
  store.write({ ...ANSWERS, questions: {} });
  assert.equal(globalThis.localStorage.items["dva-progress"], '{"version":1,"questions":{}}');
});

test("data of a newer version is never overwritten; corrupt data is ignored", () => {
  globalThis.localStorage = fakeStorage({ "dva-progress": '{"version": 2}', "dva-exam": "{not json" });
  const newer = new storage.Store(storage.PROGRESS_KEY, (data) => data, storage.emptyProgress);
  assert.deepEqual(newer.read(), storage.emptyProgress());
  assert.equal(newer.write(ANSWERS), false);
  assert.equal(globalThis.localStorage.items["dva-progress"], '{"version": 2}');
  const corrupt = new storage.Store(storage.EXAM_KEY, storage.cleanExams, storage.emptyExams);
  assert.deepEqual(corrupt.read(), storage.emptyExams());
});

test("blocked storage keeps the data in memory for the visit", () => {
  const store = new storage.Store(storage.PROGRESS_KEY, (data) => data, storage.emptyProgress);
  assert.equal(store.write(ANSWERS), false); // no localStorage at all here
  assert.deepEqual(store.read(), ANSWERS);
});

test("a stored answer counts only for the question's current content", () => {
  assert.deepEqual(storage.storedAnswer(ANSWERS, "q1", "abc", 4), ANSWERS.questions.q1);
  assert.equal(storage.storedAnswer(ANSWERS, "q1", "edited", 4), null);
  assert.equal(storage.storedAnswer(ANSWERS, "q2", "abc", 4), null);
  assert.equal(storage.storedAnswer({ version: 1, questions: { q1: { ...ANSWERS.questions.q1, chosen: [5] } } }, "q1", "abc", 4), null);
});

test("broken parts of the exam data are dropped, the rest kept", () => {
  const clean = storage.cleanExams({ version: 1, current: { kind: "exam" }, review: 3, history: [{}, EXAMS.history[0]] });
  assert.deepEqual(clean, EXAMS);
});

test("an export file round-trips, and a bad one is refused with the reason", () => {
  const data = storage.exportData(ANSWERS, EXAMS, new Date(0));
  const back = storage.readExport(JSON.stringify(data));
  assert.deepEqual([back.answers, back.exams], [ANSWERS, EXAMS]);
  assert.equal(storage.readExport("{not json").problem, "the file is not JSON");
  assert.equal(storage.readExport('{"format": "dva-c02-study-progress", "version": 3, "data": {}}').problem,
    "it has version 3, and this site reads versions 1 and 2");
  const badAnswer = { ...data, data: { "dva-progress": { version: 1, questions: { q1: { hash: "abc", correct: "yes", chosen: [0] } } } } };
  assert.equal(storage.readExport(JSON.stringify(badAnswer)).problem, 'dva-progress: question "q1": "correct" must be true or false');
  assert.equal(storage.readExport(JSON.stringify({ ...data, data: { passwords: {} } })).problem, 'it holds unknown data "passwords"');
});

test("the sections to revisit: lowest share correct first, then most missed", () => {
  const sections = [
    { title: "a", answered: 4, correct: 3, order: 0 },
    { title: "b", answered: 2, correct: 0, order: 1 },
    { title: "c", answered: 1, correct: 1, order: 2 },
    { title: "d", answered: 4, correct: 0, order: 3 }
  ];
  assert.deepEqual(weakSections(sections).map((s) => s.title), ["d", "b", "a"]);
});
