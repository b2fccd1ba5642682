"""The built notes keep everything the seed shows on GitHub.

The seed, with only its markup slips fixed (``github_equivalent``: ``•``
bullets, ``*TCP``, empty bullets), is rendered with cmark-gfm (GitHub's own
Markdown engine) and compared
with the chapter pages of the built site: headings, list items per nesting
depth, code blocks, tables, links and the Q/A pairs. Figures added since the
conversion may add code blocks and tables, never remove the seed's.
"""

from __future__ import annotations

from collections import Counter

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from cmarkgfm.cmark import Options

from scripts.convert_seed import EXAMPLE_URL
from scripts.convert_seed import github_equivalent as seed_markup_fixes
from studysite.pages import nav_paths
from tests.conftest import ROOT

DOCTOC_END = "<!-- END doctoc generated TOC please keep comment here to allow auto update -->"
ADDED_HEADINGS = {"Check yourself"}  # ours: the quiz section at the end of each chapter
# pages of ours (contributor pages live in folders)
NOT_FROM_THE_SEED = {"index.md", "coverage.md", "exam.md", "practice.md", "progress.md", "changes.md"}
# chapters written for this site after the notes: their nav groups
NEW_SECTIONS = {"Serverless", "Identity and secrets", "Deployment", "Operations"}


# Typos in the seed that the notes fix (the site shows the fixed text; compare against it).
SEED_TYPO_FIXES = [
    # the SSH template lacked the space between the key and user@host
    (
        "`ssh -i <key>@<public-ip-address-of-ec2-instance>`",
        "`ssh -i <key> <user>@<public-ip-address-of-ec2-instance>`",
    ),
    # the empty "SSH for Linux/Mac" section gets the command it was meant to hold
    (
        "#### SSH for Linux/Mac\n\n",
        "#### SSH for Linux/Mac\nTerminal: cd into directory where key (`AndreasKeys.pem`) is located, make the key"
        " readable only by you (`chmod 400 AndreasKeys.pem`), then:  "
        "`ssh -i <key> <user>@<public-ip-address-of-ec2-instance>`"
        " (e.g. `ssh -i AndreasKeys.pem ec2-user@18.192.116.89`)\n\n",
    ),
    # "-Allowlist" (no space) was meant as a list item like its "Blocklist" sibling
    ("  -Allowlist: ", "  - Allowlist: "),
]


def github_equivalent(text: str) -> str:
    """The seed with its markup slips and the typos above fixed, still in GitHub's dialect."""
    text = seed_markup_fixes(text)
    for old, new in SEED_TYPO_FIXES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def seed_soup() -> BeautifulSoup:
    text = (ROOT / "tests" / "data" / "seed.md").read_text(encoding="utf-8").split(DOCTOC_END, 1)[1]
    text = github_equivalent(text)  # the documented markup-slip fixes, nothing else
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return BeautifulSoup(html, "html.parser")


def chapter_articles(built_site) -> list[BeautifulSoup]:
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    articles = []
    new = {path for item in config["nav"] for section, pages in item.items() if section in NEW_SECTIONS
           for path in nav_paths(pages)}  # fmt: skip
    for path in nav_paths(config["nav"]):
        if path in NOT_FROM_THE_SEED or path in new or "/" in path:
            continue
        html = (built_site / path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
        for quiz in article.select(".dva-quiz, .admonition.changed"):  # ours: quizzes and What-changed boxes
            quiz.decompose()
        articles.append(article)
    return articles


class _PermissiveLoader(__import__("yaml").SafeLoader):
    """Reads mkdocs.yml, ignoring its !ENV and !!python tags."""


_PermissiveLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def heading_list(roots) -> list[tuple[int, str]]:
    out = []
    for root in roots:
        for heading in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            for permalink in heading.select("a.headerlink"):
                permalink.decompose()
            out.append((int(heading.name[1]), " ".join(heading.get_text().split())))
    return out


def list_items_by_depth(roots) -> Counter:
    depths: Counter = Counter()
    for root in roots:
        for item in root.find_all("li"):
            if item.get_text().strip().startswith("Q:"):
                continue  # the notes' Q/A pairs: questions on the site, compared separately
            if not item.get_text().strip():
                continue  # an item holding only a slide image: figures may be placed outside the list
            depths[len(item.find_parents(["ul", "ol"]))] += 1
    return depths


def code_blocks(roots) -> Counter:
    return Counter(
        "\n".join(line.rstrip() for line in pre.get_text().strip().splitlines())
        for root in roots
        for pre in root.find_all("pre")
        if "mermaid" not in (pre.get("class") or [])
    )


def table_headers(roots) -> Counter:
    return Counter(
        tuple(" ".join(th.get_text().split()) for th in table.find_all("th"))
        for root in roots
        for table in root.find_all("table")
    )


def external_links(roots) -> Counter:
    return Counter(
        a["href"].rstrip("/")
        for root in roots
        for a in root.find_all("a", href=True)
        if a["href"].startswith("http") and not EXAMPLE_URL.search(a["href"])
    )


@pytest.fixture(scope="module")
def seed():
    return seed_soup()


@pytest.fixture(scope="module")
def site(built_site):
    return chapter_articles(built_site)


def test_headings_match_the_seed_in_order(seed, site):
    expected = [
        h for h in heading_list([seed]) if h not in {(1, "AWS Certified Developer - Associate"), (2, "Abbreviations")}
    ]
    actual = [h for h in heading_list(site) if h[0] > 1 and h[1] not in ADDED_HEADINGS]
    assert actual == expected


def test_list_items_per_nesting_depth_match_the_seed(seed, site):
    assert list_items_by_depth(site) == list_items_by_depth([seed])


def test_every_seed_code_block_is_on_the_site(seed, site):
    missing = code_blocks([seed]) - code_blocks(site)
    assert not missing, f"code blocks lost: {list(missing)}"


def test_every_seed_table_is_on_the_site(seed, site):
    missing = table_headers([seed]) - table_headers(site)
    assert not missing, f"tables lost: {list(missing)}"


def test_every_seed_link_is_on_the_site(seed, site):
    missing = external_links([seed]) - external_links(site)
    assert not missing, f"links lost: {list(missing)}"


def test_qa_pairs_become_collapsed_questions(seed, site):
    seed_questions = [p for p in seed.find_all(["p", "li"]) if p.get_text().strip().startswith("Q:")]
    questions = [d for root in site for d in root.select("details.question")]
    assert len(questions) == len(seed_questions) == 6
    for details in questions:
        assert not details.has_attr("open"), "answers must be hidden until opened"
        assert details.find("strong", string="Answer:")
