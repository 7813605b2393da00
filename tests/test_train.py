"""Tests for kg.train: converters on hand-made snippets and a smoke training run
on tiny fixtures written under tmp_path (no ../shared data needed)."""
from __future__ import annotations

import json

import pytest

spacy = pytest.importorskip("spacy")

from kg.train import convert as cv  # noqa: E402

# --------------------------------------------------------------------------- fixtures

EWT_SNIPPET = """\
# newdoc id = doc-a
# sent_id = doc-a-0001
# text = Russia didn't attack Kyiv.
1	Russia	Russia	PROPN	NNP	Number=Sing	4	nsubj	4:nsubj	_
2-3	didn't	_	_	_	_	_	_	_	_
2	did	do	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	4	aux	4:aux	_
3	n't	not	PART	RB	Polarity=Neg	4	advmod	4:advmod	_
4	attack	attack	VERB	VB	VerbForm=Inf	0	root	0:root	_
5	Kyiv	Kyiv	PROPN	NNP	Number=Sing	4	obj	4:obj	SpaceAfter=No
6	.	.	PUNCT	.	_	4	punct	4:punct	_

# sent_id = doc-a-0002
# text = American troops left.
1	American	American	ADJ	JJ	Degree=Pos	2	amod	2:amod	_
2	troops	troop	NOUN	NNS	Number=Plur	3	nsubj	3:nsubj	_
3	left	leave	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	0:root	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	3:punct	_

"""

UNER_SNIPPET = """\
# sent_id = doc-a-0001
# text = Russia didn't attack Kyiv.
1	Russia	B-LOC	-	x
2	did	O
3	n't	O
4	attack	O
5	Kyiv	B-LOC	-	x
6	.	O

# sent_id = doc-a-0002
# text = American troops left.
1	American	B-OTH	-	x
2	troops	O
3	left	O
4	.	O

"""

GUM_SNIPPET = """\
# newdoc id = GUM_bio_x
# sent_id = GUM_bio_x-1
# text = Daniel Bernoulli was a Swiss mathematician in the Bernoulli family.
1	Daniel	Daniel	PROPN	NNP	Number=Sing	6	nsubj	6:nsubj	Entity=(1-person-new-sssss-cf1-1,2-coref-Daniel_Bernoulli
2	Bernoulli	Bernoulli	PROPN	NNP	Number=Sing	1	flat	1:flat	Entity=1)
3	was	be	AUX	VBD	_	6	cop	6:cop	_
4	a	a	DET	DT	_	6	det	6:det	Entity=(2-person-giv-sssss-cf1-3-pred-Daniel_Bernoulli
5	Swiss	Swiss	ADJ	JJ	Degree=Pos	6	amod	6:amod	_
6	mathematician	mathematician	NOUN	NN	Number=Sing	0	root	0:root	_
7	in	in	ADP	IN	_	10	case	10:case	_
8	the	the	DET	DT	_	10	det	10:det	Entity=(3-organization-new-nnnnn-cf2-3-coref
9	Bernoulli	Bernoulli	PROPN	NNP	Number=Sing	10	compound	10:compound	Entity=(4-person-new-nnnnn-cf3-1-coref)
10	family	family	NOUN	NN	Number=Sing	6	nmod	6:nmod	Entity=3)2)|SpaceAfter=No
11	.	.	PUNCT	.	_	6	punct	6:punct	_

"""


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- CoNLL-U

def test_read_conllu_multiword_tokens_and_heads(tmp_path):
    sents = cv.read_conllu(_write(tmp_path / "a.conllu", EWT_SNIPPET))
    assert len(sents) == 2
    s = sents[0]
    assert s.words == ["Russia", "did", "n't", "attack", "Kyiv", "."]
    assert s.spaces == [True, False, True, True, False, True]
    assert s.heads == [3, 3, 3, 3, 3, 3]  # 0-based, root points to itself
    assert s.deps == ["nsubj", "aux", "advmod", "ROOT", "obj", "punct"]
    assert s.pos[:2] == ["PROPN", "AUX"] and s.tags[3] == "VB"
    assert s.sent_id == "doc-a-0001" and s.doc_id == "doc-a"
    assert sents[1].doc_id == "doc-a"


