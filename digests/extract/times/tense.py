"""Tense: whether a clause points back or ahead, from its cue words.

Future cues ("will", "plans to", "scheduled"), irregular past forms, the -ed
words that are not past tenses and the present-tense verbs that tell a plan
before a weekday ("meet Monday") are vocabularies (resources/time/); events use
the same future cues (those tagged @plan) to call a statement a plan. A past
form after a modal or "to" is a base form ("will hit", "to cut"), after "be"
a participle ("would be paid"); the future cues leave out a modal before
"have" ("may have been hit").
"""

from __future__ import annotations

import re

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.text import caseless
from digests.extract.times.starts import (
    lowered,
    matches_after,
    matches_folded,
    matches_in,
    reach_back,
    searcher,
)

FUTURE_CUE = re.compile(rf"(?i)\b(?:{vocab.FUTURE_CUES.alternation('tense')})\b")
PLAN_CUE = re.compile(rf"(?i)\b(?:{vocab.FUTURE_CUES.alternation('plan')})\b")
_PAST_WORDS = frozenset(vocab.PAST_VERBS.words())
_NOT_PAST_ED = frozenset(vocab.NOT_PAST_ED.words())
_REPORTING = frozenset(vocab.REPORTING_VERBS.words())
_MODALS = frozenset(vocab.FUTURE_CUES.words("modal"))
_WORD_RE = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# "the ministers meet Monday", "he returns to Seoul on Wednesday", "the final kicks off at 3pm on Saturday":
# a present tense before a weekday tells a plan; between them only a place ("to Seoul", "to the White
# House") or a clock time ("at 3pm")
_PLAN_GAP = (
    r"(?=(?:\s+(?:to|in|for|from|at|[a-z]+ly|\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?"
    r"|(?-i:the|[A-Z][\w'\u2019.-]*)))*?"
)
_PRESENT_PLAN = re.compile(
    rf"(?i)\b(?:{vocab.vocabulary('present_plans').alternation()})"
    + _PLAN_GAP
    + rf"\s+(?:on\s+|next\s+|this\s+)?(?:{vocab.WEEKDAYS.alternation()})\b)"
)

# what tense_cues runs, got once (starts.searcher)
_FUTURE_SEARCH = searcher(FUTURE_CUE)
_PRESENT_PLAN_SEARCH = searcher(_PRESENT_PLAN)
# "is sending Kerry to Riyadh this week", "are meeting in Nairobi Friday": a present progressive
# with a time that is not over is a plan (not "is nothing", "is willing", "is during":
# resources/time/not_progressive_ing.txt)
_ING_NOT_VERBS = rf"(?:{vocab.vocabulary('not_progressive_ing').alternation()})"
# "he's", "they're" (not "Trump's meeting": a possessive)
_BE_CLITIC = (
    r"(?:(?<=\bhe)|(?<=\bshe)|(?<=\bit)|(?<=\bthat)|(?<=\bwho)|(?<=\bthere))['\u2019]s"
    r"|['\u2019]re"
)
PROGRESSIVE = re.compile(
    rf"(?i)(?:\b(?:is|are|am)|{_BE_CLITIC})\s+(?:\w+ly\s+)?(?!{_ING_NOT_VERBS}\b)\w{{2,}}ing\b"
)
_PROGRESSIVE_PLAN = re.compile(
    PROGRESSIVE.pattern
    + _PLAN_GAP
    + rf"\s+(?:on\s+|next\s+|this\s+)?(?:{vocab.WEEKDAYS.alternation()})\b)"
)
# "Kerry is in Paris for a meeting Monday", "the vote is on Friday": a present "is" before a
# weekday in its clause (not a passive, a progressive nor "Monday's attack")
_BE_BEFORE_DAY = re.compile(
    r"(?i)\b(?:is|are)\s+(?!\w+(?:ed|en|ing)\b|not\b|n['\u2019]t\b|also\b|still\b)"
    rf"(?=[^.;,:\"\u201c\u201d]{{0,40}}?\b(?:{vocab.WEEKDAYS.alternation()})\b(?!['\u2019]s))"
)
# "Wednesday is National Day", "Friday is the deadline": the day is the subject, of the present
_DAY_IS = re.compile(rf"(?i)\b(?:{vocab.WEEKDAYS.alternation()})\s+(is)\b")
_SUBJECT_LEADS = re.compile(r"(?:.*?(?:--|\u2013|\u2014))?\W*(?:(?:early|late)\s+)?")
_PROGRESSIVE_SEARCH, _DAY_IS_SEARCH = searcher(_PROGRESSIVE_PLAN), searcher(_DAY_IS)
_BE_BEFORE_DAY_SEARCH = searcher(_BE_BEFORE_DAY)

