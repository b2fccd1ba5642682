/* Quiz widget: turns each bank that hooks/quizzes.py rendered (overrides/partials/
 * quiz.html) into a quiz. Without this script the same markup is a readable list of
 * questions, each with its answer in a <details>.
 *
 * Markup it relies on: section[data-quiz] > [data-quiz-question][data-quiz-hash],
 * choices li[data-quiz-choice][data-quiz-correct] (index in the bank file), the answer
 * key li[data-quiz-key] with .dva-quiz__why, [data-quiz-action] buttons, [data-quiz-js]
 * parts (hidden until this runs), [data-quiz-feedback], [data-quiz-score] and the live
 * region [data-quiz-status].
 *
 * Stored progress, shared with later pages (exam simulator, progress page):
 *   localStorage["dva-progress"] = JSON {
 *     "version": 1,
 *     "questions": {
 *       "<question id>": {
 *         "hash": "<the question's data-quiz-hash when it was answered>",
 *         "correct": true,   // all-or-nothing, as on the exam
 *         "chosen": [0, 2],  // choice indexes in bank-file order (never shuffled order)
 *         "at": 1767225600000 // when it was checked, ms since 1970
 *       }
 *     }
 *   }
 * An entry counts only while its hash equals the question's current hash, so an edited
 * or reordered question starts afresh. Anything else in the key (corrupt JSON, another
 * version, foreign data, bad entries) is ignored; data of a newer version is never
 * overwritten. When storage is blocked, progress lives in memory for the session. */
