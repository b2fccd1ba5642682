"""The quizzes on the real site: every bank placed, the IAM chapter's quiz, accessibility."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT, question_key


def test_every_bank_is_on_the_site_with_all_its_questions(built_site):
    banks, problems = load_banks(ROOT / "quizzes")
    assert problems == []
    index = json.loads((built_site / "assets" / "quiz-index.json").read_text(encoding="utf-8"))
    assert sorted(row[0] for row in index["questions"]) == sorted(q.id for b in banks for q in b.questions)
    assert sorted(path.stem for path in (built_site / "assets" / "questions").glob("*.json")) == sorted(
        q.id for b in banks for q in b.questions
    )


def test_the_iam_chapter_ends_with_its_quiz(built_site):
    page = (built_site / "iam" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    manifest = re.search(r'data-quiz-questions="([^"]*)"', article).group(1)
    assert len([item for item in manifest.split() if item.startswith("iam-")]) >= 10
    tail = article[article.index('id="check-yourself"') :]
    assert tail.index('<section class="dva-quiz" id="quiz-iam"') < 300
    after = tail[tail.index("</section>") :]
    assert not re.search(r"<h[1-6]|<p>", after), "the quiz must be the last thing in the chapter"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_iam_quiz(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "iam/")
    page.wait_for_selector(".dva-quiz--js")
    first = page.locator("[data-quiz-question]").first
    wrong = question_key(page, site_url, first.get_attribute("data-quiz-question")).index(False)
    first.locator(f'[data-quiz-choice="{wrong}"] label').click()
    first.get_by_role("button", name="Check").click()
    expect(first.locator(".dva-quiz__feedback")).to_contain_text("Incorrect")
    # Scoped to the quiz (Material's header, search and code colours have findings of their own)
    context = {"include": [[".dva-quiz"]], "exclude": [[".dva-quiz .highlight"]]}
    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]] == []


@pytest.mark.browser
def test_a_long_bank_shows_ten_questions_at_a_time_and_scores_them_all(page, site_url):
    page.goto(site_url + "dynamodb/")
    quiz = page.locator(".dva-quiz")
    questions = quiz.locator("[data-quiz-question]")
    expect(questions).to_have_count(10)
    total = len(quiz.get_attribute("data-quiz-questions").split())
    assert total > 20
    expect(quiz.locator(".dva-quiz__range")).to_have_text(f"Questions 1–10 of {total}")
    expect(quiz.get_by_role("button", name="Previous 10")).to_be_disabled()
    quiz.get_by_role("button", name="Next 10").click()
    expect(quiz.locator(".dva-quiz__range")).to_have_text(f"Questions 11–20 of {total}")
    expect(quiz.locator(".dva-quiz__range")).to_be_focused()
    expect(questions.first.locator("legend")).to_contain_text(f"Question 11 of {total}")
    first = questions.first
    key = question_key(page, site_url, first.get_attribute("data-quiz-question"))
    rights = [number for number, right in enumerate(key) if right]
    for number in [key.index(False), *rights[1:]]:  # as many as asked for, one of them wrong
        first.locator(f'[data-quiz-choice="{number}"] label').click()
    first.get_by_role("button", name="Check").click()
    expect(first.locator(".dva-quiz__feedback")).to_contain_text("Incorrect")
    expect(quiz.locator("[data-quiz-score]")).to_have_text(f"0 of {total} correct (1 answered)")
    # the answer is there on the way back, and "Retry the ones I missed" finds it on its page
    quiz.get_by_role("button", name="Previous 10").click()
    expect(quiz.locator(".dva-quiz__range")).to_have_text(f"Questions 1–10 of {total}")
    quiz.get_by_role("button", name="Retry the ones I missed").click()
    expect(quiz.locator(".dva-quiz__range")).to_have_text(f"Questions 11–20 of {total}")
    expect(questions.first.locator("input:enabled")).to_have_count(questions.first.locator("input").count())
