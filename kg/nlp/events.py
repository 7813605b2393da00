"""``kg_events``: typed event mentions with their arguments.

Triggers come from ``kg/data/triggers.jsonl`` (verbs, nouns and phrases per
event type, with what else the sentence must contain for a trigger to fire).
Arguments are read from the entities the earlier components found, with
word-order rules that need no parser: the actor left of a verb (skipping
parentheticals) is its subject, ``by X`` is a passive or nominal agent, a
demonym right before a nominal trigger is its agent ("Russian drone attacks"),
prepositions introduce places (``in``, ``to``, ``into``) and targets (``on``,
``against``), reported content is the ``that``-clause, the quote or the clause
that the speaker frames ("..., Zelenskiy warned.", "According to X, ...").

One event per type and sentence: the trigger whose arguments are most complete
wins. ``Doc._.kg_events`` receives a list of :class:`kg.model.Event`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.model import Argument, Event, EventType, Mention, Modality, Sentence
from kg.nlp.context import _date, Context, separator_between, Trigger
from kg.nlp.gazetteer import force_nouns
from kg.nlp.modality import attribute, modality_of
from kg.nlp.readers import READERS
from kg.nlp.spans import register_extensions


@lru_cache(maxsize=1)
def trigger_rows() -> tuple[dict, ...]:
    return tuple(lexicon.records("triggers"))


@lru_cache(maxsize=1)
def trap_rows() -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str] | None], ...]:
    """(context words, event types dropped, trigger words or None) from ``kg/data/traps.jsonl``."""
    return tuple((frozenset(w.lower() for w in r["words"]), frozenset(r["types"]),
                  frozenset(r["trigger_words"]) if r.get("trigger_words") else None)
                 for r in lexicon.records("traps"))


def is_trap(sentence_text: str, etype: EventType, trigger_text: str) -> bool:
    """Sports, labour or finance context: "Liverpool's attack struck twice", "teachers strike over pay"."""
    low = " " + re.sub(r"[^a-z0-9\- ]+", " ", sentence_text.lower()) + " "
    for words, types, trig in trap_rows():
        if etype.value not in types or (trig is not None and trigger_text.lower() not in trig):
            continue
        if any(f" {w} " in low for w in words):
            return True
    return False


@Language.factory("kg_events", default_config={"max_sentence_tokens": 150})
def make_events(nlp: Language, name: str, max_sentence_tokens: int) -> "EventExtractor":
    return EventExtractor(nlp, max_sentence_tokens=max_sentence_tokens)


class EventExtractor:
    """Find event mentions; results in ``Doc._.kg_events``.

    Parameters
    ----------
    nlp : Language
        The pipeline.
    max_sentence_tokens : int
        Longer "sentences" (tables, run-on lists) are skipped.
    """

    def __init__(self, nlp: Language, max_sentence_tokens: int = 150) -> None:
        register_extensions()
        self.max_sentence_tokens = max_sentence_tokens
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.meta: dict[str, tuple[EventType, str, str | None]] = {}
        for n, row in enumerate(trigger_rows()):
            key = f"T{n}"
            self.meta[key] = (EventType(row["type"]), row["pos"], row.get("requires"))
            self.matcher.add(key, list(nlp.tokenizer.pipe(row["forms"])))

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = extract(doc, self)
        return doc

    def triggers(self, doc: Doc) -> list[Trigger]:
        out = []
        covered = {}
        for e in doc.ents:
            for i in range(e.start, e.end):
                covered[i] = e.label_
        seen = set()
        for key, start, end in self.matcher(doc):
            if any(covered.get(i) not in (None, "WEAPON") for i in range(start, end)):
                continue
            etype, pos, requires = self.meta[doc.vocab.strings[key]]
            if all(covered.get(i) == "WEAPON" for i in range(start, end)):
                continue  # "barrel bomb", "attack drones", "car bombs were found": a weapon's name
            if pos == "noun" and _modifies_force_or_weapon(doc, end, covered):
                continue  # "attack squadrons", "assault brigade": a kind of unit, not an attack
            if (etype, pos, start, end) not in seen:  # a form listed twice for one reading
                seen.add((etype, pos, start, end))
                out.append(Trigger(etype, pos, requires, doc[start:end]))
        # a word with a verb and a noun reading ("strikes") keeps both: each reader decides,
        # unless a tagger has named the word a common noun or a verb
        if doc.has_annotation("TAG"):
            out = [t for t in out if _reading_fits_tag(t)]
        out.sort(key=lambda t: (t.span.start, -(t.span.end - t.span.start)))
        return out


def _modifies_force_or_weapon(doc: Doc, end: int, covered: dict[int, str]) -> bool:
    """Whether the noun ending at ``end`` modifies a force noun or a weapon right after it
    ("attack squadrons", "fighter/attack squadrons", "strike group" is left to the readers)."""
    k = end
    if k < len(doc) and doc[k].text in ("/", "-") and not doc[k - 1].whitespace_:
        k += 1
    if k >= len(doc):
        return False
    return covered.get(k) in ("WEAPON", "FORCES") or doc[k].lower_ in force_nouns()


def _reading_fits_tag(t: Trigger) -> bool:
    """A one-word trigger's reading against its part-of-speech tag: "a U.S. strike/NN hit …" is
    the noun, "Russia strikes/VBZ Kyiv" the verb, "the Syrian state/NN" no speech verb. Proper-noun
    tags (headlines in title case) and multi-word triggers decide nothing."""
    if len(t.span) != 1 or t.pos not in ("verb", "noun"):
        return True
    tok = t.span[0]
    tag = tok.tag_
    if tag in ("NN", "NNS"):
        if t.pos == "noun":
            return True
        # a verb-only trigger needs more than the tag to be read as a noun: a determiner of its own
        # with no named actor between ("the Syrian state", not "the Security Council urge"); a
        # participle before "by" is a verb ("bulk carrier hit by two missiles")
        doc = tok.doc
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by":
            return True
        return not any(c.dep_ in ("det", "nmod:poss", "amod", "nummod") and c.i < tok.i
                       and not any(w.ent_type_ in ("ORG", "PERSON", "GPE", "FORCES") for w in doc[c.i + 1:tok.i])
                       for c in tok.children)
    if tag.startswith("VB") and tag != "VBG":  # "shelling" is a noun as often as a verb
        return t.pos == "verb"
    return True


def _subject_of_root(e: Span) -> bool:
    """Whether entity ``e`` is (in) the subject of its sentence's root verb in the parse."""
    tok = e.root
    while tok.dep_ in ("flat", "compound", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.dep_ == "ROOT"


OPEN_QUOTES, CLOSE_QUOTES = "“«", "”»"
#: each opening quotation mark and its closing one (the straight quote closes itself)
QUOTE_PAIRS = dict(zip(OPEN_QUOTES, CLOSE_QUOTES)) | {'"': '"'}


def _sentence_bounds(sent: Span) -> tuple[int, int] | None:
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _quoted_before(memory: dict, events: list[Event], doc_id: str, text: str,
                   bounds: tuple[int, int]) -> list[Event]:
    """Statements for the earlier sentences of a quote that a speech frame closes later:
    "“Currently, 11,000 soldiers are ... Oblast. Some ... casualties,” Zelenskyy said." gives the
    first sentence the same speaker. Keeps the open-quote state in ``memory``."""
    pending: list[tuple[int, int, str]] = memory.setdefault("open_quote", [])
    opens = sum(text.count(q) for q in OPEN_QUOTES) + (text.startswith('"') and text.count('"') % 2 == 1)
    closes = sum(text.count(q) for q in CLOSE_QUOTES) + (not text.startswith('"') and text.count('"') % 2 == 1)
    out: list[Event] = []
    if pending and closes > opens:
        frame = _statement_at(events, bounds[0])
        if frame is not None:
            speaker = frame.get("speaker")[0]
            for start, end, quoted in pending:
                content = quoted.strip(" “”«»\"")
                out.append(_quote_statement(doc_id, speaker, frame.trigger, (start, end), quoted, content))
        pending.clear()
    elif opens > closes:
        pending[:] = [(bounds[0], bounds[1], text)]
    elif pending and not closes and len(pending) < 5:
        pending.append((bounds[0], bounds[1], text))
    else:
        pending.clear()
    return out


def _quote_continues(memory: dict, events: list[Event], doc_id: str, doc_text: str, text: str,
                     bounds: tuple[int, int]) -> list[Event]:
    """A quote that goes on after its frame: in "“The situation is difficult,” Syrskyi said. “The enemy
    is attacking.”" the second sentence, a whole quotation with no speech verb of its own, is a
    statement of the same speaker. Only within a paragraph; keeps the last quoted speaker in
    ``memory``."""
    last = memory.pop("quote_speaker", None)
    mine = _statement_at(events, bounds[0])
    if mine is not None:
        if any(q in text for q in QUOTE_PAIRS):
            memory["quote_speaker"] = (mine.get("speaker")[0], mine.trigger, bounds[1])
        return []
    body = text.rstrip()
    opener = body[:1]
    closer = QUOTE_PAIRS.get(opener)
    if last is None or closer is None or "\n" in doc_text[last[2]:bounds[0]]:
        return []
    end = body.rstrip(".!?")
    if not end.endswith(closer) or body.count(opener) != (2 if opener == closer else 1):
        return []  # not one whole quotation
    content = body[1:len(end) - 1].strip().rstrip(",.!?")
    if len(content.split()) < 3:
        return []
    speaker, trigger, _ = last
    memory["quote_speaker"] = (speaker, trigger, bounds[1])
    return [_quote_statement(doc_id, speaker, trigger, bounds, text, content)]


def _statement_at(events: list[Event], start: int) -> Event | None:
    """The latest statement with a speaker read in the sentence starting at ``start``."""
    return next((e for e in reversed(events) if e.type == EventType.STATEMENT and e.sentence.start == start
                 and e.get("speaker")), None)


def _quote_statement(doc_id: str, speaker: Argument, trigger: Mention, bounds: tuple[int, int], text: str,
                     content: str) -> Event:
    """A statement of ``speaker`` for the quoted sentence ``text`` (at ``bounds``), its content the
    quotation ``content`` found in it, attributed through another sentence's ``trigger``."""
    offset = bounds[0] + text.index(content)
    args = [Argument("speaker", speaker.text, speaker.start, speaker.end, speaker.entity_id),
            Argument("content", content, offset, offset + len(content))]
    return Event(EventType.STATEMENT, doc_id, Sentence(doc_id, bounds[0], bounds[1], text), trigger, args)


def _separate_readings(doc: Doc, etype: EventType, best: Trigger, args: list[Argument],
                       others: list[tuple[Trigger, list[Argument]]]) -> list[tuple[Trigger, list[Argument]]]:
    """Other readings of the sentence that are events of their own.

    Strikes and deployments: another attacker or deployer, in another clause ("Israeli jets pound
    south Lebanon after Hezbollah rocket barrage", "Russia sent troops to Kursk; Belarus moved tanks to
    Brest"); one reading per agent. Statements: another speaker with content of their own, neither
    speaker inside the other's content ("Araghchi said the strikes were illegal, while Hagari said the
    targets were military"; not "Araghchi said Hagari had claimed …")."""
    if etype in (EventType.STRIKE, EventType.DEPLOYMENT):
        return _other_sides(doc, best, args, others, "agent", clause=True)
    if etype == EventType.STATEMENT:
        return _other_sides(doc, best, args, others, "speaker", clause=False)
    return []


def _other_sides(doc: Doc, best: Trigger, args: list[Argument], others: list[tuple[Trigger, list[Argument]]],
                 role: str, clause: bool) -> list[tuple[Trigger, list[Argument]]]:
    """The readings among ``others`` whose ``role`` filler differs from every reading kept so far:
    with ``clause`` (strikes, deployments) each in a clause of its own (a separator word between the
    triggers); without (statements) each with its own content, apart from the others' content and
    speakers."""
    seen = [_fillers(args, role)]
    if not seen[0]:
        return []
    kept = [(best, args)]
    for t2, a2 in others:
        mine = _fillers(a2, role)
        if not mine or any(mine & known for known in seen):
            continue
        a, b = sorted((best.span, t2.span), key=lambda sp: sp.start)
        if a.end > b.start:
            continue
        if clause and separator_between(doc, a.end, b.start) is None:
            continue
        if not clause and not all(_apart(a2, a1) for _, a1 in kept):
            continue
        seen.append(mine)
        kept.append((t2, a2))
    return kept[1:]


def _apart(a: list[Argument], b: list[Argument]) -> bool:
    """Two statement readings, each with content, where no argument of one lies inside the other's
    content."""
    spans = {}
    for name, args in (("a", a), ("b", b)):
        content = [x for x in args if x.role == "content"]
        if not content:
            return False
        spans[name] = (min(x.start for x in content), max(x.end for x in content))
    inside = lambda x, span: span[0] <= x.start < span[1] or span[0] < x.end <= span[1]
    return not any(inside(x, spans["b"]) for x in a if x.role != "date") \
        and not any(inside(x, spans["a"]) for x in b if x.role != "date")


#: roles a reading keeps only from its own side of the cuts between separate readings
_SIDED = ("weapon", "place", "date")


def _split_sides(doc: Doc, readings: list[tuple[Trigger, list[Argument]]]) -> list[tuple[Trigger, list[Argument]]]:
    """Readings of separate events in one sentence (in trigger order), each keeping only the weapons,
    places and dates on its own side of the cuts between them: a separator word between the
    triggers, else where the later reading's first argument (not one of those) or trigger starts."""
    if len(readings) < 2:
        return readings
    cuts = []
    for (a, _), (b, args_b) in zip(readings, readings[1:]):
        sep = separator_between(doc, a.span.end, b.span.start)
        cuts.append(sep.idx if sep is not None else
                    min([b.span.start_char] + [x.start for x in args_b if x.start >= a.span.end_char
                                               and x.role not in _SIDED]))
    bounds = [-1] + cuts + [len(doc.text) + 1]
    out = []
    for k, (t, args) in enumerate(readings):
        lo, hi = bounds[k], bounds[k + 1]
        out.append((t, [a for a in args if a.role not in _SIDED or lo <= a.start < hi]))
    return out


def _fillers(args: list[Argument], role: str) -> set[str]:
    return {a.entity_id or a.text.lower() for a in args if a.role == role}


def _merge(best: list[Argument], others: list[list[Argument]]) -> list[Argument]:
    """Fill roles the best reading lacks from the sentence's other triggers of the same type
    ("Netanyahu appointed Katz as defence minister, replacing Gallant")."""
    have = {a.role for a in best}
    out = list(best)
    for args in others:
        for a in args:
            if a.role not in have and a.role != "date":
                out.append(a)
        have |= {a.role for a in args}
    return out


def extract(doc: Doc, extractor: EventExtractor) -> list[Event]:
    """All event mentions of ``doc`` (see the module docstring)."""
    doc_id = doc._.kg_doc_id or "doc"
    triggers = extractor.triggers(doc)
    memory: dict = {}
    events: list[Event] = []
    ents = list(doc.ents)
    doc_text = doc.text
    for sent in doc.sents:
        bounds = _sentence_bounds(sent)
        if bounds is None:
            continue
        ctx = Context(doc, sent, memory, ents, doc_text)
        here = [t for t in triggers if sent.start <= t.span.start and t.span.end <= sent.end]
        text = ctx.text[bounds[0]:bounds[1]]
        if here and not text.endswith("?") and len(sent) <= extractor.max_sentence_tokens:
            sentence = Sentence(doc_id, bounds[0], bounds[1], text)
            best: dict[EventType, tuple[int, Trigger, list[Argument]]] = {}
            candidates: dict[EventType, list[tuple[Trigger, list[Argument]]]] = {}
            for t in here:
                args = READERS[t.type](ctx, t)
                if args is None:
                    continue
                when = _date(ctx, t.span)  # every type: the date expression nearest the trigger
                if when is not None:
                    args.append(when)
                candidates.setdefault(t.type, []).append((t, args))
                score = len({a.role for a in args if a.role != "date"})
                if t.type not in best or score > best[t.type][0]:
                    best[t.type] = (score, t, args)
            for etype in EventType:
                if etype not in best:
                    continue
                _, t, args = best[etype]
                if is_trap(text, etype, t.span.text):
                    continue
                others = [(t2, a2) for t2, a2 in candidates.get(etype, []) if a2 is not args]
                separate = _separate_readings(doc, etype, t, args, others)
                args = _merge(args, [a2 for t2, a2 in others if all(a2 is not a3 for _, a3 in separate)])
                if etype == EventType.APPOINTMENT and not any(a.role == "person" for a in args) \
                        and not {"role", "appointer"} <= {a.role for a in args}:
                    continue  # an appointment names its appointee, or at least the post and who fills it
                for t2, a2 in _split_sides(doc, sorted([(t, args)] + separate, key=lambda r: r[0].span.start)):
                    trig = Mention(t2.span.text, t2.span.start_char, t2.span.end_char,
                                   label=f"TRIGGER_{etype.value.upper()}")
                    mood = modality_of(doc, sent, t2.span)
                    if etype == EventType.STATEMENT and mood == Modality.REPORTED:
                        mood = Modality.ASSERTED  # a statement is itself the attribution
                    events.append(Event(etype, doc_id, sentence, trig, a2, modality=mood))
                if etype == EventType.APPOINTMENT:
                    for a in args:
                        if a.role == "person":
                            memory["last_appointee"] = a
                if etype == EventType.STATEMENT:
                    # "…, it added.": a later "it" stands for the last institution that spoke
                    said = [a for a in args if a.role == "speaker" and a.start >= 0
                            and not (a.entity_id or "").startswith("person/")]
                    if said:
                        memory["last_institution"] = said[0]
        events.extend(_quoted_before(memory, events, doc_id, text, bounds))
        events.extend(_quote_continues(memory, events, doc_id, doc_text, text, bounds))
        persons = [e for e in ctx.ents if e.label_ == "PERSON"]
        if persons:
            # "he" in the next sentence: the subject person of this one's main verb, else the last person
            e = next((p for p in persons if _subject_of_root(p)), persons[-1])
            memory["last_person"] = Argument("speaker", e.text, e.start_char, e.end_char, e.kb_id_ or None)
        for e in ctx.ents:
            if e.label_ == "LOC" and e.kb_id_.startswith("region/"):
                memory["last_region"] = e
    attribute(events)
    return events
