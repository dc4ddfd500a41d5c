"""CAATSA §231 List of Specified Persons (``data/caatsa231_lsp.yml``) -> SECONDARY_RISK.

State publishes the LSP as guidance text only, so the table is hand-maintained and partial (see
its header). Matching is deliberately exact on significant words (legal forms and generic company
words dropped, case and accents folded, any order): the LSP is an escalation aid, fuzzy matching
is the screener's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from raqib.rules.restrictions import Kind, Restriction
from raqib.rules.tables import load_table, parse_iso_date


def _words(text: str, ignore: frozenset[str]) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = unicodedata.normalize("NFC", "".join(c for c in folded if not unicodedata.combining(c))).casefold()
    return frozenset(w for w in re.findall(r"\w+", folded.replace("-", "")) if w not in ignore)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[frozenset[str], tuple[str, str]], dict]:
    table = load_table("caatsa231_lsp.yml")
    ignore = frozenset(w.casefold() for w in table["ignore_words"])
    index: dict[frozenset[str], tuple[str, str]] = {}
    for person in table["persons"]:
        for name in [person["name"], *person.get("aliases", [])]:
            key = _words(name, ignore)
            if key:
                index[key] = (person["name"], person["sector"])
    return index, table["meta"] | {"ignore": ignore}


def lsp_matches(names: Iterable[str]) -> list[tuple[str, str, str]]:
    """``(name given, LSP name, sector)`` for each name that is on the LSP."""
    index, meta = _index()
    found = []
    for name in names:
        entry = index.get(_words(name, meta["ignore"]))
        if entry:
            found.append((name, *entry))
    return found


def lsp_restrictions(names: Iterable[str]) -> list[Restriction]:
    _, meta = _index()
    published = parse_iso_date(meta["published"], "caatsa231_lsp.yml meta.published")
    seen: set[str] = set()
    out = []
    for given, lsp_name, sector in lsp_matches(names):
        if lsp_name in seen:
            continue
        seen.add(lsp_name)
        out.append(Restriction(
            Kind.SECONDARY_RISK, meta["program"], "US", meta["authority"], published,
            scope=f"CAATSA231-LSP ({sector} sector)",
            evidence=f"{given!r} matches {lsp_name!r} on the {meta['source']} ({published}); "
            "no asset freeze, significant transactions risk §235 sanctions",
        ))
    return out
