"""Pronoun state over the mentions: the latest named speaker and sentence subject, and the
person a "he" or "she" stands for."""

from __future__ import annotations

import bisect
import re

from digests.extract import lexicon as lx
from digests.extract.quotes.resolver_mentions import _Cand, _Speaker
from digests.extract.quotes.resolver_subjects import _PARTICIPLE_BEFORE, _Subjects
from digests.extract.text import Document
from digests.models import Entity

# what opens a description of one unnamed person: "a senior official", "one diplomat" (a definite
# one, "the Republican nominee", is most often someone named before)
_ONE_LEAD = frozenset({"a", "an", "one", "another"})
# what opens a sentence or a paragraph before a word: "He said" there is the pronoun
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?\n][\"'”’)]?\s*|\n\s*)$")
# a clause of its own after a contrast or a semicolon, whose subject is the sentence's latest
# ("Mr. Bush launched two wars, but Mr. Obama has boasted ...": a "he" after it is Obama)
_HE_SHE = frozenset({"He", "She", "he", "she"})
_NEW_CLAUSE = re.compile(
    r"(?:[,;]\s*(?:but|while|whereas|yet)|;)\s+(?:(?:the|former|[A-Z][\w.'’-]*)\s+){0,4}$"
)


# the cue verb after a pronoun, perhaps after an adverb or an auxiliary: "he told", "she also warned"
_HEARER_CUE = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?P<cue>[a-z]+)[ \t]+")
# "the" opening a noun phrase; the words a sentence may open with before its owner: "President
# Obama's speech", "But the president's plan"
_THE_WORD = re.compile(r"[Tt]he\s")
_OPENS = re.compile(r"[\s\"“”'‘’(]*(?:(?:But|And|So|Yet|Still|Now|Then|The|the)\s+)?")
# the noun an owner's possessive stands before: "Obama's speech", "Obama's former lawyer",
# "Marsh's Facebook page"
_POSSESSED = re.compile(r"['’]s?\s+((?:[A-Za-z][\w-]*\s+){0,2}[a-z][\w-]*)")


def _person_noun(word: str) -> bool:
    """Whether a noun names a person ("lawyer", "spokesman", "son", "great-uncle") or people
    ("aides")."""
    word = word.rpartition("-")[2]
    return (
        word in lx.GENERIC_SPEAKER_HEADS
        or word in _SPEAKER_NOUNS
        or lx.TITLE_CLASS.get(word) is not None
        or lx.TITLE_CLASS.get(word.removesuffix("s")) is not None
    )


_SPEAKER_NOUNS = frozenset(lx.SPEAKER_NOUNS)
# a pronoun of one gender as a word: "he" / "she" (capitalised opening the sentence)
_SAME_PRONOUN = {
    "m": re.compile(r"(?<![\w'’-])[Hh]e(?![\w'’-])"),
    "f": re.compile(r"(?<![\w'’-])[Ss]he(?![\w'’-])"),
}


