"""The status of a dated statement: reported (others' unconfirmed word), planned or occurred by
its date and the tense of its clause, and the cues that call a plan off, move it or deny it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from digests import timex
from digests.extract import vocab
from digests.extract.conditions import may_hold
from digests.extract.lexicon import trie_regex
from digests.extract.proposals import ADJECTIVE_USE, proposal_cue
from digests.extract.text import caseless
from digests.extract.times.starts import (
    guarded,
    holds_folded,
    lowered,
    matches_after,
    matches_folded,
    reach_back,
)
from digests.extract.times.tense import FUTURE_CUE, PLAN_CUE, PROGRESSIVE, Cue, named_modal, refused
from digests.models import Event, EventStatus

# The last word of a newspaper's or a wire's name ("The Valley Times", "the Harbour Ledger")
_OUTLET = r"(?-i:Times|Post|Journal|Herald|Tribune|Ledger|Telegraph|Guardian|Gazette|Chronicle|Wire|News)\b"
_REPORTED = re.compile(
    rf"(?i)\b(?:reportedly|unconfirmed|allegedly|rumou?red"
    r"|(?:media(?!\s+(?:center|centre|office|adviser|advisor|officer))|press(?!\s+(?:secretar|office|aide|spokes))"
    r"|newspapers?|outlets?|news\s+agenc(?:y|ies)|broadcasters?|tabloids?|reports?|sources?|"
    r"daily|television|TV|radio|website|(?:state|state-run|wire|press)\s+agency|newsletters?|wires?|journals?|magazines?)\s+(?:\w+\s+){0,3}(?:reported|reports|said|say|says|claimed|claims|claiming|claim)\b"
    r"|according\s+to\s+(?:\w+\s+){0,4}(?:media|reports?|sources?|newspapers?|people\s+familiar|officials\s+who)"
    r"|(?:is|are|was|were)\s+said\s+to|it\s+(?:is|was)\s+reported"
    # hearsay: "the word among lawyers ... was that", "speculation in the capital is that"
    r"|\b(?:word|buzz|chatter|speculation|scuttlebutt|gossip|rumou?rs?)\s+(?:(?:among|in|around|on|from|inside|within"
    r"|at|across)\s+(?:[\w'\u2019.-]+\s+){1,10}?)?(?:is|was|has\s+been|had\s+been)\s+that\b"
    r"|no\s+(?:official\s+)?confirmation"
    r"|(?:has|have|had)(?:n't|\s+not)\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?confirm"
    r"|(?:has|have|had)\s+yet\s+to\s+(?:be\s+)?(?:officially\s+)?confirm"
    r"|neither\s+(?:\w+\s+){0,3}(?:has|have)\s+confirmed|not\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?confirmed"
    r"|declined\s+to\s+confirm|could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verif)"
    # unnamed officials and outlets: "on condition of anonymity", "a person familiar with the matter",
    # "according to the Harbour Ledger", "The Valley Times reported"
    # "spoke on condition that his name not be used", "asked not to be identified", "an unnamed
    # Pentagon official"
    r"|(?:speaking|said|says|told|added|who\s+(?:spoke|asked|talked))\s+(?:\w+\s+){0,3}?"
    r"(?:on|under)\s+(?:the\s+)?condition\s+(?:of\s+(?:anonymity|not\s+being\s+(?:named|identified|quoted))"
    r"|(?:that\s+)?(?:(?:they|he|she|his|her|their|its)\s+)(?:names?\s+)?not\s+be\s+(?:named|identified|quoted|used))"
    r"|(?:asked|asking|requested|requesting|insisted|insisting)\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)"
    r"|(?:on\s+)?anonymity|that\s+(?:his|her|their)\s+names?\s+not\s+be)"
    r"|(?:speaking|spoke|spoken|talking)\s+anonymously"
    r"|(?:unnamed|anonymous|unidentified)\s+(?:[\w-]+\s+){0,2}?(?:officials?|sources?|diplomats?|aides?|officers?)\b"
    r"|(?:people|person|officials?|sources?|diplomats?|aides?|someone)\s+(?:\w+\s+){0,2}?"
    r"(?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of)\s+(?:the|their|his|her|its)\s+"
    r"(?:matter|plans?|talks|discussions|negotiations|situation|decision|thinking|deliberations|preparations)\b"
    rf"|(?:according\s+to|reports?\s+(?:in|by))\s+(?:(?:a|an|the)\s+)?(?:[\w.'\u2019-]+\s+){{0,3}}?{_OUTLET}"
    rf"|{_OUTLET}\s+(?:(?:on|late|early|earlier|last|this|first|\w+day)\s+)*(?:reported|reports|said|says)\b)"
)
# Cues that call a plan off, move it or deny it (resources/time/status_cues.txt).
_STATUS_CUE = re.compile(rf"(?i)\b(?:{vocab.STATUS_CUES.alternation()})\b")
_STATUS_OF = [(re.compile(rf"(?i){e.pattern}"), e.value) for e in vocab.STATUS_CUES.entries]
# "can neither be abandoned nor delayed", "has not been postponed": the plan stands.
_NEGATED = re.compile(r"(?i)\b(?:not|never|neither|nor|n['\u2019]t)\s+(?:(?:be|been|being|yet)\s+)*$")
# a negated expectation (resources/time/status_cues.txt): "is not expected to vote on Friday"
_NOT_EXPECTED = re.compile(r"(?i)no\b|not\b|never\b|\w+n['\u2019]t\b")
# a relative clause after the date speaks of something else
_RELATIVE_AFTER = re.compile(r",\s+(?:where|which|who|whose|whom)\b")
# "the delayed vote": an adjective, not a statement that the plan moved.
# "postponed the vote and will now decide on Feb 29": a new plan after the cue (not "canceled
# plans to have Houston and Dallas play in China later this month").
_NEW_PLAN = re.compile(
    r"(?i)\s(?:now|instead)\s|\s(?:and|but|which)\s+(?:\w+\s+){0,2}?"
    r"(?:will|would|now|instead|plans?|set|rescheduled|moved|agreed)\b"
)
# "postponed until March": the date told is the new one.
NEW_DATE = re.compile(
    r"(?i)\s+(?:(?:again\s+)?(?:to|until|till|into|for)\s+(?:at\s+least\s+|early\s+|late\s+|mid-?\s*|the\s+)?)$"
)
# A past verb: a reporting one, an irregular past form or a word in -ed of five letters or more.
_PAST_BETWEEN = re.compile(
    rf"(?i)\b(?:{vocab.REPORTING_VERBS.alternation()}|{vocab.PAST_VERBS.alternation()}|\w{{3,}}ed)\b"
)
# a modal governing the date right after it: "could be located Wednesday", "may dock today" (in lower
# case: "Theresa May said this week" is a name)
_MODAL_BEFORE = re.compile(
    r"(?i)(?<!\byou\s)\b(?-i:could|may|might|can|should|must)\s+(?!(?:not\s+|never\s+)?have\b)(?:[\w'\u2019-]+\s+){1,4}"
    r"(?:(?:on|as\s+early\s+as|as\s+soon\s+as|by|later|early|late)\s+)*$"
)
# "ahead of this week's summit", "ahead of high-stakes trade talks this week": the gathering still to
# come (not "ahead of schedule", early)
_AHEAD_OF = re.compile(r"(?i)\bahead\s+of\s+(?:the\s+)?(?!schedule\b|time\b)(?:[\w\u2019'-]+\s+){0,4}$")
# A verb that tells a plan: its date is the telling's when the plan comes after the date.
_ANNOUNCED = re.compile(
    rf"(?i)\b(?:{vocab.REPORTING_VERBS.alternation()}|unveiled|outlined|revealed|disclosed|presented)\b"
)
# words one of which every claim holds (a cheap test before the pattern)
_REPORT_HINTS = vocab.hints("claim")  # (resources/time/hints.txt)
# one search, not a test per hint; a trie, so that a place is left after a letter or two
_REPORT_HINT = re.compile(trie_regex(_REPORT_HINTS, literal=True))
# "As the Associated Press reported on Monday, ...": the writer tells it as known, citing who told it first
_AS_TOLD = re.compile(r"(?i)(?:^|[,;(]\s*|\s)as\s+(?:(?:the|a|an|first)\s+)?(?:[\w.'\u2019-]+\s+){0,4}$")


def is_reported(sentence: str) -> bool:
    """Whether a sentence rests on others' unconfirmed word ("according to a report in the Harbour
    Ledger", "Japanese media reported", "officials said on condition of anonymity"); not "as X
    reported", which tells it as known."""
    return bool(claims(sentence, 0, len(sentence)))


