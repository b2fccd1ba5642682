"""Remove figure-backlog entries whose slot has been filled.

Usage: python scripts/prune_backlog.py [docs/page.md ...]

An entry is removed when its page no longer refers to its image (the slot was
replaced by a table, code or diagram) or the image file now exists. With page
arguments, only those pages' entries are considered.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studysite.images import exact_case_exists, find_image_refs  # noqa: E402

BACKLOG = ROOT / "figures-backlog.yml"


def main(argv: list[str]) -> int:
    """Rewrite the backlog without the filled entries; print what was removed."""
    docs = ROOT / "docs"
    only = {Path(arg).resolve().relative_to(docs).as_posix() for arg in argv}
    lines = BACKLOG.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    entries: list[list[str]] = []
    for line in lines:
        if line.startswith("- "):
            entries.append([line])
        elif entries and line.startswith("  "):
            entries[-1].append(line)
    kept, removed = [], []
    refs_cache: dict[str, set[str]] = {}
    for entry in entries:
        page = entry[0].split(":", 1)[1].strip()
        image = entry[1].split(":", 1)[1].strip()
        if only and page not in only:
            kept.append(entry)
            continue
        if page not in refs_cache:
            text = (docs / page).read_text(encoding="utf-8") if (docs / page).exists() else ""
            refs_cache[page] = {ref.src for ref in find_image_refs(text)}
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), image))
        if image in refs_cache[page] and not exact_case_exists(docs, target):
            kept.append(entry)
        else:
            removed.append(f"{page}: {image}")
    BACKLOG.write_text("\n".join(header + [line for entry in kept for line in entry]) + "\n", encoding="utf-8")
    for item in removed:
        print(f"removed {item}")
    print(f"{len(kept)} backlog entries remain")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
