"""Strike arguments: the attacker, the target, the weapons and the place, for verbs ("Russia struck
Kyiv"), nouns ("drone strikes on Kharkiv"), fired weapons and accusations.
"""
from __future__ import annotations


from spacy.tokens import Span

from kg.model import Argument
from kg.nlp import syntax
from kg.nlp.context import (
    _arg, _by_agent, _coordinated, _det_before, _fronted_place, _passive, _premodifier_actor, _prev_word,
    ACTOR_LABELS, Context, DETERMINERS, NP_STOP, OF_TARGET_TRIGGERS, PASSIVE_AUX, PLACE_LABELS, POSSESSIVE_PRONOUNS,
    PREPOSITIONS, REPORTING_PARTICIPLES, STRIKE_HEAD_NOUNS, TARGET_PREPS, Trigger, governing_subject, is_border,
    separator_between, strike_nouns, subject_end, unnamed_attackers, unnamed_force_subject, weapon_kind, WORDS)
from kg.nlp.gazetteer import force_nouns


def read_strike(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    prev = _prev_word(ctx, sp)
    if not t.is_nominal and prev == "to":
        return None  # "to target Ukrainian positions": intended, not reported
    accused = _accused_of(ctx, sp) if not t.is_nominal and prev == "of" and t.requires != "weapon" else None
    if not t.is_nominal and prev in PREPOSITIONS and accused is None:
        return None  # "a history of attacking …": a gerund, read (if at all) as a noun
    if prev in DENIALS:
        return None  # "The RSF has denied targeting civilians": no attack reported
    if not t.is_nominal and _passive(doc, sp) and _no_subject(ctx, sp):
        return None  # "No Pakistani military facility was targeted."
    claimer = _claimed_by(ctx, sp) if t.is_nominal else None  # "Al Shabaab claimed responsibility for the attack"
    if t.is_nominal and _intended(ctx, sp) and claimer is None:
        return None  # "troops gathered for assault on Ukraine": planned, not reported (not "responsibility for")
    # the attacker a claim or a passive light verb names ("the attack was carried out by X")
    claimed = claimer or _carried_out_by(ctx, sp) if t.is_nominal else None
    if not t.is_nominal and (t.requires == "intercepted" or sp.text.lower() in INTERCEPT_VERBS):
        shot = _intercepted(ctx, sp)
        if shot is not None or t.requires == "intercepted":
            return shot
    args: list[Argument] = []
    target = None
    agent = None
    if not t.is_nominal and _carried_out_by(ctx, sp) is not None:
        return None  # "the Conoco attack was carried out by …": the noun, not the verb
    by_agent = _by_agent(ctx, sp)
    if by_agent is None and ctx.parsed and not t.is_nominal:
        # "was attacked by dozens of insurgents": an unnamed attacker as the by-agent
        by_agent = _attacker_phrase(ctx, syntax.by_agent(sp.root), ctx.sent.end)
    if t.is_nominal:
        k = sp.end
        if k < ctx.sent.end and doc[k].lower_ in STRIKE_HEAD_NOUNS:
            k += 1  # "265 bombing raids on ISIL targets", "the regime's bombing campaign"
        while k < ctx.sent.end and doc[k].text in ("”", '"', "’"):
            k += 1  # 'carried out "a precise strike" on Hamas militants'
        if k < ctx.sent.end and (doc[k].lower_ in TARGET_PREPS or doc[k].lower_ == "of" and sp[-1].lower_ in OF_TARGET_TRIGGERS):
            target = ctx.noun_phrase(k + 1)
        if target is None and sp[-1].lower_.endswith("ing") and k == sp.end and k < ctx.sent.end and (
                doc[k].lower_ in DETERMINERS or doc[k].is_alpha and doc[k].lower_ not in NP_STOP):
            target = ctx.noun_phrase(k)  # "accused the RSF of shelling a hospital": a gerund's object
        agent = claimed or by_agent or _premodifier_actor(ctx, sp, unnamed_ok=False)
        governing = _governing_casualty(ctx, sp)
        if agent is None and governing is not None:
            # "Israel said it had killed Nasrallah in an airstrike": the killer is the attacker
            agent = ctx.subject(doc[governing:governing + 1], exclude={"PERSON"})
            if target is None:
                victim = ctx.noun_phrase(governing + 1)
                if victim is not None and any(ctx.ent_at(i) is not None for i in range(victim.start, victim.end)):
                    target = victim
        if agent is None:
            agent = _light_verb_subject(ctx, sp)  # "Israel carried out a precise strike on …"
        if agent is None and ctx.parsed and sp.root.dep_ in ("obj", "dobj") \
                and sp.root.head.lower_ in STRIKE_LIGHT_VERBS:
            # "The federal military has conducted drone strikes on …": an unnamed attacker
            agent = _attacker_phrase(ctx, syntax.subject(sp.root.head), sp.start)
        if agent is None and _det_before(ctx, sp) in POSSESSIVE_PRONOUNS | {None} and not _possessed(ctx, sp):
            agent = ctx.left_actor(sp, exclude={"PERSON"})
            if agent is not None and agent.start > ctx.sent.start \
                    and doc[agent.start - 1].lower_ in PREPOSITIONS - {"by"}:
                agent = None  # "In Syria, coalition forces conducted 23 strikes": a place, not the attacker
            elif agent is not None and separator_between(doc, agent.end, sp.start) is not None:
                agent = None  # "Rwanda sends troops after insurgent raids": another clause's actor
        if agent is None:
            agent = _premodifier_actor(ctx, sp)  # "Military air strikes on three villages …"
    elif accused is not None:
        # "Moscow accused Kyiv of attacking a nuclear plant": the accused is the alleged attacker
        agent = accused
        target = _object_phrase(ctx, sp.end)
    elif _passive(doc, sp) and t.requires == "weapon":
        # "40 rockets had been fired at Israel": the weapon is the subject, the target follows
        if not any(e.label_ == "WEAPON" and e.end <= sp.start for e in ctx.ents):
            return None  # "she got fired", "the charges were dropped"
        agent = by_agent
        target = _aimed_at(ctx, sp.end, 4, TARGET_PREPS | {"into"})
        if target is None and agent is None:
            return None  # "car bombs were found before they could be detonated": aimed at nothing
    elif _passive(doc, sp):
        target = ctx.noun_phrase(_clause_start(ctx, sp))
        agent = by_agent
    elif t.requires == "weapon":
        # "Iran fired about 180 ballistic missiles at Israel": the object is a weapon, the target follows
        fired = _weapon_object(ctx, sp)
        if fired is None and sp[-1].lower_ in FIRE_VERBS and sp.end + 1 < ctx.sent.end \
                and doc[sp.end].lower_ in ("on", "at", "upon") and doc[sp.end + 1].lower_ not in ("least", "most"):
            # "suspected gang members fired on a Guyanese army supply boat": gunfire at a target
            target = ctx.noun_phrase(sp.end + 1)
            agent = ctx.subject(sp, exclude={"PERSON"}) or unnamed_force_subject(ctx, sp)
            if target is None:
                return None
        elif fired is None:
            return None
        else:
            agent = ctx.subject(sp, exclude={"PERSON"}) or _possessor_of_subject(ctx, sp)
            # "detonated a car bomb outside X"
            target = _aimed_at(ctx, fired.end, 8, {"at", "on", "against", "toward", "towards", "into", "outside"})
            if target is None and sp[0].lower_ in ("use", "uses", "used", "using"):
                return None  # "uses drones for reconnaissance": using a weapon is an attack only against something
    else:
        agent = ctx.subject(sp, exclude={"PERSON"}) or _possessor_of_subject(ctx, sp) \
            or unnamed_force_subject(ctx, sp) or _strike_noun_subject(ctx, sp) or _weapon_subject_owner(ctx, sp) \
            or _parsed_unnamed_subject(ctx, sp)  # "jihadists from the JNIM group attacked …"
        if agent is None and not _weapon_subject(ctx, sp):
            return None  # a verb needs a subject: "Overnight strikes targeted ..." is the noun
        obj = syntax.direct_object(sp.root) if ctx.parsed else None
        if obj is not None and ctx.sent.start <= obj.i < ctx.sent.end:
            target = syntax.head_phrase(obj)
        else:
            target = _object_phrase(ctx, sp.end)
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
    weapons = [e for e in ctx.ents if e.label_ == "WEAPON" and ctx.same_clause(e.start, sp.start)
               and not _after_damage_or_report(ctx, sp, e)]
    if target is not None and any(w.start >= target.start and w.end <= target.end for w in weapons) \
            and len(target) <= 2:
        target = None
    if target is not None and agent is not None and target.start <= agent.start < target.end:
        agent = None
    named_place = _place_in(ctx, target) if target is not None else None
    place_object = named_place is not None and _only_place(ctx, target, named_place)
    if place_object:
        target = None  # "US and UK strike Yemen", "pound south Lebanon": where, not what
    if target is not None:
        args.append(_arg("target", target, ctx))
        # "one strike destroyed a Russian tank": a weapon named inside the target was hit, not used
        weapons = [w for w in weapons if not (target.start <= w.start and w.end <= target.end)]
    if agent is not None:
        backed = _backed_group(ctx, agent)
        if backed is not None:
            args.append(_arg("agent", backed, ctx))
        else:
            args.extend(_arg("agent", a, ctx) for a in _coordinated(ctx, agent))
    for w in weapons:
        args.append(_arg("weapon", w, ctx))
    start = target.end if target is not None else sp.end
    strike_preps = {"in", "near", "at", "inside", "across", "outside", "around", "off"}
    semicolon = next((w.i for w in doc[start:ctx.sent.end] if w.text == ";"), None)
    place = ctx.after_prep(start, strike_preps, PLACE_LABELS, end=semicolon)  # not from the next clause
    if place is None and target is not None and target.start < sp.start:
        place = ctx.after_prep(target.end, strike_preps, PLACE_LABELS, end=sp.start)
    if place is None or is_border(place):  # a named place before the verb beats "near the border"
        place = _fronted_place(ctx, min(sp.start, target.start if target is not None else sp.start)) or place
    if place is None and named_place is not None and (place_object or _locates(ctx, named_place)):
        place = named_place  # "strike Yemen"; "Port Sudan fuel depot", "the Tuapse oil refinery"
    if place is not None:
        args.append(_arg("place", place, ctx))
    if not any(a.role in ("target", "agent", "weapon", "place") for a in args):
        return None
    if t.is_nominal and target is None and not weapons and by_agent is None and claimed is None:
        # a bare "Russian assaults" is too vague to code, unless the noun names the mode of attack
        # ("Israeli airstrikes") or casualties follow ("the attack killed 20")
        specific = t.requires == "actor_or_place" and (agent is not None or place is not None) or place_object
        if not specific and not _casualties_follow(ctx, sp):
            return None
    return args


def _intercepted(ctx: Context, sp: Span) -> list[Argument] | None:
    """"its air defences had destroyed 43 Ukrainian drones over Krasnodar", "shot down Russian
    missiles": an interception is a strike by the side whose weapons were downed (the weapons'
    nationality, right before them, is the attacker; no target; the place after "over")."""
    doc = ctx.doc
    k = sp.end
    if _passive(doc, sp) or k < ctx.sent.end and doc[k].lower_ == "by":
        return None  # "was intercepted by Indian naval vessels": the interceptor
    while k < ctx.sent.end and k < sp.end + 8:  # "destroyed 43 …", "shot down 41 of 63 …", "most of the …"
        e = ctx.ent_at(k)
        if e is not None and e.label_ in ("CARDINAL", "QUANTITY"):
            k = e.end
        elif e is None and not doc[k].is_punct:
            k += 1
        else:
            break
    owner = ctx.ent_at(k) if k < ctx.sent.end else None
    if owner is not None and owner.label_ == "WEAPON":
        # "shot down 41 of 63 Shahed-type drones launched by Russia": the side after the weapon
        weapon, by = owner, owner.end
        while by < ctx.sent.end and (doc[by].text == "-" or doc[by].lower_ in ("type", "class")
                                     or ctx.ent_at(by) is not None and ctx.ent_at(by).label_ == "WEAPON"):
            if ctx.ent_at(by) is not None:
                weapon = ctx.ent_at(by)  # "Shahed-type drones": the last weapon word
                by = weapon.end
            else:
                by += 1
        if by + 1 < ctx.sent.end and doc[by].lower_ in ("launched", "fired", "sent") and doc[by + 1].lower_ == "by":
            owner = ctx.right_actor(by + 2, labels={"GPE", "NORP", "ORG", "FORCES"}, max_gap=1)
        else:
            owner = None
    else:
        if owner is None or owner.label_ not in ("NORP", "GPE") or owner.end >= ctx.sent.end:
            return None
        j = owner.end
        if doc[j].text in ("'s", "’s"):
            j += 1
        weapon = ctx.ent_at(j) if j < ctx.sent.end else None
    if owner is None or weapon is None or weapon.label_ != "WEAPON" or weapon_kind(weapon) not in FLYING_KINDS:
        return None  # "destroyed a Russian tank": a target hit, not a weapon downed in flight
    args = [_arg("agent", owner, ctx), _arg("weapon", weapon, ctx)]
    place = ctx.after_prep(weapon.end, {"over", "near", "above"}, PLACE_LABELS)
    if place is not None:
        args.append(_arg("place", place, ctx))
    return args


#: weapon kinds (weapons.jsonl) that fly and can be downed
FLYING_KINDS = frozenset({"uav", "missile", "aircraft", "bomb"})


def _no_subject(ctx: Context, sp: Span) -> bool:
    """Whether the passive verb's clause opens with "No"/"None of" ("No facility was hit")."""
    first = ctx.doc[_clause_start(ctx, sp)]
    while first.i < sp.start and first.text in ('"', "“", "‘", "'"):
        first = ctx.doc[first.i + 1]
    return first.lower_ in ("no", "none")


def _place_in(ctx: Context, target: Span) -> Span | None:
    """The first place named inside the target phrase ("the port city of Hodeidah", "Port Sudan fuel
    depot")."""
    inside = next((e for e in ctx.ents if e.label_ in PLACE_LABELS and target.start <= e.start
                   and e.end <= target.end), None)
    if inside is None and target[-1].lower_ in PLACE_FILLERS and target.end < ctx.sent.end:
        after = ctx.ent_at(target.end)  # "the capital Kyiv": the name right after its frame
        if after is not None and after.start == target.end and after.label_ in PLACE_LABELS:
            return after
    return inside


def _only_place(ctx: Context, target: Span, place: Span) -> bool:
    """Whether the target phrase is nothing but the place and words that frame it ("south Lebanon",
    "the port city of Hodeidah", "El Fasher outskirts")."""
    if any(t.lower_ in FACILITY_WORDS for t in place):
        return False  # "Camp Hurriya", "Ain al-Asad Air Base": a facility hit, the target
    return all(place.start <= t.i < place.end or t.lower_ in PLACE_FILLERS or t.lower_ in DETERMINERS
               or t.is_punct for t in target)


def _locates(ctx: Context, e: Span) -> bool:
    """Whether a place named inside a target says where it is: a city or region as a modifier ("the
    Tuapse oil refinery"), not a country as its owner ("Ukraine's energy grid")."""
    possessive = e.end < ctx.sent.end and ctx.doc[e.end].text in ("'s", "’s")
    return not possessive and not e.kb_id_.startswith("country/") and e.label_ != "GPE"


#: words around a place name that leave it a place ("the outskirts of", "south", "port city of")
PLACE_FILLERS = WORDS["place_fillers"]
#: words that make a place name a facility, a target when struck ("Camp Hurriya")
FACILITY_WORDS = WORDS["facility_words"]


def _object_phrase(ctx: Context, i: int) -> Span | None:
    """The noun phrase at token ``i``, past a target preposition: "striking against those who …",
    "accused Kyiv of attacking a nuclear plant"."""
    if i < ctx.sent.end and ctx.doc[i].lower_ in TARGET_PREPS:
        i += 1
    return ctx.noun_phrase(i)


def _aimed_at(ctx: Context, i: int, within: int, aims: set[str]) -> Span | None:
    """The noun phrase after the first of the prepositions ``aims`` found from token ``i`` within
    ``within`` tokens: "fired about 180 ballistic missiles at Israel", "had been fired at Israel"."""
    doc = ctx.doc
    k = i
    while k < ctx.sent.end and k < i + within and doc[k].lower_ not in aims:
        k += 1
    return ctx.noun_phrase(k + 1) if k < ctx.sent.end and doc[k].lower_ in aims else None


def _possessed(ctx: Context, sp: Span) -> bool:
    """"the regime's indiscriminate bombing": a possessor ("'s") opens the trigger's noun phrase
    (adjectives between allowed), so the attacker is the possessor or nobody named, never an
    actor further left."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and j >= sp.start - 4 and doc[j].is_alpha and doc[j].lower_ not in NP_STOP:
        j -= 1
    return j >= ctx.sent.start and doc[j].text in ("'s", "’s")


#: words of a casualty clause after a strike ('killing three'): the clause is not the target
CASUALTY_WORDS = WORDS["casualty_words"]
#: verbs whose object is a strike noun and whose subject the attacker ("carried out a strike")
STRIKE_LIGHT_VERBS = WORDS["strike_light_verbs"]
#: verbs of downing weapons in flight: the weapons' side is the attacker ("intercepted Russian drones")
INTERCEPT_VERBS = WORDS["intercept_verbs"]
#: verbs of denial before a gerund trigger ("denied targeting civilians"): no attack reported
DENIALS = WORDS["denials"]


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


def _claimed_by(ctx: Context, sp: Span) -> Span | None:
    """"Al Shabaab claimed responsibility for the attack …": the claimer of a strike noun is its
    attacker (the subject of the claiming verb, named or an attacker noun)."""
    doc = ctx.doc
    j = sp.start - 1
    while j > ctx.sent.start and j >= sp.start - 4 and (doc[j].lower_ in DETERMINERS or doc[j].text in ("'s", "’s")
                                                         or ctx.ent_at(j) is not None
                                                         and ctx.ent_at(j).label_ in ("DATE", "WEAPON")):
        j -= 1
    if j - 2 < ctx.sent.start or doc[j].lower_ != "for" or doc[j - 1].lower_ != "responsibility" \
            or doc[j - 2].lower_ not in CLAIM_VERBS:
        return None
    verb = doc[j - 2:j - 1]
    if any(w.lower_ in ("not", "n't", "never", "no") for w in doc[max(ctx.sent.start, j - 4):j - 2]):
        return None  # "The RSF did not claim responsibility for …"
    return ctx.subject(verb, exclude={"PERSON"}) or unnamed_force_subject(ctx, verb)


def _carried_out_by(ctx: Context, sp: Span) -> Span | None:
    """"the Conoco attack was carried out by Kata'ib Hezbollah": the by-agent of a passive light
    verb whose subject is the strike noun (an actor, else the capitalised name after "by")."""
    doc = ctx.doc
    k = sp.end
    while k < ctx.sent.end and k < sp.end + 3 and doc[k].lower_ in PASSIVE_AUX | {"has", "have", "had"}:
        k += 1
    if k == sp.end or k >= ctx.sent.end or doc[k].lower_ not in STRIKE_LIGHT_VERBS:
        return None
    k += 2 if k + 1 < ctx.sent.end and doc[k + 1].lower_ == "out" else 1
    if k + 1 >= ctx.sent.end or doc[k].lower_ != "by":
        return None
    actor = ctx.right_actor(k + 1, max_gap=1)
    if actor is not None:
        return actor
    m = k + 1
    while m < ctx.sent.end and (doc[m].text[:1].isupper() or doc[m].text in ("'", "’", "-")):
        m += 1
    return doc[k + 1:m] if m > k + 1 else None


def _after_damage_or_report(ctx: Context, sp: Span, weapon: Span) -> bool:
    """A weapon after the trigger that a damage word or a reporting participle governs: what was hit
    ("…, hitting a Su-30SM fighter jet", "destroyed at least seven aircraft") or another statement
    ("…, adding that all aircraft had returned safely"), not what the strike used."""
    doc = ctx.doc
    if weapon.start < sp.end:
        return False
    return any(t.lower_ in DAMAGE_WORDS or t.lower_ in REPORTING_PARTICIPLES for t in doc[sp.end:weapon.start])


#: verbs claiming responsibility for an attack ("Al Shabaab claimed responsibility for the attack")
CLAIM_VERBS = WORDS["claim_verbs"]
#: words of damage done: a weapon after them was hit ("hitting a fighter jet", "destroyed seven aircraft")
DAMAGE_WORDS = WORDS["damage_words"]


#: participles after "Name-" that make the name a backer ("Iran-backed groups")
BACKING_PARTICIPLES = WORDS["backing_participles"]


def _backed_group(ctx: Context, agent) -> Span | None:
    """"Iran-backed groups have conducted …": the group a named backer backs, not the backer (the
    phrase up to its head, an attacker noun, at most four words after the participle)."""
    if not isinstance(agent, Span):
        return None
    doc = ctx.doc
    k = agent.end
    if not (k + 1 < ctx.sent.end and doc[k].text == "-" and doc[k + 1].lower_ in BACKING_PARTICIPLES):
        return None
    for m in range(k + 2, min(ctx.sent.end, k + 6)):
        if doc[m].lower_ in unnamed_attackers() or doc[m].lower_[:-1] in unnamed_attackers():
            return doc[agent.start:m + 1]  # "groups" as "group"
        if not (doc[m].is_alpha or doc[m].text == "-") or doc[m].lower_ in NP_STOP:
            break
    return None


def _parsed_unnamed_subject(ctx: Context, sp: Span) -> Span | None:
    """The parse's subject of a strike verb when it names no actor but is an attacker noun
    ("jihadists from the al-Qaeda-linked JNIM group attacked …": "jihadists")."""
    if not ctx.parsed:
        return None
    # the first subject after an agency dateline (a parser may attach the dateline's place too)
    subject = next((s for s in syntax.subjects(sp.root) if s.i >= ctx.opening.i), None)
    return _attacker_phrase(ctx, subject, sp.start)


def _attacker_phrase(ctx: Context, tok, before: int) -> Span | None:
    """The phrase of ``tok`` (a subject or a by-agent in the parse, before token ``before``) when it
    names no actor but an attacker: an attacker noun ("jihadists"), or a count of them ("Dozens of
    militants", "dozens of insurgents")."""
    if tok is None or not ctx.sent.start <= tok.i < before or ctx.ent_at(tok.i) is not None:
        return None
    head = tok
    if syntax.is_count(tok):
        head = next((c for c in tok.rights if syntax.case_of(c) == "of"), None)
        if head is None:
            return None
    if head.lower_ not in unnamed_attackers():
        return None
    phrase = syntax.head_phrase(tok)
    cases = [c.i for c in tok.lefts if c.dep_ == "case"]
    phrase = ctx.doc[max(cases) + 1:phrase.end] if cases else phrase  # not "two weeks after jihadists"
    if len(phrase) == 1 and not phrase[0].lower_.endswith("s"):
        return None  # "destroyed by force": a bare singular noun is a means, not an attacker
    return phrase


#: forms of "fire" that take a target without a weapon ("fired on a boat")
FIRE_VERBS = WORDS["fire_verbs"]


def _weapon_object(ctx: Context, sp: Span) -> Span | None:
    """The weapon a "fired"/"launched" verb takes as its object, within a few words."""
    for e in ctx.ents:
        if e.label_ == "WEAPON" and sp.end <= e.start <= sp.end + 5:
            return e
    return None


def _light_verb_subject(ctx: Context, sp: Span) -> Span | None:
    """The subject of a light verb whose object is the strike noun ``sp``: "Israel carried out a
    precise strike on …", "the coalition conducted two airstrikes near …" (a weapon may stand
    between)."""
    return governing_subject(ctx, sp, STRIKE_LIGHT_VERBS, 4, {"PERSON"}, through=frozenset({"WEAPON"}))


def _strike_noun_subject(ctx: Context, sp: Span) -> Span | None:
    """"Israeli strike hits near Damascus": a strike noun as the verb's subject lends its attacker."""
    j = subject_end(ctx, sp)
    if j < ctx.sent.start or ctx.doc[j].lower_ not in strike_nouns():
        return None
    return _premodifier_actor(ctx, ctx.doc[j:j + 1])


def _weapon_subject_owner(ctx: Context, sp: Span) -> Span | None:
    """"junta jets pound …", "government helicopters bombed …": the actor among the modifiers of a
    weapon that is the verb's subject."""
    j = subject_end(ctx, sp)
    e = ctx.ent_at(j) if j >= ctx.sent.start else None
    if e is None or e.label_ != "WEAPON":
        return None
    while e.start - 2 >= ctx.sent.start and ctx.doc[e.start - 1].lower_ in ("and", ",", "&"):
        prev = ctx.ent_at(e.start - 2)
        if prev is None or prev.label_ != "WEAPON":
            break
        e = prev  # "Russian missiles and glide bombs pound …": the first of the weapons
    return _premodifier_actor(ctx, e)


def _weapon_subject(ctx: Context, sp: Span) -> bool:
    """"Missiles hit a hospital": a weapon (with adverbs between) is the verb's subject."""
    j = subject_end(ctx, sp)
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
    j = subject_end(ctx, sp)
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


def _intended(ctx: Context, sp: Span) -> bool:
    """A nominal trigger inside a purpose phrase: "for (an) assault", "to launch an assault"."""
    doc = ctx.doc
    j = sp.start - 1
    while j >= ctx.sent.start and j >= sp.start - 4 and (doc[j].lower_ in DETERMINERS or doc[j].is_alpha
                                                          and doc[j].lower_ not in ("for", "launch", "prepare",
                                                                                    "planned", "planning")):
        j -= 1
    return j >= ctx.sent.start and doc[j].lower_ in ("for", "launch", "prepare", "planned", "planning")
