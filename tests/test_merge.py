"""Merging event mentions into canonical events (kg.merge), on hand-made mentions."""
from __future__ import annotations

import pytest

from kg.merge import compatible, merge
from kg.model import Argument, Entity, EntityKind, Event, EventType, Mention, Modality, Sentence

ENTITIES = {
    "region/538555": Entity("region/538555", "Kursk Oblast", EntityKind.REGION, country="RU"),
    "country/RU": Entity("country/RU", "Russia", EntityKind.STATE, country="RU"),
    "country/UA": Entity("country/UA", "Ukraine", EntityKind.STATE, country="UA"),
}


def ev(doc, start, etype="deployment", modality="asserted", date=None, **roles):
    args = [Argument(role, eid, 0, 1, entity_id=eid) for role, eids in roles.items()
            for eid in ([eids] if isinstance(eids, str) else eids)]
    if date:
        args.append(Argument("date", date, 0, 1, value=date))
    return Event(EventType(etype), doc, Sentence(doc, start, start + 10, "x"), Mention("t", start, start + 1),
                 args, modality=Modality(modality))


CASES = [
    # same forces, place and the country containing it, different documents
    (ev("a", 0, forces="forces/KP", place="region/538555"), ev("b", 0, forces="forces/KP", place="country/RU"), True),
    (ev("a", 0, forces="forces/KP", place="region/538555"), ev("b", 0, forces="forces/KP"), True),
    # different places
    (ev("a", 0, forces="forces/KP", place="region/538555"), ev("b", 0, forces="forces/KP", place="country/UA"), False),
    # different forces / agents
    (ev("a", 0, forces="forces/KP"), ev("b", 0, forces="forces/RU"), False),
    (ev("a", 0, forces="forces/KP", agent="country/RU"), ev("b", 0, forces="forces/KP", agent="country/BY"), False),
    # dates: prefix-compatible, or different
    (ev("a", 0, forces="forces/KP", date="2024-11"), ev("b", 0, forces="forces/KP", date="2024-11-04"), True),
    (ev("a", 0, forces="forces/KP", date="2024-10"), ev("b", 0, forces="forces/KP", date="2024-11-04"), False),
    # modality: asserted and reported merge; hypothetical, negated only with their own kind
    (ev("a", 0, forces="forces/KP"), ev("b", 0, modality="reported", forces="forces/KP"), True),
    (ev("a", 0, forces="forces/KP"), ev("b", 0, modality="negated", forces="forces/KP"), False),
    (ev("a", 0, forces="forces/KP"), ev("b", 0, modality="hypothetical", forces="forces/KP"), False),
    (ev("a", 0, modality="expected", forces="forces/KP"), ev("b", 0, modality="expected", forces="forces/KP"), True),
    # types differ
    (ev("a", 0, forces="forces/KP"), ev("b", 0, etype="strike", forces="forces/KP"), False),
    # strikes across documents need dates on both sides
    (ev("a", 0, "strike", target="city/703448", date="2024-11-17"),
     ev("b", 0, "strike", target="city/703448", date="2024-11-17"), True),
    (ev("a", 0, "strike", target="city/703448"), ev("b", 0, "strike", target="city/703448"), False),
    (ev("a", 0, "strike", target="city/703448"), ev("a", 50, "strike", target="city/703448"), True),
    (ev("a", 0, "strike", target="city/703448", date="2024-11-17"),
     ev("b", 0, "strike", target="city/703448", date="2024-11-16"), False),
]


@pytest.mark.parametrize("a,b,expected", CASES)
def test_compatible(a, b, expected):
    assert compatible(a, b, ENTITIES) is expected
    assert compatible(b, a, ENTITIES) is expected


def test_merge_groups_across_documents_and_keeps_every_mention():
    mentions = [
        ev("d1", 0, forces="forces/KP", place="region/538555", agent="country/RU"),
        ev("d2", 5, forces="forces/KP"),  # vague: joins the largest event it fits
        ev("d3", 9, forces="forces/KP", place="country/RU"),
        ev("d4", 0, forces="forces/KP", place="country/UA"),
        ev("d4", 40, forces="forces/KP", place="region/538555"),
        ev("d5", 0, forces="forces/RU"),
        ev("d5", 30),  # no anchor: alone
    ]
    canonical = merge(mentions, ENTITIES)
    sizes = sorted((len(c.mentions), tuple(c.doc_ids)) for c in canonical)
    assert sizes == [(1, ("d4",)), (1, ("d5",)), (1, ("d5",)), (4, ("d1", "d2", "d3", "d4"))]
    assert sum(len(c.mentions) for c in canonical) == len(mentions)
    for c in canonical:
        assert {m.canonical_id for m in c.mentions} == {c.id}


