"""The exam simulator and the progress page in Chromium, on the real site.

Answers are chosen from the question index the pages themselves load, so every
expected result is computed here from a known answer key, whatever the draw.
Time runs on Playwright's fake clock: no test waits for a real minute.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import right, store, stored, wrong_answer

pytestmark = pytest.mark.browser

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EXAM_KEY, PROGRESS_KEY = "dva-exam", "dva-progress"


# --- helpers ---------------------------------------------------------------------------------
def open_exam(page, site_url):
    page.goto(site_url + "exam/")
    page.wait_for_selector("[data-exam-view], .dva-exam__start")


def start(page, length: int, timed: bool = True):
    page.get_by_label(f"{length} questions").check()
    page.locator("#dva-exam-time-" + ("standard" if timed else "untimed")).check()
    page.get_by_role("button", name="Start the exam").click()
    expect(heading(page)).to_have_text(f"Question 1 of {length}")


def heading(page):
    return page.locator("#dva-exam-question-title")


def timer(page):
    return page.locator(".dva-exam [role=timer]")


def current(page, index) -> dict:
    return index[page.locator("[data-exam-question]").get_attribute("data-exam-question")]


def choose(page, numbers: list[int]):
    for number in numbers:
        page.locator(f'.dva-exam__choices input[value="{number}"]').check()


def map_button(page, number: int):
    return page.locator(".dva-exam__map").get_by_role("button", name=re.compile(rf"^{number}:"))


def settings(page) -> dict:
    return json.loads(page.locator("[data-exam]").get_attribute("data-exam-settings"))


def table_rows(table) -> list[list[str]]:
    return [
        [" ".join(cell.split()) for cell in row]
        for row in table.locator("tbody tr").evaluate_all(
            "rows => rows.map(row => [...row.cells].map(cell => cell.textContent))"
        )
    ]


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def tab_to(page, selector: str, limit: int = 40):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"keyboard never reached {selector}")


# --- a whole exam ---------------------------------------------------------------------------------
# Position -> answer right (True) or wrong (False); position 2 stays unanswered.
PLAN = {0: True, 1: False, 3: True, 4: True, 5: False, 6: True, 7: True, 8: False, 9: True}
FLAGGED = (2, 5)


def test_a_short_exam_from_start_to_review(page, site_url, index):
    page.clock.install(time=START)
    open_exam(page, site_url)
    start(page, 10)
    expect(timer(page)).to_have_text("20:00")
    ids = []
    for position in range(5):
        expect(heading(page)).to_have_text(f"Question {position + 1} of 10")
        q = current(page, index)
        ids.append(q["id"])
        if position in PLAN:
            choose(page, right(q) if PLAN[position] else wrong_answer(q))
        if position in FLAGGED:
            page.get_by_role("button", name="Flag for review").click()
            expect(page.get_by_role("button", name="Flagged for review")).to_have_attribute("aria-pressed", "true")
        page.get_by_role("button", name="Next").click()
        assert focused_id(page) == "dva-exam-question-title", "focus must move to the new question"
    # no feedback before submitting
    expect(page.locator(".dva-exam")).not_to_contain_text("Correct answer")
    expect(page.locator(".dva-exam__why")).to_have_count(0)

    # reload mid-exam: same question, same answers, and the clock kept running
    page.clock.fast_forward("03:00")
    page.reload()
    expect(heading(page)).to_have_text("Question 6 of 10")
    expect(timer(page)).to_have_text(re.compile(r"^(17:00|16:5\d)$"))
    expect(map_button(page, 3)).to_have_accessible_name("3: unanswered, flagged")
    expect(map_button(page, 1)).to_have_accessible_name(re.compile(r"^1: answered$"))
    expect(map_button(page, 6)).to_have_attribute("aria-current", "step")

    # jump by the map, and back
    map_button(page, 2).click()
    expect(heading(page)).to_have_text("Question 2 of 10")
    assert focused_id(page) == "dva-exam-question-title"
    expect(page.locator(".dva-exam__choices input:checked")).to_have_count(len(wrong_answer(index[ids[1]])))
    map_button(page, 6).click()
    for position in range(5, 10):
        expect(heading(page)).to_have_text(f"Question {position + 1} of 10")
        q = current(page, index)
        ids.append(q["id"])
        choose(page, right(q) if PLAN[position] else wrong_answer(q))
        if position in FLAGGED:
            page.get_by_role("button", name="Flag for review").click()
        if position < 9:
            page.get_by_role("button", name="Next").click()
    expect(page.locator(".dva-exam__map-summary")).to_have_text("9 of 10 answered, 2 flagged")

    # the confirmation names what is missing; going back changes nothing
    page.get_by_role("button", name="Submit the exam").click()
    dialog = page.get_by_role("dialog", name="Submit the exam?")
    expect(dialog).to_contain_text("Not answered: question 3.")
    expect(dialog).to_contain_text("Flagged for review: questions 3 and 6.")
    dialog.get_by_role("button", name="Back to the exam").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Submit the exam").click()
    dialog.get_by_role("button", name="Submit now").click()

    # results, from the answer key
    correct = sum(PLAN.get(position) is True for position in range(10))
    expect(page.locator("[data-exam-score]")).to_have_text(f"{correct} of 10 correct ({correct * 10}%)")
    expect(page.locator("[data-exam-scaled]")).to_have_text(str(round(100 + 900 * correct / 10)))
    expect(page.locator(".dva-exam__estimate")).to_contain_text("This is an estimate")
    expect(page.locator(".dva-exam__estimate")).to_contain_text("the pass mark is 720")
    assert focused_id(page) == "dva-exam-results-title"
    expect(page.locator(".dva-exam [role=status]")).to_contain_text(f"Exam submitted: {correct} of 10 correct")

    by_domain, by_chapter = Counter(), Counter()
    right_domain, right_chapter = Counter(), Counter()
    for position, qid in enumerate(ids):
        q = index[qid]
        by_domain[q["domain"]] += 1
        by_chapter[q["chapter"]] += 1
        if PLAN.get(position) is True:
            right_domain[q["domain"]] += 1
            right_chapter[q["chapter"]] += 1
    names = {d["number"]: d["name"] for d in settings(page)["domains"]}
    tables = page.locator(".dva-exam__results table")
    assert table_rows(tables.nth(0)) == [
        [f"{d} {names[d]}", str(by_domain[d]), str(right_domain[d]), f"{round(100 * right_domain[d] / by_domain[d])}%"]
        for d in sorted(by_domain)
    ]
    assert sorted(table_rows(tables.nth(1))) == sorted(
        [c, str(by_chapter[c]), str(right_chapter[c]), f"{round(100 * right_chapter[c] / by_chapter[c])}%"]
        for c in by_chapter
    )

    # review: every question, the verdict, every explanation, a link to the notes
    verdicts = {True: "correct", False: "incorrect", None: "not answered"}
    review = page.locator("[data-exam-review]")
    expect(review).to_have_count(10)
    for position, qid in enumerate(ids):
        item = page.locator(f'[data-exam-review="{qid}"]')
        flagged = " (flagged)" if position in FLAGGED else ""
        expect(item.locator("h4")).to_have_text(f"Question {position + 1}: {verdicts[PLAN.get(position)]}{flagged}")
        expect(item.locator(".dva-exam__why")).to_have_count(sum(bool(c["explanation"]) for c in index[qid]["choices"]))
        expect(item.locator(".dva-exam__review-choice--right")).to_have_count(len(right(index[qid])))
        link = item.get_by_role("link", name=f"Read the notes: {index[qid]['ref_title']}")
        expect(link).to_have_attribute("href", site_url + index[qid]["page"] + index[qid]["ref"])
    first_wrong = page.locator(f'[data-exam-review="{ids[1]}"]')
    expect(first_wrong.locator(".dva-exam__review-choice--wrong .dva-exam__mark")).to_have_text(
        "Your choice: incorrect"
    )

    # the answers count as progress, with the same hashes as the chapter quizzes
    answers = stored(page, PROGRESS_KEY)["questions"]
    assert set(answers) == {qid for position, qid in enumerate(ids) if position in PLAN}
    for position, qid in enumerate(ids):
        if position in PLAN:
            assert answers[qid]["hash"] == index[qid]["hash"] and answers[qid]["correct"] is PLAN[position]
    history = stored(page, EXAM_KEY)["history"]
    assert [(h["questions"], h["correct"], h["timeUp"]) for h in history] == [(10, correct, False)]

    # the results survive a reload; then practise the missed ones
    page.reload()
    expect(page.locator("[data-exam-score]")).to_have_text(f"{correct} of 10 correct ({correct * 10}%)")
    page.get_by_role("button", name="Retake the ones I missed (4)").click()
    expect(heading(page)).to_have_text("Question 1 of 4")
    expect(timer(page)).to_have_text("8:00")
    missed = {qid for position, qid in enumerate(ids) if PLAN.get(position) is not True}
    assert {item["id"] for item in stored(page, EXAM_KEY)["current"]["questions"]} == missed


def test_the_full_exam_follows_the_domain_weights_and_choose_n(page, site_url, index):
    open_exam(page, site_url)
    start(page, 65)
    expect(timer(page)).to_have_text(re.compile(r"^2:(10:00|09:5\d)$"))
    exam = stored(page, EXAM_KEY)["current"]
    drawn = [index[item["id"]] for item in exam["questions"]]
    assert Counter(q["domain"] for q in drawn) == {1: 21, 2: 17, 3: 15, 4: 12}  # 32/26/24/18% of 65
    assert len({q["bank"] for q in drawn}) >= 15, "the questions must come from across the chapters"
    expect(page.locator(".dva-exam__note")).to_have_count(0)  # no domain is short

    position = next(p for p, q in enumerate(drawn) if len(right(q)) == 2)
    map_button(page, position + 1).click()
    q = current(page, index)
    expect(page.locator(".dva-exam__legend")).to_have_text("Your answer: choose 2")
    expect(page.locator(".dva-exam__choices input[type=checkbox]")).to_have_count(len(q["choices"]))
    choose(page, right(q))
    expect(page.locator(".dva-exam__count")).to_have_text("2 of 2 chosen")
    extra = next(n for n in range(len(q["choices"])) if n not in right(q))
    page.locator(f'.dva-exam__choices input[value="{extra}"]').click()
    expect(page.locator(f'.dva-exam__choices input[value="{extra}"]')).not_to_be_checked()
    expect(page.locator(".dva-exam__count")).to_have_text(
        "You can choose only 2. Clear one of your choices to pick another."
    )
    expect(page.locator(".dva-exam [role=status]")).to_contain_text("You can choose only 2.")
    assert stored(page, EXAM_KEY)["current"]["questions"][position]["chosen"] == right(q)


def test_keyboard_only(page, site_url, index):
    open_exam(page, site_url)
    start(page, 10)
    assert focused_id(page) == "dva-exam-question-title"
    tab_to(page, ".dva-exam__choices input")
    page.keyboard.press("Space")
    expect(page.locator(".dva-exam__choices input:checked")).to_have_count(1)
    tab_to(page, ".dva-exam__nav [data-exam-action=next]")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Question 2 of 10")
    assert focused_id(page) == "dva-exam-question-title"
    map_button(page, 1).focus()
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Question 1 of 10")
    # one choice made: a complete answer, or an incomplete one on a "choose 2" question
    expect(map_button(page, 1)).to_have_accessible_name(re.compile(r"^1: (answered|incomplete)$"))
    # the shortcuts are listed on the page
    shortcuts = page.locator(".dva-exam__shortcuts")
    shortcuts.locator("summary").click()
    for key, what in [("N", "next question"), ("P", "previous question"), ("F", "flag"), ("1–9", "choose")]:
        expect(shortcuts).to_contain_text(re.compile(rf"{key}\s*{what}"))


# --- time -----------------------------------------------------------------------------------------
def test_time_up_submits_the_exam(page, site_url, index):
    page.clock.install(time=START)
    open_exam(page, site_url)
    start(page, 10)
    q = current(page, index)
    choose(page, right(q))
    page.clock.fast_forward("10:01")
    warning = "10 minutes left. When time is up, the exam is submitted."
    expect(page.locator(".dva-exam__warning")).to_have_text(warning)
    expect(page.locator(".dva-exam [role=status]")).to_have_text(warning)
    page.get_by_role("button", name="Submit the exam").click()  # time runs out with the dialog open
    page.clock.fast_forward("10:00")
    expect(page.get_by_role("dialog", name="Submit the exam?")).to_be_hidden()
    expect(page.locator(".dva-exam__results")).to_contain_text("Time is up: the exam was submitted")
    expect(page.locator("[data-exam-score]")).to_have_text("1 of 10 correct (10%)")
    expect(page.locator(".dva-exam__used")).to_have_text("Time used: 20:00 of 20:00.")
    state = stored(page, EXAM_KEY)
    assert state["current"] is None and state["history"][-1]["timeUp"] is True
    assert state["history"][-1]["at"] == state["review"]["deadline"]


def test_time_up_while_away_submits_on_return(page, site_url, index):
    page.clock.install(time=START)
    open_exam(page, site_url)
    start(page, 10)
    choose(page, right(current(page, index)))
    page.goto(site_url + "progress/")
    expect(page.locator(".dva-progress")).to_contain_text("An exam is in progress (1 of 10 answered)")
    page.clock.fast_forward("25:00")
    open_exam(page, site_url)
    expect(page.locator(".dva-exam__results")).to_contain_text("Time is up")
    expect(page.locator("[data-exam-score]")).to_have_text("1 of 10 correct (10%)")
    page.get_by_role("button", name="New exam").click()
    assert focused_id(page) == "dva-exam-title"
    expect(page.locator(".dva-exam__history li")).to_have_text(
        re.compile(r": 10 questions, 1 correct \(10%\), estimated score 190 \(below the pass mark\); time ran out$")
    )


def test_an_untimed_exam_has_no_clock(page, site_url):
    page.clock.install(time=START)
    open_exam(page, site_url)
    start(page, 10, timed=False)
    expect(page.locator(".dva-exam__clock")).to_have_text("No time limit")
    page.clock.fast_forward("02:00:00")
    expect(heading(page)).to_have_text("Question 1 of 10")


# --- navigation, storage -----------------------------------------------------------------------------
def test_the_exam_goes_on_after_instant_navigation(page, site_url, index):
    open_exam(page, site_url)
    start(page, 10)
    choose(page, right(current(page, index)))
    page.get_by_role("button", name="Next").click()
    page.evaluate("() => { window.__sameDocument = true; }")
    expect(page.locator(".md-header")).to_be_hidden()
    page.get_by_role("link", name="Leave for now").click()
    page.wait_for_url("**/progress/")
    expect(page.locator(".dva-progress")).to_contain_text("An exam is in progress (1 of 10 answered)")
    expect(page.locator(".md-header")).to_be_visible()  # leaving the exam gives the site back its chrome
    page.get_by_role("link", name="Go back to it").click()
    page.wait_for_url("**/exam/")
    expect(heading(page)).to_have_text("Question 2 of 10")
    assert page.evaluate("() => window.__sameDocument === true"), "the navigation reloaded the page"
    expect(map_button(page, 1)).to_have_accessible_name("1: answered")
    expect(page.locator(".dva-exam__view")).to_have_count(1)  # set up once


@pytest.mark.parametrize(
    "exam_value, progress_value",
    [
        ("{not json", "{not json"),
        ("[1, 2]", '{"version": 1, "questions": []}'),
        ('{"version": 1, "current": {"kind": "exam", "questions": "all"}, "review": 3, "history": [{}]}', "null"),
        (
            '{"version": 1, "current": {"kind": "exam", "started": 1, "timed": false, "duration": null, '
            '"deadline": null, "position": 0, "short": [], "questions": [{"id": "no-such-question", "hash": "x", '
            '"order": [0, 1], "chosen": [], "flagged": false}]}, "review": null, "history": []}',
            '"text"',
        ),
    ],
    ids=["corrupt", "foreign", "bad-parts", "unknown-question"],
)
def test_corrupt_or_foreign_storage_is_ignored(page, site_url, index, exam_value, progress_value):
    open_exam(page, site_url)
    store(page, EXAM_KEY, exam_value)
    store(page, PROGRESS_KEY, progress_value)
    page.reload()
    expect(page.locator(".dva-exam__start")).to_be_visible()
    start(page, 10)
    choose(page, right(current(page, index)))
    assert stored(page, EXAM_KEY)["current"]["questions"][0]["chosen"] == right(current(page, index))
    page.goto(site_url + "progress/")
    expect(page.locator("[data-progress-total]")).to_have_text(re.compile(r"^You have answered 0 of the \d+ questions"))


def test_a_newer_exam_storage_version_is_left_alone(page, site_url, index):
    open_exam(page, site_url)
    newer = '{"version": 2, "anything": true}'
    store(page, EXAM_KEY, newer)
    page.reload()
    start(page, 10)
    choose(page, right(current(page, index)))
    assert page.evaluate("k => localStorage.getItem(k)", EXAM_KEY) == newer


def test_blocked_storage_still_works_for_the_session(browser, site_url, index):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('storage is blocked', 'SecurityError'); } });""")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    try:
        open_exam(page, site_url)
        start(page, 10)
        choose(page, right(current(page, index)))
        page.get_by_role("link", name="Leave for now").click()
        page.wait_for_url("**/progress/")
        expect(page.locator(".dva-progress")).to_contain_text("An exam is in progress (1 of 10 answered)")
        page.get_by_role("link", name="Go back to it").click()
        expect(heading(page)).to_have_text("Question 1 of 10")
        page.get_by_role("button", name="Submit the exam").click()
        page.get_by_role("button", name="Submit now").click()
        expect(page.locator("[data-exam-score]")).to_have_text("1 of 10 correct (10%)")
        page.click('nav.md-nav--primary a.md-nav__link[href$="progress/"]')
        expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 1 of the")
        expect(page.locator(".dva-progress__history tbody tr")).to_have_count(1)
        # Material's own palette and search code do not catch the blocked storage; ours does
        assert [error for error in errors if "exam.js" in error] == []
    finally:
        context.close()


