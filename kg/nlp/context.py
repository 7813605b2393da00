"""The sentence being read by the event readers (:class:`Context`) and the word lists and
helpers the readers share: subjects, ``by``-agents, places, dates, argument building.

The per-type readers live in :mod:`kg.nlp.readers`; :mod:`kg.nlp.events` finds the
triggers and runs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.model import Argument, EntityKind, EventType, slug
from kg.nlp import syntax
from kg.nlp.gazetteer import ORG_HEADS, force_nouns, title_words
from kg.nlp.spans import get_value, values

#: the word lists below, from ``kg/data/arg_words.jsonl``
WORDS = lexicon.word_lists("arg_words")

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FORCES", "GROUP"}
PLACE_LABELS = {"GPE", "LOC"}
#: prepositions that introduce an event's place ('in Kursk', 'near the border')
PLACE_PREPS = WORDS["place_preps"]
#: prepositions that introduce a strike's target ('strikes on Kyiv')
TARGET_PREPS = WORDS["target_preps"]
#: nouns a nominal strike trigger can modify: 'bombing raids on X', 'a shelling campaign against X'
STRIKE_HEAD_NOUNS = WORDS["strike_head_nouns"]
#: strike nouns whose 'of' phrase is the target ('the shelling of Kherson')
OF_TARGET_TRIGGERS = WORDS["of_target_triggers"]
#: auxiliaries of a passive ('was deployed', 'got hit')
PASSIVE_AUX = WORDS["passive_aux"]
PARTICIPLE_CUT = re.compile(r",\s+\w+ing\b")
CLAUSE_CUT = re.compile(r",[”\"’]?\s+(?:where|which|who|while|although|but|whereas|a key|an|the)\b|;")
#: adverbs that are no argument on their own ('again', 'overnight')
ADVERBS = WORDS["adverbs"]
#: who a statement is told to ('told reporters'): never the content or speaker
RECIPIENTS = WORDS["recipients"]
#: speech verbs that take a recipient ('told', 'briefed')
TELL_VERBS = WORDS["tell_verbs"]
#: participles that open reported speech ('..., saying that')
REPORTING_PARTICIPLES = WORDS["reporting_participles"]
#: words that end a noun phrase read by word order (prepositions, conjunctions, verbs of result)
NP_STOP = WORDS["np_stop"]
#: personal pronouns resolved to a person
PRONOUNS_PERSON = WORDS["pronouns_person"]
#: place phrases that name no place on their own
GENERIC_PLACES = WORDS["generic_places"]
#: prepositions (a phrase they open is not a subject or object)
PREPOSITIONS = WORDS["prepositions"]
#: nouns naming an institution that can speak or act ('the ministry said')
INSTITUTION_NOUNS = WORDS["institution_nouns"]
#: quantity and group nouns before 'of' ('thousands of troops', 'a contingent of')
PARTITIVES = WORDS["partitives"]
#: nouns a force word can modify in a deployment ('military advisers', 'naval personnel')
PERSONNEL_NOUNS = WORDS["personnel_nouns"]
#: nouns that frame a place named after 'of'/'with' ('the border with Finland', 'the outskirts of Kyiv')
PLACE_FRAME_NOUNS = WORDS["place_frame_nouns"]
#: a border as a place of its own ("to the northern border"), and the direction words inside it
BORDER_NOUNS = WORDS["border_nouns"]
BORDER_COMPOUNDS = WORDS["border_compounds"]
COMPASS_ADJECTIVES = WORDS["compass_adjectives"]
#: speech verbs that may precede their subject after a quote or comma ('...,” said Zelensky')
INVERTING_VERBS = WORDS["inverting_verbs"]
#: words that end a role phrase: a subordinate clause or adjunct follows
ROLE_CUT = WORDS["role_cut"]
#: ordinal numbers written as words
ORDINAL_WORDS = WORDS["ordinal_words"]
#: modifiers a bare force noun may carry and still be the forces deployed ('fresh troops')
BARE_FORCE_MODIFIERS = WORDS["bare_force_modifiers"]
#: words that may stand between a subject and its verb ('Russia has also deployed')
SUBJECT_GAP = WORDS["subject_gap"]
#: words that start a new clause after a noun phrase
CLAUSE_STARTERS = WORDS["clause_starters"]
#: determiners and possessives that open a noun phrase
DETERMINERS = WORDS["determiners"]
#: possessive pronouns ('its jets'): their owner is the nearest actor
POSSESSIVE_PRONOUNS = WORDS["possessive_pronouns"]


@dataclass
class Trigger:
    type: EventType
    pos: str
    requires: str | None
    span: Span

    @property
    def is_nominal(self) -> bool:
        return self.pos in ("noun", "phrase")


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
        #: the sentence's first token after an agency dateline ("KYIV, Nov 17 (Reuters) -"), if any
        self.opening = _content_start(self)
        # the agency in a dateline reports the story; it is no actor in it
        self._actors = [e for e in self.ents if e.start_char >= self.opening.idx
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
            if tok.text == ")" and j - 2 >= self.sent.start and doc[j - 2].text == "(":
                # "the Group for the Support of Islam and Muslims (JNIM) overran"
                j = self._before_acronym(j, actors_only=False)
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
        official = tok.lower_ in lexicon.nouns("official")
        if official or tok.lower_ in force_nouns():
            # "a spokesperson for the Sudanese Armed Forces", "fighters from JNIM"
            for c in tok.children:
                if c.dep_ in ("nmod", "obl") and syntax.case_of(c) in (("for", "of", "from", "at") if official
                                                                       else ("of", "from")):
                    found = self.actor_for(c)
                    if found is not None:
                        return found
        head_is_weapon = e is not None and e.label_ == "WEAPON"
        if head_is_weapon or tok.lower_ in INSTITUTION_NOUNS or tok.lower_ in force_nouns() \
                or tok.lower_ in strike_nouns():
            # "A Ukrainian drone", "the Russian ministry", "JNIM militants", "Israeli strike hits …"
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod:poss", "poss") and c.i < tok.i:
                    m = self.ent_at(c.i)
                    if m is not None and m in self._actors:
                        return m
        return None

    def _before_acronym(self, j: int, actors_only: bool) -> int:
        """For ``)`` at ``j`` closing a one-word acronym: the index of the last word of the name
        before it ("the Rapid Support Forces (RSF)"), else of the acronym. ``actors_only``: the name
        counts only when it is an actor."""
        named = self.ent_at(j - 3) if j - 3 >= self.sent.start else None
        ok = named is not None and (not actors_only or named in self._actors)
        return j - 3 if ok else j - 1

    def adjacent_actor(self, t: Span) -> Span | None:
        """An actor right before the verb, with only auxiliaries or adverbs between
        ("..., the Palestinian health ministry said"): word order outranks a doubtful parse."""
        j = t.start - 1
        while j >= self.sent.start and (self.doc[j].lower_ in SUBJECT_GAP - {"who", "which", "to", "expected"}
                                         or self.doc[j].is_space):
            j -= 1
        if j - 2 >= self.sent.start and self.doc[j].text == ")" and self.doc[j - 2].text == "(":
            j = self._before_acronym(j, actors_only=True)  # "the Rapid Support Forces (RSF) have …"
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
        if all(t.tag_.startswith("VB") for t in found):
            return False, None  # "The Iran-aligned/VBN Houthis": a verb as subject is a misparse
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
        border = None
        k = i
        while k < end and (border is None or k <= border.end + 1):  # "the border near Kharkiv": Kharkiv
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
                    return self.specific_place(e, labels, end)
                if e is not None and "LOC" in labels and doc[k].lower_ in UNLINKED_PLACE_PREPS \
                        and _unlinked_place_name(e):
                    return Span(doc, e.start, e.end, label="LOC")  # "sent to Jermuk" (the NER's ORG)
                if "LOC" in labels and border is None and (e is None or e.label_ not in labels
                                                           or _is_modifier(doc, e)):
                    border = self.border_place(k + 1, end, labels)  # kept if no name follows
                    if border is not None and not is_border(border):
                        return border  # "the border town of Adré"
                generic = self.generic_place(k + 1)
                if generic is not None:
                    return generic
            k += 1
        return border

    def border_place(self, i: int, end: int, labels: set[str]) -> Span | None:
        """A border that is itself the place, from token ``i`` (after its preposition): "the northern
        border", "its eastern border", "the Afghan border", "Essequibo border", "the border region"
        (a span labelled LOC, no entity); "the border town of Adré" is the place named after "of".
        Up to three modifiers: names, compass words, adjectives (by the tagger); ``None`` when no
        border noun ends them before token ``end``."""
        doc = self.doc
        j = i
        while j < end and doc[j].lower_ in DETERMINERS:
            j += 1
        a = j
        while j < end and j - a < 3 and doc[j].lower_ not in BORDER_NOUNS and (
                doc[j].lower_ in COMPASS_ADJECTIVES or doc[j].ent_type_ or doc[j].pos_ in ("ADJ", "PROPN")
                or doc[j].text[:1].isupper() and doc[j].is_alpha):
            j += 1
        if j >= end or doc[j].lower_ not in BORDER_NOUNS:
            return None
        if j + 1 < end and doc[j + 1].lower_ in BORDER_COMPOUNDS:
            j += 1
            if j + 2 < end and doc[j + 1].lower_ == "of":
                e = self.ent_at(j + 2)
                if e is not None and e.label_ in labels:
                    return self.specific_place(e, labels, end)
        return Span(doc, a, j + 1, label="LOC")

    def specific_place(self, e: Span, labels: set[str], end: int) -> Span:
        """"Russia's Kursk region": the place named after ``e`` and a possessive (before token
        ``end``), else ``e``."""
        if e.end < end and self.doc[e.end].text in ("'s", "’s"):
            nxt = self.ent_at(e.end + 1)
            if nxt is not None and nxt.label_ in labels and nxt.end <= end:
                return nxt
        return e

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


#: words that separate two clauses (two strikes by different attackers in one sentence)
CLAUSE_SEPARATORS = WORDS["clause_separators"]
@lru_cache(maxsize=1)
def strike_nouns() -> frozenset[str]:
    """One-word strike nouns of the trigger lexicon ("strike", "airstrikes", "attack", …)."""
    return frozenset(f.lower() for r in lexicon.records("triggers") if r.get("type") == "strike"
                     and r.get("pos") == "noun" for f in r["forms"] if " " not in f)


#: head nouns of an actor that is not named, beyond the force and armed-group nouns
ATTACKER_NOUNS = WORDS["attacker_nouns"]


def subject_end(ctx: Context, sp: Span) -> int:
    """Index of the last word of the verb ``sp``'s subject: before auxiliaries and adverbs
    (``ctx.sent.start - 1`` when nothing precedes them)."""
    j = sp.start - 1
    while j >= ctx.sent.start and (ctx.doc[j].lower_ in SUBJECT_GAP or ctx.doc[j].lower_.endswith("ly")):
        j -= 1
    return j


def governing_subject(ctx: Context, sp: Span, verbs: frozenset[str], within: int, exclude: set[str],
                      through: frozenset[str] = frozenset()) -> Span | None:
    """The subject of a verb from ``verbs`` whose object is the trigger noun ``sp``: "Israel carried
    out a strike on …", "Austin has ordered the deployment of …" (the verb at most ``within`` words
    before the noun, with no comma and no entity between except those labelled ``through``)."""
    doc = ctx.doc
    for k in range(sp.start - 1, max(ctx.sent.start, sp.start - within - 1) - 1, -1):
        e = ctx.ent_at(k)
        if e is not None and e.label_ not in through or doc[k].text in (",", ";"):
            return None
        if doc[k].lower_ in verbs:
            return ctx.subject(doc[k:k + 1], exclude=exclude)
    return None


def separator_between(doc: Doc, start: int, end: int) -> Token | None:
    """The first word of :data:`CLAUSE_SEPARATORS` in ``doc[start:end]``, if any."""
    return next((w for w in doc[start:end] if w.lower_ in CLAUSE_SEPARATORS), None)


def unnamed_force_subject(ctx: Context, sp: Span) -> Span | None:
    """"The militia targeted …", "the group's naval forces had targeted …", "the military had airlifted
    …": a subject of the verb ``sp`` that names no actor but whose head noun is a force or an armed group (the phrase, at most six words, from its
    determiner; not the object of a preposition)."""
    doc = ctx.doc
    if doc.has_annotation("TAG"):
        if not sp[0].tag_.startswith("VB"):
            return None  # "a senseless terrorist attack": the noun
    elif sp.end >= ctx.sent.end or doc[sp.end].is_punct or doc[sp.end].lower_ in PREPOSITIONS:
        return None  # untagged: a verb reading needs its object ("the terrorist attack on …" is the noun)
    j = subject_end(ctx, sp)
    if j < ctx.sent.start or ctx.ent_at(j) is not None or doc[j].lower_ not in unnamed_attackers():
        return None
    i = j
    while i > ctx.sent.start and i > j - 5 and (doc[i - 1].is_alpha or doc[i - 1].text in ("'s", "’s", "-")) \
            and doc[i - 1].lower_ not in NP_STOP and ctx.ent_at(i - 1) is None:
        i -= 1
    if i > ctx.sent.start and doc[i - 1].lower_ in PREPOSITIONS:
        return None  # "the town near the army base attacked …" reads no attacker
    if doc[i].lower_ not in DETERMINERS and not doc[j].lower_.endswith("s"):
        return None  # a singular noun needs its determiner ("The militia"; not "terrorist attack")
    return doc[i:j + 1]


@lru_cache(maxsize=1)
def unnamed_attackers() -> frozenset[str]:
    """Head nouns of an attacker that is not named: forces, police and armed groups (nouns.jsonl)."""
    return force_nouns() | lexicon.nouns("armed_group") | ATTACKER_NOUNS


#: prepositions of a fronted place phrase ('In Syria, ...')
FRONTED_PLACE_PREPS = WORDS["fronted_place_preps"]


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
    e = ctx.specific_place(e, PLACE_LABELS, before)  # "In Russia's Belgorod region,"
    k = e.end
    while k < before and k < e.end + 4 and doc[k].text != ",":
        k += 1  # "In Russia's Belgorod region,", "Near Tabqa Dam, Syria,"
    return e if k < before and doc[k].text == "," else None


def _partitive(doc: Doc, of_index: int) -> bool:
    j = of_index - 1
    while j >= 0 and doc[j].text in ("”", '"', "’", "'"):
        j -= 1
    return j >= 0 and doc[j].lower_ in PARTITIVES


def weapon_kind(weapon: Span) -> str | None:
    """The ``kind`` of a weapon mention's lexicon row (weapons.jsonl: "aircraft", "ship", "missile" …)."""
    return _weapon_kinds().get(weapon.kb_id_)


