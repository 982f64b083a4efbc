"""Quotation attribution as an ordered list of sieves.

In the manner of CoreNLP's QuoteAttributionAnnotator, each sieve looks at one kind
of evidence and either names the speaker or passes; the first that names one wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from digests.extract import lexicon as lx
from digests.extract.quote_marks import QuoteRegion
from digests.extract.quotes.resolver import _Resolver, _Speaker
from digests.extract.quotes.resolver_subjects import _APPOSED_TO_CUE, hypothetical_cue
from digests.extract.quotes.scan import (
    _ADV_GAP,
    _AFTER_LEAD,
    _DASH_GAP,
    _DASH_NAME,
    _DOUBLE_MARK,
    _LEAD_STOP,
    _has_sentence_end,
)
from digests.extract.text import Document, Sentence
from digests.extract.titles import has_title_word


@dataclass(slots=True)
class _Q:
    region: QuoteRegion
    sent: int
    kind: str = "direct"
    speaker: _Speaker | None = None
    cue: str | None = None
    drop: bool = False


def _standalone(res: _Resolver, text: str, sent: Sentence, q: _Q) -> bool:
    """A quotation with no cue verb in its sentence outside the quotation itself."""
    s = sent.start
    e = sent.end
    r = q.region
    o = r.open_mark if r.open_mark is not None else r.start
    c_end = (r.close_mark + 1) if r.close_mark is not None else r.end
    return not res.cues.search(text, s, o) and not res.cues.search(text, c_end, max(c_end, e))


def _lookahead(
    res: _Resolver, text: str, qs: list[_Q], j: int, s_end: int, si: int, floor: int
) -> _Speaker | None:
    """Speaker named right after a later quotation of the sentence: '"A," he said, "B."'."""
    r = qs[j].region
    if r.close_mark is None:
        return None
    p = r.close_mark + 1
    m = _AFTER_LEAD.match(text[p:s_end])
    p0 = p + (m.end() if m else 0)
    cm = res.cues.match(text, p0)
    if cm:
        c = res.mention_at(cm.end(), s_end)
        if c is not None:
            return res.speaker(c, si, floor)
    c = res.mention_at(p0, s_end)
    if c is not None and res.cues.match(text, c.end + 1):
        return res.speaker(c, si, floor)
    return None


# ---------------------------------------------------------------- attribution sieves
# The speaker of a quotation is read by an ordered list of sieves (in the manner of
# CoreNLP's QuoteAttributionAnnotator): each looks at one kind of evidence and either
# names the speaker or passes; the first that names one wins.


@dataclass(slots=True)
class QuoteContext:
    """What a sieve may look at: one quotation (``qs[qi]``) in its sentence and paragraph."""

    res: _Resolver
    doc: Document
    sents: list[Sentence]
    si: int
    qs: list[_Q]
    qi: int
    floor: int  # where this quotation's stretch of the sentence starts
    ceil: int  # where the next quotation opens, or the sentence ends
    s_end: int
    before: str  # the text from ``floor`` to the opening mark
    cue_before: list[re.Match[str]]  # cue verbs in ``before`` (negated ones left out)
    prev_q: _Q | None  # the previous kept quotation of the sentence
    para_last: _Q | None  # the last kept quotation of the paragraph so far
    prev_para_last: _Q | None  # the last kept quotation of the previous paragraph
    # the speaker of the last reported speech of this paragraph (of the previous one), when no
    # quotation was kept after it
    reported: _Speaker | None = None
    prev_reported: _Speaker | None = None

    @property
    def q(self) -> _Q:
        return self.qs[self.qi]

    @property
    def sent(self) -> Sentence:
        return self.sents[self.si]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def open_at(self) -> int:
        r = self.q.region
        return r.open_mark if r.open_mark is not None else r.start


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sieve's answer: the speaker, the cue it rests on and where that cue verb is (if one)."""

    speaker: _Speaker
    cue: str | None = None
    cue_at: int | None = None


