#!/usr/bin/env python3
"""Graph store benchmark: Oxigraph on disk beside rdflib in memory, 10k to 1M events.

    python bench/bench_store.py [--sizes 10000,100000,1000000] [--work DIR] [--json OUT]
                                [--backends oxigraph,rdflib] [--rdflib-max-gb 6]

For each size a synthetic corpus is made with the model classes of
:mod:`kg.model` (``Article``, ``Event``, ``Argument``, ``Entity``; a realistic mix
of event types, actors, places, weapons, dates at day/month/year precision,
quantities and statements, ~8 events per document, entities drawn with a skewed
popularity), turned into quads by our own graph code in the layout of
:class:`kg.graph.store.KGStore` (each document's graph in its own named graph,
the entity and canonical layers in theirs; :func:`write_nquads`) and streamed to
an N-Quads file.  Each backend then runs in its own subprocess (so peak memory is
its own):

* ``oxigraph``: :meth:`pyoxigraph.Store.bulk_load` of the file into a store on
  disk, then :meth:`~pyoxigraph.Store.optimize` (a full compaction, timed apart,
  as :meth:`kg.graph.store.KGStore.optimize` does); queries through
  :func:`kg.graph.sparql.query` over the union of the named graphs, as
  ``kg query --store`` runs them;
* ``rdflib``: a ``ConjunctiveGraph`` (union of the named graphs) in rdflib's
  in-memory store; parameters through ``initBindings``.

Reported per backend and size: load time (and compaction time), peak RSS
(``ru_maxrss`` of the child), store size on disk (Oxigraph), and the latency of every named query of
``ontology/queries`` with its parameters bound (all rows fetched; the best of
``--repeat`` runs, with the row count).  rdflib is skipped at a size whose memory,
projected linearly from the previous size's peak, exceeds the available memory
minus a 2 GiB margin or ``--rdflib-max-gb``; the output says so.

Targets (issue 5) at 1M events: load <= 60 s, every named query <= 1 s.
Measured numbers are kept in ``bench/README.md``.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout's kg can be measured

from kg.graph import rdf  # noqa: E402
from kg.graph.vocab import ID  # noqa: E402
from kg.model import Argument, Article, Entity, EntityKind, Event, EventType, Mention, Sentence  # noqa: E402

GiB = 1024 ** 3
#: Documents turned into triples per to_graph call (each call has a fixed cost).
DOCS_PER_GRAPH = 200
ENTITY_PREFIX = f"{ID}entity/"

# --------------------------------------------------------------------------- synthetic corpus

_FIRST = ["Oleksandr", "Volodymyr", "Sergei", "Kim", "Lloyd", "Ali", "Maria", "Yulia", "Andriy", "Dmitry",
          "Rustem", "Valery", "Mark", "Emmanuel", "Olaf", "Recep", "Antony", "Jens", "Ursula", "Ebrahim"]
_LAST = ["Syrskyi", "Kovalenko", "Shoigu", "Austin", "Rutte", "Petrenko", "Gerasimov", "Budanov", "Umerov",
         "Zaluzhnyi", "Belousov", "Macron", "Scholz", "Erdogan", "Blinken", "Stoltenberg", "Raisi", "Kuleba"]
_COUNTRIES = ["UA", "RU", "KP", "US", "GB", "FR", "DE", "PL", "TR", "IR", "IL", "SY", "CN", "BY", "LT", "EE",
              "LV", "FI", "SE", "NO", "RO", "HU", "SK", "CZ", "IT", "ES", "JP", "KR", "IN", "PK"]
_PLACE_WORDS = ["Kursk", "Kharkiv", "Donetsk", "Zaporizhzhia", "Kherson", "Belgorod", "Odesa", "Mykolaiv",
                "Sumy", "Avdiivka", "Pokrovsk", "Bakhmut", "Sevastopol", "Luhansk", "Dnipro", "Chernihiv"]
_WEAPONS = ["Shahed drone", "Iskander missile", "Kalibr missile", "ATACMS", "Storm Shadow", "glide bomb",
            "HIMARS", "Kh-101 missile", "FPV drone", "artillery"]
_TRIGGERS = {
    EventType.DEPLOYMENT: ["deployed", "sent", "moved", "stationed"],
    EventType.STRIKE: ["struck", "attacked", "shelled", "hit"],
    EventType.APPOINTMENT: ["appointed", "named", "replaced"],
    EventType.STATEMENT: ["said", "stated", "told", "warned"],
}
_TYPE_WEIGHTS = [(EventType.DEPLOYMENT, 0.35), (EventType.STRIKE, 0.25), (EventType.APPOINTMENT, 0.05),
                 (EventType.STATEMENT, 0.35)]


def entities(n_events: int, rng: random.Random) -> list[Entity]:
    """A pool of entities growing with the corpus (about 1 per 20 events, at least 600)."""
    n = max(600, n_events // 20)
    out: list[Entity] = []
    for cc in _COUNTRIES:
        out.append(Entity(f"country/{cc}", f"Country {cc}", EntityKind.STATE, country=cc, aliases={cc}))
        out.append(Entity(f"forces/{cc}", f"Armed forces of {cc}", EntityKind.ARMED_FORCES, country=cc))
    kinds = [(EntityKind.PERSON, 0.45), (EntityKind.CITY, 0.2), (EntityKind.REGION, 0.05),
             (EntityKind.ARMED_GROUP, 0.08), (EntityKind.ORGANISATION, 0.07), (EntityKind.GOVERNMENT, 0.05),
             (EntityKind.PLACE, 0.1)]
    ks, ws = zip(*kinds)
    i = 0
    while len(out) < n:
        i += 1
        kind = rng.choices(ks, ws)[0]
        cc = rng.choice(_COUNTRIES)
        if kind is EntityKind.PERSON:
            label = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
            out.append(Entity(f"person/p{i}", label, kind, country=cc, aliases={label.split()[1] + f" {i}"},
                              role=rng.choice([None, "defence minister", "commander", "spokesperson"])))
        elif kind in (EntityKind.CITY, EntityKind.REGION, EntityKind.PLACE):
            label = f"{rng.choice(_PLACE_WORDS)} {i}"
            gid = 100000 + i
            out.append(Entity(f"{kind.value}/{gid}", label, kind, country=cc, geonames_id=gid,
                              lat=round(rng.uniform(44, 53), 4), lon=round(rng.uniform(22, 40), 4)))
        else:
            label = f"{kind.value.replace('_', ' ').title()} {i}"
            out.append(Entity(f"org/o{i}", label, kind, country=cc))
    for w in _WEAPONS:
        out.append(Entity(f"weapon/{w.lower().replace(' ', '-')}", w, EntityKind.WEAPON))
    return out


def corpus(n_events: int, seed: int = 5):
    """Yield ``(article, events, entities used)`` per document, and return the entity pool first.

    Entity popularity is skewed (Zipf-like), as in news: a few states and leaders
    fill most roles.
    """
    rng = random.Random(seed)
    pool = entities(n_events, rng)
    by_kind: dict[str, list[Entity]] = {}
    for e in pool:
        group = ("actor" if e.kind in (EntityKind.STATE, EntityKind.ARMED_FORCES, EntityKind.ARMED_GROUP,
                                       EntityKind.ORGANISATION, EntityKind.GOVERNMENT) else
                 "person" if e.kind is EntityKind.PERSON else
                 "weapon" if e.kind is EntityKind.WEAPON else "place")
        by_kind.setdefault(group, []).append(e)

    def pick(group: str) -> Entity:
        items = by_kind[group]
        return items[min(len(items) - 1, int(rng.paretovariate(1.2)) - 1)]  # skewed towards the head

    types, weights = zip(*_TYPE_WEIGHTS)
    start_day = date(2022, 2, 1)

    def generator():
        made, doc_no = 0, 0
        while made < n_events:
            doc_no += 1
            doc_id = f"doc{doc_no:07d}"
            published = start_day + timedelta(days=rng.randrange(1400))
            k = min(n_events - made, rng.randint(4, 12))
            sentences, events, used = [], [], {}
            pos = 0
            for j in range(k):
                etype = rng.choices(types, weights)[0]
                trig = rng.choice(_TRIGGERS[etype])
                args: list[tuple[str, Entity | str | int]] = []
                if etype is EventType.DEPLOYMENT:
                    args = [("agent", pick("actor")), ("forces", pick("actor")), ("place", pick("place"))]
                    if rng.random() < 0.4:
                        args.append(("quantity", rng.choice([500, 1200, 3000, 11000])))
                elif etype is EventType.STRIKE:
                    args = [("agent", pick("actor")), ("target", pick("place")), ("place", pick("place"))]
                    if rng.random() < 0.6:
                        args.append(("weapon", pick("weapon")))
                elif etype is EventType.APPOINTMENT:
                    args = [("person", pick("person")), ("appointer", pick("person")), ("role", "commander")]
                    if rng.random() < 0.3:
                        args.append(("replaces", pick("person")))
                else:
                    args = [("speaker", pick("person") if rng.random() < 0.7 else pick("actor")),
                            ("content", f"the situation near {pick('place').label} is under control ({j})")]
                r = rng.random()
                if r < 0.5:
                    args.append(("date", (published - timedelta(days=rng.randrange(7))).isoformat()))
                elif r < 0.6:
                    args.append(("date", published.isoformat()[:7]))
                elif r < 0.65:
                    args.append(("date", published.isoformat()[:4]))
                words = [trig] + [a.label if isinstance(a, Entity) else str(a) for _, a in args]
                text = f"Sentence {j}: " + " ".join(words) + "."
                sent = Sentence(doc_id, pos, pos + len(text), text)
                sentences.append(text)
                arguments = []
                for role, a in args:
                    if isinstance(a, Entity) and role == "weapon" and rng.random() < 0.5:
                        used[a.id] = a  # "93 missiles", "over 200 drones"
                        arguments.append(Argument(role, a.label, pos, pos + 1, entity_id=a.id, label=a.label,
                                                  count=rng.choice([4, 12, 40, 93, 200]),
                                                  qualifier=rng.choice([None, "at_least", "approximate"])))
                    elif isinstance(a, Entity):
                        used[a.id] = a
                        arguments.append(Argument(role, a.label, pos, pos + 1, entity_id=a.id, label=a.label))
                    elif role == "quantity":
                        arguments.append(Argument(role, str(a), pos, pos + 1, value=a))
                    elif role == "date":
                        arguments.append(Argument(role, a, pos, pos + 1, value=a))
                    else:
                        arguments.append(Argument(role, a, pos, pos + 1))
                events.append(Event(etype, doc_id, sent, Mention(trig, pos + 12, pos + 12 + len(trig)), arguments))
                pos += len(text) + 1
            art = Article(doc_id, " ".join(sentences), date=published, url=f"https://news.example/{doc_id}",
                          title=f"Report {doc_no}")
            made += k
            yield art, events, used

    return pool, generator()


class TripleSink:
    """A stand-in for ``rdflib.Graph`` inside :func:`kg.graph.rdf.to_graph` that only
    collects triples (a set, as a graph) - the same code decides every triple,
    without rdflib's indexed memory store, which costs most of the generation time."""

    def __init__(self, *args, **kwargs):
        self.triples: set = set()

    def bind(self, *args, **kwargs):
        pass

    def add(self, triple):
        self.triples.add(triple)
        return self

    def __len__(self):
        return len(self.triples)

    def __iadd__(self, other):
        self.triples.update(other)
        return self

    def __iter__(self):
        return iter(self.triples)



