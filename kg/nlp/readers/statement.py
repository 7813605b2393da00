"""Statement arguments: the speaker (named or an unnamed source) and the reported content, from
that-clauses, quotes and speech frames ("…, Zelenskiy warned.", "According to X, …").
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from kg import lexicon
from kg.model import Argument
from kg.nlp.context import (
    _arg, _clause_end, _det_before, _first_token, _passive, _text_arg, ACTOR_LABELS, CLAUSE_SEPARATORS, Context,
    DETERMINERS, INSTITUTION_NOUNS, INVERTING_VERBS, PARTITIVES, POSSESSIVE_PRONOUNS, PREPOSITIONS, PRONOUNS_PERSON, RECIPIENTS,
    REPORTING_PARTICIPLES, TELL_VERBS, is_acronym, title_words, Trigger, WORDS)
from kg.nlp.syntax import is_count


def read_statement(ctx: Context, t: Trigger) -> list[Argument] | None:
    doc, sp = ctx.doc, t.span
    word = sp.text.lower()
    speaker = None
    content: Argument | None = None
    det = _det_before(ctx, sp)
    if word == "according to":
        speaker = ctx.right_actor(sp.end, labels={"PERSON", "ORG", "GROUP"}, max_gap=3) \
            or ctx.right_actor(sp.end, max_gap=1) or _institution_phrase(ctx, sp.end) \
            or _titled_person(ctx, sp.end) or _name_with_acronym(ctx, sp.end) or _acronym_at(ctx, sp.end)
        if speaker is None:
            return None
        sent_start = ctx.opening
        k = speaker.end
        while k < ctx.sent.end and doc[k].text != ",":
            k += 1
        before = doc[sent_start.i:sp.start]
        if sp.start <= sent_start.i + 1 or before[-1].text == ":" \
                or k + 2 < ctx.sent.end and not _has_clause(ctx, before):
            # "According to X, content." ("GOODWYN: According to X, …", "In 2001, according to X,
            # …": a label or an adjunct is no content, the clause after the speaker is)
            if k + 1 < ctx.sent.end:
                content = _text_arg("content", ctx, doc[k + 1].idx, _clause_end(ctx, k + 1))
        else:
            # "content, according to X."
            content = _text_arg("content", ctx, sent_start.idx, sp.start_char)
    else:
        if _negated_or_relative(ctx, sp):
            return None
        if word in ("state", "states") and sp.end < ctx.sent.end and doc[sp.end].tag_ in ("NN", "NNS", "NNP", "JJ"):
            return None  # "the Bolivar state town", "state media": the noun
        if t.pos == "verb" and det in DETERMINERS - POSSESSIVE_PRONOUNS \
                and not (word.endswith("ed") or word in ("said", "told", "wrote")):
            return None  # "the reports", "these claims": a noun, not a speech act ("the army said" is)
        if _passive(doc, sp) or word.endswith("ed") and sp.end < ctx.sent.end and doc[sp.end].lower_ == "by":
            return None  # "it was reported", "an attack claimed by Daesh": no speaker
        speaker = ctx.subject(sp)
        frame = speaker.start if isinstance(speaker, Span) and speaker.end <= sp.start else None
        named = _apposed_person(ctx, sp) if frame is not None and _frame_closes(ctx, sp) else None
        if named is not None and named.start > speaker.start:
            # "…, a spokesman for the British Army, Major Tom Ellery, said.": the person, not the army
            speaker, frame = named, _closing_frame_start(ctx, named)
        if speaker is None:
            j = sp.start - 1
            while j >= ctx.sent.start and doc[j].lower_ in ("has", "have", "had", "also", "then", "later", "will",
                                                            "would", "again", "repeatedly", "reportedly"):
                j -= 1
            if j >= ctx.sent.start and doc[j].lower_ in PRONOUNS_PERSON:
                mem = ctx.memory.get("last_person")
                if mem is not None:
                    speaker, frame = mem, j  # "..., he said": the frame starts at the pronoun
            elif j >= ctx.sent.start and doc[j].lower_ == "it" and (j == ctx.sent.start or not doc[j - 1].is_alpha):
                mem = ctx.memory.get("last_institution")
                if mem is not None:
                    speaker, frame = mem, j  # "..., it added.": the institution that spoke last
            if speaker is None:
                k = sp.end  # "..., said Maj. Gen. Joseph Martin": titles before the name
                while k < ctx.sent.end and k < sp.end + 4 and doc[k].lower_ in title_words() and ctx.ent_at(k) is None:
                    k += 1
                right = ctx.right_actor(k, labels={"PERSON", "ORG", "GROUP"}, max_gap=1)
                inverted = sp.start > ctx.sent.start and doc[sp.start - 1].text in FRAME_BOUNDARIES \
                    and word in INVERTING_VERBS and not _participle_insertion(ctx, sp)
                if right is not None and inverted:
                    speaker = right  # "..., said Zelensky" (not "…, accuses HANO of …": an object)
                elif inverted:
                    end = next((m for m in range(k, ctx.sent.end) if doc[m].text == ","
                                or doc[m].lower_ in ("who", "whose") and m > k), ctx.sent.end)
                    while end > k and (doc[end - 1].is_punct or doc[end - 1].is_space):
                        end -= 1  # "…, said a member of X, who asked not to be named.": up to the comma (or "who")
                    speaker = _source_phrase(ctx, sp.end, end)  # "…, said a member of the Kani PDF."
            if speaker is None and _frame_closes(ctx, sp):
                speaker = _unnamed_frame_speaker(ctx, sp)  # "..., the army said.", "..., aid workers said."
                frame = speaker.start if speaker is not None else None
            if speaker is None:
                speaker = _apposed_person(ctx, sp)  # "The Foreign Secretary, Boris Johnson, said:"
                if speaker is not None:
                    frame = _closing_frame_start(ctx, speaker)
            if speaker is None:
                speaker = _unnamed_subject(ctx, sp)  # "The ministry added that …", "Local officials said …"
        if speaker is None:
            return None
        content = _content_after_or_before(ctx, sp, speaker, frame)
    args: list[Argument] = [_arg("speaker", speaker, ctx)]
    if content is not None:
        args.append(content)
    return args


def _negated_or_relative(ctx: Context, sp: Span) -> bool:
    """"The RSF did not claim responsibility", "has never said": nothing said; "in what they describe
    as solidarity", "what he called aggression": a label for a thing, not a statement."""
    doc = ctx.doc
    before = [doc[k].lower_ for k in range(max(ctx.sent.start, sp.start - 3), sp.start)]
    if any(w in ("not", "n't", "never") for w in before):
        return True
    return len(before) >= 2 and before[-2] == "what" and before[-1] in ("they", "he", "she", "it", "we", "i")