@lru_cache(maxsize=1)
def _weapon_kinds() -> dict[str, str]:
    return {r["id"]: r.get("kind") for r in lexicon.records("weapons") if "id" in r}


#: weapon kinds that are platforms: forces when a deployment moves them ("jets were moved to …")
PLATFORM_KINDS = frozenset({"aircraft", "ship", "vehicle", "air_defence"})


def is_border(span: Span) -> bool:
    """Whether ``span`` is a border phrase of :meth:`Context.border_place` ("the northern border",
    "border region"), not a named place."""
    last = span[-1].lower_
    return last in BORDER_NOUNS or (last in BORDER_COMPOUNDS and len(span) > 1 and span[-2].lower_ in BORDER_NOUNS)


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
    participle = t[0].lower_.endswith(("ed", "sent", "struck", "hit", "shot"))
    if participle and t.end < len(doc) and doc[t.end].lower_ == "by" and j >= 0 and doc[j].is_alpha \
            and not doc[j].is_sent_start and doc[j].lower_ not in ("has", "have", "had", "having") \
            and doc[j].tag_ in ("NN", "NNS", "NNP", "NNPS"):
        return True  # a headline's bare participle: "bulk carrier hit by two missiles"
    return j >= 0 and doc[j].lower_ in PASSIVE_AUX and participle


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


