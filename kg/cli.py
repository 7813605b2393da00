"""``kg``: the command line, a thin layer over :mod:`kg.api`.

    kg build PATHS... --out DIR        articles -> graph.ttl, events.jsonl, graph.html
    kg extract DOCS...                 one JSON line per event mention (scorer format)
    kg query GRAPH QUERY [-p k=v]      SPARQL text, a .rq file or a named query
    kg queries                         list the named queries
    kg validate GRAPH [--shapes FILE]  check a graph against ontology/shapes.ttl (SHACL)
    kg train --data ../shared/data     train the shipped spaCy pipeline (python -m kg.train)

Errors a user can fix print one line (``kg: ...``) and exit non-zero.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from kg import __version__
from kg.errors import KGError

log = logging.getLogger("kg")


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("kg: %(message)s"))
    root = logging.getLogger("kg")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def cmd_build(args: argparse.Namespace) -> int:
    from kg.api import build

    started = time.perf_counter()
    result = build(args.paths, out=args.out, model=args.model, progress=not args.quiet, html=not args.no_html)
    if not result.articles:
        raise KGError("no articles could be read" + (f" ({len(result.skipped)} skipped)" if result.skipped else ""))
    counts = ", ".join(f"{n} {t}" for t, n in result.counts().items())
    log.info("%d articles -> %d event mentions (%s), %d entities, %d triples in %.1f s",
             len(result.articles), len(result.events), counts, len(result.entities), len(result.graph),
             time.perf_counter() - started)
    for name, path in result.outputs.items():
        log.info("wrote %s: %s", name, path)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg import ingest
    from kg.api import extract

    from kg.nlp import build_nlp

    files = ingest.check_paths(args.docs)
    nlp = build_nlp(args.model)
    articles = list(ingest.read(files))
    events = extract(articles, nlp=nlp, progress=not args.quiet)
    out = sys.stdout
    for ev in events:
        out.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
    out.flush()
    log.info("%d articles -> %d event mentions", len(articles), len(events))
    return 0


def _bindings(pairs: list[str]) -> dict[str, str]:
    out = {}
    for p in pairs or []:
        key, sep, value = p.partition("=")
        if not sep or not key:
            raise KGError(f"parameter {p!r}: expected NAME=VALUE")
        out[key.lstrip("?$")] = value
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from kg.graph.sparql import load_graph, query

    graph = load_graph(args.graph)
    result = query(graph, args.query, **_bindings(args.param))
    fmt = args.format
    text = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.graph.sparql import named_queries

    for name, info in sorted(named_queries().items()):
        path, description, params = info
        ps = " ".join(f"{p}=…" for p in params) if params else ""
        print(f"{name:<18} {description}" + (f"  [params: {ps}]" if ps else ""))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.graph.validate import validate

    report = validate(args.graph, shapes=args.shapes)
    if report.violations:
        sys.stdout.write(report.to_text() + "\n")
    if report.conforms:
        log.info("%s conforms to the shapes", args.graph)
        return 0
    log.warning("%s does not conform: %d violation%s", args.graph, len(report.violations),
                "" if len(report.violations) == 1 else "s")
    return 1


def cmd_train(args: argparse.Namespace) -> int:
    from kg.train.__main__ import main as train_main

    rest = args.train_args[1:] if args.train_args[:1] == ["--"] else args.train_args
    return train_main(rest)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph of armed-conflict events from news.")
    p.add_argument("--version", action="version", version=f"conflict-kg {__version__}")
    p.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors on stderr")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    p.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = sub.add_parser("build", help="articles -> graph.ttl, events.jsonl, graph.html")
    b.add_argument("paths", nargs="+", help="files, folders, globs or JSONL files")
    b.add_argument("--out", default="build", help="output folder (default: build)")
    b.add_argument("--model", default="default", help="spaCy pipeline: default (our trained kg_news_sm when installed), "
                   "blank (rules only), a shipped model name, a package or a path")
    b.add_argument("--no-html", action="store_true", help="skip the HTML network")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("extract", help="print event mentions as JSON lines (the scorer's format)")
    e.add_argument("docs", nargs="+", help="JSONL ({id,text,date,url,title}) or text/HTML files and folders")
    e.add_argument("--model", default="default", help="as for build: default, blank, a model name, package or path")
    e.set_defaults(func=cmd_extract)

    q = sub.add_parser("query", help="run SPARQL over a graph file")
    q.add_argument("graph", help="graph file (.ttl, .nt, .jsonld, .xml ...)")
    q.add_argument("query", help="SPARQL text, a .rq file, or the name of a named query (see `kg queries`)")
    q.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query variable")
    q.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    n = sub.add_parser("queries", help="list the named queries")
    n.set_defaults(func=cmd_queries)

    v = sub.add_parser("validate", help="check a graph file against the SHACL shapes (one line per violation)")
    v.add_argument("graph", help="graph file (.ttl, .nt, .jsonld, .xml ...)")
    v.add_argument("--shapes", default=None, help="SHACL shapes file (default: the shipped ontology/shapes.ttl)")
    v.set_defaults(func=cmd_validate)

    t = sub.add_parser("train", help="train our spaCy pipeline (same options as python -m kg.train; try --help)",
                       add_help=False)
    t.add_argument("train_args", nargs=argparse.REMAINDER)
    t.set_defaults(func=cmd_train)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    head = next((i for i, a in enumerate(argv) if not a.startswith("-")), None)
    if head is not None and argv[head] == "train":  # its own options, --help included
        argv = [*argv[:head], "train", "--", *argv[head + 1:]]
    args = parser().parse_args(argv)
    _setup_logging(args.quiet, args.verbose)
    try:
        return args.func(args)
    except KGError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an unexpected failure: one line unless --debug
        if args.debug:
            raise
        print(f"kg: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
