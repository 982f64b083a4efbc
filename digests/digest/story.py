"""Telling a story: its weight, headline, key developments, best quotation, topics, countries and people."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from digests.digest.format import clean, strip_outlet
from digests.digest.load import STOP_WORDS, Art, Quote, richness, tokens
from digests.digest.models import Development, Source, Story, StoryQuote
from digests.digest.speakers import role_of
from digests.extract.lexicon import CUE_FORMS
from digests.extract.text import Sentence, split_sentences
from digests.lead import clean_opening
from digests.opinion import has_label
from digests.timex import granularity
from digests.topics import TOPICS, country_name, topic_scores


def main_countries(a: Art) -> set[str]:
    """Countries an article is about, not those it names in passing."""
    if not a.countries:
        return set()
    top = max(a.countries.values())
    return {c for c, n in a.countries.items() if n >= 2 or n >= top}


def story_topic_scores(story: list[int], arts: dict[int, Art]) -> dict[str, int]:
    """Topic scores of a story's titles (counted twice) and leads, read in one pass."""
    core = core_articles([i for i in story if arts[i].dup_of is None], arts)[:6]
    text = "\n".join(f"{arts[i].title}\n{arts[i].title}\n{arts[i].lead}" for i in core)
    return topic_scores(text)


_DECISION = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|agree[sd]?|agreement|approv\w*|announc\w*|impos\w*|launch\w*|vot(?:e|ed|es)|ruled?|"
    r"pass(?:ed|es)?|ban(?:s|ned)?|sanction\w*|pledg\w*|deploy\w*|withdr[ae]w\w*|resign\w*|elected|won|lost|"
    r"killed|seiz\w*|struck|attack\w*|cut|rais(?:e|ed|es)|lift(?:s|ed)?|suspend\w*|halt\w*|"
    r"confirm\w*|declar\w*|order(?:s|ed)?|arrest\w*|sentenc\w*|fin(?:e|ed)|invest\w*|ended|end(?:s)?)\b",
    re.I,
)


COLOUR = re.compile(
    r"\b(?:selfie\w*|quip\w*|jok(?:e|ed|es|ing)|laugh\w*|smil\w*|posed|trend\w*|netizens?|viral|gift(?:ed)?|"
    r"dinner|banquet|photo\w*|outfit|wore|weather)\b",
    re.I,
)


WEIGHTY = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|king|emperor|supreme leader|foreign minister|"
    r"defen[cs]e minister|secretary-general|secretary of state|minister|general|chairman)\b",
    re.I,
)


@dataclass
class _Cand:
    text: str
    aid: int
    date: str | None
    day: str | None
    figures: list[str]
    score: float
    keys: set[str]
    outlets: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    nums: set[str] = field(default_factory=set)
    processed: str = ""

    def prepare(self) -> None:
        """What comparing two candidates needs (only the few kept are compared)."""
        self.stems = {_stem(k) for k in self.keys if len(k) >= 4}
        self.nums = set(re.findall(r"\d+", self.text))
        self.processed = default_process(self.text)


_CORE = 15  # articles of a big story read closely for developments and quotes


def core_articles(prim: list[int], arts: dict[int, Art]) -> list[int]:
    """The articles of a story that tell it: all of a small story, the fullest of a big one."""
    if len(prim) <= _CORE:
        return prim
    ranked = sorted(prim, key=lambda i: (-richness(arts[i]), arts[i].published or date.max, i))
    return sorted(ranked[:_CORE])


def story_weight(story: list[int], arts: dict[int, Art], since: date, until: date) -> float:
    """How much a story matters: outlets and articles telling it, how central its names are,
    how recent it is, and whether heads of state and ministers are in its leads."""
    prim = [aid for aid in story if arts[aid].dup_of is None]
    key_weight = _key_weights(prim, arts)
    # a syndicated copy is one more outlet printing the same text, not another telling
    outlets = {(arts[aid].outlet or f"#{aid}").lower() for aid in prim}
    newest = max((d for d in (arts[aid].published for aid in story) if d), default=None)
    recency = ((newest - since).days + 1) / ((until - since).days + 1) if newest else 0.0
    return (
        1.5 * len(outlets)
        + 0.7 * math.log1p(len(story))
        + min(1.5, sum(sorted(key_weight.values(), reverse=True)[:5]) / 5)
        + 0.5 * recency
        + 0.6 * sum(1 for aid in prim if WEIGHTY.search(arts[aid].lead)) / len(prim)
    )


