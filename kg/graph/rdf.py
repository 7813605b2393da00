"""Build the RDF graph of documents, sentences, event mentions, events and entities.

Two layers (see ``ontology/kg.ttl`` and ``docs/ontology.md``):

* :func:`document_graph` - one document: its ``kg:Document`` node, the
  ``kg:Sentence`` nodes its mentions were read from (text and character offsets),
  one ``kg:EventMention`` per :class:`kg.model.Event` (type concept, trigger, roles,
  modality, attribution, ``prov:wasDerivedFrom`` sentence and document,
  ``prov:wasGeneratedBy`` the extraction activity) and the entities they use;
* :func:`canonical_graph` - the real-world events (``kg:Deployment`` ...), one per
  :class:`kg.model.CanonicalEvent`, with the merged roles and ``kg:mention`` links.

A strike's weapon argument with a :attr:`~kg.model.Argument.count` ("93 missiles")
also gives a ``kg:MunitionCount`` node (``kg:munitions`` from the mention or event;
``kg:weapon``, ``kg:count``, ``kg:quantityQualifier``) whose IRI comes from its
owner's and the weapon's (:func:`kg.graph.vocab.munition_count_iri`): one per
mention and weapon, and on the real-world strike one per weapon, picked across its
mentions like the quantity (:func:`pick_count`).

:func:`to_graph` is their union (plus every entity passed).  The graphs use only
IRIs from :mod:`kg.graph.vocab` (no blank nodes) and no timestamps except the
extraction activity's, which the caller passes in (:class:`Activity`), so the
same input always gives the same triples.  Types are materialised up the ``kg:``
class hierarchy (a ``kg:Strike`` is also a ``kg:Event``; a ``kg:City`` also a
``kg:Place`` and ``kg:Entity``) so queries need no reasoner; likewise
``kg:evidence`` / ``kg:sourceDocument`` are also stated as ``prov:wasDerivedFrom``.

Graphs without an activity (``activity=None``) have no ``prov:wasGeneratedBy``
and so do not conform to ``ontology/shapes.ttl``; :func:`kg.build` always passes
one (:meth:`Activity.now`).
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.graph.network import as_entity_map, event_summary
from kg.graph.vocab import (
    DCTERMS, ENTITY_ROLES, GEO, GEONAMES, KG, KGT, PROV, RDF, RDFS, SKOS, TIME, WGS84, XSD,
    activity_iri, arg_entity_id, bind_prefixes, day_iri, doc_iri, entity_iri, event_iri, geometry_iri,
    mention_iri, munition_count_iri, sentence_iri, software_iri,
)
from kg.model import (
    Argument, Article, CanonicalEvent, Entity, EntityKind, Event, EventType, Modality, Sentence,
)

__all__ = [
    "Activity", "to_graph", "document_graph", "canonical_graph", "entities_graph", "singletons",
    "EVENT_CLASS", "MENTION_CLASS", "EVENT_TYPE_CONCEPT", "KIND_CLASS", "MODALITY", "QUALIFIER",
    "PRECISION_UNIT", "SUPERCLASSES", "types_of", "date_literal", "date_precision", "munition_count",
    "pick_count", "munition_counts",
]

log = logging.getLogger("kg")

#: Class of the real-world event of each type.
EVENT_CLASS: dict[EventType, URIRef] = {
    EventType.DEPLOYMENT: KG.Deployment,
    EventType.STRIKE: KG.Strike,
    EventType.APPOINTMENT: KG.Appointment,
    EventType.STATEMENT: KG.Statement,
}

#: Class of a mention of each type.
MENTION_CLASS: dict[EventType, URIRef] = {
    EventType.DEPLOYMENT: KG.DeploymentMention,
    EventType.STRIKE: KG.StrikeMention,
    EventType.APPOINTMENT: KG.AppointmentMention,
    EventType.STATEMENT: KG.StatementMention,
}

#: SKOS concept of each event type (``ontology/event-types.ttl``).
EVENT_TYPE_CONCEPT: dict[EventType, URIRef] = {t: KGT[t.value] for t in EventType}

#: Individual of each modality.
MODALITY: dict[Modality, URIRef] = {
    Modality.ASSERTED: KG.Asserted,
    Modality.REPORTED: KG.Reported,
    Modality.EXPECTED: KG.Expected,
    Modality.HYPOTHETICAL: KG.Hypothetical,
    Modality.NEGATED: KG.Negated,
}

#: Individual of each quantity qualifier (:data:`kg.model.QUALIFIERS`).
QUALIFIER: dict[str, URIRef] = {
    "exact": KG.Exact,
    "approximate": KG.Approximate,
    "at_least": KG.AtLeast,
    "at_most": KG.AtMost,
}

#: OWL-Time unit of each date precision (:data:`kg.model.PRECISIONS`), most precise first.
PRECISION_UNIT: dict[str, URIRef] = {
    "day": TIME.unitDay,
    "week": TIME.unitWeek,
    "month": TIME.unitMonth,
    "year": TIME.unitYear,
}

#: Class of each entity kind (``weapon/...`` ids are typed :attr:`KG.Weapon` instead).
KIND_CLASS: dict[EntityKind, URIRef] = {
    EntityKind.PERSON: KG.Person,
    EntityKind.STATE: KG.State,
    EntityKind.ARMED_FORCES: KG.ArmedForces,
    EntityKind.ARMED_GROUP: KG.ArmedGroup,
    EntityKind.ORGANISATION: KG.Organisation,
    EntityKind.GOVERNMENT: KG.GovernmentBody,
    EntityKind.MEDIA: KG.MediaOrganisation,
    EntityKind.REGION: KG.Region,
    EntityKind.CITY: KG.City,
    EntityKind.PLACE: KG.Site,
    EntityKind.GROUP: KG.Group,
    EntityKind.WEAPON: KG.Weapon,
    EntityKind.THING: KG.Object,
}

#: Direct ``kg:`` superclasses, as in ``ontology/kg.ttl`` (checked by the tests).
SUPERCLASSES: dict[URIRef, tuple[URIRef, ...]] = {
    KG.Deployment: (KG.Event,),
    KG.Strike: (KG.Event,),
    KG.Appointment: (KG.Event,),
    KG.Statement: (KG.Event,),
    KG.DeploymentMention: (KG.EventMention,),
    KG.StrikeMention: (KG.EventMention,),
    KG.AppointmentMention: (KG.EventMention,),
    KG.StatementMention: (KG.EventMention,),
    KG.Actor: (KG.Entity,),
    KG.Place: (KG.Entity,),
    KG.Weapon: (KG.Entity,),
    KG.Object: (KG.Entity,),
    KG.Person: (KG.Actor,),
    KG.State: (KG.Actor, KG.Place),
    KG.ArmedForces: (KG.Actor,),
    KG.ArmedGroup: (KG.Actor,),
    KG.Organisation: (KG.Actor,),
    KG.GovernmentBody: (KG.Organisation,),
    KG.MediaOrganisation: (KG.Organisation,),
    KG.Group: (KG.Actor,),
    KG.Region: (KG.Place,),
    KG.City: (KG.Place,),
    KG.Site: (KG.Place,),
}

#: Class an unlinked role filler gets besides ``kg:Entity`` when the role says what it is.
_ROLE_RANGE: dict[str, URIRef] = {"place": KG.Place, "weapon": KG.Weapon}

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Activity:
    """An extraction run: the software version and when it started.

    Attributes
    ----------
    version : str
        The conflict-kg version (:data:`kg.__version__`).
    started : str
        ISO 8601 date-time with time zone, e.g. ``"2024-03-01T12:00:00+00:00"``.
    """

    version: str
    started: str

    @classmethod
    def now(cls) -> "Activity":
        """An activity for this software version starting now (UTC, whole seconds).

        Returns
        -------
        Activity
        """
        from kg import __version__

        return cls(__version__, datetime.now(timezone.utc).replace(microsecond=0).isoformat())

    @classmethod
    def coerce(cls, value: "Activity | tuple[str, str] | None") -> "Activity | None":
        """An :class:`Activity` from an activity, a ``(version, started)`` pair or ``None``.

        Parameters
        ----------
        value : Activity, tuple of (str, str), or None

        Returns
        -------
        Activity or None
        """
        if value is None or isinstance(value, Activity):
            return value
        version, started = value
        return cls(str(version), str(started))

    @property
    def iri(self) -> URIRef:
        """The activity's IRI (:func:`kg.graph.vocab.activity_iri`)."""
        return activity_iri(self.version, self.started)


