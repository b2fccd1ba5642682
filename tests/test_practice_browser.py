"""Practice sessions, the spaced review queue, readiness and export/import v2, in Chromium.

Answers are chosen from the question index the pages load, so every expected figure is
computed here from a known answer key. Time runs on Playwright's fake clock.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import right, store, stored, wrong_answer

pytestmark = pytest.mark.browser

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PROGRESS_KEY, EXAM_KEY, REVIEW_KEY = "dva-progress", "dva-exam", "dva-review"


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def midnight(moment: datetime, days: int) -> int:
    """UTC midnight of the day `days` after `moment` (for stored data; the pages use local days)."""
    return ms(moment.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days))


def local_midnight(page, moment: datetime, days: int) -> int:
    """Midnight, in the browser's time zone, of the day `days` after `moment`: when the schedule says due."""
    return page.evaluate(
        "([t, d]) => { const x = new Date(t); x.setHours(0, 0, 0, 0); x.setDate(x.getDate() + d); return +x; }",
        [ms(moment), days],
    )


def answer_chapter_quiz(page, q: dict, correct: bool):
    question = page.locator(f"#q-{q['id']}")
    for number in right(q) if correct else wrong_answer(q):
        question.locator(f'[data-quiz-choice="{number}"] label').click()
    question.get_by_role("button", name="Check").click()
    expect(question.locator("[data-quiz-feedback]")).to_have_text(re.compile("^(Correct|Incorrect)"))


def shown_question(page, index) -> dict:
    return index[page.locator("[data-practice-question]").get_attribute("data-practice-question")]


def answer_practice(page, q: dict, correct: bool):
    for number in right(q) if correct else wrong_answer(q):
        page.locator(f'[data-practice-choice="{number}"] label').click()
    page.get_by_role("button", name="Check").click()
    expect(page.locator("[data-practice-feedback]")).to_have_text("Correct." if correct else re.compile("^Incorrect"))


def open_practice(page, site_url):
    page.goto(site_url + "practice/")
    page.wait_for_selector(".dva-practice__choices")


def open_progress(page, site_url):
    page.goto(site_url + "progress/")
    page.wait_for_selector("[data-progress-total]")


def due_banner(page):
    return page.locator(".dva-due")


# --- acceptance: missed in a chapter quiz, due a day later on the home page, reviewed from there -----
def test_missed_quiz_questions_are_due_the_next_day_and_reviewed_from_the_home_page(page, site_url, index):
    page.clock.install(time=START)
    iam = [q for q in index.values() if q["bank"] == "iam"]
    page.goto(site_url + "iam/")
    page.wait_for_selector(".dva-quiz--js")
    for q in iam[:3]:
        answer_chapter_quiz(page, q, False)
    answer_chapter_quiz(page, iam[3], True)  # a right answer does not enter the queue
    queue = stored(page, REVIEW_KEY)["questions"]
    assert sorted(queue) == sorted(q["id"] for q in iam[:3])
    assert {entry["box"] for entry in queue.values()} == {1}

    page.goto(site_url)
    expect(due_banner(page)).to_be_hidden()  # due tomorrow, not today

    page.clock.fast_forward("24:00:00")
    page.goto(site_url)
    expect(due_banner(page)).to_be_visible()
    expect(due_banner(page).locator("[data-due-count]")).to_have_text("3 questions due for review today.")
    due_banner(page).get_by_role("link", name="Review them now").click()
    page.wait_for_url("**/practice/?review")
    expect(page.locator("#dva-practice-title")).to_have_text("Question 1 of 3")
    expect(page.locator(".dva-practice__kind")).to_contain_text("Review of the questions due today · IAM")
    seen = []
    for number in range(3):
        q = shown_question(page, index)
        seen.append(q["id"])
        answer_practice(page, q, number != 2)  # the last one missed again
        page.get_by_role("button", name="Next question" if number < 2 else "See the summary").click()
    assert sorted(seen) == sorted(q["id"] for q in iam[:3])
    expect(page.locator("[data-practice-score]")).to_have_text("You answered 2 of 3 questions correctly.")
    expect(page.locator(".dva-practice__summary [data-practice-due]")).to_have_text(
        "No questions are due for review today."
    )

    # the queue moved on: two in box 2, due 3 days after the review; the missed one back in box 1
    now = START + timedelta(days=1)
    queue = stored(page, REVIEW_KEY)["questions"]
    assert {(queue[i]["box"], queue[i]["due"]) for i in seen[:2]} == {(2, local_midnight(page, now, 3))}
    assert (queue[seen[2]]["box"], queue[seen[2]]["due"]) == (1, local_midnight(page, now, 1))
    assert stored(page, REVIEW_KEY)["sessions"][-1]["kind"] == "review"
    page.goto(site_url)
    expect(due_banner(page)).to_be_hidden()
    page.clock.fast_forward("24:00:00")
    page.goto(site_url)
    expect(due_banner(page).locator("[data-due-count]")).to_have_text("1 question due for review today.")


