"""The subject of a cue verb or a clause among the mentions: whether a mention is an object or
stands in a prepositional phrase, an aside, a relative clause or an apposition."""

from __future__ import annotations

import bisect
import re

from digests.extract import lexicon as lx
from digests.extract.quotes.conjuncts import first_conjunct, first_start
from digests.extract.quotes.resolver_mentions import _Cand, _Mentions
from digests.extract.quotes.scan import (
    _ADV_GAP,
    _COMMA_END,
    _COMMA_GAP,
    _LAST_WORD_BEFORE,
    _PAST_VERBS,
    _PREP_TOKENS,
    _PREP_WORDS,
    _RELATIVE_OPEN,
    _SUBJECT_LEAD,
    _WALK_OK,
    _has_sentence_end,
)
from digests.extract.text import Document
from digests.models import Entity

# "including Laura Bush, who called the policy 'cruel'" (not "Foley, who he said worked")
# "Describing Mr Haines as a hero, he said": a participle's object is not the subject
_PARTICIPLE_BEFORE = re.compile(
    r"(?<![\w-])(?<!the )(?<!The )(?<!a )(?<!an )(?<!his )(?<!her )[A-Za-z]{2,}ing\s+"
    r"(?:(?:the|a|an|Mr|Mrs|Ms|Dr)\.?\s+)?$"
)
_PARTICIPLE_AT = re.compile(r"[a-z]+ing\b")
# "footage of X saying", "with X adding", "a statement by X noting" (not "a letter to X citing")
_PARTICIPLE_PREPS = frozenset({"of", "with", "by"})
# "to" right before the verb whose object the mention may be
_TO_END = re.compile(r"(?<![\w-])to[ \t]+$")
# the subject of a relative clause right after its pronoun, its cue next: "the blockade, which
# Israel says would ...", "a cell, which the Pentagon said was nearing ..."
_RELATIVE_SUBJECT = re.compile(r",[ \t]*(?:which|that)[ \t]+(?:the[ \t]+)?$")
# lower-case words that describe the name after them inside a phrase: "for Chinese company ZTE",
# "at Democratic leader X", "with telecom giant Y"
_DESCRIPTORS = (
    frozenset(k for k in lx.TITLE_CLASS if k.isalpha() and k.islower())
    | frozenset(w for w in lx.GENERIC_SPEAKER_HEADS if w.isalpha())
    | frozenset({"company", "firm", "giant", "maker", "group", "network", "newspaper", "carrier"})
)
# an office, "to" or "of" and a place before a name: "Ambassador to Ukraine X", "the president of
# Ukraine X" (the name holds the office; the phrase is no preposition's the name stands in)
_OFFICE_PLACE_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<office>[A-Za-z]+)\.?[ \t]+(?:to|of)[ \t]+"
    r"(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?)[ \t]+$"
)
_TO_OF = frozenset({"to", "of"})


def office_place_start(text: str, start: int) -> int:
    """Where the office before a name at ``start`` begins when an office, "to" or "of" and a place
    stand right before it ("U.S. Ambassador to Ukraine Geoffrey Pyatt": at "Ambassador"), else
    ``start``."""
    lo = max(0, start - 50)
    if text[start - 1 : start] not in (" ", "\t"):
        return start
    # the pattern's "to"/"of" is the second or third word before the name: asked of the last
    # three words first, the pattern runs on the few windows where one stands there, and from
    # the fourth word back (the office is the word before "to"/"of": no match opens before it)
    words = text[lo:start].rsplit(None, 4)
    if not _TO_OF.intersection(words[-3:-1]):
        return start
    m = _OFFICE_PLACE_BEFORE.search(text, lo + len(words[0]) if len(words) == 5 else lo, start)
    if m is None or lx.TITLE_CLASS.get(m.group("office").lower()) is None:
        return start
    return m.start() if lx.place_country(m.group("place")) is not None else start