def sieve_after(ctx: QuoteContext) -> Attribution | None:
    """An attribution right after the closing mark: ``," he said`` / ``," said Dr Lee`` / ``" - Lee``."""
    r = ctx.q.region
    if r.close_mark is None:
        return None
    sp, cue = _after_attribution(ctx.res, ctx.text, r.close_mark + 1, ctx.ceil, ctx.si, ctx.sent.start)
    if sp is None:
        return None
    if cue is not None and lx.CUE_FORMS.get(cue.group(0)) == "quote":
        m = _QUOTED_AS.match(ctx.text, cue.end(), ctx.ceil)
        if m is not None:
            # '"...," TASS quoted rebel officials as saying': the words are the officials', the
            # outlet only reports them (a named one speaks: "quoted Mr. Lee as saying")
            c = ctx.res.mention_at(m.start(1), m.end(1))
            who = ctx.res.speaker(c, ctx.si, ctx.sent.start) if c is not None else None
            if who is None or who.name is None:
                who = _Speaker(None, m.span(1))
            return Attribution(who, cue.group(0), cue.start())
    if (
        cue is not None
        and ctx.cue_before
        and lx.CUE_FORMS.get(cue.group(0)) == "report"
        and sp.entity is not None
        and sp.entity.type == "org"
    ):
        # "The ministry said ..., warning that it would "fight back," The Associated Press
        # reports": the outlet reports the words of the speaker the sentence names before them
        before = sieve_cue_before(ctx) or sieve_same_sentence(ctx)
        if before is not None and before.speaker.name:
            return before
    return Attribution(sp, cue.group(0), cue.start()) if cue is not None else Attribution(sp)


# "quoted rebel officials as saying": whom an outlet quotes
# ("was quoted by the Times as saying" names the outlet: the speaker is the subject before it)
_QUOTED_AS = re.compile(
    r"[ \t]+(?!by[ \t])([^,.;:!?\"“”\n]{2,80}?)[ \t]+as[ \t]+(?:saying|telling|writing)\b"
)


def sieve_cue_before(ctx: QuoteContext) -> Attribution | None:
    """The last cue verb before the quotation in its sentence (its subject, or the name after
    it), else "according to X" before it."""
    res, o, start = ctx.res, ctx.open_at, ctx.sent.start
    if ctx.cue_before:
        cm = ctx.cue_before[-1]
        if ctx.q.kind == "partial" and (
            _DASH_BREAK.search(ctx.text, cm.end(), o) or _TO_ACTION.match(ctx.text, cm.end())
        ):
            # "Mueller has also charged prominent people ... — a "pretty substantial amount" of
            # work, Kris said.": a dash or a semicolon ends the cue's clause before the quotation,
            # and an attribution closing the sentence names its speaker; so it does after a cue
            # that takes an action, not words ("Germany continued to support the "communique",
            # government spokesman X said")
            closing = sieve_sentence_end(ctx)
            if closing is not None:
                return closing
        if _CLAUSE_NEXT.match(ctx.text, cm.end()) and hypothetical_cue(ctx.text, start, cm.start()):
            # "I wonder ... if he genuinely thought that X": a question's supposition, no one's words
            return Attribution(_Speaker(None, None), cm.group(0), cm.start())
        c = res.subject_before(start, cm.start())
        if c is None and lx.CUE_FORMS.get(cm.group(0)) not in lx.OBJECT_LEMMAS:
            # "said X": the speaker after the cue ("told X" names the hearer there; a name after
            # "saying" is the subject of what was said, a pronoun there the speaker's own)
            c = res.mention_at(cm.end(), o)
            if c is not None and c.kind != "pronoun" and cm.group(0).endswith("ing"):
                c = None
        return Attribution(res.speaker(c, ctx.si, start), cm.group(0), cm.start()) if c is not None else None
    acc = res.according(ctx.floor, o)
    if acc:
        c = res.named_after(acc[-1].end(), o)
        if c is not None:
            return Attribution(res.speaker(c, ctx.si, start), "according to")
    return None


# a comma and a short lower-case description before a name: ", government spokesman "
_COMMA_DESCRIPTION = re.compile(r",[ \t]+(?:[a-z][\w-]*[ \t]+){1,3}$")
# a cue taking an infinitive: "continued to support", "agreed to hold" (an action, not words)
_TO_ACTION = re.compile(r"[ \t]+to[ \t]+[a-z]")
# what follows a cue that takes what was said: "that" or the quotation ("thought that", 'demands "')
_CLAUSE_NEXT = re.compile(r"[ \t]+(?:that\b|[\"“])")
_DASH_BREAK = re.compile(r"[\u2014;]|[ \t]--?[ \t]|[ \t]\u2013[ \t]")


def sieve_colon_intro(ctx: QuoteContext) -> Attribution | None:
    """``X ...: "quote"`` with no cue verb: the subject of the introducing clause."""
    if ctx.cue_before or not ctx.before.rstrip().endswith(":"):
        return None
    c = ctx.res.first_subject(ctx.floor, ctx.open_at)
    return Attribution(ctx.res.speaker(c, ctx.si, ctx.sent.start)) if c is not None else None


