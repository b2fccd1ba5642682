/* Quiz widget (an ES module, loaded only on pages with a quiz: overrides/main.html).
 *
 * The page holds each bank's frame (overrides/partials/quiz.html): section[data-quiz] with
 * its questions listed in data-quiz-questions ("id:hash:choices" each), the summary, the
 * reset confirmation, the undo note and the live region [data-quiz-status]. This module
 * shows the questions PAGE_SIZE at a time, fetching each one's content when its page is
 * shown (exam/questions.js), so a bank of any size keeps the page light. Without this
 * script the frame links to the question sheets, where every question reads with its
 * answer.
 *
 * After checking, each choice shows its verdict and explanation once, next to it, and
 * the answer box shows the question's own explanation and links. Answers are stored in
 * "dva-progress" (format: browser/storage.js), shared with the exam and progress pages;
 * the score, "Retry the ones I missed" and "Reset" cover the whole bank. A failed save is
 * said next to the question (browser/notice.js); answers given in another tab show at once
 * (`storage` event, followChanges). Answers also go through the spaced review schedule
 * (browser/review.js: a wrong one is due tomorrow). */
import { PROGRESS_KEY, onStoreChange, progress, storedAnswer } from "./browser/storage.js";
import { placeNotices } from "./browser/notice.js";
import { recordAnswers } from "./browser/review.js";
import { loadQuestions } from "./exam/questions.js";
import { el, fragment, loadProblem } from "./utilities/dom.js";

export const PAGE_SIZE = 10;

/* The bank's questions from the frame: [{id, hash, choiceCount}] (pure: tested by node --test). */
export function readItems(text) {
  const items = [];
  const seen = {};
  String(text || "").split(/\s+/).forEach((part) => {
    const [id, hash, count] = part.split(":");
    if (!id || !hash || !/^\d+$/.test(count || "") || seen[id]) return;
    seen[id] = true;
    items.push({ id: id, hash: hash, choiceCount: +count });
  });
  return items;
}

/* The page of questions that holds item `position` (0-based). */
export function pageOf(position) {
  return Math.floor(position / PAGE_SIZE);
}

function say(root, text) {
  const status = root.querySelector("[data-quiz-status]");
  // the same words twice in a row would not be announced again
  status.textContent = status.textContent === text ? text + "\u00a0" : text;
}

function entry(store, item) {
  return storedAnswer(store, item.id, item.hash, item.choiceCount);
}

