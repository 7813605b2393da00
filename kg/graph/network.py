"""networkx views of the events: who appears with whom, and which event links what.

Node ids are entity ids (``person/volodymyr-zelensky``; unlinked role fillers get
:func:`kg.graph.vocab.unlinked_entity_id`) and event ids (:attr:`kg.model.Event.id`).
All node and edge attributes are plain Python values, in a deterministic order.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from kg.graph.vocab import ENTITY_ROLES, arg_entity_id
from kg.model import ROLES, Argument, Entity, Event

__all__ = [
    "ACTOR_ROLES", "as_entity_map", "entity_kind", "arg_label", "event_roles", "event_summary",
    "actor_network", "event_network", "centrality",
]

#: Entity roles whose fillers are actors or places (the nodes of :func:`actor_network`).
ACTOR_ROLES: tuple[str, ...] = tuple(r for r in ENTITY_ROLES if r != "weapon")


def as_entity_map(entities: Mapping[str, Entity] | Iterable[Entity] | None) -> dict[str, Entity]:
    """Entities keyed by id, from a mapping (as in :class:`kg.model.Result`) or an iterable.

    Parameters
    ----------
    entities : mapping of str to Entity, iterable of Entity, or None

    Returns
    -------
    dict of str to Entity
    """
    if entities is None:
        return {}
    if isinstance(entities, Mapping):
        return dict(entities)
    return {e.id: e for e in entities}


def entity_kind(entity_id: str, entity: Entity | None) -> str:
    """Display kind of an entity node: ``"weapon"`` for ``weapon/...`` ids, else the
    entity's :class:`~kg.model.EntityKind` value, else ``"unknown"``.

    Parameters
    ----------
    entity_id : str
    entity : Entity or None

    Returns
    -------
    str
    """
    if entity_id.startswith("weapon/"):
        return "weapon"
    return entity.kind.value if entity is not None else "unknown"


def arg_label(arg: Argument, entities: Mapping[str, Entity]) -> str:
    """A readable label for a role filler: the linked entity's label, the argument's
    canonical label, its normalised value, or its text, in that order.

    Parameters
    ----------
    arg : kg.model.Argument
    entities : mapping of str to Entity

    Returns
    -------
    str
    """
    if arg.entity_id and arg.entity_id in entities:
        return entities[arg.entity_id].label
    if arg.label:
        return arg.label
    if arg.role in ("date", "quantity") and arg.value is not None:
        return str(arg.value)
    return " ".join(arg.text.split())


def event_roles(event: Event, entities: Mapping[str, Entity]) -> list[tuple[str, str]]:
    """``(role, label)`` pairs of an event: the type's roles in :data:`kg.model.ROLES`
    order, then any other roles alphabetically; argument order kept within a role.

    Parameters
    ----------
    event : kg.model.Event
    entities : mapping of str to Entity

    Returns
    -------
    list of (str, str)
    """
    order = {r: i for i, r in enumerate(ROLES.get(event.type, ()))}
    ranked = sorted(
        enumerate(event.args), key=lambda ia: (order.get(ia[1].role, len(order)), ia[1].role, ia[0])
    )
    return [(a.role, arg_label(a, entities)) for _, a in ranked]


def _shorten(text: str, max_len: int) -> str:
    return text if len(text) <= max_len else text[: max_len - 1].rstrip() + "\u2026"


def event_summary(event: Event, entities: Mapping[str, Entity], max_len: int = 80) -> str:
    """A one-line summary: ``"Strike - agent: Russia; target: Kharkiv; date: 2024-03-01"``.

    Parameters
    ----------
    event : kg.model.Event
    entities : mapping of str to Entity
    max_len : int
        Each role value is cut to this many characters (statement content can be long).

    Returns
    -------
    str
    """
    grouped: dict[str, list[str]] = {}
    for role, label in event_roles(event, entities):
        grouped.setdefault(role, []).append(_shorten(label, max_len))
    parts = [f"{role}: {', '.join(labels)}" for role, labels in grouped.items()]
    head = event.type.value.capitalize()
    return f"{head} - {'; '.join(parts)}" if parts else head


def _entity_node_attrs(entity_id: str, entities: Mapping[str, Entity], fallback: str) -> dict[str, Any]:
    ent = entities.get(entity_id)
    attrs: dict[str, Any] = {"label": ent.label if ent else fallback, "kind": entity_kind(entity_id, ent)}
    if ent is not None and ent.country:
        attrs["country"] = ent.country
    return attrs


def _entity_args(event: Event, roles: Iterable[str]) -> list[tuple[str, str, Argument]]:
    """``(role, entity_id, arg)`` for the event's entity-role arguments in ``roles``."""
    wanted = set(roles)
    return [(a.role, arg_entity_id(a), a) for a in event.args if a.role in wanted]


