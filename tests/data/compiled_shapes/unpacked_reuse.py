"""An unpacked pair whose first name was an int before: an Any value (json) into it."""

import json


def first_and_rest(text: str) -> tuple[int, list[str]]:
    """The count of ``text``'s words and its JSON list's rest."""
    head = len(text.split())
    head, *rest = json.loads(text)
    return head, rest
