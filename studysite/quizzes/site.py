"""One MkDocs build's quizzes: load banks, place them on pages, render, write the index.

``hooks/quizzes.py`` calls one method per MkDocs event; the work is done by the plain
functions of the other modules. Problems are collected and raised together as a
``QuizBuildError`` at two points: after loading the banks (``load``), and once every
page is rendered (``finish``), when markers, headings and placements are all known.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from mkdocs.utils import get_relative_url

from studysite.code_blocks import compact_highlighted_code
from studysite.quizzes.cache import BuildCache, digest, markdown_fingerprint, quiz_fingerprint
from studysite.quizzes.cues import bank_cues
from studysite.quizzes.model import Bank, Problem, Question, sort_problems
from studysite.quizzes.placement import find_markers, replace_markers, source_markers
from studysite.quizzes.render import (
    INDEX_FIELDS,
    SHEET_TEMPLATE,
    TEMPLATE,
    RefLink,
    SheetLink,
    bank_snippets,
    index_row,
    question_records,
    question_view,
    quiz_view,
    render_quiz,
    sheet_view,
)
from studysite.quizzes.safe_markdown import SCHEME, BankTextRenderer, rewrite_urls
from studysite.quizzes.validate import check_ref_anchors, check_refs_on_page, load_banks, suggest

INDEX_FILE = "assets/quiz-index.json"
QUESTIONS_DIR = "assets/questions"  # one <id>.json per question
SHEETS_DIR = "questions"  # the question sheets: questions/<bank>/, questions/<bank>/2/, ...
SHEET_SIZE = 40  # questions per sheet: a sheet stays under the page budgets (DOM, weight)
SHEET_PLACEHOLDER = "<!-- dva-sheet -->"
CACHE_DIR = ".cache/quizzes"
# The issue form a question's "Report a problem" link opens; the link fills in its
# fields "question", "bank" and "page" (GitHub takes a form field's id as a query key).
REPORT_FORM = "wrong-question.yml"
CODE_LINE_ANCHOR = re.compile(
    r'<a id="__codelineno-[\w-]+" name="__codelineno-[\w-]+" href="#__codelineno-[\w-]+"></a>'
)


class QuizBuildError(Exception):
    """Problems that stop the build; ``str()`` lists every one on its own line."""

    def __init__(self, problems: list[Problem]):
        """Keep the problems, sorted."""
        self.problems = sort_problems(problems)
        super().__init__("\n".join(map(str, self.problems)))


@dataclass
class Placement:
    """A bank placed on a page by a marker."""

    bank: Bank
    page: object  # mkdocs.structure.pages.Page
    token: str
    where: str  # docs/iam.md:170:1


@dataclass
class Sheet:
    """One question sheet: a generated page with questions ``first``..``last`` (1-based) of a bank."""

    bank: Bank
    number: int  # 1-based
    src_uri: str
    page: object = None  # mkdocs.structure.pages.Page, once MkDocs has made it

    @property
    def first(self) -> int:
        """The number of its first question."""
        return (self.number - 1) * SHEET_SIZE + 1

    @property
    def last(self) -> int:
        """The number of its last question."""
        return min(self.number * SHEET_SIZE, len(self.bank.questions))


def sheet_src_uri(bank_id: str, number: int) -> str:
    """Where sheet ``number`` of a bank lives among the docs (generated, never on disk)."""
    return f"{SHEETS_DIR}/{bank_id}/index.md" if number == 1 else f"{SHEETS_DIR}/{bank_id}/{number}.md"


def sheet_markdown(bank: Bank, sheet: Sheet) -> str:
    """The generated page's markdown: a title and the place of the sheet's HTML."""
    title = f"{bank.title}: questions {sheet.first}–{sheet.last} with answers"
    description = f"{bank.title} practice questions {sheet.first} to {sheet.last}, each with its answer explained."
    return (
        "---\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"# {title}\n\n{SHEET_PLACEHOLDER}\n"
    )


@dataclass
class QuizBuild:
    """The quiz state of one build (a new one per build, so ``mkdocs serve`` starts clean)."""

    project_root: Path
    docs_dir: Path
    quizzes_dir: Path
    markdown_extensions: list = field(default_factory=list)
    markdown_configs: dict = field(default_factory=dict)
    repo_url: str | None = None
    site_url: str | None = None
    banks: dict[str, Bank] = field(default_factory=dict)
    placements: list[Placement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # answer cues worth a look; never fail the build
    records: list[list[dict]] = field(default_factory=list)  # per quiz: its questions' JSON records
    quizzes: dict[str, str] = field(default_factory=dict)  # placeholder token -> quiz HTML
    sheets: list[Sheet] = field(default_factory=list)
    sheet_html: dict[str, str] = field(default_factory=dict)  # sheet src_uri -> its HTML
    nonce: str = field(default_factory=lambda: secrets.token_hex(6))
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))

    @classmethod
    def from_config(cls, config) -> QuizBuild:
        """Read what the quizzes need from a MkDocs config."""
        root = Path(config["config_file_path"]).resolve().parent
        return cls(
            project_root=root,
            docs_dir=Path(config["docs_dir"]),
            quizzes_dir=root / "quizzes",
            markdown_extensions=list(config["markdown_extensions"]),
            markdown_configs=dict(config["mdx_configs"]),
            repo_url=config.get("repo_url"),
            site_url=config.get("site_url"),
            cache=BuildCache(root / CACHE_DIR),
        )

    def _shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.project_root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    # --- on_files --------------------------------------------------------------
    def load(self, pages: list[str]) -> None:
        """Load and check every bank; raise every problem at once."""
        banks, problems = load_banks(self.quizzes_dir, self._shown(self.quizzes_dir), pages, self.cache)
        if problems:
            raise QuizBuildError(problems)
        self.banks = {bank.id: bank for bank in banks}
        self.notes = [note for bank in banks for note in bank_cues(bank).notes]

    def sheet_files(self, config) -> list:
        """The question sheets of every bank, as generated MkDocs files (call after ``load``)."""
        from mkdocs.structure.files import File, InclusionLevel

        self.sheets = []
        generated = []
        for bank in self.banks.values():
            count = max(1, -(-len(bank.questions) // SHEET_SIZE))
            for number in range(1, count + 1):
                sheet = Sheet(bank, number, sheet_src_uri(bank.id, number))
                self.sheets.append(sheet)
                content = sheet_markdown(bank, sheet)
                # linked from the chapter's quiz, not listed in the navigation (and no warning for that)
                hidden = InclusionLevel.NOT_IN_NAV
                generated.append(File.generated(config, sheet.src_uri, content=content, inclusion=hidden))
        return generated

    # --- on_page_markdown ----------------------------------------------------------
    def place(self, markdown: str, page) -> str:
        """Swap each marker of a page for a placeholder; check what it names."""
        if "quiz:" not in markdown:
            return markdown
        if page.file.abs_src_path:  # count lines as the author sees the file, front matter included
            source_path = Path(page.file.abs_src_path)
            shown = self._shown(source_path)
            markers = source_markers(source_path.read_text(encoding="utf-8"), markdown)
        else:  # a page generated by a plugin
            shown, markers = page.file.src_uri, find_markers(markdown)
        tokens = []
        for marker in markers:
            token = f"dvaquiz{len(self.placements)}x{len(tokens)}x{self.nonce}"
            tokens.append(token)
            where = f"{shown}:{marker.line}:{marker.column}"
            problem = self._marker_problem(marker.bank, marker.alone)
            if problem:
                self.problems.append(Problem(shown, marker.line, marker.column, (), problem))
                continue
            self.placements.append(Placement(self.banks[marker.bank], page, token, where))
        return replace_markers(markdown, markers, tokens)

    def _marker_problem(self, bank_id: str, alone: bool) -> str | None:
        if not alone:
            return "a quiz marker must be on a line of its own"
        if not bank_id:
            return "the quiz marker names no bank; write <!-- quiz: <bank id> -->"
        if bank_id not in self.banks:
            close = suggest(bank_id, self.banks)
            hint = f"did you mean '{close}'?" if close else f"there is no {self._shown(self.quizzes_dir)}/{bank_id}.yml"
            return f"unknown quiz bank '{bank_id}'; {hint}"
        for placement in self.placements:
            if placement.bank.id == bank_id:
                return f"bank '{bank_id}' is already placed at {placement.where}; place each bank once"
        return None

    # --- on_env ----------------------------------------------------------------------
    def finish(self, env, files) -> None:
        """Check refs and placements, then render each quiz for its page."""
        headings = {
            file.src_uri: _toc_headings(file.page.toc)
            for file in files.documentation_pages()
            if file.page is not None and file.page.toc is not None
        }
        self._check_placements(headings)
        for sheet in self.sheets:  # MkDocs made their pages like any other
            found = files.get_file_from_path(sheet.src_uri)
            sheet.page = found.page if found is not None else None
        if self.placements:
            self._render_quizzes(env, files, headings, self._page_texts(files))

    def _check_placements(self, headings: dict[str, dict[str, str]]) -> None:
        """Every bank placed, every ``ref`` heading there; raise with the markers' problems."""
        problems = list(self.problems)
        placed = {placement.bank.id for placement in self.placements}
        docs = self._shown(self.docs_dir)
        if not self.problems:  # a bank placed twice says so first; its refs are judged once it is placed once
            for placement in self.placements:
                problems += check_refs_on_page(placement.bank, placement.page.file.src_uri)
        for bank in self.banks.values():
            problems += check_ref_anchors(bank, headings)
            if bank.id not in placed:
                cause = (
                    f"bank '{bank.id}' is not placed on any page; "
                    f"add <!-- quiz: {bank.id} --> to a page, usually {docs}/{bank.id}.md under ## Check yourself"
                )
                problems.append(Problem(bank.file, *bank.where.value(("id",)), (), cause))
        if problems:
            raise QuizBuildError(problems)

    def _page_texts(self, files) -> dict[str, dict]:
        """Bank text as HTML for each page that shows it ({placement token or sheet src_uri: {path: HTML}}).

        Links in bank text are relative to docs/; here they become relative to the page.
        """
        fragments = self._render_banks([placement.bank for placement in self.placements])
        problems: list[Problem] = []
        texts: dict[str, dict] = {}
        tokens = {placement.token for placement in self.placements}  # problems are said once, for the quiz
        shown_on = [(p.token, p.bank, p.page) for p in self.placements]
        shown_on += [(sheet.src_uri, sheet.bank, sheet.page) for sheet in self.sheets if sheet.page is not None]
        for key, bank, page in shown_on:
            texts[key] = {}
            for path, result in fragments[bank.id].items():
                if isinstance(result, Exception):
                    if key in tokens:
                        problems.append(bank.problem(path, f"the markdown could not be rendered: {result}"))
                    continue
                rewrite = lambda url, attribute, page=page: _rewrite(url, attribute, page, files)  # noqa: E731
                fragment, causes = rewrite_urls(result, rewrite)
                if key in tokens:
                    problems += [bank.problem(path, cause) for cause in causes]
                texts[key][path] = fragment
        if problems:
            raise QuizBuildError(problems)
        return texts

    def _render_quizzes(self, env, files, headings: dict[str, dict[str, str]], texts: dict[str, dict]) -> None:
        """Each quiz's HTML (kept for on_post_page), its questions' records, and its sheets."""
        templates = [env.loader.get_source(env, name)[0] for name in (TEMPLATE, SHEET_TEMPLATE)]
        fingerprint = quiz_fingerprint(*templates)
        placed = {placement.bank.id: placement for placement in self.placements}
        first_sheets = {sheet.bank.id: sheet for sheet in self.sheets if sheet.number == 1 and sheet.page is not None}
        for placement in self.placements:
            page, bank = placement.page, placement.bank
            refs = {q.id: _ref_link(q, page, files, headings) for q in bank.questions}
            sheet = first_sheets.get(bank.id)
            sheet_url = get_relative_url(sheet.page.url, page.url) if sheet else ""
            # Everything the quiz's HTML depends on; the same inputs give the same HTML.
            key = digest(
                fingerprint,
                bank.key,
                page.url,
                page.title or "",
                self.site_url or "",
                self.repo_url or "",
                sheet_url,
                json.dumps({qid: [ref.url, ref.title] for qid, ref in refs.items()}),
                *texts[placement.token].values(),
            )
            cached = self.cache.get(key) if bank.key else None
            if cached is None:
                report = lambda q, p=placement: self._report_url(q, p)  # noqa: E731
                view = quiz_view(bank, texts[placement.token], refs, report, sheet_url)
                records = question_records(view, bank, page.url, page.title or bank.title)
                cached = [render_quiz(env.get_template(TEMPLATE), view), records]
                if bank.key:
                    self.cache.put(key, cached)
            self.quizzes[placement.token], records = cached
            self.records.append(records)
            # The quiz goes into the finished page (on_post_page): until then a comment
            # holds its place, so search indexing never reads the answers.
            paragraph, placeholder = f"<p>{placement.token}</p>", f"<!--{placement.token}-->"
            token = paragraph if paragraph in page.content else placement.token
            page.content = page.content.replace(token, placeholder, 1)
        for sheet in self.sheets:
            if sheet.page is not None and sheet.bank.id in placed:
                html = self._render_sheet(env, files, headings, texts, sheet, placed[sheet.bank.id], fingerprint)
                self.sheet_html[sheet.src_uri] = html

    def _render_sheet(self, env, files, headings, texts, sheet: Sheet, placement: Placement, fingerprint: str) -> str:
        """The HTML of one question sheet (cached like a quiz)."""
        page, bank = sheet.page, sheet.bank
        questions = bank.questions[sheet.first - 1 : sheet.last]
        refs = {q.id: _ref_link(q, page, files, headings) for q in questions}
        siblings = {other.number: other for other in self.sheets if other.bank is bank and other.page is not None}

        def link(number: int) -> SheetLink | None:
            other = siblings.get(number)
            if other is None:
                return None
            return SheetLink(get_relative_url(other.page.url, page.url), f"{other.first}–{other.last}")

        quiz_url = get_relative_url(placement.page.url, page.url) + f"#quiz-{bank.id}"
        key = digest(
            "sheet",
            fingerprint,
            bank.key,
            page.url,
            quiz_url,
            str(sheet.number),
            str(len(siblings)),
            self.site_url or "",
            self.repo_url or "",
            json.dumps({qid: [ref.url, ref.title] for qid, ref in refs.items()}),
            *texts[sheet.src_uri].values(),
        )
        cached = self.cache.get(key) if bank.key else None
        if isinstance(cached, str):
            return cached
        views = [question_view(q, texts[sheet.src_uri], refs[q.id], self._report_url(q, placement)) for q in questions]
        values = sheet_view(bank, views, sheet.first, quiz_url, link(sheet.number - 1), link(sheet.number + 1))
        rendered = env.get_template(SHEET_TEMPLATE).render(sheet=values).strip()
        if bank.key:
            self.cache.put(key, rendered)
        return rendered

    # --- on_post_page ----------------------------------------------------------------
    def insert(self, output: str, page) -> str:
        """Put the rendered quizzes (or the question sheet) of a page in place of their placeholders."""
        for placement in self.placements:
            if placement.page is page:
                output = output.replace(f"<!--{placement.token}-->", self.quizzes[placement.token], 1)
        if page.file.src_uri in self.sheet_html and page.file.generated_by:
            output = output.replace(SHEET_PLACEHOLDER, self.sheet_html[page.file.src_uri], 1)
        return output

    def _render_banks(self, banks: list[Bank]) -> dict[str, dict]:
        """Every markdown text of each bank as HTML (or the exception it raised).

        Texts are cached per question (and the bank's description on its own), under the
        texts themselves and the markdown settings: editing one question re-renders only
        that question. Everything not in the cache is rendered in one go.
        """
        fingerprint = markdown_fingerprint(self.markdown_extensions, self.markdown_configs, self.project_root)
        results: dict[str, dict] = {bank.id: {} for bank in banks}
        todo: list[tuple[Bank, str, list]] = []  # (bank, cache key, snippets) not in the cache
        for bank in banks:
            for group in _question_groups(bank_snippets(bank)):
                key = digest("text", fingerprint, *(text for _, text in group))
                cached = self.cache.get(key) if bank.key else None
                if isinstance(cached, list) and len(cached) == len(group):
                    results[bank.id].update((path, html) for (path, _), html in zip(group, cached, strict=True))
                else:
                    todo.append((bank, key, group))
        if todo:
            renderer = BankTextRenderer(self.markdown_extensions, self.markdown_configs)
            rendered = iter(renderer.render_many([text for *_, group in todo for _, text in group]))
            for bank, key, group in todo:
                # line anchors of code blocks would repeat the ids of the page's own
                htmls = [
                    html if isinstance(html, Exception) else compact_highlighted_code(CODE_LINE_ANCHOR.sub("", html))
                    for html in (next(rendered) for _ in group)
                ]
                results[bank.id].update((path, html) for (path, _), html in zip(group, htmls, strict=True))
                if bank.key and not any(isinstance(html, Exception) for html in htmls):
                    self.cache.put(key, htmls)
        return results

    def _report_url(self, question: Question, placement: Placement) -> str | None:
        """A new issue on the repository, with the issue form's fields filled in."""
        if not self.repo_url or "github.com" not in self.repo_url:
            return None
        page_url = (self.site_url or "") + placement.page.url + f"#q-{question.id}"
        query = {
            "template": REPORT_FORM,
            "title": f"Quiz question {question.id}",
            # the ids of the form's fields
            "question": question.id,
            "bank": placement.bank.file,
            "page": page_url,
        }
        return f"{self.repo_url.rstrip('/')}/issues/new?{urlencode(query, quote_via=quote)}"

    # --- on_post_build ----------------------------------------------------------------
    def write_index(self, site_dir: Path) -> None:
        """Write the slim question index and one JSON file per question.

        ``assets/quiz-index.json``: {"version": 2, "fields": [...], "chapters": [{"page",
        "title", "bank"}], "sections": [[chapter number, ref, heading], ...], "questions": [[id,
        hash, chapter number, domain, task, number of choices, number of right choices, section
        number], ...]}: what drawing an exam and counting progress need, small enough for any page.
        ``assets/questions/<id>.json``: everything shown.
        """
        if not self.placements:
            return
        folder = site_dir / QUESTIONS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        chapters: list[dict] = []
        sections: dict[tuple, int] = {}  # (chapter number, ref, heading) -> its number
        rows: list[list] = []
        for records in self.records:
            if not records:
                continue
            chapters.append({"page": records[0]["page"], "title": records[0]["chapter"], "bank": records[0]["bank"]})
            for record in records:
                section = (len(chapters) - 1, record["ref"], record["ref_title"])
                rows.append(index_row(record, len(chapters) - 1, sections.setdefault(section, len(sections))))
                text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                (folder / f"{record['id']}.json").write_text(text, encoding="utf-8")
        index = {
            "version": 2,
            "fields": list(INDEX_FIELDS),
            "chapters": chapters,
            "sections": [list(section) for section in sections],
            "questions": rows,
        }
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (site_dir / INDEX_FILE).write_text(text, encoding="utf-8")

    def save_cache(self) -> None:
        """Keep checked banks and rendered text for the next build."""
        self.cache.save()


