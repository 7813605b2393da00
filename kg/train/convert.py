"""Convert the shared corpora into spaCy ``DocBin`` files.

Readers return lists of :class:`Sent` (one annotated sentence); :func:`to_docs`
groups them into multi-sentence ``Doc`` objects (so the parser learns sentence
boundaries) and :func:`build_corpora` writes the train/dev/test ``.spacy`` files.

Label mapping (statistical NER labels: PERSON, ORG, LOC, NORP):

* UNER (EWT): PER->PERSON, ORG->ORG, LOC->LOC; OTH -> NORP when every token is a
  capitalised adjective or plural proper noun (JJ/NNPS, e.g. "American",
  "Iraqis"), otherwise O.
* re3d: Person->PERSON, Organisation->ORG, Location->LOC, Nationality->NORP;
  Temporal, Quantity, Money, DocumentReference, Weapon, MilitaryPlatform -> O
  (dates and quantities are handled by our rule components).
* wikigold: PER/ORG/LOC as above; MISC -> missing annotation (it mixes
  nationalities, events and works, so it is neither O nor NORP).
* GUM: only *named* mentions (see :func:`gum_named_span`) of type person,
  place, organization -> PERSON/LOC/ORG; plural proper-noun person mentions
  ("Americans") -> NORP; capitalised adjectives outside mentions ("Swiss")
  -> NORP; other tokens O. With ``strip_titles`` (``kg train --gum-strip-titles``,
  off for the shipped model) leading titles are cut from person names
  ("President Vladimir Putin" -> "Vladimir Putin", see :func:`strip_title`),
  because UNER and re3d leave titles outside the name.
"""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

LABELS = ("PERSON", "ORG", "LOC", "NORP")
UNER_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
RE3D_MAP = {"Person": "PERSON", "Organisation": "ORG", "Location": "LOC", "Nationality": "NORP"}
WIKIGOLD_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": None}
GUM_MAP = {"person": "PERSON", "place": "LOC", "organization": "ORG"}
RE3D_SEED = 13
#: training sources with entity annotation (``build_corpora(ner_from=…)``)
NER_SOURCES = ("ewt", "gum", "wikigold", "re3d")
#: fractions of re3d documents (per source) held out for dev and test
RE3D_DEV, RE3D_TEST = 0.1, 0.2
#: ``Doc.user_data`` key: token indices where a paragraph other than the doc's first starts.
PAR_STARTS = "kg_par_starts"


def ner_sources(value: str | Iterable[str]) -> tuple[str, ...]:
    """The training sources named in ``value`` (comma-separated, or a sequence of names).

    Raises
    ------
    ValueError
        When none is named or a name is not one of :data:`NER_SOURCES`.
    """
    names = tuple(x.strip() for x in (value.split(",") if isinstance(value, str) else value))
    names = tuple(x for x in names if x)
    if not names or set(names) - set(NER_SOURCES):
        shown = value if isinstance(value, str) else ",".join(value)
        raise ValueError(f"expected some of {','.join(NER_SOURCES)}, got {shown!r}")
    return names


@dataclass
class Sent:
    """One sentence. ``heads`` are 0-based indices within the sentence
    (a root points to itself); ``ents`` are IOB2 tags with ``None`` = missing."""

    words: list[str]
    spaces: list[bool]
    tags: list[str] | None = None
    pos: list[str] | None = None
    morphs: list[str] | None = None
    heads: list[int] | None = None
    deps: list[str] | None = None
    ents: list[str | None] | None = None
    sent_id: str = ""
    doc_id: str = ""
    misc: list[str] = field(default_factory=list, repr=False)
    lemmas: list[str] | None = None
    #: The sentence opens a paragraph (``# newpar`` or ``# newdoc`` before it in CoNLL-U).
    par_start: bool = False


# --------------------------------------------------------------------------- CoNLL-U

