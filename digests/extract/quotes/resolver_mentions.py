"""The speaking mentions of an article indexed by position (named entities, pronouns, noun
phrases), and the mention found at a place: after a cue, after a short description, in a
signature line."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from digests.extract import lexicon as lx
from digests.extract import titles
from digests.extract.quotes.phrases import LAST_WORD, name_heads, np_start, surnamed, writer_speaks
from digests.extract.quotes.scan import (
    _ACCORDING,
    _OF,
    _THE_LEAD,
    _according_places,
    _Cues,
    _nominals,
    _scan_words,
)
from digests.extract.roles import names_one_person
from digests.extract.text import Document
from digests.models import Entity

_DESC_WORD = re.compile(r"[\w/'’.-]+")
_DESC_GAP = re.compile(r"[,;:()\"“”]")
# words that end a description before a name ("said the former ambassador who spoke to The
# Hill": no name of the description's); a determiner or a possessive may open it or stand in it
_NOT_DESC = titles.NOT_DESC - {"the", "a", "an", "of", "for", "his", "her", "its", "their", "our"}
# "said one of his friends, X": a quantified plural and a comma before the name
_QUANTIFIED_LEAD = re.compile(r"[ \t]*" + titles.QUANTIFIED_PLURAL + r",[ \t]+")
# what may follow a name that closes its clause: a comma, a full stop, a semicolon, the line's end
_CLAUSE_CLOSE = re.compile(r"[ \t]*(?:[,.;:!?)]|$)", re.M)
# "the top relief officer in Gaza, X", "his son-in-law, X": a noun phrase in apposition before a name
_APPOSED_NP = re.compile(
    r"[ \t]*(?P<np>(?:the|a|an|his|her|their|its)[ \t]+[^,.;:!?\"“”()\n]{1,60}),[ \t]+(?=[A-Z])"
)
# title classes of an office one person holds: "X's ambassador" describes a person, not a body
_ONE_PERSON_CLASSES = frozenset({"pol", "mil", "rel", "job", "prof", "acad", "spouse", "party"})
# "the Times": "the" and one capitalised word (an organisation's head, see _short_org_names).
# The match opens at "he" and reads the T and the word start behind it: a pattern opening with a
# literal lets the engine skip to each "he" by a substring search, not stop at every T and t
# (the phrase starts one character before the match)
_THE_SHORT = re.compile(r"he(?<=(?<![\w-])[Tt]he)[ \t]+([A-Z][a-z]+)(?![\w'’-])")
# an adverb between a mention and its cue verb: "the statement also said"
_ADVERB_GAP = re.compile(r"[ \t]+(?:(?:also|further|then|later|[a-z]+ly)[ \t]+)?")
# a capitalised word right after a capitalised title: "the President Obama", "the Republican Party"
_NAME_NEXT = re.compile(r"[ \t]+[A-Z]")


# "the Oklahoma Republican told": a party description after "the" and a place or two, no name
# after it ("the Ohio Republican Party", "the New York Democrat Chuck Schumer" are others)
_PARTY_WORDS = ("Republican", "Democrat")
_PARTY_LEAD = re.compile(r"(?<![\w'’-])[Tt]he[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){1,3}$")
_NAME_OR_BODY_NEXT = re.compile(r"[ \t]+[A-Z]|['’]s\b|s\b")


def _party_descriptions(text: str) -> list[_Cand]:
    """Speaking noun phrases that describe one lawmaker by place and party: "the Oklahoma
    Republican", "the New York Democrat" (resolved to the person with that role, see
    ``_Resolver.speaker``)."""
    out: list[_Cand] = []
    for word in _PARTY_WORDS:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            m = _PARTY_LEAD.search(text, max(0, at - 60), at)
            # (a whole word: "the Syrian Democratic Forces" holds no "Democrat")
            whole = not text[end : end + 1].isalnum()
            if m is not None and whole and not _NAME_OR_BODY_NEXT.match(text, end):
                out.append(_Cand(m.start(), end, "nominal", None, text[m.start() : end]))
            at = text.find(word, end)
    return out


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str  # person | org | place | pronoun | nominal
    entity: Entity | None = None
    text: str = ""


@dataclass(slots=True)
class _Speaker:
    name: str | None
    span: tuple[int, int] | None
    entity: Entity | None = None
    gender: str | None = None


def longest(cs: list[_Cand]) -> _Cand:
    """``max(cs, key=end)``: the first of the longest of ``cs``, mentions from one start in the
    order of ``by_start`` (ascending by end, so the longest stand last: usually one)."""
    last = cs[-1]
    if len(cs) == 1 or cs[-2].end != last.end:
        return last
    return max(cs, key=lambda c: c.end)


class _Mentions:
    """The speaking mentions of an article, indexed by position."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        self.text = doc.text
        cue_found, heads, prons = _scan_words(doc.text)
        self.cues = _Cues(doc.text, cue_found)
        # "according to" is rare: find it once, then re-check only those places per sentence
        self._according_at = self.according_places = _according_places(doc.text)
        # each place's match read to the text's end: a query whose end it passes is matched again
        self._according_full = [_ACCORDING.match(doc.text, at) for at in self._according_at]
        cands: list[_Cand] = []
        bearers = surnamed(entities)
        for e in entities:  # (a named mention is read by its entity, never by its text: none kept)
            kind = e.type if e.type != "other" else "org"
            bearer = bearers.get(e.name) if kind == "place" else None
            for s, t in e.mentions:
                if bearer is not None and bearer.mentions[0][0] < s and self._at_cue(s, t):
                    cands.append(_Cand(s, t, "person", bearer))  # "Jordan said" after Jim Jordan
                else:
                    cands.append(_Cand(s, t, kind, e))
        # pronouns and head nouns lying in each paragraph: both lists and the paragraphs are
        # in text order, so one pointer per list walks them
        of_at = [m.start() for m in _OF.finditer(doc.text)]
        # (each list's starts and ends as integers, read once: the walks compare no matches)
        pron_starts = [m.start() for m in prons]
        pron_ends = [m.end() for m in prons]
        head_starts = [m.start() for m in heads]
        head_ends = [m.end() for m in heads]
        n_prons, n_heads, n_of = len(prons), len(heads), len(of_at)
        pi = hi = oi = 0
        for p in doc.content_paragraphs():
            p_start, p_end = p.start, p.end
            while pi < n_prons and pron_starts[pi] < p_start:
                pi += 1
            while pi < n_prons and pron_ends[pi] <= p_end:
                m = prons[pi]
                if m.group(0) != "I" or writer_speaks(doc.text, p_start, m.start()):
                    cands.append(_Cand(m.start(), m.end(), "pronoun", None, m.group(0)))
                pi += 1
            while hi < n_heads and head_starts[hi] < p_start:
                hi += 1
            k = hi
            while k < n_heads and head_ends[k] <= p_end:
                k += 1
            while oi < n_of and of_at[oi] < p_start:
                oi += 1
            ko = oi
            while ko < n_of and of_at[ko] < p_end:
                ko += 1
            if k > hi or ko > oi:  # else nothing could make a speaking noun phrase here
                for ns, ne in _nominals(doc.text, p.start, p.end, heads[hi:k], of_at[oi:ko]):
                    ns = np_start(doc.text, ns, ne)
                    if ns >= 0:
                        cands.append(_Cand(ns, ne, "nominal", None, doc.text[ns:ne]))
            hi = k
            oi = ko
        cands.extend(self._short_org_names(doc.text, entities, cands))
        cands.extend(_party_descriptions(doc.text))
        if inner:
            # a mention inside a quotation speaks for nobody (the quotation that may hold a
            # mention is the last one opening at or before it)
            inner_sorted = sorted(inner)
            starts = [s for s, _ in inner_sorted]
            right = bisect.bisect_right
            kept = []
            for c in cands:
                i = right(starts, c.start) - 1
                if i < 0 or c.start >= inner_sorted[i][1]:
                    kept.append(c)
            cands = kept
        # by end, then length: one integer key per candidate (a length is below len(text) + 1)
        width = len(doc.text) + 1
        self.cands = sorted(cands, key=lambda c: c.end * width + (c.end - c.start))
        self.ends = [c.end for c in self.cands]
        self.by_start: dict[int, list[_Cand]] = {}
        for c in self.cands:
            self.by_start.setdefault(c.start, []).append(c)
        self.orgs = [e for e in entities if e.type == "org"]
        self.people = [e for e in entities if e.type == "person"]
        self.genders: dict[str, str] = {}
        for e in entities:
            for a in e.aliases:
                g = lx.GENDER.get(a.split()[0].lower().rstrip(".")) if a else None
                if g:
                    self.genders[e.name] = g
                    break

    def _at_cue(self, start: int, end: int) -> bool:
        """Whether a cue verb follows ``end``, or ends right before ``start`` with the clause
        ending after the name ('," said Jordan.'; not "said Jordan was ready")."""
        if self._cue_right_after(end):
            return True
        if self.text[end : end + 1] not in {".", ",", ";"}:
            return False
        before = LAST_WORD.search(self.text, max(0, start - 20), start)
        return before is not None and before.group(1).lower() in lx.CUE_FORMS

    @staticmethod
    def _short_org_names(text: str, entities: list[Entity], cands: list[_Cand]) -> list[_Cand]:
        """ "the Times" after "The New York Times", "the Ministry" after "the Ministry of Health":
        "the" and the last word of an organisation named earlier, when that word is the head of an
        organisation's name (resolved to the organisation like "the ministry"); "the President",
        "the Republican": "the" and a capitalised title of one person (resolved like "the
        president")."""
        lasts: dict[str, int] = {}
        for e in entities:
            if e.type != "org" or not e.mentions or " " not in e.name:
                continue
            for head in name_heads(e.name):
                if head in lx.ORG_HEADS:
                    lasts[head] = min(lasts.get(head, len(text)), min(s for s, _ in e.mentions))
        taken = {c.start for c in cands}
        out: list[_Cand] = []
        # (the whole text: a capitalised office may stand before any organisation is named)
        for m in _THE_SHORT.finditer(text):
            start = m.start() - 1  # the T
            if m.start(1) in taken or start in taken:
                continue
            first = lasts.get(m.group(1))
            if first is not None and first < start:
                out.append(_Cand(start, m.end(), "nominal", None, text[start : m.end()]))
            elif (
                lx.TITLE_CLASS.get(m.group(1).lower()) in _ONE_PERSON_CLASSES
                and _NAME_NEXT.match(text, m.end()) is None
            ):
                # "the President said", "the Republican said": an office written with a capital,
                # resolved like "the president" to the person last named with it
                out.append(_Cand(start, m.end(), "nominal", None, text[start : m.end()]))
        return out

    def according(self, start: int, end: int) -> list[re.Match[str]]:
        """``_ACCORDING.finditer(text, start, end)``, from the places found once per text."""
        out: list[re.Match[str]] = []
        places = self._according_at
        if not places:
            return out
        full = self._according_full
        for i in range(bisect.bisect_left(places, start), len(places)):
            at = places[i]
            if at >= end:
                break
            m = full[i]
            if m is None or m.end() > end:  # (the match to the text's end runs past ``end``)
                m = _ACCORDING.match(self.text, at, end)
            if m:
                out.append(m)
        return out

    def _possessive(self, c: _Cand) -> bool:
        """Whether the mention ends in "'s" or "’s", or is a plural ending in "s'" / "s’"."""
        text, e = self.text, c.end
        mark = text[e : e + 1]
        return (mark == "'" or mark == "’") and (text[e + 1 : e + 2] == "s" or text[e - 1 : e] == "s")

    def _cue_right_after(self, end: int) -> bool:
        """Whether a cue verb follows ``end`` (an adverb between): "the statement said"."""
        m = _ADVERB_GAP.match(self.text, end)
        return self.cues.match(self.text, m.end() if m else end) is not None

    def mention_at(self, pos: int, limit: int) -> _Cand | None:
        """A speaking mention starting at ``pos`` (after blanks), longest first."""
        while pos < limit and self.text[pos] in " \t":
            pos += 1
        cs = self.by_start.get(pos)
        if not cs:
            m = _THE_LEAD.match(self.text[pos : pos + 5])
            if m:
                cs = [c for c in self.by_start.get(pos + m.end(), []) if c.kind != "pronoun"]
        if not cs:
            return None
        best = longest(cs)
        if best.kind == "org":
            # "said Air Force Chief of Staff Gen. X": the body, then the titled person it names
            at = best.end
            if self.text[at : at + 2] in {"'s", "’s"}:
                at += 2  # "noted NBC's Dante Chinni": the body's person
            while at < limit and self.text[at] in " \t":
                at += 1
            people = [c for c in self.by_start.get(at, []) if c.kind == "person" and c.entity is not None]
            if people and at > best.end:
                return longest(people)
        return best

    def described_at(self, pos: int, limit: int) -> _Cand | None:
        """A named person after a short description at ``pos``: "9/11 widow Terry Strada",
        "Republican strategist Ford O'Connell", "former State Department counterterrorism
        coordinator Daniel Benjamin" (at most seven words, no punctuation between), or after a
        quantified plural and a comma: "one of his friends, Marcus Webb", or a noun phrase for
        one person and a comma: "the top relief officer in Gaza, Jane Doe", "his son-in-law, X"."""
        q = _QUANTIFIED_LEAD.match(self.text, pos, limit)
        if q is not None and titles.people_plural(q.group("plural")):
            cs = [c for c in self.by_start.get(q.end(), []) if c.kind == "person" and c.entity is not None]
            return longest(cs) if cs else None
        a = self.apposed_np_person(pos, limit)
        if a is not None:
            return a
        for k, w in enumerate(_DESC_WORD.finditer(self.text, pos, min(limit, pos + 90))):
            if (
                k > 7
                or w.group(0).lower() in _NOT_DESC
                or (
                    self.text[pos : w.start()].strip(" \t\u00a0")
                    and _DESC_GAP.search(self.text, pos, w.start())
                )
            ):
                return None
            cs = [c for c in self.by_start.get(w.start(), []) if c.kind == "person" and c.entity is not None]
            if cs:
                return longest(cs) if k else None
        return None

    def apposed_np_person(self, pos: int, limit: int) -> _Cand | None:
        """A named person after a noun phrase for one person and a comma at ``pos``, the name
        closing its clause: "the top relief officer in Gaza, Jane Doe, on Tuesday", "his
        son-in-law, John Roe." (not "the official, President X made it clear")."""
        a = _APPOSED_NP.match(self.text, pos, limit)
        if a is None:
            return None
        cs = [
            c
            for c in self.by_start.get(a.end(), [])
            if c.kind == "person" and c.entity is not None and _CLAUSE_CLOSE.match(self.text, c.end, limit)
        ]
        return longest(cs) if cs and names_one_person(a.group("np")) else None

    def named_after(self, pos: int, limit: int) -> _Cand | None:
        """The mention a cue or "according to" at ``pos`` leads to: the named person a
        description there leads to ("said the top relief officer in Gaza, Jane Doe"), else the
        mention at ``pos``."""
        c = self.mention_at(pos, limit)
        if c is None or c.kind == "nominal":
            c = self.apposed_np_person(pos, limit) or c
        return c

    def person_in_signature(self, pos: int, end: int) -> _Cand | None:
        """The first named person in a short signature line ``[pos, end)`` that holds nothing
        else (at most twelve words, no sentence end): "White House Director of Trade Policy X"."""
        if len(self.text[pos:end].split()) > 12 or re.search(r"[.!?;]\s", self.text[pos:end]):
            return None
        i = bisect.bisect_left(self.ends, pos)
        for c in self.cands[i:]:
            if c.end > end:
                break
            if c.start >= pos and c.kind == "person" and c.entity is not None:
                return c
        return None