#: noun categories (``kg/data/nouns.jsonl``) of a source that is not named: officials, the army,
#: health workers, police, media, residents …
SPEAKER_NOUN_CATEGORIES = ("official", "government", "force", "police", "health", "media", "intelligence", "ngo",
                           "human_rights", "civilian", "labour", "legislator", "legislature", "judiciary",
                           "armed_group", "opposition")
#: words of an unnamed source's phrase (kg/data/arg_words.jsonl)
SOURCE_NOUNS = WORDS["source_nouns"]
SOURCE_TAIL_PREPS = WORDS["source_tail_preps"]
SUBJECT_AUX = WORDS["subject_aux"]


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Head nouns of an unnamed source ("officials", "army", "ministry", "medics", "a military source", …)."""
    return frozenset(INSTITUTION_NOUNS | SOURCE_NOUNS).union(*(lexicon.nouns(c) for c in SPEAKER_NOUN_CATEGORIES))


def _source_phrase(ctx: Context, start: int, end: int) -> Span | None:
    """``doc[start:end]`` when it is an unnamed source: at most ten words, no clause (no finite verb,
    comma, quote or relative word), heads joined by "and" that are all source nouns, and after the
    head at most one prepositional tail ("a medical source at Port Sudan Teaching Hospital",
    "The U.N. humanitarian coordinator for Sudan", "Police and witnesses", "The Houthi-run Saba news
    agency"). Auxiliaries before the verb ("officials have said") are left out."""
    doc = ctx.doc
    while end > start and doc[end - 1].lower_ in SUBJECT_AUX:
        end -= 1
    if not 0 < end - start <= 10 or doc[start].lower_ in PREPOSITIONS:
        return None  # "…, with agency reports": a prepositional phrase is no subject
    tagged = doc.has_annotation("TAG")
    for t in doc[start:end]:
        if t.is_space or t.is_punct and t.text not in ("'s", "’s", "-", ".", "'", "’"):
            return None
        if t.lower_ in ("that", "who", "which", "where", "when", "said", "says", "told") or t.lower_ in PRONOUNS_PERSON:
            return None
        if tagged and t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not (t.i > start and doc[t.i - 1].text == "-"):
            return None
    cut = next((k for k in range(start + 1, end) if doc[k].lower_ in SOURCE_TAIL_PREPS), end)
    if cut < end and end - cut < 2:
        return None
    head_start = start
    if cut < end and doc[cut].lower_ == "of" and is_count(doc[cut - 1]):
        head_start, cut = cut + 1, end  # "one of the officers": the officers are the source's kind
    conjuncts, last = [], head_start
    for k in range(head_start, cut):
        if doc[k].lower_ == "and":
            conjuncts.append(doc[last:k])
            last = k + 1
    conjuncts.append(doc[last:cut])
    if any(not len(c) or c[-1].lower_ not in speaker_nouns() for c in conjuncts):
        return None
    if cut == end and any(_bare_sources(c) for c in conjuncts):
        return None  # "sources said" ("a source in the SBU said" names one by its tail)
    return doc[start:end]


def _titled_person(ctx: Context, i: int) -> Span | None:
    """"according to Upper Nile information commissioner Gabriel Deng Ajak": a person after a title of
    up to six words (no punctuation between)."""
    e = ctx.right_actor(i, labels={"PERSON"}, max_gap=6)
    if e is None or any(t.is_punct for t in ctx.doc[i:e.start]):
        return None
    return e


def _name_with_acronym(ctx: Context, i: int) -> Span | None:
    """"according to the Armed Forces of the Philippines (AFP)": a capitalised name of up to eight
    words that its acronym in brackets follows (the name, without "the")."""
    doc, end = ctx.doc, ctx.sent.end
    start = i + 1 if i < end and doc[i].lower_ == "the" else i
    k = start
    while k < min(end, start + 8) and doc[k].text not in (",", "(", ";"):
        k += 1
    if k == start or k + 2 >= end or doc[k].text != "(" or doc[k + 2].text != ")":
        return None
    acronym = doc[k + 1]
    if not is_acronym(acronym) or not doc[start].text[:1].isupper():
        return None
    return doc[start:k]


def _acronym_at(ctx: Context, i: int) -> Span | None:
    """"according to the GDF": an acronym the NER did not label (two to six capitals), after an
    optional "the"."""
    doc = ctx.doc
    if i < ctx.sent.end and doc[i].lower_ == "the":
        i += 1
    if i < ctx.sent.end and is_acronym(doc[i]) \
            and (i + 1 >= ctx.sent.end or not doc[i + 1].is_alpha or doc[i + 1].is_lower):
        return doc[i:i + 1]
    return None


def _institution_phrase(ctx: Context, i: int) -> Span | None:
    """"according to the territory's health ministry", "according to local officials": an unnamed
    source whose head noun is an institution or an official, not "reports" or "sources"."""
    phrase = ctx.noun_phrase(i, max_len=6)
    if phrase is None or _bare_sources(phrase):
        return None
    return phrase if phrase[-1].lower_ in speaker_nouns() else None


def _bare_sources(phrase: Span) -> bool:
    """"sources", "a couple sources": no kind of source named ("a military source", "diplomatic
    sources" name one)."""
    if phrase[-1].lower_ not in ("source", "sources"):
        return False
    return all(t.lower_ in DETERMINERS or t.lower_ in PARTITIVES or t.lower_ in ("couple", "few", "other")
               or not t.is_alpha for t in phrase[:-1])


def _unnamed_frame_speaker(ctx: Context, sp: Span) -> Span | None:
    """"…, the army said in a statement.": the unnamed source between the comma (or closing quote)
    and the verb, at most eleven words back, when it is a :func:`_source_phrase`."""
    doc = ctx.doc
    rest = [t for t in doc[sp.end:ctx.sent.end] if not t.is_space and not t.is_punct]
    if rest and rest[0].lower_ == "to" and len(rest) > 1 and rest[1].is_lower:
        return None  # "…, several people claimed to see …": an infinitive follows, no frame
    if doc[sp.start - 1].text == ",":
        # "…,” one resident, who asked not to be named, told AFP": the source before its relative clause
        rel = next((c for c in range(sp.start - 2, max(ctx.sent.start, sp.start - 16), -1)
                    if doc[c].text == "," and doc[c + 1].lower_ in ("who", "which")), None)
        k = _boundary_before(doc, rel - 1, max(ctx.sent.start, rel - 10)) if rel is not None else None
        return _source_phrase(ctx, k + 1, rel) if k is not None else None
    j = _boundary_before(doc, sp.start - 1, max(ctx.sent.start, sp.start - 14))
    if j is None or j + 1 >= sp.start:
        return None
    return _source_phrase(ctx, j + 1, sp.start)


#: tokens that close the content before a speech frame: a comma or a closing quote
FRAME_BOUNDARIES = (",", "”", '"')


def _boundary_before(doc, i: int, lo: int) -> int | None:
    """The nearest :data:`FRAME_BOUNDARIES` token at index ``i`` or before it, down to (not
    including) ``lo``."""
    return next((k for k in range(i, lo, -1) if doc[k].text in FRAME_BOUNDARIES), None)


def _unnamed_subject(ctx: Context, sp: Span) -> Span | None:
    """"The ministry added that …": an unnamed source (a :func:`_source_phrase`) opening the sentence
    right before the verb, or its clause after a fronted adjunct ("In a statement, the group said");
    "Naftogaz, the state energy company, said": the name before its apposition."""
    doc = ctx.doc
    if sp.text.lower() in ("reports", "claims", "states", "notes", "tweets"):
        return None  # "Media reports are …": the noun, not the verb
    first = _first_token(ctx).i
    date = ctx.ent_at(first)
    if date is not None and date.label_ == "DATE":
        first = date.end  # "This year a newspaper claimed …"
    commas = [k for k in range(first, sp.start) if doc[k].text == ","]
    if commas and (doc[first].lower_ in PREPOSITIONS or doc[first].lower_ in SUBJECT_AUX
                   or doc[first].lower_ in ("meanwhile", "however", "earlier", "later")):
        first = commas[-1] + 1  # "In a separate statement on Wednesday, the group said …"
    elif len(commas) == 2 and commas[0] > first and doc[first].is_title \
            and all(t.is_title or t.text in ("-", "'s", "’s") for t in doc[first:commas[0]]) \
            and _source_phrase(ctx, commas[0] + 1, commas[1]) is not None and commas[1] == sp.start - 1:
        return doc[first:commas[0]]  # "Naftogaz, the state energy company, said …": the name before its apposition
    elif len(commas) >= 2 and commas[0] > first and commas[-1] == sp.start - 1 \
            and doc[commas[0] + 1].lower_ in INSERTION_OPENERS and not sp[0].lower_.endswith("ing") \
            and not any(t.lower_ in CLAUSE_SEPARATORS and doc[t.i - 1].lower_ != "known"
                        for t in doc[commas[0]:sp.start]):
        # "The EU mission, which has observers on the border, said …", "The U.N. Mission in South
        # Sudan, known as UNMISS, said …": the subject before a relative clause or an apposition (not
        # "X, who lives in Paris, receives …, while Y, reporting to Z, …": another clause, a participle)
        head = doc[first:commas[0]]
        if _proper_name(head):
            return head
        if len(head) > 4 and head[-1].text == ")" and head[-3].text == "(" and _proper_name(head[:-3]):
            return head[:-3]  # "The Inter-Services Public Relations (ISPR), the military's media wing, said"
        name = _apposed_name(doc, commas[0] + 1, commas[1]) if len(commas) == 2 else None
        return name or _source_phrase(ctx, first, commas[0])  # "Its media wing, the ISPR, said …": the name
    end = sp.start
    if end - first > 4 and doc[end - 1].text == ")" and doc[end - 3].text == "(" and doc[end - 2].is_upper:
        head = doc[first:end - 3]  # "The UN Support Mission in Libya (UNSMIL) said …": the name before its acronym
        return head if _proper_name(head) else _source_phrase(ctx, first, end - 3)
    return _source_phrase(ctx, first, sp.start)


#: words opening a relative clause or an apposition between a subject and its speech verb
INSERTION_OPENERS = WORDS["insertion_openers"]


def _apposed_person(ctx: Context, sp: Span) -> Span | None:
    """"The Foreign Secretary, Boris Johnson, said": a person between commas right before the verb,
    after a title phrase that opens the sentence, or anywhere when the frame closes the sentence
    ("…, a local administrator, Tariq Mehmood, told The Associated Press.")."""
    doc = ctx.doc
    if sp.start - 2 <= ctx.opening.i or doc[sp.start - 1].text != ",":
        return None
    e = ctx.ent_at(sp.start - 2)
    if e is None or e.label_ != "PERSON" or e.end != sp.start - 1:
        return None
    k = _titles_before(ctx, e)  # "…, Major Tom Ellery, said"
    if k - 1 <= ctx.opening.i or doc[k - 1].text != ",":
        return None
    if _frame_closes(ctx, sp):
        return e  # "…, a local administrator, Tariq Mehmood, told The Associated Press."
    head = [t for t in doc[ctx.opening.i:k - 1] if t.is_alpha]
    if not head or not all(t.lower_ in title_words() or t.lower_ in DETERMINERS or t.text[:1].isupper()
                           for t in head):
        return None
    return e


def _closing_frame_start(ctx: Context, person: Span) -> int:
    """Where a frame that ends with an apposed ``person`` opens: at the title phrase before the name
    ("…, a local administrator, X, told"; "…, a spokesman for the British Army, Major X, said")."""
    k = _titles_before(ctx, person)
    c = _boundary_before(ctx.doc, k - 2, max(ctx.opening.i, k - 10))
    return c + 1 if c is not None else person.start


def _titles_before(ctx: Context, person: Span) -> int:
    """The start of ``person`` with the title words right before it ("Major Tom Ellery")."""
    k = person.start
    while k - 1 > ctx.opening.i and ctx.doc[k - 1].lower_ in title_words() and ctx.ent_at(k - 1) is None:
        k -= 1
    return k


def _participle_insertion(ctx: Context, sp: Span) -> bool:
    """"A Somali intelligence official, speaking on condition of anonymity, said …": what stands
    before the speech verb is a subject and a participle phrase between commas, not content."""
    doc = ctx.doc
    commas = [k for k in range(ctx.opening.i, sp.start) if doc[k].text == ","]
    if not (len(commas) >= 2 and commas[-1] == sp.start - 1 and doc[commas[-2] + 1].lower_.endswith("ing")
            and doc[commas[-2] + 1].is_lower):
        return False
    subject = doc[ctx.opening.i:commas[-2]]  # no verb of its own ("Fano fighters attacked …, killing …, said X")
    if doc.has_annotation("TAG"):
        return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in subject)
    return len(subject) <= 6


