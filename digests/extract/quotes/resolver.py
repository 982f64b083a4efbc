"""Speaking mentions of an article indexed by position, and who each stands for (pronouns,
noun phrases and titles resolved)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from digests.extract import lexicon as lx
from digests.extract import titles
from digests.extract.quotes.conjuncts import first_conjunct, first_start
from digests.extract.quotes.phrases import (
    DETERMINERS,
    LAST_WORD,
    PARTY_TAGS,
    TITLED_CLASSES,
    heads_name,
    modified_body,
    np_start,
    same_tenure,
    spelt_out,
    surnamed,
    writer_speaks,
)
from digests.extract.quotes.scan import (
    _ACCORDING,
    _ADV_GAP,
    _COMMA_END,
    _COMMA_GAP,
    _DET_LEAD,
    _INDEF_I,
    _INSTITUTION_HEADS,
    _LAST_WORD_BEFORE,
    _OF,
    _ORG_ANAPHORS,
    _PAST_VERBS,
    _POSS_SPACE,
    _PREP_TOKENS,
    _PREP_WORDS,
    _RELATIVE_OPEN,
    _SOME_OF_I,
    _SUBJECT_LEAD,
    _THE_I,
    _THE_LEAD,
    _WALK_OK,
    _according_places,
    _Cues,
    _has_sentence_end,
    _nominals,
    _scan_words,
)
from digests.extract.text import Document
from digests.models import Entity

_DESC_WORD = re.compile(r"[\w/'’.-]+")
_DESC_GAP = re.compile(r"[,;:()\"“”]")
# words that end a description before a name ("said the former ambassador who spoke to The
# Hill": no name of the description's); a determiner or a possessive may open it or stand in it
_NOT_DESC = titles.NOT_DESC - {"the", "a", "an", "of", "for", "his", "her", "its", "their", "our"}
# "said one of his friends, X": a quantified plural and a comma before the name
_QUANTIFIED_LEAD = re.compile(r"[ \t]*" + titles.QUANTIFIED_PLURAL + r",[ \t]+")
# "including Laura Bush, who called the policy 'cruel'" (not "Foley, who he said worked")
# "Describing Mr Haines as a hero, he said": a participle's object is not the subject
_PARTICIPLE_BEFORE = re.compile(
    r"(?<![\w-])(?<!the )(?<!The )(?<!a )(?<!an )(?<!his )(?<!her )[A-Za-z]{2,}ing\s+"
    r"(?:(?:the|a|an|Mr|Mrs|Ms|Dr)\.?\s+)?$"
)
_PARTICIPLE_AT = re.compile(r"[a-z]+ing\b")
# "footage of X saying", "with X adding", "a statement by X noting" (not "a letter to X citing")
_PARTICIPLE_PREPS = frozenset({"of", "with", "by"})
_DET_END = re.compile(r"(?<![\w-])(?:the|a|an|this|that|his|her|its|their|our)\s+$", re.I)
_WHO_GAP = re.compile(r",\s*who\s+(?:(?!(?:he|she|they|we|you|i|it)\s)[a-z]+\s+){0,2}")
# "Canada -- a NATO member -- said": an aside between dashes after the subject
_ASIDE = re.compile(r"^\s*(?:--|—|–)[^-—–]+(?:--|—|–)\s*")
_DASHED = re.compile(r"^[^-—–]*(?:\s--\s|\s?—\s?|\s–\s)")
# an aside after a name ("Canada -- a NATO member --"), not one that adds to what was said
# before ("at Washington — and specifically John Bolton —")
_DASH_OPEN = re.compile(
    r"(?:\s--\s|\s?—\s?|\s–\s)(?!\s*(?:and|or|but|especially|specifically|including|namely|particularly)\b)"
    r"[^-—–]*$"
)


# words in -ing that are nouns, not participles: "Late Monday morning Trump tweeted"
_ING_NOUNS = frozenset({"morning", "evening"})

# title classes of an office one person holds: "X's ambassador" describes a person, not a body
_ONE_PERSON_CLASSES = frozenset({"pol", "mil", "rel", "job", "prof", "acad", "spouse", "party"})
# what stands between a name and its description in apposition: "Bannon, former ..."
# "Rudy Giuliani, the former mayor who became Trump's lead lawyer": a clause of the apposition
_APPOSED_CLAUSE = re.compile(r",\s+(?:the|a|an|former|who|now)\b[^,;:.!?\"“”]{0,80}")
_APPOSED = re.compile(r",\s*(?:(?:former|then|now|the|a|an|longtime|top|senior)\s+)*")
# an apposition between commas (after a party tag), then perhaps "has" and adverbs, before a cue
_APPOSED_TO_CUE = re.compile(
    r"(?:[ \t]*\([^()]{1,30}\))?,[ \t](?!(?:or|and|but|nor|to|in|on|at|for)\b)[^;:\"“”!?\n]{2,200}?,"
    r"(?:[ \t]+(?:has|have|had|also|then|later|[a-z]+ly|and))*[ \t]*"
)
# "the Times": "the" and one capitalised word (an organisation's head, see _short_org_names)
# (the word-start test follows the T, so the engine skips from T to T)
_THE_SHORT = re.compile(r"[Tt](?<![\w-].)he[ \t]+([A-Z][a-z]+)(?![\w'’-])")
# "X announced in a statement", "X issued a written statement", "a statement from X": who issued it
_ISSUED = re.compile(
    r"\b(?:(?:in|issued|released|put[ \t]+out|sent|published)[ \t]+(?:a|an)[ \t]+(?:[\w-]+[ \t]+){0,2}"
    r"(?:"
    + lx.trie_regex(sorted(lx.DOCUMENT_HEADS))
    + r")\b|(?:"
    + lx.trie_regex(sorted(lx.DOCUMENT_HEADS))
    + r")[ \t]+(?P<by>from|by)[ \t]+(?:the[ \t]+)?)"
)
_ADVERB_GAP = re.compile(r"[ \t]+(?:(?:also|further|then|later|[a-z]+ly)[ \t]+)?")
# documents whose words are quoted as their issuer's: "the statement said" (resources/lexicon)
_DOCUMENT_HEADS = lx.DOCUMENT_HEADS
# a capitalised word right after a capitalised title: "the President Obama", "the Republican Party"
_NAME_NEXT = re.compile(r"[ \t]+[A-Z]")


def _prep_walk(chunks: list[str], whole: bool) -> bool | None:
    """The walk of ``_Resolver._after_prep`` over blank-separated ``chunks`` (in text order),
    read backwards; ``None`` when the chunks run out undecided and are not ``whole``."""
    n = 0
    group = False  # "groups of protesters": the "of" of a group or a number holds the head
    for chunk in reversed(chunks):
        for w in reversed(_PREP_TOKENS.findall(chunk)):
            if n == 10:
                return False
            n += 1
            if group:
                group = False
                if w.lower() in lx.GROUP_NOUNS:
                    continue
                return True
            if w == "of" and n == 1:
                group = True
                continue
            if w in _PREP_WORDS:
                return True
            if _WALK_OK.match(w):
                continue
            return False
    return group if whole else None


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


class _Resolver:
    """Mentions of the article, indexed by position, with pronoun state."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        self.text = doc.text
        cue_found, heads, prons = _scan_words(doc.text)
        self.cues = _Cues(doc.text, cue_found)
        # "according to" is rare: find it once, then re-check only those places per sentence
        self._according_at = _according_places(doc.text)
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
        pi = hi = oi = 0
        for p in doc.content_paragraphs():
            while pi < len(prons) and prons[pi].start() < p.start:
                pi += 1
            while pi < len(prons) and prons[pi].end() <= p.end:
                m = prons[pi]
                if m.group(0) != "I" or writer_speaks(doc.text, p.start, m.start()):
                    cands.append(_Cand(m.start(), m.end(), "pronoun", None, m.group(0)))
                pi += 1
            while hi < len(heads) and heads[hi].start() < p.start:
                hi += 1
            k = hi
            while k < len(heads) and heads[k].end() <= p.end:
                k += 1
            while oi < len(of_at) and of_at[oi] < p.start:
                oi += 1
            ko = oi
            while ko < len(of_at) and of_at[ko] < p.end:
                ko += 1
            if k > hi or ko > oi:  # else nothing could make a speaking noun phrase here
                for ns, ne in _nominals(doc.text, p.start, p.end, heads[hi:k], of_at[oi:ko]):
                    ns = np_start(doc.text, ns, ne)
                    if ns >= 0:
                        cands.append(_Cand(ns, ne, "nominal", None, doc.text[ns:ne]))
            hi = k
            oi = ko
        cands.extend(self._short_org_names(doc.text, entities, cands))
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
        # the organisations' mentions by position, and by the last word of the name, so that
        # resolving a noun phrase costs a look-up, not a walk over every organisation
        self._org_mentions = sorted((s, e, k) for k, o in enumerate(self.orgs) for s, e in o.mentions)
        self._org_starts = [m[0] for m in self._org_mentions]
        self._org_by_last: dict[str, list[tuple[int, int]]] = {}
        for k, o in enumerate(self.orgs):
            words = o.name.lower().split()
            if words and o.mentions:
                self._org_by_last.setdefault(words[-1], []).append((k, min(s for s, _ in o.mentions)))
        self._titled: dict[str, list[tuple[Entity, list[int]]]] = {}
        self.genders: dict[str, str] = {}
        for e in entities:
            for a in e.aliases:
                g = lx.GENDER.get(a.split()[0].lower().rstrip(".")) if a else None
                if g:
                    self.genders[e.name] = g
                    break
        self.last_speaker: tuple[_Speaker, int] | None = None
        # sentences noted (start, end, index) and how many of them ``last_subject`` has read
        self._noted: list[tuple[int, int, int]] = []
        self._noted_read = 0
        self._last_subject: tuple[_Speaker, int] | None = None
        # the same mention is weighed for every cue of its sentence: remember the answer
        self._prep_memo: dict[tuple[int, int], bool] = {}
        self._verb_memo: dict[tuple[int, int], bool] = {}
        self._subject_memo: dict[tuple[int, int], _Cand | None] = {}

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
            words = e.name.split()
            if e.type == "org" and len(words) > 1 and words[-1] in lx.ORG_HEADS and e.mentions:
                lasts[words[-1]] = min(lasts.get(words[-1], len(text)), min(s for s, _ in e.mentions))
        taken = {c.start for c in cands}
        out: list[_Cand] = []
        # (the whole text: a capitalised office may stand before any organisation is named)
        for m in _THE_SHORT.finditer(text):
            if m.start(1) in taken or m.start() in taken:
                continue
            first = lasts.get(m.group(1))
            if first is not None and first < m.start():
                out.append(_Cand(m.start(), m.end(), "nominal", None, m.group(0)))
            elif (
                lx.TITLE_CLASS.get(m.group(1).lower()) in _ONE_PERSON_CLASSES
                and _NAME_NEXT.match(text, m.end()) is None
            ):
                # "the President said", "the Republican said": an office written with a capital,
                # resolved like "the president" to the person last named with it
                out.append(_Cand(m.start(), m.end(), "nominal", None, m.group(0)))
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

    # ---------------------------------------------------------------- candidates
    def _after_prep(self, start: int, floor: int) -> bool:
        """Whether the mention at ``start`` sits inside a prepositional phrase or is an object."""
        start = first_start(self.text, self.cands, self.ends, self.by_start, start, floor)  # of "X and Y"
        lo = max(floor, start - 120)
        hit = self._prep_memo.get((lo, start))
        if hit is None:
            hit = self._prep_memo[(lo, start)] = self._after_prep_uncached(lo, start)
        return hit

    def _after_prep_uncached(self, lo: int, start: int) -> bool:
        # the last ten words of the window, read backwards: a token never holds a blank, so the
        # blank-separated chunks are tokenised one at a time from the end, as far as the walk goes.
        # The last two chunks are split off first: most walks end in them, and a window of two
        # chunks or fewer is whole.
        s = self.text[lo:start]
        head = s.rsplit(None, 2)
        if len(head) < 3:
            return bool(_prep_walk(head, True))
        hit = _prep_walk(head[1:], False)
        return hit if hit is not None else bool(_prep_walk(s.rsplit(None, 10)[-10:], True))

    def _prep_word(self, start: int, floor: int) -> str | None:
        """The preposition whose phrase the mention at ``start`` sits in, if any."""
        words = _PREP_TOKENS.findall(self.text[max(floor, start - 120) : start])
        for w in reversed(words[-10:]):
            if w in _PREP_WORDS:
                return str(w)
            if not _WALK_OK.match(w):
                return None
        return None

    def _after_verb(self, start: int, floor: int) -> bool:
        """Whether the mention follows a lower-case word that is not a conjunction: an object."""
        lo = max(floor, start - 40)
        hit = self._verb_memo.get((lo, start))
        if hit is None:
            hit = self._verb_memo[(lo, start)] = self._after_verb_uncached(lo, start)
        return hit

    def _after_verb_uncached(self, lo: int, start: int) -> bool:
        m = _LAST_WORD_BEFORE.search(self.text[lo:start])
        if not m:
            return False
        w = m.group(1)
        if not w.islower() or w in _SUBJECT_LEAD:
            return False
        if w.endswith("ing") and len(w) > 4 and w not in _ING_NOUNS:
            # "in awarding Abiy the prize": the object of a participle ("the briefing" is a noun)
            return _DET_END.search(self.text, lo, lo + m.start(1)) is None
        return (w.endswith("ed") and len(w) > 4) or w in _PAST_VERBS

    def _possessive(self, c: _Cand) -> bool:
        """Whether the mention ends in "'s" or "’s", or is a plural ending in "s'" / "s’"."""
        text, e = self.text, c.end
        mark = text[e : e + 1]
        return (mark == "'" or mark == "’") and (text[e + 1 : e + 2] == "s" or text[e - 1 : e] == "s")

    def subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        """The subject of a cue verb: nearest speaking mention before it in ``[floor, cue_start)``."""
        key = (floor, cue_start)
        if key in self._subject_memo:  # asked again for the same cue by several readings
            return self._subject_memo[key]
        found = self._subject_memo[key] = self._subject_before(floor, cue_start)
        return found

    def _subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        i = bisect.bisect_right(self.ends, cue_start)
        best: _Cand | None = None
        while i > 0:
            i -= 1
            c = self.cands[i]
            if c.end <= floor:
                break
            if c.start < floor:
                continue
            if c.end > cue_start:
                continue
            if best is not None and c.end < best.start:
                break
            gap = self.text[c.end : cue_start]
            # (an aside needs a dash: a gap with none is read as it is)
            dashed = "-" in gap or "\u2014" in gap or "\u2013" in gap
            if dashed:
                adjacent = _ADV_GAP.fullmatch(_ASIDE.sub(" ", gap)) is not None
            else:
                adjacent = not gap or gap.isspace() or _ADV_GAP.fullmatch(gap) is not None
            if c.kind == "place" and not adjacent:
                continue
            if ";" in gap or "\u201c" in gap or "\u201d" in gap or '"' in gap:
                continue
            if self._possessive(c) and not adjacent:
                continue
            # "including Laura Bush, who called the policy 'cruel'": the cue's subject is "who"
            relative = c.kind == "person" and _WHO_GAP.fullmatch(gap) is not None
            # "footage of Hillary Clinton asking, ...": a person right before a speaking participle
            # speaks, inside a prepositional phrase or not
            acting = (
                c.kind == "person"
                and adjacent
                and _PARTICIPLE_AT.match(self.text, cue_start) is not None
                and self._prep_word(c.start, floor) in _PARTICIPLE_PREPS
            )
            inside = self._after_prep(c.start, floor) or self._after_verb(c.start, floor)
            if inside and not (relative or acting):
                continue
            if dashed and _DASHED.search(gap) and _DASH_OPEN.search(self.text[floor : c.start]):
                continue  # "Canada -- a NATO member -- said": an aside between dashes
            if _RELATIVE_OPEN.search(self.text, floor, c.start):
                continue  # inside a relative clause: "X, who is also a brother of Y, said"
            if c.kind == "nominal" and best is not None and (best.start <= c.start or best.kind == "person"):
                continue
            if best is None or c.start < best.start:
                best = c
        if best is not None and best.kind == "nominal":
            # "Kaja Kallas, the bloc's foreign policy chief, said": the apposition names the person
            m = _COMMA_END.search(self.text[max(floor, best.start - 3) : best.start])
            if m:
                j = bisect.bisect_right(self.ends, best.start - 1)
                for c in reversed(self.cands[:j]):
                    if c.start < floor:
                        break
                    if c.kind == "person" and _COMMA_GAP.fullmatch(self.text[c.end : best.start]):
                        return c
        if best is None or best.kind == "nominal":
            apposed = self._apposed_subject(floor, cue_start)
            if apposed is not None:
                return apposed
        return first_conjunct(self.text, self.cands, self.ends, best, floor) if best is not None else None

    def _apposed_subject(self, floor: int, cue_start: int) -> _Cand | None:
        """The person a clause opens with when an apposition between commas stands between it
        and the cue: "Lisa Kern Griffin, a professor at Duke and a former prosecutor, said",
        "Gen. Martin Dempsey, speaking to reporters on a plane, said", "X (R-S.C.), a hawk, fired
        back, saying"."""
        if self.text.count(",", floor, cue_start) < 2:  # the apposition stands between two commas
            return None
        c = self.first_subject(floor, cue_start)
        if c is None or c.kind != "person" or c.entity is None:
            return None
        gap = self.text[c.end : cue_start]
        if (
            _APPOSED_TO_CUE.fullmatch(gap) is None
            or _has_sentence_end(gap)
            or self.cues.search(self.text, c.end, cue_start)
        ):
            return None
        return c

    def first_subject(self, floor: int, end: int) -> _Cand | None:
        """The first speaking mention in ``[floor, end)``: a person or pronoun, else a body."""
        i = bisect.bisect_left(self.ends, floor)
        fallback: _Cand | None = None
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start < floor:
                continue
            if self._after_prep(c.start, floor) or self._possessive(c):
                continue
            if c.kind in {"person", "pronoun"}:
                return c
            if c.kind in {"org", "nominal"} and (
                fallback is None or (c.start == fallback.start and c.kind == "nominal")
            ):
                fallback = c  # (the longest noun phrase from one start: "the military analyst")
        return fallback

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
        best = max(cs, key=lambda c: c.end)
        if best.kind == "org":
            # "said Air Force Chief of Staff Gen. X": the body, then the titled person it names
            at = best.end
            while at < limit and self.text[at] in " \t":
                at += 1
            people = [c for c in self.by_start.get(at, []) if c.kind == "person" and c.entity is not None]
            if people and at > best.end:
                return max(people, key=lambda c: c.end)
        return best

    def described_at(self, pos: int, limit: int) -> _Cand | None:
        """A named person after a short description at ``pos``: "9/11 widow Terry Strada",
        "Republican strategist Ford O'Connell", "former State Department counterterrorism
        coordinator Daniel Benjamin" (at most seven words, no punctuation between), or after a
        quantified plural and a comma: "one of his friends, Marcus Webb"."""
        q = _QUANTIFIED_LEAD.match(self.text, pos, limit)
        if q is not None and titles.people_plural(q.group("plural")):
            cs = [c for c in self.by_start.get(q.end(), []) if c.kind == "person" and c.entity is not None]
            return max(cs, key=lambda c: c.end) if cs else None
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
                return max(cs, key=lambda c: c.end) if k else None
        return None

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

    # ---------------------------------------------------------------- speakers
    def speaker(self, c: _Cand, sent_idx: int, floor: int) -> _Speaker:
        """The speaker a mention stands for; pronouns resolved, generic noun phrases null."""
        span = (c.start, c.end)
        if c.kind in {"person", "org", "place"} and c.entity is not None:
            return _Speaker(c.entity.name, span, c.entity, self.genders.get(c.entity.name))
        if c.kind == "pronoun":
            low = c.text.lower()
            if low in {"they", "i"}:  # a group, or the writer: the mention, unnamed
                return _Speaker(None, span)
            want = "m" if low == "he" else "f"
            local = self._local_subject(floor, c.start, want)
            if local is not None:
                return _Speaker(local.name, span, local.entity, local.gender)
            opts = [x for x in (self.last_speaker, self.last_subject) if x is not None]
            # (a speaker named later in this sentence, as of a partial quotation after "he
            # wrote that the president asked", is no antecedent of the pronoun)
            opts = [x for x in opts if x[1] < sent_idx or x[0].span is None or x[0].span[0] <= c.start]
            opts = [x for x in opts if x[0].name and (x[0].gender in (None, want))]
            if opts:
                sp, _ = max(opts, key=lambda x: (x[1], x is self.last_speaker))
                return _Speaker(sp.name, span, sp.entity, sp.gender)
            return _Speaker(None, span)
        # nominal phrase: a named body ("South Korea's presidential office") or an org named before
        words = c.text.split()
        head = words[-1].lower()
        inside = self._org_inside(c.start, c.end)
        if inside is not None:
            return _Speaker(inside.name, span, inside)  # "a State Department spokesperson"
        if _THE_I.match(c.text) and lx.TITLE_CLASS.get(head) in TITLED_CLASSES:
            # "the minister said": the person last named with that title (of the same time)
            person = self._titled_before(head, c.start, salient=words[-1][:1].isupper())
            if person is not None and same_tenure(words, person):
                return _Speaker(person.name, span, person, self.genders.get(person.name))
        if head in _DOCUMENT_HEADS and _THE_I.match(c.text) and self._cue_right_after(c.end):
            issuer = self._issuer_before(c.start)
            if issuer is not None:  # "the statement said": whoever issued the statement named before
                return _Speaker(issuer.name, span, issuer, self.genders.get(issuer.name))
        if head in _INSTITUTION_HEADS and not _INDEF_I.match(c.text):
            if len(words) == 2 and _THE_I.match(c.text):
                # "the agency said": the body named before that the bare noun stands for
                body = self._body_before(head, c.start)
                if body is not None:
                    return body
                if head in lx.BARE_INSTITUTIONS:
                    return _Speaker(None, span)
            elif len(words) == 2 and head in lx.BARE_INSTITUTIONS and words[0].lower() in DETERMINERS:
                return _Speaker(None, span)  # "his office said": whose office, the noun does not say
            return _Speaker(_DET_LEAD.sub("", c.text), span)
        if head in lx.GENERIC_SPEAKER_HEADS or _SOME_OF_I.match(c.text):
            return _Speaker(None, span)
        if _POSS_SPACE.search(c.text) and c.text[0].isupper():
            return self._owned(c, span, head)
        for k, first in reversed(self._org_by_last.get(head, [])):
            if first < c.start:
                return _Speaker(self.orgs[k].name, span, self.orgs[k])
        if head in _ORG_ANAPHORS and _THE_I.match(c.text):
            org = self._org_last_before(c.start)
            if org is not None:
                return _Speaker(org.name, span, org)
        return _Speaker(None, span)

    def _owned(self, c: _Cand, span: tuple[int, int], head: str) -> _Speaker:
        """A named body's noun phrase ("South Korea's presidential office", "Trump's lawyers")
        speaks as itself; one that describes a single person by an office ("Bannon, President
        Trump's former chief strategist", "President Obama's ambassador to the UN") is the person
        named in apposition, or nobody: a description is never a speaker's name."""
        words = c.text.split()
        lead = 0
        while lead < len(words) - 1 and words[lead].rstrip(",") in lx.STOP_CAPS:
            lead += 1  # "Although Mueller's team has indicated": the subordinator is no part of it
        text = " ".join(words[lead:])
        if lx.TITLE_CLASS.get(head) not in _ONE_PERSON_CLASSES:
            return _Speaker(text if text[:1].isupper() else None, span)
        j = bisect.bisect_right(self.ends, c.start)
        for k in range(j - 1, max(-1, j - 8), -1):
            p = self.cands[k]
            if (
                p.kind == "person"
                and p.entity is not None
                and any(a.fullmatch(self.text, p.end, c.start) for a in (_APPOSED, _APPOSED_CLAUSE))
            ):
                return _Speaker(p.entity.name, (p.start, p.end), p.entity, self.genders.get(p.entity.name))
        # "South Korea's president": the person named before with that office, of that country
        owner = text[: _POSS_SPACE.search(text).start()]  # type: ignore[union-attr]
        code = lx.place_country(owner)
        if code:
            person = self._titled_before(head, c.start, code)
            if person is not None:
                return _Speaker(person.name, span, person, self.genders.get(person.name))
        return _Speaker(None, span)

    def _cue_right_after(self, end: int) -> bool:
        """Whether a cue verb follows ``end`` (an adverb between): "the statement said"."""
        m = _ADVERB_GAP.match(self.text, end)
        return self.cues.match(self.text, m.end() if m else end) is not None

    def _issuer_before(self, pos: int) -> Entity | None:
        """Who issued the statement last told of before ``pos`` in its paragraph or the one before
        (within 1,500 characters): the named subject of "X announced in a statement", "X issued
        a statement", or the name after "a statement from X"."""
        text = self.text
        # this paragraph or the one before: further back, another body may have spoken since
        at = text.rfind("\n", 0, pos)
        while at > 0 and text[at - 1].isspace():
            at -= 1
        lo = max(0, pos - 1500, text.rfind("\n", 0, at) + 1 if at > 0 else 0)
        found = list(_ISSUED.finditer(text, lo, pos))
        if not found:
            return None
        m = found[-1]
        if m.group("by"):
            c = self.mention_at(m.end(), pos)
        else:
            start = max(lo, text.rfind(". ", lo, m.start()) + 1, text.rfind("\n", lo, m.start()) + 1)
            c = self.first_subject(start, m.start())
        if c is not None and c.entity is not None and c.kind in {"person", "org"}:
            return c.entity
        return None

    def _body_before(self, head: str, pos: int) -> _Speaker | None:
        """The body a bare "the agency" stands for: the organisation named last before ``pos``
        whose name ends in ``head`` or opens with it before "of" ("Korean Central News Agency",
        "Ministry of Foreign Affairs"), or a noun ``head`` after a capitalised modifier in the
        1,500 characters before ("the French foreign ministry", "Singaporean foreign ministry
        spokeswoman"), whichever is later."""
        found: tuple[int, _Speaker] | None = None
        i = bisect.bisect_left(self._org_starts, pos)
        for s, e, k in reversed(self._org_mentions[:i]):
            org = self.orgs[k]
            if e <= pos and any(heads_name(head, n) for n in (org.name, *org.aliases)):
                found = (s, _Speaker(org.name, (s, e), org))
                break
        lo = max(0, pos - 1500, found[0] if found is not None else 0)
        phrase = modified_body(self.text, head, lo, pos)
        if phrase is not None:
            return _Speaker(phrase[0], phrase[1])
        return found[1] if found is not None else None

    def _org_inside(self, start: int, end: int) -> Entity | None:
        """The first organisation (in entity order) with a mention inside ``[start, end)``."""
        best: int | None = None
        for i in range(bisect.bisect_left(self._org_starts, start), len(self._org_mentions)):
            s, e, k = self._org_mentions[i]
            if s > end:
                break
            if e <= end and (best is None or k < best):
                best = k
        return self.orgs[best] if best is not None else None

    def _org_last_before(self, pos: int) -> Entity | None:
        """The organisation mentioned last before ``pos`` (the first in entity order on a tie)."""
        i = bisect.bisect_left(self._org_starts, pos)
        if i == 0:
            return None
        last = self._org_starts[i - 1]
        j = bisect.bisect_left(self._org_starts, last)
        return self.orgs[min(k for _, _, k in self._org_mentions[j:i])]

    def _titled_before(
        self, head: str, pos: int, country: str | None = None, salient: bool = False
    ) -> Entity | None:
        """The person most recently mentioned before ``pos`` whose title or role has ``head`` in it
        (and who is of ``country``, when given); with ``salient`` (an office written with a
        capital, "the President"), another holder mentioned at least three times as often (and
        four times or more) before ``pos`` instead."""
        titled = self._titled.get(head)
        if titled is None:
            # "the lawmaker": also the holders of the titles the role describes (a senator)
            words = (head, *lx.ROLE_TITLES.get(head, ()))
            # (not an office held for another: "assistant to the president" is no president)
            word = re.compile(r"(?<!to the )(?<!of the )\b(?:" + "|".join(map(re.escape, words)) + r")\b")
            tag = PARTY_TAGS.get(head)  # "the Republican": also a person tagged "(R-Mich.)"
            titled = self._titled[head] = [
                (e, sorted(s for s, _ in e.mentions))
                for e in self.people
                if any(word.search(spelt_out(t)) for t in [*e.aliases, e.role or ""])
                or (tag is not None and any(tag.match(self.text, t) for _, t in e.mentions))
            ]
        best: tuple[int, Entity] | None = None
        seen: list[tuple[int, Entity]] = []  # each holder's mentions before pos
        for e, starts in titled:
            if country is not None and e.country != country:
                continue
            i = bisect.bisect_left(starts, pos)
            last = starts[i - 1] if i else -1
            if last >= 0:
                seen.append((i, e))
            if last >= 0 and (best is None or last > best[0]):
                best = (last, e)
        if best is None or not salient:
            return best[1] if best else None
        recent = next(i for i, e in seen if e is best[1])
        # the article's protagonist over a holder named in passing: "the President" is President
        # Obama (ten mentions) though Syrian President Assad (two) was named last
        lead = max(seen, key=lambda ie: ie[0])
        if lead[1] is not best[1] and lead[0] >= 4 and lead[0] >= 3 * recent:
            return lead[1]
        return best[1]

    def _local_subject(self, floor: int, pos: int, gender: str) -> _Speaker | None:
        """A person named earlier in the same sentence ("When Smith arrived, he said")."""
        i = bisect.bisect_right(self.ends, pos)
        for k in range(bisect.bisect_left(self.ends, floor), i):
            c = self.cands[k]
            if c.start >= floor and c.end <= pos and c.kind == "person" and c.entity is not None:
                g = self.genders.get(c.entity.name)
                if (
                    g in (None, gender)
                    and not self._after_prep(c.start, floor)
                    and not self._possessive(c)
                    and not _PARTICIPLE_BEFORE.search(self.text, max(floor, c.start - 30), c.start)
                ):
                    return _Speaker(c.entity.name, (c.start, c.end), c.entity, g)
        return None

    def note_speaker(self, sp: _Speaker, sent_idx: int) -> None:
        """Remember the latest named speaker, for pronouns that follow."""
        if sp.name and sp.entity is not None and sp.entity.type == "person":
            self.last_speaker = (sp, sent_idx)

    def note_sentence(self, start: int, end: int, sent_idx: int) -> None:
        """Remember the sentence, whose subject (its first person mention outside quotations)
        ``last_subject`` reads when a pronoun asks for it."""
        self._noted.append((start, end, sent_idx))

    @property
    def last_subject(self) -> tuple[_Speaker, int] | None:
        """The subject of the latest noted sentence that has one, with that sentence's index.

        Read only when a pronoun needs it: the sentences noted since the last reading are
        looked at from the latest back, and the first with a subject is the answer."""
        noted = self._noted
        for k in range(len(noted) - 1, self._noted_read - 1, -1):
            found = self._subject_of(*noted[k])
            if found is not None:
                self._last_subject = found
                break
        self._noted_read = len(noted)
        return self._last_subject

    def _subject_of(self, start: int, end: int, sent_idx: int) -> tuple[_Speaker, int] | None:
        i = bisect.bisect_left(self.ends, start)
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start >= start and c.kind == "person" and c.entity is not None:
                if (
                    self._after_prep(c.start, start)
                    or self._possessive(c)
                    or _PARTICIPLE_BEFORE.search(self.text, max(start, c.start - 30), c.start)
                ):
                    continue
                return (
                    _Speaker(c.entity.name, (c.start, c.end), c.entity, self.genders.get(c.entity.name)),
                    sent_idx,
                )
        return None
