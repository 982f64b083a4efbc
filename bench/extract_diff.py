"""Snapshot extraction output and diff it after a refactor.

    python -m bench.extract_diff save /tmp/extract-before
    python -m bench.extract_diff diff /tmp/extract-before

The inputs are the sample article (published 2026-01-05), the gold articles in
tests/gold/, the demo corpus, the development sets in ../shared/eval/dev/ (PolNeAR
dev and TimeBank/AQUAINT, each text with its own publication date, as
``score_dev.py`` runs them), up to ``--realnews`` real-news articles from
../shared/eval/realnews/allsides/ (absent shared files are skipped) and ``--bench``
articles of the benchmark's generated corpus. Texts are
read from their files; only the extraction JSON is written to the snapshot.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def dev_files(folder: Path) -> list[tuple[str, Path, date | None]]:
    """The development sets' texts written as files into ``folder``: (name, file, published)."""
    out: list[tuple[str, Path, date | None]] = []
    dev = SHARED / "eval" / "dev"
    sets = (
        ("polnear", "polnear_dev.jsonl", "id", "publication_date"),
        ("tbaq", "tbaq.jsonl", "doc_id", "dct"),
    )
    for label, name, id_key, date_key in sets:
        path = dev / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            stem = f"dev__{label}__" + str(rec[id_key]).replace("/", "_")
            target = folder / f"{stem}.txt"
            target.write_text(rec["text"], encoding="utf-8")
            out.append((stem, target, date.fromisoformat(str(rec[date_key])[:10])))
    return out


def inputs(realnews: int | None, dev: Path | None = None) -> list[tuple[str, Path, date | None]]:
    """(snapshot name, file, published override) for every input that exists.

    ``dev``: a folder to write the development sets' texts into (they come as JSON lines).
    """
    out: list[tuple[str, Path, date | None]] = []
    sample = SHARED / "corpus" / "xi-lee-summit.txt"
    if sample.exists():
        out.append(("sample__xi-lee-summit", sample, date(2026, 1, 5)))
    for p in sorted((ROOT / "tests" / "gold").glob("*.txt")):
        meta = p.with_suffix(".json")
        pub = None
        if meta.exists():
            raw = json.loads(meta.read_text(encoding="utf-8")).get("published")
            pub = date.fromisoformat(raw) if raw else None
        out.append((f"gold__{p.stem}", p, pub))
    for p in sorted((ROOT / "digests" / "demo").glob("*.md")):
        out.append((f"demo__{p.stem}", p, None))
    if dev is not None:
        out.extend(dev_files(dev))
    real = SHARED / "eval" / "realnews" / "allsides"
    if real.is_dir():
        for p in sorted(real.glob("*.txt"))[:realnews]:
            out.append((f"real__{p.stem}", p, None))
    return out


def bench_files(folder: Path, n: int) -> list[tuple[str, Path, date | None]]:
    """``n`` articles of the benchmark's generated corpus (the extraction sample of ``make bench``)."""
    from bench.generator import Corpus

    if n <= 0:
        return []
    corpus = Corpus(100_000, seed=7)
    step = max(1, len(corpus) // n)
    out: list[tuple[str, Path, date | None]] = []
    for i in range(0, step * n, step):
        art = corpus.article(i)
        target = folder / f"bench__{i}.txt"
        target.write_text(art.text, encoding="utf-8")
        out.append((f"bench__{i}", target, art.published))
    return out


def run(path: Path, published: date | None) -> dict[str, object]:
    """The extraction JSON of one file."""
    article = read_path(path, published=published)
    facts = extract(article.text, published or article.published)
    data: dict[str, object] = facts.model_dump(mode="json")
    return data


def main(argv: list[str] | None = None) -> int:
    """Save or diff a snapshot; exits 1 when ``diff`` finds a difference."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mode", choices=["save", "diff"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--realnews", type=int, default=None, help="real-news articles to include (default: all)")
    ap.add_argument("--no-dev", action="store_true", help="leave out the development sets")
    ap.add_argument("--bench", type=int, default=300, help="generated benchmark articles to include")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each differing item")
    args = ap.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        return _compare(args, Path(tmp))


def _compare(args: argparse.Namespace, tmp: Path) -> int:
    changed: Counter[str] = Counter()
    files = 0
    todo = inputs(args.realnews, None if args.no_dev else tmp) + bench_files(tmp, args.bench)
    for name, path, pub in todo:
        data = run(path, pub)
        target = args.dir / f"{name}.json"
        if args.mode == "save":
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            continue
        if not target.exists():
            print(f"{name}: no snapshot")
            continue
        before = json.loads(target.read_text(encoding="utf-8"))
        if before == data:
            continue
        files += 1
        for key in sorted(set(before) | set(data)):
            old, new = before.get(key, []), data.get(key, [])
            if old == new:
                continue
            old_items = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in old]
            new_items = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in new]
            gone = Counter(old_items) - Counter(new_items)
            added = Counter(new_items) - Counter(old_items)
            if not gone and not added:
                changed[f"{key}: order"] += 1
                print(f"{name}: {key} reordered")
                continue
            changed[f"{key}: -"] += sum(gone.values())
            changed[f"{key}: +"] += sum(added.values())
            print(f"{name}: {key} -{sum(gone.values())} +{sum(added.values())}")
            if args.verbose:
                for item in gone:
                    print(f"   - {item}")
                for item in added:
                    print(f"   + {item}")
    if args.mode == "diff":
        total = len(todo)
        summary = ", ".join(f"{k} {v}" for k, v in sorted(changed.items()))
        print(f"{files} of {total} files differ; {summary}")
        return 1 if files else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
