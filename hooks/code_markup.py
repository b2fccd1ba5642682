"""MkDocs hook: highlighted code with fewer elements, the same text and colours.

Whitespace in code comes wrapped in ``<span class="w">`` (styled by nothing), and every
brace, colon and comma in its own ``<span class="p">``; the long CloudFormation and Step
Functions samples had 400 of each per page. Whitespace loses its element and neighbouring
punctuation shares one: the text a reader sees and copies and its colours are unchanged.
Quiz banks get the same treatment when their text is rendered (studysite/quizzes/site.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.code_blocks import compact_highlighted_code


@event_priority(-50)  # after the quiz hook has put the quizzes and question sheets in
def on_post_page(output, page, config):
    """Compact Pygments' markup everywhere in the page."""
    return compact_highlighted_code(output)
