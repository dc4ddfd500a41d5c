"""Romanisation of one name word into Latin spelling variants, per script.

Returns, for a word, a list of *parts* (a joined Arabic word such as عبدالله is two parts), each a
tuple of lower-case ASCII spelling variants, most conventional first. Generating several spellings
is cheap and lets the matcher take the best one: BGN ``Sergey`` and anyascii ``Sergei`` for
Cyrillic, Arabic and Persian letter conventions, three Korean systems.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import icu
from anyascii import anyascii

from raqib.text import chinese, russian
from raqib.text.chinese import syllables as han_syllables
from raqib.text.normalize import FIRST_GROUP, POINTING_RE, CharTable, fold_latin
from raqib.text.scripts import detect_script
from raqib.text.tables import load_table

Parts = list[tuple[str, ...]]

_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
# ICU chains per script (transliterator objects are reused: creating one per call is 20x slower).
_ICU_CHAINS = {
    "Cyrl": "Russian-Latin/BGN; Any-Latin; Latin-ASCII",
    "Grek": "Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII",
    "Hebr": "Hebrew-Latin; Latin-ASCII",
    "Jpan": "Any-Latin; Latin-ASCII",
}
_FALLBACK_CHAIN = "Any-Latin; Latin-ASCII"
# Cyrillic words are also romanised the Ukrainian and Serbian/scholarly way: the language is
# unknown, and Volodymyr / Zelenskyy / Vucic are how those names are listed.
_EXTRA_CHAINS = {
    "Cyrl": ("Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII", "Cyrillic-Latin; Latin-ASCII"),
}


@cache
def _icu(chain: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(chain)


def warm_up() -> None:
    """Create every transliterator and read every script's tables now (tens of ms each) rather
    than in the first query of a script."""
    for chain in (*_ICU_CHAINS.values(), _FALLBACK_CHAIN, *(c for extra in _EXTRA_CHAINS.values() for c in extra)):
        _icu(chain)
    _arabic_tables()
    _hangul_tables()
    _hanja()
    chinese.warm_up()
    russian.warm_up()


def ascii_key(text: str) -> str:
    """Lower-case ASCII letters and digits only (apostrophes and hyphens joined away)."""
    if text.isascii():  # nothing to fold or transliterate; most words have nothing to remove either
        lower = text.lower()
        return lower if lower.isalnum() else _NON_ALNUM_RE.sub("", lower)
    return text.translate(_ASCII_KEYS)


# A character's ASCII key. Every step of the key (case fold, decomposition with its marks dropped,
# transliteration, letters and digits kept) maps characters one by one, so a word's key is its
# characters' keys joined.
_ASCII_KEYS = CharTable(lambda char: _NON_ALNUM_RE.sub("", anyascii(fold_latin(char)).lower()))


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def romanize_word(word: str, position: int = 0, script: str | None = None) -> Parts:
    """Latin spelling variants of one word of a name; ``position`` is its index in the name."""
    script = script or detect_script(word)
    if script in (None, "Latn", "Zyyy"):
        key = ascii_key(word)
        return [(key,)] if key else []
    if script == "Arab":
        return _arabic_word(word)
    if script == "Hang":
        return _hangul_word(word, position)
    if script == "Hani":
        mandarin = list(han_syllables(word))
        korean = _korean_reading(word, position)
        if korean is not None and len(korean) == len(mandarin):
            return [_unique([*m, *k]) for m, k in zip(mandarin, korean)]
        return mandarin
    chains = [_ICU_CHAINS.get(script, _FALLBACK_CHAIN), *_EXTRA_CHAINS.get(script, ())]
    variants = _unique([*(ascii_key(_icu(chain).transliterate(word)) for chain in chains), ascii_key(word)])
    return [variants] if variants else []


# --- Arabic script ----------------------------------------------------------------------------
@cache
def _arabic_tables() -> tuple[dict, tuple[dict, dict, dict], dict, dict]:
    table = load_table("arabic_letters")
    letters = {}
    for char, value in table["letters"].items():
        values = value if isinstance(value, list) else [value]
        values = values * 3 if len(values) == 1 else values + values[:1] if len(values) == 2 else values
        letters[char] = [*values, table["egyptian"].get(char, values[0])]
    semivowels = dict(table["semivowels"])
    # (letter column, waw/ya spellings) per convention; Persian waw is u (Kioumars) or v (Navid).
    conventions = ((0, semivowels), (1, semivowels), (2, {**semivowels, **table["maghrebi_semivowels"]}),
                   (3, semivowels), (1, {**semivowels, **table["persian_semivowels"]}))
    return letters, conventions, dict(table["words"]), dict(table["prefixes"])


ARABIC_CONVENTIONS = 5  # arabic (English-style), persian, maghrebi (French-style), egyptian, persian with v


# Letter pairs Latin would read as one sound: ز+ه is "zah" not "zh", ت+ص is "tas" not "ts" (ц).
_DOUBLE_VOWEL_RE = re.compile(r"([aiu])\1+")
_DIGRAPHS = {"zh", "th", "sh", "kh", "gh", "dh", "ch", "ts", "tz", "ck", "ph"}


def _arabic_letters(word: str, convention: int) -> str:
    letters, conventions, _, _ = _arabic_tables()
    column, semis = conventions[convention]
    out: list[str] = []
    for index, char in enumerate(word):
        if char in semis:
            latin = semis[char][0 if index == 0 else 1]
        elif char in letters:
            latin = letters[char][column]
        else:
            latin = ascii_key(char)
        # Keep letter pairs apart that Latin would read as one sound (ز+ه is "zah", not "zh").
        if out and latin and out[-1][-1:] + latin[:1] in _DIGRAPHS:
            out.append("a")
        out.append(latin)
    return _DOUBLE_VOWEL_RE.sub(FIRST_GROUP, "".join(out))  # عامر: ain + alif is one a (Amer)


def _arabic_word(word: str) -> Parts:
    return [forms for _, forms in arabic_word_parts(word)]


def arabic_conventional(word: str) -> str | None:
    """The table spelling of a whole Arabic word or joined prefix (بن bin, عبد abd, ال al), if any.

    Particles are recognised by these, never by a letter-by-letter romanisation (عابد "abd" is Abid).
    """
    _, _, words, prefixes = _arabic_tables()
    return words.get(word) or prefixes.get(word)


def arabic_word_parts(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """An Arabic-script word split into name parts: (the part's own letters, Latin spellings).

    Joined particles become parts of their own: عبدالرحمن → عبد abd + ال al + رحمن rhmn.
    """
    _, _, words, prefixes = _arabic_tables()
    word = POINTING_RE.sub("", unicodedata.normalize("NFC", word))
    parts: list[tuple[str, tuple[str, ...]]] = []
    for proclitic, (letter, latin) in _proclitics().items():
        if word.startswith(proclitic) and len(word) - len(proclitic) >= _PROCLITIC_STEM_MIN:
            parts.append((letter, (latin,)))
            word = _ARTICLE + word[len(proclitic) :]
            break
    while word not in words:
        for prefix, latin in prefixes.items():
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                parts.append((prefix, (latin,)))
                word = word[len(prefix):]
                break
        else:
            break
    if word in words:
        parts.append((word, (words[word],)))
    elif word:
        forms = _unique(_arabic_letters(word, c) for c in range(ARABIC_CONVENTIONS))
        if word.endswith(_TA_MARBUTA) and forms[0].endswith("a"):
            # Read as t before the noun it belongs to: جبهة النصرة = Jabhat al-Nusra.
            forms = _unique([*forms, forms[0] + "t"])
        parts.append((word, forms))
    return parts


_TA_MARBUTA = "ة"
_ARTICLE = "ال"
_PROCLITIC_STEM_MIN = 3  # letters after wal- / lil-: والي (Wali) is a name


@cache
def _proclitics() -> dict[str, list[str]]:
    return dict(load_table("arabic_letters")["proclitics"])


# --- Hangul --------------------------------------------------------------------------------------
def _korean_reading(word: str, position: int) -> Parts | None:
    """A name in Chinese characters read as Korean (金铁三 → 김철삼 → Kim Chol Sam), if every
    character is a known name character (``data/hanja.yml``)."""
    readings = _hanja()
    hangul = [readings.get(ch) for ch in word if ch.isalpha()]
    if not hangul or None in hangul:
        return None
    return _hangul_word("".join(hangul), position)


@cache
def _hanja() -> dict[str, str]:
    return dict(load_table("hanja")["readings"])


_SYSTEMS = ("kp", "rr", "mr")


@cache
def _hangul_tables() -> dict:
    return load_table("hangul")


def _syllable(char: str) -> tuple[str, ...]:
    table = _hangul_tables()
    index = ord(char) - 0xAC00
    if not 0 <= index < 11172:
        return (ascii_key(char),)
    lead, vowel, tail = index // 588, (index % 588) // 28, index % 28
    return _unique(
        table["initials"][s][lead] + table["vowels"][s][vowel] + table["finals"][s][tail] for s in _SYSTEMS
    )


def _hangul_word(word: str, position: int) -> Parts:
    table = _hangul_tables()
    syllables = [ch for ch in word if "\uac00" <= ch <= "\ud7a3"]
    parts: Parts = []
    if position == 0 and len(syllables) >= 2 or len(syllables) == 1 and position == 0:
        # Korean names are family name first: romanise it by the conventional table.
        head = "".join(syllables[:2])
        if head in table["double_surnames"] and len(syllables) >= 3:
            parts.append(_unique("".join(_syllable(c)[0] for c in head) for _ in (0,)))
            syllables = syllables[2:]
        else:
            first = syllables[0]
            parts.append(tuple(table["surnames"].get(first, _syllable(first))))
            syllables = syllables[1:]
    # Given-name syllables stay separate parts ("Kim Jong Un"); the matcher joins them when needed.
    parts.extend(_syllable(ch) for ch in syllables)
    return parts
