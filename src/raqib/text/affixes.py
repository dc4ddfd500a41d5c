"""Name-forming affixes (``data/name_affixes.yml``): Abd…, …ullah, …uddin, …dóttir, …zadeh.

A compound name is two names in one word; its affix is shared by thousands of other names, so
letters in common there say nothing about whether the rest agrees.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from raqib.text.tables import load_table

_MIN_STEM = 3  # shorter remainders are no name of their own (Abdullah is not "Abd" + "ullah")
_DOUBLED_RE = re.compile(r"(.)\1+")


@cache
def _affixes() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(spelling, group) of prefixes and of suffixes, longest spelling first."""
    table = load_table("name_affixes")

    def flat(kind: str) -> tuple[tuple[str, str], ...]:
        # Each spelling also with doubled letters written once, as part forms have them (hamidulah).
        pairs = {(written, group) for group, spellings in table[kind].items() for spelling in spellings
                 for written in (spelling, _DOUBLED_RE.sub(r"\1", spelling))}
        return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair)))

    return flat("prefixes"), flat("suffixes")


@cache
def affix_spellings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All prefix and all suffix spellings: ``str.startswith`` / ``endswith`` of these says
    cheaply whether a spelling may have an affix at all (most do not)."""
    prefixes, suffixes = _affixes()
    return tuple(s for s, _ in prefixes), tuple(s for s, _ in suffixes)


@lru_cache(maxsize=50_000)
def compound_split(form: str) -> tuple[str, str, str] | None:
    """``(position, affix group, stem)`` of a lower-case ASCII spelling built with a name-forming
    affix (``hamidullah`` → ``("suffix", "allah", "hamid")``), or None."""
    prefixes, suffixes = _affixes()
    for spelling, group in prefixes:
        if form.startswith(spelling) and len(form) - len(spelling) >= _MIN_STEM:
            return "prefix", group, form[len(spelling) :]
    for spelling, group in suffixes:
        if form.endswith(spelling) and len(form) - len(spelling) >= _MIN_STEM:
            return "suffix", group, form[: -len(spelling)]
    return None