_PREVIOUS_WORD = re.compile(r"([\w'\u2019-]+)\s+$")
# "Nobody believes Thursday is the real deadline": the weekday after a verb is the subject of "is";
# after these words it is not ("the vote on Monday is the first", "since Friday is")
_NOT_SUBJECT_AFTER = frozenset(
    {"on", "by", "until", "till", "since", "from", "before", "after", "of", "for", "at", "through",
     "to", "and", "or", "than", "last", "next", "past", "coming", "every", "each", "early", "late"}
)


def _day_is_subject(text: str, lo: int, start: int) -> bool:
    """The weekday at ``start`` (before "is") follows a word that leaves it the subject: a verb
    ("believes Thursday is"), not a preposition, an article or a relative word."""
    before = _PREVIOUS_WORD.search(text, max(lo, start - 30), start)
    if before is None:
        return False
    prev = before[1].lower()
    return prev not in _NOT_SUBJECT_AFTER and prev not in _DETERMINERS and not prev[:1].isdigit()
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "your", "my", "this", "that",
                          "these", "those", "each", "every", "any", "no", "one", "two"})

# after a passive auxiliary a participle ("will be named"), after a modal or "to" a base form
# ("will hit", "to cut", "could cost"): not a past tense
_NOT_A_PAST = re.compile(
    r"(?i)\b(?:be|been|being|is|are|'s|'re|get|gets|will|would|shall|can|could|may|might|must|should|to"
    r"|does|do|won't|cannot|remain|remains|stay|stays|become|becomes|seem|seems)\s+(?:\w+ly\s+)?$"
)
# before a word in -ed, an article, a possessive or a preposition makes it an adjective
_ADJECTIVE_ED = re.compile(
    r"(?i)\b(?:the|a|an|its|his|her|their|our|your|my|behind|with|by|under|of|for|from|into|against|among)\s+$"
)
# a hyphenated or numeric modifier before a word in -ed: "the 480-page declassified summary"
_COMPOUND_BEFORE = re.compile(r"\b[a-z0-9][a-z0-9]*-[a-z]+\s+$")
# "would not confirm Tuesday", "would not say Friday": a refusal told in the past, not a future
_REFUSED = re.compile(
    r"(?i)\s+(?:not|never)\s+(?:\w+ly\s+)?(?:confirm|comment|say|elaborate|disclose|discuss|specify|answer"
    r"|reveal|identify|name|detail|respond|deny|rule|speculate|provide|give|release|offer|explain)\b"
)
# "could not be reached for comment Tuesday", "neither ... could be located Wednesday": someone looked for in
# vain, in the past ("the ferry could be located Wednesday" is a hope)
_REACHED = re.compile(r"(?i)(?P<neg>\s+not|n't)?(?:\s+\w+ly)?\s+be\s+(?:reached|located|contacted)\b")
_NEGATED_SUBJECT = re.compile(r"(?i)\b(?:neither|nor|no\s+one|nobody|none)\b")
# the future of a past: "said on Friday that the envoys would meet Monday", "was to meet",
# "were expected to vote": ahead of the saying, not necessarily of the paper
_PAST_FUTURE = re.compile(
    r"(?i)\b(?:would|(?:was|were)\s+(?:(?:going|expected|set|due|scheduled|slated|planning|preparing)\s+)?to)\b"
)
_GOVERNS = re.compile(
    r"(?i)(?:\s+(?:reporters|journalists|lawmakers|legislators|parliament|the\s+press|the\s+media|\w+\s+reporters))?"
    r"(?:\s*(?:on|in|at|during|since|last|this|early|late|mid|the|of|by)\b-?)*\s*"
)
_ASIDE = re.compile(r"\s(?:--?|\u2013|\u2014)\s[^-\u2013\u2014]{1,120}?\s(?:--?|\u2013|\u2014)\s")
_DASHES = (" - ", " -- ", " \u2013 ", " \u2014 ")
_DASH = re.compile("|".join(re.escape(d) for d in _DASHES))  # one of them: one search, not four
# clause boundaries between a cue and a date: a semicolon, a colon (a quotation follows), "but", dashes
_BOUNDARIES = (";", ": ", " but ", "\u2013", " \u2014 ")
_OPENS_NAME = re.compile(r"[\"\u201c](?:[A-Z][\w.'\u2019&-]*\s+){1,4}$")
_QUOTE_MARK = re.compile('["\u201c\u201d]')
# one of the boundaries or a quotation mark: one search, not a scan per boundary
_BOUNDARY_OR_MARK = re.compile("|".join([re.escape(b) for b in _BOUNDARIES] + [_QUOTE_MARK.pattern]))
# searched over the few words before a word in -ed or over a gap, behind the look-ahead of the places
# a match can start (starts.guarded via ``searcher``): the same matches, fewer places tried
_NOT_A_PAST, _ADJECTIVE_ED, _BOUNDARY_OR_MARK = (
    searcher(rx) for rx in (_NOT_A_PAST, _ADJECTIVE_ED, _BOUNDARY_OR_MARK)
)
_RELATIVE = re.compile(r",\s(?:whose|who|which|where)\s[^,;]*$")

