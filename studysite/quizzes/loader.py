"""Read a bank file into plain data, remembering where every key and value came from.

PyYAML's usual loaders forget positions and keep the last of two equal keys; this one
composes the YAML node tree (which has line and column marks) and builds the data
itself, so it can refuse duplicate keys and say where each value is.

Scalars follow YAML 1.2 rules rather than PyYAML's YAML 1.1 defaults: only
``true``/``false`` are booleans (``yes``, ``no``, ``on`` and ``off`` stay text, so the
schema can reject them), dates stay text, and ``<<`` is an ordinary (unknown) key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from studysite.quizzes.model import Path as DataPath
from studysite.quizzes.model import Problem, SourceMap, format_path

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BankYamlLoader(_BaseLoader):
    """A safe loader whose implicit types are those of YAML 1.2's core schema."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's own class-level registry)


BankYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
BankYamlLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
BankYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _construct_int(loader: BankYamlLoader, node: yaml.ScalarNode) -> int:
    """Decimal integers only (``010`` is ten, as in YAML 1.2, not eight)."""
    text = loader.construct_scalar(node)
    try:
        return int(text, 10)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a decimal whole number, found {text!r}", node.start_mark
        ) from None


BankYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
BankYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


@dataclass
class LoadedFile:
    """A bank file as data: ``data`` is None when the file could not be read as YAML."""

    shown: str
    data: object = None
    where: SourceMap = field(default_factory=SourceMap)
    problems: list[Problem] = field(default_factory=list)
    key: str = ""  # see Bank.key


def load_bank_file(path: Path, shown: str) -> LoadedFile:
    """Read one bank file; ``shown`` is the name used in messages (``quizzes/ec2.yml``)."""
    return load_bank_bytes(path.read_bytes(), shown)


def load_bank_bytes(raw: bytes, shown: str) -> LoadedFile:
    """Parse the bytes of a bank file (UTF-8 YAML)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        loaded = LoadedFile(shown)
        loaded.problems.append(Problem(shown, line, column, (), "the file is not UTF-8 text; save it as UTF-8"))
        return loaded
    return load_bank_text(text, shown)


def load_bank_text(text: str, shown: str) -> LoadedFile:
    """Parse YAML text into data plus a map of positions, or into problems."""
    loaded = LoadedFile(shown)
    loader = BankYamlLoader(text)
    try:
        shared = _first_anchor_or_alias(text)
        if shared:
            loaded.problems.append(Problem(shown, *shared, (), ALIASES))
            return loaded
        node = loader.get_single_node()
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            loaded.problems.append(
                Problem(shown, 1, 1, (), "the file is empty; a bank needs 'id', 'title' and 'questions'")
            )
            return loaded
        loaded.data = _build(node, (), loader, loaded)
    except yaml.MarkedYAMLError as error:
        loaded.data = None
        loaded.problems = [_syntax_problem(error, shown, text)]
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        loaded.data = None
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        loaded.problems = [
            Problem(shown, line, column, (), f"YAML syntax error: character U+{code:04X} is not allowed")
        ]
    finally:
        loader.dispose()
    return loaded


ALIASES = (
    "YAML anchors (&name) and aliases (*name) are not allowed in a bank: write each text out in full "
    "(a bank is data, and aliases can make a small file expand without limit)"
)


def _first_anchor_or_alias(text: str) -> tuple[int, int] | None:
    """Line and column of the first anchor or alias, found by the scanner before anything is composed."""
    if "&" not in text and "*" not in text:
        return None
    try:
        for token in yaml.scan(text, Loader=BankYamlLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:  # a syntax error: the parser reports it, where the parser sees it
        return None
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    cause = error.problem or error.context or "could not be read"
    if isinstance(error, yaml.constructor.ConstructorError):
        return Problem(shown, line, column, (), f"YAML error: {cause}")
    lines = text.splitlines()
    if mark and line <= len(lines) and "\t" in lines[line - 1][: column + 1]:
        cause += "; indent with spaces, not tabs"
    if error.context and error.problem and error.context_mark and error.context_mark.line + 1 != line:
        cause += f" ({error.context} on line {error.context_mark.line + 1})"
    return Problem(shown, line, column, (), f"YAML syntax error: {cause}")


def _build(
    node: yaml.Node, path: DataPath, loader: BankYamlLoader, loaded: LoadedFile, open_nodes: frozenset = frozenset()
) -> object:
    """Turn a node into Python data, recording positions and duplicate keys on the way."""
    loaded.where.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.CollectionNode):
        if id(node) in open_nodes:
            line, column = loaded.where.values[path]
            loaded.problems.append(Problem(loaded.shown, line, column, path, "an alias refers to itself"))
            return None
        open_nodes = open_nodes | {id(node)}
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                loaded.problems.append(
                    Problem(loaded.shown, line, column, path, "a key must be plain text, not a list or mapping")
                )
                continue
            key = str(loader.construct_object(key_node))
            key_path = (*path, key)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first_line = loaded.where.keys[key_path][0]
                loaded.problems.append(
                    Problem(loaded.shown, *position, key_path, f"duplicate key (first given on line {first_line})")
                )
                continue
            loaded.where.keys[key_path] = position
            result[key] = _build(value_node, key_path, loader, loaded, open_nodes)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), loader, loaded, open_nodes) for index, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except Exception as error:  # an explicit tag with a value it cannot take, e.g. "!!float abc"
        raise yaml.constructor.ConstructorError(
            None, None, f"cannot read {node.value!r} as {node.tag}: {error}", node.start_mark
        ) from None


__all__ = ["BankYamlLoader", "LoadedFile", "format_path", "load_bank_bytes", "load_bank_file", "load_bank_text"]
