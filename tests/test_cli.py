"""The CLI end to end on the seeds, and its one-line errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    assert main(["-q", "build", str(SEEDS), "--out", str(out)]) == 0
    return out


def test_build_writes_outputs(built):
    for name in ("graph.ttl", "events.jsonl", "graph.html"):
        assert (built / name).stat().st_size > 0


def test_graph_parses_and_counts_match_events(built):
    g = Graph().parse(built / "graph.ttl", format="turtle")
    events = [json.loads(line) for line in (built / "events.jsonl").read_text().splitlines()]
    mentions: dict[str, int] = {}
    merged: dict[str, set[str]] = {}
    for e in events:
        mentions[e["type"]] = mentions.get(e["type"], 0) + 1
        merged.setdefault(e["type"], set()).add(e["canonical_id"])

    def count(classes):
        return {str(r[0]).rsplit("#", 1)[-1].replace("Mention", "").lower(): int(r[1]) for r in g.query(
            "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c")
            if str(r[0]).rsplit("#", 1)[-1] in classes}

    assert count({"DeploymentMention", "StrikeMention", "AppointmentMention", "StatementMention"}) == mentions
    assert count({"Deployment", "Strike", "Appointment", "Statement"}) == {t: len(ids) for t, ids in merged.items()}



def test_events_jsonl_is_traceable(built):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for line in (built / "events.jsonl").read_text().splitlines():
        e = json.loads(line)
        assert texts[e["doc_id"]][e["start"]:e["end"]] == e["sentence"]


def test_html_has_no_external_urls(built):
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<script src" not in html.lower()


@pytest.mark.parametrize("query, params, expect", [
    ("counts_by_type", [], "deployment"),
    ("events_by_type", ["-p", "type=appointment"], "Tarnavskiy"),
    ("who_said_what", ["-p", "who=zelensky"], "Zelensky"),
    ("events_by_actor", ["-p", "actor=North Korea"], "deployment"),
    ("timeline", [], "2024-12-14"),
])
def test_named_queries_on_seeds(built, capsys, query, params, expect):
    assert main(["query", str(built / "graph.ttl"), query, *params]) == 0
    out = capsys.readouterr().out
    assert expect in out


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda s: json.loads(s)["results"]["bindings"]),
    ("csv", lambda s: s.splitlines()[0] == "type,count"),
])
def test_query_formats(built, capsys, fmt, check):
    assert main(["query", str(built / "graph.ttl"), "counts_by_type", "--format", fmt]) == 0
    assert check(capsys.readouterr().out)


@pytest.mark.parametrize("page, rows", [(["--limit", "2"], 2), (["--limit", "2", "--offset", "1"], 2), ([], None)])
def test_query_pages(built, capsys, page, rows):
    assert main(["query", str(built / "graph.ttl"), "timeline", "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert main(["query", str(built / "graph.ttl"), "timeline", "--format", "json", *page]) == 0
    got = json.loads(capsys.readouterr().out)["results"]["bindings"]
    start = int(page[3]) if len(page) > 2 else 0
    assert got == (every[start:start + rows] if rows is not None else every)


def test_extract_prints_scorer_format(capsys, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "date": "2024-12-15",
                                "text": "Russia has deployed North Korean troops to the Kursk region."}) + "\n")
    assert main(["-q", "extract", str(docs)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["type"] for r in rows] == ["deployment"]
    assert {"doc_id", "type", "start", "end", "sentence", "args"} <= set(rows[0])
    assert rows[0]["args"]["place"]["label"] == "Kursk Oblast"


@pytest.mark.parametrize("argv, code, message", [
    (["build", "no/such/folder", "--out", "x"], 2, "no such file or folder"),
    (["query", "{graph}", "SELECT ?x WHERE { ?x"], 3, "SPARQL syntax error"),
    (["query", "{bad}", "counts_by_type"], 4, "cannot parse"),
    (["query", "{graph}", "no_such_query"], 3, "no_such_query"),
    (["query", "{graph}", "counts_by_type", "-p", "novalue"], 1, "expected NAME=VALUE"),
    (["build", "{seeds}", "--out", "{tmp}", "--model", "no_such_model"], 1, "cannot load spaCy pipeline"),
])
def test_errors_are_one_line(built, tmp_path, capsys, argv, code, message):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    subst = {"{graph}": str(built / "graph.ttl"), "{bad}": str(bad), "{seeds}": str(SEEDS),
             "{tmp}": str(tmp_path / "out")}
    argv = [subst.get(a, a) for a in argv]
    assert main(argv) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: ") and message in err[0]


def test_build_skips_bad_files_and_keeps_going(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Russia has deployed North Korean troops to the Kursk region.\n")
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--no-html"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "binary.txt" in err
    assert (out / "events.jsonl").read_text().count("\n") == 1


def test_failed_build_keeps_previous_outputs(tmp_path, monkeypatch):
    """Outputs are written atomically: a crash mid-write leaves the old file intact."""
    from kg.outputs import exports

    out = tmp_path / "out"
    assert main(["-q", "build", str(SEEDS / "000_fd0a6d6ae605c196.txt"), "--out", str(out), "--no-html"]) == 0
    before = (out / "events.jsonl").read_bytes()

    def boom(events, path):
        from kg.util import atomic_open
        with atomic_open(path) as fh:
            fh.write("partial")
            raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "write_events_jsonl", boom)
    assert main(["-q", "build", str(SEEDS), "--out", str(out), "--no-html"]) != 0
    assert (out / "events.jsonl").read_bytes() == before
    assert not list(out.glob(".*.tmp"))