def read_conllu(path: str | Path) -> list[Sent]:
    """Read a CoNLL-U file; multi-word tokens become their syntactic words
    (the surface string is the concatenation, spacing from the range line)."""
    sents: list[Sent] = []
    doc_id = ""
    new_par = False
    comments: dict[str, str] = {}
    rows: list[list[str]] = []
    mwt_space: dict[int, bool] = {}  # last word id of an MWT -> SpaceAfter

    def flush():
        nonlocal rows, comments, mwt_space, new_par
        if rows:
            sents.append(_conllu_sent(rows, mwt_space, comments.get("sent_id", ""), doc_id))
            sents[-1].par_start, new_par = new_par, False
        rows, comments, mwt_space = [], {}, {}

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            if line.startswith("#"):
                key, eq, val = line[1:].partition("=")
                key = key.strip()
                if key in ("newpar", "newdoc") or key.startswith(("newpar ", "newdoc ")):
                    new_par = True
                if eq and key == "newdoc id":
                    doc_id = val.strip()
                elif eq and key == "sent_id":
                    comments["sent_id"] = val.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: bad CoNLL-U line: {line!r}")
            tid = cols[0]
            if "." in tid:
                continue  # empty node (enhanced graph only)
            if "-" in tid:
                start, end = (int(x) for x in tid.split("-"))
                mwt_space[end] = "SpaceAfter=No" not in cols[9]
                for i in range(start, end):
                    mwt_space[i] = False
                continue
            rows.append(cols)
    flush()
    return sents


def _conllu_sent(rows, mwt_space, sent_id, doc_id) -> Sent:
    words, spaces, tags, pos, morphs, heads, deps, misc, lemmas = [], [], [], [], [], [], [], [], []
    for cols in rows:
        i = int(cols[0])
        words.append(cols[1])
        lemmas.append(cols[2] if cols[2] != "_" or cols[1] == "_" else cols[1])
        sp = mwt_space.get(i, "SpaceAfter=No" not in cols[9])
        spaces.append(sp)
        tags.append(cols[4] if cols[4] != "_" else "")
        pos.append(cols[3] if cols[3] != "_" else "")
        morphs.append(cols[5] if cols[5] != "_" else "")
        head = int(cols[6])
        heads.append(i - 1 if head == 0 else head - 1)
        deps.append("ROOT" if cols[7] == "root" else cols[7])
        misc.append(cols[9])
    if spaces:
        spaces[-1] = True  # sentences are joined with a space inside a doc
    return Sent(words, spaces, tags, pos, morphs, heads, deps, None, sent_id, doc_id, misc, lemmas)


# --------------------------------------------------------------------------- IOB

def read_iob(path: str | Path, tag_col: int = -1, sep: str | None = None) -> list[list[tuple[str, str]]]:
    """Read a column file (token ... tag) into sentences of (token, tag);
    ``#`` comment lines and ``-DOCSTART-`` lines are skipped."""
    out, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    out.append(cur)
                cur = []
                continue
            if line.startswith("# ") or line.startswith("-DOCSTART-"):
                continue
            cols = line.split(sep) if sep else line.split()
            cur.append((cols[0], cols[tag_col]))
    if cur:
        out.append(cur)
    return out


