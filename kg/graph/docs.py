"""Generate the ontology's human documentation (Markdown) from ``ontology/*.ttl``.

    python -m kg.graph.docs > docs/ontology.md
    python -m kg.graph.docs --out docs/ontology.md

``tests/test_docs.py`` checks that the committed ``docs/ontology.md`` is up to date.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.graph.vocab import (
    KG, KGT, OWL, PREFIXES, RDF, RDFS, SKOS, event_types_path, ontology_path, shapes_path,
)

__all__ = ["render", "main"]

_EXTRA_PREFIXES = {
    "gaf": "http://groundedannotationframework.org/gaf#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "cameo": "https://w3id.org/conflict-kg/code/cameo/",
    "plover": "https://w3id.org/conflict-kg/code/plover/",
    "acled": "https://w3id.org/conflict-kg/code/acled/",
    "ace2005": "https://w3id.org/conflict-kg/code/ace2005/",
    "kairos": "https://w3id.org/conflict-kg/code/kairos/",
    "wd": "http://www.wikidata.org/entity/",
    "sh": str(SH),
    "kgsh": "https://w3id.org/conflict-kg/shapes#",
}
_ALL_PREFIXES = {**PREFIXES, **_EXTRA_PREFIXES}

#: External schemes of the event-type mappings, by IRI prefix, in table order.
_SCHEMES = [
    ("CAMEO", _EXTRA_PREFIXES["cameo"]),
    ("PLOVER", _EXTRA_PREFIXES["plover"]),
    ("ACLED", _EXTRA_PREFIXES["acled"]),
    ("ACE 2005", _EXTRA_PREFIXES["ace2005"]),
    ("KAIROS", _EXTRA_PREFIXES["kairos"]),
    ("other", ""),
]
_MATCHES = [(SKOS.exactMatch, "="), (SKOS.closeMatch, "≈"), (SKOS.broadMatch, "⊂"),
            (SKOS.narrowMatch, "⊃"), (SKOS.relatedMatch, "~")]


def _curie(term: Node) -> str:
    text = str(term)
    for prefix, ns in sorted(_ALL_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    if text in _ALL_PREFIXES.values():
        return next(f"{p}:" for p, ns in _ALL_PREFIXES.items() if ns == text)
    return f"<{text}>"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _class_expr(g: Graph, node: Node | None) -> str:
    """A class or datatype expression: a name, or ``a or b`` for an owl:unionOf."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        if union is not None:
            return " or ".join(f"`{_curie(m)}`" for m in Collection(g, union))
        return "(anonymous)"
    return f"`{_curie(node)}`"


def _names(g: Graph, nodes: Iterable[Node]) -> str:
    return ", ".join(f"`{_curie(n)}`" for n in sorted(nodes, key=str) if isinstance(n, URIRef))


def _text(g: Graph, term: Node, prop: URIRef) -> str:
    value = g.value(term, prop)
    return _cell(value) if value is not None else ""


def _terms(g: Graph, rdf_type: URIRef) -> list[URIRef]:
    ns = str(KG._NS)
    return sorted((t for t in g.subjects(RDF.type, rdf_type) if isinstance(t, URIRef) and str(t).startswith(ns)),
                  key=lambda t: str(t).casefold())


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _classes(g: Graph) -> list[str]:
    rows = []
    for t in _terms(g, OWL.Class):
        sups = _names(g, g.objects(t, RDFS.subClassOf))
        one_of = g.value(t, OWL.oneOf)
        if one_of is not None:
            sups = (sups + "; " if sups else "") + "one of " + ", ".join(f"`{_curie(m)}`" for m in Collection(g, one_of))
        rows.append([f"`{_curie(t)}`", _text(g, t, RDFS.label), sups, _text(g, t, SKOS.definition)])
    return _table(["class", "label", "subclass of", "definition"], rows)


def _properties(g: Graph, rdf_type: URIRef) -> list[str]:
    rows = []
    for t in _terms(g, rdf_type):
        sups = _names(g, g.objects(t, RDFS.subPropertyOf))
        role_type = g.value(t, KG.roleType)
        if role_type is not None:
            sups += f" (role type `{_curie(role_type)}`)"
        rows.append([
            f"`{_curie(t)}`", _text(g, t, RDFS.label), _class_expr(g, g.value(t, RDFS.domain)),
            _class_expr(g, g.value(t, RDFS.range)), sups, _text(g, t, SKOS.definition),
        ])
    return _table(["property", "label", "domain", "range", "subproperty of", "definition"], rows)


def _annotations(g: Graph) -> list[str]:
    rows = [[f"`{_curie(t)}`", _text(g, t, RDFS.label), _text(g, t, SKOS.definition)]
            for t in _terms(g, OWL.AnnotationProperty)]
    return _table(["property", "label", "definition"], rows)


def _individuals(g: Graph) -> list[str]:
    rows = []
    for t in _terms(g, OWL.NamedIndividual):
        types = _names(g, (o for o in g.objects(t, RDF.type) if o != OWL.NamedIndividual))
        rows.append([f"`{_curie(t)}`", types, _text(g, t, SKOS.definition)])
    return _table(["individual", "type", "definition"], rows)


