"""Munition counts: kg:MunitionCount nodes on strike mentions and events, SHACL, the munitions query."""
from __future__ import annotations

import pytest
import rdflib.namespace as rns  # module, not names: pytest probes module globals
from rdflib import BNode, Graph, Literal, URIRef

from kg.graph.rdf import Activity, canonical_graph, document_graph, munition_counts, pick_count, to_graph
from kg.graph.sparql import named_queries, query
from kg.graph.validate import validate
from kg.graph.vocab import KG, munition_count_iri, unlinked_entity_id
from kg.model import Argument, Article, CanonicalEvent, Entity, EntityKind, Event, EventType, Mention, Sentence

ID = "https://w3id.org/conflict-kg/id/"
TEXT = "Russia fired 93 missiles and over 200 drones at Kyiv on 1 March 2024."
ACTIVITY = Activity("0.0.0", "2024-03-02T00:00:00+00:00")
ENTITIES = [
    Entity("country/RU", "Russia", EntityKind.STATE, country="RU"),
    Entity("weapon/missile", "missile", EntityKind.WEAPON, aliases={"cruise missile"}),
    Entity("weapon/drone", "drone", EntityKind.WEAPON, aliases={"Shahed"}),
]


def ent(eid: str) -> URIRef:
    return URIRef(ID + "entity/" + eid)


def weapon(eid: str | None, count: object = None, qualifier: str | None = None, text: str = "missiles") -> Argument:
    start = max(TEXT.find(text), 0)
    return Argument("weapon", text, start, start + len(text), entity_id=eid, count=count, qualifier=qualifier)


def date(value: str) -> Argument:
    return Argument("date", value, 0, 0, value=value)


def strike(doc: str, args: list[Argument], start: int = 0, etype: EventType = EventType.STRIKE) -> Event:
    sent = Sentence(doc, start, start + len(TEXT), TEXT)
    return Event(etype, doc, sent, Mention("fired", start + 7, start + 12),
                 [Argument("agent", "Russia", start, start + 6, entity_id="country/RU"), *args])


def counts_on(g: Graph, node: URIRef) -> dict[URIRef, tuple[int, URIRef | None]]:
    """weapon -> (count, qualifier) of each kg:MunitionCount of ``node``."""
    out = {}
    for mc in g.objects(node, KG.munitions):
        out[g.value(mc, KG.weapon)] = (g.value(mc, KG.count).toPython(), g.value(mc, KG.quantityQualifier))
    return out


@pytest.mark.parametrize(
    "args, expected",
    [
        # "93 missiles and over 200 drones": one count per weapon with its qualifier
        ([weapon("weapon/missile", 93, "exact"), weapon("weapon/drone", 200, "at_least", "drones")],
         {ent("weapon/missile"): (93, KG.Exact), ent("weapon/drone"): (200, KG.AtLeast)}),
        # no qualifier given: the count alone
        ([weapon("weapon/missile", 12)], {ent("weapon/missile"): (12, None)}),
        # zero is a count; a numeric string is read
        ([weapon("weapon/missile", 0, "exact")], {ent("weapon/missile"): (0, KG.Exact)}),
        ([weapon("weapon/missile", "1,200", "approximate")], {ent("weapon/missile"): (1200, KG.Approximate)}),
        # a weapon without a count, or with a negative or non-numeric one, gives no count node
        ([weapon("weapon/missile")], {}),
        ([weapon("weapon/missile", -3, "exact")], {}),
        ([weapon("weapon/missile", "many")], {}),
        ([weapon("weapon/missile", True)], {}),
        # the same weapon twice in a sentence: one node, picked like a quantity (exact first, then smallest)
        ([weapon("weapon/drone", 30, "approximate", "drones"), weapon("weapon/drone", 50, "exact", "drones")],
         {ent("weapon/drone"): (50, KG.Exact)}),
        ([weapon("weapon/drone", 50, "exact", "drones"), weapon("weapon/drone", 40, "exact", "drones")],
         {ent("weapon/drone"): (40, KG.Exact)}),
        # an unlinked weapon: the count points at the minted weapon node
        ([weapon(None, 7, "at_most", "drones")],
         {ent(unlinked_entity_id("drones")): (7, KG.AtMost)}),
    ],
)
def test_mention_munition_counts(args: list[Argument], expected: dict) -> None:
    ev = strike("d1", args)
    g = document_graph(Article("d1", TEXT), [ev], ENTITIES, ACTIVITY)
    node = URIRef(ID + "mention/" + ev.id)
    assert counts_on(g, node) == expected
    for w in expected:
        assert (node, KG.weapon, w) in g
        assert (w, rns.RDF.type, KG.Weapon) in g
    for mc in g.objects(node, KG.munitions):
        assert set(g.objects(mc, rns.RDF.type)) == {KG.MunitionCount}
        assert str(mc).startswith(str(node) + "/munition/")
        assert g.value(mc, KG.count).datatype == rns.XSD.integer


