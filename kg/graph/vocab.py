"""Namespaces, the ``kg:`` vocabulary and deterministic IRIs for graph resources.

Every term of ``ontology/kg.ttl`` is listed in :class:`KG` (``tests/test_vocab.py``
checks both directions).  Instance IRIs live under :data:`ID`
(``https://w3id.org/conflict-kg/id/``):

============================================  ==========================================================
``doc/<doc-id>``                              a source document
``doc/<doc-id>/<s>-<e>``                      a sentence of it (character offsets ``s``..``e``)
``mention/<event-id>``                        an event mention (:attr:`kg.model.Event.id`)
``event/<canonical-id>``                      a real-world event (:attr:`kg.model.CanonicalEvent.id`;
                                              an unmerged mention is its own event, id = its mention id)
``<mention or event>/munition/<weapon-id>``   how many of one weapon a strike used
``entity/<entity-id>``                        a canonical entity (``entity/person/volodymyr-zelensky``)
``entity/<id>#geometry``                      a place's GeoSPARQL point
``activity/<hash>``                           an extraction run (software version and start time)
``software/conflict-kg/<v>``                  the software agent of version ``v``
============================================  ==========================================================

Event types are SKOS concepts in :class:`KGT` (``ontology/event-types.ttl``).

Each path segment is percent-encoded, so any id gives a valid, unique IRI.
"""
from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from kg.model import Argument, CanonicalEvent, Event, slug, stable_hash

__all__ = [
    "KG", "KGT", "ID", "SEM", "PROV", "WGS84", "GEO", "TIME", "GEONAMES", "DCTERMS", "SKOS", "RDF", "RDFS",
    "OWL", "XSD", "PREFIXES", "bind_prefixes", "event_iri", "mention_iri", "canonical_id_of", "entity_iri",
    "geometry_iri", "doc_iri", "sentence_iri", "activity_iri", "software_iri", "munition_count_iri", "day_iri",
    "unlinked_entity_id", "arg_entity_id", "ENTITY_ROLES", "expand_curie",
    "ontology_dir", "ontology_path", "event_types_path", "shapes_path", "queries_dir",
    "GRAPH", "doc_graph_iri", "ENTITIES_GRAPH", "CANONICAL_GRAPH",
]


class KG(DefinedNamespace):
    """The conflict-kg ontology, ``https://w3id.org/conflict-kg/ontology#`` (prefix ``kg:``)."""

    _NS = Namespace("https://w3id.org/conflict-kg/ontology#")
    _fail = True

    # Event classes
    Event: URIRef
    Deployment: URIRef
    Strike: URIRef
    Appointment: URIRef
    Statement: URIRef
    # Event mentions
    EventMention: URIRef
    DeploymentMention: URIRef
    StrikeMention: URIRef
    AppointmentMention: URIRef
    StatementMention: URIRef
    # Modality and quantity qualifiers (classes and their individuals)
    Modality: URIRef
    Asserted: URIRef
    Reported: URIRef
    Expected: URIRef
    Hypothetical: URIRef
    Negated: URIRef
    QuantityQualifier: URIRef
    Exact: URIRef
    Approximate: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    # Entity classes
    Entity: URIRef
    Actor: URIRef
    Person: URIRef
    State: URIRef
    ArmedForces: URIRef
    ArmedGroup: URIRef
    Organisation: URIRef
    GovernmentBody: URIRef
    MediaOrganisation: URIRef
    Group: URIRef
    Place: URIRef
    Region: URIRef
    City: URIRef
    Site: URIRef
    Weapon: URIRef
    Object: URIRef
    # Provenance classes
    Document: URIRef
    Sentence: URIRef
    Extraction: URIRef
    # Event structure
    eventType: URIRef
    mention: URIRef
    modality: URIRef
    claimedBy: URIRef
    reportedIn: URIRef
    # SEM role types
    roleType: URIRef
    AgentRole: URIRef
    ForcesRole: URIRef
    PlaceRole: URIRef
    TargetRole: URIRef
    WeaponRole: URIRef
    PersonRole: URIRef
    AppointerRole: URIRef
    ReplacedRole: URIRef
    SpeakerRole: URIRef
    # Role properties (event -> entity)
    agent: URIRef
    forces: URIRef
    place: URIRef
    target: URIRef
    weapon: URIRef
    person: URIRef
    appointer: URIRef
    replaces: URIRef
    speaker: URIRef
    # Munition counts
    MunitionCount: URIRef
    munitions: URIRef
    count: URIRef
    # Literal roles and event attributes
    quantity: URIRef
    quantityQualifier: URIRef
    roleTitle: URIRef
    content: URIRef
    date: URIRef
    datePrecision: URIRef
    trigger: URIRef
    # Provenance properties
    evidence: URIRef
    sourceDocument: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    title: URIRef
    url: URIRef
    published: URIRef
    firstReported: URIRef
    sourceCount: URIRef
    mentionCount: URIRef
    contentHash: URIRef
    softwareVersion: URIRef
    # Entity attributes
    kind: URIRef
    country: URIRef
    geonamesId: URIRef


