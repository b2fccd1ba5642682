"""The settings the exam simulator reads from its page (``docs/exam.md``).

The simulator (``docs/assets/javascripts/exam.js``) takes every exam fact from its
mount point's ``data-exam-settings`` attribute, so the facts keep living in one place:
``extra.exam`` in mkdocs.yml (length, time, score scale) and ``data/exam-guide.yml``
(domain names and weights). The questions come from ``assets/quiz-index.json``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping

from studysite.coverage import Domain

# Shorter practice exams offered next to the full length; their time is proportional.
PRACTICE_LENGTHS = (10, 20)
# The extra time AWS Certification grants as an accommodation (to candidates whose first
# language is not English, on request before scheduling); extra.exam.extension_minutes
# overrides it.
EXTENSION_MINUTES = 30
EXAM_KEYS = ("questions", "scored_questions", "minutes", "passing_score", "min_score", "max_score")


class ExamSettingsError(ValueError):
    """``extra.exam`` or the domains cannot make a working exam; the message says why."""


def exam_settings(exam: Mapping, domains: Iterable[Domain]) -> dict:
    """The simulator's settings from ``extra.exam`` and the exam guide's domains."""
    missing = [key for key in EXAM_KEYS if not isinstance(exam.get(key), int)]
    if missing:
        raise ExamSettingsError(f"mkdocs.yml: extra.exam.{missing[0]}: expected a whole number")
    domains = sorted(domains, key=lambda domain: domain.number)
    if not domains or sum(domain.weight for domain in domains) != 100:
        raise ExamSettingsError("data/exam-guide.yml: domains: the weights must add up to 100")
    extension = exam.get("extension_minutes", EXTENSION_MINUTES)
    if not isinstance(extension, int) or extension < 1:
        raise ExamSettingsError("mkdocs.yml: extra.exam.extension_minutes: expected a whole number of minutes")
    full = exam["questions"]
    return {
        **{key: exam[key] for key in EXAM_KEYS},
        "extension_minutes": extension,
        "lengths": [length for length in PRACTICE_LENGTHS if length < full] + [full],
        "domains": [{"number": d.number, "name": d.name, "weight": d.weight} for d in domains],
    }


def settings_attribute(settings: dict) -> str:
    """The settings as the value of a double-quoted HTML attribute."""
    return html.escape(json.dumps(settings, ensure_ascii=False, separators=(",", ":")), quote=True)
