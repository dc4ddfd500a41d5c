"""Jurisdiction embargoes (Cuba, Iran, North Korea, Crimea, the Covered Regions; Syria until
2025-06-30), effective-dated, from a country code, an address or place names in any script.

The embargo table and its gazetteer are data (``data/jurisdictions.yml``). Place names are matched
as whole words after folding case, accents (``Севастополь``/``sevastopol'``), Arabic hamza and
Persian letter variants; Korean administrative suffixes (``평양시``) are stripped. Country names in
Latin script go through ``raqib.countries.to_iso2`` so every spelling the lists use is understood.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from raqib.countries import to_iso2
from raqib.rules.restrictions import Kind, Restriction
from raqib.rules.tables import RuleDataError, load_table, parse_iso_date
from raqib.text.scripts import detect_script


@dataclass(frozen=True, slots=True)
class Embargo:
    id: str
    name: str
    program: str
    authority: str
    effective_from: date
    effective_to: date | None
    blocks_government: bool
    country: str | None = None

    def active_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True, slots=True)
class JurisdictionHit:
    embargo: Embargo
    via: str  # what matched: "country 'IR'", "address place 'Севастополь'"

    def restriction(self) -> Restriction:
        e = self.embargo
        return Restriction(Kind.JURISDICTION_EMBARGO, e.program, "US", e.authority, e.effective_from,
                           e.effective_to, scope=e.id, evidence=f"{e.name}: {self.via}")


# Arabic/Persian letter variants written interchangeably in addresses.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه"})


def place_tokens(text: str) -> tuple[str, ...]:
    """Whole-word tokens of ``text`` folded for gazetteer lookup."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", stripped).casefold().translate(_ARABIC_FOLD)
    return tuple(re.findall(r"\w+", folded))


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Embargo], dict[tuple[str, ...], list[tuple[str, str]]], tuple[str, ...]]:
    data = load_table("jurisdictions.yml")
    embargoes: dict[str, Embargo] = {}
    gazetteer: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for key, row in data["embargoes"].items():
        where = f"jurisdictions.yml: embargoes.{key}"
        try:
            embargoes[key] = Embargo(
                key, row["name"], row["program"], row["authority"],
                parse_iso_date(row["effective_from"], where),
                parse_iso_date(row["effective_to"], where) if row.get("effective_to") else None,
                bool(row["blocks_government"]), row.get("country"),
            )
        except (KeyError, ValueError) as exc:
            raise RuleDataError(f"{where}: {exc}") from None
        for place in row.get("places", []):
            tokens = place_tokens(str(place))
            if tokens:
                gazetteer.setdefault(tokens, []).append((key, str(place)))
    suffixes = tuple(sorted(data.get("hangul_suffixes", []), key=len, reverse=True))
    return embargoes, gazetteer, suffixes


def embargoes() -> dict[str, Embargo]:
    return _load()[0]


def find_places(text: str) -> list[tuple[Embargo, str]]:
    """Gazetteer places named in ``text``: ``(embargo, place as written in the gazetteer)``."""
    table, gazetteer, suffixes = _load()
    tokens = place_tokens(text)
    longest = max(map(len, gazetteer))
    found: dict[tuple[str, str], None] = {}
    for i, token in enumerate(tokens):
        candidates = [(tokens[i : i + n]) for n in range(1, longest + 1) if i + n <= len(tokens)]
        if detect_script(token) == "Hang":
            candidates += [(token[: -len(s)],) for s in suffixes if token.endswith(s) and len(token) > len(s)]
        for phrase in candidates:
            for key, place in gazetteer.get(tuple(phrase), []):
                found.setdefault((key, place), None)
    return [(table[key], place) for key, place in found]


def _countries_in_address(address: str) -> list[str]:
    """ISO codes of country names written as comma-separated address parts ("…, Tehran, Iran")."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    candidates = parts + [", ".join(parts[i : i + 2]) for i in range(len(parts) - 1)]
    # Two-letter parts are too often street abbreviations or states to be read as ISO codes.
    return [code for part in candidates if len(part) > 3 and (code := to_iso2(part))]


def jurisdiction_hits(as_of: date, country: str | None = None, address: str | None = None,
                      places: list[str] | tuple[str, ...] = ()) -> list[JurisdictionHit]:
    """Embargoes in force on ``as_of`` that the country, address or place names fall under.

    An unrecognisable ``country`` raises ``ValueError``: an unknown country must not pass as clear.
    """
    table = embargoes()
    hits: dict[str, JurisdictionHit] = {}

    def add(embargo: Embargo, via: str) -> None:
        if embargo.active_on(as_of):
            hits.setdefault(embargo.id, JurisdictionHit(embargo, via))

    by_country = {e.country: e for e in table.values() if e.country}
    if country:
        code = to_iso2(country)
        named = find_places(country)
        if code is None and not named:
            raise ValueError(f"country {country!r} is not a known country code or name")
        if code in by_country:
            add(by_country[code], f"country {country!r}")
        for embargo, place in named:
            add(embargo, f"country {country!r} names {place!r}")
    for text, label in [(address, "address")] + [(p, "place") for p in places]:
        if not text:
            continue
        for code in _countries_in_address(text):
            if code in by_country:
                add(by_country[code], f"{label} {text!r} is in {code}")
        for embargo, place in find_places(text):
            add(embargo, f"{label} {text!r} names {place!r}")
    return list(hits.values())
