"""Quiz markers in pages: ``<!-- quiz: ec2 -->`` on a line of its own places bank ``ec2``.

Markers inside code blocks and code spans are examples, not markers, so pages (like the
authors' guide) can show the syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studysite.markdown_text import CODE_SPAN, fenced_lines

MARKER = re.compile(r"<!--\s*quiz:(?P<bank>.*?)-->")


@dataclass(frozen=True)
class Marker:
    """One marker in a page's text: the bank it names and where it is (1-based)."""

    bank: str
    line: int
    column: int
    start: int
    end: int
    alone: bool  # nothing else on its line


def find_markers(text: str) -> list[Marker]:
    """Every quiz marker outside code, in order.

    A lean scan (it runs on every page of every build): code spans are looked for only
    on lines that hold a marker.
    """
    if "quiz:" not in text:
        return []
    markers = []
    offset = 0
    lines = fenced_lines(text.splitlines(keepends=True))
    for number, (line, fenced) in enumerate(lines, start=1):
        start, offset = offset, offset + len(line)
        if fenced:
            continue
        if "quiz:" not in line:
            continue
        spans = [m.span() for m in CODE_SPAN.finditer(line)]
        for match in MARKER.finditer(line):
            if any(low <= match.start() < high for low, high in spans):
                continue
            alone = not line[: match.start()].strip() and not line[match.end() :].strip()
            markers.append(
                Marker(
                    match["bank"].strip(), number, match.start() + 1, start + match.start(), start + match.end(), alone
                )
            )
    return markers


def source_markers(source: str, markdown: str) -> list[Marker]:
    """The markers of ``markdown`` with line numbers of the page file ``source``.

    MkDocs hands hooks the page without its front matter; messages must count the
    lines of the file as the author sees it.
    """
    in_markdown = find_markers(markdown)
    if source.endswith(markdown):  # front matter removed, nothing else changed
        offset = source[: len(source) - len(markdown)].count("\n")
        return [Marker(m.bank, m.line + offset, m.column, m.start, m.end, m.alone) for m in in_markdown]
    in_source = find_markers(source)
    if len(in_source) == len(in_markdown):
        return [
            Marker(m.bank, s.line, s.column, m.start, m.end, m.alone)
            for m, s in zip(in_markdown, in_source, strict=True)
        ]
    offset = max(source.count("\n") - markdown.count("\n"), 0)
    return [Marker(m.bank, m.line + offset, m.column, m.start, m.end, m.alone) for m in in_markdown]


def replace_markers(markdown: str, markers: list[Marker], tokens: list[str]) -> str:
    """Put each token in its own paragraph where its marker was."""
    pieces, last = [], 0
    for marker, token in zip(markers, tokens, strict=True):
        line_start = markdown.rfind("\n", 0, marker.start) + 1
        indent = markdown[line_start : marker.start] if marker.alone else ""
        pieces += [markdown[last : marker.start], f"\n\n{indent}{token}\n\n"]
        last = marker.end
    pieces.append(markdown[last:])
    return "".join(pieces)
