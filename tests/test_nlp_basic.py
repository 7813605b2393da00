"""Sentences, dates and quantities on tiny hand-made inputs (blank pipeline, no downloads)."""
from __future__ import annotations

from datetime import date

import pytest
import spacy

import kg.nlp  # noqa: F401  (registers the factories)
from kg.nlp.dates import find_dates
from kg.nlp.quantities import parse_number
from kg.nlp.spans import get_value, values

PUB = date(2024, 12, 15)  # a Sunday


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_dates")
    nlp.add_pipe("kg_quantities")
    return nlp


def run(nlp, text, pub=PUB):
    doc = nlp.make_doc(text)
    doc._.kg_pub_date = pub
    return nlp(doc)


@pytest.mark.parametrize("text, expected", [
    ("Troops arrived. Shelling resumed.", ["Troops arrived.", "Shelling resumed."]),
    ("A headline without a full stop\nThe body starts here.", ["A headline without a full stop", "The body starts here."]),
    ("The U.S. sent aid. Kyiv welcomed it.", ["The U.S. sent aid.", "Kyiv welcomed it."]),
    ("“We will fight,” he said. Then he left.", ["“We will fight,” he said.", "Then he left."]),
    ("He said “enough.” Then he left.", ["He said “enough.”", "Then he left."]),
    ("Casualties rose to 11,000 in 2024. Fighting went on.", ["Casualties rose to 11,000 in 2024.", "Fighting went on."]),
])
def test_sentences(nlp, text, expected):
    doc = run(nlp, text)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == expected


@pytest.mark.parametrize("text, value", [
    ("It was announced on Saturday.", "2024-12-14"),
    ("It was announced on Sunday.", "2024-12-15"),
    ("It was announced last Sunday.", "2024-12-08"),
    ("It happened yesterday.", "2024-12-14"),
    ("Reports surfaced last month.", "2024-11"),
    ("It was noticed in October.", "2024-10"),
    ("The incursion began earlier this year.", "2024"),
    ("They met on 3 March 2022.", "2022-03-03"),
    ("They met on March 3, 2022.", "2022-03-03"),
    ("They met on Dec. 2.", "2024-12-02"),
    ("The invasion of Ukraine in 2022 changed everything.", "2022"),
    ("Published 2024-12-15.", "2024-12-15"),
])
def test_dates_resolve_against_publication_date(nlp, text, value):
    doc = run(nlp, text)
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    assert len(dates) == 1
    assert get_value(dates[0]) == value


@pytest.mark.parametrize("text", ["It was announced on Saturday.", "Reports surfaced last month.",
                                  "It was noticed in October."])
def test_relative_dates_unknown_without_publication_date(nlp, text):
    """Never guess: relative dates need a publication date."""
    doc = run(nlp, text, pub=None)
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    assert len(dates) == 1 and get_value(dates[0]) is None


def test_absolute_date_needs_no_publication_date():
    assert find_dates("on 15 December 2024", None) == [(0, 19, "2024-12-15")]


@pytest.mark.parametrize("text, span_text, value, qualifier", [
    ("around 11,000 North Korean soldiers", "around 11,000", 11000, "approximate"),
    ("over 10,000 troops", "over 10,000", 10000, "at_least"),
    ("as many as 11,000 troops", "as many as 11,000", 11000, "at_most"),
    ("approximately 50,000 Russian troops", "approximately 50,000", 50000, "approximate"),
    ("93 missiles and 200 drones", "93", 93, "exact"),
    ("fewer than 500 soldiers", "fewer than 500", 500, "at_most"),
    ("2.5 million people", "2.5 million", 2500000, "exact"),
    ("twelve tanks", "twelve", 12, "exact"),
])
def test_quantities(nlp, text, span_text, value, qualifier):
    doc = run(nlp, text)
    nums = [e for e in doc.ents if e.label_ == "CARDINAL"]
    assert nums[0].text == span_text
    assert get_value(nums[0]) == value
    assert values(doc)[("qualifier", nums[0].start_char, nums[0].end_char)] == qualifier


def test_years_are_dates_not_quantities(nlp):
    doc = run(nlp, "since the invasion in 2022")
    assert [(e.text, e.label_) for e in doc.ents] == [("in 2022", "DATE")]


@pytest.mark.parametrize("num, scale, value", [("11,000", None, 11000), ("2.5", "million", 2500000),
                                               ("twelve", None, 12), ("3", "k", 3000), ("x", None, None)])
def test_parse_number(num, scale, value):
    assert parse_number(num, scale) == value


@pytest.mark.parametrize("text, tokens", [
    ("said Col. Mark Smith", ["said", "Col.", "Mark", "Smith"]),
    ("Lt. Col. Oleksiy Dmytrashkivskyi", ["Lt.", "Col.", "Oleksiy", "Dmytrashkivskyi"]),
    ("Maj. Gen. Joseph Martin", ["Maj.", "Gen.", "Joseph", "Martin"]),
    ("Spc. Lorraine Walsh", ["Spc.", "Lorraine", "Walsh"]),
])
def test_title_abbreviations_stay_one_token(text, tokens):
    from kg.nlp import add_abbreviations

    nlp = spacy.blank("en")
    add_abbreviations(nlp)
    assert [t.text for t in nlp.make_doc(text)] == tokens


@pytest.mark.parametrize("model", ["blank", "default"])
def test_title_abbreviation_is_no_sentence_end(model):
    from kg.nlp import build_nlp

    doc = build_nlp(model)('"We are excited to fly," said Col. Mark Smith, the wing commander.')
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize("text, starts", [
    # line-break mode (overwrite=False, as in the shipped model): a line break sets a boundary,
    # every other token is left to the parser (None), end punctuation included
    ("Troops arrived. Shelling resumed.", None),
    ("A headline\nTroops arrived. Shelling resumed.", [True, None, None, True, None, None, None, None, None]),
    ("A headline\n\nThe body", [True, None, None, True, None]),
])
def test_line_break_mode_leaves_other_boundaries_to_the_parser(text, starts):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences", config={"overwrite": False})
    doc = nlp(text)
    if starts is None:  # no line break: the doc is not touched
        assert not doc.has_annotation("SENT_START")
    else:
        assert [t.is_sent_start for t in doc] == starts


@pytest.mark.parametrize("model", ["blank", "default"])
def test_build_nlp_has_one_sentence_component_presetting_every_boundary(model):
    from kg.nlp import build_nlp

    nlp = build_nlp(model)
    assert nlp.pipe_names.count("kg_sentences") == 1
    assert nlp.get_pipe("kg_sentences").overwrite is True
    if "parser" in nlp.pipe_names:
        assert nlp.pipe_names.index("kg_sentences") < nlp.pipe_names.index("parser")
