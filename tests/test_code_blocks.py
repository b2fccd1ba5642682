"""Code samples in the notes are valid: JSON parses, YAML parses (CloudFormation tags allowed)."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
import yaml

from tests.conftest import ROOT

FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
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


def code_blocks(language: str):
    """(page:line, code) for every fenced block of ``language`` in docs/."""
    blocks = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        index = 0
        while index < len(lines):
            match = FENCE.match(lines[index])
            if not match:
                index += 1
                continue
            start, fence = index, match["fence"]
            index += 1
            body = []
            while index < len(lines) and not lines[index].strip().startswith(fence):
                body.append(lines[index])
                index += 1
            index += 1
            if match["lang"].lower() == language:
                where = f"{page.relative_to(ROOT).as_posix()}:{start + 1}"
                blocks.append(pytest.param(textwrap.dedent("\n".join(body)), id=where))
    return blocks


@pytest.mark.parametrize("code", code_blocks("json"))
def test_json_blocks_parse(code):
    json.loads(code)


@pytest.mark.parametrize("code", code_blocks("yaml"))
def test_yaml_blocks_parse(code):
    yaml.load(code, Loader=CloudFormationLoader)


def test_cloudformation_resource_types_look_real():
    """``Type: AWS::Service::Resource`` in templates: three parts, each capitalised."""
    bad = []
    for param in code_blocks("yaml"):
        for type_name in re.findall(r"^\s*Type:\s*['\"]?(AWS::\S+?)['\"]?\s*$", param.values[0], re.M):
            type_name = re.sub(r"^AWS::SSM::Parameter::Value<(.+)>$", r"\1", type_name)  # parameter types
            if not re.fullmatch(r"AWS::[A-Z][A-Za-z0-9]+::[A-Z][A-Za-z0-9]+(::[A-Z][A-Za-z0-9]+)?", type_name):
                bad.append(f"{param.id}: {type_name}")
    assert bad == []
