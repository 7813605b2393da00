"""The store forms of the named queries (``ontology/queries/store``) give the rows of the
portable forms in the same order, on every page.

The store forms stream their rows in order (days of the calendar in order, each
day's rows sorted) instead of sorting all rows at the end, so that ``--limit``
stops early.  This pins that order against rdflib running the portable forms (one
global ``ORDER BY``) on a synthetic corpus with many days, every date precision
and undated events (the benchmark's generator, :func:`bench_store.corpus`).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.graph.sparql import query

ROOT = Path(__file__).resolve().parent.parent


def _bench_store():
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _loaded(path: Path, **store_options):
    """Yield (store, rdflib graph of the same quads) for the 600-event synthetic corpus."""
    from kg.graph.store import KGStore

    _, docs = _bench_store().corpus(600, seed=11)
    with KGStore(path, **store_options) as s:
        for art, events, used in docs:
            s.add_document(art, events, used, refresh=False)
        s.refresh()
    with KGStore(path, read_only=True) as s:
        yield s, s.graph()


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(store, rdflib graph) of the corpus, one event per mention."""
    from kg.graph.store import singletons

    yield from _loaded(tmp_path_factory.mktemp("order"), merge=singletons)


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """(store, rdflib graph) of the same corpus with the default merge: events reported by
    1 to 26 documents (source counts 1: 402 events, 2: 28, 3: 9, 4: 3, 7: 2, 8: 3, 11, 14, 26: 1)."""
    yield from _loaded(tmp_path_factory.mktemp("merged"))


UA = "https://w3id.org/conflict-kg/id/entity/country/UA"
CASES = [
    ("events_by_type", {"type": "strike"}),
    ("events_by_type", {"type": "statement", "since": "2022-06", "until": "2023-12"}),
    ("events_by_actor", {"actor": UA}),
    ("events_by_actor", {"actor": "country"}),
    ("events_by_actor", {"actor": UA, "since": "2023"}),
    ("timeline", {}),
    ("timeline", {"since": "2023-03", "until": "2024-02"}),
    ("who_said_what", {}),
    ("who_said_what", {"who": "country"}),
    ("who_said_what", {"until": "2023-06-30"}),
    ("munitions", {}),
    ("munitions", {"using": "missile"}),
    ("munitions", {"since": "2024"}),
    ("sources_per_event", {}),
    ("sources_per_event", {"since": "2023-05", "until": "2023-05"}),
]
PAGES = [{}, {"limit": 7}, {"limit": 9, "offset": 13}, {"limit": 40, "offset": 30}, {"offset": 25}]


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{'-'.join(p) or 'all'}" for n, p in CASES])
def test_store_rows_and_pages_match_the_portable_form(both, name: str, params: dict) -> None:
    store, graph = both
    full = query(graph, name, **params).rows
    assert len(full) >= 5, "the case must have rows to page through"
    assert query(store, name, **params).rows == full
    for page in PAGES:
        start = page.get("offset", 0)
        end = start + page["limit"] if "limit" in page else None
        assert query(store, name, **params, **page).rows == full[start:end], page


@pytest.mark.parametrize(
    "name, params, page, windows, whole",
    [
        # the first page is in the first 2 calendar days: the calendar, then one date window
        ("timeline", {}, {"limit": 7}, 1, False),
        # the window widens (2, 8, 32 ... days) until the page is full
        ("timeline", {}, {"limit": 40, "offset": 30}, 3, False),
        # the next window would pass a quarter of the days: the whole query (here reaching the undated rows)
        ("munitions", {}, {"limit": 40, "offset": 30}, 3, True),
        # the same inside a window asked for: its days only, then the whole query with that window
        ("munitions", {"since": "2024"}, {"limit": 9, "offset": 13}, 3, True),
        # a selective parameter whose entities are frequent (here: >= 20 links): windows up to
        # 1/256 of the days, then the whole query
        ("who_said_what", {"who": "country"}, {"limit": 7}, 1, True),
        ("events_by_actor", {"actor": UA}, {"limit": 7}, 1, False),  # found in the first window
        # ... an entity with < 20 links: the whole query at once
        ("events_by_actor", {"actor": "https://w3id.org/conflict-kg/id/entity/country/XX"}, {"limit": 7}, 0, True),
        ("munitions", {"using": "https://w3id.org/conflict-kg/id/entity/weapon/storm-shadow"}, {"limit": 7}, 0, True),
        # ... a label substring is never probed (finding its entities reads every label)
        ("events_by_actor", {"actor": "nobody"}, {"limit": 7}, 1, True),
    ],
)
def test_pages_widen_date_windows(both, monkeypatch, name: str, params: dict, page: dict, windows: int,
                                  whole: bool) -> None:
    import kg.graph.sparql as sp

    store, _ = both
    monkeypatch.setattr(sp, "PROBE_LINKS", 20)
    seen: list[tuple[bool, object]] = []  # (a page query?, its ?until) for each query text made
    real = sp.substitute

    def spy(text, terms):
        if "value" not in terms:  # not the rarity probe
            seen.append(("LIMIT" in text, terms.get("until")))
        return real(text, terms)

    monkeypatch.setattr(sp, "substitute", spy)
    assert len(sp.query(store, name, **params, **page).rows) <= page["limit"]
    assert sp.date_paging(sp.store_variant(sp.named_queries()[name]), {}) == sp.WINDOW_SHARE
    calendar = [u for paged, u in seen if not paged]
    pages = [u for paged, u in seen if paged]
    assert len(calendar) == (1 if windows else 0)
    tries = pages[:-1] if whole else pages
    assert len(tries) == windows and all(u is not None for u in tries)  # each try a date window up to a day
    assert (pages[-1] is None) == whole  # the whole query: no window (none was asked for)


