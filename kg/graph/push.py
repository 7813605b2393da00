"""Load a graph into a remote SPARQL server, in batches, with retries.

Two ways of writing, both plain HTTP (no client library), so any SPARQL 1.1
server takes them (Virtuoso, Jena Fuseki, GraphDB, Oxigraph server):

``update`` (default)
    SPARQL 1.1 Update ``INSERT DATA`` requests, POSTed as the ``update`` form
    field to the update endpoint (Virtuoso: ``/sparql`` or ``/sparql-auth``;
    Fuseki: ``/DATASET/update``; Oxigraph: ``/update``).
``gsp``
    SPARQL 1.1 Graph Store Protocol ``POST ?graph=IRI`` (or ``?default``) with an
    N-Triples body (Virtuoso: ``/sparql-graph-crud-auth``; Fuseki:
    ``/DATASET/data``; Oxigraph: ``/store``).

Terms are serialised with rdflib's :meth:`~rdflib.term.Node.n3` (escaping done by
rdflib, never by string formatting of values).  ``INSERT DATA`` and GSP ``POST``
add triples to a set, so a batch sent twice does no harm: a batch that fails with
a transient error (connection refused or reset, timeout, HTTP 408, 429, 502, 503,
504) is sent again after an exponential back-off; one the server rejects as a
whole with HTTP 400, 413 or 500 (Virtuoso fails on ``INSERT DATA`` of 5,000
triples: "SP030 ... memory exhausted") is split in halves, at most three times,
before the push gives up with the server's message.

Credentials come from the environment, never from the command line:
``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` (HTTP Basic or Digest, as the
server asks; Virtuoso's ``/sparql-auth`` wants Digest).

Blank nodes are scoped to one request, so a blank node whose triples land in two
batches would become two nodes; our graphs have none (:mod:`kg.graph.rdf` mints
IRIs for everything); for a graph that has some a warning is logged (``batch=0``
sends everything in one request).
"""
from __future__ import annotations

import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import __version__
from kg.errors import EndpointError, GraphError

__all__ = ["PushResult", "push", "read_quads", "batches", "insert_data", "ENV_USER", "ENV_PASSWORD"]

log = logging.getLogger("kg")

#: Environment variables holding the endpoint's user name and password.
ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"

#: Statuses worth sending the same batch again for (after a pause).
TRANSIENT = frozenset({408, 425, 429, 502, 503, 504})
#: Statuses after which a batch is split in halves: the server may reject a large request
#: (Virtuoso answers an INSERT DATA of 5,000 triples with 400 "SP030 ... memory exhausted").
SPLIT = frozenset({400, 413, 500})
#: How many times a batch may be halved before the push gives up.
MAX_SPLITS = 3

_QUAD_SUFFIX = {".nq": "nquads", ".trig": "trig", ".trix": "trix"}
Quad = tuple  # (s, p, o, graph IRI or None for the default graph)


@dataclass
class PushResult:
    """What :func:`push` sent.

    Attributes
    ----------
    triples : int
        Triples (or quads) sent and acknowledged.
    batches : int
        Requests that succeeded.
    seconds : float
        Wall time of the push (reading the source excluded).
    retries : int
        Requests sent again after a transient failure.
    splits : int
        Batches halved after the server rejected them.
    """

    triples: int = 0
    batches: int = 0
    seconds: float = 0.0
    retries: int = 0
    splits: int = 0

    @property
    def rate(self) -> float:
        """Triples per second."""
        return self.triples / self.seconds if self.seconds > 0 else 0.0

    def summary(self, endpoint: str) -> str:
        """One line for the log: ``pushed N triples in B batches to URL in S s (R triples/s)``."""
        extra = []
        if self.retries:
            extra.append(f"{self.retries} retried")
        if self.splits:
            extra.append(f"{self.splits} split")
        tail = f"; {', '.join(extra)}" if extra else ""
        return (f"pushed {self.triples:,} triples in {self.batches:,} batches to {endpoint} "
                f"in {self.seconds:.1f} s ({self.rate:,.0f} triples/s{tail})")


# --------------------------------------------------------------------------- reading


def read_quads(source: str | Path | Graph) -> list[Quad]:
    """The triples of a graph file or rdflib graph, as ``(s, p, o, graph)``.

    Parameters
    ----------
    source : str, pathlib.Path or rdflib.Graph
        A graph file (``.ttl``, ``.nt``, ``.nq``, ``.trig`` ... chosen by suffix) or
        an rdflib ``Graph`` / ``Dataset``.  (A store folder, ``--store DIR``, is read
        by :func:`kg.graph.store` once that exists: add it here.)

    Returns
    -------
    list of tuple
        ``graph`` is the named graph's IRI for quad formats, ``None`` for triples in
        the default graph.  Sorted, so pushes are reproducible.

    Raises
    ------
    kg.errors.GraphError
        Missing file, unknown suffix or a parse failure.
    """
    if isinstance(source, Graph):
        return _quads_of(source)
    path = Path(source)
    # Hook for the embedded store: a folder is an Oxigraph store (kg.graph.store).
    if path.is_dir():
        raise GraphError(f"{path} is a folder; pushing from a store folder is not supported yet, "
                         "give a graph file (.ttl, .nt, .nq, .trig)")
    suffix = path.suffix.lower()
    if suffix in _QUAD_SUFFIX:
        if not path.is_file():
            raise GraphError(f"no such graph file: {path}")
        ds = Dataset()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.parse(path, format=_QUAD_SUFFIX[suffix])
        except Exception as e:  # every rdflib parser has its own exception types
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise GraphError(f"cannot parse {path} as {_QUAD_SUFFIX[suffix]}: {first[:200]}") from None
        return _quads_of(ds)
    from kg.graph.sparql import load_graph

    return _quads_of(load_graph(path))


