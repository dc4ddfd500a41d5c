"""Russian words of organisation names read as the English the lists translate them by.

A Russian organisation's name is listed in English (Фонд национального благосостояния = NATIONAL
WEALTH FUND) as often as in transliteration. Its words are inflected: each is compared by its
Snowball stem (the ``snowballstemmer`` package), so one table entry (``data/russian_words.yml``)
finds every case, gender and number of the word.
"""

from __future__ import annotations

from functools import cache, lru_cache

import snowballstemmer

from raqib.text.tables import load_table

_STEM_MIN = 4  # letters: a shorter stem says too little to be a word of the table


@cache
def _stemmer():
    return snowballstemmer.stemmer("russian")


@cache
def _table() -> dict[str, str]:
    """Stem → English word."""
    table: dict[str, str] = {}
    for english, words in load_table("russian_words")["translations"].items():
        for word in words:
            table.setdefault(_stemmer().stemWord(word.casefold()), str(english))
    return table


@cache
def _beginnings() -> frozenset[str]:
    """The first letters of every stem: most words (people's names) begin otherwise and are not stemmed."""
    return frozenset(stem[:_STEM_MIN] for stem in _table())


@lru_cache(maxsize=20_000)
def english_word(word: str) -> str | None:
    """The English word for a Russian word of an organisation name, in any of its forms."""
    word = word.casefold().replace("ё", "е")
    if word[:_STEM_MIN] not in _beginnings():
        return None
    stem = _stemmer().stemWord(word)
    return _table().get(stem) if len(stem) >= _STEM_MIN else None


def warm_up() -> None:
    english_word("национальный")
