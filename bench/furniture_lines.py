"""Which paragraphs of the real AllSides pages are furniture, and what a change to the rules did.

    python -m bench.furniture_lines save /tmp/furniture-before
    python -m bench.furniture_lines diff /tmp/furniture-before [-v]

Every article of ../shared/eval/realnews/allsides/ is read as ingest reads it and its
paragraphs flagged as the store would after ``reextract``: the general rules
(``digests.extract.text.flag_furniture``) and what each outlet repeats, learnt over the
whole set (``digests.furniture.learned_hashes``). The snapshot keeps keys only (file,
paragraph index, line hash), never the texts; ``diff`` counts the paragraphs newly
furniture (fixed) and no longer furniture (lost), and ``-v`` prints their text to read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from digests.extract.text import build_doc, flag_furniture
from digests.furniture import FREQUENT, article_lines, learned_hashes, line_hash, outlet_of
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
ALLSIDES = ROOT.parent / "shared" / "eval" / "realnews" / "allsides"


def flagged(folder: Path = ALLSIDES) -> dict[str, dict[int, tuple[int, str]]]:
    """Each file's furniture paragraphs: index -> (line hash, text)."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        art = read_path(path)
        articles.append((path.name, art.text, outlet_of(art.url, art.source)))
    by_outlet: dict[str | None, list[int]] = defaultdict(list)
    for i, (_, _, outlet) in enumerate(articles):
        by_outlet[outlet].append(i)
    lines = [article_lines(text) for _, text, _ in articles]
    out: dict[str, dict[int, tuple[int, str]]] = {}
    for i, (name, text, outlet) in enumerate(articles):
        seen: dict[int, list[int]] = defaultdict(list)
        mates = [j for j in by_outlet[outlet] if j != i] if outlet is not None else []
        for j in mates:
            for h in lines[j]:
                if h in lines[i]:
                    seen[h].append(j)
        frequent = [h for h, ids in seen.items() if len(ids) > FREQUENT]
        learned = learned_hashes(lines[i], seen, {j: len(lines[j]) for j in mates}, frequent)
        doc = build_doc(text)
        flags = flag_furniture(doc, learned)
        out[name] = {
            p.index: (line_hash(doc.text[p.start : p.end]), doc.text[p.start : p.end])
            for p in doc.paragraphs
            if p.index in flags
        }
    return out


def main(argv: list[str] | None = None) -> int:
    """Save a snapshot of the furniture keys, or diff against one."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("save", "diff"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the lines that changed")
    args = ap.parse_args(argv)
    if not ALLSIDES.is_dir():
        print(f"no AllSides articles at {ALLSIDES}", file=sys.stderr)
        return 2
    now = flagged()
    total = sum(len(v) for v in now.values())
    if args.action == "save":
        keys = {name: {str(i): h for i, (h, _) in paras.items()} for name, paras in now.items()}
        args.snapshot.write_text(json.dumps(keys, sort_keys=True), encoding="utf-8")
        print(f"{total} furniture paragraphs in {len(now)} articles saved to {args.snapshot}")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    fixed: list[tuple[str, str]] = []
    lost: list[tuple[str, int]] = []
    for name, paras in now.items():
        old = before.get(name, {})
        fixed += [(name, text) for i, (_, text) in sorted(paras.items()) if str(i) not in old]
        lost += [(name, int(i)) for i in old if int(i) not in paras]
    was = sum(len(v) for v in before.values())
    print(f"furniture paragraphs: {was} -> {total}: {len(fixed)} newly furniture, {len(lost)} no longer")
    if args.verbose:
        for name, text in fixed:
            print(f"+ {name}: {text[:160]}")
        for name, i in lost:
            print(f"- {name}: paragraph {i}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