def claims(
    text: str,
    lo: int,
    hi: int,
    low: str | None = None,
    hinted: bool | None = None,
    folded: str | None = None,
) -> list[re.Match[str]]:
    """The claims of ``text[lo:hi]`` that rest on others' unconfirmed word (:func:`is_reported`);
    ``low``: ``text[lo:hi].lower()``, when read already; ``hinted``: whether that holds one of the
    claim hints, when known (``times.scan.hint_places``); ``folded``: the whole ``text`` lower-cased,
    where that is ``caseless`` (the Doc's ``lower``): where a claim can start is found there first."""
    if hinted is None:
        hinted = _REPORT_HINT.search(text[lo:hi].lower() if low is None else low) is not None
    if not hinted:
        return []
    if folded is not None and _REPORTED_OVER is not None:
        # a case-sensitive search of the lower-cased text: no claim starts before its first match
        # (nor between a claim and the next match: ``matches_after``)
        first = _REPORTED_OVER.search(folded, lo, hi)
        if first is None:
            return []
        found = matches_after(_REPORTED, _REPORTED_OVER, text, folded, 0, first.start(), hi)
    else:
        found = list(_REPORTED.finditer(text, lo, hi))
    # "As the Associated Press reported, ...": the sentence's start counts as one (``^``)
    return [m for m in found if not _AS_TOLD.search(text[lo : m.start()], max(0, m.start() - lo - 40))]


