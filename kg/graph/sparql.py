"""Run SPARQL over the graph: ad-hoc text, ``.rq`` files or named queries.

Named queries live in ``ontology/queries/<name>.rq`` and start with a header::

    # description: Events of one type, in date order.
    # param ?type: deployment | strike | appointment | statement
    # param ?since (optional): earliest date

Parameters are passed as keyword arguments and reach the query through rdflib's
``initBindings`` (never by formatting SPARQL text).  Binding values are converted
by :func:`to_term`:

* rdflib terms are used as they are; ``None`` leaves the variable unbound;
* ``bool``, ``int``, ``float``, ``Decimal``, ``date``, ``datetime`` become typed literals;
* a ``str`` becomes an IRI when it is ``<...>``, starts with ``http://``,
  ``https://`` or ``urn:`` (and has no whitespace), or is ``prefix:local`` for a
  prefix of :data:`kg.graph.vocab.PREFIXES` (``kg:Strike``, ``kgid:entity/country/RU``);
  any other string is a plain ``xsd:string`` literal.

The ``kg:``, ``kgid:``, ``rdfs:`` ... prefixes are predeclared, so ad-hoc queries
need no ``PREFIX`` lines.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

log = logging.getLogger("kg")

from kg.errors import GraphError, QueryError
from kg.graph.vocab import PREFIXES, XSD, expand_curie, queries_dir
from kg.util import one_line as _one_line

__all__ = ["QueryResult", "NamedQuery", "Endpoint", "query", "named_queries", "load_graph", "to_term", "substitute",
           "bindings_for", "date_bound", "store_variant", "DATE_PARAMS"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_HEADER = re.compile(r"^#\s*(description|param)\b\s*(.*)$")
_PARAM = re.compile(r"^[?$]([A-Za-z_]\w*)\s*(\(optional\))?\s*:\s*(.*)$")
_OPTIONAL = "(optional) "

_INTEGER_TYPES = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
    XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
    XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte,
}
_FLOAT_TYPES = {XSD.decimal, XSD.double, XSD.float}
_INTEGER_IRIS = frozenset(str(t) for t in _INTEGER_TYPES)
_FLOAT_IRIS = frozenset(str(t) for t in _FLOAT_TYPES)
_BOOLEAN_IRI = str(XSD.boolean)

_SUFFIX_FORMAT = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".n3": "n3",
    ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".trix": "trix", ".hext": "hext",
}


class NamedQuery(NamedTuple):
    """A query of ``ontology/queries``: its file, description and parameters.

    ``params`` maps a variable name (without ``?``) to its description; optional
    parameters' descriptions start with ``"(optional) "``.
    """

    path: Path
    description: str
    params: dict[str, str]

    @property
    def required(self) -> list[str]:
        """Names of the parameters that must be bound."""
        return [p for p, d in self.params.items() if not d.startswith(_OPTIONAL)]


def _parse_header(text: str, path: Path) -> NamedQuery:
    description = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, rest = m.group(1), m.group(2).lstrip(":").strip()
        if key == "description":
            description = f"{description} {rest}".strip()
        else:
            pm = _PARAM.match(m.group(2).strip())
            if pm:
                params[pm.group(1)] = (_OPTIONAL if pm.group(2) else "") + pm.group(3).strip()
    return NamedQuery(path, description, params)


def named_queries() -> dict[str, NamedQuery]:
    """The named queries of ``ontology/queries``, by name (file stem), sorted.

    Returns
    -------
    dict of str to NamedQuery
        ``(path, description, params)`` tuples.
    """
    try:
        folder = queries_dir()
    except FileNotFoundError:
        return {}
    out: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        out[path.stem] = _parse_header(path.read_text(encoding="utf-8"), path)
    return out


def to_term(value: Any) -> Node | None:
    """Convert a Python binding value to an rdflib term (see the module docstring).

    Parameters
    ----------
    value : object

    Returns
    -------
    rdflib.term.Node or None
    """
    if value is None or isinstance(value, Node):
        return value
    if isinstance(value, (bool, int, float, Decimal, date, datetime)):
        return Literal(value)
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, str):
        s = value.strip()
        if s.startswith("<") and s.endswith(">") and not re.search(r"\s", s):
            return URIRef(s[1:-1])
        if re.match(r"^(https?://|urn:)\S+$", s):
            return URIRef(s)
        curie = expand_curie(s)
        if curie is not None:
            return curie
        return Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} value in a query")


def _py(term: Node | None) -> Any:
    """A row value: ints/floats/bools as Python, everything else as its string form."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return _literal_value(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _literal_value(lexical: str, datatype: str | None, language: str | None) -> Any:
    """A literal's row value (see :func:`_py`): numbers and booleans as Python, else the text."""
    if not language:
        try:
            if datatype in _INTEGER_IRIS:
                return int(lexical)
            if datatype in _FLOAT_IRIS:
                return float(lexical)
            if datatype == _BOOLEAN_IRI:
                return lexical.strip().lower() in ("true", "1")
        except ValueError:
            pass
    return lexical


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
    return out


