"""Event arguments read off a dependency parse.

Docs are built by hand with UD heads and labels (as a trained parser would
give them), so these tests pin the syntax rules without any model. Each case
also records what the word-order fallback gives on the unparsed text, to show
where the parse changes the answer.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.model import EventType
from kg.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def parsed_doc(nlp, rows: str) -> Doc:
    """Rows of ``word head dep tag pos`` (head: 0-based index of the head word)."""
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=[int(r[1]) for r in table], deps=[r[2] for r in table],
              tags=[r[3] for r in table], pos=[r[4] for r in table])
    doc._.kg_doc_id = "t"
    for name, proc in nlp.pipeline:
        if name != "kg_sentences":  # the parse fixes the sentence boundaries
            doc = proc(doc)
    return doc


def unparsed_doc(nlp, rows: str) -> Doc:
    """The words of ``rows`` as plain text, run through the pipeline without the hand-made parse."""
    text = " ".join(line.split()[0] for line in rows.strip().splitlines()).replace(" .", ".").replace(" ,", ",")
    doc = nlp.make_doc(text)
    doc._.kg_doc_id = "t"
    return nlp(doc)


def roles(doc, etype):
    evs = [e for e in doc._.kg_events if e.type == etype]
    assert len(evs) == 1, [(e.type, e.args) for e in doc._.kg_events]
    out = {}
    for a in evs[0].args:
        out.setdefault(a.role, []).append(a.text)
    return out


CASES = [
    # a spokesperson-like head stands for the actor in its "of" phrase; word order sees only "Kursk"
    ("""The 1 det DT DET
commander 8 nsubj NN NOUN
of 5 case IN ADP
the 5 det DT DET
Russian 5 amod JJ ADJ
forces 1 nmod NNS NOUN
in 7 case IN ADP
Kursk 5 nmod NNP PROPN
said 8 ROOT VBD VERB
the 10 det DT DET
attack 11 nsubj NN NOUN
failed 8 ccomp VBD VERB
. 8 punct . PUNCT""", EventType.STATEMENT, {"speaker": ["Russian forces"], "content": ["the attack failed"]}, None),
    # passive agent through "units of": obl:agent + partitive
    ("""The 1 det DT DET
village 3 nsubj:pass NN NOUN
was 3 aux:pass VBD AUX
shelled 3 ROOT VBN VERB
by 5 case IN ADP
units 3 obl:agent NNS NOUN
of 9 case IN ADP
the 9 det DT DET
Russian 9 amod JJ ADJ
army 5 nmod NN NOUN
. 3 punct . PUNCT""", EventType.STRIKE, {"agent": ["Russian army"], "target": ["The village"]}, "agent"),
    # the object's own phrase, without the clause that modifies it
    ("""Russian 1 amod JJ ADJ
forces 2 nsubj NNS NOUN
struck 2 ROOT VBD VERB
an 5 det DT DET
apartment 5 compound NN NOUN
block 2 obj NN NOUN
housing 5 acl VBG VERB
200 8 nummod CD NUM
families 6 obj NNS NOUN
. 2 punct . PUNCT""", EventType.STRIKE, {"agent": ["Russian forces"], "target": ["an apartment block"]}, "target"),
    # a partitive subject: the troops, not "a number", were integrated
    ("""A 1 det DT DET
number 6 nsubj:pass NN NOUN
of 5 case IN ADP
North 4 compound NNP PROPN
Korean 5 amod JJ ADJ
troops 1 nmod NNS NOUN
integrated 6 ROOT VBN VERB
into 9 case IN ADP
Russian 9 amod JJ ADJ
units 6 obl NNS NOUN
. 6 punct . PUNCT""", EventType.DEPLOYMENT, {"forces": ["North Korean troops"]}, None),
    # the parse's subject of an arrival verb, far from it, with its number left out
    ("""About 1 advmod RB ADV
200 4 nummod CD NUM
Russian 4 amod JJ ADJ
military 4 amod JJ ADJ
instructors 9 nsubj NNS NOUN
from 8 case IN ADP
the 8 det DT DET
Africa 8 compound NNP PROPN
Corps 4 nmod NNP PROPN
landed 9 ROOT VBD VERB
in 11 case IN ADP
Ouagadougou 9 obl NNP PROPN
. 9 punct . PUNCT""", EventType.DEPLOYMENT, {"forces": ["Russian military instructors"], "place": ["Ouagadougou"]},
     "forces"),
    # an unnamed attacker: a count of attackers as the subject or the passive by-agent, the subject of a
    # light verb whose object is the strike noun
    ("""Dozens 3 nsubj NNS NOUN
of 2 case IN ADP
militants 0 nmod NNS NOUN
attacked 3 ROOT VBD VERB
a 6 det DT DET
police 6 compound NN NOUN
post 3 obj NN NOUN
. 3 punct . PUNCT""", EventType.STRIKE, {"agent": ["Dozens of militants"], "target": ["a police post"]}, None),
    ("""The 2 det DT DET