def build_story(
    story: list[int],
    arts: dict[int, Art],
    since: date,
    until: date,
    *,
    story_id: int | None = None,
    earlier: list[Source] | None = None,
) -> Story:
    """A story told: headline, developments, best quotation, topics, countries, people and sources.

    ``story_id`` is the story as the store keeps it (default: its lowest article id);
    ``earlier`` its articles before the period, shown as context only."""
    prim = [aid for aid in story if arts[aid].dup_of is None]
    key_weight = _key_weights(prim, arts)
    rep = _representative(prim, arts)
    headline = clean(strip_outlet(arts[rep].title, arts[rep].outlet), 250)

    core = core_articles(prim, arts)
    # Developments are news: never taken from opinion and analysis pieces alone.
    news = [aid for aid in core if not arts[aid].opinion] or [aid for aid in prim if not arts[aid].opinion]
    opinion = not news
    if opinion and not has_label(headline):
        headline = f"Opinion: {headline}"
    devs = _developments(news, arts, key_weight, since, until, headline) if news else []
    quote = _best_quote(core, arts, key_weight, [d.text for d in devs])
    topic_total = story_topic_scores(story, arts)
    topics = pick_topics(topic_total)
    country_total: Counter[str] = Counter()
    for aid in prim:
        for c in main_countries(arts[aid]):
            country_total[c] += arts[aid].countries[c]
    top_country = max(country_total.values(), default=0)
    ranked_countries = sorted(country_total.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    countries = [country_name(c) for c, n in ranked_countries if n * 4 >= top_country]
    people: Counter[str] = Counter()
    for aid in prim:
        for e in arts[aid].entities:
            if e.type == "person" and e.name:
                people[e.name] += e.mentions
    sources = sorted(
        (arts[aid].source() for aid in story), key=lambda s: (s.published or date.min, s.article_id)
    )
    newest = max((s.published for s in sources if s.published), default=None)
    out = Story(
        id=min(story) if story_id is None else story_id,
        headline=headline,
        developments=devs,
        quotes=[quote] if quote else [],
        topics=topics,
        countries=countries,
        sources=sources,
        people=[p for p, _ in sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))[:5]],
        published=newest,
        opinion=opinion,
        earlier=earlier or [],
        # with no development to tell, the piece's own opening says what it argues
        lead=(clean_opening(clean(arts[rep].lead_sentence, 400), arts[rep].head) or None)
        if opinion
        else None,
    )
    return out


def _key_weights(prim: list[int], arts: dict[int, Art]) -> dict[str, float]:
    """How central each key (name word) is to the story: the share of its articles that use it."""
    counts: Counter[str] = Counter()
    for aid in prim:
        counts.update(arts[aid].keys)
    n = len(prim)
    return {k: c / n for k, c in counts.items() if c / n >= 0.5 or n == 1}


def _representative(prim: list[int], arts: dict[int, Art]) -> int:
    if len(prim) == 1:
        return prim[0]

    def centrality(aid: int) -> tuple[bool, float, date, int, str, int]:
        a = arts[aid]
        s = sum(len(a.keys & arts[o].keys) / (1 + len(a.keys | arts[o].keys)) for o in prim if o != aid)
        s += sum(
            fuzz.token_set_ratio(a.title, arts[o].title, processor=default_process) / 100
            for o in prim
            if o != aid
        )
        # a news article leads a story its opinion pieces only comment on
        return (a.opinion, -round(s, 6), a.published or date.max, -richness(a), a.title, aid)

    return min(prim, key=centrality)


