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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:20000]
    scripts: Counter[str] = Counter()
    letters = sum(map(str.isalpha, sample))
    for ch in _BEYOND_LATIN.findall(sample):  # only letters past Latin Extended-B name a script
        if ch.isalpha():
            scripts[_script(ch)] += 1
    if letters == 0:
        return None
    if scripts:
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
    words = [w.casefold() for w in _WORD.findall(sample)]
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
