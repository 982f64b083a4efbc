"""A name read in the branch that narrowed it to None: mypyc refuses to compile it."""


def span_start(starts: list[int], owner_at: int | None) -> int:
    """Where a span opens: its owner's place, else the first start."""
    owner = owner_at if starts else None
    return (owner or starts[0]) if owner is None else owner
