"""The glossary: abbreviation definitions in Python-Markdown ``abbr`` syntax."""

from __future__ import annotations

import re
from pathlib import Path

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


def load_glossary(path: Path) -> list[tuple[str, str]]:
    """Return ``(term, meaning)`` pairs from ``*[TERM]: meaning`` lines, sorted by term."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DEFINITION.match(line)
        if match:
            pairs.append((match["term"], match["meaning"]))
    return sorted(pairs, key=lambda pair: pair[0].lower())


ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def first_uses_only(html: str) -> str:
    """The page with only the first ``<abbr>`` of each term in its article; later uses become their text."""
    start = html.find("<article")
    end = html.rfind("</article>")
    if start < 0 or end < start:
        return html
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return html[:start] + ABBR.sub(keep_first, html[start:end]) + html[end:]