def _developments(
    prim: list[int],
    arts: dict[int, Art],
    key_weight: dict[str, float],
    since: date,
    until: date,
    headline: str,
) -> list[Development]:
    lo = (since - timedelta(days=3)).isoformat()
    hi = until.isoformat()
    span_days = (until - since).days + 1
    # the day of the story's latest telling: a plan an earlier article told for a day before it is
    # no news any more (its outcome, or its being put off, is the later article's to tell)
    days = [d for d in (arts[aid].published for aid in prim) if d is not None]
    latest = max(days) if days else None
    told_by = latest.isoformat() if latest else ""
    cands: list[_Cand] = []
    for aid in prim:
        a = arts[aid]
        context = a.body or a.head  # where clean_opening reads each word's usual case
        seen_text: set[str] = set()
        earlier = a.published is not None and latest is not None and a.published < latest
        # The opening events tell the news; those deep in an article are background.
        overtaken = [
            ev for ev in a.events
            if earlier and ev.status == "planned" and ev.day_first and (ev.day_last or ev.day_first) < told_by
        ]
        for ev in a.events[:10]:
            if ev.status not in ("occurred", "planned") or not ev.day_first or not ev.text or ev in overtaken:
                continue
            # Background (a 2017 deployment) is not a development; neither is next month.
            if granularity(ev.date) == "year" or (ev.day_last or ev.day_first) < lo or ev.day_first > hi:
                continue
            text = clean_opening(clean(ev.text, 600), context)
            if text.lower() in seen_text or len(text) < 25 or not carries_fact(text, context):
                continue
            seen_text.add(text.lower())
            figs = [
                f.text for f in a.figures if ev.start <= f.start and f.end <= ev.end and f.text and f.telling
            ]
            words = tokens(text)
            score = _dev_score(text, words, figs, ev.paragraph, ev.day_first, key_weight, since, span_days)
            cands.append(_Cand(text, aid, ev.date, ev.day_first, figs, score, words))
        if a.lead:
            told = clean(a.lead_sentence, 600)
            text = clean_opening(told, context)
            end = a.lead_start + len(told)
            if (
                len(text) >= 25 and text.lower() not in seen_text and carries_fact(text, context)
                and not any(a.lead_start <= ev.start < end for ev in overtaken)
            ):
                figs = [
                    f.text
                    for f in a.figures
                    if a.lead_start <= f.start and f.end <= end and f.text and f.telling
                ]
                day = a.published.isoformat() if a.published else None
                words = tokens(text)
                score = _dev_score(text, words, figs, 0, day, key_weight, since, span_days) + 0.3
                cands.append(_Cand(text, aid, None, day, figs, score, words))
        for told, start, figs in _figure_sentences(a):
            text = clean_opening(told, context)
            if (
                text.lower() not in seen_text
                and not any(text in c.text or c.text in text for c in cands)
                and carries_fact(text, context)
            ):
                seen_text.add(text.lower())
                day = a.published.isoformat() if a.published else None
                para = sum(1 for ln in (a.body or a.head)[:start].split("\n") if ln.strip()) - 1
                words = tokens(text)
                score = _dev_score(text, words, figs, para, day, key_weight, since, span_days) - 0.2
                cands.append(_Cand(text, aid, None, day, figs, score, words))
    # A few best candidates per article, and a bounded number per story, keep the
    # pairwise corroboration below quadratic in the size of a big story.
    per_article: dict[int, list[_Cand]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: (-c.score, c.aid, c.text)):
        if len(per_article[c.aid]) < 3:
            per_article[c.aid].append(c)
    ranked = sorted((c for cs in per_article.values() for c in cs), key=lambda c: (-c.score, c.aid, c.text))
    cands = ranked[:30]
    for c in cands:
        c.prepare()
    # Corroboration: a development told by several outlets counts once per outlet.
    outlet_of = {aid: (arts[aid].outlet or f"#{aid}").lower() for aid in prim}
    for c in cands:
        c.outlets = {outlet_of[c.aid]}
    for x, c in enumerate(cands):
        for d in cands[x + 1 :]:
            if d.aid != c.aid and _same_development(c, d):
                c.outlets.add(outlet_of[d.aid])
                d.outlets.add(outlet_of[c.aid])
    for c in cands:
        c.score += 0.8 * (len(c.outlets) - 1)
    # Colour (selfies, banquets) only when there is nothing else to tell.
    if any(not COLOUR.search(c.text) for c in cands):
        cands = [c for c in cands if not COLOUR.search(c.text)]
    cands.sort(key=lambda c: (-c.score, c.day or "", c.aid, c.text))
    chosen: list[_Cand] = []
    for c in cands:
        if not any(_same_development(k, c) for k in chosen):
            chosen.append(c)
    chosen = [c for c in chosen if fuzz.ratio(c.text.lower(), headline.lower()) < 90]
    chosen.sort(key=lambda c: (-c.score, c.day or "", c.aid, c.text))
    if not chosen:
        return []
    top = chosen[0].score
    picked = [c for i, c in enumerate(chosen[:4]) if i < 2 or c.score >= 0.6 * top]
    return [
        Development(text=c.text, date=c.date, figures=c.figures[:4], outlets=len(c.outlets), article_id=c.aid)
        for c in picked
    ]


