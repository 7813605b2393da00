"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (with pySHACL).

>>> from kg.graph.validate import validate
>>> report = validate("build/graph.ttl")            # doctest: +SKIP
>>> report.conforms, len(report.violations)           # doctest: +SKIP
(True, 0)
>>> print(report.to_text())                            # doctest: +SKIP

No inference is run: :mod:`kg.graph.rdf` materialises the types the shapes target.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import GraphError
from kg.graph.vocab import PREFIXES, RDF, shapes_path
from kg.util import one_line

__all__ = ["Violation", "ValidationReport", "validate", "load_shapes"]


def _compact(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = " ".join(str(term).split())
        return f'"{text[:80]}\u2026"' if len(text) > 80 else f'"{text}"'
    text = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>" if isinstance(term, URIRef) else f"_:{text}"


def _path_text(shapes: Graph, results: Graph, path: Node | None) -> str:
    """A SHACL path as text: ``kg:agent``, or ``kg:agent|kg:target`` for alternatives."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return _compact(path)
    for g in (results, shapes):
        alt = g.value(path, SH.alternativePath)
        if alt is not None:
            return "|".join(_compact(p) for p in Collection(g, alt))
        inv = g.value(path, SH.inversePath)
        if inv is not None:
            return f"^{_compact(inv)}"
    return "(path)"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result.

    Attributes
    ----------
    focus : str
        The node that fails (``prefix:local`` where a prefix is ours).
    path : str
        The property path checked (empty for node-level constraints).
    message : str
        What is wrong (the shape's ``sh:message``, else pySHACL's).
    value : str
        The offending value, when there is one.
    severity : str
        ``Violation``, ``Warning`` or ``Info``.
    """

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def line(self) -> str:
        """``focus  path  message [value]`` on one line."""
        parts = [self.focus, self.path or "-", self.message]
        if self.value:
            parts.append(f"(value {self.value})")
        text = "  ".join(parts)
        return text if self.severity == "Violation" else f"{self.severity}: {text}"


@dataclass
class ValidationReport:
    """The result of :func:`validate`.

    Attributes
    ----------
    conforms : bool
    violations : list of Violation
        Sorted by focus node, path and message.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.conforms

    def to_text(self) -> str:
        """One line per violation, or ``"conforms"``.

        Returns
        -------
        str
        """
        if not self.violations:
            return "conforms" if self.conforms else "does not conform"
        return "\n".join(v.line() for v in self.violations)


@functools.lru_cache(maxsize=4)
def _shapes(path: str) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many kinds
        raise GraphError(f"cannot read shapes {path}: {one_line(e, 200)}") from None
    return g


def load_shapes(path: str | Path | None = None) -> Graph:
    """The SHACL shapes graph (``ontology/shapes.ttl`` unless ``path`` is given), cached.

    Parameters
    ----------
    path : str or pathlib.Path, optional

    Returns
    -------
    rdflib.Graph
    """
    return _shapes(str(Path(path) if path is not None else shapes_path()))


def validate(graph: Graph | str | Path, shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate a graph against the conflict-kg shapes.

    Parameters
    ----------
    graph : rdflib.Graph, str or pathlib.Path
        A graph, or a graph file in any format :func:`kg.graph.sparql.load_graph` reads.
    shapes : rdflib.Graph, str or pathlib.Path, optional
        Other shapes (default ``ontology/shapes.ttl``).

    Returns
    -------
    ValidationReport

    Raises
    ------
    kg.errors.GraphError
        If the graph or shapes file cannot be read.
    """
    from pyshacl import validate as shacl_validate

    from kg.graph.sparql import load_graph

    data = graph if isinstance(graph, Graph) else load_graph(graph)
    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False, meta_shacl=False,
        allow_warnings=True, abort_on_first=False,
    )
    out: set[Violation] = set()
    for res in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(res, SH.resultSeverity)
        message = results.value(res, SH.resultMessage)
        out.add(Violation(
            focus=_compact(results.value(res, SH.focusNode)),
            path=_path_text(shapes_graph, results, results.value(res, SH.resultPath)),
            message=" ".join(str(message).split()) if message is not None else "constraint not met",
            value=_compact(results.value(res, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return ValidationReport(bool(conforms), sorted(out))
