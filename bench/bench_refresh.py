#!/usr/bin/env python3
"""Incremental store builds: one document added to, replaced in or removed from a store of N
events, beside recomputing both derived layers from every record (the refresh before it went
part by part), in the same process.

    python bench/bench_refresh.py [--sizes 10000,100000] [--work DIR]

The corpus is ``bench_store.py``'s synthetic one (skewed actors: the busiest merge part holds a
large share of all deployments).  Per size: the store is filled through
:meth:`kg.graph.store.KGStore.add_document` (``refresh=False``) and refreshed once (every part);
then timed: the full recomputation (:func:`full_recompute`), and one held-out document added,
replaced (same id, other mentions) and removed, each with its :meth:`~kg.graph.store.KGStore.refresh`;
last, the size of the records (``mentions.sqlite``) and of the whole store directory.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import corpus  # noqa: E402

from kg.graph.store import (  # noqa: E402
    KGStore, _canonical_graph, _merge_entities, _split, event_from_dict,
)
from kg.graph.vocab import CANONICAL_GRAPH, ENTITIES_GRAPH  # noqa: E402


def full_recompute(st: KGStore) -> None:
    """Both derived layers from every record, rewritten whole (``KGStore.refresh`` until
    2026-11-23; the documents' shared lines from the ``shared`` table, as the records held them)."""
    import pyoxigraph as ox

    records = list(st._records())
    shared = {line for (line,) in st._db.execute(
        "SELECT line FROM shared JOIN lines ON lines.id = shared.line_id WHERE source LIKE 'doc:%'")}
    events = [event_from_dict(e) for r in records for e in r["events"]]
    entities = _merge_entities(records)
    published = {r["doc_id"]: r["article"].get("date") for r in records if r["article"].get("date")}
    own, more = _split(_canonical_graph(st.merge(events, entities), entities, None, published))
    shared |= set(more)
    store = st.oxigraph
    for name, lines in ((ENTITIES_GRAPH, sorted(shared)), (CANONICAL_GRAPH, own)):
        graph = ox.NamedNode(str(name))
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        store.load("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(n: int, work: Path) -> dict:
    pool, docs = corpus(n + 12)
    entities = {e.id: e for e in pool}
    docs = list(docs)
    held, docs = docs[-1], docs[:-1]
    other = docs[0]
    path = work / f"store-{n}"
    shutil.rmtree(path, ignore_errors=True)
    out = {"events": sum(len(d[1]) for d in docs), "documents": len(docs)}
    with KGStore(path) as st:
        def fill():
            for art, evs, _ in docs:
                st.add_document(art, evs, entities, refresh=False)
        out["add_all_s"] = timed(fill)
        out["first_refresh_s"] = timed(st.refresh)
        out["full_recompute_s"] = timed(lambda: full_recompute(st))
        art, evs, _ = held

        def add():
            st.add_document(art, evs, entities)
        out["add_one_s"] = timed(add)
        # the same id with another document's mentions, moved onto it
        replaced = [type(e)(e.type, art.id, e.sentence, e.trigger, e.args, modality=e.modality) for e in other[1]]

        def replace():
            st.add_document(type(art)(art.id, art.text + " (updated)", date=art.date, title=art.title), replaced,
                            entities)
        out["replace_one_s"] = timed(replace)
        out["remove_one_s"] = timed(lambda: st.remove_document(art.id))
    out["records_mib"] = (path / "mentions.sqlite").stat().st_size / 2**20
    out["store_mib"] = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20
    shutil.rmtree(path, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-refresh-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    print("| events | fill (no refresh) s | first refresh s | full recompute s | add one s | replace one s "
          "| remove one s | full / add one | records MiB | store MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        r = run(n, work)
        rows.append(r)
        print(f"| {r['events']:,} | {r['add_all_s']:.1f} | {r['first_refresh_s']:.1f} | {r['full_recompute_s']:.1f} "
              f"| {r['add_one_s']:.2f} | {r['replace_one_s']:.2f} | {r['remove_one_s']:.2f} "
              f"| {r['full_recompute_s'] / r['add_one_s']:.0f}x | {r['records_mib']:,.0f} | {r['store_mib']:,.0f} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
