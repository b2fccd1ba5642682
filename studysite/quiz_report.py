"""``make quiz-report``: counts per bank and questions whose ``ref`` may not teach the answer.

The second part is a heuristic list for human review: a question is flagged when
its ``ref`` section contains fewer than half of the key terms of its correct
choices (words of four letters or more, code spans), so a reviewer checks that the
notes really support the key. A flag is a place to look, not a verdict.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from studysite.quizzes.model import Bank, Question
from studysite.quizzes.validate import load_banks
from studysite.sections import section_for

STOPWORDS = set(
    """about above after again against all also although always among another answer any apply are
    aren't because been before being below between both but can cannot could does doing done down during
    each either enough even every from further have having here into itself just least less like made make
    many more most much must need needs never none only other over same should since some such than that
    their them then there these they this those through under until upon used uses using very want what
    when where which while whole will with within without would your yours correct choose option instead
    only every each with""".split()
)
CODE_SPAN = re.compile(r"`([^`]+)`")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9:/.-]{2,}")


def key_terms(question: Question) -> set[str]:
    """The technical terms of a question's correct choices, lower-cased.

    Code spans, and words that carry a capital after the first letter of the
    choice, a digit or a hyphen (service names, API names, numbers): ordinary
    scenario wording is left out so the flags stay few enough to review.
    """
    terms: set[str] = set()
    for choice in question.choices:
        if not choice.correct:
            continue
        terms.update(span.lower() for span in CODE_SPAN.findall(choice.text))
        words = WORD.findall(CODE_SPAN.sub(" ", choice.text))
        for position, word in enumerate(words):
            word = word.strip(".:/-")
            technical = any(c.isdigit() for c in word) or "-" in word or (position > 0 and word[:1].isupper())
            technical = technical or any(c.isupper() for c in word[1:])
            if technical and word.lower() not in STOPWORDS:
                terms.add(word.lower())
    return {term for term in terms if len(term) >= 3}


def missing_terms(question: Question, docs_dir: Path) -> tuple[set[str], set[str]] | None:
    """(terms, terms absent from the ref section); None when the ref section is not found."""
    section = section_for(docs_dir, question.ref)
    if section is None:
        return None
    haystack = (section.title + "\n" + section.text).lower()
    terms = key_terms(question)
    return terms, {term for term in terms if term not in haystack}


def bank_line(bank: Bank) -> str:
    """One summary row: questions, multiple-response share, domains."""
    questions = bank.questions
    multiple = sum(q.multiple for q in questions)
    domains = Counter(q.domain for q in questions)
    spread = " ".join(f"D{d}:{domains.get(d, 0)}" for d in (1, 2, 3, 4))
    share = 100 * multiple / len(questions) if questions else 0
    return f"{bank.id:<24} {len(questions):>4} {multiple:>5} {share:>5.0f}%  {spread}"


def report(quizzes_dir: Path, docs_dir: Path, out=sys.stdout) -> int:
    """Print the report; returns 1 if the banks have problems, else 0."""
    banks, problems = load_banks(quizzes_dir)
    for problem in problems:
        print(problem, file=out)
    print(f"{'bank':<24} {'qs':>4} {'multi':>5} {'share':>6}  domains", file=out)
    total = multiple = 0
    flagged: list[str] = []
    for bank in sorted(banks, key=lambda b: b.id):
        print(bank_line(bank), file=out)
        total += len(bank.questions)
        multiple += sum(q.multiple for q in bank.questions)
        for question in bank.questions:
            result = missing_terms(question, docs_dir)
            if result is None:
                flagged.append(f"{bank.file}: {question.id}: ref {question.ref} names no section of the notes")
                continue
            terms, missing = result
            if terms and len(missing) * 2 > len(terms):
                flagged.append(f"{bank.file}: {question.id}: ref {question.ref} lacks {', '.join(sorted(missing))}")
    share = 100 * multiple / total if total else 0
    print(f"{'all banks':<24} {total:>4} {multiple:>5} {share:>5.0f}%", file=out)
    print(f"\n{len(flagged)} question(s) to review by hand (their ref section lacks most key terms):", file=out)
    for line in flagged:
        print(f"  {line}", file=out)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quizzes", type=Path, default=Path("quizzes"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    return report(args.quizzes, args.docs)


if __name__ == "__main__":
    sys.exit(main())
