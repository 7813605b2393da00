"""SHACL validation: the seeds' graph conforms; broken graphs give readable violations; kg validate."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.namespace as rns  # module, not names: pytest probes module globals
from rdflib import Graph, Literal, URIRef

from kg.cli import main
from kg.errors import GraphError
from kg.graph.rdf import Activity, to_graph
from kg.graph.validate import ValidationReport, Violation, validate
from kg.graph.vocab import KG, KGT
from kg.model import Argument, Article, Entity, EntityKind, Event, EventType, Mention, Sentence

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ID = "https://w3id.org/conflict-kg/id/"
WGS = rns.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

TEXT = "Russia deployed 3,000 troops to Belgorod in March 2024."
ARTICLE = Article(id="d1", text=TEXT)
EVENT = Event(
    EventType.DEPLOYMENT, "d1", Sentence("d1", 0, len(TEXT), TEXT), Mention("deployed", 7, 15),
    [
        Argument("agent", "Russia", 0, 6, entity_id="country/RU"),
        Argument("quantity", "3,000", 16, 21, value=3000, qualifier="exact"),
        Argument("place", "Belgorod", 32, 40, entity_id="region/578071"),
        Argument("date", "March 2024", 44, 54, value="2024-03", precision="month"),
    ],
)
ENTITIES = [
    Entity("country/RU", "Russia", EntityKind.STATE, country="RU", geonames_id=2017370, lat=60.0, lon=100.0),
    Entity("region/578071", "Belgorod Oblast", EntityKind.REGION, country="RU", geonames_id=578071,
           lat=50.75, lon=37.5),
]
ACTIVITY = Activity("0.0.0", "2024-03-02T00:00:00+00:00")
MENTION = URIRef(ID + "mention/" + EVENT.id)
EVENT_NODE = URIRef(ID + "event/" + EVENT.id)
SENT = URIRef(f"{ID}doc/d1/0-{len(TEXT)}")
REGION = URIRef(ID + "entity/region/578071")


def good() -> Graph:
    return to_graph([ARTICLE], [EVENT], ENTITIES, activity=ACTIVITY)


def test_good_graph_conforms() -> None:
    report = validate(good())
    assert report.conforms, report.to_text()
    assert report.violations == [] and report.to_text() == "conforms"


def _drop(*triples):
    def edit(g: Graph) -> None:
        for t in triples:
            g.remove(t)
    return edit


def _set(s, p, o):
    def edit(g: Graph) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))
    return edit


def _add(s, p, o):
    def edit(g: Graph) -> None:
        g.add((s, p, o))
    return edit


@pytest.mark.parametrize(
    "edit, focus, path, message",
    [
        (_drop((MENTION, rns.PROV.wasGeneratedBy, None)), f"kgid:mention/{EVENT.id}", "prov:wasGeneratedBy",
         "must be prov:wasGeneratedBy a kg:Extraction"),
        (_drop((MENTION, KG.trigger, None)), f"kgid:mention/{EVENT.id}", "kg:trigger", "exactly one kg:trigger"),
        (_set(MENTION, KG.modality, KG.Exact), f"kgid:mention/{EVENT.id}", "kg:modality", "exactly one kg:modality"),
        (_set(MENTION, KG.eventType, KGT.strike), f"kgid:mention/{EVENT.id}", "kg:eventType",
         "kg:eventType kgt:deployment"),
        (_add(MENTION, KG.speaker, URIRef(ID + "entity/country/RU")), f"kgid:mention/{EVENT.id}",
         "kg:target|kg:weapon|kg:munitions|kg:person|kg:appointer|kg:replaces|kg:speaker|kg:content", "a deployment has no"),
        (_drop((MENTION, KG.datePrecision, None)), f"kgid:mention/{EVENT.id}", "kg:datePrecision",
         "needs a kg:datePrecision"),
        (_set(MENTION, KG.datePrecision, rns.TIME.unitYear), f"kgid:mention/{EVENT.id}", "",
         "kg:date and kg:datePrecision disagree"),
        (_add(MENTION, KG.quantity, Literal(4000)), f"kgid:mention/{EVENT.id}", "kg:quantity",
         "one non-negative xsd:integer"),
        (_drop((SENT, KG.startOffset, None)), f"kgid:doc/d1/0-{len(TEXT)}", "kg:startOffset", "kg:startOffset"),
        (_set(SENT, KG.startOffset, Literal(500)), f"kgid:doc/d1/0-{len(TEXT)}", "kg:startOffset",
         "below kg:endOffset"),
        (_drop((URIRef(ID + "doc/d1"), KG.contentHash, None)), "kgid:doc/d1", "kg:contentHash", "SHA-256"),
        (_drop((EVENT_NODE, KG.mention, None)), f"kgid:event/{EVENT.id}", "kg:mention", "at least one kg:mention"),
        (_add(EVENT_NODE, rns.RDF.type, KG.Strike), f"kgid:event/{EVENT.id}", "rdf:type",
         "exactly one of kg:Deployment"),
        (_drop((REGION, WGS.lat, None)), "kgid:entity/region/578071", "wgs:lat", "GeoNames id needs wgs84 lat"),
        (_drop((REGION, rns.GEO.hasGeometry, None)), "kgid:entity/region/578071", "geo:hasGeometry",
         "needs geo:hasGeometry"),
        (_set(REGION, WGS.lat, Literal("95.0", datatype=rns.XSD.decimal)), "kgid:entity/region/578071",
         "wgs:lat", "in [-90, 90]"),
        (_set(REGION, KG.country, Literal("Russia")), "kgid:entity/region/578071", "kg:country", "alpha-2"),
        (_drop((REGION, rns.RDFS.label, None)), "kgid:entity/region/578071", "rdfs:label", "needs an rdfs:label"),
    ],
)
def test_violations_are_reported_readably(edit, focus: str, path: str, message: str) -> None:
    g = good()
    edit(g)
    report = validate(g)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == focus and v.path == path and message in v.message]
    assert hits, report.to_text()
    assert all("\n" not in v.line() for v in report.violations)


def test_violation_line() -> None:
    v = Violation("kgid:mention/x", "kg:trigger", "needs exactly one kg:trigger string")
    assert v.line() == "kgid:mention/x  kg:trigger  needs exactly one kg:trigger string"
    assert Violation("a", "", "m", value='"x"').line() == 'a  -  m  (value "x")'
    assert ValidationReport(False, [v]).to_text() == v.line()


def test_validate_reads_files(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(good().serialize(format="turtle"), encoding="utf-8")
    assert validate(path).conforms
    assert validate(str(path)).conforms


@pytest.mark.parametrize("name, content", [("bad.ttl", "@prefix kg: <https://x#> .\nkg:a kg:b .\n"),
                                           ("missing.ttl", None)])
def test_unreadable_graph_is_a_graph_error(tmp_path: Path, name: str, content: str | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError) as info:
        validate(path)
    assert "\n" not in str(info.value)


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory) -> Path:
    """``kg build`` on the seeds with the rule-only pipeline (fast), as written to disk."""
    out = tmp_path_factory.mktemp("seeds")
    assert main(["-q", "build", str(SEEDS), "--out", str(out), "--model", "blank", "--no-html"]) == 0
    return out / "graph.ttl"


def test_seeds_graph_conforms(seeds_graph: Path) -> None:
    report = validate(seeds_graph)
    assert report.conforms, report.to_text()


def test_seeds_graph_has_provenance(seeds_graph: Path) -> None:
    g = Graph().parse(seeds_graph, format="turtle")
    mentions = set(g.subjects(rns.RDF.type, KG.EventMention))
    assert mentions
    assert all(g.value(m, rns.PROV.wasGeneratedBy) is not None for m in mentions)
    assert len(set(g.subjects(rns.RDF.type, KG.Extraction))) == 1


def test_cli_validate(seeds_graph: Path, tmp_path: Path, capsys) -> None:
    assert main(["-q", "validate", str(seeds_graph)]) == 0
    assert capsys.readouterr().out == ""
    g = Graph().parse(seeds_graph, format="turtle")
    for m in list(g.subjects(rns.RDF.type, KG.EventMention))[:2]:
        g.remove((m, KG.trigger, None))
    bad = tmp_path / "bad.ttl"
    bad.write_text(g.serialize(format="turtle"), encoding="utf-8")
    assert main(["-q", "validate", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("kgid:mention/") and "  kg:trigger  " in line for line in lines)


def test_cli_validate_unreadable(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(path)]) == GraphError.exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: cannot parse")
