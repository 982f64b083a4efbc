"""The words each event is shown in, on /timeline and in "Coming up": decided once, at extraction.

Extraction keeps each event's own clause, cut to tell events apart: a reporting clause cut from the
sentence it reports ("Tokyo announced on Jan 9"), a clause that opens with a pronoun ("Its mandate
runs until February 2026"), or a long sentence whose date sits at its end. Shown to a reader, an
event reads as a whole sentence (:func:`whole_sentence`: /timeline's ``Event.sentence``), and in
"Coming up" (``Event.shown``) as the clause that holds its date when its sentence is long
(:func:`date_clause`), or the clause that tells a state's end (:func:`state_clause`), with the
pronoun it opens with named (:func:`name_subject`: the antecedent its text gives, else the subject of
the article's headline). Everything is read off the ``Doc`` and the times the pipeline already has
(:func:`shown_events`, the ``shown`` stage); the digest only reads the stored words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from digests.extract.event_clauses import DATE_CLAUSE_BREAK, STATE_BREAK
from digests.extract.status import STATE_END
from digests.extract.text import Doc, Sentence, build_doc
from digests.lead import DATELINE
from digests.models import Entity, Event, TimeExpression
from digests.timex import day_bounds

# the statuses of an event still ahead, the only ones "Coming up" lists (and so the events whose words
# there are decided): a plan, a claim, or the word that it is off (cancelled, postponed, denied)
TOLD_AHEAD = frozenset({"planned", "reported", "cancelled", "postponed", "denied"})
# an event's words that end a sentence: a stop, a question or exclamation mark, a closing quotation mark
_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")")
# a sentence longer than this shows the clause that holds its date
LONG = 220
# a clause that names its subject: it opens with a capitalised word, a determiner or a pronoun
_OWN_SUBJECT = re.compile(r"(?:[A-Z\u201c\"]|(?:the|a|an|he|she|it|they|we|his|her|its|their)\b)")
# the subject of a sentence: its words before the first auxiliary or verb of saying or planning
_SUBJECT = re.compile(
    r"((?:[A-Z][\w'\u2019.-]*|[Tt]he|[Aa]n?)(?:\s+[\w'\u2019.-]+){0,6}?)\s+"
    r"(?=(?:is|are|was|were|will|would|has|have|had|said|says|plans?|can|could|may|might|must|should)\b)"
)
# a pronoun opening an event's words, and what it stands for: a thing's possessive or a person
_PRONOUN = re.compile(r"(?P<word>Its|It|Their|They|His|He|Her|She)\b")
_POSSESSIVE = re.compile(
    r"(?:\b[Tt]he\s+)?(?:[A-Z][\w-]*\s+){0,3}"
    r"(?!(?:it|that|there|he|she|what|who|let|here|one)['\u2019]s)\b[\w-]+['\u2019]s\b(?!\s+(?:been|not)\b)"
)
# how far back an antecedent is looked for (about the sentence and the one before it)
_ANTECEDENT_WITHIN = 300
# how far before an event its whole sentence is looked for in the text (a longer sentence is shown
# from there)
_SENTENCE_WITHIN = 600
# the words of a headline before its verb ("Europe's Red Sea mission faces a harder year"): a word in -s
# before a determiner, a name or a pronoun (not a plural noun: "rocket engines under scrutiny")
_HEAD_VERB = re.compile(
    r"\s(?=(?:[a-z]+(?<!s)s|is|are|was|were|will|has|have)\s+"
    r"(?:a|an|the|its|his|her|their|new|more|to|he|she|it|they|[A-Z\d]))"
)
# the most words of a telling cut from its sentence ("Tokyo announced on Jan 9", "Japanese Prime
# Minister Sanae Takaichi said on Jan 10"); a longer clause with no stop is a sentence cut short
_TELLING_WORDS = 11


def _undated(words: str) -> str:
    """``words`` without the dateline they open with ("VELL - "): ``DATELINE.sub`` at their start, by
    one match there (a substitution tries the anchored pattern at every character)."""
    m = DATELINE.match(words)
    return words[m.end() :] if m else words


def fragment(text: str) -> bool:
    """Whether an event's words are a cut clause, not a sentence: they open in lower case ("confirming
    a meeting first reported by media in December.") or are a few words with no stop ("Tokyo
    announced on Jan 9")."""
    words = text.strip()
    if not words or words[0].islower():
        return True
    return not words.endswith(_ENDS) and len(words.split()) <= _TELLING_WORDS