Cue = tuple[int, int, str, cal.Direction]

# "today's decision will be welcomed", "Tuesday's ruling will be appealed": a future passive told of
# the thing the date names (its possessive); the "will" is the reaction's, not the date's (not a
# conduct of it: "today's meeting will be chaired by ..."); and an active future of what the thing
# brings about ("today's vote will provide reassurance", "Tuesday's ruling will send a signal"; not
# "today's summit will focus on quotas" nor "will take place at noon", its conduct)
_REACTION = re.compile(
    r"['\u2019]s\s+(?:[\w-]+\s+){1,3}?(?P<cue>(?:will|would|shall)\s+(?:also\s+|surely\s+|likely\s+|now\s+)?"
    r"(?:(?:not\s+)?be\s+(?:\w+ly\s+)?(?!(?:held|chaired|attended|hosted|led|opened|closed|broadcast|televised"
    r"|streamed|moderated|conducted|addressed|presented|given)\b)[a-z]+(?:ed|en|wn)"
    r"|(?:not\s+)?(?:provide|give|send|offer|bring|boost|reassure|ease|calm|hurt|damage|shape|pave|spark|trigger"
    r"|fuel|deepen|cement|seal|strengthen|weaken|embolden|encourage|disappoint|dismay|anger|please|comfort"
    r"|rattle|unsettle|alarm)s?)\b)"
)


def reaction(text: str, end: int, hi: int) -> tuple[int, int] | None:
    """The span of a future passive after a possessive date ending at ``end`` ("today's decision
    will be welcomed"): the reaction to the thing of that day, which is not its plan; or None."""
    if end >= hi or text[end] not in "'\u2019":
        return None
    found = _REACTION.match(text, end, hi)
    return (found.start("cue"), found.end("cue")) if found else None


def _present_verb(text: str, lo: int, start: int, word: str) -> bool:
    """Whether ``word`` (a present_plans verb before a weekday) is a verb: "the ministers meet",
    "Xi and Lee meet", "the council votes"; not a noun ("its budget vote", "his visit", "the
    votes", "two visits")."""
    before = _PREVIOUS_WORD.search(text, max(lo, start - 40), start)
    if before is None:
        return False  # a sentence that starts "Meet Monday ...": a headline or an order
    prev = before.group(1)
    if prev.lower() in _DETERMINERS or prev[:1].isdigit():
        return False
    # a base form needs a plural or named subject: "ministers meet", "Brenmark meet" ("kicks off": the verb)
    return word.split()[0].lower().endswith("s") or prev[:1].isupper() or prev.lower().endswith("s")


