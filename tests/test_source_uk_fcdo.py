"""FCDO UK Sanctions List XML parser, on the real 5-designation excerpt in ../shared/lists/excerpts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from raqib.model import DateValue, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import ParsedList
from raqib.sources.uk_fcdo_xml import language_code, parse, parse_uk_date

from conftest import LISTS

SAMPLE = LISTS / "excerpts" / "uk_fcdo" / "2026-09-10_sample.xml"

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"{SAMPLE} not available")


@lru_cache(maxsize=None)
def _sample() -> ParsedList:
    return parse({SAMPLE.name: SAMPLE})


def _entity(entity_id: str):
    return {e.id: e for e in _sample().entities}[entity_id]


def test_counts_ids_schemas_and_publication_date():
    result = _sample()
    assert len(result.entities) == 5
    # OFSI group id (shared with the OFSI ConList) when published, else the FCDO UniqueID
    assert {e.id: e.schema for e in result.entities} == {
        "uk:12703": Schema.ORGANIZATION,
        "uk:7172": Schema.PERSON,
        "uk:14124": Schema.ORGANIZATION,
        "uk:DPR0075": Schema.VESSEL,
        "uk:6899": Schema.PERSON,
    }
    assert result.published == "2026-09-10"
    assert result.warnings == []
    assert _entity("uk:7172").details["uk_sanctions_list_ref"] == "AFG0006"


def test_individual_field_by_field():
    person = _entity("uk:7172")
    assert person.caption == "MOHAMMAD HASSAN AKHUND"
    primary = person.names[0]
    assert primary.parts == {"first": "MOHAMMAD", "middle": "HASSAN", "last": "AKHUND"}
    assert [(n.value, n.kind) for n in person.names[1:]] == [
        ("Mohammad Akhwand", NameKind.AKA),  # "Primary Name Variation"
        ("محمد حسن آخوند", NameKind.AKA),
    ]
    assert person.names[2].script == "Arab"
    assert person.birth_dates == [DateValue("1958-05-12"), DateValue("1945"), DateValue("1946")]
    assert person.birth_places == ["Pashmul village, Panjwai District, Afghanistan"]
    assert person.nationalities == ["AF"]
    assert person.gender == "male"
    assert person.titles == ["Mullah", "Haji", "Deputy Minister of Agriculture under the Taliban regime"]
    # the excerpt lists the same passport twice: kept once
    assert [(i.type, i.value) for i in person.identifiers] == [
        (IdType.PASSPORT, "P04581926"),
        (IdType.NATIONAL_ID, "2132370"),
    ]
    assert "tazkira" in person.identifiers[1].note
    [membership] = person.lists
    assert (membership.source, membership.list) == ("uk_fcdo", "UK")
    assert membership.programs == ["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]
    assert membership.listed_on == "2001-01-25"
    assert person.sanction_facts == {"Sanctions Imposed": ["Asset freeze", "Travel Ban"]}
    assert person.details["un_reference"] == "TAi.002"
    assert person.remarks.startswith("A close associate of Mullah Mohammed Omar")


def test_entity_alias_strength_contacts_and_ownership():
    company = _entity("uk:14124")
    assert [(n.value, n.quality) for n in company.names] == [
        ("BNK (UK) Ltd", NameQuality.STRONG),
        ("BNK UK Limited", NameQuality.STRONG),
        ("BNK", NameQuality.WEAK),
    ]
    assert all(n.parts is None for n in company.names)
    assert company.sanction_facts["Sanctions Imposed"] == ["Asset freeze", "Director Disqualification Sanction"]
    [address] = company.addresses
    assert (address.postal_code, address.country) == ("SM2 5DA", "GB")
    assert (IdType.WEBSITE, "http://www.belnaft.co.uk/") in {(i.type, i.value) for i in company.identifiers}
    assert (IdType.REGISTRATION, "UK Company no. 06527449") in {(i.type, i.value) for i in company.identifiers}
    assert [(link.relation, link.target_name) for link in company.links] == [
        ("owned_by", "CJSC Belarusian Oil Company"),
        ("owned_by", "Belneftekhim"),
        ("owns", "BNK (Deutschland) GmbH"),
    ]
    assert "Statement of reasons: BNK (UK) Ltd is controlled by" in company.remarks

    exchange = _entity("uk:12703")
    assert {(i.type, i.value) for i in exchange.identifiers} == {
        (IdType.PHONE, "0202-104748"),
        (IdType.EMAIL, "helmand_exchange_msp@yahoo.com"),
    }
    assert [a.country for a in exchange.addresses] == ["AF", "AE"]


def test_ship_details():
    ship = _entity("uk:DPR0075")
    assert [(i.type, i.value) for i in ship.identifiers] == [(IdType.IMO, "9562233")]
    assert ship.details["flag"] == "Comoros" and ship.countries == ["KM"]
    assert ship.details["type"] == "Bulk Carrier"
    assert ship.details["tonnage"] == "7078"
    assert ship.details["previous_flags"] == "India"
    assert ship.lists[0].listed_on == "2017-10-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/05/1958", DateValue("1958-05-12")),
        ("dd/mm/1945", DateValue("1945")),
        ("00/00/1972", DateValue("1972")),
        ("00/07/1972", DateValue("1972-07")),
        ("1946", DateValue("1946")),
    ],
)
def test_uk_dates(text, expected):
    assert parse_uk_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/1970", "12-05-1958", "about 1960", "xx/05/1960"])
def test_bad_uk_dates_raise(text):
    with pytest.raises(ValueError):
        parse_uk_date(text)


def test_language_names():
    assert language_code("Russian", {}) == "ru"
    assert language_code("Arabic", {}) == "ar"
    assert language_code("Farsi", {"farsi": "fa"}) == "fa"
    assert language_code("Klingonese", {}) is None


def _write(tmp_path: Path, content: bytes) -> dict[str, Path]:
    path = tmp_path / "UK_Sanctions_List.xml"
    path.write_bytes(content)
    return {path.name: path}


def test_bad_input(tmp_path):
    data = SAMPLE.read_bytes()
    with pytest.raises(ParseError) as caught:
        parse(_write(tmp_path, data[: len(data) // 2]))
    assert caught.value.path.endswith("UK_Sanctions_List.xml")
    assert caught.value.position.startswith("line ")
    with pytest.raises(ParseError, match="expected <Designations>"):
        parse(_write(tmp_path, b"<export><sanctionEntity/></export>"))
    with pytest.raises(ParseError, match="empty file"):
        parse(_write(tmp_path, b""))
    no_ids = data.replace(b"<UniqueID>DPR0075</UniqueID>", b"", 1)
    with pytest.raises(ParseError, match="<Designation>: Designation without UniqueID or OFSIGroupID"):
        parse(_write(tmp_path, no_ids))
    bad_date = data.replace(b"<DOB>12/05/1958</DOB>", b"<DOB>12/13/1958</DOB>", 1)
    with pytest.raises(ParseError, match=r"line \d+ <DOB>"):
        parse(_write(tmp_path, bad_date))
