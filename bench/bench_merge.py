#!/usr/bin/env python3
"""Merge benchmark: :func:`kg.merge.merge` beside the plain algorithm it replaced, same process.

    python bench/bench_merge.py [--sizes 10000,20000,100000,300000] [--baseline-max 20000]

The corpus is ``bench_store.py``'s synthetic one (skewed actors and places, 65 % of events
dated, ~700 events a day at 1M).  The baseline is the merge as it was before the indexes:
every cluster of a mention's anchor checked against every member (complete link,
:func:`kg.merge.compatible`), which grows with the square of the corpus; it runs up to
``--baseline-max`` events, and both must give the same clusters (checked here, and on
random corpora in ``tests/test_merge.py``).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import corpus  # noqa: E402

from kg.merge import COMPARED, FACTUAL, _dates_compatible, _ids, _place_compatible, _words, anchor, merge  # noqa: E402
from kg.model import EventType  # noqa: E402


def compatible(a, b, entities) -> bool:
    """``kg.merge.compatible`` as it was (features computed on every call)."""
    if a.type != b.type:
        return False
    if (a.modality in FACTUAL) != (b.modality in FACTUAL) or (
            a.modality not in FACTUAL and a.modality != b.modality):
        return False
    if a.doc_id == b.doc_id and a.sentence.start == b.sentence.start:
        return False
    if not _dates_compatible(a.date, b.date):
        return False
    if a.type == EventType.STRIKE and a.doc_id != b.doc_id and (a.date is None or b.date is None):
        return False
    for role in COMPARED[a.type]:
        x, y = _ids(a, role), _ids(b, role)
        if role == "place":
            if not _place_compatible(x, y, entities):
                return False
        elif x and y and not x & y:
            return False
    if a.type == EventType.STATEMENT:
        wa, wb = _words(a), _words(b)
        if not wa or not wb or len(wa & wb) < 0.5 * min(len(wa), len(wb)):
            return False
    return True


def baseline_merge(events, entities) -> list[list]:
    """The merge before the indexes (kg/merge.py until 2026-11-23), clusters as mention lists."""
    def position(e):
        return e.doc_id, e.sentence.start, e.type.value, e.trigger.start

    def specificity(e):
        return sum(1 for r in COMPARED[e.type] if _ids(e, r)) + (e.date is not None)

    clusters: list[list] = []
    by_anchor: dict[tuple, list[int]] = {}
    for ev in sorted(events, key=lambda e: (-specificity(e), position(e))):
        key = anchor(ev)
        fits = [k for k in by_anchor.get((ev.type, *key), ()) if all(compatible(ev, o, entities) for o in clusters[k])] \
            if key is not None else []
        if fits:
            clusters[max(fits, key=lambda k: (len(clusters[k]), -k))].append(ev)
        else:
            clusters.append([ev])
            if key is not None:
                by_anchor.setdefault((ev.type, *key), []).append(len(clusters) - 1)
    return clusters


def digest(clusters) -> str:
    return hashlib.sha1(repr(sorted(sorted(m.id for m in c) for c in clusters)).encode()).hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,20000,100000,300000")
    ap.add_argument("--baseline-max", type=int, default=20000)
    args = ap.parse_args(argv)
    print("| events | clusters | merge s | baseline s | baseline / merge | same clusters |")
    print("|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        pool, docs = corpus(n)
        entities = {e.id: e for e in pool}
        events = [e for _, evs, _ in docs for e in evs]
        started = time.perf_counter()
        out = merge(events, entities)
        took = time.perf_counter() - started
        row = [f"{n:,}", f"{len(out):,}", f"{took:.2f}"]
        if n <= args.baseline_max:
            started = time.perf_counter()
            base = baseline_merge(events, entities)
            base_s = time.perf_counter() - started
            same = digest(base) == digest([c.mentions for c in out])
            row += [f"{base_s:.2f}", f"{base_s / took:.1f}x", "yes" if same else "NO"]
            if not same:
                print(" | ".join(row), file=sys.stderr)
                return 1
        else:
            row += ["-", "-", "-"]
        print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