# "Theresa May, failed", "Mrs. May said", "May's deal", "George Will's call": a capitalised "May" or
# "Will" after a name or a title and before no base verb is the name, not the modal ("Talks may
# resume"); "CNN's Will Ripley", "columnist Will Hurd said": "Will" before a surname, after a
# possessive or a word in lower case (in a title-case line the word before is capitalised:
# "Trump Will Meet Kim")
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'\u2019-]*|\b(?:Mrs|Ms|Mr|Dr)\.)\s+$")
_AFTER_MAY = re.compile(r"['\u2019]s\b|\s*[,.;:)\u2014\u2013-]|\s+([a-z]+)\b")
_GIVEN_NAME_BEFORE = re.compile(r"(?:['\u2019]s|\b[a-z]+)\s+$")
_SURNAME_AFTER = re.compile(r"\s+[A-Z][a-z]+(?=['\u2019\s,.;:)])(?!\s+[A-Z])")
_NAMED_MODALS = ("May", "Will")


def named_modal(text: str, start: int, end: int) -> bool:
    """Whether the capitalised "May" or "Will" at ``text[start:end]`` is a name ("Theresa May,
    failed", "Prime Minister May said", "George Will's call", "CNN's Will Ripley"), not the modal."""
    if text[start:end] not in _NAMED_MODALS:
        return False
    if text[start:end] == "Will":
        surname = _SURNAME_AFTER.match(text, end)
        if surname is not None:
            # "CNN's Will Ripley", "Will Ripley reported" (not "Will Iran respond?": a base verb after)
            if _GIVEN_NAME_BEFORE.search(text, max(0, start - 30), start) is not None:
                return True
            return _not_base_after(text, surname.end())
    if _NAME_BEFORE.search(text, max(0, start - 30), start) is None:
        return False
    return _not_base_after(text, end)


def _not_base_after(text: str, end: int) -> bool:
    """Whether what follows a name at ``end`` is no base verb: "'s", a stop, or a word in -ed or -s."""
    after = _AFTER_MAY.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    return word is None or word.endswith(("ed", "s")) or word in _PAST_WORDS


def refused(text: str, cue: re.Match[str], hi: int | None = None) -> bool:
    """Whether a future cue is "would" telling a refusal in the past ("would not confirm Tuesday"),
    or "could" a vain try to reach someone ("could not be reached for comment Tuesday")."""
    return _refused(text, cue.group(0).lower(), cue.start(), cue.end(), hi)


def _refused(text: str, word: str, start: int, end: int, hi: int | None) -> bool:
    """``refused`` of the future cue ``word`` (lower-cased) at ``text[start:end]``."""
    if word == "could":
        reached = _REACHED.match(text, end, len(text) if hi is None else hi)
        if reached is None:
            return False
        negated = _NEGATED_SUBJECT.search(text, max(0, start - 80), start)
        return reached["neg"] is not None or negated is not None
    if word != "would":
        return False
    return _REFUSED.match(text, end, len(text) if hi is None else hi) is not None