def read_uner(path: str | Path) -> dict[str, list[tuple[str, str]]]:
    """UNER IOB2 file -> {sent_id: [(token, tag), ...]} (tag column 3)."""
    out: dict[str, list[tuple[str, str]]] = {}
    sid, cur = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
                continue
            if line.startswith("#"):
                continue
            if not line.strip():
                if sid is not None and cur:
                    out[sid] = cur
                sid, cur = None, []
                continue
            cols = line.split("\t")
            cur.append((cols[1], cols[2] if len(cols) > 2 else "O"))
    if sid is not None and cur:
        out[sid] = cur
    return out


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB1/IOB2 tags -> [(start, end, label)]; an I- without a preceding
    entity of the same label opens a new one."""
    spans, start, label = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag in ("O", "", "-", None) or tag == "B-O" or tag == "I-O":
            pre, lab = "O", None
        else:
            pre, lab = tag.split("-", 1)
        if start is not None and (pre != "I" or lab != label):
            spans.append((start, i, label))
            start, label = None, None
        if pre in ("B", "I") and start is None:
            start, label = i, lab
    return spans


def spans_to_iob(n: int, spans: Iterable[tuple[int, int, str | None]], default: str | None = "O") -> list[str | None]:
    """Spans -> IOB2 list; a span with label ``None`` marks missing tokens."""
    out: list[str | None] = [default] * n
    for s, e, lab in spans:
        for i in range(s, e):
            out[i] = None if lab is None else ("B-" if i == s else "I-") + lab
    return out


def _is_norp_token(word: str, tag: str) -> bool:
    return tag in ("JJ", "NNPS") and word[:1].isupper()


def uner_ents(sent: Sent, uner: list[tuple[str, str]]) -> list[str | None] | None:
    """Map UNER tags onto an EWT sentence; None when the tokens do not align."""
    if [w for w, _ in uner] != sent.words:
        return None
    spans = []
    for s, e, lab in iob_spans([t for _, t in uner]):
        if lab in UNER_MAP:
            spans.append((s, e, UNER_MAP[lab]))
        elif lab == "OTH" and sent.tags and all(
            _is_norp_token(sent.words[i], sent.tags[i]) for i in range(s, e)
        ):
            spans.append((s, e, "NORP"))
    return spans_to_iob(len(sent.words), spans)


# --------------------------------------------------------------------------- GUM

_ENT_OPEN = re.compile(r"\((\d+)-([a-z]+)[^()]*")
_ENT_CLOSE = re.compile(r"(\d+)\)")
_NAME_POS = {"PROPN", "ADP", "CCONJ", "PUNCT", "NUM", "DET", "PART"}


def gum_mentions(sent: Sent) -> list[tuple[int, int, str]]:
    """Entity mentions (start, end, etype) from GUM ``Entity=`` MISC values."""
    open_: dict[str, list[tuple[int, str]]] = {}
    out = []
    for i, misc in enumerate(sent.misc):
        val = next((p[len("Entity="):] for p in misc.split("|") if p.startswith("Entity=")), None)
        if not val:
            continue
        pos = 0
        while pos < len(val):
            if val[pos] == "(":
                m = _ENT_OPEN.match(val, pos)
                gid, etype = m.group(1), m.group(2)
                pos = m.end()
                if pos < len(val) and val[pos] == ")":  # single-token mention
                    out.append((i, i + 1, etype))
                    pos += 1
                else:
                    open_.setdefault(gid, []).append((i, etype))
            else:
                m = _ENT_CLOSE.match(val, pos)
                if not m:
                    pos += 1
                    continue
                gid = m.group(1)
                pos = m.end()
                if open_.get(gid):
                    s, etype = open_[gid].pop()
                    out.append((s, i + 1, etype))
    return out


def gum_named_span(sent: Sent, s: int, e: int) -> tuple[int, int] | None:
    """Trim a GUM mention to a proper name: drop leading determiners; keep it
    only if its syntactic head is a PROPN, it starts and ends with a PROPN and
    all tokens are name-like (PROPN, of/and/the, punctuation, numbers)."""
    while s < e and sent.pos[s] in ("DET", "PUNCT"):
        s += 1
    while e > s and sent.pos[e - 1] == "PUNCT":
        e -= 1
    if s >= e or e - s > 8:
        return None
    heads = [i for i in range(s, e) if not (s <= sent.heads[i] < e) or sent.heads[i] == i]
    if len(heads) != 1 or sent.pos[heads[0]] != "PROPN":
        return None
    if sent.pos[s] != "PROPN" or sent.pos[e - 1] not in ("PROPN", "NUM"):
        return None
    if any(sent.pos[i] not in _NAME_POS for i in range(s, e)):
        return None
    return s, e


@functools.lru_cache(maxsize=None)
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles of ``kg/data/titles.jsonl`` as lower-case words without periods, longest first."""
    from kg import lexicon

    out = {tuple(w for w in r["title"].lower().replace(".", " ").split()) for r in lexicon.records("titles")}
    return tuple(sorted(out, key=len, reverse=True))


def strip_title(words: list[str], s: int, e: int) -> int:
    """New start of the person name ``words[s:e]`` after its leading titles
    (``kg/data/titles.jsonl``, case-insensitive, a trailing period allowed):
    "President Vladimir Putin" -> "Vladimir Putin". A name that is only a
    title ("Captain") is left whole."""
    changed = True
    while changed:
        changed = False
        for title in _titles():
            i, k = s, 0
            while k < len(title) and i < e and words[i].lower().rstrip(".") == title[k]:
                i, k = i + 1, k + 1
                if i < e and words[i] == ".":
                    i += 1
            if k == len(title) and i < e:
                s, changed = i, True
                break
    return s


