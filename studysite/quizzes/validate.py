"""Check bank data against ``quizzes/schema.json`` and the rules a schema cannot express.

The schema (also used by editors for completion) covers shapes, types and allowed keys.
The rest is checked here: a bank's id is its file name, question ids start with the bank
id and are unique across all banks, every question has a correct and a wrong choice and
no repeated choice text, and ``ref`` names a real page (and, once pages are rendered, a
real heading on it). Messages say where and what would be right.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from studysite.quizzes.cache import BuildCache, bank_fingerprint, digest
from studysite.quizzes.loader import LoadedFile, load_bank_bytes, load_bank_file
from studysite.quizzes.model import Bank, Choice, Problem, Question, SourceMap, sort_problems
from studysite.quizzes.model import Path as DataPath
from studysite.quizzes.rules import check_rules

# One schema for every site built from this repository (editors find it next to the banks).
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "quizzes" / "schema.json"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TYPE_NAMES = {
    "boolean": "true or false",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
}


@cache
def schema_validator(schema_path: Path):
    """A validator for the bank schema (read once per process)."""
    import jsonschema  # only when a bank is not in the build cache: the import takes a while

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def describe(value: object) -> str:
    """A value as a message shows it: ``'yes'``, ``5``, ``true``, ``nothing``, ``a list``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return "'" + text.replace("\n", " ") + "'"


def _alternatives(values: Iterable[object]) -> str:
    shown = [str(value) for value in values]
    return ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else "".join(shown)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt word, if any is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def _schema_problems(error, loaded: LoadedFile) -> list[Problem]:
    """Our message(s) for one ``jsonschema.ValidationError``."""
    path: DataPath = tuple(error.absolute_path)
    where = loaded.where
    keyword, expected, value = error.validator, error.validator_value, error.instance

    def at_value(cause: str, at: DataPath = path) -> Problem:
        return Problem(loaded.shown, *where.value(at), at, cause)

    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        problems = []
        for key in value:
            if key in allowed:
                continue
            close = suggest(key, allowed)
            hint = f"did you mean '{close}'?" if close else "allowed keys: " + ", ".join(allowed)
            problems.append(Problem(loaded.shown, *where.key((*path, key)), (*path, key), f"unknown key; {hint}"))
        return problems
    if keyword == "required":
        missing = [key for key in expected if key not in value]
        return [at_value(f"missing required key '{key}'") for key in missing]
    if keyword == "type":
        wanted = TYPE_NAMES.get(expected, expected)
        if not path:
            wanted = "a mapping with 'id', 'title' and 'questions'"
        if expected == "string" and isinstance(value, int | float) and not isinstance(value, bool):
            return [at_value(f'expected text, got the number {value!r}; put it in quotes: "{value}"')]
        return [at_value(f"expected {wanted}, got {describe(value)}")]
    if keyword == "enum":
        return [at_value(f"expected {_alternatives(expected)}, got {describe(value)}")]
    if keyword == "pattern":
        if expected == "\\S":
            return [at_value("must not be empty")]
        example = (error.schema.get("examples") or [None])[0]
        if path and path[-1] == "ref":
            form = "'<page>.md#<heading-anchor>'"
        else:
            form = "lowercase letters, digits and single hyphens"
        such_as = f" (such as '{example}')" if example else ""
        return [at_value(f"expected {form}{such_as}, got {describe(value)}")]
    if keyword in ("minItems", "maxItems"):
        low, high = error.schema.get("minItems"), error.schema.get("maxItems")
        noun = str(path[-1]) if path else "items"
        if low is not None and high is not None:
            return [at_value(f"needs {low} to {high} {noun}, got {len(value)}")]
        return [at_value(f"needs at least {low} {noun.rstrip('s')}" if low == 1 else f"needs at least {low} {noun}")]
    return [at_value(error.message)]


