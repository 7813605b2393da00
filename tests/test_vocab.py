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
    KG, arg_entity_id, doc_iri, entity_iri, event_iri, expand_curie, ontology_dir,
    ontology_path, queries_dir, sentence_iri, unlinked_entity_id,
)
from kg.model import Argument, Event, EventType, Mention, Sentence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

NS = str(KG._NS)
ID = "https://w3id.org/conflict-kg/id/"


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    return g


def kg_terms_in(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def declared_terms() -> set[URIRef]:
    return {URIRef(NS + name) for name in KG.__annotations__ if not name.startswith("_")}


def test_every_ttl_term_is_in_the_namespace_class(onto: Graph) -> None:
    missing = kg_terms_in(onto) - declared_terms()
    assert missing == set()


def test_every_namespace_term_is_in_the_ttl(onto: Graph) -> None:
    missing = declared_terms() - kg_terms_in(onto)
    assert missing == set()


def test_unknown_term_fails() -> None:
    with pytest.raises(AttributeError):
        KG.Battle  # noqa: B018


@pytest.mark.parametrize("term", sorted(declared_terms()))
def test_term_has_label_comment_and_type(onto: Graph, term: URIRef) -> None:
    assert onto.value(term, rns.RDFS.label) is not None
    assert onto.value(term, rns.RDFS.comment) is not None
    assert set(onto.objects(term, rns.RDF.type)) & {rns.OWL.Class, rns.OWL.ObjectProperty, rns.OWL.DatatypeProperty}


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
    ],
)
def test_term_type_and_range(onto: Graph, term: URIRef, rdf_type: URIRef, rng: URIRef | None) -> None:
    assert (term, rns.RDF.type, rdf_type) in onto
    if rng is not None:
        assert onto.value(term, rns.RDFS.range) == rng


def test_date_range_is_union_of_date_precisions(onto: Graph) -> None:
    rng = onto.value(KG.date, rns.RDFS.range)
    members = set(onto.items(onto.value(rng, rns.OWL.unionOf)))
    assert members == {rns.XSD.date, rns.XSD.gYearMonth, rns.XSD.gYear}


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
    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    assert names == ["counts_by_type", "events_by_actor", "events_by_type", "timeline", "who_said_what"]


@pytest.mark.skipif(tomllib is None, reason="tomllib needs Python 3.11")
def test_pyproject_lists_every_kg_package() -> None:
    root = Path(__file__).resolve().parents[1]
    conf = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "kg").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    listed = set(conf["packages"])
    assert on_disk | {"kg.ontology"} == listed
    assert conf["package-dir"]["kg.ontology"] == "ontology"
    assert {"*.ttl", "queries/*.rq"} <= set(conf["package-data"]["kg.ontology"])
