"""Normalised name keys used by the harness itself (linkage, exclusion) — never by a matcher."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Case-folded words without accents or punctuation, in any script."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [t for t in _NON_WORD.split(stripped.casefold()) if t]


def name_key(text: str) -> str:
    """Order-insensitive key: ``"TOMS, Sergey"`` and ``"Sergey Toms"`` share one key."""
    return " ".join(sorted(tokens(text)))
