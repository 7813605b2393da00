"""The spaCy pipeline: ``build_nlp()`` and our components.

Components (each declared with ``@Language.factory``):

========================  ==========================================================
``kg_sentences``          sentence boundaries (line breaks + end punctuation)
``kg_dates``              DATE entities resolved against ``Doc._.kg_pub_date``
``kg_quantities``         CARDINAL entities with integer values and qualifiers
``kg_gazetteer``          dictionary + rule entities with canonical ids (``Span.kb_id_``)
``kg_events``             typed event mentions -> ``Doc._.kg_events``
========================  ==========================================================

By default the pipeline starts from ``spacy.blank("en")``. ``model`` may name
any installed spaCy pipeline (or a path); our components are then added to it,
the gazetteer after its NER so dictionary ids are kept and statistical entities
fill the gaps.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# importing the modules registers the factories
from kg.nlp import dates, events, gazetteer, quantities, sentences  # noqa: F401
from kg.nlp.spans import register_extensions

log = logging.getLogger("kg")

OUR_COMPONENTS = ("kg_sentences", "kg_dates", "kg_quantities", "kg_gazetteer", "kg_events")


def build_nlp(model: str | None = None) -> Language:
    """Build the extraction pipeline.

    Parameters
    ----------
    model : str, optional
        Name or path of an installed spaCy pipeline to start from. ``None``
        (the default) uses ``spacy.blank("en")`` and our rule components only.

    Returns
    -------
    spacy.language.Language
        A pipeline whose docs carry ``Doc._.kg_events``.

    Raises
    ------
    kg.errors.KGError
        When ``model`` cannot be loaded.
    """
    register_extensions()
    if model is None:
        nlp = spacy.blank("en")
    else:
        from kg.errors import KGError

        try:
            nlp = spacy.load(model)
        except (OSError, ImportError) as exc:
            raise KGError(f"cannot load spaCy pipeline {model!r}: {str(exc).splitlines()[0]}") from None
    has_parser = "parser" in nlp.pipe_names or "senter" in nlp.pipe_names
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if first is not None and has_parser:
        nlp.add_pipe("kg_sentences", config={"overwrite": False}, after=_last_of(nlp, ("parser", "senter")))
    elif first is not None:
        nlp.add_pipe("kg_sentences", first=True)
    else:
        nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_dates")
    nlp.add_pipe("kg_quantities")
    nlp.add_pipe("kg_gazetteer")
    nlp.add_pipe("kg_events")
    return nlp


def _last_of(nlp: Language, names: Iterable[str]) -> str:
    present = [n for n in nlp.pipe_names if n in names]
    return present[-1]


def process(nlp: Language, articles, batch_size: int = 16) -> Iterator[tuple[object, Doc]]:
    """Run ``nlp`` over articles (boilerplate blanked), yielding ``(article, doc)`` in order.

    Offsets in each doc are offsets in ``article.text``.
    """
    articles = list(articles)

    def docs() -> Iterator[Doc]:
        for art in articles:
            doc = nlp.make_doc(art.body())
            doc._.kg_doc_id = art.id
            doc._.kg_pub_date = art.date
            yield doc

    yield from zip(articles, nlp.pipe(docs(), batch_size=batch_size))
