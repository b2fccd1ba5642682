"""Render Mermaid diagrams to static SVG in headless Chromium, once, at build time.

The pinned Mermaid copy draws each diagram in a page that carries Material's own
stylesheets, with the settings and the diagram CSS Material uses when it draws them in
the reader's browser; Material's colour variables are then replaced by their values in
each palette, which gives one self-contained SVG per palette. Text stays SVG text
(``htmlLabels: false``), so the files need no HTML inside and work as images.

Rendering is deterministic: each diagram is drawn in a fresh page with the same id,
and the output is normalised (unused CSS dropped, coordinates and sizes rounded, no inline
max-width).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from studysite.diagrams import SCHEMES, mermaid_script

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}(?:e-?\d+)?")
VAR = re.compile(r"var\((--[\w-]+)(?:,[^()]*)?\)")
SCHEME_ATTRIBUTES = {"light": "default", "dark": "slate"}
ELEMENT_ID = "d"  # each SVG file holds one diagram: a short id keeps its own references unique


class RendererUnavailable(Exception):
    """No browser to render with: say how to get one."""


@dataclass(frozen=True)
class Rendered:
    """One diagram's SVG per palette, or Mermaid's own message when it does not parse."""

    svgs: dict[str, str]
    error: str | None = None


def chromium_path() -> str | None:
    """The Chromium to use (build and tests): ``$CHROMIUM``, else ``chromium`` on the PATH; None if neither."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def renderer_available() -> bool:
    """True when Playwright and a Chromium are installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return chromium_path() is not None


def _material_assets() -> tuple[Path, Path, str]:
    """Material's main and palette stylesheets, and the diagram CSS its own Mermaid code uses."""
    import material

    assets = Path(material.__file__).parent / "templates" / "assets"
    main = next((assets / "stylesheets").glob("main.*.min.css"))
    palette = next((assets / "stylesheets").glob("palette.*.min.css"))
    source_map = json.loads(next((assets / "javascripts").glob("bundle.*.min.js.map")).read_text(encoding="utf-8"))
    theme_css = next(
        text
        for name, text in zip(source_map["sources"], source_map["sourcesContent"], strict=True)
        if name.endswith("mermaid/index.css")
    )
    return main, palette, theme_css


def _page(main: Path, palette: Path, palettes: list[dict]) -> str:
    light = next((p for p in palettes if p.get("scheme") == "default"), {})
    return (
        "<!doctype html><html><head><meta charset=utf-8>"  # styles inline: a blank page may not read files
        f"<style>{main.read_text(encoding='utf-8')}</style><style>{palette.read_text(encoding='utf-8')}</style>"
        f'</head><body data-md-color-scheme="default" data-md-color-primary="{_slug(light.get("primary"))}" '
        f'data-md-color-accent="{_slug(light.get("accent"))}"><div class="md-typeset" id="host"></div></body></html>'
    )


def _slug(colour: str | None) -> str:
    return (colour or "indigo").replace(" ", "-")


RENDER = """async ([id, source, themeCSS]) => {
  mermaid.initialize({
    startOnLoad: false, securityLevel: "strict", themeCSS, htmlLabels: false,
    flowchart: { htmlLabels: false },
    sequence: { actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px" },
  });
  try {
    await mermaid.parse(source);
    const { svg } = await mermaid.render(id, source, document.getElementById("host"));
    return { svg };
  } catch (error) {
    return { error: String(error && error.message || error) };
  }
}"""

RESOLVE = """([scheme, primary, accent, names]) => {
  document.body.setAttribute("data-md-color-scheme", scheme);
  document.body.setAttribute("data-md-color-primary", primary);
  document.body.setAttribute("data-md-color-accent", accent);
  const style = getComputedStyle(document.body);
  return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name).trim()]));
}"""


