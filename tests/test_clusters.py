"""Brown clusters as tok2vec features (kg.nlp.clusters): lookups, feature columns, the embed
architecture, and a smoke training run with the shipped config (kg/train/configs/kg_news_clusters.cfg)."""
from __future__ import annotations

import subprocess
import sys

import numpy
import pytest
import spacy

from kg.nlp import clusters
from kg.nlp.clusters import PREFIX_BITS, TABLE, add_clusters, cluster_hash_embed, token_clusters

TINY = {"Sudan": 0b1011010, "said": 0b110, "pentagon": 0b1000001}


@pytest.fixture()
def nlp():
    return add_clusters(spacy.blank("en"), dict(TINY))


@pytest.mark.parametrize("text, expected", [
    ("Sudan", TINY["Sudan"]),          # exact form
    ("said", TINY["said"]),
    ("SAID", TINY["said"]),            # lower-case fallback
    ("Pentagon", TINY["pentagon"]),    # only the lower-case form is in the table
    ("sudan", 0),                      # no upper-case fallback
    ("Mozilla", 0),                    # unknown
])
def test_token_clusters_columns(nlp, text, expected):
    cols = token_clusters(nlp(text))
    assert cols.shape == (1, 2) and cols.dtype == numpy.uint64
    prefix = (expected & ((1 << PREFIX_BITS) - 1)) + 1 if expected else 0
    assert cols[0].tolist() == [expected, prefix]


def test_token_clusters_without_table_are_zero():
    doc = spacy.blank("en")("Sudan said")
    assert token_clusters(doc).tolist() == [[0, 0], [0, 0]]


def test_add_clusters_feeds_token_cluster_and_replaces_table(nlp):
    assert [t.cluster for t in nlp("Sudan said")] == [TINY["Sudan"], TINY["said"]]
    add_clusters(nlp, {"Sudan": 7})
    assert nlp.vocab.lookups.tables == [TABLE]
    assert [t.cluster for t in nlp("Sudan said")] == [7, 0]


def test_add_clusters_keeps_the_table_through_to_bytes(nlp):
    other = spacy.blank("en")
    other.from_bytes(nlp.to_bytes())
    assert other("Sudan")[0].cluster == TINY["Sudan"]


def test_embed_output_shape_and_uses_the_cluster(nlp):
    model = cluster_hash_embed(width=8, attrs=["NORM", "SHAPE"], rows=[50, 20], cluster_rows=[30, 10])
    docs = [nlp("Sudan said so"), nlp("zorb")]
    model.initialize(X=docs)
    out = model.predict(docs)
    assert [a.shape for a in out] == [(3, 8), (1, 8)]
    before = model.predict([nlp("zorb")])[0]
    add_clusters(nlp, {"zorb": 0b11})           # same word, now with a cluster
    after = model.predict([nlp("zorb")])[0]
    assert not numpy.allclose(before, after)


@pytest.mark.parametrize("rows, cluster_rows, message", [
    ([50], [30, 10], "Mismatched lengths"),
    ([50, 20], [30], "cluster_rows needs 2"),
])
def test_embed_bad_sizes(rows, cluster_rows, message):
    with pytest.raises(ValueError, match=message):
        cluster_hash_embed(width=8, attrs=["NORM", "SHAPE"], rows=rows, cluster_rows=cluster_rows)


def test_smoke_training_with_clusters_config(tmp_path, monkeypatch):
    """The clusters config trains, ships its table in the vocab and loads in a fresh process
    without importing kg (spaCy finds the architecture through the package's entry points)."""
    from kg.train import DEFAULT_CONFIG
    from kg.train.__main__ import main
    from test_train import _smoke_data

    monkeypatch.setattr(clusters, "load_clusters", lambda lang="en": {"Russia": 0b101, "troops": 0b11})
    out = tmp_path / "model"
    config = DEFAULT_CONFIG
    assert config.name == "kg_news_clusters.cfg"
    rc = main(["--data", str(_smoke_data(tmp_path / "data")), "--out", str(out), "--work", str(tmp_path / "work"),
               "--smoke", "--config", str(config)])
    assert rc == 0
    code = ("import sys, spacy; nlp = spacy.load(sys.argv[1]); "
            "print([t.cluster for t in nlp('Russia sent troops')])")
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[5, 0, 3]"


def test_add_clusters_without_lookups_data_trains_without_them(monkeypatch, caplog):
    def missing(lang="en"):
        raise ImportError("No module named 'spacy_lookups_data'")

    monkeypatch.setattr(clusters, "load_clusters", missing)
    nlp = add_clusters(spacy.blank("en"))
    assert nlp.vocab.lookups.get_table(TABLE) == {} or len(nlp.vocab.lookups.get_table(TABLE)) == 0
    assert "no Brown clusters" in caplog.text

