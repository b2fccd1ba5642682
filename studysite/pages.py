"""Reading the notes pages as files: front matter, title, and the nav order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class PageInfo:
    """What the home page shows of a chapter."""

    path: str
    title: str
    description: str


def read_page_info(docs_dir: Path, path: str) -> PageInfo:
    """Title (first ``# `` heading) and front-matter description of one page."""
    text = (docs_dir / path).read_text(encoding="utf-8")
    meta = {}
    match = FRONT_MATTER.match(text)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        text = text[match.end() :]
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path)
    return PageInfo(path=path, title=title, description=str(meta.get("description", "")))


def nav_paths(nav: list) -> list[str]:
    """Every markdown path in a MkDocs ``nav`` setting, in order."""
    paths: list[str] = []
    for item in nav or []:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths.extend(nav_paths(value) if isinstance(value, list) else [value])
    return paths
