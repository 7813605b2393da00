"""``kg_gazetteer``: dictionary and rule-based entities with canonical ids.

1. Phrase matches from the lexicons in ``kg/data`` (countries GPE, demonyms
   NORP, regions and cities LOC, organisations and armed groups ORG, people
   PERSON, weapons WEAPON); the canonical id goes to ``Span.kb_id_``.
2. Rules over those matches:

   - PERSON: a title followed by capitalised names ("General Oleksandr
     Tarnavskiy"), two or three capitalised words before a speech verb, and
     within a document the surname of a person already found.
   - FORCES: country or demonym (coordinated) + force noun ("North Korean
     troops", "Russia And North Korea Troops", "Russia's forces") ->
     ``forces/<ISO2>``.
   - GROUP: an unnamed collective actor, country/organisation + official noun
     ("A US official", "NATO officials", "Ukrainian commanders").
   - LOC: demonym + territory noun ("Russian territory" -> the country).
   - Region or city: a name a region shares with its city ("Kursk") is read
     from the words next to it ("Kursk city", "the Kursk area"), else from
     the nearest explicit mention in the document, else as the region
     (:meth:`Gazetteer._place_context`).

A statistical NER that runs before this component keeps its entities where
rules do not match (``overwrite_ents=False`` keeps them on overlaps too, except
for the rule labels FORCES/GROUP/WEAPON, which are more precise).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import lexicon
from kg.model import EntityKind, slug
from kg.nlp.spans import RULE_LABELS, add_spans, values

#: Modifiers allowed between a country and a force noun ("Russian special forces").
FORCE_MODIFIERS = {"special", "elite", "regular", "armed", "ground", "naval", "air", "allied", "government",
                   "military", "reserve", "reservist", "infantry", "airborne", "assault", "marine", "border",
                   "security", "army", "combat", "additional", "more", "fresh", "new"}
SPEECH_AFTER_NAME = {"said", "says", "told", "added", "stated", "warned", "claimed", "announced", "wrote",
                     "noted", "insisted", "confirmed", "reported", "explained", "argued"}
NAME_STOP = {"The", "A", "An", "And", "Or", "But", "In", "On", "At", "Of", "For", "To", "By", "With", "From",
             "As", "If", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "His",
             "Her", "Their", "Its", "Our", "When", "While", "After", "Before", "Since", "Despite", "Meanwhile",
             "However", "According", "Although", "Amid", "Amidst", "Are", "Is", "Was", "Were", "Has", "Have",
             "Had", "Will", "Would", "Could", "Should", "May", "Might", "Must", "Can", "Not", "No", "Yes", "Also",
             "Some", "All", "Both", "Each", "Every", "Most", "More", "Many", "Much", "Such", "What", "Who",
             "Which", "Why", "How", "Where", "New", "First", "Last", "Next", "Top", "Latest", "Breaking"}
ORG_HEADS = {"Ministry", "Command", "Council", "Agency", "Office", "Navy", "Guard", "Guards", "Brigade", "Corps",
             "Committee", "Service", "Directorate", "Department", "Staff", "Militia", "Movement", "Authority",
             "Commission", "Court", "Parliament", "Government", "Cabinet", "Battalion", "Regiment", "Division",
             "Police", "Intelligence", "Headquarters", "Observatory", "Organization", "Organisation", "Forces"}
INSTITUTION_CATEGORIES = ("government", "intelligence", "legislature")
INSTITUTION_HEADS = frozenset({"ministry", "agency", "office", "service", "government", "administration", "command",
                               "authorities", "cabinet", "parliament", "embassy", "presidency"})
BLOCS = {"western", "european", "arab", "gulf", "african", "allied", "foreign", "international"}
UNNAMED_DETS = {"the", "a", "an", "one", "another", "two", "three", "several"}
ARMED_KINDS = {"armed_group", "armed_forces"}
TERRITORY = {"territory", "soil", "airspace", "border", "borders", "waters", "mainland", "side"}


#: lower-case particles inside personal names ("al-Atta", "bin Laden", "van der Leyen")
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "de", "du", "da", "dos",
                            "la", "le"})


@lru_cache(maxsize=1)
def force_nouns() -> frozenset[str]:
    """Nouns naming armed or security forces ("troops", "marines", "police")."""
    return lexicon.nouns("force") | lexicon.nouns("police")


@lru_cache(maxsize=1)
def _weapon_patterns() -> tuple[tuple[str, str, bool], ...]:
    """(form, weapon id, case-sensitive) for every weapon form."""
    out = []
    for r in lexicon.records("weapons"):
        for form in r["forms"]:
            out.append((form, r["id"], any(c.isupper() for c in form)))
    return tuple(out)


@Language.factory("kg_gazetteer", default_config={"overwrite_ents": False, "max_patterns": 0})
def make_gazetteer(nlp: Language, name: str, overwrite_ents: bool, max_patterns: int) -> "Gazetteer":
    return Gazetteer(nlp, overwrite_ents=overwrite_ents, max_patterns=max_patterns)


class Gazetteer:
    """Dictionary + rule entity recogniser (see the module docstring).

    Parameters
    ----------
    nlp : Language
        The pipeline (its tokenizer tokenises the patterns).
    overwrite_ents : bool
        Whether dictionary matches replace overlapping entities that an
        earlier component (a statistical NER) found.
    max_patterns : int
        Use only the first N gazetteer patterns (0 = all); for quick tests.
    """

    def __init__(self, nlp: Language, overwrite_ents: bool = False, max_patterns: int = 0) -> None:
        self.overwrite_ents = overwrite_ents
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns = lexicon.gazetteer_patterns()
        if max_patterns:
            patterns = patterns[:max_patterns]
        groups: dict[str, list[str]] = {}
        for p in patterns:
            groups.setdefault(f"{p.label}|{p.entity_id}", []).append(p.text)
        for form, wid, case in _weapon_patterns():
            groups_key = f"WEAPON|{wid}"
            if case:
                groups.setdefault(groups_key, []).append(form)
            else:
                self.lower_matcher.add(groups_key, [nlp.make_doc(form)])
        for key, texts in groups.items():
            self.matcher.add(key, [_pattern_doc(nlp, t) for t in texts])
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.title_matcher.add("TITLE", list(nlp.tokenizer.pipe(r["title"] for r in lexicon.records("titles"))))
        self.force_nouns = force_nouns()
        self.institution_nouns = frozenset().union(*(lexicon.nouns(c) for c in INSTITUTION_CATEGORIES)) \
            | INSTITUTION_HEADS
        self.official_nouns = lexicon.nouns("official")
        self.armed_group_nouns = frozenset(w for w in lexicon.nouns("armed_group") if " " not in w)

    # -- phase 1: dictionary -------------------------------------------------
    def _dictionary(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self.matcher, self.lower_matcher):
            for key, start, end in matcher(doc):
                label, _, ent_id = doc.vocab.strings[key].partition("|")
                spans.append(Span(doc, start, end, label=label, kb_id=ent_id))
        return filter_spans(spans)

    def __call__(self, doc: Doc) -> Doc:
        found = self._dictionary(doc)
        if self.overwrite_ents or not doc.ents:
            add_spans(doc, found)
        else:
            rule = [s for s in found if s.label_ in RULE_LABELS]
            add_spans(doc, rule)
            add_spans(doc, [s for s in found if s.label_ not in RULE_LABELS], replace=False)
        add_spans(doc, self._org_phrases(doc), replace=False)
        titles = self._titles(doc)
        add_spans(doc, self._titled_persons(doc, titles))
        add_spans(doc, self._speaker_names(doc), replace=False)
        add_spans(doc, self._surnames(doc), replace=False)
        add_spans(doc, self._forces_and_groups(doc))
        add_spans(doc, self._unnamed_officials(doc), replace=False)
        self._place_context(doc)
        self._block_titles(doc, titles)
        return doc

    def _titles(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every person title in ``doc``, in order, longest first at a start."""
        return sorted(((start, end) for _, start, end in self.title_matcher(doc)), key=lambda m: (m[0], -m[1]))

    def _block_titles(self, doc: Doc, titles: list[tuple[int, int]]) -> None:
        """A title right before a person's name ("Major General Eyal Zamir") is not a name of its
        own: block its tokens, so that a statistical NER after us does not label them PERSON."""
        starts = {e.start for e in doc.ents if e.label_ == "PERSON"}
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        blocked = []
        last_end = -1
        for start, end in titles:
            if start >= last_end and end in starts and not taken.intersection(range(start, end)):
                blocked.append(doc[start:end])
                last_end = end
        if blocked:
            doc.set_ents([], blocked=blocked, default="unmodified")

    # -- phase 3: region or city, by context -------------------------------------------
    def _place_context(self, doc: Doc) -> None:
        """Choose between a region and the city it is named after ("Kursk").

        1. A cue next to the name decides (:func:`place_cue`): "Kursk city",
           "the city/town of Kursk", "Kursk's mayor" -> the city; "Kursk
           region/oblast/province/area", "the governor of Kursk" -> the region.
           A pattern that names the region ("Kursk Oblast", "Kursk region")
           is a region cue by itself.
           A compass word before the name ("southern Gaza", "northern
           Kharkiv") reads it as the region, of which it names a part.
        2. A bare name without a cue follows the nearest explicit mention of
           the pair before it in the document, else the first one after it --
           except that a city whose own name is longer ("Gaza City") is not
           read into a later bare "Gaza" (which names the Strip).
        3. Otherwise the gazetteer's default stays: the region when its bare
           name is matched alone (it contains the city, so the reading is
           coarse but not false), the city where the build blocks the bare
           region name (national capitals, "Aleppo", "Homs").
        """
        ents = list(doc.ents)
        mentions = []  # (index in ents, region id, city id, reading or None)
        for n, ent in enumerate(ents):
            if ent.label_ != "LOC" or not ent.kb_id_.startswith(("region/", "city/")):
                continue
            twin = lexicon.place_twin(ent.kb_id_)
            if twin is None:
                continue
            region, city = (ent.kb_id_, twin) if ent.kb_id_.startswith("region/") else (twin, ent.kb_id_)
            shared = _shared_names(region, city)
            key = lexicon.normalise(ent.text)
            if key in shared:  # "Kursk": read by context
                mentions.append((n, region, city, place_cue(doc, ent.start, ent.end)))
            elif any(key.startswith(f"{s} ") or key.endswith(f" of {s}") for s in shared):
                # the shared name with a word saying which one: "Kursk Oblast", "Gaza City"
                mentions.append((n, region, city, "region" if ent.kb_id_ == region else "city"))
            # other spellings only one of the two has ("Zaporizhzhya") are neither read nor evidence
        if not mentions:
            return
        changed = False
        for n, region, city, cue in mentions:
            reading = cue
            if reading is None:
                before = [m for m in mentions if m[0] < n and m[3] and {m[1], m[2]} == {region, city}]
                after = [m for m in mentions if m[0] > n and m[3] and {m[1], m[2]} == {region, city}]
                if before or after:
                    reading = (before[-1] if before else after[0])[3]
                if reading == "city" and _city_named_otherwise(ents[n], city):
                    reading = None  # "Gaza City" is its name: a bare "Gaza" is the Strip unless cued
            if reading is None:
                continue
            want = region if reading == "region" else city
            ent = ents[n]
            if ent.kb_id_ != want:
                ents[n] = Span(doc, ent.start, ent.end, label=ent.label_, kb_id=want)
                changed = True
        if changed:
            doc.ents = ents

    # -- phase 2: rules ------------------------------------------------------
    def _ent_at(self, doc: Doc) -> dict[int, Span]:
        return {e.start: e for e in doc.ents}

    def _covered(self, doc: Doc) -> set[int]:
        out: set[int] = set()
        for e in doc.ents:
            out.update(range(e.start, e.end))
        return out

    def _name_tokens(self, doc: Doc, i: int, covered: set[int], limit: int = 4) -> int:
        """End index of a run of capitalised name tokens starting at ``i`` (``i`` if none)."""
        j = i
        n = 0
        while j < len(doc) and n < limit:
            t = doc[j]
            if j in covered and not (doc[j].ent_type_ == "PERSON"):
                break
            if t.text[:1].isupper() and t.is_alpha and t.text not in NAME_STOP and not t.is_sent_start or (
                    t.text[:1].isupper() and t.is_alpha and t.text not in NAME_STOP and j == i):
                j += 1
                n += 1
                # hyphenated given names: Kim Jong-un
                if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and doc[j + 1].is_alpha:
                    j += 2
                continue
            if j > i and t.lower_ in NAME_PARTICLES:
                # "Yasir al-Atta", "Osama bin Laden": a particle between capitalised names
                k = j + 2 if j + 2 < len(doc) and doc[j + 1].text == "-" and not t.whitespace_ else j + 1
                if k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha and k not in covered:
                    j = k
                    continue
            break
        return j

    def _org_phrases(self, doc: Doc) -> list[Span]:
        """Capitalised names with an organisation head word: "the Ministry of Defence",
        "Southern Military Command", "Russian Defence Ministry". Known names keep their id;
        others get ``org/<slug>``."""
        covered = self._covered(doc)
        ents = {i: e for e in doc.ents for i in range(e.start, e.end)}
        out = []
        for tok in doc:
            if tok.text not in ORG_HEADS or tok.i in covered:
                continue
            s = tok.i
            while s > 0 and s - 1 not in covered and _cap_word(doc[s - 1]) or (
                    s > 0 and s - 1 in ents and ents[s - 1].label_ in ("NORP", "GPE")):
                s = ents[s - 1].start if s - 1 in ents else s - 1
            e = tok.i + 1
            if e + 1 < len(doc) and doc[e].lower_ == "of":
                k = e + 1
                if doc[k].lower_ == "the":
                    k += 1
                m = k
                while m < len(doc) and (m in ents and ents[m].label_ in ("GPE", "NORP", "ORG") or _cap_word(doc[m])):
                    m = ents[m].end if m in ents else m + 1
                if m > k:
                    e = m
            if e - s < 2 or any(i in covered and ents.get(i) is not None and ents[i].label_ not in ("NORP", "GPE")
                                for i in range(s, e)):
                continue
            span = Span(doc, s, e, label="ORG")
            known = lexicon.lookup(span.text)
            span = Span(doc, s, e, label="ORG", kb_id=known[0].id if known else f"org/{slug(span.text)}")
            out.append(span)
        return filter_spans(out)

    def _official_end(self, doc: Doc, k: int) -> int | None:
        """End of the longest official noun phrase (up to three words, hyphens apart) starting at
        ``k`` ("leader", "prime minister", "commander-in-chief"), or ``None``."""
        for n in (5, 4, 3, 2, 1):
            if k + n <= len(doc) and all(t.is_alpha or t.text == "-" for t in doc[k:k + n]):
                if " ".join(t.lower_ for t in doc[k:k + n]).replace(" - ", "-") in self.official_nouns:
                    return k + n
        return None

    def _institution(self, doc: Doc, j: int) -> int | None:
        """End of an institution phrase starting at ``j`` (up to two lower-case modifiers + a head)."""
        for n in (3, 2, 1):
            if j + n <= len(doc):
                words = [t for t in doc[j:j + n]]
                if all(t.is_lower and t.is_alpha for t in words):
                    text = " ".join(t.lower_ for t in words)
                    if text in self.institution_nouns or words[-1].lower_ in INSTITUTION_HEADS:
                        return j + n
        return None

    def _unnamed_officials(self, doc: Doc) -> list[Span]:
        """"the defence secretary said", "according to a military spokesman": an unnamed
        official as a speaker (only next to a speech verb or after "according to")."""
        covered = self._covered(doc)
        out = []
        for tok in doc:
            bigram = f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i else ""
            if not (tok.lower_ in self.official_nouns or bigram in self.official_nouns) or tok.i in covered \
                    or tok.i + 1 >= len(doc):
                continue
            s = tok.i
            while s > 0 and s - 1 not in covered and doc[s - 1].is_alpha and doc[s - 1].is_lower \
                    and doc[s - 1].lower_ not in UNNAMED_DETS and tok.i - s < 3:
                s -= 1
            bloc = s > 0 and doc[s - 1].lower_ in BLOCS and doc[s - 1].text[:1].isupper() and (s - 1) not in covered
            if bloc:  # "Western officials", "European diplomats"
                s -= 1
            if s > 0 and doc[s - 1].lower_ in UNNAMED_DETS:
                s -= 1
            elif not bloc:
                continue
            nxt = doc[tok.i + 1].lower_
            after_according = s >= 2 and doc[s - 2].lower_ == "according" and doc[s - 1].lower_ == "to"
            if nxt in SPEECH_AFTER_NAME or after_according:
                out.append(Span(doc, s, tok.i + 1, label="GROUP"))
        return out

    def _titled_persons(self, doc: Doc, titles: list[tuple[int, int]]) -> list[Span]:
        """Title + capitalised names. A title outweighs a one-word place match on a name
        ("General Ivan Petrenko": Ivan is also a town), so those tokens count as free."""
        covered = {i for e in doc.ents if not (len(e) == 1 and e.label_ == "LOC")
                   for i in range(e.start, e.end)}
        out = []
        last_end = -1
        for start, end in titles:
            if start < last_end:
                continue
            e = self._name_tokens(doc, end, covered, limit=3)
            if e > end and not any(k in covered for k in range(end, e)):
                out.append(_person(doc, end, e))
                last_end = e
        return out

    def _speaker_names(self, doc: Doc) -> list[Span]:
        """``Cap Cap said`` -> PERSON (two or three capitalised words before a speech verb)."""
        covered = self._covered(doc)
        out = []
        for tok in doc:
            if tok.lower_ not in SPEECH_AFTER_NAME:
                continue
            e = tok.i
            s = e
            while s > 0 and e - s < 3:
                t = doc[s - 1]
                if t.text[:1].isupper() and t.is_alpha and t.text not in NAME_STOP and (s - 1) not in covered:
                    s -= 1
                else:
                    break
            if e - s >= 2:
                out.append(_person(doc, s, e))
        return out

    def _surnames(self, doc: Doc) -> list[Span]:
        """Later mentions of a surname already seen in a multi-word PERSON."""
        return surname_mentions(doc)

    def _country_of(self, span: Span) -> str | None:
        if span.label_ in ("GPE", "NORP") and span.kb_id_.startswith("country/"):
            return span.kb_id_
        if span.label_ in ("GPE", "NORP", "LOC"):
            return lexicon.demonym_country(span.text) or lexicon.country_by_capital(span.text)
        return None

    def _forces_and_groups(self, doc: Doc) -> list[Span]:
        ents = self._ent_at(doc)
        out: list[Span] = []
        i = 0
        while i < len(doc):
            ent = ents.get(i)
            if ent is None or ent.label_ not in ("GPE", "NORP", "ORG"):
                i += 1
                continue
            countries = [c for c in [self._country_of(ent)] if c]
            orgs = [ent.kb_id_] if ent.label_ == "ORG" and ent.kb_id_ else []
            j = ent.end
            # coordination: "Russian and North Korean", "Russia And North Korea"
            while j + 1 < len(doc) and doc[j].lower_ in ("and", ",", "&") and (j + 1) in ents \
                    and ents[j + 1].label_ in ("GPE", "NORP") and (
                        doc[j].text != "," or _list_continues(doc, ents[j + 1].end)):
                c = self._country_of(ents[j + 1])
                if c:
                    countries.append(c)
                j = ents[j + 1].end
            if j < len(doc) and doc[j].text in ("'s", "’s", "'"):
                j += 1
            k = j
            while k < len(doc) and doc[k].lower_ in FORCE_MODIFIERS and k + 1 < len(doc) \
                    and doc[k + 1].lower_ in self.force_nouns | FORCE_MODIFIERS:
                k += 1
            armed_org = ent.label_ == "ORG" and (lexicon.record(ent.kb_id_) or {}).get("kind") in ARMED_KINDS
            member = k < len(doc) and (doc[k].lower_ in self.force_nouns or armed_org and (
                " " not in doc[k].lower_ and doc[k].lower_ in self.armed_group_nouns))  # "Hamas militants"
            if member and k in ents and ents[k].label_ == "WEAPON":
                member = False  # "Israeli fighter jets": the force noun opens a weapon's name
            if member and (countries and ent.label_ != "ORG" or armed_org):
                e = k + 1
                while e < len(doc) and doc[e].lower_ in self.force_nouns and doc[e].lower_ != doc[k].lower_:
                    e += 1
                off_end = self._official_end(doc, e) if countries and not armed_org else None
                if off_end is not None and not (off_end < len(doc) and doc[off_end].ent_type_ == "PERSON"):
                    # "the Russian army chief": an official of the forces, not the forces
                    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ in UNNAMED_DETS else ent.start
                    owner = countries[-1].split("/")[-1].lower()
                    out.append(Span(doc, start, off_end, label="GROUP",
                                    kb_id=f"group/{owner}-{slug(doc[k:off_end].text)}"))
                    i = off_end
                    continue
                if armed_org:  # "Wagner fighters", "Hezbollah militants": the group's own forces
                    ids = [ent.kb_id_]
                else:
                    ids = ["forces/" + c.split("/")[-1] for c in countries]
                span = Span(doc, ent.start, e, label="FORCES", kb_id=ids[-1])
                values(doc)[(span.start_char, span.end_char)] = ids
                out.append(span)
                i = e
                continue
            inst_end = self._institution(doc, j) if countries else None
            if inst_end is not None:  # "South Korea's spy agency", "Russia's defence ministry"
                owner = countries[-1].split("/")[-1].lower()
                phrase = slug(doc[j:inst_end].text)
                out.append(Span(doc, ent.start, inst_end, label="GROUP", kb_id=f"group/{owner}-{phrase}"))
                i = inst_end
                continue
            off_end = self._official_end(doc, j) or self._official_end(doc, k)
            if off_end is not None and (countries or orgs):
                if off_end < len(doc) and doc[off_end].ent_type_ == "PERSON":
                    i = j
                    continue
                start = ent.start
                while start > 0 and doc[start - 1].lower_ in ("a", "an", "the", "senior", "top", "several",
                                                               "two", "three", "some", "western", "local"):
                    start -= 1
                owner = (countries or orgs)[-1]
                noun = slug(doc[j if self._official_end(doc, j) else k:off_end].text)
                span = Span(doc, start, off_end, label="GROUP",
                            kb_id=f"group/{owner.split('/')[-1].lower()}-{noun}")
                out.append(span)
                i = off_end
                continue
            if j < len(doc) and doc[j].lower_ in TERRITORY and countries and ent.label_ == "NORP":
                out.append(Span(doc, ent.start, j + 1, label="LOC", kb_id=countries[-1]))
                i = j + 1
                continue
            i = max(j, i + 1)
        return out


