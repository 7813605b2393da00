"""The persistent graph store: Oxigraph on disk, one named graph per source document.

A store is a folder::

    DIR/oxigraph/          Oxigraph's database (what ``oxigraph serve-read-only --location`` opens)
    DIR/mentions.sqlite    per document (keyed by id): its content hash and a JSON record of its
                           metadata, event mentions and entities (SQLite: one file, transactional)

Named graphs (see :mod:`kg.graph.vocab`):

* ``<https://w3id.org/conflict-kg/graph/doc/{doc id}>``: one source document's
  triples (the document, its sentences and event mentions);
* ``<https://w3id.org/conflict-kg/graph/entities>``: the entity nodes, shared by
  all documents (Oxigraph's union default graph keeps duplicates, so an entity's
  triples live in one graph only);
* ``<https://w3id.org/conflict-kg/graph/canonical>``: the canonical (merged)
  event layer.

The last two are derived from the stored mentions, without re-running NLP, and
kept up to date part by part: a merge never joins mentions of different types,
anchors or modality classes (:func:`kg.merge.partition`), so a refresh re-merges
only the parts that added, replaced or removed documents touch, rewrites only the
canonical events whose mentions changed, and adds or removes only the entity-layer
lines no other source still gives (SQLite tables of :data:`_LAYER_TABLES`).  The
result is the same as recomputing both layers from every record (tested).
Queries run on the union of all named graphs.

Only one process may open a store for writing (Oxigraph locks it); readers open
it with ``read_only=True``.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef

from kg.errors import KGError
from kg.graph.vocab import CANONICAL_GRAPH, ENTITIES_GRAPH, arg_entity_id, bind_prefixes, doc_graph_iri, event_iri
from kg.model import (
    Argument, Article, CanonicalEvent, Entity, EntityKind, Event, EventType, Mention, Modality, Sentence,
)
from kg.util import one_line

__all__ = [
    "StoreError", "KGStore", "open_store", "event_to_dict", "event_from_dict", "entity_to_dict",
    "entity_from_dict", "singletons", "default_merge", "check_not_being_written", "Server", "serve",
]

log = logging.getLogger("kg")

#: Version of the document graphs a record was written with.  2: every kg:date an
#: xsd:date with kg:datePrecision (1 used xsd:gYearMonth/xsd:gYear for months/years);
#: 3: the calendar of the graph's dates (time:Instant nodes with time:inXSDDate);
#: 4: the derived layers are updated part by part (the tables of :data:`_LAYER_TABLES`).
_FORMAT_VERSION = 4

#: What :meth:`KGStore.refresh` needs to update the entity and canonical layers for the
#: documents that changed only: mentions by merge part (:func:`kg.merge.partition`: events
#: never span parts), each document's entity records, the merged entities, each canonical
#: event's digest (its mentions as stored), which parts use which entity, the entity-layer
#: lines and every source of each (a document, a merged entity, a canonical event), and what
#: is left to update.
_LAYER_TABLES = """
CREATE TABLE IF NOT EXISTS mentions (doc_id TEXT NOT NULL, event_id TEXT NOT NULL, part TEXT NOT NULL,
    published TEXT, data TEXT NOT NULL, PRIMARY KEY (doc_id, event_id));