# a claim told by an adverb governs its own verb only ("the rebels reportedly seized", not "revoked
# his bond Friday for allegedly tampering")
_ADVERB_CLAIM = re.compile(r"(?i)reportedly|allegedly|rumou?red")
# a relative clause between the claim and the date: the date tells of the noun, not the claim
# ("rebels who have battled the army since 2011")
_RELATIVE_BETWEEN = re.compile(r"(?i)(?:,\s+(?:where|when)|\b(?:who|which|whose|whom))\b")
_THAT = re.compile(r"(?i)\bthat\b")
# a relative clause between commas open before the date: "Xi, who has met Kim ... in the past year,"
_RELATIVE_OPEN = re.compile(r",\s(?:whose|who|which|where)\s[^,;.!?]*$")
# between an auxiliary and the adverb of its verb: "was reportedly", "was even reportedly"
_AUXILIARY_GAP = re.compile(r"\s+(?:[a-z]+\s+)?")
_OTHER_CLAUSE = re.compile(r"(?i);|\b(?:but|while|whereas)\b")
_INDEPENDENT = re.compile(r"(?i);|\b(?:but|while|whereas|then|later)\b")
# between a clause and a claim that begins the next one with no subject: ", but not confirmed"
_BARE_LINK = re.compile(r"(?i)[\s,;]*(?:(?:but|and|though|although)\s+)?")
# what may come before a date that leads the sentence alone ("Also on Wednesday, ...")
_LEAD_ONLY = re.compile(r"(?i)[\W_]*(?:(?:also|and|then|earlier|later|on|early|late|by|in|at)\s+)*$")


def claim_governs(
    text: str,
    claim: re.Match[str],
    date: tuple[int, int],
    clause: tuple[int, int],
    sentence_end: int,
    governing: Callable[[], Cue | None],
    cue_after: Callable[[int], int | None],
    before: bool = True,
) -> bool:
    """Whether the claim ``claim`` covers the date at ``date`` (whose clause is ``clause``), as
    tense does: a claim in the date's clause or in the sentence's attribution tail (", the Valley
    Times reported."), not one whose clause only neighbours it ("With the summit beginning
    Thursday, the Daily Mail reported that ..."), nor across a relative clause. ``governing``:
    the tense cue that governs the date; ``cue_after(pos)``: the start of the first cue after pos;
    ``before``: whether the date starts by the publication day (only such a date in a relative clause is
    background: "the meeting, which newspapers have put on March 13" is still the claim's)."""
    start, end = date
    a, b = clause
    # (from before the clause too: a relative clause cut in two, "Comey, who headed the inquiry | before
    # he was dismissed in May 2017, ..., the Times reported", is still open)
    inner = _RELATIVE_OPEN.search(text, max(0, start - 120), start) if before else None
    if inner is not None:
        # "Xi, who has met Kim five times in the past year, said ...": background told in the past in a
        # relative clause the claim is outside of
        close = text.find(",", end, b)
        if not inner.start() <= claim.start() < (b if close < 0 else close):
            verb = governing()
            if verb is not None and verb[3] == "past" and inner.start() <= verb[0]:
                return False
    if claim.start() >= b:
        if _BARE_LINK.fullmatch(text, b, claim.start()):
            return True  # "were reported overnight Wednesday, but not confirmed": the same subject's
        if _OTHER_CLAUSE.search(text, b, claim.start()):
            return False  # "The talks begin Thursday, but the Ledger reported ...": a clause of its own
        # the attribution tail: a few words to the sentence's end, no content of its own
        return _tail(text[claim.end() : sentence_end])
    if claim.start() < a:
        # "The Times reports that the phase will begin after Iraq forms a government, which could
        # happen this week": a subordinate clause goes on with the claim; not an independent one
        return _INDEPENDENT.search(text, claim.end(), a) is None and _before_date(
            text, claim, start, governing, before
        )
    if _ADVERB_CLAIM.fullmatch(claim.group(0)):
        # the adverb's verb is the one that governs the date, or there is none
        verb = governing()
        # "reportedly seized", "were reportedly crossing", "was even reportedly building"
        return (
            verb is None
            or cue_after(claim.end()) == verb[0]
            or _AUXILIARY_GAP.fullmatch(text, verb[1], claim.start()) is not None
        )
    if claim.end() <= start:
        return _before_date(text, claim, start, governing, before)
    comma = text.find(", ", end, claim.start())
    if comma < 0 or claim.group(0).lower().startswith("according"):
        return True
    # a date leading the claim alone dates the telling ("On Saturday, state media reported that");
    # a clause of its own before the comma is another event ("With the summit beginning Thursday,")
    return _tail(text[claim.end() : b]) or _LEAD_ONLY.fullmatch(text, a, start) is not None


