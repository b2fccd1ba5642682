"""The quiz widget in Chromium, on the fixture site (tests/fixtures/quizzes/site).

The fixture bank has a single-answer question, a "choose 2" question, one with code,
and one full of injected markup. ``site_url`` is overridden here, so the shared
``page`` fixture serves this site and still fails a test on any console error or any
request to another host.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import mkdocs_build, question_key
from tests.test_quizzes import make_quiz_site

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The fixture site, built for the address it is served at (instant navigation needs it)."""
    root = tmp_path_factory.mktemp("quiz-browser")
    site = root / "site"
    site.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    config = make_quiz_site(root, site_url=url)
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


def open_quiz(page, site_url):
    page.goto(site_url + "quiz/")
    page.wait_for_selector(".dva-quiz--js .dva-quiz__question")  # the questions come from their files
    return page.locator(".dva-quiz")


def question(page, qid):
    return page.locator(f"#q-{qid}")


def choose(q, correct: bool, count: int = 1):
    """Click ``count`` right (or wrong) choices; the key comes from the question's file, as the quiz gets it."""
    key = question_key(q.page, site_address(q.page), q.get_attribute("data-quiz-question"))
    numbers = [number for number, right in enumerate(key) if right == correct][:count]
    for number in numbers:
        q.locator(f'[data-quiz-choice="{number}"] label').click()


def site_address(page) -> str:
    return page.url[: page.url.index("/quiz/") + 1]


def check(q):
    q.get_by_role("button", name="Check").click()


def reset(quiz):
    """Reset the quiz: it asks first."""
    quiz.get_by_role("button", name="Reset…").click()
    quiz.get_by_role("button", name="Clear my answers").click()


def stored(page) -> dict:
    return page.evaluate("() => JSON.parse(localStorage.getItem('dva-progress'))")


# --- answering ---------------------------------------------------------------------------
def test_single_answer_wrong_then_right(page, site_url):
    quiz = open_quiz(page, site_url)
    q = question(page, "demo-single")
    assert q.locator("input[type=radio]").count() == 4
    expect(q.locator(".dva-quiz__answer")).to_be_hidden()  # the answer waits for Check

    choose(q, correct=False)
    check(q)
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Incorrect. The correct answer is marked.")
    expect(q.locator(".dva-quiz__choice--wrong .dva-quiz__mark")).to_have_text("Your choice: incorrect")
    expect(q.locator(".dva-quiz__choice--right .dva-quiz__mark")).to_have_text("Correct answer")
    expect(q.locator(".dva-quiz__choice--right")).to_contain_text("IAM is global.")
    expect(q.locator(".dva-quiz__note .dva-quiz__why")).to_have_count(4)  # every choice's explanation
    expect(q.locator(".dva-quiz__explanation")).to_be_visible()
    # (Material's instant navigation makes links absolute)
    expect(q.get_by_role("link", name="Read the notes: First topic")).to_have_attribute(
        "href", re.compile(r"(^|/quiz/)#first-topic$")
    )
    expect(q.locator("input:not([disabled])")).to_have_count(0)
    expect(quiz.locator("[data-quiz-score]")).to_have_text("0 of 4 correct (1 answered)")
    expect(quiz.locator("[data-quiz-status]")).to_have_text("Question 1: incorrect.")

    reset(quiz)
    choose(q, correct=True)
    check(q)
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Correct.")
    expect(q.locator(".dva-quiz__choice--right .dva-quiz__mark")).to_have_text("Correct answer, your choice")
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")


def test_multiple_response_is_all_or_nothing(page, site_url):
    quiz = open_quiz(page, site_url)
    q = question(page, "demo-multiple")
    expect(q.locator("legend")).to_have_text("Question 2 of 4: choose 2")
    assert q.locator("input[type=checkbox]").count() == 5

    choose(q, correct=True)
    check(q)  # one of two: not scored yet
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Choose 2 answers, then check.")
    assert "demo-multiple" not in (stored(page) or {"questions": {}})["questions"]

    choose(q, correct=False)
    check(q)  # one right, one wrong: wrong, as on the exam
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Incorrect. The correct answers are marked.")
    expect(q.locator(".dva-quiz__choice--right")).to_have_count(2)

    quiz.get_by_role("button", name="Retry the ones I missed").click()
    choose(q, correct=True, count=2)
    check(q)
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Correct.")
    assert stored(page)["questions"]["demo-multiple"]["correct"] is True


