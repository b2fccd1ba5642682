"""``make check``: the strict build's content checks in seconds, then the linters CI runs.

Without building the site, this runs the checks the build makes on content and prints
the very messages the build prints, one per line, each naming file and line:

- ``banks``: every quiz bank (``studysite.quizzes``), the page and heading each ``ref``
  names, and the ``<!-- quiz: <bank> -->`` markers on the pages;
- ``images``: every image reference of every page, and image files no page uses
  (``studysite.images``);
- ``coverage``: the exam-guide data file ``data/exam-guide.yml`` (``studysite.coverage``);
- ``changes``: the "What changed" boxes of the notes (``studysite.changes``);
- ``markdown``: list slips that Python-Markdown would render wrongly (``studysite.markdown_lint``) and
  ``json``/``yaml``/``python`` blocks that do not parse (``studysite.code_blocks``);
- ``diagrams``: every Mermaid diagram named, parsed and drawn to SVG (``studysite.diagrams``);

then the linters: ``ruff``, ``yamllint`` on ``quizzes/`` (settings in ``.yamllint.yml``)
and ``actionlint`` on ``.github/workflows/``. The linters run while the content is checked.

Only the full build (``make build``) checks links and anchors in the notes, links and
markdown inside bank text, and macros.

Usage: ``python scripts/check.py [CHECK ...]``, CHECK being one of the names above or
``content`` (the six content checks); all by default. Exit status 1 on any problem.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run by path: make the project's packages importable
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from hooks.coverage import DATA_FILE  # noqa: E402
from studysite.changes import find_boxes  # noqa: E402
from studysite.code_blocks import code_problems  # noqa: E402
from studysite.coverage import MARKER as COVERAGE_MARKER  # noqa: E402
from studysite.coverage import check_against_banks, load_exam_guide  # noqa: E402
from studysite.diagram_renderer import renderer_available  # noqa: E402
from studysite.diagrams import CACHE_DIR as DIAGRAMS_DIR  # noqa: E402
from studysite.diagrams import (  # noqa: E402
    diagram_problems,
    find_diagrams,
    render_missing,
    theme_fingerprint,
    unused_files,
)
from studysite.images import check_image_refs  # noqa: E402
from studysite.markdown_lint import find_slips  # noqa: E402
from studysite.quizzes.cache import BuildCache  # noqa: E402
from studysite.quizzes.cues import CueStats, bank_cues  # noqa: E402
from studysite.quizzes.model import Bank  # noqa: E402
from studysite.quizzes.site import CACHE_DIR, QuizBuild, QuizBuildError  # noqa: E402
from studysite.quizzes.validate import load_banks  # noqa: E402
from studysite.sections import page_sections  # noqa: E402

CONTENT_CHECKS = ("banks", "images", "markdown", "diagrams", "coverage", "changes")
# actionlint runs shellcheck and pyflakes on `run:` steps when it finds them on PATH;
# switched off so that every machine (a laptop, CI) gives the same answer.
LINTERS = {
    "ruff": ["ruff", "check", "--output-format=concise", "."],
    "yamllint": ["yamllint", "--strict", "--format=parsable", "--config-file=.yamllint.yml", "quizzes/"],
    "actionlint": ["actionlint", "-shellcheck=", "-pyflakes="],
}
CHECKS = (*CONTENT_CHECKS, *LINTERS)


@dataclass
class Outcome:
    """What one check found: messages as the build (or the linter) prints them."""

    name: str
    messages: list[str] = field(default_factory=list)
    summary: str = ""  # what was checked, for the closing table
    notes: list[str] = field(default_factory=list)  # worth a look, never a failure
    figures: str = ""  # measured figures printed whatever the outcome

    @property
    def ok(self) -> bool:
        """True when the check found nothing wrong."""
        return not self.messages


def site_pages(root: Path) -> tuple[Path, list[str], list[dict]]:
    """``docs_dir``, the documentation pages (by MkDocs' own rules, no build) and the palettes."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(root / "mkdocs.yml"))
    pages = [file.src_uri for file in get_files(config).documentation_pages()]
    palettes = config["theme"]["palette"]
    return Path(config["docs_dir"]), pages, palettes if isinstance(palettes, list) else [palettes]


def check_banks(root: Path, docs_dir: Path, pages: list[str]) -> tuple[Outcome, list[Bank] | None]:
    """The quiz hook's checks, on the page sources: banks, refs, headings, markers.

    Returns the outcome and the banks, or None for the banks when a bank file is
    broken (the coverage check then skips comparing, as the build does).
    """
    outcome = Outcome("banks")
    # The build's own cache is read (never written): it holds only banks that passed.
    build = QuizBuild(
        project_root=root, docs_dir=docs_dir, quizzes_dir=root / "quizzes", cache=BuildCache(root / CACHE_DIR)
    )
    try:
        build.load(pages)
    except QuizBuildError as error:
        outcome.messages = [str(problem) for problem in error.problems]
        banks = load_banks(root / "quizzes")[0]  # the figures of every bank that reads
        outcome.figures = f"answer cues, all banks: {sum(map(bank_cues, banks), CueStats()).summary()}"
        return outcome, None
    outcome.notes = [f"{note} (note)" for note in build.notes]
    outcome.figures = f"answer cues, all banks: {sum(map(bank_cues, build.banks.values()), CueStats()).summary()}"
    headings: dict[str, dict[str, str]] = {}
    for page in pages:
        path = docs_dir / page
        text = path.read_text(encoding="utf-8")
        # As on_page_markdown: the whole source, so line numbers count the front matter.
        build.place(text, SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path), src_uri=page)))
        if COVERAGE_MARKER not in text:  # that page's headings are generated by its hook
            headings[page] = {section.anchor: section.title for section in page_sections(path)}
    try:
        build._check_placements(headings)  # the checks of on_env that need no rendered page
    except QuizBuildError as error:
        outcome.messages = [str(problem) for problem in error.problems]
    banks = list(build.banks.values())
    questions = sum(len(bank.questions) for bank in banks)
    outcome.summary = f"{len(banks)} banks, {questions} questions"
    return outcome, banks


