"""Brown word clusters as a feature of the statistical pipeline's tok2vec.

Our tok2vec is trained from scratch on ~600k words, so a name the training
data never saw ("Mozilla", a village) reaches the NER as its spelling alone.
Brown clusters group words that occur in the same contexts in a large raw
corpus; spaCy's ``spacy-lookups-data`` package (MIT, on PyPI) ships English
clusters (``en_lexeme_cluster``: 1M word forms, 190k of them in one of 1,000
clusters, the rest 0).  They are the only distributional knowledge beyond our
own treebanks that installs from the package registries here.

* :func:`add_clusters` (``[initialize.before_init]`` callback
  ``kg.add_clusters.v1``) copies the non-zero clusters into the pipeline's
  ``vocab.lookups`` table ``lexeme_cluster`` (also what ``Token.cluster``
  reads), so the trained pipeline carries them (``vocab/lookups.bin``).
* :func:`cluster_hash_embed` (architecture ``kg.ClusterHashEmbed.v1``) is
  spaCy's ``MultiHashEmbed`` (no static vectors) with two more hashed columns:
  a token's cluster and the cluster's top-of-hierarchy prefix.

Both are registered when this module is imported and through the package's
``spacy_architectures`` / ``spacy_callbacks`` entry points, so ``spacy.load``
finds them in any process where conflict-kg is installed.
"""
from __future__ import annotations

import logging
from typing import Callable

import numpy
from spacy import registry
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

from kg.util import one_line

log = logging.getLogger("kg")

__all__ = ["TABLE", "PREFIX_BITS", "load_clusters", "add_clusters", "make_add_clusters",
           "token_clusters", "cluster_hash_embed"]

#: ``vocab.lookups`` table holding the clusters (spaCy's own name for it).
TABLE = "lexeme_cluster"
#: Bits of the coarse column.  spaCy stores a cluster's bit path reversed as an
#: integer, so the low bits are the path's top levels.
PREFIX_BITS = 6


def load_clusters(lang: str = "en") -> dict[str, int]:
    """Non-zero Brown clusters from ``spacy-lookups-data``: word form -> cluster id.

    Raises
    ------
    ImportError, ValueError
        ``spacy-lookups-data`` is not installed (spaCy reports a missing table as ValueError).
    """
    from spacy.lookups import load_lookups

    table = load_lookups(lang, [TABLE]).get_table(TABLE)
    return {key: value for key, value in table.items() if value}


def add_clusters(nlp, clusters: dict | None = None):
    """Put the clusters into ``nlp.vocab.lookups`` (table :data:`TABLE`); returns ``nlp``.

    Keys are spaCy's string hashes, as :func:`load_clusters` gives them.
    """
    from spacy.lookups import Table

    if clusters is None:
        try:
            clusters = load_clusters(nlp.lang)
        except (ImportError, ValueError) as exc:  # spacy-lookups-data missing (pip install -e '.[train]')
            log.warning("no Brown clusters (%s): training without them", one_line(exc, 120))
            clusters = {}
    if nlp.vocab.lookups.has_table(TABLE):
        nlp.vocab.lookups.remove_table(TABLE)
    table = Table(name=TABLE)
    for key, value in clusters.items():
        table[key] = value
    nlp.vocab.lookups.set_table(TABLE, table)
    return nlp


@registry.callbacks("kg.add_clusters.v1")
def make_add_clusters() -> Callable:
    """``[initialize.before_init]`` callback: :func:`add_clusters` on the pipeline."""
    return add_clusters


def _sorted_table(table) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The table as sorted key and value arrays, kept on the table until its size changes."""
    cached = getattr(table, "_kg_sorted", None)
    if cached is None or cached[0] != len(table):
        keys = numpy.fromiter(table.keys(), dtype="uint64", count=len(table))
        values = numpy.fromiter(table.values(), dtype="uint64", count=len(table))
        order = numpy.argsort(keys)
        cached = (len(table), keys[order], values[order])
        table._kg_sorted = cached
    return cached[1], cached[2]


def _lookup(keys: numpy.ndarray, values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    if not len(keys):
        return numpy.zeros(len(wanted), dtype="uint64")
    at = numpy.minimum(numpy.searchsorted(keys, wanted), len(keys) - 1)
    return numpy.where(keys[at] == wanted, values[at], 0).astype("uint64")


def token_clusters(doc: Doc) -> numpy.ndarray:
    """``(len(doc), 2)`` uint64: each token's cluster (its exact form, else lower case; 0 when
    unknown) and the cluster's :data:`PREFIX_BITS`-bit prefix (+1, so 0 stays 'unknown')."""
    lookups = doc.vocab.lookups
    out = numpy.zeros((len(doc), 2), dtype="uint64")
    if not len(doc) or not lookups.has_table(TABLE):
        return out
    keys, values = _sorted_table(lookups.get_table(TABLE))
    forms = doc.to_array([ORTH, LOWER]).astype("uint64").reshape((len(doc), 2))
    exact = _lookup(keys, values, forms[:, 0])
    value = numpy.where(exact != 0, exact, _lookup(keys, values, forms[:, 1]))
    out[:, 0] = value
    out[:, 1] = numpy.where(value != 0, (value & numpy.uint64((1 << PREFIX_BITS) - 1)) + numpy.uint64(1), 0)
    return out


def _cluster_features(attrs: list) -> Model:
    def forward(model, docs, is_train):
        feats = []
        for doc in docs:
            base = doc.to_array(attrs)
            if base.ndim == 1:
                base = base.reshape((base.shape[0], 1))
            both = numpy.hstack([base.astype("uint64"), token_clusters(doc)])
            feats.append(model.ops.asarray2i(both, dtype="uint64"))
        return feats, lambda d_features: []

    return Model("kg_cluster_features", forward, attrs={"columns": list(attrs)})


@registry.architectures("kg.ClusterHashEmbed.v1")
def cluster_hash_embed(width: int, attrs: list, rows: list[int], cluster_rows: list[int]) -> Model:
    """spaCy's ``MultiHashEmbed.v2`` (without static vectors) plus the cluster columns.

    Parameters
    ----------
    width : int
        Output width, also the width of every embedding table.
    attrs : list of str
        Token attributes embedded as in ``MultiHashEmbed`` (e.g. NORM, PREFIX, SUFFIX, SHAPE).
    rows : list of int
        Rows of each attribute's table (same length as ``attrs``).
    cluster_rows : list of int
        Rows of the two cluster tables (full cluster, prefix).
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    if len(cluster_rows) != 2:
        raise ValueError(f"cluster_rows needs 2 sizes (cluster, prefix), got {len(cluster_rows)}")
    sizes = list(rows) + list(cluster_rows)
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(sizes)]
    return chain(
        _cluster_features(attrs),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
