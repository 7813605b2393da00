"""Deployment arguments: the forces (named, bare or platforms), their number, the agent that sends
them and the place they go to.
"""
from __future__ import annotations

from spacy.tokens import Span

from kg.model import Argument
from kg.nlp.context import (
    _arg, _by_agent, _coordinated, _fronted_place, _passive, _premodifier_actor, BARE_FORCE_MODIFIERS, Context,
    DETERMINERS, ORDINAL_WORDS, PARTITIVES, PASSIVE_AUX, PERSONNEL_NOUNS, PLACE_LABELS, PLACE_PREPS, Trigger)
from kg.nlp.gazetteer import force_nouns
from kg.nlp.spans import get_value


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


def _bare_object_force(ctx: Context, sp: Span) -> Span | None:
    """A force noun ("troops", "military advisers") or a platform ("two aircraft carriers") right
    after the verb ``sp``, past determiners, numbers and modifiers."""
    doc = ctx.doc
    j = sp.end
    while j < ctx.sent.end and j < sp.end + 5 and (
            doc[j].lower_ in DETERMINERS | PARTITIVES | BARE_FORCE_MODIFIERS | ORDINAL_WORDS
            or ctx.ent_at(j) is not None and ctx.ent_at(j).label_ in ("CARDINAL", "ORDINAL")):
        j += 1
    if j >= ctx.sent.end:
        return None
    ent = ctx.ent_at(j)
    if doc[j].lower_ in force_nouns():
        if ent is None:
            e = j + 1  # "military advisers", "army instructors": the noun the force word modifies
            while e < ctx.sent.end and e < j + 3 and doc[e].is_lower and doc[e].lower_ in PERSONNEL_NOUNS:
                e += 1
            return doc[j:e]
        if ent.label_ in ("ORG", "FORCES", "GROUP"):
            return ent  # "moved over 100 Special Forces"
    if ent is not None and ent.label_ == "WEAPON" and (j > sp.end or ent.start == j):
        return ent  # "deployed two aircraft carriers", "sent tanks": platforms sent
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
