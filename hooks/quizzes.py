"""MkDocs hook: quiz banks from ``quizzes/*.yml``, placed by ``<!-- quiz: <bank> -->``.

The work lives in ``studysite.quizzes``; this file only connects it to MkDocs' events.
Any problem (bad bank, unknown marker, unplaced bank, missing heading) stops the build
with every message at once, as ``file:line:column: where: cause``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.quizzes.site import QuizBuild, QuizBuildError

log = logging.getLogger("mkdocs.plugins.quizzes")
_build: QuizBuild | None = None


def _fail(error: QuizBuildError) -> PluginError:
    count = len(error.problems)
    return PluginError(
        f"Quiz check failed ({count} problem{'s' if count > 1 else ''}):\n  " + str(error).replace("\n", "\n  ")
    )


def on_config(config):
    """Start a fresh quiz state for this build."""
    global _build
    _build = QuizBuild.from_config(config)


@event_priority(-100)  # last: the other hooks read docs/ from disk, where the sheets are not
def on_files(files, config):
    """Load and check every bank once, before any page is read; add the question sheets."""
    try:
        _build.load(sorted(f.src_uri for f in files.documentation_pages()))
    except QuizBuildError as error:
        raise _fail(error) from None
    log.debug("quiz banks: %s", ", ".join(_build.banks) or "none")
    for sheet in _build.sheet_files(config):  # each bank's questions with answers, readable without script
        files.append(sheet)
    for note in _build.notes:  # answer cues worth a look (`make check` lists them too)
        log.info("answer cue: %s", note)
    return files


def on_page_markdown(markdown, page, config, files):
    """Replace each quiz marker by a placeholder (the page's markdown never sees quiz HTML)."""
    return _build.place(markdown, page)


def on_env(env, config, files):
    """All pages are rendered: check refs and placements, then insert the quizzes."""
    try:
        _build.finish(env, files)
    except QuizBuildError as error:
        raise _fail(error) from None
    return env


def on_post_page(output, page, config):
    """Insert the rendered quizzes into the finished page."""
    return _build.insert(output, page)


def on_post_build(config):
    """Write the question index for tools such as an exam simulator; keep the cache."""
    _build.write_index(Path(config["site_dir"]))
    _build.save_cache()


def on_serve(server, config, builder):
    """Rebuild when a bank changes under ``mkdocs serve``."""
    server.watch(str(Path(config["config_file_path"]).parent / "quizzes"))
    return server
