"""kg.graph.store: incremental, idempotent store builds; named graphs; exports; serve; the CLI on a store."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from datetime import date as date_cls
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.api import build
from kg.cli import main
from kg.errors import QueryError
from kg.graph.network import actor_network
from kg.graph.sparql import Endpoint, named_queries, query, substitute
from kg.graph.store import KGStore, StoreError, entity_from_dict, event_from_dict, event_to_dict, serve
from kg.graph.vocab import ENTITIES_GRAPH, doc_graph_iri
from kg.model import Argument, Article, Entity, EntityKind, Event, EventType, Mention, Modality, Sentence
from kg.outputs.exports import EXPORT_FORMATS, context_path, export, jsonld_context

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def make_event(etype: EventType, doc: str, text: str, trigger: str, args: list[tuple]) -> Event:
    t = text.find(trigger)
    out = [Argument(role, a, text.find(a), text.find(a) + len(a), entity_id=eid, value=value)
           for role, a, eid, value in args]
    return Event(etype, doc, Sentence(doc, 0, len(text), text), Mention(trigger, t, t + len(trigger)), out)


TEXTS = {
    "a": "Russia struck Kharkiv with missiles on 1 March.",
    "b": "Russia deployed 3000 troops to Belgorod.",
    "c": 'Zelensky said "we will respond".',
}
EVENTS = {
    "a": [make_event(EventType.STRIKE, "a", TEXTS["a"], "struck", [
        ("agent", "Russia", "country/RU", None), ("target", "Kharkiv", "city/706483", None),
        ("weapon", "missiles", None, None), ("date", "1 March", None, "2024-03-01")])],
    "b": [make_event(EventType.DEPLOYMENT, "b", TEXTS["b"], "deployed", [
        ("agent", "Russia", "country/RU", None), ("quantity", "3000", None, 3000),
        ("place", "Belgorod", "region/578071", None)])],
    "c": [make_event(EventType.STATEMENT, "c", TEXTS["c"], "said", [
        ("speaker", "Zelensky", "person/volodymyr-zelensky", None), ("content", "we will respond", None, None)])],
}
ENTITIES = {e.id: e for e in [
    Entity("country/RU", "Russia", EntityKind.STATE, country="RU", aliases={"Russian Federation"}),
    Entity("city/706483", "Kharkiv", EntityKind.CITY, country="UA", lat=49.98, lon=36.25),
    Entity("region/578071", "Belgorod Oblast", EntityKind.REGION, country="RU"),
    Entity("person/volodymyr-zelensky", "Volodymyr Zelensky", EntityKind.PERSON, country="UA", aliases={"Zelensky"}),
]}


def article(doc: str, text: str | None = None) -> Article:
    return Article(doc, text or TEXTS[doc], date=date(2024, 3, 2), title=f"Title {doc}")


def fill(path: Path, docs: str) -> None:
    """Add ``docs`` (a string of doc ids) to the store at ``path``, skipping unchanged ones as `kg build` does."""
    with KGStore(path) as st:
        for d in docs:
            art = article(d)
            if not st.has(d, art.content_hash):
                st.add_document(art, EVENTS[d], ENTITIES)


def dump(path: Path) -> str:
    with KGStore(path, read_only=True) as st:
        return "\n".join(st.nquads())


def test_rerun_on_same_input_is_byte_identical(tmp_path: Path) -> None:
    fill(tmp_path, "abc")
    first = dump(tmp_path)
    records = (tmp_path / "mentions.sqlite").read_bytes()
    fill(tmp_path, "abc")
    assert dump(tmp_path) == first
    assert (tmp_path / "mentions.sqlite").read_bytes() == records
    with KGStore(tmp_path) as st:  # replacing a document by itself changes nothing either
        st.add_document(article("b"), EVENTS["b"], ENTITIES)
    assert dump(tmp_path) == first


@pytest.mark.parametrize("batches", [["ab", "c"], ["a", "b", "c"], ["c", "ab"], ["abc", "abc"]])
def test_incremental_build_equals_one_build(tmp_path: Path, batches: list[str]) -> None:
    fill(tmp_path / "once", "abc")
    for batch in batches:
        fill(tmp_path / "steps", batch)
    assert dump(tmp_path / "steps") == dump(tmp_path / "once")


def test_named_graph_per_document_and_shared_entities(tmp_path: Path) -> None:
    fill(tmp_path, "ab")
    with KGStore(tmp_path, read_only=True) as st:
        graphs = st.named_graphs()
        assert str(doc_graph_iri("a")) in graphs and str(doc_graph_iri("b")) in graphs
        assert str(ENTITIES_GRAPH) in graphs
        # Russia is in both documents but its triples are stored once: union counts are right
        res = query(st, "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/conflict-kg/id/entity/country/RU> rdfs:label ?l }")
        assert res.rows == [{"n": 1}]
        res = query(st, "SELECT ?g WHERE { GRAPH ?g { ?e kg:quantity 3000 ; kg:sourceDocument ?d } }")
        assert res.rows == [{"g": str(doc_graph_iri("b"))}]


def test_remove_and_re_add(tmp_path: Path) -> None:
    fill(tmp_path, "abc")
    full = dump(tmp_path)
    assert main(["-q", "remove", "b", "--store", str(tmp_path)]) == 0
    with KGStore(tmp_path, read_only=True) as st:
        assert list(st.documents()) == ["a", "c"]
        assert str(doc_graph_iri("b")) not in st.named_graphs()
        assert query(st, "ASK { ?e kg:quantity ?n }").boolean is False
        # Belgorod only occurred in b: gone from the entity layer; Russia (also in a) stays
        assert query(st, "ASK { <https://w3id.org/conflict-kg/id/entity/region/578071> ?p ?o }").boolean is False
        assert query(st, "ASK { <https://w3id.org/conflict-kg/id/entity/country/RU> ?p ?o }").boolean is True
    assert main(["-q", "remove", "b", "--store", str(tmp_path)]) == 1  # not there any more
    fill(tmp_path, "b")
    assert dump(tmp_path) == full


def test_optimize_keeps_the_graph_and_needs_a_writer(tmp_path: Path) -> None:
    fill(tmp_path, "abc")
    before = dump(tmp_path)
    with KGStore(tmp_path) as st:
        st.optimize()
    assert dump(tmp_path) == before
    with KGStore(tmp_path, read_only=True) as st, pytest.raises(StoreError, match="read-only"):
        st.optimize()


def test_changed_document_is_replaced(tmp_path: Path) -> None:
    fill(tmp_path, "ab")
    changed = article("b", "Russia deployed troops to Belgorod.")
    with KGStore(tmp_path) as st:
        assert not st.has("b", changed.content_hash)
        ev = make_event(EventType.DEPLOYMENT, "b", changed.text, "deployed", [("agent", "Russia", "country/RU", None)])
        st.add_document(changed, [ev], ENTITIES)
        assert st.documents()["b"] == changed.content_hash
        assert query(st, "ASK { ?e kg:quantity ?n }").boolean is False
        assert [e.id for e in st.events()] == [EVENTS["a"][0].id, ev.id]


def test_events_round_trip_through_json() -> None:
    for evs in EVENTS.values():
        for ev in evs:
            assert event_from_dict(json.loads(json.dumps(event_to_dict(ev)))) == ev


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with KGStore(tmp_path):
        with pytest.raises(StoreError, match=r"in use by another process") as info:
            KGStore(tmp_path)
        assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match=r"^no store at"):
        KGStore(tmp_path / "missing", read_only=True)
    with KGStore(tmp_path, read_only=True) as st:
        with pytest.raises(StoreError, match="read-only"):
            st.remove_document("a")


# ----------------------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small")
    fill(path, "abc")
    return path


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_exports_parse_back(small: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kg{EXPORT_FORMATS[fmt]}"
    with KGStore(small, read_only=True) as st:
        export(st, fmt, out)
        expected = st.graph()
    parsed = Graph().parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    assert len(parsed) == len(expected) > 0
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nq", "nquads")])
def test_dataset_exports_keep_named_graphs(small: Path, tmp_path: Path, fmt: str, parser: str) -> None:
    out = tmp_path / f"kg{EXPORT_FORMATS[fmt]}"
    with KGStore(small, read_only=True) as st:
        export(st, fmt, out)
        quads = st.nquads()
        graphs = st.named_graphs()
    ds = Dataset().parse(out, format=parser)
    assert sorted(str(g.identifier) for g in ds.graphs() if len(g)) == graphs
    assert sum(len(g) for g in ds.graphs()) == len(quads)


def test_csv_export_one_row_per_event(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with KGStore(small, read_only=True) as st:
        export(st, "csv", out)
        n = len(st.canonical())
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n == 3
    strike = next(r for r in rows if r["type"] == "strike")
    assert (strike["agent"], strike["target"], strike["weapon"], strike["date"], strike["doc"]) == (
        "Russia", "Kharkiv", "missiles", "2024-03-01", "a")
    assert next(r for r in rows if r["type"] == "deployment")["quantity"] == "3000"


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_parse_back(small: Path, tmp_path: Path, fmt: str, read) -> None:
    out = tmp_path / f"actors{EXPORT_FORMATS[fmt]}"
    with KGStore(small, read_only=True) as st:
        export(st, fmt, out)
        expected = actor_network(st.events(), st.entities())
    got = read(out)
    assert sorted(got.nodes) == sorted(expected.nodes)
    assert got.number_of_edges() == expected.number_of_edges()


def test_published_context_matches_ontology() -> None:
    assert json.loads(context_path().read_text(encoding="utf-8")) == jsonld_context(), (
        "regenerate it: python -m kg.outputs.exports --context > ontology/context.jsonld")


# ----------------------------------------------------------------------------- SPARQL helpers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT ?x WHERE { ?x ?p ?v }", 'SELECT ?x WHERE { ?x ?p "a\\"b" }'),
        ("SELECT ?v WHERE { ?x ?p ?v }", 'SELECT ("a\\"b" AS ?v) WHERE { ?x ?p "a\\"b" }'),
        ("SELECT * { ?x ?p $v FILTER(!BOUND(?v)) }", 'SELECT * { ?x ?p "a\\"b" FILTER(!true) }'),
        ('SELECT ?x { ?x <urn:?v> "?v" # ?v\n}', 'SELECT ?x { ?x <urn:?v> "?v" # ?v\n}'),
        ("SELECT ?x { BIND(1 AS ?v) ?x ?p ?vv }", "SELECT ?x { BIND(1 AS ?v) ?x ?p ?vv }"),
        ("SELECT (COUNT(?v) AS ?n) { ?x ?p ?v }", 'SELECT (COUNT("a\\"b") AS ?n) { ?x ?p "a\\"b" }'),
    ],
)
def test_substitute(text: str, expected: str) -> None:
    from rdflib import Literal

    assert substitute(text, {"v": Literal('a"b')}) == expected


def test_to_dataframe(small: Path) -> None:
    pd = pytest.importorskip("pandas")
    with KGStore(small, read_only=True) as st:
        df = query(st, "counts_by_type").to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["type", "count"]
    assert sorted(df["type"]) == ["deployment", "statement", "strike"]


def test_unreachable_endpoint_is_one_line_error() -> None:
    from kg.graph.store import free_port

    with pytest.raises(QueryError, match=r"^cannot reach SPARQL endpoint") as info:
        query(Endpoint(f"http://127.0.0.1:{free_port()}/query", timeout=5), "counts_by_type")
    assert "\n" not in str(info.value)


def test_serve_answers_over_http_and_stops(small: Path) -> None:
    with KGStore(small, read_only=True) as st:
        expected = query(st, "events_by_type", type="strike").rows
    with serve(small, timeout=10) as server:
        assert server.running() and re.match(r"^http://127\.0\.0\.1:\d+/query$", server.url)
        assert query(server.url, "events_by_type", type="strike").rows == expected
        assert [r["doc"] for r in expected] == ["a"]
        assert query(Endpoint(server.url), "ASK { ?e a kg:Strike }").boolean is True
        with pytest.raises(QueryError, match=r"^SPARQL syntax error"):
            query(server.url, "SELECT ?x WHERE { ?x ?y }")
    assert not server.running()


def test_serve_without_store_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        serve(tmp_path)


# ----------------------------------------------------------------------------- the seeds, end to end


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("seeds")
    assert main(["-q", "build", str(SEEDS), "--store", str(root / "store")]) == 0
    assert main(["-q", "build", str(SEEDS), "--out", str(root / "out"), "--no-html",
                 "--export", "jsonld", "--export", "csv"]) == 0
    return root / "store", root / "out" / "graph.ttl"


def test_seed_rebuild_changes_nothing(seeds_store, tmp_path: Path) -> None:
    store, _ = seeds_store
    assert main(["-q", "export", "--store", str(store), "-o", str(tmp_path / "one.nq")]) == 0
    result = build([SEEDS], store=store)
    assert result.articles == [] and result.events == []
    assert main(["-q", "export", "--store", str(store), "-o", str(tmp_path / "two.nq")]) == 0
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()


def test_build_export_option_writes_formats_that_parse_back(seeds_store) -> None:
    _, ttl = seeds_store
    g = Graph().parse(ttl, format="turtle")
    assert isomorphic(Graph().parse(ttl.parent / "graph.jsonld", format="json-ld"), g)
    rows = list(csv.DictReader(io.StringIO((ttl.parent / "events.csv").read_text(encoding="utf-8"))))
    mentions = [json.loads(line) for line in (ttl.parent / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len({m.get("canonical_id") or m["id"] for m in mentions})  # one row per (merged) event


PARAMS = {"events_by_type": {"type": "strike"}, "events_by_actor": {"actor": "russia"}, "timeline": {"since": "2024"},
          "who_said_what": {}}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_same_rows_on_store_and_file(seeds_store, name: str) -> None:
    from kg.graph.sparql import load_graph

    store, ttl = seeds_store
    file_rows = query(load_graph(ttl), name, **PARAMS.get(name, {})).rows
    with KGStore(store, read_only=True) as st:
        store_rows = query(st, name, **PARAMS.get(name, {})).rows
    # as multisets: engines may order ties (rows equal on every ORDER BY key) differently
    assert sorted(map(_row_key, store_rows)) == sorted(map(_row_key, file_rows))
    assert len(file_rows) > 0


def _row_key(row: dict) -> list[tuple[str, str]]:
    return sorted((k, repr(v)) for k, v in row.items())


@pytest.mark.parametrize(
    "argv, code, pattern",
    [
        (["query", "--store", "{store}", "SELECT ?x WHERE { ?x ?y }"], 3, r"^kg: SPARQL syntax error in query at line 1"),
        (["query", "--store", "{store}", "no_such_query"], 3, r"^kg: unknown query 'no_such_query'"),
        (["query", "--store", "{missing}", "counts_by_type"], 5, r"^kg: no store at"),
        (["query", "--store", "{store}", "--endpoint", "http://x", "q"], 1, r"^kg: give --store or --endpoint"),
        (["export", "--store", "{store}", "-o", "{out}/x.bin"], 1, r"^kg: cannot tell the format"),
        (["remove", "x", "--store", "{missing}"], 5, r"^kg: no store at"),
    ],
)
def test_store_cli_errors_are_one_line(seeds_store, tmp_path: Path, capsys, argv, code, pattern) -> None:
    store, _ = seeds_store
    subst = {"{store}": str(store), "{missing}": str(tmp_path / "missing"), "{out}": str(tmp_path)}
    for key, value in subst.items():
        argv = [a.replace(key, value) for a in argv]
    assert main(["-q", *argv]) == code
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and re.search(pattern, err), err


def test_cli_query_store_formats(seeds_store, capsys) -> None:
    store, _ = seeds_store
    assert main(["-q", "query", "--store", str(store), "events_by_type", "-p", "type=strike", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"][:2] == ["event", "date"] and doc["results"]["bindings"]
    assert main(["-q", "query", "--store", str(store), "counts_by_type", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "type,count"


def test_cli_serve_starts_answers_and_stops(small: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from kg.graph.store import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(small), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url, deadline, rows = f"http://127.0.0.1:{port}/query", time.monotonic() + 120, None  # slow under load
        while rows is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                rows = query(Endpoint(url, timeout=5), "counts_by_type").rows
            except QueryError:
                time.sleep(0.1)
        assert rows is not None and {r["type"] for r in rows} == {"deployment", "statement", "strike"}
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert err.strip().splitlines()[-1] == "kg: stopped", err
    with pytest.raises(QueryError, match="cannot reach"):  # the oxigraph server went with it
        query(Endpoint(url, timeout=5), "counts_by_type")


def test_readers_refuse_a_store_another_process_is_writing(small: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kg.graph.store import KGStore; s = KGStore(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(small)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"is being written by another process") as info:
            KGStore(small, read_only=True)
        assert "\n" not in str(info.value)
        with pytest.raises(StoreError, match=r"is being written"):
            serve(small)
        with pytest.raises(StoreError, match=r"in use by another process"):
            KGStore(small)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with KGStore(small, read_only=True) as st:  # the writer has gone
        assert list(st.documents()) == ["a", "b", "c"]


@pytest.mark.parametrize("n_rows,warned", [(9_999, False), (10_000, True)])
def test_endpoint_result_at_a_server_row_cap_is_flagged(n_rows, warned, caplog) -> None:
    import http.server
    import json as _json
    import threading

    payload = _json.dumps({"head": {"vars": ["x"]},
                           "results": {"bindings": [{"x": {"type": "literal", "value": str(i)}}
                                                    for i in range(n_rows)]}}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server API
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with caplog.at_level("WARNING", logger="kg"):
            rows = query(Endpoint(f"http://127.0.0.1:{server.server_port}/query", timeout=10),
                         "SELECT ?x WHERE { ?x ?p ?o }").rows
    finally:
        server.shutdown()
    assert len(rows) == n_rows
    assert ("row cap" in caplog.text) is warned


def test_store_of_an_older_graph_format_is_upgraded_from_its_records(tmp_path: Path, caplog) -> None:
    """A store written before every kg:date was an xsd:date (format 1) is rewritten, without NLP,
    the next time it is opened for writing; a reader is warned."""
    import sqlite3

    import pyoxigraph as ox

    fill(tmp_path, "abc")
    want = dump(tmp_path)
    old = ox.Literal("2024-03", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    with KGStore(tmp_path) as st:  # make document a look as an older conflict-kg wrote it
        g = ox.NamedNode(str(doc_graph_iri("a")))
        for q in list(st.oxigraph.quads_for_pattern(None, None, None, g)):
            if isinstance(q.object, ox.Literal) and q.object.datatype.value.endswith("#date"):
                st.oxigraph.remove(q)
                st.oxigraph.add(ox.Quad(q.subject, q.predicate, old, g))
    db = sqlite3.connect(str(tmp_path / "mentions.sqlite"))
    for doc_id, text in db.execute("SELECT doc_id, record FROM docs").fetchall():
        db.execute("UPDATE docs SET record = ? WHERE doc_id = ?", (json.dumps({**json.loads(text), "format": 1}), doc_id))
    db.commit()
    db.close()
    assert dump(tmp_path) != want
    with caplog.at_level("WARNING", logger="kg"):
        KGStore(tmp_path, read_only=True).close()
    assert "older conflict-kg" in caplog.text
    KGStore(tmp_path).close()  # a writer upgrades
    assert dump(tmp_path) == want


# --------------------------------------------------------------------------- layers updated part by part
# KGStore.refresh recomputes only the merge parts, entities and lines that changed documents
# touch; after any sequence of additions, replacements and removals the two derived layers
# must be exactly what recomputing them from every record gives (the refresh as it was).


def reference_layers(st: KGStore) -> tuple[set, set]:
    """(canonical graph, entity layer) as triples, recomputed from all records at once."""
    from kg.graph.store import _StoredArticle, _canonical_graph, _document_graph, _merge_entities, _split

    records = list(st._records())
    shared: set[str] = set()
    for r in records:
        ents = {e.id: e for e in (entity_from_dict(d) for d in r["entities"])}
        evs = [event_from_dict(e) for e in r["events"]]
        shared |= set(_split(_document_graph(_StoredArticle(r["article"], r["content_hash"]), evs, ents))[1])
    events = [event_from_dict(e) for r in records for e in r["events"]]
    entities = _merge_entities(records)
    published = {r["doc_id"]: r["article"].get("date") for r in records if r["article"].get("date")}
    own: list[str] = []
    if events:
        own, more = _split(_canonical_graph(st.merge(events, entities), entities, None, published))
        shared |= set(more)

    def triples(lines):
        return set(Graph().parse(data="\n".join(lines), format="nt")) if lines else set()

    return triples(own), triples(shared)


def stored_layers(st: KGStore) -> tuple[set, set]:
    import pyoxigraph as ox

    from kg.graph.vocab import CANONICAL_GRAPH

    def triples(name):
        lines = [str(ox.Triple(q.subject, q.predicate, q.object)) + " ."
                 for q in st.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))]
        return set(Graph().parse(data="\n".join(lines), format="nt")) if lines else set()

    return triples(CANONICAL_GRAPH), triples(ENTITIES_GRAPH)


def random_document(rng, doc: str) -> tuple[Article, list[Event], dict[str, Entity]]:
    """A small document: 1-4 mentions over a few shared entities whose records differ by
    document (labels, aliases, countries), dates at three precisions or none."""
    people = [("person/a", ["Anna Ivanova", "Ivanova"]), ("person/b", ["Boris Kim", "Kim"])]
    places = [("city/1", "Kharkiv", "UA"), ("region/2", "Kursk Oblast", "RU"), ("country/RU", "Russia", "RU"),
              ("country/UA", "Ukraine", "UA"), ("city/3", "Sumy", None)]
    ents: dict[str, Entity] = {}
    events = []
    text = ""
    for j in range(rng.randint(1, 4)):
        etype = rng.choice(list(EventType))
        sent = f"Sentence {j} of {doc} about things. "
        args = []
        if etype is EventType.STATEMENT:
            pid, labels = rng.choice(people)
            ents[pid] = Entity(pid, rng.choice(labels), EntityKind.PERSON, aliases={rng.choice(labels)})
            args = [Argument("speaker", "x", 0, 1, entity_id=pid),
                    Argument("content", rng.choice(["we will respond", "we will respond soon", "no comment"]), 0, 1)]
        else:
            anchor_role = {"deployment": "forces", "strike": "target", "appointment": "person"}[etype.value]
            if etype is EventType.APPOINTMENT:
                pid, labels = rng.choice(people)
                ents[pid] = Entity(pid, rng.choice(labels), EntityKind.PERSON)
                args = [Argument(anchor_role, "x", 0, 1, entity_id=pid)]
            else:
                pid, label, cc = rng.choice(places)
                ents[pid] = Entity(pid, label, EntityKind.CITY, country=rng.choice([cc, None]))
                args = [Argument(anchor_role, "x", 0, 1, entity_id=pid)]
            if rng.random() < 0.5:
                pid, label, cc = rng.choice(places)
                ents.setdefault(pid, Entity(pid, label, EntityKind.CITY, country=cc))
                args.append(Argument("place", "x", 0, 1, entity_id=pid))
            if rng.random() < 0.3:
                args.append(Argument("agent", "the troops", 0, 1))  # unlinked
        date = rng.choice([None, "2024", "2024-03", "2024-03-01", "2024-03-02"])
        if date:
            args.append(Argument("date", date, 0, 1, value=date))
        start = len(text)
        text += sent
        events.append(Event(etype, doc, Sentence(doc, start, start + len(sent), sent),
                            Mention("Sentence", start, start + 8), args,
                            modality=rng.choice([Modality.ASSERTED, Modality.ASSERTED, Modality.NEGATED])))
    art = Article(doc, text + str(rng.random()), date=rng.choice([None, date_cls(2024, 3, 3), date_cls(2024, 3, 1)]),
                  title=doc)
    return art, events, ents


@pytest.mark.parametrize("seed", range(6))
def test_layers_updated_part_by_part_equal_a_full_recompute(tmp_path: Path, seed: int) -> None:
    import random

    rng = random.Random(seed)
    docs = [f"d{i}" for i in range(8)]
    with KGStore(tmp_path) as st:
        for step in range(7):
            for _ in range(rng.randint(1, 3)):
                doc = rng.choice(docs)
                if rng.random() < 0.25:
                    st.remove_document(doc, refresh=False)
                else:
                    st.add_document(*random_document(rng, doc), refresh=False)
            st.refresh()
            assert stored_layers(st) == reference_layers(st), f"step {step}"
        assert st._db.execute("SELECT COUNT(*) FROM dirty").fetchone() == (0,)
        canonical, entity_layer = stored_layers(st)
        assert canonical and entity_layer  # the corpus is not empty at the end


def test_a_new_publication_date_alone_rewrites_the_events_first_reported(tmp_path: Path) -> None:
    fill(tmp_path, "ab")
    later = Article("a", TEXTS["a"] + " Updated.", date=date(2024, 3, 9), title="Title a")
    with KGStore(tmp_path) as st:
        st.add_document(later, EVENTS["a"], ENTITIES)  # the same mentions, published later
        rows = query(st, "SELECT ?d WHERE { ?e a kg:Strike ; kg:firstReported ?d }").rows
        assert [str(r["d"]) for r in rows] == ["2024-03-09"]
        assert stored_layers(st) == reference_layers(st)
