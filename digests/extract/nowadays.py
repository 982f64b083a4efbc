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
# ... or a present of a lasting state ("the way the region works today"), or a pronoun and its
# present ("the city it is today", "who they are today")
_AFTER_STATE = re.compile(
    r"(?i)(?:\b(?:world|region|politics|society|continent|planet|era|exist|exists|remain|operating|living|"
    rf"(?-i:East|West)|{_WORDS.alternation('state')})"
    r"|\b(?:as\s+)?(?:it|they|he|she|we|you|I)\s+(?:is|are|am|does|do)"
    rf"|\b(?:{_WORDS.alternation('situation')}))\s+$"
)
# "Libya today is a failed state", "Europe today remains divided": a name, "today", then a present of
# being that says what the name is (not a place, a progressive or a plan: "Kerry today is in Paris",
# "the Prime Minister today is travelling", "Varga today is expected to")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'\u2019-]+\s+$")
_IS_AFTER = re.compile(
    r"\s+(?:is|are|remains?)\s+(?!(?:in|at|on|to|due|set|expected|scheduled|slated|going|about|not)\b|\w+ing\b)[a-z]"
)
# the clause ends after it, or its verb follows ("the problems raging in the region today might
# have been avoided"), or a relative clause ("an anarchic situation today that is exploited"):
# "today" closed a noun phrase
_CLAUSE_ENDS = re.compile(
    r"\s*(?:[,.;:)\u2014]|$|\s(?:and|but|than|as|because|while|is|are|has|have|might|could|would|may|can"
    r"|that|which|where|whose)\b)"
)
# a comparison with the present: "easier today than it will be", "better understood today than it
# was", "a worse situation than today", "than Valdora is today", "just as today" (not one with
# another day: "more today than yesterday", "as 48 hours ago")
_THAN_AFTER = re.compile(r"\s+than\b(?![^.;,]{0,25}\b(?:yesterday|ago|last|on\s+[A-Z]))")
_THAN_BEFORE = re.compile(r"(?i)\b(?:than|just\s+as)\s+(?:[\w'\u2019-]+\s+){0,2}$")
# "just as today regarding Iran, that ...": what the comparison is about, then its end
_TOPIC_THEN_END = re.compile(
    r"\s+(?:regarding|concerning|about|over|with|in|on|toward|towards|for)\s[^,.;:]{1,40}[,.;:\u2014]"
)
_ANOTHER_DAY = re.compile(r"(?i)\b(?:yesterday|ago|last|tomorrow)\b")
# "is, today, a dried-out husk": set off between a verb of being and what it says of the subject
_IS_IN = re.compile(r"(?i)\b(?:is|are)\s+in\b")  # "Kerry is in Paris today": a place, not the present
_BETWEEN_COMMAS = re.compile(r"\b(?:is|are|remains?)\s*,\s*$")
# "which today controls", "Today he lives", "today deserve", "Mr. Obama today finds himself": a
# present simple of a lasting state right after it (not a progressive, a past, a future, a saying,
# nor a present perfect: "today we have learned")
_STATE_VERB = re.compile(
    r"\s*,?\s+(?:(?:he|she|it|they|we|you|there)\s+)?(?:still\s+|remains?\s+)?"
    rf"(?:{_WORDS.alternation('state')})\b"
)
# "Today, half of the country's pensioners earn ...", "Today, in his songs, the singer expresses":
# a sentence that opens with "Today," then its subject (a few words, no verb of a day's news)
_OPENING_STATE = re.compile(
    r"(?:,\s+(?:in|on|at|for)\s[^,]{1,40})?,\s+(?:(?!(?:is|are|was|were|has|have|will|said|says)\b)"
    r"[\w'\u2019.-]+\s+){1,6}?(?:still\s+)?"
    rf"(?:{_WORDS.alternation('lasting')})\b"
)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?\"\u201c]\s*|\n)(?:(?:But|And|Yet|So)\s+)?$")
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
    if _THAN_AFTER.match(text, end, hi) or (
        _THAN_BEFORE.search(text, max(lo, start - 40), start)
        and (_CLAUSE_ENDS.match(text, end, hi) or _TOPIC_THEN_END.match(text, end, hi))
    ):
        # "easier today than it will be", "a worse situation than today" (not "more today than
        # yesterday")
        return not _ANOTHER_DAY.search(text, end, min(hi, end + 40))
    if text.startswith(",", end) and _BETWEEN_COMMAS.search(text, max(lo, start - 12), start):
        return True
    state = _STATE_VERB.match(text, end, hi)
    if state is None and text.startswith(",", end) and _SENTENCE_OPENS.search(text, max(0, start - 8), start):
        state = _OPENING_STATE.match(text, end, hi)
    if state is not None:
        # "said today he expects", not "which today controls" in a sentence that says "she said"
        return _SAYING.search(text, max(lo, start - 25), min(hi, state.end() + 25)) is None
    if _IS_AFTER.match(text, end, hi) and _NAME_BEFORE.search(text, max(lo, start - 30), start):
        return True  # "Libya today is a failed state" (not "Kerry today is in Paris")
    if _AFTER_STATE.search(text, max(lo, start - 30), start) and (
        _CLAUSE_ENDS.match(text, end, hi) or text.startswith(" in ", end)
    ):
        # "the most vital part of Israeli politics today", not "Kerry is in Paris today"
        return not _IS_IN.search(text[lo:start])
    return False