class KGT(DefinedNamespace):
    """The event-type concept scheme, ``https://w3id.org/conflict-kg/event-type/`` (prefix ``kgt:``).

    One ``skos:Concept`` per :class:`kg.model.EventType`, named by its value; the scheme
    itself is the namespace IRI.  Mappings to CAMEO, PLOVER, ACLED and ACE 2005 are in
    ``ontology/event-types.ttl``.
    """

    _NS = Namespace("https://w3id.org/conflict-kg/event-type/")
    _fail = True

    deployment: URIRef
    strike: URIRef
    appointment: URIRef
    statement: URIRef


#: Roles whose fillers are entities, and the object property for each.
ENTITY_ROLES: dict[str, URIRef] = {
    "agent": KG.agent,
    "forces": KG.forces,
    "place": KG.place,
    "target": KG.target,
    "weapon": KG.weapon,
    "person": KG.person,
    "appointer": KG.appointer,
    "replaces": KG.replaces,
    "speaker": KG.speaker,
}

#: Base of every instance IRI.
ID = Namespace("https://w3id.org/conflict-kg/id/")
#: Simple Event Model.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: W3C Basic Geo (WGS84 lat/long); rdflib's own ``WGS`` uses a non-canonical https IRI.
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
#: GeoNames feature IRIs (``https://sws.geonames.org/<id>/``).
GEONAMES = Namespace("https://sws.geonames.org/")

#: Prefixes bound on every graph we build and accepted as ``prefix:local`` in query bindings.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgid": str(ID),
    "kgt": str(KGT._NS),
    "sem": str(SEM),
    "prov": str(PROV),
    "wgs": str(WGS84),
    "geo": str(GEO),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing other bindings of these prefixes).

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to bind prefixes on.

    Returns
    -------
    rdflib.Graph
        The same graph.
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def _segment(part: str) -> str:
    """Percent-encode one path segment (``/`` included); never ``.``/``..``/empty."""
    enc = quote(part, safe="")
    if enc in ("", ".", ".."):
        enc = enc.replace(".", "%2E") or "%20"
    return enc


def _path(text: str) -> str:
    """Percent-encode a ``/``-separated id segment by segment."""
    return "/".join(_segment(p) for p in text.split("/"))


def mention_iri(event: Event | str) -> URIRef:
    """The IRI of an event mention, from its deterministic :attr:`~kg.model.Event.id`.

    Parameters
    ----------
    event : kg.model.Event or str
        A mention or a mention id (such as :attr:`kg.model.Event.reported_in`).

    Returns
    -------
    rdflib.URIRef
        ``https://w3id.org/conflict-kg/id/mention/<event.id>``.
    """
    mid = event.id if isinstance(event, Event) else str(event)
    return URIRef(f"{ID}mention/{_segment(mid)}")


def canonical_id_of(event: Event) -> str:
    """The id of the real-world event a mention belongs to: its
    :attr:`~kg.model.Event.canonical_id` once merged, else its own id (a singleton).

    Parameters
    ----------
    event : kg.model.Event

    Returns
    -------
    str
    """
    return event.canonical_id or event.id


