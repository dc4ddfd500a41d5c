"""Name-part tagging: a cleaned name → typed, romanised parts ready for comparison.

Every part keeps what was written (``original``) and gets Latin spellings (``forms``), a canonical
comparison ``key`` (variant cluster, legal-form class or organisation concept), a consonant
``skeletons`` key and a ``kind`` that decides its weight: particles (al-, bin, abu), patronymics,
legal forms and generic organisation words are low-weight; honorifics are dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from raqib.text.chinese import is_company_word, is_han, word_readings
from raqib.text.chinese import words as chinese_words
from raqib.text.normalize import FIRST_GROUP, clean_name
from raqib.text.phonetic import skeleton
from raqib.text.russian import english_word
from raqib.text.scripts import ABJADS, detect_script
from raqib.text.tables import load_table
from raqib.text.translit import arabic_conventional, arabic_word_parts, ascii_key, romanize_word


class PartKind(StrEnum):
    NAME = "name"
    PATRONYMIC = "patronymic"  # Russian -ovich/-ovna: often dropped in documents
    PARTICLE = "particle"  # al-, bin, abu, van, de …
    LEGAL_FORM = "legal_form"  # LLC, ООО, PJSC …
    ORG_WORD = "org_word"  # company, bank, group … (translated between languages)
    STOPWORD = "stopword"  # the, of, and
    NUMBER = "number"
    INITIAL = "initial"
    TITLE = "title"  # Dr, Sheikh, General, MV: kept (vessel "LADY RANIA") but weighs almost nothing


# Members as module constants for the tests the aligner makes per part pair (attribute access on
# an Enum class is a slow path).
_NAME_KIND, _PARTICLE_KIND = PartKind.NAME, PartKind.PARTICLE


@dataclass(frozen=True, slots=True)
class NamePart:
    original: str
    forms: tuple[str, ...]  # lower-case ASCII spellings, most conventional first
    key: str  # canonical comparison key
    skeletons: tuple[str, ...]
    kind: PartKind
    script: str | None = None
    # Parts key the aligner's and candidate finder's caches millions of times a run: the hash is
    # computed once (a generated dataclass hash would rebuild a tuple of all fields every time).
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.original, self.forms, self.key, self.skeletons, self.kind, self.script)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple:
        # String hashes differ between processes: a pickled part recomputes its hash when loaded.
        return NamePart, (self.original, self.forms, self.key, self.skeletons, self.kind, self.script)


# Word separators: everything but letters, digits, combining marks and apostrophes inside words.
_WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*|&", re.UNICODE)
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)
_SLASHED_PREFIX_RE = re.compile(r"\b([A-Za-z])/([A-Za-z])\b")
# Dotted initials written without spaces are one acronym: "L.X.C." = "LXC" (but "M. A." stays two).
_ACRONYM_RE = re.compile(r"\b(?:[A-Za-z]\.){2,}[A-Za-z]?\b\.?")
# A dotted acronym that lost its space after a word: "IMPAN-COLS.A." = "IMPAN-COL S.A.".
_GLUED_ACRONYM_RE = re.compile(r"(?<=[A-Za-z]{3})(?=(?:[A-Z]\.){2,}(?!\w))")
_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovic", "evic", "ovitch", "evitch", "ovna", "evna", "ichna", "ogly", "oglu", "kyzy", "qizi")


@cache
def _variant_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for cluster in load_table("name_variants")["clusters"]:
        canonical = ascii_key(str(cluster[0]))
        for variant in cluster:
            # Latin spellings are keyed by their ASCII form, other scripts as written (محمد).
            text = str(variant)
            keys.setdefault(ascii_key(text) if text.isascii() else text.casefold(), canonical)
    return keys


def is_variant_key(key: str) -> bool:
    """Whether ``key`` names a known variant cluster (then spelling, not skeleton, decides)."""
    return key in _cluster_keys()


def is_bare_abd(part: NamePart) -> bool:
    """"Abdul" standing alone: the start of an Abd compound whose second half was left out."""
    return part.kind == _NAME_KIND and part.forms[0] in _particles()["abd"]


def is_kunya(part: NamePart) -> bool:
    """Abu / Umm ("father / mother of"): the name after it is a kunya, not the person's own name."""
    return part.kind == _PARTICLE_KIND and part.forms[0] in _particles()["kunya"]


