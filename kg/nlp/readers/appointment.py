"""Appointment arguments: the appointee, the appointer, the role and the person replaced.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.model import Argument
from kg.nlp.context import (
    _arg, _by_agent, _clause_end, _passive, _text_arg, Context, DETERMINERS, INSTITUTION_NOUNS, NP_STOP, PASSIVE_AUX,
    PREPOSITIONS, PRONOUNS_PERSON, ROLE_CUT, title_words, Trigger, unnamed_attackers)


#: who can appoint: a person, an organisation, a state or a group
APPOINTER_LABELS = {"PERSON", "ORG", "GPE", "GROUP", "FORCES"}


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
            comma = next((k for k in range(sp.end, old_holder.start) if doc[k].text == ","), None)
            if comma is not None and comma > sp.end + 1 and doc[sp.end].lower_ in DETERMINERS:
                args.append(_text_arg("role", ctx, doc[sp.end].idx, doc[comma].idx))  # "the commander of …, X,"
        appointer = ctx.subject(sp, labels=APPOINTER_LABELS)
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
        if sp[-1].lower_ == "as":  # "X took over as AUSSOM force commander": the post, not a predecessor
            if person is None:
                return None
            role = _role_phrase(ctx, sp, person, start=sp.end)
            return [_arg("person", person, ctx)] + ([role] if role is not None else [])
        rep = ctx.right_actor(sp.end, labels={"PERSON"}, max_gap=3) or _titled_predecessor(ctx, sp.end)
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
        appointer = ctx.subject(sp, labels=APPOINTER_LABELS)
        if person is None:
            return _new_post(ctx, sp, appointer)  # "Mali junta names new defence minister"
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


def _new_post(ctx: Context, sp: Span, appointer: Span | None) -> list[Argument] | None:
    """"Mali junta names new defence minister", "The army named a new commander on Monday": a post
    filled without the appointee's name (the role after "new"; the appointer, named or an unnamed
    institution, must be the subject)."""
    doc = ctx.doc
    k = sp.end
    if k < ctx.sent.end and doc[k].lower_ in ("a", "its", "their", "the", "his", "her"):
        k += 1
    if k + 1 >= ctx.sent.end or doc[k].lower_ != "new":
        return None
    if appointer is None:
        appointer = _unnamed_appointer(ctx, sp)
    if appointer is None:
        return None
    end = _clause_end(ctx, k + 1, participles=True)
    for m in range(k + 1, ctx.sent.end):
        if doc[m].idx >= end:
            break
        if doc[m].lower_ in ROLE_CUT or doc[m].lower_ in ("days", "weeks", "hours", "on", "in", "after", "as", ",") \
                or ctx.ent_at(m) is not None and ctx.ent_at(m).label_ == "DATE" \
                or doc[m].lower_ == "and" and m + 1 < ctx.sent.end and _verb_like(doc[m + 1]):
            end = doc[m].idx  # "… new defence minister days after …", "… a new commander on Monday",
            break             # "a new army chief of staff and dismissed …", "new army chief, sacks …"
    role = _text_arg("role", ctx, doc[k + 1].idx, end)
    words = role.text.split() if role is not None else []
    if not 0 < len(words) <= 6 or not any(w.lower() in post_words() for w in words):
        return None  # "to name their new company": no post
    return [role, _arg("appointer", appointer, ctx)]


def _verb_like(tok) -> bool:
    """A finite or past verb by its tag, or untagged a lower-case "-ed" word."""
    if tok.doc.has_annotation("TAG"):
        return tok.tag_ in ("VBD", "VBZ", "VBP", "VBN")
    return tok.is_lower and tok.lower_.endswith("ed")


@lru_cache(maxsize=1)
def post_words() -> frozenset[str]:
    """Words naming a post: person titles (titles.jsonl) and official nouns ("commander", "chief")."""
    words = frozenset(w.lower() for w in title_words()) | lexicon.nouns("official")
    return frozenset(w for w in words if w.isalpha() and len(w) > 3 and w not in PREPOSITIONS and w not in DETERMINERS)


def _unnamed_appointer(ctx: Context, sp: Span) -> Span | None:
    """"The army named …", "Mali junta names …": a subject phrase (at most four words) headed by an
    institution or force noun."""
    doc = ctx.doc
    j = sp.start - 1
    if j < ctx.sent.start or doc[j].lower_ not in INSTITUTION_NOUNS and doc[j].lower_ not in unnamed_attackers():
        return None
    i = j
    while i > ctx.sent.start and i > j - 3 and (doc[i - 1].is_alpha or doc[i - 1].text in ("'s", "’s")) \
            and doc[i - 1].lower_ not in PREPOSITIONS and doc[i - 1].lower_ not in NP_STOP:
        i -= 1  # not past "as", "and" …: "Drones hit a depot as army names …"
    return doc[i:j + 1]


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
    while j > ctx.sent.start and j >= sp.start - 9 and (doc[j].is_alpha or doc[j].text in (",", "-")) \
            and doc[j].lower_ not in DETERMINERS | {"another", "one"}:
        j -= 1  # "An orphaned, two-month old African elephant named Olly"
    return doc[j].lower_ in ("a", "an", "another", "one")


def _replaced_with(ctx: Context, sp: Span) -> tuple[Span | None, Span] | None:
    """"replaced X with Y" / "replaced him with Y": (X, or for a pronoun the last person named
    before the verb other than its subject; Y), or None when no "with" person follows."""
    doc = ctx.doc
    k = sp.end
    commas = 0
    while k < ctx.sent.end and k < sp.end + 16 and doc[k].lower_ != "with" and doc[k].text != ";" and commas <= 2:
        commas += doc[k].text == ","
        k += 1  # "replaced the commander of the Joint Forces, Lt Gen Andriy Hnatenko, with …": an apposition
    if k >= ctx.sent.end or doc[k].lower_ != "with" or commas not in (0, 2):
        return None
    new = ctx.right_actor(k + 1, labels={"PERSON"}, max_gap=2)
    if new is None:
        return None
    old = ctx.right_actor(sp.end, labels={"PERSON"}, max_gap=3 if not commas else k - sp.end)
    if old is not None and old.end > k:
        old = None
    if old is None and doc[sp.end].lower_ in PRONOUNS_PERSON:
        subject = ctx.subject(sp, labels={"PERSON"})
        before = [e for e in ctx.actors() if e.label_ == "PERSON" and e.end <= sp.start
                  and (subject is None or e.start != subject.start)]
        old = before[-1] if before else None
    return old, new


def _titled_predecessor(ctx: Context, i: int) -> Span | None:
    """"succeeding Kenya's Lieutenant General Peter Mwangi": a person after a country's possessive and
    titles (up to six words, no other word between)."""
    e = ctx.right_actor(i, labels={"PERSON"}, max_gap=6)
    if e is None:
        return None
    for k in range(i, e.start):
        tok, ent = ctx.doc[k], ctx.ent_at(k)
        if not (tok.lower_ in title_words() or tok.text in ("'s", "’s") or ent is not None and ent.label_ in ("GPE", "NORP")):
            return None
    return e


def _role_phrase(ctx: Context, sp: Span, person, start: int | None = None) -> Argument | None:
    """The post after the appointee or the verb ("as commander-in-chief", "defence minister"), up to
    a date or a new clause; from token ``start`` when the trigger itself ends with "as"."""
    doc = ctx.doc
    if start is not None:
        return _role_from(ctx, start) if start < ctx.sent.end else None
    k = sp.end
    if isinstance(person, Span) and person.start >= sp.end:
        k = person.end
        if k < ctx.sent.end and doc[k].text == ",":  # skip an apposition ", an economist," (a long one
            m = k + 1                                   # too: ", a retired admiral who until … unit, as …")
            while m < ctx.sent.end and m < k + 25 and doc[m].text not in (",", ";"):
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
    return _role_from(ctx, k)


def _role_from(ctx: Context, k: int) -> Argument:
    doc = ctx.doc
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
