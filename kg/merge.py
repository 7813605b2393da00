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

import bisect
import heapq
import re
from collections.abc import Iterable, Mapping

from kg.model import CanonicalEvent, Entity, Event, EventType, Modality, slug

__all__ = ["merge", "compatible", "partition"]

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


def _filler_ids(role: str, args: Iterable) -> set[str]:
    out = set()
    for a in args:
        if role == "role":
            out.add(slug(a.label or a.text))
        elif a.entity_id and not a.entity_id.startswith("thing/"):
            out.add(a.entity_id)
    return out


def _ids(ev: Event, role: str) -> set[str]:
    return _filler_ids(role, ev.get(role))


def _anchor(etype: EventType, ids_of) -> tuple[str, str] | None:
    for role in ANCHORS[etype]:
        ids = sorted(ids_of(role))
        if ids:
            return role, ids[0]
    return None


def anchor(ev: Event) -> tuple[str, str] | None:
    """``(role, entity id)`` that anchors ``ev`` for merging, or ``None``."""
    return _anchor(ev.type, lambda role: _ids(ev, role))


def _partition(etype: EventType, key: tuple[str, str] | None, factual: bool, modality: Modality,
               event_id: str) -> str:
    if key is None:
        return "~" + event_id  # no anchor: alone
    return "\x1f".join((etype.value, *key, "factual" if factual else modality.value))


def partition(ev: Event) -> str:
    """The part of a corpus within which ``ev`` can merge: its type, anchor and modality class
    (an unanchored mention is a part of its own).

    :func:`merge` never puts mentions of different parts in one event, and merging a part
    alone gives exactly its events in the whole merge, so a store re-merges only the parts
    that changed documents touch.

    Parameters
    ----------
    ev : Event

    Returns
    -------
    str
    """
    return _partition(ev.type, anchor(ev), ev.modality in FACTUAL, ev.modality, ev.id)


def _country(eid: str, entities: Mapping[str, Entity]) -> str | None:
    """The country code of a place id (``country/UA`` is in UA; others by their entity)."""
    if eid.startswith("country/"):
        return eid.split("/", 1)[1]
    ent = entities.get(eid)
    return ent.country if ent is not None else None


def _place_compatible(a: set[str], b: set[str], entities: Mapping[str, Entity]) -> bool:
    if not a or not b or a & b:
        return True
    for x in a:
        for y in b:
            # one is the country the other lies in
            if x.startswith("country/") and _country(y, entities) == x.split("/", 1)[1]:
                return True
            if y.startswith("country/") and _country(x, entities) == y.split("/", 1)[1]:
                return True
    return False


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _words(ev: Event) -> set[str]:
    return {w for a in ev.get("content") for w in _WORD.findall(a.text.lower()) if len(w) > 2}


class _Features:
    """What merging compares of one mention, computed once (the checks run millions of times)."""

    __slots__ = ("ev", "type", "factual", "modality", "doc", "sent", "date", "ids", "words", "anchor",
                 "specificity", "position", "signature")

    def __init__(self, ev: Event) -> None:
        self.ev = ev
        self.type = ev.type
        self.factual = ev.modality in FACTUAL
        self.modality = ev.modality
        self.doc = ev.doc_id
        self.sent = ev.sentence.start
        self.date = ev.date
        by_role: dict[str, list] = {}
        for a in ev.args:
            by_role.setdefault(a.role, []).append(a)
        self.ids = tuple((role, frozenset(_filler_ids(role, by_role.get(role, ()))))
                         for role in COMPARED[ev.type])
        self.words = frozenset(_words(ev)) if ev.type == EventType.STATEMENT else None
        ids = dict(self.ids)  # every anchor role is a compared role
        self.anchor = _anchor(ev.type, lambda role: ids[role] if role in ids
                              else _filler_ids(role, by_role.get(role, ())))
        self.specificity = sum(1 for _, x in self.ids if x) + (self.date is not None)
        self.position = (ev.doc_id, ev.sentence.start, ev.type.value, ev.trigger.start)
        # what decides compatibility with another mention, besides sharing its sentence
        # (the document only counts for strikes: undated strikes merge within a document)
        self.signature = (self.factual, self.modality, self.date,
                          self.doc if self.type == EventType.STRIKE else None, self.ids, self.words)


def _fits(a: _Features, b: _Features, entities: Mapping[str, Entity]) -> bool:
    """:func:`compatible` on precomputed features."""
    if a.type != b.type:
        return False
    if a.factual != b.factual or (not a.factual and a.modality != b.modality):
        return False
    if a.doc == b.doc and a.sent == b.sent:
        return False  # one sentence, one mention per type
    if not _dates_compatible(a.date, b.date):
        return False
    if a.type == EventType.STRIKE and a.doc != b.doc and (a.date is None or b.date is None):
        return False
    for (role, x), (_, y) in zip(a.ids, b.ids):
        if role == "place":
            if not _place_compatible(x, y, entities):
                return False
        elif x and y and not x & y:
            return False
    if a.type == EventType.STATEMENT:
        wa, wb = a.words, b.words
        if not wa or not wb or len(wa & wb) < 0.5 * min(len(wa), len(wb)):
            return False
    return True


