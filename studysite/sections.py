"""Sections of a notes page, keyed by the anchor MkDocs gives each heading.

Anchors are computed the way the ``toc`` extension does it (same slugify, same
``_1``, ``_2`` suffixes for repeated headings), from the markdown source, so
tools can resolve ``page.md#anchor`` without building the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from studysite.markdown_text import fenced_lines, front_matter_lines

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
ABBREVIATION_LINE = re.compile(r"^\*\[[^\]]+\]:")


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or a higher level."""

    anchor: str
    title: str
    level: int
    line: int
    text: str


def heading_plain_text(markup: str) -> str:
    """Heading text as the toc extension sees it: inline code and emphasis markers removed."""
    text = re.sub(r"`([^`]*)`", r"\1", markup)
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def page_sections(path: Path) -> list[Section]:
    """Every heading of a page with its section text, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    headings: list[tuple[int, int, str]] = []  # (line index, level, title)
    body_start = front_matter_lines(lines)
    for index, (line, fenced) in enumerate(fenced_lines(lines[body_start:]), start=body_start):
        heading = None if fenced else HEADING.match(line)
        if heading:
            headings.append((index, len(heading.group(1)), heading.group(2)))
    used: set[str] = set()
    sections = []
    for position, (index, level, title) in enumerate(headings):
        end = len(lines)
        for later_index, later_level, _ in headings[position + 1 :]:
            if later_level <= level:
                end = later_index
                break
        plain = heading_plain_text(title)
        anchor = unique(slugify(plain, "-"), used)
        body = [line for line in lines[index + 1 : end] if not ABBREVIATION_LINE.match(line)]
        sections.append(Section(anchor, plain, level, index + 1, "\n".join(body)))
    return sections


def section_for(docs_dir: Path, ref: str) -> Section | None:
    """The section a ``page.md#anchor`` reference points to, or None."""
    page, _, anchor = ref.partition("#")
    path = docs_dir / page
    if not path.is_file():
        return None
    return next((section for section in page_sections(path) if section.anchor == anchor), None)
