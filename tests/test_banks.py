"""The real quiz banks meet the content rules: counts, exam style, explanations, refs."""

from __future__ import annotations

import re

import pytest

from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT

# Minimum questions per chapter bank; the larger chapters need more.
MINIMUM = {bank: 12 for bank in ("introduction", "iam", "ec2", "rds-aurora-elasticache", "route53", "vpc",
                                 "cli-sdk", "cloudfront", "elastic-beanstalk")}  # fmt: skip
MINIMUM.update({bank: 20 for bank in ("elb-asg", "s3", "s3-advanced", "s3-security", "cloudformation",
                                      "containers", "sqs", "sns", "kinesis")})  # fmt: skip
CHOOSE = re.compile(r"\(Choose (two|three|four)\.\)\s*$")
WORDS = {"two": 2, "three": 3, "four": 4}


@pytest.fixture(scope="module")
def banks():
    banks, problems = load_banks(ROOT / "quizzes")
    assert problems == []
    return {bank.id: bank for bank in banks}


def questions(banks):
    return [question for bank in banks.values() for question in bank.questions]


def test_every_chapter_has_a_bank_with_enough_questions(banks):
    chapters = {p.stem for p in (ROOT / "docs").glob("*.md")} - {"index", "glossary", "coverage", "exam", "progress"}
    assert set(banks) == chapters
    short = {bank: len(banks[bank].questions) for bank in MINIMUM if len(banks[bank].questions) < MINIMUM[bank]}
    assert short == {}
    assert len(questions(banks)) >= 300


def test_at_least_a_quarter_are_multiple_response(banks):
    all_questions = questions(banks)
    assert sum(q.multiple for q in all_questions) / len(all_questions) >= 0.25


def test_exam_style_choice_counts(banks):
    wrong = []
    for q in questions(banks):
        if q.multiple:
            if not (len(q.choices) >= 5 and 2 <= q.correct_count <= 3):
                wrong.append(f"{q.id}: multiple response needs 5+ choices with 2-3 correct")
        elif len(q.choices) != 4:
            wrong.append(f"{q.id}: single answer needs exactly 4 choices")
    assert wrong == []


def test_choose_n_in_the_prompt_matches_the_key(banks):
    wrong = []
    for q in questions(banks):
        match = CHOOSE.search(q.prompt.strip())
        said = WORDS[match.group(1)] if match else 1
        if said != q.correct_count:
            wrong.append(f"{q.id}: prompt says {said}, key has {q.correct_count}")
    assert wrong == []


def test_every_choice_is_explained(banks):
    missing = [f"{q.id}[{i}]" for q in questions(banks) for i, c in enumerate(q.choices) if not c.explanation]
    assert missing == []


def test_no_all_or_none_of_the_above(banks):
    lazy = [
        q.id for q in questions(banks) for c in q.choices if re.search(r"\b(all|none) of the above\b", c.text, re.I)
    ]
    assert lazy == []


def test_refs_point_into_their_own_chapter(banks):
    elsewhere = [f"{q.id}: {q.ref}" for b in banks.values() for q in b.questions if not q.ref.startswith(f"{b.id}.md#")]
    assert elsewhere == []


def test_the_notes_own_qa_pairs_are_quiz_questions(banks):
    ids = {q.id for q in questions(banks)}
    for expected in (
        "cloudformation-resource-ordering",
        "cloudformation-cross-stack-security-group",
        "cloudformation-rollback-complete",
        "cloudformation-update-stack",
        "kinesis-provisioned-throughput-exceeded",
        "kinesis-streams-firehose-transform",
    ):
        assert expected in ids