#: Words after a place name (or its possessive) that say it is the city ("Kursk city", "Kursk's
#: mayor") or the region ("Kursk area", "Kursk governor").
CITY_AFTER = {"city", "town", "mayor"}
REGION_AFTER = {"region", "oblast", "province", "governorate", "district", "krai", "area", "governor"}
#: Words before "of" + a place name: "the city of Kursk", "the governor of Kursk".
CITY_BEFORE_OF = {"city", "town", "mayor", "downtown", "outskirts"}
REGION_BEFORE_OF = {"region", "oblast", "province", "governorate", "governor", "district"}
#: Lower-case compass words before a place name: "southern Gaza" is a part of the region.
COMPASS_BEFORE = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                  "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                  "south-western"}


def place_cue(doc: Doc, start: int, end: int) -> str | None:
    """``"city"``, ``"region"`` or ``None``: what the words around a place name say it is.

    Parameters
    ----------
    doc : Doc
        The document.
    start, end : int
        Token span of the bare place name ("Kursk").

    Returns
    -------
    str or None
        ``"city"`` for "Kursk city", "the city/town of Kursk", "the mayor of
        Kursk", "Kursk's mayor"; ``"region"`` for "Kursk region/oblast/
        province/area", "the governor of Kursk", "Kursk's governor",
        "southern Kursk";
        ``None`` when nothing next to the name decides.
    """
    j = end
    if j < len(doc) and doc[j].text in ("'s", "\u2019s", "'"):
        j += 1
    if j < len(doc):
        word = doc[j].lower_
        if word in CITY_AFTER:
            return "city"
        if word in REGION_AFTER:
            return "region"
    if start >= 1 and doc[start - 1].text in COMPASS_BEFORE:
        return "region"
    if start >= 2 and doc[start - 1].lower_ == "of":
        word = doc[start - 2].lower_
        if word in CITY_BEFORE_OF:
            return "city"
        if word in REGION_BEFORE_OF:
            return "region"
    return None