army 2 compound NN NOUN
post 4 nsubj:pass NN NOUN
was 4 aux:pass VBD AUX
attacked 4 ROOT VBN VERB
by 6 case IN ADP
dozens 4 obl:agent NNS NOUN
of 8 case IN ADP
insurgents 6 nmod NNS NOUN
. 4 punct . PUNCT""", EventType.STRIKE, {"agent": ["dozens of insurgents"]}, "agent"),
    ("""The 2 det DT DET
federal 2 amod JJ ADJ
military 4 nsubj NN NOUN
has 4 aux VBZ AUX
conducted 4 ROOT VBN VERB
drone 6 compound NN NOUN
strikes 4 obj NNS NOUN
on 9 case IN ADP
Fano 9 compound NNP PROPN
positions 6 nmod NNS NOUN
. 4 punct . PUNCT""", EventType.STRIKE, {"agent": ["The federal military"]}, "agent"),
]


@pytest.mark.parametrize("rows, etype, expected, differs_from_word_order", CASES)
def test_arguments_from_parse(nlp, rows, etype, expected, differs_from_word_order):
    got = roles(parsed_doc(nlp, rows), etype)
    for role, texts in expected.items():
        assert got.get(role) == texts, (role, got)


@pytest.mark.parametrize("rows, etype, expected, differs_from_word_order",
                         [c for c in CASES if c[3] is not None])
def test_word_order_alone_reads_these_differently(nlp, rows, etype, expected, differs_from_word_order):
    """The same words unparsed: the fallback rules give another answer for the pinned role."""
    doc = unparsed_doc(nlp, rows)
    evs = [e for e in doc._.kg_events if e.type == etype]
    got = [a.text for e in evs for a in e.args if a.role == differs_from_word_order]
    assert got != expected[differs_from_word_order]


def test_statement_without_parse_reads_the_unnamed_source_phrase(nlp):
    """Word order finds no actor right before "said" here; the whole unnamed source phrase (head
    noun "commander" and its tail) is the speaker."""
    doc = nlp.make_doc("The commander of the Russian forces in Kursk said the attack failed.")
    doc._.kg_doc_id = "t"
    evs = [e for e in nlp(doc)._.kg_events if e.type == EventType.STATEMENT]
    assert [(a.role, a.text) for e in evs for a in e.args] == [
        ("speaker", "The commander of the Russian forces in Kursk"), ("content", "the attack failed")]


VERBLESS = """A 2 det DT DET
grim 2 amod JJ ADJ
day 10 obl:npmod NN NOUN
for 5 case IN ADP
the 5 det DT DET
region 2 nmod NN NOUN
, 10 punct , PUNCT
Foreign 8 compound NNP PROPN
Secretary 9 compound NNP PROPN
Philip 10 nsubj NNP PROPN
said 10 ROOT VBD VERB
. 10 punct . PUNCT"""


def test_tags_keep_a_phrase_without_verb_out_of_content(nlp):
    """"A grim day for the region, X said.": with tags, a phrase without a verb is not the
    reported content; untagged, any three words before the comma are taken."""
    assert roles(parsed_doc(nlp, VERBLESS), EventType.STATEMENT) == {"speaker": ["Philip"]}
    assert roles(unparsed_doc(nlp, VERBLESS), EventType.STATEMENT) == {"speaker": ["Philip"], "content": ["A grim day for the region"]}


TAGGED = [
    # "strike" tagged a noun: the noun reading alone, so "hit" is not read into the target
    ("""A 3 det DT DET
U.S. 3 compound NNP PROPN
air 3 compound NN NOUN
strike 4 nsubj NN NOUN
hit 4 ROOT VBD VERB
the 7 det DT DET
headquarters 7 compound NN NOUN
compound 4 obj NN NOUN
. 4 punct . PUNCT""", EventType.STRIKE, [{"target": ["the headquarters compound"], "agent": ["U.S."]}]),
    # a speech verb tagged a noun with a determiner of its own is no statement
    ("""It 1 nsubj PRP PRON
reports 1 ROOT VBZ VERB
to 5 case IN ADP
the 5 det DT DET
Syrian 5 amod JJ ADJ
state 1 obl NN NOUN
. 1 punct . PUNCT""", EventType.STATEMENT, []),
    # "state" before a noun is the noun, even after a named modifier ("the Kharkiv state town")
    ("""Troops 1 nsubj NNS NOUN
reached 1 ROOT VBD VERB
the 5 det DT DET
Kharkiv 5 compound NNP PROPN
state 5 compound NN NOUN
town 1 obj NN NOUN
of 7 case IN ADP
Tumeremo 5 nmod NNP PROPN
. 1 punct . PUNCT""", EventType.STATEMENT, []),
]


@pytest.mark.parametrize("rows, etype, expected", TAGGED)
def test_tags_choose_the_trigger_reading(nlp, rows, etype, expected):
    doc = parsed_doc(nlp, rows)
    got = []
    for ev in doc._.kg_events:
        if ev.type == etype:
            out = {}
            for a in ev.args:
                out.setdefault(a.role, []).append(a.text)
            got.append({r: v for r, v in out.items() if r in ("target", "agent", "speaker")})
    assert got == expected
