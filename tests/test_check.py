"""Contributor tooling: ``make check``, the report links, the issue forms, the workflows.

``make check`` (scripts/check.py) must catch what the strict build catches in the banks
and the image references, with the build's very message, and pass on the real repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts import check
from studysite.quizzes.site import REPORT_FORM
from studysite.quizzes.validate import load_banks
from tests.conftest import ROOT, mkdocs_build

CHECK = ROOT / "scripts" / "check.py"
# Left out of a copy of the project: history, environments, outputs and caches.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", ".pytest_cache", ".ruff_cache", "__pycache__", "test-results", "tests"
)
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOWS = ROOT / ".github" / "workflows"
FORM_FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def config_value(key: str) -> str:
    """A plain value of mkdocs.yml (its !ENV default for site_url)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(rf"^{key}:.*?(https://[^\"\s\]]+)", text, re.M).group(1)


REPO_URL = config_value("repo_url").rstrip("/")
SITE_URL = config_value("site_url")


def run_check(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), "--root", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    return copy


def replace_once(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first ``old``; returns the line and column (1-based) where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    start = text.index(old)
    path.write_text(text[:start] + new + text[start + len(old) :], encoding="utf-8")
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def break_a_bank(project: Path) -> str:
    """``correct: yes`` in the first question of quizzes/ec2.yml; returns the build's message."""
    bank = project / "quizzes" / "ec2.yml"
    first = yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"][0]
    choice = next(index for index, c in enumerate(first["choices"]) if c["correct"] is True)
    line, column = replace_once(bank, "correct: true", "correct: yes")
    column += len("correct: ")
    return f"quizzes/ec2.yml:{line}:{column}: questions[0].choices[{choice}].correct: expected true or false, got 'yes'"


def break_an_image(project: Path) -> str:
    """A missing image under the first heading of docs/ec2.md; returns the build's message."""
    figure = "![EBS volume and instance](images/ebs.png)"
    line, _ = replace_once(project / "docs" / "ec2.md", "## EC2\n", f"## EC2\n\n{figure}\n")
    return f"docs/ec2.md:{line + 2}: image 'images/ebs.png' not found"


# --- make check --------------------------------------------------------------------


def test_check_passes_on_the_real_repository_in_seconds():
    started = time.perf_counter()
    result = run_check()
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith("check passed")
    for name in check.CHECKS:
        assert re.search(rf"^  {name} +ok", result.stdout, re.M), f"{name} did not run:\n{result.stdout}"
    assert elapsed < 30, f"make check took {elapsed:.1f} s"


def test_make_check_runs_the_check_script():
    dry_run = subprocess.run(["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert dry_run.returncode == 0, dry_run.stderr
    assert "scripts/check.py" in dry_run.stdout


def test_broken_bank_fails_check_with_file_line_message(project):
    expected = break_a_bank(project)
    result = run_check(root=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert expected in lines
    # yamllint says the same about how the value is written
    assert any(re.fullmatch(r"quizzes/ec2\.yml:\d+:\d+: \[error\] truthy value .*\(truthy\)", line) for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_broken_image_fails_check_with_file_line_message(project):
    expected = break_an_image(project)
    result = run_check("content", root=project)
    assert result.returncode == 1
    assert expected in result.stdout.splitlines()
    assert re.search(r"^  images +1 problem$", result.stdout, re.M)


@pytest.mark.parametrize("defect", [break_a_bank, break_an_image], ids=["bank", "image"])
def test_check_prints_the_message_of_the_strict_build(project, tmp_path, defect):
    expected = defect(project)
    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    assert f"  {expected}" in (build.stdout + build.stderr).splitlines()
    assert expected in run_check("content", root=project).stdout.splitlines()


def test_check_finds_a_ref_to_a_missing_heading_and_an_unplaced_bank(project):
    line, column = replace_once(project / "quizzes" / "ec2.yml", "ref: ec2.md#user-data", "ref: ec2.md#user-date")
    replace_once(project / "docs" / "ec2.md", "<!-- quiz: ec2 -->", "")
    (outcome,) = check.content_outcomes(project, {"banks"})
    assert outcome.messages == [
        # at the bank's id, "id: ec2" on line 2
        "quizzes/ec2.yml:2:5: bank 'ec2' is not placed on any page; "
        "add <!-- quiz: ec2 --> to a page, usually docs/ec2.md under ## Check yourself",
        f"quizzes/ec2.yml:{line}:{column + len('ref: ')}: questions[0].ref: "
        "ec2.md has no heading with the anchor 'user-date' (did you mean 'user-data'?)",
    ]


def test_a_broken_workflow_fails_actionlint(project):
    workflow = project / ".github" / "workflows" / "ci.yml"
    line, column = replace_once(workflow, "runs-on: ubuntu-latest", "runs-onn: ubuntu-latest")
    result = run_check("actionlint", root=project)
    assert result.returncode == 1
    assert f".github/workflows/ci.yml:{line}:{column}:" in result.stdout


def test_the_example_question_of_contributing_passes_the_checks(project):
    """A newcomer who copies the guide's example into a bank gets a passing check."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- tests/test_check\.py[^\n]*-->\n```yaml\n(.*?)```", guide, re.S).group(1)
    bank = project / "quizzes" / "ec2.yml"
    bank.write_text(bank.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + example, encoding="utf-8")
    result = run_check("content", "yamllint", root=project)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^  banks +ok \(\d+ banks, (\d+) questions\)", result.stdout, re.M)


def test_the_guide_shows_every_check_that_make_check_runs_in_its_order():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sample = re.search(r"```text\n((?:  \w+ +ok.*\n)+)check passed", guide).group(1)
    shown = [line.split()[0] for line in sample.splitlines()]
    printed = [line.split()[0] for line in run_check().stdout.splitlines() if re.match(r"  \w+ +ok\b", line)]
    assert shown == printed
    assert sorted(shown) == sorted(check.CHECKS)
    for name in check.CHECKS:  # each is explained above the sample
        assert re.search(rf"^- \*\*{name}\*\*", guide, re.M) or f"**{name}**" in guide, name


def test_every_bank_names_its_schema_for_editors():
    for bank in sorted((ROOT / "quizzes").glob("*.yml")):
        first_line = bank.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first_line == "# yaml-language-server: $schema=schema.json", bank.name
    assert (ROOT / "quizzes" / "schema.json").is_file()


def test_pre_commit_runs_the_same_checks_locally():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    named = set()
    for hook in hooks:
        assert hook["language"] == "system"
        entry = hook["entry"].split()
        assert entry[:2] == [".venv/bin/python", "scripts/check.py"], hook
        named |= set(check.CONTENT_CHECKS) if entry[2:] == ["content"] else set(entry[2:])
    assert named == set(check.CHECKS)
    pre_commit = Path(sys.executable).parent / "pre-commit"
    validated = subprocess.run(
        [str(pre_commit), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr


# --- report links ------------------------------------------------------------------


def test_every_quiz_question_has_a_prefilled_report_link(built_site):
    banks, problems = load_banks(ROOT / "quizzes")
    assert problems == []
    expected_questions = {question.id for bank in banks for question in bank.questions}
    form_fields = {item.get("id") for item in yaml.safe_load((ISSUE_FORMS / REPORT_FORM).read_text())["body"]}
    seen = set()
    for html_path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
        canonical = soup.find("link", rel="canonical")
        # every question is on its bank's question sheets (questions/<bank>/...), whose chapter is <bank>.md
        for question in soup.select("div.dva-sheet section.dva-sheet__question"):
            question_id = question["id"].removeprefix("q-")
            bank = html_path.relative_to(built_site).parts[1]
            chapter = canonical["href"][: canonical["href"].index("questions/")] + f"{bank}/"
            links = [a for a in question.find_all("a") if a.get_text(strip=True).startswith("Report a problem")]
            assert len(links) == 1, f"{html_path}: {question_id} has {len(links)} report links"
            url = urlsplit(unescape(links[0]["href"]))
            assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
            query = {key: values[0] for key, values in parse_qs(url.query, strict_parsing=True).items()}
            assert query == {
                "template": REPORT_FORM,
                "title": f"Quiz question {question_id}",
                "question": question_id,
                "bank": f"quizzes/{bank}.yml",
                "page": f"{chapter}#q-{question_id}",
            }
            assert set(query) - {"template", "title"} <= form_fields
            seen.add(question_id)
    assert seen == expected_questions


def built_page(site: Path, source: str) -> Path:
    """Where MkDocs writes a page: ``ec2.md`` -> ``ec2/index.html``, ``index.md`` -> ``index.html``."""
    path = source.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index")
    return site / path / "index.html"


def test_every_page_keeps_its_edit_link(built_site):
    for page in sorted((ROOT / "docs").rglob("*.md")):
        source = page.relative_to(ROOT / "docs").as_posix()
        soup = BeautifulSoup(built_page(built_site, source).read_text(encoding="utf-8"), "html.parser")
        edit = soup.find("a", rel="edit")
        assert edit is not None, f"{source} has no edit link"
        assert edit["href"] == f"{REPO_URL}/edit/main/docs/{source}"


# --- issue forms and workflows -----------------------------------------------------


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("form", "fields"),
    [
        ("wrong-question.yml", {"question", "bank", "page", "problem", "source"}),
        ("correction.yml", {"page", "section", "problem", "source"}),
        ("topic-request.yml", {"topic"}),
    ],
)
def test_issue_forms_parse_and_ask_for_what_a_fix_needs(form, fields):
    data = load_yaml(ISSUE_FORMS / form)
    assert {"name", "description", "body"} <= set(data)
    ids = []
    for item in data["body"]:
        assert item["type"] in FORM_FIELD_TYPES
        assert item["attributes"]
        if item["type"] != "markdown":
            assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"])
            assert item["attributes"]["label"]
            ids.append(item["id"])
        if item["type"] in ("dropdown", "checkboxes"):
            assert item["attributes"]["options"]
    assert len(ids) == len(set(ids)), f"{form}: repeated field ids"
    assert fields <= set(ids)


def test_the_report_form_requires_the_question_id():
    fields = {item.get("id"): item for item in load_yaml(ISSUE_FORMS / REPORT_FORM)["body"]}
    assert fields["question"]["validations"]["required"] is True


def test_issue_chooser_config_parses_and_links_into_this_project():
    data = load_yaml(ISSUE_FORMS / "config.yml")
    assert isinstance(data["blank_issues_enabled"], bool)
    for link in data["contact_links"]:
        assert {"name", "url", "about"} <= set(link)


GITHUB_FILES = ["CONTRIBUTING.md", ".github/PULL_REQUEST_TEMPLATE.md"] + [
    path.relative_to(ROOT).as_posix() for path in sorted(ISSUE_FORMS.glob("*.yml"))
]


@pytest.mark.parametrize("path", GITHUB_FILES)
def test_addresses_of_this_project_follow_mkdocs_yml(path):
    """repo_url and site_url are set in mkdocs.yml; files GitHub reads must repeat them exactly."""
    text = (ROOT / path).read_text(encoding="utf-8")
    for url in re.findall(r"https://[^\s)\"'>`]+", text):
        host = urlsplit(url).netloc
        if host == "github.com" or host.endswith(".github.io"):
            assert url.startswith((REPO_URL + "/", SITE_URL)), f"{path}: {url}"


def workflow_triggers(data: dict) -> dict:
    return data.get("on", data.get(True))  # PyYAML reads the key `on` as true


def steps_of(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def uses(data: dict) -> list[str]:
    return [step["uses"] for step in steps_of(data) if "uses" in step]


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_workflows_pin_actions_to_major_versions(name):
    actions = uses(load_yaml(WORKFLOWS / name))
    assert actions
    for action in actions:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), action


def test_ci_workflow_runs_make_test_on_pull_requests_and_main_with_caches():
    data = load_yaml(WORKFLOWS / "ci.yml")
    triggers = workflow_triggers(data)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    steps = steps_of(data)
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    assert setup["with"]["cache"] == "pip"
    assert set(setup["with"]["cache-dependency-path"].split()) == {"requirements.txt", "requirements-dev.txt"}
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    assert uses(data)[0].startswith("actions/checkout@")
    assert [step["run"] for step in steps if "run" in step] == ["make test"]


def test_pages_workflow_builds_and_deploys_with_the_official_actions():
    data = load_yaml(WORKFLOWS / "pages.yml")
    assert workflow_triggers(data)["push"]["branches"] == ["main"]
    assert data["permissions"]["pages"] == "write"
    assert data["permissions"]["id-token"] == "write"
    assert data["concurrency"]["group"]
    names = [action.split("@")[0] for action in uses(data)]
    for official in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert official in names
    assert "make build" in [step["run"] for step in steps_of(data) if "run" in step]
    upload = next(step for step in steps_of(data) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_workflows_pass_actionlint():
    result = run_check("actionlint")
    assert result.returncode == 0, result.stdout


# --- make serve -------------------------------------------------------------------------
def test_make_serve_on_a_taken_port_says_so_and_names_another():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            ["make", "--no-print-directory", "serve", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True
        )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"port {port} is already in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr


def test_the_benchmarks_scaled_banks_pass_the_bank_checks(tmp_path):
    """`make bench` measures pages at 4x the banks: the copies must build like the real banks."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import page_budgets

    project = page_budgets.scaled_project(tmp_path / "project", 2)
    banks, problems = load_banks(project / "quizzes")
    assert problems == []
    real, _ = load_banks(ROOT / "quizzes")
    assert sum(len(bank.questions) for bank in banks) == 2 * sum(len(bank.questions) for bank in real)
