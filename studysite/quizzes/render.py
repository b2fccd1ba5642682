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
SHEET_TEMPLATE = "partials/quiz-sheet.html"


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
    sheet_url: str = "",
) -> dict:
    """The values ``quiz.html`` shows for a bank; ``refs`` maps question id -> link.

    The page carries only the frame and the list of questions ("manifest": id, hash and
    number of choices of each); ``questions`` feed the per-question JSON records.
    """
    description = html.get(("description",))
    questions = [question_view(q, html, refs[q.id], report_url(q)) for q in bank.questions]
    return {
        "id": bank.id,
        "title": bank.title,
        "description": Markup(description) if description else None,
        "questions": questions,
        "manifest": " ".join(f"{q['id']}:{q['hash']}:{len(q['choices'])}" for q in questions),
        "total": len(questions),
        "sheet_url": sheet_url,
    }


@dataclass(frozen=True)
class SheetLink:
    """The previous or next question sheet: its URL and the numbers of its questions ("41–80")."""

    url: str
    span: str


def sheet_view(
    bank: Bank,
    questions: list[dict],
    first: int,
    quiz_url: str,
    previous: SheetLink | None = None,
    following: SheetLink | None = None,
) -> dict:
    """The values ``quiz-sheet.html`` shows: ``questions`` (from ``question_view``) numbered from ``first``."""
    return {
        "title": bank.title,
        "first": first,
        "last": first + len(questions) - 1,
        "total": len(bank.questions),
        "quiz_url": quiz_url,
        "questions": questions,
        "previous_url": previous.url if previous else None,
        "previous_range": previous.span if previous else "",
        "next_url": following.url if following else None,
        "next_range": following.span if following else "",
    }


def render_quiz(template, view: dict) -> str:
    """The quiz's HTML from a Jinja template object and ``quiz_view`` values."""
    return template.render(quiz=view).strip()


def question_records(view: dict, bank: Bank, page_url: str, chapter: str) -> list[dict]:
    """Each question of a placed bank as its own JSON record (``assets/questions/<id>.json``).

    The chapter quiz, the exam and the practice pages fetch these when they show a
    question. HTML is as rendered for the quiz's page, so relative links in it (and
    ``ref``) are relative to ``page`` (a URL relative to the site root); ``chapter`` is
    that page's title and ``ref_title`` the heading ``ref`` leads to.
    """
    return [
        {
            "id": q["id"],
            "bank": bank.id,
            "chapter": chapter,
            "page": page_url,
            "anchor": f"q-{q['id']}",
            "domain": q["domain"],
            "domain_name": q["domain_name"],
            "task": q["task"],
            "task_name": q["task_name"],
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
            "report": q["report_url"],
        }
        for q in view["questions"]
    ]


# The slim question index (assets/quiz-index.json): one row per question, in this order.
INDEX_FIELDS = ("id", "hash", "chapter", "domain", "task", "choices", "right", "section")


def index_row(record: dict, chapter_number: int, section_number: int) -> list:
    """A question's row of the slim index; the numbers point into its "chapters" and "sections" lists."""
    return [
        record["id"],
        record["hash"],
        chapter_number,
        record["domain"],
        record["task"],
        len(record["choices"]),
        sum(1 for choice in record["choices"] if choice["correct"]),
        section_number,
    ]