def compatible(a: Event, b: Event, entities: Mapping[str, Entity] | None = None) -> bool:
    """Whether two mentions can report the same event (see the module docstring).

    Parameters
    ----------
    a, b : Event
    entities : mapping of id to Entity, optional
        Canonical entities, for place containment (a region's country).
    """
    return _fits(_Features(a), _Features(b), entities or {})


class _Cluster:
    """A growing canonical event: its mentions and what a newcomer must fit."""

    __slots__ = ("k", "members", "positions", "reps", "date", "seen")

    def __init__(self, k: int, first: _Features) -> None:
        self.k = k
        self.members: list[_Features] = []
        self.positions: set[tuple[str, int]] = set()
        self.reps: dict[tuple, _Features] = {}  # one member per distinct signature
        self.date: str | None = None  # the most specific date (the others are its prefixes)
        self.seen: dict[str, set] = {}  # role -> index keys of its members' entities
        self.add(first)

    def add(self, f: _Features) -> None:
        self.members.append(f)
        self.positions.add((f.doc, f.sent))
        self.reps.setdefault(f.signature, f)
        if f.date is not None and (self.date is None or len(f.date) > len(self.date)):
            self.date = f.date

    def fits(self, f: _Features, entities: Mapping[str, Entity]) -> bool:
        """Whether ``f`` is compatible with every member (complete link)."""
        if (f.doc, f.sent) in self.positions:
            return False
        return all(_fits(f, rep, entities) for rep in self.reps.values())


