"""Canonical entities: one node per real actor or place across sentences and documents.

Every argument naming an actor, place, target or weapon gets an ``entity_id``
and a canonical ``label``:

- ids the gazetteer assigned (``country/RU``, ``region/538555``,
  ``person/volodymyr-zelensky``) resolve to the lexicon's entities;
- rule ids are minted from their parts: ``forces/KP`` (armed forces of North
  Korea), ``group/us-official`` (an unnamed collective), ``weapon/drone``;
- people the lexicon does not know are clustered by a transliteration-tolerant
  surname key (Tarnavskiy = Tarnavsky; a bare surname joins the full name it
  abbreviates) and named after their longest form;
- anything else (targets such as "a fuel storage facility") becomes a
  document-scoped ``thing/...`` entity, since two articles' "positions" are not
  known to be the same.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from kg import lexicon
from kg.model import Argument, Entity, EntityKind, Event, slug

ENTITY_ROLES = {"agent", "forces", "place", "target", "weapon", "person", "appointer", "replaces", "speaker"}
TITLE_WORDS = {r["title"].lower().rstrip(".") for r in lexicon.records("titles")}


def name_key(name: str) -> str:
    """A transliteration-tolerant key for a surname: ``Zelenskyy``/``Zelenskiy``/``Zelenski`` -> ``zelensky``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"(iy|yy|ij|yi|ii)$", "y", text)
    if len(text) > 5 and text.endswith("i"):
        text = text[:-1] + "y"
    return text


def _name_parts(text: str) -> list[str]:
    parts = [p for p in re.split(r"\s+", text.replace("’s", "").replace("'s", "")) if p]
    return [p for p in parts if p.lower().rstrip(".") not in TITLE_WORDS]


