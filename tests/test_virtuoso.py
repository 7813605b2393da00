"""`kg push` into a real Virtuoso, then every named query gives the same rows there as here.

A private Virtuoso (Debian package ``virtuoso-opensource``: ``virtuoso-t``) is
started on free 127.0.0.1 ports with its own database folder and ``virtuoso.ini``
(not the system service), the seeds' graph is pushed through ``kg push`` to
``/sparql-auth`` with Digest credentials from the environment, and each named
query of ``ontology/queries`` (parameters bound from the graph) is run on Virtuoso
(over the SPARQL protocol) and on rdflib (:func:`kg.graph.sparql.query`).

Without Virtuoso the module is skipped, unless ``KG_REQUIRE_VIRTUOSO`` is set
(``.ci/run`` sets it and installs the package), in which case it fails.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg.cli import main
from kg.graph import sparql
from kg.graph.sparql import load_graph, named_queries, query, to_term
from kg.graph import vocab

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GRAPH_IRI = "urn:conflict-kg:test"

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 8
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Base URL of a private Virtuoso; stopped (and its database removed) afterwards."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        if os.environ.get("KG_REQUIRE_VIRTUOSO"):
            pytest.fail("KG_REQUIRE_VIRTUOSO is set but virtuoso-t is not installed "
                        "(apt-get install virtuoso-opensource)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    d = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = _free_port(), _free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, http_port=http_port, sql_port=sql_port))
    log = open(d / "stdout.log", "wb")
    proc = subprocess.Popen([exe, "-f", "-c", str(d / "virtuoso.ini")], cwd=d, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    probe = f"{base}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 120
    try:
        while not _http_ok(probe):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (d / "stdout.log").read_text(errors="replace")[-1500:]
                pytest.fail(f"Virtuoso did not start (exit {proc.poll()}):\n{tail}")
            time.sleep(0.5)
        yield base
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    assert main(["-q", "build", str(SEEDS), "--out", str(out), "--no-html"]) == 0
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def pushed(virtuoso, seeds_graph, monkeypatch_module):
    """Push the seeds' graph once (digest auth as Virtuoso's dba) and return its rdflib graph."""
    monkeypatch_module.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch_module.setenv("KG_ENDPOINT_PASSWORD", "dba")
    assert main(["-q", "push", str(seeds_graph), "--endpoint", f"{virtuoso}/sparql-auth",
                 "--graph", GRAPH_IRI, "--batch", "500"]) == 0
    return load_graph(seeds_graph)


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


# --------------------------------------------------------------------------- remote queries


def _with_values(text: str, bindings: dict, name: str | None = None) -> str:
    """Bind parameters on a remote server, which has no pre-binding: the SEP-0007
    substitution ``kg.graph.sparql.substitute`` of the terms ``kg query --endpoint``
    binds (a named query's date windows as xsd:date bounds)."""
    if name is not None:
        return sparql.substitute(text, sparql.bindings_for(name, **bindings))
    terms = {k: to_term(v) for k, v in bindings.items()}
    return sparql.substitute(text, {k: t for k, t in terms.items() if t is not None})


def _term(b: dict):
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    dt = b.get("datatype")
    return Literal(value, lang=b.get("xml:lang"), datatype=URIRef(dt) if dt else None)


def _norm(term):
    """Comparable form: plain and xsd:string literals alike; numbers by value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = term.datatype
        if dt in (None, vocab.XSD.string):
            return ("lit", str(term), term.language)
        if dt in (vocab.XSD.integer, vocab.XSD.int, vocab.XSD.long, vocab.XSD.decimal, vocab.XSD.double, vocab.XSD.float):
            return ("num", float(term))
        return ("lit", str(term), str(dt))
    return (type(term).__name__, str(term))


def remote_rows(endpoint: str, text: str, bindings: dict, name: str | None = None) -> list[dict]:
    data = urllib.parse.urlencode({"query": _with_values(text, bindings, name),
                                   "default-graph-uri": GRAPH_IRI}).encode()
    req = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            doc = json.load(r)
    except urllib.error.HTTPError as e:
        first = e.read().decode("utf-8", "replace").strip().splitlines()[:1]
        pytest.fail(f"Virtuoso refused the query: HTTP {e.code}: {first}")
    names = doc["head"]["vars"]
    return [{v: _norm(_term(b[v])) if v in b else None for v in names} for b in doc["results"]["bindings"]]


# --------------------------------------------------------------------------- parameter values


def _one(g: Graph, sparql: str):
    rows = list(g.query(sparql, initNs={"kg": vocab.KG, "rdfs": vocab.RDFS}))
    return rows[0] if rows else None


def _actor(g: Graph):
    """The entity filling the most actor roles (an IRI, and a lower-case piece of its label)."""
    row = _one(g, """SELECT ?ent ?name (COUNT(?e) AS ?n) WHERE {
        VALUES ?p { kg:agent kg:forces kg:target kg:person kg:speaker }
        ?e ?p ?ent . ?ent rdfs:label ?name } GROUP BY ?ent ?name ORDER BY DESC(?n) ?ent LIMIT 1""")
    assert row is not None, "no actor in the graph"
    return row[0], str(row[1]).lower()[:5]


def _speaker(g: Graph):
    row = _one(g, """SELECT ?ent ?name (COUNT(?e) AS ?n) WHERE { ?e kg:speaker ?ent . ?ent rdfs:label ?name }
        GROUP BY ?ent ?name ORDER BY DESC(?n) ?ent LIMIT 1""")
    assert row is not None, "no speaker in the graph"
    return row[0], str(row[1]).lower()[:5]


def _month(g: Graph):
    row = _one(g, "SELECT ?d WHERE { ?e kg:date ?d } ORDER BY STR(?d) LIMIT 1")
    assert row is not None, "no dated event in the graph"
    return str(row[0])[:7]


#: Values to try for each parameter name: graph -> list of values.
VALUES_FOR = {
    "type": lambda g: ["deployment", "strike", "appointment", "statement"],
    "actor": lambda g: list(_actor(g)),
    "who": lambda g: list(_speaker(g)),
    "since": lambda g: [_month(g), _month(g)[:4]],
    "until": lambda g: [_month(g)],
    "using": lambda g: ["missile", "drone"],
}


def _cases(g: Graph, name: str, nq) -> list[dict]:
    missing = [p for p in nq.params if p not in VALUES_FOR]
    if missing:
        pytest.fail(f"no test values for {name}'s parameters {missing}: add them to VALUES_FOR")
    cases: list[dict] = [{}] if not nq.required else []
    for p in nq.params:
        base = {r: VALUES_FOR[r](g)[0] for r in nq.required if r != p}
        cases += [dict(base, **{p: v}) for v in VALUES_FOR[p](g)]
    return cases


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_same_rows_on_virtuoso(virtuoso, pushed, name):
    nq = named_queries()[name]
    text = nq.path.read_text(encoding="utf-8")
    for bindings in _cases(pushed, name, nq):
        local = query(pushed, name, **bindings)
        want = sorted(([{v: _norm(t.get(v)) for v in local.vars} for t in local.terms]), key=repr)
        got = sorted(remote_rows(f"{virtuoso}/sparql", text, bindings, name), key=repr)
        assert got == want, f"{name} {bindings}: Virtuoso {len(got)} rows, rdflib {len(want)} rows"


def test_push_loaded_every_triple(virtuoso, pushed):
    rows = remote_rows(f"{virtuoso}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
    assert rows == [{"n": ("num", float(len(pushed)))}]
