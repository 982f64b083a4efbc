"""Quotations and reported speech, resolved to their speakers.

How attribution works (sentence by sentence, in text order):

* Quotations are found by their marks (``quote_marks.quote_regions``): curly or straight
  double quotes, single quotes in single-quote house styles, quotations left open
  at a paragraph end and carried on by the next paragraph.
* A quotation is ``direct`` when it stands as an utterance (at a sentence start,
  after a colon or comma, or right after a cue verb), ``partial`` when it is a
  fragment inside a sentence. Short fragments with no cue verb in their sentence,
  and quotations after "so-called", "dubbed", "known as" ... are scare quotes or
  titles, not speech.
* The speaker is read, in this order, from an attribution right after the
  quotation (``," he said`` / ``," said Dr Lee``), from the last cue verb before
  it in the same sentence (its subject: the nearest person, organisation or
  speaking noun phrase before the cue that is not inside a prepositional phrase
  or a possessive), from an earlier quotation in the same sentence or paragraph,
  or, for a paragraph that opens with a quotation and has no cue, from the last
  quotation of the previous paragraph.
* Reported speech: a cue verb followed by a clause (``said (that) ...``,
  ``told ST that ...``), a clause followed by ``, X said.``, or ``according to X``.
* Pronouns (he/she) resolve to the most recent speaker or sentence subject,
  whichever is later, skipping people of the other gender when the text says.
* Unnamed speakers ("one of them", "analysts", "a source") stay null, with
  ``speaker_span`` still pointing at the mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter

from digests.extract.quote_marks import QuoteRegion
from digests.extract.quotes.reported import _indirect
from digests.extract.quotes.resolver import _Resolver, _Speaker
from digests.extract.quotes.scan import (
    _ALPHA_WORD,
    _COLON_GAP,
    _DASH_GAP,
    _STARTS_CAP,
    _has_words,
    _neg_cue,
    _noun_label,
    _scare_before,
    _work_title,
)
from digests.extract.quotes.sieves import (
    _Q,
    SIEVES,
    Attribution,
    QuoteContext,
    Sieve,
    sieve_after,
    sieve_carried_over,
    sieve_colon_intro,
    sieve_continuation,
    sieve_cue_before,
    sieve_later_in_sentence,
    sieve_lead_phrase,
    sieve_previous_colon,
    sieve_reported_before,
    sieve_same_sentence,
    sieve_sentence_end,
)
from digests.extract.text import Document
from digests.models import Entity, Quote

# The quotations of an article are validated into ``Quote`` models in one call at the end:
# the same validation as ``Quote(**fields)`` one by one, at about half the cost.
_QUOTES = TypeAdapter(list[Quote])


# the hearer's cue right before a quotation that is a show's or an outlet's name
_TOLD = (" told", " tell", " tells")
_TITLE_SMALL = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to"})


def _title_case(inner: str) -> bool:
    """Whether a quotation is a title: six words or fewer, every one capitalised but the small
    words of a title ("State of the Union", "New Day")."""
    return not _has_words(inner, 7) and all(
        w[0].isupper() for w in _ALPHA_WORD.findall(inner) if w.lower() not in _TITLE_SMALL
    )


def _regions(doc: Document) -> list[QuoteRegion]:
    out: list[QuoteRegion] = []
    carried = False
    text = doc.text
    block = _block_style(text)
    prev_block = prev_colon = False
    for p in doc.content_paragraphs():
        rs = doc.quote_regions(p, carried=carried)
        if block:
            at = rs[0].open_mark if rs else None
            opens = at is not None and at == _line_start(text, p.start) and text[at] == '"'
            if opens and not (prev_block or prev_colon):
                rs = _stray_mark(text, rs)
                opens = False
            prev_block = opens
            prev_colon = text[p.start : p.end].rstrip().endswith(":")
        carried = bool(rs) and rs[-1].close_mark is None
        for r in rs:
            s, e = r.start, r.end
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(r if s == r.start and e == r.end else QuoteRegion(s, e, *r[2:]))
    return out


def _line_start(text: str, at: int) -> int:
    """Where the text of the line at ``at`` starts, after its leading blanks."""
    while at < len(text) and text[at] in " \t\u00a0":
        at += 1
    return at


def _block_style(text: str) -> bool:
    """Whether the text quotes inline with curly marks and writes straight ones only at a
    paragraph's edges: then a straight mark opening a paragraph is a block quotation's mark."""
    if "\u201c" not in text:
        return False
    at = text.find('"')
    if at < 0:
        return False
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        after = text[at + 1 : end if end >= 0 else len(text)]
        if text[start:at].strip(" \t\u00a0") and after.strip(" \t\u00a0"):
            return False
        at = text.find('"', at + 1)
    return True


def _stray_mark(text: str, rs: list[QuoteRegion]) -> list[QuoteRegion]:
    """A paragraph opened by a straight mark in a text quoting with curly ones, neither after a
    colon ("McCrummen reports:") nor carrying on such a block: the mark is a stray. It opens
    nothing; the curly quotation inside it is the quotation ('"Trump walked on, chanting “U-S-A!”')."""
    first = rs[0]
    if first.close_mark is not None and text[first.close_mark] == "\u201d":
        k = text.rfind("\u201c", first.start, first.close_mark)
        if k < 0:
            return rs  # a straight mark typed for a curly one: '"Ambassadors serve ...,” Pompeo said'
        return [QuoteRegion(k + 1, first.end, k, first.close_mark, first.paragraph), *rs[1:]]
    return rs[1:]


# a transcript's stage direction in quotation marks: "(CROSSTALK.)", "[APPLAUSE]"
_STAGE = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]][.,]?\s*")
_NO_QUOTES: list[_Q] = []


def find_quotes(doc: Document, entities: list[Entity], sieves: Sequence[Sieve] | None = None) -> list[Quote]:
    """Direct, partial and indirect quotations in ``doc``, resolved to their speakers.

    ``sieves``: the attribution sieves to try, in order (``SIEVES`` by default).
    """
    sieves = SIEVES if sieves is None else sieves
    text = doc.text
    regions = _regions(doc)
    res = _Resolver(doc, entities, [(r.start, r.end) for r in regions])
    cues = res.cues
    roles = {e.name: e.role for e in entities}
    sents = doc.content_sentences()
    # quotations by sentence (a quotation belongs to the sentence its opening lies in)
    sent_starts = [s.start for s in sents]
    by_sent: dict[int, list[_Q]] = {}
    for r in regions:
        anchor = r.open_mark if r.open_mark is not None else r.start
        i = max(0, bisect.bisect_right(sent_starts, anchor) - 1)
        by_sent.setdefault(i, []).append(_Q(r, i))
    out: list[dict[str, Any]] = []  # each quotation's fields, validated at the end
    prev_para_last: _Q | None = None
    para_last: _Q | None = None
    # the speaker of the paragraph's last reported speech when nothing was quoted after it
    reported: _Speaker | None = None
    prev_reported: _Speaker | None = None
    cur_para = -1
    # each sentence's cue verbs, found by one walk over the cues (both lists ascend): the cue
    # verbs lying within the sentence are ``cue_found[ci:cj]``, as ``cues.finditer`` gives them
    cue_found, cue_starts, cue_ends = cues.found, cues.starts, cues.ends
    n_cues = len(cue_found)
    ci = 0
    acc_at = res.according_places
    n_acc = len(acc_at)
    ai = 0
    for si, sent in enumerate(sents):
        if sent.paragraph != cur_para:
            prev_para_last = para_last
            para_last = None
            prev_reported = reported
            reported = None
            cur_para = sent.paragraph
        qs = by_sent.get(si, _NO_QUOTES)
        if qs:
            s_end = max([sent.end] + [q.region.end + 1 for q in qs])
            quoted_inner = [(q.region.start, q.region.end) for q in qs]
        else:  # most sentences quote nobody: only reported speech to read
            s_end = sent.end
            quoted_inner = []
        used_cues: set[int] = set()
        sent_cue: bool | None = None
        prev_q: _Q | None = None
        title_floor: int | None = None  # a title told before: the next quotation's clause opens before it
        for qi, q in enumerate(qs):
            r = q.region
            o = r.open_mark if r.open_mark is not None else r.start
            floor = (
                max(sent.start, (qs[qi - 1].region.close_mark or qs[qi - 1].region.end) + 1)
                if qi
                else sent.start
            )
            if title_floor is not None:
                floor, title_floor = title_floor, None
            nxt = qs[qi + 1].region.open_mark if qi + 1 < len(qs) else None
            ceil = nxt if nxt is not None else s_end
            inner = text[r.start : r.end]
            before = text[floor:o]
            before_s = before.rstrip()
            # kind: an utterance standing on its own, or a fragment inside the sentence
            cue_before = [
                m
                for m in cues.finditer(text, floor, o)
                if not _neg_cue(text[max(0, m.start() - 12) : m.start()].rstrip())
            ]
            starts_cap = bool(_STARTS_CAP.match(inner))
            # (a stretch that opens with a letter is settled without the pattern)
            lead = before[:1]
            ends_last = not lead or (
                (lead in "\u2014\u2013-" or lead.isspace()) and _DASH_GAP.fullmatch(before) is not None
            )
            if (
                ends_last
                or before_s.endswith((":", ","))
                or (cue_before and _COLON_GAP.fullmatch(text[cue_before[-1].end() : o]) is not None)
            ) and (starts_cap or before_s.endswith(":") or r.open_mark is None):
                q.kind = "direct"
            else:
                q.kind = "partial"
            if r.open_mark is None and prev_para_last is not None:
                q.kind = "direct"
            # the speaker: the first sieve that names one
            ctx = QuoteContext(
                res, doc, sents, si, qs, qi, floor, ceil, s_end, before, cue_before, prev_q, para_last,
                prev_para_last, reported, prev_reported,
            )  # fmt: skip
            sp: _Speaker | None = None
            for sieve in sieves:
                found = sieve(ctx)
                if found is not None:
                    sp, q.cue = found.speaker, found.cue
                    if found.cue_at is not None:
                        used_cues.add(found.cue_at)
                    break
            q.speaker = sp
            # scare quotes, titles and named things are not speech
            if q.kind == "partial":
                few = not _has_words(inner, 4)  # three words or fewer
                if few and not q.cue and sent_cue is None:
                    sent_cue = bool(cues.search(text, sent.start, s_end)) or bool(
                        res.according(sent.start, s_end)
                    )
                if (
                    _scare_before(before_s)
                    or not _has_words(inner, 1)
                    or (
                        not cue_before
                        and _noun_label(text, before_s, r.close_mark)
                        and not _has_words(inner, 5)
                    )
                    or (few and not (q.cue or sent_cue))
                    or _title_case(inner)
                    or (sp is None and few)
                ):
                    q.drop = True
            elif (
                not _has_words(inner, 1)
                or (inner.lstrip().startswith(("(", "[")) and _STAGE.fullmatch(inner) is not None)
                or _work_title(text, before_s, r.close_mark, inner, s_end, cues)
            ):
                q.drop = True
            elif before_s.endswith(_TOLD) and _title_case(inner):
                # 'she told "New Day" that "...": a show or outlet told, no one's words; the cue
                # before it is the next quotation's
                q.drop = True
                title_floor = floor
            if q.kind == "partial" or q.drop:
                used_cues.difference_update(m.start() for m in cue_before)
            if q.drop:
                continue
            if sp is not None:
                res.note_speaker(sp, si, (r.start, r.end))
            prev_q = q
            para_last = q
            reported = None
            out.append(
                {
                    "speaker": sp.name if sp else None,
                    "text": inner,
                    "kind": q.kind,
                    "start": r.start,
                    "end": r.end,
                    "cue": q.cue,
                    "speaker_span": sp.span if sp else None,
                    "speaker_role": roles.get(sp.name) if sp and sp.name else None,
                    "paragraph": r.paragraph,
                }
            )
        # reported speech in this sentence: it rests on a cue verb or "according to" (most
        # sentences have neither, and are not read again)
        while ci < n_cues and cue_starts[ci] < sent.start:
            ci += 1
        cj = ci
        while cj < n_cues and cue_ends[cj] <= sent.end:
            cj += 1
        # (likewise the places of "according to": a sentence holding none has none)
        while ai < n_acc and acc_at[ai] < sent.start:
            ai += 1
        has_according = ai < n_acc and acc_at[ai] < sent.end
        if cj == ci and (not has_according or not res.according(sent.start, sent.end)):
            res.note_sentence(sent.start, sent.end, si)
            continue
        seen: set[tuple[int, int]] = set()
        sent_cues = cue_found[ci:cj]
        for ind in _indirect(
            res,
            text,
            sent.start,
            sent.end,
            si,
            quoted_inner,
            used_cues,
            sent.paragraph,
            sent_cues,
            according=has_according,
        ):
            if (ind.start, ind.end) in seen or any(
                a <= ind.start and ind.end <= b and a == ind.start for a, b in seen
            ):
                continue
            seen.add((ind.start, ind.end))
            out.append(ind.fields(roles))
            if ind.sp is not None:
                res.note_speaker(ind.sp, si, (ind.start, ind.end))
            reported = ind.sp if ind.sp is not None and ind.sp.name else None
        res.note_sentence(sent.start, sent.end, si)
    out.sort(key=lambda q: (q["start"], q["end"]))
    return _QUOTES.validate_python(out)


__all__ = [
    "SIEVES",
    "Attribution",
    "QuoteContext",
    "Sieve",
    "find_quotes",
    "sieve_after",
    "sieve_carried_over",
    "sieve_colon_intro",
    "sieve_continuation",
    "sieve_cue_before",
    "sieve_later_in_sentence",
    "sieve_lead_phrase",
    "sieve_previous_colon",
    "sieve_reported_before",
    "sieve_same_sentence",
    "sieve_sentence_end",
]