def test_a_domain_short_of_questions_is_named(page, site_url, built_site, index):
    data = json.loads((built_site / "assets" / "quiz-index.json").read_text(encoding="utf-8"))
    domain = data["fields"].index("domain")
    deployment = [row for row in data["questions"] if row[domain] == 3][:4]
    data["questions"] = [row for row in data["questions"] if row[domain] != 3] + deployment
    page.route("**/assets/quiz-index.json", lambda route: route.fulfill(json=data))
    open_exam(page, site_url)
    page.get_by_label("65 questions").check()
    note = "Domain 3: Deployment has 4 questions instead of 15: the chapters hold no more"
    expect(page.locator(".dva-exam__start .dva-exam__note")).to_contain_text(note)
    page.get_by_role("button", name="Start the exam").click()
    drawn = Counter(index[item["id"]]["domain"] for item in stored(page, EXAM_KEY)["current"]["questions"])
    assert drawn[3] == 4 and sum(drawn.values()) == 65
    assert drawn[1] > 21 and drawn[2] > 17 and drawn[4] > 12  # the others make up the difference
    page.locator(".dva-exam__notes summary").click()
    expect(page.locator(".dva-exam__notes")).to_contain_text(note)


# --- the progress page ----------------------------------------------------------------------------
def answer_chapter_quiz(page, q: dict, correct: bool):
    question = page.locator(f"#q-{q['id']}")
    for number in right(q) if correct else wrong_answer(q):
        question.locator(f'[data-quiz-choice="{number}"] label').click()
    question.get_by_role("button", name="Check").click()


