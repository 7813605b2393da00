"""Merge event mentions that report the same real-world event into one :class:`CanonicalEvent`.

Mentions from different sentences and documents are one event when they have
the same type, compatible modality, and compatible participants, place and
date:

* **anchor**: they share a defining participant: the forces deployed
  (deployment), the target or else the place (strike), the person appointed
  (appointment), the speaker (statement). Mentions without a linked anchor stay
  alone: two articles' "troops" are not known to be the same.
* **participants**: every other entity role (agent, place, target, appointer,
  role title) is equal, missing on one side, or, for places, one contains the
  other (Kursk region is in Russia: the place's country).
* **date**: missing on one side, or one ISO value a prefix of the other
  ("2024-11" and "2024-11-04"); a strike across documents needs dates on both
  sides (strikes on the same city recur daily).
* **modality**: asserted and reported mentions merge; expected, hypothetical
  and negated ones merge only with the same modality.
* **statements**: same speaker and contents sharing at least half their words.

Clusters are complete-link (a mention joins a cluster only if it is compatible
with every mention in it). The most specific mentions (most roles and a date)
are placed first, so a vague mention ("North Korean troops joined the war")
joins the largest event it fits rather than fixing the first cluster's shape;
ties go by document id and offset, so the result does not depend on the
order of the input list. Each mention keeps its own document,
sentence and offsets; ``Event.canonical_id`` points at its cluster.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kg.model import CanonicalEvent, Entity, Event, EventType, Modality, slug

__all__ = ["merge", "compatible"]

#: the role whose linked entity anchors a mention, by type (first present wins)
ANCHORS: dict[EventType, tuple[str, ...]] = {
    EventType.DEPLOYMENT: ("forces",),
    EventType.STRIKE: ("target", "place"),
    EventType.APPOINTMENT: ("person",),
    EventType.STATEMENT: ("speaker",),
}
#: roles compared between mentions (besides the anchor and the date)
COMPARED: dict[EventType, tuple[str, ...]] = {
    EventType.DEPLOYMENT: ("forces", "agent", "place"),
    EventType.STRIKE: ("agent", "target", "place"),
    EventType.APPOINTMENT: ("person", "role", "appointer", "replaces"),
    EventType.STATEMENT: ("speaker",),
}
FACTUAL = {Modality.ASSERTED, Modality.REPORTED}
_WORD = re.compile(r"[a-z0-9]+")


def _ids(ev: Event, role: str) -> set[str]:
    out = set()
    for a in ev.get(role):
        if role == "role":
            out.add(slug(a.label or a.text))
        elif a.entity_id and not a.entity_id.startswith("thing/"):
            out.add(a.entity_id)
    return out


def anchor(ev: Event) -> tuple[str, str] | None:
    """``(role, entity id)`` that anchors ``ev`` for merging, or ``None``."""
    for role in ANCHORS[ev.type]:
        ids = sorted(_ids(ev, role))
        if ids:
            return role, ids[0]
    return None


def _place_compatible(a: set[str], b: set[str], entities: Mapping[str, Entity]) -> bool:
    if not a or not b or a & b:
        return True

    def country(eid: str) -> str | None:
        if eid.startswith("country/"):
            return eid.split("/", 1)[1]
        ent = entities.get(eid)
        return ent.country if ent is not None else None

    for x in a:
        for y in b:
            # one is the country the other lies in
            if x.startswith("country/") and country(y) == x.split("/", 1)[1]:
                return True
            if y.startswith("country/") and country(x) == y.split("/", 1)[1]:
                return True
    return False


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _words(ev: Event) -> set[str]:
    return {w for a in ev.get("content") for w in _WORD.findall(a.text.lower()) if len(w) > 2}


def compatible(a: Event, b: Event, entities: Mapping[str, Entity] | None = None) -> bool:
    """Whether two mentions can report the same event (see the module docstring).

    Parameters
    ----------
    a, b : Event
    entities : mapping of id to Entity, optional
        Canonical entities, for place containment (a region's country).
    """
    entities = entities or {}
    if a.type != b.type:
        return False
    if (a.modality in FACTUAL) != (b.modality in FACTUAL) or (
            a.modality not in FACTUAL and a.modality != b.modality):
        return False
    if a.doc_id == b.doc_id and a.sentence.start == b.sentence.start:
        return False  # one sentence, one mention per type
    if not _dates_compatible(a.date, b.date):
        return False
    if a.type == EventType.STRIKE and a.doc_id != b.doc_id and (a.date is None or b.date is None):
        return False
    for role in COMPARED[a.type]:
        x, y = _ids(a, role), _ids(b, role)
        if role == "place":
            if not _place_compatible(x, y, entities):
                return False
        elif x and y and not x & y:
            return False
    if a.type == EventType.STATEMENT:
        wa, wb = _words(a), _words(b)
        if not wa or not wb or len(wa & wb) < 0.5 * min(len(wa), len(wb)):
            return False
    return True


def merge(events: Iterable[Event], entities: Mapping[str, Entity] | Iterable[Entity] | None = None
          ) -> list[CanonicalEvent]:
    """Group event mentions into canonical events; set each mention's ``canonical_id``.

    Parameters
    ----------
    events : iterable of Event
        Linked mentions (run after :mod:`kg.link`).
    entities : mapping of id to Entity, or iterable of Entity, optional

    Returns
    -------
    list of CanonicalEvent
        In order of their first mention (by document id and offset); every
        mention is in exactly one.
    """
    if entities is None:
        ents: Mapping[str, Entity] = {}
    elif isinstance(entities, Mapping):
        ents = entities
    else:
        ents = {e.id: e for e in entities}
    def position(e: Event) -> tuple:
        return e.doc_id, e.sentence.start, e.type.value, e.trigger.start

    def specificity(e: Event) -> int:
        return sum(1 for r in COMPARED[e.type] if _ids(e, r)) + (e.date is not None)

    ordered = sorted(events, key=lambda e: (-specificity(e), position(e)))
    clusters: list[list[Event]] = []
    by_anchor: dict[tuple[EventType, str, str], list[int]] = {}
    for ev in ordered:
        key = anchor(ev)
        fits = [k for k in by_anchor.get((ev.type, *key), ()) if all(compatible(ev, o, ents) for o in clusters[k])] \
            if key is not None else []
        if fits:
            clusters[max(fits, key=lambda k: (len(clusters[k]), -k))].append(ev)
        else:
            clusters.append([ev])
            if key is not None:
                by_anchor.setdefault((ev.type, *key), []).append(len(clusters) - 1)
    out = []
    for members in sorted(clusters, key=lambda c: min(position(e) for e in c)):
        members.sort(key=position)
        first = members[0]
        cid = first.id  # the first mention's id: an unmerged mention's event keeps its IRI
        for m in members:
            m.canonical_id = cid
        out.append(CanonicalEvent(cid, first.type, list(members)))
    return out