def _city_named_otherwise(ent: Span, city: str) -> bool:
    """Whether the city's own name is not the bare name matched ("Gaza City" for "Gaza")."""
    return lexicon.normalise((lexicon.record(city) or {}).get("label", "")) != lexicon.normalise(ent.text)


def _shared_names(region: str, city: str) -> set[str]:
    """Normalised names a region and its city share ("kursk", "gaza")."""
    reg = lexicon.record(region) or {}
    cit = lexicon.record(city) or {}
    region_names = {lexicon.normalise(n) for n in (reg.get("label", ""), reg.get("short") or "",
                                                  *(reg.get("aliases") or ()))}
    city_names = {lexicon.normalise(n) for n in (cit.get("label", ""), *(cit.get("aliases") or ()))}
    return (region_names & city_names) - {""}


_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _pattern_doc(nlp: Language, text: str) -> Doc:
    """A pattern as a Doc. Plain words separated by single spaces tokenise to themselves, so
    they skip the tokenizer (building 50k patterns goes from seconds to a fraction)."""
    if _PLAIN.fullmatch(text):
        words = text.split(" ")
        if not any(w in nlp.tokenizer.rules for w in words):  # "Im" is a special case: "I" "m"
            return Doc(nlp.vocab, words=words)
    return nlp.make_doc(text)


