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
from typing import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# importing the modules registers the factories
from kg.nlp import dates, events, gazetteer, quantities, sentences  # noqa: F401
from kg.nlp.spans import register_extensions

log = logging.getLogger("kg")

OUR_COMPONENTS = ("kg_sentences", "kg_dates", "kg_quantities", "kg_gazetteer", "kg_events")


def resolve_model(model: str) -> str:
    """A shipped model's short name (see :mod:`kg.models`) -> its directory; anything else unchanged."""
    try:
        from kg.models import available, model_path
    except ImportError:  # a checkout without the models package
        return model
    return str(model_path(model)) if model in available() else model


def build_nlp(model: str | None = None) -> Language:
    """Build the extraction pipeline.

    Parameters
    ----------
    model : str, optional
        A spaCy pipeline to start from: the short name of a model shipped in
        ``kg/models`` (``kg.models.available()``), an installed pipeline
        package or a path. ``None`` (the default) uses ``spacy.blank("en")``
        and our rule components only.

    Returns
    -------
    spacy.language.Language
        A pipeline whose docs carry ``Doc._.kg_events``. With a trained
        pipeline, our dates, quantities and gazetteer run before its ``ner``
        (which then respects their entities, so canonical ids are kept) and
        our sentence boundaries are preset before its parser, which respects them.

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
            nlp = spacy.load(resolve_model(model))
        except (OSError, ImportError, ValueError) as exc:
            raise KGError(f"cannot load spaCy pipeline {model!r}: {str(exc).splitlines()[0]}") from None
    parser = [n for n in nlp.pipe_names if n in ("parser", "senter")]
    if parser:
        # our boundaries (line breaks, punctuation) bind the parser: it keeps headlines whole
        nlp.add_pipe("kg_sentences", before=parser[0])
    else:
        nlp.add_pipe("kg_sentences", first=True) if nlp.pipe_names else nlp.add_pipe("kg_sentences")
    before_ner = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("kg_dates", **before_ner)
    nlp.add_pipe("kg_quantities", **before_ner)
    nlp.add_pipe("kg_gazetteer", **before_ner)
    nlp.add_pipe("kg_events")
    return nlp


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
