"""File exports.  Every write is atomic.

* RDF: Turtle (deterministic), N-Triples and N-Quads (sorted lines), TriG (one
  block per named graph), JSON-LD compacted with the published context
  ``ontology/context.jsonld`` (:func:`jsonld_context`);
* events: JSON Lines (the scorer's format) and CSV (one row per event with its
  roles, for spreadsheets and pandas);
* the actor network (:func:`kg.graph.network.actor_network`) as GraphML or GEXF
  for Gephi.

:func:`export` writes any of these from a store, a :class:`~kg.model.Result` or
an rdflib graph.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.model import Event
from kg.util import atomic_open, atomic_write

__all__ = [
    "turtle", "write_turtle", "write_events_jsonl", "write_graphml", "write_gexf", "events_csv",
    "write_events_csv", "trig", "jsonld", "jsonld_context", "context_path", "EXPORT_FORMATS", "export",
]


_PN_PREFIX = re.compile(r"^(?:[A-Za-z][A-Za-z0-9_-]*)?$")
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_BARE = {
    XSD.integer: re.compile(r"^[+-]?[0-9]+$"),
    XSD.decimal: re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    XSD.boolean: re.compile(r"^(?:true|false)$"),
}


class _TurtleTerms:
    """Renders IRIs and literals, using a prefix only when the local part is plainly valid."""

    def __init__(self, graph: Graph) -> None:
        spaces = [(str(ns), p) for p, ns in graph.namespaces() if _PN_PREFIX.match(p)]
        self.spaces = sorted(spaces, key=lambda sp: (-len(sp[0]), sp[1]))
        self.used: dict[str, str] = {}
        self.cache: dict[URIRef, str] = {}

    def iri(self, iri: URIRef, prefixed: bool = True) -> str:
        out = self.cache.get(iri) if prefixed else None
        if out is None:
            text = str(iri)
            out = "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text) + ">"
            if not prefixed:
                return out
            for ns, prefix in self.spaces:
                if text.startswith(ns) and _PN_LOCAL.match(text[len(ns):]):
                    out = f"{prefix}:{text[len(ns):]}"
                    self.used[prefix] = ns
                    break
            self.cache[iri] = out
        return out

    def literal(self, lit: Literal) -> str:
        lex = str(lit)
        dt = lit.datatype
        if dt in _BARE and _BARE[dt].match(lex):
            return lex
        quoted = '"' + _STRING_ESCAPE.sub(
            lambda m: _ECHAR.get(m.group(0), f"\\u{ord(m.group(0)):04X}"), lex) + '"'
        if lit.language:
            return f"{quoted}@{lit.language}"
        if dt is not None:
            return f"{quoted}^^{self.iri(dt)}"
        return quoted

    def term(self, t: Node) -> str:
        return self.literal(t) if isinstance(t, Literal) else self.iri(t)


def _blocks(graph: Graph, terms: _TurtleTerms) -> list[str]:
    by_subject: dict[URIRef, dict[URIRef, list[Node]]] = {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    blocks = []
    for s in sorted(by_subject, key=str):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=lambda x: (x != RDF.type, str(x))):
            objs = ", ".join(sorted(terms.term(o) for o in preds[p]))
            lines.append(f"{'a' if p == RDF.type else terms.iri(p)} {objs}")
        blocks.append(f"{terms.iri(s)} " + " ;\n    ".join(lines) + " .\n")
    return blocks


def _head(terms: _TurtleTerms) -> str:
    return "".join(f"@prefix {p}: {terms.iri(URIRef(ns), prefixed=False)} .\n" for p, ns in sorted(terms.used.items()))


def _has_bnodes(graph: Graph) -> bool:
    return any(isinstance(t, BNode) or not isinstance(t, (URIRef, Literal)) for tr in graph for t in tr)


def turtle(graph: Graph) -> str:
    """Deterministic Turtle for a graph without blank nodes (rdflib's serializer otherwise).

    Subjects, predicates (``rdf:type`` first, as ``a``) and objects are sorted;
    only the prefixes used are declared.  About ten times faster than rdflib's
    Turtle serializer on large graphs, whose cost is dominated by prefix lookup.

    Parameters
    ----------
    graph : rdflib.Graph

    Returns
    -------
    str
    """
    if _has_bnodes(graph):
        return graph.serialize(format="turtle")
    terms = _TurtleTerms(graph)
    blocks = _blocks(graph, terms)
    head = _head(terms)
    return head + ("\n" if head else "") + "\n".join(blocks)


def trig(graphs: Iterable[tuple[URIRef, Graph]], prefixes: Graph | None = None) -> str:
    """Deterministic TriG: one ``<graph> { ... }`` block per named graph, sorted by name.

    Parameters
    ----------
    graphs : iterable of (rdflib.URIRef, rdflib.Graph)
        Named graphs without blank nodes.
    prefixes : rdflib.Graph, optional
        A graph whose namespace bindings give the prefixes (default: ours).

    Returns
    -------
    str
    """
    from kg.graph.vocab import bind_prefixes

    terms = _TurtleTerms(prefixes if prefixes is not None else bind_prefixes(Graph(bind_namespaces="none")))
    parts = []
    for name, g in sorted(graphs, key=lambda ng: str(ng[0])):
        body = "\n".join("    " + b.replace("\n    ", "\n        ").rstrip("\n") + "\n" for b in _blocks(g, terms))
        parts.append(f"{terms.iri(name, prefixed=False)} {{\n{body}}}\n")
    head = _head(terms)
    return head + ("\n" if head else "") + "\n".join(parts)


def write_turtle(graph: Graph, path: str | os.PathLike) -> Path:
    """Serialise ``graph`` as Turtle to ``path`` (atomically), with :func:`turtle`.

    Parameters
    ----------
    graph : rdflib.Graph
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
    """
    return atomic_write(path, turtle(graph))


def write_events_jsonl(events: Iterable[Event], path: str | os.PathLike) -> Path:
    """Write one :meth:`kg.model.Event.to_json` object per line (UTF-8, atomically).

    Parameters
    ----------
    events : iterable of Event
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
    """
    with atomic_open(path, "w") as fh:
        for ev in events:
            fh.write(json.dumps(ev.to_json(), ensure_ascii=False))
            fh.write("\n")
    return Path(path)


def _graphml_value(value: Any) -> Any:
    """GraphML holds only str/int/float/bool: other values become JSON text."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    return json.dumps(value, ensure_ascii=False, default=str)


def _graphml_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {str(k): _graphml_value(v) for k, v in attrs.items() if v is not None}


def write_graphml(nx_graph: nx.Graph, path: str | os.PathLike) -> Path:
    """Write a networkx graph as GraphML (atomically).

    List, dict and set attributes (such as the ``events`` ids of
    :func:`kg.graph.network.actor_network`) are stored as JSON text; ``None``
    attributes are left out.

    Parameters
    ----------
    nx_graph : networkx.Graph
        Any networkx graph, including multigraphs.
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
    """
    g = _flat_graph(nx_graph)
    text = "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"
    return atomic_write(path, text)


# --------------------------------------------------------------------------- JSON-LD


def context_path() -> Path:
    """Path of the published JSON-LD context, ``ontology/context.jsonld``."""
    from kg.graph.vocab import ontology_dir

    return ontology_dir() / "context.jsonld"


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD ``@context`` for our graphs, built from the ontology.

    Our prefixes, ``id``/``type`` for ``@id``/``@type``, and one term per
    ``kg:`` class and property (object properties typed ``@id``).  The published
    file ``ontology/context.jsonld`` holds exactly this (a test checks).

    Returns
    -------
    dict
        ``{"@context": {...}}``.
    """
    from rdflib.namespace import OWL, RDFS

    from kg.graph.vocab import KG, PREFIXES, ontology_path

    onto = Graph().parse(ontology_path(), format="turtle")
    ns = str(KG._NS)
    ctx: dict[str, Any] = {"id": "@id", "type": "@type"}
    ctx.update(PREFIXES)
    terms: dict[str, Any] = {}
    for cls in (OWL.Class, RDFS.Class):
        for c in onto.subjects(RDF.type, cls):
            if str(c).startswith(ns):
                terms[str(c)[len(ns):]] = f"kg:{str(c)[len(ns):]}"
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        for p in onto.subjects(RDF.type, kind):
            if str(p).startswith(ns):
                local = str(p)[len(ns):]
                terms[local] = ({"@id": f"kg:{local}", "@type": "@id"} if kind == OWL.ObjectProperty
                                else f"kg:{local}")
    for local in sorted(terms):
        if local not in ctx:
            ctx[local] = terms[local]
    return {"@context": ctx}


def jsonld(graph: Graph) -> str:
    """The graph as JSON-LD compacted with :func:`jsonld_context` (inline, so it parses offline).

    Parameters
    ----------
    graph : rdflib.Graph

    Returns
    -------
    str
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return graph.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True,
                               sort_keys=True, indent=1, ensure_ascii=False)


