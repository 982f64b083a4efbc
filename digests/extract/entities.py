"""People, organisations and places: canonical names, aliases, roles.

How it works, in three passes over the capitalised word sequences of the
article's content paragraphs (page furniture is skipped):

1. Each sequence is split into an optional demonym or country ("South Korean"),
   an optional title ("President", "Dr", or a lower-case role just before it:
   "leader", "research fellow") and the name proper. Sequences with an
   organisation head word ("Institute", "Ministry", "Group") are organisations;
   countries, capitals and known cities are places.
2. Full names (two or more name words) with a title, an apposition
   (", a senior fellow at ..."), a cue verb ("X said") or a following
   "administration" are people.
3. Short forms ("Mr Xi", "Dr Lee", bare "Xi") attach to a full name sharing the
   first or last word. When several people share that word, the title must agree
   with how each was introduced: Dr/Prof go to academics, Mr/Ms to people
   introduced with an honorific or an office and never to someone introduced as
   Dr; remaining ties go to the most mentioned, then the most recent person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from digests.extract import lexicon as lx
from digests.extract.entity_classify import CUE_AFTER as _CUE_AFTER
from digests.extract.entity_classify import MONTH_WORDS as _MONTH_WORDS
from digests.extract.entity_classify import TOK as _TOK
from digests.extract.entity_classify import Prep as _Prep
from digests.extract.entity_classify import Tok as _Tok
from digests.extract.entity_classify import classify as _classify
from digests.extract.entity_classify import person_facts as _person_facts
from digests.extract.entity_classify import place_code as _place_code
from digests.extract.entity_classify import word_facts as _word_facts
from digests.extract.entity_merge import INITIALS as _INITIALS
from digests.extract.entity_merge import PARTICLE as _PARTICLE
from digests.extract.entity_merge import Mention, build
from digests.extract.text import Document
from digests.extract.titles import written_as_company
from digests.models import Entity

U = lx.UPPER
# A run of capitalised words on one line; "'s" ends it.
_SEQ_GUARD = r"(?<![\w'’.-])"
_SEQ = re.compile(rf"{_SEQ_GUARD}{_TOK}(?:(?:[ \t]+{_PARTICLE})*[ \t]+{_TOK})*")
_TOKEN = re.compile(rf"{_TOK}|(?<=[ \t]){_PARTICLE}(?=[ \t])")
_BASED = re.compile(rf"^([{U}][\w.]*(?:[ \t]+[{U}][\w.]*)?)-based$")
_INVERTED_CUES = frozenset({"Said", "Says", "Added", "Adds", "Asked", "Explained", "Wrote", "Writes"})
# 'Said Ellis: "..."', 'Adds Axel Merk, chief investment officer at Merk: "..."'
_INVERTED_AFTER = re.compile(r"[ \t]*(?::|,[ \t]*[\"“]|,[^.;:\"“”\n]{1,120}:[ \t]*[\"“])")


@lru_cache(maxsize=16384)
def _seq_tokens(seq: str) -> tuple[_Tok, ...]:
    """The tokens of a capitalised sequence, offsets from its start: read once per distinct sequence.

    ``_TOKEN`` over the sequence alone finds what it finds over the sequence within the text:
    its look-aheads stop at the sequence's end either way, and the particles' look-behind is
    never asked at its start, where a token (a capital) opens every sequence."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(seq))


def _words_of(toks: tuple[_Tok, ...]) -> tuple[tuple[str, ...], int]:
    """The words of ``toks`` and where they end: a trailing full stop belongs to the sentence
    unless the word is an initial."""
    words = [t[2] for t in toks]
    if words[-1].endswith(".") and not _INITIALS.fullmatch(words[-1]):
        words[-1] = words[-1][:-1]
    return tuple(words), toks[-1][0] + len(words[-1])


@lru_cache(maxsize=16384)
def _prep(seq: str) -> _Prep:
    """``_strip_lead`` over the tokens of ``seq`` and the words they make, once per string."""
    toks, based = _strip_lead(list(_seq_tokens(seq)))
    if not toks:
        return _Prep((), (), 0, based)
    words, end = _words_of(tuple(toks))
    facts = _word_facts(words)
    return _Prep(tuple(toks), words, end, based, facts, _person_facts(words, facts.dem, facts.tlen, None))