def types_of(cls: URIRef) -> list[URIRef]:
    """``cls`` and all its ``kg:`` superclasses, in a fixed order.

    Parameters
    ----------
    cls : rdflib.URIRef

    Returns
    -------
    list of rdflib.URIRef
    """
    out: list[URIRef] = []
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c not in out:
            out.append(c)
            todo.extend(SUPERCLASSES.get(c, ()))
    return out


def _date_form(value: object) -> tuple[str, str] | None:
    """``(xsd:date lexical form, precision read from the form)`` of an ISO date value."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if _FULL_DATE.match(text):
        return text, "day"
    if _YEAR_MONTH.match(text):
        return f"{text}-01", "month"
    if _YEAR.match(text):
        return f"{text}-01-01", "year"
    return None


def date_literal(value: object) -> Literal | None:
    """An ISO date string as an ``xsd:date`` literal: the first day of its period.

    Every ``kg:date`` is an ``xsd:date`` (so dates compare, sort and range-filter as
    one type) and ``kg:datePrecision`` says how much of it is meant.

    Parameters
    ----------
    value : object
        ``"2024-03-01"`` -> ``"2024-03-01"^^xsd:date``; ``"2024-03"`` (month) ->
        ``"2024-03-01"``; ``"2024"`` (year) -> ``"2024-01-01"``; a
        :class:`datetime.date` -> its ``xsd:date``.

    Returns
    -------
    rdflib.Literal or None
        ``None`` for anything else.
    """
    form = _date_form(value)
    return None if form is None else Literal(form[0], datatype=XSD.date)


def date_precision(arg: Argument) -> str | None:
    """The precision of a date argument: its own :attr:`~kg.model.Argument.precision`
    when valid for its value, else read from the value's form (day, month or year).

    Parameters
    ----------
    arg : kg.model.Argument

    Returns
    -------
    str or None
        One of ``"day"``, ``"week"``, ``"month"``, ``"year"``; ``None`` when the value
        is not an ISO date.
    """
    form = _date_form(arg.value if arg.value else arg.text)
    if form is None:
        return None
    if arg.precision == "week" and form[1] == "day":
        return "week"
    return form[1]


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).replace(",", "").strip() if value is not None else ""
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else None


def _decimal(x: float) -> Literal:
    """``xsd:decimal`` with the float's shortest repr, never in exponent form."""
    return Literal(format(Decimal(repr(float(x))), "f"), datatype=XSD.decimal)


