"""The shipped pipeline kg/models/kg_news_sm: loads and produces sensible
tags, parses and entities. Skipped when the model has not been trained into
this checkout (python -m kg.train --data ../shared/data --out kg/models/kg_news_sm)."""
from __future__ import annotations

import json

import pytest

spacy = pytest.importorskip("spacy")

from kg.models import DEFAULT_MODEL, MODELS_DIR, available, model_path  # noqa: E402

HAVE_MODEL = DEFAULT_MODEL in available()
needs_model = pytest.mark.skipif(
    not HAVE_MODEL,
    reason=f"model directory {MODELS_DIR / DEFAULT_MODEL} absent: train it with `python -m kg.train`",
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(model_path())


def test_model_path_rejects_unknown_and_bad_names():
    with pytest.raises(FileNotFoundError):
        model_path("no_such_model")
    with pytest.raises(ValueError):
        model_path("../kg_news_sm")


@needs_model
def test_model_listed_and_meta():
    assert model_path() == MODELS_DIR / "kg_news_sm"
    meta = json.loads((model_path() / "meta.json").read_text())
    assert meta["name"] == "kg_news_sm"
    assert meta["license"] == "CC BY-SA 4.0"
    assert {s["name"].split(" (")[0] for s in meta["sources"]} >= {
        "UD English-EWT", "UD English-GUM", "Universal NER English-EWT", "re3d", "wikigold"}
    assert set(meta["labels"]["ner"]) == {"PERSON", "ORG", "LOC", "NORP"}
    assert "performance" in meta


@needs_model
def test_model_size_under_25mb():
    size = sum(p.stat().st_size for p in model_path().rglob("*") if p.is_file())
    assert size <= 25_000_000


@needs_model
def test_pipeline_components(nlp):
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "kg_sentences", "parser", "ner", "lemmatizer"]
    assert nlp.get_pipe_config("kg_sentences") == {"factory": "kg_sentences", "overwrite": False}


@needs_model
@pytest.mark.parametrize("text, sents", [
    # a line break always ends a sentence, with or without end punctuation
    ("Troops crossed the border\nThe mayor fled the city", ["Troops crossed the border", "The mayor fled the city"]),
    ("Posted by admin\n\nShelling continued overnight.", ["Posted by admin", "Shelling continued overnight."]),
    # everything else is the parser's: no split inside a line without a boundary
    ("Troops crossed the border on Monday and the mayor fled", ["Troops crossed the border on Monday and the mayor fled"]),
])
def test_line_breaks_end_sentences(nlp, text, sents):
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == sents


