"""Names written in Chinese characters: Mandarin readings, and the words of a company's name.

A person's name (two to four characters) is read character by character; the matcher joins the
syllables (习近平 ~ Xi Jinping). A company's name has no spaces: 華信船務(香港)有限公司 is
Huaxin | Shipping | (Hong Kong) | Ltd. It is cut into words, first at the words the tables know
(legal forms and organisation words in ``legal_forms.yml`` and ``org_words.yml``, translated
words in ``name_variants.yml``), then at ICU's dictionary word breaks. Characters the dictionary
leaves alone in a row are one trade name (華信 Huaxin).

Readings come from pypinyin, which reads a character by the word it stands in (长安 Chang'an,
银行 yinhang), given simplified characters (ICU Hant-Hans); ICU's own reading is kept beside it.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Callable

import icu

from raqib.text.tables import load_table

PERSON_NAME_MAX = 4  # characters: a longer name, or one holding a known word, is cut into words


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK")


@cache
def _transliterator(chain: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(chain)


@cache
def _pinyin() -> Callable[[str], list[str]]:
    """pypinyin's reader (imported on first use: its phrase tables take 0.1 s to load)."""
    from pypinyin import Style, lazy_pinyin

    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors="ignore")


def warm_up() -> None:
    """Load the readers and tables now rather than in the first Chinese-script query."""
    _pinyin()("中")
    simplified("中")
    _icu_reading("中")
    _known_words()


def simplified(text: str) -> str:
    return _transliterator("Hant-Hans").transliterate(text)


def _icu_reading(char: str) -> str:
    return _transliterator("Han-Latin; Latin-ASCII").transliterate(char).replace(" ", "").lower()


@lru_cache(maxsize=20_000)
def syllables(word: str) -> tuple[tuple[str, ...], ...]:
    """Per character of ``word`` (Han characters only), its readings: in context first, then ICU's."""
    chars = [c for c in word if is_han(c)]
    if not chars:
        return ()
    in_context = _pinyin()(simplified("".join(chars)))
    if len(in_context) != len(chars):  # (pypinyin skipped a character it has no reading for)
        in_context = [""] * len(chars)
    return tuple(
        tuple(dict.fromkeys(r for r in (ctx.lower(), _icu_reading(c)) if r.isascii() and r.isalpha()))
        for ctx, c in zip(in_context, chars)
    )


def word_readings(word: str) -> tuple[str, ...]:
    """A word read as one: its syllables joined, in context and by ICU (长安: changan, zhangan)."""
    readings = syllables(word)
    if not readings or not all(readings):
        return ()
    return tuple(dict.fromkeys(("".join(r[0] for r in readings), "".join(r[-1] for r in readings))))


def is_company_word(word: str) -> bool:
    """Whether a Han-script word is cut into words (longer than a person's name, or it holds a
    word the tables know)."""
    return sum(map(is_han, word)) > PERSON_NAME_MAX or any(_known_at(word, i) for i in range(len(word)))


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a Han-script company name: known words first (longest), ICU's word breaks in
    between, single characters in a row joined into one trade name."""
    out: list[str] = []
    stretch_start = 0
    i = 0
    while i < len(text):
        found = _known_at(text, i)
        if found:
            out.extend(_dictionary_words(text[stretch_start:i]))
            out.append(text[i : i + found])
            i += found
            stretch_start = i
        else:
            i += 1
    out.extend(_dictionary_words(text[stretch_start:]))
    return tuple(out)


def _known_at(text: str, i: int) -> int:
    """Length of the longest word the tables know at ``text[i]`` (0: none)."""
    known = _known_words()
    return next((n for n in _known_lengths() if text[i : i + n] in known), 0)


def _dictionary_words(text: str) -> list[str]:
    if not text:
        return []
    breaks = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    breaks.setText(text)
    pieces: list[str] = []
    start = breaks.first()
    for end in breaks:
        pieces.append(text[start:end])
        start = end
    out: list[str] = []
    in_run = False  # out[-1] is single characters joined: a trade name the dictionary lacks (華 信)
    for piece in pieces:
        if not any(map(is_han, piece)):
            if any(ch.isalnum() for ch in piece):  # a Latin word or number inside (華為Huawei)
                out.append(piece)
            in_run = False
        elif len(piece) > 1:
            out.append(piece)
            in_run = False
        elif in_run:
            out[-1] += piece
        else:
            out.append(piece)
            in_run = True
    return out


@cache
def _known_words() -> frozenset[str]:
    """Han-script words in the legal-form, organisation-word and name-variant tables."""
    found: set[str] = set()
    for forms in load_table("legal_forms")["classes"].values():
        found.update(forms)
    for spellings in load_table("org_words")["concepts"].values():
        found.update(spellings)
    for cluster in load_table("name_variants")["clusters"]:
        found.update(map(str, cluster))
    return frozenset(w for w in found if len(w) >= 2 and all(map(is_han, w)))


@cache
def _known_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in _known_words()}, reverse=True))
