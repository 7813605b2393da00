"""``kg_quantities``: numbers with their qualifiers ("around 11,000", "over 200").

Each CARDINAL entity's value (an int) goes to ``Doc._.kg_values``; the qualifier
("approximate", "at_least", "at_most" or "exact") to ``Doc._.kg_values`` under
the key ``("qualifier", start, end)``. Date entities found earlier win overlaps.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import lexicon
from kg.nlp.spans import add_spans, set_value, values

#: qualifier name -> the words that introduce it (kg/data/qualifiers.jsonl)
QUALIFIERS: dict[str, tuple[str, ...]] = {r["qualifier"]: tuple(r["words"]) for r in lexicon.records("qualifiers")}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "a dozen": 12,
              "dozen": 12, "a thousand": 1000})
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000}

_QUAL = "|".join(sorted((re.escape(q) for qs in QUALIFIERS.values() for q in qs), key=len, reverse=True))
_WORD = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![\w.,:/-])(?:(?P<qual>" + _QUAL + r")\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + _WORD + r")"
    r"(?:\s*(?P<scale>thousand|million|billion)|(?P<k>k)\b)?(?![\w,:/]|\.\d)",
    re.I,
)


def parse_number(num: str, scale: str | None = None) -> int | None:
    """``"11,000" -> 11000``, ``"2.5", "million" -> 2500000``, ``"twelve" -> 12``."""
    num = num.lower()
    if num in WORDS:
        base: float = WORDS[num]
    else:
        try:
            base = float(num.replace(",", ""))
        except ValueError:
            return None
    if scale:
        base *= SCALES[scale.lower()]
    return int(round(base))


def qualifier_of(word: str | None) -> str:
    if not word:
        return "exact"
    word = word.lower()
    for name, words in QUALIFIERS.items():
        if word in words:
            return name
    return "exact"


@Language.factory("kg_quantities", default_config={})
def make_quantities(nlp: Language, name: str) -> "QuantityRecognizer":
    return QuantityRecognizer()


class QuantityRecognizer:
    """Add CARDINAL entities for numbers, keeping qualifiers inside the span."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in NUMBER.finditer(doc.text):
            value = parse_number(m.group("num"), m.group("scale") or m.group("k"))
            if value is None:
                continue
            span = doc.char_span(m.start(), m.end(), label="CARDINAL", alignment_mode="expand")
            if span is None:
                continue
            set_value(span, value)
            values(doc)[("qualifier", span.start_char, span.end_char)] = qualifier_of(m.group("qual"))
            spans.append(span)
        add_spans(doc, spans, replace=False)
        return doc
