"""Build switch for the compiled extraction engine; everything else about the package is in pyproject.toml.

A normal install (``pip install -e .``, ``make run``, ``make test``) builds pure Python: no
compiler, no mypy at build time. With ``GEODIGEST_COMPILE=1`` in the environment a
(non-editable) build compiles ``digests/extract/`` with mypyc into C extension modules; mypy,
which ships mypyc, then becomes a build requirement (asked for through ``setup_requires``, which
the PEP 517 backend turns into the build environment's requirements) and a C compiler and the
Python headers are needed. ``make compiled`` builds that into ``.venv-compiled/``, out of the
source tree; see README "Performance".
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
# the engine that is compiled: every module of digests/extract (what `extract` runs)
COMPILED_PACKAGE = "digests/extract"
# where mypyc writes its C sources and setuptools its objects (a relative path, from the root)
BUILD_DIR_ENV = "GEODIGEST_BUILD_DIR"
MYPY_REQUIREMENT = "mypy>=1.10"
# mypy's options for the compiled build, besides the files (bench/compiled_check.py runs its front end alike)
MYPYC_OPTIONS = ["--ignore-missing-imports", "--python-version", "3.11"]


def compile_requested(env: dict[str, str] | None = None) -> bool:
    """Whether the environment asks for the compiled engine (``GEODIGEST_COMPILE=1``)."""
    return (os.environ if env is None else env).get("GEODIGEST_COMPILE", "") == "1"


# modules outside it that the engine calls per paragraph, compiled with it so that its calls to
# them are native ones (furniture.py: printed_twice, ad_label, the bio and heading rules)
COMPILED_BESIDE = ("digests/furniture.py",)


def compiled_sources(root: Path = ROOT) -> list[str]:
    """The engine's module files, relative to ``root``, in a stable order."""
    engine = [p.relative_to(root).as_posix() for p in (root / COMPILED_PACKAGE).rglob("*.py")]
    return sorted([*engine, *(f for f in COMPILED_BESIDE if (root / f).is_file())])


def ext_modules(env: dict[str, str] | None = None) -> list[Extension]:
    """The extension modules of this build: none unless compilation is requested."""
    if not compile_requested(env):
        return []
    try:
        from mypyc.build import mypycify
    except ModuleNotFoundError:
        # The PEP 517 backend first runs this file to learn the build requirements, before mypy
        # is installed (`setup_requires` below names it); `make compiled` checks that the
        # installed engine is compiled, so a build that ends up pure is reported, not hidden.
        print("GEODIGEST_COMPILE=1 but mypyc is not importable: no extension modules", flush=True)
        return []
    build_dir = (os.environ if env is None else env).get(BUILD_DIR_ENV, "build")
    return mypycify(
        [*compiled_sources(), *MYPYC_OPTIONS],
        opt_level="3",
        target_dir=str(Path(build_dir) / "mypyc"),
    )


def main() -> None:
    """Call setuptools with the switch's extension modules and build requirements."""
    compiling = compile_requested()
    options: dict[str, dict[str, object]] = {}
    if compiling:
        build_dir = os.environ.get(BUILD_DIR_ENV, "build")
        # objects and the built library under the build folder, compiled on every core
        options = {"build": {"build_base": build_dir}, "build_ext": {"parallel": os.cpu_count() or 1}}
    setup(
        ext_modules=ext_modules(),
        setup_requires=[MYPY_REQUIREMENT] if compiling else [],
        options=options,
    )


if __name__ == "__main__":
    main()