def test_merge_does_not_depend_on_input_order():
    mentions = [ev("d1", 0, forces="forces/KP", place="region/538555"), ev("d2", 0, forces="forces/KP"),
                ev("d3", 0, forces="forces/KP", place="country/UA")]
    one = [(c.id, [m.id for m in c.mentions]) for c in merge(mentions, ENTITIES)]
    two = [(c.id, [m.id for m in c.mentions]) for c in merge(list(reversed(mentions)), ENTITIES)]
    assert one == two


def test_statements_merge_on_speaker_and_shared_content():
    def st(doc, text):
        e = ev(doc, 0, "statement", speaker="person/volodymyr-zelensky")
        e.args.append(Argument("content", text, 0, len(text)))
        return e
    a = st("a", "11,000 North Korean soldiers are in the Kursk region")
    b = st("b", "around 11,000 North Korean soldiers are now in Kursk region")
    c = st("c", "Ukraine needs more air defence systems from its allies")
    assert compatible(a, b) and not compatible(a, c)


# --------------------------------------------------------------------------- the indexed merge
# merge() indexes clusters by anchor, date, role fillers and size; it must choose exactly what
# the definition does: each mention, most specific first, joins the largest earlier cluster of
# its anchor whose every member it is compatible with (ties: the earliest), or starts one.

PLACES = ["region/538555", "city/703448", "country/RU", "country/UA", "city/2"]
ENTITIES_R = {**ENTITIES, "city/703448": Entity("city/703448", "Kyiv", EntityKind.CITY, country="UA"),
              "city/2": Entity("city/2", "Nowhere", EntityKind.CITY)}
DATES = [None, None, "2024", "2024-03", "2024-03-04", "2024-03-05", "2024-04"]
WORDS = "troops border soldiers region attack drones missiles control city night".split()


def reference_merge(events, entities):
    """The definition, checking every earlier cluster (quadratic)."""
    from kg.merge import COMPARED, _ids, anchor

    def specificity(e):
        return sum(1 for r in COMPARED[e.type] if _ids(e, r)) + (e.date is not None)

    ordered = sorted(events, key=lambda e: (-specificity(e), e.doc_id, e.sentence.start, e.type.value,
                                            e.trigger.start))
    clusters: list[list] = []
    for e in ordered:
        key = anchor(e)
        fits = [i for i, c in enumerate(clusters) if key is not None and c[0].type == e.type
                and anchor(c[0]) == key and all(compatible(e, o, entities) for o in c)]
        if fits:
            clusters[max(fits, key=lambda i: (len(clusters[i]), -i))].append(e)
        else:
            clusters.append([e])
    return sorted(sorted(m.id for m in c) for c in clusters)


def random_mentions(seed: int, n: int = 80, docs: int = 6):
    import random

    rng = random.Random(seed)
    out, used = [], set()
    while len(out) < n:  # n < docs * 8 * 4
        doc, start, etype = f"d{rng.randrange(docs)}", 10 * rng.randrange(8), rng.choice(list(EventType))
        if (doc, start, etype) in used:
            continue  # one mention per type and sentence, as extraction gives
        used.add((doc, start, etype))

        def some(pool, p_none=0.3):
            if rng.random() < p_none:
                return []
            return rng.sample(pool, 2) if rng.random() < 0.1 else [rng.choice(pool)]

        roles = {}
        if etype is EventType.DEPLOYMENT:
            roles = {"forces": some(["forces/KP", "forces/RU"], 0.1), "agent": some(["country/RU", "country/BY"]),
                     "place": some(PLACES)}
        elif etype is EventType.STRIKE:
            roles = {"target": some(PLACES, 0.4), "place": some(PLACES), "agent": some(["country/RU", "country/UA"])}
        elif etype is EventType.APPOINTMENT:
            roles = {"person": some(["person/a", "person/b"], 0.1), "appointer": some(["person/c", "person/d"])}
        else:
            roles = {"speaker": some(["person/a", "country/UA"], 0.1)}
        e = ev(doc, start, etype.value, rng.choice(["asserted", "asserted", "reported", "negated", "expected"]),
               rng.choice(DATES), **{r: v for r, v in roles.items() if v})
        if etype is EventType.APPOINTMENT and rng.random() < 0.5:
            e.args.append(Argument("role", "x", 0, 1, label=rng.choice(["commander", "minister"])))
        if etype is EventType.STATEMENT:
            text = " ".join(rng.sample(WORDS, 4))
            e.args.append(Argument("content", text, 0, len(text)))
        out.append(e)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_indexed_merge_chooses_as_the_definition(seed):
    mentions = random_mentions(seed)
    got = sorted(sorted(m.id for m in c.mentions) for c in merge(mentions, ENTITIES_R))
    assert got == reference_merge(mentions, ENTITIES_R)
    assert any(len(c) > 1 for c in got)  # the corpus does merge


def test_indexed_merge_on_a_larger_corpus():
    mentions = random_mentions(99, 400, docs=40)
    got = sorted(sorted(m.id for m in c.mentions) for c in merge(mentions, ENTITIES_R))
    assert got == reference_merge(mentions, ENTITIES_R)
    assert max(len(c) for c in got) > 5
