"""Disjoint sets kept as a parent list (index -> parent index), as story grouping and Coming up's
event merging use them: the one root look-up; each caller decides which root a union keeps."""

from __future__ import annotations


def find(parent: list[int], x: int) -> int:
    """The root of ``x``'s set, halving the path on the way (``parent`` is updated in place)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
