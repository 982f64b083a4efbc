"""The opt-in compiled engine: the switch, the Makefile's rebuild rule and the bench's output check.

Nothing here compiles: `make compiled` does, out of the source tree (README "Performance").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.compiled_check import load_setup  # noqa: E402
from bench.compiled_speed import (  # noqa: E402
    OutputMismatch,
    benchmark_articles,
    check_same_output,
    output_differences,
    output_digests,
    run_engine,
)


def test_switch_off_builds_no_extension_and_on_names_every_engine_module() -> None:
    setup = load_setup()
    assert not setup.compile_requested({})
    assert not setup.compile_requested({"GEODIGEST_COMPILE": "0"})
    assert setup.compile_requested({"GEODIGEST_COMPILE": "1"})
    assert setup.ext_modules({}) == []
    sources = setup.compiled_sources()
    assert "digests/extract/pipeline.py" in sources
    assert "digests/extract/quotes/scan.py" in sources
    assert "digests/furniture.py" in sources  # called per paragraph by the engine
    engine = [s for s in sources if s.startswith("digests/extract/")]
    assert all(s.endswith(".py") for s in sources) and len(engine) == len(sources) - 1
    assert len(engine) == len(list((ROOT / "digests" / "extract").rglob("*.py")))


def test_the_development_install_runs_the_pure_engine_and_the_tree_holds_no_compiled_module() -> None:
    import digests.extract.pipeline as pipeline

    assert pipeline.__file__ is not None and pipeline.__file__.endswith(".py")
    assert Path(pipeline.__file__).is_relative_to(ROOT)
    # a compiled module beside its source would shadow edits to it
    assert not [p for p in (ROOT / "digests").rglob("*") if p.suffix in {".so", ".pyd", ".c"}]


def _make(folder: Path, *targets: str) -> str:
    proc = subprocess.run(
        ["make", "-n", *targets], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    )
    return proc.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_compiled_venv_is_rebuilt_when_a_source_changes_and_run_and_test_never_build_it(
    tmp_path: Path,
) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    files = [
        "pyproject.toml",
        "setup.py",
        "digests/extract/pipeline.py",
        "digests/resources/lexicon/cues.txt",
        "bot/cli.py",
        "adapters/slack.py",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
        os.utime(tmp_path / name, (1_000_000, 1_000_000))
    for stamp in (".venv/.installed", ".venv-compiled/.installed"):
        (tmp_path / stamp).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / stamp).touch()
        os.utime(tmp_path / stamp, (2_000_000, 2_000_000))

    assert "GEODIGEST_COMPILE" not in _make(tmp_path, "compiled")
    for target in ("run", "test", "lint", "bench-quick"):
        out = _make(tmp_path, target)
        assert out.strip() and "GEODIGEST_COMPILE" not in out and ".venv-compiled" not in out, target
    assert "--compiled .venv-compiled/bin/python" in _make(tmp_path, "bench")
    for name in files:
        os.utime(tmp_path / name, (3_000_000, 3_000_000))
        out = _make(tmp_path, "compiled")
        assert "GEODIGEST_COMPILE=1" in out and "pip install" in out, name
        assert "GEODIGEST_COMPILE" in _make(tmp_path, "bench"), name
        for target in ("run", "test"):
            assert "GEODIGEST_COMPILE" not in _make(tmp_path, target), (name, target)
        os.utime(tmp_path / name, (1_000_000, 1_000_000))


def test_the_output_check_names_each_differing_article() -> None:
    assert output_differences(["a", "b", "c"], ["a", "b", "c"]) == []
    assert output_differences(["a", "b", "c"], ["a", "x", "c"]) == [1]
    assert output_differences(["a", "b", "c"], ["a", "b"]) == [2]
    assert output_differences(["a"], ["a", "b", "c"]) == [1, 2]
    check_same_output(["a", "b"], ["a", "b"])
    with pytest.raises(OutputMismatch, match="on 2 of 3 benchmark articles \\(articles 0, 2\\)"):
        check_same_output(["a", "b", "c"], ["z", "b", "y"])


def test_an_engine_run_in_a_fresh_process_reports_its_engine_and_the_same_output() -> None:
    articles = benchmark_articles(3, corpus_size=300)
    assert len(articles) == 3
    got = run_engine(sys.executable, 3, 1, corpus_size=300)
    assert got.engine == "pure"  # the development venv's editable install
    assert len(got.wall) == 1 and len(got.cpu) == 1
    mine = output_digests(articles)
    check_same_output(mine, got.digests)
    with pytest.raises(OutputMismatch):
        check_same_output(mine, [*got.digests[:2], mine[0]])


# mypyc's front end over the engine (its type analysis, then its IR build and the run-time casts it
# would check) runs in tests/test_speed_compiled_guard.py
