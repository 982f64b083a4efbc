"""Who each speaking mention of an article stands for: a named entity as itself, a pronoun by
its antecedent (resolver_pronouns), a noun phrase by the body or titled person it names."""

from __future__ import annotations

import bisect
import re

from digests.extract import lexicon as lx
from digests.extract.quotes.phrases import (
    DETERMINERS,
    PARTY_TAGS,
    TITLED_CLASSES,
    heads_name,
    modified_body,
    name_heads,
    same_tenure,
    spelt_out,
)
from digests.extract.quotes.resolver_mentions import _ONE_PERSON_CLASSES, _Cand, _Speaker
from digests.extract.quotes.resolver_pronouns import _Pronouns
from digests.extract.quotes.scan import (
    _DET_LEAD,
    _INDEF_I,
    _INSTITUTION_HEADS,
    _ORG_ANAPHORS,
    _POSS_SPACE,
    _SOME_OF_I,
    _THE_I,
)
from digests.extract.text import Document
from digests.models import Entity

# what stands between a name and its description in apposition: "Bannon, former ..."
# "Rudy Giuliani, the former mayor who became Trump's lead lawyer": a clause of the apposition
_APPOSED_CLAUSE = re.compile(r",\s+(?:the|a|an|former|who|now)\b[^,;:.!?\"“”]{0,80}")
_APPOSED = re.compile(r",\s*(?:(?:former|then|now|the|a|an|longtime|top|senior)\s+)*")
# "X announced in a statement", "X issued a written statement", "a statement from X": who issued it
_ISSUED = re.compile(
    r"\b(?:(?:in|issued|released|put[ \t]+out|sent|published)[ \t]+(?:a|an)[ \t]+(?:[\w-]+[ \t]+){0,2}"
    r"(?:"
    + lx.trie_regex(sorted(lx.DOCUMENT_HEADS))
    + r")\b|(?:"
    + lx.trie_regex(sorted(lx.DOCUMENT_HEADS))
    + r")[ \t]+(?P<by>from|by)[ \t]+(?:the[ \t]+)?)"
)
# documents whose words are quoted as their issuer's: "the statement said" (resources/lexicon)
_DOCUMENT_HEADS = lx.DOCUMENT_HEADS


_PARTIES = frozenset({"republican", "democrat"})
_PERSON_NOUNS = frozenset(lx.SPEAKER_NOUNS)
# the rest of a description before a name in apposition: "... field officer in Gaza, "
_DESC_TO_COMMA = re.compile(r"[^,.;:!?\"“”()\n]{0,60},[ \t]+")
# what may follow a name that ends its clause: a comma, a full stop, a semicolon, the line's end
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;:!?)]|$)", re.M)


# a word between a body's name and the noun of its unnamed people: "a White House senior official"
_MEMBER_MODIFIERS = frozenset(
    {"senior", "top", "former", "high-ranking", "military", "intelligence", "security", "defense", "defence"}
)


# offices one person of a country holds at a time
_ONE_HOLDER = frozenset({"president", "premier", "chancellor"})

# generic heads that are a body's findings, its own words ("a Washington Post-ABC News poll")
_BODY_FINDINGS = frozenset({"poll", "study", "survey"})


