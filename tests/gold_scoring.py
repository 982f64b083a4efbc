"""Scoring extraction output against our own gold articles in ``tests/gold/``.

Each gold article is a pair: ``NAME.txt`` (the article, one paragraph per line)
and ``NAME.json`` (what a careful reader takes out of it, in the format of
``../shared/eval/README.md``). ``score_article`` compares one extraction,
given as the JSON-like dict ``geodigest extract --format json`` prints, with
its gold and returns raw counts plus human-readable misses; ``metrics`` turns
counts summed over many articles into the ratios the thresholds speak of.

Matching rules (deliberately close to how an analyst would judge):
- a gold quotation is found when a predicted direct/partial quotation shares
  at least 80 % of its tokens (bag of words, over the longer of the two);
  pairs are made greedily, best overlap first, one prediction per gold quote;
- a speaker is right when the predicted name contains the gold canonical
  name and no other person of the article; an unnamed gold speaker (null)
  is right when the prediction names no person of the article; an
  organisation is right when its significant words agree;
- an event is found when a prediction has the gold date (and end date) at the
  same granularity and its text holds one of the gold keywords;
- a time expression counts when a prediction overlapping the gold span has
  the same TIMEX3 value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args

from digests.models import EventStatus

GOLD_DIR = Path(__file__).resolve().parent / "gold"

QUOTE_MATCH = 0.8  # token overlap for a quotation to count as found
OFFSET_MATCH = 0.9  # token overlap between text[start:end] and the quote's text
FIGURE_TOLERANCE = 0.01  # relative

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_TIMEX_VALUE = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2}(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI))?)?|-W\d{2}(?:-WE)?|-Q[1-4]|-H[12]"
    r"|-(?:SP|SU|FA|WI))?|\d{3}|P(?:\d+(?:\.\d+)?[YMWD]|T\d+(?:\.\d+)?[HMS]|[XY]+)+|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
_TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
_STOP = {"the", "a", "an", "of", "s", "and", "for", "in"}


# --------------------------------------------------------------------------- text helpers


def normalise(text: str | None) -> str:
    """Lower-case words only: curly quotes straightened, possessive 's and punctuation dropped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[\"']", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def tokens(text: str | None) -> list[str]:
    """The words of ``text`` after ``normalise``."""
    return normalise(text).split()


def token_overlap(a: str | None, b: str | None) -> float:
    """Common tokens (as multisets) over the length of the longer token list."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    longer = max(sum(ta.values()), sum(tb.values()))
    if not longer or not ta or not tb:
        return 0.0
    return sum((ta & tb).values()) / longer


def _contains_name(haystack: str, name: str) -> bool:
    """Whole-word containment of a normalised name."""
    if not name:
        return False
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", haystack) is not None


# --------------------------------------------------------------------------- gold files


@dataclass
class GoldArticle:
    """One gold article: its name, text as read, and the parsed gold JSON."""

    name: str
    text: str
    gold: dict[str, Any]

    @property
    def published(self) -> str:
        return str(self.gold["published"])

    @property
    def people(self) -> list[str]:
        return [e["name"] for e in self.gold.get("entities", []) if e.get("type") == "person"]


def load_gold(folder: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every ``*.json`` gold file in ``folder`` with the article text it names, sorted by name."""
    out = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (folder / gold["article"]).read_text(encoding="utf-8")
        out.append(GoldArticle(name=path.stem, text=text, gold=gold))
    return out


