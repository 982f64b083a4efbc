"""A small built-in vocabulary of geopolitical topics, and the countries articles talk about.

Topics are found by keyword rules: each topic has strong keywords (one is
enough in a short text) and weak ones (that need company). The rules are
deliberately broad and general; they tag stories so that a channel's scope
can name a topic, they do not classify finely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from digests import gazetteer
from digests.gazetteer import country_code as country_code  # re-exported: scopes and queries
from digests.gazetteer import country_name as country_name


@dataclass(frozen=True)
class Topic:
    """One topic of the vocabulary: a slug used in scopes, a label for readers, keyword rules."""

    slug: str
    label: str
    strong: tuple[str, ...]
    weak: tuple[str, ...] = ()


# Keywords are regular expressions matched case-insensitively on word boundaries;
# a trailing \w* lets one entry cover inflections ("sanction" -> "sanctioned").
_VOCABULARY: tuple[Topic, ...] = (
    Topic(
        "diplomacy",
        "Diplomacy",
        strong=(
            r"summit\w*",
            r"diplomat\w*",
            r"foreign minist\w*",
            r"state visit\w*",
            r"bilateral",
            r"envoy\w*",
            r"embass\w*",
            r"ambassador\w*",
            r"secretary of state",
            r"foreign polic\w*",
            r"memorand\w* of understanding",
            r"pacts?",
            r"accords?",
            r"treat(?:y|ies)",
            r"normali[sz]\w* (?:of )?(?:ties|relations)",
            r"multilateral\w*",
            r"united nations",
            r"g7",
            r"g20",
            r"apec",
            r"asean",
        ),
        weak=(
            r"talks",
            r"visit\w*",
            r"ties",
            r"relations",
            r"ally",
            r"allies",
            r"alliance\w*",
            r"partnership",
            r"cooperation",
            r"meeting",
            r"met with",
            r"readout",
            r"dialogue",
            r"mediat\w*",
            r"counterpart\w*",
        ),
    ),
    Topic(
        "trade",
        "Trade",
        strong=(
            r"tariff\w*",
            r"trade (?:war|deal|agreement|talks|dispute|surplus|deficit|partner\w*|barrier\w*)",
            r"free[- ]trade",
            r"export controls?",
            r"import ban\w*",
            r"protectionis\w*",
            r"world trade organi[sz]ation",
            r"wto",
            r"supply chains?",
            r"anti-dumping",
            r"customs dut\w*",
            r"bilateral trade",
            r"(?:countervailing|anti-subsidy|import|export) dut(?:y|ies)",
            r"minimum (?:import |export )?prices?",
            r"price floors?",
            r"trade routes?",
            r"shipping (?:lines?|routes?|lanes?|compan(?:y|ies)|rates?)",
            r"container (?:lines?|ships?|shipping|rates?)",
        ),
        weak=(
            r"exports?",
            r"imports?",
            r"dut(?:y|ies)",
            r"shippers?",
            r"cargo(?:es)?",
            r"freight",
            r"trade",
            r"trading",
            r"market access",
            r"quotas?",
            r"business leaders?",
            r"investment\w*",
            r"conglomerate\w*",
        ),
    ),
    Topic(
        "security",
        "Security and defence",
        strong=(
            r"defen[cs]e minist\w*",
            r"military",
            r"missile\w*",
            r"troops?",
            r"nato",
            r"warship\w*",
            r"army",
            r"navy",
            r"air force",
            r"arms (?:sale|deal|control)\w*",
            r"nuclear weapon\w*",
            r"nuclear threat\w*",
            r"deterren\w*",
            r"drills?",
            r"thaad",
            r"pentagon",
            r"intelligence agenc\w*",
            r"terroris\w*",
            r"coast guard",
            r"defen[cs]e (?:pact|budget|spending|system)\w*",
        ),
        weak=(
            r"security",
            r"defen[cs]e",
            r"weapons?",
            r"border\w*",
            r"maritime",
            r"sovereignt\w*",
            r"nuclear",
            r"militaris\w*",
            r"militariz\w*",
        ),
    ),
    Topic(
        "conflict",
        "Conflict",
        strong=(
            r"war",
            r"wars",
            r"ceasefire\w*",
            r"cease-fire\w*",
            r"airstrike\w*",
            r"air strike\w*",
            r"shelling",
            r"invasion",
            r"invad\w*",
            r"insurgen\w*",
            r"rebels?",
            r"militan\w*",
            r"offensive",
            r"casualt\w*",
            r"killed",
            r"hostages?",
            r"bombing\w*",
            r"drone strike\w*",
            r"frontline\w*",
            r"peace (?:talks|deal|plan|process)",
        ),
        weak=(
            r"fighting",
            r"clash\w*",
            r"attack\w*",
            r"violence",
            r"tensions?",
            r"dispute\w*",
            r"spat",
            r"escalat\w*",
            r"refugees?",
        ),
    ),
    Topic(
        "elections",
        "Elections",
        strong=(
            r"elections?",
            r"electoral",
            r"ballots?",
            r"polling stations?",
            r"referend\w*",
            r"voters?",
            r"runoff",
            r"run-off",
            r"re-elect\w*",
            r"primar(?:y|ies)",
            r"campaign trail",
            r"inaugurat\w*",
        ),
        weak=(
            r"vote\w*",
            r"voting",
            r"polls?",
            r"candidates?",
            r"campaign\w*",
            r"parliament\w*",
            r"coalition\w*",
            r"opposition",
            r"ruling party",
            r"administration",
        ),
    ),
    Topic(
        "energy",
        "Energy",
        strong=(
            r"oil",
            r"crude",
            r"natural gas",
            r"lng",
            r"pipelines?",
            r"opec\w*",
            r"nuclear (?:power|plant|reactor)\w*",
            r"renewabl\w*",
            r"solar",
            r"wind (?:farm|power)\w*",
            r"coal",
            r"electricity",
            r"power grid\w*",
            r"energy",
        ),
        weak=(r"fuel\w*", r"barrels?", r"refiner\w*", r"gas", r"power plant\w*", r"uranium"),
    ),
    Topic(
        "technology",
        "Technology",
        strong=(
            r"semiconductor\w*",
            r"chips?",
            r"chipmak\w*",
            r"artificial intelligence",
            r"a\.?i\.?",
            r"5g",
            r"cyber\w*",
            r"hack\w*",
            r"quantum",
            r"smartphone\w*",
            r"tech (?:giant|firm|compan)\w*",
            r"technology",
            r"satellite\w*",
            r"startups?",
            r"data protection",
            r"huawei",
            r"tiktok",
        ),
        weak=(
            r"tech",
            r"digital",
            r"software",
            r"internet",
            r"online",
            r"platform\w*",
            r"innovation",
            r"electronics",
            r"phones?",
            r"xiaomi",
            r"samsung",
        ),
    ),
    Topic(
        "human-rights",
        "Human rights",
        strong=(
            r"human rights?",
            r"crackdown\w*",
            r"political prisoner\w*",
            r"dissident\w*",
            r"detain\w*",
            r"detention\w*",
            r"censorship",
            r"persecut\w*",
            r"genocide",
            r"torture\w*",
            r"asylum",
            r"freedom of (?:speech|expression|the press|religion)",
            r"protesters?",
            r"activists?",
            r"forced labou?r",
            r"death penalty",
            r"executions?",
        ),
        weak=(r"protests?", r"arrest\w*", r"minorit\w*", r"rights", r"journalists?", r"civil society"),
    ),
    Topic(
        "economy",
        "Economy",
        strong=(
            r"gdp",
            r"inflation",
            r"recession",
            r"central bank",
            r"interest rates?",
            r"economic growth",
            r"econom(?:y|ies)",
            r"budget deficit",
            r"stimulus",
            r"currency",
            r"sovereign debt",
            r"imf",
            r"world bank",
            r"bond yields?",
            r"unemployment",
            r"mining",
            r"lithium",
            r"critical minerals",
            r"rare earths?",
        ),
        weak=(
            r"economic\w*",
            r"growth",
            r"markets?",
            r"investors?",
            r"debt",
            r"fiscal",
            r"monetary",
            r"billion",
            r"trillion",
            r"jobs",
            r"prices?",
        ),
    ),
    Topic(
        "climate",
        "Climate",
        strong=(
            r"climate",
            r"global warming",
            r"emissions?",
            r"carbon",
            r"net[- ]zero",
            r"cop\d+",
            r"paris agreement",
            r"greenhouse",
            r"decarboni[sz]\w*",
            r"heatwaves?",
            r"floods?",
            r"droughts?",
            r"wildfires?",
        ),
        weak=(r"environment\w*", r"green", r"sustainab\w*", r"weather", r"pollution"),
    ),
    Topic(
        "migration",
        "Migration",
        strong=(
            r"migra\w*",
            r"immigra\w*",
            r"emigra\w*",
            r"deport\w*",
            r"border crossings?",
            r"asylum seekers?",
            r"visa\w*",
            r"displaced",
        ),
        weak=(r"refugees?", r"borders?"),
    ),
    Topic(
        "health",
        "Health",
        strong=(
            r"pandemic\w*",
            r"epidemic\w*",
            r"vaccin\w*",
            r"outbreak\w*",
            r"world health organi[sz]ation",
            r"who",
            r"virus\w*",
            r"disease\w*",
            r"public health",
        ),
        weak=(r"health\w*", r"hospital\w*", r"medical", r"medicine\w*"),
    ),
)

TOPICS: dict[str, Topic] = {t.slug: t for t in _VOCABULARY}
"""The vocabulary, keyed by slug, in a fixed order."""

# Upper-case-only keywords: "WHO" the organisation, not the pronoun; "AI" not "ai".
_CASE_SENSITIVE = {
    r"who",
    r"a\.?i\.?",
    r"imf",
    r"wto",
    r"opec\w*",
    r"nato",
    r"lng",
    r"thaad",
    r"apec",
    r"asean",
    r"gdp",
    r"g7",
    r"g20",
}


def _compile(words: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    loose = [w for w in words if w not in _CASE_SENSITIVE]
    exact = [w.upper() for w in words if w in _CASE_SENSITIVE]
    lp = re.compile(r"(?<![\w-])(?:" + "|".join(loose) + r")(?![\w-])", re.I) if loose else None
    # The upper-cased patterns keep their regex escapes working (\W stays \W only for \w -> \W).
    ep = (
        re.compile(r"(?<![\w-])(?:" + "|".join(p.replace("\\W", "\\w") for p in exact) + r")(?![\w-])")
        if exact
        else None
    )
    return lp, ep


_RULES = {t.slug: (_compile(t.strong), _compile(t.weak)) for t in _VOCABULARY}


def _found(patterns: tuple[re.Pattern[str] | None, re.Pattern[str] | None], text: str) -> list[str]:
    return [m.lower() for p in patterns if p is not None for m in p.findall(text)]


def topic_scores(text: str) -> dict[str, int]:
    """Keyword score of every topic that ``text`` touches (strong keywords count 2, weak 1)."""
    scores: dict[str, int] = {}
    for slug, (strong, weak) in _RULES.items():
        s = 2 * len(_found(strong, text))
        weak_words = _found(weak, text)
        if s:
            # Weak keywords only strengthen a topic that a strong one has opened ...
            s += len(weak_words)
        else:
            # ... or open it together: three mentions of at least two different words.
            s = len(weak_words) if len(weak_words) >= 3 and len(set(weak_words)) >= 2 else 0
        if s:
            scores[slug] = s
    return scores


def topics_for(text: str, *, limit: int = 4) -> list[str]:
    """The topics ``text`` is about, strongest first (vocabulary order breaks ties)."""
    scores = topic_scores(text)
    if not scores:
        return []
    best = max(scores.values())
    # A topic mentioned in passing in a long text should not tag it: keep those
    # within reach of the strongest one.
    floor = max(2, best // 4)
    order = list(TOPICS)
    ranked = sorted((s for s in scores if scores[s] >= floor), key=lambda s: (-scores[s], order.index(s)))
    return ranked[:limit]


_SYNONYMS = {
    "defence": "security",
    "defense": "security",
    "military": "security",
    "war": "conflict",
    "election": "elections",
    "tech": "technology",
    "rights": "human-rights",
    "migrants": "migration",
    "immigration": "migration",
    "environment": "climate",
    "economics": "economy",
}


def topic_slug(name: str) -> str | None:
    """The slug of a topic as a user may name it ("Human rights", "human-rights", "defence"), or None."""
    key = re.sub(r"[\s_-]+", " ", name.strip().lower())
    for t in _VOCABULARY:
        if key in (t.slug.replace("-", " "), t.label.lower()):
            return t.slug
    return _SYNONYMS.get(key)


# Countries ---------------------------------------------------------------------------
# One gazetteer for extraction and digests: digests/resources/gazetteer.tsv.

# Country words are capitalised in news text: scanning runs of capitalised words and looking
# them up is far faster than one big alternation over every form.
_CAPITAL_RUN = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}")
_MAX_ALIAS_WORDS = max(len(a.split()) for a in gazetteer.counted_forms())


# Regions a channel may be about, as the countries news about them names.
REGIONS: dict[str, frozenset[str]] = {
    "east asia": frozenset({"CN", "JP", "KR", "KP", "TW", "MN", "HK"}),
    "korean peninsula": frozenset({"KR", "KP"}),
    "southeast asia": frozenset({"ID", "MY", "SG", "TH", "VN", "PH", "MM", "KH", "LA", "BN", "TL"}),
    "south asia": frozenset({"IN", "PK", "BD", "LK", "NP", "AF", "BT", "MV"}),
    "middle east": frozenset(
        {"IL", "PS", "IR", "IQ", "SY", "LB", "JO", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "EG", "TR"}
    ),
    "gulf": frozenset({"SA", "AE", "QA", "KW", "BH", "OM"}),
    "europe": frozenset(
        {
            "GB",
            "FR",
            "DE",
            "IT",
            "ES",
            "PT",
            "NL",
            "BE",
            "PL",
            "SE",
            "NO",
            "FI",
            "DK",
            "IE",
            "AT",
            "CH",
            "CZ",
            "HU",
            "RO",
            "BG",
            "GR",
            "UA",
            "MD",
            "BY",
            "RS",
            "HR",
            "SK",
            "SI",
            "LT",
            "LV",
            "EE",
        }
    ),
    "africa": frozenset(
        {
            "NG",
            "ET",
            "ZA",
            "KE",
            "EG",
            "DZ",
            "MA",
            "TN",
            "GH",
            "SN",
            "CD",
            "SD",
            "SS",
            "SO",
            "UG",
            "TZ",
            "RW",
            "ML",
            "NE",
            "BF",
            "CM",
            "AO",
            "MZ",
            "ZW",
            "LY",
        }
    ),
    "latin america": frozenset(
        {
            "MX",
            "BR",
            "AR",
            "CL",
            "PE",
            "CO",
            "VE",
            "BO",
            "EC",
            "UY",
            "PY",
            "CU",
            "NI",
            "HN",
            "GT",
            "SV",
            "PA",
            "CR",
            "DO",
            "HT",
        }
    ),
    "north america": frozenset({"US", "CA", "MX"}),
    "central asia": frozenset({"KZ", "UZ", "TM", "KG", "TJ"}),
    "oceania": frozenset({"AU", "NZ", "PG", "FJ", "SB", "VU", "WS", "TO"}),
}


@lru_cache(maxsize=1024)
def countries_matching(name: str) -> frozenset[str]:
    """Every country a scope term can mean: "Korea" is both Koreas, "Middle East" a region."""
    key = " ".join(name.strip().lower().split())
    if key.removeprefix("the ") in REGIONS:
        return REGIONS[key.removeprefix("the ")]
    word = re.compile(rf"\b{re.escape(key)}\b")
    named = gazetteer.display_names()
    if len(key) >= 4 and key not in named:
        # part of several countries' names: "Korea" is both Koreas, "Congo" both Congos
        shared = {c for n, c in named.items() if word.search(n)}
        if len(shared) > 1:
            return frozenset(shared)
    code = country_code(name)
    if code:
        return frozenset({code})
    if len(key) < 4:
        return frozenset()
    found = {c for a, c in gazetteer.counted_forms().items() if word.search(a)}
    return frozenset(found)


def countries_in(text: str) -> list[str]:
    """ISO codes of the countries ``text`` names through names, demonyms or capitals, most named first."""
    counts: dict[str, int] = {}
    for m in _CAPITAL_RUN.finditer(text):
        words = [w.rstrip(".'’-") if not w.endswith("S.") else w for w in m.group(0).split()]
        i = 0
        while i < len(words):
            for size in range(min(_MAX_ALIAS_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                key = phrase.lower().removesuffix("'s").removesuffix("’s")
                # "US" is a country, "Us" (a sentence start) a pronoun.
                if key in ("us", "uk") and not phrase[:2].isupper():
                    continue
                code = gazetteer.counted_forms().get(key)
                if code:
                    counts[code] = counts.get(code, 0) + 1
                    i += size
                    break
            else:
                i += 1
    return sorted(counts, key=lambda c: (-counts[c], c))
