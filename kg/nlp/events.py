"""``kg_events``: typed event mentions with their arguments.

Triggers come from ``kg/data/triggers.jsonl`` (verbs, nouns and phrases per
event type, with what else the sentence must contain for a trigger to fire).
Arguments are read from the entities the earlier components found, with
word-order rules that need no parser: the actor left of a verb (skipping
parentheticals) is its subject, ``by X`` is a passive or nominal agent, a
demonym right before a nominal trigger is its agent ("Russian drone attacks"),
prepositions introduce places (``in``, ``to``, ``into``) and targets (``on``,
``against``), reported content is the ``that``-clause, the quote or the clause
that the speaker frames ("..., Zelenskiy warned.", "According to X, ...").

One event per type and sentence: the trigger whose arguments are most complete
wins. ``Doc._.kg_events`` receives a list of :class:`kg.model.Event`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.model import Argument, Event, EventType, Mention, Modality, Sentence, slug
from kg.nlp import syntax
from kg.nlp.gazetteer import force_nouns
from kg.nlp.modality import attribute, modality_of
from kg.nlp.spans import get_value, register_extensions, values

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FORCES", "GROUP"}
PLACE_LABELS = {"GPE", "LOC"}
PLACE_PREPS = {"in", "into", "to", "inside", "within", "near", "at", "across", "towards", "toward", "around",
               "outside", "on", "along"}
TARGET_PREPS = {"on", "against", "at"}
#: nouns a nominal trigger can modify: "bombing raids on X", "a shelling campaign against X"
STRIKE_HEAD_NOUNS = {"campaign", "campaigns", "raid", "raids", "mission", "missions", "run", "runs", "sortie",
                     "sorties", "operation", "operations"}
OF_TARGET_TRIGGERS = {"bombardment", "bombardments", "shelling", "bombing", "bombings"}
PASSIVE_AUX = {"be", "been", "being", "is", "are", "was", "were", "get", "got"}
PARTICIPLE_CUT = re.compile(r",\s+\w+ing\b")
CLAUSE_CUT = re.compile(r",[”\"’]?\s+(?:where|which|who|while|although|but|whereas|a key|an|the)\b|;")
ADVERBS = {"twice", "again", "back", "hard", "once", "repeatedly", "first", "late", "early", "home", "away",
           "overnight", "today", "yesterday", "later", "earlier", "also", "too", "still", "there", "here"}
RECIPIENTS = {"reporters", "journalists", "lawmakers", "parliament", "legislators", "the press", "the media",
              "state media", "state television", "state tv", "a news conference", "a press conference",
              "a briefing", "me", "us", "him", "her", "them", "the audience", "the council", "the assembly",
              "parliamentarians", "the nation", "the public", "supporters", "troops", "soldiers"}
TELL_VERBS = {"told", "tell", "tells", "telling", "informed", "assured", "briefed"}
REPORTING_PARTICIPLES = {"saying", "stating", "adding", "noting", "telling", "declaring", "insisting"}
NP_STOP = {"in", "into", "at", "on", "near", "with", "for", "from", "to", "by", "during", "after", "since",
           "before", "as", "and", "or", "but", "who", "which", "that", "while", "where", "when", "sparking",
           "causing", "killing", "injuring", "wounding", "leaving", "prompting", "forcing", "amid", "despite",
           "following", "across", "over", "under", "within", "including", "involving", "aimed", "using", "via",
           "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should", "might", "may",
           "can", "its", "killed", "wounded", "injured", "damaged", "left", "caused", "sparked", "says", "said",
           "according", "early", "late", "again", "overnight", "today", "yesterday"}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
GENERIC_PLACES = {"the region", "the area", "the province", "the oblast", "the city"}
PREPOSITIONS = {"of", "in", "against", "with", "for", "from", "on", "to", "by", "about", "over", "into", "at",
                "between", "among", "toward", "towards", "near", "across", "under", "through", "without"}
INSTITUTION_NOUNS = {"ministry", "government", "authorities", "army", "military", "police", "forces", "command",
                     "officials", "office", "agency", "spokesman", "spokeswoman", "spokesperson", "embassy",
                     "administration", "leadership", "cabinet", "parliament", "president", "presidency"}
PARTITIVES = {"number", "numbers", "thousands", "hundreds", "dozens", "scores", "some", "many", "most", "all",
              "part", "portion", "group", "contingent", "batch", "wave", "unit", "battalion", "brigade", "few",
              "several", "none", "majority", "rest", "tens", "units", "elements", "members", "detachments",
              "battalions", "brigades", "remnants"}
#: nouns a force word can modify in a deployment ("military advisers", "naval personnel")
PERSONNEL_NOUNS = {"advisers", "advisors", "adviser", "advisor", "instructors", "trainers", "personnel", "experts",
                   "engineers", "specialists", "contractors", "officers", "units", "reinforcements", "police",
                   "observers", "medics", "staff"}
#: nouns that frame a place named after "of"/"with" ("the border with Finland", "the outskirts of Kyiv")
PLACE_FRAME_NOUNS = {"border", "borders", "frontier", "outskirts", "suburbs", "city", "town", "village", "region",
                     "province", "coast", "vicinity", "area", "centre", "center", "port", "capital"}
#: speech verbs that may precede their subject after a quote or comma ("…,” said Zelensky)
INVERTING_VERBS = {"said", "says", "added", "adds", "wrote", "writes", "warned", "warns", "noted", "notes",
                   "stressed", "insisted", "declared", "told", "tweeted", "stated", "asserted", "continued"}
#: words that end a role phrase: a subordinate clause or adjunct follows
ROLE_CUT = {"after", "before", "following", "when", "while", "amid", "despite", "until", "since", "because", "replacing",
            "succeeding", "who", "which"}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
BARE_FORCE_MODIFIERS = {"of", "more", "additional", "extra", "fresh", "elite", "special", "new", "foreign",
                        "reserve", "regular", "combat", "ground"}
SUBJECT_GAP = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could",
               "should", "may", "might", "must", "can", "also", "then", "later", "again", "now", "already",
               "previously", "earlier", "still", "just", "further", "first", "today", "yesterday", "not", "never",
               "who", "which", "expected", "to", "likely", "set", "due", "believed", "thought", "reported", "said",
               "soon", "once", "all", "both"}
CLAUSE_STARTERS = {"has", "have", "had", "is", "are", "was", "were", "and", "but", "while", "which", "who",
                   "whereas", "although", "as", "after", "before", "when"}
DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "these", "those", "that"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


@dataclass
class Trigger:
    type: EventType
    pos: str
    requires: str | None
    span: Span

    @property
    def is_nominal(self) -> bool:
        return self.pos in ("noun", "phrase")


@lru_cache(maxsize=1)
def trigger_rows() -> tuple[dict, ...]:
    return tuple(lexicon.records("triggers"))


@lru_cache(maxsize=1)
def trap_rows() -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str] | None], ...]:
    """(context words, event types dropped, trigger words or None) from ``kg/data/traps.jsonl``."""
    return tuple((frozenset(w.lower() for w in r["words"]), frozenset(r["types"]),
                  frozenset(r["trigger_words"]) if r.get("trigger_words") else None)
                 for r in lexicon.records("traps"))


def is_trap(sentence_text: str, etype: EventType, trigger_text: str) -> bool:
    """Sports, labour or finance context: "Liverpool's attack struck twice", "teachers strike over pay"."""
    low = " " + re.sub(r"[^a-z0-9\- ]+", " ", sentence_text.lower()) + " "
    for words, types, trig in trap_rows():
        if etype.value not in types or (trig is not None and trigger_text.lower() not in trig):
            continue
        if any(f" {w} " in low for w in words):
            return True
    return False


@Language.factory("kg_events", default_config={"max_sentence_tokens": 150})
def make_events(nlp: Language, name: str, max_sentence_tokens: int) -> "EventExtractor":
    return EventExtractor(nlp, max_sentence_tokens=max_sentence_tokens)


class EventExtractor:
    """Find event mentions; results in ``Doc._.kg_events``.

    Parameters
    ----------
    nlp : Language
        The pipeline.
    max_sentence_tokens : int
        Longer "sentences" (tables, run-on lists) are skipped.
    """

    def __init__(self, nlp: Language, max_sentence_tokens: int = 150) -> None:
        register_extensions()
        self.max_sentence_tokens = max_sentence_tokens
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.meta: dict[str, tuple[EventType, str, str | None]] = {}
        for n, row in enumerate(trigger_rows()):
            key = f"T{n}"
            self.meta[key] = (EventType(row["type"]), row["pos"], row.get("requires"))
            self.matcher.add(key, list(nlp.tokenizer.pipe(row["forms"])))

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = extract(doc, self)
        return doc

    def triggers(self, doc: Doc) -> list[Trigger]:
        out = []
        covered = {}
        for e in doc.ents:
            for i in range(e.start, e.end):
                covered[i] = e.label_
        seen = set()
        for key, start, end in self.matcher(doc):
            if any(covered.get(i) not in (None, "WEAPON") for i in range(start, end)):
                continue
            etype, pos, requires = self.meta[doc.vocab.strings[key]]
            if all(covered.get(i) == "WEAPON" for i in range(start, end)):
                continue  # "barrel bomb", "attack drones", "car bombs were found": a weapon's name
            if pos == "noun" and _modifies_force_or_weapon(doc, end, covered):
                continue  # "attack squadrons", "assault brigade": a kind of unit, not an attack
            if (etype, pos, start, end) not in seen:  # a form listed twice for one reading
                seen.add((etype, pos, start, end))
                out.append(Trigger(etype, pos, requires, doc[start:end]))
        # a word with a verb and a noun reading ("strikes") keeps both: each reader decides,
        # unless a tagger has named the word a common noun or a verb
        if doc.has_annotation("TAG"):
            out = [t for t in out if _reading_fits_tag(t)]
        out.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start)))
        return out


def _modifies_force_or_weapon(doc: Doc, end: int, covered: dict[int, str]) -> bool:
    """Whether the noun ending at ``end`` modifies a force noun or a weapon right after it
    ("attack squadrons", "fighter/attack squadrons", "strike group" is left to the readers)."""
    k = end
    if k < len(doc) and doc[k].text in ("/", "-") and not doc[k - 1].whitespace_:
        k += 1
    if k >= len(doc):
        return False
    return covered.get(k) in ("WEAPON", "FORCES") or doc[k].lower_ in force_nouns()


def _reading_fits_tag(t: Trigger) -> bool:
    """A one-word trigger's reading against its part-of-speech tag: "a U.S. strike/NN hit …" is
    the noun, "Russia strikes/VBZ Kyiv" the verb, "the Syrian state/NN" no speech verb. Proper-noun
    tags (headlines in title case) and multi-word triggers decide nothing."""
    if len(t.span) != 1 or t.pos not in ("verb", "noun"):
        return True
    tok = t.span[0]
    tag = tok.tag_
    if tag in ("NN", "NNS"):
        if t.pos == "noun":
            return True
        # a verb-only trigger needs more than the tag to be read as a noun: a determiner of its own
        # with no named actor between ("the Syrian state", not "the Security Council urge")
        doc = tok.doc
        return not any(c.dep_ in ("det", "nmod:poss", "amod", "nummod") and c.i < tok.i
                       and not any(w.ent_type_ in ("ORG", "PERSON", "GPE", "FORCES") for w in doc[c.i + 1:tok.i])
                       for c in tok.children)
    if tag.startswith("VB") and tag != "VBG":  # "shelling" is a noun as often as a verb
        return t.pos == "verb"
    return True


# -- helpers over a sentence ------------------------------------------------------------------

class Context:
    """The sentence being read, its entities, and document memory for anaphora."""

    def __init__(self, doc: Doc, sent: Span, memory: dict, ents: list[Span] | None = None,
                 text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.sent = sent
        all_ents = doc.ents if ents is None else ents
        self.ents = [e for e in all_ents if e.start >= sent.start and e.end <= sent.end]
        self._at = {i: e for e in self.ents for i in range(e.start, e.end)}
        self.memory = memory
        self.parsed = syntax.is_parsed(doc)
        # the agency in a dateline ("KYIV, Nov 17 (Reuters) -") reports the story; it is no actor in it
        opening = _content_start(self).idx
        self._actors = [e for e in self.ents if e.start_char >= opening
                        and (e.label_ in ACTOR_LABELS or (e.label_ == "LOC" and self.is_capital(e)))]

    def ent_at(self, i: int) -> Span | None:
        return self._at.get(i)

    def actors(self) -> list[Span]:
        return self._actors

    @staticmethod
    def is_capital(e: Span) -> bool:
        return lexicon.country_by_capital(e.text) is not None

    def left_actor(self, t: Span, labels: set[str] | None = None, exclude: set[str] | None = None,
                   skip_parenthetical: bool = True) -> Span | None:
        """Nearest actor left of ``t`` in the sentence, jumping over ", ... ," asides."""
        doc = self.doc
        limit = t.start
        if skip_parenthetical:
            j = t.start - 1
            while j >= self.sent.start and doc[j].is_space:
                j -= 1
            if j >= self.sent.start and doc[j].text == ",":
                # ", with the support of X, attacked" -> look before the opening comma
                k = j - 1
                while k >= self.sent.start and doc[k].text != ",":
                    k -= 1
                if k >= self.sent.start and k > self.sent.start + 1:
                    inner = [e for e in self.actors() if k < e.start and e.end <= j]
                    before = [e for e in self.actors() if e.end <= k]
                    if inner and before and doc[k + 1].lower_ in ("with", "along", "alongside", "backed",
                                                                  "supported", "including", "together", "aided"):
                        limit = k
        best = None
        for e in self.actors():
            if e.end <= limit and (labels is None or e.label_ in labels) and (exclude is None or e.label_ not in exclude):
                if best is None or e.end > best.end:
                    best = e
        return best

    def subject(self, t: Span, labels: set[str] | None = None, exclude: set[str] | None = None) -> Span | None:
        """The actor that is the subject of the verb ``t``: left of it, separated only by
        auxiliaries, adverbs, dates, a weapon it wields, a relative pronoun or a ", ... ," aside."""
        doc = self.doc
        if self.parsed:
            near = self.adjacent_actor(t)
            if near is not None:
                ok = (labels is None or near.label_ in labels) and (exclude is None or near.label_ not in exclude)
                return near if ok else None
            found, ent = self.dep_subject(t)
            if found:
                if ent is None:
                    return None
                ok = (labels is None or ent.label_ in labels) and (exclude is None or ent.label_ not in exclude)
                return ent if ok else None
        j = t.start - 1
        if t[0].lower_.endswith("ing") and j > self.sent.start and doc[j].text == ",":
            # ", appointing Oleksandr Syrskyi": a participle shares the main clause's subject
            return self.main_subject(t.start, labels, exclude)
        while j >= self.sent.start:
            tok = doc[j]
            e = self.ent_at(j)
            if tok.is_space or tok.text in ("”", '"', "’"):
                j -= 1
                continue
            if e is not None and e.label_ in ("DATE", "WEAPON"):
                j = e.start - 1
                continue
            if e is not None and (e.label_ in ACTOR_LABELS or e.label_ == "LOC" and self.is_capital(e)):
                before = doc[e.start - 1].lower_ if e.start > self.sent.start else ""
                if before == "of" and _partitive(doc, e.start - 1):
                    before = ""  # "a number of North Korean troops have been ...": the troops are the subject
                if before == "by" and e.start - 2 > self.sent.start and doc[e.start - 2].lower_.endswith("ed"):
                    # "M23 rebels backed by Rwanda attacked ...": skip the participle phrase
                    j = e.start - 3
                    if doc[j].text == ",":
                        j -= 1
                    continue
                if before in PREPOSITIONS:
                    return None  # "the involvement of ... against Ukraine threatens": not the subject
                ok = (labels is None or e.label_ in labels) and (exclude is None or e.label_ not in exclude)
                return e if ok else None
            if tok.lower_ in SUBJECT_GAP or (tok.is_alpha and tok.lower_.endswith("ly") and len(tok) > 4):
                j -= 1
                continue
            if tok.lower_ in ("it", "they", "he", "she") and j > self.sent.start:
                # "The Israeli military said it struck ...": the pronoun takes the nearest earlier actor
                want = {"PERSON"} if tok.lower_ in ("he", "she") else None
                ante = self.left_actor(doc[j:j + 1], labels=want, skip_parenthetical=False)
                if ante is None:
                    return None
                ok = (labels is None or ante.label_ in labels) and (exclude is None or ante.label_ not in exclude)
                return ante if ok else None
            if tok.text == ",":
                k = j - 1
                while k > self.sent.start and doc[k].text != ",":
                    k -= 1
                if k > self.sent.start and doc[k].text == ",":
                    j = k - 1
                    continue
            return None
        return None

    def actor_for(self, tok: Token) -> Span | None:
        """The actor entity a token stands for: the entity holding it, or for a weapon or a
        common noun, an actor among its modifiers ("A Ukrainian drone", "Russia's army")."""
        e = self.ent_at(tok.i)
        if e is not None and e in self._actors:
            return e
        if tok.lower_ in PARTITIVES:  # "a noticeable number of North Korean troops"
            for c in tok.children:
                if c.dep_ in ("nmod", "obl") and syntax.case_of(c) == "of":
                    return self.actor_for(c)
        if tok.lower_ in lexicon.nouns("official"):  # "a spokesperson for the Sudanese Armed Forces"
            for c in tok.children:
                if c.dep_ in ("nmod", "obl") and syntax.case_of(c) in ("for", "of", "from", "at"):
                    found = self.actor_for(c)
                    if found is not None:
                        return found
        head_is_weapon = e is not None and e.label_ == "WEAPON"
        if head_is_weapon or tok.lower_ in INSTITUTION_NOUNS or tok.lower_ in force_nouns():
            # "A Ukrainian drone", "the Russian ministry", "JNIM militants"
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod:poss", "poss") and c.i < tok.i:
                    m = self.ent_at(c.i)
                    if m is not None and m in self._actors:
                        return m
        return None

    def adjacent_actor(self, t: Span) -> Span | None:
        """An actor right before the verb, with only auxiliaries or adverbs between
        ("..., the Palestinian health ministry said"): word order outranks a doubtful parse."""
        j = t.start - 1
        while j >= self.sent.start and (self.doc[j].lower_ in SUBJECT_GAP - {"who", "which", "to", "expected"}
                                         or self.doc[j].is_space):
            j -= 1
        e = self.ent_at(j) if j >= self.sent.start else None
        if e is None or e not in self._actors:
            return None
        before = self.doc[e.start - 1].lower_ if e.start > self.sent.start else ""
        return None if before in PREPOSITIONS else e

    def dep_subject(self, t: Span) -> tuple[bool, Span | None]:
        """(whether the parse names a subject, the actor it is) for the verb ``t``.

        Pronoun subjects count as not found, so the caller's antecedent rules apply."""
        root = t.root
        if root.pos_ not in ("VERB", "AUX") and not root.tag_.startswith("VB"):
            return False, None
        found = [t for t in syntax.subjects(root) if self.sent.start <= t.i < self.sent.end]
        if not found or any(t.lower_ in ("it", "they", "he", "she", "who", "which", "that") for t in found):
            return False, None
        for subj in found:
            actor = self.actor_for(subj)
            if actor is not None:
                return True, actor
        return True, None

    def main_subject(self, before: int, labels: set[str] | None = None,
                     exclude: set[str] | None = None) -> Span | None:
        """The first actor of the sentence (with an allowed label) that is not a prepositional object."""
        for e in self._actors:
            if e.start >= before:
                return None
            if (labels is not None and e.label_ not in labels) or (exclude is not None and e.label_ in exclude):
                continue
            prev = self.doc[e.start - 1].lower_ if e.start > self.sent.start else ""
            if prev not in PREPOSITIONS:
                return e
        return None

    def same_clause(self, i: int, j: int) -> bool:
        """No clause boundary (";" or ", has/and/which ...") between tokens ``i`` and ``j``."""
        a, b = sorted((i, j))
        for k in range(a, b):
            tok = self.doc[k]
            if tok.text == ";" or tok.text == "," and k + 1 < len(self.doc) and self.doc[k + 1].lower_ in CLAUSE_STARTERS:
                return False
        return True

    def right_actor(self, i: int, labels: set[str] | None = None, max_gap: int = 3) -> Span | None:
        """Actor starting within ``max_gap`` tokens after index ``i``."""
        for e in self.actors():
            if i <= e.start <= i + max_gap and (labels is None or e.label_ in labels):
                return e
        return None

    def after_prep(self, i: int, preps: set[str], labels: set[str], end: int | None = None) -> Span | None:
        """First entity with one of ``labels`` introduced by a preposition at/after token ``i``."""
        doc = self.doc
        end = self.sent.end if end is None else end
        k = i
        while k < end:
            if doc[k].lower_ in preps:
                j = k + 1
                while j < end and (doc[j].lower_ in DETERMINERS or doc[j].lower_ in ("central", "eastern", "western",
                                                                                       "northern", "southern",
                                                                                       "north-eastern", "occupied",
                                                                                       "russian", "ukrainian")):
                    j += 1
                if j + 1 < end and doc[j].lower_ in PLACE_FRAME_NOUNS and doc[j + 1].lower_ in ("of", "with") \
                        and self.ent_at(j) is None:
                    j += 2  # "near the border with Finland", "on the outskirts of Kharkiv"
                    while j < end and doc[j].lower_ in DETERMINERS:
                        j += 1
                e = self.ent_at(j)
                if e is not None and e.label_ in labels and not _is_modifier(doc, e):
                    # "Russia's Kursk region": prefer the more specific place after the possessive
                    if e.end < end and doc[e.end].text in ("'s", "’s"):
                        nxt = self.ent_at(e.end + 1)
                        if nxt is not None and nxt.label_ in labels:
                            return nxt
                    return e
                generic = self.generic_place(k + 1)
                if generic is not None:
                    return generic
            k += 1
        return None

    def generic_place(self, j: int) -> Span | None:
        """"the region" -> a span standing for the last region named in the document."""
        doc = self.doc
        if j + 1 < len(doc) and f"{doc[j].lower_} {doc[j + 1].lower_}" in GENERIC_PLACES:
            last = self.memory.get("last_region")
            if last is not None:
                span = doc[j:j + 2]
                self.memory.setdefault("anaphora", {})[(span.start_char, span.end_char)] = last
                return span
        return None

    def noun_phrase(self, i: int, max_len: int = 8) -> Span | None:
        """A noun phrase starting at token ``i`` (up to a preposition, clause word or punctuation)."""
        doc = self.doc
        j = i
        while j < self.sent.end and j - i < max_len:
            t = doc[j]
            if t.is_punct and t.text not in ("'s", "’s", "-") or t.is_space:
                break
            if t.lower_ in NP_STOP or t.ent_type_ == "DATE":
                break
            if j > i and t.is_lower and t.lower_.endswith("ed") and doc[j - 1].lower_ not in DETERMINERS \
                    and not doc[j - 1].is_punct:
                break  # "Ukrainian positions suffered ...": a past-tense verb ends the phrase
            if t.text in ("'s", "’s") and j == i:
                break
            j += 1
        if j == i:
            return None
        span = doc[i:j]
        if all(t.lower_ in DETERMINERS or t.lower_ in ADVERBS for t in span):
            return None
        return span


