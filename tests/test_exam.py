"""The exam simulator's settings (studysite/exam.py) and the exam and progress pages as built."""

from __future__ import annotations

import html
import json

import pytest
import yaml
from bs4 import BeautifulSoup

from studysite.coverage import Domain, load_exam_guide
from studysite.exam import ExamSettingsError, exam_settings, settings_attribute
from tests.conftest import ROOT
from tests.test_structure import _PermissiveLoader

EXAM = {"questions": 65, "scored_questions": 50, "minutes": 130, "passing_score": 720, "min_score": 100}
EXAM["max_score"] = 1000
DOMAINS = [
    Domain(2, "Security", 26),
    Domain(1, "Development with AWS Services", 32),
    Domain(3, "Deployment", 24),
    Domain(4, "Troubleshooting and Optimization", 18),
]


def test_settings_carry_the_exam_facts_and_the_domains_in_order():
    settings = exam_settings(EXAM, DOMAINS)
    assert settings["questions"] == 65 and settings["minutes"] == 130 and settings["passing_score"] == 720
    assert (settings["min_score"], settings["max_score"], settings["scored_questions"]) == (100, 1000, 50)
    assert settings["lengths"] == [10, 20, 65]
    assert settings["extension_minutes"] == 30  # the accommodation's extra time, unless extra.exam sets it
    assert [(d["number"], d["weight"]) for d in settings["domains"]] == [(1, 32), (2, 26), (3, 24), (4, 18)]


def test_a_short_full_exam_keeps_only_shorter_practice_lengths():
    assert exam_settings({**EXAM, "questions": 15}, DOMAINS)["lengths"] == [10, 15]


def test_a_missing_exam_value_is_named():
    with pytest.raises(ExamSettingsError, match=r"extra\.exam\.minutes: expected a whole number"):
        exam_settings({**EXAM, "minutes": "130"}, DOMAINS)


def test_the_extension_can_be_set_and_is_checked():
    assert exam_settings({**EXAM, "extension_minutes": 45}, DOMAINS)["extension_minutes"] == 45
    with pytest.raises(ExamSettingsError, match=r"extra\.exam\.extension_minutes: expected a whole number"):
        exam_settings({**EXAM, "extension_minutes": "30"}, DOMAINS)


def test_weights_that_do_not_add_up_are_refused():
    with pytest.raises(ExamSettingsError, match="weights must add up to 100"):
        exam_settings(EXAM, DOMAINS[:3])


def test_the_attribute_value_survives_html_escaping():
    settings = exam_settings(EXAM, [*DOMAINS[:3], Domain(4, 'Trouble "shooting" & <optimising>', 18)])
    value = settings_attribute(settings)
    assert '"' not in value and "<" not in value
    assert json.loads(html.unescape(value)) == settings


def test_the_exam_page_carries_the_settings_from_mkdocs_yml_and_the_guide(built_site):
    soup = BeautifulSoup((built_site / "exam" / "index.html").read_text(encoding="utf-8"), "html.parser")
    mount = soup.select_one("article div.dva-exam[data-exam]")
    guide, problems = load_exam_guide(ROOT / "data" / "exam-guide.yml", "data/exam-guide.yml", ROOT / "docs")
    assert problems == []
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    assert json.loads(mount["data-exam-settings"]) == exam_settings(config["extra"]["exam"], guide.domains)
    assert "needs JavaScript" in mount.noscript.get_text()


def test_the_progress_page_has_its_mount_point(built_site):
    soup = BeautifulSoup((built_site / "progress" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article div.dva-progress[data-progress] noscript")


def test_the_practice_and_progress_pages_carry_the_guide_domains_weights_and_tasks(built_site):
    guide, problems = load_exam_guide(ROOT / "data" / "exam-guide.yml", "data/exam-guide.yml", ROOT / "docs")
    assert problems == []
    expected = [{"number": d.number, "name": d.name, "weight": d.weight, "tasks": d.tasks} for d in guide.domains]
    for page, selector, attribute in (
        ("practice", "div.dva-practice[data-practice]", "data-practice-guide"),
        ("progress", "div.dva-progress[data-progress]", "data-progress-guide"),
    ):
        soup = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        mount = soup.select_one("article " + selector)
        assert json.loads(mount[attribute]) == expected
        assert [d["weight"] for d in expected] == [32, 26, 24, 18]
        assert mount.noscript


def test_the_question_index_names_each_chapter_and_section(built_site):
    index = json.loads((built_site / "assets" / "quiz-index.json").read_text(encoding="utf-8"))
    assert {"page": "iam/", "title": "IAM and access to AWS", "bank": "iam"} in index["chapters"]
    questions = [
        json.loads(path.read_text(encoding="utf-8")) for path in (built_site / "assets" / "questions").glob("*.json")
    ]
    iam = [q for q in questions if q["bank"] == "iam"]
    assert iam and {q["chapter"] for q in iam} == {"IAM and access to AWS"}
    assert all(q["ref"].startswith("#") and q["ref_title"] for q in questions)


# --- the front-end code: modules with one job, loaded where used ----------------------------------
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"


def test_no_script_is_longer_than_400_lines():
    lengths = {
        str(path.relative_to(SCRIPTS)): len(path.read_text(encoding="utf-8").splitlines())
        for path in SCRIPTS.rglob("*.js")
    }
    assert lengths and max(lengths.values()) <= 400, {name: n for name, n in lengths.items() if n > 400}


def module_scripts(built_site, page: str) -> set[str]:
    soup = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {script["src"].split("assets/javascripts/", 1)[1] for script in soup.select('script[type="module"][src]')}


def test_each_page_loads_only_the_modules_it_uses(built_site):
    assert module_scripts(built_site, "exam") == {"exam/main.js"}
    assert module_scripts(built_site, "progress") == {"progress/main.js"}
    assert module_scripts(built_site, "practice") == {"practice/main.js"}
    assert module_scripts(built_site, "sqs") == {"quiz.js"}
    assert module_scripts(built_site, "glossary") == set()
    assert module_scripts(built_site, ".") == {"practice/due.js"}  # the count of questions due, nothing more


def widget_stylesheets(built_site, page: str) -> set[str]:
    soup = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    names = {link["href"].rsplit("/", 1)[1] for link in soup.select('link[rel="stylesheet"]')}
    return names & {"exam.css", "practice.css"}


def test_each_page_links_only_the_widget_styles_it_uses(built_site):
    assert widget_stylesheets(built_site, "exam") == {"exam.css"}
    assert widget_stylesheets(built_site, "progress") == {"exam.css", "practice.css"}
    assert widget_stylesheets(built_site, "practice") == {"practice.css"}
    assert widget_stylesheets(built_site, ".") == {"practice.css"}  # the count of questions due
    assert widget_stylesheets(built_site, "sqs") == set()
    assert widget_stylesheets(built_site, "glossary") == set()


def test_no_page_carries_data_in_an_inline_script(built_site):
    for page in ("exam", "progress", "practice", "sqs"):
        soup = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        inline = [s for s in soup.select("article script") if not s.get("src")]
        assert inline == [], f"{page}: {inline[0]}"
