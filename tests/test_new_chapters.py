"""Chapters written for this site beyond the original notes: sourced, dated, and with full banks.

These chapters have no original to be faithful to, so every fact must lead back to AWS:
a closing Sources section of AWS pages, the date the limits were checked, and no section
that states a size, a duration or a rate without linking the AWS page it comes from.
"""

from __future__ import annotations

import re

import pytest
import yaml

from studysite.pages import nav_paths
from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT
from tests.test_structure import NEW_SECTIONS, _PermissiveLoader

# Chapter -> the least number of questions its bank must have (the issues' counts).
NEW_CHAPTERS = {
    "lambda": 40,
    "api-gateway": 30,
    "dynamodb": 40,
    "step-functions": 20,
    "eventbridge": 20,
    "appsync-amplify": 20,
    "cognito": 25,
    "secrets": 35,
    "sam": 25,
    "cdk": 20,
    "cicd": 40,
    "monitoring": 40,
    "analytics": 14,
}
# AWS's own pages: its documentation (Amplify's has its own site), its site and blogs, its
# Knowledge Center articles, its repositories. Not community answers.
AWS_PAGE = re.compile(
    r"https://(docs\.aws\.amazon\.com|aws\.amazon\.com|docs\.amplify\.aws|repost\.aws/knowledge-center"
    r"|github\.com/(aws|awsdocs)/)"
)
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
NUMBER = re.compile(
    r"\b\d[\d,.]*\s?(?:KB|MB|GB|TB|KiB|MiB|GiB|ms|seconds?|minutes?|hours?|days?|%|RPS|TPS|requests|items|years?)\b"
)


@pytest.fixture(scope="module")
def banks():
    banks, _ = load_banks(ROOT / "quizzes")
    return {bank.id: bank for bank in banks}


def page_text(chapter: str) -> str:
    return (ROOT / "docs" / f"{chapter}.md").read_text(encoding="utf-8")


def test_every_new_chapter_is_in_a_new_nav_group():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    grouped = {
        path.removesuffix(".md")
        for item in config["nav"]
        for section, pages in item.items()
        if section in NEW_SECTIONS
        for path in nav_paths(pages)
    }
    assert grouped == set(NEW_CHAPTERS)


@pytest.mark.parametrize("chapter", sorted(NEW_CHAPTERS))
def test_new_chapter_bank_meets_its_counts(chapter, banks):
    questions = banks[chapter].questions
    assert len(questions) >= NEW_CHAPTERS[chapter]
    assert sum(q.multiple for q in questions) / len(questions) >= 0.25
    assert all(q.task for q in questions), "every question names its task statement"


@pytest.mark.parametrize("chapter", sorted(NEW_CHAPTERS))
def test_new_chapter_ends_with_aws_sources_and_says_when_it_was_checked(chapter):
    text = page_text(chapter)
    assert "\n## Sources\n" in text
    sources = LINK.findall(text.split("\n## Sources\n", 1)[1])
    assert len(sources) >= 10
    assert [url for url in sources if not AWS_PAGE.match(url)] == []
    assert re.search(r"as of \d{4}-\d{2}-\d{2}", text), "state once when the limits were checked"


@pytest.mark.parametrize("chapter", sorted(NEW_CHAPTERS))
def test_every_section_with_a_number_links_its_aws_page(chapter):
    body = page_text(chapter).split("\n## Check yourself", 1)[0]
    unsourced = []
    for section in re.split(r"\n(?=#{2,4} )", body):
        prose = re.sub(r"```.*?```", "", section, flags=re.S)
        number = NUMBER.search(prose)
        if number and not any(AWS_PAGE.match(url) for url in LINK.findall(section)):
            unsourced.append(f"{section.splitlines()[0]!r}: {number.group(0)!r}")
    assert unsourced == []
