"""A self-contained, offline HTML view of the event network (vis-network).

Nodes and edges are built directly from :func:`kg.graph.network.event_network`
(pyvis' ``Network.from_nx`` is quadratic in edges) and rendered with our own
template, ``kg/templates/graph.html``.  vis-network's JavaScript is read from the
installed ``pyvis`` package and inlined, so the page loads nothing from the
network.  Article text only reaches the page as JSON inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped as
``\\u003c`` ...) and is put into the page with ``textContent``; the title,
statistics and legend are HTML-escaped.
"""
from __future__ import annotations

import html
import importlib.resources
import importlib.util
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.graph.network import as_entity_map, event_network
from kg.model import Entity, Event, EventType
from kg.util import atomic_write

__all__ = ["write_html", "render_html", "vis_js_path", "EVENT_COLORS", "KIND_STYLE"]

#: Colour of each event type's (diamond) nodes.
EVENT_COLORS: dict[str, str] = {
    EventType.DEPLOYMENT.value: "#4e79a7",
    EventType.STRIKE.value: "#e15759",
    EventType.APPOINTMENT.value: "#59a14f",
    EventType.STATEMENT.value: "#b07aa1",
}

#: Legend name and colour of each entity kind (dot nodes); keys as in
#: :func:`kg.graph.network.entity_kind`.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "person": ("person", "#f28e2b"),
    "state": ("state", "#9c755f"),
    "armed_forces": ("armed forces", "#76b7b2"),
    "armed_group": ("armed group", "#edc948"),
    "organisation": ("organisation", "#ff9da7"),
    "government": ("government body", "#86bcb6"),
    "media": ("media", "#d4a6c8"),
    "region": ("region", "#8cd17d"),
    "city": ("city", "#499894"),
    "place": ("other place", "#b6992d"),
    "group": ("group", "#fabfd2"),
    "weapon": ("weapon", "#79706e"),
    "thing": ("object", "#bab0ac"),
    "unknown": ("not linked", "#d7d7d7"),
}

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)


def vis_js_path() -> Path:
    """Locate ``vis-network.min.js`` in the installed pyvis package (newest version).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    kg.errors.KGError
        If pyvis or its bundled vis-network is missing.
    """
    spec = importlib.util.find_spec("pyvis")
    roots = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    found: list[Path] = []
    for root in roots:
        found += list((root / "lib").glob("vis-*/vis-network.min.js"))
        if not found:
            found += list(root.rglob("vis-network.min.js"))
    if not found:
        raise KGError("vis-network.min.js not found in the installed pyvis package; reinstall pyvis")
    return max(found, key=lambda p: (_version_key(p), str(p)))


def _script_safe_json(obj: Any) -> str:
    """JSON that can sit inside ``<script>``: no ``<``, ``>``, ``&`` (so no ``</script``, no ``<!--``)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _script_safe_js(js: str) -> str:
    """Guard inlined JavaScript against ending the ``<script>`` element early."""
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\!--")


def _event_tip(attrs: Mapping[str, Any]) -> dict[str, Any]:
    rows = [["type", attrs["type"]]] + [[r, lab] for r, lab in attrs.get("roles", [])]
    rows.append(["trigger", attrs.get("trigger", "")])
    return {
        "title": attrs["label"],
        "rows": rows,
        "quote": attrs.get("sentence", ""),
        "source": f"document {attrs['doc_id']}, characters {attrs['start']}\u2013{attrs['end']}",
    }


def _entity_tip(node: str, attrs: Mapping[str, Any], degree: int) -> dict[str, Any]:
    rows = [["kind", KIND_STYLE.get(attrs["kind"], (attrs["kind"], ""))[0]], ["id", node]]
    if attrs.get("country"):
        rows.append(["country", attrs["country"]])
    rows.append(["events", str(degree)])
    return {"title": attrs["label"], "rows": rows, "quote": None, "source": None}


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _payload(events: Iterable[Event], entities: Mapping[str, Entity]) -> tuple[dict[str, Any], dict[str, int]]:
    g = event_network(events, entities)
    nodes: list[dict[str, Any]] = []
    present: dict[str, int] = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("kind") == "event":
            etype = attrs["type"]
            label = etype + (f" {attrs['date']}" if attrs.get("date") else "")
            nodes.append({
                "id": node, "label": label, "group": f"event:{etype}", "shape": "diamond", "size": 12,
                "color": EVENT_COLORS.get(etype, "#999999"), "tip": _event_tip(attrs),
            })
            key = f"event:{etype}"
        else:
            kind = attrs["kind"] if attrs["kind"] in KIND_STYLE else "unknown"
            degree = len({u for u, _v in g.in_edges(node)})
            nodes.append({
                "id": node, "label": _short(attrs["label"]), "group": kind, "shape": "dot",
                "size": round(8 + 4 * math.sqrt(degree), 1), "color": KIND_STYLE[kind][1],
                "tip": _entity_tip(node, attrs, degree),
            })
            key = kind
        present[key] = present.get(key, 0) + 1
    edges = [{"from": u, "to": v, "label": d["role"], "arrows": "to"} for u, v, d in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges}, present


def _legend(present: Mapping[str, int]) -> str:
    items = []
    for etype, color in EVENT_COLORS.items():
        key = f"event:{etype}"
        if key in present:
            items.append((f"{etype} event", color, "event", present[key]))
    for kind, (name, color) in KIND_STYLE.items():
        if kind in present:
            items.append((name, color, "entity", present[kind]))
    return "".join(
        f'<li><span class="swatch {shape}" style="background:{html.escape(color)}"></span>'
        f"{html.escape(name)} ({count})</li>"
        for name, color, shape, count in items
    )


def _template() -> str:
    return (importlib.resources.files("kg") / "templates" / "graph.html").read_text(encoding="utf-8")


def render_html(
    events: Iterable[Event],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
    title: str = "conflict-kg: event network",
) -> str:
    """The page as a string (see :func:`write_html`).

    Parameters
    ----------
    events : iterable of Event
    entities : mapping or iterable of Entity
    title : str

    Returns
    -------
    str
    """
    ents = as_entity_map(entities)
    events = list(events)
    data, present = _payload(events, ents)
    n_events = sum(v for k, v in present.items() if k.startswith("event:"))
    n_entities = len(data["nodes"]) - n_events
    values = {
        "title": html.escape(title),
        "heading": html.escape(title),
        "stats": html.escape(f"{n_events} events, {n_entities} actors, places and weapons, "
                             f"{len(data['edges'])} role links"),
        "legend": _legend(present),
        "data": _script_safe_json(data),
        "vis_js": _script_safe_js(vis_js_path().read_text(encoding="utf-8")),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template())


def write_html(
    events: Iterable[Event],
    entities: Mapping[str, Entity] | Iterable[Entity] | None,
    path: str | os.PathLike,
    title: str = "conflict-kg: event network",
) -> Path:
    """Write an interactive, offline network of events, actors and places.

    Events are diamonds coloured by type, entities dots coloured by kind (with a
    legend); edges go from an event to its role fillers, labelled by role.
    Hovering (or clicking) a node shows the event type, its roles and the
    evidence sentence with its document id, or the entity's kind and id.

    Parameters
    ----------
    events : iterable of Event
    entities : mapping of id to Entity, or iterable of Entity
    path : str or os.PathLike
        Where to write the page (atomically).  Nothing else is written.
    title : str
        Page title and heading.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    kg.errors.KGError
        If vis-network cannot be found in the installed pyvis package.
    """
    return atomic_write(path, render_html(events, entities, title=title))
