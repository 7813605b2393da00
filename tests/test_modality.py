"""Modality, attribution, date precision, quantity qualifiers and munition counts of event
mentions, on tiny hand-made sentences, with the rule pipeline and the shipped trained one."""
from __future__ import annotations

from datetime import date

import pytest

from kg.model import EventType, Modality
from kg.models import available
from kg.nlp import build_nlp

MODELS = ["blank"] + (["default"] if "kg_news_sm" in available() else [])


@pytest.fixture(scope="module", params=MODELS)
def nlp(request):
    return build_nlp(request.param)


def events_of(nlp, text, pub=date(2024, 11, 20)):  # a Wednesday
    doc = nlp.make_doc(text)
    doc._.kg_doc_id = "t"
    doc._.kg_pub_date = pub
    return nlp(doc)._.kg_events


def first(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype.value} in {[e.type.value for e in events]}"
    return found[0]


MODALITY = [
    ("Russia deployed 5,000 troops to Belarus.", "deployment", "asserted"),
    ("If these soldiers are deployed to Ukraine, they will die.", "deployment", "hypothetical"),
    ("North Korean troops might soon be deployed to the front.", "deployment", "hypothetical"),
    ("Russia could strike Kyiv again.", "strike", "hypothetical"),
    ("Russia did not deploy troops to Belarus.", "deployment", "negated"),
    ("Israel has never struck the facility.", "strike", "negated"),
    ("North Korean soldiers are expected to participate in the assault.", "deployment", "expected"),
    ("Russia will deploy more troops to Kursk next month.", "deployment", "expected"),
    ("Russia plans to deploy 10,000 troops to Belarus.", "deployment", "expected"),
    ("Putin said Russia would strike Kyiv.", "strike", "expected"),
    ("Russia would strike Kyiv if the West sent troops.", "strike", "hypothetical"),
    ("Russia reportedly struck a fuel depot in Odesa.", "strike", "reported"),
    ("According to Ukrainian officials, Russia struck Kharkiv overnight.", "strike", "reported"),
    ("Zelensky said Russia had deployed 50,000 troops to Kursk.", "deployment", "reported"),
]


@pytest.mark.parametrize("text,etype,expected", MODALITY)
def test_modality(nlp, text, etype, expected):
    assert first(events_of(nlp, text), EventType(etype)).modality == Modality(expected)


@pytest.mark.parametrize("text,etype,reported", [
    ("Zelensky said Russia had deployed 50,000 troops to Kursk.", "deployment", True),
    ("Russia did not deploy troops to Belarus, the Kremlin said.", "deployment", True),
    ("Russia deployed 50,000 troops to Kursk.", "deployment", False),
])
def test_statement_reports_mention(nlp, text, etype, reported):
    events = events_of(nlp, text)
    mention = first(events, EventType(etype))
    if reported:
        statement = first(events, EventType.STATEMENT)
        assert mention.reported_in == statement.id
    else:
        assert mention.reported_in is None


def test_quote_spanning_sentences_reports_mention(nlp):
    text = ("“Russia has deployed 11,000 North Korean soldiers to the Kursk region. "
            "They are suffering heavy losses,” Zelensky said.")
    events = events_of(nlp, text)
    dep = first(events, EventType.DEPLOYMENT)
    statements = [e for e in events if e.type == EventType.STATEMENT and e.sentence.start == dep.sentence.start]
    assert statements and dep.reported_in == statements[0].id
    assert dep.modality == Modality.REPORTED


@pytest.mark.parametrize("text,value,precision", [
    ("Russia struck Kyiv on Saturday.", "2024-11-16", "day"),
    ("Russia struck Kyiv yesterday.", "2024-11-19", "day"),
    ("Russia struck Kyiv three days ago.", "2024-11-17", "day"),
    ("Russia struck Kyiv earlier this week.", "2024-11-18", "week"),
    ("Russia struck Kyiv last week.", "2024-11-11", "week"),
    ("Russia struck Kyiv two weeks ago.", "2024-11-04", "week"),
    ("Russia struck Kyiv last month.", "2024-10", "month"),
    ("Russia struck Kyiv in October.", "2024-10", "month"),
    ("Russia struck Kyiv in December.", "2023-12", "month"),
    ("Russia struck Kyiv last year.", "2023", "year"),
    ("Russia struck Kyiv on 3 October 2022.", "2022-10-03", "day"),
])
def test_date_value_and_precision(nlp, text, value, precision):
    date_arg = first(events_of(nlp, text), EventType.STRIKE).get("date")[0]
    assert (date_arg.value, date_arg.precision) == (value, precision)


def test_relative_date_without_publication_date_is_not_guessed(nlp):
    date_arg = first(events_of(nlp, "Russia struck Kyiv last week.", pub=None), EventType.STRIKE).get("date")[0]
    assert (date_arg.value, date_arg.precision) == (None, None)


@pytest.mark.parametrize("text,value,qualifier", [
    ("Russia deployed around 11,000 troops to Kursk.", 11000, "approximate"),
    ("Russia deployed over 10,000 troops to Kursk.", 10000, "at_least"),
    ("Russia deployed at least 3,000 troops to Kursk.", 3000, "at_least"),
    ("Russia deployed as many as 12,000 troops to Kursk.", 12000, "at_most"),
    ("Russia deployed up to 100,000 troops to Kursk.", 100000, "at_most"),
    ("Russia deployed 7,000 troops to Kursk.", 7000, "exact"),
])
def test_quantity_qualifier(nlp, text, value, qualifier):
    q = first(events_of(nlp, text), EventType.DEPLOYMENT).get("quantity")[0]
    assert (q.value, q.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text,expected", [
    ("Russia fired 93 missiles and over 200 drones at Ukraine.",
     {"missiles": (93, "exact"), "drones": (200, "at_least")}),
    ("Iran fired about 180 ballistic missiles at Israel.", {"ballistic missiles": (180, "approximate")}),
    ("Russia launched drones at Kyiv.", {"drones": (None, None)}),
])
def test_munition_counts(nlp, text, expected):
    weapons = first(events_of(nlp, text), EventType.STRIKE).get("weapon")
    assert {w.text: (w.count, w.qualifier) for w in weapons} == expected
