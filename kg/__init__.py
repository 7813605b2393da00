"""conflict-kg: news articles in, a typed knowledge graph of armed-conflict events out.

The library API (the CLI is a thin layer over it)::

    import kg
    result = kg.build(["seeds/"], out="build/")   # -> kg.model.Result
    events = kg.extract(articles)                   # -> list[kg.model.Event]
    rows = kg.query(result.graph, "events_by_type", type="strike")
    kg.build(["seeds/"], store="kgstore/")          # incremental, persistent (Oxigraph)
    with kg.open_store("kgstore/") as store:
        df = kg.query(store, "timeline").to_dataframe()
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["build", "extract", "query", "remove", "open_store", "__version__"]


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


def remove(*args, **kwargs):
    """See :func:`kg.api.remove`."""
    from kg.api import remove as _remove

    return _remove(*args, **kwargs)


def open_store(*args, **kwargs):
    """See :func:`kg.api.open_store`."""
    from kg.api import open_store as _open_store

    return _open_store(*args, **kwargs)