#: nouns naming an unnamed attacker as a modifier of a strike noun or a weapon ("junta jets")
ACTOR_MODIFIERS = WORDS["actor_modifiers"]


def _premodifier_actor(ctx: Context, t: Span, unnamed_ok: bool = True) -> Span | None:
    """"Russian drone attacks", "Ukraine's strategic attacks": an actor inside the trigger's noun
    phrase; else (with ``unnamed_ok``) an actor noun among its modifiers ("junta jets", "insurgent
    attacks", "military air strikes": only weapons between; not "army base attack": a modifier of
    another noun)."""
    doc = ctx.doc
    j = t.start - 1
    unnamed = None
    while j >= ctx.sent.start and j >= t.start - 4:
        tok = doc[j]
        e = ctx.ent_at(j)
        if e is not None and e.label_ in ("NORP", "GPE", "ORG", "FORCES"):
            return e
        if e is not None and e.label_ == "WEAPON" or tok.is_alpha and tok.lower_ not in NP_STOP and not tok.is_punct:
            if unnamed is None and e is None and tok.lower_ in ACTOR_MODIFIERS \
                    and all(ctx.ent_at(w.i) is not None and ctx.ent_at(w.i).label_ == "WEAPON"
                            for w in doc[j + 1:t.start]):
                unnamed = doc[j:j + 1]
            j -= 1
            continue
        if tok.text in ("'s", "’s"):
            j -= 1
            continue
        break
    return unnamed if unnamed_ok else None


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