_WH_WORDS = frozenset({"what", "how", "why", "when", "where", "who", "whom", "which", "whether", "whatever"})
_DET_END = re.compile(r"(?<![\w-])(?:the|a|an|this|that|his|her|its|their|our)\s+$", re.I)
_WHO_GAP = re.compile(r"(?:,|\s*(?:--|—|–))\s*who\s+(?:(?!(?:he|she|they|we|you|i|it)\s)[a-z]+\s+){0,2}")
# the same after a body: "the Kremlin -- which called the move ...", "the ministry, which said"
_WHICH_GAP = re.compile(
    r"(?:,|\s*(?:--|—|–))\s*which\s+(?:(?!(?:he|she|they|we|you|i|it|the|a|an)\s)[a-z]+\s+){0,2}"
)
# "Canada -- a NATO member -- said": an aside between dashes after the subject
_ASIDE = re.compile(r"^\s*(?:--|—|–)[^-—–]+(?:--|—|–)\s*")
_DASHED = re.compile(r"^[^-—–]*(?:\s--\s|\s?—\s?|\s–\s)")
# an aside after a name ("Canada -- a NATO member --"), not one that adds to what was said
# before ("at Washington — and specifically John Bolton —")
_DASH_OPEN = re.compile(
    r"(?:\s--\s|\s?—\s?|\s–\s)(?!\s*(?:and|or|but|especially|specifically|including|namely|particularly)\b)"
    r"[^-—–]*$"
)
# an aside between commas that opens with a preposition, before the cue: "The crown prince,
# during an interview aired by broadcaster CBS, said" (CBS is in the aside, not the subject)
_PREP_ASIDE = re.compile(
    r",[ \t]+(?:during|in|at|after|before|on|from|with|by|speaking|writing|appearing)\b[^,;:\"“”]*$"
)
# prepositions that also open a clause: "after X reported that", "before Y said"
_SUBORDINATORS = frozenset({"after", "before", "since", "until"})
# a name after an unnamed speaker's "of": "the family of slain journalist X said" is the family's
_HOLDER_OF = re.compile(r"\b([a-z]+)[ \t]+of[ \t]+(?:[^\s,;:\"“”]+[ \t]+){0,4}$")
# words in -ing that are nouns, not participles: "Late Monday morning Trump tweeted"
_ING_NOUNS = frozenset({"morning", "evening"})
# an apposition between commas (after a party tag or "of" a place: "X of South Carolina, a
# close adviser of Y's, decried"), then perhaps "has" and adverbs, before a cue
_OWNED_GAP = re.compile(r"['’]s?[ \t]+")
# "accused the Times of" before a speaking participle ("reporting that"): whom the words are
# ascribed to (none written in the passive, "was accused of", or a relative, "which he accused of")
_ACCUSED_OF = re.compile(
    r"(?<![\w-])accus(?:e|es|ed|ing)(?:[ \t]+(?P<obj>[^,;.:\"“”]{1,60}?))?[ \t]+of[ \t]+$"
)
# "quoted Kim as" before a speaking participle ("saying"): whom the outlet quotes
_QUOTED_AS = re.compile(r"(?<![\w-])quot(?:e|es|ed|ing)[ \t]+(?P<obj>[^,;.:\"“”]{1,60}?)[ \t]+as[ \t]+$")
_RELATIVE_BEFORE = re.compile(
    r",?[ \t]+(?:which|who|whom|that)[ \t]+(?:he|she|they|it|we|[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})"
    r"(?:[ \t]+(?:has|had|have|had[ \t]+also|also))?[ \t]+$"
)
# "X, the <body> <office> said": the apposition's comma and "the" before the body
_THE_APPOSED = re.compile(r",[ \t]+the[ \t]+$")


def _unblanked(gap: str) -> str:
    """The words between a name and what follows it, link text blanked in place after the name
    left out ("Jared Kushner <blanked link> MORE, in rare public remarks, stated")."""
    return gap.lstrip(" ") if gap.startswith("   ") else gap


