"""The exam-guide coverage page: what the notes and quizzes cover of DVA-C02.

Built from ``data/exam-guide.yml`` (domains, weights, task statements, in-scope
services and the notes sections that teach them) and from the quiz banks' tags.
Every count comes from the banks. Problems in the data file are reported as
``data/exam-guide.yml:LINE:COL: path: cause`` and stop the build.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from studysite.quizzes.loader import load_bank_file
from studysite.quizzes.model import Bank, Problem, SourceMap, sort_problems
from studysite.sections import page_sections

MARKER = "<!-- coverage: exam-guide -->"


@dataclass(frozen=True)
class Service:
    """An in-scope service and the notes sections that teach it."""

    category: str
    name: str
    notes: tuple[str, ...]
    partly: bool = False


@dataclass
class Domain:
    """An exam domain with its weight and task statements."""

    number: int
    name: str
    weight: int
    tasks: dict[str, str] = field(default_factory=dict)


@dataclass
class ExamGuide:
    """The data file, checked."""

    domains: list[Domain]
    services: list[Service]
    titles: dict[str, str] = field(default_factory=dict)  # page.md#anchor -> "Page: Heading"
    where: SourceMap = field(default_factory=SourceMap, repr=False)  # positions in the data file


def load_exam_guide(path: Path, shown: str, docs_dir: Path) -> tuple[ExamGuide | None, list[Problem]]:
    """Read and check the data file; every problem names its line and column."""
    loaded = load_bank_file(path, shown)
    if loaded.data is None:
        return None, loaded.problems
    problems = list(loaded.problems)
    data = loaded.data

    def problem(where: tuple, cause: str) -> None:
        problems.append(Problem(shown, *loaded.where.value(where), where, cause))

    if not isinstance(data, dict) or set(data) != {"domains", "services"}:
        problem((), "expected exactly the keys 'domains' and 'services'")
        return None, problems
    domains: list[Domain] = []
    for index, item in enumerate(data["domains"] or []):
        where = ("domains", index)
        if not isinstance(item, dict) or set(item) != {"number", "name", "weight", "tasks"}:
            problem(where, "a domain needs exactly 'number', 'name', 'weight' and 'tasks'")
            continue
        if item["number"] not in (1, 2, 3, 4):
            problem((*where, "number"), f"expected a DVA-C02 domain 1 to 4, got {item['number']!r}")
            continue
        tasks = {}
        for task, text in (item["tasks"] or {}).items():
            if not str(task).startswith(f"{item['number']}."):
                problem((*where, "tasks", task), f"task '{task}' does not belong to domain {item['number']}")
            tasks[str(task)] = str(text)
        domains.append(Domain(item["number"], str(item["name"]), int(item["weight"]), tasks))
    if domains and sum(d.weight for d in domains) != 100:
        problem(("domains",), f"the weights add up to {sum(d.weight for d in domains)}, expected 100")

    services: list[Service] = []
    anchors: dict[str, dict[str, str]] = {}
    for category, entries in (data["services"] or {}).items():
        for name, value in (entries or {}).items():
            where = ("services", category, name)
            partly = False
            if isinstance(value, dict):
                unknown = set(value) - {"notes", "partly"}
                if unknown:
                    problem(where, f"unknown key '{sorted(unknown)[0]}'; expected 'notes' and 'partly'")
                partly = bool(value.get("partly"))
                refs, where = value.get("notes") or [], (*where, "notes")
            else:
                refs = value or []
            for position, ref in enumerate(refs):
                cause = _ref_problem(str(ref), docs_dir, anchors)
                if cause:
                    problem((*where, position), cause)
            services.append(Service(str(category), str(name), tuple(str(r) for r in refs), partly))
    titles = {
        f"{page}#{anchor}": f"{sections[''] or page}: {title}" if sections[""] != title else title
        for page, sections in anchors.items()
        for anchor, title in sections.items()
        if anchor
    }
    return ExamGuide(domains, services, titles, loaded.where), sort_problems(problems)


def _ref_problem(ref: str, docs_dir: Path, anchors: dict[str, dict[str, str]]) -> str | None:
    page, _, anchor = ref.partition("#")
    if not page.endswith(".md") or not anchor:
        return f"expected 'page.md#heading-anchor', got '{ref}'"
    if page not in anchors:
        path = docs_dir / page
        if not path.is_file():
            return f"page '{page}' does not exist in docs/"
        sections = page_sections(path)
        anchors[page] = {section.anchor: section.title for section in sections}
        anchors[page][""] = next((section.title for section in sections if section.level == 1), page)
    if anchor not in anchors[page]:
        return f"'{page}' has no heading with anchor '#{anchor}'"
    return None


def check_against_banks(guide: ExamGuide, banks: list[Bank], shown: str) -> list[Problem]:
    """Domains the data file lists must be used by the banks, and every tag must be in the file."""
    used = {q.domain for bank in banks for q in bank.questions}
    problems = []
    for index, domain in enumerate(guide.domains):
        if domain.number not in used:
            where = ("domains", index, "number")
            problems.append(
                Problem(shown, *guide.where.value(where), where, f"no quiz question is tagged domain {domain.number}")
            )
    known = {task for domain in guide.domains for task in domain.tasks}
    for bank in banks:
        for question in bank.questions:
            if question.task and question.task not in known:
                problems.append(
                    bank.problem(
                        ("questions", question.index, "task"),
                        f"task '{question.task}' is not in {shown}",
                    )
                )
    return problems


def render_coverage(
    guide: ExamGuide, banks: list[Bank], page_path: str, contributing_url: str, page_titles: dict[str, str]
) -> str:
    """The coverage page body as markdown; links are relative to ``page_path``.

    ``page_titles`` maps a bank id to the title of its chapter page.
    """
    questions = [(bank, q) for bank in banks for q in bank.questions]
    by_domain = Counter(q.domain for _, q in questions)
    by_task = Counter(q.task for _, q in questions if q.task)
    total = len(questions)
    lines = [
        f"The quiz banks hold **{total} questions** in {len(banks)} chapters. "
        "The exam's weights are from the AWS exam guide; the question counts are read from the banks at build time.",
        "",
        "## Domains",
        "",
        "| Domain | Exam weight | Quiz questions | Share of questions |",
        "| --- | ---: | ---: | ---: |",
    ]
    for domain in guide.domains:
        count = by_domain.get(domain.number, 0)
        share = f"{100 * count / total:.0f}%" if total else "–"
        lines.append(f"| {domain.number} {domain.name} | {domain.weight}% | {count} | {share} |")
    for domain in guide.domains:
        lines += ["", f"### Domain {domain.number}: {domain.name}", ""]
        chapters = Counter(bank.id for bank, q in questions if q.domain == domain.number)
        if chapters:
            links = ", ".join(
                f"[{page_titles.get(bank_id, bank_id)}]({_link(page_path, bank_id + '.md')}) ({count})"
                for bank_id, count in sorted(chapters.items(), key=lambda item: (-item[1], item[0]))
            )
            lines += [f"Chapters with questions in this domain: {links}.", ""]
        lines += ["| Task statement | Quiz questions |", "| --- | ---: |"]
        for task, text in domain.tasks.items():
            count = by_task.get(task, 0)
            lines.append(f"| {task} {text} | {count if count else 'none yet'} |")
    lines += [
        "",
        "## In-scope services",
        "",
        "| Category | Service | In these notes |",
        "| --- | --- | --- |",
    ]
    for service in guide.services:
        if not service.notes:
            status = "**not covered**"
        else:
            links = ", ".join(f"[{guide.titles.get(ref, ref)}]({_link(page_path, ref)})" for ref in service.notes)
            status = ("partly: " if service.partly else "covered: ") + links
        lines.append(f"| {service.category} | {service.name} | {status} |")
    missing = [s.name for s in guide.services if not s.notes]
    partly = [s.name for s in guide.services if s.partly]
    not_taught = (
        f"These notes do not teach {len(missing)} of the {len(guide.services)} in-scope services: "
        + ", ".join(missing)
        + ". Study them from the AWS documentation for now."
        if missing
        else f"Every one of the {len(guide.services)} in-scope services has a section in these notes."
    )
    lines += [
        "",
        "## Not covered yet: help wanted" if missing or partly else "## What could be deeper",
        "",
        not_taught,
        "",
        f"Touched on only in passing: {', '.join(partly)}." if partly else "",
        "",
        "A chapter or quiz bank for any of them is the most useful contribution you can make: "
        f"see [how to contribute]({contributing_url}).",
    ]
    return "\n".join(lines) + "\n"


def _link(from_page: str, to: str) -> str:
    target, _, anchor = to.partition("#")
    relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return relative + (f"#{anchor}" if anchor else "")
