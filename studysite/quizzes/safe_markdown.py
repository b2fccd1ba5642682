"""Bank text as HTML: the site's markdown settings, but bank text is data, not markup.

``SafeTextExtension`` switches off raw HTML (``<script>`` shows as text) and removes
what markdown syntax could still make dangerous: links and images whose URL scheme is
not http, https or mailto (``javascript:`` links become plain text), event-handler and
other attributes that ``attr_list`` would pass (``{: onclick=... }``), and ids that could
clash with the page's own.

``BankTextRenderer`` renders many snippets per markdown pass: with the glossary
appended to every conversion, one pass per snippet would cost more than the rest of
the build.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = {"http", "https", "mailto"}
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "class", "start", "colspan", "rowspan", "scope", "open"}
TEXT_ALIGN = re.compile(r"text-align: ?(left|right|center);?")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SEPARATOR = "dvaquizsnippet{}end"
SEPARATOR_HTML = re.compile(r"\s*<p>dvaquizsnippet(\d+)end</p>\s*")


def unsafe_url(url: str) -> bool:
    """True if a browser would treat ``url`` as a scheme other than http, https or mailto.

    Browsers decode entities and ignore whitespace and control characters inside a
    scheme (``java&#9;script:``), so the check does the same.
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    match = SCHEME.match(cleaned)
    return bool(match) and match.group(1).lower() not in SAFE_SCHEMES


class SanitizeTreeprocessor(Treeprocessor):
    """Make the element tree of bank text inert (runs after every other treeprocessor)."""

    def run(self, root: etree.Element) -> None:
        """Strip attributes and URLs that could run script or break the page."""
        # permalinks of headings in bank text would point at ids removed below
        permalinks = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag == "a" and "headerlink" in child.get("class", "").split()
        ]
        for parent, child in permalinks:
            _remove(parent, child)
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name]
                if name == "style" and TEXT_ALIGN.fullmatch(value.strip()):
                    continue
                if name not in ALLOWED_ATTRIBUTES:
                    del element.attrib[name]
            if element.tag == "a" and unsafe_url(element.get("href", "")):
                element.tag = "span"
                element.attrib.pop("href")
            if element.tag == "img" and unsafe_url(element.get("src", "")):
                element.tag = "span"
                element.text = element.attrib.pop("alt", "")
                element.attrib.clear()
            for name in ("href", "src"):
                if name in element.attrib and element.tag not in ("a", "img"):
                    del element.attrib[name]


def _remove(parent: etree.Element, element: etree.Element) -> None:
    """Remove ``element`` but keep the text that followed it."""
    if element.tail:
        siblings = list(parent)
        index = siblings.index(element)
        if index:
            previous = siblings[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


class SafeTextExtension(Extension):
    """Raw HTML off, dangerous URLs and attributes out. Load it after all other extensions."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Deregister the raw-HTML processors and add the sanitizer last."""
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        md.treeprocessors.register(SanitizeTreeprocessor(md), "dva_quiz_sanitize", -100)


class BankTextRenderer:
    """Render bank text with a site's markdown extensions and their settings."""

    def __init__(self, extensions: Iterable[object], extension_configs: Mapping[str, dict] | None = None):
        """Build one Markdown instance for the whole build."""
        self.markdown = Markdown(
            extensions=[*extensions, SafeTextExtension()], extension_configs=dict(extension_configs or {})
        )

    def render(self, text: str) -> str:
        """One snippet as HTML (raises what the markdown extensions raise)."""
        self.markdown.reset()
        return self.markdown.convert(text).strip()

    def render_many(self, texts: list[str], batch: int = 150) -> list[str | Exception]:
        """Each snippet as HTML, or the exception that rendering it raised.

        Snippets are rendered ``batch`` at a time, joined by separator paragraphs and
        split again afterwards: one conversion per snippet would re-read the glossary
        every time, and very large conversions get slow (the abbr extension is
        quadratic in the number of top-level blocks). If a snippet swallows a separator
        (an unclosed code fence) or anything fails, that batch is rendered one by one.
        """
        results: list[str | Exception] = []
        for start in range(0, len(texts), batch):
            results += self._render_batch(texts[start : start + batch])
        return results

    def _render_batch(self, texts: list[str]) -> list[str | Exception]:
        joined = "\n\n".join(f"{text}\n\n{SEPARATOR.format(i)}" for i, text in enumerate(texts))
        try:
            parts = SEPARATOR_HTML.split(self.render(joined))
        except Exception:
            parts = []
        # split() alternates: html, "0", html, "1", ..., trailing text
        if len(parts) == 2 * len(texts) + 1 and parts[1::2] == [str(i) for i in range(len(texts))] and not parts[-1]:
            return [part.strip() for part in parts[0:-1:2]]
        results: list[str | Exception] = []
        for text in texts:
            try:
                results.append(self.render(text))
            except Exception as error:
                results.append(error)
        return results


def unwrap_paragraph(fragment: str) -> str:
    """``<p>text</p>`` -> ``text``: choice text sits inside a ``<label>``."""
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    return fragment


URL_ATTRIBUTE = re.compile(r'\s(?P<name>href|src)="(?P<url>[^"]*)"')
# Only real attributes of real tags: `href="x"` written in inline code is text, not a link.
LINK_TAG = re.compile(r"<(?:a|img)\s[^>]*>", re.IGNORECASE)


def rewrite_urls(fragment: str, rewrite) -> tuple[str, list[str]]:
    """Apply ``rewrite(url, attribute) -> (new url, problem or None)`` to each link and image.

    Returns the new HTML and the problems found. Attribute values are written escaped
    by the serializer, so a quote inside one cannot end it early.
    """
    problems: list[str] = []

    def replace(match: re.Match) -> str:
        url, problem = rewrite(html.unescape(match["url"]), match["name"])
        if problem:
            problems.append(problem)
        return f' {match["name"]}="{html.escape(url, quote=True)}"'

    return LINK_TAG.sub(lambda tag: URL_ATTRIBUTE.sub(replace, tag.group(0)), fragment), problems
