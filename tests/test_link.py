"""Canonical entities: variants merge, rule ids get labels, unknowns stay apart."""
from __future__ import annotations

import pytest

from kg.link import link, name_key
from kg.model import Argument, Event, EventType, Mention, Sentence


def ev(doc_id: str, *args: tuple[str, str, str | None]) -> Event:
    sent = Sentence(doc_id, 0, 10, "x" * 10)
    return Event(EventType.STATEMENT, doc_id, sent, Mention("said", 0, 4),
                 [Argument(role, text, 0, len(text), entity_id=eid) for role, text, eid in args])


@pytest.mark.parametrize("a, b", [("Zelenskiy", "Zelenskyy"), ("Zelensky", "Zelenski"), ("Tarnavskiy", "Tarnavsky"),
                                  ("Zelensky", "Zelenskyi")])
def test_name_key_merges_transliterations(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Lutsenko", "Tarnavskiy"), ("Kim", "Kiper")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_person_variants_across_documents_are_one_entity():
    events = [ev("d1", ("speaker", "President Volodymyr Zelenskiy", "person/volodymyr-zelensky")),
              ev("d2", ("speaker", "Zelenski", "person/zelenski")),
              ev("d3", ("speaker", "Zelenskyy", "person/volodymyr-zelensky"))]
    linked, entities = link(events)
    ids = {a.entity_id for e in linked for a in e.args}
    assert ids == {"person/volodymyr-zelensky"}
    assert entities["person/volodymyr-zelensky"].label == "Volodymyr Zelensky"


def test_unknown_people_cluster_by_surname():
    events = [ev("d1", ("person", "General Ivan Petrenkiy", "person/ivan-petrenkiy")),
              ev("d2", ("speaker", "Petrenky", "person/petrenky")),
              ev("d2", ("replaces", "Ivan Dovzhenko", None))]
    linked, entities = link(events)
    ids = [a.entity_id for e in linked for a in e.args]
    assert ids[0] == ids[1] == "person/ivan-petrenkiy"
    assert ids[2] == "person/ivan-dovzhenko"
    assert entities[ids[0]].label == "Ivan Petrenkiy"


def test_unknown_spelling_joins_curated_person():
    """Tarnavskiy is not an alias in the lexicon, but it is a spelling of the curated Tarnavskyi."""
    linked, entities = link([ev("d1", ("person", "Oleksandr Tarnavskiy", "person/oleksandr-tarnavskiy"))])
    assert linked[0].args[0].entity_id == "person/oleksandr-tarnavskyi"


@pytest.mark.parametrize("role, text, eid, label, kind", [
    ("forces", "North Korean troops", "forces/KP", "Armed forces of North Korea", "armed_forces"),
    ("speaker", "Ukrainian commanders", "group/ua-commanders", "Ukrainian commanders", "group"),
    ("weapon", "drones", "weapon/drone", "drone", "weapon"),
    ("place", "Kursk Oblast", "region/538555", "Kursk Oblast", "region"),
    ("speaker", "the Ministry of Defence", "org/ministry-of-defence", "Ministry of Defence", "organisation"),
    ("agent", "Russia", "country/RU", "Russia", "state"),
])
def test_rule_and_lexicon_ids_get_labels(role, text, eid, label, kind):
    linked, entities = link([ev("d1", (role, text, eid))])
    arg = linked[0].args[0]
    assert (arg.entity_id, arg.label) == (eid, label)
    assert entities[eid].kind.value == kind


def test_unlinked_targets_are_document_scoped():
    linked, entities = link([ev("d1", ("target", "Ukrainian positions", None)),
                             ev("d2", ("target", "Ukrainian positions", None))])
    a, b = (e.args[0].entity_id for e in linked)
    assert a != b and a.startswith("thing/d1/") and b.startswith("thing/d2/")


def test_linking_does_not_change_the_shared_lexicon():
    from kg import lexicon
    from kg.link import Linker
    from kg.model import Argument, Event, EventType, Mention, Sentence

    known = lexicon.load_entities()
    before = set(known["person/volodymyr-zelensky"].aliases)
    sent = Sentence("d", 0, 30, "Zelenskyy Volodymyrovych said.")
    ev = Event(EventType.STATEMENT, "d", sent, Mention("said", 25, 29),
               [Argument("speaker", "Zelenskyy Volodymyrovych", 0, 24, entity_id="person/volodymyr-zelensky")])
    Linker(known).link([ev])
    assert known["person/volodymyr-zelensky"].aliases == before