(function () {
  "use strict";
  var KEY = "dva-progress";
  var memory = { version: 1, questions: {} };
  var newer = false;

  function read() {
    var data;
    try {
      data = JSON.parse(localStorage.getItem(KEY));
    } catch (error) {
      return memory; // blocked storage or corrupt JSON
    }
    newer = !!data && typeof data.version === "number" && data.version > 1;
    var questions = data && data.version === 1 && data.questions;
    if (questions && typeof questions === "object" && !Array.isArray(questions)) memory = data;
    return memory;
  }

  function write(data) {
    memory = data;
    if (newer) return;
    try {
      localStorage.setItem(KEY, JSON.stringify(data));
    } catch (error) {
      /* blocked or full: the session keeps its progress in memory */
    }
  }

  function choices(question) {
    return [].slice.call(question.querySelectorAll("[data-quiz-choice]"));
  }

  function isRight(choice) {
    return choice.getAttribute("data-quiz-correct") === "true";
  }

  function rightCount(question) {
    return choices(question).filter(isRight).length;
  }

  /* The stored answer of a question, if it is valid and for this very content. */
  function entry(store, question) {
    var id = question.getAttribute("data-quiz-question");
    var found = Object.prototype.hasOwnProperty.call(store.questions, id) && store.questions[id];
    var count = choices(question).length;
    var valid = found && found.hash === question.getAttribute("data-quiz-hash") &&
      typeof found.correct === "boolean" && Array.isArray(found.chosen) && found.chosen.length > 0 &&
      found.chosen.every(function (index) { return index === (index | 0) && index >= 0 && index < count; });
    return valid ? found : null;
  }

  function shuffle(question) {
    var items = choices(question);
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    items.forEach(function (item) { item.parentNode.appendChild(item); });
  }

  function say(root, text) {
    var status = root.querySelector("[data-quiz-status]");
    // the same words twice in a row would not be announced again
    status.textContent = status.textContent === text ? text + "\u00a0" : text;
  }

  function add(parent, tag, className, text) {
    var element = document.createElement(tag);
    element.className = className;
    element.setAttribute("data-quiz-added", "");
    if (text) element.textContent = text;
    parent.appendChild(element);
    return element;
  }

  /* Show a checked question: the learner's choices, every verdict and explanation. */
  function show(question, chosen, correct) {
    question.classList.add("dva-quiz__question--checked");
    choices(question).forEach(function (choice) {
      var index = +choice.getAttribute("data-quiz-choice");
      var right = isRight(choice);
      var picked = chosen.indexOf(index) >= 0;
      var input = choice.querySelector("input");
      input.checked = picked;
      input.disabled = true;
      choice.classList.toggle("dva-quiz__choice--right", right);
      choice.classList.toggle("dva-quiz__choice--wrong", picked && !right);
      var note = add(choice, "div", "dva-quiz__note");
      if (right || picked) {
        add(note, "strong", "dva-quiz__mark", right ? (picked ? "Correct answer, your choice" : "Correct answer")
          : "Your choice: incorrect");
      }
      var why = question.querySelector('[data-quiz-key="' + index + '"] .dva-quiz__why');
      if (why) {
        var copy = note.appendChild(why.cloneNode(true));
        [].forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      }
    });
    var many = rightCount(question) > 1;
    var feedback = question.querySelector("[data-quiz-feedback]");
    feedback.hidden = false;
    feedback.className = "dva-quiz__feedback dva-quiz__feedback--" + (correct ? "right" : "wrong");
    feedback.textContent = correct ? "Correct." : "Incorrect. The correct answer" + (many ? "s are" : " is") + " marked.";
    question.querySelector("details").open = true;
  }

  function clear(question) {
    question.classList.remove("dva-quiz__question--checked");
    [].forEach.call(question.querySelectorAll("[data-quiz-added]"), function (el) { el.remove(); });
    choices(question).forEach(function (choice) {
      choice.classList.remove("dva-quiz__choice--right", "dva-quiz__choice--wrong");
      var input = choice.querySelector("input");
      input.checked = false;
      input.disabled = false;
    });
    var feedback = question.querySelector("[data-quiz-feedback]");
    feedback.hidden = true;
    feedback.textContent = "";
    question.querySelector("details").open = false;
    shuffle(question);
  }

  function number(question) {
    return question.querySelector("legend").textContent.replace(/ of .*/, "").trim();
  }

  function check(root, question) {
    var need = rightCount(question);
    var chosen = [];
    var correct = true;
    choices(question).forEach(function (choice) {
      var picked = choice.querySelector("input").checked;
      if (picked) chosen.push(+choice.getAttribute("data-quiz-choice"));
      if (picked !== isRight(choice)) correct = false;
    });
    if (!chosen.length || (need > 1 && chosen.length !== need)) {
      say(root, need > 1 ? "Choose " + need + " answers, then check." : "Choose an answer, then check.");
      var feedback = question.querySelector("[data-quiz-feedback]");
      feedback.hidden = false;
      feedback.className = "dva-quiz__feedback";
      feedback.textContent = need > 1 ? "Choose " + need + " answers, then check." : "Choose an answer, then check.";
      return;
    }
    var store = read();
    store.questions[question.getAttribute("data-quiz-question")] = {
      hash: question.getAttribute("data-quiz-hash"), correct: correct, chosen: chosen.sort(function (a, b) { return a - b; }), at: Date.now()
    };
    write(store);
    show(question, chosen, correct);
    question.querySelector("summary").focus();
    say(root, number(question) + ": " + (correct ? "correct." : "incorrect."));
    score(root);
  }

  /* Retry the missed questions, or reset the whole bank. */
  function restart(root, missedOnly) {
    var store = read();
    var first = null;
    var count = 0;
    root.querySelectorAll("[data-quiz-question]").forEach(function (question) {
      var found = entry(store, question);
      if (missedOnly && !(found && !found.correct)) return;
      delete store.questions[question.getAttribute("data-quiz-question")];
      clear(question);
      first = first || question;
      count++;
    });
    write(store);
    score(root);
    if (first) first.querySelector("input").focus();
    say(root, missedOnly ? count + (count === 1 ? " question" : " questions") + " to retry." : "Quiz reset.");
  }

  function score(root) {
    var store = read();
    var total = 0;
    var right = 0;
    var answered = 0;
    root.querySelectorAll("[data-quiz-question]").forEach(function (question) {
      var found = entry(store, question);
      total++;
      if (found) answered++;
      if (found && found.correct) right++;
    });
    root.querySelector("[data-quiz-score]").textContent = right + " of " + total + " correct" +
      (answered < total ? " (" + answered + " answered)" : "");
    root.querySelector('[data-quiz-action="retry"]').disabled = answered === right;
    root.querySelector('[data-quiz-action="reset"]').disabled = answered === 0;
  }

  function setup(root) {
    if (root.hasAttribute("data-quiz-ready")) return;
    root.setAttribute("data-quiz-ready", "");
    root.classList.add("dva-quiz--js");
    [].forEach.call(root.querySelectorAll("[data-quiz-js]"), function (el) { el.hidden = false; });
    var store = read();
    root.querySelectorAll("[data-quiz-question]").forEach(function (question) {
      shuffle(question);
      var found = entry(store, question);
      if (found) show(question, found.chosen, found.correct);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-quiz-action]");
      if (!button || button.disabled) return;
      var action = button.getAttribute("data-quiz-action");
      if (action === "check") check(root, button.closest("[data-quiz-question]"));
      else restart(root, action === "retry");
    });
    score(root);
  }

  // Material emits document$ on the first load and after every instant navigation.
  document$.subscribe(function () {
    [].forEach.call(document.querySelectorAll("[data-quiz]"), setup);
  });
})();
