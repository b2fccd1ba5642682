"""A Content-Security-Policy for every built page: only this site's origin, hashed inline scripts.

The policy travels in a ``<meta http-equiv>`` tag, so it holds on any static host. Its
script hashes are computed from each finished page, so a template change (Material's
or ours) can never leave an inline script unlisted or an old hash behind.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
NOT_CODE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module|application/javascript)[\w/+.-]+""", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)


def script_hashes(page: str) -> list[str]:
    """``'sha256-…'`` sources for every inline script a browser would run, in page order, without repeats."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(page):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.I) or NOT_CODE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(page: str) -> str:
    """The policy for one page: everything from this origin, images also as data: URLs, no eval."""
    scripts = " ".join(["'self'", *script_hashes(page)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


def add_policy(page: str) -> str:
    """The page with its policy as the first element of ``<head>`` (before anything it governs)."""
    head = HEAD.search(page)
    if not head:
        return page
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page), quote=True)}">'
    return page[: head.end()] + tag + page[head.end() :]
