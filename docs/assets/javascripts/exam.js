/* Exam simulator (docs/exam.md) and progress dashboard (docs/progress.md).
 *
 * Both pages hold only a mount point: div[data-exam] (with the exam facts in
 * data-exam-settings, written by the exam_settings_attribute macro from extra.exam in
 * mkdocs.yml and data/exam-guide.yml) and div[data-progress]. The questions come from
 * the question index that the quiz hook writes at build time, assets/quiz-index.json,
 * found next to this script, so it works under any path prefix and after instant
 * navigation. Question HTML in the index was made safe by the build.
 *
 * Stored data (localStorage; when storage is blocked, memory for the session):
 *   "dva-progress" version 1: the chapter quizzes' format, documented in quiz.js. A
 *     submitted exam records each answered question there too (same id, hash, chosen
 *     indexes in bank-file order, all-or-nothing "correct"), so the progress page and
 *     the chapter quizzes reflect exams.
 *   "dva-exam" = JSON {
 *     "version": 1,
 *     "current": null | exam,   // the exam in progress
 *     "review": null | exam,    // the last submitted exam, shown until a new one starts;
 *                               // it also has "submitted" (ms) and "timeUp" (boolean)
 *     "history": [{ "at": ms, "kind": "exam" | "missed", "questions": 10, "correct": 7,
 *                   "score": 730, "passed": true, "timed": true, "timeUp": false,
 *                   "domains": { "1": [correct, asked], ... } }]   // oldest first
 *   }
 *   exam = { "kind": "exam" | "missed", "started": ms, "timed": true,
 *            "duration": ms | null, "deadline": ms | null,   // absolute: survives reloads
 *            "position": 0,                                  // the question on screen
 *            "short": [{ "domain": 3, "wanted": 16, "drawn": 12 }],
 *            "questions": [{ "id": "...", "hash": "...", "order": [2, 0, 3, 1],
 *                            "chosen": [0], "flagged": false }] }
 *   "order" is the shuffled order of choice indexes; "chosen" holds bank-file indexes.
 * Corrupt or foreign data is ignored, an exam whose questions changed since it started
 * is dropped with a message, and data of a newer version is never overwritten.
 *
 * The scaled score is an estimate: min + (max - min) x share correct (100 + 900 x share),
 * labelled as such on the page. */
