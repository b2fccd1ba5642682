/* The exam screen: one question at a time under a bar that stays in view (question N of
 * M, time left, flag, question map), keyboard shortcuts, the countdown and the submit
 * confirmation. While it is up the site's chrome gives way: body[data-dva-exam-focus]. */
import { answerState, choose, crossedMark } from "./logic.js";
import { actionButton, el, fragment } from "../utilities/dom.js";
import { clock, listing, plural, spokenTimeLeft } from "../utilities/format.js";
import { shortNote } from "./start.js";
import { SITE } from "./questions.js";

const FOCUS_ATTRIBUTE = "data-dva-exam-focus";
// Material's own page shortcuts (search, previous and next page) must not act during an exam.
const MATERIAL_KEYS = ["s", "/", "f", "p", "n", ",", "."];
const SHORTCUTS = [["N", "next question"], ["P", "previous question"], ["F", "flag or unflag"],
  ["1\u20139", "choose or clear an option"], ["M", "question map"], ["T", "hear the time left"]];

/* Focused exam mode: the header, sidebars, search and footer are hidden (exam.css). */
export function setFocusMode(on) {
  if (on) document.body.setAttribute(FOCUS_ATTRIBUTE, "");
  else document.body.removeAttribute(FOCUS_ATTRIBUTE);
}

function examButton(action, text, variant) {
  return actionButton("data-exam-action", action, text, variant);
}

export class ExamScreen {
  /* app: { exam, index, settings, save(), say(text), submit(timeUp, focus) } */
  constructor(app) {
    this.app = app;
    this.exam = app.exam;
    this.timer = null;
    this.lastLeft = null;
    this.parts = {};
  }

  question(item) {
    return this.app.index.byId[item.id];
  }

  build() {
    const exam = this.exam;
    const p = this.parts;
    p.heading = el("h2", { class: "dva-exam__title", id: "dva-exam-question-title", tabindex: "-1" });
    p.prompt = el("div", { class: "dva-exam__prompt", id: "dva-exam-prompt" });
    p.legend = el("legend", { class: "dva-exam__legend" });
    p.choices = el("ul", { class: "dva-exam__choices" });
    p.count = el("p", { class: "dva-exam__count", id: "dva-exam-count" });
    p.flag = examButton("flag", "Flag");
    p.flag.classList.add("dva-exam__flag");
    p.mapToggle = el("button", {
      type: "button", class: "md-button dva-button dva-exam__map-toggle", "data-exam-action": "map",
      "aria-controls": "dva-exam-map", "aria-expanded": "false", text: "Map"
    });
    p.previous = examButton("previous", "Previous");
    p.next = examButton("next", "Next", "primary");
    p.submit = examButton("submit", "Submit the exam");
    p.time = el("span", { class: "dva-exam__time", role: "timer", "aria-live": "off" });
    p.warning = el("p", { class: "dva-exam__warning", hidden: true });
    p.mapSummary = el("p", { class: "dva-exam__map-summary", id: "dva-exam-map-summary" });
    p.map = el("ol", { class: "dva-exam__map-list" }, exam.questions.map((item, position) =>
      el("li", {}, [el("button", { type: "button", class: "dva-exam__map-item", "data-exam-action": "goto", "data-exam-goto": String(position) }, [
        el("span", { class: "dva-exam__map-number", text: String(position + 1) }),
        el("span", { class: "dva-exam__map-mark", "aria-hidden": "true" })
      ])])));
    p.dialog = el("dialog", { class: "dva-exam__dialog", "aria-labelledby": "dva-exam-dialog-title" });
    p.dialog.addEventListener("close", () => {
      if (p.screen.isConnected && !p.screen.contains(document.activeElement)) p.submit.focus();
    });
    const clockText = exam.timed ? el("p", { class: "dva-exam__clock" }, [el("span", { class: "dva-exam__clock-label", text: "Time left " }), p.time])
      : el("p", { class: "dva-exam__clock", text: "No time limit" });
    p.mapPanel = el("section", { class: "dva-exam__map", id: "dva-exam-map", "aria-labelledby": "dva-exam-map-title" }, [
      el("div", { class: "dva-exam__map-head" }, [
        el("h3", { class: "dva-exam__map-title", id: "dva-exam-map-title", text: "Question map" }),
        examButton("close-map", "Close")
      ]),
      p.mapSummary,
      el("p", { class: "dva-exam__map-key" }, [
        el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u2713" }), " answered ",
        el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u00bd" }), " incomplete ",
        el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u2691" }), " flagged; no mark: unanswered"
      ]),
      p.map
    ]);
    p.section = el("section", { class: "dva-exam__question", "aria-labelledby": "dva-exam-question-title" }, [
      p.prompt,
      el("fieldset", { class: "dva-exam__fieldset", "aria-describedby": "dva-exam-prompt dva-exam-count" }, [p.legend, p.choices]),
      p.count
    ]);
    p.screen = el("div", { class: "dva-exam__screen", "data-exam-view": "exam", "data-exam-map-open": "false" }, [
      el("div", { class: "dva-exam__bar" }, [
        p.heading,
        clockText,
        el("div", { class: "dva-exam__bar-actions" }, [p.flag, p.mapToggle])
      ]),
      p.warning,
      exam.short.length ? el("details", { class: "dva-exam__notes" }, [el("summary", { text: "About this draw" })]
        .concat(exam.short.map((note) => el("p", { text: shortNote(this.app.settings, note) })))) : null,
      p.section,
      el("nav", { class: "dva-exam__nav", "aria-label": "Exam questions" }, [
        el("div", { class: "dva-exam__actions" }, [p.previous, p.next, p.submit]),
        p.mapPanel,
        el("p", { class: "dva-exam__leave" }, [
          el("a", { href: new URL("progress/", SITE).href, text: "Leave for now" }),
          " (your answers are kept and the clock keeps running)"
        ])
      ]),
      el("details", { class: "dva-exam__shortcuts", open: true }, [
        el("summary", { text: "Keyboard shortcuts" }),
        el("dl", {}, SHORTCUTS.flatMap(([key, what]) => [el("dt", {}, [el("kbd", { text: key })]), el("dd", { text: what })]))
      ]),
      p.dialog
    ]);
    p.screen.addEventListener("keydown", (event) => this.onKey(event));
    return p.screen;
  }

