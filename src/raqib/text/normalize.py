"""Unicode clean-up of a name before anything else looks at it."""

from __future__ import annotations

import operator
import re
import unicodedata
from typing import Callable

MAX_NAME_CHARS = 500  # four SWIFT lines are 140; the longest SDN name is 196 characters


class NameInputError(ValueError):
    """A screening name that cannot be screened (empty, too long, no letters …)."""


# ``pattern.sub(FIRST_GROUP, text)`` = ``pattern.sub(r"\1", text)``: a C callable, where a template
# is expanded by Python code at every match (several times slower on short words).
FIRST_GROUP = operator.itemgetter(1)

# Optional pointing of abjads (Arabic harakat, shadda, tatweel; Hebrew niqqud): writers may leave it
# out, and as combining marks it would split a word in two (كُل → ك ل).
POINTING_RE = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

# Stress marks (Ру́сич): after NFKC an acute or grave accent left uncomposed has no letter of its own
# to form (Cyrillic and Greek dictionary stress) and would split the word.
_STRESS_RE = re.compile("[\u0300\u0301]")


def clean_name(text: str) -> str:
    """NFKC, abjad pointing and stress marks removed, control/format/symbol characters to spaces, collapsed whitespace;
    original case kept.

    Raises ``NameInputError`` naming the problem when nothing screenable is left.
    """
    if not isinstance(text, str):
        raise NameInputError(f"name must be a string, got {type(text).__name__}")
    if len(text) > MAX_NAME_CHARS:
        raise NameInputError(f"name too long: {len(text)} characters (limit {MAX_NAME_CHARS})")
    if text.isascii():  # NFKC leaves ASCII as it is; the table blanks the same characters
        spaced = text.translate(_ASCII_BLANKS)
    else:
        unpointed = _STRESS_RE.sub("", POINTING_RE.sub("", unicodedata.normalize("NFKC", text)))
        spaced = unpointed.translate(_BLANKS)
    cleaned = " ".join(spaced.split())  # runs of whitespace to one space, none at the ends
    if not cleaned:
        raise NameInputError("name is empty or contains only spaces, control characters or symbols")
    if not any(c.isalnum() for c in cleaned):
        raise NameInputError(f"name has no letters or digits: {cleaned!r}")
    return cleaned


def _blanked(char: str) -> bool:
    category = unicodedata.category(char)
    # Cc/Cf/Cs/Co/Cn: control, format (ZWJ, RTL marks), surrogates, private use, unassigned;
    # So/Sk: emoji and other symbols. None of them carries a name.
    return category[0] == "C" or category in ("So", "Sk")


_ASCII_BLANKS = {code: " " for code in range(128) if _blanked(chr(code))}


class CharTable(dict):
    """A ``str.translate`` table filled as characters are met (a name uses few): each character's
    value (``char_value(char)``) is worked out once per process."""

    def __init__(self, char_value: Callable[[str], str]):
        super().__init__()
        self._char_value = char_value

    def __missing__(self, code: int) -> str:
        value = self[code] = self._char_value(chr(code))
        return value


_BLANKS = CharTable(lambda char: " " if _blanked(char) else char)  # a space for a character ``_blanked``


def fold_latin(text: str) -> str:
    """Lower-case ASCII form of an already-Latin string (diacritics stripped: Viktorovič → viktorovic)."""
    if text.isascii():  # most words: nothing to decompose (casefold of ASCII is lower)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