def _list_continues(doc: Doc, i: int) -> bool:
    """After "Russia, Iran": a comma joins a list only when "and"/"," follows ("Russia, Iran and Syria")."""
    return i < len(doc) and doc[i].lower_ in ("and", ",")


def _surnames(doc: Doc) -> dict[str, str]:
    """Surname -> id of the document's multi-word PERSON spans; the surname of a name with a
    hyphenated East Asian given name comes first ("Kao" of "Kao Wen-pin")."""
    people: dict[str, str] = {}
    for e in doc.ents:
        if e.label_ != "PERSON" or len(e) < 2:
            continue
        surname = e[0] if len(e) == 4 and e[2].text == "-" and e[3].is_lower else e[-1]
        if surname.is_alpha and surname.is_title and len(surname) > 2 and surname.text not in NAME_STOP \
                and surname.lower_ not in title_words():  # "Inspector General": no surname
            people.setdefault(surname.text, e.kb_id_)
    return people


def _relabel_surnames(doc: Doc, people: dict[str, str]) -> None:
    """A one-word entity without an id, or with a town's, that is the surname of a person named in
    full elsewhere in the document (``people``: :func:`_surnames`) is that person ("as Lai names new
    defence minister", "Lai" read as the Chadian town, with "Lai Ching-te" further down)."""
    ents = list(doc.ents)
    changed = False
    for k, e in enumerate(ents):
        if len(e) == 1 and e.label_ in ("LOC", "GPE", "ORG", "NORP") and e.text in people \
                and (not e.kb_id_ or e.kb_id_.startswith(("city/", "place/"))):
            ents[k] = Span(doc, e.start, e.end, label="PERSON", kb_id=people[e.text])
            changed = True
    if changed:
        doc.ents = ents


