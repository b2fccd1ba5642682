"""The image check: each defect is reported with file and line, and fails the strict build."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from studysite.images import check_image_refs, find_image_refs
from tests.conftest import ROOT, mkdocs_build

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Box</title><rect width="10" height="10"/></svg>'
)


def make_site(tmp_path: Path, pages: dict[str, str], images=("images/ebs_attached.svg",)) -> Path:
    """A minimal MkDocs project using the real image hook."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    for image in images:
        (docs / image).parent.mkdir(parents=True, exist_ok=True)
        (docs / image).write_text(SVG, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: fixture\nhooks:\n  - {ROOT / 'hooks' / 'images.py'}\nmarkdown_extensions:\n  - attr_list\n",
        encoding="utf-8",
    )
    return tmp_path


def check(site: Path):
    docs = site / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return check_image_refs(docs, pages, site)


EC2_PAGE = """
---
title: EC2
---
# EC2

Some text.

* A list item
    ![EBS volume attached to an instance](images/ebs.png)
"""


def test_missing_image_names_file_line_and_close_match(tmp_path):
    site = make_site(tmp_path, {"ec2.md": EC2_PAGE})
    assert check(site).errors == [
        "docs/ec2.md:9: image 'images/ebs.png' not found (did you mean 'images/ebs_attached.svg'?)"
    ]


def test_missing_image_without_close_match_has_no_suggestion(tmp_path):
    site = make_site(tmp_path, {"a.md": "# A\n\n![Route table with two routes](images/route_table.png)\n"})
    assert check(site).errors == ["docs/a.md:3: image 'images/route_table.png' not found"]