def check_gold(article: GoldArticle) -> list[str]:
    """Problems that make a gold file untrustworthy (empty list when well-formed)."""
    g, text, problems = article.gold, article.text, []
    for key in ("article", "published", "source", "boilerplate", "entities", "must_not_merge", "quotes",
                "indirect", "events", "optional_event_dates", "figures", "times"):
        if key not in g:
            problems.append(f"missing field {key!r}")
    if problems:
        return problems
    if g["article"] != f"{article.name}.txt":
        problems.append(f"article {g['article']!r} is not {article.name}.txt")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", g["published"]):
        problems.append(f"published {g['published']!r} is not YYYY-MM-DD")
    for b in g["boilerplate"]:
        if b not in text:
            problems.append(f"boilerplate not in text: {b!r}")
    names = set()
    for e in g["entities"]:
        if not e.get("name") or e.get("type") not in ("person", "org", "place", "other"):
            problems.append(f"bad entity {e!r}")
            continue
        names.add(e["name"])
        for alias in e.get("aliases", []):
            if alias not in text:
                problems.append(f"alias of {e['name']} not in text: {alias!r}")
    people = set(article.people)
    for pair in g["must_not_merge"]:
        if len(pair) != 2 or not set(pair) <= people:
            problems.append(f"must_not_merge names unknown people: {pair!r}")
    for q in g["quotes"]:
        if q.get("kind") not in ("direct", "partial", "indirect"):
            problems.append(f"bad quote kind {q!r}")
        if not q.get("text") or q["text"] not in text:
            problems.append(f"quote text not in article: {q.get('text')!r}")
        speaker = q.get("speaker", "<missing>")
        if speaker == "<missing>":
            problems.append(f"quote without a speaker field: {q.get('text')!r}")
        elif speaker is not None and q.get("speaker_type") != "org" and speaker not in people:
            problems.append(f"quote speaker is not a gold person: {speaker!r}")
    for i in g["indirect"]:
        if not {"speaker", "cue", "contains"} <= i.keys() or i["contains"] not in text:
            problems.append(f"bad indirect entry {i!r}")
        elif i["speaker"] is not None and i.get("speaker_type") != "org" and i["speaker"] not in people:
            problems.append(f"indirect speaker is not a gold person: {i['speaker']!r}")
    for e in g["events"]:
        end_ok = not e.get("date_end") or _TIMEX_VALUE.match(e["date_end"])
        if not _TIMEX_VALUE.match(str(e.get("date"))) or not end_ok:
            problems.append(f"bad event date {e!r}")
        if e.get("status") not in get_args(EventStatus):
            problems.append(f"bad event status {e!r}")
        if not e.get("keywords") or not all(k in text for k in e["keywords"]):
            problems.append(f"event keywords not in text: {e.get('keywords')!r}")
    for d in g["optional_event_dates"]:
        if not _TIMEX_VALUE.match(d):
            problems.append(f"bad optional event date {d!r}")
    for f in g["figures"]:
        if f.get("text") not in text or not isinstance(f.get("value"), (int, float)):
            problems.append(f"bad figure {f!r}")
    last = -1
    for t in g["times"]:
        start, end = t.get("start"), t.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != t.get("text"):
            problems.append(f"time offsets do not point at the text: {t!r}")
        elif start < last:
            problems.append(f"times out of document order at {t!r}")
        else:
            last = start
        if t.get("type") not in _TIMEX_TYPES or not _TIMEX_VALUE.match(str(t.get("value"))):
            problems.append(f"bad TIMEX3 type or value {t!r}")
    return problems


# --------------------------------------------------------------------------- speakers


def _person_named(pred: str, people: list[str]) -> list[str]:
    p = normalise(pred)
    return [name for name in people if _contains_name(p, normalise(name))]


def _content_words(text: str, places: list[str]) -> set[str]:
    """Words of an organisation's name minus function words and country words (China/Chinese)."""
    place_words = {w for name in places for w in tokens(name)}
    words = set()
    for w in tokens(text):
        if w in _STOP or w in place_words:
            continue
        if len(w) >= 5 and any(len(pw) >= 4 and w[:4] == pw[:4] for pw in place_words):
            continue  # a demonym of a place in the article: "chinese" for "china"
        words.add(w)
    return words