def css_rules(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, block)`` pairs of a style sheet (``@keyframes`` blocks kept whole)."""
    rules, index = [], 0
    while index < len(css):
        start = css.find("{", index)
        if start < 0:
            break
        depth, end = 0, start
        while end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            if depth == 0:
                break
            end += 1
        rules.append((css[index:start].strip(), css[start + 1 : end]))
        index = end + 1
    return rules


def prune_css(svg: str, element_id: str) -> str:
    """Keep only the style rules that can apply to this diagram; drop the id prefix (one diagram per file).

    Mermaid embeds the CSS of every shape of a diagram type in each SVG; most of it
    names classes this diagram never uses.
    """
    match = re.search(r"<style>(.*?)</style>", svg, re.S)
    if not match:
        return svg
    body = svg[match.end() :]
    used = {token for value in re.findall(r'class="([^"]*)"', body) for token in value.split()}
    kept: list[str] = []
    keyframes: list[tuple[str, str]] = []
    for prelude, block in css_rules(match.group(1)):
        if prelude.startswith("@keyframes"):
            keyframes.append((prelude, block))
            continue
        selectors = [
            sel.replace(f"#{element_id} ", "").replace(f"#{element_id}", "svg").strip()
            for sel in prelude.split(",")
            if set(re.findall(r"\.([\w-]+)", sel)) <= used and ":root" not in sel
        ]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{block}}}")
    css = "".join(kept)
    css = "".join(f"{p}{{{b}}}" for p, b in keyframes if p.split()[-1] in css) + css
    return svg[: match.start()] + f"<style>{css}</style>" + body


def round_coordinates(svg: str) -> str:
    """Numbers inside tags (path data, points, transforms, positions) rounded to 1/100 px.

    Mermaid writes coordinates with 15 or more digits; its rounded shapes are paths of
    hundreds of curve points, so one such diagram weighed 200 KB. Text between tags
    (labels, the title and description, the CSS) is left as it is.
    """

    def short(match: re.Match) -> str:
        value = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
        return "0" if value in ("-0", "") else value

    return re.sub(r"<[^<>]+>", lambda tag: LONG_NUMBER.sub(short, tag.group(0)), svg)


def normalise(svg: str, values: dict[str, str], element_id: str) -> str:
    """Unused CSS pruned, colours resolved, coordinates rounded, whole-pixel size, no max-width."""
    svg = round_coordinates(prune_css(svg, element_id))
    svg = VAR.sub(lambda match: " ".join(values.get(match.group(1), "").split()) or match.group(0), svg)
    view_box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
    width, height = (round(float(view_box.group(3))), round(float(view_box.group(4)))) if view_box else (0, 0)
    svg = re.sub(r'(<svg[^>]*?) style="max-width: [\d.]+px;"', r"\1", svg, count=1)
    svg = re.sub(r'(<svg[^>]*?) width="100%"', rf'\1 width="{width}" height="{height}"', svg, count=1)
    return svg if svg.endswith("\n") else svg + "\n"


def render(diagrams: Iterable[tuple[str, str]], palettes: list[dict]) -> dict[str, Rendered]:
    """Render ``(key, mermaid source)`` pairs; returns ``{key: Rendered}``.

    Raises ``RendererUnavailable`` when Playwright or Chromium is missing.
    """
    todo = list(diagrams)
    if not todo:
        return {}
    if not renderer_available():
        raise RendererUnavailable(
            "rendering diagrams needs Chromium and Playwright; `make diagrams` installs them and renders"
        )
    # Playwright's sync API refuses to start inside a running asyncio loop (a test session
    # that already drives a browser, for one): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_render, todo, palettes).result()


def _render(todo: list[tuple[str, str]], palettes: list[dict]) -> dict[str, Rendered]:
    from playwright.sync_api import sync_playwright

    main, palette, theme_css = _material_assets()
    html = _page(main, palette, palettes)
    by_scheme = {p["scheme"]: p for p in palettes if p.get("scheme")}  # "default" and "slate"
    results: dict[str, Rendered] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            for key, source in todo:
                page.set_content(html)
                page.add_script_tag(path=str(mermaid_script()))
                outcome = page.evaluate(RENDER, [ELEMENT_ID, source, theme_css])
                if "error" in outcome:
                    results[key] = Rendered({}, outcome["error"])
                    continue
                names = sorted(set(VAR.findall(outcome["svg"])))
                svgs = {}
                for scheme in SCHEMES:
                    chosen = by_scheme.get(SCHEME_ATTRIBUTES[scheme], {})
                    values = page.evaluate(
                        RESOLVE,
                        [SCHEME_ATTRIBUTES[scheme], _slug(chosen.get("primary")), _slug(chosen.get("accent")), names],
                    )
                    svgs[scheme] = normalise(outcome["svg"], values, ELEMENT_ID)
                results[key] = Rendered(svgs)
        finally:
            browser.close()
    return results