# what may follow the cue of a sentence-final attribution: a few words, then the sentence end
_CLAUSE_TAIL = re.compile(r"[^.!?;:\"“”\n]{0,60}[.!?]?[ \t]*")
_LEAD_ON = re.compile(r"[^.!?;:\"“”\n]{0,60}[,:][ \t]*")


def sieve_sentence_end(ctx: QuoteContext) -> Attribution | None:
    """A sentence closed by ", X said." after the quotation: its quotations are X's
    ("“We will have enough allies” for the action needed, he said.")."""
    r = ctx.q.region
    if r.close_mark is None:
        return None
    res, text, c_end = ctx.res, ctx.text, r.close_mark + 1
    last = None
    for cm in res.cues.finditer(text, c_end, ctx.ceil):
        last = cm
    if last is None:
        return None
    # the attribution ends the sentence, or leads into the next quotation: '..., X said, "..."'
    end = ctx.s_end if ctx.ceil >= ctx.s_end else ctx.ceil
    tail = _CLAUSE_TAIL if end == ctx.s_end else _LEAD_ON
    if tail.fullmatch(text, last.end(), end) is None or len(text[last.end() : end].split()) > 6:
        return None
    c = res.subject_before(c_end, last.start())
    if c is None or c.kind not in {"person", "pronoun", "org"}:
        return None
    between = text[c_end : c.start]
    if not (between.rstrip().endswith(",") or _COMMA_DESCRIPTION.search(between)) or _DOUBLE_MARK.search(
        between
    ):
        return None  # (a description may stand between: ", government spokesman X said")
    gap = text[c.end : last.start()]
    if _ADV_GAP.fullmatch(gap) is None and not (c.kind == "person" and _APPOSED_TO_CUE.fullmatch(gap)):
        return None  # "..., Irbil, or to minority populations, said officials": not the cue's subject
    # a fragment leaves the cue to the reported clause it stands in
    at = last.start() if ctx.q.kind == "direct" else None
    return Attribution(res.speaker(c, ctx.si, ctx.sent.start), last.group(0), at)


def sieve_same_sentence(ctx: QuoteContext) -> Attribution | None:
    """A later quotation in a sentence with no cue of its own: the speaker of the one before."""
    prev = ctx.prev_q
    if prev is None or prev.speaker is None:
        return None
    return Attribution(prev.speaker, prev.cue)


def sieve_later_in_sentence(ctx: QuoteContext) -> Attribution | None:
    """An attribution after the sentence's next quotation applies to this one too: '"A," he said, "B."'."""
    if ctx.qi + 1 >= len(ctx.qs):
        return None
    sp = _lookahead(ctx.res, ctx.text, ctx.qs, ctx.qi + 1, ctx.s_end, ctx.si, ctx.sent.start)
    return Attribution(sp) if sp is not None else None


def sieve_previous_colon(ctx: QuoteContext) -> Attribution | None:
    """A paragraph opening with the quotation after one that closes with "X put it this way:"."""
    if ctx.qi != 0 or ctx.si == 0:
        return None
    sent, text = ctx.sent, ctx.text
    prev = ctx.sents[ctx.si - 1]
    if (
        prev.paragraph == sent.paragraph
        or sent.start != ctx.doc.paragraphs[sent.paragraph].start
        or not text[prev.start : prev.end].rstrip().endswith(":")
        or _DASH_GAP.fullmatch(ctx.before) is None
    ):
        return None
    c = ctx.res.first_subject(prev.start, prev.end)
    return Attribution(ctx.res.speaker(c, ctx.si, prev.start)) if c is not None else None


def sieve_continuation(ctx: QuoteContext) -> Attribution | None:
    """A quotation standing alone (no cue in its sentence) after an attributed one in its paragraph."""
    last = ctx.para_last
    if ctx.qi != 0 or last is None or last.speaker is None:
        return None
    if not _standalone(ctx.res, ctx.text, ctx.sent, ctx.q):
        return None
    return Attribution(last.speaker, last.cue)


def sieve_carried_over(ctx: QuoteContext) -> Attribution | None:
    """A paragraph opening with a quotation and no cue after it continues the previous
    paragraph's last quotation (a quotation carried over, or opened again)."""
    last, sent, text = ctx.prev_para_last, ctx.sent, ctx.text
    if ctx.qi != 0 or last is None or last.speaker is None:
        return None
    r = ctx.q.region
    para_start = ctx.doc.paragraphs[sent.paragraph].start
    c_end = (r.close_mark + 1) if r.close_mark is not None else r.end
    if (
        (r.open_mark is None or text[para_start] in "\"\u201c\u2018'")
        and sent.start == para_start
        and not ctx.res.cues.search(text, c_end, ctx.s_end)
    ):
        return Attribution(last.speaker, last.cue)
    return None


