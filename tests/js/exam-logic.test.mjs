// The exam's pure logic (docs/assets/javascripts/exam/logic.js): run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as logic from "../../docs/assets/javascripts/exam/logic.js";

const SETTINGS = {
  questions: 65, scored_questions: 50, minutes: 130, extension_minutes: 30, passing_score: 720, min_score: 100, max_score: 1000,
  lengths: [10, 20, 65],
  domains: [
    { number: 1, name: "Development with AWS Services", weight: 32 },
    { number: 2, name: "Security", weight: 26 },
    { number: 3, name: "Deployment", weight: 24 },
    { number: 4, name: "Troubleshooting and Optimization", weight: 18 }
  ]
};

/* n questions per domain, spread over banks a, b and c; the first choice is right, or the
   first two for every third question ("choose 2"). */
function questions(perDomain) {
  const list = [];
  Object.entries(perDomain).forEach(([domain, count]) => {
    for (let i = 0; i < count; i++) {
      const two = i % 3 === 2;
      const choices = (two ? [true, true, false, false, false] : [true, false, false, false]).map((correct) => ({ correct }));
      const right = choices.map((c, n) => (c.correct ? n : -1)).filter((n) => n >= 0);
      // an index entry (choiceCount, rightCount) with its fetched question (choices, right)
      list.push({ id: `d${domain}-${i}`, hash: "h", domain: +domain, bank: "abc"[i % 3], page: "abc"[i % 3] + "/", choices,
        right, choiceCount: choices.length, rightCount: right.length });
    }
  });
  return list;
}

const byId = (list) => Object.fromEntries(list.map((q) => [q.id, q]));

function exam(list, answers) {
  return {
    kind: "exam", started: 0, timed: true, duration: 60000, deadline: 60000, position: 0, short: [],
    questions: list.map((q, i) => ({ id: q.id, hash: q.hash, order: q.choices.map((_, n) => n), chosen: answers[i] || [], flagged: i === 1 }))
  };
}

test("the settings are read from the page, and broken ones refused", () => {
  assert.deepEqual(logic.readSettings(JSON.stringify(SETTINGS)), SETTINGS);
  assert.equal(logic.readSettings("{not json"), null);
  assert.equal(logic.readSettings(JSON.stringify({ ...SETTINGS, extension_minutes: "30" })), null);
  assert.equal(logic.readSettings(JSON.stringify({ ...SETTINGS, domains: [] })), null);
});

test("65 questions follow the domain weights 32/26/24/18 by largest remainder", () => {
  assert.deepEqual(logic.apportion(65, SETTINGS.domains), { 1: 21, 2: 17, 3: 15, 4: 12 });
  assert.deepEqual(logic.apportion(10, SETTINGS.domains), { 1: 3, 2: 3, 3: 2, 4: 2 });
});

test("a domain short of questions is capped and the others make up the difference", () => {
  const plan = logic.plan(SETTINGS.domains, questions({ 1: 40, 2: 40, 3: 4, 4: 40 }), 65);
  assert.equal(plan.length, 65);
  assert.equal(plan.counts[3], 4);
  assert.equal(plan.counts[1] + plan.counts[2] + plan.counts[4], 61);
  assert.deepEqual(plan.short, [{ domain: 3, wanted: 15, drawn: 4 }]);
  assert.equal(logic.plan(SETTINGS.domains, questions({ 1: 2, 2: 2, 3: 2, 4: 2 }), 65).length, 8);
});

test("the draw takes each domain's count, dealt across the banks, without repeats", () => {
  const list = questions({ 1: 30, 2: 30, 3: 30, 4: 30 });
  const plan = logic.plan(SETTINGS.domains, list, 65);
  const ids = logic.draw(list, plan);
  assert.equal(new Set(ids).size, 65);
  const counts = {};
  const banks = new Set();
  ids.forEach((id) => {
    const q = byId(list)[id];
    counts[q.domain] = (counts[q.domain] || 0) + 1;
    banks.add(q.bank);
  });
  assert.deepEqual(counts, { 1: 21, 2: 17, 3: 15, 4: 12 });
  assert.equal(banks.size, 3);
});

