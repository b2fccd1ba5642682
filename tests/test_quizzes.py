"""The quiz engine without a browser: loader, validator, markers, renderer, and whole builds.

Each error kind has a fixture named for its defect (tests/fixtures/quizzes/errors/) and
a test asserting the exact message, with line and column. The renderer is checked
against a golden file: run ``UPDATE_GOLDEN=1 pytest tests/test_quizzes.py`` after an
intended change to the HTML and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup

from studysite.quizzes.loader import load_bank_text
from studysite.quizzes.model import Problem, format_path
from studysite.quizzes.placement import find_markers, replace_markers, source_markers
from studysite.quizzes.render import RefLink, SheetLink, bank_snippets, quiz_view, render_quiz, sheet_view
from studysite.quizzes.safe_markdown import BankTextRenderer, unsafe_url
from studysite.quizzes.validate import check_files, check_ref_anchors, load_banks
from tests.conftest import ROOT, mkdocs_build

FIXTURES = ROOT / "tests" / "fixtures" / "quizzes"
ERRORS = FIXTURES / "errors"
SITE = FIXTURES / "site"
GOLDEN = ROOT / "tests" / "golden" / "quizzes"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


# --- a small site using the real hook, template and assets -------------------------------
def make_quiz_site(tmp_path: Path, site_url: str | None = None) -> Path:
    """Copy the fixture site to ``tmp_path`` with the real hook, template and assets; returns its config."""
    shutil.copytree(SITE, tmp_path, dirs_exist_ok=True)
    for kind in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / "assets" / kind, tmp_path / "docs" / "assets" / kind, dirs_exist_ok=True)
    config = {
        "site_name": "Quiz fixture",
        "site_url": site_url or "https://example.org/quiz-fixture/",
        "repo_url": "https://github.com/example/quiz-fixture",
        "nav": ["index.md", "quiz.md", "other.md"],
        "theme": {
            "name": "material",
            "custom_dir": str(ROOT / "overrides"),
            "font": False,
            "features": ["navigation.instant", "content.tooltips"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "deep orange",
                    "accent": "indigo",
                    "toggle": {"icon": "material/weather-night", "name": "Dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "deep orange",
                    "accent": "amber",
                    "toggle": {"icon": "material/weather-sunny", "name": "Light mode"},
                },
            ],
        },
        "extra_css": ["assets/stylesheets/site.css", "assets/stylesheets/quiz.css"],
        # quiz.js is an ES module that overrides/main.html loads on pages with a quiz
        "extra_javascript": ["assets/javascripts/glossary.js"],
        "markdown_extensions": [
            "abbr",
            "attr_list",
            "md_in_html",
            {"toc": {"permalink": True}},
            {"pymdownx.highlight": {"anchor_linenums": True}},
            "pymdownx.superfences",
            {
                "pymdownx.snippets": {
                    "base_path": [str(tmp_path / "includes")],
                    "auto_append": ["abbreviations.md"],
                    "check_paths": True,
                }
            },
        ],
        "plugins": ["search"],
        "hooks": [str(ROOT / "hooks" / "quizzes.py")],
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_errors(config: Path, tmp_path: Path) -> list[str]:
    """Build a site that must fail; returns the quiz messages (and checks there is no traceback)."""
    result = mkdocs_build(config, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert "Quiz check failed" in output, output
    return [line.strip() for line in output.splitlines() if re.match(r"\s+(quizzes|docs)/\S+:\d+:\d+: ", line)]


def assert_inert(html: str) -> None:
    """No element that runs script, no event-handler attribute, no script URL."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "img", "iframe", "object", "embed", "style"), str(tag)
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), str(tag)
            if name in ("href", "src", "action", "formaction"):
                assert not unsafe_url(value), str(tag)


