"""The browser's storage letting the learner down, in Chromium on the real site (issue 19).

A full or blocked storage, or progress written by a newer version, is said on the page and
loses nothing stored before; damaged stored data is kept aside, not overwritten, and the
progress page offers it back; two tabs on one exam lose no answer and record it once.
Answers here do not need the answer key: any choice counts as an answer.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import stored

pytestmark = pytest.mark.browser

EXAM_KEY, PROGRESS_KEY = "dva-exam", "dva-progress"
CHAPTER = "ec2/"


def raw(page, key: str):
    return page.evaluate("k => localStorage.getItem(k)", key)


def kept_aside(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('dva-damaged-'))
            .map(k => [k, localStorage.getItem(k)]))"""
    )


def fill_storage(page) -> int:
    """Write filler keys until localStorage refuses even one more character."""
    return page.evaluate(
        """() => {
            let size = 1 << 20, count = 0;
            while (size >= 1) {
                try { localStorage.setItem('filler-' + count, 'x'.repeat(size)); count++; }
                catch (error) { size = Math.floor(size / 2); }
            }
            return count;
        }"""
    )


def axe_violations(page, scope: str) -> list:
    context = {"include": [[scope]], "exclude": [[f"{scope} .highlight"]]}
    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


# --- chapter quiz ------------------------------------------------------------------------------
def open_chapter(page, site_url):
    page.goto(site_url + CHAPTER)
    page.wait_for_selector(".dva-quiz--js")
    return page.locator("[data-quiz-question]:has(input[type=radio])")


def answer_quiz(question):
    question.locator("[data-quiz-choice] label").first.click()
    question.get_by_role("button", name="Check").click()
    expect(question.locator("[data-quiz-feedback]")).to_have_text(re.compile(r"^(Correct|Incorrect)"))


