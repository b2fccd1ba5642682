"""Markdown slips that silently change a page's structure under Python-Markdown.

GitHub's renderer forgives both; this site's does not, and the page then shows a list
as part of a paragraph, or a nested list flattened, without any error. Each slip is
reported as ``docs/x.md:LINE: cause; fix``, by the build and by ``make check``.

- ``list-after-paragraph``: a list that starts right under a paragraph line (no blank
  line between) is swallowed into the paragraph.
- ``nesting-indent``: a nested list item indented by anything but a multiple of 4
  spaces is not nested (Python-Markdown nests at 4).
- ``empty-table-header``: a table column without a header leaves its cells unnamed for
  screen readers (the site's accessibility scan fails on it).
"""

from __future__ import annotations

import re

from studysite.markdown_text import fenced_lines, front_matter_lines

LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[*+-]|\d+[.)])[ \t]+\S")
OPENER = re.compile(r"^\s*(?:#{1,6}\s|!!!|\?\?\?)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
INLINE_CODE = re.compile(r"`[^`]*`")
NOT_PARAGRAPH = re.compile(r"^\s*(?:#|\||<|>|!!!|\?\?\?|\[\^|\*\[|[-*_]{3,}\s*$|=+\s*$|\[[^\]]+\]:)")


def find_slips(page: str, text: str) -> list[str]:
    """Every slip of one page source, as ``docs/page:LINE: cause``."""
    lines = text.splitlines()
    skip = front_matter_lines(lines)
    code = [in_code for _, in_code in fenced_lines(lines)]
    problems: list[str] = []
    block_start: int | None = None  # first line of the current run of non-blank lines
    for number, line in enumerate(lines):
        if number < skip or code[number]:
            block_start = None
            continue
        if not line.strip():
            block_start = None
            continue
        if OPENER.match(line):  # a heading or an admonition's first line: what follows starts afresh
            block_start = None
            continue
        if block_start is None:
            block_start = number
        if "|" in line and number + 1 < len(lines) and not code[number + 1] and TABLE_RULE.match(lines[number + 1]):
            cells = re.split(r"(?<!\\)\|", INLINE_CODE.sub("code", line.strip()).strip("|"))
            if any(not cell.strip() for cell in cells):
                problems.append(
                    f"docs/{page}:{number + 1}: a column of this table has no header, so screen readers cannot "
                    "name its cells; give every column a header (for example 'Question' or 'Feature')"
                )
        item = LIST_ITEM.match(line)
        if not item:
            continue
        where = f"docs/{page}:{number + 1}"
        indent = len(item["indent"].expandtabs(4))
        if indent % 4:
            problems.append(
                f"{where}: this list item is indented by {indent} spaces, so it is not nested as it looks; "
                f"nest lists by 4 spaces per level (indent it by {4 * round(indent / 4) or 4})"
            )
        first = lines[block_start]
        first_indent = len(first) - len(first.lstrip(" "))
        if (
            number > block_start
            and not LIST_ITEM.match(first)
            and not NOT_PARAGRAPH.match(first)
            and indent == first_indent
            and all(not LIST_ITEM.match(lines[n]) for n in range(block_start, number))
        ):
            problems.append(
                f"{where}: this list follows a paragraph without a blank line, so it is shown as part of "
                "the paragraph; add a blank line before the list"
            )
    return problems
