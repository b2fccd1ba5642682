/* The practice page (docs/practice.md, div[data-practice] with the exam guide's domains and
 * tasks in data-practice-guide, written by the exam_guide_attribute macro): pick chapters,
 * domains and task statements, a number of questions and all / unanswered / missed; then one
 * question at a time with immediate feedback, as in the chapter quizzes (their look:
 * quiz.css), and a short summary. "My weakest task statements" and the review of the due
 * questions (browser/review.js) start a session in one click; practice/?review starts the
 * review at once (the home and progress pages link there).
 *
 * Answers are stored in "dva-progress" (browser/storage.js) as the quizzes do, and go through
 * the review schedule; each finished session is kept in the practice history ("dva-review").
 * The choice of questions is pure logic in practice/logic.js. */
import { progress } from "../browser/storage.js";
import { addSession, dueNow, recordAnswers, review } from "../browser/review.js";
import { isObject, range, shuffle } from "../utilities/checks.js";
import { actionButton, announce, el, fragment, loadProblem } from "../utilities/dom.js";
import { plural } from "../utilities/format.js";
import { SITE, loadIndex, loadQuestions, navOrder } from "../exam/questions.js";
import { ENOUGH, RECENT, drillQuestions, selectQuestions, weakestTasks } from "./logic.js";

const KIND_TITLES = { practice: "Practice", weakest: "Your weakest task statements", review: "Review of the questions due today" };

function button(action, text, variant) {
  return actionButton("data-practice-action", action, text, variant);
}

function readGuide(text) {
  try {
    const guide = JSON.parse(text);
    return Array.isArray(guide) && guide.every((d) => isObject(d) && typeof d.number === "number" && isObject(d.tasks)) ? guide : [];
  } catch (error) {
    return [];
  }
}

function checkbox(name, value, text, id) {
  return el("label", { class: "dva-practice__option", for: id }, [
    el("input", { type: "checkbox", name: name, value: value, id: id }), el("span", { text: text })
  ]);
}

class PracticeApp {
  constructor(root, index, guide) {
    this.root = root;
    this.index = index;
    this.guide = guide;
    this.session = null;
    this.last = null;
    this.view = el("div", { class: "dva-practice__view" });
    this.status = el("p", { class: "dva-practice__status", role: "status" });
    root.textContent = "";
    root.append(this.view, this.status);
    root.addEventListener("click", (event) => {
      const target = event.target.closest("[data-practice-action]");
      if (!target || target.disabled || !root.contains(target)) return;
      const action = target.getAttribute("data-practice-action");
      if (action === "start") this.startChosen();
      else if (action === "weakest") this.startWeakest();
      else if (action === "review") this.startReview();
      else if (action === "check") this.check();
      else if (action === "next") this.next();
      else if (action === "end") this.showSummary();
      else if (action === "again") this.again();
      else if (action === "choices") this.showChoices(true);
    });
  }

  say(text) {
    announce(this.status, text);
  }

  replaceView(node) {
    this.view.textContent = "";
    this.view.appendChild(node);
  }

  counts(key) {
    const counts = {};
    this.index.questions.forEach((q) => { counts[q[key]] = (counts[q[key]] || 0) + 1; });
    return counts;
  }