# --- loader ---------------------------------------------------------------------------------
def test_loader_records_line_and_column_of_keys_and_values():
    loaded = load_bank_text("id: demo\nquestions:\n  - id: demo-a\n    correct: false\n", "quizzes/demo.yml")
    assert loaded.problems == []
    assert loaded.data == {"id": "demo", "questions": [{"id": "demo-a", "correct": False}]}
    assert loaded.where.value(("questions", 0, "correct")) == (4, 14)
    assert loaded.where.key(("questions", 0, "correct")) == (4, 5)
    assert loaded.where.value(("questions", 0)) == (3, 5)


def test_loader_keeps_yaml_1_1_booleans_and_dates_as_text():
    loaded = load_bank_text("a: yes\nb: on\nc: 2024-01-02\nd: true\ne: 010\nf: 1.5\ng: ~\n", "x.yml")
    assert loaded.data == {"a": "yes", "b": "on", "c": "2024-01-02", "d": True, "e": 10, "f": 1.5, "g": None}


def test_loader_refuses_duplicate_keys_with_both_lines():
    loaded = load_bank_text("id: a\ntitle: One\ntitle: Two\n", "quizzes/a.yml")
    assert [str(p) for p in loaded.problems] == ["quizzes/a.yml:3:1: title: duplicate key (first given on line 2)"]


ALIASES = (
    "YAML anchors (&name) and aliases (*name) are not allowed in a bank: write each text out in full "
    "(a bank is data, and aliases can make a small file expand without limit)"
)


def test_loader_refuses_anchors_and_aliases_with_their_position():
    loaded = load_bank_text("id: a\ntitle: &t One\nother: *t\n", "quizzes/a.yml")
    assert [str(p) for p in loaded.problems] == [f"quizzes/a.yml:2:8: {ALIASES}"]
    loaded = load_bank_text("a: &x\n  - *x\n", "x.yml")  # one that refers to itself, too
    assert [str(p) for p in loaded.problems] == [f"x.yml:1:4: {ALIASES}"]


def test_a_500_byte_alias_bomb_is_refused_before_it_expands():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    assert len(bomb) <= 500
    loaded = load_bank_text(bomb, "quizzes/bomb.yml")  # expanded, it would take minutes and gigabytes
    assert [str(p) for p in loaded.problems] == [f"quizzes/bomb.yml:1:4: {ALIASES}"]


def test_a_null_bank_is_reported_as_empty():
    loaded = load_bank_text("~\n", "quizzes/null.yml")
    assert [str(p) for p in loaded.problems] == [
        "quizzes/null.yml:1:1: the file is empty; a bank needs 'id', 'title' and 'questions'"
    ]


def test_format_path():
    assert format_path(("questions", 3, "choices", 1, "correct")) == "questions[3].choices[1].correct"
    assert (
        str(Problem("quizzes/ec2.yml", 42, 7, ("questions", 3), "cause")) == "quizzes/ec2.yml:42:7: questions[3]: cause"
    )