def gum_ents(sent: Sent, strip_titles: bool = False) -> list[str | None]:
    n = len(sent.words)
    cands = []
    for s, e, etype in gum_mentions(sent):
        trimmed = gum_named_span(sent, s, e)
        if trimmed is None:
            continue
        s2, e2 = trimmed
        label = GUM_MAP.get(etype)
        if etype == "person" and sent.tags[e2 - 1] == "NNPS":
            label = "NORP"
        elif label == "PERSON" and strip_titles:
            s2 = strip_title(sent.words, s2, e2)
        cands.append((s2, e2, label))
    # outermost first; skip overlaps
    cands.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken = [False] * n
    spans = []
    for s, e, lab in cands:
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            taken[i] = True
        spans.append((s, e, lab))  # lab None (other named types) -> missing
    for i in range(1, n):
        if not taken[i] and sent.tags[i] == "JJ" and sent.words[i][:1].isupper() \
                and sent.words[i].isalpha() and not sent.words[i].isupper():
            spans.append((i, i + 1, "NORP"))
    return spans_to_iob(n, spans)


# --------------------------------------------------------------------------- plain-token corpora

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def guess_spaces(words: list[str]) -> list[bool]:
    """Detokenisation heuristic for corpora without spacing information."""
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        sp = not (w in _NO_SPACE_AFTER or (nxt is not None and nxt in _NO_SPACE_BEFORE))
        spaces.append(sp)
    if spaces:
        spaces[-1] = True
    return spaces


_DETS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
         "our", "my", "your", "some", "any", "all", "both", "each", "every", "such"}
_PRONOUNS = {"it", "they", "them", "he", "she", "him", "we", "us", "i", "you", "who", "which",
             "itself", "themselves", "himself", "herself", "one", "ones"}
_CONNECTORS = {"of", "and", "the", "for", "in", "on", "at", "to", "al", "el", "bin", "ibn", "bint",
               "abu", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "y", "&"}


def named_span(words: list[str], s: int, e: int) -> tuple[int, int] | None:
    """Trim a mention to a proper name, or None when it is not one.

    Leading determiners/possessives are dropped; pronouns are rejected; every
    alphabetic token must be capitalised or a name connector ("of", "al", ...);
    the first token must be capitalised (or a connector like "al")."""
    while s < e and words[s].lower() in _DETS:
        s += 1
    if s >= e:
        return None
    span = words[s:e]
    if len(span) == 1 and span[0].lower() in _PRONOUNS:
        return None
    first = span[0]
    if not (first[:1].isupper() or first[:1].isdigit() or first.lower() in _CONNECTORS):
        return None
    for w in span:
        if any(c.isalpha() for c in w) and not (w[:1].isupper() or w.lower() in _CONNECTORS
                                                 or w[:1].isdigit() or not w[:1].isalpha()):
            return None
    if not any(w[:1].isupper() for w in span):
        return None
    return s, e


def iob_sent(pairs: list[tuple[str, str]], mapping: dict[str, str | None], doc_id: str = "",
             names_only: bool = False) -> Sent:
    """Plain IOB sentence -> Sent. With ``names_only``, mentions that are not
    proper names (:func:`named_span`) become O, or missing if they contain a
    capitalised word (e.g. "Syrian universities": "Syrian" could be NORP)."""
    words = [w for w, _ in pairs]
    spans = []
    for s, e, lab in iob_spans([t for _, t in pairs]):
        if lab not in mapping:
            continue
        if names_only and mapping[lab] is not None:
            trimmed = named_span(words, s, e)
            if trimmed is None:
                if any(w[:1].isupper() and w.lower() not in _DETS | _PRONOUNS for w in words[s + 1:e]) \
                        or (words[s][:1].isupper() and words[s].lower() not in _DETS | _PRONOUNS):
                    spans.append((s, e, None))
                continue
            s, e = trimmed
        spans.append((s, e, mapping[lab]))  # label None -> missing
    return Sent(words, guess_spaces(words), ents=spans_to_iob(len(words), spans), doc_id=doc_id)


def read_re3d(root: str | Path, names_only: bool = True) -> dict[str, list[tuple[str, list[Sent]]]]:
    """re3d -> {source: [(doc_id, sentences), ...]} sorted by file name.

    re3d also annotates pronouns and common-noun mentions ("It", "The hospital",
    "Syrian universities"); with ``names_only`` (default) they are filtered to
    named mentions as for GUM."""
    root = Path(root)
    out = {}
    for src in sorted(p for p in (root / "conll").iterdir() if p.is_dir()):
        docs = []
        for fp in sorted(src.glob("*.conll")):
            sents = [iob_sent(s, RE3D_MAP, fp.stem, names_only) for s in read_iob(fp, sep="\t")]
            docs.append((f"{src.name}/{fp.stem}", sents))
        out[src.name] = docs
    return out