  showChoices(focus, notice) {
    this.session = null;
    const due = dueNow(this.index.byId, Date.now()).length;
    const byDomain = this.counts("domain");
    const byTask = this.counts("task");
    const chapters = navOrder(this.index.chapters);
    this.message = el("p", { class: "dva-practice__message", text: notice || "" });
    const node = el("div", { class: "dva-practice__choices" }, [
      el("h2", { id: "dva-practice-start", tabindex: "-1", text: "Start in one click" }),
      el("div", { class: "dva-practice__quick" }, [
        el("p", { "data-practice-due": "", text: due ? plural(due, "question", "questions") + " due for review today." : "No questions are due for review today." }),
        el("div", { class: "dva-practice__actions" }, [due ? button("review", "Review the " + plural(due, "due question", "due questions"), "primary") : null]),
        el("p", { text: "Your weakest task statements are those with the lowest share of right answers among their " + RECENT +
          " most recent answers; a task statement needs at least " + ENOUGH + " answers to be judged." }),
        el("div", { class: "dva-practice__actions" }, [button("weakest", "Practise my weakest task statements")])
      ]),
      el("h2", { id: "dva-practice-pick", text: "Or choose what to practise" }),
      el("p", { text: "A session draws from every question in any of the chapters, domains and task statements you tick; with none ticked, from all questions." }),
      el("fieldset", { class: "dva-practice__group" }, [
        el("legend", { text: "Domains" }),
        ...this.guide.map((d) => checkbox("domain", String(d.number), "Domain " + d.number + ": " + d.name +
          " (" + plural(byDomain[d.number] || 0, "question", "questions") + ")", "dva-practice-domain-" + d.number))
      ]),
      el("fieldset", { class: "dva-practice__group" }, [
        el("legend", { text: "Task statements" }),
        ...this.guide.flatMap((d) => Object.keys(d.tasks).map((task) => checkbox("task", task, "Task " + task + ": " + d.tasks[task] +
          " (" + plural(byTask[task] || 0, "question", "questions") + ")", "dva-practice-task-" + task.replace(".", "-"))))
      ]),
      el("details", { class: "dva-practice__chapters" }, [
        el("summary", { text: "Chapters" }),
        el("fieldset", { class: "dva-practice__group" }, [
          el("legend", { text: "Chapters" }),
          ...chapters.map((chapter, number) => checkbox("chapter", chapter.questions[0].page, chapter.title +
            " (" + chapter.questions.length + ")", "dva-practice-chapter-" + number))
        ])
      ]),
      el("fieldset", { class: "dva-practice__group" }, [
        el("legend", { text: "Which questions" }),
        ...[["all", "All of them"], ["unanswered", "Only those I have not answered"], ["missed", "Only those I missed last time"]].map(([value, text]) =>
          el("label", { class: "dva-practice__option", for: "dva-practice-mode-" + value }, [
            el("input", { type: "radio", name: "mode", value: value, id: "dva-practice-mode-" + value, checked: value === "all" }), el("span", { text: text })
          ]))
      ]),
      el("p", { class: "dva-practice__count" }, [
        el("label", { for: "dva-practice-count", text: "Number of questions" }), " ",
        el("input", { type: "number", id: "dva-practice-count", min: "1", max: "100", value: String(this.lastCount || 10), inputmode: "numeric" })
      ]),
      el("div", { class: "dva-practice__actions" }, [button("start", "Start practice", "primary")]),
      this.message
    ]);
    this.form = node;
    this.replaceView(node);
    if (focus) node.querySelector("h2").focus();
  }

  picked(name) {
    return [...this.form.querySelectorAll('input[name="' + name + '"]:checked')].map((input) => input.value);
  }

  tell(text) {
    this.message.textContent = text;
    this.say(text);
  }

  startChosen() {
    const count = Math.max(1, Math.min(100, Math.floor(+this.form.querySelector("#dva-practice-count").value) || 10));
    const pick = { chapters: this.picked("chapter"), domains: this.picked("domain").map(Number), tasks: this.picked("task") };
    const mode = this.picked("mode")[0] || "all";
    this.lastCount = count;
    const ids = selectQuestions(this.index.questions, pick, mode, count, progress.read());
    if (!ids.length) {
      this.tell(mode === "all" ? "No questions match these choices." : "No questions match these choices: " +
        (mode === "missed" ? "you have missed none of them." : "you have answered them all."));
      return;
    }
    this.begin("practice", ids, { pick: pick, mode: mode, count: count });
  }

  startWeakest() {
    const answers = progress.read();
    const tasks = weakestTasks(this.index.questions, answers).map((t) => t.task);
    if (!tasks.length) {
      this.tell("No task statement has " + ENOUGH + " answers yet, so none can be judged. Answer some more questions first.");
      return;
    }
    this.begin("weakest", drillQuestions(this.index.questions, tasks, this.lastCount || 10, answers), { tasks: tasks });
  }

  startReview() {
    const ids = dueNow(this.index.byId, Date.now());
    if (!ids.length) {
      this.showChoices(true, "No questions are due for review today.");
      this.say("No questions are due for review today.");
      return;
    }
    this.begin("review", ids, {});
  }

  again() {
    const last = this.last;
    if (!last || last.kind === "review") this.startReview();
    else if (last.kind === "weakest") this.startWeakest();
    else {
      const ids = selectQuestions(this.index.questions, last.how.pick, last.how.mode, last.how.count, progress.read());
      if (ids.length) this.begin("practice", ids, last.how);
      else this.showChoices(true, "No questions match these choices any more.");
    }
  }

  begin(kind, ids, how) {
    const session = { kind: kind, how: how, ids: ids, questions: [], position: 0, results: [] };
    this.session = session;
    loadQuestions(ids).then((questions) => {
      if (this.session !== session) return;
      // the index entry (chapter, page, url...) under the full question (prompt, choices, ref...)
      session.questions = questions.map((q) => Object.assign({}, this.index.byId[q.id], q));
      if (!questions.length) {
        this.showChoices(true, "These questions are no longer on the site.");
        return;
      }
      this.showQuestion();
      this.say(KIND_TITLES[kind] + ": " + plural(questions.length, "question", "questions") + ".");
    }, (error) => this.tell(loadProblem(error)));
  }

