// The spaced review schedule and the export/import merge (browser/review.js, exam-records.js),
// on a fake clock: every function takes `now`. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as schedule from "../../docs/assets/javascripts/browser/review.js";
import * as records from "../../docs/assets/javascripts/browser/exam-records.js";

const DAY = 86400000;
const START = new Date(2026, 2, 2, 15, 30).getTime(); // an afternoon, local time
const at = (days, hours = 0) => START + days * DAY + hours * 3600000;
const due = (data, now) => schedule.dueIds(data, now);

function missed(now = START) {
  return schedule.recordAnswer(schedule.emptyReview(), "q1", "h1", false, now);
}

test("the documented schedule: 1, 3 and 7 days, 3 right answers in a row", () => {
  assert.deepEqual(schedule.INTERVALS, [1, 3, 7]);
});

test("a missed question is due the next day, not before", () => {
  const data = missed();
  assert.deepEqual(due(data, at(0, 8)), []); // later the same day: not yet
  assert.deepEqual(due(data, schedule.dayStart(START, 1) - 1), []); // one ms before midnight
  assert.deepEqual(due(data, schedule.dayStart(START, 1)), ["q1"]); // from midnight on
  assert.deepEqual(due(data, at(1)), ["q1"]);
  assert.equal(data.questions.q1.box, 1);
});

test("answered right when due, it comes back after 3 days, then 7, then leaves the queue", () => {
  const data = missed();
  schedule.recordAnswer(data, "q1", "h1", true, at(1));
  assert.equal(data.questions.q1.box, 2);
  assert.deepEqual(due(data, at(3)), []);
  assert.deepEqual(due(data, schedule.dayStart(at(1), 3)), ["q1"]); // 3 days after the review
  schedule.recordAnswer(data, "q1", "h1", true, at(4));
  assert.equal(data.questions.q1.box, 3);
  assert.deepEqual(due(data, at(10)), []);
  assert.deepEqual(due(data, schedule.dayStart(at(4), 7)), ["q1"]); // 7 days after
  schedule.recordAnswer(data, "q1", "h1", true, at(11));
  assert.equal(data.questions.q1.box, 0); // learned: out of the queue
  assert.deepEqual(due(data, at(400)), []);
  assert.equal(schedule.queueSize(data), 0);
});

test("a right answer before the question is due changes nothing; a wrong one anywhere restarts box 1", () => {
  const data = missed();
  schedule.recordAnswer(data, "q1", "h1", true, at(0, 2)); // same day: not due yet
  assert.equal(data.questions.q1.box, 1);
  schedule.recordAnswer(data, "q1", "h1", true, at(1));
  schedule.recordAnswer(data, "q1", "h1", false, at(2));
  assert.equal(data.questions.q1.box, 1);
  assert.deepEqual(due(data, at(2, 3)), []);
  assert.deepEqual(due(data, at(3)), ["q1"]);
  // a right answer to a question that never was in the queue leaves it out
  schedule.recordAnswer(data, "q2", "h2", true, at(3));
  assert.equal("q2" in data.questions, false);
});

test("a changed question restarts in box 1, due at once; a removed one drops out silently", () => {
  const data = missed();
  schedule.recordAnswer(data, "q2", "h2", false, START);
  schedule.recordAnswer(data, "q1", "h1", true, at(1)); // box 2
  assert.equal(schedule.reconcile(data, { q1: { hash: "h1-edited" } }, at(1, 1)), true);
  assert.deepEqual(Object.keys(data.questions), ["q1"]); // q2 is no longer on the site
  assert.equal(data.questions.q1.box, 1);
  assert.equal(data.questions.q1.hash, "h1-edited");
  assert.deepEqual(due(data, at(1, 1)), ["q1"]);
  assert.equal(schedule.reconcile(data, { q1: { hash: "h1-edited" } }, at(1, 2)), false);
  // answering a changed question anywhere also restarts it before the answer counts
  const other = missed();
  schedule.recordAnswer(other, "q1", "h1-new", true, at(0, 1));
  assert.equal(other.questions.q1.box, 2);
  assert.equal(other.questions.q1.hash, "h1-new");
});