CREATE INDEX IF NOT EXISTS mentions_part ON mentions (part);
CREATE TABLE IF NOT EXISTS doc_entities (entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (entity_id, doc_id));
CREATE INDEX IF NOT EXISTS doc_entities_doc ON doc_entities (doc_id);
CREATE TABLE IF NOT EXISTS merged_entities (entity_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS canonical (event_id TEXT PRIMARY KEY, part TEXT NOT NULL, digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS canonical_part ON canonical (part);
CREATE TABLE IF NOT EXISTS uses (entity_id TEXT NOT NULL, part TEXT NOT NULL, PRIMARY KEY (entity_id, part));
CREATE INDEX IF NOT EXISTS uses_part ON uses (part);
CREATE TABLE IF NOT EXISTS lines (id INTEGER PRIMARY KEY, line TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS shared (source TEXT NOT NULL, line_id INTEGER NOT NULL, PRIMARY KEY (source, line_id))
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shared_line ON shared (line_id);
CREATE TABLE IF NOT EXISTS dirty (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key));
"""


class StoreError(KGError):
    """A store that cannot be opened (missing, locked by another process) or changed."""

    exit_code = 5


# --------------------------------------------------------------------------- model <-> JSON


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """Every field of an :class:`~kg.model.Event` as JSON-ready data (see :func:`event_from_dict`)."""
    return {k: _plain(v) for k, v in dataclasses.asdict(event).items()}


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The inverse of :func:`event_to_dict`."""
    names = {f.name for f in dataclasses.fields(Event)}
    kw = {k: v for k, v in data.items() if k in names}
    kw["type"] = EventType(kw["type"])
    kw["sentence"] = Sentence(**kw["sentence"])
    kw["trigger"] = Mention(**kw["trigger"])
    kw["args"] = [Argument(**a) for a in kw.get("args", [])]
    if "modality" in kw:
        kw["modality"] = Modality(kw["modality"])
    return Event(**kw)


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """An :class:`~kg.model.Entity` as JSON-ready data (aliases sorted)."""
    return _plain(dataclasses.asdict(entity))


def entity_from_dict(data: Mapping[str, Any]) -> Entity:
    """The inverse of :func:`entity_to_dict`."""
    kw = dict(data)
    kw["kind"] = EntityKind(kw["kind"])
    kw["aliases"] = set(kw.get("aliases") or ())
    return Entity(**kw)


def _article_meta(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "date": article.date.isoformat() if article.date else None, "url": article.url,
        "title": article.title, "source": article.source, "date_source": article.date_source,
    }


class _StoredArticle(Article):
    """An article rebuilt from its metadata: no text, the stored content hash."""

    def __init__(self, meta: Mapping[str, Any], content_hash: str) -> None:
        when = meta.get("date")
        super().__init__(id=meta["id"], text="", date=date.fromisoformat(when) if when else None,
                         url=meta.get("url"), title=meta.get("title"), source=meta.get("source"),
                         date_source=meta.get("date_source"))
        self._hash = content_hash

    @property
    def content_hash(self) -> str:  # type: ignore[override]
        return self._hash


# --------------------------------------------------------------------------- graph builders


def _document_graph(article: Article, events: list[Event], entities: Mapping[str, Entity],
                    activity: Any = None) -> Graph:
    from kg.graph import rdf

    return rdf.document_graph(article, events, entities, activity)


def singletons(events: Iterable[Event], entities: Any = None) -> list[CanonicalEvent]:
    """Every mention its own canonical event (id = the mention's id): a ``merge`` for :class:`KGStore`."""
    return [CanonicalEvent(id=ev.id, type=ev.type, mentions=[ev]) for ev in events]


def default_merge(events: list[Event], entities: Mapping[str, Entity]) -> list[CanonicalEvent]:
    """:func:`kg.merge.merge`: the merge a store uses unless told otherwise."""
    from kg.merge import merge

    return merge(events, entities)


def _canonical_graph(canonical: list[CanonicalEvent], entities: Mapping[str, Entity],
                     activity: Any = None, published: Mapping[str, str] | None = None, *,
                     entity_nodes: bool = True) -> Graph:
    from kg.graph import rdf

    return rdf.canonical_graph(canonical, entities, activity, published, entity_nodes=entity_nodes)


def _own_types() -> set[URIRef]:
    from kg.graph.vocab import KG

    names = ("Document", "Sentence", "Event", "EventMention")
    return {t for t in (getattr(KG, n, None) for n in names) if t is not None}


def _split(graph: Graph) -> tuple[list[str], list[str]]:
    """N-Triples lines of ``graph``: (its own triples, triples shared with other graphs).

    A triple is the graph's own when its subject is typed a document, sentence,
    event or event mention there; the rest (entity nodes, the extraction
    activity and software agent) also occur in other documents' graphs, and
    Oxigraph's union default graph would count them once per graph, so they go
    to the shared entity layer instead.
    """
    own_types = _own_types()
    own_subjects = {s for s, _, o in graph.triples((None, RDF.type, None)) if o in own_types}
    own, shared = [], []
    for s, p, o in graph:
        line = f"{s.n3()} {p.n3()} {o.n3()} ."
        (own if s in own_subjects else shared).append(line)
    return sorted(own), sorted(shared)


def _merge_entities(records: Iterable[Mapping[str, Any]]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for r in records:
        for d in r["entities"]:
            ent = entity_from_dict(d)
            if ent.id in out:
                out[ent.id].merge(ent)
            else:
                out[ent.id] = ent
    return dict(sorted(out.items()))


def _entity_ids(ev: Event) -> set[str]:
    """Ids of the entities an event mention's arguments may name (linked or minted)."""
    return {arg_entity_id(a) for a in ev.args}


def _chunks(keys: list) -> Iterable[tuple[list, str]]:
    """``keys`` in chunks of 500, each with its ``?,?,…`` placeholders (SQLite's bound
    parameters are limited)."""
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        yield chunk, ",".join("?" * len(chunk))


def _without_aliases(data: str) -> str:
    return json.dumps({k: v for k, v in json.loads(data).items() if k != "aliases"}, sort_keys=True)


# --------------------------------------------------------------------------- the store

_WRITERS: set[Path] = set()  # databases this process has open for writing


def check_not_being_written(path: str | os.PathLike) -> None:
    """Raise :class:`StoreError` when another process has the store open for writing.

    Oxigraph's read-only mode is undefined while a writer changes the database,
    so readers (``kg query --store``, ``kg export``, ``kg serve``) refuse to start
    then.  The writer holds a POSIX lock on the database's ``LOCK`` file; this
    probes it with a shared lock taken and released at once (never from a process
    that is itself the writer: closing the file would drop that process's lock).
    """
    db = Path(path) / "oxigraph"
    lock = db / "LOCK"
    if db.resolve() in _WRITERS or not lock.is_file():
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return
    fd = os.open(lock, os.O_RDONLY)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"store {path} is being written by another process (kg build/remove); "
                             "try again when it has finished") from None
        fcntl.lockf(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)



class KGStore:
    """A conflict-kg store folder (see the module docstring).

    Parameters
    ----------
    path : str or os.PathLike
        The store folder; created when opened for writing.
    read_only : bool
        Open for reading only (several readers may share a store; a store being
        written by another process must not be read).
    merge : callable, optional
        ``merge(events, entities) -> list[CanonicalEvent]`` for the canonical
        layer (default :func:`default_merge`; :func:`singletons` keeps every
        mention apart).

    Raises
    ------
    StoreError
        No store at ``path`` (read-only), or it is locked by another writer.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, merge: Any = None) -> None:
        import pyoxigraph as ox

        self.path = Path(path)
        self.read_only = read_only
        self._ox = self._db = None
        self.merge = merge or default_merge
        self.db_path = self.path / "oxigraph"
        self.records_path = self.path / "mentions.sqlite"
        if read_only and not self.db_path.is_dir():
            raise StoreError(f"no store at {self.path} (build one with `kg build PATHS --store {self.path}`)")
        if read_only:
            check_not_being_written(self.path)
        try:
            if read_only:
                self._ox = ox.Store.read_only(str(self.db_path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.db_path))
                _WRITERS.add(self.db_path.resolve())
        except OSError as e:
            text = str(e)
            if "lock" in text.lower():
                raise StoreError(f"store {self.path} is in use by another process (only one writer at a time)") from None
            raise StoreError(f"cannot open store {self.path}: {one_line(text, 200)}") from None
        try:
            if read_only:
                uri = self.records_path.resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True) if self.records_path.is_file() else None
            else:
                self._db = sqlite3.connect(str(self.records_path))
                self._db.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, "
                                 "content_hash TEXT NOT NULL, record TEXT NOT NULL)")
                self._db.executescript(_LAYER_TABLES)
                self._db.commit()
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {self.records_path}: {e}") from None
        self._check_format()

    def _check_format(self) -> None:
        """Rewrite document graphs stored by an older conflict-kg from their records (no NLP);
        a read-only open only warns."""
        if self._db is None:
            return
        first = self._db.execute("SELECT record FROM docs LIMIT 1").fetchone()
        stored = json.loads(first[0]).get("format", 1) if first is not None else _FORMAT_VERSION
        if stored >= _FORMAT_VERSION:
            return
        if self.read_only:
            log.warning("store %s was written by an older conflict-kg (graph format %s, now %s); "
                        "open it for writing once (kg build ... --store %s) to upgrade it",
                        self.path, stored, _FORMAT_VERSION, self.path)
            return
        old = [r for r in self._records() if r.get("format", 1) < _FORMAT_VERSION]
        if stored < 4:  # the derived layers were not kept part by part: start them afresh
            for name in (ENTITIES_GRAPH, CANONICAL_GRAPH):
                self._clear_graph(name)
            for table in ("mentions", "doc_entities", "merged_entities", "canonical", "uses", "lines", "shared",
                          "dirty"):
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        log.info("upgrading %d document graph%s in %s to graph format %d", len(old),
                 "" if len(old) == 1 else "s", self.path, _FORMAT_VERSION)
        for r in old:
            ents = {e.id: e for e in (entity_from_dict(d) for d in r["entities"])}
            self.add_document(_StoredArticle(r["article"], r["content_hash"]),
                              [event_from_dict(e) for e in r["events"]], ents, refresh=False)
        self.refresh()

    def optimize(self) -> None:
        """Compact the store's indexes (RocksDB's full compaction).

        Many small writes (a build adds documents one transaction each) leave
        overlapping index files behind until RocksDB's background compaction
        merges them; this merges them now, rewriting the whole store (so builds do
        not call it: adding one document would rewrite a million-event store).  A
        store bulk-loaded by ``bench/bench_store.py`` is already compact (0.02 s).

        Raises
        ------
        StoreError
            The store is open read-only, or compaction failed.
        """
        self._check_writable()
        try:
            self.oxigraph.optimize()
        except OSError as e:
            raise StoreError(f"cannot optimize store {self.path}: {one_line(e, 200)}") from None

    # -- context manager
    def close(self) -> None:
        """Flush and release the store (the lock too)."""
        ox = getattr(self, "_ox", None)
        if ox is not None:
            if self._db is not None:
                self._db.commit()  # records after graphs: a crash leaves a document to rebuild, never a ghost
                self._db.close()
                self._db = None
            if not self.read_only:
                ox.flush()
                _WRITERS.discard(self.db_path.resolve())
            self._ox = None

    def __enter__(self) -> "KGStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def oxigraph(self):
        """The underlying :class:`pyoxigraph.Store`."""
        if self._ox is None:
            raise StoreError(f"store {self.path} is closed")
        return self._ox

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    # -- documents
    def _records(self) -> Iterator[dict[str, Any]]:
        """Document records in document-id order."""
        if self._db is None:
            return
        for (text,) in self._db.execute("SELECT record FROM docs ORDER BY doc_id"):
            yield json.loads(text)

    def documents(self) -> dict[str, str]:
        """Stored documents: id -> content hash, sorted by id."""
        if self._db is None:
            return {}
        return dict(self._db.execute("SELECT doc_id, content_hash FROM docs ORDER BY doc_id"))

    def has(self, doc_id: str, content_hash: str) -> bool:
        """Whether ``doc_id`` is stored with exactly this content hash."""
        if self._db is None:
            return False
        row = self._db.execute("SELECT content_hash FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None and row[0] == content_hash

    def add_document(self, article: Article, events: Iterable[Event], entities: Mapping[str, Entity],
                     *, refresh: bool = True, activity: Any = None) -> None:
        """Store (or replace) one document's graph and its event mentions.

        Parameters
        ----------
        article : Article
        events : iterable of Event
            The document's event mentions (linked).
        entities : mapping of id to Entity
            Entities the events refer to (others are ignored).
        refresh : bool
            Recompute the entity and canonical layers now (pass ``False`` when
            adding many documents and call :meth:`refresh` once at the end).
        activity : kg.graph.rdf.Activity, optional
            The extraction run, for provenance (passed to the graph builders).
        """
        import pyoxigraph as ox

        self._check_writable()
        # document order, as extraction gives them (merging depends on mention order)
        events = sorted((e for e in events if e.doc_id == article.id),
                        key=lambda e: (e.sentence.start, e.trigger.start, e.type.value, e.id))
        used = {a.entity_id for e in events for a in e.args if a.entity_id}
        ents = {k: entities[k] for k in sorted(used) if k in entities}
        own, shared = _split(_document_graph(article, events, ents, activity))
        self._clear_graph(doc_graph_iri(article.id))
        self.oxigraph.load("\n".join(own).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
                           to_graph=ox.NamedNode(str(doc_graph_iri(article.id))))
        record = {
            "format": _FORMAT_VERSION,
            "doc_id": article.id,
            "content_hash": article.content_hash,
            "article": _article_meta(article),
            # canonical_id is derived (recomputed over all documents by refresh)
            "events": [{**event_to_dict(e), "canonical_id": None} for e in events],
            "entities": [entity_to_dict(ents[k]) for k in ents],
        }
        self._db.execute("INSERT OR REPLACE INTO docs (doc_id, content_hash, record) VALUES (?, ?, ?)",
                         (article.id, article.content_hash, json.dumps(record, ensure_ascii=False, sort_keys=True)))
        self._index_document(article.id, events, ents, shared, record)
        if refresh:
            self.refresh()

    def remove_document(self, doc_id: str, *, refresh: bool = True) -> bool:
        """Remove a document's graph and mentions; ``False`` when it is not stored."""
        import pyoxigraph as ox

        self._check_writable()
        graph = ox.NamedNode(str(doc_graph_iri(doc_id)))
        stored = self._db.execute("SELECT 1 FROM docs WHERE doc_id = ?", (doc_id,)).fetchone() is not None
        found = stored or self.oxigraph.contains_named_graph(graph)
        self._clear_graph(doc_graph_iri(doc_id))
        self._db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
        self._index_document(doc_id, [], {}, [], None)
        if found and refresh:
            self.refresh()
        return found

    def events(self) -> list[Event]:
        """Every stored event mention, by document id, then in document order."""
        return [event_from_dict(e) for r in self._records() for e in r["events"]]

    def entities(self) -> dict[str, Entity]:
        """Stored entities by id (records of several documents merged, in document order)."""
        return _merge_entities(self._records())

    def canonical(self) -> list[CanonicalEvent]:
        """The canonical (merged) events of all stored mentions (:func:`kg.merge.merge`)."""
        return self.merge(self.events(), self.entities())

    def articles(self) -> list[Article]:
        """Stored documents' metadata as :class:`~kg.model.Article` objects without text."""
        return [_StoredArticle(r["article"], r["content_hash"])
                for r in self._records()]

    # -- the derived layers, part by part
    def _part(self, ev: Event) -> str:
        from kg.merge import partition

        # a merge of the store's own kinds never spans parts; another could merge anything
        return partition(ev) if self.merge in (default_merge, singletons) else "*"

    def _mark(self, kind: str, keys: Iterable[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO dirty (kind, key) VALUES (?, ?)", ((kind, k) for k in keys))

    def _set_source(self, source: str, lines: Iterable[str]) -> None:
        """Make ``lines`` the entity-layer lines of ``source``; both old and new lines are to update."""
        db = self._db
        old = {i for (i,) in db.execute("SELECT line_id FROM shared WHERE source = ?", (source,))}
        new = set()
        for line in sorted(set(lines)):  # ids in line order: the same store from the same input
            row = db.execute("SELECT id FROM lines WHERE line = ?", (line,)).fetchone()
            new.add(row[0] if row else db.execute("INSERT INTO lines (line) VALUES (?)", (line,)).lastrowid)
        if old == new:
            return
        db.execute("DELETE FROM shared WHERE source = ?", (source,))
        db.executemany("INSERT INTO shared (source, line_id) VALUES (?, ?)", ((source, i) for i in sorted(new)))
        self._mark("line", (str(i) for i in old ^ new))

    def _index_document(self, doc_id: str, events: list[Event], ents: Mapping[str, Entity],
                        shared: list[str], record: Mapping[str, Any] | None) -> None:
        """Record what a document (re)placed, or removed when ``record`` is ``None`` (and the
        rest empty), and mark the merge parts, entities and lines to update.  ``record`` is
        the document's stored record: its event and entity dicts, in the order of ``events``
        and ``ents``."""
        db = self._db
        record = record or {"article": {}, "events": [], "entities": []}
        published = record["article"].get("date")
        old_parts = {p for (p,) in db.execute("SELECT DISTINCT part FROM mentions WHERE doc_id = ?", (doc_id,))}
        db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        rows, uses = [], set()
        for ev, stored in zip(events, record["events"], strict=True):
            part = self._part(ev)
            data = json.dumps(stored, ensure_ascii=False, sort_keys=True)
            rows.append((doc_id, ev.id, part, None if published is None else str(published), data))
            uses.update((eid, part) for eid in _entity_ids(ev) if eid in ents)
        db.executemany("INSERT OR REPLACE INTO mentions (doc_id, event_id, part, published, data) "
                       "VALUES (?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT OR IGNORE INTO uses (entity_id, part) VALUES (?, ?)", sorted(uses))
        self._mark("part", old_parts | {r[2] for r in rows})
        old_ents = {e for (e,) in db.execute("SELECT entity_id FROM doc_entities WHERE doc_id = ?", (doc_id,))}
        db.execute("DELETE FROM doc_entities WHERE doc_id = ?", (doc_id,))
        db.executemany("INSERT INTO doc_entities (entity_id, doc_id, data) VALUES (?, ?, ?)",
                       ((k, doc_id, json.dumps(d, ensure_ascii=False, sort_keys=True))
                        for k, d in zip(ents, record["entities"], strict=True)))
        self._mark("entity", old_ents | set(ents))
        self._set_source("doc:" + doc_id, shared)

    def _clear_graph(self, name: URIRef) -> None:
        import pyoxigraph as ox

        graph = ox.NamedNode(str(name))
        if self.oxigraph.contains_named_graph(graph):
            self.oxigraph.remove_graph(graph)

    def _write_lines(self, name: URIRef, add: Iterable[str], remove: Iterable[str] = (),
                     subjects: Iterable[str] = ()) -> None:
        """In the named graph ``name``: remove the N-Triples ``remove`` and every triple of the
        ``subjects`` (IRIs), then add the N-Triples ``add``."""
        import pyoxigraph as ox

        graph = ox.NamedNode(str(name))
        store = self.oxigraph
        remove = sorted(set(remove) - set(add))
        if remove:
            for t in ox.parse("\n".join(remove).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
        for iri in subjects:
            for q in list(store.quads_for_pattern(ox.NamedNode(iri), None, None, graph)):
                store.remove(q)
        add = sorted(set(add))
        if add:
            store.load("\n".join(add).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)

    def _dirty(self, kind: str) -> list[str]:
        return [k for (k,) in self._db.execute("SELECT key FROM dirty WHERE kind = ? ORDER BY key", (kind,))]

    def _merged_entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        for chunk, marks in _chunks(sorted(set(ids))):
            for eid, data in self._db.execute(
                    f"SELECT entity_id, data FROM merged_entities WHERE entity_id IN ({marks})", chunk):  # noqa: S608
                out[eid] = entity_from_dict(json.loads(data))
        return dict(sorted(out.items()))

    def _refresh_entity(self, eid: str) -> None:
        """Re-merge one entity's records; a change other than its aliases changes the events
        using it (labels, places' countries), so their parts are marked to rewrite."""
        db = self._db
        merged = _merge_entities({"entities": [json.loads(d)]} for (d,) in db.execute(
            "SELECT data FROM doc_entities WHERE entity_id = ? ORDER BY doc_id", (eid,))).get(eid)
        row = db.execute("SELECT data FROM merged_entities WHERE entity_id = ?", (eid,)).fetchone()
        new = json.dumps(entity_to_dict(merged), ensure_ascii=False, sort_keys=True) if merged else None
        if (row[0] if row else None) == new:
            return
        if merged is None:
            db.execute("DELETE FROM merged_entities WHERE entity_id = ?", (eid,))
            self._set_source("entity:" + eid, [])
        else:
            from kg.graph import rdf

            db.execute("INSERT OR REPLACE INTO merged_entities (entity_id, data) VALUES (?, ?)", (eid, new))
            self._set_source("entity:" + eid, _split(rdf.entities_graph([merged]))[1])
        if row is None or new is None or _without_aliases(row[0]) != _without_aliases(new):
            self._mark("part!", (p for (p,) in db.execute("SELECT part FROM uses WHERE entity_id = ?", (eid,))))

    def _refresh_part(self, part: str, activity: Any, rewrite: bool) -> None:
        """Re-merge one part and rewrite the canonical events whose mentions changed (all of
        them when ``rewrite``)."""
        import hashlib

        db = self._db
        rows = db.execute("SELECT doc_id, published, data FROM mentions WHERE part = ? ORDER BY doc_id, event_id",
                          (part,)).fetchall()
        events = [event_from_dict(json.loads(data)) for _, _, data in rows]
        stored = {(doc_id, ev.id): data for (doc_id, _, data), ev in zip(rows, events)}
        published = {doc_id: pub for doc_id, pub, _ in rows if pub}
        ents = self._merged_entities(eid for ev in events for eid in _entity_ids(ev))
        canonical = self.merge(events, ents) if events else []
        new: dict[str, tuple[str, CanonicalEvent]] = {}
        for ce in canonical:
            # the mentions as stored, with their documents' publication dates (firstReported)
            text = "\n".join(f"{stored[m.doc_id, m.id]}\t{published.get(m.doc_id)}" for m in ce.mentions)
            new[ce.id] = (hashlib.sha1(text.encode("utf-8")).hexdigest(), ce)
        old = dict(db.execute("SELECT event_id, digest FROM canonical WHERE part = ?", (part,)))
        for cid in new.keys() - old.keys():  # an event that was in another part
            if db.execute("SELECT 1 FROM canonical WHERE event_id = ?", (cid,)).fetchone() is not None:
                old[cid] = ""
        add: list[str] = []
        gone: list[str] = []  # events whose triples go (an event's own triples all have it as subject)
        for cid, digest in old.items():
            if cid not in new or rewrite or new[cid][0] != digest:
                gone.append(str(event_iri(cid)))
                db.execute("DELETE FROM canonical WHERE event_id = ?", (cid,))
                if cid not in new:
                    self._set_source("event:" + cid, [])
        for cid, (digest, ce) in new.items():
            if cid in old and not rewrite and old[cid] == digest:
                continue
            own, more = _split(_canonical_graph([ce], ents, activity, published, entity_nodes=False))
            add += own
            db.execute("INSERT INTO canonical (event_id, part, digest) VALUES (?, ?, ?)", (cid, part, digest))
            self._set_source("event:" + cid, more)  # the calendar, munition counts, the activity
        db.execute("DELETE FROM uses WHERE part = ?", (part,))
        db.executemany("INSERT OR IGNORE INTO uses (entity_id, part) VALUES (?, ?)", ((e, part) for e in ents))
        self._write_lines(CANONICAL_GRAPH, add, subjects=gone)

    def refresh(self, activity: Any = None) -> None:
        """Bring the entity layer and the canonical event layer up to date with the stored
        mentions, part by part: only the merge parts (:func:`kg.merge.partition`), entities
        and entity-layer lines that documents added, replaced or removed since the last
        refresh touched are recomputed and rewritten.

        Parameters
        ----------
        activity : kg.graph.rdf.Activity, optional
            The run, for the provenance of the canonical events it rewrites.
        """
        self._check_writable()
        db = self._db
        db.commit()
        for eid in self._dirty("entity"):
            self._refresh_entity(eid)
            db.execute("DELETE FROM dirty WHERE kind = 'entity' AND key = ?", (eid,))
        db.commit()
        forced = set(self._dirty("part!"))
        for part in sorted(set(self._dirty("part")) | forced):
            self._refresh_part(part, activity, part in forced)
            db.execute("DELETE FROM dirty WHERE kind IN ('part', 'part!') AND key = ?", (part,))
            db.commit()  # a part at a time: an interrupted refresh resumes with the parts left
        for chunk, marks in _chunks([int(k) for k in self._dirty("line")]):
            used = {j for (j,) in db.execute(
                f"SELECT DISTINCT line_id FROM shared WHERE line_id IN ({marks})", chunk)}  # noqa: S608
            text = dict(db.execute(f"SELECT id, line FROM lines WHERE id IN ({marks})", chunk))  # noqa: S608
            self._write_lines(ENTITIES_GRAPH, [text[j] for j in used if j in text],
                              [text[j] for j in chunk if j not in used and j in text])
            db.executemany("DELETE FROM lines WHERE id = ?", ((j,) for j in chunk if j not in used))
            db.executemany("DELETE FROM dirty WHERE kind = 'line' AND key = ?", ((str(j),) for j in chunk))
        db.commit()

    # -- reading
    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs())

    def nquads(self) -> list[str]:
        """All quads as sorted N-Quads lines (deterministic)."""
        import pyoxigraph as ox

        text = self.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        return sorted(line for line in text.splitlines() if line.strip())

    def ntriples(self) -> list[str]:
        """The union graph (duplicates across named graphs dropped) as sorted N-Triples lines."""
        import pyoxigraph as ox

        lines = set()
        for q in self.oxigraph.quads_for_pattern(None, None, None):
            lines.add(str(ox.Triple(q.subject, q.predicate, q.object)) + " .")
        return sorted(lines)

    def graph(self) -> Graph:
        """The union of all named graphs as an in-memory :class:`rdflib.Graph` (for small stores)."""
        g = bind_prefixes(Graph(bind_namespaces="none"))
        g.parse(data="\n".join(self.ntriples()), format="nt")
        return g

    def dataset(self):
        """All named graphs as an in-memory :class:`rdflib.Dataset` (for small stores)."""
        from rdflib import Dataset

        ds = Dataset()
        bind_prefixes(ds)
        ds.parse(data="\n".join(self.nquads()), format="nquads")
        return ds

    def __repr__(self) -> str:
        return f"KGStore({str(self.path)!r}, read_only={self.read_only})"


def open_store(path: str | os.PathLike, *, read_only: bool = False) -> KGStore:
    """Open (for writing: create) a store folder; see :class:`KGStore`."""
    return KGStore(path, read_only=read_only)


# --------------------------------------------------------------------------- serving


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server program (from the ``oxigraph`` PyPI package)."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the server gets SIGTERM when the process that started it dies, even by SIGKILL."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Server:
    """A running ``oxigraph serve-read-only`` over a store (see :func:`serve`).

    Attributes
    ----------
    url : str
        The SPARQL query endpoint, ``http://HOST:PORT/query``.
    process : subprocess.Popen
    """

    def __init__(self, process: subprocess.Popen, host: str, port: int) -> None:
        self.process = process
        self.host, self.port = host, port
        self.url = f"http://{host}:{port}/query"

    def running(self) -> bool:
        """Whether the server process is still alive."""
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server (kill it if it does not stop within ``timeout`` s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self.process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def serve(path: str | os.PathLike, *, port: int | None = None, host: str = "127.0.0.1",
          timeout: float | None = 30.0, cors: bool = False, ready_timeout: float = 30.0) -> Server:
    """Serve a store as a read-only SPARQL 1.1 Protocol endpoint (Oxigraph's server).

    Queries see the union of the named graphs.  The server runs in a child
    process; stop it with :meth:`Server.stop` (or use the result as a context
    manager).

    Parameters
    ----------
    path : str or os.PathLike
        The store folder.
    port : int, optional
        TCP port (default: a free one).
    host : str
        Address to bind (default ``127.0.0.1``: this machine only).
    timeout : float or None
        Per-query time limit in seconds (``None``: none).
    cors : bool
        Allow cross-origin requests (for browser tools such as YASGUI).
    ready_timeout : float
        How long to wait for the server to answer.

    Returns
    -------
    Server

    Raises
    ------
    StoreError
        No store, no server program, or the server did not start.
    """
    root = Path(path)
    if not (root / "oxigraph").is_dir():
        raise StoreError(f"no store at {root} (build one with `kg build PATHS --store {root}`)")
    check_not_being_written(root)
    port = port or free_port(host)
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(root / "oxigraph"),
           "--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout:
        cmd += ["--timeout-s", str(max(1, int(round(timeout))))]
    if cors:
        cmd.append("--cors")
    errors = tempfile.TemporaryFile()  # a pipe nobody reads could fill up and block the server
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    server = Server(proc, host, port)
    try:
        _wait_ready(server, errors, ready_timeout)
    except BaseException:  # not ready, or interrupted while starting: no server left behind
        server.stop()
        raise
    return server


def _wait_ready(server: Server, errors, ready_timeout: float) -> None:
    proc, host, port = server.process, server.host, server.port
    deadline = time.monotonic() + ready_timeout
    probe = f"http://{host}:{port}/query?query=ASK%7B%7D"
    while True:
        if proc.poll() is not None:
            errors.seek(0)
            err = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"oxigraph server exited ({proc.returncode}): {err[-1] if err else 'no message'}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise StoreError(f"oxigraph server did not answer on {host}:{port} within {ready_timeout:.0f} s")
        time.sleep(0.05)
