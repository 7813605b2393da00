"""Speed of the shipped pipeline vs a tokenizer-only pass, in one process.

    python bench/bench_model.py --data ../shared/data [--words 200000] [--model kg_news_sm]

Text: the raw sentences of UD English-EWT test ("# text =" lines), repeated
until at least --words words; words = tokens produced by the tokenizer.
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def ewt_texts(data: Path) -> list[str]:
    path = data / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    return [line.split("=", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text =")]


def main(argv: list[str] | None = None) -> int:
    import spacy

    from kg.models import model_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--model", default="kg_news_sm", help="shipped model name or a path")
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--docs-of", type=int, default=10, help="sentences per document")
    ap.add_argument("--pipeline", choices=("kg", "model"), default="kg",
                    help="kg: the full default pipeline of kg build (build_nlp: the model with our rule "
                         "components, unused components disabled); model: the spaCy model alone")
    args = ap.parse_args(argv)

    path = Path(args.model) if Path(args.model).exists() else model_path(args.model)
    if args.pipeline == "kg":
        from kg.nlp import build_nlp

        nlp = build_nlp(str(path))
    else:
        nlp = spacy.load(path)
    sents = ewt_texts(Path(args.data))
    base = [" ".join(sents[i:i + args.docs_of]) for i in range(0, len(sents), args.docs_of)]
    n_base = sum(len(d) for d in nlp.tokenizer.pipe(base))
    texts = base * (args.words // n_base + 1)
    list(nlp.pipe(base[:20]))  # warm-up

    t = time.perf_counter()
    n_tok = sum(len(d) for d in nlp.tokenizer.pipe(texts, batch_size=args.batch_size))
    t_tok = time.perf_counter() - t

    t = time.perf_counter()
    n_words = sum(len(d) for d in nlp.pipe(texts, batch_size=args.batch_size))
    t_full = time.perf_counter() - t

    res = {"model": str(path), "pipeline": nlp.pipe_names, "docs": len(texts), "words": n_words,
           "tokenizer_words_per_s": round(n_tok / t_tok), "pipeline_words_per_s": round(n_words / t_full),
           "pipeline_seconds": round(t_full, 1), "batch_size": args.batch_size, "processes": 1}
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