def surname_mentions(doc: Doc, people: dict[str, str] | None = None) -> list[Span]:
    """Later mentions of a surname already seen in a multi-word PERSON ("Bastien replaces …"); the
    surname of a name with a hyphenated East Asian given name comes first ("Kao" of "Kao Wen-pin").
    ``people``: the document's :func:`_surnames`, when the caller has them."""
    people = _surnames(doc) if people is None else people
    if not people:
        return []
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    return [Span(doc, tok.i, tok.i + 1, label="PERSON", kb_id=people[tok.text])
            for tok in doc if tok.text in people and tok.i not in covered
            and not (tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_)]  # "anti-Bush"


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-cased words of the person titles (``kg/data/titles.jsonl``): "defence", "minister", …"""
    return frozenset(w.lower() for r in lexicon.records("titles") for w in r["title"].split())


@Language.factory("kg_names", default_config={})
def make_names(nlp: Language, name: str) -> "GivenNames":
    return GivenNames()


class GivenNames:
    """After the statistical NER: its PERSON spans mended (:func:`_mend_persons`); a known given name
    and capitalised words is a PERSON where the NER found nothing or an organisation without an id
    ("Jacques-Édouard Bastien", "Marc-Antoine Dorval"), and so is a surname before a hyphenated East
    Asian given name ("Lin Yu-ting"); then the surnames of the document's full names, over a
    one-word place or organisation of that name (:func:`_relabel_surnames`) and where nothing
    covers them."""

    def __call__(self, doc: Doc) -> Doc:
        _mend_persons(doc)
        found = []
        for start, end in sorted(_given_name_runs(doc) + _hyphenated_given_runs(doc)):
            if found and start < found[-1].end:
                continue
            overlap = [e for e in doc.ents if e.start < end and e.end > start]
            if all(e.label_ != "PERSON" and not e.kb_id_ and _yields_to_name(e, start, end) for e in overlap):
                found.append(_person(doc, start, end))
        if found:
            taken = {i for f in found for i in range(f.start, f.end)}
            kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
            doc.ents = sorted(kept + found, key=lambda e: e.start)
        people = _surnames(doc)  # relabelling adds one-word persons only: the surnames stay the same
        if people:
            _relabel_surnames(doc, people)
            add_spans(doc, surname_mentions(doc, people), replace=False)
        return doc


def _mend_persons(doc: Doc) -> None:
    """The statistical NER's PERSON spans, mended: one made of title words only is no person ("the
    Secretary has approved", "Secretary of Defense Lloyd Austin"); one ending in a force's or an
    institution's head word is an organisation, with the country right before it ("The Guyana
    Defence Force"); one followed by a middle initial and a capitalised word takes them in ("Daniel
    R. Hollis", "Lloyd J. Austin III"), over an entity without an id there ("Mark T. Ebersole" read
    as "Mark" + LOC), and so does one followed by a generational suffix. An unknown acronym alone
    ("PCG") is an organisation."""
    titles = title_words()
    kept, changed = [], False
    ents = list(doc.ents)
    skip_until = -1
    for k, e in enumerate(ents):
        if e.start < skip_until:
            changed = True
            continue
        if e.label_ == "PERSON" and not e.kb_id_ and all(not t.is_alpha or t.lower_ in titles for t in e) \
                and e[-1].text not in FORCE_HEADS:
            changed = True
            continue
        if e.label_ == "PERSON" and len(e) == 1 and not e.kb_id_ and re.fullmatch(r"[A-Z]{2,6}", e.text) \
                and not lexicon.lookup(e.text):
            kept.append(Span(doc, e.start, e.end, label="ORG"))  # "PCG sends more ships": an acronym
            changed = True
            continue
        if e.label_ == "PERSON" and e[-1].text in FORCE_HEADS and not lexicon.lookup(e.text):
            # "The Guyana Defence Force": an institution, with the country named right before it
            start = kept[-1].start if kept and kept[-1].end == e.start and kept[-1].label_ in ("GPE", "NORP") \
                else e.start
            if start < e.start:
                kept.pop()
            kept.append(Span(doc, start, e.end, label="ORG"))
            changed = True
            continue
        if e.label_ == "PERSON" and e.end + 1 < len(doc) and re.fullmatch(r"[A-Z]\.", doc[e.end].text) \
                and _cap_word(doc[e.end + 1]) and doc[e.end + 1].text[1:].islower():
            end = e.end + 2
            if end < len(doc) and doc[end].text in GENERATIONS:
                end += 1
            blocking = [x for x in ents[k + 1:] if x.start < end and (x.kb_id_ or x.label_ == "PERSON")]
            if not blocking:
                kept.append(_person(doc, e.start, end))
                skip_until, changed = end, True
                continue
        if e.label_ == "PERSON" and _surname_left_out(doc, e) and not any(x.start == e.end for x in ents[k + 1:]):
            kept.append(_person(doc, e.start, e.end + 1))  # "… Mahamane Garba ordered"
            changed = True
            continue
        if e.label_ == "PERSON" and e.end < len(doc) and doc[e.end].text in GENERATIONS \
                and not any(x.start == e.end for x in ents[k + 1:]):
            kept.append(Span(doc, e.start, e.end + 1, label="PERSON", kb_id=e.kb_id_))  # "Lloyd J. Austin III"
            changed = True
            continue
        kept.append(e)
    if changed:
        doc.ents = kept


def _surname_left_out(doc: Doc, e: Span) -> bool:
    """Whether the NER's PERSON ``e`` (two words or more) stops one word short of the name: one
    more capitalised proper noun follows it, then a lower-case word or punctuation ("General Issoufou
    Mahamane | Garba ordered"), and that word is no trigger, verb or head of a force, institution or
    place (a title-case headline, "Zelensky Says Troops …", has capitals after it; "The Briggs
    Declaration states" starts from one word)."""
    j = e.end
    if len(e) < 2 or lexicon.record(e.kb_id_) or j + 1 >= len(doc) or not doc[j - 1].whitespace_ or not _cap_word(doc[j]) or doc[j].is_sent_start:
        return False
    tok, nxt = doc[j], doc[j + 1]
    if doc.has_annotation("TAG") and tok.tag_ != "NNP":
        return False
    if tok.text in FORCE_HEADS or tok.text in PLACE_HEADS or tok.lower_ in _trigger_words():
        return False
    return nxt.is_punct or nxt.is_alpha and nxt.is_lower


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """One-word forms of the event trigger lexicon (triggers.jsonl), lower case."""
    return frozenset(f.lower() for r in lexicon.records("triggers") if "forms" in r for f in r["forms"] if " " not in f)


#: capitalised words that end an armed force's or an institution's name, never a person's
FORCE_HEADS = frozenset(ORG_HEADS | {"Force", "Army", "Front"})
#: generational suffixes after a surname ("Lloyd J. Austin III")
GENERATIONS = frozenset({"Jr.", "Sr.", "II", "III", "IV"})


def _yields_to_name(e: Span, start: int, end: int) -> bool:
    """Whether the statistical entity ``e`` may give way to the name at ``start:end``: it lies inside
    the name ("Jacques-Édouard Bastien" as ORG), or it runs over a lower-case word outside it ("Bastien
    replaces Marc-Antoine Dorval" as LOC), which no name does."""
    outside = [t for t in e if not start <= t.i < end]
    return not outside or any(t.is_alpha and t.is_lower and t.lower_ not in NAME_JOINERS for t in outside)


#: lower-case words inside proper names ("Bank of England", "Charles de Gaulle")
NAME_JOINERS = NAME_PARTICLES | {"of", "the", "and", "for"}


def _given_name_runs(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each given name (given_names()) followed by one or two capitalised words,
    hyphenated parts and name particles included ("Jean-Robert Célestin", "Abdul Aziz bin Muqrin",
    "Joan Johnson-Freese"); none touching a non-space character such as "@"."""
    given = given_names()
    out = []
    i = 0
    while i < len(doc):
        if doc[i].text not in given:
            i += 1
            continue
        j = _hyphen_end(doc, i + 1)
        e, words = j, 0
        while e < len(doc) and words < 2 and doc[e - 1].whitespace_:
            if doc[e].lower_ in NAME_PARTICLES and e + 1 < len(doc) and _cap_word(doc[e + 1]):
                e += 1  # "bin Muqrin", "al Sharif"
            if not _cap_word(doc[e]) or doc[e].text in ORG_HEADS or doc[e].text in PLACE_HEADS:
                break
            e = _hyphen_end(doc, e + 1)
            words += 1
        if words and (e >= len(doc) or doc[e - 1].whitespace_ or doc[e].is_punct and doc[e].text in ",.;:)'’\""):
            out.append((i, e))
            i = e
        else:
            i += 1
    return out


#: word parts before a hyphen that make a compound word ("Anti-war"), not a given name
HYPHEN_PREFIXES = lexicon.word_lists("arg_words")["hyphen_prefixes"]


def _hyphenated_given_runs(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each East Asian name written surname first with a hyphenated given name of
    two short syllables ("Lin Yu-ting", "Kao Wen-pin", "Moon Jae-in"): a capitalised word of two to
    six letters, then one of two to six letters glued by a hyphen to a lower-case one of one to five."""
    out = []
    for i in range(len(doc) - 3):
        sur, first, dash, second = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if dash.text != "-" or first.whitespace_ or dash.whitespace_ or not sur.whitespace_:
            continue
        if not (_cap_word(sur) and sur.text[1:].islower() and 2 <= len(sur) <= 6):
            continue
        if not (first.is_alpha and first.text[:1].isupper() and first.text[1:].islower() and 2 <= len(first) <= 6):
            continue
        if not (second.is_alpha and second.is_lower and 1 <= len(second) <= 5) or first.lower_ in HYPHEN_PREFIXES:
            continue
        if i + 4 < len(doc) and not doc[i + 3].whitespace_ and doc[i + 4].is_alpha:
            continue  # "Lin Yu-tingx…": not a word boundary
        out.append((i, i + 4))
    return out


def _hyphen_end(doc: Doc, k: int) -> int:
    """``k`` past any "-Word" parts glued to the token before it ("Jean-Robert", "Johnson-Freese")."""
    while k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_ \
            and doc[k + 1].text[:1].isupper():
        k += 2
    return k


#: capitalised words that end a place or an institution's name, not a person's ("Neil Islands")
PLACE_HEADS = frozenset({"Island", "Islands", "Bay", "Valley", "Street", "Road", "Avenue", "Airport", "River", "Lake",
                         "Sea", "Mountain", "Mountains", "Hills", "Province", "Region", "City", "County", "District",
                         "Square", "Bridge", "Base", "Camp", "Port", "Park", "Hospital", "University", "School",
                         "College", "Institute", "Center", "Centre", "Foundation", "Company", "Group", "Bank", "Party",
                         "Front", "Army", "Force", "Stadium", "Station", "Dam", "Gate", "Palace", "Tower", "Mosque",
                         "Church", "Cathedral"})


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names (four letters or more) shared by two or more people in people.jsonl that are
    not the name of a country, region, city or place ("Jacques", "Marc"; not "Austin", "Aden")."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for r in lexicon.records("people"):
        toks = r["label"].split()
        if len(toks) >= 2:
            counts[toks[0].split("-")[0]] += 1
    places = {EntityKind.STATE, EntityKind.REGION, EntityKind.CITY, EntityKind.PLACE}
    return frozenset(w for w, n in counts.items()
                     if n >= 2 and len(w) >= 4 and w.isalpha() and w[0].isupper() and w[1:].islower()
                     and not any(e.kind in places for e in lexicon.lookup(w)))


def _person(doc: Doc, start: int, end: int) -> Span:
    """A PERSON span found by a rule: its id is minted from the name (the linker clusters variants)."""
    return Span(doc, start, end, label="PERSON", kb_id=f"person/{slug(doc[start:end].text)}")


def _cap_word(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.text not in NAME_STOP
