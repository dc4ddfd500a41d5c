"""Vowel-insensitive consonant skeletons: the phonetic key that survives abjad scripts.

Arabic and Hebrew write no short vowels and Latin spellings of one name blur many consonants
(Qasem/Kasem/Gasem, Lavrov/Lavrow, Yevgeniy/Evgeny), so two spellings of one name share a skeleton:
``لافروف`` → ``lafruf`` → ``LFRF`` and ``Lavrov`` → ``LFRF``. Skeletons collide by design (Hasan and
Husayn are both ``HSN``); they find candidates and flag likely equals, a finer score decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from raqib.text.normalize import FIRST_GROUP

# Digraphs first (longest first), then single-letter folds.
_DIGRAPHS = (
    ("shch", "s"), ("tch", "j"), ("dj", "j"), ("sch", "s"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "j"),
    ("zh", "j"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("ts", "s"), ("tz", "s"), ("ck", "k"),
    ("x", "ks"),
)
_FOLD = str.maketrans({"p": "b", "v": "f", "w": "f", "g": "k", "q": "k", "c": "k", "z": "s", "d": "t"})
# Inner y/w read as the vowel a, then the consonant folds (one translate does both).
_FOLD_INNER = {**_FOLD, ord("y"): "a", ord("w"): "a"}
_DROP_VOWELS = str.maketrans("", "", "aeiouyw'")
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_RUN_RE = re.compile(r"(.)\1+", re.DOTALL)  # a run of one letter: kept once


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of a lower-case ASCII token: ``muhammad`` and ``mohamed`` → ``mhmt``."""
    text = _NON_ALNUM_RE.sub("", token)
    if not text:
        return ""
    for digraph, replacement in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, replacement)
    if "c" in text:
        text = _SOFT_C_RE.sub("s", text)  # Lounici = Lounisi, Francisco = Fransisko
    # A leading y/w is a consonant (Yusuf, Walid); inside a word it spells a vowel (Sergey, Lavrow,
    # Jawhar). Letters are folded and doubles collapsed while vowels still separate them:
    # Muhammad = Muhamad and ck = k, but Aziz keeps both z's (SS) and Mamluk is not Malik.
    head = text[0] if text[0] in "yw" else ""
    folded = (text[1:] if head else text).translate(_FOLD_INNER)
    folded = _RUN_RE.sub(FIRST_GROUP, folded)
    body = folded.translate(_DROP_VOWELS)
    if body.endswith("h") and len(body) > 1:  # final h is often a silent ta marbuta (Usamah = Usama)
        body = body[:-1]
    return (head.translate(_FOLD) + body).replace("y", "j")


_VOWEL_FOLD = str.maketrans({"e": "i", "o": "u", "y": "i", "w": "u"})


def fold_vowels(token: str) -> str:
    """Consonants folded as in ``skeleton`` but vowels kept (e→i, o→u): compares written long vowels."""
    text = _NON_ALNUM_RE.sub("", token)
    for digraph, replacement in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, replacement)
    head, body = text[:1], text[1:]
    body = body.translate(_VOWEL_FOLD)
    return (head + body).translate(_FOLD)
