"""The gazetteer component: dictionary entities with canonical ids, and its rules."""
from __future__ import annotations

import pytest

from kg import lexicon
from kg.nlp import build_nlp
from kg.nlp.gazetteer import _pattern_doc


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("blank")


@pytest.mark.parametrize("text, span, label, kb_id", [
    ("Zelenskiy spoke.", "Zelenskiy", "PERSON", "person/volodymyr-zelensky"),
    ("Fighting in the Kursk region went on.", "Kursk region", "LOC", "region/538555"),
    ("North Korean troops arrived.", "North Korean troops", "FORCES", "forces/KP"),
    ("Russian and North Korean troops arrived.", "Russian and North Korean troops", "FORCES", "forces/KP"),
    ("Wagner fighters arrived.", "Wagner fighters", "FORCES", None),
    ("NATO officials met.", "NATO officials", "GROUP", "group/nato-officials"),
    ("General Ivan Petrenko spoke.", "Ivan Petrenko", "PERSON", "person/ivan-petrenko"),
    ("The Ministry of Defence said so.", "Ministry of Defence", "ORG", None),
    ("A Shahed drone hit.", "Shahed drone", "WEAPON", None),
    ("They crossed into Russian territory.", "Russian territory", "LOC", "country/RU"),
])
def test_entities(nlp, text, span, label, kb_id):
    doc = nlp(text)
    found = {e.text: (e.label_, e.kb_id_) for e in doc.ents}
    assert span in found, found
    assert found[span][0] == label
    if kb_id is not None:
        assert found[span][1] == kb_id


def test_comma_is_not_coordination_without_and(nlp):
    doc = nlp("Troops were sent to Russia, South Korea's spy agency said.")
    assert ("Russia", "GPE") in {(e.text, e.label_) for e in doc.ents}


def test_plain_patterns_skip_the_tokenizer_without_changing_tokens(nlp):
    """The fast path for plain-word patterns must tokenise exactly as the tokenizer does."""
    bad = [p.text for p in lexicon.gazetteer_patterns()
           if [t.text for t in _pattern_doc(nlp, p.text)] != [t.text for t in nlp.make_doc(p.text)]]
    assert bad == []


@pytest.mark.parametrize("text, persons", [
    # a known given name and capitalised words (hyphenated parts, particles); later the surname
    ("Jean-Robert Célestin named Jacques-Édouard Bastien as police chief. Bastien replaces Marc-Antoine Dorval.",
     ["Jean-Robert Célestin", "Jacques-Édouard Bastien", "Bastien", "Marc-Antoine Dorval"]),
    ("Spokesman Abdul Aziz bin Muqrin said so.", ["Abdul Aziz bin Muqrin"]),
    ("The envoy Amina bint Khalid said so.", ["Amina bint Khalid"]),  # one particle list for all name rules
    ("The expert Joan Johnson-Freese said so.", ["Joan Johnson-Freese"]),
    # a surname before a hyphenated East Asian given name; later the surname
    ("Spokesperson Lin Yu-ting said Kao Wen-pin replaces Hsu Chen-wei. Kao said so.",
     ["Lin Yu-ting", "Kao Wen-pin", "Hsu Chen-wei", "Kao"]),
    # a surname read as a town is the person named in full elsewhere in the document; not inside "anti-X"
    ("Drills as Lai names new defence minister. President Lai Ching-te spoke.", ["Lai", "Lai Ching-te"]),
    ("Spokesman Jean-Robert Bush spoke. The anti-Bush filmmaker said so.", ["Jean-Robert Bush"]),
    # a compound word, a long second part: no person
    ("The Anti-war protests and Pro-Kremlin rallies in Ulan-Ude continued.", []),
    # a place or an institution's head word, an e-mail address: no person
    ("Ships sailed past the Neil Islands.", []),
    ("Write to Susan Rance@ENRON today.", []),
])
def test_given_name_persons(nlp, text, persons):
    doc = nlp(text)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == persons


def test_given_names_leave_out_places():
    from kg.nlp.gazetteer import given_names

    names = given_names()
    assert {"Jacques", "Marc", "Abdul"} <= names
    assert not {"Austin", "Aden", "Santiago"} & names  # cities


@pytest.mark.parametrize("text, ents, persons", [
    # a PERSON of title words only is no person; the name after it stays
    ("Secretary of Defense Lloyd Austin said so.", [(0, 3, "PERSON"), (3, 5, "PERSON")], ["Lloyd Austin"]),
    ("Then the Secretary approved it.", [(2, 3, "PERSON")], []),
    # a middle initial and a surname join the name, over an entity without an id; a generational suffix too
    ("Gen. Daniel R. Hollis replaces Mark T. Ebersole.", [(1, 2, "PERSON"), (5, 6, "PERSON"), (7, 8, "LOC")],
     ["Daniel R. Hollis", "Mark T. Ebersole"]),
    ("Lloyd J. Austin III said so.", [(0, 3, "PERSON")], ["Lloyd J. Austin III"]),
    # an initial that ends a sentence is no middle initial
    ("He met Daniel in Washington D.C. Then he left.", [(2, 3, "PERSON")], ["Daniel"]),
])
def test_statistical_persons_mended(nlp, text, ents, persons):
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    doc = nlp.get_pipe("kg_names")(doc)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == persons


@pytest.mark.parametrize("text, ents, expected", [
    # a PERSON span ending in a force's head word is an organisation, with the country before it
    ("The Guyana Defence Force said so.", [(1, 2, "GPE"), (2, 4, "PERSON")], [("Guyana Defence Force", "ORG")]),
    ("Then Defence Force moved.", [(1, 3, "PERSON")], [("Defence Force", "ORG")]),
    # an unknown acronym alone is no person
    ("PCG sends more ships.", [(0, 1, "PERSON")], [("PCG", "ORG")]),
    ("Then Ali Reza spoke.", [(1, 3, "PERSON")], [("Ali Reza", "PERSON")]),
    # a surname the NER left out of a name of two words or more joins it; one word takes nothing
    ("General Issoufou Mahamane Garba ordered it.", [(0, 3, "PERSON")], [("General Issoufou Mahamane Garba", "PERSON")]),
    ("The Briggs Declaration states it.", [(1, 2, "PERSON")], [("Briggs", "PERSON")]),
    ("Zelensky Aide Says troops left.", [(0, 2, "PERSON")], [("Zelensky Aide", "PERSON")]),
])
def test_persons_ending_in_force_heads_are_organisations(nlp, text, ents, expected):
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    doc = nlp.get_pipe("kg_names")(doc)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in ("ORG", "PERSON")] == expected


def test_a_title_is_no_surname(nlp):
    """"Inspector General" is a post: its "General" makes no person of "Major General" elsewhere."""
    from spacy.tokens import Span

    text = "Major General Faisal Rauf became Inspector General."
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 2, 4, label="PERSON", kb_id="person/faisal-rauf"), Span(doc, 5, 7, label="PERSON")]
    doc = nlp.get_pipe("kg_names")(doc)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Faisal Rauf"]
