#!/usr/bin/env python3
"""Throughput of ``kg build`` beside a spaCy tokenizer-only pass over the same text.

    python bench/bench_build.py [--words 200000] [--seeds seeds/] [--model NAME] [--json]

The seed articles are repeated (with distinct ids) until the corpus holds at
least ``--words`` words; both passes run in this process on the same articles,
so the ratio is comparable across machines. Words are whitespace-separated
tokens of the text that NLP reads (boilerplate dropped).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from kg import ingest  # noqa: E402
from kg.api import extract_linked, write_outputs  # noqa: E402
from kg.graph.rdf import to_graph  # noqa: E402
from kg.model import Result  # noqa: E402


def corpus(seeds: Path, words: int):
    base = list(ingest.read([seeds]))
    if not base:
        sys.exit(f"bench: no articles in {seeds}")
    out, total, n = [], 0, 0
    while total < words:
        for a in base:
            copy = dataclasses.replace(a, id=f"{a.id}-r{n}")
            out.append(copy)
            total += len(copy.body().split())
        n += 1
    return out, total


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--words", type=int, default=200_000)
    p.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    p.add_argument("--model", default="default", help="spaCy pipeline: default (trained when installed), blank, name or path")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = p.parse_args(argv)

    articles, words = corpus(args.seeds, args.words)

    tok = spacy.blank("en").tokenizer
    t0 = time.perf_counter()
    n_tokens = sum(len(d) for d in tok.pipe(a.body() for a in articles))
    t_tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    events, entities = extract_linked(articles, model=args.model)
    t_nlp = time.perf_counter() - t0
    t1 = time.perf_counter()
    graph = to_graph(articles, events, entities)
    result = Result(articles, events, entities, graph)
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(result, Path(tmp))
    t_graph = time.perf_counter() - t1
    t_build = t_nlp + t_graph

    row = {
        "articles": len(articles), "words": words, "tokens": n_tokens, "events": len(events),
        "triples": len(graph),
        "tokenizer_words_per_s": round(words / t_tok), "build_words_per_s": round(words / t_build),
        "nlp_words_per_s": round(words / t_nlp),
        "ratio_build_to_tokenizer": round(t_tok / t_build, 4),
        "seconds": {"tokenizer": round(t_tok, 2), "nlp+link": round(t_nlp, 2), "graph+outputs": round(t_graph, 2)},
    }
    if args.json:
        print(json.dumps(row))
    else:
        print(f"corpus: {len(articles)} articles, {words} words, {n_tokens} tokens -> {len(events)} events, "
              f"{len(graph)} triples")
        print(f"tokenizer only : {row['tokenizer_words_per_s']:>10,} words/s  ({t_tok:.2f} s)")
        print(f"kg build       : {row['build_words_per_s']:>10,} words/s  ({t_build:.2f} s: nlp+link {t_nlp:.2f} s, "
              f"graph+outputs {t_graph:.2f} s)")
        print(f"ratio build/tokenizer throughput: {row['ratio_build_to_tokenizer']:.4f} "
              f"(build is {t_build / t_tok:.1f}x slower than tokenizing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