def test_munition_count_iri_is_owner_and_weapon() -> None:
    ev = strike("d1", [weapon("weapon/missile", 93, "exact")])
    g = document_graph("d1", [ev], ENTITIES)
    mention = URIRef(ID + "mention/" + ev.id)
    mc = munition_count_iri(mention, "weapon/missile")
    assert str(mc) == f"{ID}mention/{ev.id}/munition/weapon/missile"
    assert set(g.objects(mention, KG.munitions)) == {mc}
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_only_strikes_have_munitions() -> None:
    dep = strike("d1", [weapon("weapon/missile", 5, "exact")], etype=EventType.DEPLOYMENT)
    assert munition_counts([dep]) == {}
    g = document_graph("d1", [dep], ENTITIES)
    assert not set(g.subjects(rns.RDF.type, KG.MunitionCount))


@pytest.mark.parametrize(
    "per_mention, expected",
    [
        # per weapon, the most frequent count across the mentions
        ([[weapon("weapon/missile", 93, "exact")], [weapon("weapon/missile", 90, "approximate")],
          [weapon("weapon/missile", 93, "exact")]],
         {ent("weapon/missile"): (93, KG.Exact)}),
        # tie: an exact one wins over a qualified one, whatever the order
        ([[weapon("weapon/drone", 200, "at_least", "drones")], [weapon("weapon/drone", 230, "exact", "drones")]],
         {ent("weapon/drone"): (230, KG.Exact)}),
        # tie between exact ones: the smallest
        ([[weapon("weapon/missile", 95, "exact")], [weapon("weapon/missile", 93, "exact")]],
         {ent("weapon/missile"): (93, KG.Exact)}),
        # no qualifier counts as exact
        ([[weapon("weapon/missile", 80, "approximate")], [weapon("weapon/missile", 85)]],
         {ent("weapon/missile"): (85, None)}),
        # each weapon separately; a mention without counts adds nothing
        ([[weapon("weapon/missile", 93, "exact"), weapon("weapon/drone", 200, "at_least", "drones")],
          [weapon("weapon/drone")], [weapon("weapon/drone", 200, "at_least", "drones")]],
         {ent("weapon/missile"): (93, KG.Exact), ent("weapon/drone"): (200, KG.AtLeast)}),
        ([[weapon("weapon/missile")], [weapon("weapon/drone", text="drones")]], {}),
    ],
)
def test_canonical_strike_picks_a_count_per_weapon(per_mention: list[list[Argument]], expected: dict) -> None:
    mentions = [strike(f"doc{i}", args) for i, args in enumerate(per_mention)]
    g = canonical_graph([CanonicalEvent("strike-merged", EventType.STRIKE, mentions)], ENTITIES, ACTIVITY)
    node = URIRef(ID + "event/strike-merged")
    assert counts_on(g, node) == expected
    for mc in g.objects(node, KG.munitions):
        assert str(mc).startswith(f"{ID}event/strike-merged/munition/")


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([(5, "exact"), (5, "approximate"), (6, "exact")], (5, "exact")),
        ([(7, "at_least"), (6, "at_most")], (6, "at_most")),
        ([(None, None), (-1, "exact")], None),
        ([], None),
    ],
)
def test_pick_count(counts: list[tuple], expected: tuple | None) -> None:
    pick = pick_count([weapon("weapon/missile", n, q) for n, q in counts])
    assert (None if pick is None else (pick.count, pick.qualifier)) == expected