@cache
def _cluster_keys() -> frozenset[str]:
    return frozenset(_variant_keys().values())


@cache
def _particles() -> dict[str, set[str]]:
    return {group: {ascii_key(w) for w in words} for group, words in load_table("particles").items()}


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(ascii_key(w) for w in load_table("honorifics")["honorifics"])


_STOPWORD_CONCEPTS = ("the", "of", "and", "in", "named_after")
_ALPHABETS = (None, "Latn", "Cyrl", "Grek")


@cache
def _phrases() -> dict[tuple[str, ...], tuple[PartKind, str]]:
    """Token sequence → (kind, class) for legal forms, organisation words and stopwords."""
    phrases: dict[tuple[str, ...], tuple[PartKind, str]] = {}
    for cls, forms in load_table("legal_forms")["classes"].items():
        for form in forms:
            phrases[_phrase_key(form)] = (PartKind.LEGAL_FORM, cls)
    for concept, words in load_table("org_words")["concepts"].items():
        kind = PartKind.STOPWORD if concept in _STOPWORD_CONCEPTS else PartKind.ORG_WORD
        for word in words:
            phrases.setdefault(_phrase_key(word), (kind, concept))
    return phrases


@cache
def legal_form_family(key: str) -> str:
    """The family of a legal-form class (``ojsc`` → ``joint_stock``); a class outside any family
    is its own."""
    for family, classes in load_table("legal_forms").get("families", {}).items():
        if key in classes:
            return family
    return key


@cache
def generic_spellings(key: str) -> tuple[str, ...]:
    """Latin spellings (spaces removed) of a legal-form class or organisation concept."""
    return tuple(sorted({"".join(words) for words, (_, cls) in _phrases().items()
                         if cls == key and all(w.isascii() for w in words)}))


def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD_RE.findall(text))


@cache
def _phrases_with_gap() -> dict[tuple[str, ...], list[tuple[int, str, tuple[PartKind, str]]]]:
    """Multi-word phrases by their words with one left out ("" in its place): (position, the word
    left out, kind and class). A typo in one long word of a phrase ("LIMITED LIABILITY COMPANI")
    still finds it."""
    found: dict[tuple[str, ...], list[tuple[int, str, tuple[PartKind, str]]]] = {}
    for words, hit in _phrases().items():
        if len(words) < 2 or hit[0] == PartKind.STOPWORD:
            continue
        for position, word in enumerate(words):
            if len(word) >= _PHRASE_TYPO_MIN:
                found.setdefault(words[:position] + ("",) + words[position + 1 :], []).append((position, word, hit))
    return found


@cache
def _gapped_words() -> frozenset[str]:
    """Words of the phrases read through a typo (those left standing beside the gap)."""
    return frozenset(w for key in _phrases_with_gap() for w in key if w)


_PHRASE_TYPO_MIN = 5  # shortest phrase word read through one typo


def _phrase_with_typo(words: tuple[str, ...]) -> tuple[PartKind, str] | None:
    # All words but the misspelt one are phrase words as written: two unknown words are no phrase.
    known = _gapped_words()
    if sum(w not in known for w in words) > 1:
        return None
    gapped = _phrases_with_gap()
    for position, written in enumerate(words):
        if len(written) < _PHRASE_TYPO_MIN - 1:
            continue
        for at, word, hit in gapped.get(words[:position] + ("",) + words[position + 1 :], ()):
            if at == position and OSA.distance(written, word, score_cutoff=1) <= 1:
                return hit
    return None


@cache
def _max_phrase_len() -> int:
    return max(len(k) for k in _phrases())


@cache
def _phrase_starts() -> frozenset[str]:
    """First tokens of the phrases: a word that starts none is looked up no further."""
    return frozenset(k[0] for k in _phrases() if k)


