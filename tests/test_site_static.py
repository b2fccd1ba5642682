"""The built site as files: strict build, no third-party hosts, descriptions, macros safety."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from tests.conftest import ROOT, mkdocs_build

REQUESTING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
}
REQUESTING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect"}


def built_pages(built_site):
    return sorted(built_site.rglob("*.html"))


def test_strict_build_succeeds(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "sitemap.xml").exists()


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for html in built_pages(built_site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in REQUESTING.items():
            for element in soup.find_all(tag):
                if urlparse(element.get(attr, "")).netloc:
                    offenders.append(f"{html.relative_to(built_site)}: <{tag} {attr}={element[attr]}>")
        for link in soup.find_all("link", href=True):
            if REQUESTING_LINK_RELS & set(link.get("rel", [])) and urlparse(link["href"]).netloc:
                offenders.append(f"{html.relative_to(built_site)}: <link href={link['href']}>")
    assert offenders == []


def test_stylesheets_import_nothing_from_another_host(built_site):
    offenders = []
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{css.relative_to(built_site)}: {url}")
        if "@import url(http" in css.read_text(encoding="utf-8", errors="replace"):
            offenders.append(str(css.relative_to(built_site)))
    assert offenders == []


def test_every_page_has_its_own_description(built_site):
    descriptions = {}
    for html in built_pages(built_site):
        if html.name != "index.html" or html.parent.name == "404":
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) > 40, f"{html.relative_to(built_site)} has no real description"
        descriptions[html.relative_to(built_site).as_posix()] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), "descriptions must differ per page"


def test_home_page_shows_exam_facts_from_the_config(built_site):
    text = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "65 (50 scored, 15 unscored" in text
    assert "130 minutes" in text
    assert "passing score 720" in text
    assert "{{" not in text


def test_home_page_links_every_chapter(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"].strip("./").split("/")[0] for a in soup.select("article table a[href]")}
    pages = {"index", "glossary", "coverage", "exam", "practice", "progress", "changes"}
    chapters = {p.stem for p in (ROOT / "docs").glob("*.md")} - pages
    assert chapters <= links


def test_glossary_lists_every_abbreviation(built_site):
    terms = [
        line for line in (ROOT / "includes" / "abbreviations.md").read_text().splitlines() if line.startswith("*[")
    ]
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(terms) > 50
    assert ["DNS", "Domain Name System"] == next(
        [cell.get_text() for cell in row.find_all("td")] for row in rows if row.td.get_text() == "DNS"
    )


def test_notes_with_template_syntax_render_as_written(tmp_path):
    """Notes may contain {{ and {% (for example in code); only opted-in pages run macros."""
    project = tmp_path / "project"
    for folder in ("overrides", "hooks", "includes", "studysite", "data"):  # all that mkdocs.yml names
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:  .*\n|\n)*", "", config, flags=re.M)  # let MkDocs list the two pages
    config = config.replace("  - hooks/coverage.py\n", "")  # its data file names the real chapters
    (project / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "schema.json", project / "quizzes")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "index.md").write_text(
        "---\nrender_macros: true\n---\n# Home\n\nThe exam code is {{ exam.code }}.\n", encoding="utf-8"
    )
    (docs / "notes.md").write_text(
        "# Notes\n\nA template uses {{ name }} and {% if x %}.\n\n```yaml\nValue: '{{resolve:ssm:/p}}'\n```\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    notes = BeautifulSoup((tmp_path / "out" / "notes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "The exam code is DVA-C02." in home
    assert "A template uses {{ name }} and {% if x %}." in notes.get_text()
    assert "Value: '{{resolve:ssm:/p}}'" in notes.select_one("pre").get_text()


# The names AWS gives its services (its documentation's titles), for the glossary's tooltips.
OFFICIAL_NAMES = {
    "ACM": "AWS Certificate Manager",
    "CDK": "AWS Cloud Development Kit",
    "DAX": "Amazon DynamoDB Accelerator",
    "EBS": "Amazon Elastic Block Store",
    "EC2": "Amazon Elastic Compute Cloud",
    "ECR": "Amazon Elastic Container Registry",
    "ECS": "Amazon Elastic Container Service",
    "EFS": "Amazon Elastic File System",
    "EKS": "Amazon Elastic Kubernetes Service",
    "ELB": "Elastic Load Balancing",
    "IAM": "AWS Identity and Access Management",
    "IMDS": "Instance Metadata Service",
    "KMS": "AWS Key Management Service",
    "MSK": "Amazon Managed Streaming for Apache Kafka",
    "RDS": "Amazon Relational Database Service",
    "S3": "Amazon Simple Storage Service",
    "SAM": "AWS Serverless Application Model",
    "SNS": "Amazon Simple Notification Service",
    "SQS": "Amazon Simple Queue Service",
    "SSM": "AWS Systems Manager",
    "STS": "AWS Security Token Service",
    "VPC": "Amazon Virtual Private Cloud",
    "DNS": "Domain Name System",
}


def test_glossary_gives_aws_service_names_as_aws_writes_them():
    from studysite.glossary import load_glossary

    glossary = dict(load_glossary(ROOT / "includes" / "abbreviations.md"))
    assert {term: glossary.get(term) for term in OFFICIAL_NAMES} == OFFICIAL_NAMES
