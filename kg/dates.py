"""Deterministic parsing of publication dates (stdlib only, no network).

Only *absolute* calendar dates are handled here; relative expressions
("on Saturday", "last month") are resolved elsewhere against the publication
date.

Accepted forms (case-insensitive, optional leading weekday, optional trailing
time and time zone, which are ignored -- the calendar date is taken as written,
without converting between time zones):

* ISO 8601 and year-first numeric dates: ``2024-12-15``, ``2024-12-15T00:16:00Z``,
  ``2024/12/15``, ``2024.12.15``;
* day-first or month-first numeric dates with a four-digit year: ``15-12-2024``,
  ``15/12/2024``, ``15.12.2024`` (see *Numeric dates* below);
* month names, full or abbreviated, with or without a dot or ordinal suffix:
  ``December 15, 2024``, ``Dec. 15, 2024``, ``Dec 15 2024``, ``15 December 2024``,
  ``15th of December, 2024``, ``Sunday, December 15, 2024``,
  ``Sun, 15 Dec 2024 00:16:00 +0000``.

Numeric dates
-------------
``A-B-YYYY`` (separators ``-``, ``/`` or ``.``; the same one twice):

* ``A > 12`` and ``B <= 12``: day-first (``15-12-2024`` is 15 December);
* ``B > 12`` and ``A <= 12``: month-first (``12/15/2024`` is 15 December);
* both ``<= 12``: day-first by default (``05/06/2024`` is 5 June), the order used
  by most outlets outside the United States; US outlets nearly always spell the
  month out. Pass ``dayfirst=None`` to get ``None`` for such ambiguous dates
  instead, or ``dayfirst=False`` for month-first;
* anything else (both > 12, invalid calendar day) gives ``None``.

Two-digit years are not accepted (``15/12/24`` gives ``None``), nor are years
outside 1900-2100.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator, NamedTuple

__all__ = [
    "DATE_PATTERN",
    "MONTH_DAY_PATTERN",
    "DateMatch",
    "month_number",
    "parse_date",
    "search_dates",
    "url_date",
]

MIN_YEAR, MAX_YEAR = 1900, 2100

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?,?\s+"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"\d{4}"

#: A regular expression (a string without capturing groups, so it can be embedded
#: in other patterns) matching one calendar date in any accepted form, with an
#: optional leading weekday. Compile with ``re.IGNORECASE``.
DATE_PATTERN = (
    r"(?<![\w.:/-])(?:" + _WEEKDAY + r")?(?:"
    r"\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{4}/\d{1,2}/\d{1,2}(?!\d)|\d{4}\.\d{1,2}\.\d{1,2}(?!\d)"
    r"|\d{1,2}-\d{1,2}-\d{4}(?!\d)|\d{1,2}/\d{1,2}/\d{4}(?!\d)|\d{1,2}\.\d{1,2}\.\d{4}(?!\d)"
    rf"|{_MONTH}\s*\d{{1,2}}{_ORD},?\s+{_YEAR}(?!\d)"
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)"
    r")"
)

#: A month and day without a year (``Dec 15``, ``15 December``), as in agency
#: datelines ``KYIV, Dec 15 (Reuters) -``. Compile with ``re.IGNORECASE``.
MONTH_DAY_PATTERN = rf"(?<![\w.])(?:{_MONTH}\s*\d{{1,2}}{_ORD}|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH})(?![\w]|,?\s+\d{{4}})"

_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?\s?m\.?)?"
_TZ = r"(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?|(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|\(?[a-z]{2,5}\)?)"

_FULL = re.compile(
    rf"\s*(?:{_WEEKDAY})?"
    r"(?P<d>"
    rf"(?P<iy>\d{{4}})(?P<is>[-/.])(?P<im>\d{{1,2}})(?P=is)(?P<id>\d{{1,2}})"
    rf"|(?P<na>\d{{1,2}})(?P<ns>[-/.])(?P<nb>\d{{1,2}})(?P=ns)(?P<ny>\d{{4}})"
    rf"|(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    r")"
    rf"(?:(?:\s*,?\s*(?:at\s+)?|t){_TIME})?\s*(?:{_TZ})?\s*",
    re.IGNORECASE,
)
_SEARCH = re.compile(DATE_PATTERN, re.IGNORECASE)
_MONTH_DAY = re.compile(MONTH_DAY_PATTERN, re.IGNORECASE)


class DateMatch(NamedTuple):
    """A date found in a string: its span and its (possibly partial) value.

    ``year`` is ``None`` for a month-day match without a year.
    """

    start: int
    end: int
    year: int | None
    month: int
    day: int

    @property
    def date(self) -> date | None:
        """The calendar date, or ``None`` when the year is missing."""
        if self.year is None:
            return None
        return _make(self.year, self.month, self.day)


def month_number(name: str) -> int | None:
    """The month number of an English month name or abbreviation.

    Parameters
    ----------
    name : str
        ``"December"``, ``"dec"``, ``"Dec."``, ``"Sept"`` ...

    Returns
    -------
    int or None
        1-12, or ``None`` if ``name`` is not a month.
    """
    return _MONTHS.get(name.strip().rstrip(".").lower())


def _make(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(a: int, b: int, year: int, dayfirst: bool | None) -> date | None:
    if a > 12 and b <= 12:
        return _make(year, b, a)
    if b > 12 and a <= 12:
        return _make(year, a, b)
    if a > 12 and b > 12:
        return None
    if a == b:
        return _make(year, a, b)
    if dayfirst is None:
        return None
    return _make(year, b, a) if dayfirst else _make(year, a, b)


def _from_groups(m: re.Match, dayfirst: bool | None) -> date | None:
    g = m.groupdict()
    if g.get("iy"):
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("ny"):
        return _numeric(int(g["na"]), int(g["nb"]), int(g["ny"]), dayfirst)
    if g.get("y1"):
        return _make(int(g["y1"]), month_number(g["m1"]) or 0, int(g["d1"]))
    if g.get("y2"):
        return _make(int(g["y2"]), month_number(g["m2"]) or 0, int(g["d2"]))
    return None  # pragma: no cover - the regex always sets one branch


def parse_date(text: str | None, *, dayfirst: bool | None = True) -> date | None:
    """Parse a string that is a date (and nothing else) into a :class:`datetime.date`.

    Parameters
    ----------
    text : str or None
        The whole string must be one date, optionally with a leading weekday and
        a trailing time and time zone (``"2024-12-15T00:16:00+05:30"``,
        ``"15-12-2024 00:16 IST"``, ``"Sun, 15 Dec 2024 00:16:00 +0000"``).
    dayfirst : bool or None, default True
        How to read an ambiguous numeric date such as ``05/06/2024``: day-first
        (``True``), month-first (``False``) or not at all (``None``).

    Returns
    -------
    datetime.date or None
        The date as written (time zones are not converted), or ``None`` when the
        string is not a date in an accepted form or not a valid calendar date.

    Examples
    --------
    >>> parse_date("Dec. 15, 2024")
    datetime.date(2024, 12, 15)
    >>> parse_date("15/12/2024")
    datetime.date(2024, 12, 15)
    >>> parse_date("next Tuesday") is None
    True
    """
    if not text or len(text) > 100:
        return None
    m = _FULL.fullmatch(text)
    if not m:
        return None
    return _from_groups(m, dayfirst)


def search_dates(text: str, *, yearless: bool = False, dayfirst: bool | None = True) -> Iterator[DateMatch]:
    """Find the dates written in ``text``, left to right.

    Parameters
    ----------
    text : str
        Any text (typically one line).
    yearless : bool, default False
        Also report month-day dates without a year (``Dec 15``), with
        ``year=None``.
    dayfirst : bool or None, default True
        As in :func:`parse_date`.

    Yields
    ------
    DateMatch
        Span and value of each date; invalid calendar dates are skipped.
    """
    found: list[DateMatch] = []
    for m in _SEARCH.finditer(text):
        full = _FULL.match(m.group(0))
        d = _from_groups(full, dayfirst) if full else None
        if d is not None:
            found.append(DateMatch(m.start(), m.end(), d.year, d.month, d.day))
    if yearless:
        for m in _MONTH_DAY.finditer(text):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            parts = re.match(rf"({_MONTH})\s*(\d{{1,2}})|(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTH})", m.group(0), re.IGNORECASE)
            if not parts:  # pragma: no cover - same alternatives as the pattern
                continue
            if parts.group(1):
                month, day = month_number(parts.group(1)), int(parts.group(2))
            else:
                month, day = month_number(parts.group(4)), int(parts.group(3))
            if month and _make(2000, month, day):  # 2000 is a leap year: 29 Feb ok
                found.append(DateMatch(m.start(), m.end(), None, month, day))
    yield from sorted(found)


_URL_DATE = re.compile(r"(?<![\d])((?:19|20)\d{2})([/-])(\d{1,2})(?:\2(\d{1,2}))?(?![\d])")


def url_date(url: str | None) -> tuple[int, int, int | None] | None:
    """The year, month and (if present) day written in a URL path.

    Recognises ``/2024/12/15/``, ``/2024/12/``, ``-2024-12-15/`` and similar.

    Parameters
    ----------
    url : str or None

    Returns
    -------
    (int, int, int or None) or None
        ``(year, month, day)``; ``day`` is ``None`` when the URL gives only a
        year and month. ``None`` when the URL holds no plausible date.
    """
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE)
    for m in _URL_DATE.finditer(path):
        year, month = int(m.group(1)), int(m.group(3))
        day = int(m.group(4)) if m.group(4) else None
        if not 1 <= month <= 12 or not MIN_YEAR <= year <= MAX_YEAR:
            continue
        if day is not None and _make(year, month, day) is None:
            continue
        return year, month, day
    return None
