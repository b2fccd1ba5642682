"""Results that depend only on content, kept between builds in ``.cache/quizzes/``.

Checking the banks and rendering their markdown takes about as long as building the
notes themselves (the banks hold more text than the notes). Both depend only on their
inputs, so each result is stored under a hash of everything that went into it: the
file's bytes, the schema and this package's code for a checked bank; the text, the
markdown settings, the files the snippets extension may include (the glossary),
the package versions and the sanitizer's code for rendered text; the template and
the rendering code for a whole quiz. Bank text is cached per question, so editing one
question re-renders that question only. A changed input
is a new key; entries not used by a build are dropped when it saves. Only banks
without problems are stored, so every problem is found again on every build.
Delete the folder at any time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
VERSION = 1


def digest(*parts: bytes | str) -> str:
    """A short, stable hash of some bytes and strings."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def _code(*names: str) -> bytes:
    return b"".join((PACKAGE_DIR / name).read_bytes() for name in names)


def _stable(value: object) -> str:
    """``repr`` without memory addresses (functions in markdown settings have them)."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_stable(item) for item in value) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _included_files(configs: Mapping[str, dict], root: Path) -> Iterable[bytes]:
    """The files ``pymdownx.snippets`` may include (and may append to every text)."""
    bases = configs.get("pymdownx.snippets", {}).get("base_path", ["."])
    for base in [bases] if isinstance(bases, str) else bases:
        path = root / base
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.stat().st_size < 1_000_000:
                name = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
                yield name.encode() + b"\0" + file.read_bytes()


def markdown_fingerprint(extensions: list, configs: Mapping[str, dict], root: Path) -> str:
    """Everything besides the text itself that shapes rendered bank text."""
    return digest(
        _stable(extensions),
        _stable(configs),
        *_included_files(configs, root),
        *(_version(package) for package in ("markdown", "pymdown-extensions", "pygments")),
        _code("safe_markdown.py", "site.py"),
    )


def bank_fingerprint(schema_path: Path) -> str:
    """Everything besides the bank file that decides whether a bank is good."""
    return digest(
        schema_path.read_bytes(),
        _code("loader.py", "validate.py", "model.py", "cache.py"),
        *(_version(package) for package in ("jsonschema", "pyyaml")),
    )


def quiz_fingerprint(*template_sources: str) -> str:
    """Everything besides a bank's content and its page that shapes a quiz's (or a sheet's) HTML."""
    return digest(*template_sources, _code("render.py", "site.py", "model.py"))


class BuildCache:
    """Checked bank data and rendered snippets from earlier builds (``directory=None``: off).

    Banks checked in this process are shared by every cache on the same folder, so a
    second reader in the same build (the coverage page's hook) never checks a bank twice,
    even before anything is saved.
    """

    _checked_here: typing.ClassVar[dict[Path, dict[str, object]]] = {}

    def __init__(self, directory: Path | None):
        """Read what earlier builds left, ignoring anything unreadable."""
        self.directory = directory
        self.banks = self._read("banks.json")
        self._rendered: dict | None = None  # read on first use: a reader of banks only never loads it
        self.used_banks: dict[str, object] = {}
        self.used_rendered: dict[str, object] = {}

    @property
    def rendered(self) -> dict:
        """Rendered results of earlier builds (read from disk when first asked for)."""
        if self._rendered is None:
            self._rendered = self._read("rendered.json")
        return self._rendered

    def _read(self, name: str) -> dict:
        if self.directory is None:
            return {}
        try:
            data = json.loads((self.directory / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def get_bank(self, key: str) -> object | None:
        """Bank data that passed every per-file check before, or None."""
        data = self.banks.get(key)
        if data is None and self.directory is not None:
            data = self._checked_here.get(self.directory.resolve(), {}).get(key)
        if data is not None:
            self.used_banks[key] = data
        return data

    def put_bank(self, key: str, data: object) -> None:
        """Remember the data of a bank that passed every per-file check."""
        self.used_banks[key] = data
        if self.directory is not None:
            self._checked_here.setdefault(self.directory.resolve(), {})[key] = data

    def get(self, key: str) -> object | None:
        """A rendered result (bank text, a quiz), or None."""
        value = self.rendered.get(key)
        if value is not None:
            self.used_rendered[key] = value
        return value

    def put(self, key: str, value: object) -> None:
        """Remember a rendered result (anything JSON can hold)."""
        self.used_rendered[key] = value

    def save(self) -> None:
        """Write the entries this build used (quietly skipped if the folder is not writable)."""
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, entries, before in (
                ("banks.json", self.used_banks, self.banks),
                ("rendered.json", self.used_rendered, self._rendered),
            ):
                if entries == before or (before is None and not entries):
                    continue
                temporary = self.directory / f".{name}.{os.getpid()}"
                temporary.write_text(json.dumps({"version": VERSION, "entries": entries}), encoding="utf-8")
                os.replace(temporary, self.directory / name)
        except OSError:
            pass
