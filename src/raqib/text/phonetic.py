"""Vowel-insensitive consonant skeletons: the phonetic key that survives abjad scripts.

Arabic and Hebrew write no short vowels and Latin spellings of one name blur many consonants
(Qasem/Kasem/Gasem, Lavrov/Lavrow, Yevgeniy/Evgeny), so two spellings of one name share a skeleton:
``لافروف`` → ``lafruf`` → ``LFRF`` and ``Lavrov`` → ``LFRF``. Skeletons collide by design (Hasan and
Husayn are both ``HSN``); they find candidates and flag likely equals, a finer score decides.
"""

from __future__ import annotations

import re

# Digraphs first (longest first), then single-letter folds.
_DIGRAPHS = (
    ("shch", "s"), ("tch", "j"), ("sch", "s"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "j"),
    ("zh", "j"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("ts", "s"), ("tz", "s"), ("ck", "k"),
    ("x", "ks"),
)
_FOLD = str.maketrans({"p": "b", "v": "f", "w": "f", "g": "k", "q": "k", "c": "k", "z": "s", "d": "t"})
_VOWELS_RE = re.compile(r"[aeiouyw']")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]")


def skeleton(token: str) -> str:
    """Consonant skeleton of a lower-case ASCII token: ``muhammad`` and ``mohamed`` → ``mhmt``."""
    text = _NON_ALNUM_RE.sub("", token)
    if not text:
        return ""
    for digraph, replacement in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, replacement)
    # A leading y/w is a consonant (Yusuf, Walid); inside a word it spells a vowel (Sergey, Lavrow).
    # Doubled letters are one sound (Muhammad = Muhamad); consonants that only meet once vowels
    # are gone stay apart (Mamluk is not Malik).
    text = "".join(ch for i, ch in enumerate(text) if i == 0 or text[i - 1] != ch)
    head = text[0] if text[0] in "yw" else ""
    body = _VOWELS_RE.sub("", text[1:] if head else text)
    if body.endswith("h") and len(body) > 1:  # final h is often a silent ta marbuta (Usamah = Usama)
        body = body[:-1]
    folded = (head + body).translate(_FOLD).replace("y", "j")
    # Folding can make new doubles of one sound (ck → kk, dt → tt): collapse those too.
    return "".join(ch for i, ch in enumerate(folded) if i == 0 or folded[i - 1] != ch or ch in "mnlr")


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
