"""How well an Arabic-script name part and a romanised one spell the same name.

Arabic writes consonants and long vowels, not short vowels, and each letter has several Latin
spellings (ج is j, g or dj; ق is q, k or g; ة is a, ah or eh). A small dynamic programme aligns the
Arabic letters with the Latin string: a letter may take any of its spellings, Latin vowels between
letters are free-ish (short vowels), and what is left unexplained on either side costs. The table
is data (``data/arabic_latin.yml``). ``سالم`` ~ ``Salem`` scores high, ``سالم`` ~ ``Salameh`` lower
(the Latin h and the second a have no Arabic letter), ``توتي`` ~ ``Dawood`` near zero.
"""

from __future__ import annotations

from functools import cache, lru_cache

from raqib.text.tables import load_table

_LATIN_VOWELS = frozenset("aeiouy'")


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str], dict[str, float]]:
    data = load_table("arabic_latin")
    letters = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in data["letters"].items()}
    initial = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in data["initial"].items()}
    costs = {k: float(v) for k, v in data["costs"].items()}
    return letters, initial, frozenset(data["long_vowels"]), costs


@lru_cache(maxsize=100_000)
def arabic_latin_similarity(arabic: str, latin: str) -> float:
    """Similarity in [0, 1] of an Arabic-script part and a lower-case ASCII spelling."""
    letters, initial, long_vowels, costs = _table()
    arabic = "".join(ch for ch in arabic if ch in letters)
    if not arabic or not latin:
        return 0.0
    n, m = len(arabic), len(latin)
    inf = float("inf")
    # dp[i][j]: cheapest way to spell arabic[:i] as latin[:j]
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = dp[i][j]
            if here == inf:
                continue
            if j < m:
                ch = latin[j]
                if ch in _LATIN_VOWELS:
                    if j == 0 or j == m - 1:
                        step = costs["latin_edge_vowel"]
                    elif latin[j - 1] in _LATIN_VOWELS:
                        step = costs["latin_long_vowel"]
                    else:
                        step = costs["latin_vowel"]
                elif j and latin[j - 1] == ch:
                    step = costs["doubled"]
                else:
                    step = costs["extra_latin"]
                if here + step < dp[i][j + 1]:
                    dp[i][j + 1] = here + step
            if i < n:
                letter = arabic[i]
                skip = costs["unwritten_long"] if letter in long_vowels else costs["unwritten_letter"]
                if here + skip < dp[i + 1][j]:
                    dp[i + 1][j] = here + skip
                for spelling in (initial.get(letter) or letters[letter]) if i == 0 else letters[letter]:
                    if not spelling:
                        if here < dp[i + 1][j]:
                            dp[i + 1][j] = here
                    elif latin.startswith(spelling, j):
                        k = j + len(spelling)
                        if here < dp[i + 1][k]:
                            dp[i + 1][k] = here
    return max(0.0, 1.0 - dp[n][m] / (n + 0.5))


def arabic_part_similarity(native: str, latin_forms: tuple[str, ...]) -> float:
    """Best similarity of an Arabic part (as written, maybe "عبد ال رحمن") to any Latin spelling."""
    written = {native.replace(" ", "")}
    if " ال " in native:  # Abd al-Rahman is also written Abdurrahman, Abdrahman
        written.add(native.replace(" ال ", "").replace(" ", ""))
    return max((arabic_latin_similarity(a, f) for a in written for f in latin_forms), default=0.0)
