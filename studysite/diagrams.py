"""Mermaid diagrams drawn before the reader arrives: static SVG files, one per palette.

A contributor writes a ```` ```mermaid ```` block as usual. The build swaps it for two
same-origin images, ``<key>.light.svg#only-light`` and ``<key>.dark.svg#only-dark``
(Material shows the one that matches the reader's palette), so no page loads Mermaid.

The SVG files live in ``diagrams/`` at the top of the repository, committed, named by a
key: a hash of the diagram's source, the Mermaid version, Material's version, the
site's palettes and this renderer's settings. A changed diagram has a new key, so a
missing file means "not rendered yet": the build renders it itself when a browser is
at hand (``studysite.diagram_renderer``), and otherwise stops with the page, the line
and the command that renders it (``make diagrams``). Files no page uses are reported.

Everything here is plain text and paths; only the renderer needs a browser.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from studysite.markdown_text import fenced_blocks, front_matter_lines

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = "diagrams"
SITE_DIR = "assets/diagrams"
INLINE_LIMIT = 6_000  # gzipped bytes: a first diagram up to this size travels inside its page
MERMAID_DIR = ROOT / "vendor" / "mermaid"
# Bump when the renderer's settings or post-processing change: every key changes with it.
RENDERER_VERSION = "3"
SCHEMES = ("light", "dark")
ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*(?P<text>.+?)\s*$", re.M)
ACC_DESCR = re.compile(r"^\s*accDescr\s*:\s*(?P<text>.+?)\s*$", re.M)
# lines that start something other than a paragraph: the lead-in sentence stops there
BLOCK_START = re.compile(r"^\s*(?:[*+-]\s|\d+[.)]\s|#|\||```|~~~|!!!|\?\?\?|>|<)")
INLINE_MARKUP = re.compile(r"`([^`]*)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\([^)]*\)")


@dataclass(frozen=True)
class Diagram:
    """One mermaid block of a page: where it is, what it says, and what it is called."""

    page: str  # docs-relative path
    line: int  # 1-based line of the opening fence
    end: int  # 1-based line of the closing fence
    indent: str
    source: str
    name: str | None  # accessible name: accTitle (and accDescr), else the lead-in sentence

    def key(self, theme: str) -> str:
        """The file name stem of this diagram's SVG files for ``theme`` (see ``theme_fingerprint``)."""
        content = json.dumps([self.source.strip(), theme], separators=(",", ":"))
        return hashlib.sha256(content.encode("utf-8")).hexdigest()[:20]


def mermaid_script() -> Path:
    """The pinned Mermaid copy (its version is in its file name)."""
    found = sorted(MERMAID_DIR.glob("mermaid-*.min.js"))
    if not found:
        raise FileNotFoundError(f"{MERMAID_DIR}/mermaid-<version>.min.js is missing; diagrams are drawn with it")
    return found[-1]


def theme_fingerprint(palettes: list[dict]) -> str:
    """Everything besides the source that changes a rendered diagram."""
    import material

    version = getattr(material, "__version__", "") or _material_version()
    chosen = [{k: p.get(k) for k in ("scheme", "primary", "accent")} for p in palettes if p.get("scheme")]
    return json.dumps([mermaid_script().name, version, chosen, RENDERER_VERSION], separators=(",", ":"))


def _material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def _plain(text: str) -> str:
    text = INLINE_MARKUP.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    return " ".join(text.split()).rstrip(":").strip()


def find_diagrams(page: str, text: str) -> list[Diagram]:
    """Every mermaid block of a page source, with its accessible name (None when it has none)."""
    lines = text.splitlines()
    skip = front_matter_lines(lines)
    return [
        Diagram(page, block.start + 1, block.end + 1, block.indent, source, _name(source, lines, block.start))
        for block in fenced_blocks(lines)
        if block.language == "mermaid" and block.start >= skip
        for source in ["\n".join(block.body).strip("\n") + "\n"]
    ]


def _name(source: str, lines: list[str], start: int) -> str | None:
    title = ACC_TITLE.search(source)
    if title:
        description = ACC_DESCR.search(source)
        return title["text"] + (f": {description['text']}" if description else "")
    index = start - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    lead = []
    while index >= 0 and lines[index].strip() and not BLOCK_START.match(lines[index]):
        lead.insert(0, lines[index].strip())
        index -= 1
    return _plain(" ".join(lead)) or None


def svg_paths(cache_dir: Path, key: str) -> dict[str, Path]:
    """The files of one diagram: ``{"light": ..., "dark": ...}``."""
    return {scheme: cache_dir / f"{key}.{scheme}.svg" for scheme in SCHEMES}


def is_rendered(cache_dir: Path, key: str) -> bool:
    """True when both palette versions of a diagram are in the cache directory."""
    return all(path.is_file() for path in svg_paths(cache_dir, key).values())


def size_of(svg: str) -> tuple[int, int]:
    """Width and height of a rendered SVG (from its root attributes)."""
    width = re.search(r'<svg[^>]*\swidth="(\d+)"', svg)
    height = re.search(r'<svg[^>]*\sheight="(\d+)"', svg)
    return (int(width.group(1)) if width else 0, int(height.group(1)) if height else 0)


