"""Tests for kg.ingest and kg.dates: reading, bad inputs, dates, boilerplate."""
from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from kg import ingest
from kg.dates import parse_date, search_dates, url_date
from kg.errors import InputError
from kg.ingest import explain_boilerplate, find_boilerplate, find_publication_date, from_text, parse_html, read

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"

PROSE = "Russian forces shelled the city of Kharkiv on Monday, regional officials said in a statement."
PROSE2 = "Ukraine's air force said it had shot down most of the drones launched overnight by Russia."
HEADLINE = "North Korean Forces Join Russian Efforts in Ukraine: A New War Escalation"


def dropped_lines(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in find_boilerplate(text)]


def kinds(text: str) -> dict[str, str]:
    return {text[s:e].strip(): k for s, e, k in explain_boilerplate(text)}


def article_with(line: str) -> str:
    return f"{HEADLINE}\n\n{PROSE}\n\n{line}\n\n{PROSE2}\n"


# --------------------------------------------------------------------------
# Boilerplate: each kind dropped, each kind of content kept
# --------------------------------------------------------------------------

DROP = [
    ("Left Menu", "menu"),
    ("Top News", "menu"),
    ("Start reading", "menu"),
    ("Share This", "menu"),
    ("Welcome!", "menu"),
    ("Advertisement", "menu"),
    ("Skip to content", "menu"),
    ("LinkedIn Quora Youtube RSS", "menu"),
    ("Tags: Russia, Ukraine, North Korea", "menu"),
    ("Home | World | Politics | Business", "menu"),
    ("COMMENTS", "comments"),
    ("Add a comment", "comments"),
    ("Leave a Reply", "comments"),
    ("Wordpress (0)", "comments"),
    ("Disqus ( )", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Subscribe to our Newsletter \xa0", "subscribe"),
    ("Sign up to read this article", "subscribe"),
    ("Sign in", "subscribe"),
    ("Already a member? Sign in here", "subscribe"),
    ("Download the app", "subscribe"),
    ("Discover more from Example-News.com", "subscribe"),
    ("Keep Up to Date with the Most Important News", "subscribe"),
    ("Get all your news in one place.", "subscribe"),
    ("We use cookies to give you the best experience on our website.", "legal"),
    ("Privacy Policy", "legal"),
    ("VisionRI | Disclaimer | Terms of use | Privacy Policy", "legal"),
    ("© 2024 Example Media Ltd. All rights reserved.", "legal"),
    ("Copyright 2024 The Daily Planet", "legal"),
    ("Email: newsroom@example.com", "legal"),
    ("Phone: +44 20 7946 0000", "legal"),
    ("By pressing the Subscribe button, you confirm that you have read and agree to our Privacy Policy", "subscribe"),
    ("By continuing to browse the site you agree to our use of cookies", "legal"),
    ("Kyiv Desk | Updated: 15-12-2024 00:16 IST | Created: 15-12-2024 00:16 IST", "byline"),
    ("Published December 15, 2024", "byline"),
    ("Updated: Dec. 15, 2024 10:30 a.m.", "byline"),
    ("15 December 2024", "byline"),
    ("By Jane Doe, Reuters", "byline"),
    ("(With inputs from agencies.)", "byline"),
    ("Reporting by Tom Balmforth; Editing by Alex Richardson", "byline"),
    ("3 hours ago", "byline"),
    ("Updated 2 hours ago", "byline"),
    ("December 13, 2024 8:43 AM GMT+1", "byline"),
    ("Purchase Licensing Rights", "legal"),
    ("Getty Images", "caption"),
    ("See also\xa0 UK signals potential arrest of Netanyahu under ICC warrant", "see_also"),
    ("Read more: Ukraine strikes oil depot in Oryol", "see_also"),
    ("Also read: Russia claims village in Donetsk", "see_also"),
    ("This image is AI-generated and does not depict any real-life event or location.", "caption"),
    ("Photo: Reuters/Gleb Garanich", "caption"),
    ("Ukrainian servicemen fire a howitzer near Bakhmut (AP Photo/Libkos)", "caption"),
    ("example.news is an AI-driven news aggregator that simplifies global news. Read moreExpand", "about"),
    ("TRENDING", "list_header"),
    ("Related Stories", "list_header"),
    ("Related news on that topic:", "list_header"),
    ("Latest News", "list_header"),
    ("Most read", "list_header"),
    ("Our Picks", "list_header"),
    ("Read more", "list_header"),
    ("The press radar on this topic:", "list_header"),
    ("OPINION / BLOG / INTERVIEW", "list_header"),
    ("## Related Stories", "list_header"),
]


@pytest.mark.parametrize("line, kind", DROP)
def test_boilerplate_line_dropped(line: str, kind: str) -> None:
    text = article_with(line)
    got = kinds(text)
    assert got == {line.strip(): kind}


KEEP = [
    "Escalating Tensions: North Korean Soldiers Join Russian Front in Ukraine Conflict",  # headline
    "Changes In Ukrainian Command Amid New Threats",  # section heading
    "Are North Korean Troops Fighting For Russia?",  # question heading
    "Russia and North Korea gathering troops for assault on Ukraine in Kursk.",  # bullet summary
    "11,000 North Korean soldiers present in the region, with 50,000 troops expected.",
    "- Russia and North Korea gathering troops for assault on Ukraine in Kursk.",
    "## The Road Ahead",
    "Zelensky said Russia had signed up 11,000 North Korean soldiers.",
    "The ministry's newsletter said the troops arrived on Monday.",
    "By Sunday, Russian troops had retaken two villages near Kursk.",
    "Share prices fell in Moscow after the strike.",
    "World leaders condemned the strike on Kyiv.",
    "Related developments were reported in Donetsk on Tuesday.",
    "Follow the money, the analysts said, and the picture becomes clearer.",
    "Russia's President Putin and North Korea's leader Kim meet in Amur region",
    "KYIV, Dec 15 (Reuters) - Russia has deployed North Korean troops in Kursk, Zelenskiy said.",
    "Published reports suggest that 11,000 soldiers were sent to the Kursk region.",
    "The Kremlin said the privacy of the talks would be respected, according to the terms of the deal.",
]


@pytest.mark.parametrize("line", KEEP)
def test_content_line_kept(line: str) -> None:
    assert dropped_lines(article_with(line)) == []


LISTS = [
    # (text, dropped lines, kept lines)
    (
        f"{HEADLINE}\n\n{PROSE}\n\nTRENDING\n\n1\nNew Zealand's Strong Bid for Victory\n\n Global\n2\n"
        "Trump Aims to Abolish Daylight Saving Time in the U.S.\n\n United States\n",
        ["TRENDING", "1", "New Zealand's Strong Bid for Victory", "Global", "2",
         "Trump Aims to Abolish Daylight Saving Time in the U.S.", "United States"],
        [HEADLINE, PROSE],
    ),
    (  # the list ends where prose resumes; a heading right before prose is kept
        f"{HEADLINE}\n\n{PROSE}\n\nRelated Stories\nRussia claims two villages\nDrone hits refinery\n\n"
        f"The Road Ahead\n\n{PROSE2}\n",
        ["Related Stories", "Russia claims two villages", "Drone hits refinery"],
        [HEADLINE, PROSE, "The Road Ahead", PROSE2],
    ),
    (
        f"{HEADLINE}\n{PROSE}\nRelated news on that topic:\nThe press radar on this topic:\n"
        "Russia reports capture of important areas in eastern Ukraine\n"
        "Chechnya: Kamikaze Drone from Ukraine Hits Russian Military Base\nWelcome!\n",
        ["Related news on that topic:", "The press radar on this topic:",
         "Russia reports capture of important areas in eastern Ukraine",
         "Chechnya: Kamikaze Drone from Ukraine Hits Russian Military Base", "Welcome!"],
        [HEADLINE, PROSE],
    ),
    (
        "## Most read\n- [Title one](https://x.example/1)\n- [Title two](https://x.example/2)\n\n"
        f"# {HEADLINE}\n\n{PROSE}\n",
        ["## Most read", "- [Title one](https://x.example/1)", "- [Title two](https://x.example/2)"],
        [f"# {HEADLINE}", PROSE],
    ),
    (  # a repeated line is dropped the second time only
        f"{HEADLINE}\n\n{PROSE}\n\n{HEADLINE}\n\n{PROSE2}\n",
        [HEADLINE],
        [PROSE, PROSE2],
    ),
    (  # bullet sentences outside a list are content
        f"{HEADLINE}\n\n{PROSE}\n\n11,000 North Korean soldiers present in the region.\n"
        "Russia and North Korea gathering troops for assault on Ukraine in Kursk.\n",
        [],
        [HEADLINE, PROSE, "11,000 North Korean soldiers present in the region.",
         "Russia and North Korea gathering troops for assault on Ukraine in Kursk."],
    ),
]


@pytest.mark.parametrize("text, dropped, kept", LISTS)
def test_lists(text: str, dropped: list[str], kept: list[str]) -> None:
    assert dropped_lines(text) == dropped
    body = from_text(text, "t").body()
    for line in kept:
        assert line in body


WIRE_PAGE = """Skip to main content
World
Sign In
Register
Europe
Russia fires missiles at Ukraine's energy grid in overnight attack
By Jane Doe and John Roe
December 13, 2024 8:43 AM GMT+1
Updated 2 hours ago
KYIV, Dec 13 (Reuters) - Russia launched a missile and drone attack on Ukraine's energy system on Friday, officials said.
Ukraine's air force said it had shot down 81 of 93 missiles.
Reporting by Jane Doe; Editing by John Roe
Suggested Topics:
Ukraine
Share
X
Facebook
Purchase Licensing Rights
Read Next
Europe
Kremlin says Putin open to talks
"""
MD_PAGE = """# Ukraine war: North Korean troops suffer heavy losses, Kyiv says

**16 December 2024**

Share

Save

North Korean soldiers fighting for Russia in the Kursk region have suffered heavy losses, officials say.

## What we know about the deployment

* Around 11,000 soldiers were sent to Russia in October.
* They are serving in Russian units.

More on this story

* [North Korean troops in combat in Kursk](https://example.org/x)

Related topics

* Ukraine
* Russia-Ukraine war
"""


@pytest.mark.parametrize(
    "text, kept, day",
    [
        (WIRE_PAGE, ["Russia fires missiles at Ukraine's energy grid in overnight attack",
                     "KYIV, Dec 13 (Reuters) - Russia launched a missile and drone attack on Ukraine's energy system "
                     "on Friday, officials said.", "Ukraine's air force said it had shot down 81 of 93 missiles."],
         date(2024, 12, 13)),
        (MD_PAGE, ["# Ukraine war: North Korean troops suffer heavy losses, Kyiv says",
                   "North Korean soldiers fighting for Russia in the Kursk region have suffered heavy losses, officials say.",
                   "## What we know about the deployment", "* Around 11,000 soldiers were sent to Russia in October.",
                   "* They are serving in Russian units."],
         date(2024, 12, 16)),
    ],
)
def test_pages_from_other_sites(text: str, kept: list[str], day: date) -> None:
    """Only the article survives, whatever the site's layout."""
    art = from_text(text, "p")
    dropped = {text[s:e] for s, e in art.dropped}
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert [ln for ln in lines if ln not in dropped] == kept
    assert art.date == day and art.date_source == "dateline"


def test_list_with_heading_before_prose_keeps_heading() -> None:
    text = LISTS[1][0]
    assert "The Road Ahead" not in dropped_lines(text)


@pytest.mark.parametrize(
    "text",
    [
        " date 2024-12-15 Left Menu\n\nHeadline Of The Day\n\n" + PROSE,
        "Headline\r\nTop News\r\n" + PROSE + "\r\nShare This\r\n",
        "no newline at the end: Share This\nShare This",
        "Left Menu",
    ],
)
def test_offsets_index_the_original_text(text: str) -> None:
    art = from_text(text, "x")
    assert art.text == text
    assert art.dropped
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    for s, e in art.dropped:
        assert text[s:e] in lines
        assert "\n" not in text[s:e] and not text[s:e].endswith("\r")
    body = art.body()
    assert len(body) == len(text)
    assert [i for i, c in enumerate(body) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    for s, e in art.dropped:
        assert body[s:e].strip() == ""


def test_cue_file_is_ours_and_valid() -> None:
    first = json.loads(ingest.BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()[0])
    assert "pattern" not in first and "MIT" in first["_comment"]
    cues = ingest.load_cues()
    assert len(cues) > 20
    assert {c.kind for c in cues} <= set(ingest.KINDS)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

D = date(2024, 12, 15)


@pytest.mark.parametrize(
    "s, expected",
    [
        ("2024-12-15", D),
        ("2024-12-15T00:16:00Z", D),
        ("2024-12-15T23:30:00.000+05:30", D),
        ("2024/12/15", D),
        ("15-12-2024", D),
        ("15/12/2024", D),
        ("15.12.2024", D),
        ("12/15/2024", D),  # month-first only when the first number cannot be a month
        ("05/06/2024", date(2024, 6, 5)),  # ambiguous: day-first
        ("December 15, 2024", D),
        ("15 December 2024", D),
        ("Dec. 15, 2024", D),
        ("Dec 15 2024", D),
        ("Sept. 3, 2024", date(2024, 9, 3)),
        ("15th of December, 2024", D),
        ("Sunday, December 15, 2024", D),
        ("Sun, 15 Dec 2024 00:16:00 +0000", D),
        ("15-12-2024 00:16 IST", D),
        ("December 15, 2024 10:30 AM EST", D),
        ("30 February 2024", None),
        ("15/12/24", None),
        ("13/13/2024", None),
        ("2024", None),
        ("December 2024", None),
        ("next Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(s: str | None, expected: date | None) -> None:
    assert parse_date(s) == expected


def test_parse_date_ambiguity_switch() -> None:
    assert parse_date("05/06/2024", dayfirst=None) is None
    assert parse_date("05/06/2024", dayfirst=False) == date(2024, 5, 6)
    assert parse_date("15/12/2024", dayfirst=None) == D


def test_search_dates_and_url_date() -> None:
    found = list(search_dates("Desk | Updated: 15-12-2024 00:16 IST | Created: 14-12-2024"))
    assert [m.date for m in found] == [D, date(2024, 12, 14)]
    yearless = list(search_dates("KYIV, Dec 15 (Reuters) -", yearless=True))
    assert [(m.year, m.month, m.day) for m in yearless] == [(None, 12, 15)]
    assert url_date("https://www.reuters.com/world/europe/x-2024-12-15/") == (2024, 12, 15)
    assert url_date("https://example.com/2024/12/slug") == (2024, 12, None)
    assert url_date("https://example.com/a/b") is None


@pytest.mark.parametrize(
    "text, url, expected, source",
    [
        (" date 2024-12-15 Left Menu\n\nHeadline Here\n\n" + PROSE, None, D, "leading-line"),
        ("15 December 2024\n\nHeadline Here\n\n" + PROSE, None, D, "leading-line"),
        ("Headline Here\n\nBy Jane Doe | Published: December 15, 2024\n\n" + PROSE, None, D, "dateline"),
        ("Headline Here\n\nPublished December 15, 2024\n\n" + PROSE, None, D, "dateline"),
        (
            "Headline Here\n\n" + PROSE + "\n\nDesk | Updated: 16-12-2024 10:00 IST | Created: 15-12-2024 00:16 IST\n",
            None, D, "dateline",
        ),
        ("Headline Here\n\nUpdated: 16-12-2024\n\n" + PROSE, None, date(2024, 12, 16), "dateline"),
        ("Headline Here\n\n15 December 2024\n\n" + PROSE, None, D, "dateline"),
        ("KYIV, Dec 15, 2024 (Reuters) - " + PROSE, None, D, "dateline"),
        ("WASHINGTON, December 15, 2024 (AP) — " + PROSE, None, D, "dateline"),
        ("Headline Here\n\nDec. 15, 2024 — " + PROSE, None, D, "dateline"),
        ("Headline Here\n\nBy Jane Doe, December 15, 2024\n\n" + PROSE, None, D, "dateline"),
        ("Headline Here\n\nDecember 13, 2024 8:43 AM GMT+1\nUpdated 2 hours ago\n\n" + PROSE, None,
         date(2024, 12, 13), "dateline"),
        ("KYIV, Dec 15 (Reuters) - " + PROSE, None, None, None),  # no year: never guessed
        ("KYIV, Dec 15 (Reuters) - " + PROSE, "https://example.com/world/2024/12/kursk", D, "dateline"),
        ("Headline Here\n\n" + PROSE, "https://example.com/world/2024/12/15/kursk", D, "url"),
        ("Headline Here\n\nOn 15 December 2024 Russia said it had taken two villages near Kursk.", None, None, None),
        ("Headline Here\n\n" + PROSE, None, None, None),
        ("", None, None, None),
    ],
)
def test_find_publication_date(text: str, url: str | None, expected: date | None, source: str | None) -> None:
    assert find_publication_date(text, url=url) == (expected, source)


def test_leading_date_line_is_boilerplate_but_dated_headline_is_not() -> None:
    text = " date 2024-12-15 Left Menu\n\nHeadline Here\n\n" + PROSE
    assert dropped_lines(text) == ["date 2024-12-15 Left Menu"]
    text = "15 December 2024 Russia Deploys Troops To Kursk\n\n" + PROSE
    assert find_publication_date(text) == (None, None)
    assert dropped_lines(text) == []


@pytest.mark.parametrize(
    "meta, expected, source",
    [
        (date(2024, 12, 1), date(2024, 12, 1), "metadata"),
        ("2024-12-01", date(2024, 12, 1), "metadata"),
        (None, D, "leading-line"),
        ("sometime last week", D, "leading-line"),
    ],
)
def test_from_text_metadata_date_first(meta: object, expected: date, source: str, caplog: pytest.LogCaptureFixture) -> None:
    art = from_text(" date 2024-12-15 Left Menu\n\nHeadline\n\n" + PROSE, "a1", date=meta)  # type: ignore[arg-type]
    assert (art.date, art.date_source) == (expected, source)
    if meta == "sometime last week":
        assert "unparseable date" in caplog.text


def test_from_text_title() -> None:
    art = from_text(f" date 2024-12-15 Left Menu\n\n{HEADLINE}\n\n{PROSE}", "a")
    assert art.title == HEADLINE
    assert from_text(PROSE, "b").title is None
    assert from_text(PROSE, "c", title="Given").title == "Given"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Strike on Kyiv | Example News</title>
<meta property="og:title" content="Russian missiles hit Kyiv">
<meta property="article:published_time" content="2024-12-14T23:30:00Z">
<link rel="canonical" href="https://example.com/world/kyiv">
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-12-13"}]}</script>
<style>p{color:red}</style></head>
<body><header><nav><a>Home</a> <a>World</a></nav><div>Site banner text</div></header>
<div class="cookie-banner">We use cookies. Accept?</div>
<main><article><header><h1>Russian missiles hit Kyiv</h1></header>
<p>Russia fired   missiles at Kyiv on Saturday, officials said &amp; added that three people were hurt.</p>
<p>Ukraine&#39;s air force said it shot down 20 of them.</p>
<figure><img src="x.jpg"><figcaption>Smoke rises (Reuters)</figcaption></figure>
<div class="share-buttons">Share on Facebook</div>
<aside>Related: other story</aside><noscript>Enable JavaScript</noscript>
<script>var x = "<p>not text</p>";</script>
<p>Related Stories</p><ul><li>Other headline one</li><li>Other headline two</li></ul>
</article></main><footer>&copy; 2024 Example</footer>
<form><input name=q><button>Search</button></form></body></html>"""


def test_parse_html() -> None:
    page = parse_html(HTML)
    assert page.text.split("\n\n")[:3] == [
        "Russian missiles hit Kyiv",
        "Russia fired missiles at Kyiv on Saturday, officials said & added that three people were hurt.",
        "Ukraine's air force said it shot down 20 of them.",
    ]
    for junk in ("Home", "Site banner", "cookies", "Smoke rises", "Share on", "other story", "JavaScript",
                 "not text", "2024 Example", "Search", "p{color"):
        assert junk not in page.text
    assert page.title == "Russian missiles hit Kyiv"
    assert page.date == date(2024, 12, 14)
    assert page.url == "https://example.com/world/kyiv"


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta name="date" content="2024-12-15">', D),
        ('<script type="application/ld+json">{"datePublished": "2024-12-15T08:00:00+02:00"}</script>', D),
        ("", D),  # falls back to <time datetime>
        ('<meta property="article:published_time" content="garbage"><meta name="date" content="15/12/2024">', D),
    ],
)
def test_html_dates(head: str, expected: date) -> None:
    markup = f"<html><head>{head}<title>T</title></head><body><p>x</p><time datetime='2024-12-15'>Sunday</time></body></html>"
    assert parse_html(markup).date == expected


def test_html_without_date_and_title() -> None:
    page = parse_html("<p>Just text.</p>")
    assert (page.text, page.title, page.date, page.url) == ("Just text.", None, None, None)


# --------------------------------------------------------------------------
# Reading files, folders, globs, JSONL; bad inputs
# --------------------------------------------------------------------------


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    write(root / "a.txt", f" date 2024-12-15 Left Menu\n\n{HEADLINE}\n\n{PROSE}\n")
    write(root / "b.md", f"# {HEADLINE}\n\n{PROSE2}\n")
    write(root / "c.html", HTML)
    write(root / "d.jsonl", json.dumps({"id": "rec1", "text": PROSE, "date": "2024-12-01"}) + "\n")
    write(root / "sub" / "e.text", PROSE)
    write(root / "sub" / "deeper" / "f.htm", "<p>" + PROSE2 + "</p>")
    write(root / "g.json-lines", json.dumps({"text": PROSE}) + "\n")
    # not read from a folder:
    write(root / ".hidden.txt", PROSE)
    write(root / ".git" / "h.txt", PROSE)
    write(root / "notes.csv", "a,b\n")
    return root


def test_read_folder_recursive_sorted(corpus: Path) -> None:
    arts = list(read(corpus))
    # sorted by path inside the folder; hidden files/folders and other suffixes skipped
    assert [a.id for a in arts] == ["a", "b", "c", "rec1", "g-1", "f", "e"]
    by_id = {a.id: a for a in arts}
    assert by_id["a"].date == D and by_id["a"].date_source == "leading-line"
    assert by_id["a"].source == str(corpus / "a.txt")
    assert by_id["c"].date == date(2024, 12, 14) and by_id["c"].date_source == "metadata"
    assert by_id["c"].title == "Russian missiles hit Kyiv"
    assert by_id["rec1"].date == date(2024, 12, 1) and by_id["rec1"].source == f"{corpus / 'd.jsonl'}:1"
    assert by_id["b"].text == f"# {HEADLINE}\n\n{PROSE2}\n"  # markdown kept as is


def test_read_glob_and_file_list(corpus: Path) -> None:
    assert [a.id for a in read(str(corpus / "*.txt"))] == ["a"]
    assert [a.id for a in read(str(corpus / "**" / "*.tex*"))] == ["e"]
    assert [a.id for a in read([corpus / "b.md", corpus / "a.txt", corpus / "a.txt"])] == ["b", "a"]
    assert [a.id for a in read(str(corpus / "s*"))] == ["f", "e"]  # a glob matching a folder


@pytest.mark.parametrize("missing", ["nope", "nope/*.txt"])
def test_missing_path_raises_before_reading(corpus: Path, missing: str) -> None:
    calls: list[tuple[str, str]] = []
    write(corpus / "empty.txt", "")
    with pytest.raises(InputError) as err:
        read([corpus, corpus / missing], on_skip=lambda w, r: calls.append((w, r)))
    assert "\n" not in str(err.value)
    assert str(corpus / missing) in str(err.value)
    assert calls == []


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n ", "empty file"),
    ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file (NUL byte at byte offset 4)"),
    ("latin1.txt", "Kyiv caf\u00e9 strike".encode("latin-1"), "not UTF-8 (invalid byte 0xE9 at byte offset 8)"),
    ("huge.txt", b"Title\n" + b"a" * (ingest.MAX_LINE_BYTES + 1) + b"\n", "line 2 is longer than 1 MB"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("binary.jsonl", b"\x00\x01\x02", "binary file"),
    ("page.html", b"<html><script>var x;</script></html>", "no text in the HTML"),
]


@pytest.mark.parametrize("name, data, reason", BAD_FILES)
def test_bad_file_is_skipped_and_the_run_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path / "a_good.txt", PROSE)
    bad = write(tmp_path / name, data)
    write(tmp_path / "z_good.txt", PROSE2)
    skipped: list[tuple[str, str]] = []
    with caplog.at_level(logging.WARNING, logger="kg"):
        arts = list(read(tmp_path, on_skip=lambda w, r: skipped.append((w, r))))
    assert [a.id for a in arts] == ["a_good", "z_good"]
    assert len(skipped) == 1 and skipped[0][0] == str(bad) and skipped[0][1].startswith(reason)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    msg = warnings[0].getMessage()
    assert "\n" not in msg and str(bad) in msg and reason in msg


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 in Kyiv was hit.</p></body></html>'
    write(tmp_path / "p.html", page.encode("latin-1"))
    assert [a.text for a in read(tmp_path)] == ["Caf\u00e9 in Kyiv was hit."]


def test_explicit_unsupported_file_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    f = write(tmp_path / "data.csv", "a,b\n")
    g = write(tmp_path / "README", PROSE)
    assert [a.id for a in read([f, g])] == ["README"]
    assert "unsupported file type '.csv'" in caplog.text


def test_jsonl_records(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [
        json.dumps({"id": "r1", "text": PROSE, "date": "2024-12-15", "url": "https://x.example/a", "title": "T1"}),
        "{not json",
        "",
        json.dumps({"id": "r3", "title": "no text"}),
        json.dumps({"text": PROSE2}),  # no id -> <stem>-<line>
        json.dumps([1, 2]),
        json.dumps({"id": "r1", "text": PROSE2}),  # duplicate id
        json.dumps({"id": 7, "text": PROSE, "date": None}),
        json.dumps({"id": "r9", "text": PROSE, "date": "the day after"}),
        json.dumps({"id": "big", "text": "a" * (ingest.MAX_LINE_BYTES + 10)}),
        json.dumps({"id": "r11", "text": " date 2024-12-15 Left Menu\n" + PROSE}),
        json.dumps({"id": "r12", "text": "   "}),
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    with open(path, "ab") as fh:  # a latin-1 record
        fh.write(b'{"id": "lat", "text": "caf\xe9"}\n')
    skipped: list[tuple[str, str]] = []
    with caplog.at_level(logging.WARNING, logger="kg"):
        arts = list(read(path, on_skip=lambda w, r: skipped.append((w, r))))
    assert [(a.id, a.date) for a in arts] == [
        ("r1", D), ("news-5", None), ("r1-2", None), ("7", None), ("r9", None), ("r11", D),
    ]
    r1 = arts[0]
    assert (r1.url, r1.title, r1.source, r1.date_source) == ("https://x.example/a", "T1", f"{path}:1", "metadata")
    assert arts[-1].date_source == "leading-line" and arts[-1].dropped == [(0, len(" date 2024-12-15 Left Menu"))]
    assert [(w.rsplit(":", 1)[1], r.split(" (")[0]) for w, r in skipped] == [
        ("2", "not JSON"), ("4", "no text"), ("6", "not a JSON object"), ("10", "line longer than 1 MB"),
        ("12", "no text"), ("13", "not UTF-8"),
    ]
    assert f"{path}:2: not JSON" in caplog.text
    assert "duplicate id 'r1' renamed 'r1-2'" in caplog.text
    assert f"{path}:9: unparseable date 'the day after'" in caplog.text
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_duplicate_file_ids_get_suffix(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "x" / "same.txt", PROSE)
    write(tmp_path / "y" / "same.txt", PROSE2)
    write(tmp_path / "z" / "same.md", PROSE2)
    assert [a.id for a in read(tmp_path)] == ["same", "same-2", "same-3"]
    assert caplog.text.count("duplicate id 'same'") == 2


def test_text_is_never_rewritten(tmp_path: Path) -> None:
    raw = "\ufeffHeadline Here\r\nShare This\r\n\r\n" + PROSE + "\r\n"
    write(tmp_path / "crlf.txt", raw)
    (art,) = read(tmp_path)
    assert art.text == raw[1:]  # only a UTF-8 byte-order mark is removed
    assert [art.text[s:e] for s, e in art.dropped] == ["Share This"]


# --------------------------------------------------------------------------
# The real seeds against the gold annotations
# --------------------------------------------------------------------------


def test_seeds_read() -> None:
    arts = list(read(SEEDS))
    assert [a.id for a in arts] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    by_id = {a.id: a for a in arts}
    assert by_id["000_fd0a6d6ae605c196"].date == D
    assert by_id["000_fd0a6d6ae605c196"].date_source == "leading-line"
    for a in arts:
        assert a.text == (SEEDS / f"{a.id}.txt").read_text(encoding="utf-8")
        assert a.title and a.dropped


SEED_DROPPED = {
    "000_fd0a6d6ae605c196": ["date 2024-12-15 Left Menu", "Devdiscourse News Desk | Updated: 15-12-2024 00:16 IST",
                             "This image is AI-generated", "(With inputs from agencies.)", "TRENDING",
                             "High-Stakes Clash: India Battles Australia in Decisive Gabba Test",
                             "Trump Aims to Abolish Daylight Saving Time in the U.S.", "OPINION / BLOG / INTERVIEW",
                             "Latest News", "LinkedIn Quora Youtube RSS", "Email: info@devdiscourse.com",
                             "© Copyright 2024"],
    "001_9b47f2686bba2f30": ["Get all your news in one place.", "One app.", "Start reading", "Top News", "World",
                             "Sign up to read this article", "Already a member? Sign in here", "Related Stories",
                             "Our Picks", "Download the app", "100+ trusted global sources."],
    "002_282725559f8bb5b2": ["TAGS", "See also\xa0 UK signals", "Discover more from Business-News-Today.com",
                             "Subscribe to get the latest posts", "CATEGORIES", "Share This", "COMMENTS",
                             "Wordpress (0)", "Disqus ( )"],
    "003_8190c09c5cc3a211": ["Add a comment", "Leave a Reply", "Your email address will not be published.",
                             "Keep Up to Date with the Most Important News", "By pressing the Subscribe button"],
    "004_8ad3d5daeb31e889": ["Related news on that topic:", "The press radar on this topic:",
                             "Drohnenangriff auf Spezialeinheit in Tschetschenien", "Welcome!",
                             "infobud.news is an AI-driven news aggregator"],
}
SEED_KEPT = {
    "000_fd0a6d6ae605c196": [HEADLINE, "The use of North Korean troops might soon expand"],
    "001_9b47f2686bba2f30": ["Russia And North Korea Troops Amass For Assault In Ukraine", "Challenges Faced by Ukraine",
                             "Russia and North Korea gathering troops for assault on Ukraine in Kursk."],
    "002_282725559f8bb5b2": ["Are North Korean Troops Fighting For Russia?", "The Road Ahead",
                             "Changes In Ukrainian Command Amid New Threats"],
    "003_8190c09c5cc3a211": ["First since World War II", "Russian President Vladimir Putin made his first statements"],
    "004_8ad3d5daeb31e889": ["Escalating Tensions: North Korean Soldiers Join Russian Front in Ukraine Conflict",
                             "Amidst these military maneuvers, diplomatic tensions simmer."],
}


@pytest.mark.parametrize("doc_id", sorted(SEED_DROPPED))
def test_seed_boilerplate(doc_id: str) -> None:
    (art,) = read(SEEDS / f"{doc_id}.txt")
    dropped = [art.text[s:e].strip() for s, e in art.dropped]
    for start in SEED_DROPPED[doc_id]:
        assert any(d.startswith(start) for d in dropped), start
    body = art.body()
    for kept in SEED_KEPT[doc_id]:
        assert kept in body, kept


def _gold() -> list[dict]:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is absent")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_sentences_are_not_dropped() -> None:
    gold = _gold()
    arts = {a.id: a for a in read(SEEDS)}
    lost = []
    for doc in gold:
        art = arts[doc["id"]]
        assert art.text == doc["text"]
        for ev in doc["events"]:
            if ev.get("optional"):
                continue
            sent = ev["sentence"]
            spans = []
            i = art.text.find(sent)
            while i >= 0:
                spans.append((i, i + len(sent)))
                i = art.text.find(sent, i + 1)
            assert spans, sent
            clear = [(s, e) for s, e in spans if not any(s < de and ds < e for ds, de in art.dropped)]
            if not clear:
                lost.append((doc["id"], sent))
    assert lost == []


def test_gold_dates_match_the_gold_file() -> None:
    gold = _gold()
    arts = {a.id: a for a in read(SEEDS)}
    for doc in gold:
        expected = date.fromisoformat(doc["date"]) if doc.get("date") else None
        assert arts[doc["id"]].date == expected, doc["id"]


def test_gold_file_reads_as_jsonl() -> None:
    _gold()
    arts = list(read(GOLD))
    assert [a.id for a in arts] == [d["id"] for d in _gold()]
    assert arts[0].date == D and arts[0].date_source == "metadata"
