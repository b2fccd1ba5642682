"""MkDocs hook: build the exam-guide coverage page from data/exam-guide.yml and the quiz banks.

The work is done by ``studysite.coverage``; problems stop the build with file:line:column.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.coverage import MARKER, check_against_banks, load_exam_guide, render_coverage
from studysite.pages import read_page_info
from studysite.quizzes.cache import BuildCache
from studysite.quizzes.site import CACHE_DIR
from studysite.quizzes.validate import load_banks

DATA_FILE = "data/exam-guide.yml"
_state: dict = {}


def on_files(files, config):
    """Load and check the data file and the banks once per build."""
    root = Path(config["config_file_path"]).parent
    guide, problems = load_exam_guide(root / DATA_FILE, DATA_FILE, Path(config["docs_dir"]))
    # The quiz hook checks the banks too and keeps the result in its cache: read it
    # (never write it, that is the quiz hook's job) so a warm build pays only once.
    banks, bank_problems = load_banks(root / "quizzes", cache=BuildCache(root / CACHE_DIR))
    if guide is not None and not bank_problems:
        problems += check_against_banks(guide, banks, DATA_FILE)
    if problems:
        raise PluginError("Coverage data check failed:\n  " + "\n  ".join(map(str, problems)))
    _state.update(guide=guide, banks=banks, contributing=config["repo_url"].rstrip("/") + "/blob/main/CONTRIBUTING.md")
    return files


MARKER_PATTERN = re.compile(r"<!--\s*coverage:\s*(?P<name>[^\s>]*)\s*-->")


def on_page_markdown(markdown, page, config, files):
    """Replace the coverage marker with the generated tables; an unknown marker stops the build."""
    if "coverage:" not in markdown:
        return markdown  # the usual page: nothing to read again
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for match in MARKER_PATTERN.finditer(source):
        if match.group(0) != MARKER:
            line = source.count("\n", 0, match.start()) + 1
            raise PluginError(
                f"docs/{page.file.src_uri}:{line}: unknown marker '{match.group(0)}'; the coverage page uses '{MARKER}'"
            )
    if MARKER not in markdown:
        return markdown
    docs_dir = Path(config["docs_dir"])
    titles = {
        bank.id: read_page_info(docs_dir, f"{bank.id}.md").title
        for bank in _state["banks"]
        if (docs_dir / f"{bank.id}.md").is_file()
    }
    body = render_coverage(_state["guide"], _state["banks"], page.file.src_uri, _state["contributing"], titles)
    return markdown.replace(MARKER, body)