# --- acceptance: ten questions on one task statement ----------------------------------------------
def test_a_session_on_one_task_statement_draws_only_its_questions(page, site_url, index):
    task = "3.2"
    assert sum(q.get("task") == task for q in index.values()) >= 10
    open_practice(page, site_url)
    page.get_by_label(re.compile(r"^Task 3\.2: ")).check()
    page.get_by_label("Number of questions").fill("10")
    page.get_by_role("button", name="Start practice").click()
    expect(page.locator("#dva-practice-title")).to_have_text("Question 1 of 10")
    drawn = []
    for number in range(10):
        expect(page.locator("#dva-practice-title")).to_have_text(f"Question {number + 1} of 10")
        q = shown_question(page, index)
        drawn.append(q)
        answer_practice(page, q, number % 2 == 0)
        # the explanation and a link to the notes come with the feedback
        expect(page.locator(".dva-quiz__answer")).to_be_visible()
        page.get_by_role("button", name="Next question" if number < 9 else "See the summary").click()
    assert {q["task"] for q in drawn} == {task}
    assert len({q["id"] for q in drawn}) == 10
    expect(page.locator("[data-practice-score]")).to_have_text("You answered 5 of 10 questions correctly.")
    expect(page.locator(".dva-practice__result--wrong")).to_have_count(5)
    answers = stored(page, PROGRESS_KEY)["questions"]
    assert {i: answers[q["id"]]["correct"] for i, q in enumerate(drawn)} == {i: i % 2 == 0 for i in range(10)}
    assert sorted(stored(page, REVIEW_KEY)["questions"]) == sorted(q["id"] for q in drawn[1::2])


def test_weakest_task_statements_in_one_click(page, site_url, index):
    by_task: dict[str, list[dict]] = {}
    for q in index.values():
        by_task.setdefault(q.get("task"), []).append(q)
    answers = {}
    for q in by_task["2.2"][:5]:  # 1 of 5 right: the weakest
        answers[q["id"]] = {"hash": q["hash"], "correct": q is by_task["2.2"][0], "chosen": right(q), "at": 1}
    for q in by_task["1.1"][:6]:  # 5 of 6 right
        answers[q["id"]] = {"hash": q["hash"], "correct": q is not by_task["1.1"][0], "chosen": right(q), "at": 1}
    for q in by_task["4.2"][:4]:  # all wrong, but only 4 answers: not enough to judge
        answers[q["id"]] = {"hash": q["hash"], "correct": False, "chosen": right(q), "at": 1}
    open_practice(page, site_url)
    page.get_by_role("button", name="Practise my weakest task statements").click()
    expect(page.locator(".dva-practice__message")).to_have_text(re.compile("^No task statement has 5 answers yet"))
    store(page, PROGRESS_KEY, {"version": 1, "questions": answers})
    page.reload()
    page.get_by_role("button", name="Practise my weakest task statements").click()
    expect(page.locator("#dva-practice-title")).to_have_text("Question 1 of 10")
    tasks = set()
    for number in range(10):
        expect(page.locator("#dva-practice-title")).to_have_text(f"Question {number + 1} of 10")
        q = shown_question(page, index)
        tasks.add(q["task"])
        if number < 5:  # the 5 missed ones (4 of task 2.2, 1 of task 1.1) come first
            assert answers.get(q["id"], {}).get("correct") is False
        answer_practice(page, q, True)
        page.get_by_role("button", name="Next question" if number < 9 else "See the summary").click()
    assert tasks <= {"2.2", "1.1"} and "4.2" not in tasks