def _quads_of(g: Graph) -> list[Quad]:
    out: list[Quad] = []
    if getattr(g, "context_aware", False):
        for s, p, o, c in g.quads((None, None, None, None)):
            ident = getattr(c, "identifier", c)
            name = None if ident is None or ident == DATASET_DEFAULT_GRAPH_ID else ident
            out.append((s, p, o, name))
    else:
        out = [(s, p, o, None) for s, p, o in g]
    out.sort(key=lambda q: (str(q[3] or ""), q[0], q[1], q[2]))
    return out


# --------------------------------------------------------------------------- requests


def batches(quads: Sequence[Quad], size: int) -> Iterator[Sequence[Quad]]:
    """Consecutive slices of at most ``size`` quads (all of them when ``size`` <= 0).

    Parameters
    ----------
    quads : sequence of tuple
    size : int

    Yields
    ------
    sequence of tuple
    """
    if size <= 0:
        if quads:
            yield quads
        return
    for i in range(0, len(quads), size):
        yield quads[i:i + size]


def _n3(term) -> str:
    try:
        return term.n3()
    except Exception as e:  # rdflib refuses IRIs that N-Triples/SPARQL cannot carry
        raise GraphError(f"cannot serialise {term!r}: {str(e).splitlines()[0][:200]}") from None


def _triples_text(quads: Iterable[Quad]) -> str:
    return "".join(f"{_n3(s)} {_n3(p)} {_n3(o)} .\n" for s, p, o, *_ in quads)


def _ntriples(quads: Iterable[Quad]) -> bytes:
    """N-Triples (one line per triple, rdflib's serialiser) for a GSP body."""
    g = Graph(bind_namespaces="none")
    for s, p, o, *_ in quads:
        _n3(s), _n3(o)  # the same checks as for INSERT DATA
        g.add((s, p, o))
    return g.serialize(format="nt", encoding="utf-8")


def insert_data(quads: Sequence[Quad], graph: str | URIRef | None = None) -> str:
    """A SPARQL 1.1 ``INSERT DATA`` request for ``quads``.

    Parameters
    ----------
    quads : sequence of tuple
        ``(s, p, o, graph)``; ``graph`` None means the default graph.
    graph : str or rdflib.URIRef, optional
        Put every triple into this named graph instead.

    Returns
    -------
    str
    """
    groups: dict[URIRef | None, list[Quad]] = {}
    for q in quads:
        name = URIRef(graph) if graph is not None else q[3]
        groups.setdefault(name, []).append(q)
    parts = []
    for name, qs in groups.items():
        body = _triples_text(qs)
        parts.append(body if name is None else f"GRAPH {_n3(URIRef(name))} {{\n{body}}}\n")
    return "INSERT DATA {\n" + "".join(parts) + "}"


class _Rejected(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
        self.size = 0


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, url, user, password or "")
        # Digest is tried first (handler order), Basic when the server asks for it.
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def _server_message(err: urllib.error.HTTPError) -> str:
    try:
        body = err.read(4000).decode("utf-8", "replace")
    except Exception:
        body = ""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    first = lines[0] if lines else (err.reason or "")
    return f"HTTP {err.code}: {first[:300]}"


