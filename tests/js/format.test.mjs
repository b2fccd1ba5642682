// Pure helpers of docs/assets/javascripts/utilities: run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clock, listing, percent, plural, spokenTimeLeft, thousands } from "../../docs/assets/javascripts/utilities/format.js";
import { isIndexList, range, shuffle } from "../../docs/assets/javascripts/utilities/checks.js";
import { breakPoints } from "../../docs/assets/javascripts/utilities/code-breaks.js";

test("clock rounds up and shows hours only when there are some", () => {
  assert.equal(clock(65000), "1:05");
  assert.equal(clock(130 * 60000), "2:10:00");
  assert.equal(clock(20 * 60000), "20:00");
  assert.equal(clock(59001), "1:00");
  assert.equal(clock(-5), "0:00");
});

test("the time left is spoken in words: minutes, or seconds in the last minute", () => {
  assert.equal(spokenTimeLeft(130 * 60000), "2 hours 10 minutes left");
  assert.equal(spokenTimeLeft(120 * 60000), "2 hours left");
  assert.equal(spokenTimeLeft(61000), "1 minute left");
  assert.equal(spokenTimeLeft(30500), "31 seconds left");
});

test("lists, plurals, percentages and thousands read naturally", () => {
  assert.equal(listing([3]), "3");
  assert.equal(listing([3, 7]), "3 and 7");
  assert.equal(listing([3, 7, 9]), "3, 7 and 9");
  assert.equal(plural(1, "question", "questions"), "1 question");
  assert.equal(plural(0, "question", "questions"), "0 questions");
  assert.equal(percent(1, 3), 33);
  assert.equal(percent(1, 0), 0);
  assert.equal(thousands(1000), "1,000");
});

test("index lists are distinct whole numbers below the size", () => {
  assert.ok(isIndexList([2, 0, 1], 3));
  assert.ok(!isIndexList([0, 0], 3));
  assert.ok(!isIndexList([3], 3));
  assert.ok(!isIndexList([0.5], 3));
});

test("shuffle keeps every element and follows the random source", () => {
  const list = range(10);
  const shuffled = shuffle(list, () => 0);
  assert.deepEqual([...shuffled].sort((a, b) => a - b), list);
  assert.notDeepEqual(shuffled, list);
  assert.deepEqual(list, range(10), "the input is not changed");
});

test("long code may wrap after punctuation and at case changes, never inside a word", () => {
  const text = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
  const pieces = [];
  let last = 0;
  for (const point of breakPoints(text)) {
    pieces.push(text.slice(last, point));
    last = point;
  }
  pieces.push(text.slice(last));
  assert.deepEqual(pieces, ["arn:", "aws:", "states:::", "sqs:", "send", "Message.", "wait", "For", "Task", "Token"]);
  assert.deepEqual(breakPoints("ChangeMessageVisibility").map((i) => "ChangeMessageVisibility".slice(i)), ["MessageVisibility", "Visibility"]);
  assert.deepEqual(breakPoints("lowercaseword"), []);
});