class Linker:
    """Assigns canonical ids and labels; collects the entities it used.

    Parameters
    ----------
    known : dict, optional
        Canonical entities by id (default: the packaged lexicon).
    """

    def __init__(self, known: dict[str, Entity] | None = None) -> None:
        self.known = lexicon.load_entities() if known is None else known
        self.entities: dict[str, Entity] = {}
        self._people: dict[str, list[tuple[list[str], str]]] = {}  # surname key -> [(parts, id)]
        self._weapons = {r["id"]: r["label"] for r in lexicon.records("weapons")}
        for ent in self.known.values():
            # bare surnames join only hand-curated people: the thousands of older dictionary
            # officials would otherwise capture unrelated namesakes
            if ent.kind == EntityKind.PERSON and "curated" in str((lexicon.record(ent.id) or {}).get("source", "")):
                parts = _name_parts(ent.label)
                if parts:
                    self._people.setdefault(name_key(parts[-1]), []).append((parts, ent.id))

    # -- public ------------------------------------------------------------------------------
    def link(self, events: Iterable[Event]) -> list[Event]:
        """Link every entity argument of ``events`` in place and return them."""
        events = list(events)
        # people first, longest names first, so bare surnames join full names
        people = [(e, a) for e in events for a in e.args if a.role in ENTITY_ROLES and self._is_person(a)]
        people.sort(key=lambda ea: -len(_name_parts(ea[1].text)))
        for ev, arg in people:
            self._link_person(arg)
        for ev in events:
            for arg in ev.args:
                if arg.role in ENTITY_ROLES and arg.label is None:
                    self._link(ev, arg)
        return events

    # -- internals ---------------------------------------------------------------------------
    def _is_person(self, a: Argument) -> bool:
        return (a.entity_id or "").startswith("person/") or (a.entity_id is None and a.role in (
            "person", "replaces", "appointer") and bool(_name_parts(a.text)))

    def _use(self, entity: Entity) -> Entity:
        have = self.entities.get(entity.id)
        if have is None:
            self.entities[entity.id] = entity
            return entity
        have.aliases.update(entity.aliases)
        return have

    def _link_person(self, arg: Argument) -> None:
        if arg.entity_id and arg.entity_id in self.known:
            ent = self._use(self.known[arg.entity_id])
        else:
            parts = _name_parts(arg.text) or [arg.text]
            key = name_key(parts[-1])
            match = None
            for other_parts, other_id in self._people.get(key, []):
                if len(parts) == 1 or len(other_parts) == 1 or name_key(parts[0])[:1] == name_key(other_parts[0])[:1]:
                    match = other_id
                    break
            if match is None:
                match = f"person/{slug(' '.join(parts))}"
                self._people.setdefault(key, []).append((parts, match))
            ent = self.entities.get(match) or self.known.get(match) or Entity(match, " ".join(parts), EntityKind.PERSON)
            ent = self._use(ent)
        ent.aliases.add(arg.text)
        arg.entity_id, arg.label = ent.id, ent.label

    def _known_place(self, arg: Argument) -> str | None:
        """A lexicon place for a place or target argument that has no id (a statistical NER span
        such as "Kursk" or "the Gaza Strip"): the best :func:`kg.lexicon.lookup` hit that is a place."""
        if arg.role not in ("place", "target") or not any(c.isupper() for c in arg.text):
            return None
        for ent in lexicon.lookup(arg.text):
            if ent.kind.is_place and ent.id in self.known:
                return ent.id
        return None

    def _link(self, ev: Event, arg: Argument) -> None:
        eid = arg.entity_id
        if (not eid or eid not in self.known) and (place := self._known_place(arg)):
            eid = place
        if eid and eid in self.known:
            ent = self._use(self.known[eid])
        elif eid and eid.startswith("forces/"):
            code = eid.split("/", 1)[1]
            country = self.known.get(f"country/{code}")
            name = country.label if country else code
            ent = self._use(Entity(eid, f"Armed forces of {name}", EntityKind.ARMED_FORCES, country=code))
        elif eid and eid.startswith("group/"):
            owner, _, noun = eid.split("/", 1)[1].partition("-")
            country = self.known.get(f"country/{owner.upper()}")
            org = self.known.get(f"org/{owner}")
            if country is not None:
                demonyms = (lexicon.record(country.id) or {}).get("demonyms") or [country.label]
                name = demonyms[0]
            else:
                name = org.label if org else owner.upper()
            ent = self._use(Entity(eid, f"{name} {noun.replace('-', ' ')}".strip(), EntityKind.GROUP,
                                   country=owner.upper() if country else None))
        elif eid and eid.startswith(("org/", "place/")):  # named, but not in the lexicon
            text = re.sub(r"^(the)\s+", "", arg.text.strip(), flags=re.I)
            kind = EntityKind.ORGANISATION if eid.startswith("org/") else EntityKind.PLACE
            ent = self._use(Entity(eid, text, kind))
        elif eid and eid.startswith("weapon/"):
            ent = self._use(Entity(eid, self._weapons.get(eid, eid.split("/", 1)[1]), EntityKind.WEAPON))
        else:
            text = re.sub(r"^(the|a|an)\s+", "", arg.text.strip(), flags=re.I)
            kind = {"place": EntityKind.PLACE, "speaker": EntityKind.GROUP, "agent": EntityKind.GROUP,
                    "appointer": EntityKind.GROUP}.get(arg.role, EntityKind.THING)
            ent = self._use(Entity(eid or f"thing/{slug(ev.doc_id)}/{slug(text)}", text, kind))
        ent.aliases.add(arg.text)
        arg.entity_id, arg.label = ent.id, ent.label


def link(events: Iterable[Event], known: dict[str, Entity] | None = None) -> tuple[list[Event], dict[str, Entity]]:
    """Link ``events`` and return them with the canonical entities they use.

    Parameters
    ----------
    events : iterable of Event
        Event mentions from :mod:`kg.nlp.events` (modified in place).
    known : dict, optional
        Canonical entities by id; defaults to the packaged lexicon.

    Returns
    -------
    (list of Event, dict of str to Entity)
    """
    linker = Linker(known)
    linked = linker.link(events)
    return linked, dict(sorted(linker.entities.items()))