def _send(opener, request: urllib.request.Request, timeout: float) -> None:
    try:
        with opener.open(request, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as e:
        raise _Rejected(e.code, _server_message(e)) from None


def push(
    source: str | Path | Graph | Sequence[Quad],
    endpoint: str,
    graph: str | None = None,
    *,
    batch: int = 1000,
    method: str = "update",
    user: str | None = None,
    password: str | None = None,
    retries: int = 5,
    backoff: float = 0.5,
    timeout: float = 120.0,
    sleep: Callable[[float], None] = time.sleep,
) -> PushResult:
    """Load a graph into a SPARQL 1.1 server.

    Parameters
    ----------
    source : str, pathlib.Path, rdflib.Graph or sequence of tuple
        A graph file, an rdflib graph or dataset, or quads from :func:`read_quads`.
    endpoint : str
        The update endpoint (``method="update"``) or the Graph Store Protocol
        service (``method="gsp"``).  Must not carry credentials.
    graph : str, optional
        Named graph IRI to load into; by default triples go to the default graph
        and quads to their own graphs.  Virtuoso has no writable default graph:
        give one.
    batch : int
        Triples per request (Virtuoso accepts 1,000 and fails on 5,000); 0 sends
        everything in one request.
    method : {"update", "gsp"}
    user, password : str, optional
        Credentials; default from ``KG_ENDPOINT_USER`` / ``KG_ENDPOINT_PASSWORD``.
    retries : int
        Times a request is sent again after a transient failure.
    backoff : float
        First pause in seconds; doubled after each retry.
    timeout : float
        Seconds to wait for one request.
    sleep : callable
        The pause function (tests pass a no-op).

    Returns
    -------
    PushResult

    Raises
    ------
    kg.errors.EndpointError
        Unreachable endpoint (after the retries), authentication refused, or a
        request the server rejects (one line with the server's message).
    kg.errors.GraphError
        An unreadable source or a term that cannot be serialised.
    """
    if method not in ("update", "gsp"):
        raise EndpointError(f"unknown push method {method!r}; use update or gsp")
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"endpoint must be an http(s) URL, not {endpoint!r}")
    if parts.username or parts.password:
        raise EndpointError(f"put credentials in {ENV_USER} / {ENV_PASSWORD}, not in the endpoint URL")
    if graph is not None:
        gp = urllib.parse.urlsplit(graph)
        if not gp.scheme or any(c in graph for c in ' <>"{}|\\^`'):
            raise EndpointError(f"graph must be an absolute IRI, not {graph!r}")
    user = user if user is not None else os.environ.get(ENV_USER) or None
    password = password if password is not None else os.environ.get(ENV_PASSWORD)

    quads = source if isinstance(source, Sequence) and not isinstance(source, (str, Graph)) else read_quads(source)
    if any(isinstance(t, BNode) for q in quads for t in q[:3:2]) and 0 < batch < len(quads):
        log.warning("the graph has blank nodes; one split across two batches becomes two nodes "
                    "(use --batch 0 to send one request)")
    opener = _opener(endpoint, user, password)
    result = PushResult()
    started = time.perf_counter()

    def request_for(chunk: Sequence[Quad]) -> list[urllib.request.Request]:
        headers = {"User-Agent": f"conflict-kg/{__version__}"}
        if method == "update":
            data = urllib.parse.urlencode({"update": insert_data(chunk, graph)}).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            return [urllib.request.Request(endpoint, data=data, headers=headers, method="POST")]
        out = []
        groups: dict[str | None, list[Quad]] = {}
        for q in chunk:
            groups.setdefault(graph if graph is not None else (str(q[3]) if q[3] is not None else None), []).append(q)
        for name, qs in groups.items():
            query = urllib.parse.urlencode({"graph": name}) if name is not None else "default"
            sep = "&" if parts.query else "?"
            h = dict(headers, **{"Content-Type": "application/n-triples; charset=utf-8"})
            out.append(urllib.request.Request(f"{endpoint}{sep}{query}", data=_ntriples(qs),
                                              headers=h, method="POST"))
        return out

    def send_one(request: urllib.request.Request) -> None:
        pause = backoff
        for attempt in range(retries + 1):
            try:
                _send(opener, request, timeout)
                return
            except _Rejected as e:
                if e.status in (401, 403):
                    who = f"as {user!r}" if user else f"without credentials (set {ENV_USER} / {ENV_PASSWORD})"
                    raise EndpointError(f"{endpoint} refused the request {who}: {e.message}") from None
                if e.status not in TRANSIENT or attempt == retries:
                    raise
                why = e.message
            except (urllib.error.URLError, OSError) as e:  # refused, reset, timed out, DNS
                if attempt == retries:
                    reason = getattr(e, "reason", e)
                    raise EndpointError(f"cannot reach {endpoint} after {retries + 1} attempts: {reason}") from None
                why = str(getattr(e, "reason", e))
            result.retries += 1
            log.debug("retrying in %.1f s after: %s", pause, why)
            sleep(pause)
            pause *= 2

    def send_chunk(chunk: Sequence[Quad], depth: int = 0) -> None:
        try:
            for request in request_for(chunk):
                send_one(request)
        except _Rejected as e:
            if e.status in SPLIT and len(chunk) > 1 and depth < MAX_SPLITS:
                result.splits += 1
                half = len(chunk) // 2
                log.debug("%s rejected %d triples (%s); sending two halves", endpoint, len(chunk), e.message)
                send_chunk(chunk[:half], depth + 1)
                send_chunk(chunk[half:], depth + 1)
                return
            e.size = len(chunk)
            raise
        result.triples += len(chunk)
        result.batches += 1

    for chunk in batches(quads, batch):
        try:
            send_chunk(chunk)
        except _Rejected as e:
            also = f" (and parts of {e.size:,})" if e.size < len(chunk) else ""
            raise EndpointError(f"{endpoint} rejected a batch of {len(chunk):,} triples{also}: {e.message}") from None
    result.seconds = time.perf_counter() - started
    return result