def _new_graph() -> Graph:
    return bind_prefixes(Graph(bind_namespaces="none"))


def _add_types(g: Graph, node: URIRef, cls: URIRef) -> None:
    for c in types_of(cls):
        g.add((node, RDF.type, c))


def _add_activity(g: Graph, activity: Activity) -> URIRef:
    node, agent = activity.iri, software_iri(activity.version)
    g.add((node, RDF.type, KG.Extraction))
    g.add((node, RDF.type, PROV.Activity))
    g.add((node, RDFS.label, Literal(f"conflict-kg {activity.version} extraction at {activity.started}")))
    g.add((node, PROV.startedAtTime, Literal(activity.started, datatype=XSD.dateTime)))
    g.add((node, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"conflict-kg {activity.version}")))
    g.add((agent, KG.softwareVersion, Literal(activity.version)))
    return node


def _add_document(g: Graph, doc_id: str, art: Article | None) -> URIRef:
    node = doc_iri(doc_id)
    g.add((node, RDF.type, KG.Document))
    g.add((node, DCTERMS.identifier, Literal(doc_id)))
    if art is None:
        return node
    if art.title:
        g.add((node, KG.title, Literal(art.title)))
    if art.url:
        g.add((node, KG.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.date is not None:
        g.add((node, KG.published, Literal(art.date.isoformat(), datatype=XSD.date)))
    g.add((node, KG.contentHash, Literal(art.content_hash)))
    return node


def _add_sentence(g: Graph, sent: Sentence, doc: URIRef) -> URIRef:
    node = sentence_iri(sent.doc_id, sent.start, sent.end)
    g.add((node, RDF.type, KG.Sentence))
    g.add((node, KG.text, Literal(sent.text)))
    g.add((node, KG.startOffset, Literal(int(sent.start))))
    g.add((node, KG.endOffset, Literal(int(sent.end))))
    g.add((node, KG.sourceDocument, doc))
    g.add((node, PROV.wasDerivedFrom, doc))
    return node


def _add_entity(g: Graph, ent: Entity) -> None:
    node = entity_iri(ent.id)
    cls = KG.Weapon if ent.id.startswith("weapon/") else KIND_CLASS.get(ent.kind, KG.Entity)
    _add_types(g, node, cls)
    g.add((node, DCTERMS.identifier, Literal(ent.id)))
    g.add((node, RDFS.label, Literal(ent.label)))
    g.add((node, KG.kind, Literal(ent.kind.value)))
    for alias in sorted(ent.aliases - {ent.label}):
        g.add((node, SKOS.altLabel, Literal(alias)))
    if ent.country:
        g.add((node, KG.country, Literal(ent.country)))
    if ent.role:
        g.add((node, KG.roleTitle, Literal(ent.role)))
    if ent.geonames_id is not None:
        g.add((node, KG.geonamesId, Literal(int(ent.geonames_id))))
        g.add((node, SKOS.exactMatch, GEONAMES[f"{int(ent.geonames_id)}/"]))
    if ent.lat is not None and ent.lon is not None:
        g.add((node, WGS84.lat, _decimal(ent.lat)))
        g.add((node, WGS84.long, _decimal(ent.lon)))
        geom = geometry_iri(ent.id)
        g.add((node, GEO.hasGeometry, geom))
        g.add((geom, RDF.type, GEO.Geometry))
        lon, lat = _decimal(ent.lon), _decimal(ent.lat)
        g.add((geom, GEO.asWKT, Literal(f"POINT({lon} {lat})", datatype=GEO.wktLiteral)))


def _add_unlinked(g: Graph, eid: str, label: str, roles: Iterable[str]) -> None:
    node = entity_iri(eid)
    g.add((node, RDF.type, KG.Entity))
    for role in sorted(set(roles)):
        if role in _ROLE_RANGE:
            _add_types(g, node, _ROLE_RANGE[role])
    if eid.startswith("weapon/"):
        _add_types(g, node, KG.Weapon)
    g.add((node, DCTERMS.identifier, Literal(eid)))
    g.add((node, RDFS.label, Literal(label)))


class _Entities:
    """Collects the entity nodes a graph part uses: linked ones from the map,
    unlinked ones minted from their text (least label wins, roles pooled)."""

    def __init__(self, ents: Mapping[str, Entity]) -> None:
        self.ents = ents
        self.linked: set[str] = set()
        self.unlinked: dict[str, tuple[str, set[str]]] = {}

    def use(self, eid: str, label: str, role: str | None) -> URIRef:
        if eid in self.ents:
            self.linked.add(eid)
        else:
            old_label, roles = self.unlinked.get(eid, (label, set()))
            self.unlinked[eid] = (min(old_label, label), roles | ({role} if role else set()))
        return entity_iri(eid)

    def use_arg(self, arg: Argument) -> URIRef:
        return self.use(arg_entity_id(arg), arg.label or " ".join(arg.text.split()), arg.role)

    def add_to(self, g: Graph) -> None:
        for eid in sorted(self.linked):
            _add_entity(g, self.ents[eid])
        for eid, (label, roles) in sorted(self.unlinked.items()):
            _add_unlinked(g, eid, label, roles)


def _add_date(g: Graph, node: URIRef, arg: Argument) -> None:
    lit = date_literal(arg.value if arg.value else arg.text)
    if lit is None:
        log.debug("%s: date %r is not ISO; not in the graph", node, arg.value or arg.text)
        return
    g.add((node, KG.date, lit))
    g.add((node, KG.datePrecision, PRECISION_UNIT[date_precision(arg) or "day"]))


def _add_calendar(g: Graph, days: Iterable[Literal]) -> None:
    """The calendar: one ``time:Instant`` (``time:inXSDDate``) per distinct date.

    A store answers a date window by finding the window's days here and then the
    nodes with exactly those dates (an index lookup each), where a filter over
    ``kg:date`` would read every date in the store.
    """
    for day in sorted(set(days), key=str):
        node = day_iri(day)
        g.add((node, RDF.type, TIME.Instant))
        g.add((node, TIME.inXSDDate, day))


def _quantity(arg: Argument) -> int | None:
    return _int(arg.value) if arg.value is not None else _int(arg.text)


def _add_quantity(g: Graph, node: URIRef, arg: Argument) -> None:
    n = _quantity(arg)
    if n is None:
        log.debug("%s: quantity %r is not an integer; not in the graph", node, arg.text)
        return
    g.add((node, KG.quantity, Literal(n)))
    if arg.qualifier in QUALIFIER:
        g.add((node, KG.quantityQualifier, QUALIFIER[arg.qualifier]))


def munition_count(arg: Argument) -> int | None:
    """How many of a weapon an argument says were used: its
    :attr:`~kg.model.Argument.count` when that is a non-negative integer.

    Parameters
    ----------
    arg : kg.model.Argument

    Returns
    -------
    int or None
        ``None`` when the argument has no count, or a negative or non-integer one.
    """
    n = _int(arg.count) if arg.count is not None else None
    return n if n is not None and n >= 0 else None


def pick_count(args: Iterable[Argument]) -> Argument | None:
    """The argument whose count wins, by the quantity rule: the most frequent count;
    ties: an exact one (no qualifier counts as exact), then the smallest, then the first.

    Parameters
    ----------
    args : iterable of kg.model.Argument
        Arguments for one weapon; those without a valid :func:`munition_count` are ignored.

    Returns
    -------
    kg.model.Argument or None
    """
    counted = [a for a in args if munition_count(a) is not None]
    if not counted:
        return None
    freq = Counter(munition_count(a) for a in counted)
    return min(counted, key=lambda a: (-freq[munition_count(a)], (a.qualifier or "exact") != "exact",
                                       munition_count(a)))


def munition_counts(mentions: Iterable[Event]) -> dict[str, Argument]:
    """The winning counted ``weapon`` argument per weapon entity id over strike mentions.

    Parameters
    ----------
    mentions : iterable of kg.model.Event
        One mention (its own counts) or every mention of a real-world strike; only
        strike mentions count.

    Returns
    -------
    dict of str to kg.model.Argument
        Weapon entity id (:func:`kg.graph.vocab.arg_entity_id`) -> the argument
        :func:`pick_count` chose, in first-appearance order.
    """
    by_weapon: dict[str, list[Argument]] = {}
    for m in mentions:
        if m.type != EventType.STRIKE:
            continue
        for a in m.get("weapon"):
            if a.count is None:
                continue
            if munition_count(a) is None:
                log.debug("mention %s: weapon count %r is not a non-negative integer; not in the graph",
                          m.id, a.count)
                continue
            by_weapon.setdefault(arg_entity_id(a), []).append(a)
    out: dict[str, Argument] = {}
    for wid, args in by_weapon.items():
        pick = pick_count(args)
        if pick is not None:
            out[wid] = pick
    return out


def _add_munitions(g: Graph, node: URIRef, picks: Mapping[str, Argument], ents: _Entities) -> None:
    for wid, arg in picks.items():
        mc = munition_count_iri(node, wid)
        g.add((node, KG.munitions, mc))
        g.add((mc, RDF.type, KG.MunitionCount))
        g.add((mc, KG.weapon, ents.use_arg(arg)))
        g.add((mc, KG.count, Literal(munition_count(arg))))
        if arg.qualifier in QUALIFIER:
            g.add((mc, KG.quantityQualifier, QUALIFIER[arg.qualifier]))


def _add_mention(g: Graph, ev: Event, ents: _Entities, activity: Activity | None) -> None:
    node = mention_iri(ev)
    _add_types(g, node, MENTION_CLASS[ev.type])
    g.add((node, DCTERMS.identifier, Literal(ev.id)))
    g.add((node, RDFS.label, Literal(event_summary(ev, ents.ents))))
    g.add((node, KG.eventType, EVENT_TYPE_CONCEPT[ev.type]))
    g.add((node, KG.trigger, Literal(ev.trigger.text)))
    g.add((node, KG.modality, MODALITY.get(ev.modality, KG.Asserted)))
    if ev.claimed_by:
        g.add((node, KG.claimedBy, ents.use(ev.claimed_by, ev.claimed_by.rsplit("/", 1)[-1], None)))
    if ev.reported_in:
        g.add((node, KG.reportedIn, mention_iri(ev.reported_in)))
    doc = doc_iri(ev.doc_id)
    sent = _add_sentence(g, ev.sentence, doc)
    g.add((node, KG.evidence, sent))
    g.add((node, KG.sourceDocument, doc))
    g.add((node, PROV.wasDerivedFrom, sent))
    g.add((node, PROV.wasDerivedFrom, doc))
    if activity is not None:
        g.add((node, PROV.wasGeneratedBy, activity.iri))
    _add_args(g, node, ev.args, ents)
    _add_munitions(g, node, munition_counts([ev]), ents)


def _add_args(g: Graph, node: URIRef, args: Iterable[Argument], ents: "_Entities", *,
              content: bool = True) -> None:
    """One triple per role filler: entity roles point at entity nodes, the rest are literals
    (a statement's ``content`` only when ``content``: real-world events leave it on their mentions)."""
    for arg in args:
        prop = ENTITY_ROLES.get(arg.role)
        if prop is not None:
            g.add((node, prop, ents.use_arg(arg)))
        elif arg.role == "date":
            _add_date(g, node, arg)
        elif arg.role == "quantity":
            _add_quantity(g, node, arg)
        elif arg.role == "role":
            g.add((node, KG.roleTitle, Literal(arg.label or arg.text)))
        elif arg.role == "content":
            if content:
                g.add((node, KG.content, Literal(arg.text)))
        else:
            log.debug("%s: unknown role %r; not in the graph", node, arg.role)


def document_graph(
    article: Article | str,
    events: Iterable[Event],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
    activity: Activity | tuple[str, str] | None = None,
) -> Graph:
    """The graph of one document: its node, its mentions' sentences and mentions, and
    the entities those mentions use.

    Parameters
    ----------
    article : Article or str
        The document, or only its id (then the node has no title, URL, date or hash).
    events : iterable of Event
        The document's event mentions (others are skipped with a debug log).
    entities : mapping of id to Entity, or iterable of Entity
        Canonical entities; role fillers not among them get minted ``unlinked/...`` nodes.
    activity : Activity or (version, started) or None
        The extraction run; each mention is ``prov:wasGeneratedBy`` it and its node
        is included.  ``None`` leaves provenance of generation out.

    Returns
    -------
    rdflib.Graph
        Deterministic: the same input (in any order) gives the same triples.
    """
    doc_id = article if isinstance(article, str) else article.id
    art = None if isinstance(article, str) else article
    activity = Activity.coerce(activity)
    g = _new_graph()
    _add_document(g, doc_id, art)
    used = _Entities(as_entity_map(entities))
    for ev in events:
        if ev.doc_id != doc_id:
            log.debug("event %s is not from document %s; skipped", ev.id, doc_id)
            continue
        _add_mention(g, ev, used, activity)
    used.add_to(g)
    if activity is not None:
        _add_activity(g, activity)
    return g


def singletons(events: Iterable[Event]) -> list[CanonicalEvent]:
    """Group mentions by :attr:`~kg.model.Event.canonical_id`; a mention without one
    is its own canonical event (id = its mention id).

    Parameters
    ----------
    events : iterable of Event

    Returns
    -------
    list of CanonicalEvent
        In first-mention order.
    """
    out: dict[str, CanonicalEvent] = {}
    for ev in events:
        cid = ev.canonical_id or ev.id
        out.setdefault(cid, CanonicalEvent(cid, ev.type)).mentions.append(ev)
    return list(out.values())


def _pick_date(mentions: list[Event]) -> Argument | None:
    """The most precise date of the mentions; ties: most frequent, then earliest."""
    rank = {p: i for i, p in enumerate(PRECISION_UNIT)}
    dated = [(a, date_precision(a)) for m in mentions for a in m.get("date")]
    dated = [(a, p) for a, p in dated if p is not None]
    if not dated:
        return None
    counts = Counter((str(date_literal(a.value or a.text)), p) for a, p in dated)
    return min(dated, key=lambda ap: (rank[ap[1]], -counts[(str(date_literal(ap[0].value or ap[0].text)), ap[1])],
                                      str(date_literal(ap[0].value or ap[0].text))))[0]


def _pick_quantity(mentions: list[Event]) -> Argument | None:
    """The most frequent quantity of the mentions; ties: an exact one, then the smallest."""
    args = [a for m in mentions for a in m.get("quantity") if _quantity(a) is not None]
    if not args:
        return None
    counts = Counter(_quantity(a) for a in args)
    return min(args, key=lambda a: (-counts[_quantity(a)], (a.qualifier or "exact") != "exact", _quantity(a)))


def _merged_args(ce: CanonicalEvent) -> list[Argument]:
    """The canonical event's roles: every entity filler once per role (first mention
    first), the picked date and quantity, distinct role titles, the first content."""
    out: list[Argument] = []
    seen: set[tuple[str, str]] = set()
    content_done = False
    for m in ce.mentions:
        for a in m.args:
            if a.role in ENTITY_ROLES or a.role == "role":
                key = (a.role, arg_entity_id(a) if a.role in ENTITY_ROLES else (a.label or a.text))
                if key not in seen:
                    seen.add(key)
                    out.append(a)
            elif a.role == "content" and not content_done:
                content_done = True
                out.append(a)
    for pick in (_pick_date(ce.mentions), _pick_quantity(ce.mentions)):
        if pick is not None:
            out.append(pick)
    return out


def _add_canonical(g: Graph, ce: CanonicalEvent, used: _Entities, activity: Activity | None,
                   published: Mapping[str, object] | None = None) -> Literal | None:
    """Add one real-world event; returns its ``kg:firstReported`` date, if any."""
    if not ce.mentions:
        log.debug("canonical event %s has no mentions; skipped", ce.id)
        return
    node = event_iri(ce)
    first = ce.mentions[0]
    args = _merged_args(ce)
    merged = Event(ce.type, first.doc_id, first.sentence, first.trigger, args)
    _add_types(g, node, EVENT_CLASS[ce.type])
    g.add((node, DCTERMS.identifier, Literal(ce.id)))
    g.add((node, RDFS.label, Literal(event_summary(merged, used.ents))))
    g.add((node, KG.eventType, EVENT_TYPE_CONCEPT[ce.type]))
    for m in ce.mentions:
        g.add((node, KG.mention, mention_iri(m)))
    g.add((node, KG.mentionCount, Literal(len({m.id for m in ce.mentions}))))
    g.add((node, KG.sourceCount, Literal(len({m.doc_id for m in ce.mentions}))))
    dates = [d for d in (date_literal(published[m.doc_id]) for m in ce.mentions
                         if published and published.get(m.doc_id)) if d is not None]
    if dates:
        g.add((node, KG.firstReported, min(dates, key=str)))
    if activity is not None:
        g.add((node, PROV.wasGeneratedBy, activity.iri))
    _add_args(g, node, args, used, content=False)
    _add_munitions(g, node, munition_counts(ce.mentions), used)
    return min(dates, key=str) if dates else None


def canonical_graph(
    canonical: Iterable[CanonicalEvent],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
    activity: Activity | tuple[str, str] | None = None,
    published: Mapping[str, object] | None = None,
    *,
    entity_nodes: bool = True,
) -> Graph:
    """The real-world event layer: one typed event node per canonical event.

    Each node (``kg:Deployment`` ... and ``kg:Event``) has ``dcterms:identifier``,
    an ``rdfs:label`` summary, ``kg:eventType``, ``kg:mention`` to each mention node
    (and ``kg:mentionCount``, ``kg:sourceCount``: how many mentions and documents),
    the union of its mentions' entity roles, their most precise date (with
    ``kg:datePrecision``), their most frequent quantity (with its qualifier), for a
    strike per weapon its picked ``kg:MunitionCount`` (:func:`munition_counts`), and
    the entity nodes those roles use.  Statement content stays on the mentions.

    Parameters
    ----------
    canonical : iterable of CanonicalEvent
    entities : mapping of id to Entity, or iterable of Entity
    activity : Activity or (version, started) or None
        When given, each event is ``prov:wasGeneratedBy`` it (the node itself is in
        the document graphs).
    published : mapping of document id to date, optional
        Publication dates: each event gets ``kg:firstReported``, the earliest date
        of its mentions' documents.
    entity_nodes : bool
        Include the nodes of the entities the events use (a store keeps them in its
        entity layer from the documents' graphs instead).

    Returns
    -------
    rdflib.Graph
    """
    activity = Activity.coerce(activity)
    g = _new_graph()
    used = _Entities(as_entity_map(entities))
    # the calendar of every date used by the events and their mentions (whose own dates
    # are in the document graphs): kept here, in the layer recomputed from every mention
    days = set()
    for ce in canonical:
        first_reported = _add_canonical(g, ce, used, activity, published)
        if first_reported is not None:
            days.add(first_reported)
        days.update(d for d in (date_literal(a.value or a.text) for m in ce.mentions for a in m.get("date"))
                    if d is not None)
    _add_calendar(g, days)
    if entity_nodes:
        used.add_to(g)
    return g


def entities_graph(entities: Mapping[str, Entity] | Iterable[Entity] | None) -> Graph:
    """Every canonical entity's node (types, labels, aliases, country, coordinates ...).

    Parameters
    ----------
    entities : mapping of id to Entity, or iterable of Entity

    Returns
    -------
    rdflib.Graph
    """
    g = _new_graph()
    for ent in as_entity_map(entities).values():
        _add_entity(g, ent)
    return g


def to_graph(
    articles: Iterable[Article],
    events: Iterable[Event],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
    canonical: Iterable[CanonicalEvent] | None = None,
    activity: Activity | tuple[str, str] | None = None,
) -> Graph:
    """Build the whole knowledge graph: every document graph, the canonical layer and
    every entity.

    Parameters
    ----------
    articles : iterable of Article
    events : iterable of Event
        Event mentions; a mention whose document is not among ``articles`` still
        gets a (bare) document node.
    entities : mapping of id to Entity, or iterable of Entity
    canonical : iterable of CanonicalEvent, optional
        Merged events (:mod:`kg.merge`).  When omitted every mention is its own event
        (:func:`singletons`); mentions no canonical event covers get one each too.
    activity : Activity or (version, started) or None
        The extraction run (see :func:`document_graph`); :func:`kg.build` passes
        :meth:`Activity.now`.

    Returns
    -------
    rdflib.Graph
        With the :data:`kg.graph.vocab.PREFIXES` bound.  The same input (in any
        order) gives the same triples.
    """
    activity = Activity.coerce(activity)
    ents = as_entity_map(entities)
    events = list(events)
    arts = {a.id: a for a in articles}
    by_doc: dict[str, list[Event]] = {d: [] for d in arts}
    for ev in events:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    g = entities_graph(ents)
    for doc_id in sorted(by_doc):
        g += document_graph(arts.get(doc_id, doc_id), by_doc[doc_id], ents, activity)
    merged = list(canonical) if canonical is not None else []
    covered = {m.id for ce in merged for m in ce.mentions}
    merged += singletons(ev for ev in events if ev.id not in covered)
    published = {a.id: a.date for a in arts.values() if a.date is not None}
    g += canonical_graph(merged, ents, activity, published)
    return g