FRONTED_PLACE_PREPS = {"in", "near", "at", "outside", "around", "inside"}


def _fronted_place(ctx: Context, before: int) -> Span | None:
    """"In Kharkiv, Russian forces struck …", "Near Palmyra, one strike destroyed …": the place of a
    prepositional phrase that opens the sentence and is closed by a comma before token ``before``."""
    doc = ctx.doc
    first = _first_token(ctx)
    if first.lower_ not in FRONTED_PLACE_PREPS:
        return None
    j = first.i + 1
    # "In Kharkiv,", "In the southern city of Mykolaiv,": determiners and a lower-case "city of" phrase
    while j < before and j <= first.i + 6 and ctx.ent_at(j) is None and (
            doc[j].lower_ in DETERMINERS or doc[j].is_lower and doc[j].is_alpha):
        j += 1
    e = ctx.ent_at(j)
    if e is None or e.label_ not in PLACE_LABELS or e.end >= before:
        return None
    if doc[e.end].text in ("'s", "’s"):  # "In Russia's Belgorod region,": the more specific place
        nxt = ctx.ent_at(e.end + 1)
        if nxt is not None and nxt.label_ in PLACE_LABELS and nxt.end < before:
            e = nxt
    k = e.end
    while k < before and k < e.end + 4 and doc[k].text != ",":
        k += 1  # "In Russia's Belgorod region,", "Near Tabqa Dam, Syria,"
    return e if k < before and doc[k].text == "," else None


