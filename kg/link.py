"""Canonical entities: one node per real actor or place across sentences and documents.

Every argument naming an actor, place, target or weapon gets an ``entity_id``
and a canonical ``label``:

- ids the gazetteer assigned (``country/RU``, ``region/538555``,
  ``person/volodymyr-zelensky``) resolve to the lexicon's entities;
- rule ids are minted from their parts: ``forces/KP`` (armed forces of North
  Korea), ``group/us-official`` (an unnamed collective), ``weapon/drone``;
- a national capital acting or speaking ("Moscow said", "Kyiv launched")
  stands for its government (``government/RU``, kind GOVERNMENT); as a place
  or target ("struck Kyiv") it stays the city;
- a definite singular role of a state or group ("the Ukrainian leader",
  "Israel's prime minister", "the Houthi leader") resolves to the person who
  held that office on the article's publication date (``offices.jsonl``);
  without a date, or for "a"/"former" roles, it stays an unnamed group;
- people the lexicon does not know are clustered by a transliteration-tolerant
  surname key (Tarnavskiy = Tarnavsky; a bare surname joins the full name it
  abbreviates) and named after their longest form;
- anything else (targets such as "a fuel storage facility") becomes a
  document-scoped ``thing/...`` entity, since two articles' "positions" are not
  known to be the same.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date
from typing import Iterable, Mapping

from kg import coref, lexicon
from kg.model import Argument, Entity, EntityKind, Event, slug

ENTITY_ROLES = {"agent", "forces", "place", "target", "weapon", "person", "appointer", "replaces", "speaker"}
#: Roles in which a named place acts: a capital there stands for its government.
ACTOR_ROLES = {"agent", "speaker", "appointer"}
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


def _anaphor_name(arg: Argument) -> str | None:
    """The antecedent's name that :mod:`kg.coref` put in ``value`` ("the general" -> "Oleksandr Tarnavskiy")."""
    return arg.value if isinstance(arg.value, str) and arg.value and arg.value != arg.text else None


def _name_parts(text: str) -> list[str]:
    parts = [p for p in re.split(r"\s+", text.replace("’s", "").replace("'s", "")) if p]
    return [p for p in parts if p.lower().rstrip(".") not in TITLE_WORDS]