def check_schema(loaded: LoadedFile, schema_path: Path) -> list[Problem]:
    """Problems the schema finds, one per cause, located at the value (or key) at fault."""
    validator = schema_validator(schema_path)
    errors = sorted(validator.iter_errors(loaded.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    problems: list[Problem] = []
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in typed:
            continue  # "expected a whole number" says it all; no "expected 1, 2, 3 or 4" as well
        problems.extend(_schema_problems(error, loaded))
    return problems


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_bank_rules(loaded: LoadedFile, file_stem: str) -> list[Problem]:
    """The per-bank rules a schema cannot express (tolerant of data the schema rejected)."""
    data = loaded.data
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []

    def problem(path: DataPath, cause: str) -> None:
        problems.append(Problem(loaded.shown, *loaded.where.value(path), path, cause))

    bank_id = data.get("id")
    if isinstance(bank_id, str) and bank_id != file_stem:
        problem(("id",), f"the bank id '{bank_id}' differs from the file name '{file_stem}.yml'; make them the same")
    questions = data.get("questions")
    if not isinstance(questions, list):
        return problems
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        here: DataPath = ("questions", index)
        question_id = question.get("id")
        if (
            bank_id == file_stem
            and isinstance(question_id, str)
            and SLUG.fullmatch(question_id)
            and not question_id.startswith(bank_id + "-")
        ):
            problem((*here, "id"), f"'{question_id}' must start with the bank id and a hyphen: '{bank_id}-'")
        choices = question.get("choices")
        if not isinstance(choices, list):
            continue
        flags = [choice.get("correct") for choice in choices if isinstance(choice, dict)]
        if all(isinstance(flag, bool) for flag in flags) and len(flags) == len(choices) and flags:
            if not any(flags):
                problem((*here, "choices"), "needs at least one correct choice")
            if all(flags):
                problem((*here, "choices"), "needs at least one wrong choice")
        seen: dict[str, int] = {}
        for number, choice in enumerate(choices):
            text = choice.get("text") if isinstance(choice, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue
            if _normal(text) in seen:
                problem((*here, "choices", number, "text"), f"same text as choices[{seen[_normal(text)]}]")
            else:
                seen[_normal(text)] = number
    return problems


def check_unique_ids(files: list[LoadedFile]) -> list[Problem]:
    """Question ids are unique across every bank: the second use of an id is the error."""
    first: dict[str, tuple[LoadedFile, DataPath]] = {}
    problems: list[Problem] = []
    for loaded in files:
        questions = loaded.data.get("questions") if isinstance(loaded.data, dict) else None
        for index, question in enumerate(questions if isinstance(questions, list) else []):
            question_id = question.get("id") if isinstance(question, dict) else None
            if not isinstance(question_id, str):
                continue
            path = ("questions", index, "id")
            if question_id not in first:
                first[question_id] = (loaded, path)  # positions only when needed: they may cost a re-read
                continue
            other, other_path = first[question_id]
            other_where = "{}:{}:{}".format(other.shown, *other.where.value(other_path))
            cause = f"'{question_id}' is already used at {other_where}; question ids must be unique"
            problems.append(Problem(loaded.shown, *loaded.where.value(path), path, cause))
    return problems


def check_ref_pages(bank: Bank, pages: Iterable[str]) -> list[Problem]:
    """Every ``ref`` names a page of the site."""
    pages = set(pages)
    problems = []
    for question in bank.questions:
        page = question.ref.split("#", 1)[0]
        if page not in pages:
            close = suggest(page, pages)
            hint = f" (did you mean '{close}'?)" if close else ""
            problems.append(bank.problem(("questions", question.index, "ref"), f"no page '{page}' in docs/{hint}"))
    return problems


def check_refs_on_page(bank: Bank, page: str) -> list[Problem]:
    """Every ``ref`` points into ``page``, where the bank's quiz is placed: the learner's own chapter."""
    problems = []
    for question in bank.questions:
        target = question.ref.partition("#")[0]
        if target != page:
            cause = (
                f"'{question.ref}' points to another page; a question's ref names a heading of the page "
                f"its quiz is on: '{page}#...'"
            )
            problems.append(bank.problem(("questions", question.index, "ref"), cause))
    return problems


def check_ref_anchors(bank: Bank, headings: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Every ``ref`` names a heading of its page; ``headings`` maps page -> {anchor: title}."""
    problems = []
    for question in bank.questions:
        page, anchor = question.ref.split("#", 1)
        if page not in headings or anchor in headings[page]:
            continue
        close = suggest(anchor, headings[page])
        hint = f" (did you mean '{close}'?)" if close else ""
        cause = f"{page} has no heading with the anchor '{anchor}'{hint}"
        problems.append(bank.problem(("questions", question.index, "ref"), cause))
    return problems


def build_bank(loaded: LoadedFile) -> Bank:
    """The model of a bank whose data passed every check."""
    data = loaded.data
    assert isinstance(data, dict)
    questions = tuple(
        Question(
            id=item["id"],
            domain=item["domain"],
            task=item.get("task"),
            ref=item["ref"],
            prompt=item["prompt"],
            choices=tuple(Choice(c["text"], c["correct"], c.get("explanation")) for c in item["choices"]),
            explanation=item["explanation"],
            index=index,
        )
        for index, item in enumerate(data["questions"])
    )
    return Bank(
        id=data["id"],
        title=data["title"],
        description=data.get("description"),
        questions=questions,
        file=loaded.shown,
        where=loaded.where,
        key=loaded.key,
    )


def check_files(
    paths: Iterable[Path],
    shown_dir: str = "quizzes",
    schema_path: Path = SCHEMA_PATH,
    cache: BuildCache | None = None,
) -> tuple[list[LoadedFile], list[Problem]]:
    """Read and check bank files on their own and against each other (ids across banks)."""
    fingerprint = bank_fingerprint(schema_path) if cache else ""
    files = []
    problems: list[Problem] = []
    for path in paths:
        shown = f"{shown_dir}/{path.name}"
        raw = path.read_bytes()
        key = digest(fingerprint, path.name, raw)
        data = cache.get_bank(key) if cache else None
        if data is not None:
            where = SourceMap(load=lambda path=path, shown=shown: load_bank_file(path, shown).where)
            files.append(LoadedFile(shown, data, where, key=key))
            continue
        loaded = load_bank_bytes(raw, shown)
        loaded.key = key
        if loaded.data is not None:  # even after a duplicate key, report everything else too
            loaded.problems += check_schema(loaded, schema_path) + check_bank_rules(loaded, path.stem)
        if cache and loaded.data is not None and not loaded.problems:
            cache.put_bank(key, loaded.data)
        files.append(loaded)
        problems += loaded.problems
    problems += check_unique_ids([f for f in files if f.data is not None])
    return files, sort_problems(problems)


def load_banks(
    quizzes_dir: Path,
    shown_dir: str = "quizzes",
    pages: Iterable[str] | None = None,
    cache: BuildCache | None = None,
) -> tuple[list[Bank], list[Problem]]:
    """Load and check every bank in ``quizzes_dir``; returns the good banks and all problems, sorted.

    With ``pages`` (paths relative to docs/), each ``ref`` must name one of them.
    Banks that load are also held to the exam-style rules of ``rules.py``.
    """
    problems = [
        Problem(f"{shown_dir}/{path.name}", 1, 1, (), "bank files end in .yml; rename this file")
        for path in sorted(quizzes_dir.glob("*.yaml"))
    ]
    files, file_problems = check_files(sorted(quizzes_dir.glob("*.yml")), shown_dir, cache=cache)
    problems += file_problems
    failed = {problem.file for problem in problems}
    banks = [build_bank(loaded) for loaded in files if loaded.shown not in failed]
    problems += check_rules(banks)[0]
    if pages is not None:
        for bank in banks:
            problems += check_ref_pages(bank, pages)
    return banks, sort_problems(problems)
