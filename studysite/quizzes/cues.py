"""Answer cues: ways a test-wise learner could pick the key without knowing AWS.

The real exam's keys are not longer than its distractors; ours must not be either.
Per question, a cue is *reported* (a note with file:line, never a build failure on
its own, since one long key can be the honest answer). Per bank, the share of cued
questions is *limited*: a bank above a limit fails the build and ``make check``.

The limits (see the authors' guide, docs/contributing/quizzes.md):

- single answer: the key is the strictly longest choice in at most 30 % of questions
  (25 % happens by chance with four choices);
- multiple response: the key set is exactly the N longest choices in at most 15 %;
- the mean length of keys is within 5 % of the mean length of distractors.

Lengths are counted in characters of the choice text with white space folded.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from studysite.quizzes.model import Bank, Problem, Question

LONGEST_SHARE = 0.30  # single answer: key strictly longest
TOP_N_SHARE = 0.15  # multiple response: keys are exactly the N longest
MEAN_RATIO = 0.05  # mean key length within 5 % of mean distractor length
# A single key is "clearly longer" when it beats the longest distractor by this
# factor and by at least MIN_EXTRA characters (a 3-character lead is noise).
CLEARLY_LONGER = 1.25
MIN_EXTRA = 12
# The key alone repeats this many distinctive words of the prompt: a wording cue.
ECHO_WORDS = 2
LAZY = re.compile(r"\b(all|none|both|neither) of the above\b|^\s*(all|none|both|neither) of these\b", re.IGNORECASE)
WORD = re.compile(r"[a-z][a-z0-9-]{5,}")  # words of 6+ letters: short ones echo by chance
COMMON = frozenset(
    """about above after again against allow allows because before being below between
    cannot could developer developers every first following should their there these
    those through under until using which while within without would application
    applications company solution requirement requirements choose three""".split()
)


SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(\"'])")
CHOOSE_N = re.compile(r"\(Choose \w+\.\)\s*$")
SCENARIO_SHARE = 0.85  # at least this share of a bank's questions set a scene before asking
SCENARIO_WORDS = 20


def is_scenario(question: Question) -> bool:
    """A situation and a decision: at least one sentence of context before the question, 20+ words.

    A heuristic floor, not a judgement: "Which statements about X are true?" fails it,
    "A team runs X and needs Y. What should the developer do?" passes.
    """
    prompt = CHOOSE_N.sub("", " ".join(question.prompt.split())).strip()
    sentences = [s for s in SENTENCE_BREAK.split(prompt) if s]
    return len(prompt.split()) >= SCENARIO_WORDS and len(sentences) >= 2


def length(text: str) -> int:
    """Characters of a choice with white space folded."""
    return len(" ".join(text.split()))


def _words(text: str) -> set[str]:
    return {word for word in WORD.findall(text.casefold()) if word not in COMMON}


@dataclass
class CueStats:
    """Counts behind the bank-level limits; add two to pool banks."""

    single: int = 0
    single_longest: int = 0
    multiple: int = 0
    multiple_top_n: int = 0
    key_chars: int = 0
    keys: int = 0
    distractor_chars: int = 0
    distractors: int = 0
    notes: list[Problem] = field(default_factory=list)

    def __add__(self, other: CueStats) -> CueStats:
        return CueStats(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__ if name != "notes"),
            notes=self.notes + other.notes,
        )

    @property
    def longest_share(self) -> float:
        """Share of single-answer questions whose key is the strictly longest choice."""
        return self.single_longest / self.single if self.single else 0.0

    @property
    def top_n_share(self) -> float:
        """Share of multiple-response questions whose keys are exactly the N longest."""
        return self.multiple_top_n / self.multiple if self.multiple else 0.0

    @property
    def mean_ratio(self) -> float:
        """Mean key length over mean distractor length (1.0 is no cue)."""
        if not self.keys or not self.distractors or not self.distractor_chars:
            return 1.0
        return (self.key_chars / self.keys) / (self.distractor_chars / self.distractors)

    def summary(self) -> str:
        """One line with the three figures and their limits."""
        return (
            f"key longest {self.longest_share:.0%} of {self.single} single-answer (limit {LONGEST_SHARE:.0%}); "
            f"keys = N longest {self.top_n_share:.0%} of {self.multiple} multiple-response "
            f"(limit {TOP_N_SHARE:.0%}); mean key/distractor length {self.mean_ratio:.2f} "
            f"(limit {1 - MEAN_RATIO:.2f}-{1 + MEAN_RATIO:.2f})"
        )


def question_cues(question: Question) -> tuple[list[str], bool]:
    """What a test-wise learner could exploit in one question, and whether its key is length-cued."""
    keys = [c for c in question.choices if c.correct]
    distractors = [c for c in question.choices if not c.correct]
    causes: list[str] = []
    key_lengths = [length(c.text) for c in keys]
    distractor_lengths = [length(c.text) for c in distractors]
    longest_distractor = max(distractor_lengths, default=0)
    if question.multiple:
        cued = min(key_lengths) > longest_distractor
        if cued:
            causes.append(
                f"the {len(keys)} correct choices are exactly the {len(keys)} longest; "
                "make some distractors as specific and as long as the keys"
            )
    else:
        cued = key_lengths[0] > longest_distractor
        if key_lengths[0] >= CLEARLY_LONGER * longest_distractor and key_lengths[0] - longest_distractor >= MIN_EXTRA:
            causes.append(
                f"the correct choice ({key_lengths[0]} characters) is clearly longer than every distractor "
                f"(longest {longest_distractor}); make the distractors as specific as the key, or trim the key"
            )
    stem = _words(question.prompt)
    key_words = set().union(*(_words(c.text) for c in keys)) & stem
    distractor_words = set().union(*(_words(c.text) for c in distractors))
    echoed = sorted(key_words - distractor_words)
    if len(echoed) >= ECHO_WORDS:
        causes.append(
            f"only the key repeats the prompt's wording ({', '.join(repr(w) for w in echoed[:3])}); "
            "reword the key or let a distractor use the same terms"
        )
    return causes, cued


def bank_cues(bank: Bank) -> CueStats:
    """Counts and per-question notes for one bank."""
    stats = CueStats()
    for question in bank.questions:
        causes, cued = question_cues(question)
        stats.notes += [bank.problem(("questions", question.index, "choices"), cause) for cause in causes]
        for choice in question.choices:
            if choice.correct:
                stats.key_chars += length(choice.text)
                stats.keys += 1
            else:
                stats.distractor_chars += length(choice.text)
                stats.distractors += 1
        if question.multiple:
            stats.multiple += 1
            stats.multiple_top_n += cued
        else:
            stats.single += 1
            stats.single_longest += cued
    return stats


def limit_problems(bank: Bank, stats: CueStats) -> list[Problem]:
    """Bank-level failures: a bank whose cue shares are above the limits."""
    problems = []

    def fail(cause: str) -> None:
        problems.append(bank.problem(("questions",), cause))

    if stats.longest_share > LONGEST_SHARE:
        fail(
            f"the key is the longest choice in {stats.single_longest} of {stats.single} single-answer questions "
            f"({stats.longest_share:.0%}, limit {LONGEST_SHARE:.0%}); rewrite distractors of the questions "
            "noted above so they are as specific and as long as the key"
        )
    if stats.top_n_share > TOP_N_SHARE:
        fail(
            f"the keys are exactly the longest choices in {stats.multiple_top_n} of {stats.multiple} "
            f"multiple-response questions ({stats.top_n_share:.0%}, limit {TOP_N_SHARE:.0%}); "
            "lengthen some distractors or trim some keys"
        )
    if abs(stats.mean_ratio - 1) > MEAN_RATIO:
        side = "longer" if stats.mean_ratio > 1 else "shorter"
        fail(
            f"correct choices are on average {abs(stats.mean_ratio - 1):.0%} {side} than distractors "
            f"(limit {MEAN_RATIO:.0%}); balance choice lengths"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m studysite.quizzes.cues [quizzes/x.yml ...]``: figures per bank, notes, and the verdict."""
    from pathlib import Path

    from studysite.quizzes.rules import check_rules
    from studysite.quizzes.validate import build_bank, check_files

    args = argv if argv is not None else sys.argv[1:]
    paths = [Path(a) for a in args] or sorted(Path("quizzes").glob("*.yml"))
    files, problems = check_files(paths)
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    banks = [build_bank(loaded) for loaded in files]
    errors, notes = check_rules(banks)
    total = CueStats()
    for note in notes:
        print(f"{note}  (note)")
    for bank in banks:
        stats = bank_cues(bank)
        total += stats
        scenarios = sum(is_scenario(q) for q in bank.questions)
        print(f"{bank.file}: {stats.summary()}; scenarios {scenarios}/{len(bank.questions)}")
    print(f"all: {total.summary()}")
    print("\n".join(map(str, errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