def _figure_sentences(a: Art) -> list[tuple[str, int, list[str]]]:
    """Sentences that state figures: concrete developments."""
    out: list[tuple[str, int, list[str]]] = []
    head = a.body or a.head
    lines: dict[int, list[Sentence]] = {}  # the sentences of each line read, by its start
    for f in a.figures:
        if f.end > len(head) or f.start < a.lead_start or not f.text or not f.telling:
            continue
        line_start = head.rfind("\n", 0, f.start) + 1
        line_end = head.find("\n", f.end)
        if line_start not in lines:
            lines[line_start] = split_sentences(head, line_start, line_end if line_end >= 0 else len(head), 0)
        sents = lines[line_start]
        # The sentence around the figure.
        k = next((k for k, sent in enumerate(sents) if sent.start <= f.start < sent.end), None)
        if k is None or (k == len(sents) - 1 and line_end < 0):
            continue  # cut off by the head: not a whole sentence
        sent = sents[k]
        text = clean(head[sent.start : sent.end], 600)
        if len(text) < 40 or re.search(r"[\"“”]", text):  # quotations are told as quotes
            continue
        figs = [g.text for g in a.figures if sent.start <= g.start and g.end <= sent.end and g.telling]
        if all(text != t for t, _, _ in out):
            out.append((text, sent.start, figs))
    return out[:3]


def _same_development(a: _Cand, b: _Cand) -> bool:
    wa, wb = a.stems, b.stems
    common = len(wa & wb)
    small = min(len(wa), len(wb))
    if small and common >= 0.45 * small and set(a.figures) & set(b.figures):
        return True
    if a.nums & b.nums and small and common >= 0.4 * small:
        return True
    shared = a.keys & b.keys
    if a.day and a.day == b.day and len(shared) >= 3 and len(shared) >= 0.5 * min(len(a.keys), len(b.keys)):
        return True
    # Texts sharing few words cannot reach the ratio: skip the costlier comparison.
    if common < 0.3 * small:
        return False
    return fuzz.token_set_ratio(a.processed, b.processed, processor=None) >= 80


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _dev_score(
    text: str,
    words: Collection[str],
    figs: list[str],
    paragraph: int,
    day: str | None,
    key_weight: dict[str, float],
    since: date,
    span_days: int,
) -> float:
    score = 1.0
    # fsum: the same score whatever order the set's words come in (string hashes vary by process)
    score += min(1.5, math.fsum(key_weight.get(k, 0.0) for k in words) * 0.4)
    if WEIGHTY.search(text):
        score += 0.3
    if figs:
        score += 0.6
    if _DECISION.search(text):
        score += 0.6
    if COLOUR.search(text):
        score -= 0.8
    score += max(0.0, 0.6 - 0.1 * paragraph)
    if day:
        try:
            d = (date.fromisoformat(day) - since).days + 1
            score += 0.5 * max(0.0, min(1.0, d / span_days))
        except ValueError:
            pass
    if len(text) < 50 or len(text) > 400:
        score -= 0.3
    return score


# A development line must tell a fact of its own (``carries_fact``): these tell none.
_TRANSCRIPT_LINE = re.compile(r"[A-Z][\w.]{0,20}:\s")  # "Q: ...", "HRC: ..." (an interview's line)
_OPENS_QUOTED = "\"\u201c\u2018'"
_LEADING_QUOTATION = re.compile(
    "[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019]{2,}?)[\"\u201d\u2019'](?![\\w])"
)
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
#: a development holds at least this many content words (cue verbs, pronouns and the time of the
#: telling aside)
FACT_WORDS = 4
# a number told in words counts as one ("Their harvests have failed three years running.")
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|half|twice|third|quarter)\b",
    re.I,
)


def carries_fact(text: str, context: str) -> bool:
    """Whether a development line tells a fact of its own: not a quotation with its attribution
    that names nothing and counts nothing ('"We will go on," he says.'; one that does, '"We will
    rebuild the quay in Lenz by May," she said.', tells a plan), not a reporting
    clause with little else ("President Lenz announced Wednesday."), not a lead-in ending in a
    colon or an interview's line ("Q: ..."), not a few words with no name or number in them ("What
    follows is a transcript of our conversation."). ``context``: the article's text,
    where a capitalised first word shows whether it is a name (the article never writes it in
    lower case)."""
    s = text.strip()
    if not s or s.endswith(":") or _TRANSCRIPT_LINE.match(s):
        return False
    if s[0] in _OPENS_QUOTED:  # a quotation told with its attribution: what it says must be a fact
        quoted = _LEADING_QUOTATION.match(s)
        s = quoted.group(1) if quoted is not None else ""
    if len(tokens(s) - CUE_FORMS.keys()) < FACT_WORDS:
        return False
    if any(ch.isdigit() for ch in s) or _NUMBER_WORD.search(s):
        return True
    for m in _CAPITALISED.finditer(s):
        word = m.group()
        if word.lower() in STOP_WORDS:
            continue
        if m.start() > 0 or re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])", context) is None:
            return True
    return False


