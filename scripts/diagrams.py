"""``make diagrams``: draw every new or changed Mermaid diagram to SVG, delete unused SVG files.

The build does the same for a missing diagram when a browser is at hand; this is the
explicit way, and the one the build's message names. Run it after editing a diagram,
then commit the files it writes under ``diagrams/``. ``--check`` only reports.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from studysite.diagram_renderer import RendererUnavailable  # noqa: E402
from studysite.diagrams import (  # noqa: E402
    CACHE_DIR,
    diagram_problems,
    find_diagrams,
    is_rendered,
    render_missing,
    theme_fingerprint,
    unused_files,
)


def site_config(root: Path):
    """docs_dir, pages and palettes, by MkDocs' own rules."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(root / "mkdocs.yml"))
    pages = [file.src_uri for file in get_files(config).documentation_pages()]
    palettes = config["theme"]["palette"]
    return Path(config["docs_dir"]), pages, palettes if isinstance(palettes, list) else [palettes]


def main(argv: list[str] | None = None) -> int:
    """Render what is missing (unless --check), prune unused files, print what is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip("`"))
    parser.add_argument("--check", action="store_true", help="report only; render and delete nothing")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    docs_dir, pages, palettes = site_config(root)
    theme, cache = theme_fingerprint(palettes), root / CACHE_DIR
    diagrams = [d for page in pages for d in find_diagrams(page, (docs_dir / page).read_text(encoding="utf-8"))]
    errors: dict[str, str] = {}
    missing = [d for d in diagrams if not is_rendered(cache, d.key(theme))]
    if missing and not args.check:
        try:
            errors = render_missing(missing, cache, theme, palettes)
        except RendererUnavailable as error:
            print(f"make diagrams: {error}", file=sys.stderr)
            return 1
        print(f"rendered {len({d.key(theme) for d in missing}) - len(errors)} diagram(s) into {CACHE_DIR}/")
    unused = unused_files(cache, {d.key(theme) for d in diagrams})
    if not args.check:
        for line in unused:
            (root / line.split(":", 1)[0]).unlink()
        if unused:
            print(f"deleted {len(unused)} unused file(s) from {CACHE_DIR}/")
        unused = []
    problems = diagram_problems(diagrams, cache, theme, errors) + unused
    for problem in dict.fromkeys(problems):
        print(problem)
    print(f"{len(diagrams)} diagrams, {len(dict.fromkeys(problems))} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
