"""``kg``: the command line, a thin layer over :mod:`kg.api`.

    kg build PATHS... --out DIR        articles -> graph.ttl, events.jsonl, graph.html
    kg build PATHS... --store DIR      add new or changed documents to a persistent store
    kg remove DOC_ID... --store DIR    take documents out of a store
    kg extract DOCS...                 one JSON line per event mention (scorer format)
    kg query GRAPH QUERY [-p k=v]      SPARQL text, a .rq file or a named query
    kg query --store DIR QUERY         ... over a store (or --endpoint URL)
    kg queries                         list the named queries
    kg validate GRAPH [--shapes FILE]  check a graph against ontology/shapes.ttl (SHACL)
    kg export --store DIR -o FILE      ttl, nt, trig, nq, jsonld, csv, jsonl, graphml, gexf
    kg serve --store DIR [--port N]    read-only SPARQL endpoint (Oxigraph's server)
    kg push GRAPH --endpoint URL       load a graph into a SPARQL 1.1 server
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
    result = build(args.paths, out=args.out, model=args.model, progress=not args.quiet, html=not args.no_html,
                   store=args.store)
    if args.store and not result.articles:
        log.info("store %s is up to date (no new or changed documents)", args.store)
        return 0
    if not result.articles:
        raise KGError("no articles could be read" + (f" ({len(result.skipped)} skipped)" if result.skipped else ""))
    counts = ", ".join(f"{n} {t}" for t, n in result.counts().items())
    log.info("%d articles -> %d event mentions (%s), %d entities, %d triples in %.1f s",
             len(result.articles), len(result.events), counts, len(result.entities), len(result.graph),
             time.perf_counter() - started)
    if args.export and not args.store:
        from pathlib import Path

        from kg.outputs.exports import EXPORT_FORMATS, export

        for fmt in args.export:
            stem = {"csv": "events", "jsonl": "events", "graphml": "actors", "gexf": "actors"}.get(fmt, "graph")
            result.outputs[fmt] = export(result, fmt, Path(args.out) / f"{stem}{EXPORT_FORMATS[fmt]}")
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


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.api import remove

    removed = remove(args.doc_ids, args.store)
    for doc in args.doc_ids:
        if doc not in removed:
            log.warning("no document %s in %s", doc, args.store)
    log.info("removed %d document%s from %s", len(removed), "" if len(removed) == 1 else "s", args.store)
    return 0 if removed or not args.doc_ids else 1


def cmd_query(args: argparse.Namespace) -> int:
    from kg.graph.sparql import Endpoint, load_graph, query

    if args.store and args.endpoint:
        raise KGError("give --store or --endpoint, not both")
    remote = bool(args.store or args.endpoint)
    if len(args.args) != (1 if remote else 2):
        raise KGError("usage: kg query GRAPHFILE QUERY, kg query --store DIR QUERY or kg query --endpoint URL QUERY")
    text = args.args[-1]
    page = {"limit": args.limit, "offset": args.offset}
    if args.store:
        from kg.graph.store import KGStore

        with KGStore(args.store, read_only=True) as store:
            result = query(store, text, **page, **_bindings(args.param))
    elif args.endpoint:
        result = query(Endpoint(args.endpoint, timeout=args.timeout), text, **page, **_bindings(args.param))
    else:
        result = query(load_graph(args.args[0]), text, **page, **_bindings(args.param))
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


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.graph.store import KGStore
    from kg.outputs.exports import EXPORT_FORMATS, export

    fmt = args.format
    if fmt is None:
        by_suffix = {suffix: name for name, suffix in EXPORT_FORMATS.items()}
        fmt = by_suffix.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise KGError(f"cannot tell the format from {args.output}; give --format ({', '.join(EXPORT_FORMATS)})")
    with KGStore(args.store, read_only=True) as store:
        path = export(store, fmt, args.output)
    log.info("wrote %s: %s", fmt, path)
    return 0


def _sigterm(signum, frame):  # pragma: no cover - signal handler
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    import signal

    from kg.graph.store import StoreError, serve

    signal.signal(signal.SIGTERM, _sigterm)  # `kill` stops the server too, like Ctrl-C
    restarts, server = 0, None
    try:
        while True:
            server = serve(args.store, port=args.port, host=args.bind, timeout=args.timeout or None,
                           cors=args.cors)
            log.info("SPARQL endpoint (read-only) on %s; Ctrl-C stops it", server.url)
            if args.bind not in ("127.0.0.1", "localhost", "::1"):
                log.warning("listening on %s: reachable from other machines", args.bind)
            code = server.wait()
            restarts += 1
            if restarts > 3:
                raise StoreError(f"the oxigraph server keeps exiting (last exit code {code}); giving up")
            log.warning("the oxigraph server exited with code %s; restarting", code)
            args.port = server.port
    except KeyboardInterrupt:
        log.info("stopped")
        return 0
    finally:
        if server is not None:
            server.stop()


def cmd_push(args: argparse.Namespace) -> int:
    from kg.graph.push import push, read_quads

    quads = read_quads(args.graph)
    result = push(quads, args.endpoint, args.graph_iri, batch=args.batch, method=args.method,
                  retries=args.retries, timeout=args.timeout)
    log.info("%s", result.summary(args.endpoint))
    return 0


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
    b.add_argument("--export", action="append", metavar="FORMAT", default=[],
                   choices=("nt", "trig", "nq", "jsonld", "csv", "graphml", "gexf"),
                   help="also write this format into --out (repeatable): nt, trig, nq, jsonld, csv (events.csv), "
                   "graphml or gexf (actors.*)")
    b.add_argument("--store", metavar="DIR", help="add new or changed documents to this persistent store "
                   "(incremental; --out is then not written)")
    b.set_defaults(func=cmd_build)

    r = sub.add_parser("remove", help="remove documents from a store")
    r.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="document id (see `kg query --store DIR "
                   "'SELECT ?id { ?d a kg:Document ; dcterms:identifier ?id }'`)")
    r.add_argument("--store", metavar="DIR", required=True, help="the store folder")
    r.set_defaults(func=cmd_remove)

    e = sub.add_parser("extract", help="print event mentions as JSON lines (the scorer's format)")
    e.add_argument("docs", nargs="+", help="JSONL ({id,text,date,url,title}) or text/HTML files and folders")
    e.add_argument("--model", default="default", help="as for build: default, blank, a model name, package or path")
    e.set_defaults(func=cmd_extract)

    q = sub.add_parser("query", help="run SPARQL over a graph file, a store or an endpoint",
                       usage="kg query (GRAPHFILE | --store DIR | --endpoint URL) QUERY [-p NAME=VALUE] [-f FORMAT] [--limit N [--offset K]]")
    q.add_argument("args", nargs="+", metavar="[GRAPHFILE] QUERY",
                   help="graph file (.ttl, .nt, .jsonld, .xml ...) unless --store/--endpoint; then SPARQL text, "
                   "a .rq file, or the name of a named query (see `kg queries`)")
    q.add_argument("--store", metavar="DIR", help="query a store (read-only)")
    q.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 endpoint (e.g. `kg serve`'s)")
    q.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for an endpoint (default 60)")
    q.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="bind a query variable")
    q.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--limit", type=int, metavar="N", help="at most N rows (a SELECT without its own LIMIT)")
    q.add_argument("--offset", type=int, metavar="K", help="skip the first K rows (with --limit: the next page)")
    q.set_defaults(func=cmd_query)

    x = sub.add_parser("export", help="write a store as ttl, nt, trig, nq, jsonld, csv, jsonl, graphml or gexf")
    x.add_argument("--store", metavar="DIR", required=True, help="the store folder")
    x.add_argument("-o", "--output", required=True, metavar="FILE", help="output file")
    x.add_argument("--format", choices=("ttl", "nt", "trig", "nq", "jsonld", "csv", "jsonl", "graphml", "gexf"),
                   help="default: from the file suffix")
    x.set_defaults(func=cmd_export)

    v = sub.add_parser("serve", help="serve a store as a read-only SPARQL endpoint (Oxigraph's server)")
    v.add_argument("--store", metavar="DIR", required=True, help="the store folder")
    v.add_argument("--port", type=int, default=7878, help="TCP port (default 7878; 0 for a free one)")
    v.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    v.add_argument("--timeout", type=float, default=30.0, help="per-query time limit in seconds (default 30; 0: none)")
    v.add_argument("--cors", action="store_true", help="allow cross-origin requests (browser tools such as YASGUI)")
    v.set_defaults(func=cmd_serve)

    n = sub.add_parser("queries", help="list the named queries")
    n.set_defaults(func=cmd_queries)

    v = sub.add_parser("validate", help="check a graph file against the SHACL shapes (one line per violation)")
    v.add_argument("graph", help="graph file (.ttl, .nt, .jsonld, .xml ...)")
    v.add_argument("--shapes", default=None, help="SHACL shapes file (default: the shipped ontology/shapes.ttl)")
    v.set_defaults(func=cmd_validate)
    u = sub.add_parser("push", help="load a graph into a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph)",
                       description="Load a graph file into a SPARQL 1.1 Update or Graph Store Protocol server, "
                       "in batches, with retries. Credentials come from the environment: "
                       "KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD (HTTP Basic or Digest).")
    u.add_argument("graph", help="graph file (.ttl, .nt, .nq, .trig ...)")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="update endpoint (--method update) or Graph Store service (--method gsp)")
    u.add_argument("--graph", dest="graph_iri", metavar="IRI",
                   help="named graph to load into (default: the default graph; quads keep their graphs)")
    u.add_argument("--batch", type=int, default=1000, help="triples per request (default 1000; 0 = one request)")
    u.add_argument("--method", choices=("update", "gsp"), default="update",
                   help="SPARQL Update INSERT DATA (default) or Graph Store Protocol POST")
    u.add_argument("--retries", type=int, default=5, help="retries of a request after a transient failure")
    u.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one request")
    u.set_defaults(func=cmd_push)

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
