"""The words an event is shown in, on /timeline and in "Coming up": whole clauses, not the cut ones
the extraction keeps to tell events apart.

Extraction keeps each event's own clause: a reporting clause cut from the sentence it reports
("Tokyo announced on Jan 9"), a clause that opens with a pronoun ("Its mandate runs until
February 2026"), or a long sentence whose date sits at its end. Shown to a reader, an event reads
as a whole sentence (:func:`whole_sentence`), names its subject (:func:`name_subject`: the
antecedent its sentence gives, else the subject of the article's headline) and, when its
sentence is long, is the clause that holds its date (:func:`date_clause`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from digests.extract.text import build_doc, sentence_spans
from digests.extract.times import find_times
from digests.lead import DATELINE

# an event's words that end a sentence: a stop, a question or exclamation mark, a closing quotation mark
_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")")
# a sentence longer than this shows the clause that holds its date
LONG = 220
# where a long sentence splits into clauses: a semicolon, a comma and a conjunction, or "and" before
# a time ("will attend a NATO summit next week and in mid-September is expected to host ...")
# (and a quotation closed after its stop, which the sentence splitter keeps inside: 'on the ground." He')
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+and\s+(?=(?:in|on|by|at|from|next|this|later|early|late)\b)"
    r"|(?<=[.!?][\u201d\"])\s+(?=[A-Z])"
)
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
# the words of a headline before its verb ("Europe's Red Sea mission faces a harder year"): a word in -s
# before a determiner, a name or a pronoun (not a plural noun: "rocket engines under scrutiny")
_HEAD_VERB = re.compile(
    r"\s(?=(?:[a-z]+(?<!s)s|is|are|was|were|will|has|have)\s+"
    r"(?:a|an|the|its|his|her|their|new|more|to|he|she|it|they|[A-Z\d]))"
)


# the most words of a telling cut from its sentence ("Tokyo announced on Jan 9", "Japanese Prime
# Minister Sanae Takaichi said on Jan 10"); a longer clause with no stop is a sentence cut short
_TELLING_WORDS = 11


def fragment(text: str) -> bool:
    """Whether an event's words are a cut clause, not a sentence: they open in lower case ("confirming
    a meeting first reported by media in December.") or are a few words with no stop ("Tokyo
    announced on Jan 9")."""
    words = text.strip()
    if not words or words[0].islower():
        return True
    return not words.endswith(_ENDS) and len(words.split()) <= _TELLING_WORDS


def whole_sentence(context: str, start: int, end: int) -> str:
    """The sentences of ``context`` that hold ``context[start:end]`` (an event's clause read in the
    text around it); the clause itself when no sentence holds it."""
    spans = sentence_spans(context)
    first = next((a for a, b in spans if a <= start < b), None)
    last = next((b for a, b in spans if a < end <= b), None)
    if first is None or last is None:
        return context[start:end].strip()
    return DATELINE.sub("", context[first:last].strip())


def date_clause(text: str, value: str, published: date | None) -> str:
    """The sentence of ``text`` that holds its date ``value``, and of a long one the clause that does
    (with the sentence's subject when the clause has none of its own); ``text`` when the date is not
    found in it."""
    times = find_times(build_doc(text), published)
    at = next((t.start for t in times if t.value.split("T", 1)[0] == value), None)
    if at is None:
        return text
    a, b = next(((a, b) for a, b in sentence_spans(text) if a <= at < b), (0, len(text)))
    lead = len(text[a:b]) - len(text[a:b].lstrip())
    sentence, at = text[a:b].strip(), at - a - lead
    if len(sentence) <= LONG:
        return sentence
    breaks = list(_CLAUSE_BREAK.finditer(sentence))
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
