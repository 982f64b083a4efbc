"""Dependencies point one way: bot -> adapters -> digests."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = {"discord", "slack_bolt", "slack_sdk", "aiohttp", "apscheduler", "adapters", "bot"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_engine_imports_no_platform_library() -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & PLATFORM) for p in (ROOT / "digests").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_adapters_do_not_import_bot() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "adapters").rglob("*.py") if "bot" in _imports(p)]
    assert offenders == []


def test_only_bot_reads_the_environment() -> None:
    readers = []
    for pkg in ("digests", "adapters"):
        for p in (ROOT / pkg).rglob("*.py"):
            src = p.read_text(encoding="utf-8")
            if "os.environ" in src or "getenv(" in src:
                readers.append(str(p.relative_to(ROOT)))
    assert readers == []


def _sql_users(path: Path) -> list[int]:
    """Lines that run SQL: ``execute``/``executemany``/``executescript``, a connection's ``conn``,
    or a store's ``db`` (``store.db``, ``self.store.db``)."""
    lines = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        on_store = (isinstance(node.value, ast.Name) and node.value.id == "store") or (
            isinstance(node.value, ast.Attribute) and node.value.attr == "store"
        )
        if node.attr in ("execute", "executemany", "executescript", "conn") or (
            node.attr == "db" and on_store
        ):
            lines.add(node.lineno)
    return sorted(lines)


def test_sql_lives_in_the_store() -> None:
    """Everything else asks the store (digests/store/) instead of running SQL of its own."""
    offenders = {}
    for pkg in ("digests", "adapters", "bot", "bench"):
        for p in (ROOT / pkg).rglob("*.py"):
            if p.is_relative_to(ROOT / "digests" / "store"):
                continue
            found = _sql_users(p)
            if found:
                offenders[str(p.relative_to(ROOT))] = found
    assert offenders == {}