def event_iri(event: CanonicalEvent | Event | str) -> URIRef:
    """The IRI of a real-world (canonical) event.

    Parameters
    ----------
    event : kg.model.CanonicalEvent, kg.model.Event or str
        A canonical event, a canonical id, or a mention (whose event is given by
        :func:`canonical_id_of`).

    Returns
    -------
    rdflib.URIRef
        ``https://w3id.org/conflict-kg/id/event/<canonical id>``.
    """
    if isinstance(event, Event):
        cid = canonical_id_of(event)
    elif isinstance(event, CanonicalEvent):
        cid = event.id
    else:
        cid = str(event)
    return URIRef(f"{ID}event/{_segment(cid)}")


def day_iri(day: object) -> URIRef:
    """The IRI of a calendar day (a ``time:Instant`` node of the graph's calendar).

    Parameters
    ----------
    day : datetime.date, or str / Literal ``YYYY-MM-DD``
        An ``xsd:date`` value such as a ``kg:date`` literal.

    Returns
    -------
    rdflib.URIRef
        ``https://w3id.org/conflict-kg/id/day/YYYY-MM-DD``.

    Raises
    ------
    ValueError
        The value is not a ``YYYY-MM-DD`` date.
    """
    text = day.isoformat() if hasattr(day, "isoformat") else str(day)
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", text):
        raise ValueError(f"not a date: {text!r}")
    return URIRef(f"{ID}day/{text}")


def munition_count_iri(owner: URIRef | str, weapon_id: str) -> URIRef:
    """The IRI of a strike's (or strike mention's) count of one weapon.

    Parameters
    ----------
    owner : rdflib.URIRef or str
        The IRI of the strike mention (:func:`mention_iri`) or real-world strike
        (:func:`event_iri`) that used the weapon.
    weapon_id : str
        The weapon's entity id (:func:`arg_entity_id` of the ``weapon`` argument),
        each ``/``-separated part percent-encoded as in :func:`entity_iri`.

    Returns
    -------
    rdflib.URIRef
        ``<owner>/munition/<weapon_id>``, e.g.
        ``.../id/mention/doc1-strike-0/munition/weapon/missile``.  Mention and event ids
        are single encoded segments, so different owners never share an IRI.
    """
    return URIRef(f"{owner}/munition/{_path(weapon_id)}")


def activity_iri(version: str, started: str) -> URIRef:
    """The IRI of an extraction activity: a hash of the software version and start time.

    Parameters
    ----------
    version : str
    started : str
        ISO 8601 date-time.

    Returns
    -------
    rdflib.URIRef
        ``.../id/activity/<hash>``.
    """
    return URIRef(f"{ID}activity/{stable_hash(version, started, length=16)}")


def software_iri(version: str) -> URIRef:
    """The IRI of the conflict-kg software agent of one version.

    Parameters
    ----------
    version : str

    Returns
    -------
    rdflib.URIRef
        ``.../id/software/conflict-kg/<version>``.
    """
    return URIRef(f"{ID}software/conflict-kg/{_segment(version)}")


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a canonical entity.

    Parameters
    ----------
    entity_id : str
        An id such as ``person/volodymyr-zelensky``, ``country/RU`` or ``region/538555``;
        each ``/``-separated part is percent-encoded.

    Returns
    -------
    rdflib.URIRef
        e.g. ``https://w3id.org/conflict-kg/id/entity/country/RU``.
    """
    return URIRef(f"{ID}entity/{_path(entity_id)}")


def geometry_iri(entity_id: str) -> URIRef:
    """The IRI of a place's GeoSPARQL point geometry: the entity IRI with ``#geometry``.

    Parameters
    ----------
    entity_id : str

    Returns
    -------
    rdflib.URIRef
    """
    return URIRef(f"{entity_iri(entity_id)}#geometry")


def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a source document (``.../id/doc/<doc_id>``, ``/`` in the id encoded).

    Parameters
    ----------
    doc_id : str

    Returns
    -------
    rdflib.URIRef
    """
    return URIRef(f"{ID}doc/{_segment(doc_id)}")


