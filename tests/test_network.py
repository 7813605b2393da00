"""kg.graph.network views, centrality, and the GraphML / JSON Lines exports."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.graph.network import (
    actor_network, centrality, entity_kind, event_network, event_roles, event_summary,
)
from kg.graph.vocab import unlinked_entity_id
from kg.model import Argument, Entity, EntityKind, Event, EventType, Mention, Sentence
from kg.outputs.exports import write_events_jsonl, write_graphml


def ev(etype: EventType, doc: str, trigger_start: int, args: list[tuple]) -> Event:
    """``args``: (role, text, entity_id, value)."""
    sent = Sentence(doc, 0, 80, "sentence " + doc)
    return Event(etype, doc, sent, Mention("t", trigger_start, trigger_start + 1),
                 [Argument(r, t, 0, len(t), entity_id=e, value=v) for r, t, e, v in args])


E1 = ev(EventType.STRIKE, "d1", 5, [
    ("agent", "Russia", "country/RU", None), ("target", "Kharkiv", "city/kharkiv", None),
    ("weapon", "drones", "weapon/drone", None), ("date", "1 March", None, "2024-03-01")])
E2 = ev(EventType.STRIKE, "d2", 9, [
    ("agent", "Russian forces", "country/RU", None), ("target", "Kharkiv", "city/kharkiv", None),
    ("place", "power plant", None, None)])
E3 = ev(EventType.STATEMENT, "d3", 2, [
    ("speaker", "Zelensky", "person/zelensky", None), ("content", "We will respond to Russia.", None, None)])
EVENTS = [E1, E2, E3]
ENTITIES = {
    "country/RU": Entity("country/RU", "Russia", EntityKind.STATE, country="RU"),
    "city/kharkiv": Entity("city/kharkiv", "Kharkiv", EntityKind.CITY, country="UA"),
    "person/zelensky": Entity("person/zelensky", "Volodymyr Zelensky", EntityKind.PERSON, country="UA"),
}
PLANT = unlinked_entity_id("power plant")


def test_actor_network_nodes() -> None:
    g = actor_network(EVENTS, ENTITIES)
    assert dict(g.nodes(data=True)) == {
        "city/kharkiv": {"label": "Kharkiv", "kind": "city", "country": "UA", "events": 2},
        "country/RU": {"label": "Russia", "kind": "state", "country": "RU", "events": 2},
        "person/zelensky": {"label": "Volodymyr Zelensky", "kind": "person", "country": "UA", "events": 1},
        PLANT: {"label": "power plant", "kind": "unknown", "events": 1},
    }


@pytest.mark.parametrize(
    "a, b, weight, events",
    [
        ("country/RU", "city/kharkiv", 2, ["d1-strike-0", "d2-strike-0"]),
        ("country/RU", PLANT, 1, ["d2-strike-0"]),
        ("city/kharkiv", PLANT, 1, ["d2-strike-0"]),
    ],
)
def test_actor_network_edges(a: str, b: str, weight: int, events: list[str]) -> None:
    g = actor_network(EVENTS, ENTITIES)
    assert g.number_of_edges() == 3
    assert g.edges[a, b] == {"weight": weight, "events": events}


def test_actor_network_leaves_out_weapons() -> None:
    assert "weapon/drone" not in actor_network(EVENTS, ENTITIES)


def test_event_network() -> None:
    g = event_network(EVENTS, list(ENTITIES.values()))
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == [
        ("d1-strike-0", "city/kharkiv", "target"),
        ("d1-strike-0", "country/RU", "agent"),
        ("d1-strike-0", "weapon/drone", "weapon"),
        ("d2-strike-0", "city/kharkiv", "target"),
        ("d2-strike-0", "country/RU", "agent"),
        ("d2-strike-0", PLANT, "place"),
        ("d3-statement-0", "person/zelensky", "speaker"),
    ]
    e1 = g.nodes["d1-strike-0"]
    assert (e1["kind"], e1["type"], e1["doc_id"], e1["date"], e1["sentence"]) == (
        "event", "strike", "d1", "2024-03-01", "sentence d1")
    assert e1["roles"] == [["agent", "Russia"], ["target", "Kharkiv"], ["weapon", "drones"], ["date", "2024-03-01"]]
    assert g.nodes["weapon/drone"] == {"label": "drones", "kind": "weapon"}
    assert "date" not in g.nodes["d3-statement-0"]


@pytest.mark.parametrize(
    "event, summary",
    [
        (E1, "Strike - agent: Russia; target: Kharkiv; weapon: drones; date: 2024-03-01"),
        (E2, "Strike - agent: Russia; target: Kharkiv; place: power plant"),
        (E3, "Statement - speaker: Volodymyr Zelensky; content: We will respond to Russia."),
        (ev(EventType.DEPLOYMENT, "d4", 0, []), "Deployment"),
    ],
)
def test_event_summary(event: Event, summary: str) -> None:
    assert event_summary(event, ENTITIES) == summary


def test_event_roles_follow_roles_order() -> None:
    e = ev(EventType.APPOINTMENT, "d5", 0, [
        ("date", "2024", None, "2024"), ("extra", "x", None, None), ("person", "A", None, None),
        ("role", "minister", None, None)])
    assert event_roles(e, {}) == [("person", "A"), ("role", "minister"), ("date", "2024"), ("extra", "x")]


@pytest.mark.parametrize(
    "entity_id, entity, kind",
    [
        ("weapon/drone", None, "weapon"),
        ("country/RU", ENTITIES["country/RU"], "state"),
        ("unlinked/x-1", None, "unknown"),
    ],
)
def test_entity_kind(entity_id: str, entity: Entity | None, kind: str) -> None:
    assert entity_kind(entity_id, entity) == kind


def test_centrality_sorted() -> None:
    scores = centrality(actor_network(EVENTS, ENTITIES))
    assert [n for n, _ in scores] == ["city/kharkiv", "country/RU", PLANT, "person/zelensky"]
    assert [round(s, 3) for _, s in scores] == [0.667, 0.667, 0.667, 0.0]


@pytest.mark.parametrize("graph", [nx.Graph(), nx.MultiDiGraph()])
def test_centrality_empty(graph: nx.Graph) -> None:
    assert centrality(graph) == []


@pytest.mark.parametrize("builder", [actor_network, event_network])
def test_write_graphml_round_trip(tmp_path: Path, builder) -> None:
    g = builder(EVENTS, ENTITIES)
    path = write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=g.is_multigraph())
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["country/RU"]["label"] == "Russia"


def test_write_graphml_lists_as_json(tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(actor_network(EVENTS, ENTITIES), tmp_path / "a.graphml"))
    assert json.loads(back.edges["country/RU", "city/kharkiv"]["events"]) == ["d1-strike-0", "d2-strike-0"]
    assert back.edges["country/RU", "city/kharkiv"]["weight"] == 2


def test_write_events_jsonl(tmp_path: Path) -> None:
    path = write_events_jsonl(EVENTS, tmp_path / "events.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_json() for e in EVENTS]