class _Sentences:
    """The ``Doc``'s sentences (in text order), found by offset (a bisection)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences

    def holding(self, at: int, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
        """The sentence holding the offset ``at``, clipped to ``lo``..``hi``."""
        k = bisect_right(self.sentences, at, key=_start) - 1
        if k < 0 or not self.sentences[k].start <= at < self.sentences[k].end:
            return None
        s = self.sentences[k]
        return max(s.start, lo), s.end if hi is None else min(s.end, hi)


def _start(s: Sentence) -> int:
    return s.start


class _Days:
    """The times of a text by offset, each with its calendar value to the day ("2026-03-06" of
    "2026-03-06T10:00"), read in order from an offset (a bisection)."""

    def __init__(self, times: Sequence[tuple[int, str]]) -> None:
        found = sorted([(start, value.split("T", 1)[0]) for start, value in times])
        self.starts = [start for start, _ in found]
        self.values = [value for _, value in found]

    def first(self, value: str, lo: int, hi: int) -> int | None:
        """Where the first time of ``lo``..``hi`` valued ``value`` starts."""
        for k in range(bisect_left(self.starts, lo), bisect_left(self.starts, hi)):
            if self.values[k] == value:
                return self.starts[k]
        return None


def ahead_of(value: str, value_end: str | None, status: str, published: str | None) -> bool:
    """Whether "Coming up" can list an event (dated ``value``..``value_end``, of ``status``) of an article
    published on the ISO day ``published``: a status it lists (``TOLD_AHEAD``), and a first day after
    the article's (any, undated), as every digest period holding the article ends on its day or after."""
    if status not in TOLD_AHEAD:
        return False
    first = day_bounds(value, value_end)[0]
    return first is not None and (published is None or first > published)


def whole_sentence(text: str, sentences: _Sentences, start: int, end: int) -> str:
    """The sentences of ``text`` that hold ``text[start:end]`` (an event's clause), from at most
    ``_SENTENCE_WITHIN`` characters before it, without a dateline; the clause itself when no
    sentence holds it."""
    lo = max(0, start - _SENTENCE_WITHIN)
    first = sentences.holding(start, lo)
    last = sentences.holding(end - 1, lo) if end > start else None
    if first is None or last is None or last[1] < end:
        return text[start:end].strip()
    return _undated(text[first[0] : last[1]].strip())


def date_clause(text: str, at_text: int, words: str, value: str, times: _Days, sentences: _Sentences) -> str:
    """Of ``words`` (found at ``at_text`` in ``text``), the sentence that holds the date ``value``, and
    of a long one the clause that does (with the sentence's subject when the clause has none of its
    own); ``words`` when the date is not found in them."""
    end = at_text + len(words)
    at = times.first(value, at_text, end)
    if at is None:
        return words
    a, b = sentences.holding(at, at_text, end) or (at_text, end)
    a, b = a - at_text, b - at_text
    lead = len(words[a:b]) - len(words[a:b].lstrip())
    sentence, at = words[a:b].strip(), at - at_text - a - lead
    if len(sentence) <= LONG:
        return sentence
    breaks = list(DATE_CLAUSE_BREAK.finditer(sentence))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(sentence)]
    k = max(i for i, start in enumerate(starts) if start <= at)
    clause = sentence[starts[k] : ends[k]].strip().rstrip(",")
    if k == 0:
        return _sentence_end(clause)
    if _OWN_SUBJECT.match(clause):
        return _sentence_end(clause[:1].upper() + clause[1:])
    subject = _SUBJECT.match(sentence)
    return sentence if subject is None else _sentence_end(f"{subject.group(1)} {clause}")