# --- readiness and export/import ------------------------------------------------------------------
def readiness_figures(page) -> dict:
    return {
        "estimate": page.locator("[data-progress-estimate]").text_content(),
        "due": page.locator(".dva-progress__review [data-progress-due]").text_content(),
        "domains": page.locator("[data-progress-domains] tbody tr").all_text_contents(),
        "tasks": page.locator("[data-progress-tasks] tbody tr").all_text_contents(),
        "next": page.locator(".dva-progress__next li").all_text_contents(),
    }


def sample(index, now: datetime):
    """Answers to 8 questions of domains 1 and 2 (3 wrong), the 3 wrong ones due for review."""
    d1 = [q for q in index.values() if q["domain"] == 1][:5]
    d2 = [q for q in index.values() if q["domain"] == 2][:3]
    wrong = {d1[0]["id"], d1[1]["id"], d2[0]["id"]}
    answers = {
        q["id"]: {
            "hash": q["hash"],
            "correct": q["id"] not in wrong,
            "chosen": wrong_answer(q) if q["id"] in wrong else right(q),
            "at": ms(now) - 1000 * n,
        }
        for n, q in enumerate(d1 + d2)
    }
    queue = {i: {"hash": answers[i]["hash"], "box": 1, "due": midnight(now, 0), "at": ms(now)} for i in wrong}
    review = {
        "version": 1,
        "questions": queue,
        "sessions": [{"at": ms(now) - 5000, "kind": "practice", "questions": 8, "correct": 5}],
    }
    return {"version": 1, "questions": answers}, review, d1, d2


def test_readiness_weighs_the_domains_and_links_the_tasks_to_study(page, site_url, index):
    page.clock.install(time=START)
    answers, review, d1, d2 = sample(index, START)
    open_progress(page, site_url)
    expect(page.locator("[data-progress-estimate]")).to_have_text("No estimate yet: answer some questions first.")
    store(page, PROGRESS_KEY, answers)
    store(page, REVIEW_KEY, review)
    page.reload()
    # domain 1: 3 of 5 right, domain 2: 2 of 3 right; weighted 32 and 26 (domains 3 and 4 left out)
    estimate = round((32 * 3 / 5 + 26 * 2 / 3) * 100 / 58)
    figure = page.locator("[data-progress-estimate]")
    expect(figure).to_contain_text(f"Estimated readiness: {estimate}%")
    expect(figure).to_contain_text("from 8 answers. Domains 3 and 4 have no answers yet")
    expect(page.locator(".dva-progress__readiness")).to_contain_text("This is an estimate")
    rows = page.locator("[data-progress-domains] tbody tr")
    expect(rows.nth(0)).to_have_text(re.compile(r"^1\. Development with AWS Services\s*32%\s*5\s*60%$"))
    expect(rows.nth(1)).to_have_text(re.compile(r"^2\. Security\s*26%\s*3\s*67%$"))
    expect(rows.nth(2)).to_have_text(re.compile(r"^3\. Deployment\s*24%\s*0\s*–$"))
    # the tasks to study next link to the notes section of a missed question
    missed = [d1[0], d1[1], d2[0]]
    first = page.locator(".dva-progress__next li").first
    expect(first).to_be_visible()
    task = first.get_attribute("data-next-task")
    hrefs = {site_url + q["page"] + q["ref"] for q in missed if q["task"] == task}
    assert first.get_by_role("link").first.get_attribute("href") in hrefs
    expect(page.locator(".dva-progress__review [data-progress-due]")).to_have_text("3 questions due for review today.")
    page.get_by_role("link", name="Review them now").click()
    page.wait_for_url("**/practice/?review")
    expect(page.locator("#dva-practice-title")).to_have_text("Question 1 of 3")