# --- validator: one fixture per error kind, exact messages ---------------------------------------
EXPECTED = {
    "yaml-syntax-error": [
        "quizzes/yaml-syntax-error.yml:8:4: YAML syntax error: did not find expected '-' indicator "
        "(while parsing a block collection on line 4)"
    ],
    "duplicate-key": [
        "quizzes/duplicate-key.yml:16:5: questions[0].explanation: duplicate key (first given on line 15)"
    ],
    "unknown-key": [
        "quizzes/unknown-key.yml:4:5: questions[0]: missing required key 'explanation'",
        "quizzes/unknown-key.yml:15:5: questions[0].explaination: unknown key; did you mean 'explanation'?",
    ],
    "not-a-boolean": [
        "quizzes/not-a-boolean.yml:12:18: questions[0].choices[1].correct: expected true or false, got 'yes'"
    ],
    "unquoted-task": [
        'quizzes/unquoted-task.yml:6:11: questions[0].task: expected text, got the number 2.1; put it in quotes: "2.1"'
    ],
    "missing-key": ["quizzes/missing-key.yml:4:5: questions[0]: missing required key 'explanation'"],
    "bad-domain": ["quizzes/bad-domain.yml:5:13: questions[0].domain: expected 1, 2, 3 or 4, got 5"],
    "bad-task": [
        "quizzes/bad-task.yml:6:11: questions[0].task: expected 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3, 3.4, "
        "4.1, 4.2 or 4.3, got '5.1'"
    ],
    "bad-question-id": [
        "quizzes/bad-question-id.yml:4:9: questions[0].id: expected lowercase letters, digits and single hyphens "
        "(such as 'iam-root-account-mfa'), got 'Bad_Question'"
    ],
    "bad-ref": [
        "quizzes/bad-ref.yml:6:10: questions[0].ref: expected '<page>.md#<heading-anchor>' "
        "(such as 'iam.md#iam-roles-for-services'), got 'quiz.md'"
    ],
    "too-few-choices": ["quizzes/too-few-choices.yml:9:7: questions[0].choices: needs 3 to 6 choices, got 2"],
    "empty-prompt": ["quizzes/empty-prompt.yml:7:13: questions[0].prompt: must not be empty"],
    "no-correct-choice": ["quizzes/no-correct-choice.yml:9:7: questions[0].choices: needs at least one correct choice"],
    "no-wrong-choice": ["quizzes/no-wrong-choice.yml:9:7: questions[0].choices: needs at least one wrong choice"],
    "duplicate-choice-text": [
        "quizzes/duplicate-choice-text.yml:13:15: questions[0].choices[2].text: same text as choices[0]"
    ],
    "duplicate-id": [
        "quizzes/duplicate-id.yml:16:9: questions[1].id: 'duplicate-id-first' is already used at "
        "quizzes/duplicate-id.yml:4:9; question ids must be unique"
    ],
    "question-id-prefix": [
        "quizzes/question-id-prefix.yml:4:9: questions[0].id: 'first-question' must start with the bank id "
        "and a hyphen: 'question-id-prefix-'"
    ],
    "bank-id-not-file-name": [
        "quizzes/bank-id-not-file-name.yml:1:5: id: the bank id 'another-name' differs from the file name "
        "'bank-id-not-file-name.yml'; make them the same"
    ],
    "not-a-mapping": [
        "quizzes/not-a-mapping.yml:1:1: expected a mapping with 'id', 'title' and 'questions', got a list"
    ],
    "empty-file": ["quizzes/empty-file.yml:1:1: the file is empty; a bank needs 'id', 'title' and 'questions'"],
}


def check_fixture(name: str) -> list[str]:
    _, problems = check_files([ERRORS / f"{name}.yml"])
    return [str(problem) for problem in problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_error_kind_has_its_exact_message(name):
    assert check_fixture(name) == EXPECTED[name]


def test_every_error_fixture_is_covered():
    fixtures = {path.stem for path in ERRORS.glob("*.yml")} - {"ref-missing-page", "ref-missing-heading"}
    assert fixtures == set(EXPECTED)


def test_question_ids_are_unique_across_banks():
    _, problems = load_banks(ERRORS / "duplicate-id-across-banks")
    assert [str(p) for p in problems] == [
        "quizzes/s3.yml:4:9: questions[0].id: 's3-advanced-lifecycle' is already used at "
        "quizzes/s3-advanced.yml:23:9; question ids must be unique"
    ]


def test_ref_to_a_missing_page_suggests_the_closest(tmp_path):
    shutil.copy(ERRORS / "ref-missing-page.yml", tmp_path)
    _, problems = load_banks(tmp_path, pages=["quiz.md", "other.md"])
    assert [str(p) for p in problems] == [
        "quizzes/ref-missing-page.yml:6:10: questions[0].ref: no page 'quizz.md' in docs/ (did you mean 'quiz.md'?)"
    ]


def test_ref_to_a_missing_heading_suggests_the_closest(tmp_path):
    shutil.copy(ERRORS / "ref-missing-heading.yml", tmp_path)
    banks, problems = load_banks(tmp_path, pages=["quiz.md"])
    assert problems == []
    headings = {"quiz.md": {"first-topic": "First topic", "second-topic": "Second topic"}}
    assert [str(p) for p in check_ref_anchors(banks[0], headings)] == [
        "quizzes/ref-missing-heading.yml:6:10: questions[0].ref: quiz.md has no heading with the anchor "
        "'frist-topic' (did you mean 'first-topic'?)"
    ]


def test_a_file_that_is_not_utf8_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "latin.yml").write_bytes(b"id: latin\ntitle: Caf\xe9\n")
    _, problems = check_files([tmp_path / "latin.yml"])
    assert [str(p) for p in problems] == ["quizzes/latin.yml:2:11: the file is not UTF-8 text; save it as UTF-8"]


