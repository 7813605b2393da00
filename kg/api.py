"""The library API that the CLI and notebooks call.

>>> import kg
>>> result = kg.build(["seeds/"], out="build/")          # doctest: +SKIP
>>> result.counts()                                       # doctest: +SKIP
{'deployment': 22, 'strike': 9, 'appointment': 2, 'statement': 25}
>>> rows = kg.query(result.graph, "events_by_type", type="strike")   # doctest: +SKIP
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from kg import coref, ingest
from kg.errors import InputError
from kg.link import link
from kg.merge import merge
from kg.model import Article, Entity, Event, Result
from kg.nlp.modality import claimants

log = logging.getLogger("kg")

ProgressFn = Callable[[int, int, int], None]  # (articles done, total, words done)


def _log_progress(done: int, total: int, words: int, started: float) -> None:
    elapsed = max(time.perf_counter() - started, 1e-9)
    log.info("processed %d/%d articles (%d words, %.0f words/s)", done, total, words, words / elapsed)


def to_articles(docs: Iterable[Article | Mapping[str, Any] | str]) -> list[Article]:
    """Coerce articles, JSONL-style dicts (``id``, ``text``, ``date``, ``url``, ``title``) or plain strings.

    Dicts and strings go through :func:`kg.ingest.from_text`, so boilerplate is
    dropped and dates are found exactly as for files.
    """
    out: list[Article] = []
    for n, d in enumerate(docs, 1):
        if isinstance(d, Article):
            out.append(d)
        elif isinstance(d, str):
            out.append(ingest.from_text(d, f"doc{n}"))
        elif isinstance(d, Mapping):
            text = d.get("text")
            if not isinstance(text, str):
                raise InputError(f"document {n}: no text")
            when = d.get("date")
            out.append(ingest.from_text(text, str(d.get("id") or f"doc{n}"), date=when,
                                        url=d.get("url"), title=d.get("title")))
        else:
            raise InputError(f"document {n}: expected an Article, a dict or a string, got {type(d).__name__}")
    return out


def extract_linked(articles: Iterable[Article], *, nlp=None, model: str | None = "default",
                   progress: bool = False) -> tuple[list[Event], dict[str, Entity]]:
    """Run NLP and linking over articles; return event mentions and canonical entities.

    Parameters
    ----------
    articles : iterable of Article
    nlp : spacy.language.Language, optional
        A pipeline from :func:`kg.nlp.build_nlp` (built when omitted).
    model : str, optional
        spaCy pipeline to start from when ``nlp`` is omitted: ``"default"`` (our
        shipped trained pipeline when installed), ``"blank"`` (rules only), a
        shipped model's name, a package or a path (see :func:`kg.nlp.resolve_model`).
    progress : bool
        Log progress (articles, words/s) to the ``kg`` logger.
    """
    from kg.nlp import build_nlp, process

    articles = list(articles)
    nlp = nlp or build_nlp(model)
    events: list[Event] = []
    started, words = time.perf_counter(), 0
    every = max(1, len(articles) // 20)
    for n, (art, doc) in enumerate(process(nlp, articles), 1):
        doc_events = doc._.kg_events or []
        coref.resolve_document(doc, doc_events)  # "the general", "he" -> the person meant
        events.extend(doc_events)
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
        if progress and (n % every == 0 or n == len(articles)):
            _log_progress(n, len(articles), words, started)
    events, entities = link(events, dates={a.id: a.date for a in articles})
    claimants(events)  # who claims each reported mention: the linked speaker of its statement
    return events, entities


def extract(docs: Iterable[Article | Mapping[str, Any] | str], *, nlp=None, model: str | None = "default",
            progress: bool = False) -> list[Event]:
    """Event mentions of ``docs`` with canonical entity ids and labels.

    Parameters
    ----------
    docs : iterable of Article, dict or str
        See :func:`to_articles`.
    nlp, model, progress
        See :func:`extract_linked`.

    Returns
    -------
    list of Event
        ``Event.to_json()`` gives the scorer's prediction format.
    """
    events, entities = extract_linked(to_articles(docs), nlp=nlp, model=model, progress=progress)
    merge(events, entities)  # sets Event.canonical_id
    return events


def build(paths: Iterable[str | Path] | str | Path, out: str | Path | None = None, *, model: str | None = "default",
          progress: bool = False, html: bool = True, store: str | Path | None = None) -> Result:
    """Read articles, extract events, link entities and build the RDF graph.

    Parameters
    ----------
    paths : path or iterable of paths
        Files, folders, globs or JSONL files (see :func:`kg.ingest.read`).
    out : path, optional
        Folder for ``graph.ttl``, ``events.jsonl`` and ``graph.html`` (written
        atomically). Nothing is written when omitted.
    model : str, optional
        spaCy pipeline to start from (see :func:`kg.nlp.resolve_model`); ``"default"``
        is our shipped trained pipeline when installed, ``"blank"`` the rules alone.
    progress : bool
        Log progress to the ``kg`` logger.
    html : bool
        Also write the interactive HTML network.
    store : path, optional
        Add the documents to this store folder instead (see :mod:`kg.graph.store`),
        incrementally: a document already stored with the same content hash is
        skipped, one whose text changed is replaced.  ``out`` is then ignored.

    Returns
    -------
    Result
        Articles, events, entities, the rdflib graph and the written paths.  With
        ``store``: only the documents that were (re)processed, and
        ``outputs["store"]``.
    """
    from kg.graph.rdf import Activity, to_graph

    from kg.nlp import build_nlp

    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    files = ingest.check_paths(paths)  # a missing path fails before the pipeline loads
    # a bad model name fails before any reading; a store build loads it only when something is new
    nlp = build_nlp(model) if store is None else None
    skipped: list[tuple[str, str]] = []
    articles = list(ingest.read(files, on_skip=lambda where, why: skipped.append((str(where), why))))
    if progress:
        log.info("read %d articles (%d skipped)", len(articles), len(skipped))
    if store is not None:
        return _build_store(articles, skipped, Path(store), model=model, progress=progress)
    events, entities = extract_linked(articles, nlp=nlp, progress=progress)
    canonical = merge(events, entities)
    graph = to_graph(articles, events, entities, canonical=canonical, activity=Activity.now())
    result = Result(articles=articles, events=events, entities=entities, graph=graph, canonical=canonical,
                    skipped=skipped)
    if out is not None:
        result.outputs = write_outputs(result, Path(out), html=html)
    return result


def _build_store(articles: list[Article], skipped: list[tuple[str, str]], path: Path, *, model: str | None,
                 progress: bool) -> Result:
    from kg.graph.rdf import to_graph
    from kg.graph.store import KGStore
    from kg.nlp import build_nlp

    with KGStore(path) as st:
        latest: dict[str, Article] = {}
        for art in articles:  # a later record with the same id wins, as in a rebuild
            if art.id in latest and latest[art.id].content_hash != art.content_hash:
                log.warning("document id %s occurs twice with different text; keeping the last", art.id)
            latest[art.id] = art
        new = [a for a in latest.values() if not st.has(a.id, a.content_hash)]
        if progress:
            log.info("%d new or changed documents, %d unchanged", len(new), len(latest) - len(new))
        events, entities = (extract_linked(new, nlp=build_nlp(model), progress=progress) if new else ([], {}))
        by_doc: dict[str, list[Event]] = {}
        for ev in events:
            by_doc.setdefault(ev.doc_id, []).append(ev)
        activity = _activity() if new else None
        for art in new:
            st.add_document(art, by_doc.get(art.id, []), entities, refresh=False, activity=activity)
        if new:
            st.refresh(activity=activity)
    graph = to_graph(new, events, entities)
    return Result(articles=new, events=events, entities=entities, graph=graph, skipped=skipped,
                  outputs={"store": path})


def _activity():
    """This run's extraction activity for provenance, when kg.graph.rdf provides one."""
    from kg.graph import rdf

    cls = getattr(rdf, "Activity", None)
    return cls.now() if cls is not None else None