def test_export_clear_import_restores_the_review_queue_and_readiness(page, site_url, index, tmp_path):
    page.clock.install(time=START)
    answers, review, _, _ = sample(index, START)
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, answers)
    store(page, REVIEW_KEY, review)
    page.reload()
    expect(page.locator(".dva-progress__next li").first).to_be_visible()
    before = readiness_figures(page)
    assert before["due"] == "3 questions due for review today."

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress to a file").click()
    message = page.locator(".dva-progress__message p")
    expect(message).to_have_text(re.compile(r"^Exported 8 answers, to dva-c02-progress-"))
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["data"][REVIEW_KEY] == review

    page.get_by_role("button", name="Reset all progress…").click()
    page.get_by_role("button", name="Delete all progress").click()
    expect(page.locator(".dva-progress__review [data-progress-due]")).to_have_text(
        "No questions are due for review today."
    )
    assert stored(page, REVIEW_KEY) is None

    page.get_by_label(re.compile("^Import progress from a file")).set_input_files(exported)
    expect(page.locator(".dva-progress__confirm")).to_contain_text(
        "The file holds 8 answered questions, 3 questions in the review queue and 0 practice exams"
    )
    page.get_by_role("button", name="Merge with my progress").click()
    expect(page.locator(".dva-progress__message p")).to_have_text(
        "Progress merged: you now have 8 answered questions, 3 questions in the review queue and 0 practice exams."
    )
    expect(page.locator(".dva-progress__next li").first).to_be_visible()
    assert readiness_figures(page) == before
    assert stored(page, REVIEW_KEY) == review
    assert stored(page, PROGRESS_KEY) == answers


def test_merge_keeps_the_newest_answer_per_question(page, site_url, index, tmp_path):
    page.clock.install(time=START)
    answers, review, d1, _ = sample(index, START)
    q = d1[0]  # wrong in the file; answered right here, later
    newer = {"hash": q["hash"], "correct": True, "chosen": right(q), "at": ms(START) + 60000}
    other = d1[2]  # right in the file; answered wrong here, earlier
    older = {"hash": other["hash"], "correct": False, "chosen": wrong_answer(other), "at": 5}
    file = {"format": "dva-c02-study-progress", "version": 2, "data": {PROGRESS_KEY: answers, REVIEW_KEY: review}}
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, {"version": 1, "questions": {q["id"]: newer, other["id"]: older}})
    page.reload()
    page.get_by_label(re.compile("^Import progress from a file")).set_input_files(
        files=[{"name": "p.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()}]
    )
    page.get_by_role("button", name="Merge with my progress").click()
    merged = stored(page, PROGRESS_KEY)["questions"]
    assert len(merged) == 8
    assert merged[q["id"]] == newer
    assert merged[other["id"]] == answers["questions"][other["id"]]


def test_one_damaged_entry_never_empties_the_export(page, site_url, index, tmp_path):
    questions = list(index.values())[:30]
    answers = {}
    for n, q in enumerate(questions):
        answers[q["id"]] = {"hash": q["hash"], "correct": True, "chosen": right(q), "at": 1767225600000 + n}
    damaged = dict(answers, broken={"hash": "x", "correct": "maybe", "chosen": []})
    open_progress(page, site_url)
    store(page, PROGRESS_KEY, {"version": 1, "questions": damaged})
    page.reload()
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 30 of the")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress to a file").click()
    expect(page.locator(".dva-progress__message p")).to_have_text(
        re.compile(r"^Exported 30 answers, skipped 1 damaged entry, to dva-c02-progress-\d{4}-\d{2}-\d{2}\.json\.$")
    )
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["data"][PROGRESS_KEY]["questions"] == answers


def test_a_changed_question_restarts_and_a_removed_one_drops_out(page, site_url, index):
    page.clock.install(time=START)
    one, two = list(index.values())[:2]
    queue = {
        one["id"]: {"hash": "an-older-wording", "box": 3, "due": midnight(START, 5), "at": 1},
        "a-question-no-longer-on-the-site": {"hash": "x", "box": 1, "due": midnight(START, 0), "at": 1},
        two["id"]: {"hash": two["hash"], "box": 2, "due": midnight(START, 2), "at": 1},
    }
    open_practice(page, site_url)
    store(page, REVIEW_KEY, {"version": 1, "questions": queue, "sessions": []})
    page.reload()
    expect(page.locator(".dva-practice__quick [data-practice-due]")).to_have_text("1 question due for review today.")
    after = stored(page, REVIEW_KEY)["questions"]
    assert sorted(after) == sorted([one["id"], two["id"]])
    restarted = after[one["id"]]
    assert (restarted["hash"], restarted["box"], restarted["due"]) == (one["hash"], 1, local_midnight(page, START, 0))
    assert restarted["at"] >= ms(START)
    assert after[two["id"]] == queue[two["id"]]


# --- keyboard, phone, accessibility -------------------------------------------------------------
def test_a_session_by_keyboard(page, site_url, index):
    open_practice(page, site_url)
    page.get_by_label(re.compile(r"^Domain 4: ")).focus()
    page.keyboard.press("Space")
    page.get_by_label("Number of questions").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start practice")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#dva-practice-title")).to_be_focused()
    for number in range(2):
        q = shown_question(page, index)
        assert q["domain"] == 4
        for count, choice in enumerate(right(q)):
            page.locator(f'[data-practice-choice="{choice}"] input').focus()
            page.keyboard.press("Space")
            assert count < 5
        page.get_by_role("button", name="Check").focus()
        page.keyboard.press("Enter")
        expect(page.locator("[data-practice-feedback]")).to_be_focused()
        expect(page.locator("[data-practice-feedback]")).to_have_text("Correct.")
        page.get_by_role("button", name="Next question" if number == 0 else "See the summary").focus()
        page.keyboard.press("Enter")
    expect(page.locator("#dva-practice-done")).to_be_focused()
    expect(page.locator(".dva-practice__status")).to_contain_text("You answered 2 of 2 questions correctly.")


