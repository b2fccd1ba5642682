"""Image references in the notes: find them with line numbers and check them.

Everything here works on text and paths, so it runs without MkDocs: the build
hook (``hooks/images.py``), ``make check`` and the tests call the same functions.

A reference is checked for:
- a file that exists under ``docs/``, with the exact letter case;
- a path relative to the page that stays inside ``docs/`` (no ``/...``, no host);
- alt text that says something (not empty, not a file name such as ``img.png``);
- for an SVG: no script, event handler, ``foreignObject`` or outside reference, and no
  opaque white background unless it is the light half of a light/dark pair (``studysite.svg``).
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from studysite.markdown_text import CODE_SPAN, fenced_lines
from studysite.svg import svg_findings

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"}
INLINE_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?P<src><[^>]*>|[^\s)]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\](?:\[(?P<ref>[^\]]*)\])?(?![(\[:])")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]]+)\]:[ \t]*<?(?P<src>[^\s>]+)>?", re.M)
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
HTML_ATTR = re.compile(r"(?P<name>[\w:-]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))")
MEANINGLESS_ALT = {"image", "img", "picture", "pic", "figure", "fig", "screenshot", "diagram", "photo", "alt"}


@dataclass(frozen=True)
class ImageRef:
    """One image reference in a page: where it is and what it says."""

    line: int
    src: str
    alt: str | None
    start: int
    end: int
    syntax: str  # "markdown" or "html"


@dataclass
class ImageReport:
    """The outcome of checking every page: errors stop the build, warnings fail it under --strict."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def blank_code(text: str) -> str:
    """Replace fenced blocks and code spans by spaces, keeping every offset and line."""
    blanked = "".join(
        _spaces(line) if fenced else line for line, fenced in fenced_lines(text.splitlines(keepends=True))
    )
    return CODE_SPAN.sub(lambda m: _spaces(m.group(0)), blanked)


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def find_image_refs(text: str) -> list[ImageRef]:
    """Every image reference in markdown text, in order, with 1-based line numbers."""
    scan = blank_code(text)
    refs: list[ImageRef] = []
    taken: list[tuple[int, int]] = []

    def line_of(offset: int) -> int:
        return scan.count("\n", 0, offset) + 1

    for match in INLINE_IMAGE.finditer(scan):
        src = match["src"].strip("<>")
        refs.append(ImageRef(line_of(match.start()), src, match["alt"], match.start(), match.end(), "markdown"))
        taken.append(match.span())

    definitions = {m["ref"].strip().lower(): m["src"] for m in REFERENCE_DEFINITION.finditer(scan)}
    for match in REFERENCE_IMAGE.finditer(scan):
        if any(start <= match.start() < end for start, end in taken):
            continue
        label = (match["ref"] or match["alt"]).strip().lower()
        src = definitions.get(label)
        if src is None:
            continue  # not an image reference after all (for example "![x]" in prose)
        refs.append(ImageRef(line_of(match.start()), src, match["alt"], match.start(), match.end(), "markdown"))

    for match in HTML_IMG.finditer(scan):
        attrs = {
            a["name"].lower(): next(v for v in (a["dq"], a["sq"], a["bare"]) if v is not None)
            for a in HTML_ATTR.finditer(match["attrs"])
        }
        refs.append(
            ImageRef(line_of(match.start()), attrs.get("src", ""), attrs.get("alt"), match.start(), match.end(), "html")
        )
    return sorted(refs, key=lambda ref: ref.start)


