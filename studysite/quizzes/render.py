"""A checked bank as HTML (through ``overrides/partials/quiz.html``) and as index data.

The template receives plain values and ready-made HTML snippets (``markupsafe.Markup``,
rendered by ``safe_markdown``); it escapes everything else itself, since MkDocs' Jinja
environment does not autoescape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from studysite.quizzes.model import DOMAINS, TASKS, Bank, Question
from studysite.quizzes.model import Path as DataPath
from studysite.quizzes.safe_markdown import unwrap_paragraph

TEMPLATE = "partials/quiz.html"


def bank_snippets(bank: Bank) -> list[tuple[DataPath, str]]:
    """Every markdown text of a bank, with where it is in the file."""
    snippets: list[tuple[DataPath, str]] = []
    if bank.description:
        snippets.append((("description",), bank.description))
    for question in bank.questions:
        here = ("questions", question.index)
        snippets.append(((*here, "prompt"), question.prompt))
        for number, choice in enumerate(question.choices):
            snippets.append(((*here, "choices", number, "text"), choice.text))
            if choice.explanation:
                snippets.append(((*here, "choices", number, "explanation"), choice.explanation))
        snippets.append(((*here, "explanation"), question.explanation))
    return snippets


@dataclass(frozen=True)
class RefLink:
    """Where a question's ``ref`` leads, as seen from the page the quiz is on."""

    url: str
    title: str


def question_view(
    question: Question,
    html: Mapping[DataPath, str],
    ref: RefLink,
    report_url: str | None,
) -> dict:
    """The values ``quiz.html`` shows for one question."""
    here = ("questions", question.index)
    choices = [
        {
            "html": Markup(unwrap_paragraph(html[(*here, "choices", number, "text")])),
            "correct": choice.correct,
            "explanation": Markup(html[(*here, "choices", number, "explanation")]) if choice.explanation else None,
        }
        for number, choice in enumerate(question.choices)
    ]
    return {
        "id": question.id,
        "hash": question.content_hash,
        "domain": question.domain,
        "domain_name": DOMAINS[question.domain],
        "task": question.task,
        "task_name": TASKS.get(question.task or ""),
        "multiple": question.multiple,
        "correct_count": question.correct_count,
        "prompt": Markup(html[(*here, "prompt")]),
        "choices": choices,
        "explanation": Markup(html[(*here, "explanation")]),
        "ref_url": ref.url,
        "ref_title": ref.title,
        "report_url": report_url,
    }


def quiz_view(
    bank: Bank,
    html: Mapping[DataPath, str],
    refs: Mapping[str, RefLink],
    report_url: Callable[[Question], str | None] = lambda question: None,
) -> dict:
    """The values ``quiz.html`` shows for a bank; ``refs`` maps question id -> link."""
    description = html.get(("description",))
    return {
        "id": bank.id,
        "title": bank.title,
        "description": Markup(description) if description else None,
        "questions": [question_view(q, html, refs[q.id], report_url(q)) for q in bank.questions],
    }


def render_quiz(template, view: dict) -> str:
    """The quiz's HTML from a Jinja template object and ``quiz_view`` values."""
    return template.render(quiz=view).strip()


def index_entries(view: dict, bank: Bank, page_url: str, chapter: str) -> list[dict]:
    """The questions of a placed bank for ``assets/quiz-index.json``.

    HTML is as rendered on the quiz's page, so relative links in it (and ``ref``) are
    relative to ``page`` (a URL relative to the site root); ``chapter`` is that page's
    title and ``ref_title`` the heading ``ref`` leads to.
    """
    return [
        {
            "id": q["id"],
            "bank": bank.id,
            "chapter": chapter,
            "page": page_url,
            "anchor": f"q-{q['id']}",
            "domain": q["domain"],
            "task": q["task"],
            "hash": q["hash"],
            "multiple": q["multiple"],
            "prompt": str(q["prompt"]),
            "choices": [
                {
                    "html": str(c["html"]),
                    "correct": c["correct"],
                    "explanation": c["explanation"] and str(c["explanation"]),
                }
                for c in q["choices"]
            ],
            "explanation": str(q["explanation"]),
            "ref": q["ref_url"],
            "ref_title": q["ref_title"],
        }
        for q in view["questions"]
    ]