def _before_date(
    text: str, claim: re.Match[str], start: int, governing: Callable[[], Cue | None], before: bool
) -> bool:
    """Whether a claim before the date at ``start`` covers it: not across a relative clause told in
    the past ("rebels who have battled the army since 2011": background); "a government, which
    could happen this week" is still the claim's."""
    if not before or _RELATIVE_BETWEEN.search(text, claim.end(), start) is None:
        return True
    verb = governing()
    return verb is None or verb[3] != "past"


def _tail(rest: str) -> bool:
    """Whether what follows a claim is the end of an attribution (", the Valley Times reported."),
    not the claim's content ("... reported that ...")."""
    return len(rest.split()) <= 8 and _THAT.search(rest) is None


def plan_status(
    value: str, value_end: str | None, clause: str, reported: bool, published: date | None,
    tense: Callable[[], str | None], date_at: int, plans: dict[str, re.Match[str] | None] | None = None,
) -> EventStatus:
    """Reported, else by the date against publication; a date that spans the publication day
    ("today", "this week") is a plan when its clause says so and the verb nearest it is not
    a past one ("said Sunday that the ministry will ...": the saying is the event), nor a past
    verb between it and the plan. ``date_at``: the date's offset in ``clause``; ``plans``: the
    plan cues of clauses already read."""
    if reported:
        return "reported"
    span = timex.bounds(value)
    span_end = timex.bounds(value_end) if value_end else span
    if published is not None and span and span_end:
        if span[0] > published:
            return "planned"
        if span_end[1] < published:
            return "occurred"
    if published is not None and span and span[0] <= published and _unforeseen(clause, date_at):
        return "occurred"  # "No one predicted that Europe would be annexed in 2014": it was
    if (
        published is not None
        and span
        and span_end
        and span[0] <= published < span_end[1]
        and expected_past(clause, date_at)
    ):
        return "planned"  # "Mnuchin said he expected major purchases this year": the rest of the year
    if span and span[0] != span[1] and _AHEAD_OF.search(clause, max(0, date_at - 48), date_at):
        return "planned"  # "ahead of this week's summit": the summit is still to come (of a day, unsure)
    plan = plan_cue(clause, plans)
    if plan is not None and plan.start() > date_at and plan_noun(clause, plan.start(), plan.group(0)):
        plan = None  # "called on Sunday for a plan to defeat the group": the date is the calling's
    if (
        plan is None and published is not None and span and span_end
        and span[0] < span_end[1] and span_end[1] > published
        and _progressive_before(clause, date_at) and tense() != "past"
    ):
        return "planned"  # "is sending Kerry to Riyadh this week": the week is not over
    if (
        plan is None and span and span_end and "?" not in clause
        and (span[0] == span[1] or (published is not None and span_end[1] > published))
        and _MODAL_BEFORE.search(clause, max(0, date_at - 40), date_at)
    ):
        # "the wreckage could be located Wednesday" in a Wednesday paper, "the vote could come this
        # week or next": expected, not done
        return "planned" if tense() == "future" else "occurred"
    if plan is None or tense() == "past":
        return "occurred"
    # "On Sunday, the speaker said the body will convene": the day is the saying's
    if date_at < plan.start() and _PAST_BETWEEN.search(clause, date_at, plan.start()):
        return "occurred"
    # "announced on Wednesday plans to cut subsidies", "announced an escalation Wednesday night
    # with plans to ...": the plan is told after the date, which the announcing verb before it
    # governs (not "data indicate production this year will fall": no announcing verb)
    if date_at < plan.start():
        told = max((m.end() for m in _ANNOUNCED.finditer(clause, 0, date_at)), default=-1)
        if told >= 0 and not FUTURE_CUE.search(clause, told, date_at):
            return "occurred"
    return "planned"