def test_a_yaml_extension_is_refused(tmp_path):
    (tmp_path / "demo.yaml").write_text("id: demo\n", encoding="utf-8")
    _, problems = load_banks(tmp_path)
    assert [str(p) for p in problems] == ["quizzes/demo.yaml:1:1: bank files end in .yml; rename this file"]


def test_the_real_banks_are_valid():
    banks, problems = load_banks(ROOT / "quizzes", pages=[p.name for p in (ROOT / "docs").glob("*.md")])
    assert [str(p) for p in problems] == []
    assert banks, "no bank in quizzes/"


def test_schema_is_valid_json_schema_and_lists_the_spec_keys():
    import jsonschema

    schema = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert set(schema["properties"]) == {"id", "title", "description", "questions"}
    assert set(schema["$defs"]["question"]["properties"]) == {
        "id",
        "domain",
        "task",
        "ref",
        "prompt",
        "choices",
        "explanation",
    }
    assert set(schema["$defs"]["choice"]["properties"]) == {"text", "correct", "explanation"}


def shape(text: str) -> str:
    """A message with its particulars (quoted values, numbers, bank files) blanked out."""
    text = re.sub(r"quizzes/[\w.-]+", "quizzes/F", text)
    text = re.sub(r"'[^']*'", "'Q'", text)
    text = re.sub(r'"[^"]*"', '"Q"', text)
    return re.sub(r"\d+(\.\d+)*", "N", text)


def test_every_error_message_is_documented_for_authors():
    guide = (ROOT / "docs" / "contributing" / "quizzes.md").read_text(encoding="utf-8")
    documented = [shape(code) for line in guide.splitlines() for code in re.findall(r"`([^`]+)`", line)]
    for messages in EXPECTED.values():
        for message in messages:
            cause = message.split(": ", 1)[1]
            cause = re.sub(r"^[\w\[\]\.]+: ", "", cause)  # drop the path in the bank
            assert shape(cause) in documented, f"not in docs/contributing/quizzes.md: {cause}"


# --- markers --------------------------------------------------------------------------------
def test_markers_in_code_are_examples_not_markers():
    text = "Intro\n\n```markdown\n<!-- quiz: a -->\n```\n\n`<!-- quiz: b -->`\n\n<!-- quiz: c -->\nx <!-- quiz: d -->\n"
    markers = find_markers(text)
    assert [(m.bank, m.line, m.column, m.alone) for m in markers] == [("c", 9, 1, True), ("d", 10, 3, False)]


def test_marker_lines_count_the_front_matter():
    source = "---\ntitle: x\n---\n\n# Page\n\n<!-- quiz: a -->\n"
    markdown = source.split("---\n", 2)[2]
    assert [(m.line, m.column) for m in source_markers(source, markdown)] == [(7, 1)]


def test_replace_markers_puts_the_token_in_its_own_paragraph():
    text = "Para\n<!-- quiz: a -->\nmore\n"
    assert replace_markers(text, find_markers(text), ["TOKEN"]) == "Para\n\n\nTOKEN\n\n\nmore\n"


