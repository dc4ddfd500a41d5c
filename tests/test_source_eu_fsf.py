"""EU Financial Sanctions Files XML parser, on the real 5-entity excerpt in ../shared/lists/excerpts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from raqib.model import DateValue, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import ParsedList
from raqib.sources.eu_fsf_xml import parse, parse_birthdate

from conftest import LISTS

SAMPLE = LISTS / "excerpts" / "eu_fsf" / "2026-08-05_sample.xml"

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"{SAMPLE} not available")


@lru_cache(maxsize=None)
def _sample() -> ParsedList:
    return parse({SAMPLE.name: SAMPLE})


def _entity(entity_id: str):
    return {e.id: e for e in _sample().entities}[entity_id]


def test_counts_ids_and_publication_date():
    result = _sample()
    assert len(result.entities) == 5
    assert [e.id for e in result.entities] == ["eu:191", "eu:521", "eu:3822", "eu:6106", "eu:6177"]
    assert result.published == "2026-08-05"
    assert result.warnings == []
    assert all(e.lists[0].source == "eu_fsf" and e.lists[0].list == "EU" for e in result.entities)


def test_ids_are_logical_ids_not_list_positions(tmp_path):
    """The id is the subject's logicalId: reordering the file does not change any id."""
    text = SAMPLE.read_text("utf-8")
    head, _, rest = text.partition("<sanctionEntity")
    records = ("<sanctionEntity" + rest).split("</sanctionEntity>")
    body, tail = records[:-1], records[-1]
    reordered = head + "</sanctionEntity>".join(reversed([r.strip() for r in body])) + "</sanctionEntity>" + tail
    path = tmp_path / "reordered.xml"
    path.write_text(reordered, "utf-8")
    again = parse({path.name: path})
    assert {e.id: e.digest() for e in again.entities} == {e.id: e.digest() for e in _sample().entities}


def test_person_field_by_field():
    person = _entity("eu:6177")
    assert person.schema == Schema.PERSON
    assert person.caption == "Ibrahim Hassan Al Asiri"
    primary = person.names[[n.value for n in person.names].index("Ibrahim Hassan Al Asiri")]
    assert primary.parts == {"first": "Ibrahim", "middle": "Hassan", "last": "Al Asiri"}
    assert primary.lang == "en"
    arabic = person.names[0]
    assert (arabic.value, arabic.script, arabic.lang, arabic.kind) == ("إبراهيم حسن طالع عسيري", "Arab", "ar", NameKind.AKA)
    weak = {n.value for n in person.names if n.quality == NameQuality.WEAK}
    assert weak == {"Abu-Salaah", "Abosslah", "Abu Saleh"}  # remark "low quality alias"
    # Gregorian dates; the Hijri-calendar record repeats 1982-04-19 and is not read as year 1402
    assert person.birth_dates == [DateValue("1982-04-18"), DateValue("1982-04-19")]
    assert person.birth_places == ["Riyadh, SAUDI ARABIA"]
    assert person.citizenships == ["SA"]
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        (IdType.NATIONAL_ID, "1028745097", "SA"),
        (IdType.PASSPORT, "F654645", "SA"),
    ]
    assert person.identifiers[1].note.startswith("known expired; issued 2005-04-30; valid to 2010-03-07")
    [membership] = person.lists
    assert membership.programs == ["TAQA"]
    assert membership.listed_on == "2011-03-24"
    assert membership.authority.startswith("2023/329 (OJ L43I) <https://eur-lex.europa.eu/")
    assert person.titles == ["Operative and principal bomb maker of Al-Qaida in the Arabian Peninsula (AQAP)"]
    assert [a.country for a in person.addresses] == ["YE"]


