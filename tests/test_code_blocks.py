"""Code samples in the notes are valid (studysite/code_blocks.py): JSON and YAML parse, Python compiles.

The check runs in the build and in ``make check``; these tests check the checker and that
every page passes it, with CloudFormation's short tags accepted.
"""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from studysite.code_blocks import code_blocks, code_problems, compact_highlighted_code
from tests.conftest import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))


def page_name(path) -> str:
    return path.relative_to(ROOT / "docs").as_posix()


@pytest.mark.parametrize("path", PAGES, ids=page_name)
def test_every_code_block_of_the_page_parses(path):
    assert code_problems(page_name(path), path.read_text(encoding="utf-8")) == []


def test_a_block_that_does_not_parse_is_reported_with_its_line_and_the_fix():
    text = 'Intro.\n\n```json\n{"a": 1,}\n```\n\n```yaml\nA: !Ref B\nC: [1\n```\n\n```python\ndef f(:\n```\n'
    assert code_problems("x.md", text) == [
        "docs/x.md:3: this json block does not parse: Expecting property name enclosed in double quotes "
        "(line 1 of the block); fix it, or mark an excerpt that is not meant to run as ```text",
        "docs/x.md:7: this yaml block does not parse: expected ',' or ']', but got '<stream end>' "
        "(line 2 of the block); fix it, or mark an excerpt that is not meant to run as ```text",
        "docs/x.md:12: this python block does not parse: invalid syntax (line 1 of the block); fix it, or mark "
        "an excerpt that is not meant to run as ```text",
    ]


def test_cloudformation_short_tags_and_text_excerpts_pass():
    text = "```yaml\nBucket: !GetAtt Site.Arn\nName: !Sub '${AWS::StackName}-x'\n```\n\n```text\n{ ... }\n```\n"
    assert code_problems("x.md", text) == []


def test_cloudformation_resource_types_look_real():
    """``Type: AWS::Service::Resource`` in templates: three parts, each capitalised."""
    bad = []
    for path in PAGES:
        for line, language, code in code_blocks(path.read_text(encoding="utf-8")):
            if language != "yaml":
                continue
            for type_name in re.findall(r"^\s*Type:\s*['\"]?(AWS::\S+?)['\"]?\s*$", code, re.M):
                type_name = re.sub(r"^AWS::SSM::Parameter::Value<(.+)>$", r"\1", type_name)  # parameter types
                if not re.fullmatch(r"AWS::[A-Z][A-Za-z0-9]+::[A-Z][A-Za-z0-9]+(::[A-Z][A-Za-z0-9]+)?", type_name):
                    bad.append(f"{page_name(path)}:{line}: {type_name}")
    assert bad == []


def _coloured_characters(html: str) -> list[tuple[str, str]]:
    """Each visible non-space character of highlighted code with the token class it is shown in."""
    shown, classes = [], []
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("</span"):
            classes.pop()
        elif part.startswith("<span"):
            classes.append((re.search(r'class="([^"]*)"', part) or [None, ""])[1])
        elif not part.startswith("<"):
            shown += [(char, classes[-1] if classes else "") for char in unescape(part) if not char.isspace()]
    return shown


def test_compacted_code_shows_the_same_text_in_the_same_colours_with_fewer_elements():
    sample = (
        '```json\n{\n  "StartAt": "Charge",\n  "States": {"Charge": {"Type": "Task", "End": true}},\n'
        '  "N": [1, 2]\n}\n```\n'
    )
    html = markdown.markdown(sample, extensions=["pymdownx.highlight", "pymdownx.superfences"])
    compact = compact_highlighted_code(html)
    assert _coloured_characters(compact) == _coloured_characters(html)
    assert re.sub(r"<[^>]+>", "", compact) == re.sub(r"<[^>]+>", "", html)  # the text a reader copies
    assert compact.count("<span") < html.count("<span") * 0.7  # 24 of 39 here
    assert '<span class="w">' not in compact