def _nt_line(t) -> str:
    from rdflib.plugins.serializers.nt import _nt_row  # rdflib's own N-Triples writer

    return _nt_row(t)


def _build(fn, *args):
    """``fn(*args)`` (a :mod:`kg.graph.rdf` graph builder) writing into a :class:`TripleSink`."""
    real = rdf.Graph
    rdf.Graph = TripleSink
    try:
        return fn(*args)
    finally:
        rdf.Graph = real


def _split_sink(g: "TripleSink") -> tuple[list, list]:
    """(own, shared) triples, as :func:`kg.graph.store._split` decides them."""
    from rdflib import RDF

    from kg.graph.store import _own_types

    own_types = _own_types()
    own_subjects = {s for s, p, o in g.triples if p == RDF.type and o in own_types}
    own, shared = [], []
    for t in g.triples:
        (own if t[0] in own_subjects else shared).append(t)
    return own, shared


def write_nquads(n_events: int, path: Path) -> dict:
    """Write the corpus's graph as N-Quads in the layout of :class:`kg.graph.store.KGStore`
    (one named graph per document, the entity layer and the canonical layer in their
    own graphs); return counts and the seconds it took."""
    from kg.graph.vocab import CANONICAL_GRAPH, ENTITIES_GRAPH, doc_graph_iri

    started = time.perf_counter()
    activity = rdf.Activity("bench", "2026-01-01T00:00:00Z")
    pool, docs = corpus(n_events)
    pool_map = {e.id: e for e in pool}
    tmp = path.with_suffix(".tmp")
    quads = events = n_docs = 0
    shared: set = set()
    ents_g = f" <{ENTITIES_GRAPH}> .\n"
    canon_g = f" <{CANONICAL_GRAPH}> .\n"
    with open(tmp, "w", encoding="utf-8") as fh:
        def write(triples, tail: str) -> int:
            fh.writelines(_nt_line(t)[:-3] + tail for t in triples)
            return len(triples)

        def put(sink: TripleSink, tail: str) -> int:
            """The graph's own triples into its named graph; the shared ones kept for the entity layer."""
            own, more = _split_sink(sink)
            shared.update(more)
            return write(own, tail)

        def canonical(batch: list, published: dict) -> int:
            # the canonical layer: every mention its own event (no merging)
            return put(_build(rdf.canonical_graph, rdf.singletons(batch), pool_map, activity, published), canon_g)

        batch: list = []
        published: dict = {}
        for art, doc_events, used in docs:
            published[art.id] = art.date
            quads += put(_build(rdf.document_graph, art, doc_events, used, activity), f" <{doc_graph_iri(art.id)}> .\n")
            batch += doc_events
            events += len(doc_events)
            n_docs += 1
            if len(batch) >= 2000:
                quads += canonical(batch, published)
                batch, published = [], {}
        if batch:
            quads += canonical(batch, published)
        shared.update(_build(rdf.entities_graph, pool).triples)
        quads += write(sorted(shared), ents_g)
    tmp.replace(path)
    return {"events": events, "documents": n_docs, "entities": len(pool), "triples": quads,
            "generate_s": round(time.perf_counter() - started, 1), "nt_bytes": path.stat().st_size}