def _partitive(doc: Doc, of_index: int) -> bool:
    j = of_index - 1
    while j >= 0 and doc[j].text in ("”", '"', "’", "'"):
        j -= 1
    return j >= 0 and doc[j].lower_ in PARTITIVES


def _is_modifier(doc: Doc, e: Span) -> bool:
    """"Ukraine Conflict", "Ukraine war": a country used as a modifier, not a place."""
    if e.end < len(doc):
        nxt = doc[e.end].lower_
        return nxt in ("conflict", "war", "crisis", "front", "border", "talks", "relations", "forces", "troops")
    return False


def _passive(doc: Doc, t: Span) -> bool:
    j = t.start - 1
    while j >= 0 and doc[j].lower_ in ("now", "also", "reportedly", "allegedly", "already", "being", "been",
                                       "recently", "currently", "successfully", "not", "n't"):
        if doc[j].lower_ in ("being", "been"):
            return True
        j -= 1
    return j >= 0 and doc[j].lower_ in PASSIVE_AUX and t[0].lower_.endswith(("ed", "sent", "struck", "hit", "shot"))


def _by_agent(ctx: Context, t: Span) -> Span | None:
    doc = ctx.doc
    if ctx.parsed:
        tok = syntax.by_agent(t.root)
        if tok is not None and ctx.sent.start <= tok.i < ctx.sent.end:
            ent = ctx.actor_for(tok)
            if ent is not None:
                return ent
    for k in range(t.end, ctx.sent.end - 1):
        if doc[k].lower_ == "by":
            e = ctx.right_actor(k + 1, max_gap=1)
            if e is not None:
                return e
    return None


def _premodifier_actor(ctx: Context, t: Span) -> Span | None:
    """"Russian drone attacks", "Ukraine's strategic attacks": an actor inside the trigger's noun phrase."""
    doc = ctx.doc
    j = t.start - 1
    while j >= ctx.sent.start and j >= t.start - 4:
        tok = doc[j]
        e = ctx.ent_at(j)
        if e is not None and e.label_ in ("NORP", "GPE", "ORG", "FORCES"):
            return e
        if e is not None and e.label_ == "WEAPON" or tok.is_alpha and tok.lower_ not in NP_STOP and not tok.is_punct:
            j -= 1
            continue
        if tok.text in ("'s", "’s"):
            j -= 1
            continue
        break
    return None


def _det_before(ctx: Context, t: Span) -> str | None:
    j = t.start - 1
    while j >= ctx.sent.start and (ctx.doc[j].is_alpha and ctx.doc[j].lower_ not in DETERMINERS
                                   and ctx.ent_at(j) is None and j >= t.start - 3):
        j -= 1
    if j >= ctx.sent.start and ctx.doc[j].lower_ in DETERMINERS:
        return ctx.doc[j].lower_
    return None