def test_munitions_are_deterministic() -> None:
    a = strike("d1", [weapon("weapon/missile", 93, "exact"), weapon("weapon/drone", 200, "at_least", "drones")])
    b = strike("d1", [weapon("weapon/drone", 200, "at_least", "drones"), weapon("weapon/missile", 93, "exact")])
    ga = to_graph([Article("d1", TEXT)], [a], ENTITIES, activity=ACTIVITY)
    gb = to_graph([Article("d1", TEXT)], [b], ENTITIES, activity=ACTIVITY)
    def munition_triples(g: Graph) -> set:
        counts = set(g.subjects(rns.RDF.type, KG.MunitionCount))
        return {t for t in g if t[0] in counts or t[1] == KG.munitions}

    assert munition_triples(ga) == munition_triples(gb)
    assert len(munition_triples(ga)) == 2 * 2 * 5  # mention and event, two weapons, five triples each


def test_owl_rl_closure_keeps_munition_counts_apart() -> None:
    """With the ontology's axioms, a munition count is never inferred to be an event, a
    mention or an entity (kg:weapon and kg:quantityQualifier have union domains)."""
    owlrl = pytest.importorskip("owlrl")
    from kg.graph.vocab import event_types_path, ontology_path

    ev = strike("d1", [weapon("weapon/missile", 93, "exact")])
    built = to_graph([Article("d1", TEXT)], [ev], ENTITIES, activity=ACTIVITY)
    g = Graph()
    for t in built:
        g.add(t)
    g.parse(ontology_path(), format="turtle")
    g.parse(event_types_path(), format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    counts = set(built.subjects(rns.RDF.type, KG.MunitionCount))
    assert len(counts) == 2  # the mention's and the event's
    for cls in (KG.Event, KG.EventMention, KG.Entity, rns.OWL.Nothing):
        assert not counts & set(g.subjects(rns.RDF.type, cls)), cls


# --- SHACL -------------------------------------------------------------------------

EVENT = strike("d1", [weapon("weapon/missile", 93, "exact"), weapon("weapon/drone", 200, "at_least", "drones"),
                      date("2024-03-01")])
MENTION = URIRef(ID + "mention/" + EVENT.id)
MC = munition_count_iri(MENTION, "weapon/missile")
MC_CURIE = f"kgid:mention/{EVENT.id}/munition/weapon/missile"


def good() -> Graph:
    return to_graph([Article("d1", TEXT)], [EVENT], ENTITIES, activity=ACTIVITY)


def test_graph_with_munitions_conforms() -> None:
    g = good()
    assert len(set(g.subjects(rns.RDF.type, KG.MunitionCount))) == 4
    report = validate(g)
    assert report.conforms, report.to_text()


def _edit(remove=(), add=()):
    def edit(g: Graph) -> None:
        for t in remove:
            g.remove(t)
        for t in add:
            g.add(t)
    return edit


ORPHAN = URIRef(ID + "mention/x/munition/weapon/missile")


@pytest.mark.parametrize(
    "edit, focus, path, message",
    [
        (_edit(remove=[(MC, KG.count, None)]), MC_CURIE, "kg:count", "exactly one kg:count"),
        (_edit(add=[(MC, KG.count, Literal(94))]), MC_CURIE, "kg:count", "exactly one kg:count"),
        (_edit(remove=[(MC, KG.count, None)], add=[(MC, KG.count, Literal(-1))]), MC_CURIE, "kg:count",
         "non-negative"),
        (_edit(remove=[(MC, KG.count, None)], add=[(MC, KG.count, Literal("93"))]), MC_CURIE, "kg:count",
         "xsd:integer"),
        (_edit(remove=[(MC, KG.weapon, None)]), MC_CURIE, "kg:weapon", "exactly one kg:weapon"),
        (_edit(add=[(MC, KG.weapon, URIRef(ID + "entity/weapon/drone"))]), MC_CURIE, "kg:weapon",
         "exactly one kg:weapon"),
        (_edit(remove=[(MC, KG.weapon, None)], add=[(MC, KG.weapon, URIRef(ID + "entity/country/RU"))]), MC_CURIE,
         "kg:weapon", "a kg:Weapon"),
        (_edit(add=[(MC, KG.quantityQualifier, KG.AtLeast)]), MC_CURIE, "kg:quantityQualifier",
         "kg:quantityQualifier must be one of"),
        (_edit(remove=[(MC, KG.quantityQualifier, None)], add=[(MC, KG.quantityQualifier, KG.Asserted)]), MC_CURIE,
         "kg:quantityQualifier", "kg:quantityQualifier must be one of"),
        (_edit(add=[(ORPHAN, rns.RDF.type, KG.MunitionCount), (ORPHAN, KG.count, Literal(1)),
                    (ORPHAN, KG.weapon, URIRef(ID + "entity/weapon/missile"))]),
         "kgid:mention/x/munition/weapon/missile", "^kg:munitions", "belongs to exactly one strike"),
        (_edit(add=[(MENTION, KG.munitions, URIRef(ID + "entity/weapon/missile"))]), f"kgid:mention/{EVENT.id}",
         "kg:munitions", "kg:MunitionCount nodes"),
    ],
)
def test_broken_munition_count_does_not_conform(edit, focus: str, path: str, message: str) -> None:
    g = good()
    edit(g)
    report = validate(g)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == focus and v.path == path and message in v.message]
    assert hits, report.to_text()


