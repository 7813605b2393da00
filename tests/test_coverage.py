"""Events from other conflicts than the seeds' (Sudan, Red Sea, Lebanon, Myanmar, Sahel, DR Congo,
Syria): hand-made sentences, expected role texts and canonical ids, with both pipelines."""
from __future__ import annotations

from datetime import date

import pytest

from kg.link import link
from kg.model import EventType
from kg.models import available
from kg.nlp import build_nlp

MODELS = ["blank"] + (["default"] if "kg_news_sm" in available() else [])


@pytest.fixture(scope="module", params=MODELS)
def nlp(request):
    return build_nlp(request.param)


def linked(nlp, text):
    doc = nlp.make_doc(text)
    doc._.kg_doc_id = "t"
    doc._.kg_pub_date = date(2024, 11, 20)
    events, _ = link(nlp(doc)._.kg_events)
    return events


CASES = [
    ("The Rapid Support Forces shelled El Fasher on Sunday, killing 12 civilians.", "strike",
     {"agent": ("Rapid Support Forces", "org/rsf"), "place": ("El Fasher", "city/379555")}),
    ("Houthi rebels launched missiles at a commercial ship in the Red Sea.", "strike",
     {"agent": ("Houthi rebels", "org/houthis"), "weapon": ("missiles", "weapon/missile")}),
    ("JNIM militants attacked a military base in central Mali.", "strike",
     {"agent": ("JNIM militants", "org/jnim"), "target": ("a military base", None), "place": ("Mali", "country/ML")}),
    ("M23 rebels backed by Rwanda attacked Congolese army positions near Goma.", "strike",
     {"agent": ("M23 rebels", "org/m23"), "place": ("Goma", "city/216281")}),
    ("Myanmar's military carried out airstrikes on villages in Sagaing region.", "strike",
     {"agent": ("Myanmar's military", "forces/MM"), "place": ("Sagaing region", "region/1298480")}),
    ("Russia has sent around 1,500 Africa Corps fighters to Mali.", "deployment",
     {"agent": ("Russia", "country/RU"), "forces": ("Africa Corps fighters", "org/africa-corps"),
      "place": ("Mali", "country/ML"), "quantity": ("around 1,500", None)}),
    ("Netanyahu named Israel Katz as defence minister, replacing Yoav Gallant.", "appointment",
     {"person": ("Israel Katz", "person/israel-katz"), "appointer": ("Netanyahu", "person/benjamin-netanyahu"),
      "replaces": ("Yoav Gallant", "person/yoav-gallant")}),
    ("Iran's Supreme Leader Ayatollah Ali Khamenei said Israel would be punished.", "statement",
     {"speaker": ("Ayatollah Ali Khamenei", "person/ali-khamenei")}),
]


@pytest.mark.parametrize("text,etype,expected", CASES)
def test_other_conflicts(nlp, text, etype, expected):
    events = [e for e in linked(nlp, text) if e.type == EventType(etype)]
    assert events, text
    got = {a.role: (a.text, a.entity_id) for a in events[0].args}
    for role, (want_text, want_id) in expected.items():
        assert role in got, (role, got)
        assert got[role][0] == want_text
        if want_id is not None:
            assert got[role][1] == want_id
