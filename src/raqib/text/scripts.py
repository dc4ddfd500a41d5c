"""Script detection (ISO 15924 codes) from Unicode character names."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

# Unicode name prefix -> ISO 15924 code
_PREFIXES = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARABIC", "Arab"),
    ("HANGUL", "Hang"),
    ("CJK", "Hani"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("GEORGIAN", "Geor"),
    ("ARMENIAN", "Armn"),
    ("THAI", "Thai"),
    ("DEVANAGARI", "Deva"),
)


# Scripts that write consonants and long vowels only; and "Latin" (None: no letters of any script).
ABJADS = frozenset({"Arab", "Hebr"})
LATIN_SCRIPTS = (None, "Latn")


@lru_cache(maxsize=8192)  # a name uses few distinct characters; their Unicode names are looked up once
def char_script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for prefix, code in _PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zyyy"


@lru_cache(maxsize=8192)  # called per word: common words recur across names
def detect_script(text: str) -> str | None:
    """The dominant script of ``text`` (``Latn``, ``Cyrl``, ``Arab``, ``Hang``, ``Hani`` …)."""
    if text.isascii():  # ASCII letters are all Latin
        return "Latn" if any(c.isalpha() for c in text) else None
    scripts = [s for s in map(char_script, text) if s]
    distinct = set(scripts)
    if len(distinct) <= 1:  # one script (most words): nothing to count
        return distinct.pop() if distinct else None
    return Counter(scripts).most_common(1)[0][0]


def scripts_in(text: str) -> set[str]:
    return {s for s in map(char_script, text) if s}
