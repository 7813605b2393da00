"""``kg_sentences``: rule-based sentence boundaries that respect line breaks.

News text has one headline or paragraph per line, often without final
punctuation, so a line break always ends a sentence; inside a line, ``.``, ``!``
and ``?`` end one when the next word starts a new sentence (capital letter,
digit or opening quote). Closing quotes and brackets stay with the sentence
they close. Before a trained parser it runs in one of two modes (the parser
respects preset boundaries):

* ``overwrite=True`` (the default; :func:`kg.nlp.build_nlp`): every boundary is
  preset, the parser only parses. News keeps its headlines whole.
* ``overwrite=False`` (line-break mode; the shipped model ``kg_news_sm`` carries
  it before its parser): only the line-break boundaries are preset, every other
  one is the parser's. A doc without a line break is left untouched.
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "…"}
_CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
_OPENERS = {"“", "‘", '"', "(", "[", "«"}


@Language.factory("kg_sentences", default_config={"overwrite": True})
def make_sentences(nlp: Language, name: str, overwrite: bool) -> "SentenceSegmenter":
    return SentenceSegmenter(overwrite=overwrite)


class SentenceSegmenter:
    """Set ``Token.is_sent_start`` from line breaks and end punctuation.

    Parameters
    ----------
    overwrite : bool
        When False and the doc already has boundaries (from a parser), only
        line-break boundaries are added.
    """

    def __init__(self, overwrite: bool = True) -> None:
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keep = not self.overwrite
        if keep and "\n" not in doc.text:
            return doc  # no line break: every boundary is the parser's
        starts = [False] * len(doc)
        starts[0] = True
        for i, tok in enumerate(doc):
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                if i + 1 < len(doc):
                    starts[i + 1] = True
            if keep:
                continue
            if tok.text in _ENDERS or (tok.text.endswith(".") and len(tok.text) > 1 and tok.text[:-1].isalpha()
                                       and tok.text[:-1].islower()):
                j = i + 1
                while j < len(doc) and doc[j].text in _CLOSERS and not doc[j - 1].whitespace_:
                    j += 1
                while j < len(doc) and doc[j].is_space:
                    j += 1
                if j < len(doc) and j > i + 0 and _starts_sentence(doc, j):
                    starts[j] = True
        # one array write instead of a setter call per token; 0 leaves a boundary to the parser
        other = 0 if keep else -1
        doc.from_array([SENT_START], numpy.array([[1 if s else other] for s in starts], dtype="int64").astype("uint64"))
        return doc


def _starts_sentence(doc: Doc, j: int) -> bool:
    tok = doc[j]
    if tok.text in _OPENERS and j + 1 < len(doc):
        tok = doc[j + 1]
    first = tok.text[:1]
    return first.isupper() or first.isdigit()
