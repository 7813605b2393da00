"""kg.graph.sparql: named queries, bindings, errors, result formats, load_graph."""
from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import GraphError, QueryError
from kg.graph.rdf import to_graph
from kg.graph.sparql import QueryResult, load_graph, named_queries, query, to_term
from kg.graph.vocab import KG
from kg.model import Argument, Article, CanonicalEvent, Entity, EntityKind, Event, EventType, Mention, Sentence

ID = "https://w3id.org/conflict-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def make_event(etype: EventType, doc: str, text: str, trigger: str, args: list[tuple], at: int = 0) -> Event:
    """``args``: (role, text, entity_id, value) tuples; offsets found in ``text``, which starts at ``at``."""
    t = at + text.find(trigger)
    out = []
    for role, atext, eid, value in args:
        s = at + max(text.find(atext), 0)
        out.append(Argument(role, atext, s, s + len(atext), entity_id=eid, value=value))
    return Event(etype, doc, Sentence(doc, at, at + len(text), text), Mention(trigger, t, t + len(trigger)), out)


S_STRIKE = "Russia struck Kharkiv with missiles on 1 March."
S_DEPLOY = "Russia deployed 3000 troops to Belgorod in February 2024."
S_APPOINT = "Zelensky appointed Syrskyi as commander-in-chief."
S_SAY = 'Zelensky said "we will respond" on 5 March.'
S_SAY2 = 'An official said talks had stalled.'

EVENTS = [
    make_event(EventType.STRIKE, "a", S_STRIKE, "struck", [
        ("agent", "Russia", "country/RU", None), ("target", "Kharkiv", "city/706483", None),
        ("weapon", "missiles", None, None), ("date", "1 March", None, "2024-03-01")]),
    make_event(EventType.DEPLOYMENT, "b", S_DEPLOY, "deployed", [
        ("agent", "Russia", "country/RU", None), ("forces", "troops", None, None),
        ("quantity", "3000", None, 3000), ("place", "Belgorod", "region/578071", None),
        ("date", "February 2024", None, "2024-02")]),
    make_event(EventType.APPOINTMENT, "b", S_APPOINT, "appointed", [
        ("appointer", "Zelensky", "person/volodymyr-zelensky", None),
        ("person", "Syrskyi", "person/oleksandr-syrskyi", None), ("role", "commander-in-chief", None, None)],
        at=len(S_DEPLOY) + 1),
    make_event(EventType.STATEMENT, "c", S_SAY, "said", [
        ("speaker", "Zelensky", "person/volodymyr-zelensky", None), ("content", "we will respond", None, None),
        ("date", "5 March", None, "2024-03-05")]),
    make_event(EventType.STATEMENT, "c", S_SAY2, "said", [
        ("speaker", "An official", None, None), ("content", "talks had stalled", None, None)], at=len(S_SAY) + 1),
]
ENTITIES = [
    Entity("country/RU", "Russia", EntityKind.STATE, country="RU", aliases={"Russian Federation"}),
    Entity("city/706483", "Kharkiv", EntityKind.CITY, country="UA"),
    Entity("region/578071", "Belgorod Oblast", EntityKind.REGION, country="RU"),
    Entity("person/volodymyr-zelensky", "Volodymyr Zelensky", EntityKind.PERSON, country="UA", aliases={"Zelensky"}),
    Entity("person/oleksandr-syrskyi", "Oleksandr Syrskyi", EntityKind.PERSON, country="UA"),
]
E_STRIKE, E_DEPLOY, E_APPOINT, E_SAY, E_SAY2 = (e.id for e in EVENTS)


ARTICLE_B = Article("b", S_DEPLOY + " " + S_APPOINT, date=date(2024, 2, 20))


