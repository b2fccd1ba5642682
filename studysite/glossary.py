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