def test_shipped_pipeline_loads_in_a_fresh_interpreter_without_importing_kg():
    """spaCy finds our factory and architectures through the package's entry points."""
    import subprocess
    import sys

    if not HAVE_MODEL:
        pytest.skip("model not trained into this checkout")
    code = ("import sys, spacy; nlp = spacy.load(sys.argv[1]); "
            "print(len(list(nlp('Troops crossed the border\\nThe mayor fled').sents)))")
    out = subprocess.run([sys.executable, "-c", code, str(model_path())], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2"]


@needs_model
@pytest.mark.parametrize("text, token, lemma", [
    ("Russia deployed troops to Kursk.", "deployed", "deploy"),
    ("Russia deployed troops to Kursk.", "troops", "troop"),
    ("Two soldiers were killed.", "were", "be"),
])
def test_lemmas(nlp, text, token, lemma):
    assert next(t for t in nlp(text) if t.text == token).lemma_ == lemma


@needs_model
@pytest.mark.parametrize("text, root, subj, obj", [
    ("Russia deployed troops to Kursk.", "deployed", "Russia", "troops"),
    ("Israeli jets struck a school in Gaza on Monday.", "struck", "jets", "school"),
    ("The army said it had captured the town.", "said", "army", None),
])
def test_parse(nlp, text, root, subj, obj):
    doc = nlp(text)
    (sent,) = list(doc.sents)
    assert sent.root.text == root and sent.root.pos_ == "VERB" and sent.root.dep_ == "ROOT"
    subjects = [t.text for t in sent.root.children if t.dep_ in ("nsubj", "nsubj:pass")]
    assert subjects == [subj]
    if obj:
        assert [t.text for t in sent.root.children if t.dep_ == "obj"] == [obj]


@needs_model
@pytest.mark.parametrize("text, expected", [
    ("Russia deployed troops to Kursk.", {"Kursk": {"LOC"}, "Russia": {"LOC", "ORG"}}),
    ("Vladimir Putin met the NATO secretary general in Brussels.",
     {"Vladimir Putin": {"PERSON"}, "NATO": {"ORG"}, "Brussels": {"LOC"}}),
    ("The United Nations condemned the attack by Hamas.", {"United Nations": {"ORG"}, "Hamas": {"ORG"}}),
    ("Iranian officials visited Baghdad.", {"Iranian": {"NORP"}, "Baghdad": {"LOC"}}),
])
def test_entities(nlp, text, expected):
    ents = {e.text: e.label_ for e in nlp(text).ents}
    for span, labels in expected.items():
        assert ents.get(span) in labels, (span, ents)


@needs_model
@pytest.mark.parametrize("text, n_sents", [
    ("Troops crossed the border on Monday. The mayor fled the city.", 2),
    ("Shelling continued overnight. Three civilians were killed. Talks resumed in Geneva.", 3),
])
def test_sentence_boundaries_from_parser(nlp, text, n_sents):
    assert len(list(nlp(text).sents)) == n_sents


@needs_model
@pytest.mark.parametrize("text, token, pos, tag", [
    ("Russia deployed troops to Kursk.", "troops", "NOUN", "NNS"),
    ("Russia deployed troops to Kursk.", "to", "ADP", "IN"),
    ("He was killed in the strike.", "killed", "VERB", "VBN"),
])
def test_tags(nlp, text, token, pos, tag):
    tok = next(t for t in nlp(text) if t.text == token)
    assert (tok.pos_, tok.tag_) == (pos, tag)


@pytest.fixture(scope="module")
def kg_nlp():
    """The full default pipeline of kg build (this model with our rule components)."""
    from kg.nlp import build_nlp

    return build_nlp("default")


@needs_model
def test_titles_before_names_are_not_persons(kg_nlp):
    """The gazetteer blocks a title before a name, so the statistical NER does not tag it PERSON."""
    doc = kg_nlp("Prime Minister Benjamin Netanyahu appointed Major General Eyal Zamir as army chief.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Benjamin Netanyahu", "Eyal Zamir"]


@needs_model
@pytest.mark.parametrize("text, speaker", [
    # "he" takes the subject of the previous sentence, not its last-named person
    ("Biden said Zelensky would get more weapons. He added that the aid was urgent.", "Biden"),
    ("Netanyahu appointed Eyal Zamir as army chief, replacing Herzi Halevi. He said Zamir would lead the army.",
     "Netanyahu"),
])
def test_pronoun_speaker_is_previous_subject(kg_nlp, text, speaker):
    from kg.model import EventType

    doc = kg_nlp(text)
    statements = [e for e in doc._.kg_events if e.type == EventType.STATEMENT]
    assert [a.text for a in statements[-1].args if a.role == "speaker"] == [speaker]


@needs_model
@pytest.mark.parametrize("text, role, expected", [
    # a verb tagged as the subject ("Iran-aligned/VBN") is a misparse: word order finds the attacker
    ("The Iran-aligned Houthis, who control most of Yemen's populous north, have attacked dozens of merchant "
     "vessels since November.", "agent", ["Houthis"]),
    # a number word's "of" complement stays in the target
    ("The Iran-aligned Houthis, who control most of Yemen's populous north, have attacked dozens of merchant "
     "vessels since November.", "target", ["dozens of merchant vessels"]),
    # a name and its acronym in parentheses right before the verb: the subject (the parse attached the verb
    # elsewhere)
    ("The reshuffle comes five days after fighters from the al-Qaeda-linked Group for the Support of Islam and "
     "Muslims (JNIM) overran a military camp in Boulkessi.", "agent", ["Group for the Support of Islam and Muslims"]),
    # a headline's bare participle before "by" is a passive verb
    ("Liberian-flagged bulk carrier hit by two anti-ship missiles off Hodeidah", "weapon", ["anti-ship missiles"]),
    ("Liberian-flagged bulk carrier hit by two anti-ship missiles off Hodeidah", "place", ["Hodeidah"]),
])
def test_strike_roles_with_the_model(kg_nlp, text, role, expected):
    from kg.model import EventType

    doc = kg_nlp(text)
    strikes = [e for e in doc._.kg_events if e.type == EventType.STRIKE]
    assert [a.text for e in strikes for a in e.args if a.role == role] == expected


@needs_model
@pytest.mark.parametrize("text, role, expected", [
    # the adjectives that say what kind of unit was sent, not the amounts
    ("Mali will send a joint rapid-reaction force of 5,000 troops to Tillaberi.", "forces",
     ["joint rapid-reaction force"]),
    ("Mali will send a joint rapid-reaction force of 5,000 troops to Tillaberi.", "quantity", ["5,000"]),
    ("Russia sent 600 additional troops to Kursk.", "forces", ["troops"]),
    # a surname the NER left out of a long name joins it
    ("Defence Minister General Issoufou Mahamane Garba ordered the redeployment of some 600 soldiers to Tillaberi.",
     "agent", ["General Issoufou Mahamane Garba"]),
    # the size of a unit after "of", past a nationality
    ("A contingent of 230 Kenyan police officers arrived in Port-au-Prince on Tuesday.", "quantity", ["230"]),
])
def test_deployment_roles_with_the_model(kg_nlp, text, role, expected):
    from kg.model import EventType

    doc = kg_nlp(text)
    deps = [e for e in doc._.kg_events if e.type == EventType.DEPLOYMENT]
    assert [a.text for e in deps for a in e.args if a.role == role] == expected