def _sentence_end(clause: str) -> str:
    return clause if clause.endswith(_ENDS) else clause + "."


def state_clause(text: str) -> str:
    """The clause of ``text`` that tells a state's end ("According to its figures, its ships have
    escorted 1,000 vessels, and its mandate runs until February 2026." -> "Its mandate runs until
    February 2026."), capitalised."""
    cue = STATE_END.search(text)
    if cue is None:
        return text.strip()
    start = 0
    for m in STATE_BREAK.finditer(text, 0, cue.start()):
        start = m.end()
    clause = text[start:].strip()
    return clause[:1].upper() + clause[1:]


def name_subject(text: str, before: str, people: Sequence[str], title: str) -> str:
    """``text`` with the pronoun it opens with named: "Its mandate runs ..." after "the mission's own
    figures" is "The mission's mandate runs ..."; "He predicted ..." after "Hoyer said" names the
    last person of ``people`` told in ``before``; a thing with no antecedent in ``before`` is the
    subject of the headline ``title``. ``text`` as it is when nothing names it."""
    m = _PRONOUN.match(text)
    if m is None:
        return text
    word, rest = m.group("word"), text[m.end() :]
    if word in ("He", "His", "She", "Her"):
        told = [(before[-_ANTECEDENT_WITHIN:].rfind(_last_name(p)), p) for p in people if _last_name(p)]
        found = max(((at, p) for at, p in told if at >= 0), default=None)
        if found is None:
            return text
        return f"{found[1]}{'' if word in ('He', 'She') else chr(39) + 's'}{rest}"
    near = before[-_ANTECEDENT_WITHIN:]
    near = near[near.rfind("\n") + 1 :]  # the pronoun's paragraph
    owner = None
    for p in _POSSESSIVE.finditer(near):
        owner = p.group(0)
    if owner is None:
        # the subject of the pronoun's sentence ("The mission has trained 4,000 guards, and its mandate")
        stop = near.rfind(". ")
        subject = _SUBJECT.match(near[stop + 2 if stop >= 0 else 0 :])
        if subject is not None and not _PRONOUN.match(subject.group(1)):
            owner = subject.group(1) + "'s"
    if owner is None:
        head = title.rsplit(":", 1)[-1].strip()
        verb = _HEAD_VERB.search(head)
        if verb is None or not 1 <= len(head[: verb.start()].split()) <= 6:
            return text
        owner = head[: verb.start()] + "'s"
    owner = owner[:1].upper() + owner[1:]
    if word in ("It", "They"):
        owner = re.sub(r"['\u2019]s$", "", owner)
    return f"{owner}{rest}"


def _last_name(name: str) -> str:
    words = name.split()
    return words[-1] if words else ""


def _before_words(text: str, shown: str) -> str:
    """The words of ``text`` before the part of it shown (``shown``, maybe capitalised)."""
    if text.startswith(shown[:40]):
        return ""
    at = text.lower().find(shown[:40].lower())
    return text[:at] if at > 0 else ""