_CONTRACTION = re.compile(r"(\w+)['’](?:ve|re|ll|m|d|s)")


def _function_contraction(tok: str) -> bool:
    """A function word with a contraction ("They've", "I'm", "It's"), never a name's start;
    a month's possessive ("May's") may be Theresa May's."""
    m = _CONTRACTION.fullmatch(tok)
    return m is not None and m.group(1) in lx.STOP_CAPS and m.group(1) not in _MONTH_WORDS


def _strip_lead(tokens: list[_Tok]) -> tuple[list[_Tok], str | None]:
    """Drop sentence-initial function words and 'X-based' modifiers; return a place from '-based'."""
    based = None
    while tokens:
        tok = tokens[0][2]
        if tok == "He" and len(tokens) > 1 and tokens[1][2] not in lx.STOP_CAPS and tokens[1][2].isalpha():
            break  # "He Weiwen said": the Chinese surname He, not the pronoun before a name
        if tok.rstrip(".") in lx.STOP_CAPS or (("'" in tok or "’" in tok) and _function_contraction(tok)):
            tokens = tokens[1:]
            continue
        m = _BASED.match(tok) if tok.endswith("-based") else None
        if m:
            based = m.group(1)
            tokens = tokens[1:]
        else:
            break
    return tokens, based


_HEAD_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# a capitalised word: a capital with none of [\w'’.-] before it, then word characters. The capital
# comes first and the look-behind after it (the two characters before its end are not such a
# character and a capital: the same test), so that the engine skips to the next capital on its own
# instead of entering the pattern at every character
_CAP_WORD = re.compile(r"[A-Z](?<![\w'’.-][A-Z])[\w'’.-]*")


# words a title-case headline writes in lower case ("with", "from", "into")
_FUNCTION_WORDS = lx.words("function_words.txt")


def _headline(text: str, start: int, end: int) -> bool:
    """A title-case line ("Obama Expresses Outrage and a Familiar Lament"): every word of four
    letters or more capitalised, no full stop at the end."""
    if end - start > 200 or text[end - 1 : end] in ".:":
        return False
    long = 0
    for w in _HEAD_WORD.findall(text, start, end):
        if len(w) >= 4:
            if not w[0].isupper():
                if w in _FUNCTION_WORDS:
                    continue  # "Manafort Accused of Several Tries to Tamper with Witnesses"
                return False  # (most short lines: a quotation's last words, not a title)
            long += 1
    return long >= 3


def _headline_runs(
    text: str, toks: list[_Tok], body_caps: frozenset[str], in_body: Callable[[str], bool]
) -> list[list[_Tok]]:
    """A headline's sequence cut into runs of words the article's text also capitalises, each
    run as long as the text writes it outside headlines: in "Obama Expresses Outrage" only
    "Obama" is a name, "Clinton Benghazi" is two."""
    runs: list[list[_Tok]] = [[]]
    for t in toks:
        if t[2].rstrip(".") in body_caps:
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    out: list[list[_Tok]] = []
    for run in runs:
        i = 0
        while i < len(run):
            j = len(run)
            while j > i + 1 and not in_body(text[run[i][0] : run[j - 1][1]].rstrip(".")):
                j -= 1
            out.append(run[i:j])
            i = j
    return out


_UPPER = re.compile(f"[{U}]")