_SENTENCE_CLOSE = re.compile(r"[.!?…,—-]")


def sieve_reported_before(ctx: QuoteContext) -> Attribution | None:
    """A quotation with no cue in its sentence right after reported speech: the reporting
    speaker's words ("X, a former minister, says most young people ... ." then a paragraph
    that is one quotation; "..., according to X. "The minister received a letter ...""). It
    opens its paragraph after the previous paragraph's reported speech, or follows reported
    speech earlier in its own paragraph."""
    if ctx.qi != 0 or ctx.q.kind != "direct" or not _standalone(ctx.res, ctx.text, ctx.sent, ctx.q):
        return None
    para = ctx.doc.paragraphs[ctx.sent.paragraph]
    r = ctx.q.region
    c_end = (r.close_mark + 1) if r.close_mark is not None else r.end
    if ctx.res.cues.search(ctx.text, c_end, max(c_end, para.end)) is not None:
        return None  # an attribution later in the paragraph: not this sieve's to guess
    if not _SENTENCE_CLOSE.search(ctx.text[max(r.start, c_end - 4) : c_end + 1]):
        return None  # a quotation standing as a subheading: "“A solution in search of a problem”"
    para_start = para.start
    if ctx.sent.start == para_start and not ctx.text[para_start : ctx.open_at].strip():
        sp = ctx.prev_reported if ctx.prev_para_last is None or ctx.prev_reported is not None else None
    else:
        sp = ctx.reported
    return Attribution(sp) if sp is not None else None


# "As X put it, ..." / "Said X: ..." / "Added X, ..." right before the quotation
_AS_PUT_IT = re.compile(
    r"\b(?:put|puts|has put|had put|once put|memorably put|would put)[ \t]+it\b[ \t]*[,:]?[ \t]*$"
)
_AS_LEAD = re.compile(r"(?:^|(?<=[\s\"“(]))As[ \t]+")
_INVERTED_LEAD = re.compile(
    r"(?:^|(?<=[.!?\"”]\s)|(?<=^\s))(Said|Says|Added|Adds|Asked|Explained|Wrote|Writes)[ \t]+"
)


def sieve_lead_phrase(ctx: QuoteContext) -> Attribution | None:
    """A speaker named by a lead phrase with no ordinary cue: "As X put it, "..."",
    "Said X: "..."", "Added X, "..."" (the inverted cue opening a sentence)."""
    res, text, o, start = ctx.res, ctx.text, ctx.open_at, ctx.sent.start
    before = text[start:o]
    if _AS_PUT_IT.search(before):
        for m in _AS_LEAD.finditer(before):
            c = res.mention_at(start + m.end(), o)
            if c is not None and c.kind in {"person", "org", "pronoun"}:
                between = text[c.end : o]
                if _AS_PUT_IT.match(between.strip(" \t")) or _AS_PUT_IT.search(between[:40]):
                    return Attribution(res.speaker(c, ctx.si, start), "put it")
    lead = _INVERTED_LEAD.match(before.lstrip())
    if lead is not None:
        at = start + (len(before) - len(before.lstrip())) + lead.end()
        c = res.mention_at(at, o)
        if c is not None and text[c.end : o].strip(" \t\u00a0") in {":", ","}:
            return Attribution(res.speaker(c, ctx.si, start), lead.group(1).lower())
    return None


# '," it added.' / '," it further wrote.': a body's pronoun right after the closing mark
_IT_CUE = re.compile(r"it(?:[ \t]+(?:also|further|then|later|again|[a-z]+ly))?[ \t]+")


def sieve_it_after(ctx: QuoteContext) -> Attribution | None:
    """``," it added`` after the closing mark: "it" speaks for the body (a paper, an article, a
    ministry) that the quotation of this or the sentence before was credited to; otherwise
    (a person's quotation, or none that close) the "it" is kept as the speaker's mention, unnamed."""
    r = ctx.q.region
    if r.close_mark is None:
        return None
    text = ctx.text
    m = _AFTER_LEAD.match(text, r.close_mark + 1)
    p0 = m.end() if m else r.close_mark + 1
    it = _IT_CUE.match(text, p0, ctx.ceil)
    if it is None:
        return None
    cue = ctx.res.cues.match(text, it.end())
    if cue is None:
        return None
    span = (p0, p0 + 2)
    near = (ctx.prev_q, ctx.para_last, ctx.prev_para_last)
    before = next((x for x in near if x is not None and x.speaker), None)
    body = before.speaker if before is not None else None
    if (
        before is None
        or body is None
        or body.span is None
        or (body.entity is not None and body.entity.type == "person")
        or ctx.si - before.sent > 1  # a sentence between: another subject
    ):
        return Attribution(_Speaker(None, span), cue.group(0), cue.start())
    return Attribution(_Speaker(body.name, span, body.entity), cue.group(0), cue.start())


