"""Evaluate a trained pipeline on the held-out test DocBins written by
:func:`kg.train.convert.build_corpora` and record the scores in meta.json."""
from __future__ import annotations

import json
from pathlib import Path

CORE = ("PERSON", "ORG", "LOC")
ALL = ("PERSON", "ORG", "LOC", "NORP")


def load_examples(nlp, path: Path):
    from spacy.tokens import DocBin
    from spacy.training import Example

    docs = DocBin().from_disk(path).get_docs(nlp.vocab)
    return [Example(nlp.make_doc(d.text), d) for d in docs if len(d)]


def per_sentence(nlp, examples):
    """The same gold sentences, one ``Example`` per gold sentence, each from
    its raw text: the parser then starts from gold sentence boundaries (the
    usual protocol of UD parser scores), where in the multi-sentence documents
    of :func:`load_examples` it must also find them."""
    from spacy.training import Example

    refs = [sent.as_doc() for eg in examples for sent in eg.reference.sents]
    return [Example(nlp.make_doc(ref.text), ref) for ref in refs if len(ref)]


def paragraph_examples(nlp, examples):
    """The same documents from their raw text as the source lays it out: each
    paragraph on a line of its own (from the treebank's ``# newpar`` / ``# newdoc``
    marks, recorded by :func:`kg.train.convert.make_doc`), sentences inside a
    paragraph joined by a space. ``None`` when the corpus recorded no paragraphs
    (a corpus converted before they were kept)."""
    from spacy.training import Example

    from kg.train.convert import PAR_STARTS, paragraph_text

    if not any(eg.reference.user_data.get(PAR_STARTS) for eg in examples):
        return None
    return [Example(nlp.make_doc(paragraph_text(eg.reference)), eg.reference) for eg in examples]


def _predict(nlp, examples) -> None:
    """Run ``nlp`` over the examples' predicted docs and keep the results on them
    (``nlp.evaluate`` does not leave its predictions on the examples)."""
    for eg, doc in zip(examples, nlp.pipe([eg.predicted for eg in examples])):
        eg.predicted = doc


def ner_prf(examples, labels=ALL) -> dict:
    """Micro P/R/F of predicted vs gold entity spans (exact character offsets
    and label), restricted to ``labels``. Predictions touching tokens whose gold
    NER annotation is missing are ignored."""
    tp = fp = fn = 0
    per = {lab: [0, 0, 0] for lab in labels}
    for eg in examples:
        ref = eg.reference
        gold = {(e.start_char, e.end_char, e.label_) for e in ref.ents if e.label_ in labels}
        missing = [(t.idx, t.idx + len(t)) for t in ref if t.ent_iob_ == ""]
        pred = set()
        for e in eg.predicted.ents:
            if e.label_ not in labels:
                continue
            if any(s < e.end_char and e.start_char < t for s, t in missing):
                continue
            pred.add((e.start_char, e.end_char, e.label_))
        for x in pred & gold:
            per[x[2]][0] += 1
        for x in pred - gold:
            per[x[2]][1] += 1
        for x in gold - pred:
            per[x[2]][2] += 1
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    res = _prf(tp, fp, fn)
    res["per_type"] = {lab: _prf(*v) for lab, v in per.items()}
    return res


