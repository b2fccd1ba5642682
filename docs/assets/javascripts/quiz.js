/* Quiz widget (an ES module, loaded only on pages with a quiz: overrides/main.html): turns
 * each bank that hooks/quizzes.py rendered (overrides/partials/quiz.html) into a quiz.
 * Without this script the same markup is a readable list of questions, each with its
 * answer in a <details>.
 *
 * Markup it relies on: section[data-quiz] > [data-quiz-question][data-quiz-hash],
 * choices li[data-quiz-choice][data-quiz-correct] (index in the bank file), the answer
 * key li[data-quiz-key] with .dva-quiz__why, [data-quiz-action] buttons, [data-quiz-js]
 * parts (hidden until this runs), [data-quiz-feedback], [data-quiz-score],
 * [data-quiz-confirm] and the live region [data-quiz-status].
 *
 * After checking, each choice shows its verdict and explanation once, next to it; the
 * answer box keeps the question's own explanation and links. Answers are stored in
 * "dva-progress" (format: browser/storage.js), shared with the exam and progress pages, and
 * go through the spaced review schedule (browser/review.js: a wrong one is due tomorrow). */
import { progress, storedAnswer } from "./browser/storage.js";
import { recordAnswers } from "./browser/review.js";
import { addCodeBreaks } from "./utilities/code-breaks.js";

function choices(question) {
  return [...question.querySelectorAll("[data-quiz-choice]")];
}

function isRight(choice) {
  return choice.getAttribute("data-quiz-correct") === "true";
}

function rightCount(question) {
  return choices(question).filter(isRight).length;
}

function idOf(question) {
  return question.getAttribute("data-quiz-question");
}

/* The stored answer of a question, if it is valid and for this very content. */
function entry(store, question) {
  return storedAnswer(store, idOf(question), question.getAttribute("data-quiz-hash"), choices(question).length);
}

function shuffle(question) {
  const items = choices(question);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  items.forEach((item) => item.parentNode.appendChild(item));
}

function say(root, text) {
  const status = root.querySelector("[data-quiz-status]");
  // the same words twice in a row would not be announced again
  status.textContent = status.textContent === text ? text + "\u00a0" : text;
}

function add(parent, tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  element.setAttribute("data-quiz-added", "");
  if (text) element.textContent = text;
  parent.appendChild(element);
  return element;
}

/* Show a checked question: the learner's choices, and each choice's verdict and explanation once. */
function show(question, chosen, correct) {
  question.classList.add("dva-quiz__question--checked");
  choices(question).forEach((choice) => {
    const index = +choice.getAttribute("data-quiz-choice");
    const right = isRight(choice);
    const picked = chosen.indexOf(index) >= 0;
    const input = choice.querySelector("input");
    input.checked = picked;
    input.disabled = true;
    choice.classList.toggle("dva-quiz__choice--right", right);
    choice.classList.toggle("dva-quiz__choice--wrong", picked && !right);
    choice.classList.toggle("dva-quiz__choice--picked", picked);
    const note = add(choice, "div", "dva-quiz__note");
    if (right || picked) {
      add(note, "strong", "dva-quiz__mark", right ? (picked ? "Correct answer, your choice" : "Correct answer") : "Your choice: incorrect");
    }
    const why = question.querySelector('[data-quiz-key="' + index + '"] .dva-quiz__why');
    if (why) {
      const copy = note.appendChild(why.cloneNode(true));
      copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    }
  });
  const many = rightCount(question) > 1;
  const feedback = question.querySelector("[data-quiz-feedback]");
  feedback.hidden = false;
  feedback.className = "dva-quiz__feedback dva-quiz__feedback--" + (correct ? "right" : "wrong");
  feedback.textContent = correct ? "Correct." : "Incorrect. The correct answer" + (many ? "s are" : " is") + " marked.";
  question.querySelector("details").open = true;
}

function clear(question) {
  question.classList.remove("dva-quiz__question--checked");
  question.querySelectorAll("[data-quiz-added]").forEach((el) => el.remove());
  choices(question).forEach((choice) => {
    choice.classList.remove("dva-quiz__choice--right", "dva-quiz__choice--wrong", "dva-quiz__choice--picked");
    const input = choice.querySelector("input");
    input.checked = false;
    input.disabled = false;
  });
  const feedback = question.querySelector("[data-quiz-feedback]");
  feedback.hidden = true;
  feedback.textContent = "";
  question.querySelector("details").open = false;
  shuffle(question);
}

function number(question) {
  return question.querySelector("legend").textContent.replace(/ of .*/, "").trim();
}