def test_missing_image_fails_strict_build_with_message(tmp_path):
    site = make_site(tmp_path, {"index.md": EC2_PAGE})
    result = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "docs/index.md:9: image 'images/ebs.png' not found (did you mean 'images/ebs_attached.svg'?)" in (
        result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_reference_style_and_attributes_and_html_img_are_checked(tmp_path):
    page = """
    # Kinds

    ![Reference-style figure][fig]

    ![Figure with attributes](images/nope.svg){ width="300" }

    <p>
      <img alt="HTML figure"
           src="images/missing.svg">
    </p>

    [fig]: images/gone.svg
    """
    site = make_site(tmp_path, {"a.md": page})
    assert check(site).errors == [
        "docs/a.md:3: image 'images/gone.svg' not found",
        "docs/a.md:5: image 'images/nope.svg' not found",
        "docs/a.md:8: image 'images/missing.svg' not found",
    ]


def test_case_mismatch_fails_even_on_case_insensitive_filesystems(tmp_path):
    site = make_site(tmp_path, {"a.md": "# A\n\n![EBS volume attached](images/EBS_Attached.svg)\n"})
    assert check(site).errors == [
        "docs/a.md:3: image 'images/EBS_Attached.svg' not found: the file is 'images/ebs_attached.svg' "
        "(letter case differs, which breaks on case-sensitive servers)"
    ]


def test_absolute_path_fails(tmp_path):
    site = make_site(tmp_path, {"guide/a.md": "# A\n\n![EBS volume attached](/images/ebs_attached.svg)\n"})
    assert check(site).errors == [
        "docs/guide/a.md:3: image '/images/ebs_attached.svg' is an absolute path; use a path relative "
        "to the page, such as '../images/ebs_attached.svg'"
    ]


def test_path_leaving_docs_fails(tmp_path):
    site = make_site(tmp_path, {"a.md": "# A\n\n![Logo of the project](../logo.svg)\n"})
    assert check(site).errors == [
        "docs/a.md:3: image '../logo.svg' points outside docs/; keep images under docs/images/"
    ]


def test_image_from_another_host_fails(tmp_path):
    site = make_site(tmp_path, {"a.md": "# A\n\n![Architecture](https://example.com/a.png)\n"})
    assert check(site).errors == [
        "docs/a.md:3: image 'https://example.com/a.png' is not a file of this site; save it under docs/images/ "
        "and link it relatively (pages must not load anything from other hosts)"
    ]


@pytest.mark.parametrize(
    ("markup", "cause"),
    [
        ("![](images/ebs_attached.svg)", "has empty alt text; describe what the figure shows"),
        (
            "![img.png](images/ebs_attached.svg)",
            "has alt text 'img.png', which says nothing about the figure; describe what it shows",
        ),
        (
            "![image](images/ebs_attached.svg)",
            "has alt text 'image', which says nothing about the figure; describe what it shows",
        ),
        ('<img src="images/ebs_attached.svg">', "has no alt text; describe what the figure shows"),
    ],
)
def test_meaningless_alt_text_fails(tmp_path, markup, cause):
    site = make_site(tmp_path, {"a.md": f"# A\n\n{markup}\n"})
    assert check(site).errors == [f"docs/a.md:3: image 'images/ebs_attached.svg' {cause}"]


def test_alt_text_failure_stops_strict_build(tmp_path):
    site = make_site(tmp_path, {"index.md": "# A\n\n![img.png](images/ebs_attached.svg)\n"})
    result = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "docs/index.md:3: image 'images/ebs_attached.svg' has alt text 'img.png'" in result.stdout + result.stderr


def test_unused_image_is_reported_and_fails_strict_build(tmp_path):
    site = make_site(tmp_path, {"index.md": "# A\n\nNo figures here.\n"})
    assert check(site).warnings == ["docs/images/ebs_attached.svg: image is not used by any page"]
    result = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "docs/images/ebs_attached.svg: image is not used by any page" in result.stdout + result.stderr


def test_good_references_pass_and_build(tmp_path):
    page = "# A\n\n![EBS volume attached to one instance](images/ebs_attached.svg)\n"
    site = make_site(tmp_path, {"index.md": page})
    report = check(site)
    assert (report.errors, report.warnings) == ([], [])
    assert mkdocs_build(site / "mkdocs.yml", tmp_path / "out").returncode == 0


def test_images_in_code_are_not_references(tmp_path):
    page = """
    # A

    ```markdown
    ![img.png](images/not_a_figure.png)
    ```

    Write `![alt](images/x.png)` to add a figure.
    """
    site = make_site(tmp_path, {"a.md": page}, images=())
    assert check(site).errors == []


def test_find_image_refs_line_numbers_count_front_matter():
    refs = find_image_refs("---\ntitle: x\n---\n\n![A figure](a.svg)\n")
    assert [(ref.line, ref.src, ref.alt) for ref in refs] == [(5, "a.svg", "A figure")]


def test_the_real_pages_have_no_image_problems():
    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    report = check_image_refs(docs, pages, ROOT)
    assert report.errors == []
    assert report.warnings == []


# --- SVG files: nothing that runs or loads, legible on the dark palette (studysite/svg.py) -------------
SVG_PAGE = "# EC2\n\n![An EBS volume attached to an instance](images/ebs_attached.svg)\n"


def svg_errors_of(tmp_path: Path, svg: str, page: str = SVG_PAGE) -> list[str]:
    site = make_site(tmp_path, {"ec2.md": page})
    (site / "docs" / "images" / "ebs_attached.svg").write_text(svg, encoding="utf-8")
    return check(site).errors


@pytest.mark.parametrize(
    ("inside", "cause"),
    [
        ("<script>alert(1)</script>", "contains a <script>; figures must not run code"),
        ('<rect width="1" height="1" onload="alert(1)"/>', "has an event handler 'onload'; figures must not run code"),
        ("<foreignObject><p>x</p></foreignObject>", "contains a <foreignObject>; draw with SVG shapes and text only"),
        (
            '<image href="https://example.com/a.png" width="1" height="1"/>',
            "references 'https://example.com/a.png'; an SVG may only refer to its own parts (#id)",
        ),
        (
            "<style>@import url(https://example.com/f.css);</style>",
            "loads a style or font from outside the file; keep styles inline",
        ),
    ],
)
def test_an_svg_that_could_run_code_or_contact_a_host_fails(tmp_path, inside, cause):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Box</title>{inside}</svg>'
    assert svg_errors_of(tmp_path, svg) == [f"docs/ec2.md:3: image 'images/ebs_attached.svg' {cause}"]


WHITE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><title>Box</title>'
    '<rect width="100%" height="100%" fill="#FFFFFF"/><text x="2" y="12">EBS</text></svg>'
)


def test_an_svg_on_opaque_white_is_reported_for_the_dark_palette(tmp_path):
    assert svg_errors_of(tmp_path, WHITE_SVG) == [
        "docs/ec2.md:3: image 'images/ebs_attached.svg' has an opaque white background, which glares on the dark "
        "palette; make the background transparent, or pair it with a dark version: "
        "'x-light.svg#only-light' and 'x-dark.svg#only-dark'"
    ]


def test_the_light_half_of_a_pair_may_be_white(tmp_path):
    page = SVG_PAGE.replace("ebs_attached.svg)", "ebs_attached.svg#only-light)")
    assert svg_errors_of(tmp_path, WHITE_SVG, page) == []


def test_the_example_figures_of_the_contributor_guide_pass(tmp_path):
    report = check_image_refs(ROOT / "docs", ["contributing/index.md"], ROOT)
    assert report.errors == []
    assert (ROOT / "docs" / "images" / "example-queue-dark.svg").is_file()


def test_an_image_shown_only_by_a_quiz_bank_counts_as_used(tmp_path):
    site = make_site(tmp_path, {"ec2.md": "# EC2\n\nNo figure here.\n"})
    assert check(site).warnings == ["docs/images/ebs_attached.svg: image is not used by any page"]
    (site / "quizzes").mkdir()
    (site / "quizzes" / "ec2.yml").write_text(
        "questions:\n  - prompt: |\n      ![An EBS volume attached to an instance](images/ebs_attached.svg)\n",
        encoding="utf-8",
    )
    assert check(site).warnings == []
