"""kg.graph.rdf.to_graph: types, roles, literals, provenance, determinism; Turtle export."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import rdflib.namespace as rns  # module, not names: pytest probes module globals
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.graph.rdf import (
    KIND_CLASS, Activity, canonical_graph, date_literal, document_graph, entities_graph, to_graph,
)
from kg.graph.vocab import KG, KGT, unlinked_entity_id
from kg.model import (
    Argument, Article, CanonicalEvent, Entity, EntityKind, Event, EventType, Mention, Modality, Sentence,
)
from kg.outputs.exports import turtle, write_turtle

ID = "https://w3id.org/conflict-kg/id/"
DCT = rns.DCTERMS

TEXT = (
    "Russian forces struck Kharkiv with drones on 1 March 2024. "
    "President Zelensky appointed Oleksandr Syrskyi as commander-in-chief, replacing Valerii Zaluzhnyi."
)
S1 = (0, 58)
S2 = (59, len(TEXT))


def sentence(span: tuple[int, int]) -> Sentence:
    return Sentence("doc-1", span[0], span[1], TEXT[span[0]:span[1]])


def arg(role: str, text: str, entity_id: str | None = None, value: object = None) -> Argument:
    start = TEXT.find(text)
    return Argument(role, text, start, start + len(text), entity_id=entity_id, value=value)


STRIKE = Event(
    EventType.STRIKE, "doc-1", sentence(S1), Mention("struck", TEXT.find("struck"), TEXT.find("struck") + 6),
    [
        arg("agent", "Russian forces", "forces/RU"),
        arg("target", "Kharkiv", "city/706483"),
        arg("weapon", "drones"),
        arg("date", "1 March 2024", value="2024-03-01"),
    ],
)
APPOINTMENT = Event(
    EventType.APPOINTMENT, "doc-1", sentence(S2), Mention("appointed", TEXT.find("appointed"), TEXT.find("appointed") + 9),
    [
        arg("appointer", "President Zelensky", "person/volodymyr-zelensky"),
        arg("person", "Oleksandr Syrskyi", "person/oleksandr-syrskyi"),
        arg("role", "commander-in-chief"),
        arg("replaces", "Valerii Zaluzhnyi", "person/valerii-zaluzhnyi"),
        Argument("date", "", 0, 0, value="2024-02"),
    ],
)
ARTICLE = Article(id="doc-1", text=TEXT, date=date(2024, 3, 2), url="https://example.org/a", title="Strikes")
ENTITIES = {
    e.id: e
    for e in [
        Entity("forces/RU", "Armed Forces of the Russian Federation", EntityKind.ARMED_FORCES, country="RU"),
        Entity("city/706483", "Kharkiv", EntityKind.CITY, country="UA", geonames_id=706483, lat=49.98081, lon=36.25272),
        Entity("person/volodymyr-zelensky", "Volodymyr Zelensky", EntityKind.PERSON, country="UA",
               aliases={"Zelensky", "Zelenskyy"}),
        Entity("person/oleksandr-syrskyi", "Oleksandr Syrskyi", EntityKind.PERSON, country="UA"),
        Entity("person/valerii-zaluzhnyi", "Valerii Zaluzhnyi", EntityKind.PERSON, country="UA"),
    ]
}

EV1 = URIRef(ID + "event/" + STRIKE.id)  # unmerged: each mention is its own event, same id
EV2 = URIRef(ID + "event/" + APPOINTMENT.id)
M1 = URIRef(ID + "mention/" + STRIKE.id)
M2 = URIRef(ID + "mention/" + APPOINTMENT.id)
ACTIVITY = Activity("9.9.9", "2024-03-03T10:00:00+00:00")
DOC = URIRef(ID + "doc/doc-1")
SENT1 = URIRef(f"{ID}doc/doc-1/{S1[0]}-{S1[1]}")
SENT2 = URIRef(f"{ID}doc/doc-1/{S2[0]}-{S2[1]}")
DRONES = URIRef(ID + "entity/" + unlinked_entity_id("drones"))


def ent(eid: str) -> URIRef:
    return URIRef(ID + "entity/" + eid)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph([ARTICLE], [STRIKE, APPOINTMENT], ENTITIES, activity=ACTIVITY)


@pytest.mark.parametrize(
    "triple",
    [
        # real-world event types, materialised up to kg:Event, and their type concepts
        (EV1, rns.RDF.type, KG.Strike),
        (EV1, rns.RDF.type, KG.Event),
        (EV2, rns.RDF.type, KG.Appointment),
        (EV2, rns.RDF.type, KG.Event),
        (EV1, DCT.identifier, Literal(STRIKE.id)),
        (EV1, KG.eventType, KGT.strike),
        (EV1, KG.mention, M1),
        (EV2, KG.mention, M2),
        # mentions
        (M1, rns.RDF.type, KG.StrikeMention),
        (M1, rns.RDF.type, KG.EventMention),
        (M2, rns.RDF.type, KG.AppointmentMention),
        (M1, KG.eventType, KGT.strike),
        (M1, DCT.identifier, Literal(STRIKE.id)),
        (M1, KG.trigger, Literal("struck")),
        (M1, KG.modality, KG.Asserted),
        # roles, on the mention and (merged) on the event
        (M1, KG.agent, ent("forces/RU")),
        (M1, KG.target, ent("city/706483")),
        (M1, KG.weapon, DRONES),
        (EV1, KG.agent, ent("forces/RU")),
        (EV1, KG.target, ent("city/706483")),
        (EV1, KG.weapon, DRONES),
        (M2, KG.appointer, ent("person/volodymyr-zelensky")),
        (M2, KG.person, ent("person/oleksandr-syrskyi")),
        (M2, KG.replaces, ent("person/valerii-zaluzhnyi")),
        (M2, KG.roleTitle, Literal("commander-in-chief")),
        (EV2, KG.person, ent("person/oleksandr-syrskyi")),
        (EV2, KG.roleTitle, Literal("commander-in-chief")),
        # dates with their precision
        (M1, KG.date, Literal("2024-03-01", datatype=rns.XSD.date)),
        (M1, KG.datePrecision, rns.TIME.unitDay),
        (EV1, KG.date, Literal("2024-03-01", datatype=rns.XSD.date)),
        (EV2, KG.date, Literal("2024-02-01", datatype=rns.XSD.date)),
        (EV2, KG.datePrecision, rns.TIME.unitMonth),
        # provenance
        (M1, KG.evidence, SENT1),
        (M1, KG.sourceDocument, DOC),
        (M1, rns.PROV.wasDerivedFrom, SENT1),
        (M1, rns.PROV.wasDerivedFrom, DOC),
        (M1, rns.PROV.wasGeneratedBy, ACTIVITY.iri),
        (M2, KG.evidence, SENT2),
        (ACTIVITY.iri, rns.RDF.type, KG.Extraction),
        (ACTIVITY.iri, rns.PROV.startedAtTime, Literal("2024-03-03T10:00:00+00:00", datatype=rns.XSD.dateTime)),
        (ACTIVITY.iri, rns.PROV.wasAssociatedWith, URIRef(ID + "software/conflict-kg/9.9.9")),
        (URIRef(ID + "software/conflict-kg/9.9.9"), KG.softwareVersion, Literal("9.9.9")),
        (SENT1, rns.RDF.type, KG.Sentence),
        (SENT1, KG.text, Literal("Russian forces struck Kharkiv with drones on 1 March 2024.")),
        (SENT1, KG.startOffset, Literal(S1[0])),
        (SENT1, KG.endOffset, Literal(S1[1])),
        (SENT2, KG.startOffset, Literal(S2[0])),
        (SENT2, KG.endOffset, Literal(S2[1])),
        (SENT1, KG.sourceDocument, DOC),
        # document
        (DOC, rns.RDF.type, KG.Document),
        (DOC, DCT.identifier, Literal("doc-1")),
        (DOC, KG.title, Literal("Strikes")),
        (DOC, KG.url, Literal("https://example.org/a", datatype=rns.XSD.anyURI)),
        (DOC, KG.published, Literal("2024-03-02", datatype=rns.XSD.date)),
        (DOC, KG.contentHash, Literal(ARTICLE.content_hash)),
        # entities
        (ent("forces/RU"), rns.RDFS.label, Literal("Armed Forces of the Russian Federation")),
        (ent("forces/RU"), KG.country, Literal("RU")),
        (ent("forces/RU"), KG.kind, Literal("armed_forces")),
        (ent("city/706483"), KG.geonamesId, Literal(706483)),
        (ent("city/706483"), rns.SKOS.exactMatch, URIRef("https://sws.geonames.org/706483/")),
        (ent("city/706483"), rns.GEO.hasGeometry, URIRef(ID + "entity/city/706483#geometry")),
        (URIRef(ID + "entity/city/706483#geometry"), rns.GEO.asWKT,
         Literal("POINT(36.25272 49.98081)", datatype=rns.GEO.wktLiteral)),
        (ent("city/706483"), URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"),
         Literal("49.98081", datatype=rns.XSD.decimal)),
        (ent("city/706483"), URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#long"),
         Literal("36.25272", datatype=rns.XSD.decimal)),
        (ent("person/volodymyr-zelensky"), rns.SKOS.altLabel, Literal("Zelensky")),
        # the unlinked weapon keeps its text
        (DRONES, rns.RDF.type, KG.Entity),
        (DRONES, rns.RDF.type, KG.Weapon),
        (DRONES, rns.RDFS.label, Literal("drones")),
    ],
)
def test_expected_triples(graph: Graph, triple: tuple) -> None:
    assert triple in graph


def test_sentence_offsets_index_the_article(graph: Graph) -> None:
    for sent in graph.subjects(rns.RDF.type, KG.Sentence):
        start = graph.value(sent, KG.startOffset).toPython()
        end = graph.value(sent, KG.endOffset).toPython()
        assert TEXT[start:end] == str(graph.value(sent, KG.text))


@pytest.mark.parametrize(
    "subject, absent",
    [
        (EV1, KG.quantity),  # strikes have no quantity
        (EV2, KG.weapon),
        (EV1, KG.trigger),  # triggers belong to mentions
        (M1, KG.mention),
        (M1, KG.claimedBy),  # asserted, not attributed
        (DRONES, KG.kind),  # kind unknown for unlinked fillers
    ],
)
def test_no_spurious_triples(graph: Graph, subject: URIRef, absent: URIRef) -> None:
    assert graph.value(subject, absent) is None


@pytest.mark.parametrize(
    "kind, expected",
    [
        (EntityKind.PERSON, {KG.Person, KG.Actor, KG.Entity}),
        (EntityKind.STATE, {KG.State, KG.Actor, KG.Place, KG.Entity}),
        (EntityKind.ARMED_FORCES, {KG.ArmedForces, KG.Actor, KG.Entity}),
        (EntityKind.ARMED_GROUP, {KG.ArmedGroup, KG.Actor, KG.Entity}),
        (EntityKind.ORGANISATION, {KG.Organisation, KG.Actor, KG.Entity}),
        (EntityKind.GOVERNMENT, {KG.GovernmentBody, KG.Organisation, KG.Actor, KG.Entity}),
        (EntityKind.MEDIA, {KG.MediaOrganisation, KG.Organisation, KG.Actor, KG.Entity}),
        (EntityKind.REGION, {KG.Region, KG.Place, KG.Entity}),
        (EntityKind.CITY, {KG.City, KG.Place, KG.Entity}),
        (EntityKind.PLACE, {KG.Site, KG.Place, KG.Entity}),
        (EntityKind.GROUP, {KG.Group, KG.Actor, KG.Entity}),
        (EntityKind.WEAPON, {KG.Weapon, KG.Entity}),
        (EntityKind.THING, {KG.Object, KG.Entity}),
    ],
)
def test_entity_types_by_kind(kind: EntityKind, expected: set[URIRef]) -> None:
    g = to_graph([], [], [Entity("x/1", "X", kind)])
    assert set(g.objects(ent("x/1"), rns.RDF.type)) == expected


def test_every_entity_kind_has_a_class() -> None:
    assert set(KIND_CLASS) == set(EntityKind)


def test_weapon_ids_are_weapons() -> None:
    g = to_graph([], [], [Entity("weapon/drone", "drone", EntityKind.PLACE)])
    assert set(g.objects(ent("weapon/drone"), rns.RDF.type)) == {KG.Weapon, KG.Entity}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-01", Literal("2024-03-01", datatype=rns.XSD.date)),
        (date(2024, 3, 1), Literal("2024-03-01", datatype=rns.XSD.date)),
        ("2024-03", Literal("2024-03-01", datatype=rns.XSD.date)),
        ("2024", Literal("2024-01-01", datatype=rns.XSD.date)),
        ("1 March", None),
        ("", None),
    ],
)
def test_date_literal(value: object, expected: Literal | None) -> None:
    got = date_literal(value)
    assert got == expected
    if expected is not None:
        assert got.datatype == expected.datatype


@pytest.mark.parametrize(
    "quantity, expected",
    [
        (Argument("quantity", "3,000", 0, 5, value=3000), Literal(3000)),
        (Argument("quantity", "3,000", 0, 5), Literal(3000)),
        (Argument("quantity", "thousands", 0, 9), None),
    ],
)
def test_quantity(quantity: Argument, expected: Literal | None) -> None:
    sent = Sentence("d", 0, 30, "Russia sent 3,000 troops there.")
    ev = Event(EventType.DEPLOYMENT, "d", sent, Mention("sent", 7, 11),
               [Argument("agent", "Russia", 0, 6, entity_id="country/RU"), quantity])
    g = to_graph([], [ev], {})
    got = g.value(URIRef(ID + "event/d-deployment-0"), KG.quantity)
    assert got == expected
    if expected is not None:
        assert got.datatype == rns.XSD.integer


def test_statement_content_and_speaker() -> None:
    text = 'Zelensky said: "We will not give up."'
    ev = Event(EventType.STATEMENT, "d", Sentence("d", 0, len(text), text), Mention("said", 9, 13),
               [Argument("speaker", "Zelensky", 0, 8, entity_id="person/volodymyr-zelensky"),
                Argument("content", "We will not give up.", 16, 36)])
    g = to_graph([], [ev], {})
    node = URIRef(ID + "event/d-statement-0")
    mention = URIRef(ID + "mention/d-statement-0")
    assert (node, KG.speaker, ent("person/volodymyr-zelensky")) in g
    assert (mention, KG.speaker, ent("person/volodymyr-zelensky")) in g
    assert (mention, KG.content, Literal("We will not give up.")) in g
    assert g.value(node, KG.content) is None  # what was said stays with each mention
    # an entity id with no Entity record still gets a labelled node
    assert g.value(ent("person/volodymyr-zelensky"), rns.RDFS.label) == Literal("Zelensky")


def test_no_blank_nodes(graph: Graph) -> None:
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


@pytest.mark.parametrize(
    "mention_date, published, days",
    [
        ("2024-02-29", None, ["2024-02-29"]),
        ("2023-02", date(2023, 3, 5), ["2023-02-01", "2023-03-05"]),  # month precision: its first day
        ("2024", None, ["2024-01-01"]),  # year precision: 1 January
        (None, date(2024, 12, 3), ["2024-12-03"]),  # undated: the day first reported
        (None, None, []),
    ],
)
def test_calendar_lists_every_date(mention_date, published, days) -> None:
    text = "Russia struck Kharkiv."
    args = [Argument("agent", "Russia", 0, 6, entity_id="country/RU")]
    if mention_date:
        args.append(Argument("date", mention_date, 0, 0, value=mention_date))
    ev = Event(EventType.STRIKE, "d", Sentence("d", 0, len(text), text), Mention("struck", 7, 13), args)
    g = to_graph([Article(id="d", text=text, date=published)], [ev], {})
    instants = set(g.subjects(rns.RDF.type, rns.TIME.Instant))
    assert instants == {URIRef(f"{ID}day/{d}") for d in days}
    assert sorted(str(g.value(i, rns.TIME.inXSDDate)) for i in instants) == days
    assert all(g.value(i, rns.TIME.inXSDDate).datatype == rns.XSD.date for i in instants)


def test_article_without_date_has_no_published() -> None:
    g = to_graph([Article(id="x", text="t")], [], {})
    assert g.value(URIRef(ID + "doc/x"), KG.published) is None


def test_deterministic(graph: Graph) -> None:
    again = to_graph([ARTICLE], [STRIKE, APPOINTMENT], ENTITIES, activity=ACTIVITY)
    assert isomorphic(graph, again)
    assert graph.serialize(format="turtle") == again.serialize(format="turtle")
    shuffled = to_graph([ARTICLE], [APPOINTMENT, STRIKE], dict(reversed(list(ENTITIES.items()))),
                        activity=("9.9.9", "2024-03-03T10:00:00+00:00"))
    assert graph.serialize(format="turtle") == shuffled.serialize(format="turtle")


def test_deterministic_across_processes(tmp_path: Path) -> None:
    code = (
        "import sys, test_rdf as t;"
        "sys.stdout.write(t.to_graph([t.ARTICLE], [t.STRIKE, t.APPOINTMENT], t.ENTITIES, activity=t.ACTIVITY)"
        ".serialize(format='turtle'))"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), str(Path(__file__).parents[1])])}
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout)
    assert outs[0] == outs[1]
    assert "kg:Strike" in outs[0]


def test_write_turtle_round_trip(graph: Graph, tmp_path: Path) -> None:
    path = write_turtle(graph, tmp_path / "out" / "kg.ttl")
    back = Graph().parse(path, format="turtle")
    assert isomorphic(graph, back)
    assert [p.name for p in path.parent.iterdir()] == ["kg.ttl"]  # no temp files left


def test_turtle_exact_output() -> None:
    g = Graph(bind_namespaces="none")
    g.bind("kg", str(KG._NS))
    g.bind("unused", "http://unused.example/")
    s = URIRef(ID + "event/d-strike-1")
    g.add((s, rns.RDF.type, KG.Strike))
    g.add((s, rns.RDF.type, KG.Event))
    g.add((s, KG.trigger, Literal('hit "hard"\n')))
    g.add((s, KG.quantity, Literal(3)))
    g.add((s, KG.date, Literal("2024-03", datatype=rns.XSD.gYearMonth)))
    assert turtle(g) == (
        "@prefix kg: <https://w3id.org/conflict-kg/ontology#> .\n"
        "\n"
        f"<{ID}event/d-strike-1> a kg:Event, kg:Strike ;\n"
        '    kg:date "2024-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ;\n'
        "    kg:quantity 3 ;\n"
        '    kg:trigger "hit \\"hard\\"\\n" .\n'
    )


@pytest.mark.parametrize(
    "obj",
    [
        Literal('He said "hi"\nand left \\ \t \r \b \f \x01'),
        Literal("Київ", lang="uk"),
        Literal("Kyiv", lang="en-GB"),
        Literal("2024", datatype=rns.XSD.gYear),
        Literal("0.5", datatype=rns.XSD.decimal),
        Literal("-3", datatype=rns.XSD.integer),
        Literal("007", datatype=rns.XSD.integer),
        Literal("true", datatype=rns.XSD.boolean),
        Literal("1e3", datatype=rns.XSD.double),
        Literal("not a number", datatype=rns.XSD.integer),
        Literal("plain", datatype=rns.XSD.string),
        Literal("x", datatype=URIRef("http://example.org/dt#my type")),
        URIRef(str(KG._NS) + "a."),
        URIRef(str(KG._NS) + "1st"),
        URIRef("http://example.org/path/with%20space/and#frag"),
        URIRef("http://example.org/Київ"),
        URIRef(ID + "entity/place/%D0%9A"),
        URIRef("http://default.example/local"),
    ],
)
def test_turtle_round_trips(obj: object) -> None:
    g = Graph(bind_namespaces="none")
    g.bind("kg", str(KG._NS))
    g.bind("", "http://default.example/")
    g.bind("xsd", str(rns.XSD))
    g.add((URIRef(ID + "s"), KG.content, obj))
    g.add((URIRef("http://default.example/s"), rns.RDF.type, KG.Event))
    back = Graph().parse(data=turtle(g), format="turtle")
    assert isomorphic(g, back)
    assert set(back) == set(g)


def test_turtle_falls_back_for_blank_nodes() -> None:
    g = Graph()
    g.add((BNode("b1"), KG.text, Literal("x")))
    back = Graph().parse(data=turtle(g), format="turtle")
    assert isomorphic(g, back)


def test_turtle_deterministic_and_parses(graph: Graph) -> None:
    text = turtle(graph)
    assert text == turtle(to_graph([ARTICLE], [APPOINTMENT, STRIKE], ENTITIES, activity=ACTIVITY))
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)


def _deploy(doc: str, start: int, args: list[Argument], **kw) -> Event:
    text = "x" * 40
    return Event(EventType.DEPLOYMENT, doc, Sentence(doc, start, start + 40, text),
                 Mention("sent", start, start + 4), args, **kw)


def _q(n: int, qualifier: str | None = None) -> Argument:
    return Argument("quantity", str(n), 0, 1, value=n, qualifier=qualifier)


def _d(value: str, precision: str | None = None) -> Argument:
    return Argument("date", value, 0, 1, value=value, precision=precision)


def _agent(eid: str) -> Argument:
    return Argument("agent", eid, 0, 1, entity_id=eid)


@pytest.mark.parametrize(
    "mention_args, expected",
    [
        # roles: the union of the mentions' fillers, each once
        ([[_agent("country/RU")], [_agent("country/RU"), _agent("country/BY")]],
         {KG.agent: {ent("country/RU"), ent("country/BY")}}),
        # date: the most precise wins, whatever the order
        ([[_d("2024")], [_d("2024-03")], [_d("2024-03-04", "week")], [_d("2024-03-05")]],
         {KG.date: {Literal("2024-03-05", datatype=rns.XSD.date)}, KG.datePrecision: {rns.TIME.unitDay}}),
        ([[_d("2024")], [_d("2024-03-04", "week")]],
         {KG.date: {Literal("2024-03-04", datatype=rns.XSD.date)}, KG.datePrecision: {rns.TIME.unitWeek}}),
        # equally precise dates: the most frequent, then the earliest
        ([[_d("2024-03-02")], [_d("2024-03-01")], [_d("2024-03-02")]],
         {KG.date: {Literal("2024-03-02", datatype=rns.XSD.date)}}),
        ([[_d("2024-03-02")], [_d("2024-03-01")]], {KG.date: {Literal("2024-03-01", datatype=rns.XSD.date)}}),
        # quantity: the most frequent, then an exact one, then the smallest; its qualifier comes along
        ([[_q(500, "approximate")], [_q(400)], [_q(500, "approximate")]],
         {KG.quantity: {Literal(500)}, KG.quantityQualifier: {KG.Approximate}}),
        ([[_q(500, "approximate")], [_q(600, "exact")]], {KG.quantity: {Literal(600)}, KG.quantityQualifier: {KG.Exact}}),
        ([[_q(700, "at_least")], [_q(600, "at_most")]],
         {KG.quantity: {Literal(600)}, KG.quantityQualifier: {KG.AtMost}}),
    ],
)
def test_canonical_event_merges_its_mentions(mention_args: list[list[Argument]], expected: dict) -> None:
    mentions = [_deploy(f"doc{i}", 0, args) for i, args in enumerate(mention_args)]
    ce = CanonicalEvent("deployment-merged", EventType.DEPLOYMENT, mentions)
    g = canonical_graph([ce], {})
    node = URIRef(ID + "event/deployment-merged")
    assert set(g.objects(node, KG.mention)) == {URIRef(ID + "mention/" + m.id) for m in mentions}
    for prop, values in expected.items():
        assert set(g.objects(node, prop)) == values


def test_unmerged_mentions_become_their_own_events() -> None:
    a, b, c = (_deploy("d", s, [_agent("country/RU")]) for s in (0, 50, 100))
    merged = CanonicalEvent("ab", EventType.DEPLOYMENT, [a, b])
    g = to_graph([], [a, b, c], {}, canonical=[merged])
    events = set(g.subjects(rns.RDF.type, KG.Deployment))
    assert events == {URIRef(ID + "event/ab"), URIRef(ID + "event/" + c.id)}
    # mentions that carry a canonical id but no CanonicalEvent are grouped by it
    a2, b2 = (_deploy("d", s, [], canonical_id="x") for s in (0, 50))
    g2 = to_graph([], [a2, b2], {})
    assert set(g2.subjects(rns.RDF.type, KG.Event)) == {URIRef(ID + "event/x")}
    assert len(set(g2.objects(URIRef(ID + "event/x"), KG.mention))) == 2


@pytest.mark.parametrize(
    "kw, triples, absent",
    [
        ({"modality": Modality.REPORTED, "claimed_by": "person/volodymyr-zelensky",
          "reported_in": "d-statement-0"},
         [(KG.modality, KG.Reported), (KG.claimedBy, ent("person/volodymyr-zelensky")),
          (KG.reportedIn, URIRef(ID + "mention/d-statement-0"))], []),
        ({"modality": Modality.NEGATED}, [(KG.modality, KG.Negated)], [KG.claimedBy, KG.reportedIn]),
        ({"modality": Modality.HYPOTHETICAL}, [(KG.modality, KG.Hypothetical)], []),
        ({"modality": Modality.EXPECTED}, [(KG.modality, KG.Expected)], []),
    ],
)
def test_mention_modality_and_attribution(kw: dict, triples: list, absent: list) -> None:
    ev = _deploy("d", 0, [_agent("country/RU")], **kw)
    g = document_graph("d", [ev], {})
    node = URIRef(ID + "mention/" + ev.id)
    for p, o in triples:
        assert (node, p, o) in g
    for p in absent:
        assert g.value(node, p) is None


def test_graph_parts_are_separable(graph: Graph) -> None:
    other = Article(id="doc-2", text="Russia sent troops.")
    ev = _deploy("doc-2", 0, [_agent("forces/RU")])
    doc1 = document_graph(ARTICLE, [STRIKE, APPOINTMENT, ev], ENTITIES, ACTIVITY)  # ev is skipped
    doc2 = document_graph(other, [ev], ENTITIES, ACTIVITY)
    assert not any(URIRef(ID + "doc/doc-2") in t for t in doc1)
    assert not any(URIRef(ID + "doc/doc-1") in t for t in doc2)
    events = canonical_graph([CanonicalEvent(STRIKE.id, EventType.STRIKE, [STRIKE]),
                              CanonicalEvent(APPOINTMENT.id, EventType.APPOINTMENT, [APPOINTMENT])],
                             ENTITIES, ACTIVITY, {ARTICLE.id: ARTICLE.date})
    doc1_only = document_graph(ARTICLE, [STRIKE, APPOINTMENT], ENTITIES, ACTIVITY)
    assert set(doc1_only) | set(events) | set(entities_graph(ENTITIES)) == set(graph)
    # the event layer has no document, sentence or mention nodes of its own
    assert not set(events.subjects(rns.RDF.type, KG.EventMention))
    assert not set(events.subjects(rns.RDF.type, KG.Sentence))


def test_no_activity_no_generation_triples() -> None:
    g = to_graph([ARTICLE], [STRIKE], ENTITIES)
    assert not set(g.subjects(rns.RDF.type, KG.Extraction))
    assert g.value(M1, rns.PROV.wasGeneratedBy) is None


def test_owl_rl_closure_keeps_mentions_and_events_apart(graph: Graph) -> None:
    """With the ontology's axioms (OWL 2 RL), a mention never becomes an event or vice versa,
    no node is inferred to be owl:Nothing, and the materialised types were already complete."""
    owlrl = pytest.importorskip("owlrl")
    from kg.graph.vocab import event_types_path, ontology_path

    g = Graph()
    for t in graph:
        g.add(t)
    g.parse(ontology_path(), format="turtle")
    g.parse(event_types_path(), format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert set(g.subjects(rns.RDF.type, KG.Event)) == {EV1, EV2}
    assert set(g.subjects(rns.RDF.type, KG.EventMention)) == {M1, M2}
    assert not set(g.subjects(rns.RDF.type, rns.OWL.Nothing))
    for cls in (KG.Event, KG.EventMention, KG.Entity, KG.Place, KG.Actor):
        assert set(g.subjects(rns.RDF.type, cls)) == set(graph.subjects(rns.RDF.type, cls)), cls
