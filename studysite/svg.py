"""SVG files under docs/: safe to open on the site's origin, and legible in both palettes.

An SVG opened on its own runs its scripts with the site's origin, where it could read a
learner's stored progress; one that references another host makes the reader's browser
contact it. Both are refused. An SVG painted on an opaque white background glares on the
dark palette: that is reported, unless the reference is the light half of a pair
(``#only-light``, with a ``#only-dark`` twin, as Material shows them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

EXTERNAL = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)|@import", re.I)
WHITE = {"white", "#fff", "#ffffff", "rgb(255,255,255)", "#ffff", "#ffffffff"}
FULL = {"100%", None}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_white(value: str | None) -> bool:
    return value is not None and value.replace(" ", "").lower() in WHITE


def svg_findings(path: Path) -> tuple[tuple[str, ...], bool]:
    """(unsafe causes, has an opaque white background) for one SVG file, read again only when it changes."""
    return _findings(path, path.stat().st_mtime_ns)


@cache
def _findings(path: Path, _mtime_ns: int) -> tuple[tuple[str, ...], bool]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "<!ENTITY" in text:
        return ("declares XML entities; remove the DOCTYPE's <!ENTITY ...>",), False
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return (f"is not well-formed XML ({error})",), False
    causes: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "script":
            causes.append("contains a <script>; figures must not run code")
        if tag == "foreignObject":
            causes.append("contains a <foreignObject>; draw with SVG shapes and text only")
        for name, value in element.attrib.items():
            attribute = _local(name).lower()
            if attribute.startswith("on"):
                causes.append(f"has an event handler '{attribute}'; figures must not run code")
            if attribute in ("href", "src") and EXTERNAL.match(value) and not value.startswith("data:image/"):
                causes.append(f"references '{value}'; an SVG may only refer to its own parts (#id)")
        css = (element.text or "") if tag == "style" else element.attrib.get("style", "")
        for match in CSS_URL.finditer(css):
            url = match.group("url")
            if url is None or EXTERNAL.match(url):
                causes.append("loads a style or font from outside the file; keep styles inline")
    return tuple(dict.fromkeys(causes)), _white_background(root)


def _white_background(root: ElementTree.Element) -> bool:
    """True when the picture sits on opaque white: a white root style, or a full-size white first rect."""
    style = root.attrib.get("style", "").replace(" ", "").lower()
    if any(f"background{kind}:{white}" in style for kind in ("", "-color") for white in WHITE):
        return True
    for element in root:
        tag = _local(element.tag)
        if tag in ("title", "desc", "defs", "style", "metadata"):
            continue
        if tag != "rect":
            return False
        fill = element.attrib.get("fill")
        inline = re.search(r"fill\s*:\s*([^;]+)", element.attrib.get("style", ""))
        fill = inline.group(1).strip() if inline else fill
        covers = element.attrib.get("width") in FULL | {root.attrib.get("width")} and element.attrib.get(
            "height"
        ) in FULL | {root.attrib.get("height")}
        viewbox = root.attrib.get("viewBox", "").split()
        if len(viewbox) == 4:
            covers = covers or (element.attrib.get("width"), element.attrib.get("height")) == tuple(viewbox[2:])
        return covers and _is_white(fill)
    return False
