"""The exam-style bank rules and the answer-cue limits: one test per rule, exact messages.

Each test writes a bank that breaks one rule (from a good question, so nothing else is
wrong) and asserts the message a contributor sees in ``make check`` and the build.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from studysite.quizzes import cues
from studysite.quizzes.rules import MIN_QUESTIONS, RULES
from studysite.quizzes.validate import check_refs_on_page, load_banks
from tests.conftest import ROOT

SITUATION = "A developer runs a web application on EC2 instances behind a load balancer in one Region."
GOOD = {
    "id": "demo-q0",
    "domain": 1,
    "task": "1.1",
    "ref": "demo.md#topic",
    "prompt": f"{SITUATION} Which service should store the session data?",
    "choices": [
        {"text": "Amazon ElastiCache for Redis OSS", "correct": True, "explanation": "Shared, fast, in memory."},
        {"text": "An instance store on each server", "correct": False, "explanation": "Lost with the instance."},
        {"text": "Amazon S3 Glacier Deep Archive", "correct": False, "explanation": "Hours to retrieve."},
        {"text": "The load balancer's access log files", "correct": False, "explanation": "Logs are not a store."},
    ],
    "explanation": "Sessions belong in a shared store.",
}
MULTIPLE = {
    **GOOD,
    "prompt": f"{SITUATION} Which two stores can hold its session data? (Choose two.)",
    "choices": [
        *GOOD["choices"],
        {"text": "Amazon DynamoDB tables", "correct": True, "explanation": "Shared and durable."},
    ],
}


def write_bank(tmp_path: Path, questions: list[dict]) -> Path:
    bank = {"id": "demo", "title": "Demo", "questions": questions}
    for number, question in enumerate(questions):
        question["id"] = f"demo-q{number}"
    (tmp_path / "demo.yml").write_text(yaml.safe_dump(bank, sort_keys=False, width=200), encoding="utf-8")
    return tmp_path


def messages(tmp_path: Path, questions: list[dict]) -> list[str]:
    _, problems = load_banks(write_bank(tmp_path, questions))
    return [re.sub(r"^quizzes/demo\.yml:\d+:\d+: ", "", str(p)) for p in problems]


def variant(base: dict, **changes) -> dict:
    question = copy.deepcopy(base)
    question.update(changes)
    return question


def test_good_questions_pass(tmp_path):
    assert messages(tmp_path, [variant(GOOD), variant(MULTIPLE)]) == []


def test_single_answer_needs_four_choices(tmp_path):
    three = variant(GOOD, choices=GOOD["choices"][:3])
    assert messages(tmp_path, [three]) == [
        "questions[0].choices: a single-answer question needs exactly 4 choices (1 correct, 3 wrong), got 3; "
        "add a distractor"
    ]


def test_multiple_response_needs_five_choices(tmp_path):
    four = variant(MULTIPLE, choices=[MULTIPLE["choices"][i] for i in (0, 1, 2, 4)])
    assert messages(tmp_path, [four]) == [
        "questions[0].choices: a multiple-response question needs 5 or more choices with 2 or 3 correct, "
        "got 4 choices with 2 correct"
    ]


def test_choose_n_must_be_in_the_prompt(tmp_path):
    bare = variant(MULTIPLE, prompt=f"{SITUATION} Which stores can hold its session data?")
    assert messages(tmp_path, [bare]) == [
        "questions[0].prompt: 2 choices are correct: end the prompt with '(Choose two.)', as the exam does"
    ]


def test_choose_n_must_match_the_key(tmp_path):
    wrong = variant(GOOD, prompt=f"{SITUATION} Which stores can hold the data? (Choose two.)")
    assert messages(tmp_path, [wrong]) == [
        "questions[0].prompt: the prompt says '(Choose two.)' but only one choice is correct; "
        "remove it or mark the other correct choices"
    ]


def test_every_choice_needs_an_explanation(tmp_path):
    question = variant(GOOD)
    del question["choices"][2]["explanation"]
    assert messages(tmp_path, [question]) == [
        "questions[0].choices[2].text: this choice has no explanation; add 'explanation:' saying why it is right "
        "or wrong"
    ]


def test_all_of_the_above_is_refused(tmp_path):
    question = variant(GOOD)
    question["choices"][3]["text"] = "All of the above"
    assert messages(tmp_path, [question]) == [
        "questions[0].choices[3].text: 'All of the above': choices are shuffled for the learner; "
        "name the options instead"
    ]


def test_ref_must_point_into_the_page_of_the_quiz(tmp_path):
    banks, _ = load_banks(write_bank(tmp_path, [variant(GOOD, ref="other.md#topic")]))
    assert [str(p) for p in check_refs_on_page(banks[0], "demo.md")] == [
        "quizzes/demo.yml:7:8: questions[0].ref: 'other.md#topic' points to another page; a question's ref "
        "names a heading of the page its quiz is on: 'demo.md#...'"
    ]


def _long_key(question: dict) -> dict:
    question = variant(question)
    question["choices"][0]["text"] = "Amazon ElastiCache for Redis OSS, shared by every instance of the fleet"
    return question


def test_bank_fails_when_keys_are_usually_the_longest(tmp_path):
    questions = [_long_key(GOOD) for _ in range(4)] + [variant(GOOD) for _ in range(MIN_QUESTIONS - 4)]
    assert messages(tmp_path, questions) == [
        "questions: correct choices are on average 46% longer than distractors (limit 5%); balance choice lengths",
        f"questions: the key is the longest choice in 4 of {MIN_QUESTIONS} single-answer questions (40%, limit 30%); "
        "rewrite distractors of the questions noted above so they are as specific and as long as the key",
    ]


def test_bank_fails_when_keys_are_the_n_longest(tmp_path):
    top = variant(MULTIPLE)
    top["choices"][4]["text"] = "Amazon DynamoDB tables with on-demand capacity"
    top["choices"][0]["text"] = "Amazon ElastiCache for Redis OSS clusters"
    questions = [variant(top), variant(top), variant(MULTIPLE)] + [variant(GOOD) for _ in range(MIN_QUESTIONS - 3)]
    assert (
        "questions: the keys are exactly the longest choices in 2 of 3 multiple-response questions (67%, "
        "limit 15%); lengthen some distractors or trim some keys" in messages(tmp_path, questions)
    )


def test_bank_fails_when_too_few_questions_are_scenarios(tmp_path):
    recall = variant(GOOD, prompt="Which service stores session data?")
    questions = [variant(recall), variant(recall)] + [variant(GOOD) for _ in range(MIN_QUESTIONS - 2)]
    assert messages(tmp_path, questions) == [
        f"questions: {MIN_QUESTIONS - 2} of {MIN_QUESTIONS} questions are scenarios (80%, at least 85% needed); "
        "give these a situation before the question: demo-q0, demo-q1"
    ]


def test_small_banks_are_not_held_to_shares(tmp_path):
    recall = variant(_long_key(GOOD), prompt="Which service stores session data?")
    assert messages(tmp_path, [variant(recall) for _ in range(MIN_QUESTIONS - 1)]) == []


def test_a_clearly_longer_key_is_noted_with_its_line(tmp_path):
    banks, _ = load_banks(write_bank(tmp_path, [_long_key(GOOD)]))
    notes = [str(note) for note in cues.bank_cues(banks[0]).notes]
    assert notes == [
        "quizzes/demo.yml:10:3: questions[0].choices: the correct choice (71 characters) is clearly longer than "
        "every distractor (longest 36); make the distractors as specific as the key, or trim the key"
    ]


def test_the_authors_guide_lists_every_rule_as_the_checker_states_it():
    guide = (ROOT / "docs" / "contributing" / "quizzes.md").read_text(encoding="utf-8")
    section = guide.split("\n## The rules\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (.+?) \|$", section, re.M))
    assert rows == {rule.name: rule.asks for rule in RULES}


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "docs/contributing/index.md"])
def test_the_contributor_guides_do_not_contradict_the_rules(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not re.search(r"3\s*(to|–|-)\s*6 choices|explanation[^.\n]*optional", text, re.I)


def test_the_complete_bank_of_the_authors_guide_passes_every_rule(tmp_path):
    guide = (ROOT / "docs" / "contributing" / "quizzes.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete bank\n\n```yaml\n(.*?)```", guide, re.S).group(1)
    (tmp_path / "ec2.yml").write_text(example, encoding="utf-8")
    banks, problems = load_banks(tmp_path)
    assert [str(p) for p in problems] == []
    assert [str(p) for p in check_refs_on_page(banks[0], "ec2.md")] == []