def _arg(role: str, span, ctx: Context, value=None) -> Argument:
    if isinstance(span, Argument):  # remembered from an earlier sentence (pronoun resolution)
        return Argument(role, span.text, span.start, span.end, span.entity_id, span.value, span.label)
    if not span.kb_id_ and not span.label_:
        # a phrase from the parse that is exactly an entity: take the entity (its id and label)
        ent = ctx.ent_at(span.start)
        if ent is not None and ent.start == span.start and ent.end == span.end:
            span = ent
    entity_id = span.kb_id_ or _minted_id(span)
    anaphora = ctx.memory.get("anaphora", {}).get((span.start_char, span.end_char))
    if anaphora is not None:
        entity_id = anaphora.kb_id_ or None
    text = span.text
    arg = Argument(role=role, text=text, start=span.start_char, end=span.end_char, entity_id=entity_id,
                   value=value, label=None)
    if span.label_ == "CARDINAL":
        arg.qualifier = values(ctx.doc).get(("qualifier", span.start_char, span.end_char))
    elif span.label_ == "DATE":
        arg.precision = values(ctx.doc).get(("precision", span.start_char, span.end_char))
    elif span.label_ == "WEAPON":
        _munition_count(ctx, span, arg)
    return arg


def _munition_count(ctx: Context, weapon: Span, arg: Argument) -> None:
    """"93 missiles", "over 200 drones", "about 180 ballistic missiles": the number right before a
    weapon (adjectives between allowed) counts the munitions used."""
    i = weapon.start - 1
    while i >= ctx.sent.start and i >= weapon.start - 3:
        num = ctx.ent_at(i)
        if num is not None and num.label_ == "CARDINAL":
            value = get_value(num)
            if isinstance(value, int):
                arg.count = value
                arg.qualifier = values(ctx.doc).get(("qualifier", num.start_char, num.end_char))
            return
        if not ctx.doc[i].is_alpha or ctx.doc[i].lower_ in NP_STOP:
            return
        i -= 1


MINTED_PREFIX = {"PERSON": "person", "ORG": "org", "LOC": "place", "GPE": "place", "FAC": "place"}


def _minted_id(span: Span) -> str | None:
    """An id for a named entity that the dictionaries do not know (found by a statistical NER):
    the linker clusters people by name and keeps organisations and places as named nodes."""
    prefix = MINTED_PREFIX.get(span.label_)
    if prefix is None:
        return None
    text = span.text
    if text.lower().startswith("the "):
        text = text[4:]
    return f"{prefix}/{slug(text)}"


def _text_arg(role: str, ctx: Context, start_char: int, end_char: int) -> Argument | None:
    text = ctx.text[start_char:end_char]
    stripped = text.strip(" ,;:\n\t“”\"'‘’")
    if not any(c.isalnum() for c in stripped):
        return None  # "." is not content
    start_char += text.index(stripped)
    return Argument(role=role, text=stripped, start=start_char, end=start_char + len(stripped))


def _date(ctx: Context, t: Span) -> Argument | None:
    dates = [e for e in ctx.ents if e.label_ == "DATE"]
    if not dates:
        return None
    best = min(dates, key=lambda e: abs(e.start - t.start))
    return _arg("date", best, ctx, value=get_value(best))


# -- per-type readers -------------------------------------------------------------------------

