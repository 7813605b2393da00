"""Modality and attribution of event mentions.

:func:`modality_of` reads how the sentence presents a trigger: asserted,
reported (attributed), expected (planned, future), hypothetical (conditional,
possible) or negated, from the cue lists in ``kg/data/modality.jsonl``:

* *local* cues in the trigger's verb group ("did **not** deploy", "**might**
  soon expand", "are **expected to** participate"): the tokens before the
  trigger back to a clause boundary and, with a dependency parse, the
  trigger's auxiliaries and markers and the verbs it is the complement of
  (``xcomp``/``ccomp``) with theirs;
* *clause_start* cues opening the trigger's clause ("**If** these soldiers
  are deployed");
* *sentence_before* cues earlier in the sentence ("Moscow **denied** that ...",
  "**according to** ...").

The first modality in file order with a cue wins (negated, hypothetical,
expected, reported). "would" after a speech verb ("said it would deploy") is
future-in-the-past: expected.

:func:`attribute` links mentions to the statements that report them: a mention
whose trigger lies inside a statement's content (same sentence, including
quotes that span sentences) gets ``reported_in`` = the statement's id and, if it
was asserted, modality ``reported``. The claimant (``Event.claimed_by``) is the
statement's linked speaker, filled in after linking by :func:`claimants`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.model import Event, EventType, Modality

__all__ = ["modality_of", "attribute", "claimants", "cues"]

#: how far back (tokens) local cues are looked for
WINDOW = 6
#: how far back (tokens) sentence-level cues are looked for
SENTENCE_WINDOW = 20


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """The cue lists of ``kg/data/modality.jsonl`` as token tuples, by modality and kind."""
    out: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    for row in lexicon.records("modality"):
        out[row["modality"]] = {
            kind: tuple(tuple(c.lower().split()) for c in row.get(kind, ()))
            for kind in ("local", "clause_start", "sentence_before")
        }
    return out


def _has(words: list[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    for p in phrases:
        n = len(p)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == p:
                return True
    return False


def _local_tokens(doc: Doc, sent: Span, trigger: Span) -> tuple[list[str], list[str]]:
    """(verb-group words before the trigger, words of the trigger's clause before it)."""
    boundary = {b[0] for b in cues()["_boundary"]["local"]}
    group: list[str] = []
    i = trigger.start - 1
    while i >= sent.start and len(group) < WINDOW:
        w = doc[i].lower_
        if w in boundary:
            break
        group.insert(0, w)
        i -= 1
    clause: list[str] = []
    j = trigger.start - 1
    while j >= sent.start and doc[j].text not in (",", ";", ":", "—", "–"):
        clause.insert(0, doc[j].lower_)
        j -= 1
    if doc.has_annotation("DEP"):
        # auxiliaries and markers of the trigger and of the verbs it complements
        tok = trigger.root
        seen = 0
        while tok is not None and seen < 4:
            for child in tok.children:
                if child.dep_ in ("aux", "aux:pass", "neg", "mark", "advmod") and child.i < trigger.start \
                        and sent.start <= child.i < sent.end:
                    group.append(child.lower_)
            if tok.dep_ in ("xcomp",) and tok.head is not tok and sent.start <= tok.head.i < sent.end:
                group.append(tok.head.lower_)
                tok = tok.head
                seen += 1
            else:
                break
    return group, clause


def modality_of(doc: Doc, sent: Span, trigger: Span) -> Modality:
    """How the sentence presents the event its ``trigger`` names.

    Parameters
    ----------
    doc : spacy.tokens.Doc
    sent : spacy.tokens.Span
        The sentence holding the trigger.
    trigger : spacy.tokens.Span

    Returns
    -------
    kg.model.Modality
    """
    table = cues()
    group, clause = _local_tokens(doc, sent, trigger)
    before = [t.lower_ for t in doc[max(sent.start, trigger.start - SENTENCE_WINDOW):trigger.start]]
    speech_before = _has(before, table["_speech"]["sentence_before"])
    for name, kinds in table.items():
        if name.startswith("_"):
            continue
        local = kinds["local"]
        if name == "hypothetical" and speech_before:
            local = tuple(p for p in local if p != ("would",))
        if name == "expected" and speech_before:
            local = local + (("would",),)
        hit = _has(group, local) or (clause[:3] and any(tuple(clause[:len(p)]) == p for p in kinds["clause_start"])) \
            or _has(before, kinds["sentence_before"])
        if hit:
            return Modality(name)
    return Modality.ASSERTED


def attribute(events: list[Event]) -> None:
    """Link mentions to the statements that report them (in place).

    A non-statement mention whose trigger lies inside the ``content`` of a
    statement read from the same sentence gets ``reported_in`` (the statement's
    id) and, when it was asserted, modality ``reported``.
    """
    statements: dict[tuple[str, int], list[Event]] = {}
    for ev in events:
        if ev.type == EventType.STATEMENT:
            statements.setdefault((ev.doc_id, ev.sentence.start), []).append(ev)
    for ev in events:
        if ev.type == EventType.STATEMENT:
            continue
        for st in statements.get((ev.doc_id, ev.sentence.start), ()):
            if any(c.start <= ev.trigger.start and ev.trigger.end <= c.end for c in st.get("content")):
                ev.reported_in = st.id
                if ev.modality == Modality.ASSERTED:
                    ev.modality = Modality.REPORTED
                break


def claimants(events: list[Event]) -> None:
    """Fill ``claimed_by`` from the linked speaker of the statement in ``reported_in`` (in place).

    Run after linking, so the claimant is a canonical entity id.
    """
    by_id = {ev.id: ev for ev in events if ev.type == EventType.STATEMENT}
    for ev in events:
        st = by_id.get(ev.reported_in) if ev.reported_in else None
        if st is None:
            continue
        speakers = [a.entity_id for a in st.get("speaker") if a.entity_id]
        if speakers:
            ev.claimed_by = speakers[0]
