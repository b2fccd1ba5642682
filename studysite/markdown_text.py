"""Markdown source as lines: which lines are code, where the front matter ends.

The image check, the quiz markers and the section anchors all scan page sources
and must skip the same code blocks; this is the one place that knows how.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)", re.S)


def fenced_lines(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line with whether it belongs to a fenced code block (the fences included).

    A block closes on a line of the opening character, at least as long as the
    opening fence, and nothing else (CommonMark's rule).
    """
    fence: str | None = None
    for line in lines:
        if fence is None:
            opening = FENCE_OPEN.match(line)
            if opening:
                fence = opening["fence"]
            yield line, fence is not None
            continue
        stripped = line.strip()
        if stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = None
        yield line, True


def front_matter_lines(lines: list[str]) -> int:
    """How many lines the YAML front matter (``---`` ... ``---``) takes at the top; 0 if none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return index + 1
    return 0