def test_progress_after_chapter_quizzes(page, site_url, index):
    iam = [q for q in index.values() if q["bank"] == "iam"]
    page.goto(site_url + "iam/")
    page.wait_for_selector(".dva-quiz--js")
    answer_chapter_quiz(page, iam[0], True)
    answer_chapter_quiz(page, iam[1], True)
    answer_chapter_quiz(page, iam[2], False)
    page.click('nav.md-nav--primary a.md-nav__link[href$="progress/"]')  # instant navigation
    page.wait_for_url("**/progress/")
    # the progress styles come with the page (only pages with these widgets link them)
    expect(page.locator(".dva-progress__status")).to_have_css("width", "1px")
    total = len(index)
    expect(page.locator("[data-progress-total]")).to_have_text(
        f"You have answered 3 of the {total} questions, 2 of them correctly."
    )
    row = page.locator('[data-progress-chapter="IAM and access to AWS"]')
    count = len(iam)
    expect(row.locator("[data-progress-answered]")).to_have_text(f"3 of {count}")
    expect(row.locator("[data-progress-correct]")).to_have_text("2")
    expect(row.locator("[data-progress-mastery]")).to_have_text(f"{round(200 / count)}%")
    expect(row.get_by_role("progressbar", name="Mastery of IAM and access to AWS")).to_have_attribute("value", "2")
    expect(row.get_by_role("link", name="IAM and access to AWS")).to_have_attribute("href", site_url + "iam/")
    other = page.locator('[data-progress-chapter="VPC"]')
    expect(other.locator("[data-progress-answered]")).to_have_text(re.compile(r"^0 of \d+$"))

    # the one section with a wrong answer, linked to the notes
    weak = page.locator(".dva-progress__weak li")
    expect(weak).to_have_count(1)
    answered = sum(q["ref"] == iam[2]["ref"] for q in iam[:3])
    expect(weak).to_have_text(f"IAM and access to AWS: {iam[2]['ref_title']} – {answered - 1} of {answered} correct")
    expect(weak.get_by_role("link")).to_have_attribute("href", site_url + "iam/" + iam[2]["ref"])
    expect(page.locator(".dva-progress")).to_contain_text("No exams yet.")


