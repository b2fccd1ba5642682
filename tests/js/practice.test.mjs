// The practice page's pure logic (practice/logic.js): which questions a session draws, the
// weakest task statements, readiness. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as logic from "../../docs/assets/javascripts/practice/logic.js";

const TASKS = ["1.1", "1.2", "2.1", "3.1"];
const QUESTIONS = Array.from({ length: 40 }, (_, n) => ({
  id: "q" + n, hash: "h" + n, page: "chapter" + (n % 4) + "/", domain: +TASKS[n % 4][0], task: TASKS[Math.floor(n / 10)], choiceCount: 4
}));
const NO_PICK = { chapters: [], domains: [], tasks: [] };

function answers(entries) {
  const questions = {};
  Object.keys(entries).forEach((id, n) => {
    const q = QUESTIONS.find((item) => item.id === id);
    questions[id] = { hash: q.hash, correct: entries[id], chosen: [0], at: 1000 + n };
  });
  return { version: 1, questions: questions };
}

test("a session on one task statement draws only that task's questions, as many as asked", () => {
  const ids = logic.selectQuestions(QUESTIONS, { ...NO_PICK, tasks: ["2.1"] }, "all", 10, answers({}));
  assert.equal(ids.length, 10);
  assert.ok(ids.every((id) => QUESTIONS.find((q) => q.id === id).task === "2.1"));
  assert.equal(new Set(ids).size, 10);
  assert.equal(logic.selectQuestions(QUESTIONS, NO_PICK, "all", 100, answers({})).length, 40);
});

test("picks mix: a question matches any picked chapter, domain or task", () => {
  const pick = { chapters: ["chapter0/"], domains: [], tasks: ["3.1"] };
  const ids = logic.selectQuestions(QUESTIONS, pick, "all", 100, answers({}));
  assert.ok(ids.every((id) => { const q = QUESTIONS.find((item) => item.id === id); return q.page === "chapter0/" || q.task === "3.1"; }));
  assert.equal(ids.length, 10 + 10 - 2); // q32 and q36 are in both
});

test("only unanswered, only missed; an answer to older wording does not count", () => {
  const stored = answers({ q0: true, q1: false, q2: false });
  stored.questions.q2.hash = "old";
  const pick = { ...NO_PICK, tasks: ["1.1"] };
  assert.deepEqual(logic.selectQuestions(QUESTIONS, pick, "missed", 10, stored), ["q1"]);
  assert.equal(logic.selectQuestions(QUESTIONS, pick, "unanswered", 10, stored).length, 8);
});

test("the weakest tasks: lowest recent accuracy among tasks with enough answers", () => {
  const entries = {};
  // task 1.1: 6 answers, 1 right; task 1.2: 4 answers, all wrong (not enough to judge); task 2.1: 5 answers, 4 right
  [0, 1, 2, 3, 4, 5].forEach((n) => { entries["q" + n] = n === 0; });
  [10, 11, 12, 13].forEach((n) => { entries["q" + n] = false; });
  [20, 21, 22, 23, 24].forEach((n) => { entries["q" + n] = n !== 20; });
  const weakest = logic.weakestTasks(QUESTIONS, answers(entries));
  assert.deepEqual(weakest.map((t) => [t.task, t.correct, t.answered]), [["1.1", 1, 6], ["2.1", 4, 5]]);
  assert.equal(logic.ENOUGH, 5);
  // only the 10 most recent answers count
  const many = {};
  QUESTIONS.slice(0, 10).forEach((q, n) => { many[q.id] = n >= 5; }); // the older 5 wrong, the newer 5 right
  const recent = logic.taskAccuracy(QUESTIONS, answers(many), 5);
  assert.deepEqual(recent.map((t) => [t.task, t.correct, t.answered]), [["1.1", 5, 5]]);
  // a drill takes the missed questions first
  const drill = logic.drillQuestions(QUESTIONS, ["1.1"], 3, answers(entries));
  assert.equal(drill.length, 3);
  assert.ok(drill.every((id) => ["q1", "q2", "q3", "q4", "q5"].includes(id)), drill.join());
});

test("readiness weighs the domains as the exam does and says what each figure rests on", () => {
  const domains = [
    { number: 1, name: "Development", weight: 32, tasks: { "1.1": "a", "1.2": "b" } },
    { number: 2, name: "Security", weight: 26, tasks: { "2.1": "c" } },
    { number: 3, name: "Deployment", weight: 24, tasks: { "3.1": "d" } },
    { number: 4, name: "Troubleshooting", weight: 18, tasks: {} }
  ];
  // QUESTIONS' domain is from n % 4 while the task is from n / 10: use questions whose both agree
  const questions = QUESTIONS.map((q) => ({ ...q, domain: +q.task[0] }));
  const stored = { version: 1, questions: {} };
  const answer = (id, correct) => { stored.questions[id] = { hash: "h" + id.slice(1), correct: correct, chosen: [0], at: 1 }; };
  answer("q0", true); answer("q1", false); // domain 1: 1 of 2
  answer("q20", true); // domain 2: 1 of 1
  const figures = logic.readiness(questions, stored, domains);
  assert.equal(figures.answered, 3);
  assert.deepEqual(figures.domains.map((d) => [d.answered, d.correct]), [[2, 1], [1, 1], [0, 0], [0, 0]]);
  assert.equal(figures.estimate, Math.round((32 * 0.5 + 26 * 1) * 100 / 58)); // 72: rated domains only
  assert.deepEqual(figures.unrated, [3, 4]);
  assert.deepEqual(figures.tasks.map((t) => [t.task, t.answered]), [["1.1", 2], ["1.2", 0], ["2.1", 1], ["3.1", 0]]);
  assert.deepEqual(logic.studyNext(figures).map((t) => [t.task, t.missed]), [["1.1", ["q1"]]]);
  assert.equal(logic.readiness(questions, { version: 1, questions: {} }, domains).estimate, null);
});