  showQuestion() {
    const session = this.session;
    const q = session.questions[session.position];
    const right = q.right; // loadQuestions gives each question its right choices
    const pageUrl = q.url || new URL(q.page, SITE).href;
    const number = session.position + 1;
    const total = session.questions.length;
    const order = shuffle(range(q.choices.length));
    this.checked = false;
    const choices = order.map((index) => el("li", { class: "dva-quiz__choice", "data-practice-choice": String(index) }, [
      el("input", { class: "dva-quiz__input", type: right.length > 1 ? "checkbox" : "radio", name: "dva-practice-answer",
        id: "dva-practice-choice-" + index, value: String(index) }),
      (() => {
        const label = fragment("label", "dva-quiz__label", q.choices[index].html, pageUrl);
        label.setAttribute("for", "dva-practice-choice-" + index);
        return label;
      })()
    ]));
    const tags = KIND_TITLES[session.kind] + " \u00b7 " + q.chapter + " \u00b7 domain " + q.domain + (q.task ? ", task " + q.task : "");
    const node = el("div", { class: "dva-practice__session" }, [
      el("p", { class: "dva-practice__kind", text: tags }),
      el("h2", { id: "dva-practice-title", tabindex: "-1", text: "Question " + number + " of " + total }),
      el("div", { class: "dva-quiz dva-quiz--js" }, [
        el("div", { class: "dva-quiz__question", "data-practice-question": q.id }, [
          (() => {
            const prompt = fragment("div", "dva-quiz__prompt", q.prompt, pageUrl);
            prompt.id = "dva-practice-prompt";
            return prompt;
          })(),
          el("fieldset", { class: "dva-quiz__fieldset", "aria-describedby": "dva-practice-prompt" }, [
            el("legend", { class: "dva-quiz__legend", text: right.length > 1 ? "Choose " + right.length + " answers" : "Choose one answer" }),
            el("ul", { class: "dva-quiz__choices" }, choices)
          ]),
          el("div", { class: "dva-quiz__actions dva-practice__actions" }, [button("check", "Check", "primary")]),
          el("p", { class: "dva-quiz__feedback", tabindex: "-1", hidden: true, "data-practice-feedback": "" }),
          el("div", { class: "dva-quiz__answer", hidden: true }, [
            q.explanation ? fragment("div", "dva-quiz__explanation", q.explanation, pageUrl) : null,
            el("p", { class: "dva-quiz__more" }, [
              q.ref ? el("a", { href: new URL(q.ref, pageUrl).href, text: "Read the notes: " + (q.ref_title || q.chapter) }) : null,
              q.ref ? " \u00b7 " : null,
              el("a", { href: pageUrl + (q.anchor ? "#" + q.anchor : ""), text: "This question on its chapter page" })
            ])
          ]),
          el("div", { class: "dva-practice__actions dva-practice__next", hidden: true }, [
            button("next", number < total ? "Next question" : "See the summary", "primary")
          ])
        ])
      ]),
      el("div", { class: "dva-practice__actions" }, [button("end", "End the session")])
    ]);
    this.replaceView(node);
    node.querySelector("h2").focus();
  }

