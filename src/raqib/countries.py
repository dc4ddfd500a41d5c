"""Country names as publishers write them -> ISO 3166-1 alpha-2 codes.

pycountry knows the official names; ``data/country_aliases.yml`` adds the spellings the lists use
("Russia", "Korea, North", "Burma", "Iran", "UK" …) so an analyst can extend it without code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import pycountry
import yaml


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table[_key(value)] = country.alpha_2
        table[_key(country.alpha_3)] = country.alpha_2
    aliases = yaml.safe_load(resources.files("raqib.data").joinpath("country_aliases.yml").read_text("utf-8"))
    for code, names in aliases.items():
        for name in names:
            table[_key(name)] = code
    return table


@lru_cache(maxsize=4096)
def to_iso2(name: str | None) -> str | None:
    """``"Russia"`` -> ``"RU"``; an ISO2 code passes through; unknown -> ``None``."""
    if not name:
        return None
    text = name.strip()
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        return code if code == "XK" or pycountry.countries.get(alpha_2=code) else None
    return _table().get(_key(text))
