"""conflict-kg: news articles in, a typed knowledge graph of armed-conflict events out.

The library API (the CLI is a thin layer over it)::

    import kg
    result = kg.build(["seeds/"], out="build/")   # -> kg.model.Result
    events = kg.extract(articles)                   # -> list[kg.model.Event]
    rows = kg.query(result.graph, "events_by_type", type="strike")
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["build", "extract", "query", "__version__"]


def build(*args, **kwargs):
    """See :func:`kg.api.build`."""
    from kg.api import build as _build

    return _build(*args, **kwargs)


def extract(*args, **kwargs):
    """See :func:`kg.api.extract`."""
    from kg.api import extract as _extract

    return _extract(*args, **kwargs)


def query(*args, **kwargs):
    """See :func:`kg.graph.sparql.query`."""
    from kg.graph.sparql import query as _query

    return _query(*args, **kwargs)
