"""Macros for pages that opt in with ``render_macros: true`` in their front matter.

Values live in one place (``extra:`` in mkdocs.yml, ``includes/abbreviations.md``);
these functions only present them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.coverage import load_exam_guide
from studysite.exam import exam_settings, settings_attribute
from studysite.glossary import load_glossary
from studysite.pages import nav_paths, read_page_info

# The nav groups of chapters: the notes' own, then the chapters written for this site.
CHAPTER_SECTIONS = (
    *("Foundations", "Storage", "Applications", "Messaging"),
    *("Serverless", "Identity and secrets", "Deployment", "Operations"),
)
EXAM_GUIDE = "data/exam-guide.yml"


def define_env(env):
    """Called by mkdocs-macros: registers the site's macros."""

    @env.macro
    def glossary_table() -> str:
        """The abbreviations as a markdown table, sorted case-insensitively."""
        root = Path(env.conf["config_file_path"]).parent
        rows = ["| Abbreviation | Stands for |", "| --- | --- |"]
        for term, meaning in load_glossary(root / "includes" / "abbreviations.md"):
            rows.append(f"| {term} | {meaning} |")
        return "\n".join(rows)

    @env.macro
    def chapter_rows() -> str:
        """One table row per chapter page: link and description, in nav order."""
        docs_dir = Path(env.conf["docs_dir"])
        rows = []
        for item in env.conf["nav"]:
            section, pages = next(iter(item.items()))
            if section not in CHAPTER_SECTIONS:
                continue
            for path in nav_paths(pages):
                info = read_page_info(docs_dir, path)
                rows.append(f"| [{info.title}]({path}) | {info.description} |")
        return "\n".join(rows)

    @env.macro
    def exam_settings_attribute() -> str:
        """The exam simulator's settings (extra.exam and the guide's domains) for an HTML attribute."""
        root = Path(env.conf["config_file_path"]).parent
        guide, problems = load_exam_guide(root / EXAM_GUIDE, EXAM_GUIDE, Path(env.conf["docs_dir"]))
        if guide is None:
            raise ValueError("\n".join(map(str, problems)))
        return settings_attribute(exam_settings(env.conf["extra"]["exam"], guide.domains))

    @env.macro
    def exam_guide_attribute() -> str:
        """The exam's domains with their weights and task statements, for an HTML attribute.

        The practice and progress pages name the tasks and weigh the domains with it.
        """
        root = Path(env.conf["config_file_path"]).parent
        guide, problems = load_exam_guide(root / EXAM_GUIDE, EXAM_GUIDE, Path(env.conf["docs_dir"]))
        if guide is None:
            raise ValueError("\n".join(map(str, problems)))
        domains = sorted(guide.domains, key=lambda domain: domain.number)
        return settings_attribute(
            [{"number": d.number, "name": d.name, "weight": d.weight, "tasks": dict(d.tasks)} for d in domains]
        )