# A prediction told as failed ("No one predicted that ...", "few had foreseen", "never imagined"): what
# it failed to foresee has happened by the paper's day, no plan (the "would" after it is the past's future)
_UNFORESEEN = re.compile(
    r"(?i)\b(?:no\s+one|nobody|few|none|never|not|n['\u2019]t)\s+(?:(?:had|have|has|could|would|ever|really|even|been)\s+)*"
    r"(?:predicted|foreseen|foresaw|expected|anticipated|imagined|envisioned|envisaged|guessed|dreamed|dreamt|thought"
    r"|(?<=did\snot\s)(?:predict|foresee|expect|anticipate|imagine)|(?<=n't\s|n\u2019t\s)(?:predict|foresee|expect|anticipate|imagine))"
    r"\b[^.;:!?]*$"
)
# An expectation told in the past of a period still running ("said he expected major purchases this
# year", "had anticipated growth this quarter"): the rest of the period lies ahead (not "expected to",
# a plan cue of its own, nor a negated one: _UNFORESEEN)
_EXPECTED_PAST = re.compile(
    r"(?i)\b(?:expected|anticipated|forecast|projected|predicted)\s+(?!to\b|that\b)(?:[\w'\u2019,-]+\s+){1,8}?"
    r"(?:(?:in|for|during|by|over|later|through|throughout)\s+)?(?:the\s+)?$"
)


# the stems one of which each pattern needs (looked for before it is tried)
_PREDICTING = ("predict", "forese", "expect", "anticipat", "imagin", "envis", "guess", "dream", "thought")
_EXPECTING = ("expected", "anticipated", "forecast", "projected", "predicted")


def _unforeseen(clause: str, date_at: int) -> bool:
    """Whether the date at ``date_at`` lies in what a failed prediction did not foresee (_UNFORESEEN)."""
    window = clause[max(0, date_at - 160) : date_at]
    return may_hold(window, _PREDICTING) and _UNFORESEEN.search(window) is not None


def expected_past(clause: str, date_at: int) -> str | None:
    """The verb of a past expectation that governs the date at ``date_at`` from right before it
    (_EXPECTED_PAST: "said he expected major purchases this year"), or None."""
    window = clause[max(0, date_at - 90) : date_at]
    if not may_hold(window, _EXPECTING):
        return None
    m = _EXPECTED_PAST.search(window)
    if m is None or _UNFORESEEN.search(window, max(0, m.start() - 40), m.end()) is not None:
        return None
    return m.group(0).split()[0].lower()


# The end of a state, not an event to come (resources/time/state_ends.txt): "her mandate runs until
# February 2026", "the treaty expires in 2031"; no proposal's date, and "Coming up" lists it only
# within its horizon
STATE_END = re.compile(rf"(?i)\b(?:{vocab.vocabulary('state_ends').alternation()})\b")
# (searched behind the look-ahead of the places a match can start: the same matches, a fifth of the
# time over an event's clause, which the shown stage reads for every event ahead)
STATE_END = guarded(STATE_END) or STATE_END


def proposal(text: str, a: int, date_start: int) -> str | None:
    """The cue that makes the date at ``date_start`` (in the clause from ``a``) a proposal, a wish or
    an attempt, not a plan ("the minister proposed holding talks next week", "attempted to force a
    snap election on March 12"): ``proposals.proposal_cue`` (the times stage's rule), with no
    future or plan cue between them ("the budget Varga proposed will be voted on next week" is a
    plan) and no end of a state."""
    last = proposal_cue(text, a, date_start)
    if last is None:
        return None
    if STATE_END.search(text, last.end(), date_start):
        return None  # "demanded that it be curbed past the deal's sunset in 2030": the deal's date
    if FUTURE_CUE.search(text, last.end(), date_start) or _PLAN_CUE.search(text, last.end(), date_start):
        return None
    return " ".join(last.group(0).split())


def _progressive_before(clause: str, date_at: int) -> bool:
    """Whether a present progressive governs the date at ``date_at`` from before it, with no past
    verb between ("is heading to Riyadh and Amman this week")."""
    last = None
    for m in PROGRESSIVE.finditer(clause, max(0, date_at - 80), date_at):
        last = m
    return last is not None and not _PAST_BETWEEN.search(clause, last.end(), date_at)


