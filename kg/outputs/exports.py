"""File exports: Turtle, events as JSON Lines, GraphML.  Every write is atomic."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.model import Event
from kg.util import atomic_open, atomic_write

__all__ = ["write_turtle", "write_events_jsonl", "write_graphml"]


def write_turtle(graph: Graph, path: str | os.PathLike) -> Path:
    """Serialise ``graph`` as Turtle to ``path`` (atomically).

    Parameters
    ----------
    graph : rdflib.Graph
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
    """
    return atomic_write(path, graph.serialize(format="turtle"))


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
    text = "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"
    return atomic_write(path, text)