# --- bank text: the site's markdown, but inert --------------------------------------------
@pytest.fixture(scope="module")
def renderer():
    return BankTextRenderer(
        ["abbr", "attr_list", "md_in_html", "toc", "pymdownx.superfences", "pymdownx.snippets"],
        {"pymdownx.snippets": {"base_path": [str(SITE / "includes")], "auto_append": ["abbreviations.md"]}},
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "![x](javascript:alert(1))",
        '[x](https://example.com){: onclick="alert(1)" }',
        "<div markdown>\n<b onmouseover=alert(1)>x</b>\n</div>",
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_bank_text_renders_inert(renderer, text):
    assert_inert(renderer.render(text))


def test_bank_text_keeps_markdown_and_glossary(renderer):
    html = renderer.render("An **IAM** `role`, [docs](https://docs.aws.amazon.com/)\n\n- one\n- two")
    assert '<strong><abbr title="Identity and Access Management">IAM</abbr></strong>' in html
    assert "<code>role</code>" in html and '<a href="https://docs.aws.amazon.com/">docs</a>' in html
    assert "<ul>" in html


def test_unsafe_url():
    assert unsafe_url("javascript:x") and unsafe_url(" JaVa\nScRiPt:x") and unsafe_url("&#x6A;avascript:x")
    assert unsafe_url("data:text/html,x") and unsafe_url("vbscript:x")
    assert not unsafe_url("https://a.b/") and not unsafe_url("mailto:a@b") and not unsafe_url("iam.md#x")
    assert not unsafe_url("#q-a") and not unsafe_url("../iam/")


def test_batched_rendering_equals_one_by_one(renderer):
    texts = ["A *b*", "```\nunclosed fence", "- list\n- items", "IAM", "| a | b |\n|---|---|\n| 1 | 2 |"]
    assert renderer.render_many(texts, batch=3) == [renderer.render(text) for text in texts]


# --- renderer: golden output --------------------------------------------------------------
def test_quiz_html_matches_the_golden_file(renderer):
    banks, problems = load_banks(SITE / "quizzes")
    assert problems == []
    bank = banks[0]
    html = dict(
        zip(
            [path for path, _ in bank_snippets(bank)],
            renderer.render_many([t for _, t in bank_snippets(bank)]),
            strict=True,
        )
    )
    refs = {q.id: RefLink(f"#{q.ref.split('#')[1]}", q.ref) for q in bank.questions}
    report = lambda q: f"https://github.com/example/issues/new?title={q.id}"  # noqa: E731
    view = quiz_view(bank, html, refs, report, "../questions/demo/")
    # MkDocs' Jinja environment does not autoescape: neither does this one
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=False)
    # the chapter's frame (questions come from their JSON files) and a question sheet (all of it, as HTML)
    sheet = sheet_view(bank, view["questions"][1:], 2, "../../quiz/#quiz-demo", SheetLink("../", "1–1"))
    for name, actual in (
        ("demo.html", render_quiz(env.get_template("partials/quiz.html"), view) + "\n"),
        ("demo-sheet.html", env.get_template("partials/quiz-sheet.html").render(sheet=sheet).strip() + "\n"),
    ):
        golden = GOLDEN / name
        if UPDATE_GOLDEN:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
        expected = golden.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        assert actual == expected, f"{name} changed (UPDATE_GOLDEN=1 to accept):\n{diff}"


def test_content_hash_follows_prompt_and_choices_not_explanations():
    banks, _ = load_banks(SITE / "quizzes")
    question = banks[0].questions[0]
    same = question.__class__(**{**question.__dict__, "explanation": "Reworded."})
    edited = question.__class__(**{**question.__dict__, "prompt": question.prompt + " Really?"})
    reordered = question.__class__(**{**question.__dict__, "choices": question.choices[::-1]})
    assert len(question.content_hash) == 10
    assert same.content_hash == question.content_hash
    assert edited.content_hash != question.content_hash
    assert reordered.content_hash != question.content_hash