function shuffled(count) {
  const order = [...Array(count).keys()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function added(tag, className, children) {
  return el(tag, { class: className, "data-quiz-added": "" }, children);
}

/* One question, as the learner answers it; choices in a new random order each time. */
function buildQuestion(q, number, total) {
  const qid = "q-" + q.id;
  const multiple = q.right.length > 1;
  const legend = el("legend", { class: "dva-quiz__legend" }, ["Question " + number + " of " + total]);
  if (multiple) legend.appendChild(el("span", { class: "dva-quiz__choose", text: ": choose " + q.right.length }));
  const prompt = fragment("div", "dva-quiz__prompt", q.prompt, q.url);
  prompt.id = qid + "-prompt";
  const list = el("ul", { class: "dva-quiz__choices" }, shuffled(q.choices.length).map((index) => {
    const label = fragment("label", "dva-quiz__label", q.choices[index].html, q.url);
    label.setAttribute("for", qid + "-" + index);
    return el("li", { class: "dva-quiz__choice", "data-quiz-choice": index }, [
      el("input", { class: "dva-quiz__input", type: multiple ? "checkbox" : "radio", name: qid, id: qid + "-" + index, value: index }),
      label
    ]);
  }));
  const node = el("div", { class: "dva-quiz__question", id: qid, "data-quiz-question": q.id, "data-quiz-hash": q.hash }, [
    el("a", { class: "dva-quiz__permalink", href: "#" + qid, title: "Link to this question", "aria-label": "Link to question " + number, text: "#" }),
    el("fieldset", { class: "dva-quiz__fieldset", "aria-describedby": qid + "-prompt" }, [legend, prompt, list]),
    el("div", { class: "dva-quiz__actions" }, [
      el("button", { type: "button", class: "md-button md-button--primary dva-button", "data-quiz-action": "check", text: "Check" })
    ]),
    el("p", { class: "dva-quiz__feedback", "data-quiz-feedback": "", tabindex: "-1", hidden: true })
  ]);
  node.question = q;
  node.number = number;
  node.total = total;
  return node;
}

function choiceNodes(node) {
  return [...node.querySelectorAll("[data-quiz-choice]")];
}

/* Show a checked question: the learner's choices, each choice's verdict and explanation, the answer box. */
function show(node, chosen, correct) {
  const q = node.question;
  node.classList.add("dva-quiz__question--checked");
  choiceNodes(node).forEach((choice) => {
    const index = +choice.getAttribute("data-quiz-choice");
    const right = q.right.indexOf(index) >= 0;
    const picked = chosen.indexOf(index) >= 0;
    const input = choice.querySelector("input");
    input.checked = picked;
    input.disabled = true;
    choice.classList.toggle("dva-quiz__choice--right", right);
    choice.classList.toggle("dva-quiz__choice--wrong", picked && !right);
    choice.classList.toggle("dva-quiz__choice--picked", picked);
    const note = choice.appendChild(added("div", "dva-quiz__note"));
    if (right || picked) {
      note.appendChild(el("strong", { class: "dva-quiz__mark", text: right ? (picked ? "Correct answer, your choice" : "Correct answer") : "Your choice: incorrect" }));
    }
    if (q.choices[index].explanation) note.appendChild(fragment("div", "dva-quiz__why", q.choices[index].explanation, q.url));
  });
  const more = el("p", { class: "dva-quiz__more" }, [el("a", { href: new URL(q.ref, q.url).href, text: "Read the notes: " + (q.ref_title || q.chapter) })]);
  if (q.report) more.append(" \u00b7 ", el("a", { href: q.report, text: "Report a problem with this question" }));
  node.insertBefore(added("div", "dva-quiz__answer", [fragment("div", "dva-quiz__explanation", q.explanation, q.url), more]), null);
  const feedback = node.querySelector("[data-quiz-feedback]");
  feedback.hidden = false;
  feedback.className = "dva-quiz__feedback dva-quiz__feedback--" + (correct ? "right" : "wrong");
  feedback.textContent = correct ? "Correct." : "Incorrect. The correct answer" + (q.right.length > 1 ? "s are" : " is") + " marked.";
}

/* The question as new: nothing chosen, choices shuffled again. */
function clear(node) {
  node.replaceWith(buildQuestion(node.question, node.number, node.total));
}

function shownQuestion(root, id) {
  return [...root.querySelectorAll("[data-quiz-question]")].find((node) => node.getAttribute("data-quiz-question") === id) || null;
}

function check(root, node) {
  const q = node.question;
  const need = q.right.length;
  const chosen = [];
  choiceNodes(node).forEach((choice) => {
    if (choice.querySelector("input").checked) chosen.push(+choice.getAttribute("data-quiz-choice"));
  });
  const feedback = node.querySelector("[data-quiz-feedback]");
  if (!chosen.length || (need > 1 && chosen.length !== need)) {
    const text = need > 1 ? "Choose " + need + " answers, then check." : "Choose an answer, then check.";
    say(root, text);
    feedback.hidden = false;
    feedback.className = "dva-quiz__feedback";
    feedback.textContent = text;
    return;
  }
  chosen.sort((a, b) => a - b);
  const correct = chosen.length === need && q.right.every((index) => chosen.indexOf(index) >= 0);
  const store = progress.read();
  store.questions[q.id] = { hash: q.hash, correct: correct, chosen: chosen, at: Date.now() };
  placeNotices(node, feedback.nextSibling); // a failed save is said here
  progress.write(store);
  recordAnswers([{ id: q.id, hash: q.hash, correct: correct }], Date.now()); // review queue
  show(node, chosen, correct);
  feedback.focus();
  say(root, "Question " + node.number + ": " + (correct ? "correct." : "incorrect."));
  score(root);
}

/* Show page `number` of the bank's questions; then focus its heading or the question `focusId`. */
function showPage(root, number, focus, focusId) {
  const quiz = root.quiz;
  const pages = Math.max(1, Math.ceil(quiz.items.length / PAGE_SIZE));
  number = Math.min(Math.max(0, number), pages - 1);
  const slice = quiz.items.slice(number * PAGE_SIZE, (number + 1) * PAGE_SIZE);
  const body = root.querySelector("[data-quiz-body]");
  const ticket = (quiz.ticket = (quiz.ticket || 0) + 1);
  body.setAttribute("aria-busy", "true");
  loadQuestions(slice.map((item) => item.id)).then((list) => {
    if (ticket !== quiz.ticket) return; // another page was asked for meanwhile
    quiz.page = number;
    const store = progress.read();
    const first = number * PAGE_SIZE + 1;
    const last = first + list.length - 1;
    const heading = el("p", { class: "dva-quiz__range", tabindex: "-1", text: pages > 1 ? "Questions " + first + "\u2013" + last + " of " + quiz.items.length : "" });
    const nodes = list.map((q, i) => {
      const node = buildQuestion(q, first + i, quiz.items.length);
      const found = q.hash === slice[i].hash && entry(store, slice[i]);
      if (found) show(node, found.chosen, found.correct);
      return node;
    });
    body.textContent = "";
    body.append(...(pages > 1 ? [heading] : []), ...nodes, ...(pages > 1 ? [pager(number, pages)] : []));
    body.removeAttribute("aria-busy");
    const target = focusId ? shownQuestion(root, focusId) : null;
    if (target) {
      target.scrollIntoView({ block: "start" });
      const input = target.querySelector("input:not(:disabled)");
      if (focus && input) input.focus({ preventScroll: true });
    } else if (focus && pages > 1) {
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
    if (focus && pages > 1) say(root, heading.textContent + ".");
  }, (error) => {
    if (ticket !== quiz.ticket) return;
    body.removeAttribute("aria-busy");
    body.textContent = "";
    body.appendChild(el("p", { class: "dva-quiz__problem", role: "alert", text: loadProblem(error) }));
  });
}

function pager(number, pages) {
  const button = (action, text, disabled) =>
    el("button", { type: "button", class: "md-button dva-button", "data-quiz-action": action, "data-quiz-page": action === "previous" ? number - 1 : number + 1, disabled: disabled, text: text });
  return el("nav", { class: "dva-quiz__pager", "aria-label": "Quiz pages" }, [
    button("previous", "Previous " + PAGE_SIZE, number === 0),
    el("span", { class: "dva-quiz__page", text: "Page " + (number + 1) + " of " + pages }),
    button("next", "Next " + PAGE_SIZE, number === pages - 1)
  ]);
}

/* Clear stored answers of this bank (all, or only the missed ones); returns what was removed. */
function clearAnswers(root, missedOnly) {
  const store = progress.read();
  const removed = {};
  let first = -1;
  root.quiz.items.forEach((item, position) => {
    const found = entry(store, item);
    if (missedOnly && !(found && !found.correct)) return;
    if (!found) return;
    removed[item.id] = found;
    delete store.questions[item.id];
    const node = shownQuestion(root, item.id);
    if (node) clear(node);
    if (first < 0) first = position;
  });
  progress.write(store);
  score(root);
  return { removed: removed, first: first };
}

function retry(root) {
  const { removed, first } = clearAnswers(root, true);
  const count = Object.keys(removed).length;
  say(root, count + (count === 1 ? " question" : " questions") + " to retry.");
  if (first >= 0) showPage(root, pageOf(first), true, root.quiz.items[first].id);
}

function answered(root) {
  const store = progress.read();
  const found = {};
  root.quiz.items.forEach((item) => {
    const answer = entry(store, item);
    if (answer) found[item.id] = answer;
  });
  return found;
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
  root.quiz.items.forEach((item) => {
    if (!removed[item.id] || entry(store, item)) return; // answered again since: keep the new answer
    store.questions[item.id] = removed[item.id];
    const node = shownQuestion(root, item.id);
    if (node && !node.classList.contains("dva-quiz__question--checked")) show(node, removed[item.id].chosen, removed[item.id].correct);
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
  const total = root.quiz.items.length;
  let right = 0;
  let answeredCount = 0;
  root.quiz.items.forEach((item) => {
    const found = entry(store, item);
    if (found) answeredCount++;
    if (found && found.correct) right++;
  });
  root.querySelector("[data-quiz-score]").textContent = right + " of " + total + " correct" +
    (answeredCount < total ? " (" + answeredCount + " answered)" : "");
  root.querySelector('[data-quiz-action="retry"]').disabled = answeredCount === right;
  root.querySelector('[data-quiz-action="reset"]').disabled = answeredCount === 0;
}

/* Another tab changed the answers: show them on the questions shown here (an unchecked
 * question without a stored answer keeps what the learner is choosing). */
function followChanges(root) {
  if (!root.isConnected) return false; // instant navigation left the page
  const store = progress.read();
  root.querySelectorAll("[data-quiz-question]").forEach((node) => {
    const q = node.question;
    if (!q) return;
    const found = storedAnswer(store, q.id, q.hash, q.choices.length);
    const checked = node.classList.contains("dva-quiz__question--checked");
    const shown = checked ? choiceNodes(node).filter((choice) => choice.querySelector("input").checked)
      .map((choice) => +choice.getAttribute("data-quiz-choice")).sort((a, b) => a - b).join(",") : null;
    if ((found && shown === found.chosen.join(",")) || (!found && !checked)) return;
    const fresh = buildQuestion(q, node.number, node.total);
    node.replaceWith(fresh);
    if (found) show(fresh, found.chosen, found.correct);
  });
  score(root);
  return true;
}

const ACTIONS = {
  check: (root, button) => check(root, button.closest("[data-quiz-question]")),
  previous: (root, button) => showPage(root, +button.getAttribute("data-quiz-page"), true),
  next: (root, button) => showPage(root, +button.getAttribute("data-quiz-page"), true),
  retry: (root) => retry(root),
  reset: (root) => askReset(root),
  "confirm-reset": (root) => reset(root),
  "cancel-reset": (root) => closeConfirm(root, true),
  undo: (root) => undo(root)
};

/* The question a link points at (#q-<id>), if it is in this bank. */
function linkedPosition(root) {
  const id = decodeURIComponent(location.hash.slice(1)).replace(/^q-/, "");
  return location.hash.startsWith("#q-") ? root.quiz.items.findIndex((item) => item.id === id) : -1;
}

function setup(root) {
  if (root.hasAttribute("data-quiz-ready")) return;
  root.setAttribute("data-quiz-ready", "");
  root.quiz = { items: readItems(root.getAttribute("data-quiz-questions")), page: 0 };
  root.classList.add("dva-quiz--js");
  root.querySelectorAll("[data-quiz-js]").forEach((part) => { part.hidden = false; });
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-quiz-action]");
    if (!button || button.disabled || !ACTIONS[button.getAttribute("data-quiz-action")]) return;
    ACTIONS[button.getAttribute("data-quiz-action")](root, button);
  });
  onStoreChange(PROGRESS_KEY, () => followChanges(root));
  score(root);
  const linked = linkedPosition(root);
  showPage(root, linked >= 0 ? pageOf(linked) : 0, false, linked >= 0 ? root.quiz.items[linked].id : null);
}

// Material emits document$ on the first load and after every instant navigation (node --test
// imports this module for its pure functions, without a page).
if (globalThis.document$) {
  document$.subscribe(() => document.querySelectorAll("[data-quiz]").forEach(setup));
  // A link to a question of this page's quiz (#q-<id>) shows that question's page.
  window.addEventListener("hashchange", () => {
    document.querySelectorAll("[data-quiz][data-quiz-ready]").forEach((root) => {
      const linked = linkedPosition(root);
      if (linked >= 0 && !shownQuestion(root, root.quiz.items[linked].id)) showPage(root, pageOf(linked), false, root.quiz.items[linked].id);
    });
  });
}
