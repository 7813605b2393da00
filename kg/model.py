"""The typed data model that crosses every stage boundary.

ingest -> :class:`Article`; nlp/events -> :class:`Mention`, :class:`Event`;
link -> :class:`Entity`; graph/outputs read these and nothing else.

Character offsets (``start``/``end``) always index :attr:`Article.text`, the
text exactly as it was read, so every fact is traceable to the sentence.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Iterable


class EventType(str, Enum):
    """The event types we extract."""

    DEPLOYMENT = "deployment"
    STRIKE = "strike"
    APPOINTMENT = "appointment"
    STATEMENT = "statement"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


#: Roles each event type may carry, in display order (matches the scorer).
ROLES: dict[EventType, tuple[str, ...]] = {
    EventType.DEPLOYMENT: ("agent", "forces", "place", "quantity", "date"),
    EventType.STRIKE: ("agent", "target", "place", "weapon", "date"),
    EventType.APPOINTMENT: ("person", "role", "appointer", "replaces", "date"),
    EventType.STATEMENT: ("speaker", "content", "date"),
}


#: How a quantity is qualified: "around 11,000" is approximate, "over 10,000"
#: at_least, "as many as"/"up to" at_most, a bare number exact.
QUALIFIERS = ("exact", "approximate", "at_least", "at_most")

#: Precision of a normalised date (its ISO value is YYYY-MM-DD for day and week,
#: the week's Monday for "earlier this week"; YYYY-MM for month; YYYY for year).
PRECISIONS = ("day", "week", "month", "year")


class Modality(str, Enum):
    """How a source presents an event mention."""

    ASSERTED = "asserted"  # told as fact by the article
    REPORTED = "reported"  # attributed to someone: a statement's content, "according to", "X said"
    EXPECTED = "expected"  # planned, expected, announced for the future ("are expected to participate")
    HYPOTHETICAL = "hypothetical"  # conditional or possible ("If these soldiers are deployed", "might")
    NEGATED = "negated"  # denied or said not to have happened ("did not deploy")

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


class EntityKind(str, Enum):
    """What kind of thing a canonical entity is."""

    PERSON = "person"
    STATE = "state"
    ARMED_FORCES = "armed_forces"
    ARMED_GROUP = "armed_group"
    ORGANISATION = "organisation"  # international and other organisations
    GOVERNMENT = "government"
    MEDIA = "media"
    REGION = "region"  # first-level administrative division
    CITY = "city"
    PLACE = "place"  # any other location (site, area, front)
    GROUP = "group"  # unnamed collective ("Ukrainian commanders", "NATO officials")
    WEAPON = "weapon"
    THING = "thing"  # an unlinked target or other object ("a fuel storage facility")

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    @property
    def is_place(self) -> bool:
        return self in (EntityKind.STATE, EntityKind.REGION, EntityKind.CITY, EntityKind.PLACE)


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids: ``"Volodymyr Zelensky" -> "volodymyr-zelensky"``."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text)
    norm = "".join(c for c in norm if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-") or "x"


def stable_hash(*parts: Any, length: int = 12) -> str:
    """A short deterministic hex digest of ``parts`` (for IRIs and ids)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass
