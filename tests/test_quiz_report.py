"""make quiz-report: counts per bank, and flags questions whose ref section lacks the key terms."""

from __future__ import annotations

import io
import textwrap

from studysite.quiz_report import report

BANK = """
id: demo
title: Demo
questions:
  - id: demo-supported
    domain: 1
    ref: demo.md#queues
    prompt: Which service decouples producers from consumers with a queue?
    choices:
      - {text: "Amazon SQS", correct: true, explanation: A queue.}
      - {text: "Amazon Route 53", correct: false, explanation: DNS.}
      - {text: "Amazon EBS", correct: false, explanation: Block storage.}
      - {text: "Amazon EFS", correct: false, explanation: File storage.}
    explanation: SQS is a queue.
  - id: demo-unsupported
    domain: 4
    ref: demo.md#queues
    prompt: Which tool traces requests? (Choose two.)
    choices:
      - {text: "AWS X-Ray", correct: true, explanation: Traces.}
      - {text: "Amazon CloudWatch ServiceLens", correct: true, explanation: Traces too.}
      - {text: "Amazon EBS", correct: false, explanation: Storage.}
      - {text: "Amazon Route 53", correct: false, explanation: DNS.}
      - {text: "Amazon VPC", correct: false, explanation: Networks.}
    explanation: X-Ray traces requests.
"""


def test_report_counts_and_flags(tmp_path):
    quizzes, docs = tmp_path / "quizzes", tmp_path / "docs"
    quizzes.mkdir()
    docs.mkdir()
    from tests.conftest import ROOT

    (quizzes / "schema.json").write_text((ROOT / "quizzes" / "schema.json").read_text())
    (quizzes / "demo.yml").write_text(textwrap.dedent(BANK))
    (docs / "demo.md").write_text("# Demo\n\n## Queues\n* Amazon SQS keeps messages until consumers read them\n")
    out = io.StringIO()
    assert report(quizzes, docs, out) == 0
    text = out.getvalue()
    assert "demo                        2     1    50%  D1:1 D2:0 D3:0 D4:1" in text
    assert "demo-unsupported: ref demo.md#queues lacks aws, cloudwatch, servicelens, x-ray" in text
    assert "demo-supported" not in text