_APPOSED_TO_CUE = re.compile(
    r"(?:[ \t]*\([^()]{1,30}\)|[ \t]+of(?:[ \t]+[A-Z][\w.'’-]*){1,4})?"
    r",[ \t](?!(?:or|and|but|nor|to|in|on|at|for)\b)[^;:\"“”!?\n]{2,200}?,"
    r"(?:[ \t]+(?:has|have|had|also|then|later|[a-z]+ly|and))*[ \t]*"
)


# a cue in a clause opened by "if" or "whether" and its subject: "... or if he genuinely thought"
_IF_CLAUSE = re.compile(r"(?<!even[ \t])\b(?:if|whether)[ \t]+(?:[\w'’.-]+[ \t]+){1,5}$")


def hypothetical_cue(text: str, s_start: int, cue_start: int) -> bool:
    """Whether the cue at ``cue_start`` (in the sentence opening at ``s_start``) stands in a
    clause of supposition: "if" or "whether", its subject (five words at most) before it
    ("whether the mayor really believed that"; "even if" concedes what was said: "even if the
    White House now says"), after "might" or "could" ("Libertarians might respond that"), or in
    a question ("And does a rival boast that it has the right ...?"), so what follows is what
    someone is supposed to think or say, not what they said."""
    lo = cue_start - 48 if cue_start - 48 > s_start else s_start
    window = text[lo:cue_start]
    if ("might " in window or "could " in window) and _MODAL_END.search(text, lo, cue_start):
        return True
    # (the question mark looked for first: most cues have none after them)
    q = text.find("?", cue_start, cue_start + 400)
    if (
        q >= 0
        and _ASKED.match(text, s_start) is not None
        and _SENTENCE_BREAK.search(text, cue_start, q) is None
    ):
        return True
    if "if " not in window and "whether " not in window:
        return False  # the words the pattern needs
    return _IF_CLAUSE.search(text, lo, cue_start) is not None


# a modal of what may be said, right before the cue: "might respond", "could well argue"
_MODAL_END = re.compile(r"(?<![\w-])(?:might|could)[ \t]+(?:well[ \t]+|also[ \t]+)?$")
# a question's auxiliary opening the sentence: "Does X boast that ...?", "And would Y say ...?"
_ASKED = re.compile(
    r"(?:(?:And|But|So|Or|Yet)[ \t]+)?"
    r"(?i:does|do|did|would|will|can|could|should|is|are|was|were|has|have)[ \t]"
)
_SENTENCE_BREAK = re.compile(r"(?<![A-Z])[.!]\s")  # (not an initial's: "U.S. law")


def _prep_walk(chunks: list[str], whole: bool) -> bool | None:
    """The walk of ``_Subjects._after_prep`` over blank-separated ``chunks`` (in text order),
    read backwards; ``None`` when the chunks run out undecided and are not ``whole``."""
    n = 0
    group = False  # "groups of protesters": the "of" of a group or a number holds the head
    for chunk in reversed(chunks):
        words: list[str] = _PREP_TOKENS.findall(chunk)  # (typed: mypyc cannot reverse a list of Any)
        for w in reversed(words):
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
            if _WALK_OK.match(w) or w in _DESCRIPTORS:
                continue
            return False
    return group if whole else None