def sample_progress(index) -> tuple[dict, dict]:
    one, two = list(index.values())[:2]
    answers = {
        "version": 1,
        "questions": {
            one["id"]: {"hash": one["hash"], "correct": True, "chosen": right(one), "at": 1767225600000},
            two["id"]: {"hash": two["hash"], "correct": False, "chosen": wrong_answer(two), "at": 1767225700000},
        },
    }
    exams = {
        "version": 1,
        "current": None,
        "review": None,
        "history": [
            {
                "at": 1767225800000,
                "kind": "exam",
                "questions": 10,
                "correct": 8,
                "score": 820,
                "passed": True,
                "timed": True,
                "timeUp": False,
                "domains": {"1": [3, 3], "2": [2, 3], "3": [2, 2], "4": [1, 2]},
            }
        ],
    }
    return answers, exams


def open_progress(page, site_url):
    page.goto(site_url + "progress/")
    page.wait_for_selector("[data-progress-total]")


def test_export_import_round_trip(page, site_url, index, tmp_path):
    answers, exams = sample_progress(index)
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, answers)
    store(page, EXAM_KEY, exams)
    page.reload()
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 2 of the")
    expect(page.locator(".dva-progress__history tbody tr")).to_have_count(1)
    expect(page.locator(".dva-progress__history tbody tr")).to_contain_text("820 (pass)")

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress to a file").click()
    assert re.fullmatch(r"dva-c02-progress-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "dva-c02-study-progress" and data["version"] == 2
    empty_review = {"version": 1, "questions": {}, "sessions": []}
    assert data["data"] == {PROGRESS_KEY: answers, EXAM_KEY: exams, "dva-review": empty_review}
    message = page.locator(".dva-progress__message p")
    expect(message).to_have_text(re.compile(r"^Exported 2 answers, to dva-c02-progress-"))

    page.get_by_role("button", name="Reset all progress…").click()
    expect(page.locator(".dva-progress__confirm")).to_contain_text("You can undo this until you leave the page")
    page.get_by_role("button", name="Delete all progress").click()
    expect(page.locator(".dva-progress__message p")).to_have_text("All progress was deleted.")
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 0 of the")
    assert stored(page, PROGRESS_KEY) is None and stored(page, EXAM_KEY) is None

    # undo brings back exactly what was there
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".dva-progress__message p")).to_have_text("Your progress is back.")
    assert stored(page, PROGRESS_KEY) == answers and stored(page, EXAM_KEY) == exams
    expect(page.locator(".dva-progress__history tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Reset all progress…").click()
    page.get_by_role("button", name="Delete all progress").click()
    assert stored(page, PROGRESS_KEY) is None

    page.get_by_label(re.compile("^Import progress from a file")).set_input_files(exported)
    expect(page.locator(".dva-progress__confirm")).to_contain_text(
        "The file holds 2 answered questions and 1 practice exam"
    )
    page.get_by_role("button", name="Replace my progress").click()
    expect(page.locator(".dva-progress__message p")).to_have_text(
        "Progress imported: 2 answered questions and 1 practice exam."
    )
    assert stored(page, PROGRESS_KEY) == answers and stored(page, EXAM_KEY) == exams
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 2 of the")
    page.reload()
    expect(page.locator(".dva-progress__history tbody tr")).to_have_count(1)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "the file is not JSON"),
        ('{"version": 1, "questions": {}}', "it is not a progress file exported by this site"),
        (
            '{"format": "dva-c02-study-progress", "version": 3, "data": {}}',
            "it has version 3, and this site reads versions 1 and 2",
        ),
        (
            '{"format": "dva-c02-study-progress", "version": 1, "data": {"dva-progress": {"version": 1, '
            '"questions": {"q1": {"hash": "abc", "correct": "yes", "chosen": [0]}}}}}',
            'dva-progress: question "q1": "correct" must be true or false',
        ),
        (
            '{"format": "dva-c02-study-progress", "version": 1, "data": {"dva-exam": {"version": 1, '
            '"current": null, "review": null, "history": [{"at": 1}]}}}',
            'dva-exam: history entry 1: "kind" must be "exam" or "missed"',
        ),
        (
            '{"format": "dva-c02-study-progress", "version": 1, "data": {"passwords": {}}}',
            'it holds unknown data "passwords"',
        ),
    ],
    ids=["not-json", "foreign", "newer", "bad-answer", "bad-history", "unknown-key"],
)
def test_a_bad_import_is_refused_and_changes_nothing(page, site_url, index, content, message):
    answers, exams = sample_progress(index)
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, answers)
    store(page, EXAM_KEY, exams)
    page.reload()
    before = page.evaluate("() => [localStorage.getItem('dva-progress'), localStorage.getItem('dva-exam')]")
    page.get_by_label(re.compile("^Import progress from a file")).set_input_files(
        files=[{"name": "progress.json", "mimeType": "application/json", "buffer": content.encode()}]
    )
    expect(page.locator(".dva-progress__message p")).to_have_text(
        f"Not imported: {message}. Your progress is unchanged."
    )
    expect(page.get_by_role("button", name="Replace my progress")).to_have_count(0)
    assert page.evaluate("() => [localStorage.getItem('dva-progress'), localStorage.getItem('dva-exam')]") == before
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 2 of the")