@lru_cache(maxsize=200_000)
def _romanize(word: str, position: int, script: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(the part's own letters, its Latin spellings) for each part of one written word."""
    if script == "Arab":
        rest = word[len(_GLUED_BIN) :]
        if word.startswith(_GLUED_BIN) and rest in _variant_keys():
            # بنحسين: Ben Hassine written as one word (Maghrebi names), only before a known name
            # (بندر Bandar is a name of its own).
            return (*arabic_word_parts(_GLUED_BIN), *arabic_word_parts(rest))
        return tuple(arabic_word_parts(word))
    if script == "Hani" and is_company_word(word):  # 華信船務: Huaxin | Shipping
        return tuple(_chinese_company_parts(word))
    return tuple((word, forms) for forms in romanize_word(word, position, script))


def _chinese_company_parts(word: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    for piece in chinese_words(word):
        if any(map(is_han, piece)):
            forms = word_readings(piece)
        else:  # a Latin word or number written into the name
            forms = next(iter(romanize_word(piece)), ())
        if forms:
            yield piece, forms


_GLUED_BIN = "بن"


@dataclass(slots=True)
class _Raw:
    original: str
    lower: str
    forms: tuple[str, ...]
    script: str | None
    comma_after: bool = False  # "AL-'ABD, Ahmad": no compound across the comma


@lru_cache(maxsize=4096)  # screening files repeat names (recent ones kept); the parts are immutable
def analyse_name(text: str) -> tuple[NamePart, ...]:
    """Typed, romanised parts of a name, in written order (raises ``NameInputError`` on bad input)."""
    cleaned = clean_name(text)
    if "." in cleaned:  # both acronym patterns need a dot (most names have none)
        cleaned = _GLUED_ACRONYM_RE.sub(" ", cleaned)
        cleaned = _ACRONYM_RE.sub(lambda m: m.group(0).replace(".", ""), cleaned)
    if "/" in cleaned:
        cleaned = _SLASHED_PREFIX_RE.sub(r"\1\2", cleaned)  # M/T, M/V: one vessel prefix
    raws: list[_Raw] = []
    has_comma = "," in cleaned
    for position, match in enumerate(_WORD_RE.finditer(cleaned)):
        word = match.group(0)
        if word == "&":
            raws.append(_Raw(word, "and", ("and",), None))
            continue
        script = detect_script(word)
        if word[-2:-1] in ("'", "’"):
            word = _POSSESSIVE_RE.sub("", word)  # Deutsche Bank's = Deutsche Bank
        # Only Hangul reads a word by its place (family name first): other words are romanised
        # once whatever their place.
        place = position if script == "Hang" else 0
        for piece in _unglued(word) if script in (None, "Latn") else (word,):
            for native, forms in _romanize(piece, place, script):
                if forms:
                    raws.append(_Raw(native, native.casefold(), forms, script))
        if has_comma and raws and cleaned[match.end() :].lstrip().startswith(","):
            raws[-1].comma_after = True
    parts = _initials_not_stopwords(_tag(_numbers_as_digits(raws)))
    surname_words = _words_before_comma(cleaned)
    return tuple(_titles_after_comma(_surnames_not_patronymics(parts, surname_words), surname_words))


# SHEIKHMuhammad, KYALa: an upper-case word and a capitalised one lost their space (not ARThAM,
# FOSSIyL; a capitalised word of two letters ends in a vowel: La, Bo, not Ts).
_CASE_GLUED_RE = re.compile(r"^([A-Z]{2,})([A-Z](?:[a-z]{2,}|[aeiouy]))$")


def _unglued(word: str) -> list[str]:
    """A Latin word that is two written together: a capitalised word after an upper-case one
    (SHEIKHMuhammad), or a legal form glued to the end (GLOBALTRANSLIMITED) or, spelled out, to the
    start (COMPANYTECHNICAL)."""
    out = []
    glued = _CASE_GLUED_RE.match(word)
    forms, long_forms = _glued_legal_forms()
    for piece in glued.groups() if glued else (word,):
        lower = piece.casefold()
        # One C-level test first: most words end (and start) with no legal form at all.
        suffix = lower.endswith(forms) and next((s for s in forms if lower.endswith(s) and len(lower) - len(s) >= 4), None)
        if suffix:
            out.extend((piece[: -len(suffix)], piece[-len(suffix) :]))
            continue
        prefix = lower.startswith(long_forms) and next(
            (s for s in long_forms if lower.startswith(s) and len(lower) - len(s) >= 4), None)
        out.extend((piece[: len(prefix)], piece[len(prefix) :]) if prefix else (piece,))
    return out


@cache
def _glued_legal_forms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Legal forms found glued to a word, longest first, and those long enough to be glued in front."""
    forms = tuple(sorted(load_table("legal_forms")["glued"], key=len, reverse=True))
    return forms, tuple(s for s in forms if len(s) >= 7)


def _words_before_comma(cleaned: str) -> int:
    """How many words come before the first comma ("SURNAME, Given …" list order), 0 if none."""
    head, comma, _ = cleaned.partition(",")
    return len(_WORD_RE.findall(head)) if comma else 0


def _surnames_not_patronymics(parts: list[NamePart], surname_words: int) -> list[NamePart]:
    """A -vich/-ovna word is a surname, not a patronymic, when it stands before the comma of
    "SURNAME, Given" or is the only full word of the name (A. P. Vetsianevich)."""
    lone = not any(p.kind == PartKind.NAME for p in parts)
    out = []
    for i, part in enumerate(parts):
        if part.kind == PartKind.PATRONYMIC and (lone or i < surname_words):
            part = NamePart(part.original, part.forms, part.key, part.skeletons, PartKind.NAME, part.script)
        out.append(part)
    return out


def _initials_not_stopwords(parts: list[NamePart]) -> list[NamePart]:
    """A one-letter stopword beside an initial is an initial: the Y of "R. Y. BAKER" is no Spanish "and"."""
    out = list(parts)
    for i, part in enumerate(parts):
        if part.kind == PartKind.STOPWORD and len(part.original) == 1:
            neighbours = parts[max(0, i - 1) : i] + parts[i + 1 : i + 2]
            if any(p.kind == PartKind.INITIAL for p in neighbours):
                letter = part.original.casefold()
                out[i] = NamePart(part.original, (letter,), letter, (letter,), PartKind.INITIAL, part.script)
    return out


def _titles_after_comma(parts: list[NamePart], surname_words: int) -> list[NamePart]:
    """"NOORZAI, Mullah Ahmed Shah": in list order the title opens the given names, after the comma;
    before it stands the surname, even one that is also a title ("SHEIKH, Muhammad Naeem")."""
    if not 0 < surname_words < len(parts) - 1 or any(p.kind in _ORGISH for p in parts):
        return parts
    honorifics = _honorifics()
    out = [  # the word just before the comma is the surname; a title may precede it (Eng MOHAMMADI, …)
        _plain_part(p.original, p.forms, p.script) if i == surname_words - 1 and p.kind == PartKind.TITLE else p
        for i, p in enumerate(parts)
    ]
    i = surname_words
    while i < len(out) - 1 and out[i].kind == PartKind.NAME and out[i].script in (None, "Latn") and out[i].forms[0] in honorifics:
        out[i] = _as_title(out[i])
        i += 1
    return out


_ORGISH = (PartKind.LEGAL_FORM, PartKind.ORG_WORD)


def _numbers_as_digits(raws: list[_Raw]) -> list[_Raw]:
    """English number words become digits: "Forty-Four" (two words) = "44"."""
    numbers = _number_words()
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        j, total = i, 0
        while j < len(raws) and raws[j].forms[0] in numbers:
            total += numbers[raws[j].forms[0]]
            j += 1
        if j > i:
            digits = str(total)
            out.append(_Raw(" ".join(r.original for r in raws[i:j]), digits, (digits,), raws[i].script))
            i = j
        else:
            out.append(raws[i])
            i += 1
    return out


@cache
def _long_phrase_words() -> frozenset[str]:
    """Words of legal forms and organisation words long enough to be recognised when split in two."""
    return frozenset(w for words in _phrases() for w in words if len(w) >= _SPLIT_WORD_MIN and w.isascii())


_SPLIT_WORD_MIN = 6  # shortest phrase word put together again from two halves


def _rejoined(raws: list[_Raw]) -> list[_Raw]:
    """A legal-form or organisation word split by a stray space ("LIAB ILITY") is one word again;
    neither half may be such a word itself."""
    words, out = _long_phrase_words(), []
    for raw in raws:
        last = out[-1] if out else None
        if (last is not None and not last.comma_after and last.script in (None, "Latn") and raw.script == last.script
                and last.lower + raw.lower in words and last.lower not in words and raw.lower not in words):
            joined = last.original + raw.original
            out[-1] = _Raw(joined, joined.casefold(), (last.lower + raw.lower,), raw.script, raw.comma_after)
            continue
        out.append(raw)
    return out


def _tag(raws: list[_Raw]) -> list[NamePart]:
    raws = _rejoined(raws)
    particles, variants = _particles(), _variant_keys()
    # Words outside every phrase read through a typo, per spelling: a span with two of them is
    # no misspelt phrase, so most spans need no typo search.
    known = _gapped_words()
    odd_lower = [r.lower not in known for r in raws]
    odd_form = [r.forms[0] not in known for r in raws]
    spelt = [_particle_spelling(r) for r in raws]  # (each word is looked up as itself and as the next's neighbour)
    abd, article = particles["abd"], particles["article"]
    out: list[NamePart] = []
    i, n = 0, len(raws)
    orgish = False
    while i < n:
        match = _phrase_at(raws, i, odd_lower, odd_form)
        if match:
            length, (kind, cls) = match
            span = raws[i : i + length]
            original = " ".join(r.original for r in span)
            out.append(NamePart(original, (cls,), cls, (cls,), kind, span[0].script))
            orgish = orgish or kind in (PartKind.LEGAL_FORM, PartKind.ORG_WORD)
            i += length
            continue
        raw = raws[i]
        form = spelt[i]
        nxt = raws[i + 1] if i + 1 < n else None
        if form in abd and nxt is not None and not raw.comma_after:
            # Abd + (article) + divine name is one name: Abd al-Rahman = Abdul Rahman = Abdulrahman.
            j = i + 1
            if nxt.forms[0] in article and j + 1 < n:
                j += 1
            target = raws[j]
            forms = tuple(dict.fromkeys("abd" + _strip_article(f) for f in target.forms))
            original = " ".join(r.original for r in raws[i : j + 1])
            out.append(_name_part(original, forms, raw.script, variants))
            i = j + 1
            continue
        if _theophoric(raw, nxt, particles):
            # Name + Allah is one name (سيف الله = Saifullah, Sayf Allah): one part, so the Arabic
            # letters are compared with the joined Latin spelling.
            forms = tuple(dict.fromkeys(f + end for f in raw.forms[:2] for end in ("ullah", "allah")))
            out.append(_name_part(f"{raw.original} {nxt.original}", forms, raw.script, variants))
            i += 2
            continue
        if nxt is not None and _is_article(form, spelt[i + 1], particles):
            out.append(NamePart(raw.original, ("al",), "al", ("l",), PartKind.PARTICLE, raw.script))
        elif form in particles["nasab"] or form in particles["kunya"] or form in particles["european"]:
            kind = PartKind.PARTICLE if n > 1 else PartKind.NAME
            key = variants.get(form, form)
            out.append(NamePart(raw.original, raw.forms, key, (skeleton(form),), kind, raw.script))
        else:
            out.append(_plain_part(raw.original, raw.forms, raw.script))
        i += 1
    if orgish:
        out = [_with_place_noun(p) for p in out]
    return _mark_titles(_nominative_after_named_after(out), orgish)


# Russian adjectives of a place, romanised: in an organisation's name the place itself.
_PLACE_ADJECTIVE_ENDINGS = ("skogo", "skaya", "skoye", "skiy", "skii", "skoe", "skoy", "sky")
_PLACE_MIN = 4  # letters of the place left: Российский "ros" is no place name


def _with_place_noun(part: NamePart) -> NamePart:
    """Уральский банк = URAL BANK, Севастопольский порт = SEVASTOPOL PORT: the place as one more
    spelling of a Cyrillic adjective (only in organisation names: in a person's name -sky is a surname)."""
    if part.kind != PartKind.NAME or part.script != "Cyrl":
        return part
    form = part.forms[0]
    for ending in _PLACE_ADJECTIVE_ENDINGS:
        if form.endswith(ending) and len(form) - len(ending) >= _PLACE_MIN:
            place = form[: -len(ending)]
            return NamePart(part.original, (*part.forms, place), part.key, (*part.skeletons, skeleton(place)), part.kind, part.script)
    return part


# Russian genitive endings, romanised, and the nominative they come from: the name after имени
# ("named after") is in the genitive (Тарасова, Минца, Дзержинского: Tarasov, Mints, Dzerzhinsky).
# (Василия: a dropped final a leaves Vasiliy.)
_GENITIVE_ENDINGS = (("skogo", ("skiy", "sky")), ("ogo", ("oy", "iy", "y")), ("a", ("",)))


def _nominative_after_named_after(parts: list[NamePart]) -> list[NamePart]:
    """Завод имени Дзержинского = DZERZHINSKY PLANT: each Cyrillic name after имени is also
    spelt in the nominative, first."""
    at = next((i for i, p in enumerate(parts) if p.kind == PartKind.STOPWORD and p.key == "named_after"), None)
    if at is None:
        return parts
    variants = _variant_keys()
    out = parts[: at + 1]
    for part in parts[at + 1 :]:
        form = part.forms[0]
        ending = next((e for e in _GENITIVE_ENDINGS if form.endswith(e[0]) and len(form) > len(e[0]) + 2), None)
        if part.kind != PartKind.NAME or part.script != "Cyrl" or ending is None:
            out.append(part)
            continue
        nominatives = tuple(form[: -len(ending[0])] + n for n in ending[1])
        renamed = _name_part(part.original, tuple(dict.fromkeys((*nominatives, *part.forms))), part.script, variants)
        out.append(NamePart(renamed.original, renamed.forms, renamed.key, renamed.skeletons, PartKind.NAME, part.script))
    return out


def _phrase_at(raws: list[_Raw], i: int, odd_lower: list[bool], odd_form: list[bool]) -> tuple[int, tuple[PartKind, str]] | None:
    """Longest legal-form / organisation-word phrase starting at ``raws[i]`` (raw or romanised
    spelling): (its length in words, kind and class)."""
    phrases, phrase_starts = _phrases(), _phrase_starts()
    n = len(raws)
    starts_phrase = raws[i].lower in phrase_starts or raws[i].forms[0] in phrase_starts
    if not starts_phrase and (i + 1 == n or odd_lower[i] and odd_lower[i + 1] and odd_form[i] and odd_form[i + 1]):
        return None  # only a misspelt phrase of two words or more could start here, with one odd word at most
    for length in range(min(_max_phrase_len(), n - i), 0, -1):
        if length == 1 and not starts_phrase:
            break
        end = i + length
        typo_lower = length > 1 and sum(odd_lower[i:end]) <= 1
        typo_form = length > 1 and sum(odd_form[i:end]) <= 1
        if not (starts_phrase or typo_lower or typo_form):
            continue  # neither spelling can be this phrase, exact or misspelt
        span = raws[i:end]
        lower = tuple(r.lower for r in span)
        romanised = tuple(r.forms[0] for r in span)
        candidates = ((lower, typo_lower),) if romanised == lower else ((lower, typo_lower), (romanised, typo_form))
        for candidate, typo in candidates:
            hit = phrases.get(candidate) if starts_phrase else None
            if hit is None and typo:
                hit = _phrase_with_typo(candidate)
            if hit is None:
                continue
            # Short single-token legal forms (AG, SA, AO, Co) count only at either end of a name.
            if hit[0] == PartKind.LEGAL_FORM and length == 1 and len(candidate[0]) <= 2:
                if n < 2 or 0 < i < n - 1:
                    continue
            # Spelled in single letters ("S. A.") it is a legal form only at the end: in front
            # of a name those are a person's initials (S. A. Bobkov).
            if hit[0] == PartKind.LEGAL_FORM and length > 1 and all(len(w) == 1 for w in candidate):
                if end != n:
                    continue
            return length, hit
    return None


@lru_cache(maxsize=20_000)  # the same word recurs across names
def _plain_part(original: str, raw_forms: tuple[str, ...], script: str | None) -> NamePart:
    """A word that is no phrase, particle or Abd name: its spellings, key, skeletons and kind."""
    forms = tuple(map(_abd_prefix, raw_forms))
    if script in (None, "Latn"):
        forms += tuple(v for f in forms for v in _latin_variants(f))
    if len(forms) > 1:
        forms = tuple(dict.fromkeys(forms))
    return _name_part(original, forms, script, _variant_keys())


def _particle_spelling(raw: _Raw) -> str:
    """The spelling particles are looked up by: as written, or an Arabic word's table spelling."""
    if raw.script == "Arab":
        return arabic_conventional(raw.original) or ""
    return raw.forms[0]


def _theophoric(raw: _Raw, nxt: _Raw | None, particles: dict[str, set[str]]) -> bool:
    return (
        nxt is not None
        and raw.script == "Arab"
        and nxt.script == "Arab"
        and nxt.forms[0] == "allah"
        and not any(raw.forms[0] in group for group in particles.values())
    )


def _is_article(form: str, following: str, particles: dict[str, set[str]]) -> bool:
    if form in ("al", "el", "ul"):
        return True
    # Sun-letter article forms (ash-Shami, ar-Rahman) only before a word with that consonant.
    return form in particles["article"] and following.startswith(form[1:])


def _latin_variants(form: str) -> list[str]:
    """Other spellings of one Latin word: without a fused article, look-alike digits as letters,
    doubled letters single (Jong-uun, Hanniball), ph as f, x as ks, ck as k, Baltic endings."""
    variants = [v for v in (_without_fused_article(form),) if v]
    # (a word of letters only, the most common, has no digit: no character is both)
    if not form.isalpha() and any(c.isdigit() for c in form) and any(c.isalpha() for c in form):
        variants.append(form.translate(_look_alike_digits()))
    single = _DOUBLED_RE.sub(FIRST_GROUP, form)
    if single != form and len(single) >= 2:
        variants.append(single)
    if "ph" in form:  # Agrophen ~ Agrofen, Joseph ~ Josef
        variants.append(form.replace("ph", "f"))
    if "x" in form[1:]:  # Alexandrov ~ Aleksandrov (Александров): x is ks in Slavic romanisation
        variants.append(form[0] + form[1:].replace("x", "ks"))
    if "ck" in form:  # Barack ~ Барак "barak", Patrick ~ Patrik
        variants.append(form.replace("ck", "k"))
    if form[-1:] == "s":
        variants.extend(_without_baltic_ending(form))
    return variants


def _without_baltic_ending(form: str) -> list[str]:
    """Lavrovs → lavrov, Sergejs → sergej (``baltic_endings``)."""
    for ending, bare in _baltic_endings():
        if form.endswith(ending) and len(form) - len(ending) >= _BALTIC_STEM_MIN:
            return [form[: -len(ending)] + bare]
    return []


_BALTIC_STEM_MIN = 3  # letters before the ending: "Ivs" is no Baltic form of anything


@cache
def _baltic_endings() -> tuple[tuple[str, str], ...]:
    """(ending, replacement), longest ending first."""
    endings = load_table("latin_forms")["baltic_endings"].items()
    return tuple(sorted(endings, key=lambda pair: -len(pair[0])))


_DOUBLED_RE = re.compile(r"([a-z])\1+")


@cache
def _look_alike_digits() -> dict[int, str]:
    return str.maketrans(load_table("latin_forms")["look_alike_digits"])


@cache
def _number_words() -> dict[str, int]:
    return {str(k): int(v) for k, v in load_table("latin_forms")["number_words"].items()}


_FUSED_ARTICLE_RE = re.compile(r"^(?:[ae]l(?=[^aeiouy])|[ae]([tdsznr])(?=\1))([a-z]{5,})$")


def _without_fused_article(form: str) -> str | None:
    """A second spelling without a fused Arabic article: Alhouri → houri, Essaadi → saadi.

    Sun letters double the consonant (es-Saadi is written Essaadi); the first spelling stays first.
    """
    match = _FUSED_ARTICLE_RE.match(form)
    return match.group(2) if match else None


def _strip_article(form: str) -> str:
    for article in ("al", "el", "ul"):
        if form.startswith(article) and len(form) > len(article) + 2:
            return form[len(article) :]
    return form


def _abd_prefix(form: str) -> str:
    """``abdulrahman`` → ``abdrahman``: one spelling for the joined theophoric name."""
    start, prefixes = _abd_prefixes()
    if not form.startswith(start):
        return form  # most words: no Abd prefix at all
    for prefix in prefixes:
        if form.startswith(prefix) and len(form) - len(prefix) >= 3:
            return "abd" + form[len(prefix) :]
    return form


@cache
def _abd_prefixes() -> tuple[str, tuple[str, ...]]:
    """The Abd prefixes other than "abd" itself, longest first, and the start they all share."""
    prefixes = tuple(p for p in sorted(_particles()["abd"], key=len, reverse=True) if p != "abd")
    return os.path.commonprefix(prefixes) if prefixes else "", prefixes


def _name_part(original: str, forms: tuple[str, ...], script: str | None, variants: dict[str, str]) -> NamePart:
    form = forms[0]
    if form.isdigit():
        return NamePart(original, forms, variants.get(form, form), (form,), PartKind.NUMBER, script)
    key = variants.get(original.casefold())
    if key is None and script == "Cyrl" and (english := english_word(original)):
        # национального = NATIONAL: the English word the lists translate it by, as one more spelling
        # (second: words are joined by their first two spellings, воздушно-космические = AEROSPACE)
        forms = (forms[0], english, *forms[1:])
        key = variants.get(english, english)
    if key is None:
        # A machine romanisation of an abjad word is no spelling of a known name: موحد "muhd" is
        # not the abbreviation Muhd (Muhammad). Abjad words join a cluster as written only.
        known = () if script in ABJADS else forms
        key = next((variants[f] for f in known if f in variants), form)
    skeletons = (skeleton(form),) if len(forms) == 1 else tuple(dict.fromkeys(skeleton(f) for f in forms))
    if len(form) == 1 and script in _ALPHABETS:  # (В. in Cyrillic too; a Han character is a name)
        kind = PartKind.INITIAL
    elif len(form) >= 7 and form.endswith(_PATRONYMIC_ENDINGS):
        kind = PartKind.PATRONYMIC
    else:
        kind = PartKind.NAME
    return NamePart(original, forms, key, skeletons, kind, script)


def _mark_titles(parts: list[NamePart], orgish: bool) -> list[NamePart]:
    """Titles in front (and Jr/Sr/III at the end) become low-weight TITLE parts.

    They are kept, not dropped, so a vessel called "LADY RANIA" still matches itself; a title
    added to a person's name ("Dr.", "Sheikh") costs the match almost nothing.
    """
    if orgish:
        return parts
    honorifics = _honorifics()
    out = list(parts)
    start = 0
    while start < len(out) - 1 and out[start].script in (None, "Latn") and out[start].forms[0] in honorifics:
        out[start] = _as_title(out[start])
        start += 1
    end = len(out)
    while end - 1 > start and out[end - 1].forms[0] in ("jr", "sr", "ii", "iii", "iv"):
        out[end - 1] = _as_title(out[end - 1])
        end -= 1
    return out


def _as_title(part: NamePart) -> NamePart:
    return NamePart(part.original, part.forms, part.forms[0], part.skeletons, PartKind.TITLE, part.script)