def test_choices_are_shuffled_per_attempt(page, site_url):
    open_quiz(page, site_url)
    orders = set()
    for _ in range(8):
        page.reload()
        page.wait_for_selector(".dva-quiz--js .dva-quiz__question")
        orders.add(
            tuple(
                question(page, "demo-multiple")
                .locator("[data-quiz-choice]")
                .evaluate_all("items => items.map(item => item.dataset.quizChoice)")
            )
        )
    assert len(orders) > 1, "5 choices came out in the same order 8 times"


# --- keyboard only ------------------------------------------------------------------------
def tab_to(page, selector: str, key: str = "Tab", limit: int = 30):
    """Press ``key`` until the focused element matches ``selector``."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"keyboard never reached {selector}")


def focused_is_correct(page) -> bool:
    """Whether the focused choice is a right one (the key comes from the question's file)."""
    choice = page.evaluate("() => document.activeElement.closest('[data-quiz-choice]').dataset.quizChoice")
    question = page.evaluate("() => document.activeElement.closest('[data-quiz-question]').dataset.quizQuestion")
    return question_key(page, site_address(page), question)[int(choice)]


def test_keyboard_only(page, site_url):
    quiz = open_quiz(page, site_url)
    page.locator("#q-demo-single .dva-quiz__permalink").focus()

    # radio group: Tab in, arrows move and select
    tab_to(page, "#q-demo-single input")
    page.keyboard.press("Space")
    while not focused_is_correct(page):
        page.keyboard.press("ArrowDown")
    tab_to(page, "#q-demo-single [data-quiz-action=check]")
    page.keyboard.press("Enter")
    expect(question(page, "demo-single").locator(".dva-quiz__feedback")).to_have_text("Correct.")
    assert page.evaluate("() => document.activeElement.matches('#q-demo-single [data-quiz-feedback]')"), (
        "focus moves on"
    )

    # checkboxes: Tab through, Space on the two right ones
    tab_to(page, "#q-demo-multiple input")
    for _ in range(5):
        if focused_is_correct(page):
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    tab_to(page, "#q-demo-multiple [data-quiz-action=check]")
    page.keyboard.press("Enter")
    expect(question(page, "demo-multiple").locator(".dva-quiz__feedback")).to_have_text("Correct.")

    # a wrong answer, then "Retry the ones I missed" by keyboard
    tab_to(page, "#q-demo-code input")
    page.keyboard.press("Space")
    while focused_is_correct(page):
        page.keyboard.press("ArrowDown")
    tab_to(page, "#q-demo-code [data-quiz-action=check]")
    page.keyboard.press("Enter")
    expect(quiz.locator("[data-quiz-score]")).to_have_text("2 of 4 correct (3 answered)")
    tab_to(page, "[data-quiz-action=retry]")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.matches('#q-demo-code input:not([disabled])')")
    expect(quiz.locator("[data-quiz-status]")).to_have_text("1 question to retry.")
    expect(quiz.locator("[data-quiz-score]")).to_have_text("2 of 4 correct (2 answered)")


# --- progress -------------------------------------------------------------------------------
def test_progress_survives_a_reload(page, site_url):
    open_quiz(page, site_url)
    choose(question(page, "demo-single"), correct=True)
    check(question(page, "demo-single"))
    choose(question(page, "demo-code"), correct=False)
    check(question(page, "demo-code"))

    page.reload()
    quiz = page.locator(".dva-quiz--js")
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (2 answered)")
    expect(question(page, "demo-single").locator(".dva-quiz__feedback")).to_have_text("Correct.")
    expect(question(page, "demo-code").locator(".dva-quiz__feedback")).to_have_text(
        "Incorrect. The correct answer is marked."
    )
    expect(question(page, "demo-code").locator(".dva-quiz__choice--wrong input")).to_be_checked()

    data = stored(page)
    assert data["version"] == 1
    entry = data["questions"]["demo-single"]
    assert entry["hash"] == question(page, "demo-single").get_attribute("data-quiz-hash")
    assert entry["correct"] is True and isinstance(entry["at"], int)
    assert entry["chosen"] == [0]  # index in the bank file, whatever the shuffled order


def test_reset_asks_first_clears_the_bank_and_can_be_undone(page, site_url):
    quiz = open_quiz(page, site_url)
    other = {"other-bank-question": {"hash": "abc", "correct": True, "chosen": [0], "at": 1}}
    page.evaluate("v => localStorage.setItem('dva-progress', JSON.stringify({version: 1, questions: v}))", other)
    choose(question(page, "demo-single"), correct=True)
    check(question(page, "demo-single"))
    answer = stored(page)["questions"]["demo-single"]

    # asks first; cancelling changes nothing
    reset_button = quiz.get_by_role("button", name="Reset…")
    expect(reset_button).to_have_class(re.compile("dva-button--danger"))
    reset_button.click()
    confirm = quiz.get_by_role(
        "group", name="Clear your answer to this quiz? You can undo it until you leave the page."
    )
    expect(confirm).to_be_visible()
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    expect(reset_button).to_be_focused()
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")

    reset(quiz)
    expect(quiz.locator("[data-quiz-score]")).to_have_text("0 of 4 correct (0 answered)")
    expect(quiz.locator("[data-quiz-status]")).to_have_text("Quiz reset.")
    expect(quiz.locator("input:checked")).to_have_count(0)
    expect(quiz.locator(".dva-quiz__question--checked")).to_have_count(0)
    expect(quiz.get_by_role("button", name="Undo")).to_be_focused()
    assert stored(page)["questions"] == other

    # undo, until the page is left
    quiz.get_by_role("button", name="Undo").click()
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
    expect(question(page, "demo-single").locator(".dva-quiz__feedback")).to_have_text("Correct.")
    assert stored(page)["questions"] == {**other, "demo-single": answer}
    expect(quiz.get_by_role("button", name="Undo")).to_be_hidden()

    reset(quiz)
    page.reload()
    expect(page.locator("[data-quiz-score]")).to_have_text("0 of 4 correct (0 answered)")
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()


def test_each_choice_explains_itself_once_and_the_box_keeps_the_rest(page, site_url):
    open_quiz(page, site_url)
    q = question(page, "demo-multiple")
    choose(q, correct=True, count=2)
    check(q)
    choices = q.locator("[data-quiz-choice]")
    expect(choices.locator(".dva-quiz__why")).to_have_count(choices.count())
    visible = q.locator(".dva-quiz__why").evaluate_all("nodes => nodes.filter(n => n.checkVisibility()).length")
    assert visible == choices.count(), "each choice's explanation is shown once"
    expect(q.locator(".dva-quiz__key")).to_be_hidden()
    expect(q.locator(".dva-quiz__tags")).to_be_hidden()
    answer = q.locator(".dva-quiz__answer")
    expect(answer.locator(".dva-quiz__explanation")).to_be_visible()
    expect(answer.get_by_role("link", name="Read the notes: Second topic")).to_be_visible()
    expect(answer.get_by_role("link", name=re.compile("^Report a problem"))).to_be_visible()
    check_button = question(page, "demo-single").get_by_role("button", name="Check")
    expect(check_button).to_have_class(re.compile("md-button--primary"))


def test_retry_clears_only_the_missed_questions(page, site_url):
    quiz = open_quiz(page, site_url)
    for qid, right, count in (("demo-single", True, 1), ("demo-multiple", False, 2), ("demo-code", False, 1)):
        choose(question(page, qid), correct=right, count=count)
        check(question(page, qid))
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (3 answered)")
    quiz.get_by_role("button", name="Retry the ones I missed").click()
    expect(quiz.locator("[data-quiz-status]")).to_have_text("2 questions to retry.")
    expect(quiz.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
    expect(question(page, "demo-single").locator(".dva-quiz__feedback")).to_have_text("Correct.")
    for qid in ("demo-multiple", "demo-code"):
        expect(question(page, qid).locator("input:enabled:not(:checked)")).to_have_count(
            question(page, qid).locator("input").count()
        )
    assert page.evaluate("() => document.activeElement.matches('#q-demo-multiple input')")
    expect(quiz.get_by_role("button", name="Retry the ones I missed")).to_be_disabled()


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "[1, 2, 3]",
        '{"version": 0, "questions": {"demo-single": {"hash": "x", "correct": true, "chosen": [0], "at": 1}}}',
        '{"version": 1, "questions": []}',
        '{"version": 1, "questions": {"demo-single": {"hash": "HASH", "correct": "yes", "chosen": [0]}}}',
        '{"version": 1, "questions": {"demo-single": {"hash": "HASH", "correct": true, "chosen": [9]}}}',
        '{"version": 1, "questions": {"demo-single": {"hash": "edited", "correct": true, "chosen": [0], "at": 1}}}',
    ],
    ids=["corrupt", "foreign", "old-version", "bad-questions", "bad-entry", "bad-index", "edited-question"],
)
def test_bad_or_stale_stored_data_is_ignored(page, site_url, value):
    open_quiz(page, site_url)
    hash_ = question(page, "demo-single").get_attribute("data-quiz-hash")
    page.evaluate("v => localStorage.setItem('dva-progress', v)", value.replace("HASH", hash_))
    page.reload()
    page.wait_for_selector(".dva-quiz--js")
    expect(page.locator("[data-quiz-score]")).to_have_text("0 of 4 correct (0 answered)")
    choose(question(page, "demo-single"), correct=True)
    check(question(page, "demo-single"))
    expect(page.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
    assert stored(page)["questions"]["demo-single"]["hash"] == hash_


def test_a_newer_storage_version_is_left_alone(page, site_url):
    open_quiz(page, site_url)
    newer = '{"version": 2, "anything": true}'
    page.evaluate("v => localStorage.setItem('dva-progress', v)", newer)
    page.reload()
    page.wait_for_selector(".dva-quiz--js")
    choose(question(page, "demo-single"), correct=True)
    check(question(page, "demo-single"))
    expect(page.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
    assert page.evaluate("() => localStorage.getItem('dva-progress')") == newer


def test_blocked_storage_still_works_for_the_session(browser, site_url):
    context = browser.new_context()
    # as with cookies blocked: touching localStorage throws
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('storage is blocked', 'SecurityError'); } });""")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    try:
        open_quiz(page, site_url)
        choose(question(page, "demo-single"), correct=True)
        check(question(page, "demo-single"))
        expect(page.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
        page.get_by_role("link", name="Other chapter").first.click()  # instant navigation keeps the session
        page.wait_for_url("**/other/")
        page.get_by_role("link", name="the quiz").click()
        page.wait_for_selector(".dva-quiz--js")
        expect(page.locator("[data-quiz-score]")).to_have_text("1 of 4 correct (1 answered)")
        # Material's own palette and search code do not catch the blocked storage; ours does
        assert [error for error in errors if "quiz.js" in error] == []
    finally:
        context.close()


# --- Material's instant navigation ------------------------------------------------------------
def test_works_after_instant_navigation_away_and_back(page, site_url):
    open_quiz(page, site_url)
    choose(question(page, "demo-single"), correct=True)
    check(question(page, "demo-single"))
    page.evaluate("() => { window.__sameDocument = true; }")

    page.get_by_role("link", name="Other chapter").first.click()
    page.wait_for_url("**/other/")
    page.get_by_role("link", name="the quiz").click()
    page.wait_for_url("**/quiz/#check-yourself")
    page.wait_for_selector(".dva-quiz--js")
    assert page.evaluate("() => window.__sameDocument === true"), "the navigation reloaded the page"

    expect(question(page, "demo-single").locator(".dva-quiz__feedback")).to_have_text("Correct.")
    q = question(page, "demo-code")
    choose(q, correct=True)
    check(q)
    expect(q.locator(".dva-quiz__feedback")).to_have_text("Correct.")
    expect(q.locator(".dva-quiz__note")).to_have_count(4)  # set up once, not once per visit
    expect(page.locator("[data-quiz-score]")).to_have_text("2 of 4 correct (2 answered)")


# --- without JavaScript, in print ----------------------------------------------------------------
def test_without_javascript_each_question_reads_with_its_answer(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "quiz/")
        expect(page.locator(".dva-quiz__summary")).to_be_hidden()
        page.get_by_role("link", name="Read them all with the answers").click()
        page.wait_for_url("**/questions/demo/")
        q = page.locator("#q-demo-multiple")
        expect(q.get_by_role("heading")).to_have_text("Question 2: choose 2")
        expect(q.locator("ol li")).to_have_count(5)
        answer = q.locator("details.dva-quiz__answer")
        expect(answer.locator(".dva-quiz__explanation")).to_be_hidden()
        answer.locator("summary").click()
        expect(answer.locator(".dva-quiz__explanation")).to_have_text(
            "Policies are JSON documents attached to users, groups and roles."
        )
        items = answer.locator(".dva-quiz__key-item")
        expect(items.nth(0)).to_contain_text("A: correct.")  # "They are JSON documents", choice A
        expect(items.nth(2)).to_contain_text("C: incorrect.")  # "They are written in XML"
        expect(answer.get_by_role("link", name="Read the notes: Second topic")).to_be_visible()
        answer.get_by_role("link", name="Read the notes: Second topic").click()
        page.wait_for_url("**/quiz/#second-topic")
    finally:
        context.close()


def test_print_of_a_question_sheet_shows_every_answer(page, site_url):
    page.goto(site_url + "questions/demo/")
    page.emulate_media(media="print")
    for qid in ("demo-single", "demo-multiple", "demo-code"):
        q = page.locator(f"#q-{qid}")
        expect(q.locator(".dva-quiz__key")).to_be_visible()
        expect(q.locator(".dva-quiz__key-item").first).to_be_visible()
        expect(q.locator(".dva-quiz__explanation")).to_be_visible()
        expect(q.locator("summary")).to_be_hidden()


def test_a_link_to_a_question_opens_its_page_of_the_quiz(page, site_url):
    page.goto(site_url + "quiz/#q-demo-code")
    q = question(page, "demo-code")
    expect(q).to_be_visible()
    expect(q.locator("legend")).to_have_text("Question 3 of 4")


# --- accessibility, injection ------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_quiz(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, site_url)
    axe = Axe()

    def violations():
        # Scoped to the quiz: Material's own header, search and progress bar have findings that
        # are not ours; so do the colours of its syntax highlighting in the dark palette.
        context = {"include": [[".dva-quiz"]], "exclude": [[".dva-quiz .highlight"]]}
        results = axe.run(page, context=context, options={"resultTypes": ["violations"]})
        return [
            (v["id"], [(n["target"], n.get("failureSummary", "")[-160:]) for n in v["nodes"]])
            for v in results.response["violations"]
        ]

    assert violations() == []
    choose(question(page, "demo-single"), correct=False)
    check(question(page, "demo-single"))
    choose(question(page, "demo-multiple"), correct=True, count=2)
    check(question(page, "demo-multiple"))
    assert violations() == []


def test_injected_markup_does_not_run(page, site_url):
    open_quiz(page, site_url)
    q = question(page, "demo-injection")
    choose(q, correct=True)
    check(q)
    for link in q.locator(".dva-quiz__note .dva-quiz__why span").all():
        link.click()
    q.locator("label").nth(0).hover()
    assert page.evaluate("() => window.__injected") is None
    assert page.locator(".dva-quiz [onerror], .dva-quiz [onclick], .dva-quiz script, .dva-quiz img").count() == 0
    expect(q.locator(".dva-quiz__prompt")).to_contain_text('<script>window.__injected = "script";</script>')


def test_question_index_and_files_are_served(page, site_url):
    data = page.request.get(site_url + "assets/quiz-index.json").json()
    assert [row[0] for row in data["questions"]][:2] == ["demo-single", "demo-multiple"]
    assert page.request.get(site_url + "assets/questions/demo-single.json").json()["id"] == "demo-single"