# --------------------------------------------------------------------------- CSV and networks

#: Role columns of :func:`events_csv`, in order.
CSV_ROLES = ("agent", "forces", "quantity", "place", "target", "weapon", "person", "role", "appointer",
             "replaces", "speaker", "content")


def events_csv(events: Iterable[Event], entities: Any = None, canonical: Iterable[Any] | None = None) -> str:
    """CSV with one row per event and one column per role (values joined by ``"; "``).

    Columns: ``event``, ``type``, ``date``, the roles of :data:`CSV_ROLES`
    (canonical labels), then ``modality``, ``trigger``, ``sentence``, ``doc``
    and ``mentions``.  With ``canonical`` (merged events from :mod:`kg.merge`)
    one row per real-world event, its roles pooled over its mentions, ``doc``
    listing its documents and ``mentions`` its mention ids; otherwise one row
    per event mention.

    Parameters
    ----------
    events : iterable of Event
    entities : mapping or iterable of Entity, optional
    canonical : iterable of CanonicalEvent, optional

    Returns
    -------
    str
    """
    import csv
    import io

    from kg.graph.network import arg_label, as_entity_map

    ents = as_entity_map(entities)
    if canonical is None:
        groups = [(ev.id, ev.type.value, [ev]) for ev in events]
    else:
        groups = [(c.id, c.type.value, list(c.mentions)) for c in canonical]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["event", "type", "date", *CSV_ROLES, "modality", "trigger", "sentence", "doc", "mentions"])
    for eid, etype, mentions in sorted(groups, key=lambda g: (min((m.date or "" for m in g[2]), default=""), g[0])):
        dates = [m.date for m in mentions if m.date]
        row = [eid, etype, max(dates, key=len) if dates else ""]
        for role in CSV_ROLES:
            values = [arg_label(a, ents) if a.role not in ("quantity", "content") else
                      (str(a.value) if a.value is not None and a.role == "quantity" else a.text)
                      for m in mentions for a in m.get(role)]
            row.append("; ".join(dict.fromkeys(values)))
        first = mentions[0]
        row += [
            "; ".join(dict.fromkeys(m.modality.value for m in mentions)),
            first.trigger.text,
            " ".join(first.sentence.text.split()),
            "; ".join(dict.fromkeys(m.doc_id for m in mentions)),
            "; ".join(m.id for m in mentions),
        ]
        w.writerow(row)
    return buf.getvalue()