_QUOTE_COLOUR = re.compile(r"\b(?:quip\w*|jok\w*|laugh\w*|tease\w*|chuckl\w*|posted|tweeted)\b", re.I)


#: a story's quotation says at least this many words ("In the name of humanity," is a phrase)
QUOTE_WORDS = 7


def whole_quotation(kind: str, text: str) -> bool:
    """Whether a quotation can stand as a story's quotation: a speaker's own words (``direct``),
    whole, opening as a sentence does (a capital or a digit after any mark or ellipsis), never a
    fragment of a sentence ("an act by the enemies who ...") or a paraphrase (``indirect``), and
    at least ``QUOTE_WORDS`` words long."""
    if kind != "direct":
        return False
    head = text.lstrip(" \"'\u201c\u2018([.\u2026-\u2014")
    if not head or not (head[0].isupper() or head[0].isdigit()):
        return False
    return len(head.split(None, QUOTE_WORDS)) >= QUOTE_WORDS


def _told_already(text: str, told: list[str]) -> bool:
    """Whether a quotation's words stand in one of the story's development lines already."""
    words = " ".join(text.casefold().split())
    return any(words in line for line in told)


def _best_quote(
    prim: list[int], arts: dict[int, Art], key_weight: dict[str, float], told: list[str] | None = None
) -> StoryQuote | None:
    """The story's most telling quotation, never one a development line already tells word for
    word (``told``: the development texts)."""
    told_lines = [" ".join(t.casefold().split()) for t in told or []]
    by_speaker: Counter[str] = Counter()
    for aid in prim:
        by_speaker.update({sp for sp, _, _ in arts[aid].said if sp})
    speaker_weight: dict[str, float] = {}
    weighty: dict[str, bool] = {}
    cands: list[tuple[tuple[float, int, int], Art, Quote]] = []
    for aid in prim:
        a = arts[aid]
        roles: dict[str, str | None] = {}
        for q in a.quotes:
            if not q.speaker or len(q.text) < 20 or not whole_quotation(q.kind, q.text):
                continue
            if told_lines and _told_already(q.text, told_lines):
                continue
            s = 1.0
            n = len(q.text)
            s += 0.6 if 60 <= n <= 350 else (-0.6 if n < 30 else (-0.3 if n > 600 else 0.2))
            if q.speaker not in speaker_weight:
                weight = math.fsum(key_weight.get(k, 0.0) for k in tokens(q.speaker))
                speaker_weight[q.speaker] = min(1.0, weight * 0.5)
            s += speaker_weight[q.speaker]
            key_role = f"{q.speaker}\n{q.role}"
            if key_role not in roles:
                roles[key_role] = role_of(a, q.speaker, q.role)
            role = roles[key_role]
            if role:
                if role not in weighty:
                    weighty[role] = bool(WEIGHTY.search(role))
                s += 0.2 + (0.3 if weighty[role] else 0.0)
            s += 0.2 * (by_speaker[q.speaker] - 1)
            cands.append(((s, -aid, -q.start), a, q))
    # Colour only lowers a score: read the candidates best first and stop once none can win.
    cands.sort(key=lambda c: c[0], reverse=True)
    best: tuple[float, int, int] | None = None
    best_q: tuple[Art, Quote] | None = None
    for (s, neg_aid, neg_start), a, q in cands:
        if best is not None and (s, neg_aid, neg_start) < best:
            break
        if _QUOTE_COLOUR.search(q.cue or "") or COLOUR.search(q.text):
            s -= 0.7
        if q.text.rstrip().endswith("!") and len(q.text) < 80:
            s -= 0.3
        key = (s, neg_aid, neg_start)
        if best is None or key > best:
            best, best_q = key, (a, q)
    if best_q is None or best is None:
        return None
    a, q = best_q
    return StoryQuote(
        speaker=q.speaker or "",
        role=role_of(a, q.speaker or "", q.role),
        text=clean(q.text, 2000).rstrip(" ,;:"),
        # no outlet name: the site's address, never the headline passed off as one
        source=a.outlet or _site(a.url),
        url=a.url,
        kind=q.kind,
        article_id=a.id,
    )


def pick_topics(scores: dict[str, int], limit: int | None = 3) -> list[str]:
    """The strongest topics of a story's scores, best first (at most ``limit``)."""
    if not scores:
        return []
    best = max(scores.values())
    order = list(TOPICS)
    kept = [t for t, s in scores.items() if s >= max(2, best // 3)]
    return sorted(kept, key=lambda t: (-scores[t], order.index(t)))[:limit]


def _site(url: str | None) -> str:
    """``https://www.news.example/a/b`` -> ``news.example``; empty when there is no address."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")
