"""Read articles from files, folders, globs and JSONL; find dates and boilerplate.

Every input format goes through :func:`from_text`, which finds the publication
date and the boilerplate ranges. :attr:`Article.text` is never rewritten for
``.txt``/``.md``/JSONL input, so offsets index the text exactly as read;
boilerplate (menus, subscribe prompts, "See also" links, trending lists ...) is
recorded as :attr:`Article.dropped` ranges, one per line, which
:meth:`Article.body` blanks out. For HTML, :attr:`Article.text` is the text
extracted by :func:`parse_html`.

Inputs and failures
-------------------
:func:`read` resolves every path first: a path that is neither a file, a folder
nor a glob with matches raises :class:`~kg.errors.InputError` at once, before any
file is read. After that, bad inputs never stop the run: each is skipped with a
one-line warning on the ``"kg"`` logger (``<path>: <reason> (skipped)`` or
``<path>:<line>: <reason> (skipped)``) and a call ``on_skip(where, reason)``.

Publication dates
-----------------
In order: metadata (JSONL ``date``, HTML ``<meta>``/JSON-LD/``<time>``), a
leading date line (`` date 2024-12-15 Left Menu``), a dateline among the first
:data:`HEADER_LINES` non-empty lines (``Updated: 15-12-2024 00:16 IST``,
``Published December 15, 2024``, ``KYIV, Dec 15 (Reuters) -``, a line that is
only a date), and last a full date in the URL (``/2024/12/15/``). A date is never
guessed: when none of these gives a full calendar date, ``Article.date`` is
``None``. A month-day dateline without a year (``KYIV, Dec 15 (Reuters)``) is used
only when the URL supplies the year. See :mod:`kg.dates` for the accepted forms.
"""
from __future__ import annotations

import glob as _glob
import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime as _datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from .dates import DATE_PATTERN, MONTH_DAY_PATTERN, parse_date, search_dates, url_date
from .errors import InputError
from .model import Article

__all__ = [
    "BOILERPLATE_FILE",
    "Cue",
    "HEADER_LINES",
    "HtmlPage",
    "KINDS",
    "MAX_CUE_CHARS",
    "MAX_LINE_BYTES",
    "SUFFIXES",
    "explain_boilerplate",
    "find_boilerplate",
    "find_publication_date",
    "from_text",
    "load_cues",
    "parse_html",
    "read",
]

log = logging.getLogger("kg")

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".json-lines")
#: File name endings read from folders and globs (lower-cased comparison).
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
#: A line (or JSONL record) longer than this many bytes is skipped.
MAX_LINE_BYTES = 1_000_000
#: How many non-empty lines from the top are searched for a dateline.
HEADER_LINES = 15
#: Lines longer than this (in characters) are never boilerplate (and keep the
#: cue regexes linear in practice).
MAX_CUE_CHARS = 2000
#: The cue file for :func:`find_boilerplate`.
BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.jsonl"

OnSkip = Callable[[str, str], Any]


# --------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------

#: The cue kinds of ``kg/data/boilerplate.jsonl``.
KINDS = ("menu", "subscribe", "legal", "byline", "see_also", "list_header", "comments", "caption", "about")


class Cue(NamedTuple):
    """One boilerplate cue from :data:`BOILERPLATE_FILE`."""

    regex: re.Pattern
    kind: str
    max_words: int | None
    note: str


@lru_cache(maxsize=4)
def load_cues(path: str | os.PathLike | None = None) -> tuple[Cue, ...]:
    """Load the boilerplate cues (one JSON object per line).

    Parameters
    ----------
    path : path-like, optional
        Defaults to :data:`BOILERPLATE_FILE`. Records without ``"pattern"`` (such
        as the header comment) are ignored. ``{DATE}`` in a pattern stands for
        :data:`kg.dates.DATE_PATTERN`.

    Returns
    -------
    tuple of Cue
        In file order (the first matching cue wins).

    Raises
    ------
    ValueError
        If a record is not JSON, has an unknown kind or a bad regex.
    """
    path = Path(path) if path is not None else BOILERPLATE_FILE
    cues: list[Cue] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc}") from None
            if "pattern" not in rec:
                continue
            kind = rec.get("kind")
            if kind not in KINDS:
                raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
            pattern = rec["pattern"].replace("{DATE}", f"(?:{DATE_PATTERN})")
            try:
                regex = re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"{path}:{n}: bad pattern: {exc}") from None
            cues.append(Cue(regex, kind, rec.get("max_words", 25), rec.get("note", "")))
    return tuple(cues)


