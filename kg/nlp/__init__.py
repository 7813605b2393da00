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


DEFAULT = "default"  #: the shipped trained pipeline when installed, else the blank rule pipeline
BLANK = "blank"  #: spacy.blank("en") and our rule components only

#: Components of a trained pipeline that no kg component reads (we use ``tag_``,
#: ``dep_``, ``head`` and entities, not ``pos_``/``morph``/``lemma_``); disabled by
#: default for speed, re-enable with ``build_nlp(model, disable=())``.
UNUSED_COMPONENTS = ("morphologizer", "lemmatizer")


def resolve_model(model: str | None) -> str | None:
    """What :func:`build_nlp` loads for ``model``: ``None`` for the blank rule pipeline,
    else a path or an installed package name.

    ``"default"`` is our shipped pipeline (``kg_news_sm``) when it is installed, the
    blank rule pipeline otherwise; ``"blank"`` and ``None`` are the rule pipeline; a
    shipped model's short name (see :mod:`kg.models`) becomes its directory;
    anything else (a package name or a path) is passed on unchanged.
    """
    if model is None or model == BLANK:
        return None
    try:
        from kg.models import DEFAULT_MODEL, available, model_path
    except ImportError:  # a checkout without the models package
        return None if model == DEFAULT else model
    if model == DEFAULT:
        if DEFAULT_MODEL not in available():
            log.info("trained pipeline %s not installed: using the rule pipeline", DEFAULT_MODEL)
            return None
        model = DEFAULT_MODEL
    return str(model_path(model)) if model in available() else model


def add_abbreviations(nlp: Language) -> None:
    """Keep title abbreviations ("Col.", "Lt.", "Maj.") one token, as spaCy already does for
    "Gen." and "Dr.": split off, their period reads as a sentence end ("said Col. | Mark Smith")."""
    from spacy.attrs import ORTH

    from kg import lexicon

    for row in lexicon.records("titles"):
        for word in row["title"].split():
            if word.endswith(".") and len(word) > 1 and len(nlp.tokenizer(word)) > 1:
                nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def build_nlp(model: str | None = None, *, disable: tuple[str, ...] = UNUSED_COMPONENTS) -> Language:
    """Build the extraction pipeline.

    Parameters
    ----------
    model : str, optional
        A spaCy pipeline to start from (see :func:`resolve_model`): ``"default"``
        (our shipped trained pipeline when installed), the short name of a model
        shipped in ``kg/models``, an installed pipeline package or a path.
        ``None`` or ``"blank"`` uses ``spacy.blank("en")`` and our rule
        components only.
    disable : tuple of str
        Components of the loaded pipeline to disable (present in
        ``nlp.disabled``, not run); by default :data:`UNUSED_COMPONENTS`.

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
    target = resolve_model(model)
    if target is None:
        nlp = spacy.blank("en")
    else:
        from kg.errors import KGError
        from kg.nlp import clusters  # noqa: F401  (architectures of our pipelines)

        try:
            nlp = spacy.load(target, disable=[n for n in disable])
        except (OSError, ImportError, ValueError) as exc:
            raise KGError(f"cannot load spaCy pipeline {model!r}: {str(exc).splitlines()[0]}") from None
    add_abbreviations(nlp)
    if "kg_sentences" in nlp.pipe_names:
        # a shipped model's line-break mode: ours, added below, presets every boundary
        nlp.remove_pipe("kg_sentences")
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
    nlp.add_pipe("kg_names")
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
