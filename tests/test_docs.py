"""docs/ontology.md is generated from the ontology and kept current."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import docs
from kg.graph.vocab import KG, KGT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page() -> str:
    return docs.render()


def test_committed_page_is_current(page: str) -> None:
    committed = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert committed == page, "regenerate: python -m kg.graph.docs --out docs/ontology.md"


@pytest.mark.parametrize("term", sorted(n for n in KG.__annotations__ if not n.startswith("_")))
def test_every_term_is_documented(page: str, term: str) -> None:
    assert f"| `kg:{term}` |" in page


@pytest.mark.parametrize("concept", sorted(n for n in KGT.__annotations__ if not n.startswith("_")))
def test_every_event_type_is_documented(page: str, concept: str) -> None:
    assert f"| `kgt:{concept}` |" in page


def test_union_domains_are_readable(page: str) -> None:
    line = next(x for x in page.splitlines() if x.startswith("| `kg:forces` |"))
    assert "`kg:Deployment` or `kg:DeploymentMention`" in line


def test_main_writes_the_page(tmp_path: Path, page: str, capsys) -> None:
    out = tmp_path / "o.md"
    assert docs.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page
    assert docs.main([]) == 0
    assert capsys.readouterr().out == page