def test_reset_can_be_cancelled(page, site_url, index):
    answers, _ = sample_progress(index)
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, answers)
    page.reload()
    page.get_by_role("button", name="Reset all progress…").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Delete all progress")).to_have_count(0)
    assert stored(page, PROGRESS_KEY) == answers


# --- accessibility and small screens ------------------------------------------------------------
def axe_violations(page, scope: str) -> list:
    # Scoped to our components: Material's own header, search and progress bar have findings
    # that are not ours; so do the colours of its syntax highlighting in the dark palette.
    context = {"include": [[scope]], "exclude": [[f"{scope} .highlight"]]}
    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_exam(page, site_url, index, scheme):
    page.emulate_media(color_scheme=scheme)
    open_exam(page, site_url)
    assert axe_violations(page, ".dva-exam") == []
    start(page, 10)
    q = current(page, index)
    choose(page, right(q))
    page.get_by_role("button", name="Flag for review").click()
    assert axe_violations(page, ".dva-exam") == []
    page.get_by_role("button", name="Submit the exam").click()
    assert axe_violations(page, ".dva-exam") == []
    page.get_by_role("button", name="Submit now").click()
    expect(page.locator("[data-exam-score]")).to_be_visible()
    assert axe_violations(page, ".dva-exam") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_progress_page(page, site_url, index, scheme):
    answers, exams = sample_progress(index)
    page.emulate_media(color_scheme=scheme)
    open_progress(page, site_url)
    assert axe_violations(page, ".dva-progress") == []
    store(page, PROGRESS_KEY, answers)
    store(page, EXAM_KEY, exams)
    page.reload()
    expect(page.locator(".dva-progress__weak li")).to_have_count(1)
    page.get_by_role("button", name="Reset all progress…").click()
    assert axe_violations(page, ".dva-progress") == []