  /* After the screen is in the page. */
  start(focus) {
    setFocusMode(true);
    this.renderQuestion(focus);
    this.updateMap();
    if (this.exam.timed) {
      this.lastLeft = null;
      this.tick();
      this.timer = setInterval(() => this.tick(), 1000);
    }
  }

  stop() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.parts.dialog && this.parts.dialog.open) this.parts.dialog.close();
  }

  onAction(action, button) {
    const exam = this.exam;
    if (action === "previous") this.go(exam.position - 1);
    else if (action === "next") this.go(exam.position + 1);
    else if (action === "goto") this.go(+button.getAttribute("data-exam-goto"));
    else if (action === "flag") this.toggleFlag();
    else if (action === "map") this.toggleMap();
    else if (action === "close-map") this.toggleMap(false);
    else if (action === "submit") this.confirmSubmit();
    else if (action === "confirm-submit") {
      this.parts.dialog.close();
      this.app.submit(false, true);
    } else if (action === "cancel-submit") this.parts.dialog.close();
  }

  /* Shortcuts work while focus is in the exam (WCAG 2.1.4) and not in a text field or the dialog. */
  onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (this.parts.dialog.open || event.target.closest("input[type=number], textarea, select, dialog")) return;
    const key = event.key.toLowerCase();
    const exam = this.exam;
    if (MATERIAL_KEYS.indexOf(key) >= 0) event.stopPropagation();
    if (key === "escape" && this.parts.screen.getAttribute("data-exam-map-open") === "true") this.toggleMap(false);
    else if (key === "n") this.go(exam.position + 1);
    else if (key === "p") this.go(exam.position - 1);
    else if (key === "f") this.toggleFlag();
    else if (key === "m") this.toggleMap(true);
    else if (key === "t") this.app.say(exam.timed ? spokenTimeLeft(exam.deadline - Date.now()) : "No time limit.");
    else if (/^[1-9]$/.test(key)) {
      const input = this.parts.choices.querySelectorAll("input")[+key - 1];
      if (!input) return;
      input.checked = input.type === "radio" ? true : !input.checked;
      input.focus();
      this.onChoice(input);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  }

  renderQuestion(focus) {
    const exam = this.exam;
    const p = this.parts;
    const item = exam.questions[exam.position];
    const q = this.question(item);
    const need = q.right.length;
    p.section.setAttribute("data-exam-question", q.id);
    p.heading.textContent = "Question " + (exam.position + 1) + " of " + exam.questions.length;
    p.prompt.replaceWith((p.prompt = fragment("div", "dva-exam__prompt", q.prompt, q.url)));
    p.prompt.id = "dva-exam-prompt";
    p.legend.textContent = need > 1 ? "Your answer: choose " + need : "Your answer: choose one";
    p.choices.textContent = "";
    item.order.forEach((number, position) => {
      const id = "dva-exam-choice-" + position;
      const label = fragment("label", "dva-exam__label", q.choices[number].html, q.url);
      label.setAttribute("for", id);
      p.choices.appendChild(el("li", { class: "dva-exam__choice" }, [
        el("span", { class: "dva-exam__choice-key", "aria-hidden": "true", text: String(position + 1) }),
        el("input", {
          class: "dva-exam__input", type: need > 1 ? "checkbox" : "radio", name: "dva-exam-answer", id: id,
          value: String(number), "data-exam-choice": "", checked: item.chosen.indexOf(number) >= 0
        }),
        label
      ]));
    });
    this.updateCount(false);
    this.updateFlag();
    const last = exam.position === exam.questions.length - 1;
    p.previous.disabled = exam.position === 0;
    p.next.disabled = last;
    p.next.hidden = last;
    p.submit.classList.toggle("md-button--primary", last); // on the last question, submitting comes next
    if (focus) {
      window.scrollTo({ top: 0, behavior: "instant" }); // each question starts at the top of the screen
      p.heading.focus({ preventScroll: true });
    }
  }

  updateCount(overLimit) {
    const item = this.exam.questions[this.exam.position];
    const need = this.question(item).right.length;
    const count = this.parts.count;
    count.classList.toggle("dva-exam__count--limit", !!overLimit);
    if (overLimit) count.textContent = "You can choose only " + need + ". Clear one of your choices to pick another.";
    else count.textContent = need > 1 ? item.chosen.length + " of " + need + " chosen" : "";
    count.hidden = !count.textContent;
  }

  updateFlag() {
    const flagged = this.exam.questions[this.exam.position].flagged;
    this.parts.flag.setAttribute("aria-pressed", flagged ? "true" : "false");
    this.parts.flag.setAttribute("aria-label", flagged ? "Flagged for review" : "Flag for review");
    this.parts.flag.textContent = flagged ? "Flagged" : "Flag";
  }

  updateMap() {
    const exam = this.exam;
    let answered = 0;
    let flagged = 0;
    this.parts.map.querySelectorAll("button").forEach((button, position) => {
      const item = exam.questions[position];
      const state = answerState(this.question(item), item);
      if (state === "answered") answered++;
      if (item.flagged) flagged++;
      button.className = "dva-exam__map-item dva-exam__map-item--" + state + (item.flagged ? " dva-exam__map-item--flagged" : "");
      if (position === exam.position) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
      const mark = state === "answered" ? "\u2713" : state === "incomplete" ? "\u00bd" : "";
      button.querySelector(".dva-exam__map-mark").textContent = mark + (item.flagged ? "\u2691" : "");
      button.setAttribute("aria-label", (position + 1) + ": " + state + (item.flagged ? ", flagged" : ""));
    });
    this.parts.mapSummary.textContent = answered + " of " + exam.questions.length + " answered" + (flagged ? ", " + flagged + " flagged" : "");
  }

  /* On a phone the map opens as a sheet over the question; on a wide screen it is always shown. */
  toggleMap(open) {
    const p = this.parts;
    const isOpen = p.screen.getAttribute("data-exam-map-open") === "true";
    const next = open === undefined ? !isOpen : open;
    p.screen.setAttribute("data-exam-map-open", String(next));
    p.mapToggle.setAttribute("aria-expanded", String(next));
    if (next) {
      const current = p.map.querySelector("[aria-current]") || p.map.querySelector("button");
      current.focus();
    } else if (isOpen) p.mapToggle.focus();
  }

  go(position) {
    const exam = this.exam;
    if (position < 0 || position >= exam.questions.length) return;
    exam.position = position;
    this.app.save();
    this.parts.screen.setAttribute("data-exam-map-open", "false");
    this.parts.mapToggle.setAttribute("aria-expanded", "false");
    this.renderQuestion(true);
    this.updateMap();
  }

  /* Radio: one answer. Checkbox: at most "choose N"; one more is refused, and said so. */
  onChoice(input) {
    const item = this.exam.questions[this.exam.position];
    const need = this.question(item).right.length;
    const chosen = choose(item.chosen, +input.value, input.checked, need);
    if (chosen === null) {
      input.checked = false;
      this.app.say("You can choose only " + need + ". Clear one of your choices to pick another.");
    } else {
      item.chosen = chosen;
      this.app.save();
    }
    this.updateCount(chosen === null);
    this.updateMap();
  }

  toggleFlag() {
    const item = this.exam.questions[this.exam.position];
    item.flagged = !item.flagged;
    this.app.save();
    this.updateFlag();
    this.updateMap();
    this.app.say("Question " + (this.exam.position + 1) + (item.flagged ? " flagged for review." : ": flag removed."));
  }

  tick() {
    if (!this.parts.screen.isConnected) {
      this.stop(); // instant navigation left the page; the deadline stays stored
      setFocusMode(false);
      return;
    }
    const exam = this.exam;
    const left = exam.deadline - Date.now();
    if (left <= 0) {
      this.app.submit(true, true);
      return;
    }
    this.parts.time.textContent = clock(left);
    const mark = crossedMark(this.lastLeft, left, exam.duration);
    if (mark !== null) {
      const text = plural(mark, "minute", "minutes") + " left. When time is up, the exam is submitted.";
      this.parts.warning.textContent = text;
      this.parts.warning.hidden = false;
      this.app.say(text);
    }
    this.lastLeft = left;
  }

  confirmSubmit() {
    const groups = { unanswered: [], incomplete: [], flagged: [] };
    this.exam.questions.forEach((item, position) => {
      const state = answerState(this.question(item), item);
      if (state !== "answered") groups[state].push(position + 1);
      if (item.flagged) groups.flagged.push(position + 1);
    });
    const line = (numbers, what) => numbers.length
      ? el("p", { text: what + ": question" + (numbers.length > 1 ? "s " : " ") + listing(numbers) + "." }) : null;
    const allDone = !groups.unanswered.length && !groups.incomplete.length && !groups.flagged.length;
    const back = examButton("cancel-submit", "Back to the exam");
    back.autofocus = true; // the safe choice is the default
    const dialog = this.parts.dialog;
    dialog.textContent = "";
    [
      el("h2", { class: "dva-exam__dialog-title", id: "dva-exam-dialog-title", text: "Submit the exam?" }),
      allDone ? el("p", { text: "Every question is answered and none is flagged." }) : null,
      line(groups.unanswered, "Not answered"),
      line(groups.incomplete, "Fewer choices than asked"),
      line(groups.flagged, "Flagged for review"),
      groups.unanswered.length || groups.incomplete.length ? el("p", { text: "Unanswered and incomplete questions count as wrong." }) : null,
      el("p", { text: "You cannot change your answers after submitting." }),
      el("div", { class: "dva-exam__actions" }, [examButton("confirm-submit", "Submit now", "primary"), back])
    ].forEach((child) => { if (child) dialog.appendChild(child); });
    dialog.showModal();
  }
}
