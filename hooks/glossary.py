"""MkDocs hook: each glossary term is explained once per page, at its first use.

The glossary (includes/abbreviations.md, appended to every page) makes every use of a
term an ``<abbr title="...">``. A chapter uses a term dozens of times (the Lambda chapter
had 585 ``<abbr>`` for 38 terms), and Material's tooltips, set up for each one as the page
loaded, blocked a phone's main thread for about half a second. The first use on the page
keeps its ``<abbr>`` (glossary.js shows its tooltip on hover or keyboard focus, set up only
then); later uses become plain text. The glossary page lists every term in full.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.glossary import first_uses_only


@event_priority(-50)  # after the quiz hook has put the question sheets in (inline scripts are untouched)
def on_post_page(output, page, config):
    """Keep the first ``<abbr>`` of each term in the page's article, unwrap the rest."""
    return first_uses_only(output)