# --------------------------------------------------------------------------- parameters


def parameter_cases(n_events: int) -> dict[str, dict]:
    """Parameter values for each named query, taken from the synthetic corpus (the
    most popular actor and speaker, a month in the middle of the dates)."""
    pool = entities(n_events, random.Random(5))
    actor = next(e for e in pool if e.kind is EntityKind.STATE)
    person = next(e for e in pool if e.kind is EntityKind.PERSON)
    rare = [e for e in pool if e.kind is EntityKind.PERSON][-1]  # the tail of the popularity curve
    month = {"since": "2024-03", "until": "2024-03"}
    week = {"since": "2024-03-04", "until": "2024-03-10"}
    cases = {
        "counts_by_type": {},
        "events_by_type": {"type": "strike"},
        "events_by_type:month": {"type": "strike", **month},
        "events_by_type:week": {"type": "strike", **week},
        "events_by_actor": {"actor": str(rdf_entity_iri(actor.id))},
        "events_by_actor:month": {"actor": str(rdf_entity_iri(actor.id)), **month},
        "events_by_actor:week": {"actor": str(rdf_entity_iri(actor.id)), **week},
        "events_by_actor:label": {"actor": person.label.split()[1].lower()},
        "timeline": {},
        "timeline:month": month,
        "timeline:week": week,
        "who_said_what": {},
        "who_said_what:month": month,
        "who_said_what:week": week,
        "who_said_what:who": {"who": person.label.split()[1].lower()},
        "sources_per_event": {},
        "sources_per_event:month": month,
        "sources_per_event:week": week,
        "munitions": {},
        "munitions:month": month,
        "munitions:week": week,
        "munitions:using": {"using": "shahed"},
        # pages (kg query --limit 50 [--offset N]): date-ordered queries widen date windows
        # from the first calendar day until the page is full (kg.graph.sparql._page_by_date)
        "events_by_type:page": {"type": "strike", "limit": 50},
        "events_by_actor:page": {"actor": str(rdf_entity_iri(actor.id)), "limit": 50},
        "events_by_actor:label:page": {"actor": person.label.split()[1].lower(), "limit": 50},
        "events_by_actor:rare": {"actor": str(rdf_entity_iri(rare.id))},
        "events_by_actor:rare:page": {"actor": str(rdf_entity_iri(rare.id)), "limit": 50},
        "timeline:page": {"limit": 50},
        "timeline:page@10000": {"limit": 50, "offset": 10000},
        "timeline:month:page": {"limit": 50, **month},
        "who_said_what:page": {"limit": 50},
        "who_said_what:who:page": {"who": person.label.split()[1].lower(), "limit": 50},
        "sources_per_event:page": {"limit": 50},
        "sources_per_event:page@10000": {"limit": 50, "offset": 10000},
        "munitions:page": {"limit": 50},
        "munitions:using:page": {"using": "shahed", "limit": 50},
    }
    # parameterised cases first, then the whole-corpus listings (the slow ones at 1M)
    return dict(sorted(cases.items(), key=lambda kv: not (kv[1] or kv[0] == "counts_by_type")))