def _sequences(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_SEQ.finditer(text, start, end)``, trying the pattern only where a match can start.

    A match opens with a capital or with "al-"/"el-" and a capital: the engine skips to the
    next capital on its own, and the pattern (whose look-behind makes the engine enter it at
    every character) is tried there, and three characters before it after "al-" or "el-" (two
    before it after "di" or "de": "diGenova"). The
    next capital is searched for from the end of the sequence found, not read inside it."""
    match = _SEQ.match
    upper = _UPPER.search
    done = pos = start
    while (cap := upper(text, pos, end)) is not None:
        at = cap.start()
        m = None
        if at - 3 >= done and text[at - 2 : at] == "l-" and text[at - 3] in "ae":
            m = match(text, at - 3, end)
        elif at - 2 >= done and text[at - 1] in "ie" and text[at - 2] == "d":
            m = match(text, at - 2, end)  # "diGenova", "deBlasio": a particle glued to the name
        if m is None:
            m = match(text, at, end)
        if m is not None:
            done = pos = m.end()
            yield m
        else:
            pos = at + 1


def _scan(doc: Document) -> list[Mention]:
    """Every capitalised mention in content paragraphs, classified as far as local context allows."""
    text = doc.text
    out: list[Mention] = []
    written = doc.written
    paras = doc.content_paragraphs()
    heads = {p.index for p in paras if _headline(text, p.start, p.end)}
    body_caps: frozenset[str] = frozenset()
    if heads:
        # (collected as written, a name's every mention at once; its full stop taken off once)
        caps: set[str] = set()
        for p in paras:
            if p.index not in heads:
                caps.update(_CAP_WORD.findall(text, p.start, p.end))
        body_caps = frozenset(w.rstrip(".") for w in caps)
    head_spans = [(p.start, p.end) for p in paras if p.index in heads]

    def in_body(phrase: str) -> bool:
        at = text.find(phrase)
        while at >= 0:
            if not any(a <= at < b for a, b in head_spans):
                return True
            at = text.find(phrase, at + 1)
        return False

    stop_caps = lx.STOP_CAPS
    for para in paras:
        done = para.start
        pend = para.end
        head = para.index in heads
        for seq in _sequences(text, para.start, pend):
            at = seq.start()
            if at < done:
                continue
            s = seq.group(0)
            if head:
                # a headline's capitals are no evidence of a name: keep what the text confirms
                toks = [(at + a, at + b, w) for a, b, w in _seq_tokens(s)]
                runs = _headline_runs(text, toks, body_caps, in_body)
                if len(runs) != 1 or len(runs[0]) != len(toks):
                    for run in runs:
                        rwords, rend = _words_of(tuple(run))
                        out.extend(_classify(text, written, 0, run[0][0], rend, run, rwords, pend))
                    continue
            if s in stop_caps:
                # a surname that is also a month, before a cue verb: '"...," May said'
                if s not in _MONTH_WORDS or not _CUE_AFTER.match(text[seq.end() : pend]):
                    continue
                rel = _seq_tokens(s)
                words, wend = _words_of(rel)
            else:
                prep = _prep(s)
                if prep.based:
                    based = prep.based
                    code = _place_code(based)
                    bstart = at + s.find(based)
                    out.append(
                        Mention(
                            bstart,
                            bstart + len(based),
                            bstart,
                            bstart + len(based),
                            based,
                            "place",
                            country=code or None,
                            alias=based,
                        )
                    )
                rel = prep.toks
                if not rel:
                    continue
                words, wend = prep.words, prep.end
                if (
                    len(rel) > 1
                    and rel[0][2] in _INVERTED_CUES
                    and _INVERTED_AFTER.match(text, seq.end(), pend)
                ):
                    rel = rel[1:]  # 'Said Ellis: "..."': the cue verb opens the sentence
                    words = words[1:]
                else:
                    found = _classify(text, written, at, at + rel[0][0], at + wend, rel, words, pend, prep)
                    out.extend(found)
                    for m in found:
                        if m.end > done:
                            done = m.end
                    continue
            found = _classify(text, written, at, at + rel[0][0], at + wend, rel, words, pend)
            out.extend(found)
            for m in found:
                if m.end > done:
                    done = m.end
    out.sort(key=lambda m: m.start)
    return out


def find_entities(doc: Document) -> list[Entity]:
    """Every person, organisation and place in ``doc`` with canonical name and aliases."""
    mentions = _scan(doc)
    out: list[Entity] = []
    for e in sorted(build(mentions), key=lambda e: e.first):
        if (
            e.type == "person"
            and (e.role is None or e.role.rpartition(" ")[2] in lx.COMPANY_NOUNS)  # "the Chicago lender"
            and not e.classes
            and all(" " in a for a in e.aliases)  # never written as a bare surname ("Mr. Stanley")
            and written_as_company(doc.written, e.name)
        ):
            # "According to Morgan Stanley, ..." then "Morgan Stanley analysts": a company
            e.type = "org"
            e.role = None  # "the Chicago lender" describes the company, no person's role
        aliases = [a for a in e.aliases if a]
        if e.name not in aliases and e.type != "place":
            aliases.insert(0, e.name)
        out.append(
            Entity.trusted(
                name=e.name,
                type=e.type,
                aliases=aliases,
                role=e.role,
                affiliation=e.affiliation,
                country=e.country,
                mentions=sorted(set(e.mentions)),
            )
        )
    return out