def status_cue(text: str, a: int, b: int, date_start: int) -> tuple[EventStatus, str] | None:
    """The cue in ``text[a:b]`` that calls the plan dated at ``date_start`` off, moves or denies it
    (``planned`` with the cue when the date is the new one: "postponed until March 3")."""
    for m in matches_folded(_STATUS_CUE, _STATUS_CUE_LOW, _STATUS_CUE_REACH, text, a, b):
        if ADJECTIVE_USE.search(text, max(a, m.start() - 6), m.start()):
            continue
        if _NEGATED.search(text, max(a, m.start() - 24), m.start()):
            continue  # "can neither be abandoned nor delayed", "was not postponed"
        if m.start() > date_start and _RELATIVE_AFTER.search(text, date_start, m.start()):
            continue  # "talks on Monday at Panmunjom, where the truce suspending the war was signed"
        word = m.group(0)
        status = next((v for rx, v in _STATUS_OF if rx.fullmatch(word)), None)
        if status is None:
            continue
        if m.start() > date_start and _NOT_EXPECTED.match(word):
            continue  # "the summit is on Friday, though Lee is not expected to attend": another plan
        if status == "postponed" and m.end() <= date_start and NEW_DATE.fullmatch(text, m.end(), date_start):
            return "planned", word  # "delayed until Jan 20": the new date, still a plan
        if m.end() <= date_start and _NEW_PLAN.search(text, m.end(), date_start):
            continue  # "postponed the vote and will now decide on Feb 29": a new plan
        return status, word  # type: ignore[return-value]
    return None


# a saying or a clause break between a date and a cue after it: the date is not the plan's
# (or a complement clause or a weak modal: "suggested this week that plans might be delayed")
_SAYING_BETWEEN = re.compile(
    rf"(?i)\b(?:{vocab.REPORTING_VERBS.alternation()}|that|might|may|could|should)\b|[,;:]"
)
# a cue that is a past participle: "shelved", "called off", "pushed back", "put on hold" (not "canceling")
_PARTICIPLE = re.compile(r"(?i).*(?:ed|off|back|hold)$")


# a cue whose subject is the plan: "will not take place", "would not go ahead", "is not going ahead"
_OF_THE_PLAN = re.compile(r"(?i).*(?:held|place|ahead|forward|proceed)$")
# a passive's auxiliary right before a cue: "were shelved", "has been called off", "was abruptly canceled"
_PASSIVE_BEFORE = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|being|get|got)\s+(?:(?:abruptly|formally|officially|now|also|\w+ly)\s+)?$"
)


def called_off_after(text: str, date_start: int) -> bool:
    """Whether a cue after the date at ``date_start`` in the clause ``text`` calls off or puts off
    the plan the date names ("Plans for a vote on Friday were shelved", "the strike called for Friday
    was called off", "said the march on Saturday would not go ahead"): the past tense of the clause
    is the calling off, not the plan's. Not a cue before the date ("cancelled flights on Friday",
    whose day the date may be), nor one after a verb of its own ("On Monday the ministry said it would
    not hold the drill": the saying's day)."""
    found = status_cue(text, date_start, len(text), date_start)
    if found is None or found[0] not in ("cancelled", "postponed"):
        return False
    at = text.find(found[1], date_start)
    if _SAYING_BETWEEN.search(text, date_start, at) is not None:
        return False
    # the plan is the subject: a passive ("were shelved", "has been called off") or a cue told of the
    # plan itself ("would not go ahead"); not "Trump on Thursday canceled the summit", the canceling's day
    if _OF_THE_PLAN.match(found[1]) is not None:
        return True
    passive = _PASSIVE_BEFORE.search(text, max(0, at - 24), at) is not None
    return passive and _PARTICIPLE.match(found[1]) is not None


# The patterns searched over whole sentences and clauses, behind the look-ahead of the places
# a match can start (starts.guarded): the same matches, without trying each at every character.
_REPORTED, _STATUS_CUE, _PAST_BETWEEN, _ANNOUNCED, _MODAL_BEFORE, _AHEAD_OF = (
    guarded(rx) or rx for rx in (_REPORTED, _STATUS_CUE, _PAST_BETWEEN, _ANNOUNCED, _MODAL_BEFORE, _AHEAD_OF)
)
REPORTED = _REPORTED  # what makes a sentence a claim
# where a claim can start, found in the text lower-cased (its outlets' names lower-cased too: a superset)
_REPORTED_OVER = lowered(_REPORTED, over=True)
_PLAN_CUE = guarded(PLAN_CUE) or PLAN_CUE
# the case-blind cue patterns searched over clauses, found first where they start in the clause
# lower-cased (``starts.matches_folded``): the same matches, with one case-sensitive search for the
# clauses that hold none
_PLAN_CUE_LOW, _STATUS_CUE_LOW = lowered(PLAN_CUE), lowered(_STATUS_CUE)
_PLAN_CUE_REACH, _STATUS_CUE_REACH = reach_back(PLAN_CUE), reach_back(_STATUS_CUE)


# "a plan to", "a more comprehensive plan to", "his plans to", "Trump's plan to": the noun after a
# determiner or a possessive (a singular "plan" after "a" and up to three words), naming an
# intention: no tense of a date before it ("called on Sunday for a plan to defeat the group" is
# done), unlike the verb ("the ministry plans to reopen the bridge on Friday") and unlike a date of
# the intended act after it ("unveiled its plan to reopen the bridge on Friday")
_PLAN_NOUN = re.compile(r"(?i)plans?\s+to\b")
_NOUN_DETERMINER = re.compile(
    r"(?i)\b(?:the|his|her|its|their|our|my|your|this|that|these|those|no|any|\w+['\u2019]s?)\s+$"
)
_INDEFINITE = re.compile(r"(?i)\ban?\s+(?:[\w-]+\s+){0,3}$")


