"""MkDocs hook: highlighted code without the empty-looking elements Pygments adds.

Whitespace in code comes wrapped in ``<span class="w">`` (styled by nothing); the long
CloudFormation and Step Functions samples had 400 of them per page. The text a reader
sees and copies is unchanged. Quiz banks get the same treatment when their text is
rendered (studysite/quizzes/site.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.code_blocks import unwrap_whitespace_spans


@event_priority(-50)  # after the quiz hook has put the quizzes and question sheets in
def on_post_page(output, page, config):
    """Unwrap Pygments' whitespace spans everywhere in the page."""
    return unwrap_whitespace_spans(output)
