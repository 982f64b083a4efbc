"""Reported speech: a cue verb and its clause, a clause and ", X said", "according to X"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from digests.extract import lexicon as lx
from digests.extract.quotes.resolver import _Resolver, _Speaker
from digests.extract.quotes.resolver_mentions import _Cand
from digests.extract.quotes.resolver_subjects import hypothetical_cue
from digests.extract.quotes.scan import (
    _ADV_GAP,
    _BLANK,
    _CLAUSE_BREAK,
    _COMMA_NEXT,
    _DATELINE,
    _DET_GAP,
    _DIRECT_AFTER_WORD,
    _DOUBLE_MARK,
    _NOT_CLAUSE,
    _NP_REST,
    _PREPOSED_TAIL,
    _SPACE_LOWER,
    _THAT_AFTER,
    _TRAIL,
    _has_words,
    _neg_cue,
)
from digests.extract.roles import names_one_person


@dataclass(slots=True)
class _Ind:
    sp: _Speaker | None
    start: int
    end: int
    cue: str
    paragraph: int
    text: str

    def fields(self, roles: dict[str, str | None]) -> dict[str, Any]:
        """The fields of this statement's ``Quote`` (``roles``: each speaker's role by name)."""
        return {
            "speaker": self.sp.name if self.sp else None,
            "text": self.text,
            "kind": "indirect",
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "speaker_span": self.sp.span if self.sp else None,
            "speaker_role": roles.get(self.sp.name) if self.sp and self.sp.name else None,
            "paragraph": self.paragraph,
        }


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:\u2014\u2013-":
        s += 1
    while e > s and text[e - 1] in _TRAIL + " ":
        e -= 1
    return s, e


# a role in apposition opening what follows "According to X,": "a senior negotiator, "
_APPOSED_ROLE = re.compile(
    r"((?:an?|the|his|her|their|its|[a-z][\w'’-]*)(?:[ \t]+[^,;:\"“”()\s]+){1,8}),[ \t]+"
)


# a past verb and its object right after "that": the "that" of a relative clause, no reported
# clause ("a report that exposed the practice"; not "said that armed men", "that increased aid")
_RELATIVE_VERB = re.compile(r"[a-z]{2,}ed[ \t]+(?:the|a|an|his|her|its|their|this|these|those)[ \t]")


def _clause_after(res: _Resolver, text: str, s_start: int, at: int, c_end: int, s_end: int) -> bool:
    """Whether the words after a cue with no "that" may be what was said: not when a person is
    named right after it, a comma closes the clause before it and a few words end the sentence
    ("<clause>, says David Shirk of the University of San Diego.": the attribution of the clause,
    read as such below), nor when a mention follows it and the cue has no subject before it."""
    after = res.mention_at(c_end, s_end)
    if after is None:
        return True
    if (
        after.kind == "person"
        and text[s_start:at].rstrip().endswith(",")
        and _NAME_CLOSES.match(text, after.end) is not None
        and _PREPOSED_TAIL.fullmatch(text, c_end, s_end) is not None
    ):
        return False
    return res.subject_before(s_start, at) is not None


# what follows a name that closes an attribution: "Jane Roe.", "Jane Roe, a ...", "Jane Roe of X"
_NAME_CLOSES = re.compile(r"[ \t]*(?:[,.;:!?)]|of[ \t]|$)", re.M)
# words for unnamed people as a cue's subject: "some suggest that", "those who said", "critics who say"
_SOME = frozenset({"some", "many", "others", "few", "most", "several", "those"})
_ADVERBS_BEFORE_CUE = frozenset({"also", "still", "now", "often", "have", "had", "has"})


def _unnamed_subject(text: str, s_start: int, at: int) -> tuple[int, int] | None:
    """The span of a word for unnamed people standing as the subject right before a cue ("some
    suggest", "others say", "those who said", "critics who say"), or None: the words are theirs,
    not those of a name further back."""
    lo = max(s_start, at - 40)
    words = text[lo:at].split()
    while words and (words[-1] in _ADVERBS_BEFORE_CUE or words[-1].endswith("ly")):
        words.pop()
    if len(words) >= 2 and words[-1] == "who":
        w = words[-2]
        if "other" in (x.lower() for x in words[-4:-2]):
            return None  # "X joined other critics who charged that": X is one of them
        if w.lower() in _SOME or (w.islower() and w.endswith("s") and w in lx.GENERIC_SPEAKER_HEADS):
            k = text.rfind(w, lo, at)
            return (k, k + len(w))
        return None
    if words and words[-1].lower() in _SOME:
        k = text.rfind(words[-1], lo, at)
        return (k, k + len(words[-1]))
    return None


def _apposed_before(res: _Resolver, text: str, s_start: int, close: int) -> tuple[_Cand, int] | None:
    """The person named between the two commas before an apposition that closes at ``close``
    ("<clause>, Kenji Mori, an analyst at Daiwa, said": Kenji Mori), with where the clause
    before the person ends (relative to ``s_start``); None unless the apposition names one
    person by its head (``roles.names_one_person``) and the name fills its commas."""
    named_end = text.rfind(",", s_start, close)
    if named_end < 0 or not names_one_person(text[named_end + 1 : close]):
        return None
    clause_end = text.rfind(",", s_start, named_end)
    if clause_end < 0:
        return None
    c = res.mention_at(clause_end + 1, named_end)
    if c is None or c.kind != "person" or c.entity is None or text[c.end : named_end].strip():
        return None
    return c, clause_end - s_start


def _tail_attribution(text: str, later: list[re.Match[str]], cstart: int, s_end: int) -> bool:
    """Whether a reporting cue of ``later`` closes the sentence as its attribution after a comma
    (", says X." / ", X said."), the clause opening at ``cstart`` running into it: then the whole
    sentence is that speaker's words ("Wall Street fears that ..., says X"), not the clause's."""
    for cm in later:
        at = cm.start()
        if cm.group(0).endswith("ing") or lx.CUE_FORMS.get(cm.group(0)) not in lx.REPORTING_LEMMAS:
            continue
        comma = text.rfind(",", cstart, at)
        if comma < 0:
            continue
        subject = text[comma + 1 : at].split()  # ", says X" (none) or ", X said" (X's words)
        if len(subject) > 4 or (subject and not (subject[0][0].isupper() or subject[0] in _TAIL_DETS)):
            continue
        rest = text[cm.end() : s_end]
        after = rest.split()
        if subject:
            if len(after) > 4:
                continue  # ", X said on Monday.": a time or a place after the cue, no clause
        elif not after or len(after) > 10 or not (after[0][0].isupper() or after[0] in _TAIL_DETS):
            continue  # ", says X, an analyst.": its subject after it ("believes there is ...": a clause)
        if "that" in rest or any(m in rest for m in "\"“”"):
            continue
        if _PREPOSED_TAIL.fullmatch(text, cm.end(), s_end):
            return True
    return False


_TAIL_DETS = frozenset({"the", "a", "an", "he", "she", "they", "we"})


def _indirect(
    res: _Resolver,
    text: str,
    s_start: int,
    s_end: int,
    si: int,
    quoted: list[tuple[int, int]],
    used: set[int],
    para: int,
    cues: list[re.Match[str]] | None = None,
    according: bool = True,
) -> list[_Ind]:
    """Reported speech clauses of one sentence (``cues``: its cue verbs, when already found;
    ``according``: False when the sentence holds no place of "according to")."""
    out: list[_Ind] = []
    found = list(res.cues.finditer(text, s_start, s_end)) if cues is None else cues
    for k, cm in enumerate(found):
        at = cm.start()
        if at in used or (quoted and any(a - 1 <= at < b + 1 for a, b in quoted)):
            continue
        lemma = lx.CUE_FORMS.get(cm.group(0))
        if lemma not in lx.REPORTING_LEMMAS:
            continue
        head = text[max(s_start, at - 14) : at]
        if _neg_cue(head, that_to=True) or hypothetical_cue(text, s_start, at):
            continue  # "did not say that", "whether he really believed that": no one's words
        # the clause after the cue, read in place (``[c_end, s_end)``), not copied
        c_end = cm.end()
        cstart = None
        # (most clauses hold no "that")
        m = _THAT_AFTER.match(text, c_end, s_end) if text.find("that", c_end, s_end) >= 0 else None
        if m and not _CLAUSE_BREAK.search(text, c_end, m.end()):
            if _RELATIVE_VERB.match(text, m.end(), s_end):
                continue  # "the Reuters report that exposed the practice": a relative clause
            if text.startswith("of ", m.end()):
                continue  # "added his disapproval to that of X": no clause opens with "of"
            cstart = m.end()
        elif lemma not in lx.NEED_THAT_LEMMAS:
            d = _DIRECT_AFTER_WORD.match(text, c_end, s_end)
            if (
                lemma not in lx.OBJECT_LEMMAS
                and d
                and not _NOT_CLAUSE.match(text, d.end(), s_end)
                and _clause_after(res, text, s_start, at, c_end, s_end)
            ):
                cstart = d.end()
        if (
            cstart is not None
            and k + 1 < len(found)
            and lemma not in lx.SPEECH_ONLY_LEMMAS  # (words said stay theirs: "X said ..., AP reported")
            and _tail_attribution(text, found[k + 1 :], cstart, s_end)
        ):
            continue  # "Wall Street fears that ..., says X": the clause is part of X's words
        if cstart is not None:
            c = res.subject_before(s_start, at)
            if (
                c is not None
                and c.kind == "person"
                and cm.group(0).endswith("ing")
                and text[at - 2 : at] == ", "
            ):
                # "Gowdy spoke of the inquiry that Rosenstein oversees, suggesting that": a
                # participle after a comma goes on with its sentence's subject, not the last name
                first = res.first_subject(s_start, at)
                if first is not None and first.kind in {"person", "pronoun"} and first.start < c.start:
                    c = first
            cs, ce = _trim(text, cstart, s_end)
            if c is None or not _has_words(text, 3, cs, ce):
                continue
            if any(a - 1 <= cs and ce <= b + 1 for a, b in quoted):
                continue
            unnamed = _unnamed_subject(text, s_start, at)
            sp = _Speaker(None, unnamed) if unnamed is not None else res.speaker(c, si, s_start)
            out.append(_Ind(sp, cs, ce, cm.group(0), para, text[cs:ce]))
            continue
        # preposed: "<clause>, X said." / "<clause>, said X." (never "<clause>, saying X ...": a
        # participle's subject is its clause's, and what follows it is what was said)
        if cm.group(0).endswith("ing") or not _PREPOSED_TAIL.fullmatch(text, c_end, s_end):
            continue
        pre = text[s_start:at]
        comma = max(pre.rfind(","), pre.rfind("\u2014"))
        if comma < 0:
            continue
        c = res.subject_before(s_start + comma + 1, at)
        if c is not None and not (
            _DET_GAP.fullmatch(text[s_start + comma + 1 : c.start]) and _ADV_GAP.fullmatch(text[c.end : at])
        ):
            c = None
        if c is None and _BLANK.fullmatch(text[s_start + comma + 1 : at]):
            apposed = _apposed_before(res, text, s_start, s_start + comma)
            if apposed is not None:
                # "<clause>, Kenji Mori, Analyst at Daiwa, said.": the person the role describes
                c, comma = apposed
            else:
                c = res.mention_at(cm.end(), s_end)
                if c is None or c.kind in {"nominal", "place"}:
                    # "<clause>, said deputy national security adviser Ben Rhodes.": the person
                    c = res.described_at(cm.end(), s_end) or c
        if c is None:
            continue
        cs, ce = _trim(text, s_start, s_start + comma)
        dl = _DATELINE.match(text, cs, ce)
        if dl:
            cs = dl.end()
        if not _has_words(text, 4, cs, ce) or any(a - 1 <= cs and ce <= b + 1 for a, b in quoted):
            continue
        if any(a < ce and cs < b for a, b in quoted) and text[cs] in "\"“‘'":
            continue
        sp = res.speaker(c, si, s_start)
        out.append(_Ind(sp, cs, ce, cm.group(0), para, text[cs:ce]))
    # according to X
    for am in res.according(s_start, s_end) if according else ():
        c = res.named_after(am.end(), s_end)
        if c is None or any(a - 1 <= am.start() < b + 1 for a, b in quoted):
            continue
        c = res.apposed_person(c, s_end) or c  # "according to the top X officer, Y"
        sp = res.speaker(c, si, s_start)
        after = text[c.end : s_end]
        if c.kind == "place" and _SPACE_LOWER.match(after):
            # "according to Chinese state media": the place only qualifies an unnamed source
            np_end = _NP_REST.match(after)
            sp = _Speaker(None, (c.start, c.end + (np_end.end() if np_end else 0)))
            after = after[np_end.end() if np_end else 0 :]
        cs, ce = _trim(text, s_start, am.start())
        if _COMMA_NEXT.match(after) and not _has_words(text, 4, cs, ce):
            # "According to X, the talks ...": the words after it (after a clause, ", according
            # to X, a group that monitors ..." is the clause's source and its apposition)
            cs, ce = _trim(text, s_end - len(after), s_end)
            ap = _APPOSED_ROLE.match(text, cs, ce)
            if ap is not None and names_one_person(ap.group(1)) and _has_words(text, 4, ap.end(), ce):
                cs = ap.end()  # "According to X, a senior negotiator, the talks ...": the talks
        if _DOUBLE_MARK.search(text[cs:ce]):
            continue  # a quotation with its own attribution, not reported speech
        if any(cs <= o.start < ce and o.sp is not None and o.sp.name for o in out):
            continue  # "X said ..., according to Reuters": X's words, found with X's cue
        if _has_words(text, 4, cs, ce):
            out.append(_Ind(sp, cs, ce, "according to", para, text[cs:ce]))
    return out