def test_circa_year_range_gender_and_remarks():
    person = _entity("eu:521")
    assert person.birth_dates == [DateValue("1953", "1958", circa=True)]
    assert person.birth_places == ["Tirin Kot District, Uruzgan Province, AFGHANISTAN", "Kandahar province, AFGHANISTAN"]
    assert person.titles == ["Maulavi", "Minister of Water and Electricity under the Taliban regime"]
    assert person.remarks.startswith("Believed to be in Afghanistan/ Pakistan border area.")
    first = _entity("eu:191")
    assert first.gender == "male"
    assert first.lists[0].listed_on is None  # no designationDate published
    passport = first.identifiers[0]
    assert (passport.type, passport.value, passport.country) == (IdType.PASSPORT, "488555", None)  # country "00"
    assert first.details == {"eu_reference_number": "EU.3579.2"}
    assert _entity("eu:6106").details["un_reference"] == "LYi.006"


def test_enterprise_languages_addresses_and_contacts():
    company = _entity("eu:3822")
    assert company.schema == Schema.ORGANIZATION
    assert company.caption == "Parchin Chemical Industries (PCI)"
    langs = {n.value: n.lang for n in company.names}
    assert langs["Parcsini Vegyipari Vállalat"] == "hu"
    assert langs["Parchin-Militärbasis"] == "de"
    persian = next(n for n in company.names if n.lang == "fa")
    assert persian.script == "Arab"
    assert company.titles == []  # an enterprise's "function" is a description, kept in remarks
    assert "produces ammunition" in company.remarks
    assert "Zhejiang Qingji Ind. Co., Ltd in China" in company.remarks
    head_office = next(a for a in company.addresses if a.street == "2nd Floor, Sanam Bldg., Nobonyad Sq.")
    assert (head_office.city, head_office.country) == ("Tehran", "IR")
    assert "Head Office." in head_office.full
    kinds = {(i.type, i.value) for i in company.identifiers}
    assert (IdType.WEBSITE, "http://icig.ir/") in kinds
    assert (IdType.PHONE, "+98 21 2258929") in kinds
    assert (IdType.REGISTRATION, "892") in kinds


def test_vessel_from_imo_identification(tmp_path):
    text = SAMPLE.read_text("utf-8").replace(
        'identificationTypeCode="regnumber" identificationTypeDescription="Registration Number"',
        'identificationTypeCode="imo" identificationTypeDescription="IMO number"',
    )
    path = tmp_path / "vessel.xml"
    path.write_text(text, "utf-8")
    vessel = {e.id: e for e in parse({path.name: path}).entities}["eu:3822"]
    assert vessel.schema == Schema.VESSEL
    assert (IdType.IMO, "892") in {(i.type, i.value) for i in vessel.identifiers}


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({"birthdate": "1965-04-14", "year": "1965"}, DateValue("1965-04-14")),
        ({"yearRangeFrom": "1953", "yearRangeTo": "1958", "circa": "true"}, DateValue("1953", "1958", True)),
        ({"year": "1970", "monthOfYear": "3", "calendarType": "GREGORIAN"}, DateValue("1970-03")),
        ({"year": "1402", "monthOfYear": "6", "dayOfMonth": "24", "calendarType": "ISLAMIC"}, None),
    ],
)
def test_birthdate_forms(attrs, expected):
    assert parse_birthdate(attrs) == expected


def _write(tmp_path: Path, content: bytes) -> dict[str, Path]:
    path = tmp_path / "eu.xml"
    path.write_bytes(content)
    return {path.name: path}


def test_truncated_wrong_root_empty_and_missing_id(tmp_path):
    data = SAMPLE.read_bytes()
    with pytest.raises(ParseError) as caught:
        parse(_write(tmp_path, data[: len(data) * 2 // 3]))
    assert caught.value.path.endswith("eu.xml")
    assert int(caught.value.position.split()[1]) > 50
    with pytest.raises(ParseError, match="expected <export>"):
        parse(_write(tmp_path, b"<Designations><Designation/></Designations>"))
    with pytest.raises(ParseError, match="empty file"):
        parse(_write(tmp_path, b""))
    with pytest.raises(ParseError, match="line 39 <sanctionEntity>: sanctionEntity without logicalId"):
        parse(_write(tmp_path, data.replace(b'euReferenceNumber="EU.502.12" logicalId="521"', b"", 1)))
