/* The exam's pure logic: drawing questions, time, answers, scoring and review filters.
 * No DOM and no storage: tests/js/exam-logic.test.mjs runs it under `node --test`.
 *
 * A question `q` is an entry of assets/quiz-index.json plus `right` (the indexes of its
 * correct choices, see questions.js); an exam `item` is { id, hash, order, chosen, flagged }. */
import { has, isCount, isIndexList, isObject, shuffle } from "../utilities/checks.js";

/* --- settings -------------------------------------------------------------------------------- */
const SETTING_KEYS = ["questions", "minutes", "extension_minutes", "passing_score", "min_score", "max_score", "scored_questions"];

/* The exam facts from the page (data-exam-settings), or null when they are missing or broken. */
export function readSettings(text) {
  let settings;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    return null;
  }
  const ok = isObject(settings) && SETTING_KEYS.every((key) => isCount(settings[key]) && settings[key] > 0) &&
    Array.isArray(settings.lengths) && settings.lengths.length && settings.lengths.every(isCount) &&
    Array.isArray(settings.domains) && settings.domains.length &&
    settings.domains.every((d) => isObject(d) && isCount(d.number) && isCount(d.weight) && typeof d.name === "string");
  return ok ? settings : null;
}

/* --- the draw ------------------------------------------------------------------------------
 * Questions per domain by the exam's weights (largest remainder), capped by what the banks
 * hold; a capped domain's shortfall is shared among the others by weight. Within a domain
 * the questions are dealt from the chapters in turn, so every chapter contributes. */
export function apportion(total, domains) {
  const weight = domains.reduce((sum, d) => sum + d.weight, 0);
  const parts = domains.map((d) => {
    const exact = weight ? (total * d.weight) / weight : 0;
    return { domain: d, exact: exact, count: Math.floor(exact) };
  });
  const left = total - parts.reduce((sum, p) => sum + p.count, 0);
  parts.slice().sort((a, b) => (b.exact - b.count) - (a.exact - a.count) || b.domain.weight - a.domain.weight || a.domain.number - b.domain.number)
    .slice(0, left).forEach((p) => { p.count++; });
  const counts = {};
  parts.forEach((p) => { counts[p.domain.number] = p.count; });
  return counts;
}

export function plan(domains, questions, length) {
  const available = {};
  domains.forEach((d) => { available[d.number] = 0; });
  questions.forEach((q) => { if (has(available, q.domain)) available[q.domain]++; });
  const total = domains.reduce((sum, d) => sum + available[d.number], 0);
  const wanted = apportion(length, domains);
  const counts = {};
  let open = domains.slice();
  let remaining = Math.min(length, total);
  while (open.length) {
    const share = apportion(remaining, open);
    const capped = open.filter((d) => share[d.number] > available[d.number]);
    if (!capped.length) {
      open.forEach((d) => { counts[d.number] = share[d.number]; });
      break;
    }
    capped.forEach((d) => {
      counts[d.number] = available[d.number];
      remaining -= available[d.number];
    });
    open = open.filter((d) => capped.indexOf(d) < 0);
  }
  const short = domains.filter((d) => counts[d.number] < wanted[d.number])
    .map((d) => ({ domain: d.number, wanted: wanted[d.number], drawn: counts[d.number] }));
  return { length: Math.min(length, total), counts: counts, short: short };
}

export function draw(questions, chosenPlan, random = Math.random) {
  let picked = [];
  Object.keys(chosenPlan.counts).forEach((domain) => {
    const banks = {};
    questions.forEach((q) => {
      if (String(q.domain) === domain) (banks[q.bank] = banks[q.bank] || []).push(q.id);
    });
    const piles = shuffle(Object.keys(banks), random).map((bank) => shuffle(banks[bank], random));
    const dealt = [];
    const rounds = Math.max(0, ...piles.map((pile) => pile.length));
    for (let round = 0; round < rounds; round++) {
      piles.forEach((pile) => { if (round < pile.length) dealt.push(pile[round]); });
    }
    picked = picked.concat(dealt.slice(0, chosenPlan.counts[domain]));
  });
  return shuffle(picked, random);
}

/* --- time -------------------------------------------------------------------------------------
 * "standard": the exam's minutes, in proportion for a shorter practice exam; "extended": plus
 * the accommodation's extra minutes, in the same proportion; "custom": the minutes given;
 * "untimed": no limit (null). */
export const TIME_CHOICES = ["standard", "extended", "custom", "untimed"];
export const CUSTOM_FACTOR = 10; // a custom time may be up to ten times the standard (WCAG 2.2.1)

export function standardMinutes(settings, length) {
  return Math.max(1, Math.round((settings.minutes * length) / settings.questions));
}

export function extendedMinutes(settings, length) {
  return standardMinutes(settings, length) + Math.max(1, Math.round((settings.extension_minutes * length) / settings.questions));
}

export function customLimits(settings, length) {
  return { min: 1, max: CUSTOM_FACTOR * extendedMinutes(settings, length) };
}