# --- whole builds -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("quiz-site")
    config = make_quiz_site(root)
    result = mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def quiz_section(site: Path) -> str:
    """The chapter's quiz frame: the questions themselves come from their JSON files."""
    page = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    return page[page.index('<section class="dva-quiz"') : page.index("</section>") + len("</section>")]


def question_sheet(site: Path) -> str:
    """The bank's question sheet: every question with its answer, readable without script."""
    page = (site / "questions" / "demo" / "index.html").read_text(encoding="utf-8")
    start = page.index('<div class="dva-quiz dva-sheet"')
    return page[start : page.index("</article>", start)]


def question_files(site: Path) -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in (site / "assets" / "questions").glob("*.json")
    }


def test_the_fixture_site_builds_strictly_with_the_quiz_in_place(fixture_build):
    site = fixture_build / "site"
    section = quiz_section(site)
    assert re.findall(r"(demo-[a-z]+):[0-9a-f]{10}:(\d)", section) == [
        ("demo-single", "4"),
        ("demo-multiple", "5"),
        ("demo-code", "4"),
        ("demo-injection", "4"),
    ]
    assert 'href="../questions/demo/">Read them all with the answers</a>' in section
    sheet = question_sheet(site)
    assert sheet.count('class="dva-quiz__question dva-sheet__question"') == 4
    assert 'id="q-demo-single"' in sheet and 'href="../../quiz/#first-topic"' in sheet
    assert 'href="../../quiz/#second-topic">Read the notes: Second topic</a>' in sheet
    assert '<a href="../../quiz/#quiz-demo">Demo quiz</a>' in sheet
    page = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    assert "dvaquiz" not in page and "<!--<section" not in page
    assert re.search(r'<h2 id="check-yourself">.*?</h2>\s*<section class="dva-quiz"', page)
    other = (site / "other" / "index.html").read_text(encoding="utf-8")
    assert "dva-quiz" not in other and "&lt;!-- quiz: demo --&gt;" in other


def test_injected_markup_stays_inert_in_the_built_page(fixture_build):
    sheet = question_sheet(fixture_build / "site")
    assert_inert(sheet)
    assert "&lt;script&gt;window.__injected" in sheet
    assert "&lt;img src=x onerror=" in sheet
    injection = question_files(fixture_build / "site")["demo-injection"]
    assert_inert(injection["prompt"])
    assert "&lt;script&gt;window.__injected" in injection["prompt"]