def coming_up_words(
    text: str, own_text: str, start: int, end: int, value: str, times: _Days, sentences: _Sentences,
    people: Callable[[], Sequence[str]], title: str,
) -> str:
    """The words "Coming up" shows an event in (its words ``own_text`` at ``start``..``end`` of the
    article ``text``, dated ``value``): the clause of a state's end, or of its date in a long sentence
    (its whole sentence when its own words are a cut clause), its opening pronoun named."""
    own = _undated(own_text.strip())
    lo = max(0, start - _SENTENCE_WITHIN)
    at = start  # where the words read start in ``text``
    told = own  # the words read: its own, or its whole sentence
    if STATE_END.search(own_text):
        words = state_clause(own)
    else:
        if fragment(own):
            # "before France hosts a conference in Paris on Monday ...": its whole sentence, cut again
            # to the clause of its date
            whole = whole_sentence(text, sentences, start, end)
            if len(whole) > len(own):
                found = text.find(whole[:40], lo, end + 300)
                told, at = whole, found if found >= 0 else lo
        found = text.find(told, at)
        words = date_clause(text, found, told, value, times, sentences) if found >= 0 else told
    if _PRONOUN.match(words) is None:
        return words  # nothing to name (the words before them are read only to name a pronoun)
    return name_subject(words, text[lo:at] + _before_words(told, words), people(), title)


def shown_words(
    text: str, sentences: _Sentences, own_text: str, start: int, end: int, value: str, ahead: bool,
    times: _Days, people: Callable[[], Sequence[str]], title: str,
) -> tuple[str, str]:
    """(/timeline's words, "Coming up"'s words) of one event, each empty when they are its own words
    ("Coming up"'s only for an event it can list, ``ahead``: :func:`ahead_of`)."""
    sentence = whole_sentence(text, sentences, start, end) if fragment(own_text) else ""
    shown = ""
    if ahead:
        shown = coming_up_words(text, own_text, start, end, value, times, sentences, people, title)
    return ("" if sentence == own_text else sentence), ("" if shown == own_text.strip() else shown)


def _people_of(entities: Sequence[Entity]) -> Callable[[], list[str]]:
    """The names of the people of ``entities``, listed when first asked for (only a pronoun that
    names a person asks)."""
    found: list[list[str]] = []

    def people() -> list[str]:
        if not found:
            found.append([e.name for e in entities if e.type == "person"])
        return found[0]

    return people


def shown_events(
    doc: Doc, events: Sequence[Event], times: Sequence[TimeExpression], entities: Sequence[Entity],
    published: date | None, title: str,
) -> list[Event]:
    """``events`` with the words each is shown in: ``sentence``, the whole sentence of a cut clause
    (/timeline; empty when its own words are a sentence), and ``shown``, its words in "Coming up"
    (empty when they are its own words as stored)."""
    if not events:
        return []
    text = doc.text
    sentences = _Sentences(doc.sentences)
    day = published.isoformat() if published else None
    ahead = [ahead_of(e.date, e.date_end, e.status, day) for e in events]
    dated = _Days([(t.start, t.value) for t in times] if any(ahead) else [])
    people = _people_of(entities)
    out: list[Event] = []
    for ev, told_ahead in zip(events, ahead, strict=True):
        sentence, shown = shown_words(
            text, sentences, ev.text, ev.start, ev.end, ev.date, told_ahead, dated, people, title
        )
        # every field in its declared order, two replaced: the cheap path of ``trusted``
        if sentence or shown:
            ev = Event.trusted(**(ev.__dict__ | {"sentence": sentence, "shown": shown}))
        out.append(ev)
    return out


def stored_shown(
    text: str, events: Sequence[tuple[Any, ...]], times: Sequence[tuple[int, str]], people: Sequence[str],
    published: str | None, title: str,
) -> list[tuple[str, str, int]]:
    """(sentence, shown, event id) of an article's stored events, ``(id, date, date_end, status, text,
    start, end)`` rows: the words :func:`shown_events` gives them, read off the stored ``text``, its
    stored times ``(start, value)``, people and day (the store's migration to them)."""
    doc = build_doc(text)
    sentences = _Sentences(doc.sentences)
    days = _Days(times)
    out: list[tuple[str, str, int]] = []
    for eid, value, value_end, status, own, start, end in events:
        ahead = ahead_of(value, value_end, status, published)
        sentence, shown = shown_words(
            doc.text, sentences, own, start, end, value, ahead, days, lambda: people, title
        )
        out.append((sentence, shown, eid))
    return out
