"""'What changed' boxes (studysite/changes.py, hooks/changes.py) and the page generated from them."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from studysite.changes import find_boxes
from tests.conftest import ROOT

SOURCE = "Source: [Amazon SQS quotas](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/quotas.html)."
BOX = f"""Text of the notes.

!!! changed "Messages can be up to 1 MiB"
    The notes say 256 KB. Since August 2025 messages can be up to 1 MiB.

    {SOURCE}

More notes.
"""


def test_a_box_is_found_with_its_line_title_and_source():
    boxes, problems = find_boxes("sqs.md", BOX)
    assert problems == []
    [box] = boxes
    assert (box.line, box.title, box.anchor) == (
        3,
        "Messages can be up to 1 MiB",
        "changed-messages-can-be-up-to-1-mib",
    )
    assert box.sources == (
        ("Amazon SQS quotas", "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/quotas.html"),
    )


def test_a_box_without_an_aws_source_is_refused_with_its_line():
    _, problems = find_boxes("sqs.md", BOX.replace(SOURCE, "Source: a blog post."))
    assert problems == [
        "docs/sqs.md:3: the box cites no AWS page; end it with 'Source: [page title](https://docs.aws.amazon.com/...)'"
    ]


def test_a_box_without_a_title_or_text_is_refused():
    _, problems = find_boxes("sqs.md", "!!! changed\n\nAfter.\n")
    assert problems == [
        'docs/sqs.md:1: the box needs a title saying what is true today: !!! changed "..."',
        "docs/sqs.md:1: the box is empty; say what the notes say and what is true today",
    ]


def test_a_collapsible_box_is_refused_with_the_form_to_use():
    _, problems = find_boxes("sqs.md", BOX.replace("!!! changed", "??? changed"))
    assert problems == [
        "docs/sqs.md:3: write a What-changed box as '!!! changed \"What is true today\"' "
        "(a quoted title, not collapsible), with its text indented by 4 spaces"
    ]


def test_two_boxes_of_one_page_need_different_titles():
    _, problems = find_boxes("sqs.md", BOX + "\n" + BOX)
    assert problems == [
        "docs/sqs.md:12: another box on this page has the title 'Messages can be up to 1 MiB'; titles must differ"
    ]


def test_a_box_shown_inside_a_code_block_is_only_an_example():
    boxes, problems = find_boxes("guide.md", "```markdown\n" + BOX + "```\n")
    assert (boxes, problems) == ([], [])


def test_the_changes_page_lists_every_box_of_the_site_and_links_to_it(built_site):
    boxes_in_sources = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = path.relative_to(ROOT / "docs").as_posix()
        found, problems = find_boxes(page, path.read_text(encoding="utf-8"))
        assert problems == []
        boxes_in_sources += found
    rendered = {}
    for html in built_site.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("div.admonition.changed"):
            url = html.parent.relative_to(built_site).as_posix()
            title = " ".join(box.select_one(".admonition-title").get_text().split())
            rendered[(url, box["id"])] = title
    listing = BeautifulSoup((built_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {}
    for link in listing.select("article li > a[href*='#changed-']"):
        target, anchor = link["href"].split("#")
        url = target.strip("./").removesuffix("/")
        listed[(url, anchor)] = " ".join(link.get_text().split())  # a term's <abbr> may be on one side only
    assert len(rendered) == len(boxes_in_sources)
    assert listed == rendered


# The outdated statements the review of the notes found (issue "Questions that test knowledge,
# not test-taking"): each must have its box, on its page, with an AWS source.
REQUIRED_BOXES = {
    ("sqs.md", r"1 MiB"),
    ("s3.md", r"50 TB"),
    ("kinesis.md", r"enhanced fan-out"),
    ("cloudformation.md", r"CAPABILITY_AUTO_EXPAND"),
    ("cloudformation.md", r"DeletionPolicy"),
    ("cloudformation.md", r"Fn::If"),
    ("sns.md", r"FCM"),
    ("cli-sdk.md", r"IMDSv2"),
    ("cli-sdk.md", r"default Region"),
    ("route53.md", r"[Gg]eoproximity"),
    ("iam.md", r"[Ii]nline policies"),
    ("iam.md", r"federation"),
    ("containers.md", r"Copilot"),
    ("s3-security.md", r"Object Lambda"),
}


def test_every_known_outdated_statement_has_its_box_with_an_aws_source():
    boxes = {}
    for page, _ in REQUIRED_BOXES:
        found, problems = find_boxes(page, (ROOT / "docs" / page).read_text(encoding="utf-8"))
        assert problems == []
        boxes[page] = found
    missing = [
        (page, pattern)
        for page, pattern in sorted(REQUIRED_BOXES)
        if not any(re.search(pattern, box.title) and box.sources for box in boxes[page])
    ]
    assert missing == []