def write_events_csv(events: Iterable[Event], path: str | os.PathLike, entities: Any = None,
                     canonical: Iterable[Any] | None = None) -> Path:
    """Write :func:`events_csv` to ``path`` (UTF-8, atomically)."""
    return atomic_write(path, events_csv(events, entities, canonical))


def _flat_graph(nx_graph: nx.Graph) -> nx.Graph:
    g = nx_graph.__class__()
    g.graph.update(_graphml_attrs(dict(nx_graph.graph)))
    for n, attrs in nx_graph.nodes(data=True):
        g.add_node(str(n), **_graphml_attrs(attrs))
    if nx_graph.is_multigraph():
        for u, v, k, attrs in nx_graph.edges(keys=True, data=True):
            g.add_edge(str(u), str(v), key=k, **_graphml_attrs(attrs))
    else:
        for u, v, attrs in nx_graph.edges(data=True):
            g.add_edge(str(u), str(v), **_graphml_attrs(attrs))
    return g


def write_gexf(nx_graph: nx.Graph, path: str | os.PathLike) -> Path:
    """Write a networkx graph as GEXF 1.2 for Gephi (atomically; attributes as for :func:`write_graphml`).

    Parameters
    ----------
    nx_graph : networkx.Graph
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
    """
    g = _flat_graph(nx_graph)
    for n, attrs in g.nodes(data=True):
        attrs.setdefault("label", n)
    text = "\n".join(nx.generate_gexf(g, encoding="utf-8", prettyprint=True)) + "\n"
    return atomic_write(path, text)