def read_deployment(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    forces = [e for e in ctx.ents if e.label_ == "FORCES"]
    args: list[Argument] = []
    force = None
    if t.requires == "forces_subject":
        force = ctx.subject(sp, labels={"FORCES"})
        if force is None:
            return None
    else:
        right = [e for e in forces if e.start >= sp.end]
        left = [e for e in forces if e.end <= sp.start]
        if right and (not t.is_nominal or right[0].start - sp.end <= 3):
            force = right[0]
        elif left and (_passive(doc, sp) or t.is_nominal and not right):
            force = left[-1]
        elif t.is_nominal and right:
            force = right[0]
        if force is None and not t.is_nominal:
            # "gathering troops", "sent tanks into Rafah": a bare force noun or a platform as the object;
            # else "Troops Amass For Assault": the forces as the subject of an intransitive use
            force = _bare_object_force(ctx, sp) or ctx.subject(sp, labels={"FORCES"})
        if force is None and not t.is_nominal and _passive(doc, sp):
            # "The troops were deployed to …": a bare force noun as the passive subject
            j = sp.start - 1
            while j > ctx.sent.start and doc[j].lower_ in PASSIVE_AUX | {"have", "has", "had", "also", "now"}:
                j -= 1
            if j < sp.start - 1 and doc[j].lower_ in force_nouns():
                force = doc[j:j + 1]
        if force is None and t.requires == "forces":
            return None
    if force is not None:
        args.append(_arg("forces", force, ctx))
        q = _quantity_before(ctx, force)
        if q is not None:
            args.append(q)
    agent = None
    if t.requires != "forces_subject":
        if t.is_nominal:
            agent = _by_agent(ctx, sp) or _premodifier_actor(ctx, sp)
        elif _passive(doc, sp):
            agent = _by_agent(ctx, sp)
        else:
            agent = ctx.subject(sp, exclude={"FORCES", "NORP", "PERSON"})
            if agent is None and force is not None and force.start >= sp.end:
                agent = ctx.subject(sp, labels={"FORCES"})  # "The Israeli army sent tanks into Rafah"
        if agent is not None and force is not None and agent.start == force.start:
            agent = None
    if agent is not None:
        args.extend(_arg("agent", a, ctx) for a in _coordinated(ctx, agent))
    start = force.end if force is not None and force.start >= sp.end else sp.end
    place = ctx.after_prep(start, PLACE_PREPS - {"on"}, PLACE_LABELS)
    if place is not None and not ctx.same_clause(sp.start, place.start):
        place = None
    if place is None:
        place = _fronted_place(ctx, sp.start)
    if place is not None and (agent is None or place.start != agent.start):
        args.append(_arg("place", place, ctx))
    if not args:
        return None  # "these deployments", "any fleet deployed below": nothing to say who, what or where
    return args



def _coordinated(ctx: Context, e: Span) -> list[Span]:
    """``e`` with the actors coordinated with it: "The US and Britain launched strikes" -> [US, Britain]."""
    doc = ctx.doc
    out = [e]
    first, last = e, e
    while first.start - 2 >= ctx.sent.start and doc[first.start - 1].lower_ in ("and", ","):
        prev = ctx.ent_at(first.start - 2)
        if prev is None or prev not in ctx.actors() or prev.label_ == "PERSON" and e.label_ != "PERSON":
            break
        out.insert(0, prev)
        first = prev
    while last.end + 1 < ctx.sent.end and doc[last.end].lower_ in ("and", ","):
        nxt = ctx.ent_at(last.end + 1)
        if nxt is None or nxt not in ctx.actors() or nxt.start != last.end + 1 or \
                nxt.label_ == "PERSON" and e.label_ != "PERSON":
            break
        out.append(nxt)
        last = nxt
    return out


def _bare_object_force(ctx: Context, sp: Span) -> Span | None:
    """A force noun ("troops", "military advisers") or a platform ("two aircraft carriers") right
    after the verb ``sp``, past determiners, numbers and modifiers."""
    doc = ctx.doc
    j = sp.end
    while j < ctx.sent.end and j < sp.end + 5 and (
            doc[j].lower_ in DETERMINERS | PARTITIVES | BARE_FORCE_MODIFIERS | ORDINAL_WORDS
            or ctx.ent_at(j) is not None and ctx.ent_at(j).label_ in ("CARDINAL", "ORDINAL")):
        j += 1
    if j < ctx.sent.end and doc[j].lower_ in force_nouns() and ctx.ent_at(j) is not None \
            and ctx.ent_at(j).label_ in ("ORG", "FORCES", "GROUP"):
        return ctx.ent_at(j)  # "moved over 100 Special Forces"
    if j < ctx.sent.end and doc[j].lower_ in force_nouns() and ctx.ent_at(j) is None:
        e = j + 1  # "military advisers", "army instructors": the noun the force word modifies
        while e < ctx.sent.end and e < j + 3 and doc[e].is_lower and doc[e].lower_ in PERSONNEL_NOUNS:
            e += 1
        return doc[j:e]
    if j > sp.end or j < ctx.sent.end and ctx.ent_at(j) is not None and ctx.ent_at(j).start == j:
        e = ctx.ent_at(j) if j < ctx.sent.end else None
        if e is not None and e.label_ == "WEAPON":
            return e  # "deployed two aircraft carriers", "sent tanks": platforms sent
    return None


def _quantity_before(ctx: Context, force: Span) -> Argument | None:
    j = force.start - 1
    doc = ctx.doc
    while j >= ctx.sent.start and doc[j].lower_ in ("of", "some"):
        j -= 1
    e = ctx.ent_at(j) if j >= ctx.sent.start else None
    if e is not None and e.label_ == "CARDINAL":
        return _arg("quantity", e, ctx, value=get_value(e))
    return None


def read_strike(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    prev = _prev_word(ctx, sp)
    if not t.is_nominal and prev == "to":
        return None  # "to target Ukrainian positions": intended, not reported
    accused = _accused_of(ctx, sp) if not t.is_nominal and prev == "of" and t.requires != "weapon" else None
    if not t.is_nominal and prev in PREPOSITIONS and accused is None:
        return None  # "a history of attacking …": a gerund, read (if at all) as a noun
    if t.is_nominal and _intended(ctx, sp):
        return None  # "troops gathered for assault on Ukraine": planned, not reported
    args: list[Argument] = []
    target = None
    agent = None
    by_agent = _by_agent(ctx, sp)
    if t.is_nominal:
        k = sp.end
        if k < ctx.sent.end and doc[k].lower_ in STRIKE_HEAD_NOUNS:
            k += 1  # "265 bombing raids on ISIL targets", "the regime's bombing campaign"
        if k < ctx.sent.end and (doc[k].lower_ in TARGET_PREPS or doc[k].lower_ == "of" and sp[-1].lower_ in OF_TARGET_TRIGGERS):
            target = ctx.noun_phrase(k + 1)
        if target is None and sp[-1].lower_.endswith("ing") and k == sp.end and k < ctx.sent.end and (
                doc[k].lower_ in DETERMINERS or doc[k].is_alpha and doc[k].lower_ not in NP_STOP):
            target = ctx.noun_phrase(k)  # "accused the RSF of shelling a hospital": a gerund's object
        agent = by_agent or _premodifier_actor(ctx, sp)
        governing = _governing_casualty(ctx, sp)
        if agent is None and governing is not None:
            # "Israel said it had killed Nasrallah in an airstrike": the killer is the attacker
            agent = ctx.subject(doc[governing:governing + 1], exclude={"PERSON"})
            if target is None:
                victim = ctx.noun_phrase(governing + 1)
                if victim is not None and any(ctx.ent_at(i) is not None for i in range(victim.start, victim.end)):
                    target = victim
        if agent is None and _det_before(ctx, sp) in POSSESSIVE_PRONOUNS | {None} and not _possessed(ctx, sp):
            agent = ctx.left_actor(sp, exclude={"PERSON"})
            if agent is not None and agent.start > ctx.sent.start \
                    and doc[agent.start - 1].lower_ in PREPOSITIONS - {"by"}:
                agent = None  # "In Syria, coalition forces conducted 23 strikes": a place, not the attacker
    elif accused is not None:
        # "Moscow accused Kyiv of attacking a nuclear plant": the accused is the alleged attacker
        agent = accused
        k = sp.end + 1 if sp.end < ctx.sent.end and doc[sp.end].lower_ in TARGET_PREPS else sp.end
        target = ctx.noun_phrase(k)
    elif _passive(doc, sp) and t.requires == "weapon":
        # "40 rockets had been fired at Israel": the weapon is the subject, the target follows
        if not any(e.label_ == "WEAPON" and e.end <= sp.start for e in ctx.ents):
            return None  # "she got fired", "the charges were dropped"
        agent = by_agent
        k = sp.end
        while k < ctx.sent.end and k < sp.end + 4 and doc[k].lower_ not in TARGET_PREPS | {"into"}:
            k += 1
        if k < ctx.sent.end and doc[k].lower_ in TARGET_PREPS | {"into"}:
            target = ctx.noun_phrase(k + 1)
        if target is None and agent is None:
            return None  # "car bombs were found before they could be detonated": aimed at nothing
    elif _passive(doc, sp):
        target = ctx.noun_phrase(_clause_start(ctx, sp))
        agent = by_agent
    elif t.requires == "weapon":
        # "Iran fired about 180 ballistic missiles at Israel": the object is a weapon, the target follows
        fired = _weapon_object(ctx, sp)
        if fired is None:
            return None
        agent = ctx.subject(sp, exclude={"PERSON"}) or _possessor_of_subject(ctx, sp)
        k = fired.end
        aims = ("at", "on", "against", "toward", "towards", "into", "outside")  # "detonated a car bomb outside X"
        while k < ctx.sent.end and k < fired.end + 8 and doc[k].lower_ not in aims:
            k += 1
        if k < ctx.sent.end and doc[k].lower_ in aims:
            target = ctx.noun_phrase(k + 1)
        if target is None and sp[0].lower_ in ("use", "uses", "used", "using"):
            return None  # "uses drones for reconnaissance": using a weapon is an attack only against something
    else:
        agent = ctx.subject(sp, exclude={"PERSON"}) or _possessor_of_subject(ctx, sp)
        if agent is None and not _weapon_subject(ctx, sp):
            return None  # a verb needs a subject: "Overnight strikes targeted ..." is the noun
        obj = syntax.direct_object(sp.root) if ctx.parsed else None
        if obj is not None and ctx.sent.start <= obj.i < ctx.sent.end:
            target = syntax.head_phrase(obj)
        elif sp.end < ctx.sent.end and doc[sp.end].lower_ in TARGET_PREPS:
            target = ctx.noun_phrase(sp.end + 1)  # "striking against those who …", "fired at the convoy"
        else:
            target = ctx.noun_phrase(sp.end)
    # "strikes targeted X", "aimed at crippling X"
    if target is None:
        for k in range(sp.end, ctx.sent.end - 1):
            w = doc[k].lower_
            if w in ("targeted", "targeting", "targetting", "hit", "struck"):
                target = ctx.noun_phrase(k + 1)
            elif w == "at" and k > 0 and doc[k - 1].lower_ == "aimed":
                j = k + 1
                if doc[j].lower_.endswith("ing"):
                    j += 1
                target = ctx.noun_phrase(j)
            if target is not None:
                break
    if target is None and t.is_nominal:
        victim = _casualty_object(ctx, sp)
        if victim is not None:
            target = victim
    weapons = [e for e in ctx.ents if e.label_ == "WEAPON" and ctx.same_clause(e.start, sp.start)]
    if target is not None and any(w.start >= target.start and w.end <= target.end for w in weapons) \
            and len(target) <= 2:
        target = None
    if target is not None and agent is not None and target.start <= agent.start < target.end:
        agent = None
    if target is not None:
        args.append(_arg("target", target, ctx))
        # "one strike destroyed a Russian tank": a weapon named inside the target was hit, not used
        weapons = [w for w in weapons if not (target.start <= w.start and w.end <= target.end)]
    if agent is not None:
        args.extend(_arg("agent", a, ctx) for a in _coordinated(ctx, agent))
    for w in weapons:
        args.append(_arg("weapon", w, ctx))
    start = target.end if target is not None else sp.end
    strike_preps = {"in", "near", "at", "inside", "across", "outside", "around"}
    place = ctx.after_prep(start, strike_preps, PLACE_LABELS)
    if place is None and target is not None and target.start < sp.start:
        place = ctx.after_prep(target.end, strike_preps, PLACE_LABELS, end=sp.start)
    if place is None:
        place = _fronted_place(ctx, min(sp.start, target.start if target is not None else sp.start))
    if place is not None:
        args.append(_arg("place", place, ctx))
    if not any(a.role in ("target", "agent", "weapon", "place") for a in args):
        return None
    if t.is_nominal and target is None and not weapons and by_agent is None:
        # a bare "Russian assaults" is too vague to code, unless the noun names the mode of attack
        # ("Israeli airstrikes") or casualties follow ("the attack killed 20")
        specific = t.requires == "actor_or_place" and (agent is not None or place is not None)
        if not specific and not _casualties_follow(ctx, sp):
            return None
    return args


def _possessed(ctx: Context, sp: Span) -> bool:
    """"the regime's indiscriminate bombing": a possessor ("'s") opens the trigger's noun phrase
    (adjectives between allowed), so the attacker is the possessor or nobody named, never an
    actor further left."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and j >= sp.start - 4 and doc[j].is_alpha and doc[j].lower_ not in NP_STOP:
        j -= 1
    return j >= ctx.sent.start and doc[j].text in ("'s", "’s")


CASUALTY_WORDS = {"killed", "killing", "kills", "kill", "wounded", "wounding", "injured", "injuring", "left",
                  "leaving", "claimed", "destroyed", "damaged"}


def _casualties_follow(ctx: Context, sp: Span) -> bool:
    """"Israeli airstrikes killed 30 people": a casualty verb right after the trigger's phrase."""
    doc = ctx.doc
    for k in range(sp.end, min(sp.end + 6, ctx.sent.end)):
        if doc[k].lower_ in CASUALTY_WORDS:
            return True
        if doc[k].is_punct and doc[k].text != "-":
            return False
    return False


def _governing_casualty(ctx: Context, sp: Span) -> int | None:
    """Index of a casualty verb governing "in/with an <attack noun>" a few words earlier."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and (doc[j].lower_ in DETERMINERS or ctx.ent_at(j) is not None
                                   and ctx.ent_at(j).label_ in ("NORP", "WEAPON") or doc[j].lower_ in ("air", "aerial")):
        j -= 1
    if j < ctx.sent.start or doc[j].lower_ not in ("in", "with", "during", "by"):
        return None
    for k in range(j - 1, max(ctx.sent.start, j - 10) - 1, -1):
        if doc[k].lower_ in CASUALTY_WORDS:
            return k
        if doc[k].text in (",", ";"):
            return None
    return None


def _casualty_object(ctx: Context, sp: Span) -> Span | None:
    """"An Israeli drone strike killed a Hamas commander": the victim, when it names an actor."""
    doc = ctx.doc
    for k in range(sp.end, min(sp.end + 6, ctx.sent.end)):
        if doc[k].lower_ in CASUALTY_WORDS:
            np_ = ctx.noun_phrase(k + 1)
            if np_ is not None and any(ctx.ent_at(i) is not None and ctx.ent_at(i).label_ in ACTOR_LABELS
                                       for i in range(np_.start, np_.end)):
                return np_
            return None
    return None


def _weapon_object(ctx: Context, sp: Span) -> Span | None:
    """The weapon a "fired"/"launched" verb takes as its object, within a few words."""
    for e in ctx.ents:
        if e.label_ == "WEAPON" and sp.end <= e.start <= sp.end + 5:
            return e
    return None


def _weapon_subject(ctx: Context, sp: Span) -> bool:
    """"Missiles hit a hospital": a weapon (with adverbs between) is the verb's subject."""
    j = sp.start - 1
    while j >= ctx.sent.start and (ctx.doc[j].lower_ in SUBJECT_GAP or ctx.doc[j].lower_.endswith("ly")):
        j -= 1
    e = ctx.ent_at(j) if j >= ctx.sent.start else None
    return e is not None and e.label_ == "WEAPON"


def _accused_of(ctx: Context, sp: Span) -> Span | None:
    """"accused Kyiv of attacking …", "accuses the RSF of shelling …": the accused actor of a gerund
    trigger right after "of"."""
    doc = ctx.doc
    if not sp[-1].lower_.endswith("ing"):
        return None
    for k in range(sp.start - 2, max(ctx.sent.start, sp.start - 8) - 1, -1):
        if doc[k].lower_ in ("accused", "accuses", "accuse", "accusing", "blamed", "blames", "blaming"):
            actor = ctx.right_actor(k + 1, max_gap=2)
            return actor if actor is not None and actor.end <= sp.start - 1 else None
    return None


def _possessor_of_subject(ctx: Context, sp: Span) -> Span | None:
    """"Hezbollah said its fighters had launched …": a weapon or force subject owned by "its"/"their"
    belongs to the nearest actor before it."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and (doc[j].lower_ in SUBJECT_GAP or doc[j].lower_.endswith("ly")):
        j -= 1
    if j < ctx.sent.start:
        return None
    e = ctx.ent_at(j)
    if e is not None and e.label_ in ("WEAPON", "FORCES"):
        j = e.start
    elif doc[j].lower_ not in force_nouns():
        return None
    k = j - 1
    while k >= ctx.sent.start and k >= j - 3 and doc[k].is_alpha and doc[k].lower_ not in POSSESSIVE_PRONOUNS \
            and doc[k].lower_ not in NP_STOP and ctx.ent_at(k) is None:
        k -= 1  # adjectives: "its elite fighters"
    if k < ctx.sent.start or doc[k].lower_ not in ("its", "their"):
        return None
    return ctx.left_actor(doc[k:k + 1], exclude={"PERSON"}, skip_parenthetical=False)


def _clause_start(ctx: Context, sp: Span) -> int:
    """First token of the clause holding ``sp`` (after the last comma or the sentence start)."""
    j = sp.start - 1
    while j > ctx.sent.start and ctx.doc[j].text not in (",", ";", ":", "“", '"'):
        j -= 1
    j = j + 1 if j > ctx.sent.start or ctx.doc[j].text in (",", ";", ":", "“", '"') else j
    while j < sp.start and ctx.doc[j].is_space:
        j += 1
    return j


def _prev_word(ctx: Context, sp: Span) -> str | None:
    j = sp.start - 1
    while j >= ctx.sent.start and ctx.doc[j].is_space:
        j -= 1
    return ctx.doc[j].lower_ if j >= ctx.sent.start else None


def _intended(ctx: Context, sp: Span) -> bool:
    """A nominal trigger inside a purpose phrase: "for (an) assault", "to launch an assault"."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and j >= sp.start - 4 and (doc[j].lower_ in DETERMINERS or doc[j].is_alpha
                                                          and doc[j].lower_ not in ("for", "launch", "prepare",
                                                                                    "planned", "planning")):
        j -= 1
    return j >= ctx.sent.start and doc[j].lower_ in ("for", "launch", "prepare", "planned", "planning")


def read_appointment(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    word = sp.text.lower()
    replacing = word.startswith(("replac", "succeed", "take", "took"))
    args: list[Argument] = []
    person = None
    appointer = None
    swap = _replaced_with(ctx, sp) if replacing else None
    if swap is not None:
        # "Netanyahu replaced Gallant with Israel Katz": the subject appoints, the "with" person is appointed
        old_holder, person = swap
        args.append(_arg("person", person, ctx))
        if old_holder is not None:
            args.append(_arg("replaces", old_holder, ctx))
        appointer = ctx.subject(sp, labels={"PERSON", "ORG", "GPE", "GROUP"})
        if appointer is not None:
            args.append(_arg("appointer", appointer, ctx))
        return args
    if replacing:
        person = ctx.subject(sp, labels={"PERSON"})
        if person is None:
            j = sp.start - 1
            while j >= ctx.sent.start and doc[j].lower_ in ("who", "will", "has", "had", "is", "now", "to"):
                j -= 1
            if j >= ctx.sent.start and doc[j].lower_ in PRONOUNS_PERSON:
                person = ctx.memory.get("last_appointee") or ctx.memory.get("last_person")
            elif j > ctx.sent.start and doc[j].text == ",":
                # "Oleksandr Syrskyi, who replaced …", "The new commander, General X, took over from …"
                before = ctx.ent_at(j - 1)
                if before is not None and before.label_ == "PERSON":
                    person = before
        rep = ctx.right_actor(sp.end, labels={"PERSON"}, max_gap=3)
        if rep is None:
            return None
        args.append(_arg("replaces", rep, ctx))
        if rep.end < ctx.sent.end and doc[rep.end].lower_ == "as":
            role = _role_phrase(ctx, sp, rep)  # "Syrskyi replaced Zaluzhnyi as commander-in-chief"
            if role is not None:
                args.append(role)
        if person is None and sp[0].lower_.endswith("ing"):
            return args  # ", replacing X": the main clause's appointment supplies the person
    elif _called(ctx, sp):
        return None  # "a guy named Joe O'Neill", "a former sergeant named Ali Mohammed": called, not appointed
    elif _passive(doc, sp):
        person = ctx.subject(sp, labels={"PERSON"})
        appointer = _by_agent(ctx, sp)
    else:
        person = ctx.right_actor(sp.end, labels={"PERSON"}, max_gap=3)
        if person is None:
            # "appointed his former bodyguard Alexei Dyumin": a lower-case descriptor before the name
            j = sp.end
            while j < ctx.sent.end and j < sp.end + 5 and doc[j].is_lower and doc[j].is_alpha:
                j += 1
            e = ctx.ent_at(j) if j < ctx.sent.end else None
            if e is not None and e.start == j and e.label_ == "PERSON":
                person = e
        appointer = ctx.subject(sp, labels={"PERSON", "ORG", "GPE", "GROUP"})
    if person is None:
        return None
    args.append(_arg("person", person, ctx))
    if appointer is not None:
        args.append(_arg("appointer", appointer, ctx))
    if not replacing:
        role = _role_phrase(ctx, sp, person)
        if role is not None:
            args.append(role)
    return args


def _called(ctx: Context, sp: Span) -> bool:
    """"a man named X", "a former US Army sergeant named X": "named" right after an indefinite noun
    phrase means "called" ("The president named X" is an appointment)."""
    if sp.text.lower() != "named" or sp.start <= ctx.sent.start:
        return False
    doc = ctx.doc
    prev = doc[sp.start - 1]
    if not (prev.is_lower and prev.is_alpha) or prev.lower_ in PASSIVE_AUX | {"has", "have", "had", "also"}:
        return False
    j = sp.start - 1
    while j > ctx.sent.start and j >= sp.start - 6 and doc[j].is_alpha \
            and doc[j].lower_ not in DETERMINERS | {"another", "one"}:
        j -= 1
    return doc[j].lower_ in ("a", "an", "another", "one")


def _replaced_with(ctx: Context, sp: Span) -> tuple[Span | None, Span] | None:
    """"replaced X with Y" / "replaced him with Y": (X, or for a pronoun the last person named
    before the verb other than its subject; Y), or None when no "with" person follows."""
    doc = ctx.doc
    k = sp.end
    while k < ctx.sent.end and k < sp.end + 8 and doc[k].lower_ != "with" and doc[k].text not in (",", ";"):
        k += 1
    if k >= ctx.sent.end or doc[k].lower_ != "with":
        return None
    new = ctx.right_actor(k + 1, labels={"PERSON"}, max_gap=2)
    if new is None:
        return None
    old = ctx.right_actor(sp.end, labels={"PERSON"}, max_gap=3)
    if old is not None and old.end > k:
        old = None
    if old is None and doc[sp.end].lower_ in PRONOUNS_PERSON:
        subject = ctx.subject(sp, labels={"PERSON"})
        before = [e for e in ctx.actors() if e.label_ == "PERSON" and e.end <= sp.start
                  and (subject is None or e.start != subject.start)]
        old = before[-1] if before else None
    return old, new


def _role_phrase(ctx: Context, sp: Span, person) -> Argument | None:
    doc = ctx.doc
    k = sp.end
    if isinstance(person, Span) and person.start >= sp.end:
        k = person.end
        if k < ctx.sent.end and doc[k].text == ",":  # skip an apposition ", an economist,"
            m = k + 1
            while m < ctx.sent.end and m < k + 8 and doc[m].text != ",":
                m += 1
            if m < ctx.sent.end and doc[m].text == "," and m + 1 < ctx.sent.end and doc[m + 1].lower_ in ("as", "to"):
                k = m
    while k < ctx.sent.end and doc[k].is_punct:
        k += 1
    bare = k < ctx.sent.end and (doc[k].lower_ in DETERMINERS or doc[k].is_alpha) and ctx.ent_at(k) is None \
        and doc[k].lower_ not in PREPOSITIONS | {"by", "on", "after"}
    if k < ctx.sent.end and doc[k].lower_ in ("to", "as"):
        k += 1
    elif not (bare and (_passive(doc, sp) or any(w.lower_ in title_words() for w in doc[k:min(k + 4, ctx.sent.end)]))):
        # "was named commander-in-chief of ...": the role follows the passive verb directly;
        # "named Andrei Belousov defence minister": a title follows the person directly
        return None
    if k >= ctx.sent.end:
        return None
    end = _clause_end(ctx, k, participles=True)
    for e in ctx.ents:  # "... in February": a date ends the role
        if e.label_ == "DATE" and doc[k].idx < e.start_char < end:
            end = e.start_char
    for m in range(k + 1, ctx.sent.end):  # "defence minister after Netanyahu dismissed …": a new clause
        if doc[m].idx >= end:
            break
        if doc[m].lower_ in ROLE_CUT:
            end = doc[m].idx
            break
    return _text_arg("role", ctx, doc[k].idx, end)


def _clause_end(ctx: Context, i: int, participles: bool = False) -> int:
    """Character offset where the clause starting at token ``i`` ends.

    With ``participles``, a comma followed by an -ing word ends it too
    ("defence minister, replacing Yoav Gallant").
    """
    doc = ctx.doc
    text = ctx.text[doc[i].idx:ctx.sent.end_char]
    m = CLAUSE_CUT.search(text, 1)
    cut = m.start() if m else len(text)
    if participles:
        p = PARTICIPLE_CUT.search(text, 1)
        if p and p.start() < cut:
            cut = p.start()
    return doc[i].idx + len(text[:cut].rstrip(" .!?,\n\t"))


def read_statement(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    word = sp.text.lower()
    speaker = None
    content: Argument | None = None
    det = _det_before(ctx, sp)
    if word == "according to":
        speaker = ctx.right_actor(sp.end, labels={"PERSON", "ORG", "GROUP"}, max_gap=3) \
            or ctx.right_actor(sp.end, max_gap=1) or _institution_phrase(ctx, sp.end)
        if speaker is None:
            return None
        sent_start = _content_start(ctx)
        if sp.start <= sent_start.i + 1:
            # "According to X, content."
            k = speaker.end
            while k < ctx.sent.end and doc[k].text != ",":
                k += 1
            if k + 1 < ctx.sent.end:
                content = _text_arg("content", ctx, doc[k + 1].idx, _clause_end(ctx, k + 1))
        else:
            # "content, according to X."
            content = _text_arg("content", ctx, sent_start.idx, sp.start_char)
    else:
        if t.pos == "verb" and det in DETERMINERS - POSSESSIVE_PRONOUNS \
                and not (word.endswith("ed") or word in ("said", "told", "wrote")):
            return None  # "the reports", "these claims": a noun, not a speech act ("the army said" is)
        if _passive(doc, sp) or word.endswith("ed") and sp.end < ctx.sent.end and doc[sp.end].lower_ == "by":
            return None  # "it was reported", "an attack claimed by Daesh": no speaker
        speaker = ctx.subject(sp)
        frame = speaker.start if isinstance(speaker, Span) and speaker.end <= sp.start else None
        if speaker is None:
            j = sp.start - 1
            while j >= ctx.sent.start and doc[j].lower_ in ("has", "have", "had", "also", "then", "later", "will",
                                                            "would", "again", "repeatedly", "reportedly"):
                j -= 1
            if j >= ctx.sent.start and doc[j].lower_ in PRONOUNS_PERSON | {"he", "she"}:
                mem = ctx.memory.get("last_person")
                if mem is not None:
                    speaker, frame = mem, j  # "..., he said": the frame starts at the pronoun
            if speaker is None:
                k = sp.end  # "..., said Maj. Gen. Joseph Martin": titles before the name
                while k < ctx.sent.end and k < sp.end + 4 and doc[k].lower_ in title_words() and ctx.ent_at(k) is None:
                    k += 1
                right = ctx.right_actor(k, labels={"PERSON", "ORG", "GROUP"}, max_gap=1)
                if right is not None and sp.start > ctx.sent.start and doc[sp.start - 1].text in (",", "”", '"') \
                        and word in INVERTING_VERBS:
                    speaker = right  # "..., said Zelensky" (not "…, accuses HANO of …": an object)
            if speaker is None and _frame_closes(ctx, sp):
                speaker = _unnamed_frame_speaker(ctx, sp)  # "..., the army said.", "..., aid workers said."
                frame = speaker.start if speaker is not None else None
        if speaker is None:
            return None
        content = _content_after_or_before(ctx, sp, speaker, frame)
    args: list[Argument] = [_arg("speaker", speaker, ctx)]
    if content is not None:
        args.append(content)
    return args


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-cased words of the person titles (``kg/data/titles.jsonl``): "defence", "minister", …"""
    return frozenset(w.lower() for r in lexicon.records("titles") for w in r["title"].split())


#: noun categories (``kg/data/nouns.jsonl``) of a source that is not named: officials, the army,
#: health workers, police, media, residents …
SPEAKER_NOUN_CATEGORIES = ("official", "government", "force", "police", "health", "media", "intelligence", "ngo",
                           "human_rights", "civilian", "labour", "legislator", "legislature", "judiciary")


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Head nouns of an unnamed source ("officials", "army", "ministry", "medics", …)."""
    return frozenset(INSTITUTION_NOUNS).union(*(lexicon.nouns(c) for c in SPEAKER_NOUN_CATEGORIES))


def _institution_phrase(ctx: Context, i: int) -> Span | None:
    """"according to the territory's health ministry", "according to local officials": an unnamed
    source whose head noun is an institution or an official, not "reports" or "sources"."""
    phrase = ctx.noun_phrase(i, max_len=6)
    if phrase is None:
        return None
    return phrase if phrase[-1].lower_ in speaker_nouns() else None


def _unnamed_frame_speaker(ctx: Context, sp: Span) -> Span | None:
    """"…, the army said in a statement.": the unnamed source between the comma and the verb
    (at most five words, ending in a source noun)."""
    doc = ctx.doc
    rest = [t for t in doc[sp.end:ctx.sent.end] if not t.is_space and not t.is_punct]
    if rest and rest[0].lower_ == "to" and len(rest) > 1 and rest[1].is_lower:
        return None  # "…, several people claimed to see …": an infinitive follows, no frame
    j = sp.start - 1
    while j > ctx.sent.start and j >= sp.start - 6 and doc[j].text not in (",", "”", '"'):
        j -= 1
    if j <= ctx.sent.start or doc[j].text not in (",", "”", '"') or j + 1 >= sp.start:
        return None
    phrase = doc[j + 1:sp.start]
    if phrase[-1].lower_ not in speaker_nouns() or any(t.is_punct and t.text not in ("'s", "’s") for t in phrase):
        return None
    return phrase


def _subject_of_root(e: Span) -> bool:
    """Whether entity ``e`` is (in) the subject of its sentence's root verb in the parse."""
    tok = e.root
    while tok.dep_ in ("flat", "compound", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.dep_ == "ROOT"


#: an agency dateline opening a story's first sentence: "KYIV, Nov 17 (Reuters) - ", "GAZA (AP) — "
DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]{2,30}\))?\s*[-–—]+\s+")


def _content_start(ctx: Context) -> Token:
    """The first token of the sentence after an agency dateline, if it opens with one."""
    first = _first_token(ctx)
    m = DATELINE.match(ctx.text, first.idx, ctx.sent.end_char)
    if m is None or "(" not in m.group() and "," not in m.group():
        return first  # a dash after capitals alone ("NATO - the alliance …") is no dateline
    for tok in ctx.sent:
        if tok.idx >= m.end():
            return tok
    return first


def _first_token(ctx: Context) -> Token:
    for tok in ctx.sent:
        if not tok.is_space:
            return tok
    return ctx.sent[0]


def _content_after_or_before(ctx: Context, sp: Span, speaker, frame: int | None = None) -> Argument | None:
    """The reported content of the speech verb ``sp``; ``frame`` is where its subject
    (the speaker's name or a pronoun standing for it) starts, when it precedes the verb."""
    doc = ctx.doc
    if isinstance(speaker, Span) and speaker.start >= sp.end:
        # “The situation is very difficult,” said Oleksandr Syrskyi: the content precedes the frame
        j = sp.start - 1
        while j > ctx.sent.start and (doc[j].text in ("”", '"', "’", "'", ",") or doc[j].is_space):
            j -= 1
        if j > ctx.sent.start:
            return _text_arg("content", ctx, _content_start(ctx).idx, doc[j].idx + len(doc[j].text))
    # "..., Zelenskiy warned." / "“...,” Zelenskyy said at a press conference.": the frame closes the sentence
    if frame is not None and frame < sp.start and _frame_closes(ctx, sp):
        if frame < sp.start - 8 or any(doc[k].text == "," for k in range(frame, sp.start)):
            frame = sp.start  # "…, its operational command said": the speaker was found further left
        j = frame - 1
        # ", regional governor Oleh Kiper said", ", the U.S. Central Command said",
        # ", Pentagon Press Secretary Peter Cook told reporters": up to 6 words of title before the name
        n = 0
        while j > ctx.sent.start and n < 6 and (doc[j].is_alpha or doc[j].text in (".", "-", "'s", "’s")) and (
                ctx.ent_at(j) is None or ctx.ent_at(j).label_ != "PERSON" or doc[j].lower_ in title_words()):
            j -= 1
            n += 1
        while j >= ctx.sent.start and doc[j].text in ("”", '"', "’", "'", "“"):
            j -= 1  # "“" too: a closing quote typed as an opening one
        if j > ctx.sent.start and doc[j].text == "," and frame - ctx.sent.start > 3 \
                and _is_clause(ctx, doc[_content_start(ctx).i:j]) and not _colon_after(ctx, sp):
            return _text_arg("content", ctx, _content_start(ctx).idx, doc[j].idx)
    # a reporting participle later in the sentence carries the content ("..., saying he was ready")
    for k in range(sp.end, ctx.sent.end):
        if doc[k].lower_ in REPORTING_PARTICIPLES and k > sp.end + 1:
            return _complement(ctx, k + 1)
    return _complement(ctx, sp.end)


def _is_clause(ctx: Context, span: Span) -> bool:
    """Whether ``span`` can be reported content: three words or more, not opening with a
    participle ("Speaking today,", "Following the visit,") and, when the pipeline tags, with a
    verb (a past tense may be mis-tagged as an adjective, so a lower-case "-ed" word counts)."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 3 or words[0].lower_.endswith("ing"):
        return False
    if not ctx.doc.has_annotation("TAG"):
        return True
    return any(t.tag_.startswith("VB") or t.tag_ == "MD" or t.is_lower and t.lower_.endswith("ed") for t in span)


def _colon_after(ctx: Context, sp: Span) -> bool:
    """"…, Minister Tobias Ellwood said:": the content follows the colon, not the comma."""
    rest = [t for t in ctx.doc[sp.end:ctx.sent.end] if not t.is_space]
    return bool(rest) and rest[-1].text == ":"


def _frame_closes(ctx: Context, sp: Span) -> bool:
    """Nothing but punctuation or a short adjunct ("at a press conference", "on Saturday") follows."""
    rest = [t for t in ctx.doc[sp.end:ctx.sent.end] if not t.is_space and not t.is_punct]
    if not rest:
        return True
    if any(t.lower_ == "that" for t in rest):
        return False
    first = _first_token(ctx)
    if first.text in ("“", '"', "‘") and any(t.text in ("”", '"', "’") for t in ctx.doc[first.i + 1:sp.start]):
        return True  # “We will not surrender,” Zelensky told lawmakers in Kyiv.
    if sp[0].lower_ in TELL_VERBS:
        return True  # "..., X told Reuters"
    return rest[0].lower_ in ("at", "in", "on", "during", "after", "earlier", "yesterday", "today", "to", "from",
                              "told") and not any(t.lower_ == "that" for t in rest)


def _complement(ctx: Context, i: int) -> Argument | None:
    doc = ctx.doc
    end = ctx.sent.end
    k = i
    if i > 0 and doc[i - 1].lower_ in TELL_VERBS:
        # "told reporters that ...", "told Reuters the attack ...": skip the recipient
        for m in range(i, min(i + 6, end)):
            if doc[m].lower_ == "that":
                k = m
                break
        else:
            recipient = ctx.ent_at(i)
            if recipient is not None and recipient.label_ in ACTOR_LABELS:
                k = recipient.end
            else:
                for n in (3, 2, 1):
                    if " ".join(t.lower_ for t in doc[i:i + n]) in RECIPIENTS:
                        k = i + n
                        break
    # skip ", citing senior officials," and adverbs before the clause
    while k < end and (doc[k].is_punct and doc[k].text in (",", ":") or doc[k].is_space):
        k += 1
    date = ctx.ent_at(k) if k < end else None
    if date is not None and date.label_ == "DATE" and date.start == k:
        if all(t.is_punct or t.is_space for t in doc[date.end:end]):
            return None  # "Zelensky said on Saturday.": a date, no content
        if not doc[date.end].is_punct:
            k = date.end  # "said on Monday (that) it had no information": the date is the verb's
    elif k < end and (doc[k].lower_ in ("earlier", "later", "recently", "on", "last", "this")
                      or doc[k].lower_ in PREPOSITIONS):
        # "reported earlier this week, citing ..., that X", "said in a video address on Telegram that X"
        for m in range(k, min(end, k + 12)):
            if doc[m].lower_ == "that":
                k = m
                break
    if k < end and doc[k].text == ",":
        for m in range(k + 1, end):
            if doc[m].lower_ == "that" and m > 0 and doc[m - 1].text == ",":
                k = m
                break
    if k < end and doc[k].lower_ == "that":
        k += 1
    while k < end and (doc[k].text in ("“", '"', "‘", ",", ":", ".", "…", "-", "—") or doc[k].is_space):
        k += 1
    if k >= end:
        return None
    return _text_arg("content", ctx, doc[k].idx, _clause_end(ctx, k))


READERS: dict[EventType, Callable[[Context, Trigger], list[Argument] | None]] = {
    EventType.DEPLOYMENT: read_deployment,
    EventType.STRIKE: read_strike,
    EventType.APPOINTMENT: read_appointment,
    EventType.STATEMENT: read_statement,
}


def _sentence_bounds(sent: Span) -> tuple[int, int] | None:
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


OPEN_QUOTES, CLOSE_QUOTES = "“«", "”»"


def _quoted_before(memory: dict, events: list[Event], doc_id: str, text: str,
                   bounds: tuple[int, int]) -> list[Event]:
    """Statements for the earlier sentences of a quote that a speech frame closes later:
    "“Currently, 11,000 soldiers are ... Oblast. Some ... casualties,” Zelenskyy said." gives the
    first sentence the same speaker. Keeps the open-quote state in ``memory``."""
    pending: list[tuple[int, int, str]] = memory.setdefault("open_quote", [])
    opens = sum(text.count(q) for q in OPEN_QUOTES) + (text.startswith('"') and text.count('"') % 2 == 1)
    closes = sum(text.count(q) for q in CLOSE_QUOTES) + (not text.startswith('"') and text.count('"') % 2 == 1)
    out: list[Event] = []
    if pending and closes > opens:
        frame = next((e for e in reversed(events) if e.type == EventType.STATEMENT
                      and e.sentence.start == bounds[0] and e.get("speaker")), None)
        if frame is not None:
            speaker = frame.get("speaker")[0]
            for start, end, quoted in pending:
                content = quoted.strip(" “”«»\"")
                offset = start + quoted.index(content)
                args = [Argument("speaker", speaker.text, speaker.start, speaker.end, speaker.entity_id),
                        Argument("content", content, offset, offset + len(content))]
                out.append(Event(EventType.STATEMENT, doc_id, Sentence(doc_id, start, end, quoted), frame.trigger,
                                 args))
        pending.clear()
    elif opens > closes:
        pending[:] = [(bounds[0], bounds[1], text)]
    elif pending and not closes and len(pending) < 5:
        pending.append((bounds[0], bounds[1], text))
    else:
        pending.clear()
    return out


def _merge(best: list[Argument], others: list[list[Argument]]) -> list[Argument]:
    """Fill roles the best reading lacks from the sentence's other triggers of the same type
    ("Netanyahu appointed Katz as defence minister, replacing Gallant")."""
    have = {a.role for a in best}
    out = list(best)
    for args in others:
        for a in args:
            if a.role not in have and a.role != "date":
                out.append(a)
        have |= {a.role for a in args}
    return out


def extract(doc: Doc, extractor: EventExtractor) -> list[Event]:
    """All event mentions of ``doc`` (see the module docstring)."""
    doc_id = doc._.kg_doc_id or "doc"
    triggers = extractor.triggers(doc)
    memory: dict = {}
    events: list[Event] = []
    ents = list(doc.ents)
    doc_text = doc.text
    for sent in doc.sents:
        bounds = _sentence_bounds(sent)
        if bounds is None:
            continue
        ctx = Context(doc, sent, memory, ents, doc_text)
        here = [t for t in triggers if sent.start <= t.span.start and t.span.end <= sent.end]
        text = ctx.text[bounds[0]:bounds[1]]
        if here and not text.endswith("?") and len(sent) <= extractor.max_sentence_tokens:
            sentence = Sentence(doc_id, bounds[0], bounds[1], text)
            best: dict[EventType, tuple[int, Trigger, list[Argument]]] = {}
            candidates: dict[EventType, list[list[Argument]]] = {}
            for t in here:
                args = READERS[t.type](ctx, t)
                if args is None:
                    continue
                when = _date(ctx, t.span)  # every type: the date expression nearest the trigger
                if when is not None:
                    args.append(when)
                candidates.setdefault(t.type, []).append(args)
                score = len({a.role for a in args if a.role != "date"})
                if t.type not in best or score > best[t.type][0]:
                    best[t.type] = (score, t, args)
            for etype in EventType:
                if etype not in best:
                    continue
                _, t, args = best[etype]
                if is_trap(text, etype, t.span.text):
                    continue
                args = _merge(args, [c for c in candidates.get(etype, []) if c is not args])
                if etype == EventType.APPOINTMENT and not any(a.role == "person" for a in args):
                    continue
                trig = Mention(t.span.text, t.span.start_char, t.span.end_char, label=f"TRIGGER_{etype.value.upper()}")
                mood = modality_of(doc, sent, t.span)
                if etype == EventType.STATEMENT and mood == Modality.REPORTED:
                    mood = Modality.ASSERTED  # a statement is itself the attribution
                events.append(Event(etype, doc_id, sentence, trig, args, modality=mood))
                if etype == EventType.APPOINTMENT:
                    for a in args:
                        if a.role == "person":
                            memory["last_appointee"] = a
        events.extend(_quoted_before(memory, events, doc_id, text, bounds))
        persons = [e for e in ctx.ents if e.label_ == "PERSON"]
        if persons:
            # "he" in the next sentence: the subject person of this one's main verb, else the last person
            e = next((p for p in persons if _subject_of_root(p)), persons[-1])
            memory["last_person"] = Argument("speaker", e.text, e.start_char, e.end_char, e.kb_id_ or None)
        for e in ctx.ents:
            if e.label_ == "LOC" and e.kb_id_.startswith("region/"):
                memory["last_region"] = e
    attribute(events)
    return events
