"""Code samples in the notes are real code: ``json`` and ``yaml`` blocks parse, ``python`` compiles.

A reader copies them; a block that does not parse teaches the wrong thing. CloudFormation's
short forms (``!Ref``, ``!GetAtt``, ``!Sub`` ...) are accepted in YAML. An excerpt that is not
meant to parse (``...``, placeholders) belongs in a ``text`` block.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator

import yaml

from studysite.markdown_text import fenced_blocks

CLOUDFORMATION_TAGS = (
    "Ref", "GetAtt", "Sub", "Join", "Select", "Split", "FindInMap", "ImportValue", "GetAZs", "If", "Equals",
    "And", "Or", "Not", "Condition", "Base64", "Cidr", "Transform", "ToJsonString", "Length",
)  # fmt: skip


class CloudFormationLoader(yaml.SafeLoader):
    """PyYAML's safe loader that also accepts the short forms of intrinsic functions (!Ref ...)."""


def _construct_tag(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {f"Fn::{tag_suffix}": loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {f"Fn::{tag_suffix}": loader.construct_sequence(node, deep=True)}
    return {f"Fn::{tag_suffix}": loader.construct_mapping(node, deep=True)}


for _tag in CLOUDFORMATION_TAGS:
    CloudFormationLoader.add_multi_constructor(f"!{_tag}", _construct_tag)


def code_blocks(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line of the opening fence, language, code)`` for every fenced block of a page source."""
    for block in fenced_blocks(text.splitlines()):
        yield block.start + 1, block.language, textwrap.dedent("\n".join(block.body))


def _problem(language: str, code: str) -> str | None:
    try:
        if language == "json":
            json.loads(code)
        elif language == "yaml":
            yaml.load(code, Loader=CloudFormationLoader)
        elif language == "python":
            compile(code, "<block>", "exec")
    except json.JSONDecodeError as error:
        return f"{error.msg} (line {error.lineno} of the block)"
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return f"{error.problem} (line {mark.line + 1} of the block)" if mark else str(error)
    except yaml.YAMLError as error:
        return str(error)
    except SyntaxError as error:
        return f"{error.msg} (line {error.lineno} of the block)"
    return None


def code_problems(page: str, text: str) -> list[str]:
    """Every block that does not parse, as ``docs/page:LINE: cause; fix``."""
    problems = []
    for line, language, code in code_blocks(text):
        cause = _problem(language, code)
        if cause:
            problems.append(
                f"docs/{page}:{line}: this {language} block does not parse: {cause}; "
                "fix it, or mark an excerpt that is not meant to run as ```text"
            )
    return problems


# Pygments wraps every run of whitespace in code in <span class="w">, which no stylesheet
# styles (Material colours tokens, not spaces): a long YAML sample gets hundreds of such
# elements, and every element costs a phone time in style and layout.
WHITESPACE_SPAN = re.compile(r'<span class="w">([ \t\r\n]*)</span>')


# Punctuation and operators (JSON's braces, colons and commas): Pygments gives each its own
# element; runs of them separated only by whitespace can share one, coloured the same.
PUNCTUATION_RUN = re.compile(r'<span class="(p|o)">([^<]*)</span>([ \t\r\n]*)<span class="\1">')


def compact_highlighted_code(html: str) -> str:
    """Highlighted code with fewer elements, the same text and colours.

    Whitespace loses the element Pygments puts around it, and neighbouring punctuation
    (or operators) separated only by whitespace share one element.
    """
    html = WHITESPACE_SPAN.sub(r"\1", html)
    while True:
        merged = PUNCTUATION_RUN.sub(r'<span class="\1">\2\3', html)
        if merged == html:
            return html
        html = merged