def check_images(root: Path, docs_dir: Path, pages: list[str]) -> Outcome:
    """The image hook's checks: errors stop the build, unused files fail it under --strict."""
    report = check_image_refs(docs_dir, pages, root)
    return Outcome("images", report.errors + report.warnings, f"{len(pages)} pages")


def check_coverage(root: Path, docs_dir: Path, banks: list[Bank] | None) -> Outcome:
    """The coverage hook's checks of data/exam-guide.yml (against the banks when they load)."""
    guide, problems = load_exam_guide(root / DATA_FILE, DATA_FILE, docs_dir)
    if guide is not None and banks is not None:
        problems += check_against_banks(guide, banks, DATA_FILE)
    summary = f"{len(guide.services)} services" if guide else ""
    return Outcome("coverage", [str(problem) for problem in problems], summary)


def check_markdown(docs_dir: Path, pages: list[str]) -> Outcome:
    """The markdown hook's checks: lists after paragraphs, nesting not by 4 spaces, code that does not parse."""
    messages = []
    for page in pages:
        text = (docs_dir / page).read_text(encoding="utf-8")
        messages += find_slips(page, text) + code_problems(page, text)
    return Outcome("markdown", messages, f"{len(pages)} pages")


def check_diagrams(root: Path, docs_dir: Path, pages: list[str], palettes: list[dict]) -> Outcome:
    """The diagram hook's checks: a name for each, Mermaid's message for one that does not parse.

    New or changed diagrams are drawn (as the build would) when a browser is at hand.
    """
    diagrams = [d for page in pages for d in find_diagrams(page, (docs_dir / page).read_text(encoding="utf-8"))]
    if not diagrams:
        return Outcome("diagrams", summary="no diagrams")
    theme, cache = theme_fingerprint(palettes), root / DIAGRAMS_DIR
    errors = render_missing(diagrams, cache, theme, palettes) if renderer_available() else {}
    messages = diagram_problems(diagrams, cache, theme, errors) + unused_files(cache, {d.key(theme) for d in diagrams})
    return Outcome("diagrams", list(dict.fromkeys(messages)), f"{len(diagrams)} diagrams")


def check_changes(docs_dir: Path, pages: list[str]) -> Outcome:
    """The What-changed hook's checks: every box has a title and cites an AWS page."""
    messages: list[str] = []
    count = 0
    for page in pages:
        boxes, problems = find_boxes(page, (docs_dir / page).read_text(encoding="utf-8"))
        count += len(boxes)
        messages += problems
    return Outcome("changes", messages, f"{count} boxes")


