"""Deployment arguments: the forces (named, bare or platforms), their number, the agent that sends
them and the place they go to.
"""
from __future__ import annotations

from spacy.tokens import Span

from kg.model import Argument
from kg.nlp.context import (
    _arg, _by_agent, _coordinated, _fronted_place, _passive, _premodifier_actor, BARE_FORCE_MODIFIERS, Context,
    DETERMINERS, ORDINAL_WORDS, PARTITIVES, PASSIVE_AUX, PERSONNEL_NOUNS, PLACE_LABELS, PLACE_PREPS, Trigger,
    PLATFORM_KINDS, governing_subject, is_acronym, is_border, separator_between, unnamed_force_subject, weapon_kind, WORDS)
from kg.nlp.gazetteer import force_nouns
from kg.nlp.spans import get_value
from kg.nlp import syntax
from kg.nlp.syntax import COUNT_NOUNS


def read_deployment(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    forces = [e for e in ctx.ents if e.label_ == "FORCES"]
    args: list[Argument] = []
    force = None
    if t.requires == "forces_subject":
        force = ctx.subject(sp, labels={"FORCES"}) or _parsed_subject_force(ctx, sp)
        if force is None:
            return None
    else:
        right = [e for e in forces if e.start >= sp.end]
        left = [e for e in forces if e.end <= sp.start]
        bare = _bare_object_force(ctx, sp) if not t.is_nominal else None
        of_force = _bare_object_force(ctx, sp, sp.end + 1) \
            if t.is_nominal and sp.end < ctx.sent.end and doc[sp.end].lower_ == "of" else \
            _bare_object_force(ctx, sp) if sp.text.lower() in SENDING_PHRASES else None  # "dispatch of 1,000 soldiers"
        if of_force is not None and (not right or of_force.start < right[0].start):
            force = of_force  # "announced the deployment of an additional 1,000 soldiers" (not the subject)
        elif bare is not None and (not right or bare.start < right[0].start and (
                _other_clause(ctx, bare, right[0]) or _beyond_comma(ctx, bare, right[0]))):
            force = bare  # "would send a second warship …, but ruled out putting British troops …",
            # "concentrated 100,000 troops in …, according to Ukrainian military estimates"
        elif right and (not t.is_nominal or right[0].start - sp.end <= 3):
            force = right[0]
        elif left and (_passive(doc, sp) or t.is_nominal and not right):
            force = left[-1]
        elif t.is_nominal and right:
            force = right[0]
        if force is None and not t.is_nominal:
            # "gathering troops", "sent tanks into Rafah": a bare force noun or a platform as the object;
            # else "Troops Amass For Assault": the forces as the subject of an intransitive use
            force = bare or ctx.subject(sp, labels={"FORCES"})
        if force is None and not t.is_nominal and sp[0].lower_.startswith("reinforc"):
            w = next((k for k in range(sp.end, min(ctx.sent.end, sp.end + 8)) if doc[k].lower_ == "with"
                      or doc[k].text in (",", ";")), None)
            if w is not None and doc[w].lower_ == "with":
                force = _bare_object_force(ctx, sp, w + 1)  # "reinforced its lines with hundreds of fighters"
        if force is None and t.is_nominal and sp.end < ctx.sent.end and doc[sp.end].lower_ == "of":
            force = _bare_object_force(ctx, sp, sp.end + 1)  # "the deployment of a squadron of F-16s"
        if force is None and not t.is_nominal and sp.start - 1 >= ctx.sent.start \
                and doc[sp.start - 1].lower_ in force_nouns() and ctx.ent_at(sp.start - 1) is None \
                and sp[0].lower_.endswith(("ed", "wn", "nt")):
            force = doc[sp.start - 1:sp.start]  # "Troops flown to Rakhine": a headline's bare participle
        if force is None and not t.is_nominal and _passive(doc, sp):
            # "The troops were deployed to …": a bare force noun as the passive subject
            j = sp.start - 1
            while j > ctx.sent.start and doc[j].lower_ in PASSIVE_AUX | {"have", "has", "had", "also", "now"}:
                j -= 1
            platform = ctx.ent_at(j) if j < sp.start - 1 else None
            if j < sp.start - 1 and doc[j].lower_ in force_nouns():
                force = doc[j:j + 1]
            elif platform is not None and platform.label_ == "WEAPON" and platform.end == j + 1 \
                    and weapon_kind(platform) in PLATFORM_KINDS:
                before = ctx.ent_at(platform.start - 1) if platform.start > ctx.sent.start else None
                start = before.start if before is not None and before.label_ == "WEAPON" else platform.start
                # "two MiG-29 fighter jets had been moved to …": platforms (but "troops backed by
                # helicopter gunships were deployed": the parse's subject first)
                force = _parsed_subject_force(ctx, sp) or doc[start:platform.end]
            else:
                force = _parsed_subject_force(ctx, sp)  # "units loyal to the Ministry of Defence were deployed"
        if force is None and t.requires in ("forces", "forces_to_place"):
            return None
        if t.requires == "forces_to_place" and not _destination_after(ctx, force):
            return None  # "ordered troops to withdraw", "kept troops on alert": no place the forces go to or stay in
    if force is not None:
        args.append(_arg("forces", force, ctx))
        q = _quantity_before(ctx, force) or _quantity_after(ctx, force)
        if q is not None:
            args.append(q)
    agent = None
    if t.requires != "forces_subject":
        if t.is_nominal:
            agent = _premodifier_actor(ctx, sp) or _by_agent(ctx, sp) or _orderer(ctx, sp)  # "Djibouti's dispatch of …"
        elif _passive(doc, sp):
            agent = _by_agent(ctx, sp)
        else:
            agent = ctx.subject(sp, exclude={"FORCES", "NORP", "PERSON"})
            if agent is None and force is not None and force.start >= sp.end:
                agent = ctx.subject(sp, labels={"FORCES"})  # "The Israeli army sent tanks into Rafah"
            if agent is None and force is not None and force.start >= sp.end:
                agent = unnamed_force_subject(ctx, sp)  # "the military had airlifted 500 soldiers to …"
        if agent is not None and force is not None and agent.start == force.start:
            agent = None
    if agent is not None:
        args.extend(_arg("agent", a, ctx) for a in _coordinated(ctx, agent))
    start = force.end if force is not None and force.start >= sp.end else sp.end
    place = ctx.after_prep(start, PLACE_PREPS - {"on"}, PLACE_LABELS)
    if place is not None and not ctx.same_clause(sp.start, place.start):
        place = None
    if place is None or is_border(place):  # a named place before the verb beats "along the border"
        place = _fronted_place(ctx, sp.start) or place
    if place is not None and (agent is None or place.start != agent.start):
        args.append(_arg("place", place, ctx))
    if not args:
        return None  # "these deployments", "any fleet deployed below": nothing to say who, what or where
    return args


def _bare_object_force(ctx: Context, sp: Span, start: int | None = None) -> Span | None:
    """A force noun ("troops", "military advisers") or a platform ("two aircraft carriers") right
    after the verb ``sp`` (or from token ``start``), past determiners, numbers and modifiers."""
    doc = ctx.doc
    first = sp.end if start is None else start
    j = first
    while j < ctx.sent.end and j < first + 8 and (
            doc[j].lower_ in DETERMINERS | PARTITIVES | BARE_FORCE_MODIFIERS | ORDINAL_WORDS | COUNT_NOUNS
            or doc[j].text in QUOTES or _modifier(doc[j]) or doc[j].text == "-" and j > first
            or _after_hyphen(doc, j, first) and ctx.ent_at(j) is None  # not "guided-missile destroyer"
            or ctx.ent_at(j) is not None and ctx.ent_at(j).label_ in ("CARDINAL", "ORDINAL")):
        if _force_word(doc, j) and not (j + 1 < ctx.sent.end and doc[j + 1].lower_ == "of") \
                and ctx.ent_at(j) is None:
            break  # "moved a brigade into …", "military advisers" (not "a brigade of marines")
        j += 1  # 'sent "at least 3,000 of its soldiers"', "airlifted some 500 newly conscripted soldiers"
    if j >= ctx.sent.end:
        return None
    ent = ctx.ent_at(j)
    if j + 1 < ctx.sent.end and ent is None and doc[j:j + 2].text.lower() in force_nouns():
        return doc[j:_personnel_end(ctx, j + 2)]  # "600 additional coast guard officers"
    if ent is not None and ent.start == j and ent.label_ in ("ORG", "GROUP") and ent[-1].lower_ in force_nouns():
        return doc[j:_personnel_end(ctx, ent.end)]  # "1,500 Frontier Corps personnel"
    if ent is not None and ent.start == j and ent.label_ in ("ORG", "GROUP", "FORCES") and ent.end < ctx.sent.end \
            and doc[ent.end].lower_ in force_nouns() and ctx.ent_at(ent.end) is None:
        return doc[j:_personnel_end(ctx, ent.end + 1)]  # "400 more KFOR troops", "1,000 AU troops"
    if ent is None and j + 1 < ctx.sent.end and is_acronym(doc[j]) \
            and doc[j + 1].lower_ in force_nouns() and ctx.ent_at(j + 1) is None:
        return doc[j:_personnel_end(ctx, j + 2)]  # the same with an acronym no model or gazetteer knows
    if doc[j].lower_ in SENT_PERSONNEL and ent is None:
        return doc[j:j + 1]  # "Baku sends reinforcements"
    if doc[j].lower_ in force_nouns():
        if ent is None:  # "military advisers", "army instructors", "a joint rapid-reaction force"
            return doc[_adjectives_before(doc, j, first):_personnel_end(ctx, j + 1)]
        if ent.label_ in ("ORG", "FORCES", "GROUP"):
            return ent  # "moved over 100 Special Forces"
    if ent is not None and ent.label_ == "WEAPON" and (j > first or ent.start == j):
        head = ctx.ent_at(ent.end) if ent.end < ctx.sent.end else None
        if head is not None and head.label_ == "WEAPON":
            return doc[ent.start:head.end]  # "the guided-missile destroyer": the platform the weapon modifies
        if head is None and ent.end < ctx.sent.end and doc[ent.end].lower_ in force_nouns():
            return doc[ent.start:ent.end + 1]  # "motorised rifle units": the units the weapon names
        return ent  # "deployed two aircraft carriers", "sent tanks": platforms sent
    return None


#: nominal phrases of sending whose bare force noun is the forces sent (not "the influx of fighters")
SENDING_PHRASES = frozenset({"dispatch of", "despatch of"})


def _after_hyphen(doc, j: int, first: int) -> bool:
    """A lower-case word joined by a hyphen to the word before it ("rapid-reaction")."""
    return j - 2 >= first and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ \
        and not doc[j - 2].whitespace_ and doc[j].is_alpha and doc[j].is_lower


#: modifiers that say how many or how new, not what kind: left out of the forces' text
AMOUNT_MODIFIERS = frozenset({"more", "additional", "extra", "fresh", "new", "other", "further", "of"})


def _adjectives_before(doc, j: int, first: int) -> int:
    """The start of the adjectives (and hyphenated compounds) right before the force noun at ``j``
    that say what kind of force it is ("joint rapid-reaction force", "elite troops"), from ``first``
    at the earliest; amounts ("additional", "more") end them."""
    k = j
    while k - 1 >= first:
        tok = doc[k - 1]
        if tok.lower_ in AMOUNT_MODIFIERS or not (tok.is_alpha and tok.is_lower or tok.text == "-"):
            break
        if tok.text == "-" or _after_hyphen(doc, k - 1, first) or (
                doc[k - 2].text == "-" if k - 2 >= first else False):
            k -= 1
            continue
        if not (tok.tag_ in ("JJ", "JJR") if doc.has_annotation("TAG") else tok.lower_ in BARE_FORCE_MODIFIERS):
            break
        k -= 1
    return k


def _personnel_end(ctx: Context, e: int) -> int:
    """``e`` past up to two lower-case personnel nouns that a force word before it modifies
    ("army instructors", "coast guard officers", "Frontier Corps personnel")."""
    doc = ctx.doc
    end = e
    while end < ctx.sent.end and end < e + 2 and doc[end].is_lower and doc[end].lower_ in PERSONNEL_NOUNS:
        end += 1
    return end


def _beyond_comma(ctx: Context, a: Span, b: Span) -> bool:
    """A comma between ``a`` and the later ``b`` that does not open a list of what ``a`` includes
    ("100,000 troops in …, according to Ukrainian military estimates"; not "a significant force,
    including North Korean troops")."""
    doc = ctx.doc
    commas = [t.i for t in doc[a.end:b.start] if t.text == ","]
    return bool(commas) and not (commas[0] + 1 < b.start and doc[commas[0] + 1].lower_ in INCLUSION_WORDS)


#: words after a comma that list what the phrase before it includes ("a force, including …")
INCLUSION_WORDS = WORDS["inclusion_words"]


def _destination_after(ctx: Context, force: Span) -> bool:
    """A place right after the forces ``force``: "to"/"into"/"in" and a place name or a determiner
    ("ordered the carrier to the eastern Mediterranean", "kept 500 troops in Somalia")."""
    k = force.end
    while k < ctx.sent.end and k < force.end + 4 and (ctx.ent_at(k) is None and ctx.doc[k].text[:1].isupper()
                                                      or ctx.ent_at(k) is not None
                                                      and ctx.ent_at(k).label_ not in PLACE_LABELS):
        k += 1  # "the aircraft carrier USS Carl Vinson": the ship's name
    if k + 1 >= ctx.sent.end or ctx.doc[k].lower_ not in ("to", "into", "in", "inside"):
        return False
    nxt = ctx.ent_at(k + 1)
    return nxt is not None and nxt.label_ in PLACE_LABELS or ctx.doc[k + 1].lower_ in ("the", "its", "their")


def _force_word(doc, j: int) -> bool:
    """A force noun at token ``j``, of one word or two ("troops", "coast guard")."""
    return doc[j].lower_ in force_nouns() or doc[j].lower_ in SENT_PERSONNEL \
        or j + 1 < len(doc) and doc[j:j + 2].text.lower() in force_nouns()


#: deployment verbs whose bare-noun subject is not read from the parse ("fighters join the SDF")
JOINING_VERBS = WORDS["joining_verbs"]
#: nouns deployed when a deployment verb takes them bare, beside the force nouns ("reinforcements")
SENT_PERSONNEL = WORDS["sent_personnel"]


def _parsed_subject_force(ctx: Context, sp: Span) -> Span | None:
    """The parse's subject of an arrival verb when its phrase holds a FORCES mention or its head is a
    force or personnel noun: "about 200 Russian military instructors from the Africa Corps, …, landed
    at …", "The troops arrived at …" (the phrase from its first word that is not a number, so the
    number stays the quantity)."""
    if not ctx.parsed or sp[0].lower_ in JOINING_VERBS or sp.root.dep_ in ("acl", "acl:relcl", "relcl", "amod"):
        return None  # "fighters continue to join the SDF", "a militia based in Iraq"
    s = syntax.subject(sp.root)
    if s is None or not ctx.sent.start <= s.i < ctx.sent.end or ctx.ent_at(s.i) is not None \
            and ctx.ent_at(s.i).label_ not in ("FORCES", "NORP"):
        return None
    phrase = syntax.head_phrase(s)
    named = any(e.label_ == "FORCES" and phrase.start <= e.start and e.end <= phrase.end for e in ctx.ents)
    if not named and s.lower_ not in force_nouns() and s.lower_ not in PERSONNEL_NOUNS:
        return None
    start = phrase.start
    while start < s.i and (ctx.doc[start].lower_ in ("about", "some", "around", "nearly", "almost", "over")
                           or ctx.ent_at(start) is not None and ctx.ent_at(start).label_ == "CARDINAL"):
        start += 1
    return ctx.doc[start:phrase.end]


def _quantity_before(ctx: Context, force: Span) -> Argument | None:
    j = force.start - 1
    doc = ctx.doc
    n = 0
    while j >= ctx.sent.start and n < 4 and (doc[j].lower_ in ("of", "some") or doc[j].text in QUOTES
                                             or doc[j].lower_ in DETERMINERS | BARE_FORCE_MODIFIERS
                                             or _modifier(doc[j])):
        j -= 1  # "1,100 additional troops", "3,000 of its soldiers", "500 newly conscripted soldiers"
        n += 1
    e = ctx.ent_at(j) if j >= ctx.sent.start else None
    if e is not None and e.label_ == "CARDINAL":
        return _arg("quantity", e, ctx, value=get_value(e))
    return None


def _quantity_after(ctx: Context, force: Span) -> Argument | None:
    """The number of a unit's members after it: "a joint rapid-reaction force of 5,000 troops"."""
    doc, k = ctx.doc, force.end
    if k + 2 < ctx.sent.end and doc[k].lower_ == "of":
        e = ctx.ent_at(k + 1)
        if e is None or e.label_ != "CARDINAL":
            return None
        m = e.end  # past a nationality or a modifier: "a contingent of 230 Kenyan police officers"
        while m < min(ctx.sent.end, e.end + 3) and not _member_noun(ctx, m) and (
                doc[m].ent_type_ == "NORP" or _modifier(doc[m]) or doc[m].text[:1].isupper() and doc[m].is_alpha):
            m += 1
        if m < ctx.sent.end and _member_noun(ctx, m):
            return _arg("quantity", e, ctx, value=get_value(e))
    return None


def _member_noun(ctx: Context, m: int) -> bool:
    """A force or personnel noun at ``m``, or the start of a FORCES mention ("Kenyan police")."""
    e = ctx.ent_at(m)
    return ctx.doc[m].lower_ in force_nouns() or ctx.doc[m].lower_ in PERSONNEL_NOUNS \
        or e is not None and e.label_ == "FORCES" and e.start == m


QUOTES = ('"', "“", "”")


def _modifier(tok) -> bool:
    """An adjective, participle or adverb inside a noun phrase ("additional", "newly conscripted"):
    by its tag, or untagged by its ending."""
    if not (tok.is_alpha and tok.is_lower):
        return False
    if tok.doc.has_annotation("TAG"):
        return tok.tag_ in ("JJ", "JJR", "VBN", "RB")
    return tok.lower_.endswith(("ly", "ed"))


def _orderer(ctx: Context, sp: Span) -> Span | None:
    """The subject of a verb ordering the deployment noun ``sp``: "Secretary Austin has ordered the
    deployment of …", "Putin approved the deployment of …" (the verb at most three words before)."""
    return governing_subject(ctx, sp, ORDERING_VERBS, 3, {"NORP"})


#: verbs whose object is a deployment noun and whose subject is the one deploying
ORDERING_VERBS = WORDS["ordering_verbs"]


def _other_clause(ctx: Context, a: Span, b: Span) -> bool:
    """Whether a clause boundary separates ``a`` from the later ``b`` ("a warship …, but … British
    troops"; not "a significant force, including North Korean troops")."""
    return not ctx.same_clause(a.end, b.start) or separator_between(ctx.doc, a.end, b.start) is not None

