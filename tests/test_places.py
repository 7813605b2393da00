"""Places: coordinates, kinds and countries in the lexicons; region or city by context;
place linking; every place in the seeds' graph has coordinates (SPARQL)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import lexicon
from kg.build_data import mean_point
from kg.link import link
from kg.model import Argument, EntityKind, Event, EventType, Mention, Sentence
from kg.nlp import build_nlp
from kg.nlp.gazetteer import place_cue

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

COORD_SOURCES = {
    "countries": {"countryinfo", "capital_city", "cities_centroid", "curated"},
    "regions": {"namesake_city", "cities_centroid", "namesake_city_in_country", "country"},
    "places": {"near_city", "centroid_of", "curated"},
}


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("blank")


# -- data -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["countries", "regions", "cities", "places"])
def test_every_place_row_has_coordinates_kind_and_country(name):
    countries = {r["iso2"] for r in lexicon.records("countries")}
    rows = lexicon.records(name)
    assert rows
    for r in rows:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r["id"]
        assert lexicon.KINDS[r["kind"]].is_place, r["id"]
        if name in COORD_SOURCES:
            assert r["coord_source"] in COORD_SOURCES[name], r["id"]
        if name in ("regions", "cities"):
            assert r["country"] in countries and isinstance(r["geonames_id"], int), r["id"]
        if name == "places":
            assert r["country"] is None or r["country"] in countries, r["id"]


def test_curated_places_say_where_their_coordinates_come_from():
    for r in lexicon.records("places"):
        if r["coord_source"] == "curated":
            assert r["coord_ref"].startswith("https://"), r["id"]
        else:
            assert r["coord_from"], r["id"]


@pytest.mark.parametrize("points, weights, expected", [
    ([(10.0, 20.0)], None, (10.0, 20.0)),
    ([(0.0, 10.0), (0.0, 20.0)], None, (0.0, 15.0)),
    ([(0.0, 10.0), (0.0, 20.0)], [3, 1], (0.0, 12.5)),  # weighted (within 0.1 degree)
    ([(60.0, 179.0), (60.0, -179.0)], None, (60.0, 180.0)),  # across the antimeridian
])
def test_mean_point(points, weights, expected):
    lat, lon = mean_point(points, weights)
    assert lat == pytest.approx(expected[0], abs=0.1)
    assert (lon - expected[1] + 180) % 360 - 180 == pytest.approx(0, abs=0.1)


@pytest.mark.parametrize("name, kind, country, entity_id", [
    # Russia-Ukraine
    ("Kursk Oblast", EntityKind.REGION, "RU", "region/538555"),
    ("Kursk region", EntityKind.REGION, "RU", "region/538555"),
    ("Donetsk Oblast", EntityKind.REGION, "UA", "region/709716"),
    ("Donbas", EntityKind.PLACE, "UA", "place/donbas"),
    ("Transnistria", EntityKind.REGION, "MD", None),
    # Israel, Gaza, Lebanon, Iran
    ("Gaza City", EntityKind.CITY, "PS", None),
    ("Gaza Strip", EntityKind.REGION, "PS", None),
    ("Khan Younis", EntityKind.CITY, "PS", None),
    ("Rafah", EntityKind.CITY, "PS", None),
    ("West Bank", EntityKind.REGION, "PS", None),
    ("Northern Gaza", EntityKind.PLACE, "PS", None),
    ("Beirut", EntityKind.CITY, "LB", None),
    ("Southern Lebanon", EntityKind.PLACE, "LB", None),
    ("Fordow", EntityKind.PLACE, "IR", None),
    ("al-Mawasi", EntityKind.PLACE, "PS", None),
    ("Bint Jbeil", EntityKind.CITY, "LB", None),
    # Yemen and the Red Sea
    ("Hodeidah", EntityKind.CITY, "YE", None),
    ("Red Sea", EntityKind.PLACE, None, "place/red-sea"),
    ("Bab el-Mandeb", EntityKind.PLACE, None, None),
    # Sudan
    ("El Fasher", EntityKind.CITY, "SD", None),
    ("Darfur", EntityKind.PLACE, "SD", None),
    ("Khartoum", EntityKind.CITY, "SD", None),
    ("Omdurman", EntityKind.CITY, "SD", None),
    ("Zamzam camp", EntityKind.PLACE, "SD", None),
    # DR Congo, Myanmar, Syria, the Sahel
    ("Goma", EntityKind.CITY, "CD", None),
    ("North Kivu", EntityKind.REGION, "CD", None),
    ("Rakhine State", EntityKind.REGION, "MM", None),
    ("Idlib Governorate", EntityKind.REGION, "SY", None),
    ("Aleppo", EntityKind.CITY, "SY", None),
    ("Sahel", EntityKind.PLACE, None, "place/sahel"),
    ("Timbuktu", EntityKind.CITY, "ML", None),
])
def test_conflict_places_are_known_with_kind_country_and_coordinates(name, kind, country, entity_id):
    hits = lexicon.lookup(name)
    assert hits, name
    ent = hits[0]
    assert (ent.kind, ent.country) == (kind, country)
    assert ent.lat is not None and ent.lon is not None
    if kind is not EntityKind.PLACE or ent.id.startswith("region/"):
        assert ent.geonames_id is not None
    if entity_id:
        assert ent.id == entity_id


@pytest.mark.parametrize("entity_id, twin", [
    ("region/538555", "city/538560"),  # Kursk Oblast <-> Kursk
    ("city/538560", "region/538555"),
    ("region/709716", "city/709717"),  # Donetsk Oblast <-> Donetsk
    ("region/281132", "city/281133"),  # Gaza Strip <-> Gaza City ("Gaza")
    ("city/703448", None),  # Kyiv: its region is the city-region "Kyiv City"
    ("city/704422", None),  # Pokrovsk: no namesake region
    ("country/RU", None),
])
def test_place_twin(entity_id, twin):
    assert lexicon.place_twin(entity_id) == twin


# -- region or city, by context ------------------------------------------------------------
@pytest.mark.parametrize("text, start, end, expected", [
    ("Drones hit Kursk city .", 2, 3, "city"),
    ("Drones hit the city of Kursk .", 5, 6, "city"),
    ("They reached the town of Kursk .", 5, 6, "city"),
    ("The mayor of Kursk said so .", 3, 4, "city"),
    ("Kursk 's mayor said so .", 0, 1, "city"),
    ("Fighting in the Kursk area .", 3, 4, "region"),
    ("The governor of Kursk said so .", 3, 4, "region"),
    ("Kursk governor Alexei Smirnov said so .", 0, 1, "region"),
    ("Strikes hit southern Gaza .", 3, 4, "region"),
    ("Fighting in Kursk went on .", 2, 3, None),
])
def test_place_cue(nlp, text, start, end, expected):
    doc = nlp.make_doc(text)
    assert place_cue(doc, start, end) == expected


KURSK_REGION, KURSK_CITY = "region/538555", "city/538560"
DONETSK_REGION, DONETSK_CITY = "region/709716", "city/709717"


@pytest.mark.parametrize("text, expected", [
    # explicit forms
    ("Troops entered Russia's Kursk region.", [("Kursk region", KURSK_REGION)]),
    ("Troops entered Kursk Oblast.", [("Kursk Oblast", KURSK_REGION)]),
    ("Troops entered the Kursk area.", [("Kursk", KURSK_REGION)]),
    ("Drones hit Kursk city.", [("Kursk", KURSK_CITY)]),
    ("Drones hit the city of Kursk.", [("Kursk", KURSK_CITY)]),
    ("The mayor of Donetsk said so.", [("Donetsk", DONETSK_CITY)]),
    # a bare name follows an explicit mention before it ...
    ("Drones hit Kursk city. Kursk was quiet later.", [("Kursk", KURSK_CITY), ("Kursk", KURSK_CITY)]),
    ("Fighting in the Kursk region. Kursk was quiet later.", [("Kursk region", KURSK_REGION),
                                                              ("Kursk", KURSK_REGION)]),
    # ... the nearest one before it ...
    ("Drones hit Kursk city. Troops held the Kursk region. Kursk was quiet.",
     [("Kursk", KURSK_CITY), ("Kursk region", KURSK_REGION), ("Kursk", KURSK_REGION)]),
    # ... else the first after it
    ("Shelling hit Donetsk. The city of Donetsk lost power.", [("Donetsk", DONETSK_CITY),
                                                                ("Donetsk", DONETSK_CITY)]),
    # a spelling only the city has is kept, and is no evidence for the bare name
    ("Kharkov was shelled. Kharkiv was hit again.", [("Kharkov", "city/706483"), ("Kharkiv", "region/706482")]),
    # only mentions of the same pair count
    ("Drones hit Kursk city. Donetsk was shelled.", [("Kursk", KURSK_CITY), ("Donetsk", DONETSK_REGION)]),
    # a city whose own name is longer is not read into a later bare name
    ("Strikes hit Gaza city. Gaza is starving.", [("Gaza", "city/281133"), ("Gaza", "region/281132")]),
    ("Strikes hit southern Gaza.", [("Gaza", "region/281132")]),
    # default: the region that contains the city
    ("Fighting in Kursk went on.", [("Kursk", KURSK_REGION)]),
    # names with no namesake region or city are left alone
    ("The Pokrovsk area and the city of Kyiv.", [("Pokrovsk", "city/704422"), ("Kyiv", "city/703448")]),
])
def test_region_or_city_by_context(nlp, text, expected):
    doc = nlp(text)
    got = [(e.text, e.kb_id_) for e in doc.ents if e.kb_id_.startswith(("region/", "city/"))]
    assert got == expected


# -- linking ---------------------------------------------------------------------------------
def _event(*args: tuple[str, str, str | None]) -> Event:
    sent = Sentence("d1", 0, 10, "x" * 10)
    return Event(EventType.STRIKE, "d1", sent, Mention("struck", 0, 6),
                 [Argument(role, text, 0, len(text), entity_id=eid) for role, text, eid in args])


@pytest.mark.parametrize("text, entity_id", [
    ("Kursk Oblast", "region/538555"),  # a statistical NER span without an id
    ("the Gaza Strip", "region/281132"),
    ("Red Sea", "place/red-sea"),
])
def test_linker_finds_places_without_ids(text, entity_id):
    events, entities = link([_event(("place", text, None))])
    assert events[0].args[0].entity_id == entity_id
    ent = entities[entity_id]
    assert ent.lat is not None and ent.lon is not None and ent.kind.is_place


@pytest.mark.parametrize("role, text", [
    ("place", "a field near the village"),  # lower case: not a name
    ("target", "Hezbollah targets"),  # not a place
    ("agent", "Kursk Oblast"),  # only places and targets are looked up
])
def test_linker_leaves_other_arguments(role, text):
    events, _ = link([_event((role, text, None))])
    assert not events[0].args[0].entity_id.startswith(("region/", "place/", "city/"))


# -- the seeds' graph ------------------------------------------------------------------------
# places by canonical id, or by kind for places the lexicon does not know
PLACE = """?p dcterms:identifier ?id . OPTIONAL { ?p kg:kind ?kind }
  FILTER(STRSTARTS(?id, "country/") || STRSTARTS(?id, "region/") || STRSTARTS(?id, "city/")
         || STRSTARTS(?id, "place/") || ?kind IN ("state", "region", "city", "place"))"""
PLACES = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { " + PLACE + " }"
PLACES_WITHOUT_POINT = "SELECT DISTINCT ?id WHERE { " + PLACE + \
    " FILTER NOT EXISTS { ?p wgs:lat ?lat ; wgs:long ?long } }"
KURSK_NODES = """
SELECT DISTINCT ?p WHERE {
  ?p dcterms:identifier ?id .
  FILTER(?id IN ("region/538555", "city/538560"))
}"""


@pytest.fixture(scope="module")
def seeds_graph():
    import kg

    return kg.build(SEEDS, model="blank", html=False).graph


def test_seeds_graph_every_place_has_coordinates(seeds_graph):
    from kg.graph.sparql import query

    assert query(seeds_graph, PLACES).rows[0]["n"] >= 5
    assert query(seeds_graph, PLACES_WITHOUT_POINT).rows == []


def test_seeds_graph_has_one_node_for_kursk_region(seeds_graph):
    from kg.graph.sparql import query

    rows = query(seeds_graph, KURSK_NODES).rows
    assert [r["p"].rsplit("/", 2)[-2:] for r in rows] == [["region", "538555"]]
