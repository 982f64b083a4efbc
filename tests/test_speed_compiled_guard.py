"""The compiled engine's guard in `make test`: what would break mypyc's build, or its run, is found
without compiling (bench/compiled_check.py: mypyc's type check and IR build, seconds, no C)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.compiled_check import engine_files, problems  # noqa: E402

SHAPES = ROOT / "tests" / "data" / "compiled_shapes"


def test_the_engine_has_nothing_the_compiled_build_refuses_or_checks_at_run_time() -> None:
    assert problems(engine_files()) == []


def test_a_reused_name_given_an_any_value_and_a_name_narrowed_to_none_are_found(tmp_path: Path) -> None:
    # our own small modules of the shapes that broke the compiled engine (a34ca4c's loop, the
    # narrowed 'owner' of quotes/sieves.py) beside their fixed forms
    for module in SHAPES.glob("*.py"):
        shutil.copy(module, tmp_path / module.name)
    found = problems(sorted(p.name for p in tmp_path.glob("*.py")), root=tmp_path)
    by_file = {line.split(":")[0] for line in found}
    assert by_file == {"loop_reuse.py", "unpacked_reuse.py", "narrowed_none.py"}, found
    assert len(found) == 3, found
    reused = "'found' (typed list[re.Match[str]])"
    assert any(line.startswith("loop_reuse.py:13:") and reused in line for line in found)
    assert any(line.startswith("unpacked_reuse.py:") and "'head' (typed int)" in line for line in found)
    assert any(line.startswith("narrowed_none.py:") and 'Local variable "owner"' in line for line in found)