def select_cases(cases: dict[str, dict], names: str | None) -> dict[str, dict]:
    """``cases`` restricted to the comma-separated ``names`` (None: all; "": none)."""
    if names is None:
        return cases
    wanted = [c.strip() for c in names.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in cases]
    if unknown:
        raise SystemExit(f"bench_store: unknown case(s) {', '.join(unknown)}; known: {', '.join(cases)}")
    return {c: cases[c] for c in cases if c in wanted}


def rdf_entity_iri(eid: str):
    from kg.graph.vocab import entity_iri

    return entity_iri(eid)


# --------------------------------------------------------------------------- children


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _partial(out: dict, path: Path | None) -> None:
    """Results so far, so that a run stopped early still tells something."""
    if path is not None:
        path.write_text(json.dumps(out))


def child_oxigraph(nt: Path, store_dir: Path, cases: dict, repeat: int, partial: Path | None = None) -> dict:
    import pyoxigraph as ox

    if store_dir.exists():
        shutil.rmtree(store_dir)
    started, cpu0 = time.perf_counter(), time.process_time()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_QUADS)
    store.flush()
    load_s, load_cpu = time.perf_counter() - started, time.process_time() - cpu0
    # a full compaction (KGStore.optimize), timed apart, from a reopened store (the bulk loader's
    # own files turn out to be compact already)
    del store
    gc.collect()
    started, cpu0 = time.perf_counter(), time.process_time()
    store = ox.Store(str(store_dir))
    store.optimize()
    store.flush()
    out = {"load_s": round(load_s, 2), "load_cpu_s": round(load_cpu, 2),
           "optimize_s": round(time.perf_counter() - started, 2),
           "optimize_cpu_s": round(time.process_time() - cpu0, 2), "store_bytes": _du(store_dir)}
    return _run_cases(store, out, cases, repeat, partial)