  check() {
    const session = this.session;
    if (!session || this.checked) return;
    const q = session.questions[session.position];
    const right = q.right; // loadQuestions gives each question its right choices
    const node = this.view.querySelector("[data-practice-question]");
    const chosen = [...node.querySelectorAll("input:checked")].map((input) => +input.value).sort((a, b) => a - b);
    const feedback = node.querySelector("[data-practice-feedback]");
    if (!chosen.length || (right.length > 1 && chosen.length !== right.length)) {
      const text = right.length > 1 ? "Choose " + right.length + " answers, then check." : "Choose an answer, then check.";
      feedback.hidden = false;
      feedback.className = "dva-quiz__feedback";
      feedback.textContent = text;
      this.say(text);
      return;
    }
    this.checked = true;
    const correct = chosen.length === right.length && right.every((index) => chosen.indexOf(index) >= 0);
    const now = Date.now();
    const store = progress.read();
    if (isObject(store.questions)) {
      store.questions[q.id] = { hash: q.hash, correct: correct, chosen: chosen, at: now };
      progress.write(store);
    }
    recordAnswers([{ id: q.id, hash: q.hash, correct: correct }], now);
    session.results.push({ q: q, correct: correct });
    node.classList.add("dva-quiz__question--checked");
    node.querySelectorAll("[data-practice-choice]").forEach((item) => {
      const index = +item.getAttribute("data-practice-choice");
      const isRight = right.indexOf(index) >= 0;
      const picked = chosen.indexOf(index) >= 0;
      item.querySelector("input").disabled = true;
      item.classList.toggle("dva-quiz__choice--right", isRight);
      item.classList.toggle("dva-quiz__choice--wrong", picked && !isRight);
      item.classList.toggle("dva-quiz__choice--picked", picked);
      const note = el("div", { class: "dva-quiz__note" }, [
        isRight || picked ? el("strong", { class: "dva-quiz__mark", text: isRight ? (picked ? "Correct answer, your choice" : "Correct answer") : "Your choice: incorrect" }) : null,
        q.choices[index].explanation ? fragment("div", "dva-quiz__why", q.choices[index].explanation, q.url || new URL(q.page, SITE).href) : null
      ]);
      item.appendChild(note);
    });
    node.querySelector(".dva-quiz__actions").hidden = true;
    node.querySelector(".dva-quiz__answer").hidden = false;
    node.querySelector(".dva-practice__next").hidden = false;
    feedback.hidden = false;
    feedback.className = "dva-quiz__feedback dva-quiz__feedback--" + (correct ? "right" : "wrong");
    feedback.textContent = correct ? "Correct." : "Incorrect. The correct answer" + (right.length > 1 ? "s are" : " is") + " marked.";
    feedback.focus();
    this.say("Question " + (session.position + 1) + ": " + (correct ? "correct." : "incorrect."));
  }

  next() {
    const session = this.session;
    if (!session) return;
    if (session.position + 1 < session.questions.length) {
      session.position++;
      this.showQuestion();
    } else this.showSummary();
  }

  showSummary() {
    const session = this.session;
    if (!session) return;
    this.session = null;
    this.last = session;
    const results = session.results;
    const correct = results.filter((r) => r.correct).length;
    if (results.length) {
      const data = review.read();
      addSession(data, { at: Date.now(), kind: session.kind, questions: results.length, correct: correct });
      review.write(data);
    }
    const due = dueNow(this.index.byId, Date.now()).length;
    const text = results.length ? "You answered " + correct + " of " + plural(results.length, "question", "questions") + " correctly." : "You answered no questions.";
    const node = el("div", { class: "dva-practice__summary" }, [
      el("h2", { id: "dva-practice-done", tabindex: "-1", text: "Session done" }),
      el("p", { class: "dva-practice__score", "data-practice-score": "", text: text }),
      results.length ? el("ol", { class: "dva-practice__results" }, results.map((r) => el("li", {
        class: "dva-practice__result dva-practice__result--" + (r.correct ? "right" : "wrong")
      }, [
        el("strong", { text: r.correct ? "Correct: " : "Missed: " }),
        el("a", { href: (r.q.url || new URL(r.q.page, SITE).href) + (r.q.anchor ? "#" + r.q.anchor : ""), text: r.q.chapter + (r.q.task ? ", task " + r.q.task : "") })
      ]))) : null,
      el("p", { "data-practice-due": "", text: due ? plural(due, "question", "questions") + " still due for review today." : "No questions are due for review today." }),
      el("p", { class: "dva-practice__fine", text: "Questions you missed come back for review tomorrow." }),
      el("div", { class: "dva-practice__actions" }, [
        session.kind === "review" ? (due ? button("review", "Review the rest", "primary") : null) : button("again", "Practise again", "primary"),
        button("choices", "Back to the choices")
      ])
    ]);
    this.replaceView(node);
    node.querySelector("h2").focus();
    this.say("Session done. " + text);
  }
}

function setupPractice(root) {
  if (root.hasAttribute("data-practice-ready")) return;
  root.setAttribute("data-practice-ready", "");
  const guide = readGuide(root.getAttribute("data-practice-guide"));
  root.textContent = "";
  root.appendChild(el("p", { class: "dva-practice__loading", text: "Loading the questions\u2026" }));
  loadIndex().then((index) => {
    if (!root.isConnected) return;
    const app = new PracticeApp(root, index, guide);
    if (new URLSearchParams(location.search).has("review")) app.startReview();
    else app.showChoices(false);
  }, (error) => {
    root.textContent = "";
    root.appendChild(el("p", { role: "alert", text: loadProblem(error) }));
  });
}

// Material emits document$ on the first load and after every instant navigation.
document$.subscribe(() => document.querySelectorAll("[data-practice]").forEach(setupPractice));
