"""Recompute the character offsets of the temporal expressions in the gold files.

Offsets are never typed by hand: after editing a gold article's text, run

    python tests/gold_offsets.py            # report offsets that no longer hold
    python tests/gold_offsets.py --fix      # rewrite them in place

Each expression is looked up as a whole phrase, in document order, after the
previous one: list the times in the order they occur in the text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def locate(text: str, times: list[dict[str, Any]]) -> list[str]:
    """Set ``start``/``end`` of every time in ``times`` (in place); return the ones not found."""
    missing, pos = [], 0
    for t in times:
        phrase = re.compile(r"(?<![\w-])" + re.escape(t["text"]) + r"(?!\w)")
        found = phrase.search(text, pos)
        if not found:
            missing.append(t["text"])
            continue
        t["start"], t["end"] = found.start(), found.end()
        pos = found.start() + 1
    return missing


def main(argv: list[str] | None = None) -> int:
    """Check or fix every gold file; exit 1 when something is wrong and not fixed."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fix", action="store_true", help="write corrected offsets back")
    args = ap.parse_args(argv)
    bad = False
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (GOLD_DIR / gold["article"]).read_text(encoding="utf-8")
        before = [(t.get("start"), t.get("end")) for t in gold["times"]]
        missing = locate(text, gold["times"])
        pairs = zip(gold["times"], before, strict=True)
        changed = [t["text"] for t, old in pairs if (t["start"], t["end"]) != old]
        for phrase in missing:
            print(f"{path.name}: {phrase!r} not found in order")
        if changed:
            print(f"{path.name}: {len(changed)} offsets {'rewritten' if args.fix else 'wrong'}: {changed}")
            if args.fix:
                path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        bad = bad or bool(missing) or (bool(changed) and not args.fix)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
