"""Small value helpers every parser needs: whitespace cleanup and order-keeping de-duplication."""

from __future__ import annotations

from typing import Any

from raqib.model import Entity


def collapse(text: str | None) -> str:
    """Collapse runs of whitespace (line breaks, tabs, no-break spaces) to one space; None -> ""."""
    return " ".join((text or "").split())


def append_unique(items: list, item: Any) -> None:
    """Append ``item`` unless it is None, empty or already there (publishers repeat values)."""
    if item is not None and item != "" and item not in items:
        items.append(item)


def dedupe_lists(entity: Entity, attrs: tuple[str, ...]) -> None:
    """Keep the first of equal values in each list attribute, in published order."""
    for attr in attrs:
        unique: list[Any] = []
        for item in getattr(entity, attr):
            if item not in unique:
                unique.append(item)
        setattr(entity, attr, unique)