def image_markdown(diagram: Diagram, key: str, cache_dir: Path, first: bool = False) -> str:
    """The two images (light and dark) that stand for a diagram, as markdown with attributes.

    Diagrams load lazily, except the light image of the page's first diagram: it is often the
    largest thing on the first screen, and a phone should paint it with the page's text. That
    one travels inside the page as a ``data:`` URL (usually 3 KB gzipped; a larger one stays a
    file fetched first), so it is there at the first paint instead of waiting for a request
    behind the page's scripts. The dark image stays a lazy file: the default palette is light,
    and a hidden lazy image is never fetched.
    """
    paths = svg_paths(cache_dir, key)
    light = paths["light"].read_text(encoding="utf-8")
    width, height = size_of(light)
    prefix = "../" * diagram.page.count("/")
    alt = (diagram.name or "Diagram").replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    images = []
    for scheme, only in (("light", "only-light"), ("dark", "only-dark")):
        if first and scheme == "light" and len(gzip.compress(light.encode())) <= INLINE_LIMIT:
            src, loading = f"{data_url(light)}#{only}", ""
        elif first and scheme == "light":
            src, loading = f"{prefix}{SITE_DIR}/{key}.{scheme}.svg#{only}", 'fetchpriority="high"'
        else:
            src, loading = f"{prefix}{SITE_DIR}/{key}.{scheme}.svg#{only}", 'loading="lazy" decoding="async"'
        attrs = f'{{ .dva-diagram width="{width}" height="{height}" {loading} }}'.replace("  ", " ")
        images.append(f"![{alt}]({src}){attrs}")
    return diagram.indent + " ".join(images)


def data_url(svg: str) -> str:
    """An SVG as a ``data:`` URL, escaped only where a URL or markdown needs it (gzips well)."""
    return "data:image/svg+xml," + quote(" ".join(svg.split()), safe="=:/;,.'!*@$&+?~-_")


def error_markdown(diagram: Diagram, message: str) -> str:
    """What stands in the page for a diagram that cannot be shown: the problem, where the reader sees it."""
    body = message.replace("\n", " ")
    return f'{diagram.indent}!!! failure "This diagram cannot be shown"\n{diagram.indent}    {body}'


def replace_diagrams(
    text: str, diagrams: list[Diagram], keys: list[str], cache_dir: Path, errors: dict[str, str] | None = None
) -> str:
    """The page source with each mermaid block replaced by its images, or by its problem (line count kept)."""
    lines = text.splitlines()
    errors = errors or {}
    first = min(
        (d.line for d, k in zip(diagrams, keys, strict=True) if k not in errors and is_rendered(cache_dir, k)),
        default=0,
    )
    for diagram, key in sorted(zip(diagrams, keys, strict=True), key=lambda pair: -pair[0].line):
        if key in errors or not is_rendered(cache_dir, key):
            shown = error_markdown(diagram, errors.get(key, f"No SVG yet: run `make diagrams` ({key})."))
            replacement = shown.split("\n")
            replacement += [""] * max(0, diagram.end - diagram.line + 1 - len(replacement))
            lines[diagram.line - 1 : diagram.end] = replacement
            continue
        replacement = [image_markdown(diagram, key, cache_dir, first=diagram.line == first)]
        replacement += [""] * (diagram.end - diagram.line)  # keep later line numbers where they were
        lines[diagram.line - 1 : diagram.end] = replacement
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def diagram_problems(
    diagrams: list[Diagram], cache_dir: Path, theme: str, errors: dict[str, str] | None = None
) -> list[str]:
    """Every problem as ``docs/page:LINE: cause``: no accessible name, does not parse, no SVG yet."""
    errors = errors or {}
    problems = []
    for diagram in diagrams:
        where, key = f"docs/{diagram.page}:{diagram.line}", diagram.key(theme)
        if not diagram.name:
            problems.append(
                f"{where}: the diagram has no accessible name; start it with 'accTitle: <what it shows>' "
                "(and 'accDescr: ...'), or put a sentence saying what it shows right before it"
            )
        if key in errors:
            problems.append(f"{where}: {errors[key]}")
        elif not is_rendered(cache_dir, key):
            problems.append(
                f"{where}: the diagram is new or changed and has no SVG yet; run `make diagrams` "
                f"(it writes {CACHE_DIR}/{key}.light.svg and .dark.svg; commit them)"
            )
    return problems


def render_missing(diagrams: list[Diagram], cache_dir: Path, theme: str, palettes: list[dict]) -> dict[str, str]:
    """Draw the diagrams that have no SVG yet into ``cache_dir``; Mermaid's message by key for the rest.

    Raises ``RendererUnavailable`` when there is no browser to draw with.
    """
    from studysite.diagram_renderer import render

    missing = {d.key(theme): d for d in diagrams if not is_rendered(cache_dir, d.key(theme))}
    if not missing:
        return {}
    results = render(((key, d.source) for key, d in missing.items()), palettes)
    errors = {}
    cache_dir.mkdir(exist_ok=True)
    for key, result in results.items():
        if result.error:
            errors[key] = "the Mermaid diagram does not parse: " + " ".join(result.error.split())
            continue
        for scheme, path in svg_paths(cache_dir, key).items():
            path.write_text(result.svgs[scheme], encoding="utf-8")
    return errors


def unused_files(cache_dir: Path, keys: set[str]) -> list[str]:
    """SVG files of the cache no diagram uses any more (after a diagram changed or was removed)."""
    if not cache_dir.is_dir():
        return []
    return sorted(
        f"{CACHE_DIR}/{path.name}: no diagram uses this file any more; `make diagrams` deletes it"
        for path in cache_dir.glob("*.svg")
        if path.name.split(".", 1)[0] not in keys
    )