def _run_cases(target, out: dict, cases: dict, repeat: int, partial: Path | None) -> dict:
    """Time every named-query case on ``target`` (through :func:`kg.graph.sparql.query`, as
    ``kg query`` runs it) into ``out["queries"]``, saving partial results as it goes."""
    from kg.graph.sparql import query

    lat = out["queries"] = {}
    out["peak_rss"] = _peak_rss()
    _partial(out, partial)
    for case, bindings in cases.items():
        name = case.split(":")[0]
        lat[case] = _timed(lambda: len(query(target, name, **bindings).rows), repeat)
        out["peak_rss"] = _peak_rss()
        _partial(out, partial)
    return out


def _timed(run, repeat: int) -> dict:
    """Best wall and CPU seconds of ``repeat`` calls of ``run`` (which returns the row count)."""
    best, cpu, rows = None, None, 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        rows = run()
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = dt if best is None else min(best, dt)
        cpu = dc if cpu is None else min(cpu, dc)
        if dt > 5:  # one slow run is enough to know
            break
    return {"s": round(best, 4), "cpu_s": round(cpu, 4), "rows": rows}


def child_rdflib(nt: Path, cases: dict, repeat: int, partial: Path | None = None) -> dict:
    from rdflib import ConjunctiveGraph

    started, cpu0 = time.perf_counter(), time.process_time()
    g = ConjunctiveGraph()  # queries see the union of the named graphs, as in the store
    g.parse(str(nt), format="nquads")
    out = {"load_s": round(time.perf_counter() - started, 2), "load_cpu_s": round(time.process_time() - cpu0, 2),
           "store_bytes": None}
    return _run_cases(g, out, cases, repeat, partial)