def plan_noun(text: str, start: int, word: str) -> bool:
    """Whether the cue ``word`` at ``text[start:]`` is the noun "plan(s) to" after a determiner or a
    possessive ("a plan to", "his plans to"): an intention named, no tense of a date before it."""
    if word[:4].lower() != "plan" or _PLAN_NOUN.match(word) is None:
        return False
    lo = max(0, start - 40)
    if _NOUN_DETERMINER.search(text, lo, start) is not None:
        return True
    return word[4:5].isspace() and _INDEFINITE.search(text, lo, start) is not None


def plan_cue(clause: str, memo: dict[str, re.Match[str] | None] | None = None) -> re.Match[str] | None:
    """The first plan cue of ``clause`` (not a refusal told in the past: "would not confirm", nor a
    name: "George Will's call");
    ``memo`` keeps it by clause (a clause is often asked twice)."""
    if memo is not None and clause in memo:
        return memo[clause]
    cues = matches_folded(_PLAN_CUE, _PLAN_CUE_LOW, _PLAN_CUE_REACH, clause)
    found = next(
        (m for m in cues if not refused(clause, m) and not named_modal(clause, m.start(), m.end())), None
    )
    if memo is not None:
        memo[clause] = found
    return found


# Overtaken plans: "a decision on the summit is due next week" in an article that says elsewhere
# that the summit was called off. The thing a cue calls off, by its noun, and words that plan it
# again ("could still take place", "back on track", "rescheduled")
_CALLED_OFF_NOUN = re.compile(
    r"(?i)\b(summit|talks|meeting|visit|trip|vote|referendum|parade|drill|exercise|war\s?game|hearing|"
    r"conference|ceremony|speech|address|game|match|festival|launch|tour)s?\b"
)
_PLANNED_AGAIN = re.compile(
    r"(?i)\b(?:still|again|back\s+on|reschedul\w*|reinstat\w*|revived?|resum\w*|go\s+ahead|going\s+ahead|"
    r"as\s+(?:originally\s+)?planned|restor\w*|revers\w*)\b"
)
_CALLED_OFF_LOW = lowered(_CALLED_OFF_NOUN)
_SUBJECT_OFF = re.compile(_CALLED_OFF_NOUN.pattern + r"\s+(?:[\w-]+\s+){0,2}?$")
_PASSIVE_OFF = re.compile(
    _CALLED_OFF_NOUN.pattern
    + r"\s+(?:[\w-]+\s+){0,4}?(?:was|were|has\s+been|had\s+been|is|are|been)\s+(?:\w+ly\s+)?$"
)
# a stem each cancelling or postponing cue of status_cues.txt holds
_OFF_HINTS = vocab.hints("off")  # (resources/time/hints.txt)
_TURNED = re.compile(r"(?i)\b(?:after|since)\s+(?:\w+\s+){0,2}?$")
_SENTENCE_END = re.compile(r"[.;:!?\n]")
# what makes a cue no statement that the plan is off: "canceling the summit would be a blow"
_HYPOTHETICAL = re.compile(r"(?i)\b(?:would|could|might|may|if|threat\w*|consider\w*|whether|not|no)\b")


def called_off_nouns(text: str) -> set[str]:
    """The nouns of what a cue can call off that ``text`` names ("summit", "drill", "war game")."""
    return {" ".join(n.group(1).lower().split()) for n in _CALLED_OFF_NOUN.finditer(text)}


# a season is told loosely ("this fall's schedule" of a drill held in late August): its edges reach a
# month into the seasons beside it when two tellings are weighed as one event
_SEASON_EDGE = timedelta(days=31)


def _same_time(own: str, ev: Event) -> bool:
    """Whether the date ``own`` a cue's telling gives its thing and the event ``ev``'s date can be one
    time: the same value, or a season and a date its loose edges reach ("the August exercise" called
    off and "this fall's schedule" of the drill); other dates of one span are other events ("canceled
    plans to show the games later this week" and the games of Thursday, still played)."""
    if own == ev.date:
        return True
    if ev.date_end or "season" not in (timex.granularity(own), timex.granularity(ev.date)):
        return False
    a, b = timex.bounds(own), timex.bounds(ev.date)
    if a is None or b is None:
        return False
    return a[0] - _SEASON_EDGE <= b[1] and b[0] - _SEASON_EDGE <= a[1]


