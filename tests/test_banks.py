"""The real quiz banks: enough questions per chapter, and the rules of the checker hold.

The exam-style rules themselves (choice counts, "Choose N", explanations, refs, answer
cues, scenarios) live in ``studysite.quizzes.rules`` and are tested in test_rules.py;
the ``banks`` fixture fails when any real bank breaks one.
"""

from __future__ import annotations

import pytest

from studysite.quizzes.cues import LONGEST_SHARE, MEAN_RATIO, TOP_N_SHARE, CueStats, bank_cues
from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT

# Minimum questions per chapter bank; the larger chapters need more.
MINIMUM = {bank: 12 for bank in ("introduction", "iam", "ec2", "rds-aurora-elasticache", "route53", "vpc",
                                 "cli-sdk", "cloudfront", "elastic-beanstalk")}  # fmt: skip
MINIMUM.update({bank: 20 for bank in ("elb-asg", "s3", "s3-advanced", "s3-security", "cloudformation",
                                      "containers", "sqs", "sns", "kinesis")})  # fmt: skip
NOT_CHAPTERS = {"index", "glossary", "coverage", "exam", "practice", "progress", "changes"}


@pytest.fixture(scope="module")
def banks():
    banks, problems = load_banks(ROOT / "quizzes")
    assert [str(problem) for problem in problems] == []
    return {bank.id: bank for bank in banks}


def questions(banks):
    return [question for bank in banks.values() for question in bank.questions]


def test_every_chapter_has_a_bank_with_enough_questions(banks):
    chapters = {p.stem for p in (ROOT / "docs").glob("*.md")} - NOT_CHAPTERS
    assert set(banks) == chapters
    short = {bank: len(banks[bank].questions) for bank in MINIMUM if len(banks[bank].questions) < MINIMUM[bank]}
    assert short == {}
    assert len(questions(banks)) >= 300


def test_at_least_a_quarter_are_multiple_response(banks):
    all_questions = questions(banks)
    assert sum(q.multiple for q in all_questions) / len(all_questions) >= 0.25


def test_answer_cues_over_all_banks_stay_within_the_limits(banks):
    # Each bank is held to the limits by the checker (tests/test_rules.py); pooled, too.
    total = sum((bank_cues(bank) for bank in banks.values()), CueStats())
    assert total.longest_share <= LONGEST_SHARE, total.summary()
    assert total.top_n_share <= TOP_N_SHARE, total.summary()
    assert abs(total.mean_ratio - 1) <= MEAN_RATIO, total.summary()


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