def test_make_doc_text_and_sentences(tmp_path):
    sents = cv.read_conllu(_write(tmp_path / "a.conllu", EWT_SNIPPET))
    doc = cv.make_doc(spacy.blank("en").vocab, sents)
    assert doc.text == "Russia didn't attack Kyiv. American troops left. "
    assert [s.root.text for s in doc.sents] == ["attack", "left"]
    assert doc[0].dep_ == "nsubj" and doc[0].head.text == "attack"
    assert not doc.has_annotation("ENT_IOB")  # no NER given -> missing, not O


@pytest.mark.parametrize("marks, par_starts, text", [
    # (comment lines before sentence 2 and 3), paragraph starts recorded, the raw text
    (("", ""), [], "Russia didn't attack Kyiv. American troops left. Kyiv stood. "),
    (("# newpar\n", ""), [6], "Russia didn't attack Kyiv.\nAmerican troops left. Kyiv stood. "),
    (("# newpar id = p2\n", "# newpar id = p3\n"), [6, 10], "Russia didn't attack Kyiv.\nAmerican troops left.\nKyiv stood. "),
    (("", "# newdoc id = doc-b\n"), None, None),  # a new document is a new doc, not a line break
])
def test_paragraph_starts_become_line_breaks(tmp_path, marks, par_starts, text):
    conllu = EWT_SNIPPET.replace("# sent_id = doc-a-0002", marks[0] + "# sent_id = doc-a-0002")
    conllu += marks[1] + "# sent_id = doc-a-0003\n1\tKyiv\tKyiv\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n" \
        "2\tstood\tstand\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
    sents = cv.read_conllu(_write(tmp_path / "a.conllu", conllu))
    assert sents[0].par_start  # "# newdoc" opens a paragraph too
    docs = list(cv.to_docs(spacy.blank("en").vocab, sents))
    if par_starts is None:
        assert len(docs) == 2 and all(cv.PAR_STARTS not in d.user_data for d in docs)
        return
    (doc,) = docs
    assert doc.user_data.get(cv.PAR_STARTS, []) == par_starts
    assert cv.paragraph_text(doc) == text
    # the marks survive a DocBin round trip (the evaluation reads them from the corpus)
    cv.write_docbin([doc], tmp_path / "d.spacy")
    from spacy.tokens import DocBin

    (back,) = DocBin().from_disk(tmp_path / "d.spacy").get_docs(spacy.blank("en").vocab)
    assert cv.paragraph_text(back) == text


# --------------------------------------------------------------------------- IOB