/* Minutes for the chosen time, null for untimed; a custom value outside the limits gives NaN. */
export function examMinutes(settings, length, choice, custom) {
  if (choice === "untimed") return null;
  if (choice === "extended") return extendedMinutes(settings, length);
  if (choice === "custom") {
    const limits = customLimits(settings, length);
    const minutes = Number(custom);
    return Number.isInteger(minutes) && minutes >= limits.min && minutes <= limits.max ? minutes : NaN;
  }
  return standardMinutes(settings, length);
}

/* The minutes-left marks at which the time is announced: fewer than the exam lasts. */
export const ANNOUNCED_MINUTES = [30, 10, 5, 1];

export function announcedMinutes(duration) {
  return ANNOUNCED_MINUTES.filter((minutes) => minutes * 60000 < duration);
}

/* The mark crossed between two readings of the time left, or null (at most one per tick). */
export function crossedMark(before, now, duration) {
  if (before === null) return null;
  const crossed = announcedMinutes(duration).filter((minutes) => before > minutes * 60000 && now <= minutes * 60000);
  return crossed.length ? crossed[crossed.length - 1] : null;
}

/* --- answers and scores ------------------------------------------------------------------------- */
export function isRightAnswer(q, chosen) {
  return chosen.length === q.right.length && q.right.every((number) => chosen.indexOf(number) >= 0);
}

/* answered, incomplete (fewer choices than asked) or unanswered */
export function answerState(q, item) {
  if (!item.chosen.length) return "unanswered";
  return item.chosen.length < q.right.length ? "incomplete" : "answered";
}

/* A choice made on a question: radio, or a checkbox with at most "choose N".
 * Returns the new chosen list, or null when one more choice would be too many. */
export function choose(chosen, number, checked, need) {
  if (need === 1) return checked ? [number] : [];
  if (!checked) return chosen.filter((other) => other !== number);
  if (chosen.indexOf(number) >= 0) return chosen;
  if (chosen.length >= need) return null;
  return chosen.concat([number]).sort((a, b) => a - b);
}

export function scaledScore(settings, correct, total) {
  return Math.round(settings.min_score + ((settings.max_score - settings.min_score) * correct) / total);
}

/* An exam can go on only while every question is in the index with the same content. */
export function examFits(exam, byId) {
  return exam.questions.every((item) => {
    const q = has(byId, item.id) && byId[item.id];
    return q && q.hash === item.hash && item.order.length === q.choiceCount &&
      isIndexList(item.order, q.choiceCount) && isIndexList(item.chosen, q.choiceCount) &&
      item.chosen.length <= q.rightCount;
  });
}

/* Each question's verdict ("correct", "incorrect", "unanswered"), per domain and per chapter. */
export function scoreExam(settings, exam, byId) {
  const result = { correct: 0, total: exam.questions.length, domains: {}, chapters: [], items: [] };
  const chapters = {};
  exam.questions.forEach((item, position) => {
    const q = byId[item.id];
    const right = isRightAnswer(q, item.chosen);
    const state = right ? "correct" : item.chosen.length ? "incorrect" : "unanswered";
    if (right) result.correct++;
    const domain = result.domains[q.domain] = result.domains[q.domain] || { correct: 0, total: 0 };
    domain.total++;
    if (right) domain.correct++;
    if (!has(chapters, q.page)) {
      chapters[q.page] = { title: q.chapter || q.bank, url: q.url, correct: 0, total: 0 };
      result.chapters.push(chapters[q.page]);
    }
    chapters[q.page].total++;
    if (right) chapters[q.page].correct++;
    result.items.push({ item: item, q: q, state: state, flagged: item.flagged, number: position + 1 });
  });
  result.percent = result.total ? Math.round((100 * result.correct) / result.total) : 0;
  result.score = scaledScore(settings, result.correct, result.total);
  result.passed = result.score >= settings.passing_score;
  return result;
}

/* The review filters: wrong (answered incorrectly), flagged, unanswered, all. */
export const REVIEW_FILTERS = ["wrong", "flagged", "unanswered", "all"];

export function matchesFilter(entry, filter) {
  if (filter === "wrong") return entry.state === "incorrect";
  if (filter === "flagged") return entry.flagged;
  if (filter === "unanswered") return entry.state === "unanswered";
  return true;
}

export function filterCounts(items) {
  const counts = {};
  REVIEW_FILTERS.forEach((filter) => { counts[filter] = items.filter((entry) => matchesFilter(entry, filter)).length; });
  return counts;
}

/* The questions to retake: all of them, or only the missed ones (wrong or unanswered). */
export function retakeIds(result, missedOnly) {
  return result.items.filter((entry) => !missedOnly || entry.state !== "correct").map((entry) => entry.item.id);
}

export function historyEntry(exam, result) {
  const domains = {};
  Object.keys(result.domains).forEach((number) => {
    domains[number] = [result.domains[number].correct, result.domains[number].total];
  });
  return {
    at: exam.submitted, kind: exam.kind, questions: result.total, correct: result.correct, score: result.score,
    passed: result.passed, timed: exam.timed, timeUp: exam.timeUp, domains: domains
  };
}
