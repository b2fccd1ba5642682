"""The exam-guide coverage page: counts come from the banks; bad data fails with file:line."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup

from studysite.coverage import check_against_banks, load_exam_guide
from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT

GUIDE = """
domains:
  - number: 1
    name: Development with AWS Services
    weight: 60
    tasks:
      "1.1": Develop code
  - number: 2
    name: Security
    weight: 40
    tasks:
      "2.1": Authentication
services:
  Compute:
    Amazon EC2: [ec2.md#ec2]
    AWS Lambda: []
"""


def write_guide(tmp_path: Path, text: str = GUIDE) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "ec2.md").write_text("# EC2 page\n\n## EC2\n\nText.\n", encoding="utf-8")
    path = tmp_path / "exam-guide.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_good_guide_loads_with_titles(tmp_path):
    guide, problems = load_exam_guide(write_guide(tmp_path), "data/exam-guide.yml", tmp_path / "docs")
    assert problems == []
    assert [d.number for d in guide.domains] == [1, 2]
    assert guide.titles["ec2.md#ec2"] == "EC2 page: EC2"
    assert [(s.name, s.notes) for s in guide.services] == [("Amazon EC2", ("ec2.md#ec2",)), ("AWS Lambda", ())]


def test_missing_page_is_reported_with_line_and_column(tmp_path):
    path = write_guide(tmp_path, GUIDE.replace("[ec2.md#ec2]", "[lambda.md#lambda]"))
    _, problems = load_exam_guide(path, "data/exam-guide.yml", tmp_path / "docs")
    assert [str(p) for p in problems] == [
        "data/exam-guide.yml:14:18: services.Compute.Amazon EC2[0]: page 'lambda.md' does not exist in docs/"
    ]


def test_missing_anchor_is_reported_with_line_and_column(tmp_path):
    path = write_guide(tmp_path, GUIDE.replace("[ec2.md#ec2]", "[ec2.md#ebs]"))
    _, problems = load_exam_guide(path, "data/exam-guide.yml", tmp_path / "docs")
    assert [str(p) for p in problems] == [
        "data/exam-guide.yml:14:18: services.Compute.Amazon EC2[0]: 'ec2.md' has no heading with anchor '#ebs'"
    ]


def test_weights_must_add_up_to_100(tmp_path):
    path = write_guide(tmp_path, GUIDE.replace("weight: 40", "weight: 30"))
    _, problems = load_exam_guide(path, "data/exam-guide.yml", tmp_path / "docs")
    assert [str(p) for p in problems] == ["data/exam-guide.yml:2:3: domains: the weights add up to 90, expected 100"]


def test_domain_no_bank_uses_is_reported(tmp_path):
    path = write_guide(tmp_path)
    guide, _ = load_exam_guide(path, "data/exam-guide.yml", tmp_path / "docs")
    banks, _ = load_banks(ROOT / "quizzes")
    only_domain_1 = [replace(b, questions=tuple(q for q in b.questions if q.domain == 1)) for b in banks]
    problems = check_against_banks(guide, only_domain_1, "data/exam-guide.yml")
    unknown_task = re.compile(r"quizzes/[\w-]+\.yml:\d+:\d+: questions\[\d+\]\.task: task '1\.3' is not in data/")
    assert any(unknown_task.match(str(p)) for p in problems)
    assert [str(p) for p in problems if p.file == "data/exam-guide.yml"] == [
        "data/exam-guide.yml:7:13: domains[1].number: no quiz question is tagged domain 2"
    ]


def test_real_guide_is_valid():
    guide, problems = load_exam_guide(ROOT / "data" / "exam-guide.yml", "data/exam-guide.yml", ROOT / "docs")
    assert problems == []
    assert sum(d.weight for d in guide.domains) == 100
    assert len(guide.services) > 50


def test_page_counts_equal_the_banks(built_site):
    banks, problems = load_banks(ROOT / "quizzes")
    assert problems == []
    questions = [q for bank in banks for q in bank.questions]
    soup = BeautifulSoup((built_site / "coverage" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert f"The quiz banks hold {len(questions)} questions in {len(banks)} chapters" in text
    domain_rows = soup.select("article table")[0].select("tbody tr")
    shown = {int(row.td.get_text().split()[0]): int(row.find_all("td")[2].get_text()) for row in domain_rows}
    assert shown == dict(Counter(q.domain for q in questions))
    tasks = Counter(q.task for q in questions if q.task)
    for row in soup.select("article table tr"):
        cells = [td.get_text(" ").strip() for td in row.find_all("td")]
        if len(cells) == 2 and re.match(r"^\d\.\d ", cells[0]):
            expected = tasks.get(cells[0].split()[0], 0)
            assert cells[1] == (str(expected) if expected else "none yet"), cells


def test_home_page_links_the_coverage_page(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('article a[href^="coverage/"]'), "the home page must link to the coverage page"


def test_the_site_covers_every_service_and_every_task_in_proportion():
    guide, problems = load_exam_guide(ROOT / "data" / "exam-guide.yml", "data/exam-guide.yml", ROOT / "docs")
    assert problems == []
    assert [service.name for service in guide.services if not service.notes] == []
    banks, _ = load_banks(ROOT / "quizzes")
    questions = [question for bank in banks for question in bank.questions]
    by_domain = Counter(question.domain for question in questions)
    shares = {domain.number: round(100 * by_domain[domain.number] / len(questions), 1) for domain in guide.domains}
    # each domain's share of the questions within 4 points of its weight on the exam
    assert {d.number: abs(shares[d.number] - d.weight) <= 4 for d in guide.domains} == {
        1: True,
        2: True,
        3: True,
        4: True,
    }
    by_task = Counter(question.task for question in questions)
    assert {task: by_task[task] for d in guide.domains for task in d.tasks if by_task[task] < 8} == {}
    # a full exam draws every domain from its own questions: enough for its share of 65
    assert all(by_domain[d.number] >= round(65 * d.weight / 100) for d in guide.domains)