def test_answers_stay_out_of_the_search_index(fixture_build):
    index = (fixture_build / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Policies do not expire" not in index and "dvaquiz" not in index  # nor the sheets
    assert "Policies are JSON documents" in index  # the notes themselves are indexed


def test_question_index_and_files_match_the_page(fixture_build):
    site = fixture_build / "site"
    data = json.loads((site / "assets" / "quiz-index.json").read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["chapters"] == [{"page": "quiz/", "title": "Quiz chapter", "bank": "demo"}]
    rows = {row[0]: dict(zip(data["fields"], row, strict=True)) for row in data["questions"]}
    assert list(rows) == ["demo-single", "demo-multiple", "demo-code", "demo-injection"]
    assert (rows["demo-multiple"]["choices"], rows["demo-multiple"]["right"]) == (5, 2)
    section, files = quiz_section(site), question_files(site)
    assert sorted(files) == sorted(rows)
    for qid, row in rows.items():
        assert f"{qid}:{row['hash']}:{row['choices']}" in section
        question = files[qid]
        assert (question["hash"], question["page"], question["chapter"]) == (row["hash"], "quiz/", "Quiz chapter")
        assert len(question["choices"]) == row["choices"]
        assert sum(choice["correct"] for choice in question["choices"]) == row["right"]
    assert files["demo-multiple"]["multiple"] is True
    assert (files["demo-multiple"]["ref"], files["demo-multiple"]["ref_title"]) == ("#second-topic", "Second topic")


def test_a_second_build_reuses_the_cache_and_gives_the_same_pages(fixture_build, tmp_path):
    cache = fixture_build / ".cache" / "quizzes"
    assert (cache / "banks.json").exists() and (cache / "rendered.json").exists()
    result = mkdocs_build(fixture_build / "mkdocs.yml", tmp_path / "again")
    assert result.returncode == 0, result.stderr
    assert quiz_section(tmp_path / "again") == quiz_section(fixture_build / "site")
    assert question_sheet(tmp_path / "again") == question_sheet(fixture_build / "site")
    assert question_files(tmp_path / "again") == question_files(fixture_build / "site")


def test_an_edited_bank_or_glossary_is_rendered_again_despite_the_cache(tmp_path):
    config = make_quiz_site(tmp_path)
    assert mkdocs_build(config, tmp_path / "one").returncode == 0
    edit(tmp_path / "quizzes" / "demo.yml", "IAM is a global service.", "IAM is *global*, edited.")
    edit(tmp_path / "includes" / "abbreviations.md", "Identity and Access Management", "Identity & Access Mgmt")
    result = mkdocs_build(config, tmp_path / "two")
    assert result.returncode == 0, result.stderr
    sheet = question_sheet(tmp_path / "two")
    iam = '<abbr title="Identity &amp; Access Mgmt">IAM</abbr>'
    assert f"<p>{iam} is <em>global</em>, edited.</p>" in sheet  # the bank's edit
    assert f"<p>{iam} is global.</p>" in sheet  # the glossary's edit, in text that did not change
    assert "Identity and Access Management" not in sheet
    explanations = [question["explanation"] for question in question_files(tmp_path / "two").values()]
    assert f"<p>{iam} is <em>global</em>, edited.</p>" in explanations  # and in what the quiz fetches


def test_editing_one_question_renders_only_that_question_again(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from studysite.quizzes.safe_markdown import BankTextRenderer

    config = make_quiz_site(tmp_path)
    assert mkdocs_build(config, tmp_path / "one").returncode == 0  # fills .cache/quizzes
    edit(tmp_path / "quizzes" / "demo.yml", "IAM is a global service.", "IAM is *global*, edited.")
    rendered: list[str] = []
    render_many = BankTextRenderer.render_many
    monkeypatch.setattr(
        BankTextRenderer, "render_many", lambda self, texts: rendered.extend(texts) or render_many(self, texts)
    )
    monkeypatch.chdir(tmp_path)
    build(load_config(str(config), site_dir=str(tmp_path / "two"), strict=True))
    demo = yaml.safe_load((tmp_path / "quizzes" / "demo.yml").read_text(encoding="utf-8"))
    edited = demo["questions"][0]
    texts = [edited["prompt"], edited["explanation"]] + [
        t for c in edited["choices"] for t in (c["text"], c["explanation"])
    ]
    assert sorted(rendered) == sorted(texts)  # that question's texts, and nothing of the others
    assert "<p>IAM is <em>global</em>, edited.</p>" in question_sheet(tmp_path / "two").replace(
        '<abbr title="Identity and Access Management">IAM</abbr>', "IAM"
    )


def test_bank_errors_stop_the_build_with_every_message(tmp_path):
    config = make_quiz_site(tmp_path)
    edit(
        tmp_path / "quizzes" / "demo.yml",
        "        correct: false\n        explanation: Not tied",
        "        correct: no\n        explanation: Not tied",
    )
    edit(
        tmp_path / "quizzes" / "demo.yml",
        "    explanation: IAM is a global service.",
        "    explaination: IAM is a global service.",
    )
    assert build_errors(config, tmp_path) == [
        "quizzes/demo.yml:6:5: questions[0]: missing required key 'explanation'",
        "quizzes/demo.yml:17:18: questions[0].choices[1].correct: expected true or false, got 'no'",
        "quizzes/demo.yml:25:5: questions[0].explaination: unknown key; did you mean 'explanation'?",
    ]


def test_yaml_syntax_error_stops_the_build(tmp_path):
    config = make_quiz_site(tmp_path)
    edit(tmp_path / "quizzes" / "demo.yml", "title: Demo quiz", "title: [Demo quiz")
    assert build_errors(config, tmp_path) == [
        "quizzes/demo.yml:4:12: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence on line 3)"
    ]


def test_page_errors_name_the_page_file_and_line(tmp_path):
    config = make_quiz_site(tmp_path)
    edit(tmp_path / "docs" / "quiz.md", "<!-- quiz: demo -->", "<!-- quiz: dmeo -->")
    edit(tmp_path / "docs" / "other.md", "Back to", "See <!-- quiz: demo --> and back to")
    edit(
        tmp_path / "quizzes" / "demo.yml",
        "ref: quiz.md#second-topic\n    prompt: Which",
        "ref: quiz.md#secnd-topic\n    prompt: Which",
    )
    assert build_errors(config, tmp_path) == [
        "docs/other.md:5:5: a quiz marker must be on a line of its own",
        "docs/quiz.md:17:1: unknown quiz bank 'dmeo'; did you mean 'demo'?",
        "quizzes/demo.yml:2:5: bank 'demo' is not placed on any page; add <!-- quiz: demo --> to a page, "
        "usually docs/demo.md under ## Check yourself",
        "quizzes/demo.yml:29:10: questions[1].ref: quiz.md has no heading with the anchor 'secnd-topic' "
        "(did you mean 'second-topic'?)",
    ]


def test_a_bank_placed_twice_and_a_broken_link_in_bank_text(tmp_path):
    config = make_quiz_site(tmp_path)
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## Other topic\n\n<!-- quiz: demo -->\n", encoding="utf-8")
    edit(tmp_path / "quizzes" / "demo.yml", "explanation: Yes, JSON.", "explanation: See [the notes](missing.md).")
    assert build_errors(config, tmp_path) == [
        "docs/quiz.md:17:1: bank 'demo' is already placed at docs/other.md:5:1; place each bank once",
    ]
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## Other topic\n", encoding="utf-8")
    assert build_errors(config, tmp_path) == [
        "quizzes/demo.yml:34:22: questions[1].choices[0].explanation: 'missing.md' is not a file in docs/ "
        "(paths in bank text are relative to docs/)",
    ]


def test_messages_keep_their_positions_when_the_bank_comes_from_the_cache(tmp_path):
    config = make_quiz_site(tmp_path)
    assert mkdocs_build(config, tmp_path / "one").returncode == 0  # fills .cache/quizzes
    edit(tmp_path / "docs" / "quiz.md", "## Second topic", "## Policies")
    assert build_errors(config, tmp_path) == [
        "quizzes/demo.yml:29:10: questions[1].ref: quiz.md has no heading with the anchor 'second-topic' "
        "(did you mean 'first-topic'?)",
        "quizzes/demo.yml:52:10: questions[2].ref: quiz.md has no heading with the anchor 'second-topic' "
        "(did you mean 'first-topic'?)",
        "quizzes/demo.yml:80:10: questions[3].ref: quiz.md has no heading with the anchor 'second-topic' "
        "(did you mean 'first-topic'?)",
    ]


def test_link_rewriting_leaves_href_text_in_inline_code_alone():
    from studysite.quizzes.safe_markdown import rewrite_urls

    fragment = '<p>Write <code>href="iam.md"</code> or see <a href="iam.md#roles">roles</a>.</p>'
    rewritten, problems = rewrite_urls(fragment, lambda url, attribute: ("../iam/" + url[len("iam.md") :], None))
    assert problems == []
    assert rewritten == '<p>Write <code>href="iam.md"</code> or see <a href="../iam/#roles">roles</a>.</p>'
