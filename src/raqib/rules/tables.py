"""Loading the rule tables in ``data/`` and the strict date parsing every rule module shares."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class RuleDataError(ValueError):
    """A rule table in ``raqib/rules/data`` is malformed (names the file and the key)."""


@lru_cache(maxsize=None)
def load_table(name: str) -> Any:
    text = resources.files("raqib.rules").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: str | date, what: str = "date") -> date:
    """``"2025-07-01"`` -> ``date``; anything else raises ``ValueError`` saying what was expected."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not _ISO.fullmatch(text):
        raise ValueError(f"{what} {value!r} is not in YYYY-MM-DD format")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{what} {value!r} is not a valid calendar date: {exc}") from None


def parse_published_date(value: str) -> date | None:
    """A date as OFAC prints it on entries (``26 Mar 2022``) or as a parser normalised it (ISO).

    Returns ``None`` for text that is not a full date, so the caller can fall back explicitly.
    """
    text = value.strip().rstrip(".")
    if _ISO.fullmatch(text):
        return date.fromisoformat(text)
    for fmt in ("%d %b %Y", "%d %B %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