# "the White House press secretary, ": a description of at most eight words and a comma
_TITLE_APPOSED = re.compile(r"(?:the|a|an)[ \t]+(?:[\w.'’-]+[ \t]+){0,6}[\w.'’-]+,[ \t]+", re.I)

Sieve = Callable[[QuoteContext], Attribution | None]
#: The attribution sieves, in the order they are tried.
SIEVES: tuple[Sieve, ...] = (
    sieve_after,
    sieve_it_after,
    sieve_cue_before,
    sieve_lead_phrase,
    sieve_colon_intro,
    sieve_sentence_end,
    sieve_same_sentence,
    sieve_later_in_sentence,
    sieve_previous_colon,
    sieve_continuation,
    sieve_carried_over,
    sieve_reported_before,
)


def _after_attribution(
    res: _Resolver, text: str, c_end: int, ceil: int, si: int, floor: int
) -> tuple[_Speaker | None, re.Match[str] | None]:
    """Speaker named after a closing quotation mark, with the cue verb the attribution rests on."""
    # (the pattern opens with blanks and a dash: most attributions open otherwise, ', he said')
    lead = text[c_end : c_end + 1]
    opens = bool(lead) and (lead in "\u2015\u2014\u2013-" or lead.isspace())
    dash = _DASH_NAME.match(text, c_end) if opens else None
    if dash and dash.end() > c_end and text[c_end : dash.end()].strip():
        c = res.mention_at(dash.end(), ceil)
        if c is not None and c.kind == "person":
            # "— Trump attorney Rudy Giuliani": the named person the role leads to, not the employer
            d = res.mention_at(c.end, ceil) if c.end < ceil else None
            if d is not None and d.kind == "person" and d.start > c.end and text[d.start].islower():
                return res.speaker(d, si, floor), None
            return res.speaker(c, si, floor), None
        if c is not None:
            # a signature that opens with the body: "— White House Director of Trade Policy Peter Navarro"
            line_end = text.find("\n", dash.end())
            p = res.person_in_signature(dash.end(), min(ceil, line_end if line_end >= 0 else len(text)))
            if p is not None:
                return res.speaker(p, si, floor), None
    m = _AFTER_LEAD.match(text, c_end)
    p0 = m.end() if m else c_end
    if p0 >= ceil:
        return None, None
    cue = res.cues.match(text, p0)
    if cue is not None and cue.group(0).endswith("ing"):
        cue = None  # a participle never opens an inversion: '"forever wars" claiming American lives'
    if cue:  # inverted: ," said Dr Lee / ," said 9/11 widow Terry Strada
        c = res.mention_at(cue.end(), ceil)
        if c is None or c.kind in {"nominal", "place"}:
            # "said one of his friends, Marcus Webb": the person the description leads to;
            # "said British firebrand preacher X": a nationality opens the description
            c = res.described_at(cue.end(), ceil) or c
        elif c.kind == "org":
            # "said CNN global affairs analyst Max Boot": the body's person after a description
            at = c.end + 2 if text[c.end : c.end + 2] in ("'s", "’s") else c.end
            c = res.described_at(at, ceil) or c
        if c is not None:
            return res.speaker(c, si, floor), cue
        return None, None
    # ," Smith said / ," Scott Pruitt, the attorney general of Oklahoma, said
    for cm in res.cues.finditer(text, p0, min(ceil, p0 + 200)):
        between = text[p0 : cm.start()]
        if _DOUBLE_MARK.search(between) or _has_sentence_end(between):
            break
        c = res.first_subject(p0, cm.start())
        owner = res.body_owner(c) if c is not None and c.kind == "person" else None
        lead = ""
        if c is not None:
            # (a body and an office before the person are the person's: ," Department of
            # Defense spokesperson Jonathan Hoffman said)
            lead = text[p0 : res.body_title_start(c.start, p0) if owner is None else owner.start]
        if c is not None and not _LEAD_STOP.search(lead) and len(lead.split()) <= 4:
            return res.speaker(c, si, floor), cm
        if (
            c is not None
            and c.kind == "person"
            and _TITLE_APPOSED.fullmatch(lead)
            and has_title_word(lead.rstrip(", \t"))
            and not _LEAD_STOP.search(lead)
        ):
            # ," the White House press secretary, Josh Earnest, told: the title in apposition
            return res.speaker(c, si, floor), cm
        break
    return None, None