def test_both_pages_fit_a_phone(browser, site_url, index):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:

        def fits():
            return page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")

        open_exam(page, site_url)
        assert fits()
        start(page, 20)
        choose(page, right(current(page, index)))
        expect(map_button(page, 20)).to_be_hidden()  # the map is one tap away
        page.get_by_role("button", name="Map").click()
        expect(map_button(page, 20)).to_be_visible()
        expect(map_button(page, 1)).to_be_focused()
        assert fits()
        map_button(page, 20).click()
        expect(heading(page)).to_have_text("Question 20 of 20")
        expect(map_button(page, 20)).to_be_hidden()
        page.get_by_role("button", name="Submit the exam").click()
        expect(page.get_by_role("dialog", name="Submit the exam?")).to_be_visible()
        page.get_by_role("button", name="Submit now").click()
        expect(page.locator("[data-exam-score]")).to_be_visible()
        assert fits()
        open_progress(page, site_url)
        expect(page.locator(".dva-progress__history tbody tr")).to_have_count(1)
        assert fits()
    finally:
        context.close()


# --- the exam room: a full exam by keyboard, on a phone and a desktop ----------------------------
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
CHROME = ".md-header, .md-sidebar--primary, .md-sidebar--secondary, .md-footer, .md-search"


def visible_chrome(page) -> list[str]:
    return page.evaluate(
        """s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility())
            .map(e => e.className.split(' ')[0])""",
        CHROME,
    )


