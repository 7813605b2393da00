"""Actors: canonical people, forces, groups and governments from tiny hand-made sentences.

One table per rule (issue 4, "Actors, linked" and "Coverage beyond the seeds"):
capitals acting -> governments, roles -> office holders by the article date,
within-document role nouns and pronouns, kinds of actors, armed groups and
their aliases. Every case runs the whole pipeline (:func:`kg.api.extract`).
"""
from __future__ import annotations

from datetime import date

import pytest

from kg import coref, lexicon
from kg.api import extract
from kg.link import Linker
from kg.model import Argument, EntityKind, Event, EventType, Mention, Sentence
from kg.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def args_of(nlp, text, pub="2024-12-15"):
    """(role, text, entity id) of every entity argument of ``text``'s events."""
    doc = {"id": "t", "text": text, **({"date": pub} if pub else {})}
    return {(a.role, a.text, a.entity_id) for e in extract([doc], nlp=nlp) for a in e.args if a.entity_id}


# -- capitals -------------------------------------------------------------------------------
CAPITALS = [
    ("Moscow said the attack had been repelled.", ("speaker", "Moscow", "government/RU")),
    ("Kyiv launched drones at Belgorod.", ("agent", "Kyiv", "government/UA")),
    ("Washington warned Tehran on Monday.", ("speaker", "Washington", "government/US")),
    ("Pyongyang said the troops were on exercises.", ("speaker", "Pyongyang", "government/KP")),
    ("Seoul said North Korean troops had been deployed.", ("speaker", "Seoul", "government/KR")),
    ("Tehran warned Washington on Monday.", ("speaker", "Tehran", "government/IR")),
    ("Russia deployed troops in Moscow.", ("place", "Moscow", "city/524901")),
    # as a place or target the capital stays the city
    ("Russian forces struck Kyiv with drones.", ("place", "Kyiv", "city/703448")),
    ("Kyiv launched drones at Moscow.", ("place", "Moscow", "city/524901")),
]


@pytest.mark.parametrize("text,expected", CAPITALS)
def test_capitals_act_for_governments_and_stay_places(nlp, text, expected):
    assert expected in args_of(nlp, text)


def test_government_entity_kind_and_country():
    linker = Linker()
    sent = Sentence("d", 0, 28, "Moscow said it was an error.")
    ev = Event(EventType.STATEMENT, "d", sent, Mention("said", 7, 11),
               [Argument("speaker", "Moscow", 0, 6, "city/524901")])
    linker.link([ev])
    ent = linker.entities["government/RU"]
    assert (ent.kind, ent.country, ent.label) == (EntityKind.GOVERNMENT, "RU", "Government of Russia")


# -- roles -> office holders by date ---------------------------------------------------------
OFFICES = [
    ("country/UA", "leader", "2024-12-15", "person/volodymyr-zelensky"),
    ("country/UA", "president", "2018-01-01", "person/petro-poroshenko"),
    ("country/UA", "commander-in-chief", "2023-06-01", "person/valerii-zaluzhnyi"),
    ("country/UA", "commander-in-chief", "2024-06-01", "person/oleksandr-syrskyi"),
    ("country/US", "president", "2024-06-01", "person/joe-biden"),
    ("country/US", "president", "2025-06-01", "person/donald-trump"),
    ("country/IL", "prime minister", "2024-06-01", "person/benjamin-netanyahu"),
    ("country/IL", "prime minister", "2022-01-01", None),  # Bennett/Lapid: not curated
    ("org/hezbollah", "leader", "2024-01-01", "person/hassan-nasrallah"),
    ("org/hezbollah", "leader", "2024-10-10", None),  # between Nasrallah and Qassem
    ("org/hezbollah", "leader", "2025-01-01", "person/naim-qassem"),
    ("org/houthis", "leader", "2024-01-01", "person/abdul-malik-al-houthi"),
    ("org/rsf", "commander", "2024-01-01", "person/mohamed-hamdan-dagalo"),
    ("country/UA", "leaders", "2024-12-15", None),  # plural
    ("country/UA", "leader", None, None),  # no date: never resolved
    ("country/UA", "leader", "2024-12", None),  # month only: not precise enough
]


@pytest.mark.parametrize("holder,noun,day,person", OFFICES)
def test_office_holder(holder, noun, day, person):
    row = lexicon.office_holder(holder, noun, day)
    assert (row["person"] if row else None) == person