@pytest.fixture(scope="module")
def graph() -> Graph:
    # only document b has a publication date: the undated appointment is placed there on the timeline
    return to_graph([ARTICLE_B], EVENTS, ENTITIES)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The same documents in an Oxigraph store, one named graph each."""
    from kg.graph.store import KGStore, singletons

    path = tmp_path_factory.mktemp("store")
    articles = {"a": Article("a", S_STRIKE), "b": ARTICLE_B, "c": Article("c", S_SAY + " " + S_SAY2)}
    with KGStore(path, merge=singletons) as s:  # as to_graph without canonical events
        for doc, art in articles.items():
            s.add_document(art, [e for e in EVENTS if e.doc_id == doc], {e.id: e for e in ENTITIES}, refresh=False)
        s.refresh()
    with KGStore(path, read_only=True) as s:
        yield s


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def g(request, graph):
    """Every query test runs on the in-memory graph and on the store."""
    return graph if request.param == "rdflib" else request.getfixturevalue("store")


def col(res: QueryResult, name: str) -> list:
    return [r[name] for r in res.rows]


def test_named_queries_listing() -> None:
    nq = named_queries()
    assert sorted(nq) == ["counts_by_type", "events_by_actor", "events_by_type", "munitions", "sources_per_event",
                          "timeline", "who_said_what"]
    assert nq["events_by_type"].params.keys() == {"type", "since", "until"}
    assert nq["events_by_type"].required == ["type"]
    assert nq["timeline"].required == []
    assert set(nq["timeline"].params) == {"since", "until"}
    assert nq["counts_by_type"].params == {}
    for name, (path, description, params) in nq.items():
        assert path.suffix == ".rq" and path.stem == name
        assert description


def test_counts_by_type(g: Graph) -> None:
    res = query(g, "counts_by_type")
    assert res.vars == ["type", "count"]
    assert res.rows == [
        {"type": "statement", "count": 2},
        {"type": "appointment", "count": 1},
        {"type": "deployment", "count": 1},
        {"type": "strike", "count": 1},
    ]


@pytest.mark.parametrize(
    "etype, expected",
    [
        ("strike", [E_STRIKE]),
        ("STRIKE", [E_STRIKE]),
        ("deployment", [E_DEPLOY]),
        ("appointment", [E_APPOINT]),
        ("statement", [E_SAY, E_SAY2]),  # by date, undated last
        ("battle", []),
    ],
)
def test_events_by_type(g: Graph, etype: str, expected: list[str]) -> None:
    res = query(g, "events_by_type", type=etype)
    assert res.vars == ["event", "date", "summary", "trigger", "sentence", "doc"]
    assert col(res, "event") == expected


def test_events_by_type_row(g: Graph) -> None:
    res = query(g, "events_by_type", type="deployment")
    assert res.rows == [{
        "event": E_DEPLOY,
        "date": "2024-02",
        "summary": "Deployment - agent: Russia; forces: troops; place: Belgorod Oblast; quantity: 3000; date: 2024-02",
        "trigger": "deployed",
        "sentence": S_DEPLOY,
        "doc": "b",
    }]


@pytest.mark.parametrize(
    "actor, expected",
    [
        ("zelensk", [(E_SAY, "speaker"), (E_APPOINT, "appointer")]),  # undated last
        ("ZELENSKY", [(E_SAY, "speaker"), (E_APPOINT, "appointer")]),
        ("russian federation", [(E_DEPLOY, "agent"), (E_STRIKE, "agent")]),  # alias
        ("kharkiv", [(E_STRIKE, "target")]),
        ("belgorod", []),  # a place role is not an actor role
        (f"{ID}entity/person/oleksandr-syrskyi", [(E_APPOINT, "person")]),
        (f"<{ID}entity/country/RU>", [(E_DEPLOY, "agent"), (E_STRIKE, "agent")]),
        ("kgid:entity/country/RU", [(E_DEPLOY, "agent"), (E_STRIKE, "agent")]),
        (URIRef(f"{ID}entity/city/706483"), [(E_STRIKE, "target")]),
        ("nobody", []),
        ('") } SELECT * WHERE { ?s ?p ?o } #', []),  # bound as a literal, never spliced into the text
    ],
)
def test_events_by_actor(g: Graph, actor: object, expected: list[tuple[str, str]]) -> None:
    res = query(g, "events_by_actor", actor=actor)
    assert res.vars == ["event", "type", "role", "name", "date", "summary", "doc"]
    assert [(r["event"], r["role"]) for r in res.rows] == expected


def test_events_by_actor_row(g: Graph) -> None:
    res = query(g, "events_by_actor", actor="kharkiv")
    row = res.rows[0]
    assert (row["type"], row["name"], row["date"], row["doc"]) == ("strike", "Kharkiv", "2024-03-01", "a")


def test_who_said_what(g: Graph) -> None:
    res = query(g, "who_said_what")
    assert res.vars == ["speaker", "content", "date", "sentence", "doc", "event"]
    assert res.rows == [
        {"speaker": "Volodymyr Zelensky", "content": "we will respond", "date": "2024-03-05", "sentence": S_SAY,
         "doc": "c", "event": E_SAY},
        {"speaker": "An official", "content": "talks had stalled", "date": None, "sentence": S_SAY2,
         "doc": "c", "event": E_SAY2},  # undated last
    ]


@pytest.mark.parametrize(
    "who, expected",
    [
        ("zelensky", [E_SAY]),
        ("official", [E_SAY2]),
        (f"{ID}entity/person/volodymyr-zelensky", [E_SAY]),
        ("putin", []),
        (None, [E_SAY, E_SAY2]),  # None leaves the optional parameter unbound
    ],
)
def test_who_said_what_filter(g: Graph, who: object, expected: list[str]) -> None:
    assert col(query(g, "who_said_what", who=who), "event") == expected


@pytest.mark.parametrize(
    "bindings, expected",
    [
        ({}, [("2024-02", "deployment", "event"), ("2024-02-20", "appointment", "published"),
              ("2024-03-01", "strike", "event"), ("2024-03-05", "statement", "event")]),
        ({"since": "2024-03"}, [("2024-03-01", "strike", "event"), ("2024-03-05", "statement", "event")]),
        ({"until": "2024-03-01"}, [("2024-02", "deployment", "event"), ("2024-02-20", "appointment", "published"),
                                   ("2024-03-01", "strike", "event")]),
        ({"since": "2024-02", "until": "2024-02"}, [("2024-02", "deployment", "event"),
                                                     ("2024-02-20", "appointment", "published")]),
        ({"since": date(2024, 3, 2)}, [("2024-03-05", "statement", "event")]),
        ({"until": "2023"}, []),
        # a window across a month boundary (store: through the calendar's days)
        ({"since": "2024-02-15", "until": "2024-03-04"}, [("2024-02-20", "appointment", "published"),
                                                           ("2024-03-01", "strike", "event")]),
    ],
)
def test_timeline(g: Graph, bindings: dict, expected: list[tuple[str, str, str]]) -> None:
    res = query(g, "timeline", **bindings)
    assert res.vars == ["date", "date_source", "type", "summary", "doc", "event"]
    assert [(r["date"], r["type"], r["date_source"]) for r in res.rows] == expected


def test_adhoc_query_with_predeclared_prefixes_and_binding(g: Graph) -> None:
    q = "SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label ; kg:country ?c } ORDER BY ?label"
    res = query(g, q, c="UA")
    assert res.rows == [{"label": "Oleksandr Syrskyi"}, {"label": "Volodymyr Zelensky"}]
    assert query(g, q, **{"?c": "RU"}).rows == []


def test_rq_file_path(g: Graph, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# description: quantities\n# param ?min: smallest\n"
                    "SELECT ?n WHERE { ?e a kg:Event ; kg:quantity ?n FILTER(?n >= ?min) }\n", encoding="utf-8")
    assert query(g, str(path), min=100).rows == [{"n": 3000}]
    assert query(g, path, min=5000).rows == []
    with pytest.raises(QueryError, match="min"):
        query(g, path)


@pytest.mark.parametrize(
    "q, bindings, pattern",
    [
        ("SELECT ?x WHERE { ?x ?y }", {}, r"^SPARQL syntax error in query at line 1, column \d+: "),
        ("SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  FILTER(\n}", {}, r"at line \d+, column \d+"),
        ("SELECT ?x WHERE { ?x foo:bar ?z }", {}, r"foo"),
        ("no_such_query", {}, r"unknown query 'no_such_query'; available: counts_by_type, events_by_actor"),
        ("missing.rq", {}, r"no such query file"),
        ("events_by_type", {}, r"events_by_type needs a value for \?type"),
        ("events_by_type", {"kind": "strike"}, r"no parameter 'kind'.*\?type"),
        ("counts_by_type", {"type": "strike"}, r"counts_by_type has no parameter 'type'; parameters: none"),
        ("SELECT ?x WHERE { ?x ?y ?z }", {"w": 1}, r"no variable \?w"),
    ],
)
def test_errors_are_one_line_query_errors(g: Graph, q: str, bindings: dict, pattern: str) -> None:
    with pytest.raises(QueryError) as info:
        query(g, q, **bindings)
    msg = str(info.value)
    assert "\n" not in msg
    assert re.search(pattern, msg), msg


@pytest.mark.parametrize(
    "value, expected",
    [
        ("strike", Literal("strike")),
        ("kg:Strike", KG.Strike),
        ("https://example.org/x", URIRef("https://example.org/x")),
        ("<urn:x:1>", URIRef("urn:x:1")),
        ("Hamas: militants", Literal("Hamas: militants")),
        ("http://has space", Literal("http://has space")),
        (3, Literal(3)),
        (True, Literal(True)),
        (Decimal("1.5"), Literal(Decimal("1.5"))),
        (date(2024, 3, 1), Literal(date(2024, 3, 1))),
        (None, None),
    ],
)
def test_to_term(value: object, expected: object) -> None:
    got = to_term(value)
    assert got == expected
    assert type(got) is type(expected)


def test_result_formats(g: Graph) -> None:
    res = query(g, "SELECT ?e ?n WHERE { ?e a kg:Event ; kg:quantity ?n }")
    iri = f"{ID}event/{E_DEPLOY}"
    assert res.rows == [{"e": iri, "n": 3000}]
    assert res.to_csv() == f"e,n\r\n{iri},3000\r\n"
    assert json.loads(res.to_json()) == {
        "head": {"vars": ["e", "n"]},
        "results": {"bindings": [{
            "e": {"type": "uri", "value": iri},
            "n": {"type": "literal", "value": "3000", "datatype": XSD + "integer"},
        }]},
    }
    table = res.to_table().splitlines()
    assert table[0].split() == ["e", "n"]
    assert table[2].split() == [f"kgid:event/{E_DEPLOY}", "3000"]
    assert table[-1] == "(1 row)"


def test_unbound_values_in_formats(g: Graph) -> None:
    res = query(g, "who_said_what", who="official")
    assert json.loads(res.to_json())["results"]["bindings"][0].keys() == {"speaker", "content", "sentence", "doc", "event"}
    assert res.to_csv().splitlines()[1].split(",")[2] == ""


def test_ask_and_construct(g: Graph) -> None:
    ask = query(g, "ASK { ?e a kg:Strike }")
    assert ask.boolean is True and json.loads(ask.to_json()) == {"head": {}, "boolean": True}
    con = query(g, "CONSTRUCT { ?e a kg:Strike } WHERE { ?e a kg:Strike }")
    assert con.vars == ["subject", "predicate", "object"]
    assert con.rows == [{"subject": f"{ID}event/{E_STRIKE}",
                         "predicate": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                         "object": str(KG.Strike)}]


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")])
def test_load_graph_round_trip(graph: Graph, tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"kg{suffix}"
    path.write_text(graph.serialize(format=fmt), encoding="utf-8")
    assert len(load_graph(path)) == len(graph)


@pytest.mark.parametrize(
    "name, content, pattern",
    [
        ("bad.ttl", "@prefix kg: <https://x#> .\nkg:a kg:b .\n", r"cannot parse .*bad\.ttl as turtle: line 2"),
        ("bad.nt", "<a> <b> .\n", r"cannot parse .*bad\.nt as nt"),
        ("graph.xyz", "", r"cannot tell the RDF format"),
    ],
)
def test_load_graph_errors(tmp_path: Path, name: str, content: str, pattern: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=pattern) as info:
        load_graph(path)
    assert "\n" not in str(info.value)


def test_load_graph_missing(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        load_graph(tmp_path / "nope.ttl")


S_STRIKE_B = "Kharkiv was hit by Russian missiles on Friday."
STRIKE_B = make_event(EventType.STRIKE, "b2", S_STRIKE_B, "hit", [
    ("agent", "Russian", "country/RU", None), ("target", "Kharkiv", "city/706483", None),
    ("date", "Friday", None, "2024-03")])


@pytest.fixture(scope="module")
def merged() -> Graph:
    """The strike reported by documents a and b2, merged into one event."""
    strike = CanonicalEvent("strike-kharkiv", EventType.STRIKE, [EVENTS[0], STRIKE_B])
    return to_graph([], EVENTS + [STRIKE_B], ENTITIES, canonical=[strike])


def test_sources_per_event(merged: Graph) -> None:
    res = query(merged, "sources_per_event")
    assert res.vars == ["event", "type", "sources", "mentions", "date", "summary"]
    # most sources first; then by date (at each event's precision), undated last
    assert [(r["event"], r["sources"], r["mentions"], r["date"]) for r in res.rows] == [
        ("strike-kharkiv", 2, 2, "2024-03-01"),
        (E_DEPLOY, 1, 1, "2024-02"),
        (E_SAY, 1, 1, "2024-03-05"),
        *sorted((e, 1, 1, None) for e in (E_APPOINT, E_SAY2)),
    ]
    assert res.rows[0]["type"] == "strike"


def test_merged_event_counts_once_and_lists_each_mention(merged: Graph) -> None:
    assert query(merged, "counts_by_type").rows[-1] == {"type": "strike", "count": 1}
    rows = query(merged, "events_by_type", type="strike").rows
    assert [(r["event"], r["doc"], r["trigger"]) for r in rows] == [
        ("strike-kharkiv", "a", "struck"), ("strike-kharkiv", "b2", "hit")]
    assert {r["date"] for r in rows} == {"2024-03-01"}  # the most precise of the mentions' dates
    actor = query(merged, "events_by_actor", actor="kharkiv").rows
    assert [(r["event"], r["role"], r["doc"]) for r in actor] == [
        ("strike-kharkiv", "target", "a"), ("strike-kharkiv", "target", "b2")]


# --------------------------------------------------------------------------- date windows and paging


@pytest.mark.parametrize(
    "name, bindings, column, expected",
    [
        ("events_by_type", {"type": "strike", "since": "2024-03"}, "event", [E_STRIKE]),
        ("events_by_type", {"type": "strike", "until": "2024-02"}, "event", []),
        ("events_by_type", {"type": "deployment", "since": "2024-02", "until": "2024-02"}, "event", [E_DEPLOY]),
        ("events_by_type", {"type": "appointment", "since": "2024"}, "event", []),  # undated: outside any window
        ("events_by_actor", {"actor": "russia", "since": "2024-03"}, "event", [E_STRIKE]),
        ("events_by_actor", {"actor": "russia", "until": "2024-02-29"}, "event", [E_DEPLOY]),
        ("events_by_actor", {"actor": f"{ID}entity/country/RU", "since": "2024"}, "event", [E_DEPLOY, E_STRIKE]),
        ("who_said_what", {"since": "2024-03-05"}, "event", [E_SAY]),
        ("who_said_what", {"until": "2024-03-04"}, "event", []),
        ("who_said_what", {"who": "zelensky", "since": "2024-03", "until": "2024-03"}, "event", [E_SAY]),
        ("who_said_what", {"who": "official", "since": "2024"}, "event", []),  # undated statement
        ("sources_per_event", {"since": "2024-03"}, "event", [E_STRIKE, E_SAY]),
        ("sources_per_event", {"until": "2023"}, "event", []),
        ("munitions", {"since": "2024"}, "event", []),
    ],
)
def test_date_windows(g: Graph, name: str, bindings: dict, column: str, expected: list[str]) -> None:
    assert col(query(g, name, **bindings), column) == expected


@pytest.mark.parametrize(
    "value, end, expected",
    [
        ("2024", False, "2024-01-01"),
        ("2024", True, "2024-12-31"),
        ("2024-02", True, "2024-02-29"),
        ("2023-02", True, "2023-02-28"),
        ("2024-03", False, "2024-03-01"),
        ("2024-03-05", True, "2024-03-05"),
        (date(2024, 3, 5), False, "2024-03-05"),
    ],
)
def test_date_bound(value: object, end: bool, expected: str) -> None:
    from kg.graph.sparql import date_bound

    lit = date_bound(value, end=end)
    assert str(lit) == expected and str(lit.datatype) == XSD + "date"


@pytest.mark.parametrize("value", ["2024-13", "March 2024", "24-03", "2024-02-30"])
def test_bad_date_parameter_is_one_line_error(g: Graph, value: str) -> None:
    with pytest.raises(QueryError, match=r"\?since must be a date YYYY, YYYY-MM or YYYY-MM-DD"):
        query(g, "timeline", since=value)


@pytest.mark.parametrize(
    "page, expected",
    [
        ({"limit": 2}, [E_DEPLOY, E_APPOINT]),
        ({"limit": 2, "offset": 1}, [E_APPOINT, E_STRIKE]),
        ({"offset": 3}, [E_SAY]),
        ({"limit": 0}, []),
    ],
)
def test_paging(g: Graph, page: dict, expected: list[str]) -> None:
    assert col(query(g, "timeline", **page), "event") == expected


@pytest.mark.parametrize(
    "q, page, pattern",
    [
        ("timeline", {"limit": -1}, "limit must be a whole number"),
        ("timeline", {"offset": "2"}, "offset must be a whole number"),
        ("SELECT ?e WHERE { ?e a kg:Strike } LIMIT 3", {"limit": 1}, "without its own LIMIT"),
        ("ASK { ?e a kg:Strike }", {"limit": 1}, "need a SELECT query"),
    ],
)
def test_paging_errors(g: Graph, q: str, page: dict, pattern: str) -> None:
    with pytest.raises(QueryError, match=pattern):
        query(g, q, **page)


def test_first_reported_is_the_earliest_publication_date(graph: Graph) -> None:
    reported = {str(s).rsplit("/", 1)[-1]: str(o) for s, o in graph.subject_objects(KG.firstReported)}
    # only document b has a publication date
    assert reported == {E_DEPLOY: "2024-02-20", E_APPOINT: "2024-02-20"}


def test_statement_without_speaker_is_one_row() -> None:
    ev = make_event(EventType.STATEMENT, "d", "It was said that talks stalled.", "said",
                    [("content", "talks stalled", None, None)])
    g = to_graph([], EVENTS + [ev], ENTITIES)
    rows = [r for r in query(g, "who_said_what").rows if r["event"] == ev.id]
    assert rows == [{"speaker": None, "content": "talks stalled", "date": None,
                     "sentence": "It was said that talks stalled.", "doc": "d", "event": ev.id}]


def test_store_variants_match_their_portable_queries() -> None:
    """ontology/queries/store/*.rq: the same named queries planned for Oxigraph, same header."""
    from kg.graph.sparql import _parse_header, store_variant

    nq = named_queries()
    folder = next(iter(nq.values())).path.parent / "store"
    variants = sorted(p.stem for p in folder.glob("*.rq"))
    assert variants and set(variants) <= set(nq)
    for name in variants:
        text = store_variant(nq[name])
        assert _parse_header(text, folder / f"{name}.rq").params == nq[name].params, name


@pytest.mark.parametrize("name", ["events_by_type", "events_by_actor", "who_said_what", "munitions",
                                  "sources_per_event", "timeline"])
def test_store_uses_its_variant(store, name: str, monkeypatch) -> None:
    """The store runs the store/ form of a named query (the rdflib graph the portable one),
    which finds a date window's events through the graph's calendar days."""
    import kg.graph.sparql as sp

    seen = []
    real = sp._run_oxigraph
    monkeypatch.setattr(sp, "_run_oxigraph", lambda st, text, kind, nm: seen.append(text) or real(st, text, kind, nm))
    bindings = {"events_by_type": {"type": "strike"}, "events_by_actor": {"actor": "russia"}}.get(name, {})
    query(store, name, since="2024-03", **bindings)
    assert len(seen) == 1
    assert "time:inXSDDate ?d" in seen[0]
    assert "time:inXSDDate" not in sp.named_queries()[name].path.read_text()


@pytest.mark.parametrize(
    "term",
    [
        '"7"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '"007"^^<http://www.w3.org/2001/XMLSchema#int>',
        '"x"^^<http://www.w3.org/2001/XMLSchema#integer>',  # ill-typed: kept as text
        '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>',
        '"0"^^<http://www.w3.org/2001/XMLSchema#boolean>',
        '"2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date>',
        '"Kharkiv"@uk',
        '"plain"',
        "<https://w3id.org/conflict-kg/id/entity/country/RU>",
        "_:b0",
    ],
)
def test_store_values_match_rdflib_values(term: str) -> None:
    """Rows from the store are converted straight from Oxigraph's terms, as _py() converts rdflib's."""
    import pyoxigraph as ox

    from kg.graph.sparql import _from_ox, _py, _py_ox

    value = next(iter(ox.Store().query(f"SELECT ?v WHERE {{ BIND ({term} AS ?v) }}")))[0] if not term.startswith("_:") \
        else ox.BlankNode("b0")
    assert _py_ox(value) == _py(_from_ox(value))