def axe_violations(page, scope: str) -> list:
    context = {"include": [[scope]], "exclude": [[f"{scope} .highlight"]]}
    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_practice_and_review(page, site_url, index, scheme):
    page.clock.install(time=START)
    page.emulate_media(color_scheme=scheme)
    answers, review, _, _ = sample(index, START)
    open_practice(page, site_url)
    store(page, PROGRESS_KEY, answers)
    store(page, REVIEW_KEY, review)
    page.reload()
    page.locator(".dva-practice__chapters summary").click()
    assert axe_violations(page, ".dva-practice") == []
    page.get_by_role("button", name=re.compile("^Review the 3 due questions")).click()
    q = shown_question(page, index)
    answer_practice(page, q, False)
    assert axe_violations(page, ".dva-practice") == []
    page.get_by_role("button", name="End the session").click()
    expect(page.locator("[data-practice-score]")).to_be_visible()
    assert axe_violations(page, ".dva-practice") == []
    page.goto(site_url)
    expect(due_banner(page)).to_be_visible()
    assert axe_violations(page, ".dva-due") == []
    open_progress(page, site_url)
    expect(page.locator(".dva-progress__next li").first).to_be_visible()
    assert axe_violations(page, ".dva-progress") == []


def test_the_practice_page_fits_a_phone(browser, site_url, index):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:

        def fits():
            return page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")

        open_practice(page, site_url)
        page.locator(".dva-practice__chapters summary").click()
        assert fits()
        page.get_by_role("button", name="Start practice").click()
        q = shown_question(page, index)
        answer_practice(page, q, False)
        assert fits()
        page.get_by_role("button", name="End the session").click()
        expect(page.locator("[data-practice-score]")).to_have_text("You answered 0 of 1 question correctly.")
        assert fits()
    finally:
        context.close()


def test_an_old_version_1_file_still_imports(page, site_url, index):
    page.clock.install(time=START)
    answers, review, _, _ = sample(index, START)
    old_file = {
        "format": "dva-c02-study-progress",
        "version": 1,
        "exported": "2026-01-01T00:00:00.000Z",
        "data": {PROGRESS_KEY: answers, EXAM_KEY: {"version": 1, "current": None, "review": None, "history": []}},
    }
    open_progress(page, site_url)
    store(page, REVIEW_KEY, review)
    page.reload()
    page.get_by_label(re.compile("^Import progress from a file")).set_input_files(
        files=[{"name": "old.json", "mimeType": "application/json", "buffer": json.dumps(old_file).encode()}]
    )
    confirm = page.locator(".dva-progress__confirm")
    expect(confirm).to_contain_text("The file holds 8 answered questions and 0 practice exams")
    page.get_by_role("button", name="Merge with my progress").click()
    expect(page.locator("[data-progress-total]")).to_contain_text("You have answered 8 of the")
    assert stored(page, PROGRESS_KEY) == answers
    assert stored(page, REVIEW_KEY) == review  # a merge keeps this browser's queue; the old file has none
