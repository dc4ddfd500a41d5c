"""Jurisdiction embargoes: effective dates and the multilingual gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from raqib.rules.jurisdictions import embargoes, jurisdiction_hits

TODAY = date(2026, 1, 10)


def embargo_ids(**kwargs) -> set[str]:
    return {h.embargo.id for h in jurisdiction_hits(kwargs.pop("as_of", TODAY), **kwargs)}


@pytest.mark.parametrize("address,expected", [
    ("ул. Ленина 5, Севастополь", "UA-CRIMEA"),
    ("Республика Крым, Симферополь", "UA-CRIMEA"),
    ("офис в Крыму", "UA-CRIMEA"),
    ("القرم", "UA-CRIMEA"),
    ("Yalta, Crimea, Ukraine", "UA-CRIMEA"),
    ("평양시 중구역", "KP"),
    ("Pyongyang, DPRK", "KP"),
    ("P'yŏngyang", "KP"),
    ("Tehran", "IR"),
    ("خیابان ولیعصر، تهران", "IR"),
    ("طهران", "IR"),
    ("Calle 23, La Habana", "CU"),
    ("Havana, Cuba", "CU"),
    ("г. Донецк, ул. Артема 1", "UA-COVERED"),
    ("Donetsk People's Republic", "UA-COVERED"),
    ("Луганськ", "UA-COVERED"),
    ("Box 12, Teheran, Iran", "IR"),
])
def test_places_in_any_script(address, expected):
    assert embargo_ids(address=address) == {expected}


@pytest.mark.parametrize("address", [
    "Miami, Florida, USA", "Moscow, Russia", "10 Downing St, London", "Kyiv, Ukraine",
    "Seoul, Republic of Korea", "Yaltinskaya St 4, Moscow", "Dubai, UAE",
])
def test_ordinary_addresses_are_clear(address):
    assert embargo_ids(address=address) == set()


@pytest.mark.parametrize("country", ["IR", "Iran", "KP", "Korea, North", "CU", "ایران", "КНДР"])
def test_country_codes_and_names(country):
    assert len(embargo_ids(country=country)) == 1


def test_syria_ends_on_2025_06_30():
    assert embargo_ids(country="SY", as_of=date(2025, 6, 30)) == {"SY"}
    assert embargo_ids(country="SY", as_of=date(2025, 7, 1)) == set()
    assert embargo_ids(address="Damascus", as_of=date(2024, 1, 1)) == {"SY"}
    assert embargo_ids(address="دمشق", as_of=date(2025, 7, 1)) == set()


def test_regions_start_on_their_dates():
    assert embargo_ids(address="Sevastopol", as_of=date(2014, 12, 18)) == set()
    assert embargo_ids(address="Sevastopol", as_of=date(2014, 12, 19)) == {"UA-CRIMEA"}
    assert embargo_ids(address="Donetsk", as_of=date(2022, 2, 20)) == set()


def test_unknown_country_is_an_error_not_clear():
    with pytest.raises(ValueError, match="not a known country"):
        jurisdiction_hits(TODAY, country="Atlantis")


def test_hit_says_what_matched_and_under_which_authority():
    (hit,) = jurisdiction_hits(TODAY, address="Севастополь")
    restriction = hit.restriction()
    assert "Севастополь" in restriction.evidence and restriction.authority.startswith("EO 13685")
    assert all(e.effective_from for e in embargoes().values())