class Article:
    """One source document.

    Attributes
    ----------
    id : str
        Document id (file stem or the JSONL ``id``).
    text : str
        The full text as read; all offsets index this string.
    date : datetime.date or None
        Publication date; ``None`` when unknown (never guessed).
    url, title, source : str or None
        Metadata; ``source`` is the path the article was read from
        (``path:line`` for a JSONL record).
    dropped : list of (int, int)
        Character ranges of boilerplate (menus, "See also", trending lists ...)
        that NLP must not read.
    date_source : str or None
        Where the date came from: ``"metadata"``, ``"leading-line"``, ``"dateline"`` or ``"url"``.
    """

    id: str
    text: str
    date: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    dropped: list[tuple[int, int]] = field(default_factory=list)
    date_source: str | None = None

    def body(self) -> str:
        """The text with boilerplate ranges blanked out.

        The result has the same length as :attr:`text` (dropped characters become
        spaces, newlines are kept), so offsets into it are offsets into ``text``.
        """
        if not self.dropped:
            return self.text
        chars = list(self.text)
        for start, end in self.dropped:
            for i in range(start, min(end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, by offsets into :attr:`Article.text`."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A span of text naming something (an entity, a date, a quantity, a trigger).

    ``label`` is the NER label (PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL,
    QUANTITY, FORCES, WEAPON ...); ``entity_id`` points at a canonical
    :class:`Entity` once linked; ``value`` holds a normalised value (ISO date
    string, integer) where the mention has one.
    """

    text: str
    start: int
    end: int
    label: str = ""
    entity_id: str | None = None
    value: Any = None


@dataclass
class Argument:
    """One role filler of an event mention."""

    role: str
    text: str
    start: int
    end: int
    entity_id: str | None = None
    value: Any = None  # ISO date for dates, int for quantities, canonical label for entities
    label: str | None = None  # canonical label (for display and the scorer's ``label``)
    qualifier: str | None = None  # quantities: one of QUALIFIERS ("approximate", "at_least" ...)
    precision: str | None = None  # dates: one of PRECISIONS ("day", "week", "month", "year")
    count: int | None = None  # strike weapons: how many were used ("93 missiles"), qualified by ``qualifier``

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.label:
            out["label"] = self.label
        elif self.value is not None:
            out["label"] = str(self.value)
        if self.entity_id:
            out["entity"] = self.entity_id
        if self.value is not None:
            out["value"] = self.value
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.precision:
            out["precision"] = self.precision
        if self.count is not None:
            out["count"] = self.count
        return out


@dataclass
class Event:
    """One event mention: a typed event read from one sentence."""

    type: EventType
    doc_id: str
    sentence: Sentence
    trigger: Mention
    args: list[Argument] = field(default_factory=list)
    modality: Modality = Modality.ASSERTED
    claimed_by: str | None = None  # entity id of whoever the mention is attributed to (REPORTED)
    reported_in: str | None = None  # id of the statement event mention that reports this one
    canonical_id: str | None = None  # id of the merged real-world event (kg.merge)

    @property
    def id(self) -> str:
        """Deterministic id: same document, type and evidence sentence give the same id
        (extraction keeps at most one mention per type and sentence)."""
        return f"{slug(self.doc_id)}-{self.type.value}-{self.sentence.start}"

    @property
    def date(self) -> str | None:
        """The event's date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``), if any."""
        for a in self.args:
            if a.role == "date" and a.value:
                return str(a.value)
        return None

    def get(self, role: str) -> list[Argument]:
        """All arguments filling ``role``."""
        return [a for a in self.args if a.role == role]

    def to_json(self) -> dict[str, Any]:
        """The event in the scorer's prediction format (plus ids and trigger).

        Each argument is an object with its text, offsets and canonical label, except a quantity
        written in words ("two battalions"): it is given as its number (``2``), because the
        scorer reads a quantity's number from its text."""
        args: dict[str, Any] = {}
        for a in self.args:
            words_only = a.role == "quantity" and isinstance(a.value, (int, float)) and not any(
                c.isdigit() for c in a.text)
            args.setdefault(a.role, []).append(a.value if words_only else a.to_json())
        args = {r: (v[0] if len(v) == 1 else v) for r, v in args.items()}
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type.value,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "sentence": self.sentence.text,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "args": args,
            "modality": self.modality.value,
            **({"claimed_by": self.claimed_by} if self.claimed_by else {}),
            **({"reported_in": self.reported_in} if self.reported_in else {}),
            **({"canonical_id": self.canonical_id} if self.canonical_id else {}),
        }


@dataclass
class CanonicalEvent:
    """One real-world event: the event mentions (across sentences and documents)
    that report it, merged by :mod:`kg.merge`.

    Attributes
    ----------
    id : str
        The id of its first mention (by document id and offset).
    type : EventType
    mentions : list of Event
        Every mention, each with its own document, sentence and offsets.
    """

    id: str
    type: EventType
    mentions: list[Event] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        """The distinct source documents, in mention order."""
        return list(dict.fromkeys(m.doc_id for m in self.mentions))

    @property
    def date(self) -> str | None:
        """The most precise date any mention gives."""
        dates = [m.date for m in self.mentions if m.date]
        return max(dates, key=len) if dates else None

    def entity_ids(self, role: str) -> list[str]:
        """Distinct entity ids filling ``role`` over all mentions."""
        return list(dict.fromkeys(a.entity_id for m in self.mentions for a in m.get(role) if a.entity_id))


@dataclass
class Entity:
    """A canonical real-world actor or place: one node across documents."""

    id: str
    label: str
    kind: EntityKind
    country: str | None = None  # ISO 3166-1 alpha-2 of the affiliated country
    aliases: set[str] = field(default_factory=set)
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    role: str | None = None

    def merge(self, other: "Entity") -> None:
        """Fold another record of the same entity into this one."""
        self.aliases |= other.aliases | {other.label}
        for attr in ("country", "geonames_id", "lat", "lon", "role"):
            if getattr(self, attr) is None:
                setattr(self, attr, getattr(other, attr))


@dataclass
class Result:
    """What :func:`kg.build` returns."""

    articles: list[Article]
    events: list[Event]
    entities: dict[str, Entity]
    graph: Any  # rdflib.Graph
    canonical: list[CanonicalEvent] = field(default_factory=list)  # merged events (kg.merge)
    outputs: dict[str, Any] = field(default_factory=dict)  # name -> pathlib.Path
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def counts(self) -> dict[str, int]:
        """Event mentions per type."""
        out = {t.value: 0 for t in EventType}
        for e in self.events:
            out[e.type.value] += 1
        return out


def iter_roles(events: Iterable[Event], role: str) -> Iterable[Argument]:
    """Every argument of ``role`` across ``events``."""
    for e in events:
        yield from e.get(role)