test("time: 130 minutes, the 30-minute accommodation, custom within ten times, or untimed", () => {
  assert.equal(logic.examMinutes(SETTINGS, 65, "standard"), 130);
  assert.equal(logic.examMinutes(SETTINGS, 65, "extended"), 160);
  assert.equal(logic.examMinutes(SETTINGS, 10, "standard"), 20);
  assert.equal(logic.examMinutes(SETTINGS, 10, "extended"), 25);
  assert.equal(logic.examMinutes(SETTINGS, 65, "untimed"), null);
  assert.equal(logic.examMinutes(SETTINGS, 65, "custom", "45"), 45);
  assert.deepEqual(logic.customLimits(SETTINGS, 65), { min: 1, max: 1600 });
  assert.ok(Number.isNaN(logic.examMinutes(SETTINGS, 65, "custom", "1601")));
  assert.ok(Number.isNaN(logic.examMinutes(SETTINGS, 65, "custom", "")));
  assert.ok(Number.isNaN(logic.examMinutes(SETTINGS, 65, "custom", "2.5")));
});

test("the time left is announced at 30, 10, 5 and 1 minutes, once each, not every second", () => {
  const duration = 130 * 60000;
  assert.deepEqual(logic.announcedMinutes(duration), [30, 10, 5, 1]);
  assert.deepEqual(logic.announcedMinutes(20 * 60000), [10, 5, 1]);
  assert.equal(logic.crossedMark(null, 29 * 60000, duration), null, "nothing on the first reading (a reload)");
  assert.equal(logic.crossedMark(30 * 60000 + 500, 30 * 60000 - 500, duration), 30);
  assert.equal(logic.crossedMark(30 * 60000 - 500, 30 * 60000 - 1500, duration), null);
  assert.equal(logic.crossedMark(11 * 60000, 4 * 60000, duration), 5, "a long gap says only the latest mark");
  let said = 0;
  for (let left = duration, before = null; left > 0; before = left, left -= 1000) {
    if (logic.crossedMark(before, left, duration) !== null) said++;
  }
  assert.equal(said, 4);
});

test("choosing: one answer, or at most N; one more is refused", () => {
  assert.deepEqual(logic.choose([2], 1, true, 1), [1]);
  assert.deepEqual(logic.choose([3], 0, true, 2), [0, 3]);
  assert.equal(logic.choose([0, 3], 1, true, 2), null);
  assert.deepEqual(logic.choose([0, 3], 3, false, 2), [0]);
});

test("scoring is all-or-nothing per question, by domain and chapter, with the estimated scaled score", () => {
  const list = questions({ 1: 3, 2: 1 });
  // right, wrong (flagged), unanswered, right
  const result = logic.scoreExam(SETTINGS, exam(list, [[0], [1], [], [0]]), byId(list));
  assert.deepEqual(result.items.map((e) => e.state), ["correct", "incorrect", "unanswered", "correct"]);
  assert.equal(result.correct, 2);
  assert.equal(result.percent, 50);
  assert.equal(result.score, 550);
  assert.equal(result.passed, false);
  assert.deepEqual(result.domains, { 1: { correct: 1, total: 3 }, 2: { correct: 1, total: 1 } });
  assert.equal(logic.scoreExam(SETTINGS, exam(list, [[0], [0], [0, 1], [0]]), byId(list)).passed, true);
  assert.equal(logic.scaledScore(SETTINGS, 47, 65), 751);
  const entry = logic.historyEntry({ ...exam(list, []), submitted: 5, timeUp: false }, result);
  assert.deepEqual(entry.domains, { 1: [1, 3], 2: [1, 1] });
});

test("review filters: wrong, flagged, unanswered, all; retake draws exactly the missed", () => {
  const list = questions({ 1: 3, 2: 1 });
  const result = logic.scoreExam(SETTINGS, exam(list, [[0], [1], [], [0]]), byId(list));
  assert.deepEqual(logic.filterCounts(result.items), { wrong: 1, flagged: 1, unanswered: 1, all: 4 });
  assert.deepEqual(result.items.filter((e) => logic.matchesFilter(e, "wrong")).map((e) => e.number), [2]);
  assert.deepEqual(logic.retakeIds(result, true), [list[1].id, list[2].id]);
  assert.deepEqual(logic.retakeIds(result, false), list.map((q) => q.id));
});

test("an exam fits only while its questions are unchanged", () => {
  const list = questions({ 1: 2 });
  const stored = exam(list, [[0]]);
  assert.ok(logic.examFits(stored, byId(list)));
  assert.ok(!logic.examFits(stored, byId([{ ...list[0], hash: "edited" }, list[1]])));
  assert.ok(!logic.examFits(stored, byId(list.slice(1))));
  assert.equal(logic.answerState(list[0], { chosen: [] }), "unanswered");
  assert.equal(logic.answerState(list[2] || { right: [0, 1] }, { chosen: [0] }), "incomplete");
});
