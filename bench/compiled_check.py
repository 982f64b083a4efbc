"""What would break the compiled engine, found without a C compiler: mypyc's front end over the engine.

    python -m bench.compiled_check [FILE ...]

``make compiled`` compiles ``digests/extract`` with mypyc (minutes); ``make test`` never does.
Two kinds of code that CPython and mypy accept break it, and this module finds both in seconds,
with the options ``setup.py`` gives mypyc:

- what mypyc refuses to compile: its IR builder's errors, e.g. 'Local variable "owner" has
  inferred type None' where a name is read in a branch that narrowed it to None
  (``(owner or c) if owner is None else owner``). The build then fails and ``make compiled``
  installs the pure engine.
- what it compiles into a type check that fails at run time: a name already typed one way
  (mypy infers a variable's type from its first assignment) given a value typed ``Any``. mypy
  lets an ``Any`` in anywhere; mypyc casts it to the name's type and raises TypeError if it is
  not one: ``found = matches(...)`` (a list) then ``for found in PATTERN.findall(words)`` (``Any``:
  each a str) was 'TypeError: list object expected; got str' on every progressive sentence (the
  a34ca4c case). Such an assignment (or ``for`` target, or item of an unpacked target) is
  reported unless it carries its own annotation (``width: int = sub.getwidth()[1]``), which says
  the cast is meant.

Exit status 1 and one line a problem when it finds any; ``tests/test_speed_compiled_guard.py``
runs it over the engine in ``make test``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

from mypy.errors import CompileError
from mypy.fscache import FileSystemCache
from mypy.nodes import (
    AssignmentStmt,
    Block,
    ClassDef,
    Decorator,
    Expression,
    ForStmt,
    FuncDef,
    IfStmt,
    ListExpr,
    MatchStmt,
    MypyFile,
    NameExpr,
    Node,
    OverloadedFuncDef,
    StarExpr,
    TryStmt,
    TupleExpr,
    Var,
    WhileStmt,
    WithStmt,
)
from mypy.types import AnyType, Type, get_proper_type
from mypyc.build import construct_groups, get_mypy_config
from mypyc.codegen import emitmodule
from mypyc.errors import Errors
from mypyc.irbuild.mapper import Mapper
from mypyc.options import CompilerOptions

ROOT = Path(__file__).resolve().parent.parent


def load_setup() -> ModuleType:
    """The build's switch (setup.py, not a package module): its list of sources and mypy options."""
    spec = importlib.util.spec_from_file_location("geodigest_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def engine_files(root: Path = ROOT) -> list[str]:
    """The compiled engine's module files (``setup.compiled_sources``), relative to ``root``."""
    files: list[str] = load_setup().compiled_sources(root)
    return files


def _is_any(t: Type | None) -> bool:
    return t is not None and isinstance(get_proper_type(t), AnyType)


def _statements(node: Node) -> Iterator[Node]:
    """``node`` and every statement inside it, nested functions and classes included."""
    yield node
    kids: list[Node | None] = []
    if isinstance(node, MypyFile):
        kids = list(node.defs)
    elif isinstance(node, Block):
        kids = list(node.body)
    elif isinstance(node, FuncDef):
        kids = [node.body]
    elif isinstance(node, Decorator):
        kids = [node.func]
    elif isinstance(node, OverloadedFuncDef):
        kids = [*node.items, node.impl]
    elif isinstance(node, ClassDef):
        kids = [node.defs]
    elif isinstance(node, IfStmt):
        kids = [*node.body, node.else_body]
    elif isinstance(node, (WhileStmt, ForStmt)):
        kids = [node.body, node.else_body]
    elif isinstance(node, WithStmt):
        kids = [node.body]
    elif isinstance(node, TryStmt):
        kids = [node.body, *node.handlers, node.else_body, node.finally_body]
    elif isinstance(node, MatchStmt):
        kids = list(node.bodies)
    for kid in kids:
        if kid is not None:
            yield from _statements(kid)


def _names(target: Expression) -> Iterator[NameExpr]:
    if isinstance(target, NameExpr):
        yield target
    elif isinstance(target, (TupleExpr, ListExpr)):
        for item in target.items:
            yield from _names(item)
    elif isinstance(target, StarExpr):
        yield from _names(target.expr)


def any_into_typed(node: Node, types: dict[Expression, Type], path: str) -> list[str]:
    """The assignments under ``node`` of an ``Any`` value to a name typed otherwise before."""
    found: list[str] = []
    for stmt in _statements(node):
        targets: list[Expression] = []
        if isinstance(stmt, AssignmentStmt) and stmt.type is None and _is_any(types.get(stmt.rvalue)):
            targets = stmt.lvalues
        elif isinstance(stmt, ForStmt) and stmt.index_type is None and _is_any(stmt.inferred_item_type):
            targets = [stmt.index]
        for target in targets:
            for name in _names(target):
                var = name.node
                if not isinstance(var, Var) or var.type is None or _is_any(var.type) or name.is_inferred_def:
                    continue  # not a name typed before this assignment
                found.append(
                    f"{path}:{stmt.line}: error: {name.name!r} (typed {var.type}) is given a value"
                    " typed Any: the compiled engine checks it at run time (a new name, or"
                    " annotate the assignment)"
                )
    return found


def problems(files: Sequence[str], root: Path = ROOT) -> list[str]:
    """mypyc's errors over ``files`` (paths relative to ``root``) and the ``Any`` assignments it
    would check at run time, one line each; empty when the compiled engine would build and run."""
    options = CompilerOptions(multi_file=False, separate=False)
    fscache = FileSystemCache()
    previous = Path.cwd()
    try:
        # mypy reads its configuration (pyproject.toml) and the files from the working folder
        os.chdir(root)
        args = [*files, *load_setup().MYPYC_OPTIONS]
        sources, _all, mypy_options = get_mypy_config(args, None, options, fscache)
        groups = construct_groups(sources, False, False, None)
        try:
            result = emitmodule.parse_and_typecheck(sources, mypy_options, options, groups, fscache)
        except CompileError as e:
            return list(e.messages)
        if result.errors:
            return list(result.errors)
        errors = Errors(mypy_options)
        mapper = Mapper({source.module: lib for group, lib in groups for source in group})
        result.manager.errors.set_file("<mypyc>", module=None, scope=None, options=result.manager.options)
        emitmodule.compile_modules_to_ir(result, mapper, options, errors)
    finally:
        os.chdir(previous)
    out = [m for m in errors.new_messages() if ": error:" in m]
    for source in sources:
        state = result.graph[source.module]
        if state.tree is not None:
            out += any_into_typed(state.tree, result.types, state.xpath)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the problems of the given files (the engine's by default); 1 when there are any."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="module files (default: digests/extract)")
    args = parser.parse_args(argv)
    found = problems(args.files or engine_files())
    print("\n".join(found) if found else "compiled engine check: no problem")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
