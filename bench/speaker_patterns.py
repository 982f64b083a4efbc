"""How often three appositive and title patterns around a speaker's name occur, and how many of
their names the extraction reads as people and as speakers.

    python -m bench.speaker_patterns [--dir ../shared/eval/realnews/allsides] [--polnear] [--show]

The patterns are found by their own regular expressions over the raw texts, independent of the
extraction they check:

- ``long title``: a cue verb, then a description of three to eight words that holds a capital
  and ends in a lower-case word, then a name ("said former State Department counterterrorism
  coordinator Daniel Benjamin");
- ``name of org``: a cue verb, a two- or three-word name, "of" and a capitalised body ("said X Y
  of the Center for ..."); ``name of org, then cue``: the same before its cue ("X Y of the
  Institute for ... said");
- ``quantified apposition``: "one of his friends, X Y" (a number or a quantifier, "of", a
  possessive or "the", a plural noun, a comma, a name).

For each occurrence: whether a person entity has a mention over the name, and whether a
quotation of the same paragraph is credited to that person. Texts are read from ../shared and
printed to the terminal only (``--show``).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.extract import lexicon as lx
from digests.extract.titles import NOT_DESC, title_class
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "realnews" / "allsides"
DEV = ROOT.parent / "shared" / "eval" / "dev" / "polnear_dev.jsonl"

_NAME = r"(?P<name>[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][\w'’-]+){1,2})(?![\w'’-])"
_CUES = r"(?:said|says|told|added|wrote|writes|noted|explained|argued|warned|asked|tweeted|according to)"
PATTERNS = {
    "long title": re.compile(
        rf"\b{_CUES}[ \t]+(?P<desc>(?:[\w.'’/-]+[ \t]+){{2,7}}[a-z][\w'’-]*)[ \t]+{_NAME}"
    ),
    "name of org": re.compile(rf"\b{_CUES}[ \t]+{_NAME}[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]"),
    "name of org, then cue": re.compile(
        rf"(?<![\w'’.-]){_NAME}[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][^.;:\"“”\n]{{0,80}}?,?[ \t]+{_CUES}\b"
    ),
    "quantified apposition": re.compile(
        r"\b(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Mm]any|[Ee]ach|[Aa]nother|[Ss]everal|[Mm]ost)[ \t]+of[ \t]+"
        r"(?:his|her|their|its|the|our|my|your)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?[a-z]+s,[ \t]+" + _NAME
    ),
}


def _is_name(words: str) -> bool:
    """Whether the matched name's words can be a person's name (no title, stop word or body)."""
    ws = words.split()
    low = ws[0].lower().rstrip(".")
    return not (
        any(title_class(w.lower().rstrip(".")) is not None for w in ws)
        or low in lx.TITLE_WORDS
        or ws[0] in lx.STOP_CAPS
        or ws[-1] in lx.ORG_HEADS
        or any(w in lx.MONTHS_DAYS for w in ws)
        or lx.place_country(words) is not None
    )


def _description(desc: str) -> bool:
    """A description before a name: a capital inside (an all lower-case one is the short form
    the extraction reads already), no function word or verb, a noun last ("coordinator")."""
    words = desc.split()
    last = words[-1]
    return (
        any(w[:1].isupper() for w in words)
        and not any(w.lower() in NOT_DESC for w in words)
        and not last.endswith(("ed", "ly", "ing"))
    )


def count(texts: list[tuple[str, str, date]], show: bool) -> Counter[str]:
    """Occurrences of each pattern in ``texts`` (id, text, published), with the names read as
    people and as the speakers of a quotation in the same paragraph."""
    c: Counter[str] = Counter()
    for ident, text, published in texts:
        hits = []
        for kind, pat in PATTERNS.items():
            for m in pat.finditer(text):
                if kind == "long title" and not _description(m.group("desc")):
                    continue
                before = text[max(0, m.start("name") - 30) : m.start("name")].split()
                if (
                    kind.startswith("name of org")
                    and before
                    and ((before[-1][:1].isupper() and before[-1][-1] not in ',.;:"”') or before[-1] == "the")
                ):
                    continue  # inside a longer capitalised name or a body's ("the Joint Chiefs of Staff")
                if _is_name(m.group("name")):
                    hits.append((kind, m))
        if not hits:
            continue
        facts = extract(text, published)
        people = [(s, e, ent.name) for ent in facts.entities if ent.type == "person" for s, e in ent.mentions]
        for kind, m in hits:
            ns, ne = m.span("name")
            person = next((n for s, e, n in people if s < ne and e > ns), None)
            p0 = text.rfind("\n", 0, ns) + 1
            p1 = text.find("\n", ne)
            p1 = len(text) if p1 < 0 else p1
            quoted = person is not None and any(
                q.speaker == person and p0 <= q.start < p1 + 400 for q in facts.quotes
            )
            c[f"{kind}: found"] += 1
            c[f"{kind}: person"] += person is not None
            c[f"{kind}: speaker"] += quoted
            if show:
                ctx = text[max(0, m.start() - 40) : m.end() + 30]
                print(f"{kind}\t{ident}\t{ns}\t{person!r}\t{quoted}\t{ctx!r}")
    return c


def main(argv: list[str] | None = None) -> int:
    """Print the counts; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--polnear", action="store_true", help="the PolNeAR dev articles instead")
    ap.add_argument("--show", action="store_true", help="print each occurrence")
    args = ap.parse_args(argv)
    texts: list[tuple[str, str, date]] = []
    if args.polnear:
        if not DEV.exists():
            print(f"no {DEV}")
            return 0
        with DEV.open(encoding="utf-8") as fh:
            for line in fh:
                a = json.loads(line)
                texts.append((a["id"], a["text"], date.fromisoformat(a["publication_date"][:10])))
    else:
        for p in sorted(args.dir.glob("*.txt")):
            art = read_path(p)
            texts.append((p.name, art.text, art.published))
    c = count(texts, args.show)
    for kind in PATTERNS:
        print(
            f"{kind}: {c[f'{kind}: found']} found, {c[f'{kind}: person']} read as a person, "
            f"{c[f'{kind}: speaker']} credited with a quotation nearby"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
