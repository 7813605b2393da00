"""kg.outputs.html: offline, escaped, complete."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.model import Argument, Entity, EntityKind, Event, EventType, Mention, Sentence
from kg.outputs.html import EVENT_COLORS, KIND_STYLE, render_html, vis_js_path, write_html

EVIL = "<script>alert(1)</script>"
TEXT = f'Zelensky said "{EVIL}" after Russia struck Kharkiv <!-- x --> & more.'


def span(text: str) -> tuple[int, int]:
    i = TEXT.find(text)
    return i, i + len(text)


def arg(role: str, text: str, entity_id: str | None = None, value: object = None) -> Argument:
    return Argument(role, text, *span(text), entity_id=entity_id, value=value)


SENT = Sentence("doc</script>", 0, len(TEXT), TEXT)
EVENTS = [
    Event(EventType.STATEMENT, "doc</script>", SENT, Mention("said", *span("said")),
          [arg("speaker", "Zelensky", "person/zelensky"), arg("content", EVIL)]),
    Event(EventType.STRIKE, "doc</script>", SENT, Mention("struck", *span("struck")),
          [arg("agent", "Russia", "country/RU"), arg("target", "Kharkiv"), Argument("date", "", 0, 0, value="2024-03")]),
]
ENTITIES = [
    Entity("person/zelensky", "Volodymyr <b>Zelensky</b>", EntityKind.PERSON, country="UA"),
    Entity("country/RU", "Russia", EntityKind.STATE, country="RU"),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_html(EVENTS, ENTITIES, tmp_path_factory.mktemp("html") / "graph.html", title="Test <i>title</i>")
    return path.read_text(encoding="utf-8")


def data_of(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


@pytest.mark.parametrize(
    "pattern",
    [
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",  # no remote scripts, styles, links
        r"""@import\s+url\(\s*["']?https?:""",
        r"cdn\.jsdelivr|cdnjs|unpkg\.com|bootstrapcdn",
    ],
)
def test_no_external_resources(page: str, pattern: str) -> None:
    assert not re.search(pattern, page, re.I)


@pytest.mark.parametrize(
    "raw",
    [EVIL, "doc</script>", "<!-- x -->", "<b>Zelensky</b>", "<i>title</i>"],
)
def test_article_text_never_raw(page: str, raw: str) -> None:
    assert raw not in page


def test_script_blocks_are_exactly_ours(page: str) -> None:
    # three scripts: data, vis-network, our code; nothing in the data ends a script early
    assert len(re.findall(r"<script\b", page)) - page.count('"<script>"') == 3
    assert page.count("</script>") == 3


def test_title_escaped(page: str) -> None:
    assert "<title>Test &lt;i&gt;title&lt;/i&gt;</title>" in page
    assert "<h1>Test &lt;i&gt;title&lt;/i&gt;</h1>" in page


def test_nodes_and_edges(page: str) -> None:
    data = data_of(page)
    from kg.graph.vocab import unlinked_entity_id

    kharkiv = unlinked_entity_id("Kharkiv")
    ids = {n["id"]: n for n in data["nodes"]}
    assert set(ids) == {next(e.id for e in EVENTS if e.type.value == "statement"), next(e.id for e in EVENTS if e.type.value == "strike"),
                        "person/zelensky", "country/RU", kharkiv}
    strike = ids[next(e.id for e in EVENTS if e.type.value == "strike")]
    assert strike["shape"] == "diamond" and strike["color"] == EVENT_COLORS["strike"]
    assert strike["label"] == "strike 2024-03"
    assert ids["country/RU"]["color"] == KIND_STYLE["state"][1]
    assert ids[kharkiv]["color"] == KIND_STYLE["unknown"][1]
    assert sorted((e["to"], e["label"]) for e in data["edges"]) == sorted(
        [("person/zelensky", "speaker"), ("country/RU", "agent"), (kharkiv, "target")])


def test_tooltip_has_type_roles_sentence_and_doc(page: str) -> None:
    data = data_of(page)
    stmt = next(n for n in data["nodes"] if n["id"].startswith("doc-script-statement"))
    tip = stmt["tip"]
    assert ["type", "statement"] in tip["rows"]
    assert ["speaker", "Volodymyr <b>Zelensky</b>"] in tip["rows"]  # text, shown with textContent
    assert ["content", EVIL] in tip["rows"]
    assert tip["quote"] == TEXT
    assert "doc</script>" in tip["source"]


def test_legend_lists_present_kinds(page: str) -> None:
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page, re.S).group(1)
    names = re.findall(r"</span>([^<(]+) \(", legend)
    assert [n.strip() for n in names] == ["strike event", "statement event", "person", "state", "not linked"]


def test_write_html_writes_only_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = write_html(EVENTS, ENTITIES, tmp_path / "out" / "g.html")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["out", "out/g.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_entity_kind_has_a_style() -> None:
    assert {k.value for k in EntityKind} | {"unknown"} == set(KIND_STYLE)


def test_vis_js_is_inlined(page: str) -> None:
    js = vis_js_path()
    assert js.name == "vis-network.min.js" and js.is_file()
    assert "vis-network" in page and len(page) > js.stat().st_size


def test_empty_graph_renders() -> None:
    html = render_html([], [])
    assert data_of(html) == {"edges": [], "nodes": []}
    assert "0 events" in html


NODE_STUB = r"""
const fs = require('fs');
const page = fs.readFileSync(process.argv[2], 'utf8');
const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
function mk(tag) { return { tag, children: [], className: '', textContent: '',
  appendChild(c) { this.children.push(c); return c; }, removeChild(c) { this.children.shift(); },
  get firstChild() { return this.children[0]; } }; }
const dataBlock = scripts.find(s => s[1].includes('application/json'));
const nodes = {}; let created = null;
global.document = {
  createElement: mk,
  getElementById(id) { if (id === 'kg-data') return { textContent: dataBlock[2] };
                       return nodes[id] = nodes[id] || mk('div'); },
};
global.vis = { DataSet: function (items) { this.items = items; },
  Network: function (el, data, opts) { created = data; this.once = () => {}; this.on = () => {}; this.setOptions = () => {}; } };
const ours = scripts[scripts.length - 1][2];
new Function(ours)();
const n = created.nodes.items;
const tip = n.find(x => x.id.includes('statement')).title;
function text(e) { return (e.textContent || '') + e.children.map(text).join(''); }
console.log(JSON.stringify({ nodes: n.length, edges: created.edges.items.length, tip: text(tip) }));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node.js not installed")
def test_page_script_runs(tmp_path: Path, page: str) -> None:
    """Run our inline script in node with a stub DOM and vis: data parses, tooltips are text."""
    html = tmp_path / "p.html"
    html.write_text(page, encoding="utf-8")
    stub = tmp_path / "stub.js"
    stub.write_text(NODE_STUB, encoding="utf-8")
    out = subprocess.run(["node", str(stub), str(html)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert (result["nodes"], result["edges"]) == (5, 3)
    assert EVIL in result["tip"] and TEXT in result["tip"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node.js not installed")
def test_inlined_vis_js_parses(tmp_path: Path, page: str) -> None:
    scripts = re.findall(r"<script>\n(.*?)\n</script>", page, re.S)
    js = tmp_path / "vis.js"
    js.write_text(scripts[0], encoding="utf-8")
    out = subprocess.run(["node", "--check", str(js)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
