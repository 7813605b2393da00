"""The kg: vocabulary: kg.ttl and kg.graph.vocab.KG agree; IRI helpers are safe and deterministic."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
import rdflib.namespace as rns  # module, not names: pytest probes module globals

from kg.graph import rdf as kgrdf
from kg.graph.vocab import (
    ENTITY_ROLES, KG, KGT, activity_iri, arg_entity_id, doc_iri, entity_iri, event_iri, event_types_path, expand_curie,
    geometry_iri, mention_iri, munition_count_iri, ontology_dir, ontology_path, queries_dir, sentence_iri,
    shapes_path, software_iri, unlinked_entity_id,
)
from kg.model import Argument, Event, EventType, Mention, Sentence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

NS = str(KG._NS)
TNS = str(KGT._NS)
ID = "https://w3id.org/conflict-kg/id/"
SKOS = rns.SKOS


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g


@pytest.fixture(scope="module")
def types() -> Graph:
    return Graph().parse(event_types_path(), format="turtle")


def terms_in(g: Graph, ns: str = NS) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(ns) and str(t) != ns}


def declared_terms(cls: type = KG) -> set[URIRef]:
    return {URIRef(str(cls._NS) + name) for name in cls.__annotations__ if not name.startswith("_")}


@pytest.mark.parametrize("path", [ontology_path(), event_types_path(), shapes_path()])
def test_every_kg_term_in_the_ttl_files_is_declared(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    assert terms_in(g) - declared_terms() == set()
    assert terms_in(g, TNS) - declared_terms(KGT) == set()


def test_every_namespace_term_is_in_the_ttl(onto: Graph) -> None:
    missing = declared_terms() - terms_in(onto)
    assert missing == set()


def test_every_event_type_concept_is_in_the_scheme(types: Graph) -> None:
    assert declared_terms(KGT) == set(types.subjects(rns.RDF.type, SKOS.Concept)) & declared_terms(KGT)
    assert set(types.objects(URIRef(TNS), SKOS.hasTopConcept)) == declared_terms(KGT)


@pytest.mark.parametrize("name", ["Battle", "battle"])
def test_unknown_term_fails(name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(KG, name)
    with pytest.raises(AttributeError):
        getattr(KGT, name)


@pytest.mark.parametrize("term", sorted(declared_terms()))
def test_term_has_label_definition_and_type(onto: Graph, term: URIRef) -> None:
    assert onto.value(term, rns.RDFS.label) is not None
    assert onto.value(term, rns.RDFS.comment) is not None
    assert onto.value(term, SKOS.definition) is not None
    assert set(onto.objects(term, rns.RDF.type)) & {
        rns.OWL.Class, rns.OWL.ObjectProperty, rns.OWL.DatatypeProperty, rns.OWL.NamedIndividual,
        rns.OWL.AnnotationProperty}


@pytest.mark.parametrize("role", sorted(ENTITY_ROLES))
def test_role_property_is_sem_aligned(onto: Graph, role: str) -> None:
    prop = ENTITY_ROLES[role]
    role_type = onto.value(prop, KG.roleType)
    assert (role_type, rns.RDF.type, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/RoleType")) in onto
    assert onto.value(prop, rns.RDFS.domain) is not None and onto.value(prop, rns.RDFS.range) is not None


@pytest.mark.parametrize("concept", sorted(declared_terms(KGT)))
def test_event_type_concept_is_labelled_and_mapped(types: Graph, concept: URIRef) -> None:
    assert types.value(concept, SKOS.prefLabel) is not None
    assert types.value(concept, SKOS.definition) is not None
    assert (concept, SKOS.inScheme, URIRef(TNS)) in types
    mapped = [o for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.exactMatch)
              for o in types.objects(concept, p)]
    assert mapped, f"{concept} maps to no external type"
    for target in mapped + list(types.objects(concept, SKOS.relatedMatch)):
        if str(target).startswith("https://w3id.org/conflict-kg/code/"):  # our proxies for codebook codes
            assert types.value(target, SKOS.notation) is not None
            assert types.value(target, SKOS.inScheme) is not None


@pytest.mark.parametrize(
    "concept, prop, notation",
    [
        (KGT.strike, SKOS.narrowMatch, "195"),  # CAMEO: employ aerial weapons
        (KGT.strike, SKOS.closeMatch, "ASSAULT"),  # PLOVER
        (KGT.strike, SKOS.narrowMatch, "Air/drone strike"),  # ACLED
        (KGT.strike, SKOS.closeMatch, "Conflict:Attack"),  # ACE 2005
        (KGT.deployment, SKOS.closeMatch, "154"),
        (KGT.deployment, SKOS.closeMatch, "MOBILIZE"),
        (KGT.appointment, SKOS.closeMatch, "Personnel:Start-Position"),
        (KGT.statement, SKOS.closeMatch, "01"),
    ],
)
def test_event_type_mappings(types: Graph, concept: URIRef, prop: URIRef, notation: str) -> None:
    notations = {str(types.value(o, SKOS.notation)) for o in types.objects(concept, prop)}
    assert notation in notations


def test_every_event_type_has_concept_and_classes() -> None:
    from kg.graph.rdf import EVENT_CLASS, EVENT_TYPE_CONCEPT, MENTION_CLASS
    from kg.model import EventType

    assert set(EVENT_TYPE_CONCEPT.values()) == declared_terms(KGT)
    assert set(EVENT_CLASS) == set(MENTION_CLASS) == set(EventType)


def test_enumerations_match_the_model(onto: Graph) -> None:
    from kg.graph.rdf import MODALITY, PRECISION_UNIT, QUALIFIER
    from kg.model import PRECISIONS, QUALIFIERS, Modality

    assert set(MODALITY) == set(Modality)
    assert set(onto.items(onto.value(KG.Modality, rns.OWL.oneOf))) == set(MODALITY.values())
    assert set(QUALIFIER) == set(QUALIFIERS)
    assert set(onto.items(onto.value(KG.QuantityQualifier, rns.OWL.oneOf))) == set(QUALIFIER.values())
    assert tuple(PRECISION_UNIT) == PRECISIONS


@pytest.mark.parametrize(
    "term, rdf_type, rng",
    [
        (KG.Strike, rns.OWL.Class, None),
        (KG.Sentence, rns.OWL.Class, None),
        (KG.agent, rns.OWL.ObjectProperty, KG.Entity),
        (KG.evidence, rns.OWL.ObjectProperty, KG.Sentence),
        (KG.sourceDocument, rns.OWL.ObjectProperty, KG.Document),
        (KG.quantity, rns.OWL.DatatypeProperty, rns.XSD.integer),
        (KG.startOffset, rns.OWL.DatatypeProperty, rns.XSD.integer),
        (KG.published, rns.OWL.DatatypeProperty, rns.XSD.date),
        (KG.roleTitle, rns.OWL.DatatypeProperty, rns.XSD.string),
        (KG.geonamesId, rns.OWL.DatatypeProperty, rns.XSD.integer),
        (KG.MunitionCount, rns.OWL.Class, None),
        (KG.munitions, rns.OWL.ObjectProperty, KG.MunitionCount),
        (KG.count, rns.OWL.DatatypeProperty, rns.XSD.integer),
    ],
)
def test_term_type_and_range(onto: Graph, term: URIRef, rdf_type: URIRef, rng: URIRef | None) -> None:
    assert (term, rns.RDF.type, rdf_type) in onto
    if rng is not None:
        assert onto.value(term, rns.RDFS.range) == rng


def test_date_range_is_xsd_date(onto: Graph) -> None:
    """One datatype for every precision (kg:datePrecision says which), so dates range-filter together."""
    assert onto.value(KG.date, rns.RDFS.range) == rns.XSD.date


@pytest.mark.parametrize(
    "cls, external",
    [
        (KG.Event, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
        (KG.Actor, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Actor")),
        (KG.Place, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Place")),
    ],
)
def test_sem_alignment(onto: Graph, cls: URIRef, external: URIRef) -> None:
    assert (cls, rns.RDFS.subClassOf, external) in onto


def test_superclass_table_matches_ontology(onto: Graph) -> None:
    from_ttl = {
        c: tuple(sorted(o for o in onto.objects(c, rns.RDFS.subClassOf) if str(o).startswith(NS)))
        for c in onto.subjects(rns.RDF.type, rns.OWL.Class)
    }
    from_ttl = {c: sups for c, sups in from_ttl.items() if sups}
    from_code = {c: tuple(sorted(s)) for c, s in kgrdf.SUPERCLASSES.items()}
    assert from_code == from_ttl


def _event(doc_id: str = "doc1", start: int = 7, sentence_start: int = 0) -> Event:
    sent = Sentence(doc_id, sentence_start, sentence_start + 20, "Russia struck Kyiv.")
    return Event(EventType.STRIKE, doc_id, sent, Mention("struck", start, start + 6))


@pytest.mark.parametrize(
    "value, expected",
    [
        (entity_iri("person/volodymyr-zelensky"), ID + "entity/person/volodymyr-zelensky"),
        (entity_iri("country/RU"), ID + "entity/country/RU"),
        (entity_iri("region/538555"), ID + "entity/region/538555"),
        (entity_iri("weapon/drone"), ID + "entity/weapon/drone"),
        (entity_iri("org/a b?c#d"), ID + "entity/org/a%20b%3Fc%23d"),
        (entity_iri("x/../y"), ID + "entity/x/%2E%2E/y"),
        (entity_iri("place/Київ"), ID + "entity/place/%D0%9A%D0%B8%D1%97%D0%B2"),
        (doc_iri("doc1"), ID + "doc/doc1"),
        (doc_iri("feeds/a b.txt"), ID + "doc/feeds%2Fa%20b.txt"),
        (sentence_iri("doc1", 3, 40), ID + "doc/doc1/3-40"),
        (event_iri(_event()), ID + "event/doc1-strike-0"),
        (event_iri("merged-1"), ID + "event/merged-1"),
        (mention_iri(_event()), ID + "mention/doc1-strike-0"),
        (mention_iri("doc1-statement-3"), ID + "mention/doc1-statement-3"),
        (geometry_iri("city/706483"), ID + "entity/city/706483#geometry"),
        (software_iri("0.2.0"), ID + "software/conflict-kg/0.2.0"),
        (munition_count_iri(mention_iri(_event()), "weapon/missile"),
         ID + "mention/doc1-strike-0/munition/weapon/missile"),
        (munition_count_iri(event_iri("merged-1"), "weapon/drone"), ID + "event/merged-1/munition/weapon/drone"),
        (munition_count_iri(mention_iri("d/x"), "unlinked/a b"), ID + "mention/d%2Fx/munition/unlinked/a%20b"),
    ],
)
def test_iri_helpers(value: URIRef, expected: str) -> None:
    assert isinstance(value, URIRef)
    assert str(value) == expected
    assert not re.search(r"[\s<>\"{}|\\^`]", str(value))


def test_iris_are_deterministic() -> None:
    assert entity_iri("country/RU") == entity_iri("country/RU")
    assert event_iri(_event()) == event_iri(_event())
    # one event per type and sentence: the evidence sentence identifies it
    assert event_iri(_event(sentence_start=30)) != event_iri(_event(sentence_start=0))
    assert event_iri(_event(doc_id="doc2")) != event_iri(_event(doc_id="doc1"))
    assert activity_iri("0.1.0", "2024-03-01T00:00:00+00:00") == activity_iri("0.1.0", "2024-03-01T00:00:00+00:00")
    assert activity_iri("0.1.0", "2024-03-01T00:00:00+00:00") != activity_iri("0.1.0", "2024-03-01T00:00:01+00:00")
    merged = _event()
    merged.canonical_id = "merged-1"
    assert event_iri(merged) == event_iri("merged-1")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Kharkiv", "kharkiv", True),
        ("power  plant", "Power plant", True),
        ("Київ", "Харків", False),
        ("drones", "drone", False),
    ],
)
def test_unlinked_entity_id(a: str, b: str, same: bool) -> None:
    ida, idb = unlinked_entity_id(a), unlinked_entity_id(b)
    assert ida.startswith("unlinked/")
    assert (ida == idb) is same


@pytest.mark.parametrize(
    "arg, expected",
    [
        (Argument("agent", "Russia", 0, 6, entity_id="country/RU"), "country/RU"),
        (Argument("weapon", "drones", 0, 6), unlinked_entity_id("drones")),
    ],
)
def test_arg_entity_id(arg: Argument, expected: str) -> None:
    assert arg_entity_id(arg) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kg:Strike", KG.Strike),
        ("kgid:entity/country/RU", URIRef(ID + "entity/country/RU")),
        ("rdfs:label", rns.RDFS.label),
        ("foo:bar", None),
        ("Hamas: a group", None),
        ("Russia", None),
    ],
)
def test_expand_curie(text: str, expected: URIRef | None) -> None:
    assert expand_curie(text) == expected


def test_ontology_files_are_found() -> None:
    assert (ontology_dir() / "kg.ttl").is_file()
    assert event_types_path().is_file() and shapes_path().is_file()
    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    assert names == ["counts_by_type", "events_by_actor", "events_by_type", "munitions", "sources_per_event",
                     "timeline", "who_said_what"]


def _paths_in(node: object, seen: set[int] | None = None) -> list[object]:
    from rdflib.paths import Path as PropertyPath

    seen = set() if seen is None else seen
    if id(node) in seen:
        return []
    seen.add(id(node))
    if isinstance(node, PropertyPath):
        return [node]
    if isinstance(node, dict):
        return [p for v in node.values() for p in _paths_in(v, seen)]
    if isinstance(node, (list, tuple, set)):
        return [p for v in node for p in _paths_in(v, seen)]
    return []


@pytest.mark.parametrize("path", sorted(Path(__file__).resolve().parents[1].joinpath("ontology", "queries").glob("*.rq")),
                         ids=lambda p: p.stem)
def test_queries_use_no_property_paths(path: Path) -> None:
    """Virtuoso compatibility: alternatives are written as UNION, not ``a|b`` paths."""
    from rdflib.plugins.sparql import prepareQuery

    from kg.graph.vocab import PREFIXES

    q = prepareQuery(path.read_text(encoding="utf-8"), initNs=dict(PREFIXES))
    assert _paths_in(q.algebra) == []


def test_property_path_detector_finds_paths() -> None:
    from rdflib.plugins.sparql import prepareQuery

    q = prepareQuery("SELECT ?x WHERE { ?x <urn:a>|<urn:b> ?y }")
    assert _paths_in(q.algebra)