def actor_network(events: Iterable[Event], entities: Mapping[str, Entity] | Iterable[Entity] | None) -> nx.Graph:
    """Co-occurrence network of actors and places.

    Nodes are the entities filling :data:`ACTOR_ROLES` (attributes ``label``,
    ``kind``, ``country`` when known, ``events``: number of events); an edge joins
    two entities that appear in the same event (``weight``: number of such events,
    ``events``: their ids, sorted).

    Parameters
    ----------
    events : iterable of Event
    entities : mapping or iterable of Entity

    Returns
    -------
    networkx.Graph
    """
    ents = as_entity_map(entities)
    g = nx.Graph()
    node_events: dict[str, set[str]] = {}
    edge_events: dict[tuple[str, str], set[str]] = {}
    labels: dict[str, str] = {}
    for ev in events:
        ids = set()
        for _role, eid, arg in _entity_args(ev, ACTOR_ROLES):
            ids.add(eid)
            text = arg_label(arg, ents)
            labels[eid] = min(labels.get(eid, text), text)
        for eid in ids:
            node_events.setdefault(eid, set()).add(ev.id)
        for a, b in combinations(sorted(ids), 2):
            edge_events.setdefault((a, b), set()).add(ev.id)
    for eid in sorted(node_events):
        g.add_node(eid, **_entity_node_attrs(eid, ents, labels[eid]), events=len(node_events[eid]))
    for (a, b) in sorted(edge_events):
        evs = sorted(edge_events[(a, b)])
        g.add_edge(a, b, weight=len(evs), events=evs)
    return g


def event_network(events: Iterable[Event], entities: Mapping[str, Entity] | Iterable[Entity] | None) -> nx.MultiDiGraph:
    """Bipartite network of events and the entities filling their roles.

    Event nodes carry ``kind="event"``, ``type``, ``label`` (the summary),
    ``doc_id``, ``sentence``, ``start``, ``end``, ``trigger``, ``date`` (when known)
    and ``roles`` (list of ``[role, label]``).  Entity nodes carry ``label``,
    ``kind`` and ``country`` (when known).  Each edge goes event -> entity with
    key and attribute ``role``.

    Parameters
    ----------
    events : iterable of Event
    entities : mapping or iterable of Entity

    Returns
    -------
    networkx.MultiDiGraph
    """
    ents = as_entity_map(entities)
    g = nx.MultiDiGraph()
    events = sorted(events, key=lambda e: e.id)
    labels: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for ev in events:
        attrs: dict[str, Any] = {
            "kind": "event",
            "type": ev.type.value,
            "label": event_summary(ev, ents),
            "doc_id": ev.doc_id,
            "sentence": ev.sentence.text,
            "start": ev.sentence.start,
            "end": ev.sentence.end,
            "trigger": ev.trigger.text,
            "roles": [[r, lab] for r, lab in event_roles(ev, ents)],
        }
        if ev.date:
            attrs["date"] = ev.date
        g.add_node(ev.id, **attrs)
        for role, eid, arg in _entity_args(ev, ENTITY_ROLES):
            text = arg_label(arg, ents)
            labels[eid] = min(labels.get(eid, text), text)
            edges.append((ev.id, eid, role))
    for eid in sorted(labels):
        g.add_node(eid, **_entity_node_attrs(eid, ents, labels[eid]))
    for u, v, role in edges:
        g.add_edge(u, v, key=role, role=role)
    return g


def centrality(g: nx.Graph) -> list[tuple[Any, float]]:
    """Degree centrality of every node, highest first (ties by node id).

    Parameters
    ----------
    g : networkx.Graph
        Any networkx graph (multi-edges count once per edge).

    Returns
    -------
    list of (node, float)
    """
    scores = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    return sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))
