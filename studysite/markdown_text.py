"""Markdown source as lines: which lines are code, where the front matter ends.

The image check, the quiz markers and the section anchors all scan page sources
and must skip the same code blocks; this is the one place that knows how.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)", re.S)


def fenced_lines(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line with whether it belongs to a fenced code block (the fences included).

    A block closes on a line of the opening character, at least as long as the
    opening fence, and nothing else (CommonMark's rule; see ``fenced_blocks``).
    """
    lines = list(lines)
    in_code = [False] * len(lines)
    for block in fenced_blocks(lines):
        in_code[block.start : block.end + 1] = [True] * (block.end + 1 - block.start)
    yield from zip(lines, in_code, strict=True)


@dataclass(frozen=True)
class FencedBlock:
    """One fenced code block: 0-based lines of its fences, its indentation, info string and body."""

    start: int
    end: int  # the closing fence, or the last line when the block is never closed
    indent: str
    info: str
    body: list[str]

    @property
    def language(self) -> str:
        """The first word of the info string, lowercased (``yaml`` for ```` ```yaml title="x" ````)."""
        return self.info.split()[0].lower() if self.info.split() else ""


def fenced_blocks(lines: list[str]) -> Iterator[FencedBlock]:
    """Every top-level fenced block (a longer fence holds shorter ones as text)."""
    start = fence = None
    for number, line in enumerate(lines):
        if fence is None:
            opening = FENCE_OPEN.match(line)
            if opening:
                start, fence = number, opening["fence"]
            continue
        stripped = line.strip()
        if stripped.startswith(fence) and not stripped.strip(fence[0]):
            yield _block(lines, start, number, fence)
            fence = None
    if fence is not None:
        yield _block(lines, start, len(lines) - 1, fence, closed=False)


def _block(lines: list[str], start: int, end: int, fence: str, closed: bool = True) -> FencedBlock:
    indent = FENCE_OPEN.match(lines[start])["indent"]
    inner = lines[start + 1 : end if closed else end + 1]
    body = [text[len(indent) :] if text.startswith(indent) else text.lstrip() for text in inner]
    return FencedBlock(start, end, indent, lines[start].strip()[len(fence) :].strip(), body)


def front_matter_lines(lines: list[str]) -> int:
    """How many lines the YAML front matter (``---`` ... ``---``) takes at the top; 0 if none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return index + 1
    return 0
