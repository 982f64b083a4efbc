"""Which language an article is written in: letters for most scripts, frequent words for the rest.

Offline and deterministic, with no dependency: scripts with one main language (Hangul,
kana, Thai, Hebrew, Greek ...) are told by their letters; Latin and Cyrillic texts by
which language's frequent function words (``digests/data/languages.json``) cover most of
the text. ``None`` when the evidence is too thin (a short or mixed text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

# The languages the fact extractor reads; articles in others are stored without facts.
SUPPORTED = frozenset({"en"})

_SCRIPT_LANGUAGE = {
    "HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja", "THAI": "th", "HEBREW": "he", "GREEK": "el",
    "ARABIC": "ar", "DEVANAGARI": "hi", "BENGALI": "bn", "MYANMAR": "my", "GEORGIAN": "ka", "ARMENIAN": "hy",
    "TAMIL": "ta", "TELUGU": "te", "GUJARATI": "gu", "GURMUKHI": "pa", "KHMER": "km", "LAO": "lo",
    "SINHALA": "si", "ETHIOPIC": "am", "MALAYALAM": "ml", "KANNADA": "kn", "TIBETAN": "bo",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 12


@cache
def _profiles() -> dict[str, frozenset[str]]:
    raw = resources.files("digests").joinpath("data/languages.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    return {lang: frozenset(words.split()) for lang, words in table.items() if not lang.startswith("_")}


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("CJK"):
        return "CJK"
    return name.split(" ", 1)[0]


_BEYOND_LATIN = re.compile("[^\x00-\u024f]")


_NON_ASCII = re.compile("[^\x00-\x7f]")
_LETTER_RUN = re.compile(r"[^\W\d_]")


@cache
def _folds_alike(ch: str) -> bool:
    """Whether casefolding ``ch`` gives one character that ``_WORD`` takes exactly as it takes
    ``ch``: then casefolding a whole text and finding its words gives the words of the text
    each casefolded (most letters; not "İ", which folds to "i" and a combining dot)."""
    folded = ch.casefold()
    return len(folded) == 1 and (
        bool(_LETTER_RUN.match(ch)) == bool(_LETTER_RUN.match(folded))
        and (ch in "'’") == (folded in "'’")
    )


def _words(sample: str) -> list[str]:
    """The casefolded words of ``sample``: the text folded at once where that finds the same words
    (almost always), else word by word."""
    if sample.isascii() or all(_folds_alike(ch) for ch in set(_NON_ASCII.findall(sample))):
        return _WORD.findall(sample.casefold())
    return [w.casefold() for w in _WORD.findall(sample)]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:20000]
    scripts: Counter[str] = Counter()
    for ch in _BEYOND_LATIN.findall(sample):  # only letters past Latin Extended-B name a script
        if ch.isalpha():
            scripts[_script(ch)] += 1
    # no letter at all: no script and no word, None below (counted only where a script needs it)
    if scripts:
        letters = sum(map(str.isalpha, sample))
        script, count = scripts.most_common(1)[0]
        if count >= 0.3 * letters:
            if script in ("CJK", "HIRAGANA", "KATAKANA"):
                kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
                return "ja" if kana >= 0.05 * (kana + scripts["CJK"]) else "zh"
            if script in _SCRIPT_LANGUAGE:
                if script == "ARABIC" and re.search("[پچژگ]", sample):
                    return "fa"
                if script == "DEVANAGARI" and re.search(r"\bछ\b|\bहो\b|\bको\b.*\bछन्\b", sample):
                    return "ne"
                return _SCRIPT_LANGUAGE[script]
            if script != "CYRILLIC":
                return None
    words = _words(sample)
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)  # each distinct word looked up once per language
    scores = {lang: sum(counts[w] for w in vocab.intersection(counts)) for lang, vocab in _profiles().items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    # function words are about a third of running text; demand a clear lead as well
    if top < 0.08 * len(words):
        return None
    if top < 1.3 * second:
        # close languages (Danish and Norwegian): not English either way, or not told apart
        return best if best != "en" and ranked[1][0] != "en" else None
    return best


def is_supported(language: str | None) -> bool:
    """Whether facts can be extracted from text in ``language`` (unknown counts as supported)."""
    return language is None or language in SUPPORTED
