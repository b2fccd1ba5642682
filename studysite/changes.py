"""'What changed' boxes: where the notes say something that is no longer true.

The notes stay as they were written; right after an outdated statement stands a box

    !!! changed "SQS messages can now be up to 1 MiB"
        The notes say 256 KB. Since August 2025 ...

        Source: [Amazon SQS message quotas](https://docs.aws.amazon.com/...), checked 2026-12-01.

This module finds the boxes in page sources (skipping code blocks), checks that each
names what is true and links an AWS page, gives each a stable anchor, and writes the
"What changed" page from them, so that nothing is typed twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studysite.markdown_text import fenced_lines

MARKER = "<!-- changes: list -->"
BOX = re.compile(r'^!!! changed(?: "(?P<title>[^"]*)")?\s*$')
ANY_CHANGED = re.compile(r"^(?:!!!|\?\?\?\+?) *changed\b")
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
AWS_URL = re.compile(r"^https://(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws)/")
ANCHOR_PREFIX = "changed-"


@dataclass(frozen=True)
class ChangeBox:
    """One box as written in a page: where, its title, its body and the AWS pages it cites."""

    page: str  # docs-relative path, e.g. sqs.md
    line: int
    title: str
    body: str
    sources: tuple[tuple[str, str], ...]  # (link text, url)

    @property
    def anchor(self) -> str:
        """``changed-`` and the title as a slug: stable while the title stays."""
        return ANCHOR_PREFIX + slug(self.title)


def slug(text: str) -> str:
    """Lowercase words joined by hyphens (letters and digits only)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


def find_boxes(page: str, text: str) -> tuple[list[ChangeBox], list[str]]:
    """The boxes of one page source and the problems with them, as ``docs/page:line: cause``."""
    lines = text.splitlines()
    boxes: list[ChangeBox] = []
    problems: list[str] = []
    code = [in_code for _, in_code in fenced_lines(lines)]
    index = 0
    while index < len(lines):
        line = lines[index]
        if code[index] or not ANY_CHANGED.match(line):
            index += 1
            continue
        start = index + 1
        where = f"docs/{page}:{start}"
        match = BOX.match(line)
        body_lines = []
        index += 1
        while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
            body_lines.append(lines[index][4:])
            index += 1
        body = "\n".join(body_lines).strip()
        if not match:
            problems.append(
                f"{where}: write a What-changed box as '!!! changed \"What is true today\"' "
                "(a quoted title, not collapsible), with its text indented by 4 spaces"
            )
            continue
        title = (match["title"] or "").strip()
        sources = tuple((m["text"], m["url"]) for m in LINK.finditer(body) if AWS_URL.match(m["url"]))
        if not title:
            problems.append(f'{where}: the box needs a title saying what is true today: !!! changed "..."')
        if not body:
            problems.append(f"{where}: the box is empty; say what the notes say and what is true today")
        elif not sources:
            problems.append(
                f"{where}: the box cites no AWS page; end it with 'Source: [page title](https://docs.aws.amazon.com/...)'"
            )
        if title and any(box.title == title for box in boxes):
            problems.append(f"{where}: another box on this page has the title '{title}'; titles must differ")
        boxes.append(ChangeBox(page, start, title, body, sources))
    return boxes, problems


def render_changes(boxes: list[ChangeBox], titles: dict[str, str], here: str) -> str:
    """The generated list: per chapter (in the order given), each box linked to its anchor, with its sources."""
    if not boxes:
        return "No statement of the notes is known to be outdated."
    out: list[str] = []
    current = None
    for box in boxes:
        if box.page != current:
            current = box.page
            out += ["", f"## {titles.get(box.page, box.page)}", ""]
        target = relative(box.page, here)
        cited = "; ".join(f"[{text}]({url})" for text, url in box.sources)
        out.append(f"* [{box.title}]({target}#{box.anchor}) (source: {cited})")
    return "\n".join(out).strip()


def relative(page: str, here: str) -> str:
    """A link from page ``here`` to ``page`` (both relative to docs/), as MkDocs resolves markdown links."""
    depth = here.count("/")
    return "../" * depth + page


OPENING = re.compile(r'<div class="admonition changed">')


def add_anchors(html: str, boxes: list[ChangeBox]) -> str:
    """Give each rendered box (in page order) the id of its box, so the list can link to it."""
    anchors = iter(box.anchor for box in boxes)

    def with_id(match: re.Match) -> str:
        anchor = next(anchors, None)
        return f'<div class="admonition changed" id="{anchor}">' if anchor else match.group(0)

    return OPENING.sub(with_id, html)