def test_a_full_storage_says_so_and_loses_no_earlier_answer(page, site_url):
    questions = open_chapter(page, site_url)
    answer_quiz(questions.nth(0))
    before = raw(page, PROGRESS_KEY)
    assert list(json.loads(before)["questions"]) == [questions.nth(0).get_attribute("data-quiz-question")]
    assert fill_storage(page) > 0
    answer_quiz(questions.nth(1))
    notice = page.locator(".dva-notice")
    expect(notice).to_have_count(1)
    expect(questions.nth(1).locator(".dva-notice")).to_be_visible()  # next to the answer just given
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("Not saved")
    expect(notice).to_contain_text("kept for this visit only")
    expect(notice).to_contain_text("export your progress from the Progress page")
    expect(notice).to_contain_text("free space")
    expect(notice.get_by_role("link", name="Go to the Progress page")).to_be_visible()
    expect(page.locator("[data-quiz-score]").first).to_contain_text("(2 answered)")  # kept for the visit
    assert raw(page, PROGRESS_KEY) == before  # every answer stored before is still there
    answer_quiz(questions.nth(2))
    expect(page.locator(".dva-notice")).to_have_count(1)  # once per cause, not on every answer
    expect(page.locator("[data-quiz-score]").first).to_contain_text("(3 answered)")
    assert raw(page, PROGRESS_KEY) == before
    assert "saved" not in questions.nth(2).locator("[data-quiz-feedback]").inner_text().lower()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_storage_notice_is_accessible(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    questions = open_chapter(page, site_url)
    fill_storage(page)
    answer_quiz(questions.nth(0))
    expect(page.locator(".dva-notice")).to_be_visible()
    assert axe_violations(page, ".dva-quiz") == []


def test_a_newer_stored_version_is_kept_and_said_so(page, site_url):
    questions = open_chapter(page, site_url)
    newer = '{"version": 2, "anything": true}'
    page.evaluate("v => localStorage.setItem('dva-progress', v)", newer)
    page.reload()
    page.wait_for_selector(".dva-quiz--js")
    answer_quiz(questions.nth(0))
    expect(page.locator(".dva-notice")).to_contain_text("written by a newer version of this site")
    assert raw(page, PROGRESS_KEY) == newer


def test_blocked_storage_works_for_the_visit_and_says_so(browser, site_url):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('storage is blocked', 'SecurityError'); } });""")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    try:
        questions = open_chapter(page, site_url)
        answer_quiz(questions.nth(0))
        answer_quiz(questions.nth(1))
        expect(page.locator(".dva-notice")).to_have_count(1)
        expect(page.locator(".dva-notice")).to_contain_text("does not let the site store anything")
        expect(page.locator("[data-quiz-score]").first).to_contain_text("(2 answered)")
        # Material's own palette and search code do not catch the blocked storage; ours does
        assert [error for error in errors if "javascripts/" in error] == []
    finally:
        context.close()


def test_an_answer_from_another_tab_shows_in_the_chapter(page, context, site_url):
    questions = open_chapter(page, site_url)
    other = context.new_page()
    try:
        other_questions = open_chapter(other, site_url)
        answer_quiz(other_questions.nth(0))
        expect(questions.nth(0).locator("[data-quiz-feedback]")).to_have_text(re.compile(r"^(Correct|Incorrect)"))
        expect(page.locator("[data-quiz-score]").first).to_contain_text("(1 answered)")
        answer_quiz(questions.nth(1))  # and this tab's answer does not drop the other's
        assert len(stored(other, PROGRESS_KEY)["questions"]) == 2
    finally:
        other.close()


def test_the_progress_page_follows_answers_given_in_another_tab(page, context, site_url):
    page.goto(site_url + "progress/")
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 0 of the")
    other = context.new_page()
    try:
        answer_quiz(open_chapter(other, site_url).nth(0))
        expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 1 of the")
    finally:
        other.close()


# --- one exam, two tabs --------------------------------------------------------------------------
def open_exam(page, site_url):
    page.goto(site_url + "exam/")
    page.wait_for_selector("[data-exam-view], .dva-exam__start")


def heading(page):
    return page.locator("#dva-exam-question-title")


def answer_exam(page) -> tuple[str, list[int]]:
    """Choose as many options as the question asks for; returns (question id, chosen)."""
    legend = page.locator(".dva-exam__legend").first.inner_text()
    need = int(re.search(r"choose (\d+)", legend).group(1)) if re.search(r"choose \d", legend) else 1
    inputs = page.locator(".dva-exam__choices input")
    chosen = []
    for n in range(need):
        inputs.nth(n).check()
        chosen.append(int(inputs.nth(n).get_attribute("value")))
    return page.locator("[data-exam-question]").get_attribute("data-exam-question"), sorted(chosen)


def map_button(page, number: int):
    return page.locator(".dva-exam__map").get_by_role("button", name=re.compile(rf"^{number}:"))


def go_to(page, number: int):
    map_button(page, number).click()
    expect(heading(page)).to_have_text(re.compile(rf"^Question {number} of"))


def test_two_tabs_on_one_exam_lose_no_answer_and_record_it_once(page, context, site_url):
    open_exam(page, site_url)
    page.get_by_label("10 questions").check()
    page.locator("#dva-exam-time-untimed").check()
    page.get_by_role("button", name="Start the exam").click()
    expect(heading(page)).to_have_text("Question 1 of 10")
    other = context.new_page()
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    other.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        open_exam(other, site_url)
        expect(heading(other)).to_have_text("Question 1 of 10")  # the same exam
        given = dict([answer_exam(page)])
        expect(map_button(other, 1)).to_have_accessible_name("1: answered")  # shown in the other tab
        go_to(other, 2)
        given.update([answer_exam(other)])
        expect(map_button(page, 2)).to_have_accessible_name("2: answered")
        go_to(page, 3)
        given.update([answer_exam(page)])
        go_to(other, 4)
        given.update([answer_exam(other)])
        expect(map_button(page, 4)).to_have_accessible_name("4: answered")
        expect(map_button(other, 3)).to_have_accessible_name("3: answered")
        current = stored(page, EXAM_KEY)["current"]
        assert {item["id"]: item["chosen"] for item in current["questions"] if item["chosen"]} == given

        page.get_by_role("button", name="Submit the exam").click()
        page.get_by_role("button", name="Submit now").click()
        expect(page.locator("[data-exam-score]")).to_be_visible()
        stop = other.locator(".dva-exam__message [role=alert]")
        expect(stop).to_have_text(re.compile(r"^This exam was submitted in another tab, so it stopped in this one"))
        expect(stop).to_be_focused()
        expect(other.locator("[data-exam-view=exam]")).to_have_count(0)
        expect(other.locator("[data-exam-score]")).to_have_text(page.locator("[data-exam-score]").inner_text())

        state = stored(page, EXAM_KEY)
        assert state["current"] is None
        assert len(state["history"]) == 1
        assert {item["id"]: item["chosen"] for item in state["review"]["questions"] if item["chosen"]} == given
        answered = stored(page, PROGRESS_KEY)["questions"]
        assert {qid: answered[qid]["chosen"] for qid in given} == given
        assert axe_violations(other, ".dva-exam") == []
        assert errors == []
    finally:
        other.close()


def test_a_tab_whose_exam_was_replaced_stops_and_writes_nothing(page, context, site_url):
    open_exam(page, site_url)
    page.get_by_label("10 questions").check()
    page.get_by_role("button", name="Start the exam").click()
    other = context.new_page()
    try:
        open_exam(other, site_url)
        expect(heading(other)).to_have_text("Question 1 of 10")
        page.get_by_role("button", name="Submit the exam").click()
        page.get_by_role("button", name="Submit now").click()
        page.get_by_role("button", name=re.compile("^Retake all")).click()  # a new exam replaces it
        expect(heading(page)).to_have_text("Question 1 of 10")
        expect(other.locator(".dva-exam__message [role=alert]")).to_contain_text("submitted in another tab")
        started = stored(page, EXAM_KEY)["current"]["started"]
        expect(heading(other)).to_have_text("Question 1 of 10")  # the tab follows the new exam
        assert stored(page, EXAM_KEY)["current"]["started"] == started
        assert len(stored(page, EXAM_KEY)["history"]) == 1
    finally:
        other.close()


# --- damaged data --------------------------------------------------------------------------------
def history_entry(at: int, correct: int) -> dict:
    return {
        "at": at,
        "kind": "exam",
        "questions": 10,
        "correct": correct,
        "score": 100 + 90 * correct,
        "passed": correct >= 7,
        "timed": True,
        "timeUp": False,
        "domains": {"1": [correct, 10]},
    }


def open_progress(page, site_url):
    page.goto(site_url + "progress/")
    page.wait_for_selector("[data-progress-total]")


def test_a_damaged_history_entry_is_kept_aside_and_the_rest_shows(page, site_url):
    damaged = json.dumps(
        {
            "version": 1,
            "current": None,
            "review": None,
            "history": [
                history_entry(1767225600000, 5),
                {"at": "yesterday", "kind": "exam"},
                history_entry(1767312000000, 8),
            ],
        }
    )
    open_progress(page, site_url)
    page.evaluate("v => localStorage.setItem('dva-exam', v)", damaged)
    page.reload()
    expect(page.locator(".dva-progress__history tbody tr")).to_have_count(2)  # the valid ones still show
    assert list(kept_aside(page).values()) == [damaged]
    note = page.locator(".dva-progress__damaged")
    expect(note).to_contain_text("1 copy of it is kept aside")

    open_exam(page, site_url)  # an exam writes the history again: the copy stays, the valid entries too
    page.get_by_label("10 questions").check()
    page.get_by_role("button", name="Start the exam").click()
    expect(heading(page)).to_have_text("Question 1 of 10")
    assert [entry["correct"] for entry in stored(page, EXAM_KEY)["history"]] == [5, 8]
    assert list(kept_aside(page).values()) == [damaged]

    open_progress(page, site_url)
    with page.expect_download() as download:
        note.get_by_role("button", name="Download the damaged data").click()
    saved = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert [item["text"] for item in saved["items"]] == [damaged]
    note.get_by_role("button", name="Discard it…").click()
    page.get_by_role("button", name="Delete it").click()
    expect(note).to_have_count(0)
    expect(page.locator(".dva-progress__message")).to_have_text("The damaged data was discarded.")
    assert kept_aside(page) == {}
    expect(page.locator(".dva-progress__history tbody tr")).to_have_count(2)


def test_a_damaged_answer_and_exam_in_progress_are_kept_aside(page, site_url):
    questions = open_chapter(page, site_url)
    qid = questions.nth(0).get_attribute("data-quiz-question")
    progress = json.dumps({"version": 1, "questions": {qid: {"hash": "x", "correct": "yes", "chosen": [0]}}})
    exam = json.dumps({"version": 1, "current": {"kind": "exam", "questions": "all"}, "review": None, "history": []})
    page.evaluate(
        "([p, e]) => { localStorage.setItem('dva-progress', p); localStorage.setItem('dva-exam', e); }",
        [progress, exam],
    )
    page.reload()
    page.wait_for_selector(".dva-quiz--js")
    expect(page.locator(".dva-notice")).to_contain_text("damaged")  # said on the page that found it
    answer_quiz(questions.nth(0))  # replaces the damaged answer: its copy was kept first
    assert stored(page, PROGRESS_KEY)["questions"][qid]["hash"] != "x"
    open_exam(page, site_url)
    expect(page.locator(".dva-exam__start")).to_be_visible()
    assert sorted(kept_aside(page).values()) == sorted([progress, exam])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_damaged_data_note_is_accessible(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_progress(page, site_url)
    page.evaluate("() => localStorage.setItem('dva-exam', '{not json')")
    page.reload()
    expect(page.locator(".dva-progress__damaged")).to_be_visible()
    page.get_by_role("button", name="Discard it…").click()
    assert axe_violations(page, ".dva-progress") == []


def test_a_full_history_says_that_the_oldest_exam_goes(page, site_url):
    history = [history_entry(1767225600000 + n * 60000, n % 11) for n in range(200)]
    open_progress(page, site_url)
    page.evaluate(
        "h => localStorage.setItem('dva-exam', JSON.stringify({version: 1, current: null, review: null, history: h}))",
        history,
    )
    page.reload()
    expect(page.locator("[data-kept-limit]")).to_have_text(
        "Your history keeps your last 200 practice exams: each new exam removes the oldest."
    )
    open_exam(page, site_url)
    page.get_by_label("10 questions").check()
    page.get_by_role("button", name="Start the exam").click()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    expect(page.locator(".dva-exam__message")).to_have_text(
        "Your history keeps your last 200 practice exams, so the oldest one was removed to make room for this one."
    )
    state = stored(page, EXAM_KEY)
    assert len(state["history"]) == 200
    assert state["history"][0]["at"] == history[1]["at"]