ROLES = [
    ("The Ukrainian leader said the attack was brutal.", "2024-12-15",
     ("speaker", "The Ukrainian leader", "person/volodymyr-zelensky")),
    ("Ukraine's president said the attack was brutal.", "2024-12-15",
     ("speaker", "Ukraine's president", "person/volodymyr-zelensky")),
    ("The Russian president said the war would go on.", "2024-12-15",
     ("speaker", "The Russian president", "person/vladimir-putin")),
    ("Israel's prime minister said the operation would continue.", "2024-11-10",
     ("speaker", "Israel's prime minister", "person/benjamin-netanyahu")),
    ("The Houthi leader said the attacks would continue.", "2024-11-10",
     ("speaker", "The Houthi leader", "person/abdul-malik-al-houthi")),
    ("Hezbollah's leader said the war would go on.", "2024-11-10",
     ("speaker", "Hezbollah's leader", "person/naim-qassem")),
    ("Russia's defence minister said the troops would stay.", "2024-12-15",
     ("speaker", "Russia's defence minister", "person/andrei-belousov")),
    ("The Sudanese army chief said the RSF would be defeated.", "2024-12-15",
     ("speaker", "The Sudanese army chief", "person/abdel-fattah-al-burhan")),
    ("The Russian army chief said the offensive was going well.", "2024-12-15",
     ("speaker", "The Russian army chief", "person/valery-gerasimov")),
    ("The al-Shabaab leader said the attacks would continue.", "2024-01-10",
     ("speaker", "The al-Shabaab leader", "person/ahmed-diriye")),
    ("Hezbollah's chief said the war would go on.", "2024-01-10",
     ("speaker", "Hezbollah's chief", "person/hassan-nasrallah")),
    ("Ukraine's commander-in-chief said the front was holding.", "2024-12-15",
     ("speaker", "Ukraine's commander-in-chief", "person/oleksandr-syrskyi")),
    ("Ukraine's commander-in-chief said the front was holding.", "2023-06-01",
     ("speaker", "Ukraine's commander-in-chief", "person/valerii-zaluzhnyi")),
    ("NATO's secretary general said allies would help.", "2024-12-15",
     ("speaker", "NATO's secretary general", "person/mark-rutte")),
    # no date: the role stays an unnamed group
    ("The Ukrainian leader said the attack was brutal.", None,
     ("speaker", "The Ukrainian leader", "group/ua-leader")),
    # a former holder is not the current one
    ("A former Ukrainian president said the war would go on.", "2024-12-15",
     ("speaker", "Ukrainian president", "group/ua-president")),
]


@pytest.mark.parametrize("text,pub,expected", ROLES)
def test_roles_resolve_to_office_holders(nlp, text, pub, expected):
    assert expected in args_of(nlp, text, pub)


def test_resolved_role_entity_carries_role_and_country(nlp):
    from kg.api import extract_linked
    from kg.api import to_articles

    _, entities = extract_linked(to_articles([{"id": "t", "date": "2024-12-15",
                                               "text": "The Ukrainian leader said the attack was brutal."}]),
                                 nlp=nlp)
    ent = entities["person/volodymyr-zelensky"]
    assert (ent.kind, ent.country, ent.role) == (EntityKind.PERSON, "UA", "President of Ukraine")


# -- within a document ---------------------------------------------------------------------
COREF = [
    # a role noun takes the last person introduced with that title
    ("General Oleksandr Tarnavskiy was appointed on Monday. The general said the front was holding.",
     ("speaker", "The general", "person/oleksandr-tarnavskyi")),
    # or whose office it names, in an undated article: the document itself says who
    ("Volodymyr Zelensky visited the front. The Ukrainian leader said the troops were holding.",
     ("speaker", "The Ukrainian leader", "person/volodymyr-zelensky")),
    # a bare role noun: the person's known office
    ("Volodymyr Zelensky visited Kharkiv on Monday. The president said the front was holding.",
     ("speaker", "The president", "person/volodymyr-zelensky")),
    # "the region": the last region named
    ("North Korean troops were deployed to the Kursk region. Russia deployed more troops to the region.",
     ("place", "the region", "region/538555")),
    # a role named further on (headlines, leads)
    ("The Ukrainian president said the front was holding. Volodymyr Zelensky visited Kharkiv on Monday.",
     ("speaker", "The Ukrainian president", "person/volodymyr-zelensky")),
    # a short form after the full name
    ("General Oleksandr Tarnavskiy was appointed on Monday. Tarnavskiy said the front was holding.",
     ("speaker", "Tarnavskiy", "person/oleksandr-tarnavskyi")),
    # a pronoun subject
    ("Ukraine appointed General Oleksandr Tarnavskiy on Monday. He replaces General Oleksandr Lutsenko.",
     ("person", "Oleksandr Tarnavskiy", "person/oleksandr-tarnavskyi")),
]


@pytest.mark.parametrize("text,expected", COREF)
def test_within_document_references(nlp, text, expected):
    assert expected in args_of(nlp, text, pub=None)


