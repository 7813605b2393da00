"""The seeds' graph answers the questions analysts ask, by SPARQL (issue 4's measures):
one node per real actor and place, the North Korean deployment to Kursk as one event reported
by several articles, coordinates on every place."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PREFIXES = """PREFIX kg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""


@pytest.fixture(scope="module")
def graph():
    return build(SEEDS, model="default").graph


def rows(graph, query, **bindings):
    return list(graph.query(PREFIXES + query, initBindings=bindings or None))


@pytest.mark.parametrize("cls,pattern", [
    ("Person", "zelensk"),
    ("Region", "kursk"),
    ("ArmedForces", "north korea"),
])
def test_one_node_per_actor_and_place(graph, cls, pattern):
    from rdflib import Literal, URIRef

    found = rows(graph, """SELECT DISTINCT ?x WHERE {
        ?x a ?cls . { ?x rdfs:label ?l } UNION { ?x skos:altLabel ?l }
        FILTER (CONTAINS(LCASE(STR(?l)), ?pat)) }""",
                 cls=URIRef(f"https://w3id.org/conflict-kg/ontology#{cls}"), pat=Literal(pattern))
    assert len(found) == 1, found


def test_north_korean_deployment_to_kursk_is_one_event_from_four_articles(graph):
    found = rows(graph, """SELECT ?e (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
        ?e a kg:Deployment ; kg:forces ?f ; kg:place ?p ; kg:mention ?m .
        ?m kg:sourceDocument ?doc .
        ?f a kg:ArmedForces ; rdfs:label ?fl . FILTER (CONTAINS(LCASE(STR(?fl)), "north korea"))
        ?p a kg:Region ; rdfs:label ?pl . FILTER (CONTAINS(LCASE(STR(?pl)), "kursk"))
    } GROUP BY ?e""")
    assert len(found) == 1, found
    assert int(found[0][1]) >= 4


def test_every_place_has_coordinates(graph):
    missing = rows(graph, """SELECT ?p WHERE { ?p a kg:Place .
        FILTER NOT EXISTS { ?p wgs84:lat ?lat ; wgs84:long ?long } }""")
    assert missing == []