class Linker:
    """Assigns canonical ids and labels; collects the entities it used.

    Parameters
    ----------
    known : dict, optional
        Canonical entities by id (default: the packaged lexicon).
    dates : mapping, optional
        Publication date of each document id; roles ("the Ukrainian leader")
        resolve to people only for documents with a known date.
    """

    def __init__(self, known: dict[str, Entity] | None = None,
                 dates: Mapping[str, date | str | None] | None = None) -> None:
        self.known = lexicon.load_entities() if known is None else known
        self.dates = dict(dates or {})
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
        people.sort(key=lambda ea: -len(_name_parts(_anaphor_name(ea[1]) or ea[1].text)))
        for ev, arg in people:
            self._link_person(arg, ev)
        for ev in events:
            for arg in ev.args:
                if arg.role in ENTITY_ROLES and arg.label is None:
                    self._link(ev, arg)
                if arg.role in ENTITY_ROLES and _anaphor_name(arg):
                    arg.value = None  # the antecedent's name (kg.coref) served its purpose: the label names it
        return events

    # -- internals ---------------------------------------------------------------------------
    def _is_person(self, a: Argument) -> bool:
        return (a.entity_id or "").startswith("person/") or (a.entity_id is None and a.role in (
            "person", "replaces", "appointer") and bool(_name_parts(a.text)))

    def _use(self, entity: Entity) -> Entity:
        have = self.entities.get(entity.id)
        if have is None:
            # a copy: the lexicon's entities are shared and cached across runs
            have = self.entities[entity.id] = dataclasses.replace(entity, aliases=set(entity.aliases))
            return have
        have.aliases.update(entity.aliases)
        return have

    def _person_hints(self, ev: Event | None, arg: Argument) -> tuple[str | None, str | None]:
        """(role, country) of a person the lexicon does not know, from the words before the name in
        its sentence: "Ukrainian General Oleksandr Lutsenko" -> ("General", "UA")."""
        rel = arg.start - ev.sentence.start if ev is not None else -1
        if ev is None or not 0 <= rel <= len(ev.sentence.text):
            return None, None
        words = re.findall(r"[\w.'’-]+", ev.sentence.text[:rel])[-6:]
        role_words: list[str] = []
        while words:
            for n in (3, 2, 1):
                if len(words) >= n and " ".join(words[-n:]).lower().rstrip(".") in TITLE_WORDS \
                        and words[-n][:1].isupper():
                    role_words = words[-n:] + role_words
                    del words[-n:]
                    break
            else:
                break
        if not role_words:
            return None, None
        country = None
        if words:
            owner = re.sub(r"['’]s?$", "", words[-1])
            found = lexicon.demonym_country(owner) or next(
                (e.id for e in lexicon.lookup(owner)[:1] if e.kind == EntityKind.STATE), None)
            country = found.split("/", 1)[1] if found else None
        return " ".join(role_words), country

    def _link_person(self, arg: Argument, ev: Event | None = None) -> None:
        if arg.entity_id and arg.entity_id in self.known:
            ent = self._use(self.known[arg.entity_id])
        else:
            name = _anaphor_name(arg) or arg.text
            parts = _name_parts(name) or [name]
            key = name_key(parts[-1])
            match = None
            for other_parts, other_id in self._people.get(key, []):
                if len(parts) == 1 or len(other_parts) == 1 or name_key(parts[0])[:1] == name_key(other_parts[0])[:1]:
                    match = other_id
                    break
            if match is None:
                match = f"person/{slug(' '.join(parts))}"
                self._people.setdefault(key, []).append((parts, match))
            ent = self.entities.get(match) or self.known.get(match)
            if ent is None:
                role, country = self._person_hints(ev, arg)
                ent = Entity(match, " ".join(parts), EntityKind.PERSON, country=country, role=role)
            elif ent.id not in self.known and (ent.role is None or ent.country is None):
                role, country = self._person_hints(ev, arg)
                ent.role, ent.country = ent.role or role, ent.country or country
            ent = self._use(ent)
        if not _anaphor_name(arg):  # "the general", "he" are not names of the person
            ent.aliases.add(arg.text)
        arg.entity_id, arg.label = ent.id, ent.label

    def _split_group(self, rest: str) -> tuple[str | None, str]:
        """``"ua-leader"`` -> (``"country/UA"``, "leader"); ``"arakan-army-commander"`` ->
        (``"org/arakan-army"``, "commander"): the longest known owner prefix wins."""
        parts = rest.split("-")
        for n in range(len(parts) - 1, 0, -1):
            owner, noun = "-".join(parts[:n]), " ".join(parts[n:])
            for cand in (f"country/{owner.upper()}", f"org/{owner}"):
                if cand in self.known:
                    return cand, noun
        return None, rest.partition("-")[2].replace("-", " ")

    def _office_person(self, ev: Event, arg: Argument, holder: str | None, noun: str) -> Entity | None:
        """The person holding ``holder``'s office named ``noun`` on the article's date, for a
        definite singular mention ("the Ukrainian leader", "Israel's prime minister")."""
        if holder is None or arg.role not in ACTOR_ROLES | {"person", "replaces", "target"}:
            return None
        if not coref.definite(ev, arg):
            return None
        row = lexicon.office_holder(holder, noun, self.dates.get(ev.doc_id))
        if row is None or row["person"] not in self.known:
            return None
        return self._use(self.known[row["person"]])

    def _named_place(self, text: str) -> Entity | None:
        """The place a capitalised target names exactly ("Kyiv"), if the lexicon's best reading is a place."""
        if not text[:1].isupper():
            return None
        hits = lexicon.lookup(text)
        if hits and hits[0].kind.is_place and hits[0].id in self.known:
            return self._use(self.known[hits[0].id])
        return None

    def _government(self, eid: str) -> Entity | None:
        """The government a national capital stands for (``city/703448`` -> ``government/UA``)."""
        iso = (lexicon.record(eid) or {}).get("capital_of")
        if not iso:
            return None
        country = self.known.get(f"country/{iso}")
        name = country.label if country else iso
        return self._use(Entity(f"government/{iso}", f"Government of {name}", EntityKind.GOVERNMENT, country=iso))

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
        gov = self._government(eid) if eid and arg.role in ACTOR_ROLES else None
        if gov is not None:  # "Moscow said": the capital speaks for the government
            ent = gov
        elif eid and eid in self.known:
            ent = self._use(self.known[eid])
        elif eid and eid.startswith("forces/"):
            code = eid.split("/", 1)[1]
            country = self.known.get(f"country/{code}")
            name = country.label if country else code
            ent = self._use(Entity(eid, f"Armed forces of {name}", EntityKind.ARMED_FORCES, country=code))
        elif eid and eid.startswith("group/") and (person := self._office_person(
                ev, arg, *self._split_group(eid.split("/", 1)[1]))) is not None:
            self._set(arg, person, alias=False)  # "the Ukrainian leader" is a role, not a name
            return
        elif eid and eid.startswith("group/"):
            holder, noun = self._split_group(eid.split("/", 1)[1])
            country = self.known.get(holder) if holder and holder.startswith("country/") else None
            org = self.known.get(holder) if holder and holder.startswith("org/") else None
            if country is not None:
                demonyms = (lexicon.record(country.id) or {}).get("demonyms") or [country.label]
                name = demonyms[0]
            else:
                name = org.label if org else eid.split("/", 1)[1].partition("-")[0].upper()
            ent = self._use(Entity(eid, f"{name} {noun}".strip(), EntityKind.GROUP,
                                   country=country.country if country else (org.country if org else None)))
        elif eid and eid.startswith(("org/", "place/")):  # named, but not in the lexicon
            text = re.sub(r"^(the)\s+", "", arg.text.strip(), flags=re.I)
            kind = EntityKind.ORGANISATION if eid.startswith("org/") else EntityKind.PLACE
            ent = self._use(Entity(eid, text, kind))
        elif eid and eid.startswith("weapon/"):
            ent = self._use(Entity(eid, self._weapons.get(eid, eid.split("/", 1)[1]), EntityKind.WEAPON))
        elif eid is None and arg.role in ("target", "place") and (place := self._named_place(arg.text)):
            ent = place  # "struck Kyiv": a named place as the target stays the place
        else:
            text = re.sub(r"^(the|a|an)\s+", "", arg.text.strip(), flags=re.I)
            kind = {"place": EntityKind.PLACE, "speaker": EntityKind.GROUP, "agent": EntityKind.GROUP,
                    "appointer": EntityKind.GROUP}.get(arg.role, EntityKind.THING)
            ent = self._use(Entity(eid or f"thing/{slug(ev.doc_id)}/{slug(text)}", text, kind))
        self._set(arg, ent)

    @staticmethod
    def _set(arg: Argument, ent: Entity, alias: bool = True) -> None:
        if alias:
            ent.aliases.add(arg.text)
        arg.entity_id, arg.label = ent.id, ent.label


def link(events: Iterable[Event], known: dict[str, Entity] | None = None,
         dates: Mapping[str, date | str | None] | None = None) -> tuple[list[Event], dict[str, Entity]]:
    """Link ``events`` and return them with the canonical entities they use.

    Parameters
    ----------
    events : iterable of Event
        Event mentions from :mod:`kg.nlp.events` (modified in place).
    known : dict, optional
        Canonical entities by id; defaults to the packaged lexicon.
    dates : mapping, optional
        Publication date by document id (resolves "the Ukrainian leader" to the
        office holder of that day; documents without a date keep the role).

    Returns
    -------
    (list of Event, dict of str to Entity)
    """
    linker = Linker(known, dates)
    linked = linker.link(events)
    return linked, dict(sorted(linker.entities.items()))