def overtaken(
    text: str,
    events: list[Event],
    published: date | None,
    low: str | None = None,
    told_past: set[tuple[int, str]] | None = None,
    hints: list[tuple[int, int]] | None = None,
) -> list[Event]:
    """Plans of an article that the article itself says were called off or put off ("Trump calls
    off the summit" and, further on, "the summit scheduled for June 12"): cancelled or postponed,
    with the cue; not a plan that a telling plans again ("could still take place on June 12"),
    nor a plan of another time than the one the cue's own telling dates ("canceling a meeting
    Wednesday"; a season is told loosely: :func:`_same_time`),
    nor a telling in the past of the day after the paper's (``told_past``: (start, date) of such
    tellings; "Moon said in an emergency meeting on Friday" in a Thursday paper is no plan).
    ``hints``: where the off hints stand in the text lower-cased (``times.scan.hint_places``), when
    found already."""
    if published is None or not any(e.status in ("planned", "reported") for e in events):
        return events
    # where a cue can be: around the stems of the cues (plain substring searches), not a pattern
    # tried over the whole article (most articles call nothing off)
    if low is None:
        low = text.lower()  # the Doc's ``lower``, when given
    at: set[int] = set()
    if hints is not None:
        at.update([k for k, _ in hints])
    else:
        for hint in _OFF_HINTS:
            k = low.find(hint)
            while k >= 0:
                at.add(k)
                k = low.find(hint, k + 1)
    if not at or len(low) != len(text):
        return events
    ahead = []
    for i, e in enumerate(events):
        if told_past and (e.start, e.date) in told_past:
            continue
        span = timex.bounds(e.date_end or e.date) if e.status in ("planned", "reported") else None
        if span is None or span[1] < published:
            continue
        if holds_folded(_CALLED_OFF_NOUN, _CALLED_OFF_LOW, e.text):
            ahead.append(i)
    if not ahead:
        return events
    off: list[tuple[int, str, str, str, str | None]] = []  # (start, status, cue, its noun, its own date)
    found: dict[int, re.Match[str]] = {}
    # (``low`` keeps the text's offsets: the cues' places are found there first, where it is caseless)
    folded = _STATUS_CUE_LOW if caseless(text, low) else None
    for k in sorted(at):
        lo, hi = max(0, k - 16), min(len(text), k + 40)
        if folded is not None:
            first = folded.search(low, lo, hi)
            if first is None:
                continue
            lo = first.start()
        for m in _STATUS_CUE.finditer(text, lo, hi):
            found.setdefault(m.start(), m)
    for m in found.values():
        word = m.group(0)
        status = next((v for rx, v in _STATUS_OF if rx.fullmatch(word)), None)
        if status not in ("cancelled", "postponed"):
            continue
        if ADJECTIVE_USE.search(text, max(0, m.start() - 6), m.start()):
            continue
        if _HYPOTHETICAL.search(text, max(0, m.start() - 40), m.start()) or _HYPOTHETICAL.search(
            text, m.end(), min(len(text), m.end() + 40)
        ):
            continue  # "threatened to cancel", "canceling the summit would be a blow"
        if _TURNED.search(text, max(0, m.start() - 30), m.start()):
            continue  # "eight days after canceling the summit, ...": what came after is the news
        # what it calls off: the noun after it in its sentence, or before a passive ("the summit was
        # called off"; not "a meeting last month that it was suspending")
        stop = _SENTENCE_END.search(text, m.end(), min(len(text), m.end() + 50))
        noun = _CALLED_OFF_NOUN.search(text, m.end(), stop.start() if stop else min(len(text), m.end() + 50))
        if noun is None and not word.lower().endswith("ing"):
            noun = _PASSIVE_OFF.search(text, max(0, m.start() - 50), m.start())
        if noun is None and _OF_THE_PLAN.match(word):
            # "the summit would not go ahead": the plan is the cue's subject
            noun = _SUBJECT_OFF.search(text, max(0, m.start() - 50), m.start())
        if noun is None:
            continue
        # a cue whose own telling dates the thing ("canceling a meeting Wednesday") is that date's
        own = next((e.date for e in events if e.start <= m.start() < e.end and e.cue == word), None)
        off.append((m.start(), status, word, " ".join(noun.group(1).lower().split()), own))
    if not off:
        return events
    out = list(events)
    for i in ahead:
        ev = events[i]
        if _PLANNED_AGAIN.search(ev.text):
            continue  # "the summit could still take place on June 12"
        nouns = called_off_nouns(ev.text)
        for pos, status, word, thing, own in off:
            if thing not in nouns or ev.start <= pos < ev.end or (own and not _same_time(own, ev)):
                continue
            out[i] = ev.model_copy(update={"status": status, "cue": word})
            break
    return out