class _Subjects(_Mentions):
    """The mentions, with the syntax that tells a subject from an object."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        super().__init__(doc, entities, inner)
        # the same mention is weighed for every cue of its sentence: remember the answer
        self._prep_memo: dict[tuple[int, int], bool] = {}
        self._verb_memo: dict[tuple[int, int], bool] = {}
        self._subject_memo: dict[tuple[int, int], _Cand | None] = {}

    def _after_prep(self, start: int, floor: int) -> bool:
        """Whether the mention at ``start`` sits inside a prepositional phrase or is an object."""
        start = first_start(self.text, self.cands, self.ends, self.by_start, start, floor)  # of "X and Y"
        lo = max(floor, start - 120)
        key = (lo, start)
        hit = self._prep_memo.get(key)
        if hit is None:
            # "Department of Defense spokesperson X": the body's "of" is its name's (asked only
            # where " of " stands in this window, which holds body_title_start's own)
            body = start
            if self.text.find(" of ", lo, start + 24) >= 0:
                body = self.body_title_start(start, floor)
            office = office_place_start(self.text, body)  # "Ambassador to Ukraine X": the office's
            if floor <= office < body:
                hit = self._after_prep_uncached(max(floor, office - 120), office)
            else:
                hit = self._after_prep_uncached(lo if body == start else max(floor, body - 120), body)
            self._prep_memo[key] = hit
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

    def body_title_start(self, start: int, floor: int) -> int:
        """Where a body and an office before the person at ``start`` begin ("Department of Defense
        spokesperson Jonathan Hoffman": at "Department"), so the "of" inside the body's name puts
        the person in no prepositional phrase; else ``start``."""
        if self.text.find(" of ", max(floor, start - 80), start + 24) < 0:
            return start  # (the word the body's name needs, looked for first)
        # the body ends a blank before the person, or inside the person's mention when the
        # mention took the body's last word into its title ("Defense spokesperson X")
        j = bisect.bisect_right(self.ends, start + 24) - 1
        o = None
        for k in range(j, max(-1, j - 4), -1):
            c = self.cands[k]
            if c.kind == "org" and c.start < start and c.end >= start - 1:
                o = c
                break
        if o is None or o.start < floor or " of " not in self.text[o.start : o.end]:
            return start
        if o.end > start:
            return o.start
        words = self.text[o.end : start].split()
        if len(words) > 3 or not all(w.isalpha() for w in words):
            return start
        # (the person's mention may hold its title: "spokesperson Jonathan Hoffman")
        head = words[-1] if words else self.text[start : start + 30].split(None, 1)[0]
        return o.start if lx.TITLE_CLASS.get(head.lower()) is not None else start

    def _prep_word(self, start: int, floor: int) -> str | None:
        """The preposition whose phrase the mention at ``start`` sits in, if any."""
        words: list[str] = _PREP_TOKENS.findall(self.text[max(floor, start - 120) : start])
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
        if w not in _WH_WORDS and _TO_END.search(self.text, lo, lo + m.start(1)):
            return True  # "plans to destroy Islamic State but did not say": an infinitive's object
        if w.endswith("ing") and len(w) > 4 and w not in _ING_NOUNS:
            # "in awarding Abiy the prize": the object of a participle ("the briefing" is a noun)
            return _DET_END.search(self.text, lo, lo + m.start(1)) is None
        return (w.endswith("ed") and len(w) > 4) or w in _PAST_VERBS

    def subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        """The subject of a cue verb: nearest speaking mention before it in ``[floor, cue_start)``."""
        key = (floor, cue_start)
        if key in self._subject_memo:  # asked again for the same cue by several readings
            return self._subject_memo[key]
        found = self._subject_memo[key] = self._subject_before(floor, cue_start)
        return found

    def _subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        before = self.text[cue_start - 3 : cue_start]
        if before == "of ":
            accused = self._accused(floor, cue_start)
            if accused is not None:
                return accused
        elif before == "as ":
            quoted = self._quoted_as(floor, cue_start)
            if quoted is not None:
                return quoted
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
            relative = (c.kind == "person" and _WHO_GAP.fullmatch(gap) is not None) or (
                c.kind == "org" and "which" in gap and _WHICH_GAP.fullmatch(gap) is not None
            )
            # "footage of Hillary Clinton asking, ...": a person right before a speaking participle
            # speaks, inside a prepositional phrase or not
            acting = (
                c.kind == "person"
                and adjacent
                and _PARTICIPLE_AT.match(self.text, cue_start) is not None
                and self._prep_word(c.start, floor) in _PARTICIPLE_PREPS
            )
            inside = self._after_prep(c.start, floor) or self._after_verb(c.start, floor)
            if (
                inside
                and not (relative or acting)
                and not (
                    # "after The Boston Globe reported that": a subordinator opens a clause whose
                    # subject the mention is, right before its finite cue
                    adjacent
                    and not _PARTICIPLE_AT.match(self.text, cue_start)
                    and self._prep_word(c.start, floor) in _SUBORDINATORS
                )
            ):
                continue
            if "," in gap:
                # (the aside opens at the last comma before the name: the pattern holds no other)
                k = self.text.rfind(",", floor, c.start)
                if k >= 0 and _PREP_ASIDE.match(self.text, k, c.start):
                    continue  # "The crown prince, during an interview with X, said": an aside
            lo = max(floor, c.start - 60)
            if not acting and "of" in self.text[lo : c.start]:
                h = _HOLDER_OF.search(self.text, lo, c.start)
                if h is not None and h.group(1) in lx.GENERIC_SPEAKER_HEADS:
                    continue  # "the family of slain journalist X said": the family speaks
            if (
                dashed
                and not relative
                and _DASHED.search(gap)
                and _DASH_OPEN.search(self.text[floor : c.start])
            ):
                continue  # "Canada -- a NATO member -- said": an aside between dashes
            if _RELATIVE_OPEN.search(self.text, floor, c.start) and not (
                adjacent and _RELATIVE_SUBJECT.search(self.text, floor, c.start)
            ):
                continue  # inside a relative clause: "X, who is also a brother of Y, said"
            if c.kind == "nominal" and best is not None and (best.start <= c.start or best.kind == "person"):
                continue
            if best is None:
                best = c
            elif c.start < best.start and not (
                c.end > best.start and c.kind == "org" and best.kind == "person"
            ):
                best = c  # (not "Department of Defense spokesperson X": the body in the person's title)
        if best is None and self.text.startswith("to ", cue_start - 3):
            # "prompted Trump to accuse Trudeau of ...": the object before an infinitive cue is its
            # subject
            j = bisect.bisect_right(self.ends, cue_start - 4) - 1
            obj = self.cands[j] if j >= 0 else None
            if (
                obj is not None
                and obj.end == cue_start - 4
                and obj.start >= floor
                and obj.kind in ("person", "org")
                and self.text[obj.end] in " \t"
                and not self._possessive(obj)
                and self._after_verb(obj.start, floor)  # (not "for Sondland to testify")
            ):
                return obj
        if best is not None and best.kind == "nominal":
            # "Kaja Kallas, the bloc's foreign policy chief, said": the apposition names the person
            m = _COMMA_END.search(self.text[max(floor, best.start - 3) : best.start])
            if m:
                j = bisect.bisect_right(self.ends, best.start - 1)
                for c in reversed(self.cands[:j]):
                    if c.start < floor:
                        break
                    if c.kind == "person" and _COMMA_GAP.fullmatch(_unblanked(self.text[c.end : best.start])):
                        # (not a fronted phrase's last word: "In a letter to X, the lawyers said";
                        # an apposition closes with a comma: "that of X, an officer ..., who said")
                        gap = self.text[best.end : cue_start]
                        if "," in gap or "who" in gap.split() or not self._after_prep(c.start, floor):
                            return c
                        break
        if best is None or best.kind == "nominal":
            apposed = self._apposed_subject(floor, cue_start)
            if apposed is not None:
                return apposed
        elif best.kind == "org":
            # "X, the executive director of A and B, said": the person the apposition describes;
            # "X, the White House trade council director said": the body's officer, named before
            held = self._body_officer(best, floor, cue_start)
            if held is not None:
                return held
            apposed = self._apposed_subject(floor, cue_start)
            if apposed is not None and apposed.kind == "person" and apposed.start < best.start:
                return apposed
        return first_conjunct(self.text, self.cands, self.ends, best, floor) if best is not None else None

    def body_owner(self, c: _Cand) -> _Cand | None:
        """The body whose possessive stands right before the person ``c``: "the University of
        Vermont's" of "the University of Vermont's Gause"."""
        j = bisect.bisect_right(self.ends, c.start)
        for k in range(j - 1, max(-1, j - 4), -1):
            o = self.cands[k]
            if o.kind == "org" and _OWNED_GAP.fullmatch(self.text, o.end, c.start):
                return o
        return None

    def _accused(self, floor: int, cue_start: int) -> _Cand | None:
        """Who is said to have spoken after "accused X of" and a speaking participle: X ("accused
        the Times of reporting that"), the subject of a passive ("the Times was accused of
        saying"), or the antecedent of a relative ("The Times, which he accused of reporting
        that"); the accuser only reports it. None when no such phrase stands before the cue."""
        m = _ACCUSED_OF.search(self.text, max(floor, cue_start - 90), cue_start)
        if m is None or not _PARTICIPLE_AT.match(self.text, cue_start):
            return None
        if m.group("obj"):
            c = self.mention_at(m.start("obj"), m.end("obj"))
            return c if c is not None and c.kind != "place" else None
        r = _RELATIVE_BEFORE.search(self.text, max(floor, m.start() - 40), m.start())
        if r is not None:
            j = bisect.bisect_right(self.ends, r.start()) - 1
            c = self.cands[j] if j >= 0 else None
            return c if c is not None and c.end == r.start() and c.start >= floor else None
        return self._subject_before(floor, m.start())

    def _quoted_as(self, floor: int, cue_start: int) -> _Cand | None:
        """Whom an outlet quotes: X of "quoted X as saying" ("Xinhua quoted Kim as saying": Kim's
        words, the agency only carries them), or None."""
        m = _QUOTED_AS.search(self.text, max(floor, cue_start - 90), cue_start)
        if m is None or not _PARTICIPLE_AT.match(self.text, cue_start):
            return None
        c = self.mention_at(m.start("obj"), m.end("obj"))
        return c if c is not None and c.kind != "place" else None

    def _body_officer(self, body: _Cand, floor: int, cue_start: int) -> _Cand | None:
        """The person named in apposition before "the <body> <office>" standing right before a
        cue ("Peter Navarro, the White House National Trade Council director said"), else None."""
        words = self.text[body.end : cue_start].split()
        if not 0 < len(words) <= 2 or not all(w.isalpha() and w.islower() for w in words):
            return None
        if lx.TITLE_CLASS.get(words[-1]) is None:
            return None
        m = _THE_APPOSED.search(self.text, max(floor, body.start - 8), body.start)
        if m is None:
            return None
        j = bisect.bisect_right(self.ends, m.start()) - 1
        c = self.cands[j] if j >= 0 else None
        if c is None or c.kind != "person" or c.start < floor or c.end != m.start():
            return None
        return c

    def _apposed_subject(self, floor: int, cue_start: int) -> _Cand | None:
        """The person a clause opens with when an apposition between commas stands between it
        and the cue: "Lisa Kern Griffin, a professor at Duke and a former prosecutor, said",
        "Gen. Martin Dempsey, speaking to reporters on a plane, said", "X (R-S.C.), a hawk, fired
        back, saying"; a body likewise ("Greenpeace, an environmental group, said")."""
        if self.text.count(",", floor, cue_start) < 2:  # the apposition stands between two commas
            return None
        c = self.first_subject(floor, cue_start)
        if c is None or c.kind not in ("person", "org") or c.entity is None:
            return None
        gap = _unblanked(self.text[c.end : cue_start])
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
        owner: _Cand | None = None  # a body's possessive right before: "Harvard's Lee said"
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start < floor:
                continue
            at = c.start
            if c.kind == "person" and owner is not None and _OWNED_GAP.fullmatch(self.text, owner.end, at):
                at = owner.start  # "the University of Vermont's Gause": the body's "of" is its name's
            if self._possessive(c):
                owner = c if c.kind == "org" else None
                continue
            if self._after_prep(at, floor):
                continue
            if c.kind in {"person", "pronoun"}:
                return c
            if c.kind in {"org", "nominal"} and (
                fallback is None or (c.start == fallback.start and c.kind == "nominal")
            ):
                fallback = c  # (the longest noun phrase from one start: "the military analyst")
        return fallback