def speaker_right(pred: str | None, want: str | None, article: GoldArticle, *, org: bool = False) -> bool:
    """Whether a predicted speaker name is the gold speaker (see the module docstring)."""
    people = article.people
    if want is None:
        return not pred or not _person_named(pred, people)
    if not pred:
        return False
    if not org:
        return _person_named(pred, people) == [want]
    if _person_named(pred, people):
        return False
    entities = article.gold.get("entities", [])
    places = [e["name"] for e in entities if e.get("type") == "place"]
    forms = [want]
    for e in entities:
        if e.get("type") == "org" and normalise(e["name"]) == normalise(want):
            forms += e.get("aliases", [])
    # A country speaking ("Kazakhstan said") has no words left once place words go: keep them all then.
    p_words = _content_words(pred, places) or set(tokens(pred)) - _STOP
    for form in forms:
        w_words = _content_words(form, places) or set(tokens(form)) - _STOP
        if w_words and p_words and (w_words <= p_words or p_words <= w_words):
            return True
    return False


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Raw counts for one article or summed over many (``+``)."""

    quote_gold: int = 0
    quote_pred: int = 0
    quote_found: int = 0
    quote_right: int = 0
    indirect_gold: int = 0
    indirect_found: int = 0
    person_gold: int = 0
    person_found: int = 0
    bad_merges: int = 0
    event_gold: int = 0
    event_found: int = 0
    event_status_right: int = 0
    event_pred: int = 0
    event_pred_dated_right: int = 0
    figure_gold: int = 0
    figure_found: int = 0
    time_gold: int = 0
    time_found: int = 0
    time_pred_meeting: int = 0
    time_pred_right: int = 0
    offset_total: int = 0
    offset_right: int = 0
    boilerplate_leaks: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass
class ArticleScore:
    """Counts and the misses behind them, for one article."""

    name: str
    counts: Counts
    misses: list[str] = field(default_factory=list)


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def score_article(article: GoldArticle, pred: dict[str, Any]) -> ArticleScore:
    """Compare one extraction (a dict with entities, quotes, events, figures, times) with its gold."""
    g, text = article.gold, article.text
    c = Counts()
    misses: list[str] = []
    pred_quotes = [q for q in pred.get("quotes", []) if q.get("kind", "direct") in ("direct", "partial")]
    gold_quotes = [q for q in g.get("quotes", []) if q.get("kind") in ("direct", "partial")]

    # Quotations: all candidate pairs above the bar, taken best first, each side used once.
    pairs = sorted(
        ((token_overlap(gq["text"], pq.get("text")), gi, pi)
         for gi, gq in enumerate(gold_quotes) for pi, pq in enumerate(pred_quotes)),
        reverse=True,
    )
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for score, gi, pi in pairs:
        if score < QUOTE_MATCH:
            break
        if gi in gold_used or pi in pred_used:
            continue
        gold_used[gi] = pi
        pred_used.add(pi)
    c.quote_gold, c.quote_pred, c.quote_found = len(gold_quotes), len(pred_quotes), len(gold_used)
    for gi, gq in enumerate(gold_quotes):
        if gi not in gold_used:
            misses.append(f"quote missed ({gq['speaker']}): {gq['text'][:80]!r}")
            continue
        got = pred_quotes[gold_used[gi]].get("speaker")
        if speaker_right(got, gq["speaker"], article, org=gq.get("speaker_type") == "org"):
            c.quote_right += 1
        else:
            misses.append(f"quote speaker {got!r}, want {gq['speaker']!r}: {gq['text'][:60]!r}")
    for pi, pq in enumerate(pred_quotes):
        if pi not in pred_used:
            misses.append(f"quote extra ({pq.get('speaker')}): {str(pq.get('text'))[:80]!r}")

    # Reported speech: recall only, any kind of predicted quotation may carry it.
    for gi in g.get("indirect", []):
        c.indirect_gold += 1
        want = normalise(gi["contains"])
        org = gi.get("speaker_type") == "org"
        if any(want in normalise(q.get("text"))
               and speaker_right(q.get("speaker"), gi["speaker"], article, org=org)
               for q in pred.get("quotes", [])):
            c.indirect_found += 1
        else:
            misses.append(f"reported speech missed: {gi['speaker']} {gi['cue']} ...{gi['contains'][:60]!r}")

    # People by canonical name; distinct people merged into one entity.
    ents = pred.get("entities", [])
    pred_people = {normalise(e.get("name")) for e in ents if e.get("type") == "person"}
    for name in article.people:
        c.person_gold += 1
        if normalise(name) in pred_people:
            c.person_found += 1
        else:
            misses.append(f"person missed: {name}")
    for a, b in g.get("must_not_merge", []):
        na, nb = normalise(a), normalise(b)
        for e in ents:
            forms = [normalise(e.get("name"))] + [normalise(x) for x in e.get("aliases", [])]
            if any(_contains_name(f, na) for f in forms) and any(_contains_name(f, nb) for f in forms):
                c.bad_merges += 1
                misses.append(f"merged {a} and {b} into {e.get('name')!r}")

    # Events: date (and end) at the gold granularity plus a keyword in the predicted text.
    pred_events = [e for e in pred.get("events", []) if e.get("date")]
    allowed = set(g.get("optional_event_dates", []))
    for ge in g.get("events", []):
        allowed.add(ge["date"])
        if ge.get("date_end"):
            allowed.add(ge["date_end"])
    for ge in g.get("events", []):
        if ge.get("optional"):
            continue
        c.event_gold += 1
        keys = [normalise(k) for k in ge["keywords"]]
        cands = [e for e in pred_events
                 if str(e["date"]) == ge["date"]
                 and (not ge.get("date_end") or str(e.get("date_end") or "") == ge["date_end"])
                 and any(k in normalise(e.get("text")) for k in keys)]
        if not cands:
            span = ge["date"] + (".." + ge["date_end"] if ge.get("date_end") else "")
            misses.append(f"event missed: {span} {ge['status']} {ge['keywords']}")
            continue
        c.event_found += 1
        if any(e.get("status") == ge["status"] for e in cands):
            c.event_status_right += 1
        else:
            got_status = [e.get("status") for e in cands]
            misses.append(f"event status {got_status}, want {ge['status']}: {ge['keywords']}")
    c.event_pred = len(pred_events)
    for e in pred_events:
        if str(e["date"]) in allowed:
            c.event_pred_dated_right += 1
        else:
            misses.append(f"event dated {e['date']} not in gold: {str(e.get('text'))[:70]!r}")

    # Figures: the value within 1 %.
    values = [f["value"] for f in pred.get("figures", []) if isinstance(f.get("value"), (int, float))]
    for gf in g.get("figures", []):
        c.figure_gold += 1
        if any(abs(v - gf["value"]) <= FIGURE_TOLERANCE * abs(gf["value"]) for v in values):
            c.figure_found += 1
        else:
            misses.append(f"figure missed: {gf['text']!r} = {gf['value']}")

    # Temporal expressions: value on overlapping spans.
    pred_times = [t for t in pred.get("times", []) if _as_int(t.get("start")) is not None
                  and _as_int(t.get("end")) is not None]

    def meets(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return min(a["end"], b["end"]) > max(a["start"], b["start"])

    for gt in g.get("times", []):
        c.time_gold += 1
        over = [t for t in pred_times if meets(t, gt)]
        if any(str(t.get("value")) == gt["value"] for t in over):
            c.time_found += 1
        else:
            got = [t.get("value") for t in over] or "nothing"
            misses.append(f"time {gt['text']!r} at {gt['start']}: want {gt['value']}, got {got}")
    for t in pred_times:
        over = [gt for gt in g.get("times", []) if meets(t, gt)]
        if over:
            c.time_pred_meeting += 1
            if any(str(t.get("value")) == gt["value"] for gt in over):
                c.time_pred_right += 1

    # Offsets: every quotation, time and figure points at what it says.
    for q in pred_quotes:
        c.offset_total += 1
        s, e = _as_int(q.get("start")), _as_int(q.get("end"))
        if s is not None and e is not None and 0 <= s <= e <= len(text) \
                and token_overlap(text[s:e], q.get("text")) >= OFFSET_MATCH:
            c.offset_right += 1
        else:
            misses.append(f"quote offsets {s}:{e} do not hold {str(q.get('text'))[:50]!r}")
    for kind in ("times", "figures"):
        for item in pred.get(kind, []):
            c.offset_total += 1
            s, e = _as_int(item.get("start")), _as_int(item.get("end"))
            if s is not None and e is not None and 0 <= s <= e <= len(text) and text[s:e] == item.get("text"):
                c.offset_right += 1
            else:
                misses.append(f"{kind[:-1]} offsets {s}:{e} do not hold {item.get('text')!r}")

    # Page furniture must never become a quotation or an event.
    facts = [normalise(x.get("text")) for k in ("quotes", "events") for x in pred.get(k, [])]
    for b in g.get("boilerplate", []):
        nb = normalise(b)
        if nb and any(nb in f for f in facts):
            c.boilerplate_leaks += 1
            misses.append(f"furniture leaked into a fact: {b!r}")
    return ArticleScore(name=article.name, counts=c, misses=misses)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    """The scored measures from (summed) counts; leak and merge counts stay counts."""
    qp, qr = _ratio(c.quote_found, c.quote_pred), _ratio(c.quote_found, c.quote_gold)
    ap, ar = _ratio(c.quote_right, c.quote_pred), _ratio(c.quote_right, c.quote_gold)
    return {
        "quote_f1": _f1(qp, qr),
        "quote_e2e_f1": _f1(ap, ar),
        "attribution": _ratio(c.quote_right, c.quote_found),
        "indirect_recall": _ratio(c.indirect_found, c.indirect_gold),
        "person_recall": _ratio(c.person_found, c.person_gold),
        "bad_merges": float(c.bad_merges),
        "offsets": _ratio(c.offset_right, c.offset_total) if c.offset_total else 1.0,
        "boilerplate_leaks": float(c.boilerplate_leaks),
        "event_recall": _ratio(c.event_found, c.event_gold),
        "event_date_precision": _ratio(c.event_pred_dated_right, c.event_pred),
        "event_status": _ratio(c.event_status_right, c.event_found),
        "figure_recall": _ratio(c.figure_found, c.figure_gold),
        "time_recall": _ratio(c.time_found, c.time_gold),
        "time_precision": _ratio(c.time_pred_right, c.time_pred_meeting),
    }


def extraction_dict(extraction: Any) -> dict[str, Any]:
    """An ``Extraction`` model (or an already plain dict) as the JSON-like dict the scorer reads."""
    if isinstance(extraction, dict):
        return extraction
    data: dict[str, Any] = json.loads(extraction.model_dump_json())
    return data