# True once the page has stopped scrolling: keyboard scrolling is animated (ten still frames)
SCROLL_SETTLED = """() => new Promise(done => { let y = scrollY, still = 0;
    const look = () => { still = scrollY === y ? still + 1 : 0; y = scrollY;
        if (still >= 10) done(true); else requestAnimationFrame(look); };
    requestAnimationFrame(look); })"""


def bar_in_view(page) -> bool:
    return page.evaluate(
        """() => { const r = document.querySelector('.dva-exam__bar').getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }"""
    )


def keys_for(page, numbers: list[int]) -> list[str]:
    """The number keys that choose these choices (bank-file indexes) in their shuffled order."""
    shown = page.locator(".dva-exam__choices input").evaluate_all("inputs => inputs.map(i => +i.value)")
    return [str(shown.index(number) + 1) for number in numbers]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_full_exam_by_keyboard_in_the_exam_room(browser, site_url, index, viewport):
    mobile = viewport == "phone"
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        open_exam(page, site_url)
        expect(page.locator(".md-header")).to_be_visible()
        page.get_by_label("65 questions").focus()
        page.keyboard.press("Space")
        tab_to(page, ".dva-exam__settings [type=submit]")
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text("Question 1 of 65")
        assert visible_chrome(page) == [], "the site's chrome gives way during the exam"
        expect(page.locator(".dva-exam__bar")).to_contain_text(re.compile(r"Time left\s*2:(10:00|09:5\d)"))

        # every fourth question right... a plan known in advance: r(ight), w(rong), u(nanswered), flagged every 7th
        plan = ["rwru"[position % 4] for position in range(65)]
        flagged = {position for position in range(65) if position % 7 == 3}
        ids = []
        for position in range(65):
            expect(heading(page)).to_have_text(f"Question {position + 1} of 65")
            assert page.evaluate("() => scrollY") == 0, f"question {position + 1} does not start at the top"
            assert page.evaluate("() => document.activeElement.id") == "dva-exam-question-title"
            q = current(page, index)
            ids.append(q["id"])
            page.keyboard.press("End")  # to the bottom of a long question: the bar stays in view
            page.wait_for_function(SCROLL_SETTLED)
            assert bar_in_view(page), f"the time bar left the screen on question {position + 1}"
            if plan[position] != "u":
                for key in keys_for(page, right(q) if plan[position] == "r" else wrong_answer(q)):
                    page.keyboard.press(key)
            if position in flagged:
                page.keyboard.press("f")
                expect(page.locator(".dva-exam__flag")).to_have_attribute("aria-pressed", "true")
            if position < 64:
                page.keyboard.press("n")
        assert visible_chrome(page) == []
        expected_answers = [item for item in stored(page, EXAM_KEY)["current"]["questions"] if item["chosen"]]
        assert len(expected_answers) == sum(p != "u" for p in plan)

        # on the last question, submitting is the primary action
        expect(page.locator(".dva-exam__nav [data-exam-action=next]")).to_be_hidden()
        expect(page.locator("[data-exam-action=submit]")).to_have_class(re.compile("md-button--primary"))
        tab_to(page, "[data-exam-action=submit]")
        page.keyboard.press("Enter")
        expect(page.get_by_role("dialog", name="Submit the exam?")).to_be_visible()
        page.keyboard.press("Shift+Tab")  # from "Back to the exam" to "Submit now"
        page.keyboard.press("Enter")
        expect(page.locator("[data-exam-score]")).to_be_visible()

        # the site is back; the verdict is clear and labelled an estimate
        expect(page.locator(".md-header")).to_be_visible()
        if not mobile:
            expect(page.locator(".md-sidebar--primary")).to_be_visible()
        correct = plan.count("r")
        score = round(100 + 900 * correct / 65)
        verdict = page.locator("[data-exam-verdict]").first
        expect(verdict).to_contain_text(("Pass" if score >= 720 else "Fail") + " (estimate)")
        expect(verdict).to_contain_text(f"estimated scaled score of {score} against the pass mark of 720")
        expect(page.locator(".dva-exam__table").first.locator(".dva-exam__bar-track")).to_have_count(4)

        # the filters, by keyboard
        review = page.locator(".dva-exam__review > li")

        def shown() -> list[str]:
            return review.evaluate_all("items => items.filter(i => i.checkVisibility()).map(i => i.dataset.examReview)")

        expected = {
            "Wrong": [ids[p] for p in range(65) if plan[p] == "w"],
            "Flagged": [ids[p] for p in sorted(flagged)],
            "Unanswered": [ids[p] for p in range(65) if plan[p] == "u"],
            "All": ids,
        }
        for name, wanted in expected.items():
            radio = page.get_by_label(re.compile(rf"^{name} \({len(wanted)}\)$"))
            radio.focus()
            page.keyboard.press("Space")
            expect(radio).to_be_checked()
            assert shown() == wanted, f"filter {name}"
        numbers = page.locator(".dva-exam__numbers a")
        expect(numbers).to_have_count(65)
        expect(numbers.nth(1)).to_have_accessible_name("2: incorrect")

        # retake the ones I missed: exactly the wrong and unanswered ones
        missed = {ids[p] for p in range(65) if plan[p] != "r"}
        button = page.get_by_role("button", name=f"Retake the ones I missed ({len(missed)})")
        button.focus()
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text(f"Question 1 of {len(missed)}")
        assert {item["id"] for item in stored(page, EXAM_KEY)["current"]["questions"]} == missed
        assert visible_chrome(page) == []
        assert errors == []
    finally:
        context.close()