DATED_COREF = [
    # a dated article: the role is the holder on that day, not an earlier-named predecessor
    ("Joe Biden sent weapons to Kyiv. The US president said the aid would stop.", "2025-03-01",
     ("speaker", "The US president", "person/donald-trump")),
    ("Joe Biden sent weapons to Kyiv. The US president said the aid would continue.", "2024-03-01",
     ("speaker", "The US president", "person/joe-biden")),
]


@pytest.mark.parametrize("text,pub,expected", DATED_COREF)
def test_dated_office_roles_take_the_holder_of_the_day(nlp, text, pub, expected):
    assert expected in args_of(nlp, text, pub)


ROLE_NOUNS = [
    ("the general", "general"),
    ("The commander", "commander"),
    ("the top commander", "commander"),
    ("a general", None),
    ("the generals", None),
    ("General Tarnavskiy", None),
]


@pytest.mark.parametrize("text,noun", ROLE_NOUNS)
def test_role_noun(text, noun):
    assert coref.role_noun(text) == noun


def test_role_noun_needs_a_compatible_antecedent():
    m = [coref.PersonMention(0, 19, "person/vladimir-putin", "Vladimir Putin", frozenset())]
    sent = Sentence("d", 40, 70, "The general said it was over.")
    ev = Event(EventType.STATEMENT, "d", sent, Mention("said", 52, 56),
               [Argument("speaker", "The general", 40, 51)])
    assert coref.resolve([ev], m) == 0 and ev.args[0].entity_id is None


@pytest.mark.parametrize("entity_id,expected", [
    ("group/ua-leader", ("country/UA", "leader")),
    ("group/arakan-army-commander", ("org/arakan-army", "commander")),
    ("group/ua-prime-minister", ("country/UA", "prime minister")),
    ("forces/UA", None),
])
def test_group_role(entity_id, expected):
    assert coref.group_role(entity_id) == expected


# -- kinds of actors and coverage -----------------------------------------------------------
KINDS = [
    ("Russian marines attacked Ukrainian positions.", ("agent", "Russian marines", "forces/RU")),
    ("The Russian army attacked Kupiansk.", ("agent", "Russian army", "forces/RU")),
    ("The Russian military struck Kharkiv.", ("agent", "Russian military", "forces/RU")),
    ("North Korean troops were deployed to Kursk.", ("forces", "North Korean troops", "forces/KP")),
    ("RSF fighters attacked El Fasher.", ("agent", "RSF fighters", "org/rsf")),
    ("The Houthis launched missiles at ships in the Red Sea.", ("agent", "Houthis", "org/houthis")),
    ("Hezbollah fired rockets into northern Israel.", ("agent", "Hezbollah", "org/hezbollah")),
    ("Ansar Allah launched drones at ships in the Red Sea.", ("agent", "Ansar Allah", "org/houthis")),
    ("M23 rebels attacked Goma.", ("agent", "M23 rebels", "org/m23")),
    ("The Arakan Army attacked Sittwe.", ("agent", "Arakan Army", "org/arakan-army")),
    ("JNIM fighters attacked Bamako.", ("agent", "JNIM fighters", "org/jnim")),
    ("UWSA troops were deployed to Lashio.", ("forces", "UWSA troops", "org/uwsa")),
    ("The Israel Defense Forces struck Khan Younis.", ("agent", "Israel Defense Forces", "org/idf")),
    ("Hamas militants fired rockets at Ashkelon.", ("agent", "Hamas militants", "org/hamas")),
    ("Al-Shabaab militants attacked Mogadishu.", ("agent", "Al-Shabaab militants", "org/al-shabaab")),
    ("Wagner fighters attacked Gao.", ("agent", "Wagner fighters", "org/wagner-group")),
    ("Africa Corps troops were deployed to Mali.", ("forces", "Africa Corps troops", "org/africa-corps")),
    ("The SAF shelled Omdurman.", ("agent", "SAF", "org/saf")),
    ("The Tatmadaw bombed Lashio.", ("agent", "Tatmadaw", "org/tatmadaw")),
    ("The IRGC launched missiles at Israel.", ("agent", "IRGC", "org/irgc")),
]


@pytest.mark.parametrize("text,expected", KINDS)
def test_actor_ids(nlp, text, expected):
    assert expected in args_of(nlp, text)