def content_outcomes(root: Path, wanted: set[str]) -> list[Outcome]:
    """Run the content checks named in ``wanted``."""
    try:
        docs_dir, pages, palettes = site_pages(root)
    except Exception as error:  # a broken mkdocs.yml: say so instead of a traceback
        return [Outcome("mkdocs.yml", [f"mkdocs.yml: cannot be read: {error}"])]
    outcomes = []
    banks = None
    if "banks" in wanted or "coverage" in wanted:
        bank_outcome, banks = check_banks(root, docs_dir, pages)
        if "banks" in wanted:
            outcomes.append(bank_outcome)
    if "images" in wanted:
        outcomes.append(check_images(root, docs_dir, pages))
    if "markdown" in wanted:
        outcomes.append(check_markdown(docs_dir, pages))
    if "coverage" in wanted:
        outcomes.append(check_coverage(root, docs_dir, banks))
    if "changes" in wanted:
        outcomes.append(check_changes(docs_dir, pages))
    if "diagrams" in wanted:
        outcomes.append(check_diagrams(root, docs_dir, pages, palettes))
    return outcomes


def tool(name: str) -> str | None:
    """A command installed next to this Python (the project's .venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def start_linter(root: Path, name: str) -> subprocess.Popen | Outcome:
    """Start one linter in the background, or say why it cannot run."""
    command = list(LINTERS[name])
    if name == "actionlint":
        workflows = sorted(p.relative_to(root).as_posix() for p in (root / ".github" / "workflows").glob("*.y*ml"))
        if not workflows:
            return Outcome(name, summary="no workflows")
        command += workflows
    executable = tool(command[0])
    if executable is None:
        return Outcome(name, [f"{command[0]} is not installed; `make check` installs it (requirements-dev.txt)"])
    return subprocess.Popen(
        [executable, *command[1:]], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish_linter(name: str, process: subprocess.Popen | Outcome) -> Outcome:
    """Wait for a linter; its output is the message when it fails."""
    if isinstance(process, Outcome):
        return process
    output, _ = process.communicate()
    if process.returncode == 0:
        return Outcome(name)
    lines = output.rstrip("\n").splitlines() or [f"{name} failed with exit status {process.returncode}"]
    return Outcome(name, lines)


def run_checks(root: Path, wanted: set[str]) -> list[Outcome]:
    """Every wanted check, linters in parallel with the content checks, in a fixed order."""
    linters = {name: start_linter(root, name) for name in LINTERS if name in wanted}
    outcomes = content_outcomes(root, wanted) if wanted & set(CONTENT_CHECKS) else []
    return outcomes + [finish_linter(name, process) for name, process in linters.items()]


def report(outcomes: list[Outcome], seconds: float) -> str:
    """Notes, every message, measured figures, then a line per check, then the verdict."""
    lines = [note for outcome in outcomes for note in outcome.notes]
    lines += [message for outcome in outcomes for message in outcome.messages]
    lines += [outcome.figures for outcome in outcomes if outcome.figures]
    if lines:
        lines.append("")
    for outcome in outcomes:
        count = len(outcome.messages)
        state = "ok" if outcome.ok else f"{count} problem{'s' if count > 1 else ''}"
        if not outcome.ok and outcome.name in LINTERS:
            state = "failed"
        detail = f" ({outcome.summary})" if outcome.summary and outcome.ok else ""
        lines.append(f"  {outcome.name:<11} {state}{detail}")
    failed = [outcome.name for outcome in outcomes if not outcome.ok]
    verdict = f"check failed: {', '.join(failed)}" if failed else "check passed"
    lines.append(f"{verdict} ({seconds:.1f} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the checks named on the command line (all by default); 1 if anything is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip("`"))
    parser.add_argument("checks", nargs="*", metavar="CHECK", help=f"content, {', '.join(CHECKS)} (default: all)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to check (default: this one)")
    args = parser.parse_args(argv)
    wanted: set[str] = set()
    for name in args.checks or CHECKS:
        if name == "content":
            wanted |= set(CONTENT_CHECKS)
        elif name in CHECKS:
            wanted.add(name)
        else:
            parser.error(f"unknown check '{name}'; choose from content, {', '.join(CHECKS)}")
    start = time.perf_counter()
    outcomes = run_checks(args.root.resolve(), wanted)
    print(report(outcomes, time.perf_counter() - start))
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
