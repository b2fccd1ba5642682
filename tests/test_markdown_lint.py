"""Markdown slips (studysite/markdown_lint.py): reported with page and line, never on good markdown."""

from __future__ import annotations

from studysite.markdown_lint import find_slips
from tests.conftest import ROOT


def test_a_list_right_after_a_paragraph_is_reported():
    text = "---\ndescription: x\n---\n\n# Title\n\nThe attributes are:\n* one\n* two\n"
    assert find_slips("sqs.md", text) == [
        "docs/sqs.md:8: this list follows a paragraph without a blank line, so it is shown as part of the "
        "paragraph; add a blank line before the list"
    ]


def test_a_list_after_a_paragraph_inside_an_admonition_is_reported():
    text = '!!! tip "Exam tip"\n    Remember:\n    - one\n'
    assert find_slips("sqs.md", text) == [
        "docs/sqs.md:3: this list follows a paragraph without a blank line, so it is shown as part of the "
        "paragraph; add a blank line before the list"
    ]


def test_nesting_by_two_spaces_is_reported_with_the_indent_to_use():
    text = "* parent\n  - child\n"
    assert find_slips("sqs.md", text) == [
        "docs/sqs.md:2: this list item is indented by 2 spaces, so it is not nested as it looks; "
        "nest lists by 4 spaces per level (indent it by 4)"
    ]


def test_a_table_column_without_a_header_is_reported():
    text = "Compared:\n\n| | SSH | Session Manager |\n| --- | --- | --- |\n| Port 22 | Yes | No |\n"
    assert find_slips("secrets.md", text) == [
        "docs/secrets.md:3: a column of this table has no header, so screen readers cannot name its cells; "
        "give every column a header (for example 'Question' or 'Feature')"
    ]
    assert find_slips("secrets.md", text.replace("| | SSH", "| Question | SSH")) == []
    assert find_slips("secrets.md", "| `a|b` | c |\n| :-- | --: |\n| 1 | 2 |\n") == []  # a pipe inside code


def test_good_lists_code_blocks_and_tables_pass():
    text = (
        "Intro.\n\n* parent\n    - child\n        1. grandchild\n* next\ncontinued lazily\n\n"
        "```yaml\nkey:\n  - item\n```\n\n| a | b |\n| --- | --- |\n| - x | y |\n\n# Heading\n* right under it\n"
    )
    assert find_slips("sqs.md", text) == []


def test_every_page_of_the_site_is_free_of_slips():
    slips = [
        slip
        for path in sorted((ROOT / "docs").rglob("*.md"))
        for slip in find_slips(path.relative_to(ROOT / "docs").as_posix(), path.read_text(encoding="utf-8"))
    ]
    assert slips == []