def dep_scores_with_punct(examples) -> dict:
    """UAS/LAS over *all* gold tokens including punctuation (CoNLL 2018
    style, full labels with subtypes); gold tokens without a one-to-one
    predicted token count as errors. spaCy's own dep_uas/dep_las skip punct."""
    total = uas = las = 0
    for eg in examples:
        x2y = eg.alignment.x2y
        y2x = eg.alignment.y2x
        for tok in eg.reference:
            total += 1
            xs = y2x[tok.i].dataXd.tolist() if hasattr(y2x[tok.i], "dataXd") else list(y2x[tok.i])
            if len(xs) != 1:
                continue
            ptok = eg.predicted[xs[0]]
            hs = x2y[ptok.head.i].dataXd.tolist() if hasattr(x2y[ptok.head.i], "dataXd") else list(x2y[ptok.head.i])
            if len(hs) == 1 and hs[0] == tok.head.i:
                uas += 1
                if ptok.dep_.lower() == tok.dep_.lower():
                    las += 1
    return {"uas": round(uas / total, 4) if total else 0.0, "las": round(las / total, 4) if total else 0.0,
            "tokens": total}


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate_model(model: str | Path, corpus: str | Path, *, write_meta: bool = True) -> dict:
    import spacy

    from kg.train.convert import PAR_STARTS

    model, corpus = Path(model), Path(corpus)
    nlp = spacy.load(model)
    out: dict = {}
    ewt = load_examples(nlp, corpus / "ewt_test.spacy")
    scores = nlp.evaluate(ewt)
    keep = ("token_acc", "tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p", "sents_r",
            "sents_f", "ents_f")
    out["ewt_test"] = {k: round(float(scores[k]), 4) for k in keep if scores.get(k) is not None}
    out["ewt_test"]["words_per_second"] = round(float(scores.get("speed", 0)))
    out["pipeline"] = list(nlp.pipe_names)
    # the same documents with their paragraph breaks as line breaks (UD's raw-text layout)
    paras = paragraph_examples(nlp, ewt)
    if paras is not None:
        scores = nlp.evaluate(paras)
        out["ewt_test_paragraphs"] = {k: round(float(scores[k]), 4) for k in
                                      ("dep_uas", "dep_las", "pos_acc", "tag_acc", "sents_p", "sents_r", "sents_f")}
        out["ewt_test_paragraphs"]["line_breaks"] = sum(len(eg.reference.user_data.get(PAR_STARTS, ()))
                                                        for eg in paras)
    _predict(nlp, ewt)
    out["ewt_test_dep_with_punct"] = dep_scores_with_punct(ewt)
    out["uner_ewt_test_ner"] = ner_prf(ewt, CORE)
    out["uner_ewt_test_ner_with_norp"] = ner_prf(ewt, ALL)
    # the same test set with gold sentence boundaries: one document per sentence
    sents = per_sentence(nlp, ewt)
    scores = nlp.evaluate(sents)
    out["ewt_test_per_sentence"] = {k: round(float(scores[k]), 4) for k in ("dep_uas", "dep_las", "pos_acc", "tag_acc")}
    _predict(nlp, sents)
    out["ewt_test_per_sentence"]["sentences"] = len(sents)
    out["uner_ewt_test_ner_per_sentence"] = ner_prf(sents, CORE)
    for name in ("re3d_test", "re3d_test_raw"):
        path = corpus / f"{name}.spacy"
        if not path.exists():
            continue
        egs = load_examples(nlp, path)
        _predict(nlp, egs)
        out[f"{name}_ner"] = ner_prf(egs, ALL)
        out[f"{name}_ner_core"] = ner_prf(egs, CORE)
    if write_meta:
        meta_path = model / "meta.json"
        meta = json.loads(meta_path.read_text())
        meta["performance"] = {
            **{k: v for k, v in out["ewt_test"].items() if k != "words_per_second"},
            "ents_f_uner_test_per_org_loc": out["uner_ewt_test_ner"]["f"],
            "dep_uas_per_sentence": out["ewt_test_per_sentence"]["dep_uas"],
            "dep_las_per_sentence": out["ewt_test_per_sentence"]["dep_las"],
            **({f"{k}_paragraphs": out["ewt_test_paragraphs"][k] for k in ("dep_uas", "dep_las", "pos_acc", "sents_f")}
               if "ewt_test_paragraphs" in out else {}),
            "ents_f_uner_test_per_sentence": out["uner_ewt_test_ner_per_sentence"]["f"],
            "ents_f_re3d_test": out.get("re3d_test_ner", {}).get("f"),
        }
        meta["kg_evaluation"] = out
        meta_path.write_text(json.dumps(meta, indent=2))
    return out
