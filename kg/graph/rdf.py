"""Build the RDF graph of documents, sentences, events and entities.

The graph uses only IRIs from :mod:`kg.graph.vocab` (no blank nodes, no
timestamps), so the same input always gives the same graph and, serialised, the
same Turtle.  Types are materialised up the ``kg:`` class hierarchy (a
``kg:Strike`` is also a ``kg:Event``; a ``kg:City`` also a ``kg:Place`` and
``kg:Entity``) so queries need no reasoner.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.graph.network import as_entity_map, event_summary
from kg.graph.vocab import (
    DCTERMS, ENTITY_ROLES, GEONAMES, KG, RDF, RDFS, SKOS, WGS84, XSD,
    arg_entity_id, bind_prefixes, doc_iri, entity_iri, event_iri, sentence_iri,
)
from kg.model import Argument, Article, Entity, EntityKind, Event, EventType

__all__ = ["to_graph", "EVENT_CLASS", "KIND_CLASS", "SUPERCLASSES", "types_of", "date_literal"]

log = logging.getLogger("kg")

#: Class of each event type.
EVENT_CLASS: dict[EventType, URIRef] = {
    EventType.DEPLOYMENT: KG.Deployment,
    EventType.STRIKE: KG.Strike,
    EventType.APPOINTMENT: KG.Appointment,
    EventType.STATEMENT: KG.Statement,
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


def date_literal(value: object) -> Literal | None:
    """An ISO date string as a typed literal with its precision.

    Parameters
    ----------
    value : object
        ``"2024-03-01"`` -> ``xsd:date``; ``"2024-03"`` -> ``xsd:gYearMonth``;
        ``"2024"`` -> ``xsd:gYear``; a :class:`datetime.date` -> ``xsd:date``.

    Returns
    -------
    rdflib.Literal or None
        ``None`` for anything else.
    """
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if _FULL_DATE.match(text):
        return Literal(text, datatype=XSD.date)
    if _YEAR_MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    return None


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


def _add_types(g: Graph, node: URIRef, cls: URIRef) -> None:
    for c in types_of(cls):
        g.add((node, RDF.type, c))


def _add_document(g: Graph, art: Article) -> None:
    node = doc_iri(art.id)
    g.add((node, RDF.type, KG.Document))
    g.add((node, DCTERMS.identifier, Literal(art.id)))
    if art.title:
        g.add((node, KG.title, Literal(art.title)))
    if art.url:
        g.add((node, KG.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.date is not None:
        g.add((node, KG.published, Literal(art.date.isoformat(), datatype=XSD.date)))
    g.add((node, KG.contentHash, Literal(art.content_hash)))


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
        g.add((node, RDFS.seeAlso, GEONAMES[f"{int(ent.geonames_id)}/"]))
    if ent.lat is not None and ent.lon is not None:
        g.add((node, WGS84.lat, _decimal(ent.lat)))
        g.add((node, WGS84.long, _decimal(ent.lon)))


def _add_literal_arg(g: Graph, node: URIRef, arg: Argument) -> None:
    if arg.role == "date":
        lit = date_literal(arg.value if arg.value else arg.text)
        if lit is None:
            log.debug("event %s: date %r is not ISO; not in the graph", node, arg.value or arg.text)
        else:
            g.add((node, KG.date, lit))
    elif arg.role == "quantity":
        n = _int(arg.value) if arg.value is not None else _int(arg.text)
        if n is None:
            log.debug("event %s: quantity %r is not an integer; not in the graph", node, arg.text)
        else:
            g.add((node, KG.quantity, Literal(n)))
    elif arg.role == "role":
        g.add((node, KG.roleTitle, Literal(arg.label or arg.text)))
    elif arg.role == "content":
        g.add((node, KG.content, Literal(arg.text)))
    else:
        log.debug("event %s: unknown role %r; not in the graph", node, arg.role)


def _add_event(g: Graph, ev: Event, ents: Mapping[str, Entity], unlinked: dict[str, tuple[str, set[str]]]) -> None:
    node = event_iri(ev)
    _add_types(g, node, EVENT_CLASS[ev.type])
    g.add((node, DCTERMS.identifier, Literal(ev.id)))
    g.add((node, RDFS.label, Literal(event_summary(ev, ents))))
    g.add((node, KG.trigger, Literal(ev.trigger.text)))
    sent = sentence_iri(ev.doc_id, ev.sentence.start, ev.sentence.end)
    doc = doc_iri(ev.doc_id)
    g.add((node, KG.evidence, sent))
    g.add((node, KG.sourceDocument, doc))
    g.add((sent, RDF.type, KG.Sentence))
    g.add((sent, KG.text, Literal(ev.sentence.text)))
    g.add((sent, KG.startOffset, Literal(int(ev.sentence.start))))
    g.add((sent, KG.endOffset, Literal(int(ev.sentence.end))))
    g.add((sent, KG.sourceDocument, doc))
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, DCTERMS.identifier, Literal(ev.doc_id)))
    for arg in ev.args:
        prop = ENTITY_ROLES.get(arg.role)
        if prop is None:
            _add_literal_arg(g, node, arg)
            continue
        eid = arg_entity_id(arg)
        g.add((node, prop, entity_iri(eid)))
        if eid not in ents:
            label = arg.label or " ".join(arg.text.split())
            old_label, roles = unlinked.get(eid, (label, set()))
            unlinked[eid] = (min(old_label, label), roles | {arg.role})


def _add_unlinked(g: Graph, eid: str, label: str, roles: set[str]) -> None:
    node = entity_iri(eid)
    g.add((node, RDF.type, KG.Entity))
    for role in sorted(roles):
        if role in _ROLE_RANGE:
            _add_types(g, node, _ROLE_RANGE[role])
    if eid.startswith("weapon/"):
        _add_types(g, node, KG.Weapon)
    g.add((node, DCTERMS.identifier, Literal(eid)))
    g.add((node, RDFS.label, Literal(label)))


def to_graph(
    articles: Iterable[Article],
    events: Iterable[Event],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
) -> Graph:
    """Build the knowledge graph.

    Documents get ``kg:title``, ``kg:url``, ``kg:published`` and ``kg:contentHash``;
    each event's sentence becomes a ``kg:Sentence`` with its text and offsets;
    each event gets its type class, ``rdfs:label`` (a summary), ``kg:trigger``,
    ``kg:evidence`` / ``kg:sourceDocument`` and one triple per role.  Entity roles
    point at entity nodes; a filler without ``entity_id`` gets a node minted from
    its text (:func:`kg.graph.vocab.unlinked_entity_id`, typed ``kg:Entity``, or
    ``kg:Place`` / ``kg:Weapon`` by role).  Dates are ``xsd:date``,
    ``xsd:gYearMonth`` or ``xsd:gYear`` by precision; quantities ``xsd:integer``.

    Parameters
    ----------
    articles : iterable of Article
    events : iterable of Event
    entities : mapping of id to Entity, or iterable of Entity

    Returns
    -------
    rdflib.Graph
        With the :data:`kg.graph.vocab.PREFIXES` bound.  The same input (in any
        order) gives the same triples.
    """
    g = bind_prefixes(Graph(bind_namespaces="none"))
    ents = as_entity_map(entities)
    for art in articles:
        _add_document(g, art)
    for ent in ents.values():
        _add_entity(g, ent)
    unlinked: dict[str, tuple[str, set[str]]] = {}
    for ev in events:
        _add_event(g, ev, ents, unlinked)
    for eid, (label, roles) in unlinked.items():
        _add_unlinked(g, eid, label, roles)
    return g