class _Bucket:
    """The clusters of one anchor (and modality class), indexed so that a mention is checked
    only against clusters it could fit (a superset: :meth:`_Cluster.fits` decides):

    * by date: a cluster's most specific date, and each prefix of it;
    * by role fillers (for places, also their country), and the clusters with none;
    * for strikes, by document (an undated strike merges within its document only);
    * by size, to look for the largest fitting cluster first.
    """

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self.entities = entities
        self.undated: set[int] = set()
        self.by_date: dict[str, set[int]] = {}  # a cluster's most specific date -> clusters
        self.by_prefix: dict[str, set[int]] = {}  # a proper prefix of it -> clusters
        self.none: dict[str, set[int]] = {}  # role -> clusters with no member filling it
        self.has: dict[tuple[str, str], set[int]] = {}  # (role, key) -> clusters
        self.by_doc: dict[str, set[int]] = {}  # strikes: document -> clusters with a mention in it
        self.sizes: list[int] = []  # distinct cluster sizes, ascending
        self.of_size: dict[int, set[int]] = {}

    def _keys(self, role: str, ids: frozenset) -> set[str]:
        """Index keys of a cluster member's fillers of ``role``: the ids; for places also
        their country (a place fits its country and the country its places)."""
        return self._place_keys(ids, query=False) if role == "place" else set(ids)

    def _lookup(self, role: str, ids: frozenset) -> set[str]:
        """Keys under which a cluster that ``ids`` could fit is indexed."""
        return self._place_keys(ids, query=True) if role == "place" else set(ids)

    def _place_keys(self, ids: frozenset, query: bool) -> set[str]:
        """Place ids with their country: stored as ``in:C`` (a member lies in C); looked up
        (``query``) as the country itself and, for a country, as the places in it."""
        out = set()
        for x in ids:
            out.add(x)
            c = _country(x, self.entities)
            if c:
                out.add(("country/" if query else "in:") + c)
            if query and x.startswith("country/"):
                out.add("in:" + x.split("/", 1)[1])
        return out

    def _index_date(self, k: int, d: str | None, add: bool) -> None:
        if d is None:
            (self.undated.add if add else self.undated.discard)(k)
            return
        parts = [self.by_date.setdefault(d, set())] + [self.by_prefix.setdefault(d[:i], set())
                                                       for i in range(len(d))]
        for part in parts:
            (part.add if add else part.discard)(k)

    def _resize(self, k: int, old: int, new: int) -> None:
        if old:
            cls = self.of_size[old]
            cls.discard(k)
            if not cls:
                del self.of_size[old]
                self.sizes.pop(bisect.bisect_left(self.sizes, old))
        if new not in self.of_size:
            self.of_size[new] = set()
            bisect.insort(self.sizes, new)
        self.of_size[new].add(k)

    def new(self, c: _Cluster) -> None:
        self._index_date(c.k, c.date, True)
        for role, _ in c.members[0].ids:
            self.none.setdefault(role, set()).add(c.k)
        self.joined(c, c.members[0], None)

    def joined(self, c: _Cluster, f: _Features, old_date: str | None) -> None:
        """Update the indexes after ``f`` joined (or started) ``c``, whose date was ``old_date``."""
        n = len(c.members)
        self._resize(c.k, n - 1, n)
        if c.date != old_date and n > 1:
            self._index_date(c.k, old_date, False)
            self._index_date(c.k, c.date, True)
        if f.type == EventType.STRIKE:
            self.by_doc.setdefault(f.doc, set()).add(c.k)
        for role, ids in f.ids:
            if not ids:
                continue
            seen = c.seen.setdefault(role, set())
            if not seen:
                self.none[role].discard(c.k)
            for key in self._keys(role, ids) - seen:
                seen.add(key)
                self.has.setdefault((role, key), set()).add(c.k)

    def _constraints(self, f: _Features) -> list[list]:
        """What a cluster ``f`` fits must be in: per constraint (date, each role it fills, the
        document of an undated strike), the sets of clusters meeting it; most selective first."""
        options: list[list] = []
        if f.date is not None:
            d = f.date
            options.append([self.undated, self.by_prefix.get(d, ())]
                           + [self.by_date.get(d[:i], ()) for i in range(len(d) + 1)])
        elif f.type == EventType.STRIKE:
            options.append([self.by_doc.get(f.doc, ())])
        for role, ids in f.ids:
            if ids and role != f.anchor[0]:  # every cluster of the bucket shares the anchor
                options.append([self.none.get(role, ())]
                               + [self.has.get((role, key), ()) for key in self._lookup(role, ids)])
        return sorted(options, key=lambda parts: sum(len(p) for p in parts))

    #: a mention with more candidates than this looks among the largest clusters first
    WIDE = 256

    def best(self, f: _Features, clusters: list[_Cluster], entities: Mapping[str, Entity]) -> _Cluster | None:
        """The largest cluster ``f`` fits (ties: the earliest), or ``None``."""
        options = self._constraints(f)
        total = sum(len(p) for p in options[0]) if options else None
        below = None  # clusters larger than this are known not to fit
        if total is None or total > self.WIDE:
            # a vague mention (a popular actor, no date) usually fits one of the largest
            # clusters: look there first, within a budget of as many clusters as it has candidates
            scanned = 0
            for size in reversed(self.sizes):
                cls = self.of_size[size]
                scanned += len(cls)
                if total is not None and scanned > total:
                    below = size
                    break
                for k in sorted(cls):
                    if all(any(k in p for p in parts) for parts in options) and clusters[k].fits(f, entities):
                        return clusters[k]
            else:
                return None
        cand: set[int] = set().union(*options[0])
        for parts in options[1:]:
            if not cand:
                return None
            cand = set().union(*(cand.intersection(p) for p in parts))
        heap = [(-len(clusters[k].members), k) for k in cand]
        heapq.heapify(heap)  # the largest first, then the earliest
        while heap:
            size, k = heapq.heappop(heap)
            if (below is None or -size <= below) and clusters[k].fits(f, entities):
                return clusters[k]
        return None


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

    Notes
    -----
    A mention joins the largest cluster of its anchor that it fits (ties: the
    earliest cluster), or starts its own.  Clusters are indexed by their most
    specific date and their role fillers, and a cluster's members are compared by
    distinct signature, so the cost grows with the candidates a mention could fit,
    not with the corpus (``bench/bench_merge.py``).
    """
    if entities is None:
        ents: Mapping[str, Entity] = {}
    elif isinstance(entities, Mapping):
        ents = entities
    else:
        ents = {e.id: e for e in entities}
    ordered = sorted((_Features(e) for e in events), key=lambda f: (-f.specificity, f.position))
    clusters: list[_Cluster] = []
    buckets: dict[tuple, _Bucket] = {}
    for f in ordered:
        # clusters never mix anchors, nor factual mentions with others (or other modalities)
        key = _partition(f.type, f.anchor, f.factual, f.modality, "") if f.anchor is not None else None
        bucket = buckets.get(key) if key is not None else None
        best = bucket.best(f, clusters, ents) if bucket is not None else None
        if best is not None:
            old = best.date
            best.add(f)
            bucket.joined(best, f, old)
            continue
        c = _Cluster(len(clusters), f)
        clusters.append(c)
        if key is not None:
            if bucket is None:
                bucket = buckets[key] = _Bucket(ents)
            bucket.new(c)
    out = []
    for c in sorted(clusters, key=lambda c: min(m.position for m in c.members)):
        members = sorted(c.members, key=lambda m: m.position)
        cid = members[0].ev.id  # the first mention's id: an unmerged mention's event keeps its IRI
        for m in members:
            m.ev.canonical_id = cid
        out.append(CanonicalEvent(cid, members[0].type, [m.ev for m in members]))
    return out