function check(root, question) {
  const need = rightCount(question);
  const chosen = [];
  let correct = true;
  choices(question).forEach((choice) => {
    const picked = choice.querySelector("input").checked;
    if (picked) chosen.push(+choice.getAttribute("data-quiz-choice"));
    if (picked !== isRight(choice)) correct = false;
  });
  const feedback = question.querySelector("[data-quiz-feedback]");
  if (!chosen.length || (need > 1 && chosen.length !== need)) {
    const text = need > 1 ? "Choose " + need + " answers, then check." : "Choose an answer, then check.";
    say(root, text);
    feedback.hidden = false;
    feedback.className = "dva-quiz__feedback";
    feedback.textContent = text;
    return;
  }
  const store = progress.read();
  store.questions[idOf(question)] = { hash: question.getAttribute("data-quiz-hash"), correct: correct, chosen: chosen.sort((a, b) => a - b), at: Date.now() };
  progress.write(store);
  recordAnswers([{ id: idOf(question), hash: question.getAttribute("data-quiz-hash"), correct: correct }], Date.now()); // review queue
  show(question, chosen, correct);
  feedback.focus();
  say(root, number(question) + ": " + (correct ? "correct." : "incorrect."));
  score(root);
}

/* Clear stored answers of this bank (all, or only the missed ones); returns what was removed. */
function clearAnswers(root, missedOnly) {
  const store = progress.read();
  const removed = {};
  let first = null;
  root.querySelectorAll("[data-quiz-question]").forEach((question) => {
    const found = entry(store, question);
    if (missedOnly && !(found && !found.correct)) return;
    if (found) removed[idOf(question)] = found;
    delete store.questions[idOf(question)];
    clear(question);
    first = first || question;
  });
  progress.write(store);
  score(root);
  return { removed: removed, first: first };
}

function retry(root) {
  const { removed, first } = clearAnswers(root, true);
  const count = Object.keys(removed).length;
  if (first) first.querySelector("input").focus();
  say(root, count + (count === 1 ? " question" : " questions") + " to retry.");
}

/* Reset asks first; once done it can be undone until the page is left. */
function askReset(root) {
  const confirm = root.querySelector("[data-quiz-confirm]");
  const count = Object.keys(answered(root)).length;
  confirm.querySelector("[data-quiz-confirm-text]").textContent =
    "Clear your " + (count === 1 ? "answer" : count + " answers") + " to this quiz? You can undo it until you leave the page.";
  confirm.hidden = false;
  confirm.querySelector('[data-quiz-action="confirm-reset"]').focus();
}

function answered(root) {
  const store = progress.read();
  const found = {};
  root.querySelectorAll("[data-quiz-question]").forEach((question) => {
    const answer = entry(store, question);
    if (answer) found[idOf(question)] = answer;
  });
  return found;
}

function closeConfirm(root, focus) {
  root.querySelector("[data-quiz-confirm]").hidden = true;
  if (focus) root.querySelector('[data-quiz-action="reset"]').focus();
}

function reset(root) {
  closeConfirm(root, false);
  const { removed } = clearAnswers(root, false);
  root.undo = removed;
  root.querySelector("[data-quiz-undo]").hidden = false;
  root.querySelector('[data-quiz-action="undo"]').focus();
  say(root, "Quiz reset.");
}

function undo(root) {
  const removed = root.undo || {};
  const store = progress.read();
  root.querySelectorAll("[data-quiz-question]").forEach((question) => {
    const id = idOf(question);
    if (!removed[id] || entry(store, question)) return; // answered again since: keep the new answer
    store.questions[id] = removed[id];
    show(question, removed[id].chosen, removed[id].correct);
  });
  progress.write(store);
  root.undo = null;
  root.querySelector("[data-quiz-undo]").hidden = true;
  score(root);
  root.querySelector('[data-quiz-action="reset"]').focus();
  say(root, "Your answers are back.");
}

function score(root) {
  const store = progress.read();
  let total = 0;
  let right = 0;
  let answeredCount = 0;
  root.querySelectorAll("[data-quiz-question]").forEach((question) => {
    const found = entry(store, question);
    total++;
    if (found) answeredCount++;
    if (found && found.correct) right++;
  });
  root.querySelector("[data-quiz-score]").textContent = right + " of " + total + " correct" +
    (answeredCount < total ? " (" + answeredCount + " answered)" : "");
  root.querySelector('[data-quiz-action="retry"]').disabled = answeredCount === right;
  root.querySelector('[data-quiz-action="reset"]').disabled = answeredCount === 0;
}

const ACTIONS = {
  check: (root, button) => check(root, button.closest("[data-quiz-question]")),
  retry: (root) => retry(root),
  reset: (root) => askReset(root),
  "confirm-reset": (root) => reset(root),
  "cancel-reset": (root) => closeConfirm(root, true),
  undo: (root) => undo(root)
};

function setup(root) {
  if (root.hasAttribute("data-quiz-ready")) return;
  root.setAttribute("data-quiz-ready", "");
  root.classList.add("dva-quiz--js");
  root.querySelectorAll("[data-quiz-js]").forEach((el) => { el.hidden = false; });
  addCodeBreaks(root);
  const store = progress.read();
  root.querySelectorAll("[data-quiz-question]").forEach((question) => {
    shuffle(question);
    const found = entry(store, question);
    if (found) show(question, found.chosen, found.correct);
  });
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-quiz-action]");
    if (!button || button.disabled || !ACTIONS[button.getAttribute("data-quiz-action")]) return;
    ACTIONS[button.getAttribute("data-quiz-action")](root, button);
  });
  score(root);
}

// Material emits document$ on the first load and after every instant navigation.
document$.subscribe(() => document.querySelectorAll("[data-quiz]").forEach(setup));