#: Base of the named graphs of a store (:mod:`kg.graph.store`).
GRAPH = Namespace("https://w3id.org/conflict-kg/graph/")
#: Named graph of the entity nodes (shared by all documents; recomputed on every change).
ENTITIES_GRAPH = URIRef(f"{GRAPH}entities")
#: Named graph of the canonical (merged) event layer (recomputed on every change).
CANONICAL_GRAPH = URIRef(f"{GRAPH}canonical")


def doc_graph_iri(doc_id: str) -> URIRef:
    """The named graph holding one source document's triples in a store.

    Parameters
    ----------
    doc_id : str

    Returns
    -------
    rdflib.URIRef
        ``https://w3id.org/conflict-kg/graph/doc/<doc_id>`` (``/`` in the id encoded).
    """
    return URIRef(f"{GRAPH}doc/{_segment(doc_id)}")


def sentence_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The IRI of a sentence of a document, by character offsets.

    Parameters
    ----------
    doc_id : str
    start, end : int
        Offsets into :attr:`kg.model.Article.text`.

    Returns
    -------
    rdflib.URIRef
        ``.../id/doc/<doc_id>/<start>-<end>``.
    """
    return URIRef(f"{doc_iri(doc_id)}/{int(start)}-{int(end)}")


def unlinked_entity_id(text: str) -> str:
    """A deterministic entity id for a role filler that was not linked to an entity.

    The same surface text (ignoring case and runs of whitespace) always gives the
    same id: ``unlinked/<slug>-<hash>``; the hash keeps non-Latin names apart.

    Parameters
    ----------
    text : str
        The argument's surface text.

    Returns
    -------
    str
    """
    key = " ".join(text.split()).casefold()
    return f"unlinked/{slug(key)[:60]}-{stable_hash(key, length=10)}"


def arg_entity_id(arg: Argument) -> str:
    """The entity id an entity-role argument points at: its ``entity_id``, else one minted
    from its text with :func:`unlinked_entity_id`.

    Parameters
    ----------
    arg : kg.model.Argument

    Returns
    -------
    str
    """
    return arg.entity_id or unlinked_entity_id(arg.text)


_ONTOLOGY_MARKER = "kg.ttl"


def ontology_dir() -> Path:
    """The ``ontology/`` folder: ``kg.ontology`` package data, or the source checkout's.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If neither location holds ``kg.ttl``.
    """
    try:
        res = importlib.resources.files("kg.ontology")
        cand = Path(str(res))
        if (cand / _ONTOLOGY_MARKER).is_file():
            return cand
    except (ModuleNotFoundError, TypeError, ValueError):  # pragma: no cover - depends on install
        pass
    cand = Path(__file__).resolve().parents[2] / "ontology"
    if (cand / _ONTOLOGY_MARKER).is_file():
        return cand
    raise FileNotFoundError("the conflict-kg ontology folder (kg.ttl) is not installed")


def ontology_path() -> Path:
    """Path of the OWL ontology ``kg.ttl``.

    Returns
    -------
    pathlib.Path
    """
    return ontology_dir() / _ONTOLOGY_MARKER


def event_types_path() -> Path:
    """Path of the SKOS event-type scheme ``event-types.ttl``.

    Returns
    -------
    pathlib.Path
    """
    return ontology_dir() / "event-types.ttl"


def shapes_path() -> Path:
    """Path of the SHACL shapes ``shapes.ttl``.

    Returns
    -------
    pathlib.Path
    """
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    """Path of the named-query folder (``ontology/queries``).

    Returns
    -------
    pathlib.Path
    """
    return ontology_dir() / "queries"


_CURIE = re.compile(r"^([A-Za-z][\w-]*):([^\s<>\"{}|\\^`]*)$")


def expand_curie(text: str) -> URIRef | None:
    """Expand ``prefix:local`` when the prefix is one of :data:`PREFIXES`.

    Parameters
    ----------
    text : str
        e.g. ``"kg:Strike"`` or ``"kgid:entity/country/RU"``.

    Returns
    -------
    rdflib.URIRef or None
        ``None`` when ``text`` is not of that form or the prefix is not ours.
    """
    m = _CURIE.match(text)
    if not m or m.group(1) not in PREFIXES:
        return None
    return URIRef(PREFIXES[m.group(1)] + m.group(2))