def _question_groups(snippets: list) -> list[list]:
    """Snippets split into the bank's description and one group per question (cached apart)."""
    groups: dict[tuple, list] = {}
    for path, text in snippets:
        groups.setdefault(tuple(path[:2]) if path[0] == "questions" else tuple(path), []).append((path, text))
    return list(groups.values())


def _toc_headings(items) -> dict[str, str]:
    """``{anchor: heading text}`` for every heading in a MkDocs table of contents."""
    headings: dict[str, str] = {}
    for item in items:
        headings[item.id] = html.unescape(item.title)
        headings.update(_toc_headings(item.children))
    return headings


def _ref_link(question: Question, page, files, headings: dict[str, dict[str, str]]) -> RefLink:
    target, anchor = question.ref.split("#", 1)
    title = headings.get(target, {}).get(anchor, anchor)
    if target == page.file.src_uri:
        return RefLink(f"#{anchor}", title)
    url = get_relative_url(files.get_file_from_path(target).url, page.url)
    return RefLink(f"{url}#{anchor}", title)


def _rewrite(url: str, attribute: str, page, files) -> tuple[str, str | None]:
    """A link or image URL of bank text as seen from ``page``; paths are relative to docs/."""
    if url.startswith("#"):
        return url, None
    if SCHEME.match(url) or url.startswith("//"):
        if attribute == "src":
            return url, f"image '{url}' is not a file of this site; pages must not load anything from other hosts"
        return url, None
    if url.startswith("/"):
        return url, f"'{url}' is an absolute path; write paths relative to docs/, such as 'iam.md#iam-roles'"
    path, hash_mark, anchor = url.partition("#")
    target = files.get_file_from_path(posixpath.normpath(unquote(path)))
    if target is None:
        return url, f"'{path}' is not a file in docs/ (paths in bank text are relative to docs/)"
    return get_relative_url(target.url, page.url) + hash_mark + anchor, None