# --------------------------------------------------------------------------- one entry point

#: Formats of :func:`export`, with their usual file suffix.
EXPORT_FORMATS: dict[str, str] = {
    "ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq", "jsonld": ".jsonld",
    "csv": ".csv", "jsonl": ".jsonl", "graphml": ".graphml", "gexf": ".gexf",
}


def export(source: Any, fmt: str, path: str | os.PathLike) -> Path:
    """Write ``source`` in format ``fmt`` to ``path`` (atomically).

    Parameters
    ----------
    source : kg.graph.store.KGStore, kg.model.Result or rdflib.Graph
        A store (every format; ``trig``/``nq`` keep its named graphs), a build
        result, or a graph (the RDF formats only).
    fmt : str
        One of :data:`EXPORT_FORMATS`: ``ttl``, ``nt``, ``trig``, ``nq``,
        ``jsonld``, ``csv`` (events), ``jsonl`` (event mentions), ``graphml`` or
        ``gexf`` (actor network).
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path

    Raises
    ------
    kg.errors.KGError
        Unknown format, or one the source cannot give.
    """
    from kg.errors import KGError

    if fmt not in EXPORT_FORMATS:
        raise KGError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    is_store = hasattr(source, "nquads") and hasattr(source, "named_graphs")
    graph = getattr(source, "graph", source)
    if is_store:
        if fmt == "nq":
            return atomic_write(path, "".join(line + "\n" for line in source.nquads()))
        if fmt == "nt":
            return atomic_write(path, "".join(line + "\n" for line in source.ntriples()))
        if fmt == "trig":
            ds = source.dataset()
            return atomic_write(path, trig(((g.identifier, g) for g in ds.graphs() if len(g)), None))
        if fmt in ("ttl", "jsonld"):
            graph = source.graph()
    if fmt == "ttl":
        return write_turtle(graph, path)
    if fmt == "jsonld":
        return atomic_write(path, jsonld(graph))
    if fmt == "nt":
        text = graph.serialize(format="nt")
        return atomic_write(path, "".join(sorted(line + "\n" for line in text.splitlines() if line.strip())))
    if fmt in ("trig", "nq"):
        from kg.graph.vocab import GRAPH

        if fmt == "trig":
            return atomic_write(path, trig([(URIRef(f"{GRAPH}all"), graph)]))
        lines = (line[:-1].rstrip() + f" <{GRAPH}all> .\n" for line in graph.serialize(format="nt").splitlines()
                 if line.strip())
        return atomic_write(path, "".join(sorted(lines)))
    # the model-based formats
    if is_store:
        events, entities = source.events(), source.entities()
        canonical = source.canonical()
    elif hasattr(source, "events") and hasattr(source, "entities"):
        events, entities, canonical = source.events, source.entities, (getattr(source, "canonical", None) or None)
    else:
        raise KGError(f"{fmt} export needs a store or a build result, not a bare graph")
    if fmt == "csv":
        return write_events_csv(events, path, entities, canonical)
    if fmt == "jsonl":
        return write_events_jsonl(events, path)
    from kg.graph.network import actor_network

    net = actor_network(events, entities)
    return write_graphml(net, path) if fmt == "graphml" else write_gexf(net, path)


if __name__ == "__main__":  # pragma: no cover - python -m kg.outputs.exports --context > ontology/context.jsonld
    import sys

    if sys.argv[1:] != ["--context"]:
        sys.exit("usage: python -m kg.outputs.exports --context > ontology/context.jsonld")
    sys.stdout.write(json.dumps(jsonld_context(), indent=2, ensure_ascii=False) + "\n")