class _Line(NamedTuple):
    start: int  # offset of the first character of the line
    end: int  # offset just past the last character, before "\r\n" / "\n"
    raw: str  # text[start:end]
    s: str  # normalised for matching: stripped, markdown marks removed


_MD = re.compile(r"^(?:#{1,6}\s+|>\s*)+|^[*_]{1,3}|[*_]{1,3}$")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for piece in text.split("\n"):
        end = pos + len(piece)
        stop = end - 1 if piece.endswith("\r") else end
        raw = text[pos:stop]
        s = _MD.sub("", raw.strip()).strip()
        out.append(_Line(pos, stop, raw, s))
        pos = end + 1
    return out


def _words(s: str) -> int:
    return len(s.split())


def _cue_kind(s: str, cues: tuple[Cue, ...] | None = None) -> str | None:
    """The kind of the first cue matching the normalised line ``s``."""
    if not s or len(s) > MAX_CUE_CHARS:
        return None
    n = _words(s)
    for cue in cues if cues is not None else load_cues():
        if cue.max_words is not None and n > cue.max_words:
            continue
        if cue.regex.search(s):
            return cue.kind
    return None


_SENT_END = re.compile(r"[.!?…][\"”’')\]]*$")


def _title_case(s: str) -> bool:
    """Are (nearly) all longer words capitalised, as in a Title Case headline?"""
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _is_prose(s: str) -> bool:
    """Does the line read like running text (a sentence or a paragraph)?

    Twenty words or more; or six or more ending like a sentence (``.``, ``!``,
    ``?``, possibly before a closing quote) and not in Title Case.
    """
    n = _words(s)
    if n >= 20:
        return True
    return n >= 6 and bool(_SENT_END.search(s)) and not _title_case(s)


_LABEL = r"(?:last\s+updated|first\s+published|updated|published|posted|created|modified|dated|date)"
_LEADING = re.compile(rf"^(?:{_LABEL}\s*(?:on\s+)?:?\s*)?(?P<d>{DATE_PATTERN})(?P<rest>.*)$", re.IGNORECASE)


def _leading_date(lines: list[_Line]) -> tuple[_date, _Line] | None:
    """A first non-empty line that is a date plus only boilerplate (`` date 2024-12-15 Left Menu``)."""
    first = next((ln for ln in lines if ln.s), None)
    if first is None:
        return None
    s = first.s
    label = re.match(rf"^{_LABEL}\s*(?:on\s+)?:?\s*", s, re.IGNORECASE)
    whole = parse_date(s[label.end():] if label else s)
    if whole is not None:
        return whole, first
    m = _LEADING.match(s)
    if not m:
        return None
    d = parse_date(m.group("d"))
    rest = m.group("rest").strip(" \t|•·-–—,:")
    if d is None or not rest:
        return None
    time = re.match(r"^(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?-i:\s*\(?[A-Z]{2,5}\)?)?\s*", rest, re.IGNORECASE)
    if time:
        rest = rest[time.end():].strip(" \t|•·-–—,:")
    if rest and not all(_cue_kind(p.strip()) for p in re.split(r"\s*[|•·]\s*", rest) if p.strip()):
        return None
    return d, first