def test_munitions_on_a_deployment_do_not_conform() -> None:
    dep = Event(EventType.DEPLOYMENT, "d1", Sentence("d1", 0, len(TEXT), TEXT), Mention("fired", 7, 12),
                [Argument("agent", "Russia", 0, 6, entity_id="country/RU")])
    g = to_graph([Article("d1", TEXT)], [dep], ENTITIES, activity=ACTIVITY)
    node = URIRef(ID + "mention/" + dep.id)
    mc = munition_count_iri(node, "weapon/missile")
    for t in [(node, KG.munitions, mc), (mc, rns.RDF.type, KG.MunitionCount), (mc, KG.count, Literal(3)),
              (mc, KG.weapon, URIRef(ID + "entity/weapon/missile"))]:
        g.add(t)
    report = validate(g)
    assert not report.conforms
    messages = {v.message for v in report.violations}
    assert any("a deployment has no" in m for m in messages), report.to_text()
    assert any("belongs to exactly one strike" in m for m in messages), report.to_text()


# --- the munitions query ---------------------------------------------------------------

def _two_sources() -> Graph:
    """One strike told by two documents that disagree on the drones, plus an uncounted strike."""
    a = strike("a", [weapon("weapon/missile", 93, "exact"), weapon("weapon/drone", 200, "at_least", "drones"),
                     date("2024-03-01")])
    b = strike("b", [weapon("weapon/drone", 230, "exact", "drones")])
    a.canonical_id = b.canonical_id = "s1"
    c = strike("c", [weapon("weapon/drone", text="drones"), date("2024-02-01")])
    arts = [Article(d, TEXT) for d in "abc"]
    return to_graph(arts, [a, b, c], ENTITIES,
                    canonical=[CanonicalEvent("s1", EventType.STRIKE, [a, b])], activity=ACTIVITY)


def _rows(res) -> list[tuple]:
    return [(r["event"], r["date"], r["weapon"], r["count"], r["qualifier"], r["doc"]) for r in res.rows]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, [("s1", "2024-03-01", "drone", 200, "at_least", "a"),
              ("s1", "2024-03-01", "drone", 230, "exact", "b"),
              ("s1", "2024-03-01", "missile", 93, "exact", "a")]),
        ({"using": "shahed"}, [("s1", "2024-03-01", "drone", 200, "at_least", "a"),
                               ("s1", "2024-03-01", "drone", 230, "exact", "b")]),
        ({"using": "MISSILE"}, [("s1", "2024-03-01", "missile", 93, "exact", "a")]),
        ({"using": "kgid:entity/weapon/missile"}, [("s1", "2024-03-01", "missile", 93, "exact", "a")]),
        ({"using": "artillery"}, []),
    ],
)
def test_munitions_query(params: dict, expected: list[tuple]) -> None:
    res = query(_two_sources(), "munitions", **params)
    assert res.vars == ["event", "date", "weapon", "count", "qualifier", "doc", "summary"]
    assert _rows(res) == expected


def test_munitions_query_without_qualifier_or_date() -> None:
    ev = strike("d", [weapon("weapon/missile", 4)])
    g = to_graph([Article("d", TEXT)], [ev], ENTITIES, activity=ACTIVITY)
    assert _rows(query(g, "munitions")) == [(ev.id, None, "missile", 4, "", "d")]


def test_munitions_query_header() -> None:
    nq = named_queries()["munitions"]
    assert nq.description
    assert set(nq.params) == {"using", "since", "until"} and nq.required == []
