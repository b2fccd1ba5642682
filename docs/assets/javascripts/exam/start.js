/* The exam's start screen: length, time (standard, with the accommodation, custom or
 * untimed), the domain mix of the draw, and the last exams. */
import { draw, examMinutes, customLimits, extendedMinutes, plan, standardMinutes } from "./logic.js";
import { el, timeElement } from "../utilities/dom.js";
import { percent, plural } from "../utilities/format.js";
import { SITE } from "./questions.js";

export function domainName(settings, number) {
  const found = settings.domains.find((d) => d.number === number);
  return "Domain " + number + (found ? ": " + found.name : "");
}

export function shortNote(settings, note) {
  return domainName(settings, note.domain) + " has " + plural(note.drawn, "question", "questions") +
    " instead of " + note.wanted + ": the chapters hold no more, so the other domains make up the difference.";
}

export function historyText(entry) {
  return plural(entry.questions, "question", "questions") + (entry.kind === "missed" ? " you had missed" : "") + ", " +
    entry.correct + " correct (" + percent(entry.correct, entry.questions) + "%), estimated score " + entry.score +
    (entry.passed ? " (pass)" : " (below the pass mark)") + (entry.timeUp ? "; time ran out" : "");
}

function option(type, name, id, value, checked, label) {
  return el("div", { class: "dva-exam__option" }, [
    el("input", { type: type, name: name, id: id, value: value, checked: checked }),
    el("label", { for: id }, label)
  ]);
}

/* The start screen; `begin(ids, minutes, short)` starts the exam (minutes null: untimed). */
export function startScreen(settings, index, history, notice, begin) {
  const lengths = settings.lengths.filter((length) => length > 0);
  const previous = history.length ? history[history.length - 1].questions : settings.questions;
  const selected = lengths.indexOf(previous) >= 0 ? previous : settings.questions;
  const mix = el("div", { class: "dva-exam__mix", id: "dva-exam-mix" });
  const standard = el("span");
  const extended = el("span");
  const customInput = el("input", {
    type: "number", id: "dva-exam-custom-minutes", class: "dva-exam__minutes", inputmode: "numeric", min: "1", step: "1",
    "aria-label": "Custom time in minutes",
    "aria-describedby": "dva-exam-custom-help"
  });
  const customHelp = el("span", { class: "dva-exam__help", id: "dva-exam-custom-help" });
  const problem = el("p", { class: "dva-exam__problem", role: "alert", hidden: true });
  const timeField = el("fieldset", { class: "dva-exam__fieldset" }, [
    el("legend", { class: "dva-exam__legend", text: "Time" }),
    option("radio", "dva-exam-time", "dva-exam-time-standard", "standard", true, ["Exam time: ", standard]),
    option("radio", "dva-exam-time", "dva-exam-time-extended", "extended", false, [
      "Exam time plus the accommodation (" + settings.extension_minutes + " extra minutes on the full exam): ", extended
    ]),
    el("div", { class: "dva-exam__option" }, [
      el("input", { type: "radio", name: "dva-exam-time", id: "dva-exam-time-custom", value: "custom" }),
      el("label", { for: "dva-exam-time-custom", text: "Custom time" }),
      el("label", { class: "dva-exam__minutes-label", for: "dva-exam-custom-minutes" }, [customInput, " minutes"]),
      customHelp
    ]),
    option("radio", "dva-exam-time", "dva-exam-time-untimed", "untimed", false, ["Untimed"]),
    el("p", { class: "dva-exam__help", text: "With a time limit, the exam is submitted when time is up. " +
      "The time left is announced to screen readers at 30, 10, 5 and 1 minutes left, and on request (key T)." })
  ]);
  const form = el("form", { class: "dva-exam__settings", "aria-labelledby": "dva-exam-title", novalidate: true }, [
    el("fieldset", { class: "dva-exam__fieldset" }, [el("legend", { class: "dva-exam__legend", text: "Length" })].concat(
      lengths.map((length) => option("radio", "dva-exam-length", "dva-exam-length-" + length, String(length), length === selected,
        [length + " questions" + (length === settings.questions ? ", the full exam" : "")])))),
    timeField,
    mix,
    problem,
    el("button", { type: "submit", class: "md-button md-button--primary dva-button", text: "Start the exam" })
  ]);
  const chosenLength = () => +form.querySelector("input[name=dva-exam-length]:checked").value;
  const chosenTime = () => form.querySelector("input[name=dva-exam-time]:checked").value;

  function refresh() {
    const length = chosenLength();
    standard.textContent = plural(standardMinutes(settings, length), "minute", "minutes");
    extended.textContent = plural(extendedMinutes(settings, length), "minute", "minutes");
    const limits = customLimits(settings, length);
    customInput.max = String(limits.max);
    if (!customInput.value) customInput.value = String(standardMinutes(settings, length));
    customHelp.textContent = "(" + limits.min + " to " + limits.max + ")";
    const chosen = plan(settings.domains, index.questions, length);
    mix.textContent = "";
    mix.appendChild(el("p", { text: "Questions per domain, as the exam weighs them:" }));
    mix.appendChild(el("ul", { class: "dva-exam__mix-list" }, settings.domains.map((d) =>
      el("li", { text: domainName(settings, d.number) + " (" + d.weight + "%): " + chosen.counts[d.number] }))));
    if (chosen.length < length) {
      mix.appendChild(el("p", { class: "dva-exam__note", text: "Only " + chosen.length + " questions are available, so the exam has " + chosen.length + "." }));
    }
    chosen.short.forEach((note) => mix.appendChild(el("p", { class: "dva-exam__note", text: shortNote(settings, note) })));
  }
  form.addEventListener("change", refresh);
  customInput.addEventListener("focus", () => { form.querySelector("#dva-exam-time-custom").checked = true; });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const length = chosenLength();
    const minutes = examMinutes(settings, length, chosenTime(), customInput.value);
    if (Number.isNaN(minutes)) {
      const limits = customLimits(settings, length);
      problem.textContent = "Enter a custom time from " + limits.min + " to " + limits.max + " minutes, or choose another time.";
      problem.hidden = false;
      customInput.setAttribute("aria-invalid", "true");
      customInput.focus();
      return;
    }
    const chosen = plan(settings.domains, index.questions, length);
    begin(draw(index.questions, chosen), minutes, chosen.short);
  });
  refresh();
  return el("section", { class: "dva-exam__start", "aria-labelledby": "dva-exam-title" }, [
    el("h2", { class: "dva-exam__title", id: "dva-exam-title", tabindex: "-1", text: "Start an exam" }),
    notice ? el("p", { class: "dva-exam__note", role: "alert", text: notice }) : null,
    form,
    history.length ? el("h3", { text: "Your last exams" }) : null,
    history.length ? el("ul", { class: "dva-exam__history" }, history.slice(-5).reverse().map((entry) =>
      el("li", {}, [timeElement(entry.at), ": " + historyText(entry)]))) : null,
    history.length ? el("p", {}, [el("a", { href: new URL("progress/", SITE).href, text: "Every exam and your progress per chapter" })]) : null
  ]);
}