def explain_boilerplate(text: str) -> list[tuple[int, int, str]]:
    """Boilerplate lines with the reason each was dropped.

    Parameters
    ----------
    text : str
        The article text.

    Returns
    -------
    list of (int, int, str)
        ``(start, end, kind)`` per dropped line, in text order; ``text[start:end]``
        is the line without its line break. ``kind`` is a cue kind (see
        :data:`KINDS`), ``"list_item"`` for a line inside a list introduced by a
        ``list_header``, or ``"duplicate"`` for a repeat of an earlier kept line.

    Notes
    -----
    The rules, line by line (blank lines are ignored):

    1. the first non-empty line, if it is a date plus boilerplate (`` date
       2024-12-15 Left Menu``), is dropped;
    2. a line matching a cue of ``kg/data/boilerplate.jsonl`` (within the cue's
       word limit) is dropped; a ``list_header`` cue starts a list;
    3. inside a list, lines are dropped until running text resumes: a line that
       reads like prose (:func:`_is_prose`) ends the list and is kept, and so is
       a short line directly followed by prose (a section heading);
    4. a line of two or more words repeating an earlier kept line is dropped.
    """
    lines = _lines(text)
    cues = load_cues()
    out: list[tuple[int, int, str]] = []
    lead = _leading_date(lines)
    lead_start = lead[1].start if lead else -1
    kinds = [_cue_kind(ln.s, cues) for ln in lines]
    seen: set[str] = set()
    in_list = False
    for i, ln in enumerate(lines):
        if not ln.s:
            continue
        if ln.start == lead_start:
            out.append((ln.start, ln.end, "byline"))
            continue
        kind = kinds[i]
        if kind:
            out.append((ln.start, ln.end, kind))
            if kind == "list_header":
                in_list = True
            continue
        if in_list:
            if _is_prose(ln.s):
                in_list = False
            else:
                nxt = next((j for j in range(i + 1, len(lines)) if lines[j].s), None)
                if nxt is not None and kinds[nxt] is None and _is_prose(lines[nxt].s):
                    in_list = False
                else:
                    out.append((ln.start, ln.end, "list_item"))
                    continue
        key = " ".join(ln.s.casefold().split())
        if _words(key) >= 2 and key in seen:
            out.append((ln.start, ln.end, "duplicate"))
            continue
        seen.add(key)
    return out


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character ranges of boilerplate lines in ``text``.

    Parameters
    ----------
    text : str
        The article text.

    Returns
    -------
    list of (int, int)
        One ``(start, end)`` per dropped line, sorted; ``text[start:end]`` is the
        whole line without its line break. See :func:`explain_boilerplate` for
        the rules and the reason for each range.
    """
    return [(s, e) for s, e, _ in explain_boilerplate(text)]


# --------------------------------------------------------------------------
# Publication dates
# --------------------------------------------------------------------------

_LABELLED = re.compile(
    rf"(?:^|[|•·–—,]\s*)(?P<label>{_LABEL})(?:\s+on)?\s*:?\s*(?P<d>{DATE_PATTERN})", re.IGNORECASE
)
_AGENCY = re.compile(
    r"^(?-i:[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})*),?\s+"
    rf"(?P<d>{DATE_PATTERN}|{MONTH_DAY_PATTERN})\s*(?-i:\([A-Z][\w .&/-]{{1,30}}\))\s*[-–—]",
    re.IGNORECASE,
)

_DATE_DASH = re.compile(rf"^(?P<d>{DATE_PATTERN})\s*[-–—:]\s+\S", re.IGNORECASE)


def _dateline(lines: list[_Line], url: str | None) -> _date | None:
    """The publication date from a dateline among the first header lines."""
    first: tuple[int, _date] | None = None  # (priority, date); 0 = published, 1 = updated
    for ln in [ln for ln in lines if ln.s][:HEADER_LINES]:
        s = ln.s
        if len(s) > MAX_CUE_CHARS:
            continue
        n = _words(s)
        if n <= 30:
            for m in _LABELLED.finditer(s):
                d = parse_date(m.group("d"))
                if d is None:
                    continue
                prio = 1 if re.search(r"updated|modified", m.group("label"), re.IGNORECASE) else 0
                if prio == 0:
                    return d
                if first is None:
                    first = (prio, d)
        if n <= 10:
            d = parse_date(s)
            if d is not None:
                return d
        if n <= 25 and re.match(r"(?-i:By)\s", s):
            dates = [m.date for m in search_dates(s) if m.date]
            if dates:
                return dates[0]
        m = _DATE_DASH.match(s)
        if m:
            d = parse_date(m.group("d"))
            if d is not None:
                return d
        m = _AGENCY.match(s)
        if m:
            found = next(iter(search_dates(m.group("d"), yearless=True)), None)
            if found is not None and found.date is not None:
                return found.date
            if found is not None:
                ud = url_date(url)
                if ud and ud[1] == found.month:
                    d = _safe_date(ud[0], found.month, found.day)
                    if d is not None:
                        return d
    return first[1] if first else None


def _safe_date(y: int, m: int, d: int) -> _date | None:
    try:
        return _date(y, m, d)
    except ValueError:
        return None


def find_publication_date(text: str, *, url: str | None = None) -> tuple[_date | None, str | None]:
    """The publication date written in an article's text (or its URL).

    Parameters
    ----------
    text : str
        The article text.
    url : str, optional
        The article URL, used last (a full ``/2024/12/15/`` date) and to give the
        year of a yearless agency dateline.

    Returns
    -------
    (datetime.date or None, str or None)
        The date and where it came from: ``"leading-line"``, ``"dateline"`` or
        ``"url"``; ``(None, None)`` when the text gives no full date.
    """
    lines = _lines(text)
    lead = _leading_date(lines)
    if lead is not None:
        return lead[0], "leading-line"
    d = _dateline(lines, url)
    if d is not None:
        return d, "dateline"
    ud = url_date(url)
    if ud and ud[2] is not None:
        d = _safe_date(ud[0], ud[1], ud[2])
        if d is not None:
            return d, "url"
    return None, None


def _guess_title(text: str, dropped: list[tuple[int, int]]) -> str | None:
    """The first kept line, if it reads like a headline."""
    dropped_starts = {s for s, _ in dropped}
    for ln in _lines(text):
        if not ln.s or ln.start in dropped_starts:
            continue
        if 2 <= _words(ln.s) <= 25 and not ln.s.endswith("."):
            return ln.s
        return None
    return None


def _as_date(value: Any) -> _date | None:
    if isinstance(value, _datetime):
        return value.date()
    if isinstance(value, _date):
        return value
    return None


def from_text(
    text: str,
    id: str,
    *,
    date: _date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Article:
    """Make an :class:`~kg.model.Article` from text: the path shared by every format.

    Parameters
    ----------
    text : str
        The article text; kept as is (offsets index it).
    id : str
        The article id.
    date : datetime.date or str, optional
        Publication date from metadata. A string is parsed with
        :func:`kg.dates.parse_date`; an unparseable one is logged and ignored
        (then the text is searched, as when no date is given).
    url, title, source : str, optional
        Metadata. Without ``title``, the first kept line is used when it reads
        like a headline (at most 25 words, not ending with a full stop).

    Returns
    -------
    Article
        With ``dropped`` from :func:`find_boilerplate` and ``date``/``date_source``
        from the metadata (``"metadata"``) or else :func:`find_publication_date`.
    """
    pub = _as_date(date)
    how = "metadata" if pub is not None else None
    if pub is None and date is not None and not (isinstance(date, str) and not date.strip()):
        pub = parse_date(date.strip()) if isinstance(date, str) else None
        if pub is None:
            log.warning("%s: unparseable date %r; looking in the text instead", id, _short(str(date)))
        else:
            how = "metadata"
    if pub is None:
        pub, how = find_publication_date(text, url=url)
    dropped = find_boilerplate(text)
    if title is None:
        title = _guess_title(text, dropped)
    return Article(
        id=id, text=text, date=pub, url=url, title=title, source=source, dropped=dropped, date_source=how
    )


def _short(s: str, n: int = 60) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_SKIP_TAGS = {
    "script", "style", "noscript", "nav", "footer", "aside", "form", "template", "svg", "iframe",
    "button", "select", "textarea", "canvas", "object", "embed", "figcaption", "dialog", "menu",
}
_BLOCK2 = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "section", "article",
    "header", "main", "figure", "ul", "ol", "dl", "hr", "address", "details", "hgroup", "center",
}
_BLOCK1 = {"div", "li", "dt", "dd", "tr", "summary", "caption", "fieldset", "tbody", "thead", "tfoot", "legend"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_UI_CLASS = re.compile(
    r"^(?:cookies?|consent|newsletter|related|share|sharing|social|comments?|sidebar|navbar|nav|menu"
    r"|breadcrumbs?|advert\w*|ads?|promo|paywall|subscribe|subscription|popup|modal|skip)(?:$|[-_])"
)
_UI_ROLES = {"navigation", "complementary", "contentinfo", "search", "dialog", "alert"}
_DATE_META = {
    "article:published_time": 0, "og:article:published_time": 0, "og:published_time": 0,
    "datepublished": 2,
    "date": 3, "pubdate": 3, "publishdate": 3, "publish-date": 3, "publish_date": 3,
    "publication_date": 3, "publication-date": 3, "dc.date": 3, "dc.date.issued": 3,
    "dcterms.date": 3, "dcterms.issued": 3, "dcterms.created": 3, "sailthru.date": 3,
    "parsely-pub-date": 3, "article.published": 3, "originalpublicationdate": 3,
}


@dataclass
class HtmlPage:
    """What :func:`parse_html` extracts from a page."""

    text: str
    title: str | None = None
    date: _date | None = None
    url: str | None = None
    date_candidates: list[tuple[int, str]] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pending = 0
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.content_depth = 0  # inside <article>/<main>
        self.pre_depth = 0
        self.in_title = False
        self.title_done = False
        self.title_buf: list[str] = []
        self.og_title: str | None = None
        self.url: str | None = None
        self.canonical: str | None = None
        self.ld_buf: list[str] | None = None
        self.ld_title: str | None = None
        self.dates: list[tuple[int, int, str]] = []  # (priority, order, raw)

    # helpers
    def _date(self, prio: int, raw: str | None) -> None:
        if raw and raw.strip():
            self.dates.append((prio, len(self.dates), raw.strip()))

    def _brk(self, n: int) -> None:
        self.pending = max(self.pending, n)

    def _should_skip(self, tag: str, a: dict[str, str]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if tag == "header" and not self.content_depth:
            return True
        if tag in ("html", "body", "article", "main", "head"):
            return False
        if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
            return True
        if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", a.get("style", ""), re.IGNORECASE):
            return True
        role = a.get("role", "").lower()
        if role in _UI_ROLES or (role == "banner" and not self.content_depth):
            return True
        names = a.get("class", "").lower().split() + a.get("id", "").lower().split()
        return any(_UI_CLASS.match(n) for n in names)

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "")
            if key in ("og:title", "twitter:title") and content.strip() and self.og_title is None:
                self.og_title = content.strip()
            elif key == "og:url" and content.strip():
                self.url = self.url or content.strip()
            elif key in _DATE_META:
                self._date(_DATE_META[key], content)
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.canonical = self.canonical or a["href"].strip()
            return
        if tag == "title" and not self.title_done and not self.skip_tag:
            self.in_title = True
            return
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.ld_buf = []
            return
        if self.skip_tag:
            if tag == self.skip_tag and tag not in _VOID:
                self.skip_depth += 1
            return
        if self._should_skip(tag, a):
            if tag not in _VOID:
                self.skip_tag, self.skip_depth = tag, 1
            return
        if a.get("itemprop", "").lower() == "datepublished":
            self._date(2, a.get("content") or a.get("datetime"))
        if tag == "time" and a.get("datetime"):
            self._date(4 if "pubdate" in a else 5, a["datetime"])
        if tag in ("article", "main"):
            self.content_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag == "br":
            self.pending = min(self.pending + 1, 2)
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _BLOCK2:
            self._brk(2)
        elif tag in _BLOCK1:
            self._brk(1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title, self.title_done = False, True
            return
        if tag == "script" and self.ld_buf is not None:
            self._json_ld("".join(self.ld_buf))
            self.ld_buf = None
            return
        if tag in _VOID:
            return
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
                    self._brk(1)
            return
        if tag in ("article", "main") and self.content_depth:
            self.content_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _BLOCK2:
            self._brk(2)
        elif tag in _BLOCK1:
            self._brk(1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_buf.append(data)
            return
        if self.ld_buf is not None:
            self.ld_buf.append(data)
            return
        if self.skip_tag:
            return
        text = data if self.pre_depth else re.sub(r"\s+", " ", data)
        if not text.strip():
            if not self.pending and text:
                self.out.append(text if self.pre_depth else " ")
            return
        if self.pending and self.out:
            self.out.append("\n" * self.pending)
        self.pending = 0
        self.out.append(text)

    def _json_ld(self, raw: str) -> None:
        try:
            obj = json.loads(raw)
        except ValueError:
            return
        stack = [obj]
        while stack:
            cur = stack.pop(0)
            if isinstance(cur, list):
                stack.extend(cur)
            elif isinstance(cur, dict):
                if isinstance(cur.get("datePublished"), str):
                    self._date(1, cur["datePublished"])
                if isinstance(cur.get("headline"), str) and self.ld_title is None:
                    self.ld_title = cur["headline"].strip() or None
                stack.extend(v for v in cur.values() if isinstance(v, (list, dict)))


def parse_html(markup: str) -> HtmlPage:
    """Extract the readable text and metadata of an HTML page (stdlib ``html.parser``).

    Parameters
    ----------
    markup : str
        The decoded HTML.

    Returns
    -------
    HtmlPage
        ``text``: the page text without script/style/noscript/nav/footer/aside/
        form (and a few other non-content elements, elements hidden with
        ``hidden``/``aria-hidden``/``display:none``, navigation roles, and
        elements whose class or id starts with a UI word such as ``share-``,
        ``related-``, ``cookie-``, ``newsletter``); ``<header>`` is dropped
        unless it is inside ``<article>``/``<main>`` (where it holds the
        headline). Block elements become line breaks (paragraphs are separated
        by a blank line), whitespace is collapsed, entities are unescaped.
        ``title``: ``og:title``, else ``<title>``, else the JSON-LD headline.
        ``date``: the first parseable of ``article:published_time``, JSON-LD
        ``datePublished``, ``itemprop="datePublished"``, ``<meta name="date">``
        (and similar names), ``<time pubdate>``, the first ``<time datetime>``.
        ``url``: ``og:url``, else ``<link rel="canonical">``.
    """
    p = _Extractor()
    p.feed(markup)
    p.close()
    text = "".join(p.out)
    text = re.sub(r"[^\S\n]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = p.og_title or " ".join("".join(p.title_buf).split()) or p.ld_title or None
    cands = sorted(p.dates)
    pub = None
    for _, _, raw in cands:
        pub = parse_date(raw)
        if pub is not None:
            break
    return HtmlPage(
        text=text, title=title, date=pub, url=p.url or p.canonical,
        date_candidates=[(prio, raw) for prio, _, raw in cands],
    )


def _decode_html(raw: bytes) -> str:
    """UTF-8, or the charset the page declares; raises UnicodeDecodeError otherwise."""
    try:
        return _decode_utf8(raw)
    except UnicodeDecodeError:
        m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", raw[:4096], re.IGNORECASE)
        if m:
            import codecs

            try:
                codec = codecs.lookup(m.group(1).decode("ascii"))
            except LookupError:
                codec = None
            if codec is not None and codec.name != "utf-8":
                return raw.decode(codec.name)  # strict: a wrong declaration still fails
        raise


def _decode_utf8(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _supported(path: Path) -> bool:
    name = path.name.lower()
    return not _hidden(path.name) and name.endswith(SUFFIXES)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        for f in filenames:
            p = Path(dirpath) / f
            if _supported(p) and p.is_file():
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _collect(paths: Iterable[str | os.PathLike]) -> list[Path]:
    out: list[Path] = []
    seen: set[Path] = set()
    for item in paths:
        s = os.fspath(item)
        p = Path(s)
        if p.is_dir():
            found = _walk(p)
            if not found:
                log.warning("%s: no %s files in this folder", s, "/".join(x.lstrip(".") for x in SUFFIXES))
        elif p.exists():
            found = [p]
        elif any(c in s for c in "*?["):
            matches = sorted(_glob.glob(s, recursive=True))
            if not matches:
                raise InputError(f"no files match: {s}")
            found = []
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    found.extend(_walk(mp))
                elif _supported(mp):
                    found.append(mp)
        else:
            raise InputError(f"no such file or folder: {s}")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def check_paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The files ``paths`` name, or :class:`~kg.errors.InputError` for a missing path or empty glob.

    Lets a caller fail fast, before loading a pipeline; :func:`read` checks the same way.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _collect(paths)


def _check_bytes(raw: bytes) -> str | None:
    """Why these file bytes cannot be read as text, or ``None``."""
    if not raw.strip():
        return "empty file"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return f"binary file (NUL byte at byte offset {nul})"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _utf8_reason(exc, 0)
    return None


def _utf8_reason(exc: UnicodeDecodeError, base: int) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex().upper()
    return f"not UTF-8 (invalid byte 0x{bad} at byte offset {base + exc.start})"


def _long_line(raw: bytes) -> int | None:
    """The 1-based number of the first line longer than :data:`MAX_LINE_BYTES`."""
    if len(raw) <= MAX_LINE_BYTES:
        return None
    pos, n = 0, 1
    while True:
        nl = raw.find(b"\n", pos)
        end = len(raw) if nl < 0 else nl
        if end - pos > MAX_LINE_BYTES:
            return n
        if nl < 0:
            return None
        pos, n = nl + 1, n + 1


class _Reader:
    def __init__(self, on_skip: OnSkip | None) -> None:
        self.on_skip = on_skip
        self.ids: set[str] = set()

    def skip(self, where: str, reason: str) -> None:
        log.warning("%s: %s (skipped)", where, reason)
        if self.on_skip is not None:
            self.on_skip(where, reason)

    def unique(self, id: str, where: str) -> str:
        if id not in self.ids:
            self.ids.add(id)
            return id
        n = 2
        while f"{id}-{n}" in self.ids:
            n += 1
        new = f"{id}-{n}"
        log.warning("%s: duplicate id %r renamed %r", where, id, new)
        self.ids.add(new)
        return new

    def file(self, path: Path) -> Iterator[Article]:
        where = str(path)
        name = path.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            yield from self.jsonl(path)
            return
        if not name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES) and path.suffix:
            self.skip(where, f"unsupported file type {path.suffix!r}")
            return
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.skip(where, f"cannot read ({exc.strerror or exc})")
            return
        is_html = name.endswith(HTML_SUFFIXES)
        reason = _check_bytes(raw)
        if reason and is_html and reason.startswith("not UTF-8"):
            try:
                _decode_html(raw)
                reason = None
            except UnicodeDecodeError:
                pass
        if reason:
            self.skip(where, reason)
            return
        if is_html:
            page = parse_html(_decode_html(raw))
            if not page.text.strip():
                self.skip(where, "no text in the HTML")
                return
            long = _long_line(page.text.encode("utf-8"))
            if long:
                self.skip(where, f"line {long} of the extracted text is longer than 1 MB")
                return
            yield from_text(
                page.text, self.unique(path.stem, where), date=page.date, url=page.url,
                title=page.title, source=where,
            )
            return
        long = _long_line(raw)
        if long:
            self.skip(where, f"line {long} is longer than 1 MB")
            return
        yield from_text(_decode_utf8(raw), self.unique(path.stem, where), source=where)

    def jsonl(self, path: Path) -> Iterator[Article]:
        where = str(path)
        stem = path.name[: -len(next(s for s in JSONL_SUFFIXES if path.name.lower().endswith(s)))]
        try:
            fh = open(path, "rb")
        except OSError as exc:
            self.skip(where, f"cannot read ({exc.strerror or exc})")
            return
        with fh:
            head = fh.read(8192)
            nul = head.find(b"\x00")
            if nul >= 0:
                self.skip(where, f"binary file (NUL byte at byte offset {nul})")
                return
            fh.seek(0)
            lineno, offset, records = 0, 0, 0
            while True:
                raw = fh.readline(MAX_LINE_BYTES + 1)
                if not raw:
                    break
                lineno += 1
                start = offset
                offset += len(raw)
                loc = f"{where}:{lineno}"
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    while True:
                        chunk = fh.readline(1 << 20)
                        offset += len(chunk)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                    records += 1
                    self.skip(loc, "line longer than 1 MB")
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    records += 1
                    self.skip(loc, _utf8_reason(exc, start))
                    continue
                if lineno == 1 and line.startswith("\ufeff"):
                    line = line[1:]
                if not line.strip():
                    continue
                records += 1
                try:
                    rec = json.loads(line)
                except ValueError:
                    self.skip(loc, "not JSON")
                    continue
                if not isinstance(rec, dict):
                    self.skip(loc, "not a JSON object")
                    continue
                text = rec.get("text")
                if not isinstance(text, str) or not text.strip():
                    self.skip(loc, "no text")
                    continue
                rid = rec.get("id")
                if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip():
                    rid = str(rid).strip()
                else:
                    rid = f"{stem}-{lineno}"
                raw_date = rec.get("date")
                pub: _date | None = None
                if raw_date is not None and not (isinstance(raw_date, str) and not raw_date.strip()):
                    pub = parse_date(raw_date.strip()) if isinstance(raw_date, str) else None
                    if pub is None:
                        log.warning("%s: unparseable date %r; looking in the text instead", loc, _short(str(raw_date)))
                url = rec.get("url") if isinstance(rec.get("url"), str) else None
                title = rec.get("title") if isinstance(rec.get("title"), str) else None
                yield from_text(text, self.unique(rid, loc), date=pub, url=url, title=title, source=loc)
            if records == 0:
                self.skip(where, "empty file")


def read(
    paths: str | os.PathLike | Iterable[str | os.PathLike], *, on_skip: OnSkip | None = None
) -> Iterator[Article]:
    """Read articles from files, folders and globs.

    Parameters
    ----------
    paths : path-like or iterable of path-like
        Files, folders (read recursively) or glob patterns (``**`` allowed).
        Folders and globs yield the files ending in :data:`SUFFIXES`
        (``.txt .text .md .html .htm .jsonl .json-lines``, case-insensitive),
        skipping hidden files and folders, in sorted path order; a file named
        explicitly is read whatever its name ends with, except that a name with
        an unknown suffix is skipped (a name without a suffix is read as text).
        A file reached twice is read once.
    on_skip : callable, optional
        Called as ``on_skip(where, reason)`` for each skipped file or JSONL line
        (``where`` is the path, or ``path:line``), after the warning is logged.

    Returns
    -------
    iterator of Article
        One per text/HTML file, one per JSONL record. Ids are file stems or the
        JSONL ``id`` (else ``<stem>-<line>``); a repeated id gets a warning and a
        ``-2``, ``-3`` ... suffix. ``source`` is the path (``path:line`` for JSONL).

    Raises
    ------
    InputError
        Immediately (before any file is read) if a path does not exist
        (``no such file or folder: X``) or a glob matches nothing
        (``no files match: X``).

    Notes
    -----
    Skipped, with a one-line warning on the ``"kg"`` logger: empty files; binary
    files (a NUL byte); text that is not UTF-8 (the warning gives the first bad
    byte's offset; no other encoding is guessed, except that an HTML page may
    declare its charset); files with a line over :data:`MAX_LINE_BYTES`; JSONL
    lines that are too long, not UTF-8, not JSON, not an object, or have no
    ``text``. An unparseable JSONL ``date`` is logged and ignored (the text is
    then searched for a date, as when the record has none).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = _collect(paths)
    reader = _Reader(on_skip)

    def gen() -> Iterator[Article]:
        for f in files:
            yield from reader.file(f)

    return gen()