def _event_types(g: Graph) -> list[str]:
    concepts = sorted(g.objects(URIRef(str(KGT._NS)), SKOS.hasTopConcept), key=str)
    rows = []
    for c in concepts:
        cells: dict[str, list[str]] = {name: [] for name, _ in _SCHEMES}
        for prop, sign in _MATCHES:
            for target in sorted(g.objects(c, prop), key=str):
                scheme = next(name for name, ns in _SCHEMES if str(target).startswith(ns))
                notation = g.value(target, SKOS.notation)
                shown = f'"{notation}"' if notation is not None else f"`{_curie(target)}`"
                cells[scheme].append(f"{sign} {shown}")
        row = [f"`{_curie(c)}`", _text(g, c, SKOS.definition)]
        row += ["<br>".join(_cell(x) for x in cells[name]) or "—" for name, _ in _SCHEMES]
        rows.append(row)
    return _table(["concept", "definition", *[name for name, _ in _SCHEMES]], rows)


def _shapes(g: Graph) -> list[str]:
    rows = []
    for shape in sorted(g.subjects(RDF.type, SH.NodeShape), key=str):
        targets = []
        for prop, word in ((SH.targetClass, "instances of"), (SH.targetSubjectsOf, "subjects of")):
            for t in sorted(g.objects(shape, prop), key=str):
                targets.append(f"{word} `{_curie(t)}`")
        if not targets:
            continue
        comment = _text(g, shape, RDFS.comment)
        if not comment:
            messages = sorted({_cell(g.value(p, SH.message)) for p in g.objects(shape, SH.property)
                               if g.value(p, SH.message) is not None})
            comment = "; ".join(messages)
        rows.append([f"`{_curie(shape)}`", ", ".join(targets), comment])
    return _table(["shape", "applies to", "requires"], rows)


def render() -> str:
    """The Markdown page for ``docs/ontology.md``.

    Returns
    -------
    str
    """
    onto = Graph().parse(ontology_path(), format="turtle")
    types = Graph().parse(event_types_path(), format="turtle")
    shapes = Graph().parse(shapes_path(), format="turtle")
    head = URIRef("https://w3id.org/conflict-kg/ontology")
    lines = [
        "# conflict-kg ontology",
        "",
        "<!-- Generated by `python -m kg.graph.docs` from ontology/kg.ttl, ontology/event-types.ttl and",
        "     ontology/shapes.ttl; do not edit (tests/test_docs.py checks it is current). -->",
        "",
        f"Version {onto.value(head, OWL.versionInfo)}. {_cell(onto.value(head, RDFS.comment))}",
        "",
        "Two layers: each `kg:EventMention` is an event as one sentence of one document tells it (its own",
        "roles, trigger, modality and attribution; `prov:wasDerivedFrom` its `kg:Sentence`, with character",
        "offsets, and its `kg:Document`; `prov:wasGeneratedBy` a `kg:Extraction` with software version and",
        "time). Each `kg:Event` (`kg:Deployment`, `kg:Strike`, `kg:Appointment`, `kg:Statement`) is the",
        "real-world event merged from its mentions across documents (`kg:mention`), with the union of their",
        "roles and the most precise date. Instance IRIs live under `https://w3id.org/conflict-kg/id/`",
        "(`kgid:`): `doc/<id>`, `doc/<id>/<start>-<end>`, `mention/<id>`, `event/<id>`, `entity/<id>`.",
        "",
        "## Namespaces",
        "",
    ]
    used = sorted({"kg", "kgid", "kgt", "sem", "prov", "time", "wgs", "geo", "skos", "dcterms", "gaf", "nif",
                   "xsd", "kgsh"})
    lines += _table(["prefix", "namespace"], [[f"`{p}:`", f"`{_ALL_PREFIXES[p]}`"] for p in used])
    lines += ["", "## Classes", ""] + _classes(onto)
    lines += ["", "## Object properties", ""] + _properties(onto, OWL.ObjectProperty)
    lines += ["", "## Datatype properties", ""] + _properties(onto, OWL.DatatypeProperty)
    lines += ["", "## Annotation properties", ""] + _annotations(onto)
    lines += ["", "## Individuals", ""] + _individuals(onto)
    lines += [
        "", "## Event types (SKOS) and their mappings", "",
        _cell(types.value(URIRef(str(KGT._NS)), SKOS.definition)),
        "Events and mentions point at these concepts with `kg:eventType`. The codebooks publish no IRIs, so",
        "each external code is a `skos:Concept` under `https://w3id.org/conflict-kg/code/` whose",
        "`skos:notation` is the code as other datasets store it (quoted below): join on the notation.",
        "Relations: ≈ `skos:closeMatch`, ⊂ `skos:broadMatch` (theirs is broader), ⊃ `skos:narrowMatch`",
        "(theirs is narrower), ~ `skos:relatedMatch`.",
        "",
    ] + _event_types(types)
    lines += [
        "", "## SHACL shapes", "",
        "`kg validate GRAPH` checks a graph against `ontology/shapes.ttl`; every graph `kg build` writes",
        "conforms.",
        "",
    ] + _shapes(shapes)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the page, or write it with ``--out PATH`` (atomically).

    Parameters
    ----------
    argv : list of str, optional

    Returns
    -------
    int
        Exit code.
    """
    p = argparse.ArgumentParser(prog="python -m kg.graph.docs", description=__doc__.splitlines()[0])
    p.add_argument("--out", help="write here instead of standard output")
    args = p.parse_args(argv)
    text = render()
    if args.out:
        from kg.util import atomic_write

        atomic_write(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
