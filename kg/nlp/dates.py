"""``kg_dates``: find date expressions and resolve them against the publication date.

Values are ISO strings: ``2024-12-14`` (day), ``2024-11`` (month), ``2024``
(year); a week ("earlier this week", "last week", "two weeks ago") is the ISO
date of its Monday with precision ``week``. The precision of each DATE span is
kept in ``Doc._.kg_values`` under ``("precision", start, end)``. Relative expressions ("on Saturday",
"last month", "earlier this week", "in October") need the publication date
(``Doc._.kg_pub_date``); without it they stay unresolved (value ``None``):
a date is never guessed.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.dates import month_number
from kg.nlp.spans import add_spans, set_value, values

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Order matters: longer, more specific expressions first.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("dmy", re.compile(r"\b(?:on\s+)?(?:" + _WEEKDAY + r",?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("mdy", re.compile(r"\b(?:on\s+)?(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b")),
    ("md", re.compile(r"\b(?:on\s+)?(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)")),
    ("dm", re.compile(r"\b(?:on\s+)?(?:" + _WEEKDAY + r",?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s*\d)")),
    ("my", re.compile(r"\b(?:in\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on|late|early)\s+)?" + _WEEKDAY + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("rel_day", re.compile(r"\b(?P<word>yesterday|today|tonight|overnight|the day before yesterday)\b", re.I)),
    ("rel_period", re.compile(r"\b(?P<mod>earlier|later|last|this|next|past|previous)\s+(?:this\s+)?(?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("in_month", re.compile(r"\b(?P<prep>in|since|during|until|by|from|early|late|mid-?)\s+" + _MONTH + r"\b")),
    ("year", re.compile(r"\b(?P<prep>in|since|during|until|by|from|early|late|mid-?)\s+" + _YEAR + r"\b")),
]


def resolve(kind: str, m: re.Match, pub: date | None) -> str | None:
    """Resolve one matched date expression to an ISO string (or ``None``).

    Parameters
    ----------
    kind : str
        The pattern name from :data:`PATTERNS`.
    m : re.Match
        The match.
    pub : datetime.date or None
        Publication date, needed for relative expressions.
    """
    g = m.groupdict()
    try:
        if kind == "iso":
            return date(int(g["year"]), int(g["m"]), int(g["d"])).isoformat()
        if kind in ("dmy", "mdy"):
            return date(int(g["year"]), month_number(g["month"]), int(g["day"])).isoformat()
        if kind in ("md", "dm"):
            if pub is None:
                return None
            month, day = month_number(g["month"]), int(g["day"])
            year = pub.year if (month, day) <= (pub.month, pub.day) or month <= pub.month + 1 else pub.year - 1
            return date(year, month, day).isoformat()
        if kind == "my":
            return f"{int(g['year']):04d}-{month_number(g['month']):02d}"
    except ValueError:  # 31 February and the like
        return None
    if pub is None:
        return None
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        delta = (pub.weekday() - target) % 7
        if rel == "next":
            return (pub + timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat()
        if rel == "last" and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat()
    if kind == "rel_day":
        word = g["word"].lower()
        offset = {"yesterday": 1, "the day before yesterday": 2}.get(word, 0)
        return (pub - timedelta(days=offset)).isoformat()
    if kind == "rel_period":
        mod, unit = g["mod"].lower(), g["unit"].lower()
        back = mod in ("last", "past", "previous")
        if unit == "year":
            return f"{pub.year - 1:04d}" if back else f"{pub.year:04d}"
        if unit == "month":
            if back:
                y, mth = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
                return f"{y:04d}-{mth:02d}"
            return f"{pub.year:04d}-{pub.month:02d}"
        # week: the ISO date of its Monday, with precision "week"
        return (pub - timedelta(days=pub.weekday() + (7 if back else 0))).isoformat()
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _AGO_WORDS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday())
            return (monday - timedelta(weeks=n)).isoformat()
        if unit == "month":
            total = pub.year * 12 + pub.month - 1 - n
            return f"{total // 12:04d}-{total % 12 + 1:02d}"
        return f"{pub.year - n:04d}"
    if kind == "in_month":
        month = month_number(g["month"])
        year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}"
    if kind == "year":
        return f"{int(g['year']):04d}"
    return None


_AGO_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10}


def precision_of(kind: str, m: re.Match, value: str | None) -> str | None:
    """``"day"``, ``"week"``, ``"month"`` or ``"year"`` for a resolved expression."""
    if value is None:
        return None
    if kind == "rel_period" and m.group("unit").lower() == "week" or kind == "ago" and m.group("unit").lower() == "week":
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def find_dates(text: str, pub: date | None) -> list[tuple[int, int, str | None]]:
    """All date expressions in ``text`` as ``(start, end, iso_value_or_None)``, non-overlapping."""
    return [(s, e, v) for s, e, v, _ in find_dates_with_precision(text, pub)]


def find_dates_with_precision(text: str, pub: date | None) -> list[tuple[int, int, str | None, str | None]]:
    """As :func:`find_dates`, with each value's precision (see :func:`precision_of`)."""
    taken: list[tuple[int, int, str | None, str | None]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te, _, _ in taken):
                continue
            value = resolve(kind, m, pub)
            taken.append((s, e, value, precision_of(kind, m, value)))
    return sorted(taken)


@Language.factory("kg_dates", default_config={})
def make_dates(nlp: Language, name: str) -> "DateRecognizer":
    return DateRecognizer()


class DateRecognizer:
    """Add DATE entities; their resolved ISO value (or None) goes to ``Doc._.kg_values``."""

    def __call__(self, doc: Doc) -> Doc:
        pub = doc._.kg_pub_date
        spans: list[Span] = []
        for s, e, value, precision in find_dates_with_precision(doc.text, pub):
            span = doc.char_span(s, e, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            set_value(span, value)
            values(doc)[("precision", span.start_char, span.end_char)] = precision
            spans.append(span)
        add_spans(doc, spans)
        return doc
