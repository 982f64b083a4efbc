"""Compare two instruction counts of extraction function by function, libc's malloc set apart.

    python -m bench.callgrind_diff BEFORE_DIR AFTER_DIR [N] [--top K]

Each directory holds the two callgrind files ``python -m bench.instructions N`` leaves (``cg.0`` and
``cg.N``: the run without articles and the run with N of them). The per-article difference of
every function, ``((after.N - after.0) - (before.N - before.0)) / N``, is printed largest first,
with the total split into libc's malloc and the rest.

Why: libc's malloc costs move with the heap's layout, which the tree's path and environment
change; two runs of one commit from two folders differed by 0.43 M instructions an article, all
of it in ``_int_malloc`` and ``unlink_chunk`` (0.001 M elsewhere). A change that is meant to
leave the work alone is judged by the rest.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections import Counter
from pathlib import Path

_ROW = re.compile(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*)")
_TOTAL = "PROGRAM TOTALS"
# libc's allocator (glibc malloc.c); Python's own pools (obmalloc) are counted with the rest
_LIBC_MALLOC = "malloc/malloc.c"


def load(path: Path) -> Counter[str]:
    """Instructions by function of one callgrind file (``callgrind_annotate``), and the total."""
    out = subprocess.run(
        ["callgrind_annotate", "--threshold=100", str(path)], capture_output=True, text=True, check=True
    ).stdout
    counts: Counter[str] = Counter()
    for line in out.splitlines():
        m = _ROW.match(line)
        if m is None:
            continue
        n = int(m.group(1).replace(",", ""))
        name = m.group(2).strip()
        if name.startswith(_TOTAL):
            counts[_TOTAL] = n
        else:
            counts[name.split(" [")[0]] += n
    return counts


def per_article(before: Path, after: Path, n: int) -> dict[str, float]:
    """Each function's instructions an article, after minus before (see the module's docstring)."""
    b0, bn, a0, an = (load(d / f"cg.{k}") for d in (before, after) for k in (0, n))
    names = set(b0) | set(bn) | set(a0) | set(an)
    return {k: ((an[k] - a0[k]) - (bn[k] - b0[k])) / n for k in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=60, help="the instr.sh run's articles (default 60)")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    diff = per_article(args.before, args.after, args.n)
    total = diff.pop(_TOTAL, 0.0)
    malloc = sum(v for k, v in diff.items() if _LIBC_MALLOC in k)
    print(
        f"total {total / 1e6:+.3f} M an article: libc malloc {malloc / 1e6:+.3f} M, "
        f"the rest {(total - malloc) / 1e6:+.3f} M"
    )
    for name, v in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[: args.top]:
        print(f"{v / 1e6:+9.3f} M  {name[-110:]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