def split_re3d(by_source, seed: int = RE3D_SEED, dev: float = RE3D_DEV, test: float = RE3D_TEST):
    """Split re3d by *document*, separately per source, with a seeded shuffle.
    Returns (train, dev, test) lists of (doc_id, sents)."""
    rng = random.Random(seed)
    tr, dv, te = [], [], []
    for src in sorted(by_source):
        docs = list(by_source[src])
        rng.shuffle(docs)
        n = len(docs)
        n_test = max(1, round(n * test))
        n_dev = max(1, round(n * dev)) if n - n_test > 1 else 0
        te += docs[:n_test]
        dv += docs[n_test:n_test + n_dev]
        tr += docs[n_test + n_dev:]
    return tr, dv, te


# --------------------------------------------------------------------------- Docs

def to_docs(vocab, sents: list[Sent], n_sents: int = 10) -> Iterator:
    """Group consecutive sentences of the same document into Docs of at most
    ``n_sents`` sentences."""
    group: list[Sent] = []
    for sent in sents:
        if group and (sent.doc_id != group[0].doc_id or len(group) >= n_sents):
            yield make_doc(vocab, group)
            group = []
        group.append(sent)
    if group:
        yield make_doc(vocab, group)


def make_doc(vocab, sents: list[Sent]):
    from spacy.tokens import Doc

    words, spaces, tags, pos, morphs, heads, deps, ents, lemmas = [], [], [], [], [], [], [], [], []
    par_starts = []
    has = {k: all(getattr(s, k) is not None for s in sents)
           for k in ("tags", "pos", "morphs", "heads", "ents", "lemmas")}
    any_ents = any(s.ents is not None for s in sents)
    for s in sents:
        off = len(words)
        if s.par_start and off:
            par_starts.append(off)
        words += s.words
        spaces += s.spaces
        if has["tags"]:
            tags += s.tags
        if has["pos"]:
            pos += s.pos
        if has["morphs"]:
            morphs += s.morphs
        if has["lemmas"]:
            lemmas += s.lemmas
        if has["heads"]:
            heads += [h + off for h in s.heads]
            deps += s.deps
        ents += s.ents if s.ents is not None else [None] * len(s.words)
    kw = {}
    if has["tags"]:
        kw["tags"] = tags
    if has["pos"]:
        kw["pos"] = pos
    if has["morphs"]:
        kw["morphs"] = morphs
    if has["heads"]:
        kw["heads"], kw["deps"] = heads, deps
    if has["lemmas"]:
        kw["lemmas"] = lemmas  # only scored (lemma_acc); no trained component uses them
    if any_ents:
        kw["ents"] = ents
    doc = Doc(vocab, words=words, spaces=spaces, **kw)
    if par_starts:
        doc.user_data[PAR_STARTS] = par_starts
    return doc


def paragraph_text(doc) -> str:
    """The doc's text with a line break (not a space) before each paragraph that
    :func:`make_doc` recorded: the raw text as the source document lays it out."""
    starts = set(doc.user_data.get(PAR_STARTS, ()))
    if not starts:
        return doc.text
    return "".join(t.text + ("\n" if t.i + 1 in starts else t.whitespace_) for t in doc)


def write_docbin(docs, path: str | Path) -> int:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)  # paragraph starts (PAR_STARTS) for the raw-text evaluation
    n = 0
    for d in docs:
        db.add(d)
        n += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


# --------------------------------------------------------------------------- corpora