class _Pronouns(_Subjects):
    """The mentions, with the state that resolves pronouns."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        super().__init__(doc, entities, inner)
        self.last_speaker: tuple[_Speaker, int] | None = None
        # the words the latest speaker is credited with, as (sentence, start, end): a speaker
        # named inside them is reported by the latest one, not the sentence's new protagonist
        self._last_said: tuple[int, int, int] | None = None
        # sentences noted (start, end, index) and how many of them ``last_subject`` has read
        self._noted: list[tuple[int, int, int]] = []
        self._noted_read = 0
        self._last_subject: tuple[_Speaker, int] | None = None
        # where the latest unnamed person spoke ("a senior official said"): (sentence, start)
        self._last_unnamed: tuple[int, int] | None = None

    def pronoun_speaker(self, c: _Cand, sent_idx: int, floor: int) -> _Speaker:
        """The person a pronoun stands for: the subject of its own clause before it, else the
        latest named speaker or sentence subject of its gender; "they" and "I" stay unnamed."""
        span = (c.start, c.end)
        low = c.text.lower()
        if low in {"they", "i"}:  # a group, or the writer: the mention, unnamed
            return _Speaker(None, span)
        if c.text == "He" and not _SENTENCE_OPEN.search(self.text, max(0, c.start - 3), c.start):
            # '..., He said': a capital "He" inside a sentence is the surname of a person named
            # "He X" ("He Weiwen"), when the article names one
            he = next((e for e in self.people if e.name.startswith("He ")), None)
            if he is not None:
                return _Speaker(he.name, span, he, self.genders.get(he.name))
        want = "m" if low == "he" else "f"
        local = self._local_subject(floor, c.start, want)
        if local is not None:
            return _Speaker(local.name, span, local.entity, local.gender)
        opts = [x for x in (self.last_speaker, self.last_subject) if x is not None]
        # (a speaker named later in this sentence, as of a partial quotation after "he
        # wrote that the president asked", is no antecedent of the pronoun)
        opts = [x for x in opts if x[1] < sent_idx or x[0].span is None or x[0].span[0] <= c.start]
        opts = [x for x in opts if x[0].name and (x[0].gender in (None, want))]
        hearer = self._hearer_after(c.end)
        if hearer is not None:
            # "he told Mr. Kroft that ...": the pronoun is not the person it speaks to
            opts = [x for x in opts if x[0].name != hearer.name]
        unnamed = self._last_unnamed
        if unnamed is not None and unnamed[1] < c.start and all(unnamed[0] > x[1] for x in opts):
            # "..., a senior Turkish official said. He added that ...": the latest speaker is
            # the unnamed one, whom the pronoun goes on with, not a name from before
            return _Speaker(None, span)
        if opts:
            sp, _ = max(opts, key=lambda x: (x[1], x is self.last_speaker))
            return _Speaker(sp.name, span, sp.entity, sp.gender)
        return _Speaker(None, span)

    def _hearer_after(self, pos: int) -> Entity | None:
        """The person a pronoun at ``pos`` speaks to: named right after its cue verb that takes
        the hearer as object ("he told Mr. Kroft that", "she also warned Smith")."""
        m = _HEARER_CUE.match(self.text, pos)
        if m is None or lx.CUE_FORMS.get(m.group("cue").lower()) not in lx.OBJECT_LEMMAS:
            return None
        c = self.mention_at(m.end(), m.end() + 60)
        return c.entity if c is not None and c.kind == "person" else None

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
                    if _SAME_PRONOUN[gender].search(self.text, floor, c.start):
                        # "When he met with South Korea's president, Moon Jae-in, ..., he asked":
                        # the pronoun before the name is the clause's subject, the name its object
                        return None
                    return _Speaker(c.entity.name, (c.start, c.end), c.entity, g)
        return None

    def note_speaker(self, sp: _Speaker, sent_idx: int, said: tuple[int, int] | None = None) -> None:
        """Remember the latest named speaker, for pronouns that follow; ``said`` is the span of
        the words credited to it. A speaker named inside the words the latest speaker of the
        same sentence is credited with ("The president said his adviser, X, has acknowledged
        that ...") does not replace it: the pronoun after goes on with the president."""
        if sp.name and sp.entity is not None and sp.entity.type == "person":
            last = self._last_said
            if (
                last is not None
                and last[0] == sent_idx
                and sp.span is not None
                and last[1] <= sp.span[0] < last[2]
            ):
                return
            self.last_speaker = (sp, sent_idx)
            self._last_said = (sent_idx, *said) if said is not None else None
        elif sp.name is None and sp.span is not None and self._one_person(*sp.span):
            self._last_unnamed = (sent_idx, sp.span[0])

    def _one_person(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` describes one unnamed person by a noun ("a senior official",
        "one diplomat"), not a group, a body or a document."""
        words = self.text[start:end].split()
        if len(words) < 2 or words[0].lower() not in _ONE_LEAD:
            return False
        head = words[-1].lower()
        if head.endswith("s") and not head.endswith("ss"):
            return False  # "officials", "aides": a group ("they")
        return head in lx.GENERIC_SPEAKER_HEADS or lx.TITLE_CLASS.get(head) is not None

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
        """The subject of the sentence's latest clause: its first person mention outside a
        prepositional phrase, a possessive or a participle's object, or a later one opening a
        clause of its own after "but", "while" or a semicolon. A person may be mentioned by an
        office after "the" ("the president answered his critics": the person last named with it);
        with no such subject, the owner opening the sentence is it ("President Obama's speech was
        ...": a "he" after it is Obama; not "Obama's lawyer said", a person of his own)."""
        i = bisect.bisect_left(self.ends, start)
        found: tuple[_Cand, Entity] | None = None
        owner: tuple[_Cand, Entity] | None = None
        pronoun = False  # a pronoun read before: "He applauded the president" is about "he"
        opens = False  # "he" or "she" opens the sentence: its subject, whoever is named after
        others = False  # another person named after the owner
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start < start:
                continue
            if c.kind == "person" and c.entity is not None:
                person: Entity | None = c.entity
            elif c.kind == "nominal" and not pronoun and _THE_WORD.match(self.text, c.start):
                person = self.office_holder(c)
            else:
                if c.kind == "pronoun" and not pronoun and found is None and owner is None:
                    opens = c.text in _HE_SHE and not self.text[start : c.start].strip(' \t"“')
                pronoun = pronoun or c.kind == "pronoun"
                continue
            if person is None:
                continue
            if found is not None and not _NEW_CLAUSE.search(self.text, max(start, c.start - 60), c.start):
                continue
            if self._possessive(c):
                if owner is None and found is None and _OPENS.fullmatch(self.text, start, c.start):
                    owner = (c, person)
                continue
            if owner is not None and c.start > owner[0].end:
                others = True  # "X's action was applauded by Y": the owner is no topic alone
            if self._after_prep(c.start, start) or _PARTICIPLE_BEFORE.search(
                self.text, max(start, c.start - 30), c.start
            ):
                continue
            if (
                opens
                and found is None
                and not _NEW_CLAUSE.search(self.text, max(start, c.start - 60), c.start)
            ):
                # "He attended ..., and he and Hill were both part of it": still "he"
                continue
            found = (c, person)
        if found is None and owner is not None and not others:
            owned = _POSSESSED.match(self.text, owner[0].end)
            if owned is not None and not any(_person_noun(w) for w in owned.group(1).split()):
                found = owner
        if found is None:
            return None
        c, person = found
        name = person.name
        return _Speaker(name, (c.start, c.end), person, self.genders.get(name)), sent_idx

    def office_holder(self, c: _Cand) -> Entity | None:
        """The person a noun phrase "the <office>" stands for (resolved in ``_Resolver``)."""
        return None