# "the planned visit", "his long-planned offensive", "a regularly scheduled briefing", "the much
# anticipated upcoming summit": a plan word before its noun names the thing planned, and says
# nothing of the tense of its clause ("protested the planned visit on Monday": past), though it
# still places a weekday of its own noun ahead ("canceling a planned meeting Wednesday")
_ATTRIBUTIVE = frozenset({"planned", "scheduled", "upcoming", "forthcoming", "slated"})
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?i)(?:\b(?:the|a|an|its|his|her|their|our|this|that|these|those|\w+['\u2019]s)\s+(?:[\w-]+\s+){0,2}?"
    r"|-|\b\w+ly\s+)$"
)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?!to\b|for\b|on\b|in\b|at\b|by\b|until\b|between\b|and\b|or\b)[a-zA-Z]")


def attributive(text: str, start: int, end: int, word: str) -> bool:
    """Whether the plan word ``word`` at ``text[start:end]`` stands before its noun ("the planned
    visit", "a regularly scheduled briefing"): no tense cue of its clause."""
    return (
        word in _ATTRIBUTIVE
        and _ATTRIBUTIVE_BEFORE.search(text, max(0, start - 40), start) is not None
        and _ATTRIBUTIVE_AFTER.match(text, end) is not None
    )


# "the ultimatum expires at 5 p.m. on Friday", "the show runs through Sunday", "the truce lasts until
# Friday": a present verb that ends a period, then its end; a cue ahead (not "expired", "lasted")
# (the verbs, the words of the end and the words looked for first are data: resources/time/period_end.txt)
_PERIOD = vocab.vocabulary("period_end")
_PERIOD_END = re.compile(
    rf"(?i)\b(?:{_PERIOD.alternation('verb')})\b"
    rf"(?=(?:\s+[\w'\u2019.-]+){{0,5}}?\s+(?:{_PERIOD.alternation('end')})\s)"
)
_PERIOD_WORDS = _PERIOD.words("word")
_PERIOD_WORD = re.compile("|".join(re.escape(w) for w in _PERIOD_WORDS))  # one of them, as written


# a date before its noun after a preposition of topic: "asked about the May summit", "questions over a
# June vote", "talks on the March deadline" (the month's own rule: not "about the May 5 vote")
_TOPIC_OF = re.compile(r"(?i)\b(?:about|regarding|concerning|over|on)\s+(?:the|a|an|this|that|its|their)\s+$")
_NOUN_NEXT = re.compile(r"[ \t]+[a-z]")


def topic_named(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` names the thing a preposition of topic is about ("was
    asked about the May summit"): the clause's tense is the asking's, not the summit's."""
    if _NOUN_NEXT.match(text, end) is None:
        return False
    return _TOPIC_OF.search(text, max(0, start - 20), start) is not None


_PLAN_WORD = re.compile(r"(?i)\b(?:planned|scheduled|upcoming|forthcoming|slated)\b(?=[^,;:]*$)")
# searched over stretches lower-cased first (``starts.matches_folded``): most hold no plan word
_PLAN_WORD_LOW, _PLAN_WORD_REACH = lowered(_PLAN_WORD), reach_back(_PLAN_WORD)


def planned_thing(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` holds a plan word before its noun ("a planned meeting with
    officials"), with no comma after it: what follows names the thing planned."""
    found = matches_folded(_PLAN_WORD, _PLAN_WORD_LOW, _PLAN_WORD_REACH, text, lo, hi)
    return any(attributive(text, m.start(), m.end(), m.group(0).lower()) for m in found)


# The case-blind patterns above as case-sensitive ones over the lower-cased stretch (``starts.lowered``):
# where they start matching is found there, at less cost; the matches are then read from the text.
# A stretch is lower-cased from ``_REACH`` characters before it, as far back as they read.
_FUTURE_LOW, _BE_BEFORE_DAY_LOW, _DAY_IS_LOW = lowered(FUTURE_CUE), lowered(_BE_BEFORE_DAY), lowered(_DAY_IS)
# each of the weekday patterns holds a weekday's name (case-blind): a stretch without one needs none
_WEEKDAY_LOW = lowered(re.compile(rf"(?i)(?:{vocab.WEEKDAYS.alternation()})"))
# the present plans and progressives have case-sensitive parts ("the", a capital after the verb):
# lowered with those lower-cased too (``over``), they find where a match can start, no more
_PRESENT_PLAN_LOW, _PROGRESSIVE_LOW = lowered(_PRESENT_PLAN, over=True), lowered(_PROGRESSIVE_PLAN, over=True)
_REACHES = [reach_back(p) for p in (FUTURE_CUE, _BE_BEFORE_DAY, _DAY_IS, _PRESENT_PLAN, _PROGRESSIVE_PLAN)]
_REACH = max(r for r in _REACHES if r is not None) if None not in _REACHES else -1


def _found(
    pattern: re.Pattern[str],
    lower: re.Pattern[str] | None,
    text: str,
    lo: int,
    hi: int,
    low: str | None,
    base: int,
) -> list[re.Match[str]]:
    """``matches_in(pattern, text, [(lo, hi)])``, the first match's place found by ``lower`` (the
    pattern's ``lowered`` one) in ``low``: ``text[base:hi]`` lower-cased (``caseless``), or None."""
    if lower is None or low is None:
        return matches_in(pattern, text, [(lo, hi)])
    first = lower.search(low, lo - base, hi - base)
    if first is None:
        return []
    return matches_after(pattern, lower, text, low, base, base + first.start(), hi)


def tense_cues(text: str, lo: int, hi: int) -> list[Cue]:
    """The tense cues of ``text[lo:hi]``: (start, end, lower-cased word, direction)."""
    # the stretch lower-cased once (from ``_REACH`` before it), where that is what the engine's case
    # folding sees (``caseless``): offsets in ``low`` are ``base`` on
    base = max(0, lo - _REACH) if _REACH >= 0 else lo
    seg = text[base:hi]
    folded = seg.lower()
    low = folded if _REACH >= 0 and caseless(seg, folded) else None
    # the future cues: where the stretch is read lower-cased, its lowered pattern finds the matches
    # themselves (the same places and lengths, the words lower-cased): no case-blind search
    if low is not None and _FUTURE_LOW is not None:
        in_low = _FUTURE_LOW.finditer(low, lo - base, hi - base)
        futures = [(base + m.start(), base + m.end(), m.group(0)) for m in in_low]
    else:
        in_text = matches_in(_FUTURE_SEARCH, text, [(lo, hi)])
        futures = [(m.start(), m.end(), m.group(0).lower()) for m in in_text]
    out: list[Cue] = [
        (s, e, word, "future")
        for s, e, word in futures
        if not _refused(text, word, s, e, hi)
        and not (text[s:e] in _NAMED_MODALS and named_modal(text, s, e))
    ]
    if _PERIOD_WORD.search(text, lo, hi) is not None:  # most sentences end no period
        ends = _PERIOD_END.finditer(text, lo, hi)
        out += [(m.start(), m.end(), m.group(0).lower(), "future") for m in ends]
    if (text.find("day", lo, hi) >= 0 or text.find("DAY", lo, hi) >= 0) and (  # a weekday can follow
        low is None or _WEEKDAY_LOW is None or _WEEKDAY_LOW.search(low, lo - base, hi - base) is not None
    ):
        for m in _found(_PRESENT_PLAN_SEARCH, _PRESENT_PLAN_LOW, text, lo, hi, low, base):
            if _present_verb(text, lo, m.start(), m.group(0)):
                out.append((m.start(), m.end(), m.group(0).lower(), "future"))
        if text.find("ing", lo, hi) >= 0:  # "are meeting in Nairobi Friday"
            found = _found(_PROGRESSIVE_SEARCH, _PROGRESSIVE_LOW, text, lo, hi, low, base)
            out += [(m.start(), m.end(), m.group(0).lower(), "future") for m in found]
        # "Kerry is in Paris for a meeting Monday"
        for m in _found(_BE_BEFORE_DAY_SEARCH, _BE_BEFORE_DAY_LOW, text, lo, hi, low, base):
            verb = m.group(0).rstrip()
            out.append((m.start(), m.start() + len(verb), verb.lower(), "future"))
        # "Wednesday is National Day"
        for m in _found(_DAY_IS_SEARCH, _DAY_IS_LOW, text, lo, hi, low, base):
            if _SUBJECT_LEADS.fullmatch(text, lo, m.start()) or _day_is_subject(text, lo, m.start()):
                out.append((m.start(1), m.end(1), "is", "future"))
    # the words of the sentence read from it lower-cased (the same words, the same letters: the
    # words are runs of ASCII letters); offsets in ``words`` are ``start`` on
    if low is not None:
        words, start, plain = low, base, True
    else:
        words, start = text[lo:hi], lo
        plain = words.isascii()
        if plain:
            words = words.lower()
    # the words as strings (no match object each); a past form's place is then the next place it
    # stands as a whole word from the end of the form before it: an earlier whole-word place would
    # be the same word, a past form too
    first = lo - start
    cursor = first
    n = len(words)
    for run in _WORD_RE.findall(words, first):  # (str: not ``found``, a list above)
        word = run if plain else run.lower()
        irregular = word in _PAST_WORDS
        if not irregular and not (len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST_ED):
            continue
        width = len(run)
        at = words.find(run, cursor)
        while (at > first and words[at - 1] in _ASCII_LETTERS) or (
            at + width < n and words[at + width] in _ASCII_LETTERS
        ):
            at = words.find(run, at + 1)
        cursor = at + width
        ws = start + at
        if _NOT_A_PAST.search(text, max(lo, ws - 14), ws):
            continue  # "will be named", "would be paid": a participle; "will hit": a base form
        if not irregular and _ADJECTIVE_ED.search(text, max(lo, ws - 10), ws):
            continue  # "behind closed doors", "by armed men": an adjective
        glued = ws > 0 and text[ws - 1] == "-"
        if glued or _COMPOUND_BEFORE.search(text, max(lo, ws - 20), ws):
            continue  # "the U.S.-led coalition", "the 480-page declassified summary": an adjective
        out.append((ws, start + cursor, word, "past"))
    return out


def tense_near(
    text: str, start: int, end: int, lo: int, hi: int, cues: list[Cue] | None = None
) -> cal.Direction:
    """Past or future from the cue nearest to ``text[start:end]`` inside ``text[lo:hi]``
    (:func:`governing`)."""
    cue = governing(text, start, end, lo, hi, cues)
    return cue[3] if cue else None


def governing(text: str, start: int, end: int, lo: int, hi: int, cues: list[Cue] | None = None) -> Cue | None:
    """The tense cue that governs ``text[start:end]`` inside ``text[lo:hi]``: the nearest, mostly
    before it, in its own clause.

    Reporting verbs ("said", "told") away from the expression count less, since what
    was said is usually about something else ("said he will visit in April").
    """
    best: tuple[int, Cue] | None = None
    # an aside between dashes that does not hold the expression ("left for Singapore - where the
    # summit is expected to take place - on Sunday") speaks of something else
    asides: list[tuple[int, int]] = []
    if _DASH.search(text, lo, hi) is not None:  # most sentences have none
        found = _ASIDE.finditer(text, lo, hi)
        asides = [(m.start(), m.end()) for m in found if not m.start() <= start < m.end()]
    # a relative clause between commas that holds the expression ("Ms Takaichi, whose remarks in
    # November set off the quarrel, is expected to ..."): the verbs outside it are another clause's
    inner = _RELATIVE.search(text, max(lo, start - 120), start) if text.find(", wh", lo, start) >= 0 else None
    close = text.find(",", end, hi) if inner else -1
    all_cues = tense_cues(text, lo, hi) if cues is None else cues
    first_after = min((cs for cs, _, _, _ in all_cues if cs >= end), default=None)
    for cs, ce, word, direction in all_cues:
        if start <= cs < end:
            continue
        if cs >= end and first_after is not None and cs > first_after:
            continue  # "In September, it announced plans to ...": the first verb after governs
        if cs >= end and word.startswith("ahead"):
            continue  # "met on Monday ahead of the vote": "ahead of" governs what follows it
        if asides and any(a <= cs < b for a, b in asides):
            continue
        if inner and close >= 0 and not inner.start() <= cs < close:
            continue
        # The verb governing a time phrase mostly comes before it.
        dist = start - ce if ce <= start else (cs - end) * 2.5
        # A cue across a clause boundary (";", " but ") weighs less.
        gap = text[min(ce, end) : max(cs, start)]
        if ce <= start and ('"' in gap or "\u201c" in gap):
            # told “Fox News Sunday”: the quotation mark opens the name the date is in, no quotation
            gap = _OPENS_NAME.sub("", gap)
        if _BOUNDARY_OR_MARK.search(gap):
            dist += 200
        elif " that " in gap or ", " in gap or (cs >= end and " and " in gap):
            dist += 60
        # A reporting verb next to the expression governs it ("reported in mid-December",
        # "said Friday"); elsewhere it is usually about something else.
        if word in _REPORTING:
            adjacent = (
                _GOVERNS.fullmatch(text, ce, start) if ce <= start else _GOVERNS.fullmatch(text, end, cs)
            )
            if not adjacent:
                dist += 60
        elif word in _MODALS:
            dist += 10
        if best is None or dist < best[0]:
            best = (int(dist), (cs, ce, word, direction))
    if best is None:
        return None
    cue = best[1]
    if cue[0] >= end and cue[3] == "future" and (told := _told_right_before(text, start, end, cue, all_cues)):
        # "The ministry announced on Sunday plans to raise taxes": a past verb right before the date
        # governs it; the future cue after it is the object's ("plans to"), not the date's
        return told
    if cue[1] > start and cue[3] == "future" and _past_intent(text, lo, cue[0]):
        # "On Friday, the government planned to pay", "agreed Friday to reopen": the day of the intending
        return (cue[0], cue[1], cue[2], "past")
    return cue


_ON_ONLY = re.compile(r"\s+(?:on\s+)?")
_SPACES = re.compile(r"\s*")


def _told_right_before(text: str, start: int, end: int, after: Cue, cues: list[Cue]) -> Cue | None:
    """The past cue right before ``text[start:end]`` (nothing between but "on": "announced on Sunday",
    "unveiled Friday"), when the future cue ``after`` it is not the date's own verb (a modal or "will"
    right after the date: "said Friday would be the last day", the date its subject); else None."""
    if (after[2] in _MODALS or after[2] in _WILL) and _SPACES.fullmatch(text, end, after[0]):
        return None
    for cue in cues:
        if cue[3] == "past" and cue[1] <= start and _ON_ONLY.fullmatch(text, cue[1], start):
            return cue
    return None


#: the head of a past verb of intent (resources/time/future_cues.txt, tagged @intent: "agreed to",
#: "planned to"), matched at a future cue's start; the one pattern of it (events reads it too)
INTENT_VERB = re.compile(
    r"(?i)(?:" + "|".join(w.split(r"\s+", 1)[0] for w in vocab.FUTURE_CUES.words("intent")) + r")\b"
)
_NOT_FINITE_BEFORE = frozenset({"was", "were", "had", "been", "be", "is", "are", "being", "has", "have"})


def _past_intent(text: str, lo: int, start: int) -> bool:
    """Whether the future cue at ``start`` is a finite past verb of intent ("the government planned to
    pay", "Iran agreed to talks"; not after an article, "the planned vote", nor after "be" or "had",
    "is planned to"): it states the intending, in the past, so a date before it (a leading
    "On Friday,") is the day of the intending, not of what is intended (TimeML anchors a date to the
    verb it modifies)."""
    if INTENT_VERB.match(text, start) is None:
        return False
    before = _PREVIOUS_WORD.search(text, max(lo, start - 30), start)
    if before is None:
        return False
    prev = before[1].lower()
    if prev in _DETERMINERS or prev in _NOT_FINITE_BEFORE:
        return False
    return _NOT_A_PAST.search(text, max(lo, start - 14), start) is None


_WILL = frozenset({"will", "shall", "'ll", "\u2019ll", "won't", "won\u2019t"})
# between "will" and a date of its own clause, none of these: "will expand ..., less than forecast in July"
_CLAUSE_GAP = re.compile(r"[,;:()\"\u201c\u201d]|\s(?:than|when|after|since|because|which|who|that)\s")


def will_governs(text: str, start: int, end: int, lo: int, hi: int, cues: list[Cue]) -> bool:
    """Whether an explicit "will" ("shall", "'ll", "going to") before ``text[start:end]`` governs it, in
    its own clause: a plan stated outright, not a weak modal's guess."""
    cue = governing(text, start, end, lo, hi, cues)
    if cue is None or cue[1] > start or not (cue[2] in _WILL or cue[2].startswith("going")):
        return False
    return _CLAUSE_GAP.search(text, cue[1], start) is None


def past_future(text: str, lo: int, start: int, cues: list[Cue]) -> int:
    """Where the future of a past that governs ``text[start:]`` begins ("said on Friday that the
    envoys would meet Monday", "were expected to vote Tuesday"): the future cue nearest before
    ``start`` in ``text[lo:start]``, when it is one and a past cue comes before it; else -1. A date
    it governs lies ahead of the saying, not necessarily of the paper."""
    ahead = [c for c in cues if lo <= c[0] and c[1] <= start and c[3] == "future"]
    if not ahead:
        return -1
    last = max(ahead, key=lambda c: c[0])
    if _QUOTE_MARK.search(text, last[1], start):
        return -1  # a quotation between: its own time frame
    begin = max(lo, last[0] - 16)  # "was expected to": the cue may start after "was"
    found = [m for m in _PAST_FUTURE.finditer(text, begin, last[1]) if m.end() >= last[0]]
    if not found:
        return -1
    at = found[-1].start()
    return at if any(c[3] == "past" and lo <= c[0] and c[1] <= at for c in cues) else -1