ORGS = [
    ("RSF", "org/rsf", EntityKind.ARMED_GROUP, "SD"),
    ("Sudanese Armed Forces", "org/saf", EntityKind.ARMED_FORCES, "SD"),
    ("March 23 Movement", "org/m23", EntityKind.ARMED_GROUP, "CD"),
    ("Ansar Allah", "org/houthis", EntityKind.ARMED_GROUP, "YE"),
    ("Qassam Brigades", "org/qassam-brigades", EntityKind.ARMED_GROUP, "PS"),
    ("Africa Corps", "org/africa-corps", EntityKind.ARMED_GROUP, "RU"),
    ("Tatmadaw", "org/tatmadaw", EntityKind.ARMED_FORCES, "MM"),
    ("FARDC", "org/fardc", EntityKind.ARMED_FORCES, "CD"),
    ("Hayat Tahrir al-Sham", "org/hts", EntityKind.ARMED_GROUP, "SY"),
    ("ISWAP", "org/iswap", EntityKind.ARMED_GROUP, "NG"),
    ("al-Shabaab", "org/al-shabaab", EntityKind.ARMED_GROUP, "SO"),
    ("SLM", "org/slm", EntityKind.ARMED_GROUP, "SD"),
    ("UWSA", "org/uwsa", EntityKind.ARMED_GROUP, "MM"),
    ("Mayi-Mayi", "org/mai-mai", EntityKind.ARMED_GROUP, "CD"),
    ("Azawad Liberation Front", "org/fla", EntityKind.ARMED_GROUP, "ML"),
    ("Minawi", "person/minni-minawi", EntityKind.PERSON, "SD"),
    ("NATO", "org/nato", EntityKind.ORGANISATION, None),
    ("Kremlin", "org/kremlin", EntityKind.GOVERNMENT, "RU"),
    ("TASS", "org/tass", EntityKind.MEDIA, "RU"),
    ("Hemedti", "person/mohamed-hamdan-dagalo", EntityKind.PERSON, "SD"),
    ("Zelenskyy", "person/volodymyr-zelensky", EntityKind.PERSON, "UA"),
]


@pytest.mark.parametrize("name,eid,kind,country", ORGS)
def test_lexicon_actor_kinds(name, eid, kind, country):
    ent = lexicon.lookup(name)[0]
    assert (ent.id, ent.kind, ent.country) == (eid, kind, country)


def test_every_office_names_a_known_person_and_holder():
    known = lexicon.load_entities()
    rows = lexicon.records("offices")
    assert rows
    for r in rows:
        assert known[r["person"]].kind == EntityKind.PERSON
        assert r["holder"] in known and known[r["holder"]].kind != EntityKind.PERSON
        assert r["nouns"] and all(n == n.lower() for n in r["nouns"])
        assert not r.get("to") or date.fromisoformat(r["from"]) < date.fromisoformat(r["to"])


PERSON_HINTS = [
    ("Ukrainian General Oleksandr Lutsenko said the front was holding.", "Oleksandr Lutsenko",
     "person/oleksandr-lutsenko", "General", "UA"),
    ("Russia's Defence Minister Oleksiy Hromov said the front was holding.", "Oleksiy Hromov",
     "person/oleksiy-hromov", "Defence Minister", "RU"),
    ("Oleksiy Hromov said the front was holding.", "Oleksiy Hromov", "person/oleksiy-hromov", None, None),
]


@pytest.mark.parametrize("text,name,eid,role,country", PERSON_HINTS)
def test_unknown_people_get_role_and_country_from_their_title(nlp, text, name, eid, role, country):
    from kg.api import extract_linked, to_articles

    events, entities = extract_linked(to_articles([{"id": "t", "text": text}]), nlp=nlp)
    assert any(a.text == name and a.entity_id == eid for e in events for a in e.args)
    assert (entities[eid].role, entities[eid].country) == (role, country)


GRAPH_DOCS = [
    {"id": "g1", "date": "2024-12-15", "text": "President Zelenskiy said North Korean troops were deployed to Kursk. "
                                               "The Ukrainian leader said Russian marines attacked Ukrainian positions."},
    {"id": "g2", "date": "2024-12-16", "text": "Volodymyr Zelenskyy said North Korea's forces were deployed to Kursk. "
                                               "Kyiv said it would respond."},
    {"id": "g3", "text": "Ukraine's president said North Korean soldiers attacked Ukrainian positions. "
                         "Zelenski said the report was false. Moscow said the report was false."},
]
COUNT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/conflict-kg/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a kg:Entity ; kg:kind ?kind ; rdfs:label|skos:altLabel ?l .
  OPTIONAL { ?e kg:country ?c }
  FILTER(REGEX(?l, ?pattern, "i") && (!BOUND(?country) || ?c = ?country))
}"""


def test_one_node_per_actor_in_the_graph(tmp_path):
    import json

    import kg

    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in GRAPH_DOCS), encoding="utf-8")
    result = kg.build([src], html=False)
    count = lambda **b: int(kg.query(result.graph, COUNT, **b).rows[0]["n"])  # noqa: E731
    assert count(pattern="zelensk", kind="person") == 1
    assert count(pattern="north korea", kind="armed_forces", country="KP") == 1
    assert count(pattern="russia", kind="armed_forces", country="RU") == 1
    assert count(pattern="government of", kind="government") == 2  # Kyiv and Moscow acting