@pytest.mark.parametrize("value, rare", [(UA, False), ("country", False), ("nobody", False),
                                         ("https://w3id.org/conflict-kg/id/entity/country/XX", True),
                                         ("https://w3id.org/conflict-kg/id/entity/weapon/storm-shadow", True),
                                         ("https://w3id.org/conflict-kg/id/entity/weapon/shahed-drone", False)])
def test_rarity_probe(both, monkeypatch, value: str, rare: bool) -> None:
    import kg.graph.sparql as sp

    store, _ = both
    monkeypatch.setattr(sp, "PROBE_LINKS", 20)
    assert sp._rare(store.oxigraph, [sp.to_term(value)], "probe") is rare


MARKED = "SELECT ?x WHERE {\n  { SELECT ?x WHERE { ?x ?p ?o }\n    #page: ORDER BY ?x  \n  }\n}"


@pytest.mark.parametrize(
    "text, page, mark, expected",
    [
        # no page: the text as it is (a "#page:" line stays a comment)
        ("SELECT ?x WHERE { ?x ?p ?o }", "", True, "SELECT ?x WHERE { ?x ?p ?o }"),
        (MARKED, "", True, MARKED),
        # no mark: appended
        ("SELECT ?x WHERE { ?x ?p ?o }", "LIMIT 5", True, "SELECT ?x WHERE { ?x ?p ?o }\nLIMIT 5\n"),
        # a mark in a store form: the page goes there, after the mark's ORDER BY, and nothing is appended
        (MARKED, "LIMIT 5 OFFSET 10", True,
         "SELECT ?x WHERE {\n  { SELECT ?x WHERE { ?x ?p ?o }\n    ORDER BY ?x LIMIT 5 OFFSET 10\n  }\n}"),
        # a user's query (mark=False): a "#page:" comment is only a comment, the page is appended
        (MARKED, "LIMIT 5", False, MARKED + "\nLIMIT 5\n"),
    ],
)
def test_page_goes_to_the_page_mark(text: str, page: str, mark: bool, expected: str) -> None:
    from kg.graph.sparql import _with_page

    assert _with_page(text, page, mark=mark) == expected


def test_store_forms_with_a_page_mark_page_inside() -> None:
    """timeline's store form cuts its page in the subquery of order keys."""
    from kg.graph.sparql import _with_page, named_queries, store_variant

    text = _with_page(store_variant(named_queries()["timeline"]), "LIMIT 3 OFFSET 6", mark=True)
    inner, outer = text.split("LIMIT 3 OFFSET 6")
    assert not any(line.lstrip().startswith("#page:") for line in text.splitlines())
    assert inner.splitlines()[-1].strip() == "ORDER BY ?key"
    assert "LATERAL" in outer and outer.rstrip().endswith("ORDER BY ?key")


GROUP_PAGES = PAGES + [{"limit": 3}, {"limit": 5, "offset": 18}, {"limit": 60, "offset": 40}, {"limit": 10, "offset": 445},
                       {"limit": 10, "offset": 450}, {"limit": 0}]


@pytest.mark.parametrize("probe_links", [2000, 20])  # 20: the 402 single-source events are paged by date windows
@pytest.mark.parametrize("params", [{}, {"since": "2023"}])
def test_sources_per_event_pages_match_across_counts(merged, monkeypatch, probe_links: int, params: dict) -> None:
    import kg.graph.sparql as sp

    store, graph = merged
    monkeypatch.setattr(sp, "PROBE_LINKS", probe_links)
    full = query(graph, "sources_per_event", **params).rows
    assert full[0]["sources"] >= 8 and full[-1]["sources"] == 1 and len(full) > 100
    assert query(store, "sources_per_event", **params).rows == full
    for page in GROUP_PAGES:
        start = page.get("offset", 0)
        end = start + page["limit"] if "limit" in page else None
        assert query(store, "sources_per_event", **params, **page).rows == full[start:end], page


@pytest.mark.parametrize(
    "page, counts, windows",
    [
        # the first page: counts 26, 14, 11 (one row each) ordered at once
        ({"limit": 3}, [26, 14, 11], 0),
        # skipping whole counts: 20 rows have >= 3 sources, so the page starts inside count 2
        ({"limit": 5, "offset": 22}, [2], 0),
        # running on from count 2 (28 rows, to row 47) into count 1, paged by date windows there
        ({"limit": 10, "offset": 45}, [2, 1], 1),
    ],
)
def test_sources_per_event_pages_go_count_by_count(merged, monkeypatch, page: dict, counts: list, windows: int) -> None:
    import kg.graph.sparql as sp

    store, _ = merged
    monkeypatch.setattr(sp, "PROBE_LINKS", 30)  # count 2 (28 rows) is ordered at once, count 1 (402) is not
    seen: list[dict] = []
    real = sp.substitute

    def spy(text, terms):
        seen.append(dict(terms))
        return real(text, terms)

    monkeypatch.setattr(sp, "substitute", spy)
    rows = sp.query(store, "sources_per_event", **page).rows
    assert len(rows) == page["limit"]
    assert "prop" in seen[0]  # the counts and their sizes first
    asked = [int(t["count"]) for t in seen if "count" in t]
    assert sorted(set(asked), reverse=True) == counts
    assert len([t for t in seen if "until" in t]) == windows