def _apposed_name(doc, start: int, end: int) -> Span | None:
    """The proper name of an apposition ``doc[start:end]``, without its determiner and a trailing
    acronym in parentheses ("the Inter-Services Public Relations (ISPR)")."""
    if start < end and doc[start].lower_ == "the":
        start += 1
    if end - start > 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(":
        end -= 3
    name = doc[start:end]
    return name if len(name) and _proper_name(name) else None


def _proper_name(span: Span) -> bool:
    """A name of capitalised words, joined by "of", "in", "for", "and" or "-" and opening with "The"
    or a capitalised word: "The Spring Revolution Alliance", "The U.N. Mission in South Sudan"."""
    words = [t for t in span if not (t.is_punct and t.text in ("-", "."))]
    if not 1 <= len(words) <= 8 or not words[-1].is_title and not words[-1].is_upper:
        return False
    return all(t.text[:1].isupper() or t.lower_ in ("of", "in", "for", "and", "'s", "’s") for t in words)


def _content_after_or_before(ctx: Context, sp: Span, speaker, frame: int | None = None) -> Argument | None:
    """The reported content of the speech verb ``sp``; ``frame`` is where its subject
    (the speaker's name or a pronoun standing for it) starts, when it precedes the verb."""
    doc = ctx.doc
    if isinstance(speaker, Span) and speaker.start >= sp.end:
        # “The situation is very difficult,” said Oleksandr Syrskyi: the content precedes the frame
        j = sp.start - 1
        while j > ctx.sent.start and (doc[j].text in ("”", '"', "’", "'", ",") or doc[j].is_space):
            j -= 1
        if j > ctx.sent.start:
            return _text_arg("content", ctx, ctx.opening.idx, doc[j].idx + len(doc[j].text))
    # "..., Zelenskiy warned." / "“...,” Zelenskyy said at a press conference.": the frame closes the sentence
    if frame is not None and frame < sp.start and _frame_closes(ctx, sp):
        set_off = frame > ctx.sent.start and doc[frame - 1].text in FRAME_BOUNDARIES
        if not set_off and (frame < sp.start - 8 or any(doc[k].text == "," for k in range(frame, sp.start))):
            frame = sp.start  # "…, its operational command said": the speaker was found further left
        # (a frame set off by a comma keeps its own commas: "…, one resident, who asked …, told AFP")
        j = frame - 1
        # ", regional governor Oleh Kiper said", ", the U.S. Central Command said",
        # ", Pentagon Press Secretary Peter Cook told reporters": up to 6 words of title before the name
        n = 0
        while j > ctx.sent.start and n < 6 and (doc[j].is_alpha or doc[j].text in (".", "-", "'s", "’s")) and (
                ctx.ent_at(j) is None or ctx.ent_at(j).label_ != "PERSON" or doc[j].lower_ in title_words()):
            j -= 1
            n += 1
        while j >= ctx.sent.start and doc[j].text in ("”", '"', "’", "'", "“"):
            j -= 1  # "“" too: a closing quote typed as an opening one
        if j > ctx.sent.start and doc[j].text == "," and frame - ctx.sent.start > 3 \
                and _is_clause(ctx, doc[ctx.opening.i:j]) and not _colon_after(ctx, sp):
            return _text_arg("content", ctx, ctx.opening.idx, doc[j].idx)
    # a reporting participle later in the sentence carries the content ("..., saying he was ready")
    for k in range(sp.end, ctx.sent.end):
        if doc[k].lower_ in REPORTING_PARTICIPLES and k > sp.end + 1:
            return _complement(ctx, k + 1)
    return _complement(ctx, sp.end)


def _is_clause(ctx: Context, span: Span) -> bool:
    """Whether ``span`` can be reported content: three words or more, not opening with a
    participle ("Speaking today,", "Following the visit,") and, when the pipeline tags, with a
    verb (a past tense may be mis-tagged as an adjective, so a lower-case "-ed" word counts)."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 3 or words[0].lower_.endswith("ing"):
        return False
    if not ctx.doc.has_annotation("TAG"):
        return True
    return any(t.tag_.startswith("VB") or t.tag_ == "MD" or t.is_lower and t.lower_.endswith("ed") for t in span)


def _has_clause(ctx: Context, span: Span) -> bool:
    """Three words or more with a verb among them (any three words when the pipeline does not tag):
    what may be reported content before "according to X" ("In 2001, according to …" has none)."""
    if sum(t.is_alpha for t in span) < 3:
        return False
    return not ctx.doc.has_annotation("TAG") or any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in span)


def _colon_after(ctx: Context, sp: Span) -> bool:
    """"…, Minister Tobias Ellwood said:": the content follows the colon, not the comma."""
    rest = [t for t in ctx.doc[sp.end:ctx.sent.end] if not t.is_space]
    return bool(rest) and rest[-1].text == ":"


def _comma_before_frame(ctx: Context, sp: Span) -> bool:
    """A comma among the seven words before the speech verb (not among the sentence's first three):
    the frame "…, X said" follows its content."""
    doc = ctx.doc
    return any(doc[k].text == "," for k in range(max(ctx.sent.start + 3, sp.start - 7), sp.start))


#: words opening what may follow a closing speech frame after a comma ("…, X said, a day after …")
FRAME_TAILS = WORDS["frame_tails"]


def _frame_closes(ctx: Context, sp: Span) -> bool:
    """Nothing but punctuation or a short adjunct ("at a press conference", "on Saturday") follows."""
    rest = [t for t in ctx.doc[sp.end:ctx.sent.end] if not t.is_space and not t.is_punct]
    if not rest:
        return True
    doc = ctx.doc
    if sp.end + 1 < ctx.sent.end and doc[sp.end].text == "," \
            and (doc[sp.end + 1].lower_ in FRAME_TAILS or doc[sp.end + 1].lower_ in REPORTING_PARTICIPLES) \
            and sp.start > ctx.sent.start and doc[sp.start - 1].text != "," and _comma_before_frame(ctx, sp):
        return True  # "…, officials on both sides said, a day after India said …": a tail after the frame
    that = next((t.i for t in doc[sp.end:ctx.sent.end] if t.lower_ == "that"), None)
    if that is not None and not any(t.lower_ in CLAUSE_SEPARATORS for t in doc[sp.end:that]):
        return False  # "said on Monday that …" (not "said on Thursday, after attacks on towns that …")
    first = _first_token(ctx)
    closing = [t.i for t in doc[first.i + 1:sp.start] if t.text in ("”", '"', "’")]
    if first.text in ("“", '"', "‘") and closing \
            and not any(t.lower_ in CLAUSE_SEPARATORS or t.lower_ == "and" for t in doc[closing[-1]:sp.start]):
        return True  # “We will not surrender,” Zelensky told lawmakers. (Not "“…,” X said, and Y said …")
    if sp[0].lower_ in TELL_VERBS:
        return True  # "..., X told Reuters"
    return rest[0].lower_ in ("at", "in", "on", "during", "after", "earlier", "yesterday", "today", "to", "from",
                              "told")


def _complement(ctx: Context, i: int) -> Argument | None:
    doc = ctx.doc
    end = ctx.sent.end
    k = i
    if i > 0 and doc[i - 1].lower_ in TELL_VERBS:
        # "told reporters that ...", "told Reuters the attack ...": skip the recipient
        for m in range(i, min(i + 6, end)):
            if doc[m].lower_ == "that":
                k = m
                break
        else:
            recipient = ctx.ent_at(i)
            if recipient is not None and recipient.label_ in ACTOR_LABELS:
                k = recipient.end
            else:
                for n in (3, 2, 1):
                    if " ".join(t.lower_ for t in doc[i:i + n]) in RECIPIENTS:
                        k = i + n
                        break
    # skip ", citing senior officials," and adverbs before the clause
    while k < end and (doc[k].is_punct and doc[k].text in (",", ":") or doc[k].is_space):
        k += 1
    date = ctx.ent_at(k) if k < end else None
    if date is not None and date.label_ == "DATE" and date.start == k:
        if all(t.is_punct or t.is_space for t in doc[date.end:end]):
            return None  # "Zelensky said on Saturday.": a date, no content
        if not doc[date.end].is_punct:
            k = date.end  # "said on Monday (that) it had no information": the date is the verb's
        elif doc[date.end].text == "," and date.end + 1 < end and doc[date.end + 1].lower_ == "that":
            k = date.end + 1  # "admitted on Sept. 10, 2002, that …"
    elif k < end and (doc[k].lower_ in ("earlier", "later", "recently", "on", "last", "this")
                      or doc[k].lower_ in PREPOSITIONS):
        # "reported earlier this week, citing ..., that X", "said in a video address on Telegram that X"
        for m in range(k, min(end, k + 12)):
            if doc[m].lower_ == "that":
                k = m
                break
    if k < end and doc[k].text == ",":
        for m in range(k + 1, end):
            if doc[m].lower_ == "that" and m > 0 and doc[m - 1].text == ",":
                k = m
                break
    if k < end and doc[k].lower_ == "that":
        k += 1
    while k < end and (doc[k].text in ("“", '"', "‘", ",", ":", ".", "…", "-", "—") or doc[k].is_space):
        k += 1
    if k >= end:
        return None
    return _text_arg("content", ctx, doc[k].idx, _clause_end(ctx, k))