def _compact(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


@dataclass
class QueryResult:
    """The result of :func:`query`.

    Attributes
    ----------
    vars : list of str
        Column names (``subject``/``predicate``/``object`` for CONSTRUCT and DESCRIBE,
        empty for ASK).
    rows : list of dict
        One dict per solution: ints, floats and bools as Python values, IRIs and
        other literals as strings (dates in ISO form), unbound as ``None``.
    terms : list of dict
        The same solutions as rdflib terms.
    boolean : bool or None
        The answer of an ASK query.
    """

    vars: list[str]
    rows: list[dict[str, Any]]
    terms: list[dict[str, Node | None]] = field(default_factory=list, repr=False)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def to_table(self, max_width: int = 60) -> str:
        """A plain-text table (IRIs shortened to ``prefix:local``).

        Parameters
        ----------
        max_width : int
            Cells longer than this are cut with an ellipsis.

        Returns
        -------
        str
        """
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        cells = [
            [_one_line(_compact(r.get(v)), max_width) for v in self.vars] for r in self.rows
        ]
        widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(self.vars)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.vars, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV results: a header of variable names, then values (unbound empty).

        Returns
        -------
        str
        """
        buf = io.StringIO()
        w = csv.writer(buf)
        if self.boolean is not None:
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.vars)
        for t in self.terms:
            w.writerow(["" if t.get(v) is None else str(t[v]) for v in self.vars])
        return buf.getvalue()

    def to_json(self, indent: int | None = 2) -> str:
        """SPARQL 1.1 Query Results JSON.

        Parameters
        ----------
        indent : int or None
            Passed to :func:`json.dumps`.

        Returns
        -------
        str
        """
        if self.boolean is not None:
            doc: dict[str, Any] = {"head": {}, "boolean": self.boolean}
        else:
            doc = {
                "head": {"vars": list(self.vars)},
                "results": {
                    "bindings": [
                        {v: _json_term(t[v]) for v in self.vars if t.get(v) is not None}
                        for t in self.terms
                    ]
                },
            }
        return json.dumps(doc, indent=indent, ensure_ascii=False)

    def to_dataframe(self):
        """The rows as a :class:`pandas.DataFrame` (one column per variable; pandas is optional).

        Returns
        -------
        pandas.DataFrame

        Raises
        ------
        kg.errors.QueryError
            pandas is not installed, or the result is an ASK answer.
        """
        try:
            import pandas as pd
        except ImportError:
            raise QueryError("to_dataframe needs pandas (pip install pandas)") from None
        if self.boolean is not None:
            raise QueryError("an ASK result has no rows; use .boolean")
        return pd.DataFrame(self.rows, columns=list(self.vars))


def _resolve(q: str | Path) -> tuple[str, NamedQuery | None, str]:
    """``(sparql text, header or None, display name)`` for text, a .rq path or a name."""
    if isinstance(q, Path) or (
        isinstance(q, str) and "\n" not in q and q.strip().lower().endswith((".rq", ".sparql"))
    ):
        path = Path(q).expanduser()
        if not path.is_file():
            raise QueryError(f"no such query file: {path}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"cannot read query file {path}: {_one_line(e)}") from None
        return text, _parse_header(text, path), str(path)
    if not isinstance(q, str):
        raise QueryError(f"a query must be SPARQL text, a .rq path or a query name, not {type(q).__name__}")
    name = q.strip()
    if _NAME.match(name):
        available = named_queries()
        if name not in available:
            names = ", ".join(available) or "(none installed)"
            raise QueryError(f"unknown query '{name}'; available: {names}")
        nq = available[name]
        return nq.path.read_text(encoding="utf-8"), nq, name
    return q, None, "query"


#: Date-window parameters of the named queries: ``since`` is the first day of the period
#: it names, ``until`` the last ("2024-03" -> 2024-03-01 / 2024-03-31), as ``xsd:date``.
DATE_PARAMS = {"since": "start", "until": "end"}


def date_bound(value: Any, *, end: bool = False, what: str = "date") -> Literal:
    """An ISO year, month or day as the ``xsd:date`` that starts (or ends) that period.

    Parameters
    ----------
    value : str, datetime.date or rdflib.Literal
        ``"2024"``, ``"2024-03"``, ``"2024-03-05"`` or a date.
    end : bool
        The last day of the period instead of the first.
    what : str
        Names the value in the error message.

    Returns
    -------
    rdflib.Literal
        Typed ``xsd:date``.

    Raises
    ------
    kg.errors.QueryError
        When the value is not such a date.
    """
    import calendar

    text = value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    try:
        if m is None:
            raise ValueError(text)
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if day is not None:
            when = date(year, int(month), int(day))
        elif month is not None:
            last = calendar.monthrange(year, int(month))[1]
            when = date(year, int(month), last if end else 1)
        else:
            when = date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise QueryError(f"{what} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}") from None
    return Literal(when.isoformat(), datatype=XSD.date)


def _check_bindings(
    text: str, header: NamedQuery | None, bindings: Mapping[str, Any], name: str, named: bool
) -> dict[str, Node]:
    """Validate and convert bindings: a named query (or a file whose header declares
    parameters) accepts only its declared parameters; other text only its variables."""
    out: dict[str, Node] = {}
    declared = header.params if header is not None and (named or header.params) else None
    for raw, value in bindings.items():
        var = raw.lstrip("?$")
        if declared is not None:
            if var not in declared:
                raise QueryError(
                    f"{name} has no parameter '{var}'; parameters: "
                    + (", ".join(f"?{p}" for p in declared) or "none")
                )
        elif not re.search(rf"[?$]{re.escape(var)}\b", text):
            raise QueryError(f"{name} has no variable ?{var} to bind")
        term = to_term(value)
        if term is not None and var in DATE_PARAMS and header is not None and var in header.params:
            term = date_bound(term, end=DATE_PARAMS[var] == "end", what=f"{name}: ?{var}")
        if term is not None:
            out[var] = term
    if header is not None:
        missing = [p for p in header.required if p not in out]
        if missing:
            raise QueryError(
                f"{name} needs a value for " + ", ".join(f"?{p}" for p in missing)
                + " (" + "; ".join(f"?{p}: {header.params[p]}" for p in missing) + ")"
            )
    return out


def _syntax_message(e: ParseBaseException, name: str) -> str:
    msg = _one_line(getattr(e, "msg", "") or str(e), 160)
    return f"SPARQL syntax error in {name} at line {e.lineno}, column {e.col}: {msg}"


class Endpoint:
    """A remote SPARQL 1.1 Protocol endpoint, for :func:`query`.

    Parameters
    ----------
    url : str
        The query URL (``http://127.0.0.1:7878/query`` for ``kg serve``).
    timeout : float
        Seconds to wait for an answer.
    """

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        if not re.match(r"^https?://\S+$", url or ""):
            raise QueryError(f"not an http(s) endpoint URL: {url!r}")
        self.url = url
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r})"


_VAR = r"[?$]([A-Za-z0-9_][A-Za-z0-9_\u00B7\u00C0-\uFFFD]*)"
_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    rf'|(?P<bound>(?i:BOUND)\s*\(\s*{_VAR}\s*\))'
    rf'|(?P<var>{_VAR})'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<open>[({])|(?P<close>[)}])',
    re.S,
)


def substitute(text: str, terms: Mapping[str, Node]) -> str:
    """Replace the variables ``terms`` names by those constant terms throughout a query.

    This is the substitution of `SEP-0007 <https://github.com/w3c/sparql-dev/blob/main/SEP/SEP-0007/sep-0007.md>`_
    (and what rdflib's ``initBindings`` does): every occurrence of ``?name`` or
    ``$name`` in the query's tokens (never inside strings, IRIs or comments)
    becomes the term, written in N-Triples syntax by pyoxigraph, so no value is
    ever pasted into the text unescaped.  ``BOUND(?name)`` becomes ``true``; a
    substituted variable projected by ``SELECT`` becomes ``(term AS ?name)`` so
    it stays a result column.  Used for Oxigraph stores (whose own
    ``substitutions`` accept only projected variables) and remote endpoints.

    Parameters
    ----------
    text : str
        SPARQL query text.
    terms : mapping of str to rdflib term
        Variable name (no ``?``) -> value.

    Returns
    -------
    str
    """
    if not terms:
        return text
    rendered = {k: str(_to_ox(v)) for k, v in terms.items()}
    out: list[str] = []
    pos = 0
    in_select, depth, last = False, 0, ""
    for m in _TOKEN.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        tok = m.group(0)
        kind = m.lastgroup
        previous, last = last, (tok.upper() if kind == "word" else tok)
        if kind == "word":
            upper = tok.upper()
            if upper == "SELECT":
                in_select, depth = True, 0
            elif upper == "WHERE":
                in_select = False
        elif kind == "open":
            if tok == "{":
                in_select = False
            else:
                depth += 1
        elif kind == "close" and tok == ")":
            depth -= 1
        elif kind == "bound":
            name = re.search(_VAR, tok).group(1)
            if name in rendered:
                tok = "true"
        elif kind == "var":
            name = tok[1:]
            if name in rendered and previous != "AS":  # ``AS ?name`` binds the variable: left alone
                if in_select and depth == 0:
                    tok = f"({rendered[name]} AS ?{name})"
                else:
                    tok = rendered[name]
        out.append(tok)
    out.append(text[pos:])
    return "".join(out)


def _to_ox(term: Node):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}")


def _from_ox(term: Any) -> Node | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))
    raise QueryError(f"unsupported result term {term!r}")


def _py_ox(term: Any) -> Any:
    """:func:`_py` of a pyoxigraph term, without building the rdflib term first."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal_value(term.value, term.datatype.value, term.language)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _ox_rows(names: list[str], raw: list[tuple], convert: Any) -> list[dict[str, Any]]:
    """Oxigraph solutions as dicts, ``convert`` applied once per distinct value (values
    repeat across rows: types, documents, actors)."""
    cache: dict[Any, Any] = {None: None}

    def conv(v: Any) -> Any:
        try:
            return cache[v]
        except KeyError:
            out = cache[v] = convert(v)
            return out

    return [{n: conv(v) for n, v in zip(names, vals)} for vals in raw]


class _OxTerms(Sequence):
    """QueryResult.terms of an Oxigraph result: rdflib terms built on first access."""

    def __init__(self, names: list[str], raw: list[tuple]) -> None:
        self._names, self._raw, self._done = names, raw, None

    def _terms(self) -> list[dict[str, Node | None]]:
        if self._done is None:
            self._done = _ox_rows(self._names, self._raw, _from_ox)
            self._raw = []
        return self._done

    def __getitem__(self, i):  # type: ignore[override]
        return self._terms()[i]

    def __len__(self) -> int:
        return len(self._done) if self._done is not None else len(self._raw)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (list, Sequence)) else NotImplemented


def _from_json_term(t: Mapping[str, str]) -> Node:
    kind = t.get("type")
    if kind == "uri":
        return URIRef(t["value"])
    if kind == "bnode":
        return BNode(t["value"])
    dt = t.get("datatype")
    if t.get("xml:lang"):
        return Literal(t["value"], lang=t["xml:lang"])
    return Literal(t["value"], datatype=URIRef(dt) if dt and dt != str(XSD.string) else None)


def _run_oxigraph(store: Any, text: str, kind: str, name: str) -> QueryResult:
    try:
        res = store.query(text, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
        if kind == "AskQuery":
            return QueryResult(vars=[], rows=[], terms=[], boolean=bool(res))
        if kind in ("ConstructQuery", "DescribeQuery"):
            names = ["subject", "predicate", "object"]
            triples = sorted({(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res})
            terms = [dict(zip(names, t)) for t in triples]
        else:
            names = [v.value for v in res.variables]
            raw = [tuple(sol) for sol in res]
            # the rdflib terms are only built if someone reads QueryResult.terms
            return QueryResult(vars=names, rows=_ox_rows(names, raw, _py_ox), terms=_OxTerms(names, raw))
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error in {name}: {_one_line(e, 200)}") from None
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"{name} failed: {_one_line(e)}") from None
    return _result(names, terms)


#: result sizes at which servers commonly cut results silently (Virtuoso: 10,000 by default)
ROW_CAPS = frozenset({10_000, 100_000})


def _run_endpoint(endpoint: Endpoint, text: str, kind: str, name: str) -> QueryResult:
    import urllib.error
    import urllib.parse
    import urllib.request

    graph_query = kind in ("ConstructQuery", "DescribeQuery")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    body = urllib.parse.urlencode({"query": prologue + text}).encode("utf-8")
    req = urllib.request.Request(endpoint.url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/n-triples" if graph_query else "application/sparql-results+json",
        "User-Agent": "conflict-kg",
    })
    try:
        with urllib.request.urlopen(req, timeout=endpoint.timeout) as resp:
            payload = resp.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace") if e.fp else ""
        if "timeout" in detail.lower() or e.code in (408, 504):
            raise QueryError(f"{name} timed out at {endpoint.url}: {_one_line(detail or e.reason, 200)}") from None
        raise QueryError(f"{name} failed at {endpoint.url}: HTTP {e.code}: {_one_line(detail or e.reason, 200)}") from None
    except TimeoutError:
        raise QueryError(f"{name} timed out after {endpoint.timeout:g} s at {endpoint.url}") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise QueryError(f"cannot reach SPARQL endpoint {endpoint.url}: {_one_line(reason, 200)}") from None
    if graph_query:
        g = Graph()
        g.parse(data=payload, format="nt")
        names = ["subject", "predicate", "object"]
        return _result(names, [dict(zip(names, t)) for t in sorted(g)])
    try:
        doc = json.loads(payload)
    except json.JSONDecodeError:
        tail = _one_line(payload[-300:], 200)
        if re.search(r"cancell?ed|time ?out|timed out", tail, re.I):  # Oxigraph streams, then stops on its timeout
            raise QueryError(f"{name} took longer than the endpoint's time limit ({endpoint.url}); "
                             "narrow the query or raise `kg serve --timeout`") from None
        raise QueryError(f"{endpoint.url} did not answer with SPARQL JSON results: {tail}") from None
    if "boolean" in doc:
        return QueryResult(vars=[], rows=[], terms=[], boolean=bool(doc["boolean"]))
    names = list(doc.get("head", {}).get("vars", []))
    terms = [{n: (_from_json_term(b[n]) if n in b else None) for n in names}
             for b in doc.get("results", {}).get("bindings", [])]
    if len(terms) in ROW_CAPS:
        log.warning("%s: %s answered exactly %d rows, a common server row cap (Virtuoso's default "
                    "ResultSetMaxRows): the result may be cut; narrow the query", name, endpoint.url, len(terms))
    return _result(names, terms)


def _result(names: list[str], terms: list[dict[str, Node | None]]) -> QueryResult:
    rows = [{v: _py(t.get(v)) for v in names} for t in terms]
    return QueryResult(vars=names, rows=rows, terms=terms)


def _is_oxigraph(target: Any) -> bool:
    if hasattr(target, "oxigraph") and hasattr(target, "named_graphs"):
        return True
    return type(target).__module__.startswith("pyoxigraph")


def query(graph: Any, q: str | Path, *, limit: int | None = None, offset: int | None = None,
          **bindings: Any) -> QueryResult:
    """Run a SPARQL query on a graph, a store or a remote endpoint.

    Parameters
    ----------
    graph : rdflib.Graph, kg.graph.store.KGStore, pyoxigraph.Store or Endpoint
        Where to run: an in-memory graph (rdflib's engine), a store (Oxigraph's
        engine over the union of its named graphs) or a SPARQL endpoint
        (:class:`Endpoint`, or its URL as a string).
    q : str or pathlib.Path
        SPARQL text, a path to a ``.rq`` (or ``.sparql``) file, or the name of a
        named query (see :func:`named_queries`): a single word such as
        ``events_by_type``.
    limit, offset : int, optional
        Return at most ``limit`` rows, skipping the first ``offset`` (a page of a
        SELECT query without its own LIMIT/OFFSET; appended as ``LIMIT``/``OFFSET``
        clauses).  The engine orders every matching row first, except for a named
        query on a store whose store form is paged by date (``# paging: by date``:
        :func:`date_paging`): its page is looked for in widening date windows from
        the first day (:func:`_page_by_date`), which costs about the rows of the
        page and the offset, not of the whole result; one paged by date within
        groups of a count (``sources_per_event``) is looked for count by count
        (:func:`_page_by_groups`).  A store form may cut its page in a subquery
        of order keys, at its ``#page:`` line.
    **bindings
        Values for query variables, after :func:`to_term` conversion: rdflib's
        ``initBindings`` for graphs, :func:`substitute` for stores and
        endpoints; a leading ``?`` in the name is allowed
        (``**{"?type": "strike"}``).  For a query with a parameter header only the
        declared parameters are accepted, and required ones must be given.

    Returns
    -------
    QueryResult

    Raises
    ------
    kg.errors.QueryError
        Unknown query name (the message lists the available ones), unknown or
        missing parameter, SPARQL syntax error (with line and column), a
        failure while evaluating, an unreachable endpoint or a timeout.
    """
    text, header, name, named, init = _resolved(q, bindings)
    if isinstance(graph, str) and re.match(r"^https?://", graph):
        graph = Endpoint(graph)
    try:
        prepared = _prepare(text)
    except ParseBaseException as e:
        raise QueryError(_syntax_message(e, name)) from None
    except Exception as e:  # rdflib raises bare Exception for unknown prefixes
        raise QueryError(f"bad SPARQL in {name}: {_one_line(e)}") from None
    page = _page_clauses(prepared, limit, offset, name)
    if named and _is_oxigraph(graph):
        # the same query planned for Oxigraph; it may use Oxigraph's LATERAL, which
        # rdflib cannot parse, so the portable form above tells the kind and paging
        text = store_variant(header) or text
    if isinstance(graph, Endpoint) or _is_oxigraph(graph):
        kind = prepared.algebra.name
        if isinstance(graph, Endpoint):
            return _run_endpoint(graph, substitute(_with_page(text, page), init), kind, name)
        store = getattr(graph, "oxigraph", graph)
        if named and limit is not None:
            groups = _groups(text)
            if groups is not None and not any(k in init for k in DATE_PARAMS):  # by date within counts
                return _page_by_groups(store, text, init, limit, offset or 0, name, *groups)
            selective = _selective(text, init)
            if selective is not None:  # a store form paged by date
                return _page_by_date(store, text, init, limit, offset or 0, name, selective)
        return _run_oxigraph(store, substitute(_with_page(text, page, mark=named), init), kind, name)
    if not isinstance(graph, Graph):
        raise QueryError(f"cannot query a {type(graph).__name__}: expected a graph, a store or an endpoint")
    if page:
        prepared = _paged(text, page, name)
    try:
        res = graph.query(prepared, initBindings=init)
        if res.type == "ASK":
            return QueryResult(vars=[], rows=[], terms=[], boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            names = ["subject", "predicate", "object"]
            triples = sorted(res.graph) if res.graph is not None else []
            terms = [dict(zip(names, t)) for t in triples]
        else:
            variables = list(res.vars or [])
            names = [str(v) for v in variables]
            terms = [{str(v): b.get(v) for v in variables} for b in res.bindings]
    except QueryError:
        raise
    except Exception as e:
        raise QueryError(f"{name} failed: {_one_line(e)}") from None
    return _result(names, terms)


_PAGING = re.compile(r"^#\s*paging:\s*by date\b(?!\s+within)(.*)$", re.M)
_GROUPS = re.compile(r"^#\s*paging:\s*by date within groups of \?(\w+)\s*=\s*(\S+?),\s*largest first\s*$", re.M)

#: date windows stop short of this share of the calendar's days (then the whole query runs):
#: a page that far in (or a very long one) costs about as much as ordering every row
WINDOW_SHARE = 1 / 4
#: the same with a selective parameter bound: few rows match, so ordering them all is cheaper
#: than more windows
SELECTIVE_SHARE = 1 / 256
#: an entity given as a selective parameter with fewer links than this (any property, any
#: layer) skips the date windows: ordering its rows at once is cheaper than the first window
PROBE_LINKS = 2000

_PROBE = "SELECT ?x WHERE { ?x ?p ?value }"


def date_paging(text: str, bindings: Mapping[str, Any]) -> float | None:
    """How far a page of this store form may be looked for in widening date windows.

    A store form declares it with a header line ``# paging: by date`` (its rows
    are ordered by date first, undated rows last, and ``?since``/``?until`` select
    rows by that date), optionally ``, selective ?who`` for parameters that may
    select few rows: with one of them bound, the windows stop at
    :data:`SELECTIVE_SHARE` of the calendar's days (a rare speaker's rows are
    cheaper to order all at once than to look for day by day; a frequent one's
    first page is in the first days).  See :func:`_page_by_date`.

    Parameters
    ----------
    text : str
        The query text (a store form of ``ontology/queries/store``).
    bindings : mapping of str to term
        The bound parameters.

    Returns
    -------
    float or None
        The share of the calendar's days the windows may reach
        (:data:`WINDOW_SHARE`, or :data:`SELECTIVE_SHARE` with a selective
        parameter bound), or None when the query is not paged by date.
    """
    selective = _selective(text, bindings)
    return None if selective is None else _share(selective)


def _share(selective: list) -> float:
    """How far date windows may reach with these selective parameter values bound."""
    return SELECTIVE_SHARE if selective else WINDOW_SHARE


def _selective(text: str, bindings: Mapping[str, Any]) -> list | None:
    """The values bound to the selective parameters of a store form's paging header
    (``[]`` when none is bound), or None when the form is not paged by date."""
    m = _PAGING.search(text)
    if m is None:
        return None
    return [bindings[v] for v in re.findall(r"[?$](\w+)", m.group(1)) if v in bindings]


def _rare(store: Any, values: list, name: str) -> bool:
    """Whether every value is an entity IRI with fewer than :data:`PROBE_LINKS`
    links (a bounded lookup).  A label substring is never called rare: finding its
    entities reads every label, as long as a first date window takes."""
    return all(isinstance(v, URIRef)
               and len(_store_page(store, _PROBE, {"value": v}, PROBE_LINKS, 0, name).rows) < PROBE_LINKS
               for v in values)


def _store_page(store: Any, text: str, bindings: Mapping[str, Node], limit: int, offset: int,
                name: str) -> QueryResult:
    """One page (``LIMIT``/``OFFSET``, at the form's ``#page:`` line if it has one) of a
    store form's SELECT with these bindings."""
    page = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    return _run_oxigraph(store, substitute(_with_page(text, page, mark=True), bindings), "SelectQuery", name)


#: calendar days in the first date window of a page (then 4x more each time it is not full):
#: at 1M events a day holds ~700 events, more than a first page needs
FIRST_DAYS = 2

_CALENDAR = """SELECT ?d WHERE {
  ?day time:inXSDDate ?d .
  FILTER (!BOUND(?since) || ?d >= ?since)
  FILTER (!BOUND(?until) || ?d <= ?until)
} ORDER BY ?d"""


def _page_by_date(store: Any, text: str, init: dict[str, Node], limit: int, offset: int,
                  name: str, selective: list) -> QueryResult:
    """A page of a date-ordered named query on the store, without ordering every row.

    The rows dated up to a day D are, in the query's order, a prefix of all its
    rows (dates sort by day whatever their precision: "2024" < "2024-01" <
    "2024-01-02", undated rows last).  So the page of the rows dated from the
    window's first day to D *is* the page of all rows as soon as it is full.  D
    starts at the window's :data:`FIRST_DAYS`-th calendar day and moves 4x further
    each time the page is not full; each try is a date window, which the store
    forms answer from the calendar.  The whole query runs when the next window
    would pass :data:`WINDOW_SHARE` of the days (the windows have then cost about a
    third of it; :data:`SELECTIVE_SHARE` with a selective parameter bound), or when
    the days run out without filling the page and no window was asked for (the page
    then reaches the undated rows).  ``selective`` holds the values of the selective
    parameters bound (:func:`_selective`); one naming a rare entity (:func:`_rare`)
    runs the whole query at once.
    """
    def run(bindings: dict[str, Node]) -> QueryResult:
        return _store_page(store, text, bindings, limit, offset, name)

    if selective and _rare(store, selective, name):
        return run(init)
    share = _share(selective)
    window = {k: v for k, v in init.items() if k in DATE_PARAMS}
    days = _run_oxigraph(store, substitute(_CALENDAR, window), "SelectQuery", name).rows
    n = FIRST_DAYS
    while days:
        last = days[min(n, len(days)) - 1]["d"]
        res = run(dict(init, until=Literal(str(last), datatype=XSD.date)))
        if len(res.rows) == limit:
            return res
        if n >= len(days):
            if window:  # every day of the window: the page is all there is
                return res
            break
        n *= 4
        if n > share * len(days):
            break
    return run(init)


def _groups(text: str) -> tuple[str, URIRef] | None:
    """``(variable, property)`` of a store form paged by date within groups of a count
    (header ``# paging: by date within groups of ?count = kg:sourceCount, largest first``),
    or None."""
    m = _GROUPS.search(text)
    if m is None:
        return None
    prop = expand_curie(m.group(2))
    if prop is None:
        raise QueryError(f"bad paging header: {m.group(2)} is not a known prefix:name")
    return m.group(1), prop


_GROUP_SIZES = "SELECT ?value (COUNT(?x) AS ?rows) WHERE { ?x ?prop ?value } GROUP BY ?value ORDER BY DESC(?value)"


def _page_by_groups(store: Any, text: str, init: dict[str, Node], limit: int, offset: int, name: str,
                    var: str, prop: URIRef) -> QueryResult:
    """A page of a store form ordered by a count (largest first), then by date.

    The rows of one count are in date order (undated last), so a page within one
    count is looked for in date windows (:func:`_page_by_date`, the count bound as
    ``var``).  The counts and how many rows each has come first, from one pass
    over ``prop`` (the same count for every row of a group, stored on each event):
    counts wholly before ``offset`` are skipped, and a page that runs past the end
    of one count goes on with the next.  A count with fewer than
    :data:`PROBE_LINKS` rows is ordered at once.
    """
    sizes = _run_oxigraph(store, substitute(_GROUP_SIZES, {"prop": prop}), "SelectQuery", name)
    terms: list[dict[str, Node | None]] = []
    names: list[str] | None = None
    for size in sizes.terms:
        count = int(size["rows"].toPython())
        if offset >= count:
            offset -= count
            continue
        want = limit - len(terms)
        bound = dict(init, **{var: size["value"]})
        if count < PROBE_LINKS:
            res = _store_page(store, text, bound, want, offset, name)
        else:
            res = _page_by_date(store, text, bound, want, offset, name, [])
        names = res.vars
        terms.extend(res.terms)
        offset = 0
        if len(terms) >= limit:
            break
    if names is None:  # the offset is past every row: no row, with the query's columns (no count is -1)
        return _store_page(store, text, dict(init, **{var: Literal(-1)}), 0, 0, name)
    return _result(names, terms)


def store_variant(nq: NamedQuery | None) -> str | None:
    """The text of a named query's form for the embedded store, if it has one.

    ``ontology/queries/store/<name>.rq`` holds the same query written so that
    Oxigraph starts from its selective patterns (a date window from its days in
    the graph's calendar, ``time:Instant`` nodes with ``time:inXSDDate``, then the
    nodes with exactly those dates: Oxigraph filters every value of ``kg:date``
    instead of range-scanning) and looks up the rest of a row, and optional values,
    per row with Oxigraph's ``LATERAL`` (a plain ``OPTIONAL`` may be evaluated as a
    hash join over the whole store).  Other engines get the portable form:
    Virtuoso's cost estimate refuses those variants and rdflib cannot parse
    ``LATERAL``.  Both forms must return the same rows (the tests run
    every named query on rdflib with the portable form and on the store with this one).

    Parameters
    ----------
    nq : NamedQuery or None

    Returns
    -------
    str or None
    """
    if nq is None:
        return None
    path = nq.path.parent / "store" / nq.path.name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def bindings_for(q: str | Path, **bindings: Any) -> dict[str, Node]:
    """The terms :func:`query` binds for these parameters (checked and converted:
    :func:`to_term`, date windows by :func:`date_bound`), for running the query
    elsewhere with :func:`substitute`.

    Parameters
    ----------
    q : str or pathlib.Path
        As for :func:`query`.
    **bindings
        As for :func:`query`.

    Returns
    -------
    dict of str to rdflib term

    Raises
    ------
    kg.errors.QueryError
        As :func:`query` does for bad parameters.
    """
    return _resolved(q, bindings)[4]


def _resolved(q: str | Path, bindings: Mapping[str, Any]) -> tuple[str, NamedQuery | None, str, bool, dict[str, Node]]:
    """``(text, header, display name, whether q names a named query, checked bindings)``."""
    text, header, name = _resolve(q)
    named = isinstance(q, str) and _NAME.match(q.strip()) is not None
    return text, header, name, named, _check_bindings(text, header, bindings, name, named)


@functools.lru_cache(maxsize=128)
def _prepare(text: str) -> Any:
    """rdflib's parse of a query (kept: parsing a named query costs ~0.1 s; the
    prepared query is only read, never changed)."""
    return prepareQuery(text, initNs=dict(PREFIXES))


def _page_clauses(prepared: Any, limit: int | None, offset: int | None, name: str) -> str:
    """``LIMIT``/``OFFSET`` clauses for a page (validated integers, never text), or ''."""
    clauses = []
    for word, value in (("LIMIT", limit), ("OFFSET", offset)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise QueryError(f"{word.lower()} must be a whole number >= 0, not {value!r}")
        clauses.append(f"{word} {int(value)}")
    if clauses and (prepared.algebra.name != "SelectQuery" or prepared.algebra.p.name == "Slice"):
        raise QueryError(f"--limit/--offset need a SELECT query without its own LIMIT/OFFSET ({name})")
    return " ".join(clauses)


#: where a store form wants its page: a line ``#page: ORDER BY ?key`` at the end of a
#: subquery that selects one row per result row (their order keys); with a page it becomes
#: ``ORDER BY ?key LIMIT n OFFSET k``, without one it stays a comment
_PAGE_MARK = re.compile(r"^([ \t]*)#page:[ \t]*(.*?)[ \t]*$", re.M)


def _with_page(text: str, page: str, mark: bool = False) -> str:
    """``text`` with the page clauses appended, or at its ``#page:`` line when ``mark``
    (named queries' store forms only: a user's query keeps its comments)."""
    if not page:
        return text
    m = _PAGE_MARK.search(text) if mark else None
    if m:
        return text[:m.start()] + f"{m.group(1)}{m.group(2)} {page}" + text[m.end():]
    return text.rstrip() + "\n" + page + "\n"


def _paged(text: str, page: str, name: str) -> Any:
    """The query with its page clauses appended, parsed again for rdflib."""
    try:
        return _prepare(_with_page(text, page))
    except Exception as e:
        raise QueryError(f"cannot page {name}: {_one_line(e)}") from None


def load_graph(path: str | Path) -> Graph:
    """Read a graph file, the format chosen by suffix (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf`` ...).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    kg.errors.GraphError
        Missing file, unknown suffix, or a parse failure (one line, with the line
        number when the parser gives one).
    """
    path = Path(path)
    fmt = _SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        raise GraphError(
            f"cannot tell the RDF format of {path} from its suffix; use one of "
            + ", ".join(sorted(_SUFFIX_FORMAT))
        )
    if not path.is_file():
        raise GraphError(f"no such graph file: {path}")
    g = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            g.parse(path, format=fmt)
    except Exception as e:  # every rdflib parser has its own exception types
        lines = getattr(e, "lines", None)
        why = getattr(e, "_why", None)
        if isinstance(lines, int) and why:
            detail = f"line {lines + 1}: {why}"
        else:
            detail = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphError(f"cannot parse {path} as {fmt}: {_one_line(detail, 200)}") from None
    return g
