"""Within-document actor coreference: role nouns and pronouns -> the person meant.

Runs per document after event extraction and before linking
(:func:`kg.api.extract_linked`). An event argument that names a person only
by a definite role noun ("the general", "the commander", "the president") or
a personal pronoun ("he", "she") takes the last *compatible* full person
mention before it in the same document:

- a role noun is compatible with a person introduced with that title
  ("General Oleksandr Tarnavskiy" ... "the general") or whose lexicon role or
  office contains it ("Volodymyr Zelensky" (President of Ukraine) ... "the
  president");
- a pronoun is compatible with any person;
- a state's or group's role found by the gazetteer ("the Ukrainian leader",
  ``group/ua-leader``) is compatible with a person who held that office
  (``offices.jsonl``, any term: the document itself names them) -- the last
  one before it, or else the only one named later (a headline's "Ukrainian
  President" before the body names him); without such a mention the linker
  may still resolve it by the article's date.

The argument keeps its text and offsets (the evidence); it gets the
antecedent's ``entity_id`` and, in ``value``, the antecedent's name, which the
linker uses to name and cluster the person. Bare surnames ("Tarnavskiy")
are handled earlier, by the gazetteer (same document) and the linker's
surname key (spelling variants).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable

from kg import lexicon
from kg.model import Event

#: Roles whose fillers may be people.
PERSON_ROLES = frozenset({"speaker", "agent", "person", "appointer", "replaces"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Words before a role that keep it from naming the current holder ("a commander", "the former president").
NOT_CURRENT = frozenset({"a", "an", "one", "another", "former", "ex", "late", "previous", "next", "incoming",
                         "outgoing", "acting", "deputy", "vice", "then", "future", "interim", "any", "every",
                         "no", "some", "several"})
_DEFINITE = re.compile(r"^(?:the|this|that)\s+(?:(?:top|senior|military|army|veteran|new)\s+)?([a-z][a-z -]*[a-z])$",
                       re.I)


@dataclass(frozen=True)
class PersonMention:
    """A full person mention in a document: offsets, canonical id, name and the title before it."""

    start: int
    end: int
    entity_id: str
    text: str
    titles: frozenset[str]


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(r["title"].lower().rstrip(".") for r in lexicon.records("titles"))


@lru_cache(maxsize=1)
def _office_nouns() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in lexicon.records("offices"):
        out.setdefault(row["person"], set()).update(row.get("nouns") or ())
    return {k: frozenset(v) for k, v in out.items()}


def role_noun(text: str) -> str | None:
    """The singular role noun of a definite description, or ``None``.

    ``"the general"`` -> ``"general"``; ``"The top commander"`` -> ``"commander"``;
    ``"the Ukrainian general"`` (a name inside), ``"generals"`` (plural) and
    ``"a general"`` (indefinite) -> ``None``.
    """
    m = _DEFINITE.match(text.strip())
    if not m:
        return None
    noun = m.group(1).lower()
    if noun not in lexicon.nouns("official") or (noun.endswith("s") and noun[:-1] in lexicon.nouns("official")):
        return None
    return noun


def compatible(noun: str, mention: PersonMention) -> bool:
    """Whether a person mention may be what the role ``noun`` refers back to."""
    if noun in mention.titles or noun.split()[-1] in mention.titles:
        return True
    if noun in _office_nouns().get(mention.entity_id, ()):
        return True
    role = str((lexicon.record(mention.entity_id) or {}).get("role") or "").lower()
    return bool(role) and re.search(rf"\b{re.escape(noun)}\b", role) is not None


def group_role(entity_id: str) -> tuple[str, str] | None:
    """(holder, role noun) of a rule id for a state's or group's role: ``group/ua-leader`` ->
    (``country/UA``, "leader"); ``group/arakan-army-commander`` -> (``org/arakan-army``, "commander")."""
    if not entity_id.startswith("group/"):
        return None
    parts = entity_id.split("/", 1)[1].split("-")
    for n in range(len(parts) - 1, 0, -1):
        owner, noun = "-".join(parts[:n]), " ".join(parts[n:])
        for holder in (f"country/{owner.upper()}", f"org/{owner}"):
            if lexicon.record(holder) is not None:
                return holder, noun
    return None


@lru_cache(maxsize=1)
def _offices_by_person() -> dict[str, tuple[tuple[str, str, str, str | None], ...]]:
    out: dict[str, list[tuple[str, str, str, str | None]]] = {}
    for row in lexicon.records("offices"):
        for n in row.get("nouns") or ():
            out.setdefault(row["person"], []).append((row["holder"], n, row["from"], row.get("to")))
    return {k: tuple(v) for k, v in out.items()}


def holds(mention: PersonMention, holder: str, noun: str, on: str | None = None) -> bool:
    """Whether the person mentioned held ``holder``'s office named ``noun`` (``offices.jsonl``):
    on the ISO day ``on`` when given, at any time otherwise."""
    return any(h == holder and n == noun and (on is None or start <= on and (not end or on < end))
               for h, n, start, end in _offices_by_person().get(mention.entity_id, ()))


def definite(ev: Event, arg) -> bool:
    """A mention that may name the current holder: not "a ...", "another ...", "former ..."."""
    words = re.findall(r"[\w-]+", arg.text.lower())
    rel = arg.start - ev.sentence.start
    before = re.findall(r"[\w-]+", ev.sentence.text[max(0, rel - 30):rel].lower()) if rel > 0 else []
    return not (set(words[:2]) & NOT_CURRENT or (before and before[-1] in NOT_CURRENT))


def person_mentions(doc) -> list[PersonMention]:
    """Full person mentions (two or more words, or known to the lexicon) of a spaCy ``Doc``, in order,
    with the lower-case title words right before each ("General", "Lt. Gen.", "President")."""
    titles = _title_words()
    out = []
    for e in doc.ents:
        if e.label_ != "PERSON" or not e.kb_id_:
            continue
        if len(e) < 2 and lexicon.record(e.kb_id_) is None:
            continue
        found = set()
        j = e.start - 1
        while j >= 0 and j >= e.start - 3 and doc[j].lower_.rstrip(".") in titles:
            found.add(doc[j].lower_.rstrip("."))
            j -= 1
        out.append(PersonMention(e.start_char, e.end_char, e.kb_id_, e.text, frozenset(found)))
    return out


def resolve(events: Iterable[Event], mentions: list[PersonMention], on: "date | str | None" = None) -> int:
    """Resolve role nouns and pronouns among ``events``' arguments (one document) in place.

    Parameters
    ----------
    events : iterable of Event
        The document's event mentions (before linking).
    mentions : list of PersonMention
        The document's full person mentions (:func:`person_mentions`).
    on : datetime.date or str, optional
        The article's publication date: an office role then only takes a person
        named in the document who held the office on that day ("the US president"
        in 2025 is not an earlier-named Joe Biden); without a date, any term counts.

    Returns
    -------
    int
        How many arguments were resolved.
    """
    day = None if on is None else (on if isinstance(on, str) else on.isoformat())[:10]
    day = day if day and len(day) == 10 else None
    n = 0
    for ev in events:
        for arg in ev.args:
            if arg.role not in PERSON_ROLES or (arg.entity_id or "").startswith(("person/", "org/", "country/")):
                continue
            before = [m for m in mentions if m.end <= arg.start]
            office = group_role(arg.entity_id or "")
            if office is not None:  # "the Ukrainian leader" after "Zelensky said": the same person
                if not definite(ev, arg) or office[1].endswith("s") and not office[1].endswith("ss"):
                    continue
                ante = next((m for m in reversed(before) if holds(m, *office, on=day)), None)
                later = {m.entity_id: m for m in mentions if m.start >= arg.end and holds(m, *office, on=day)}
                if ante is None and len(later) == 1:  # a headline's "Ukrainian President" named further on
                    ante = next(iter(later.values()))
                if ante is not None:
                    arg.entity_id, arg.value = ante.entity_id, ante.text
                    n += 1
                continue
            text = arg.text.strip()
            noun = None if text.lower() in PRONOUNS else role_noun(text)
            if noun is None and text.lower() not in PRONOUNS:
                continue
            ante = next((m for m in reversed(before) if noun is None or compatible(noun, m)), None)
            if ante is None:
                continue
            arg.entity_id, arg.value = ante.entity_id, ante.text
            n += 1
    return n


def resolve_document(doc, events: list[Event]) -> int:
    """:func:`resolve` with the person mentions of the spaCy ``doc`` the events were read from."""
    return resolve(events, person_mentions(doc), getattr(doc._, "kg_pub_date", None))
