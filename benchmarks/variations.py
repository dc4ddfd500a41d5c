"""Name variations compliance testers use to probe a screening system.

Each variation is a pure function ``(name, rng, tables) -> str | None``: it returns the varied
name, or ``None`` when it does not apply to that name (a one-word name has no word order to
swap). Randomness only comes from the caller's seeded ``random.Random``. Vocabularies live in
``data/variations.yml``.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

DATA = Path(__file__).parent / "data" / "variations.yml"


@dataclass(frozen=True)
class Tables:
    transliteration: tuple[tuple[str, str], ...]
    person_titles: tuple[str, ...]
    vessel_prefixes: tuple[str, ...]
    legal_forms: tuple[tuple[str, ...], ...]
    truncate_to: int


@lru_cache(maxsize=1)
def load_tables(path: Path = DATA) -> Tables:
    raw = yaml.safe_load(path.read_text("utf-8"))
    return Tables(
        transliteration=tuple((str(a), str(b)) for a, b in raw["transliteration"]),
        person_titles=tuple(raw["person_titles"]),
        vessel_prefixes=tuple(raw["vessel_prefixes"]),
        legal_forms=tuple(tuple(str(f) for f in group) for group in raw["legal_forms"]),
        truncate_to=int(raw["truncate_to"]),
    )


Variation = Callable[[str, random.Random, Tables], "str | None"]


def _tokens(name: str) -> list[str]:
    return name.replace(",", " ").split()


def transliteration(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Swap one spelling for its transliteration variant (``ou``→``u``, ``Mohammed``→``Muhammad``)."""
    options: list[tuple[re.Pattern[str], str]] = []
    for a, b in tables.transliteration:
        for src, dst in ((a, b), (b, a)):
            pattern = re.compile(re.escape(src), re.IGNORECASE)
            if pattern.search(name):
                options.append((pattern, dst))
    if not options:
        return None
    pattern, dst = rng.choice(options)
    matches = list(pattern.finditer(name))
    m = rng.choice(matches)
    found = m.group(0)
    repl = dst.upper() if found.isupper() and len(found) > 1 else (dst.capitalize() if found[0].isupper() else dst)
    return name[: m.start()] + repl + name[m.end() :]


def word_order(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Move the last word to the front (surname-first vs given-name-first conventions)."""
    tokens = _tokens(name)
    if len(tokens) < 2:
        return None
    return " ".join([tokens[-1], *tokens[:-1]])


def drop_middle(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Drop one middle name (patronymic, nasab element) of a person with three or more names."""
    if "," in name:  # list order "SURNAME, Given Middle": middle names follow the first given name
        surname, _, given = name.partition(",")
        parts = given.split()
        if len(parts) < 2:
            return None
        i = rng.randrange(1, len(parts))
        return f"{surname.strip()}, {' '.join(parts[:i] + parts[i + 1:])}"
    tokens = _tokens(name)
    if len(tokens) < 3:
        return None
    i = rng.randrange(1, len(tokens) - 1)
    return " ".join(tokens[:i] + tokens[i + 1 :])


def initials(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Given names reduced to initials, surname kept (``M. A. Al-Houri``), as testers write them.

    List order ``SURNAME, Given Middle`` tells the surname; otherwise the last word is taken as it.
    """
    if "," in name:
        surname, given = (part.split() for part in name.split(",", 1))
    else:
        tokens = name.split()
        surname, given = tokens[-1:], tokens[:-1]
    if not surname or not given:
        return None
    return " ".join([*(f"{t[0]}." for t in given), *surname])


def typo(name: str, rng: random.Random, tables: Tables) -> str | None:
    """One keyboard slip (substitution, deletion, insertion or transposition) in a word of 5+ letters."""
    tokens = _tokens(name)
    candidates = [i for i, t in enumerate(tokens) if len(t) >= 5 and t.isalpha()]
    if not candidates:
        return None
    i = rng.choice(candidates)
    word = tokens[i]
    pos = rng.randrange(1, len(word) - 1)  # testers keep the first letter
    letter = rng.choice(string.ascii_lowercase)
    letter = letter.upper() if word.isupper() else letter
    kind = rng.choice(("sub", "del", "ins", "swap"))
    if kind == "sub":
        word = word[:pos] + letter + word[pos + 1 :]
    elif kind == "del":
        word = word[:pos] + word[pos + 1 :]
    elif kind == "ins":
        word = word[:pos] + letter + word[pos:]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    tokens[i] = word
    return " ".join(tokens)


def join_split(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Join two adjacent words (``Abdul Rahman``→``Abdulrahman``) or split a long word."""
    tokens = _tokens(name)
    long_words = [i for i, t in enumerate(tokens) if len(t) >= 8 and t.isalpha()]
    if len(tokens) >= 2 and (not long_words or rng.random() < 0.5):
        i = rng.randrange(len(tokens) - 1)
        return " ".join(tokens[:i] + [tokens[i] + tokens[i + 1]] + tokens[i + 2 :])
    if not long_words:
        return None
    i = rng.choice(long_words)
    cut = len(tokens[i]) // 2
    return " ".join(tokens[:i] + [tokens[i][:cut], tokens[i][cut:]] + tokens[i + 1 :])


def legal_form_swap(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Write the company's legal form another way (``LLC``↔``OOO``↔``Limited Liability Company``)."""
    found: list[tuple[re.Match[str], tuple[str, ...]]] = []
    for group in tables.legal_forms:
        for form in sorted(group, key=len, reverse=True):
            m = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", name, re.IGNORECASE)
            if m:
                found.append((m, group))
                break
    if not found:
        return None
    m, group = rng.choice(found)
    others = [f for f in group if f.lower() != m.group(0).lower()]
    replacement = rng.choice(others) if others else ""
    return re.sub(r"\s+", " ", (name[: m.start()] + replacement + name[m.end() :])).strip(" ,")


def title_added(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Prefix an honorific (persons) or a vessel prefix (``M/V``)."""
    return f"{rng.choice(tables.person_titles)} {name}"


def vessel_prefix(name: str, rng: random.Random, tables: Tables) -> str | None:
    return f"{rng.choice(tables.vessel_prefixes)} {name}"


def truncate(name: str, rng: random.Random, tables: Tables) -> str | None:
    """Cut to the width of a payment message field (35 characters)."""
    if len(name) <= tables.truncate_to:
        return None
    return name[: tables.truncate_to]


# Which variations apply to which kind of entity.
BY_SCHEMA: dict[str, dict[str, Variation]] = {
    "person": {
        "transliteration": transliteration,
        "word_order": word_order,
        "drop_middle": drop_middle,
        "initials": initials,
        "typo": typo,
        "join_split": join_split,
        "title_added": title_added,
        "truncate35": truncate,
    },
    "organization": {
        "transliteration": transliteration,
        "word_order": word_order,
        "typo": typo,
        "join_split": join_split,
        "legal_form_swap": legal_form_swap,
        "truncate35": truncate,
    },
    "vessel": {
        "transliteration": transliteration,
        "typo": typo,
        "join_split": join_split,
        "title_added": vessel_prefix,
    },
}

ALL_VARIATIONS: tuple[str, ...] = tuple(dict.fromkeys(v for table in BY_SCHEMA.values() for v in table))
