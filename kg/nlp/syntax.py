"""Reading event arguments off a dependency parse (Universal Dependencies labels).

Used by :mod:`kg.nlp.events` when the doc is parsed (a trained pipeline such as
``kg_news_sm``); each function answers ``None`` when the parse says nothing, and
the caller falls back to word-order rules.

- subject of a verb: ``nsubj`` / ``nsubj:pass``; a conjoined, ``xcomp`` or
  participial (``advcl`` VBG) verb shares its head's subject; a relative clause
  verb's subject is the noun it modifies ("soldiers who raided ...").
- object: ``obj``; passive agent: ``obl:agent`` or an ``obl`` with case "by".
- prepositional dependents: ``obl`` / ``nmod`` with a ``case`` child ("to the
  Kursk region", "strikes on Ukrainian cities", "deployment of ... troops").
- noun phrases: the head with its left dependents ("a fuel storage facility"),
  so trailing relative clauses and prepositional phrases stay out.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg import lexicon

SUBJ = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
OBJ = {"obj", "dobj"}
OBLIQUE = {"obl", "nmod", "obl:tmod", "obl:npmod", "nmod:poss", "prep", "pobj", "advmod"}
SHARES_SUBJECT = {"conj", "xcomp"}


def is_parsed(doc: Doc) -> bool:
    """Whether the doc carries a dependency parse."""
    return doc.has_annotation("DEP")


def case_of(tok: Token) -> str | None:
    """The preposition (``case`` child) introducing ``tok``, lower-cased; multiword "according to" kept."""
    for c in tok.children:
        if c.dep_ == "case":
            fixed = [f.lower_ for f in c.children if f.dep_ == "fixed"]
            return " ".join([c.lower_, *fixed])
    return None


def subjects(tok: Token, depth: int = 0) -> list[Token]:
    """Subject tokens of the verb ``tok`` (a parser may attach more than one), following
    shared-subject constructions; empty when the parse names none."""
    found = [c for c in tok.children if c.dep_ in SUBJ]
    if found or depth > 3 or tok.head is tok:
        return found
    if tok.dep_ in SHARES_SUBJECT or (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
        return subjects(tok.head, depth + 1)
    if tok.dep_ in ("acl:relcl", "acl", "relcl"):
        return [tok.head]
    return []


def subject(tok: Token) -> Token | None:
    """The first subject token of the verb ``tok`` (see :func:`subjects`)."""
    found = subjects(tok)
    return found[0] if found else None



def direct_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in OBJ:
            return c
    return None


def by_agent(tok: Token) -> Token | None:
    """``obl:agent`` or an oblique introduced by "by"."""
    for c in tok.children:
        if c.dep_ in ("obl:agent", "agent"):
            return c
    for c in tok.children:
        if c.dep_ in OBLIQUE and case_of(c) == "by":
            return c
    return None



def head_phrase(tok: Token) -> Span:
    """``tok`` with its left dependents: the core noun phrase without trailing modifiers."""
    doc = tok.doc
    start = tok.left_edge.i
    # a possessor or compound on the left belongs to the phrase; a leading case marker does not
    while start < tok.i and doc[start].dep_ in ("case", "punct", "cc", "mark"):
        start += 1
    end = tok.i + 1
    # "the city of El Fasher": an "of" complement naming something stays with its head;
    # "dozens of merchant vessels": so does the complement of a number word
    for c in tok.rights:
        if c.dep_ == "nmod" and case_of(c) == "of" and not c.ent_type_ and is_count(tok):
            end = max(end, c.i + 1)
        elif c.dep_ == "nmod" and case_of(c) == "of" and c.ent_type_:
            k = c.i + 1
            while k < len(doc) and doc[k].ent_iob_ == "I":  # to the end of the name
                k += 1
            end = max(end, k)
    while end < len(doc) and doc[end].ent_iob_ == "I":  # "El Fasher" parsed as obj + flat
        end += 1
    return doc[start:end]


#: number words whose "of" complement is what they count ("dozens of vessels")
COUNT_NOUNS = lexicon.word_lists("arg_words")["count_nouns"]


def is_count(tok: Token) -> bool:
    """A number or number word ("dozens", "one", "41")."""
    return tok.lower_ in COUNT_NOUNS or tok.like_num