test("damaged entries are never due and are left out of an export and counted", () => {
  const data = missed();
  data.questions.bad = { hash: "x", box: 7, due: "soon" };
  assert.deepEqual(due(data, at(5)), ["q1"]);
  const answers = { version: 1, questions: {
    a: { hash: "h", correct: true, chosen: [0], at: 1 },
    b: { hash: "h", correct: "yes", chosen: [0] },
    c: { hash: "h", correct: false, chosen: [1], at: 2 }
  } };
  const prepared = records.prepareExport(answers, records.emptyExams(), data, new Date(at(5)));
  assert.equal(prepared.answers, 2);
  assert.equal(prepared.skipped, 2);
  assert.deepEqual(Object.keys(prepared.file.data["dva-progress"].questions), ["a", "c"]);
  assert.deepEqual(Object.keys(prepared.file.data["dva-review"].questions), ["q1"]);
  const back = records.readExport(JSON.stringify(prepared.file));
  assert.equal(back.version, 2);
  assert.deepEqual(back.review.questions, { q1: data.questions.q1 });
});

test("merge keeps the newest answer and review entry per question and both histories once", () => {
  const exam = (time) => ({ at: time, kind: "exam", questions: 10, correct: 8, score: 820, passed: true, timed: true, timeUp: false, domains: {} });
  const ours = {
    answers: { version: 1, questions: {
      q1: { hash: "h", correct: true, chosen: [0], at: 200 },
      q2: { hash: "h", correct: false, chosen: [1], at: 100 },
      q4: { hash: "h", correct: "broken", chosen: [0], at: 900 }
    } },
    exams: { version: 1, current: null, review: null, history: [exam(1), exam(2)] },
    review: { version: 1, questions: { q1: { hash: "h", box: 2, due: 500, at: 200 } }, sessions: [{ at: 5, kind: "practice", questions: 10, correct: 5 }] }
  };
  const theirs = {
    answers: { version: 1, questions: {
      q1: { hash: "h", correct: false, chosen: [1], at: 150 },
      q2: { hash: "h", correct: true, chosen: [0], at: 300 },
      q3: { hash: "h", correct: true, chosen: [2], at: 50 },
      q4: { hash: "h", correct: true, chosen: [0], at: 10 }
    } },
    exams: { version: 1, current: null, review: null, history: [exam(2), exam(3)] },
    review: { version: 1, questions: { q1: { hash: "h", box: 1, due: 300, at: 150 }, q2: { hash: "h", box: 1, due: 400, at: 300 } },
      sessions: [{ at: 5, kind: "practice", questions: 10, correct: 5 }, { at: 6, kind: "review", questions: 3, correct: 3 }] }
  };
  const merged = records.mergeImport(ours, theirs);
  assert.equal(merged.answers.questions.q1.at, 200); // ours is newer
  assert.equal(merged.answers.questions.q2.at, 300); // theirs is newer
  assert.equal(merged.answers.questions.q3.at, 50); // only theirs
  assert.equal(merged.answers.questions.q4.correct, true); // a damaged entry of ours gives way
  assert.deepEqual(merged.exams.history.map((entry) => entry.at), [1, 2, 3]);
  assert.equal(merged.review.questions.q1.box, 2);
  assert.equal(merged.review.questions.q2.due, 400);
  assert.deepEqual(merged.review.sessions.map((s) => s.at), [5, 6]);
});

test("a version 1 export file still imports, with an empty review queue; a newer one is refused", () => {
  const v1 = { format: "dva-c02-study-progress", version: 1, exported: "2026-01-01T00:00:00.000Z", data: {
    "dva-progress": { version: 1, questions: { q1: { hash: "h", correct: true, chosen: [0], at: 1 } } }
  } };
  const found = records.readExport(JSON.stringify(v1));
  assert.equal(found.problem, undefined);
  assert.deepEqual(found.review, schedule.emptyReview());
  assert.equal(found.answers.questions.q1.correct, true);
  assert.equal(records.readExport(JSON.stringify({ ...v1, data: { "dva-review": schedule.emptyReview() } })).problem,
    'it holds unknown data "dva-review"'); // version 1 files never had it
  assert.equal(records.readExport(JSON.stringify({ ...v1, version: 3 })).problem, "it has version 3, and this site reads versions 1 and 2");
  const badReview = { ...v1, version: 2, data: { "dva-review": { version: 1, questions: { q1: { hash: "h", box: 1, due: null, at: 1 } }, sessions: [] } } };
  assert.equal(records.readExport(JSON.stringify(badReview)).problem, 'dva-review: question "q1": "due" must be a time in boxes 1 to 3, null in box 0');
});