def remove(doc_ids: Iterable[str] | str, store: str | Path) -> list[str]:
    """Remove documents (their named graphs and mentions) from a store.

    Parameters
    ----------
    doc_ids : str or iterable of str
    store : path
        The store folder.

    Returns
    -------
    list of str
        The ids that were stored (and are now removed).

    Raises
    ------
    kg.graph.store.StoreError
        No store there, or it is in use by another writer.
    """
    from kg.graph.store import KGStore, StoreError

    if isinstance(doc_ids, str):
        doc_ids = [doc_ids]
    if not (Path(store) / "oxigraph").is_dir():
        raise StoreError(f"no store at {store}")
    with KGStore(store) as st:
        removed = [d for d in doc_ids if st.remove_document(d, refresh=False)]
        if removed:
            st.refresh()
    return removed


def open_store(path: str | Path, *, read_only: bool = True):
    """Open a store folder (read-only by default) for :func:`query` and exports.

    Returns
    -------
    kg.graph.store.KGStore
        Use it as a context manager to release it.
    """
    from kg.graph.store import KGStore

    return KGStore(path, read_only=read_only)


def write_outputs(result: Result, out: Path, *, html: bool = True) -> dict[str, Path]:
    """Write ``graph.ttl``, ``events.jsonl`` and (optionally) ``graph.html`` into ``out``."""
    from kg.outputs.exports import write_events_jsonl, write_turtle

    out.mkdir(parents=True, exist_ok=True)
    written = {
        "graph": write_turtle(result.graph, out / "graph.ttl"),
        "events": write_events_jsonl(result.events, out / "events.jsonl"),
    }
    if html:
        from kg.outputs.html import write_html

        written["html"] = write_html(result.events, result.entities, out / "graph.html",
                                     title=f"conflict-kg: {len(result.articles)} articles")
    return {k: Path(v) for k, v in written.items()}

