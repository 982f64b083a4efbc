"""The delivery ledger: which scheduled digest reached which channel, and each channel's novelty mark.

A delivery is claimed (a ``pending`` row, inserted on a UNIQUE key) before anything is
posted, its progress (``detail``, JSON) saved as parts go out, and it is marked ``sent``
(or failed) at the end; ``channel_state`` keeps the newest article a channel has seen.
The scheduler (``bot/scheduler.py``) decides; the ledger only reads and writes rows, each
write in its own transaction and conditional where two processes may race.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digests.store.connection import StoreBase


class Ledger:
    """The ``deliveries`` and ``channel_state`` tables of one store."""

    def __init__(self, store: StoreBase) -> None:
        self._store = store

    def _run(self, sql: str, params: list[object]) -> int:
        """One write in its own transaction; how many rows it changed."""
        with self._store.transaction():
            return int(self._store.db.execute(sql, params).rowcount)

    # --- reading --------------------------------------------------------------------------------

    def recorded(self, schedule: str, period_key: str) -> set[str]:
        """Channels that had this run of a schedule sent or failed (pending ones are not recorded)."""
        rows = self._store.db.execute(
            "SELECT channel FROM deliveries WHERE schedule = ? AND period_key = ? AND state != 'pending'",
            [schedule, period_key],
        ).fetchall()
        return {r[0] for r in rows}

    def pending(self, schedule: str) -> list[tuple[str, str]]:
        """(channel, period key) of a schedule's unfinished deliveries, oldest run first."""
        return [
            (r[0], r[1])
            for r in self._store.db.execute(
                "SELECT channel, period_key FROM deliveries WHERE schedule = ? AND state = 'pending' "
                "ORDER BY period_key",
                [schedule],
            ).fetchall()
        ]

    def existing(
        self, schedule: str, channel: str, period_key: str
    ) -> tuple[str, str | None, str | None] | None:
        """(state, created_at, detail) of one delivery, or None."""
        row = self._store.db.execute(
            "SELECT state, created_at, detail FROM deliveries "
            "WHERE schedule = ? AND channel = ? AND period_key = ?",
            [schedule, channel, period_key],
        ).fetchone()
        return (str(row[0]), row[1], row[2]) if row else None

    def keys(self, schedule: str, channel: str) -> set[str]:
        """Every period key a schedule (or another kind of delivery, e.g. feed alerts) has
        claimed for a channel, whatever its state."""
        rows = self._store.db.execute(
            "SELECT period_key FROM deliveries WHERE schedule = ? AND channel = ?", [schedule, channel]
        ).fetchall()
        return {str(r[0]) for r in rows}

    def novelty_mark(self, channel_key: str) -> int | None:
        """The newest article id a channel (per schedule) has been sent, or None."""
        row = self._store.db.execute(
            "SELECT last_article_id FROM channel_state WHERE channel = ?", [channel_key]
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def latest_claim(self, schedule: str, channel: str) -> str | None:
        """When the newest delivery of a schedule to a channel was claimed (ISO), or None."""
        row = self._store.db.execute(
            "SELECT max(created_at) FROM deliveries WHERE schedule = ? AND channel = ?", [schedule, channel]
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    # --- writing --------------------------------------------------------------------------------

    def claim_here(self, schedule: str, channel: str, period_key: str, created_at: str, detail: str) -> bool:
        """:meth:`claim` inside the caller's transaction (rows claimed with it commit together)."""
        return self._store.db.execute(
            "INSERT OR IGNORE INTO deliveries (schedule, channel, period_key, state, created_at, detail) "
            "VALUES (?, ?, ?, 'pending', ?, ?)",
            [schedule, channel, period_key, created_at, detail],
        ).rowcount == 1

    def claim(self, schedule: str, channel: str, period_key: str, created_at: str, detail: str) -> bool:
        """Insert a pending delivery; False when one exists already (another process has it)."""
        return self._run(
            "INSERT OR IGNORE INTO deliveries (schedule, channel, period_key, state, created_at, detail) "
            "VALUES (?, ?, ?, 'pending', ?, ?)",
            [schedule, channel, period_key, created_at, detail],
        ) == 1

    def swap_detail(self, schedule: str, channel: str, period_key: str, old: str | None, new: str) -> bool:
        """Compare-and-swap a pending delivery's whole detail: of two processes resuming it at
        once, one wins (True)."""
        return self._run(
            "UPDATE deliveries SET detail = ? WHERE schedule = ? AND channel = ? AND period_key = ? "
            "AND state = 'pending' AND detail IS ?",
            [new, schedule, channel, period_key, old],
        ) == 1

    def save_progress(self, schedule: str, channel: str, period_key: str, detail: str, token: str) -> bool:
        """Save a pending delivery's progress if ``token`` still owns it (False: the lease was lost)."""
        return self._run(
            "UPDATE deliveries SET detail = ? WHERE schedule = ? AND channel = ? AND period_key = ? "
            "AND state = 'pending' AND json_extract(detail, '$.owner.token') = ?",
            [detail, schedule, channel, period_key, token],
        ) == 1

    def release(
        self, schedule: str, channel: str, period_key: str, token: str | None, detail: str | None
    ) -> None:
        """Give up a pending delivery owned by ``token``: delete it (``detail`` None: nothing was
        posted) or keep it pending without an owner, with ``detail``, for the next catch-up."""
        if detail is None:
            self._run(
                "DELETE FROM deliveries WHERE schedule = ? AND channel = ? AND period_key = ? "
                "AND state = 'pending' AND json_extract(detail, '$.owner.token') IS ?",
                [schedule, channel, period_key, token],
            )
        else:
            self._run(
                "UPDATE deliveries SET detail = ? WHERE schedule = ? AND channel = ? AND period_key = ? "
                "AND state = 'pending' AND json_extract(detail, '$.owner.token') IS ?",
                [detail, schedule, channel, period_key, token],
            )

    def finish(self, schedule: str, channel: str, period_key: str, state: str, detail: str) -> None:
        """Record a delivery's final state (failed, skipped ...) with its detail."""
        self._run(
            "UPDATE deliveries SET state = ?, detail = ? "
            "WHERE schedule = ? AND channel = ? AND period_key = ?",
            [state, detail, schedule, channel, period_key],
        )

    def mark_sent(
        self,
        schedule: str,
        channel: str,
        period_key: str,
        sent_at: str,
        detail: str,
        novelty: tuple[str, str | None, int] | None = None,
    ) -> None:
        """Mark a delivery sent and, in the same transaction, move the channel's novelty mark
        (``novelty``: channel key, last day, last article id) forward, never backwards."""
        with self._store.transaction():
            self._store.db.execute(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, detail = ? "
                "WHERE schedule = ? AND channel = ? AND period_key = ?",
                [sent_at, detail, schedule, channel, period_key],
            )
            if novelty is not None:
                # Never move the novelty mark backwards (a catch-up of an older run).
                self._store.db.execute(
                    "INSERT INTO channel_state (channel, last_until, last_article_id) VALUES (?, ?, ?) "
                    "ON CONFLICT(channel) DO UPDATE SET last_until = excluded.last_until, "
                    "last_article_id = max(COALESCE(last_article_id, 0), excluded.last_article_id)",
                    list(novelty),
                )
