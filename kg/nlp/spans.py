"""Shared span bookkeeping for our components.

Entities live in ``doc.ents`` (non-overlapping; the canonical entity id in
``Span.kb_id_``). Normalised values (ISO dates, integers) live in
``Doc._.kg_values`` keyed by character offsets, which survives span re-creation.
"""
from __future__ import annotations

from typing import Any, Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

#: Labels our rules are more precise about than a statistical NER: they win overlaps.
RULE_LABELS = ("FORCES", "GROUP", "WEAPON")


def register_extensions() -> None:
    """Register the ``kg_`` extension attributes (idempotent)."""
    for name, default in (("kg_pub_date", None), ("kg_doc_id", None), ("kg_values", None),
                          ("kg_events", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def values(doc: Doc) -> dict[tuple[int, int], Any]:
    if doc._.kg_values is None:
        doc._.kg_values = {}
    return doc._.kg_values


def set_value(span: Span, value: Any) -> None:
    """Attach a normalised value to a span."""
    values(span.doc)[(span.start_char, span.end_char)] = value


def get_value(span: Span, default: Any = None) -> Any:
    return values(span.doc).get((span.start_char, span.end_char), default)


def add_spans(doc: Doc, spans: Iterable[Span], *, replace: bool = True) -> None:
    """Merge ``spans`` into ``doc.ents``.

    With ``replace`` the longest span wins an overlap (new spans win ties);
    without it, existing entities are kept and overlapping new spans dropped.
    """
    spans = list(spans)
    if not spans:
        return
    old = list(doc.ents)
    if replace:
        doc.ents = filter_spans(spans + old)
    else:
        taken = set()
        for e in old:
            taken.update(range(e.start, e.end))
        new = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(old + new, key=lambda s: s.start)