def ewt_with_uner(data: Path, split: str) -> tuple[list[Sent], int]:
    sents = read_conllu(data / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu")
    uner_path = data / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2"
    uner = read_uner(uner_path) if uner_path.exists() else {}
    aligned = 0
    for s in sents:
        if s.sent_id in uner:
            s.ents = uner_ents(s, uner[s.sent_id])
            aligned += s.ents is not None
    return sents, aligned


def gum(data: Path, split: str, strip_titles: bool = False) -> list[Sent]:
    sents = read_conllu(data / "ud-english-gum-open" / f"en_gum-ud-{split}.conllu")
    for s in sents:
        s.ents = gum_ents(s, strip_titles)
    return sents


def wikigold(data: Path) -> list[Sent]:
    path = data / "wikigold" / "wikigold.conll.txt"
    out = []
    for k, pairs in enumerate(read_iob(path, sep=" ")):
        out.append(iob_sent(pairs, WIKIGOLD_MAP, doc_id=f"wikigold-{k // 10}"))
    return out


def build_corpora(data: str | Path, out: str | Path, *, n_sents: int = 10,
                  re3d_repeat: int = 3, ewt_repeat: int = 1, limit: int | None = None,
                  strip_titles: bool = False, ner_from: tuple[str, ...] = NER_SOURCES, log=print) -> dict:
    """Write train.spacy, dev.spacy and the test sets into ``out``; return stats.

    ``re3d_repeat`` and ``ewt_repeat`` repeat those training sentences: re3d is
    small and in our domain (conflict reporting); EWT carries the UNER
    entities and is the only corpus annotated for every task.

    ``limit`` keeps only the first N sentences of each source (smoke runs).
    ``strip_titles`` cuts leading titles from GUM person names (:func:`strip_title`).
    ``ner_from`` names the training sources whose entity annotation is kept
    (default: all of :data:`NER_SOURCES`; checked by :func:`ner_sources`); in the
    others it becomes *missing*, and wikigold, which has nothing else, is then left
    out. Dev and test sets are never changed.
    """
    ner_from = ner_sources(ner_from)
    import spacy

    data, out = Path(data), Path(out)
    nlp = spacy.blank("en")
    vocab = nlp.vocab
    stats: dict = {}

    def lim(xs):
        return xs[:limit] if limit else xs

    ewt_train, al_tr = ewt_with_uner(data, "train")
    ewt_dev, al_dv = ewt_with_uner(data, "dev")
    ewt_test, al_te = ewt_with_uner(data, "test")
    stats["ewt_sents"] = {"train": len(ewt_train), "dev": len(ewt_dev), "test": len(ewt_test)}
    stats["uner_aligned"] = {"train": al_tr, "dev": al_dv, "test": al_te}
    gum_train = gum(data, "train", strip_titles) if (data / "ud-english-gum-open").exists() else []
    gum_dev = gum(data, "dev", strip_titles) if gum_train else []
    r3 = read_re3d(data / "re3d") if (data / "re3d").exists() else {}
    r3_tr, r3_dv, r3_te = split_re3d(r3) if r3 else ([], [], [])
    # the same test documents with re3d's original (unfiltered) mentions
    r3_raw = read_re3d(data / "re3d", names_only=False) if r3 else {}
    r3_te_raw = split_re3d(r3_raw)[2] if r3 else []
    stats["re3d_docs"] = {"train": len(r3_tr), "dev": len(r3_dv), "test": len(r3_te)}
    stats["re3d_test_docs"] = sorted(d for d, _ in r3_te)
    flat = lambda docs: [s for _, ss in docs for s in ss]  # noqa: E731
    wg = wikigold(data) if (data / "wikigold").exists() else []

    keep = {"ewt": lim(ewt_train), "gum": lim(gum_train), "wikigold": lim(wg), "re3d": lim(flat(r3_tr))}
    for src in NER_SOURCES:
        if src not in ner_from:
            keep[src] = [] if src in ("wikigold", "re3d") else [replace(x, ents=None) for x in keep[src]]
    stats["ner_from"] = list(ner_from)
    train_sents = keep["ewt"] * ewt_repeat + keep["gum"] + keep["wikigold"] + keep["re3d"] * re3d_repeat
    dev_sents = lim(ewt_dev) + lim(gum_dev) + lim(flat(r3_dv))
    stats["train_sents"] = len(train_sents)
    stats["dev_sents"] = len(dev_sents)
    stats["labels"] = label_counts(train_sents)
    files = {
        "train": (train_sents, n_sents),
        "dev": (dev_sents, n_sents),
        "ewt_dev": (lim(ewt_dev), n_sents),
        "ewt_test": (lim(ewt_test), n_sents),
        "re3d_dev": (lim(flat(r3_dv)), n_sents),
        "re3d_test": (lim(flat(r3_te)), n_sents),
        "re3d_test_raw": (lim(flat(r3_te_raw)), n_sents),
    }
    for name, (sents, n) in files.items():
        stats[f"docs_{name}"] = write_docbin(to_docs(vocab, sents, n), out / f"{name}.spacy")
    log(f"corpora written to {out}: " + ", ".join(f"{k}={v}" for k, v in stats.items() if k.startswith("docs_")))
    return stats


def label_counts(sents: list[Sent]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in sents:
        for t in s.ents or []:
            if t and t.startswith("B-"):
                counts[t[2:]] = counts.get(t[2:], 0) + 1
    return dict(sorted(counts.items()))