# --------------------------------------------------------------------------- driver


def _available() -> int:
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def _running(pattern: str) -> bool:
    """Whether another process (not this one) has ``pattern`` in its command line."""
    out = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    return any(int(pid) != os.getpid() for pid in out)


def run_child(backend: str, nt: Path, work: Path, n: int, repeat: int, timeout: float,
              cases: str | None = None, keep: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", backend, "--nt", str(nt), "--work", str(work),
           "--sizes", str(n), "--repeat", str(repeat)] + (["--cases", cases] if cases is not None else []) \
        + (["--keep"] if keep else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"skipped": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt_table(results: list[dict]) -> str:
    cases = []
    for r in results:
        for c in (r.get("queries") or {}):
            if c not in cases:
                cases.append(c)
    head = ["events", "backend", "triples", "load s wall / CPU", "optimize s wall / CPU", "peak RSS MiB",
            "store MiB"] + \
        [f"{c} s wall / CPU (rows)" for c in cases]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        if "skipped" in r or "error" in r:
            lines.append(f"| {r['events']:,} | {r['backend']} | {r.get('skipped') or r.get('error')} |")
            continue
        q = r["queries"]
        opt = f"{r['optimize_s']:.1f} / {r['optimize_cpu_s']:.1f}" if "optimize_s" in r else "-"
        cells = [f"{r['events']:,}", r["backend"], f"{r['triples']:,}", f"{r['load_s']:.1f} / {r['load_cpu_s']:.1f}",
                 opt, f"{r['peak_rss'] / 2**20:,.0f}",
                 "-" if r["store_bytes"] is None else f"{r['store_bytes'] / 2**20:,.0f}"]
        cells += [f"{q[c]['s']:.3f} / {q[c]['cpu_s']:.3f} ({q[c]['rows']:,})" if c in q else "" for c in cases]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated event counts")
    ap.add_argument("--backends", default="oxigraph,rdflib")
    ap.add_argument("--work", default="/tmp/kg-bench-store", help="folder for N-Triples files and stores")
    ap.add_argument("--json", help="write the results here as JSON too")
    ap.add_argument("--repeat", type=int, default=3, help="query runs; the best is reported")
    ap.add_argument("--rdflib-max-gb", type=float, default=6.0, help="skip rdflib above this projected RSS")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per backend and size")
    ap.add_argument("--keep", action="store_true", help="keep the N-Triples files and stores")
    ap.add_argument("--rdflib-peak", metavar="EVENTS:BYTES",
                    help="rdflib's peak RSS at a smaller size from an earlier run, for the projection")
    ap.add_argument("--wait-while", metavar="PATTERN",
                    help="before sizes >= 1M, wait while a process matching PATTERN runs (pgrep -f)")
    ap.add_argument("--cases", help="comma-separated query cases to time (default: all; '' for load only)")
    ap.add_argument("--store", metavar="DIR",
                    help="time the cases on this Oxigraph store (kept by --keep; one size in --sizes), no load")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--nt", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    work = Path(args.work)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    if args.child:
        n = sizes[0]
        cases = select_cases(parameter_cases(n), args.cases)
        if args.child == "oxigraph":
            res = child_oxigraph(Path(args.nt), work / f"oxigraph-{n}", cases, args.repeat,
                                 partial=work / f"partial-oxigraph-{n}.json")
            if not args.keep:
                shutil.rmtree(work / f"oxigraph-{n}", ignore_errors=True)
        else:
            res = child_rdflib(Path(args.nt), cases, args.repeat, partial=work / f"partial-rdflib-{n}.json")
        print(json.dumps(res))
        return 0

    if args.store:  # queries only, on a store loaded before
        import pyoxigraph as ox

        if len(sizes) != 1 or not Path(args.store).is_dir():
            raise SystemExit("bench_store: --store needs an existing store folder and its one size in --sizes")
        cases = select_cases(parameter_cases(sizes[0]), args.cases)
        res = _run_cases(ox.Store.read_only(args.store), {"store": args.store}, cases, args.repeat, None)
        for case, q in res["queries"].items():
            print(f"{case:28s} {q['s']:9.3f} s  {q['rows']:>9,} rows", file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps(res))
        return 0

    select_cases(parameter_cases(min(sizes)), args.cases)  # unknown names fail here, before any work
    work.mkdir(parents=True, exist_ok=True)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    results: list[dict] = []
    rdflib_rss: tuple[int, int] | None = None  # (events, peak bytes) of the last rdflib run
    if args.rdflib_peak:
        e, b = args.rdflib_peak.split(":")
        rdflib_rss = (int(e), int(b))
    print(f"bench_store: sizes {sizes}, backends {backends}, cpus {os.cpu_count()}, "
          f"available memory {_available() / GiB:.1f} GiB", file=sys.stderr)
    for n in sizes:
        if args.wait_while and n >= 1_000_000:
            while _running(args.wait_while):
                time.sleep(30)
        nt = work / f"events-{n}.nq"
        if nt.exists():
            gen = json.loads((work / f"events-{n}.json").read_text())
        else:
            gen = write_nquads(n, nt)
            (work / f"events-{n}.json").write_text(json.dumps(gen))
        print(f"  {n:,} events: {gen['triples']:,} triples, {gen['documents']:,} documents, "
              f"{gen['entities']:,} entities, N-Triples {gen['nt_bytes'] / 2**20:,.0f} MiB "
              f"written in {gen['generate_s']} s", file=sys.stderr)
        for backend in backends:
            row = {"events": n, "backend": backend, "generate": gen, "triples": gen["triples"]}
            if backend == "rdflib" and rdflib_rss is not None:
                projected = rdflib_rss[1] * n / rdflib_rss[0]
                limit = min(_available() - 2 * GiB, args.rdflib_max_gb * GiB)
                if projected > limit:
                    row["skipped"] = (f"skipped: projected {projected / GiB:.1f} GiB (from "
                                      f"{rdflib_rss[1] / GiB:.1f} GiB at {rdflib_rss[0]:,} events) > "
                                      f"limit {limit / GiB:.1f} GiB")
                    print(f"  rdflib {row['skipped']}", file=sys.stderr)
                    results.append(row)
                    continue
            t0 = time.perf_counter()
            row.update(run_child(backend, nt, work, n, args.repeat, args.timeout, args.cases, args.keep))
            print(f"  {backend} {n:,}: {time.perf_counter() - t0:.0f} s "
                  + json.dumps({k: v for k, v in row.items() if k not in ('generate',)}), file=sys.stderr)
            if backend == "rdflib" and "peak_rss" in row:
                rdflib_rss = (n, row["peak_rss"])
            results.append(row)
        if not args.keep:
            nt.unlink(missing_ok=True)
            (work / f"events-{n}.json").unlink(missing_ok=True)
    print(fmt_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