class _Resolver(_Pronouns):
    """Mentions of the article, indexed by position, with pronoun state."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        super().__init__(doc, entities, inner)
        # the organisations' mentions by position, and by the last word of the name, so that
        # resolving a noun phrase costs a look-up, not a walk over every organisation
        self._org_mentions = sorted((s, e, k) for k, o in enumerate(self.orgs) for s, e in o.mentions)
        self._org_starts = [m[0] for m in self._org_mentions]
        self._org_by_last: dict[str, list[tuple[int, int]]] = {}
        for k, o in enumerate(self.orgs):
            if o.name and o.mentions:
                first = min(s for s, _ in o.mentions)
                for head in name_heads(o.name):
                    self._org_by_last.setdefault(head.lower(), []).append((k, first))
        self._titled: dict[str, list[tuple[Entity, list[int]]]] = {}
        # per head noun, the mentions of the organisations whose name it heads (and their starts)
        self._headed: dict[str, tuple[list[tuple[int, int, int]], list[int]]] = {}

    # ---------------------------------------------------------------- speakers
    def speaker(self, c: _Cand, sent_idx: int, floor: int) -> _Speaker:
        """The speaker a mention stands for; pronouns resolved, generic noun phrases null."""
        span = (c.start, c.end)
        if c.kind in {"person", "org", "place"} and c.entity is not None:
            if c.kind == "org" and self._members_after(c.end):
                return _Speaker(None, span)  # "Pentagon officials said": nobody named
            return _Speaker(c.entity.name, span, c.entity, self.genders.get(c.entity.name))
        if c.kind == "pronoun":
            return self.pronoun_speaker(c, sent_idx, floor)
        # nominal phrase: a named body ("South Korea's presidential office") or an org named before
        words = c.text.split()
        head = words[-1].lower()
        inside = self._org_inside(c.start, c.end)
        if inside is not None:
            if _THE_I.match(c.text) and self._one_person_noun(head):
                # "the EU negotiator said": the person named before in that office of that body
                person = self._titled_before(head, c.start, qualifier=(inside.name,))
                if person is not None:
                    return _Speaker(person.name, span, person, self.genders.get(person.name))
            if (
                head in lx.GENERIC_SPEAKER_HEADS
                and head not in _BODY_FINDINGS
                and lx.TITLE_CLASS.get(head) != "pol"
            ):
                # "Pentagon officials said", "a White House senior official", "Free Syrian Army
                # sources told": a body's unnamed people speak for nobody named, as "a senior
                # official" does (a spokesperson speaks for the body)
                return _Speaker(None, span)
            return _Speaker(inside.name, span, inside)  # "a State Department spokesperson"
        if _THE_I.match(c.text) and lx.TITLE_CLASS.get(head) in TITLED_CLASSES:
            # "the minister said": the person last named with that title (of the same time)
            # "the Oklahoma Republican": only a holder the place words describe
            places = tuple(w for w in words[1:-1] if w[:1].isupper()) if head in _PARTIES else ()
            person = self._titled_before(head, c.start, salient=words[-1][:1].isupper(), qualifier=places)
            if person is not None and same_tenure(words, person):
                return _Speaker(person.name, span, person, self.genders.get(person.name))
        if head in _DOCUMENT_HEADS and _THE_I.match(c.text) and self._cue_right_after(c.end):
            issuer = self._issuer_before(c.start)
            if issuer is not None:  # "the statement said": whoever issued the statement named before
                return _Speaker(issuer.name, span, issuer, self.genders.get(issuer.name))
        if head in _INSTITUTION_HEADS and not _INDEF_I.match(c.text):
            if len(words) == 2 and _THE_I.match(c.text):
                # "the agency said": the body named before that the bare noun stands for
                body = self._body_before(head, c.start)
                if body is not None:
                    return body
                if head in lx.BARE_INSTITUTIONS:
                    return _Speaker(None, span)
                country = self._country_before(c.start)
                if country is not None:
                    # "the government confirmed" after "in Nara": the government of the country
                    # its paragraph names last ("Japan's government")
                    return _Speaker(f"{country}'s {words[-1]}", span)
            elif len(words) == 2 and head in lx.BARE_INSTITUTIONS and words[0].lower() in DETERMINERS:
                return _Speaker(None, span)  # "his office said": whose office, the noun does not say
            phrase = _DET_LEAD.sub("", c.text)
            if len(words) >= 3 and _THE_I.match(c.text) and phrase.islower():
                # "China, for its part, ... The commerce ministry said": the ministry of the
                # country its paragraph names last ("China's commerce ministry")
                country = self._country_before(c.start)
                if country is not None:
                    return _Speaker(f"{country}'s {phrase}", span)
            return _Speaker(phrase, span)
        if head in lx.GENERIC_SPEAKER_HEADS or _SOME_OF_I.match(c.text):
            return _Speaker(None, span)
        if _POSS_SPACE.search(c.text) and c.text[0].isupper():
            return self._owned(c, span, head)
        mods = words[1:-1] if _THE_I.match(c.text) else []
        for k, first in reversed(self._org_by_last.get(head, [])):
            if first < c.start and all(m in self.orgs[k].name for m in mods):
                # (its modifiers the body's name: "the Syrian opposition group" is no "Khorasan
                # Group", named before; "the group" is)
                return _Speaker(self.orgs[k].name, span, self.orgs[k])
        if head in _ORG_ANAPHORS and _THE_I.match(c.text):
            org = self._org_described(head, c.start) or self._org_last_before(c.start)
            if org is not None:
                return _Speaker(org.name, span, org)
        return _Speaker(None, span)

    def _members_after(self, end: int) -> bool:
        """Whether a body's name ending at ``end`` only qualifies its unnamed people: "Pentagon
        officials", "a White House senior official", "Free Syrian Army sources" (a head noun of
        ``resources/lexicon/generic_speakers.txt`` within the next two words, no name after it;
        not a spokesperson, who speaks for the body)."""
        text = self.text
        if text[end : end + 1] != " ":
            return False  # "Pentagon's", "Pentagon," or the sentence's end: the body itself
        words = text[end + 1 : end + 40].split(None, 3)[:3]
        k = 1 if words and words[0] in _MEMBER_MODIFIERS else 0
        if k >= len(words):
            return False
        low = words[k].rstrip(",.;:").lower()
        if low not in lx.GENERIC_SPEAKER_HEADS or low in _BODY_FINDINGS or lx.TITLE_CLASS.get(low) == "pol":
            return False
        # "State Department official Jane Roe": the person named after the noun speaks
        return not (k + 1 < len(words) and words[k] == low and words[k + 1][:1].isupper())

    def _country_before(self, pos: int) -> str | None:
        """The country of the last place named in the paragraph before ``pos`` ("China",
        "Beijing": China), by its display name, or None."""
        para = self.text.rfind("\n", 0, pos) + 1
        for k in range(bisect.bisect_right(self.ends, pos) - 1, -1, -1):
            c = self.cands[k]
            if c.start < para:
                break
            if c.kind == "place" and c.entity is not None and c.entity.country:
                return lx.country_label(c.entity.country)
        return None

    def office_holder(self, c: _Cand) -> Entity | None:
        """The person "the <office>" stands for: "the president" the person last named with that
        office (see ``speaker``), or None."""
        words = c.text.split()
        if len(words) > 4 or lx.TITLE_CLASS.get(words[-1].lower()) not in TITLED_CLASSES:
            return None
        sp = self.speaker(c, 0, c.start)
        return sp.entity if sp.entity is not None and sp.entity.type == "person" else None

    @staticmethod
    def _one_person_noun(head: str) -> bool:
        """Whether a noun phrase's head names one person: a title or a singular noun for a
        person ("negotiator", "spokesman"), not a group ("negotiators") or a body."""
        if head.endswith("s") and not head.endswith("ss"):
            return False
        return head in _PERSON_NOUNS or lx.TITLE_CLASS.get(head) in TITLED_CLASSES

    def apposed_person(self, c: _Cand, limit: int) -> _Cand | None:
        """The named person in apposition after a description ``c`` that names nobody: "the top
        UNICEF field officer in Gaza, Pernilla Ironside" (the description's words run to a comma,
        at most 60 characters on, and the name ends its clause)."""
        if c.kind == "person":
            return None
        m = _DESC_TO_COMMA.match(self.text, c.end, limit)
        if m is None:
            return None
        at = m.end()
        for p in self.by_start.get(at, ()):
            if p.kind == "person" and p.entity is not None and _CLAUSE_END.match(self.text, p.end, limit):
                return p
        return None

    def _owned(self, c: _Cand, span: tuple[int, int], head: str) -> _Speaker:
        """A named body's noun phrase ("South Korea's presidential office", "Trump's lawyers")
        speaks as itself; one that describes a single person by an office ("Bannon, President
        Trump's former chief strategist", "President Obama's ambassador to the UN") is the person
        named in apposition, or nobody: a description is never a speaker's name."""
        words = c.text.split()
        lead = 0
        while lead < len(words) - 1 and words[lead].rstrip(",") in lx.STOP_CAPS:
            lead += 1  # "Although Mueller's team has indicated": the subordinator is no part of it
        text = " ".join(words[lead:])
        if lx.TITLE_CLASS.get(head) not in _ONE_PERSON_CLASSES:
            return _Speaker(text if text[:1].isupper() else None, span)
        j = bisect.bisect_right(self.ends, c.start)
        for k in range(j - 1, max(-1, j - 8), -1):
            p = self.cands[k]
            if (
                p.kind == "person"
                and p.entity is not None
                and any(a.fullmatch(self.text, p.end, c.start) for a in (_APPOSED, _APPOSED_CLAUSE))
            ):
                return _Speaker(p.entity.name, (p.start, p.end), p.entity, self.genders.get(p.entity.name))
        # "South Korea's president": the person named before with that office, of that country
        owner = text[: _POSS_SPACE.search(text).start()]  # type: ignore[union-attr]
        code = lx.place_country(owner)
        if code:
            person = self._titled_before(head, c.start, code)
            if person is not None:
                return _Speaker(person.name, span, person, self.genders.get(person.name))
        return _Speaker(None, span)

    def _issuer_before(self, pos: int) -> Entity | None:
        """Who issued the statement last told of before ``pos`` in its paragraph or the one before
        (within 1,500 characters): the named subject of "X announced in a statement", "X issued
        a statement", or the name after "a statement from X"."""
        text = self.text
        # this paragraph or the one before: further back, another body may have spoken since
        at = text.rfind("\n", 0, pos)
        while at > 0 and text[at - 1].isspace():
            at -= 1
        lo = max(0, pos - 1500, text.rfind("\n", 0, at) + 1 if at > 0 else 0)
        found = list(_ISSUED.finditer(text, lo, pos))
        if not found:
            return None
        m = found[-1]
        if m.group("by"):
            c = self.mention_at(m.end(), pos)
        else:
            start = max(lo, text.rfind(". ", lo, m.start()) + 1, text.rfind("\n", lo, m.start()) + 1)
            c = self.first_subject(start, m.start())
        if c is not None and c.entity is not None and c.kind in {"person", "org"}:
            return c.entity
        return None

    def _body_before(self, head: str, pos: int) -> _Speaker | None:
        """The body a bare "the agency" stands for: the organisation named last before ``pos``
        whose name ends in ``head`` or opens with it before "of" ("Korean Central News Agency",
        "Ministry of Foreign Affairs"), or a noun ``head`` after a capitalised modifier in the
        1,500 characters before ("the French foreign ministry", "Singaporean foreign ministry
        spokeswoman"), whichever is later."""
        found: tuple[int, _Speaker] | None = None
        mentions, starts = self._headed_mentions(head)
        for j in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
            s, e, k = mentions[j]
            if e <= pos:
                found = (s, _Speaker(self.orgs[k].name, (s, e), self.orgs[k]))
                break
        lo = max(0, pos - 1500, found[0] if found is not None else 0)
        phrase = modified_body(self.text, head, lo, pos)
        if phrase is not None:
            return _Speaker(phrase[0], phrase[1])
        return found[1] if found is not None else None

    def _headed_mentions(self, head: str) -> tuple[list[tuple[int, int, int]], list[int]]:
        """The mentions (start, end, organisation) of the organisations whose name or an alias
        ``head`` heads (``heads_name``), in position order, and their starts: found once per head
        noun, so that each "the agency" looks back over its own bodies' mentions only."""
        hit = self._headed.get(head)
        if hit is None:
            named = {
                k for k, o in enumerate(self.orgs) if any(heads_name(head, n) for n in (o.name, *o.aliases))
            }
            mentions = [m for m in self._org_mentions if m[2] in named] if named else []
            hit = self._headed[head] = (mentions, [m[0] for m in mentions])
        return hit

    def _org_inside(self, start: int, end: int) -> Entity | None:
        """The first organisation (in entity order) with a mention inside ``[start, end)``."""
        best: int | None = None
        for i in range(bisect.bisect_left(self._org_starts, start), len(self._org_mentions)):
            s, e, k = self._org_mentions[i]
            if s > end:
                break
            if e <= end and (best is None or k < best):
                best = k
        return self.orgs[best] if best is not None else None

    def _org_described(self, head: str, pos: int) -> Entity | None:
        """The organisation the text last described before ``pos`` by the noun ``head`` (what
        "the group" refers back to by type, not the body named last): "the Islamic State group",
        "the Syrian Observatory for Human Rights, a British-based group", "the militant group
        Hamas" (within 3,000 characters)."""
        text = self.text
        after = re.compile(
            r"(?:[ \t]+|,[ \t]+(?:a|an|the)[ \t]+(?:[\w'’-]+[ \t]+){0,4})" + re.escape(head) + r"\b"
        )
        before = re.compile(r"\b" + re.escape(head) + r",?[ \t]+$")
        lo = max(0, pos - 3000)
        i = bisect.bisect_left(self._org_starts, pos)
        for s, e, k in reversed(self._org_mentions[:i]):
            if s < lo:
                break
            if e <= pos and (after.match(text, e) or before.search(text, max(0, s - 40), s)):
                return self.orgs[k]
        return None

    def _org_last_before(self, pos: int) -> Entity | None:
        """The organisation mentioned last before ``pos`` (the first in entity order on a tie)."""
        i = bisect.bisect_left(self._org_starts, pos)
        if i == 0:
            return None
        last = self._org_starts[i - 1]
        j = bisect.bisect_left(self._org_starts, last)
        return self.orgs[min(k for _, _, k in self._org_mentions[j:i])]

    def _titled_before(
        self,
        head: str,
        pos: int,
        country: str | None = None,
        salient: bool = False,
        qualifier: tuple[str, ...] = (),
    ) -> Entity | None:
        """The person most recently mentioned before ``pos`` whose title or role has ``head`` in it
        (and who is of ``country``, when given, and whose role or a name form holds each word of
        ``qualifier``: "Oklahoma" of "the Oklahoma Republican"); with ``salient`` (an office written with a
        capital, "the President"), another holder mentioned at least three times as often (and
        four times or more) before ``pos`` instead; without it, for an office of one holder
        ("president"), when the latest was named once before ``pos``, another named twice or more
        before it and twice as often in the article."""
        titled = self._titled.get(head)
        if titled is None:
            # "the lawmaker": also the holders of the titles the role describes (a senator)
            words = (head, *lx.ROLE_TITLES.get(head, ()))
            # (not an office held for another: "assistant to the president" is no president; nor
            # another office the word ends: "vice president", "deputy minister")
            word = re.compile(
                r"(?<!to the )(?<!of the )(?<!vice )(?<!vice-)(?<!deputy )(?<!assistant )\b(?:"
                + "|".join(map(re.escape, words))
                + r")\b"
            )
            tag = PARTY_TAGS.get(head)  # "the Republican": also a person tagged "(R-Mich.)"
            titled = self._titled[head] = [
                (e, sorted(s for s, _ in e.mentions))
                for e in self.people
                if any(word.search(spelt_out(t)) for t in [*e.aliases, e.role or ""])
                or (tag is not None and any(tag.match(self.text, t) for _, t in e.mentions))
            ]
        best: tuple[int, Entity] | None = None
        seen: list[tuple[int, Entity]] = []  # each holder's mentions before pos
        for e, starts in titled:
            if country is not None and e.country != country:
                continue
            if qualifier and not all(
                q in (e.role or "") or any(q in a for a in e.aliases) for q in qualifier
            ):
                continue
            i = bisect.bisect_left(starts, pos)
            last = starts[i - 1] if i else -1
            if last >= 0:
                seen.append((i, e))
            if last >= 0 and (best is None or last > best[0]):
                best = (last, e)
        if best is None or len(seen) < 2:
            return best[1] if best else None
        recent = next(i for i, e in seen if e is best[1])
        # the article's protagonist over a holder named in passing: "the President" is President
        # Obama (ten mentions) though Syrian President Assad (two) was named last
        lead = max(seen, key=lambda ie: ie[0])
        if lead[1] is best[1]:
            return best[1]
        if salient:
            return lead[1] if lead[0] >= 4 and lead[0] >= 3 * recent else best[1]
        # "the president told reporters" after "... including President Erdogan" named once in
        # passing: the holder named before it and most often over the whole article
        # (an office one person of a country holds: two holders are of two countries)
        if (
            head in _ONE_HOLDER
            and recent == 1
            and lead[0] >= 2
            and len(lead[1].mentions) >= 2 * len(best[1].mentions)
        ):
            return lead[1]
        return best[1]