#: prepositions after which an unknown one- or two-word name the NER calls an organisation is a place
UNLINKED_PLACE_PREPS = WORDS["unlinked_place_preps"]


def _unlinked_place_name(e: Span) -> bool:
    """An organisation the dictionaries do not know, of one or two capitalised words (not an acronym,
    no institution head such as "Ministry" or "Brigade"): after "to"/"in"/"near" most likely a town
    the gazetteer lacks ("Jermuk", "Kinmen", "Cuyuni river")."""
    words = [t for t in e if not t.is_punct]
    return e.label_ == "ORG" and not e.kb_id_ and 1 <= len(words) <= 2 \
        and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words) \
        and not any(t.text in ORG_HEADS for t in words)


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
    """The date expression nearest the trigger ``t`` (not one in an agency dateline: "MOGADISHU,
    May 20 (Reuters) -" dates the report, not the event)."""
    dates = [e for e in ctx.ents if e.label_ == "DATE" and e.start >= ctx.opening.i]
    if not dates:
        return None
    best = min(dates, key=lambda e: abs(e.start - t.start))
    return _arg("date", best, ctx, value=get_value(best))


def _coordinated(ctx: Context, e: Span) -> list[Span]:
    """``e`` with the actors coordinated with it: "The US and Britain launched strikes" -> [US, Britain]."""
    doc = ctx.doc
    out = [e]
    first, last = e, e
    while first.start - 2 >= ctx.sent.start and doc[first.start - 1].lower_ in ("and", ","):
        prev = ctx.ent_at(first.start - 2)
        if prev is None or prev not in ctx.actors() or prev.label_ == "PERSON" and e.label_ != "PERSON":
            break
        j = prev.start - 1
        while j > ctx.sent.start and doc[j].lower_ in DETERMINERS:
            j -= 1
        if j >= ctx.sent.start and doc[j].lower_ in PREPOSITIONS:
            break  # "In Syria, Coalition forces …", "According to the AFP, China …": no coordinated actor
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


