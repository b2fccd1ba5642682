"""The exam-style rules every bank meets, checked where contributors look (build and ``make check``).

The schema says what a bank may hold; these rules say what an exam-like question is.
Each rule has an entry in ``RULES`` (a short name and what it asks), which the
authors' guide shows as its rules table; a test keeps the two in step.

Per question (an error, with file:line:column and the fix):

- a single-answer question has exactly 4 choices (the exam's 1 key and 3 distractors);
- a multiple-response question has at least 5 choices, 2 or 3 of them correct;
- a prompt ends with "(Choose two.)" or "(Choose three.)" exactly when the key has that many;
- every choice has an explanation;
- no choice says "all/none of the above" (choices are shuffled);
- ``ref`` points into the page the bank is placed on (checked at placement, see ``site.py``).

Per bank, once it has ``MIN_QUESTIONS`` questions (fewer make shares meaningless), the
answer-cue limits of ``cues.py`` and the share of scenario questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studysite.quizzes import cues
from studysite.quizzes.model import Bank, Problem

CHOOSE = re.compile(r"\(Choose (\w+)\.\)\s*$")
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}
MIN_QUESTIONS = 10


@dataclass(frozen=True)
class Rule:
    """One rule as the authors' guide lists it."""

    name: str
    asks: str


RULES = (
    Rule("single-answer-choices", "A single-answer question has exactly 4 choices: one key and three distractors."),
    Rule("multiple-response-choices", "A multiple-response question has 5 or more choices, 2 or 3 of them correct."),
    Rule("choose-n", 'The prompt ends with "(Choose two.)" or "(Choose three.)" exactly when that many are correct.'),
    Rule("choice-explained", "Every choice has an `explanation` that says why it is right or wrong."),
    Rule("no-all-of-the-above", 'No choice says "all of the above" or "none of the above": choices are shuffled.'),
    Rule("ref-own-chapter", "`ref` points to a heading of the page where the bank's quiz marker is."),
    Rule(
        "key-not-longest",
        f"In a bank of {MIN_QUESTIONS}+ questions, the key is the strictly longest choice in at most "
        f"{cues.LONGEST_SHARE:.0%} of single-answer questions.",
    ),
    Rule(
        "keys-not-n-longest",
        f"In a bank of {MIN_QUESTIONS}+ questions, the keys are exactly the N longest choices in at most "
        f"{cues.TOP_N_SHARE:.0%} of multiple-response questions.",
    ),
    Rule(
        "balanced-lengths",
        f"In a bank of {MIN_QUESTIONS}+ questions, keys are on average within {cues.MEAN_RATIO:.0%} of the "
        "length of distractors.",
    ),
    Rule(
        "scenarios",
        f"In a bank of {MIN_QUESTIONS}+ questions, at least {cues.SCENARIO_SHARE:.0%} are scenarios: "
        f"{cues.SCENARIO_WORDS}+ words, with a sentence of situation before the question.",
    ),
)


def question_problems(bank: Bank) -> list[Problem]:
    """Per-question exam-style errors of one bank."""
    problems: list[Problem] = []
    for question in bank.questions:
        here = ("questions", question.index)
        count, total = question.correct_count, len(question.choices)
        if count == 1 and total != 4:
            fix = "add a distractor" if total < 4 else "remove a distractor"
            problems.append(
                bank.problem(
                    (*here, "choices"),
                    f"a single-answer question needs exactly 4 choices (1 correct, 3 wrong), got {total}; {fix}",
                )
            )
        if count > 1 and (total < 5 or count > 3):
            problems.append(
                bank.problem(
                    (*here, "choices"),
                    f"a multiple-response question needs 5 or more choices with 2 or 3 correct, got {total} "
                    f"choices with {count} correct",
                )
            )
        match = CHOOSE.search(question.prompt.strip())
        said = match.group(1) if match else None
        if count > 1 and said != NUMBER_WORDS.get(count):
            wording = f"(Choose {NUMBER_WORDS.get(count, count)}.)"
            problems.append(
                bank.problem(
                    (*here, "prompt"), f"{count} choices are correct: end the prompt with '{wording}', as the exam does"
                )
            )
        if count == 1 and said:
            problems.append(
                bank.problem(
                    (*here, "prompt"),
                    f"the prompt says '(Choose {said}.)' but only one choice is correct; "
                    "remove it or mark the other correct choices",
                )
            )
        for number, choice in enumerate(question.choices):
            if not (choice.explanation or "").strip():
                problems.append(
                    bank.problem(
                        (*here, "choices", number, "text"),
                        "this choice has no explanation; add 'explanation:' saying why it is right or wrong",
                    )
                )
            lazy = cues.LAZY.search(choice.text)
            if lazy:
                problems.append(
                    bank.problem(
                        (*here, "choices", number, "text"),
                        f"'{lazy.group(0)}': choices are shuffled for the learner; name the options instead",
                    )
                )
    return problems


def bank_problems(bank: Bank, stats: cues.CueStats) -> list[Problem]:
    """Bank-level limits: answer cues and the share of scenarios (banks of MIN_QUESTIONS or more)."""
    if len(bank.questions) < MIN_QUESTIONS:
        return []
    problems = cues.limit_problems(bank, stats)
    scenarios = sum(cues.is_scenario(q) for q in bank.questions)
    if scenarios < cues.SCENARIO_SHARE * len(bank.questions):
        bare = [q.id for q in bank.questions if not cues.is_scenario(q)]
        problems.append(
            bank.problem(
                ("questions",),
                f"{scenarios} of {len(bank.questions)} questions are scenarios ({scenarios / len(bank.questions):.0%}, "
                f"at least {cues.SCENARIO_SHARE:.0%} needed); give these a situation before the question: "
                + ", ".join(bare[:5])
                + (" …" if len(bare) > 5 else ""),
            )
        )
    return problems


def check_rules(banks: Iterable[Bank]) -> tuple[list[Problem], list[Problem]]:
    """Errors (question rules and bank limits) and notes (per-question answer cues) for ``banks``."""
    errors: list[Problem] = []
    notes: list[Problem] = []
    for bank in banks:
        stats = cues.bank_cues(bank)
        errors += question_problems(bank) + bank_problems(bank, stats)
        notes += stats.notes
    return errors, notes