@pytest.mark.parametrize("tags, expected", [
    (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
    (["I-ORG", "I-ORG", "O", "I-LOC"], [(0, 2, "ORG"), (3, 4, "LOC")]),  # IOB1 (wikigold)
    (["B-PER", "B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "PER"), (2, 3, "ORG")]),
    (["O", "B-O", "O"], []),  # stray UNER "B-O" is O
    ([], []),
])
def test_iob_spans(tags, expected):
    assert cv.iob_spans(tags) == expected


@pytest.mark.parametrize("n, spans, expected", [
    (4, [(0, 2, "PERSON")], ["B-PERSON", "I-PERSON", "O", "O"]),
    (3, [(1, 3, None)], ["O", None, None]),
])
def test_spans_to_iob(n, spans, expected):
    assert cv.spans_to_iob(n, spans) == expected


def test_uner_merge_maps_labels_and_norp(tmp_path):
    sents = cv.read_conllu(_write(tmp_path / "a.conllu", EWT_SNIPPET))
    uner = cv.read_uner(_write(tmp_path / "a.iob2", UNER_SNIPPET))
    assert cv.uner_ents(sents[0], uner["doc-a-0001"]) == ["B-LOC", "O", "O", "O", "B-LOC", "O"]
    # OTH on a capitalised adjective -> NORP
    assert cv.uner_ents(sents[1], uner["doc-a-0002"]) == ["B-NORP", "O", "O", "O"]
    # tokens that do not align -> None (entities left missing)
    assert cv.uner_ents(sents[1], uner["doc-a-0001"]) is None


def test_gum_named_mentions(tmp_path):
    (s,) = cv.read_conllu(_write(tmp_path / "g.conllu", GUM_SNIPPET))
    mentions = cv.gum_mentions(s)
    assert (0, 2, "person") in mentions and (7, 10, "organization") in mentions
    assert (8, 9, "person") in mentions and (3, 10, "person") in mentions
    ents = cv.gum_ents(s)
    # "Daniel Bernoulli" named -> PERSON; "a Swiss mathematician ..." not named;
    # "the Bernoulli family" has a common-noun head; nested "Bernoulli" is named;
    # capitalised adjective "Swiss" -> NORP
    assert ents == ["B-PERSON", "I-PERSON", "O", "O", "B-NORP", "O", "O", "O", "B-PERSON", "O", "O"]


@pytest.mark.parametrize("words, expected", [
    (["The", "hospital"], None),
    (["It"], None),
    (["the", "Kurdish", "YPG"], (1, 3)),
    (["al", "-", "Qaeda", "in", "Iraq"], (0, 5)),
    (["Syrian", "universities"], None),
    (["Joseph", "Votel"], (0, 2)),
])
def test_named_span(words, expected):
    assert cv.named_span(words, 0, len(words)) == expected


def test_iob_sent_re3d_mapping():
    pairs = [("The", "B-Organisation"), ("Kurdish", "I-Organisation"), ("YPG", "I-Organisation"),
             ("attacked", "O"), ("Raqqa", "B-Location"), ("with", "O"), ("Syrian", "B-Nationality"),
             ("rockets", "B-Weapon"), ("on", "O"), ("Monday", "B-Temporal"), (".", "O"),
             ("They", "B-Organisation"), ("left", "O")]
    s = cv.iob_sent(pairs, cv.RE3D_MAP, names_only=True)
    assert s.ents == ["O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "B-NORP", "O", "O", "O", "O", "O", "O"]
    raw = cv.iob_sent(pairs, cv.RE3D_MAP, names_only=False)
    assert raw.ents[0] == "B-ORG" and raw.ents[11] == "B-ORG"
    wg = cv.iob_sent([("Japanese", "I-MISC"), ("band", "O"), ("The", "I-ORG"), ("Mad", "I-ORG")], cv.WIKIGOLD_MAP)
    assert wg.ents == [None, "O", "B-ORG", "I-ORG"]  # MISC -> missing


@pytest.mark.parametrize("words, expected", [
    (["He", "said", ",", "\"", "no", "\"", "."], [True, False, True, True, True, False, True]),
    (["(", "Syria", ")", "is", "10", "%"], [False, False, True, True, False, True]),
    (["Assad", "'s", "army"], [False, True, True]),
])
def test_guess_spaces(words, expected):
    assert cv.guess_spaces(words) == expected


def test_split_re3d_by_document_is_seeded_and_disjoint():
    by_source = {"A": [(f"A/{i}", []) for i in range(10)], "B": [(f"B/{i}", []) for i in range(5)]}
    tr, dv, te = cv.split_re3d(by_source)
    ids = [d for d, _ in tr + dv + te]
    assert sorted(ids) == sorted(d for v in by_source.values() for d, _ in v)
    assert len(set(ids)) == len(ids)
    assert len(te) == 2 + 1 and len(dv) == 1 + 1
    assert cv.split_re3d(by_source) == (tr, dv, te)  # fixed seed


# --------------------------------------------------------------------------- smoke run

def _conllu_sentence(sid, doc_id, words, pos, tags, heads, deps, first=False, newpar=False):
    lines = [f"# newdoc id = {doc_id}"] if first else ["# newpar"] if newpar else []
    lines += [f"# sent_id = {sid}", "# text = " + " ".join(words)]
    for i, (w, p, t, h, d) in enumerate(zip(words, pos, tags, heads, deps), 1):
        misc = "SpaceAfter=No" if i == len(words) - 1 else "_"
        lines.append(f"{i}\t{w}\t{w.lower()}\t{p}\t{t}\t_\t{h}\t{d}\t_\t{misc}")
    return "\n".join(lines) + "\n\n"


SMOKE_ACTORS = [("Russia", "LOC"), ("Ukraine", "LOC"), ("NATO", "ORG"), ("Putin", "PER"), ("Hamas", "ORG")]
SMOKE_PLACES = ["Kursk", "Kyiv", "Gaza", "Aleppo"]


def _smoke_data(root):
    ud, uner = {}, {}
    for split, n in (("train", 24), ("dev", 6), ("test", 6)):
        conllu, iob = [], []
        for k in range(n):
            actor, lab = SMOKE_ACTORS[k % len(SMOKE_ACTORS)]
            place = SMOKE_PLACES[k % len(SMOKE_PLACES)]
            words = [actor, "deployed", "troops", "to", place, "."]
            sid = f"{split}-{k}"
            conllu.append(_conllu_sentence(sid, f"d{split}{k // 4}", words,
                                           ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                                           ["NNP", "VBD", "NNS", "IN", "NNP", "."],
                                           [2, 0, 2, 5, 2, 2], ["nsubj", "root", "obj", "case", "obl", "punct"],
                                           first=k % 4 == 0, newpar=k % 4 == 2))
            tags = [f"B-{lab}", "O", "O", "O", "B-LOC", "O"]
            iob.append(f"# sent_id = {sid}\n" + "".join(f"{i}\t{w}\t{t}\n" for i, (w, t) in enumerate(zip(words, tags), 1)) + "\n")
        ud[split], uner[split] = "".join(conllu), "".join(iob)
        _write(root / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu", ud[split])
        _write(root / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2", uner[split])
    for d in range(5):
        _write(root / "re3d" / "conll" / "SRC" / f"doc{d}.conll",
               "The\tO\nCoalition\tB-Organisation\nstruck\tO\nMosul\tB-Location\n.\tO\n\n")
    return root


def test_smoke_training_run(tmp_path):
    from kg.train.__main__ import main

    data = _smoke_data(tmp_path / "data")
    out = tmp_path / "model"
    rc = main(["--data", str(data), "--out", str(out), "--work", str(tmp_path / "work"), "--smoke"])
    assert rc == 0
    nlp = spacy.load(out)
    assert nlp.pipe_names[:6] == ["tok2vec", "tagger", "morphologizer", "kg_sentences", "parser", "ner"]
    assert nlp.pipe_names[6:] in ([], ["lemmatizer"])  # lemmatizer needs spacy-lookups-data
    assert set(nlp.get_pipe("ner").labels) <= {"PERSON", "ORG", "LOC", "NORP"}
    meta = json.loads((out / "meta.json").read_text())
    assert meta["name"] == "kg_news_sm" and meta["license"] == "CC BY-SA 4.0"
    assert "ewt_test" in meta["kg_evaluation"] and "re3d_test_ner" in meta["kg_evaluation"]
    assert meta["kg_evaluation"]["ewt_test_paragraphs"]["line_breaks"] == 1  # "# newpar" before test-2
    assert "dep_uas_paragraphs" in meta["performance"]
    cfg = (out / "config.cfg").read_text()
    assert str(tmp_path) not in cfg and "kg.TimedConsoleLogger" not in cfg
    doc = nlp("NATO deployed troops to Gaza.")
    assert len(doc) == 6


def test_main_convert_only_writes_docbins(tmp_path):
    from kg.train import main

    data = _smoke_data(tmp_path / "data")
    work = tmp_path / "work"
    assert main(["--data", str(data), "--work", str(work), "--convert-only"]) == 0
    stats = json.loads((work / "corpus_stats.json").read_text())
    assert stats["ewt_sents"] == {"train": 24, "dev": 6, "test": 6}
    assert stats["re3d_docs"] == {"train": 3, "dev": 1, "test": 1}
    for name in ("train", "dev", "ewt_test", "re3d_test", "re3d_test_raw"):
        assert (work / "corpus" / f"{name}.spacy").is_file()


@pytest.mark.parametrize("name, expected", [
    ("President Vladimir Putin", "Vladimir Putin"),
    ("Lt. Gen. Oleksandr Syrskyi", "Oleksandr Syrskyi"),
    ("Prime Minister Iyad Allawi", "Iyad Allawi"),
    ("Mr . Smith", "Smith"),
    ("Captain", "Captain"),  # a name that is only a title stays whole
    ("Vladimir Putin", "Vladimir Putin"),
])
def test_strip_title(name, expected):
    from kg.train.convert import strip_title

    words = name.split()
    assert " ".join(words[strip_title(words, 0, len(words)):]) == expected


@pytest.mark.parametrize("ner_from, expected_entities, train_sents", [
    # 24 EWT sentences "<actor> deployed troops to <place>": 24 LOC places and actors
    # LOC x10, ORG x9, PER x5; 3 re3d train documents x 3 repeats, each 1 ORG + 1 LOC
    ("ewt,gum,wikigold,re3d", {"LOC": 34 + 9, "ORG": 9 + 9, "PERSON": 5}, 24 + 9),
    ("ewt", {"LOC": 34, "ORG": 9, "PERSON": 5}, 24),  # re3d has only entities: left out
    ("re3d", {"LOC": 9, "ORG": 9}, 24 + 9),  # EWT kept for its syntax, entities missing
])
def test_ner_from_keeps_entities_of_named_sources(tmp_path, ner_from, expected_entities, train_sents):
    from kg.train import main

    work = tmp_path / "work"
    assert main(["--data", str(_smoke_data(tmp_path / "data")), "--work", str(work), "--convert-only",
                 "--ner-from", ner_from]) == 0
    stats = json.loads((work / "corpus_stats.json").read_text())
    assert stats["labels"] == expected_entities
    assert stats["train_sents"] == train_sents
    assert stats["ner_from"] == ner_from.split(",")


def test_ner_from_unknown_source_is_a_one_line_error(tmp_path, capsys):
    from kg.train import main

    with pytest.raises(SystemExit) as exc:
        main(["--work", str(tmp_path), "--convert-only", "--ner-from", "ewt,ontonotes"])
    assert exc.value.code == 2
    assert "--ner-from: expected some of ewt,gum,wikigold,re3d, got 'ewt,ontonotes'" in capsys.readouterr().err


def test_per_sentence_gives_one_example_per_gold_sentence(tmp_path):
    from spacy.training import Example

    from kg.train.evaluate import per_sentence

    nlp = spacy.blank("en")
    ref = cv.make_doc(nlp.vocab, cv.read_conllu(_write(tmp_path / "a.conllu", EWT_SNIPPET)))
    egs = per_sentence(nlp, [Example(nlp.make_doc(ref.text), ref)])
    assert [eg.reference.text for eg in egs] == ["Russia didn't attack Kyiv. ", "American troops left. "]
    assert [eg.predicted.text for eg in egs] == [eg.reference.text for eg in egs]
    assert [[t.head.i for t in eg.reference] for eg in egs] == [[3, 3, 3, 3, 3, 3], [1, 2, 2, 2]]


@pytest.mark.parametrize("newpar, predicted", [
    (False, None),
    (True, "Russia didn't attack Kyiv.\nAmerican troops left. "),
])
def test_paragraph_examples_read_the_line_broken_text(tmp_path, newpar, predicted):
    from spacy.training import Example

    from kg.train.evaluate import paragraph_examples

    nlp = spacy.blank("en")
    conllu = EWT_SNIPPET.replace("# sent_id = doc-a-0002", "# newpar\n# sent_id = doc-a-0002") if newpar else EWT_SNIPPET
    ref = cv.make_doc(nlp.vocab, cv.read_conllu(_write(tmp_path / "a.conllu", conllu)))
    egs = paragraph_examples(nlp, [Example(nlp.make_doc(ref.text), ref)])
    if predicted is None:
        assert egs is None
    else:
        assert [eg.predicted.text for eg in egs] == [predicted]
        assert egs[0].reference is ref
        assert egs[0].predicted[6].is_space  # the line break is a token of its own, aligned to nothing


@pytest.mark.parametrize("value, expected", [
    ("ewt, re3d", ("ewt", "re3d")),
    (["gum"], ("gum",)),
    ("", ValueError),
    (" , ", ValueError),
    ("ewt,ontonotes", ValueError),
    ([], ValueError),
])
def test_ner_sources(value, expected):
    if expected is ValueError:
        with pytest.raises(ValueError, match="expected some of ewt,gum,wikigold,re3d"):
            cv.ner_sources(value)
    else:
        assert cv.ner_sources(value) == expected
