""""Today" meaning nowadays, not the paper's day: "today's Russia", "the Middle East today",
"which today controls large parts of the country", "Today, he lives behind high gates". A date
told so is the present in general, not an event of the day (columns, analysis, profiles)."""

from __future__ import annotations

import re

from digests.extract import vocab

# the nouns of no day after "today's" (@noun) and the verbs of a lasting state after "today"
# (@state) are data: resources/time/nowadays.txt
_WORDS = vocab.vocabulary("nowadays")

# "today's Russia", "Today's Patton", "today's big problems": a name or a noun of no day after it
# (the nouns of resources/time/generic_nouns.txt are never tagged at all: "today's world")
_POSSESSIVE = re.compile(
    rf"\s+(?:(?:[a-z]+\s+)?(?:{_WORDS.alternation('noun')})\b"
    rf"|(?!(?:{vocab.WEEKDAYS.alternation()}|{vocab.MONTHS.alternation()})\b)[A-Z][\w-]+"
    r"(?:\s+[A-Z][\w-]+)*(?=\s*[,.;:)]|\s+(?:is|are|was|were|can|cannot|could|would|will|must|should|may|might|does|do|has|have|and|or|of|in|that|which|who)\b))"
)
# "the Middle East today", "the world today", "operating today", "Israeli politics today": the world,
# a region or a lasting state before it, then the clause ends (not a place of the day: "arrive in
# Atlanta today")
_AFTER_STATE = re.compile(
    r"(?i)(?:\b(?:world|region|politics|society|continent|planet|era|exist|exists|remain|operating|living|"
    r"(?-i:East|West))|\bas\s+(?:it|they|he|she|we)\s+(?:is|are|does|do))\s+$"
)
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:)\u2014]|$|\s(?:and|but|than|as|because|while)\b)")
# "which today controls", "Today he lives", "today deserve", "Mr. Obama today finds himself": a
# present simple of a lasting state right after it (not a progressive, a past, a future, a saying,
# nor a present perfect: "today we have learned")
_STATE_VERB = re.compile(
    r"\s*,?\s+(?:(?:he|she|it|they|we|you|there)\s+)?(?:still\s+|remains?\s+)?"
    rf"(?:{_WORDS.alternation('state')})\b"
)
_SAYING = re.compile(
    r"(?i)\b(?:said|says|told|announced|reported|confirmed|will|would|is\s+\w+ing|are\s+\w+ing)\b"
)


def nowadays(text: str, lo: int, hi: int, start: int, end: int) -> bool:
    """Whether the "today" at ``text[start:end]`` (its clause ``text[lo:hi]``) means the present in
    general, not the paper's day."""
    word = text[start:end].lower()
    if word[:5] != "today":
        return False
    if word[5:] in ("'s", "\u2019s"):
        after: int | None = end
    else:
        after = end + 2 if text[end : end + 2] in ("'s", "\u2019s") else None
    if after is not None:
        return _POSSESSIVE.match(text, after, hi) is not None
    state = _STATE_VERB.match(text, end, hi)
    if state is not None:
        # "said today he expects", not "which today controls" in a sentence that says "she said"
        return _SAYING.search(text, max(lo, start - 25), min(hi, state.end() + 25)) is None
    if _AFTER_STATE.search(text, max(lo, start - 30), start) and (
        _CLAUSE_ENDS.match(text, end, hi) or text.startswith(" in ", end)
    ):
        # "the most vital part of Israeli politics today", not "Kerry is in Paris today"
        return not re.search(r"(?i)\b(?:is|are)\s+in\b", text[lo:start])
    return False