(function () {
  "use strict";

  var PROGRESS_KEY = "dva-progress";
  var EXAM_KEY = "dva-exam";
  var EXPORT_FORMAT = "dva-c02-study-progress";
  var HISTORY_LIMIT = 200;
  var WARNINGS = [10, 5, 1]; // minutes left that are announced
  var script = document.currentScript || document.querySelector('script[src*="javascripts/exam.js"]');
  var SITE = new URL("../../", script.src).href; // this file is assets/javascripts/exam.js
  var INDEX_URL = new URL("assets/quiz-index.json", SITE).href;

  /* --- small helpers ---------------------------------------------------------------- */
  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isCount(value) {
    return typeof value === "number" && value === Math.floor(value) && value >= 0 && isFinite(value);
  }

  function isTime(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  /* Distinct whole numbers from 0 to size - 1. */
  function isIndexList(list, size) {
    return Array.isArray(list) && list.every(function (index, position) {
      return isCount(index) && index < size && list.indexOf(index) === position;
    });
  }

  function range(count) {
    var list = [];
    for (var i = 0; i < count; i++) list.push(i);
    return list;
  }

  function shuffle(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  function byNumber(a, b) {
    return a - b;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* "3", "3 and 7", "3, 7 and 9" */
  function listing(numbers) {
    if (numbers.length < 2) return numbers.join("");
    return numbers.slice(0, -1).join(", ") + " and " + numbers[numbers.length - 1];
  }

  function percent(part, whole) {
    return whole ? Math.round((100 * part) / whole) : 0;
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    var mm = (hours && minutes < 10 ? "0" : "") + minutes;
    return (hours ? hours + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function minutesText(ms) {
    return plural(Math.round(ms / 60000), "minute", "minutes");
  }

  function thousands(number) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function formatDate(ms) {
    try {
      return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
    } catch (error) {
      return new Date(ms).toLocaleString();
    }
  }

  /* An element: el("p", {class: "x", text: "Hi"}, [children]); false/null attributes are left out. */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(attribute, action, text, className) {
    var attributes = { type: "button", class: className, text: text };
    attributes[attribute] = action;
    return el("button", attributes);
  }

  function examButton(action, text, primary) {
    return button("data-exam-action", action, text, "dva-exam__button" + (primary ? " dva-exam__button--primary" : ""));
  }

  function progressButton(action, text, variant) {
    return button("data-progress-action", action, text, "dva-progress__button" + (variant ? " dva-progress__button--" + variant : ""));
  }

  function timeElement(ms) {
    return el("time", { datetime: new Date(ms).toISOString(), text: formatDate(ms) });
  }

  function loadProblem(error) {
    return "The questions could not be loaded (" + error.message + "). Reload the page to try again.";
  }

  /* Build-time HTML from the index; its links are relative to the question's page. */
  function fragment(tag, className, html, pageUrl) {
    var node = el(tag, { class: className });
    node.innerHTML = html;
    [].forEach.call(node.querySelectorAll("a[href]"), function (link) {
      link.setAttribute("href", new URL(link.getAttribute("href"), pageUrl).href);
    });
    [].forEach.call(node.querySelectorAll("img[src]"), function (image) {
      image.setAttribute("src", new URL(image.getAttribute("src"), pageUrl).href);
    });
    [].forEach.call(node.querySelectorAll("[id]"), function (element) {
      element.removeAttribute("id"); // the page has its own ids
    });
    return node;
  }

  /* The same words twice in a row would not be announced again. */
  function announce(region, text) {
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
  }

  /* --- storage ------------------------------------------------------------------------ */
  function Store(key, clean, empty) {
    this.key = key;
    this.clean = clean;
    this.empty = empty;
    this.memory = empty();
    this.newer = false;
  }

  Store.prototype.read = function () {
    var data;
    try {
      data = JSON.parse(localStorage.getItem(this.key));
    } catch (error) {
      return this.memory; // blocked storage or corrupt JSON
    }
    this.newer = isObject(data) && typeof data.version === "number" && data.version > 1;
    if (isObject(data) && data.version === 1) {
      var clean = this.clean(data);
      if (clean) this.memory = clean;
    }
    return this.memory;
  };

  /* Keep the data; false when it lives in memory only (storage blocked or full, or newer data kept). */
  Store.prototype.write = function (data) {
    this.memory = data;
    if (this.newer) return false;
    try {
      localStorage.setItem(this.key, JSON.stringify(data));
      return true;
    } catch (error) {
      return false;
    }
  };

  Store.prototype.remove = function () {
    this.memory = this.empty();
    this.newer = false;
    try {
      localStorage.removeItem(this.key);
    } catch (error) {
      /* blocked: memory is cleared */
    }
  };

  /* What stored data is wrong, or null: each check returns a message for the import. */
  function progressEntryProblem(entry) {
    if (!isObject(entry)) return "is not an object";
    if (typeof entry.hash !== "string" || !entry.hash) return '"hash" must be a text';
    if (typeof entry.correct !== "boolean") return '"correct" must be true or false';
    if (!isIndexList(entry.chosen, 100) || !entry.chosen.length) return '"chosen" must list choice numbers';
    if (has(entry, "at") && !isTime(entry.at)) return '"at" must be a time';
    return null;
  }

  function progressProblem(data) {
    if (!isObject(data) || data.version !== 1) return "dva-progress: expected version 1";
    if (!isObject(data.questions)) return 'dva-progress: "questions" must be an object';
    var ids = Object.keys(data.questions);
    for (var i = 0; i < ids.length; i++) {
      var problem = progressEntryProblem(data.questions[ids[i]]);
      if (problem) return 'dva-progress: question "' + ids[i] + '": ' + problem;
    }
    return null;
  }

  function examQuestionProblem(item) {
    if (!isObject(item) || typeof item.id !== "string" || typeof item.hash !== "string") return "needs an id and a hash";
    if (!isIndexList(item.order, 100) || item.order.length < 2) return '"order" must list choice numbers';
    if (!isIndexList(item.chosen, item.order.length)) return '"chosen" must list choice numbers';
    if (typeof item.flagged !== "boolean") return '"flagged" must be true or false';
    return null;
  }

  function examProblem(exam, submitted) {
    if (!isObject(exam)) return "is not an object";
    if (exam.kind !== "exam" && exam.kind !== "missed") return '"kind" must be "exam" or "missed"';
    if (!isTime(exam.started) || typeof exam.timed !== "boolean") return 'needs "started" and "timed"';
    if (exam.timed ? !(isTime(exam.duration) && isTime(exam.deadline)) : exam.duration !== null || exam.deadline !== null) {
      return '"duration" and "deadline" must be times when timed, null otherwise';
    }
    if (!Array.isArray(exam.questions) || !exam.questions.length) return '"questions" must be a list';
    var ids = {};
    for (var i = 0; i < exam.questions.length; i++) {
      var problem = examQuestionProblem(exam.questions[i]);
      if (problem) return "question " + (i + 1) + ": " + problem;
      if (has(ids, exam.questions[i].id)) return "question " + (i + 1) + " is there twice";
      ids[exam.questions[i].id] = true;
    }
    if (!isCount(exam.position) || exam.position >= exam.questions.length) return '"position" is out of range';
    var shortOk = Array.isArray(exam.short) && exam.short.every(function (note) {
      return isObject(note) && isCount(note.domain) && isCount(note.wanted) && isCount(note.drawn);
    });
    if (!shortOk) return '"short" must be a list of notes';
    if (submitted && !(isTime(exam.submitted) && typeof exam.timeUp === "boolean")) return 'needs "submitted" and "timeUp"';
    return null;
  }

  function historyProblem(entry) {
    if (!isObject(entry) || !isTime(entry.at)) return 'needs "at"';
    if (entry.kind !== "exam" && entry.kind !== "missed") return '"kind" must be "exam" or "missed"';
    if (!isCount(entry.questions) || !entry.questions || !isCount(entry.correct) || entry.correct > entry.questions) {
      return '"questions" and "correct" must be counts';
    }
    if (!isCount(entry.score)) return '"score" must be a number';
    var flags = ["passed", "timed", "timeUp"];
    for (var i = 0; i < flags.length; i++) {
      if (typeof entry[flags[i]] !== "boolean") return '"' + flags[i] + '" must be true or false';
    }
    if (!isObject(entry.domains)) return '"domains" must be an object';
    var domainsOk = Object.keys(entry.domains).every(function (key) {
      var pair = entry.domains[key];
      return /^\d+$/.test(key) && Array.isArray(pair) && pair.length === 2 && isCount(pair[0]) && isCount(pair[1]) && pair[0] <= pair[1];
    });
    return domainsOk ? null : '"domains" must map a domain to [correct, asked]';
  }

  function examStateProblem(data) {
    if (!isObject(data) || data.version !== 1) return "dva-exam: expected version 1";
    var problem;
    if (data.current !== null && (problem = examProblem(data.current, false))) return "dva-exam: the exam in progress " + problem;
    if (data.review !== null && (problem = examProblem(data.review, true))) return "dva-exam: the last exam " + problem;
    if (!Array.isArray(data.history)) return 'dva-exam: "history" must be a list';
    for (var i = 0; i < data.history.length; i++) {
      if ((problem = historyProblem(data.history[i]))) return "dva-exam: history entry " + (i + 1) + ": " + problem;
    }
    return null;
  }

  function emptyProgress() {
    return { version: 1, questions: {} };
  }

  function emptyExams() {
    return { version: 1, current: null, review: null, history: [] };
  }

  var progress = new Store(PROGRESS_KEY, function (data) {
    return isObject(data.questions) ? data : null; // entries are checked one by one where they are used
  }, emptyProgress);

  var exams = new Store(EXAM_KEY, function (data) {
    return {
      version: 1,
      current: data.current && !examProblem(data.current, false) ? data.current : null,
      review: data.review && !examProblem(data.review, true) ? data.review : null,
      history: Array.isArray(data.history) ? data.history.filter(function (entry) { return !historyProblem(entry); }) : []
    };
  }, emptyExams);

  /* --- the question index ---------------------------------------------------------------- */
  var indexRequest = null;

  function loadIndex() {
    if (!indexRequest) {
      indexRequest = fetch(INDEX_URL, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(makeIndex);
      indexRequest.catch(function () {
        indexRequest = null; // try again on the next visit
      });
    }
    return indexRequest;
  }

  function makeIndex(data) {
    if (!isObject(data) || data.version !== 1 || !Array.isArray(data.questions)) throw new Error("unknown index format");
    var index = { questions: [], byId: {}, chapters: [], byPage: {} };
    data.questions.forEach(function (q) {
      var ok = isObject(q) && typeof q.id === "string" && typeof q.hash === "string" && typeof q.page === "string" &&
        Array.isArray(q.choices) && q.choices.length > 1 && isCount(q.domain) && !has(index.byId, q.id);
      if (!ok) return;
      q.url = new URL(q.page, SITE).href;
      q.right = q.choices.map(function (choice, number) { return choice.correct ? number : -1; })
        .filter(function (number) { return number >= 0; });
      index.byId[q.id] = q;
      index.questions.push(q);
      if (!has(index.byPage, q.page)) {
        index.byPage[q.page] = { title: q.chapter || q.bank, url: q.url, questions: [] };
        index.chapters.push(index.byPage[q.page]);
      }
      index.byPage[q.page].questions.push(q);
    });
    if (!index.questions.length) throw new Error("the index holds no questions");
    return index;
  }

  /* Chapters in the order of the site's navigation (the index follows the build's order). */
  function navOrder(chapters) {
    var order = {};
    [].forEach.call(document.querySelectorAll(".md-nav--primary a.md-nav__link[href]"), function (link, position) {
      var url = new URL(link.getAttribute("href"), location.href);
      url.hash = "";
      if (!has(order, url.href)) order[url.href] = position;
    });
    return chapters.slice().sort(function (a, b) {
      var x = has(order, a.url) ? order[a.url] : Infinity;
      var y = has(order, b.url) ? order[b.url] : Infinity;
      return x === y ? 0 : x < y ? -1 : 1;
    });
  }

  /* The stored quiz or exam answer of a question, if valid for its current content. */
  function progressEntry(store, q) {
    var found = has(store.questions, q.id) && store.questions[q.id];
    return found && found.hash === q.hash && !progressEntryProblem(found) &&
      found.chosen.every(function (index) { return index < q.choices.length; }) ? found : null;
  }

  function isRightAnswer(q, chosen) {
    return chosen.length === q.right.length && q.right.every(function (number) { return chosen.indexOf(number) >= 0; });
  }

  function scaledScore(settings, correct, total) {
    return Math.round(settings.min_score + ((settings.max_score - settings.min_score) * correct) / total);
  }

  /* --- the draw ------------------------------------------------------------------------------
   * Questions per domain by the exam's weights (largest remainder), capped by what the
   * banks hold; a capped domain's shortfall is shared among the others by weight. Within
   * a domain the questions are dealt from the chapters in turn, so every chapter with
   * questions of that domain contributes. */
  function apportion(total, domains) {
    var weight = domains.reduce(function (sum, d) { return sum + d.weight; }, 0);
    var parts = domains.map(function (d) {
      var exact = weight ? (total * d.weight) / weight : 0;
      return { domain: d, exact: exact, count: Math.floor(exact) };
    });
    var left = total - parts.reduce(function (sum, p) { return sum + p.count; }, 0);
    parts.slice().sort(function (a, b) {
      return (b.exact - b.count) - (a.exact - a.count) || b.domain.weight - a.domain.weight || a.domain.number - b.domain.number;
    }).slice(0, left).forEach(function (p) { p.count++; });
    var counts = {};
    parts.forEach(function (p) { counts[p.domain.number] = p.count; });
    return counts;
  }

  function plan(settings, index, length) {
    var available = {};
    settings.domains.forEach(function (d) { available[d.number] = 0; });
    index.questions.forEach(function (q) {
      if (has(available, q.domain)) available[q.domain]++;
    });
    var total = settings.domains.reduce(function (sum, d) { return sum + available[d.number]; }, 0);
    var wanted = apportion(length, settings.domains);
    var counts = {};
    var open = settings.domains.slice();
    var remaining = Math.min(length, total);
    while (open.length) {
      var share = apportion(remaining, open);
      var capped = open.filter(function (d) { return share[d.number] > available[d.number]; });
      if (!capped.length) {
        open.forEach(function (d) { counts[d.number] = share[d.number]; });
        break;
      }
      capped.forEach(function (d) {
        counts[d.number] = available[d.number];
        remaining -= available[d.number];
      });
      open = open.filter(function (d) { return capped.indexOf(d) < 0; });
    }
    var short = settings.domains.filter(function (d) { return counts[d.number] < wanted[d.number]; })
      .map(function (d) { return { domain: d.number, wanted: wanted[d.number], drawn: counts[d.number] }; });
    return { length: Math.min(length, total), counts: counts, short: short };
  }

  function draw(index, chosenPlan) {
    var picked = [];
    Object.keys(chosenPlan.counts).forEach(function (domain) {
      var banks = {};
      index.questions.forEach(function (q) {
        if (String(q.domain) !== domain) return;
        (banks[q.bank] = banks[q.bank] || []).push(q.id);
      });
      var piles = shuffle(Object.keys(banks)).map(function (bank) { return shuffle(banks[bank]); });
      var dealt = [];
      var rounds = Math.max.apply(null, [0].concat(piles.map(function (pile) { return pile.length; })));
      for (var round = 0; round < rounds; round++) {
        piles.forEach(function (pile) {
          if (round < pile.length) dealt.push(pile[round]);
        });
      }
      picked = picked.concat(dealt.slice(0, chosenPlan.counts[domain]));
    });
    return shuffle(picked);
  }

  function domainName(settings, number) {
    var found = settings.domains.filter(function (d) { return d.number === number; })[0];
    return "Domain " + number + (found ? ": " + found.name : "");
  }

  function shortNote(settings, note) {
    return domainName(settings, note.domain) + " has " + note.drawn + " question" + (note.drawn === 1 ? "" : "s") +
      " instead of " + note.wanted + ": the chapters hold no more, so the other domains make up the difference.";
  }

  function historyText(entry) {
    return plural(entry.questions, "question", "questions") + (entry.kind === "missed" ? " you had missed" : "") + ", " +
      entry.correct + " correct (" + percent(entry.correct, entry.questions) + "%), estimated score " + entry.score +
      (entry.passed ? " (pass)" : " (below the pass mark)") + (entry.timeUp ? "; time ran out" : "");
  }

  function readSettings(root) {
    var settings;
    try {
      settings = JSON.parse(root.getAttribute("data-exam-settings"));
    } catch (error) {
      return null;
    }
    var ok = isObject(settings) && ["questions", "minutes", "passing_score", "min_score", "max_score", "scored_questions"]
      .every(function (key) { return isCount(settings[key]) && settings[key] > 0; }) &&
      Array.isArray(settings.lengths) && settings.lengths.length && settings.lengths.every(isCount) &&
      Array.isArray(settings.domains) && settings.domains.length && settings.domains.every(function (d) {
        return isObject(d) && isCount(d.number) && isCount(d.weight) && typeof d.name === "string";
      });
    return ok ? settings : null;
  }

  /* --- the exam page ------------------------------------------------------------------------- */
  function ExamApp(root, settings, index) {
    this.root = root;
    this.settings = settings;
    this.index = index;
    this.timer = null;
    this.lastLeft = null;
    this.view = el("div", { class: "dva-exam__view" });
    this.status = el("p", { class: "dva-exam__sr", role: "status" });
    root.textContent = "";
    root.appendChild(this.view);
    root.appendChild(this.status);
    root.addEventListener("click", this.onClick.bind(this));
    root.addEventListener("change", this.onChange.bind(this));
  }

  ExamApp.prototype.say = function (text) {
    announce(this.status, text);
  };

  /* An exam can go on only while every question is in the index with the same content. */
  ExamApp.prototype.fits = function (exam) {
    var index = this.index;
    return exam.questions.every(function (item) {
      var q = has(index.byId, item.id) && index.byId[item.id];
      return q && q.hash === item.hash && item.order.length === q.choices.length &&
        isIndexList(item.order, q.choices.length) && isIndexList(item.chosen, q.choices.length) &&
        item.chosen.length <= q.right.length;
    });
  };

  ExamApp.prototype.start = function () {
    var state = exams.read();
    var notice = null;
    if (state.current && !this.fits(state.current)) {
      notice = "The site's questions changed since your exam started, so it could not go on. Please start a new one.";
      state.current = null;
    }
    if (state.review && !this.fits(state.review)) state.review = null;
    if (notice) exams.write(state);
    if (state.current) {
      this.exam = state.current;
      if (this.exam.timed && Date.now() >= this.exam.deadline) this.submit(true, false);
      else this.showExam(false);
    } else if (state.review) {
      this.showResults(state.review, false);
    } else {
      this.showStart(notice, false);
    }
  };

  ExamApp.prototype.stopTimer = function () {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  };

  ExamApp.prototype.replaceView = function (node) {
    this.stopTimer();
    this.view.textContent = "";
    this.view.appendChild(node);
  };

  ExamApp.prototype.onClick = function (event) {
    var button = event.target.closest("[data-exam-action]");
    if (!button || button.disabled || !this.root.contains(button)) return;
    var action = button.getAttribute("data-exam-action");
    if (action === "previous") this.go(this.exam.position - 1);
    else if (action === "next") this.go(this.exam.position + 1);
    else if (action === "goto") this.go(+button.getAttribute("data-exam-goto"));
    else if (action === "flag") this.toggleFlag();
    else if (action === "submit") this.confirmSubmit();
    else if (action === "confirm-submit") this.closeDialog(true);
    else if (action === "cancel-submit") this.closeDialog(false);
    else if (action === "retake") this.retake(false);
    else if (action === "missed") this.retake(true);
    else if (action === "new") this.newExam();
  };

  ExamApp.prototype.onChange = function (event) {
    var input = event.target;
    if (input.hasAttribute("data-exam-choice") && this.exam) this.choose(input);
  };

  /* Start screen: length, timer, and how the questions will be drawn. */
  ExamApp.prototype.showStart = function (notice, focus) {
    var self = this;
    var settings = this.settings;
    var lengths = settings.lengths.filter(function (length) { return length > 0; });
    var history = exams.read().history;
    var previous = history.length ? history[history.length - 1].questions : settings.questions;
    var selected = lengths.indexOf(previous) >= 0 ? previous : settings.questions;
    var heading = el("h2", { class: "dva-exam__title", id: "dva-exam-title", tabindex: "-1", text: "Start an exam" });
    var mix = el("div", { class: "dva-exam__mix", id: "dva-exam-mix" });
    var form = el("form", { class: "dva-exam__settings", "aria-labelledby": "dva-exam-title" }, [
      el("fieldset", { class: "dva-exam__fieldset" }, [el("legend", { class: "dva-exam__legend", text: "Length" })].concat(
        lengths.map(function (length) {
          var id = "dva-exam-length-" + length;
          var time = Math.round((settings.minutes * length) / settings.questions);
          var full = length === settings.questions ? ", the full exam" : "";
          return el("div", { class: "dva-exam__option" }, [
            el("input", { type: "radio", name: "dva-exam-length", id: id, value: String(length), checked: length === selected }),
            el("label", { for: id, text: length + " questions" + full + " (" + time + " minutes)" })
          ]);
        }))),
      el("fieldset", { class: "dva-exam__fieldset" }, [
        el("legend", { class: "dva-exam__legend", text: "Time" }),
        el("div", { class: "dva-exam__option" }, [
          el("input", { type: "checkbox", id: "dva-exam-timed", checked: true }),
          el("label", { for: "dva-exam-timed", text: "Count down; when time is up, the exam is submitted" })
        ])
      ]),
      mix,
      el("button", { type: "submit", class: "dva-exam__button dva-exam__button--primary", text: "Start the exam" })
    ]);
    function showMix() {
      var length = +form.querySelector("input[name=dva-exam-length]:checked").value;
      var chosen = plan(settings, self.index, length);
      mix.textContent = "";
      mix.appendChild(el("p", { text: "Questions per domain, as the exam weighs them:" }));
      mix.appendChild(el("ul", { class: "dva-exam__mix-list" }, settings.domains.map(function (d) {
        return el("li", { text: domainName(settings, d.number) + " (" + d.weight + "%): " + chosen.counts[d.number] });
      })));
      if (chosen.length < length) {
        var only = "Only " + chosen.length + " questions are available, so the exam has " + chosen.length + ".";
        mix.appendChild(el("p", { class: "dva-exam__note", text: only }));
      }
      chosen.short.forEach(function (note) {
        mix.appendChild(el("p", { class: "dva-exam__note", text: shortNote(settings, note) }));
      });
    }
    form.addEventListener("change", showMix);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var length = +form.querySelector("input[name=dva-exam-length]:checked").value;
      var chosen = plan(settings, self.index, length);
      self.begin(draw(self.index, chosen), form.querySelector("#dva-exam-timed").checked, "exam", chosen.short);
    });
    this.exam = null;
    this.replaceView(el("section", { class: "dva-exam__start", "aria-labelledby": "dva-exam-title" }, [
      heading,
      notice ? el("p", { class: "dva-exam__note", role: "alert", text: notice }) : null,
      form,
      history.length ? el("h3", { text: "Your last exams" }) : null,
      history.length ? el("ul", { class: "dva-exam__history" }, history.slice(-5).reverse().map(function (entry) {
        return el("li", {}, [timeElement(entry.at), ": " + historyText(entry)]);
      })) : null,
      history.length ? el("p", {}, [
        el("a", { href: new URL("progress/", SITE).href, text: "Every exam and your progress per chapter" })
      ]) : null
    ]));
    showMix();
    if (focus) heading.focus();
  };

  ExamApp.prototype.begin = function (ids, timed, kind, short) {
    if (!ids.length) {
      this.say("There are no questions to draw from.");
      return;
    }
    var index = this.index;
    var now = Date.now();
    var duration = timed ? Math.round((this.settings.minutes * 60000 * ids.length) / this.settings.questions) : null;
    this.exam = {
      kind: kind,
      started: now,
      timed: timed,
      duration: duration,
      deadline: timed ? now + duration : null,
      position: 0,
      short: short,
      questions: ids.map(function (id) {
        var q = index.byId[id];
        return { id: id, hash: q.hash, order: shuffle(range(q.choices.length)), chosen: [], flagged: false };
      })
    };
    var state = exams.read();
    state.current = this.exam;
    state.review = null;
    exams.write(state);
    this.showExam(true);
    this.say("Exam started: " + plural(ids.length, "question", "questions") +
      (timed ? ", " + minutesText(duration) + "." : ", no time limit."));
  };

  ExamApp.prototype.save = function () {
    var state = exams.read();
    state.current = this.exam;
    exams.write(state);
  };

  ExamApp.prototype.question = function (item) {
    return this.index.byId[item.id];
  };

  /* answered, incomplete (fewer choices than asked) or unanswered */
  ExamApp.prototype.answerState = function (item) {
    if (!item.chosen.length) return "unanswered";
    return item.chosen.length < this.question(item).right.length ? "incomplete" : "answered";
  };

  /* The exam screen: built once, then updated as the learner moves. */
  ExamApp.prototype.showExam = function (focus) {
    var self = this;
    var exam = this.exam;
    var count = exam.questions.length;
    this.parts = {};
    var parts = this.parts;
    parts.heading = el("h2", { class: "dva-exam__title", id: "dva-exam-question-title", tabindex: "-1" });
    parts.prompt = el("div", { class: "dva-exam__prompt", id: "dva-exam-prompt" });
    parts.legend = el("legend", { class: "dva-exam__legend" });
    parts.choices = el("ul", { class: "dva-exam__choices" });
    parts.count = el("p", { class: "dva-exam__count", id: "dva-exam-count" });
    parts.flag = examButton("flag", "Flag for review");
    parts.flag.classList.add("dva-exam__flag");
    parts.flag.setAttribute("aria-pressed", "false");
    parts.previous = examButton("previous", "Previous");
    parts.next = examButton("next", "Next");
    parts.time = el("span", { class: "dva-exam__time", role: "timer", "aria-live": "off" });
    parts.warning = el("p", { class: "dva-exam__warning", hidden: true });
    parts.mapSummary = el("p", { class: "dva-exam__map-summary", id: "dva-exam-map-summary" });
    parts.map = el("ol", { class: "dva-exam__map-list" }, exam.questions.map(function (item, position) {
      return el("li", {}, [el("button", {
        type: "button", class: "dva-exam__map-item", "data-exam-action": "goto", "data-exam-goto": String(position)
      }, [
        el("span", { class: "dva-exam__map-number", text: String(position + 1) }),
        el("span", { class: "dva-exam__map-mark", "aria-hidden": "true" })
      ])]);
    }));
    parts.dialog = el("dialog", { class: "dva-exam__dialog", "aria-labelledby": "dva-exam-dialog-title" });
    parts.dialog.addEventListener("close", function () {
      if (self.exam && self.root.isConnected && !self.root.contains(document.activeElement)) {
        var submit = self.root.querySelector('[data-exam-action="submit"]');
        if (submit) submit.focus();
      }
    });
    var time = exam.timed ? el("p", { class: "dva-exam__clock" }, ["Time left: ", parts.time])
      : el("p", { class: "dva-exam__clock", text: "No time limit" });
    var screen = el("div", { class: "dva-exam__screen", "data-exam-view": "exam" }, [
      el("div", { class: "dva-exam__bar" }, [
        el("p", { class: "dva-exam__kind", text: exam.kind === "missed"
          ? "Practice: the questions you missed" : "Practice exam: " + plural(count, "question", "questions") }),
        time
      ]),
      parts.warning,
      exam.short.length ? el("details", { class: "dva-exam__notes" }, [
        el("summary", { text: "About this draw" })
      ].concat(exam.short.map(function (note) { return el("p", { text: shortNote(self.settings, note) }); }))) : null,
      parts.section = el("section", { class: "dva-exam__question", "aria-labelledby": "dva-exam-question-title" }, [
        parts.heading,
        parts.prompt,
        el("fieldset", { class: "dva-exam__fieldset", "aria-describedby": "dva-exam-prompt dva-exam-count" }, [
          parts.legend,
          parts.choices
        ]),
        parts.count,
        el("div", { class: "dva-exam__actions" }, [parts.flag])
      ]),
      el("nav", { class: "dva-exam__nav", "aria-label": "Exam questions" }, [
        el("div", { class: "dva-exam__actions" }, [
          parts.previous,
          parts.next,
          examButton("submit", "Submit the exam", true)
        ]),
        el("div", { class: "dva-exam__map" }, [
          el("h3", { class: "dva-exam__map-title", text: "Question map" }),
          parts.mapSummary,
          el("p", { class: "dva-exam__map-key" }, [
            el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u2713" }), " answered ",
            el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u00bd" }), " incomplete ",
            el("span", { class: "dva-exam__key-mark", "aria-hidden": "true", text: "\u2691" }), " flagged; ",
            "no mark: unanswered"
          ]),
          parts.map
        ])
      ]),
      parts.dialog
    ]);
    this.replaceView(screen);
    this.renderQuestion(focus);
    this.updateMap();
    if (exam.timed) {
      this.lastLeft = null;
      this.tick();
      this.timer = setInterval(this.tick.bind(this), 1000);
    }
  };

  ExamApp.prototype.renderQuestion = function (focus) {
    var exam = this.exam;
    var parts = this.parts;
    var item = exam.questions[exam.position];
    var q = this.question(item);
    var need = q.right.length;
    parts.section.setAttribute("data-exam-question", q.id);
    parts.heading.textContent = "Question " + (exam.position + 1) + " of " + exam.questions.length;
    parts.prompt.replaceWith((parts.prompt = fragment("div", "dva-exam__prompt", q.prompt, q.url)));
    parts.prompt.id = "dva-exam-prompt";
    parts.legend.textContent = need > 1 ? "Your answer: choose " + need : "Your answer: choose one";
    parts.choices.textContent = "";
    item.order.forEach(function (number, position) {
      var id = "dva-exam-choice-" + position;
      var label = fragment("label", "dva-exam__label", q.choices[number].html, q.url);
      label.setAttribute("for", id);
      parts.choices.appendChild(el("li", { class: "dva-exam__choice" }, [
        el("input", {
          class: "dva-exam__input", type: need > 1 ? "checkbox" : "radio", name: "dva-exam-answer", id: id,
          value: String(number), "data-exam-choice": "", checked: item.chosen.indexOf(number) >= 0
        }),
        label
      ]));
    });
    this.updateCount(false);
    this.updateFlag();
    parts.previous.disabled = exam.position === 0;
    parts.next.disabled = exam.position === exam.questions.length - 1;
    if (focus) parts.heading.focus();
  };

  ExamApp.prototype.updateCount = function (overLimit) {
    var item = this.exam.questions[this.exam.position];
    var need = this.question(item).right.length;
    var count = this.parts.count;
    count.classList.toggle("dva-exam__count--limit", !!overLimit);
    if (overLimit) count.textContent = "You can choose only " + need + ". Clear one of your choices to pick another.";
    else count.textContent = need > 1 ? item.chosen.length + " of " + need + " chosen" : "";
    count.hidden = !count.textContent;
  };

  ExamApp.prototype.updateFlag = function () {
    var item = this.exam.questions[this.exam.position];
    this.parts.flag.setAttribute("aria-pressed", item.flagged ? "true" : "false");
    this.parts.flag.textContent = item.flagged ? "Flagged for review" : "Flag for review";
  };

  ExamApp.prototype.updateMap = function () {
    var self = this;
    var exam = this.exam;
    var answered = 0;
    var flagged = 0;
    [].forEach.call(this.parts.map.querySelectorAll("button"), function (button, position) {
      var item = exam.questions[position];
      var state = self.answerState(item);
      if (state === "answered") answered++;
      if (item.flagged) flagged++;
      button.className = "dva-exam__map-item dva-exam__map-item--" + state + (item.flagged ? " dva-exam__map-item--flagged" : "");
      if (position === exam.position) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
      var mark = state === "answered" ? "\u2713" : state === "incomplete" ? "\u00bd" : "";
      button.querySelector(".dva-exam__map-mark").textContent = mark + (item.flagged ? "\u2691" : "");
      button.setAttribute("aria-label", (position + 1) + ": " + state + (item.flagged ? ", flagged" : ""));
    });
    this.parts.mapSummary.textContent = answered + " of " + exam.questions.length + " answered" +
      (flagged ? ", " + flagged + " flagged" : "");
  };

  ExamApp.prototype.go = function (position) {
    if (position < 0 || position >= this.exam.questions.length) return;
    this.exam.position = position;
    this.save();
    this.renderQuestion(true);
    this.updateMap();
  };

  /* Radio: one answer. Checkbox: at most "Choose N"; one more is refused, and said so. */
  ExamApp.prototype.choose = function (input) {
    var item = this.exam.questions[this.exam.position];
    var need = this.question(item).right.length;
    var number = +input.value;
    var over = false;
    if (input.type === "radio") {
      item.chosen = [number];
    } else if (input.checked && item.chosen.length >= need) {
      input.checked = false;
      over = true;
      this.say("You can choose only " + need + ". Clear one of your choices to pick another.");
    } else if (input.checked) {
      item.chosen = item.chosen.concat([number]).sort(byNumber);
    } else {
      item.chosen = item.chosen.filter(function (chosen) { return chosen !== number; });
    }
    if (!over) this.save();
    this.updateCount(over);
    this.updateMap();
  };

  ExamApp.prototype.toggleFlag = function () {
    var item = this.exam.questions[this.exam.position];
    item.flagged = !item.flagged;
    this.save();
    this.updateFlag();
    this.updateMap();
    this.say("Question " + (this.exam.position + 1) + (item.flagged ? " flagged for review." : ": flag removed."));
  };

  ExamApp.prototype.tick = function () {
    if (!this.root.isConnected) {
      this.stopTimer(); // instant navigation left the page; the deadline stays stored
      return;
    }
    var left = this.exam.deadline - Date.now();
    if (left <= 0) {
      this.submit(true, true);
      return;
    }
    this.parts.time.textContent = clock(left);
    var self = this;
    WARNINGS.forEach(function (minutes) {
      var at = minutes * 60000;
      if (self.lastLeft !== null && self.lastLeft > at && left <= at && self.exam.duration > at) {
        var text = plural(minutes, "minute", "minutes") + " left. When time is up, the exam is submitted.";
        self.parts.warning.textContent = text;
        self.parts.warning.hidden = false;
        self.say(text);
      }
    });
    this.lastLeft = left;
  };

  ExamApp.prototype.confirmSubmit = function () {
    var self = this;
    var groups = { unanswered: [], incomplete: [], flagged: [] };
    this.exam.questions.forEach(function (item, position) {
      var state = self.answerState(item);
      if (state !== "answered") groups[state].push(position + 1);
      if (item.flagged) groups.flagged.push(position + 1);
    });
    function line(numbers, what) {
      return numbers.length ? el("p", { text: what + ": question" + (numbers.length > 1 ? "s " : " ") + listing(numbers) + "." }) : null;
    }
    var allDone = !groups.unanswered.length && !groups.incomplete.length && !groups.flagged.length;
    var dialog = this.parts.dialog;
    var back = examButton("cancel-submit", "Back to the exam");
    back.autofocus = true; // the safe choice is the default
    dialog.textContent = "";
    [
      el("h2", { class: "dva-exam__dialog-title", id: "dva-exam-dialog-title", text: "Submit the exam?" }),
      allDone ? el("p", { text: "Every question is answered and none is flagged." }) : null,
      line(groups.unanswered, "Not answered"),
      line(groups.incomplete, "Fewer choices than asked"),
      line(groups.flagged, "Flagged for review"),
      groups.unanswered.length || groups.incomplete.length
        ? el("p", { text: "Unanswered and incomplete questions count as wrong." }) : null,
      el("p", { text: "You cannot change your answers after submitting." }),
      el("div", { class: "dva-exam__actions" }, [
        examButton("confirm-submit", "Submit now", true),
        back
      ])
    ].forEach(function (child) { if (child) dialog.appendChild(child); });
    dialog.showModal();
  };

  ExamApp.prototype.closeDialog = function (submit) {
    this.parts.dialog.close();
    if (submit) this.submit(false, true);
  };

  /* Score the exam, keep it for review and history, and count its answers as progress. */
  ExamApp.prototype.submit = function (timeUp, focus) {
    var self = this;
    var exam = this.exam;
    this.stopTimer();
    if (this.parts && this.parts.dialog && this.parts.dialog.open) this.parts.dialog.close();
    exam.submitted = timeUp ? Math.min(Date.now(), exam.deadline) : Date.now();
    exam.timeUp = timeUp;
    var result = this.score(exam);
    var state = exams.read();
    state.current = null;
    state.review = exam;
    var domains = {};
    Object.keys(result.domains).forEach(function (number) {
      domains[number] = [result.domains[number].correct, result.domains[number].total];
    });
    state.history = state.history.concat([{
      at: exam.submitted, kind: exam.kind, questions: result.total, correct: result.correct, score: result.score,
      passed: result.passed, timed: exam.timed, timeUp: timeUp, domains: domains
    }]).slice(-HISTORY_LIMIT);
    exams.write(state);
    var store = progress.read();
    if (isObject(store.questions)) {
      exam.questions.forEach(function (item) {
        if (!item.chosen.length) return;
        store.questions[item.id] = {
          hash: item.hash, correct: isRightAnswer(self.question(item), item.chosen), chosen: item.chosen.slice(), at: exam.submitted
        };
      });
      progress.write(store);
    }
    this.showResults(exam, focus);
    this.say((timeUp ? "Time is up. " : "") + "Exam submitted: " + result.correct + " of " + result.total +
      " correct, " + result.percent + "%. Estimated scaled score " + result.score + ".");
  };

  ExamApp.prototype.score = function (exam) {
    var self = this;
    var result = { correct: 0, total: exam.questions.length, domains: {}, chapters: [], items: [] };
    var chapters = {};
    exam.questions.forEach(function (item) {
      var q = self.question(item);
      var right = isRightAnswer(q, item.chosen);
      var state = right ? "correct" : item.chosen.length ? "incorrect" : "unanswered";
      if (right) result.correct++;
      var domain = result.domains[q.domain] = result.domains[q.domain] || { correct: 0, total: 0 };
      domain.total++;
      if (right) domain.correct++;
      if (!has(chapters, q.page)) {
        chapters[q.page] = { title: q.chapter || q.bank, url: q.url, correct: 0, total: 0 };
        result.chapters.push(chapters[q.page]);
      }
      chapters[q.page].total++;
      if (right) chapters[q.page].correct++;
      result.items.push({ item: item, q: q, state: state });
    });
    result.chapters = navOrder(result.chapters);
    result.percent = percent(result.correct, result.total);
    result.score = scaledScore(this.settings, result.correct, result.total);
    result.passed = result.score >= this.settings.passing_score;
    return result;
  };

  ExamApp.prototype.showResults = function (exam, focus) {
    var self = this;
    var settings = this.settings;
    var result = this.score(exam);
    this.exam = null;
    var missed = result.items.filter(function (entry) { return entry.state !== "correct"; }).length;
    var heading = el("h2", { class: "dva-exam__title", id: "dva-exam-results-title", tabindex: "-1", text: "Results" });
    var used = exam.submitted - exam.started;
    var unscored = settings.questions - settings.scored_questions;
    var table = function (caption, headers, rows) {
      return el("div", { class: "dva-exam__table-wrap" }, [el("table", { class: "dva-exam__table" }, [
        el("caption", { text: caption }),
        el("thead", {}, [el("tr", {}, headers.map(function (text) { return el("th", { scope: "col", text: text }); }))]),
        el("tbody", {}, rows)
      ])]);
    };
    var domainRows = settings.domains.filter(function (d) { return has(result.domains, d.number); }).map(function (d) {
      var row = result.domains[d.number];
      return el("tr", {}, [
        el("th", { scope: "row", text: d.number + " " + d.name }),
        el("td", { text: String(row.total) }),
        el("td", { text: String(row.correct) }),
        el("td", { text: percent(row.correct, row.total) + "%" })
      ]);
    });
    var chapterRows = result.chapters.map(function (chapter) {
      return el("tr", {}, [
        el("th", { scope: "row" }, [el("a", { href: chapter.url, text: chapter.title })]),
        el("td", { text: String(chapter.total) }),
        el("td", { text: String(chapter.correct) }),
        el("td", { text: percent(chapter.correct, chapter.total) + "%" })
      ]);
    });
    var screen = el("section", { class: "dva-exam__results", "data-exam-view": "results", "aria-labelledby": "dva-exam-results-title" }, [
      heading,
      exam.timeUp ? el("p", { class: "dva-exam__note", text: "Time is up: the exam was submitted with the answers you had given." }) : null,
      el("p", { class: "dva-exam__score", "data-exam-score": "" }, [
        el("strong", { text: result.correct + " of " + result.total + " correct (" + result.percent + "%)" })
      ]),
      el("div", { class: "dva-exam__estimate" }, [
        el("p", {}, [
          "Estimated scaled score: ",
          el("strong", { "data-exam-scaled": "", text: String(result.score) }),
          " on the " + settings.min_score + "\u2013" + thousands(settings.max_score) + " scale; the pass mark is " +
            settings.passing_score + ". ",
          el("strong", { text: result.passed ? "At or above the pass mark." : "Below the pass mark." })
        ]),
        el("p", { class: "dva-exam__fine", text: "This is an estimate, not AWS's score: it places your share of correct " +
          "answers on the scale in a straight line (" + settings.min_score + " + " +
          (settings.max_score - settings.min_score) + " \u00d7 " + result.percent + "%). " +
          "AWS does not publish how it scales scores, and " + unscored + " of the real exam's " + settings.questions +
          " questions are unscored." })
      ]),
      el("p", { class: "dva-exam__used", text: exam.timed
        ? "Time used: " + clock(Math.min(used, exam.duration)) + " of " + clock(exam.duration) + "."
        : "Untimed; you took " + clock(used) + "." }),
      exam.short.length ? el("div", { class: "dva-exam__notes" }, exam.short.map(function (note) {
        return el("p", { class: "dva-exam__note", text: shortNote(settings, note) });
      })) : null,
      el("div", { class: "dva-exam__actions" }, [
        examButton("retake", "Retake these questions", true),
        missed ? examButton("missed", "Practise the ones I missed (" + missed + ")") : null,
        examButton("new", "New exam")
      ]),
      el("h3", { text: "By domain" }),
      table("Correct answers per exam domain", ["Domain", "Questions", "Correct", "Score"], domainRows),
      el("h3", { text: "By chapter" }),
      table("Correct answers per chapter", ["Chapter", "Questions", "Correct", "Score"], chapterRows),
      el("h3", { text: "Every question" }),
      el("ol", { class: "dva-exam__review" }, result.items.map(function (entry, position) {
        return self.reviewItem(entry, position);
      }))
    ]);
    this.replaceView(screen);
    this.lastResult = result;
    this.reviewed = exam;
    if (focus) heading.focus();
  };

  ExamApp.prototype.reviewItem = function (entry, position) {
    var q = entry.q;
    var item = entry.item;
    var verdict = { correct: "correct", incorrect: "incorrect", unanswered: "not answered" }[entry.state];
    return el("li", { class: "dva-exam__review-item dva-exam__review-item--" + entry.state, "data-exam-review": q.id }, [
      el("h4", { class: "dva-exam__review-title", text: "Question " + (position + 1) + ": " + verdict }),
      el("p", { class: "dva-exam__tags" }, [
        domainName(this.settings, q.domain) + " \u00b7 ",
        el("a", { href: q.url + "#" + q.anchor, text: q.chapter || q.bank })
      ]),
      fragment("div", "dva-exam__prompt", q.prompt, q.url),
      el("ul", { class: "dva-exam__review-choices" }, item.order.map(function (number) {
        var choice = q.choices[number];
        var picked = item.chosen.indexOf(number) >= 0;
        var mark = choice.correct ? (picked ? "Correct answer, your choice" : "Correct answer") : picked ? "Your choice: incorrect" : "";
        return el("li", {
          class: "dva-exam__review-choice" + (choice.correct ? " dva-exam__review-choice--right" : "") +
            (picked ? " dva-exam__review-choice--picked" : "") + (picked && !choice.correct ? " dva-exam__review-choice--wrong" : "")
        }, [
          mark ? el("strong", { class: "dva-exam__mark", text: mark }) : null,
          fragment("div", "dva-exam__choice-text", choice.html, q.url),
          choice.explanation ? fragment("div", "dva-exam__why", choice.explanation, q.url) : null
        ]);
      })),
      fragment("div", "dva-exam__explanation", q.explanation, q.url),
      el("p", { class: "dva-exam__more" }, [
        el("a", { href: new URL(q.ref, q.url).href, text: "Read the notes: " + (q.ref_title || q.chapter) })
      ])
    ]);
  };

  /* Retake: the same questions, shuffled again; missed: only the wrong and unanswered ones. */
  ExamApp.prototype.retake = function (missedOnly) {
    var exam = this.reviewed;
    var result = this.lastResult;
    var ids = result.items.filter(function (entry) { return !missedOnly || entry.state !== "correct"; })
      .map(function (entry) { return entry.item.id; });
    if (!ids.length) return;
    this.begin(shuffle(ids), exam.timed, missedOnly ? "missed" : exam.kind, missedOnly ? [] : exam.short);
  };

  ExamApp.prototype.newExam = function () {
    var state = exams.read();
    state.review = null;
    exams.write(state);
    this.showStart(null, true);
  };

  function setupExam(root) {
    if (root.hasAttribute("data-exam-ready")) return;
    root.setAttribute("data-exam-ready", "");
    var settings = readSettings(root);
    root.textContent = "";
    if (!settings) {
      root.appendChild(el("p", { class: "dva-exam__note", text: "The exam settings on this page are missing or broken." }));
      return;
    }
    root.appendChild(el("p", { class: "dva-exam__loading", text: "Loading the questions\u2026" }));
    loadIndex().then(function (index) {
      if (root.isConnected) new ExamApp(root, settings, index).start();
    }, function (error) {
      root.textContent = "";
      root.appendChild(el("p", { class: "dva-exam__note", role: "alert", text: loadProblem(error) }));
    });
  }

  /* --- the progress page ----------------------------------------------------------------------- */
  function ProgressApp(root, index) {
    this.root = root;
    this.index = index;
    this.chapters = navOrder(index.chapters);
    this.summary = el("div", { class: "dva-progress__summary" });
    this.message = el("p", { class: "dva-progress__message", role: "status", tabindex: "-1" });
    this.pending = null;
    root.textContent = "";
    root.appendChild(this.summary);
    root.appendChild(this.controls());
    root.addEventListener("click", this.onClick.bind(this));
  }

  ProgressApp.prototype.onClick = function (event) {
    var button = event.target.closest("[data-progress-action]");
    if (!button || button.disabled) return;
    var action = button.getAttribute("data-progress-action");
    if (action === "export") this.exportFile();
    else if (action === "import") this.applyImport();
    else if (action === "cancel") this.cancel();
    else if (action === "reset") this.askReset();
    else if (action === "confirm-reset") this.reset();
  };

  ProgressApp.prototype.tell = function (text, problem) {
    this.message.classList.toggle("dva-progress__message--problem", !!problem);
    announce(this.message, text);
  };

  ProgressApp.prototype.render = function () {
    var index = this.index;
    var store = progress.read();
    var questions = isObject(store.questions) ? store : emptyProgress();
    var answered = 0;
    var correct = 0;
    var sections = {};
    var sectionList = [];
    var rows = this.chapters.map(function (chapter) {
      var done = 0;
      var right = 0;
      chapter.questions.forEach(function (q) {
        var entry = progressEntry(questions, q);
        if (!entry) return;
        done++;
        if (entry.correct) right++;
        var key = q.page + q.ref;
        if (!has(sections, key)) {
          sections[key] = {
            title: chapter.title + ": " + (q.ref_title || q.ref),
            url: new URL(q.ref, q.url).href,
            answered: 0,
            correct: 0,
            order: sectionList.length
          };
          sectionList.push(sections[key]);
        }
        sections[key].answered++;
        if (entry.correct) sections[key].correct++;
      });
      answered += done;
      correct += right;
      var total = chapter.questions.length;
      return el("tr", { "data-progress-chapter": chapter.title }, [
        el("th", { scope: "row" }, [el("a", { href: chapter.url, text: chapter.title })]),
        el("td", { "data-progress-answered": "", text: done + " of " + total }),
        el("td", { "data-progress-correct": "", text: String(right) }),
        el("td", { class: "dva-progress__mastery" }, [
          el("progress", { max: String(total), value: String(right), "aria-label": "Mastery of " + chapter.title }),
          el("span", { "data-progress-mastery": "", text: percent(right, total) + "%" })
        ])
      ]);
    });
    var weak = sectionList.filter(function (s) { return s.correct < s.answered; }).sort(function (a, b) {
      return a.correct / a.answered - b.correct / b.answered || (b.answered - b.correct) - (a.answered - a.correct) || a.order - b.order;
    }).slice(0, 5);
    var state = exams.read();
    var history = state.history.slice().reverse();
    var examUrl = new URL("exam/", SITE).href;
    this.summary.textContent = "";
    [
      el("h2", { id: "dva-progress-chapters", text: "By chapter" }),
      el("p", { "data-progress-total": "", text: "You have answered " + answered + " of the " + index.questions.length +
        " questions, " + correct + " of them correctly." }),
      el("div", { class: "dva-progress__table-wrap" }, [el("table", { class: "dva-progress__table" }, [
        el("caption", { text: "Questions answered and correct per chapter; " +
          "mastery is the share of a chapter's questions answered correctly" }),
        el("thead", {}, [el("tr", {}, ["Chapter", "Answered", "Correct", "Mastery"].map(function (text) {
          return el("th", { scope: "col", text: text });
        }))]),
        el("tbody", {}, rows)
      ])]),
      el("h2", { id: "dva-progress-revisit", text: "Sections to revisit" }),
      weak.length ? el("ol", { class: "dva-progress__weak" }, weak.map(function (s) {
        return el("li", {}, [el("a", { href: s.url, text: s.title }), " \u2013 " + s.correct + " of " + s.answered + " correct"]);
      })) : el("p", { text: answered
        ? "Nothing to revisit: every question you answered is right." : "Nothing yet: answer some questions first." }),
      el("h2", { id: "dva-progress-exams", text: "Practice exams" }),
      state.current ? el("p", { class: "dva-progress__note" }, [
        "An exam is in progress (" + state.current.questions.filter(function (item) { return item.chosen.length; }).length +
          " of " + state.current.questions.length + " answered). ",
        el("a", { href: examUrl, text: "Go back to it" })
      ]) : null,
      history.length ? el("div", { class: "dva-progress__table-wrap" }, [el("table", {
        class: "dva-progress__table dva-progress__history"
      }, [
        el("caption", { text: "Your practice exams, newest first; the score is an estimate" }),
        el("thead", {}, [el("tr", {}, ["Date", "Questions", "Correct", "Estimated score"].map(function (text) {
          return el("th", { scope: "col", text: text });
        }))]),
        el("tbody", {}, history.map(function (entry) {
          return el("tr", {}, [
            el("td", {}, [timeElement(entry.at)]),
            el("td", { text: String(entry.questions) + (entry.kind === "missed" ? " (missed ones)" : "") }),
            el("td", { text: entry.correct + " (" + percent(entry.correct, entry.questions) + "%)" }),
            el("td", { text: entry.score + (entry.passed ? " (pass)" : " (below the pass mark)") + (entry.timeUp ? "; time ran out" : "") })
          ]);
        }))
      ])]) : el("p", {}, ["No exams yet. ", el("a", { href: examUrl, text: "Take a practice exam" }), "."])
    ].forEach(function (child) { if (child) this.summary.appendChild(child); }, this);
  };

  ProgressApp.prototype.controls = function () {
    var self = this;
    this.file = el("input", { type: "file", id: "dva-progress-file", class: "dva-progress__file", accept: ".json,application/json" });
    this.file.addEventListener("change", function () {
      if (self.file.files && self.file.files[0]) self.readImport(self.file.files[0]);
    });
    this.confirm = el("div", {
      class: "dva-progress__confirm", hidden: true, tabindex: "-1", role: "group", "aria-labelledby": "dva-progress-confirm-text"
    });
    return el("section", { class: "dva-progress__data", "aria-labelledby": "dva-progress-data" }, [
      el("h2", { id: "dva-progress-data", text: "Keep, move or reset your progress" }),
      el("div", { class: "dva-progress__actions" }, [
        progressButton("export", "Export progress to a file")
      ]),
      el("div", { class: "dva-progress__import" }, [
        el("label", {
          for: "dva-progress-file", text: "Import progress from a file (it replaces what this browser holds, after you confirm)"
        }),
        this.file
      ]),
      el("div", { class: "dva-progress__actions" }, [
        progressButton("reset", "Reset all progress\u2026")
      ]),
      this.confirm,
      this.message
    ]);
  };

  ProgressApp.prototype.exportFile = function () {
    var now = new Date();
    var data = { format: EXPORT_FORMAT, version: 1, exported: now.toISOString(), data: {} };
    var answers = progress.read();
    var examState = exams.read();
    data.data[PROGRESS_KEY] = progressProblem(answers) ? emptyProgress() : answers;
    data.data[EXAM_KEY] = examState;
    var name = "dva-c02-progress-" + now.toISOString().slice(0, 10) + ".json";
    var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    var link = el("a", { href: url, download: name }); // never in the page: instant navigation must not see it
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    this.tell("Progress exported to " + name + ".");
  };

  /* What an import file holds, or a message saying why it is refused. */
  function readExport(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { problem: "the file is not JSON" };
    }
    if (!isObject(data) || data.format !== EXPORT_FORMAT) return { problem: "it is not a progress file exported by this site" };
    if (data.version !== 1) return { problem: "it has version " + JSON.stringify(data.version) + ", and this site reads version 1" };
    if (!isObject(data.data)) return { problem: 'it has no "data"' };
    var unknown = Object.keys(data.data).filter(function (key) { return key !== PROGRESS_KEY && key !== EXAM_KEY; });
    if (unknown.length) return { problem: 'it holds unknown data "' + unknown[0] + '"' };
    var answers = has(data.data, PROGRESS_KEY) ? data.data[PROGRESS_KEY] : emptyProgress();
    var examState = has(data.data, EXAM_KEY) ? data.data[EXAM_KEY] : emptyExams();
    var problem = progressProblem(answers) || examStateProblem(examState);
    if (problem) return { problem: problem };
    return { answers: answers, exams: examState, exported: data.exported };
  }

  ProgressApp.prototype.readImport = function (file) {
    var self = this;
    this.cancel();
    if (file.size > 20 * 1024 * 1024) {
      this.refuse("the file is too large for a progress file");
      return;
    }
    file.text().then(function (text) {
      var found = readExport(text);
      if (found.problem) {
        self.refuse(found.problem);
        return;
      }
      self.pending = found;
      var count = Object.keys(found.answers.questions).length;
      var exported = typeof found.exported === "string" ? Date.parse(found.exported) : NaN;
      var when = isNaN(exported) ? "" : ", exported " + formatDate(exported);
      self.confirm.textContent = "";
      self.confirm.appendChild(el("p", { id: "dva-progress-confirm-text", text: "The file holds " + plural(count, "answered question", "answered questions") +
        " and " + plural(found.exams.history.length, "practice exam", "practice exams") + when +
        ". Replace the progress in this browser with it?" }));
      self.confirm.appendChild(el("div", { class: "dva-progress__actions" }, [
        progressButton("import", "Replace my progress", "primary"),
        progressButton("cancel", "Cancel")
      ]));
      self.confirm.hidden = false;
      self.confirm.focus();
    }, function () {
      self.refuse("the file could not be read");
    });
  };

  ProgressApp.prototype.refuse = function (problem) {
    this.file.value = "";
    this.tell("Not imported: " + problem + ". Your progress is unchanged.", true);
  };

  ProgressApp.prototype.applyImport = function () {
    var found = this.pending;
    if (!found) return;
    var storedAnswers = progress.write(found.answers);
    var stored = exams.write(found.exams) && storedAnswers;
    this.cancel();
    this.render();
    this.tell("Progress imported: " + plural(Object.keys(found.answers.questions).length, "answered question", "answered questions") +
      " and " + plural(found.exams.history.length, "practice exam", "practice exams") + "." +
      (stored ? "" : " This browser does not let the site store it, so it lasts for this visit only."));
    this.message.focus();
  };

  ProgressApp.prototype.askReset = function () {
    this.cancel();
    this.confirm.textContent = "";
    this.confirm.appendChild(el("p", { id: "dva-progress-confirm-text", text: "Delete every answer and practice exam this site keeps in this browser, " +
      "including an exam in progress? This cannot be undone; export your progress first to keep a copy." }));
    this.confirm.appendChild(el("div", { class: "dva-progress__actions" }, [
      progressButton("confirm-reset", "Delete all progress", "danger"),
      progressButton("cancel", "Cancel")
    ]));
    this.confirm.hidden = false;
    this.confirm.focus();
  };

  ProgressApp.prototype.reset = function () {
    progress.remove();
    exams.remove();
    this.cancel();
    this.render();
    this.tell("All progress was deleted.");
    this.message.focus();
  };

  ProgressApp.prototype.cancel = function () {
    var wasOpen = !this.confirm.hidden;
    this.pending = null;
    this.file.value = "";
    this.confirm.hidden = true;
    this.confirm.textContent = "";
    if (wasOpen && !this.root.contains(document.activeElement)) this.message.focus();
  };

  function setupProgress(root) {
    if (root.hasAttribute("data-progress-ready")) return;
    root.setAttribute("data-progress-ready", "");
    root.textContent = "";
    root.appendChild(el("p", { class: "dva-progress__loading", text: "Loading your progress\u2026" }));
    loadIndex().then(function (index) {
      if (root.isConnected) new ProgressApp(root, index).render();
    }, function (error) {
      root.textContent = "";
      root.appendChild(el("p", { role: "alert", text: loadProblem(error) }));
    });
  }

  // Material emits document$ on the first load and after every instant navigation.
  document$.subscribe(function () {
    [].forEach.call(document.querySelectorAll("[data-exam]"), setupExam);
    [].forEach.call(document.querySelectorAll("[data-progress]"), setupProgress);
  });
})();