def test_time_settings_extension_custom_and_announcements(page, site_url, index):
    page.clock.install(time=START)
    open_exam(page, site_url)
    page.get_by_label("65 questions").check()
    expect(page.get_by_label(re.compile("^Exam time plus the accommodation"))).to_be_visible()
    expect(page.locator(".dva-exam__settings")).to_contain_text("Exam time: 130 minutes")
    expect(page.locator(".dva-exam__settings")).to_contain_text("(30 extra minutes on the full exam): 160 minutes")
    # a custom time out of range is refused, with the range
    page.get_by_label("Custom time in minutes").fill("0")
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator(".dva-exam__settings [role=alert]")).to_have_text(
        "Enter a custom time from 1 to 1600 minutes, or choose another time."
    )
    page.get_by_label(re.compile("^Exam time plus the accommodation")).check()
    page.get_by_role("button", name="Start the exam").click()
    expect(timer(page)).to_have_text(re.compile(r"^2:(40:00|39:5\d)$"))
    assert stored(page, EXAM_KEY)["current"]["duration"] == 160 * 60000
    status = page.locator(".dva-exam [role=status]")
    expect(status).to_have_text("Exam started: 65 questions, 160 minutes.")
    # no announcement as the seconds tick; one at 30 minutes left; T says the time on request
    page.clock.fast_forward("01:00")
    expect(status).to_have_text("Exam started: 65 questions, 160 minutes.")
    page.clock.fast_forward("02:09:01")
    expect(status).to_have_text("30 minutes left. When time is up, the exam is submitted.")
    heading(page).focus()
    page.keyboard.press("t")
    expect(status).to_have_text(re.compile(r"^29 minutes left$"))
    # a custom time
    page.goto(site_url + "exam/")
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    page.get_by_role("button", name="New exam").click()
    page.get_by_label("10 questions").check()
    page.get_by_label("Custom time in minutes").fill("45")
    page.get_by_role("button", name="Start the exam").click()
    expect(timer(page)).to_have_text(re.compile(r"^(45:00|44:5\d)$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_phone_in_the_exam_room(browser, site_url, index, scheme):
    context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True, color_scheme=scheme)
    page = context.new_page()
    try:
        open_exam(page, site_url)
        start(page, 10)
        choose(page, wrong_answer(current(page, index)))
        page.get_by_role("button", name="Flag for review").click()
        page.get_by_role("button", name="Map").click()
        expect(map_button(page, 10)).to_be_visible()
        assert axe_violations(page, ".dva-exam") == []
        page.keyboard.press("Escape")
        expect(map_button(page, 10)).to_be_hidden()
        page.get_by_role("button", name="Submit the exam").click()
        page.get_by_role("button", name="Submit now").click()
        expect(page.locator("[data-exam-score]")).to_be_visible()
        page.get_by_label(re.compile(r"^Wrong \(1\)$")).check()
        expect(page.locator(".dva-exam__review > li:visible")).to_have_count(1)
        assert axe_violations(page, ".dva-exam") == []
        page.goto(site_url + "progress/")
        page.get_by_role("button", name="Reset all progress…").click()
        page.get_by_role("button", name="Delete all progress").click()
        expect(page.get_by_role("button", name="Undo")).to_be_visible()
        assert axe_violations(page, ".dva-progress") == []
    finally:
        context.close()