def _prev_word(ctx: Context, sp: Span) -> str | None:
    j = sp.start - 1
    while j >= ctx.sent.start and ctx.doc[j].is_space:
        j -= 1
    return ctx.doc[j].lower_ if j >= ctx.sent.start else None


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


#: an agency dateline opening a story's first sentence: "KYIV, Nov 17 (Reuters) - ", "GAZA (AP) — "
DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}"                     # the place in capitals
                      r"(?:,\s*[A-Z][a-z]+)?"                        # ", Haiti"
                      r"(?:/[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][a-z]+)?)*"  # "/ISLAMABAD", "BEIRUT/DAMASCUS"
                      r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"       # ", Nov 17"
                      r"\s*(?:\([A-Za-z .]{2,30}\))?"                 # " (Reuters)"
                      r"\s*[-–—]+\s+")


#: a place in capitals and a colon: "BEIRUT: Israeli warplanes struck …"
DATELINE_COLON = re.compile(r"[A-Z][A-Z.'’ -]{2,40}(?:\s*\([A-Za-z .]{2,30}\))?:\s+")


def _is_place_name(e: Span) -> bool:
    """A place by its label, or a name in capitals the gazetteer knows as a city, region or country
    (the NER may read "BEIRUT" as an organisation)."""
    if e.label_ in ("GPE", "LOC"):
        return True
    return _known_place(e.text)


def _known_place(text: str) -> bool:
    """Whether the gazetteer knows ``text`` (in title case: "BEIRUT" is "Beirut") as a city, region or country."""
    kinds = {EntityKind.CITY, EntityKind.REGION, EntityKind.STATE}
    return any(x.kind in kinds for x in lexicon.lookup(text.title()))


def is_acronym(tok: Token) -> bool:
    """Two to six capital letters ("GDF", "AFP", "KFOR")."""
    return tok.is_alpha and tok.is_upper and 2 <= len(tok.text) <= 6


def _content_start(ctx: Context) -> Token:
    """The first token of the sentence after an agency dateline, if it opens with one."""
    first = _first_token(ctx)
    m = DATELINE.match(ctx.text, first.idx, ctx.sent.end_char)
    if m is None:
        m = DATELINE_COLON.match(ctx.text, first.idx, ctx.sent.end_char)
        place = ctx.ent_at(first.i)
        if m is None or place is None or place.end_char > m.end() or not _is_place_name(place):
            return first  # "NATO: the alliance …" is no dateline; "BEIRUT: …" is
    elif "(" not in m.group() and "," not in m.group() and not _capital_place(ctx, first):
        return first  # a dash after capitals that name no place ("NATO - the alliance …") is no dateline
    for tok in ctx.sent:
        if tok.idx >= m.end():
            return tok
    return first


def _capital_place(ctx: Context, first: Token) -> bool:
    """Whether the capitals opening the sentence name a place ("GAZA — ", "RIYADH/ADEN — ")."""
    if not (first.is_upper and len(first.text) >= 3):
        return False
    e = ctx.ent_at(first.i)
    if e is not None:
        return _is_place_name(e)
    return _known_place(first.text)


def _first_token(ctx: Context) -> Token:
    for tok in ctx.sent:
        if not tok.is_space:
            return tok
    return ctx.sent[0]
