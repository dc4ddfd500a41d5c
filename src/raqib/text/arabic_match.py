"""How well an Arabic-script name part and a romanised one spell the same name.

Arabic writes consonants and long vowels, not short vowels, and each letter has several Latin
spellings (ج is j, g or dj; ق is q, k or g; ة is a, ah or eh). A small dynamic programme aligns the
Arabic letters with the Latin string: a letter may take any of its spellings, Latin vowels between
letters are free-ish (short vowels), and what is left unexplained on either side costs. The table
is data (``data/arabic_latin.yml``). ``سالم`` ~ ``Salem`` scores high, ``سالم`` ~ ``Salameh`` lower
(the Latin h and the second a have no Arabic letter), ``توتي`` ~ ``Dawood`` near zero.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from itertools import repeat

from raqib.text.tables import load_table

_LATIN_VOWELS = frozenset("aeiouy'")


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]],
                      frozenset[str], frozenset[str], dict[str, float]]:
    data = load_table("arabic_latin")
    letters, initial, final = ({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in data[table].items()}
                               for table in ("letters", "initial", "final"))
    costs = {k: float(v) for k, v in data["costs"].items()}
    return letters, initial, final, frozenset(data["long_vowels"]), frozenset(data["final_vowels"]), costs


@lru_cache(maxsize=100_000)
def arabic_latin_similarity(arabic: str, latin: str) -> float:
    """Similarity in [0, 1] of an Arabic-script part and a lower-case ASCII spelling."""
    written = _arabic_letters(arabic)
    if not written or not latin:
        return 0.0
    n, m = len(written), len(latin)
    unexplained = _latin_costs(latin)
    # One row of the table at a time: row[j] is the cheapest way to spell arabic[:i] as latin[:j].
    # Moves only go right and down: a row is final once its rightward moves are made (Latin letters
    # left without an Arabic letter, each at its cost), then the next row is made from it (the
    # letter unwritten, silent, or spelt by a stretch of Latin).
    row = [math.inf] * (m + 1)
    row[0] = 0.0
    reaches: dict[tuple[str, ...], dict[int, list[int]]] = {}
    for spellings, skip, silent in written:
        _move_right(row, unexplained)
        reach = reaches.get(spellings)
        if reach is None:
            reach = reaches[spellings] = _reach(latin, spellings)
        if silent:  # the letter may stand for nothing: the cell below costs no more
            below = [min(here, here + skip) for here in row]
        else:
            below = [here + skip for here in row]
        for j, ends in reach.items():
            here = row[j]
            for k in ends:
                if here < below[k]:
                    below[k] = here
        row = below
    _move_right(row, unexplained)
    return max(0.0, 1.0 - row[m] / (n + 0.5))


@lru_cache(maxsize=100_000)
def _arabic_letters(arabic: str) -> tuple[tuple[tuple[str, ...], float, bool], ...]:
    """The letters of an Arabic part that the table knows, each as (its spellings, the cost of
    leaving it unwritten, whether it may stand for nothing). A part is compared with many Latin
    spellings: this is worked out once."""
    letters, initial, final, long_vowels, final_vowels, costs = _table()
    unwritten_long, unwritten_letter = costs["unwritten_long"], costs["unwritten_letter"]
    known = [letter for letter in arabic if letter in letters]
    last = len(known) - 1
    out = []
    for at, letter in enumerate(known):
        if at == 0:
            spellings = initial.get(letter) or letters[letter]
        else:
            spellings = (final.get(letter) if at == last else None) or letters[letter]
        if at == last and at and letter in final_vowels:
            skip = costs["unwritten_final"]
        else:
            skip = unwritten_long if letter in long_vowels else unwritten_letter
        out.append((spellings, skip, "" in spellings))
    return tuple(out)


def _move_right(row: list[float], unexplained: tuple[float, ...]) -> None:
    """Latin letters left without an Arabic letter, each at its cost: ``row`` lowered in place."""
    here = row[0]
    for j, cost in enumerate(unexplained, 1):
        right = here + cost
        here = row[j]
        if right < here:
            here = row[j] = right


def _reach(latin: str, spellings: tuple[str, ...]) -> dict[int, list[int]]:
    """Where in ``latin`` a spelling of one letter starts → where it ends."""
    out: dict[int, list[int]] = {}
    for spelling in spellings:
        if not spelling:
            continue
        start = latin.find(spelling)
        while start != -1:
            out.setdefault(start, []).append(start + len(spelling))
            start = latin.find(spelling, start + 1)
    return out


@lru_cache(maxsize=100_000)  # a Latin spelling is compared with many Arabic parts
def _latin_costs(latin: str) -> tuple[float, ...]:
    """Cost of each Latin letter left without an Arabic letter (a short vowel costs little)."""
    costs = _table()[5]
    m = len(latin)
    out = []
    for j, ch in enumerate(latin):
        if ch in _LATIN_VOWELS:
            if j == m - 1 and ch == "e" and j > 1:
                out.append(costs["latin_final_e"])
            elif j == 0 or j == m - 1:
                out.append(costs["latin_edge_vowel"])
            elif latin[j - 1] in _LATIN_VOWELS:
                out.append(costs["latin_long_vowel"])
            else:
                out.append(costs["latin_vowel"])
        elif j and latin[j - 1] == ch:
            out.append(costs["doubled"])
        else:
            out.append(costs["extra_latin"])
    return tuple(out)


def arabic_part_similarity(native: str, latin_forms: tuple[str, ...]) -> float:
    """Best similarity of an Arabic part (as written, maybe "عبد ال رحمن") to any Latin spelling."""
    joined = native.replace(" ", "")
    if " ال " not in native and "الل" not in native:  # most parts: written one way only
        return max(map(arabic_latin_similarity, repeat(joined), latin_forms), default=0.0)
    written = {joined}
    if " ال " in native:  # Abd al-Rahman is also written Abdurrahman, Abdrahman
        written.add(native.replace(" ال ", "").replace(" ", ""))
    for allah in ("الله", "اللہ"):  # the article's alif reads u or o: Hidayatullah, Abdollah
        if allah in native:
            written.add(joined.replace(allah, "لله"))
    return max((arabic_latin_similarity(a, f) for a in written for f in latin_forms), default=0.0)
