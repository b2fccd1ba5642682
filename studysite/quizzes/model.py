"""What a quiz bank is, once loaded and checked; and how a problem with one is reported."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Where a value sits in a bank's data: keys and list indexes from the top,
# e.g. ("questions", 3, "choices", 1, "correct").
Path = tuple[str | int, ...]

DOMAINS = {
    1: "Development with AWS Services",
    2: "Security",
    3: "Deployment",
    4: "Troubleshooting and Optimization",
}
TASKS = {
    "1.1": "Develop code for applications hosted on AWS",
    "1.2": "Develop code for AWS Lambda",
    "1.3": "Use data stores in application development",
    "2.1": "Implement authentication and/or authorization for applications and AWS services",
    "2.2": "Implement encryption by using AWS services",
    "2.3": "Manage sensitive data in application code",
    "3.1": "Prepare application artifacts to be deployed to AWS",
    "3.2": "Test applications in development environments",
    "3.3": "Automate deployment testing",
    "3.4": "Deploy code by using AWS CI/CD services",
    "4.1": "Assist in a root cause analysis",
    "4.2": "Instrument code for observability",
    "4.3": "Optimize applications by using AWS services and features",
}


def format_path(path: Path) -> str:
    """``("questions", 3, "choices")`` -> ``questions[3].choices``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank or a marker, located like a compiler error."""

    file: str
    line: int
    column: int
    path: Path
    cause: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {format_path(self.path)}: {self.cause}" if self.path else f"{where}: {self.cause}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, in file, line and column order."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, format_path(p.path), p.cause))


@dataclass
class SourceMap:
    """Line and column (1-based) of every value and every key of a bank file.

    A bank taken from the build cache has no positions until a message needs one:
    ``load`` then reads the file again.
    """

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    load: Callable[[], SourceMap] | None = field(default=None, repr=False, compare=False)

    def _ensure(self) -> None:
        if self.load is not None:
            loaded, self.load = self.load(), None
            self.values, self.keys = loaded.values, loaded.keys

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` starts (or the nearest thing above it that is known)."""
        self._ensure()
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end]) or self.keys.get(path[:end])
            if found:
                return found
        return (1, 1)

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key of ``path`` is written (falls back to its value)."""
        self._ensure()
        return self.keys.get(path) or self.value(path)


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick."""

    text: str
    correct: bool
    explanation: str | None = None


@dataclass(frozen=True)
class Question:
    """One question; ``index`` is its position in the bank file (for messages)."""

    id: str
    domain: int
    ref: str
    prompt: str
    choices: tuple[Choice, ...]
    explanation: str
    index: int
    task: str | None = None

    @property
    def correct_count(self) -> int:
        """How many choices are right: one means radio buttons, more means "Choose N"."""
        return sum(choice.correct for choice in self.choices)

    @property
    def multiple(self) -> bool:
        """True for a multiple-response question."""
        return self.correct_count > 1

    @property
    def content_hash(self) -> str:
        """A short hash of the prompt and the choices (text, rightness and order).

        Stored progress is keyed by question id and this hash, so a learner's old
        answer is never shown against an edited or reordered question. Explanations
        are left out: improving one keeps the learner's progress.
        """
        content = [self.prompt.strip(), [[choice.text.strip(), choice.correct] for choice in self.choices]]
        encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:10]


@dataclass
class Bank:
    """A checked quiz bank, with the positions of its values for later messages."""

    id: str
    title: str
    questions: tuple[Question, ...]
    file: str
    where: SourceMap = field(default_factory=SourceMap, repr=False)
    description: str | None = None
    key: str = ""  # hash of the file and of what checked it: the build cache's key for this bank

    def problem(self, path: Path, cause: str) -> Problem:
        """A problem located at the value of ``path`` in this bank's file."""
        return Problem(self.file, *self.where.value(path), path, cause)