def image_files(docs_dir: Path) -> list[str]:
    """Image files under ``docs/`` (theme assets excluded), as POSIX paths relative to it."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not (root == str(docs_dir) and d == "assets"))
        for name in sorted(files):
            if Path(name).suffix.lower() in IMAGE_SUFFIXES:
                found.append(Path(root, name).relative_to(docs_dir).as_posix())
    return found


def exact_case_exists(docs_dir: Path, relative: str) -> bool:
    """True only if every component of ``relative`` exists with this exact case."""
    current = docs_dir
    for part in relative.split("/"):
        try:
            names = os.listdir(current)
        except (FileNotFoundError, NotADirectoryError):
            return False
        if part not in names:
            return False
        current = current / part
    return current.is_file()


def alt_problem(alt: str | None) -> str | None:
    """Why an alt text says nothing to a reader, or None if it is fine."""
    if alt is None:
        return "has no alt text; describe what the figure shows"
    text = alt.strip()
    if not text:
        return "has empty alt text; describe what the figure shows"
    if text.lower() in MEANINGLESS_ALT or Path(text).suffix.lower() in IMAGE_SUFFIXES:
        return f"has alt text '{text}', which says nothing about the figure; describe what it shows"
    return None


def check_page(
    docs_dir: Path,
    page: str,
    text: str,
    shown_as: str,
    all_images: list[str],
) -> tuple[list[str], set[str]]:
    """Check one page's images. Returns (errors, referenced files)."""
    errors: list[str] = []
    referenced: set[str] = set()
    page_dir = posixpath.dirname(page)
    for ref in find_image_refs(text):
        where = f"{shown_as}:{ref.line}"
        src = ref.src
        problem = alt_problem(ref.alt)
        if problem:
            errors.append(f"{where}: image '{src}' {problem}")
        if not src:
            errors.append(f"{where}: <img> has no src")
            continue
        if re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.I):
            errors.append(
                f"{where}: image '{src}' is not a file of this site; save it under docs/images/ "
                "and link it relatively (pages must not load anything from other hosts)"
            )
            continue
        if src.startswith("/"):
            errors.append(
                f"{where}: image '{src}' is an absolute path; use a path relative to the page, "
                f"such as '{posixpath.relpath('images/' + posixpath.basename(src), page_dir or '.')}'"
            )
            continue
        path = unquote(src.split("#", 1)[0].split("?", 1)[0])
        target = posixpath.normpath(posixpath.join(page_dir, path))
        if target == ".." or target.startswith("../"):
            errors.append(f"{where}: image '{src}' points outside docs/; keep images under docs/images/")
            continue
        if exact_case_exists(docs_dir, target):
            referenced.add(target)
            if target.endswith(".svg"):
                errors += svg_errors(docs_dir / target, src, where)
            continue
        same_but_case = [f for f in all_images if f.lower() == target.lower()]
        if same_but_case:
            actual = posixpath.relpath(same_but_case[0], page_dir or ".")
            errors.append(
                f"{where}: image '{src}' not found: the file is '{actual}' (letter case differs, "
                "which breaks on case-sensitive servers)"
            )
            referenced.add(same_but_case[0])
            continue
        message = f"{where}: image '{src}' not found"
        close = closest_image(target, all_images)
        if close:
            message += f" (did you mean '{posixpath.relpath(close, page_dir or '.')}'?)"
        errors.append(message)
    return errors, referenced


def svg_errors(path: Path, src: str, where: str) -> list[str]:
    """An SVG that could run code or contact another host; one that glares in dark mode."""
    unsafe, white = svg_findings(path)
    errors = [f"{where}: image '{src}' {cause}" for cause in unsafe]
    if white and not src.endswith("#only-light"):
        errors.append(
            f"{where}: image '{src}' has an opaque white background, which glares on the dark palette; "
            "make the background transparent, or pair it with a dark version: "
            "'x-light.svg#only-light' and 'x-dark.svg#only-dark'"
        )
    return errors


def closest_image(target: str, all_images: list[str]) -> str | None:
    """The existing image a mistyped path most likely meant, judged by file stem."""
    stem = posixpath.splitext(posixpath.basename(target))[0].lower()
    best, best_score = None, 0.0
    for image in all_images:
        other = posixpath.splitext(posixpath.basename(image))[0].lower()
        score = difflib.SequenceMatcher(None, stem, other).ratio()
        if len(stem) >= 3 and (other.startswith(stem) or stem.startswith(other)):
            score = max(score, 0.8)
        if score > best_score:
            best, best_score = image, score
    return best if best_score >= 0.6 else None


def check_image_refs(docs_dir: Path, pages: list[str], project_root: Path) -> ImageReport:
    """Check every page's image references, and report image files no page uses."""
    report = ImageReport()
    all_images = image_files(docs_dir)
    referenced: set[str] = set()
    for page in pages:
        shown_as = _shown(docs_dir / page, project_root)
        text = (docs_dir / page).read_text(encoding="utf-8")
        errors, files = check_page(docs_dir, page, text, shown_as, all_images)
        report.errors.extend(errors)
        referenced |= files
    referenced |= images_in_banks(project_root / "quizzes")
    for image in all_images:
        if image not in referenced:
            report.warnings.append(f"{_shown(docs_dir / image, project_root)}: image is not used by any page")
    return report


def images_in_banks(quizzes_dir: Path) -> set[str]:
    """Images that quiz banks show (their paths are relative to docs/): they count as used.

    Whether each exists is the quiz build's check, with the bank's file and line.
    """
    found: set[str] = set()
    for bank in sorted(quizzes_dir.glob("*.yml")) if quizzes_dir.is_dir() else []:
        for ref in find_image_refs(bank.read_text(encoding="utf-8", errors="replace")):
            path = unquote(ref.src.split("#", 1)[0].split("?", 1)[0])
            if path and not re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", path, re.I):
                found.add(posixpath.normpath(path))
    return found


def _shown(path: Path, project_root: Path) -> str:
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
