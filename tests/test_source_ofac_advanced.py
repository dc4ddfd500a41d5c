"""OFAC SDN_ADVANCED XML parser, on the real 4-party excerpt in ../shared/lists/excerpts."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from raqib.model import DateValue, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import ParsedList
from raqib.sources.ofac_advanced_xml import parse, span_to_date_value
from raqib.sources.registry import SOURCES

from conftest import LISTS

SAMPLE = LISTS / "excerpts" / "ofac_advanced" / "2026-09-09_sample.xml"

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"{SAMPLE} not available")

# Real reference ids of the excerpt: IDRegDocType 1571 = Passport, 91761 = Registration Number,
# 1626 = Vessel Registration Identification,
# Country 11082 = Egypt, RelationType 1555 = Associate Of, 15003 = Owned or Controlled By.
DOCUMENTS = """<IDRegDocuments>
  <IDRegDocument ID="9001" IDRegDocTypeID="1571" IdentityID="4423" IssuedBy-CountryID="11082" ValidityID="1">
    <Comment /><IDRegistrationNo>1084010</IDRegistrationNo>
  </IDRegDocument>
  <IDRegDocument ID="9002" IDRegDocTypeID="91761" IdentityID="4375" ValidityID="2">
    <Comment /><IDRegistrationNo>1027700159442</IDRegistrationNo><IssuingAuthority>OGRN</IssuingAuthority>
  </IDRegDocument>
  <IDRegDocument ID="9003" IDRegDocTypeID="1626" IdentityID="1663">
    <Comment /><IDRegistrationNo>IMO 7422881</IDRegistrationNo>
  </IDRegDocument>
  <IDRegDocument ID="9004" IDRegDocTypeID="1626" IdentityID="1663">
    <Comment /><IDRegistrationNo>RS 150443</IDRegistrationNo>
  </IDRegDocument>
</IDRegDocuments>"""
RELATIONSHIPS = """<ProfileRelationships>
  <ProfileRelationship ID="1" From-ProfileID="2677" To-ProfileID="36" RelationTypeID="1555" RelationQualityID="1" Former="false" />
  <ProfileRelationship ID="2" From-ProfileID="4238" To-ProfileID="99999" RelationTypeID="15003" RelationQualityID="1" Former="true" />
</ProfileRelationships>"""


@lru_cache(maxsize=None)
def _sample() -> ParsedList:
    return parse({SAMPLE.name: SAMPLE})


def _by_id(result: ParsedList) -> dict:
    return {e.id: e for e in result.entities}


@pytest.fixture(scope="module")
def enriched(tmp_path_factory) -> ParsedList:
    """The excerpt with identity documents and relationships added (the excerpt has none)."""
    text = SAMPLE.read_text("utf-8")
    text = text.replace("<IDRegDocuments></IDRegDocuments>", DOCUMENTS).replace("<ProfileRelationships />", RELATIONSHIPS)
    path = tmp_path_factory.mktemp("ofac") / "sdn_advanced.xml"
    path.write_text(text, "utf-8")
    return parse({path.name: path})


def test_counts_publication_date_and_registry_wiring():
    result = _sample()
    assert len(result.entities) == 4
    assert result.published == "2026-09-09"
    assert result.warnings == []
    assert SOURCES["ofac_advanced"].formats[0].parser == "ofac_advanced_xml"


def test_schemas_from_party_subtypes():
    schemas = {e.id: e.schema for e in _sample().entities}
    assert schemas == {
        "ofac:36": Schema.ORGANIZATION,
        "ofac:2677": Schema.PERSON,
        "ofac:4238": Schema.VESSEL,
        "ofac:15432": Schema.AIRCRAFT,
    }


def test_individual_field_by_field():
    person = _by_id(_sample())["ofac:2677"]
    primary = [n for n in person.names if n.kind == NameKind.PRIMARY]
    assert [n.value for n in primary] == ["Al-Zomor Abboud Abdul Latif Hassan", "الزمر عبود عبداللطيف حسن"]
    assert primary[0].parts == {"last": "Al-Zomor", "first": "Abboud Abdul Latif Hassan"}
    assert primary[0].script == "Latn"
    assert primary[1].script == "Arab"
    assert primary[1].parts == {"last": "الزمر", "first": "عبود عبداللطيف حسن"}
    akas = [n.value for n in person.names if n.kind == NameKind.AKA]
    assert akas == [
        "ZUMAR Abbud",
        "AL-Zumar Abbud",
        "El-Zomor Aboud Abdul Latif Hasan",
        "Al-Zumur Abood Abdul Latif Hassan",
        "Al-Zamur Abboud Abdul Latif Hassan",
    ]
    assert all(n.quality == NameQuality.STRONG for n in person.names)
    assert person.birth_dates == [DateValue("1947-04-19")]
    assert person.birth_places == ["Nahia, Giza, Egypt"]
    assert person.nationalities == ["EG"]
    assert person.gender == "male"
    assert [a.country for a in person.addresses] == ["EG"]
    assert person.sanction_facts["Secondary sanctions risk"] == [
        "section 1(b) of Executive Order 13224, as amended by Executive Order 13886"
    ]
    [membership] = person.lists
    assert (membership.source, membership.list, membership.programs) == ("ofac_advanced", "SDN", ["SDGT"])
    assert membership.listed_on == "1995-01-23"
    assert membership.authority == "Executive Order 13224 (Terrorism)"


def test_organisation_vessel_and_aircraft():
    entities = _by_id(_sample())
    airline = entities["ofac:36"]
    assert airline.caption == "AEROCARIBBEAN AIRLINES"
    assert [(n.value, n.kind) for n in airline.names if n.kind != NameKind.PRIMARY] == [("AERO-CARIBBEAN", NameKind.AKA)]
    assert airline.addresses[0].city == "Havana" and airline.addresses[0].country == "CU"
    assert airline.lists[0].programs == ["CUBA"] and airline.lists[0].listed_on == "1986-12-10"
    assert airline.lists[0].authority is None  # legal basis "Unknown"

    vessel = entities["ofac:4238"]
    assert vessel.details == {"flag": "Cuba", "owner": "Samir de Navegacion S.A.", "grt": "212", "type": "Tug"}
    assert vessel.countries == ["CU"]
    assert [(i.type, i.value, i.label) for i in vessel.identifiers] == [(IdType.CALL_SIGN, "CL2192", "Vessel Call Sign")]
    assert vessel.addresses == []  # location "undetermined" carries nothing

    aircraft = entities["ofac:15432"]
    assert aircraft.details["manufacture_date"] == "1991"  # 1991-01-01 … 1991-12-31
    assert aircraft.details["model"] == "IL-76TD"
    assert [(i.type, i.value) for i in aircraft.identifiers] == [(IdType.AIRCRAFT_SERIAL, "1013409297")]


def test_identity_documents_and_relationships(enriched):
    entities = _by_id(enriched)
    passport = entities["ofac:2677"].identifiers[0]
    assert (passport.type, passport.value, passport.label, passport.country) == (IdType.PASSPORT, "1084010", "Passport", "EG")
    registration = entities["ofac:36"].identifiers[0]
    assert registration.type == IdType.OGRN  # the issuing authority names the register
    assert registration.note == "issued by OGRN; fraudulent"

    vessel_ids = [(i.type, i.value) for i in entities["ofac:4238"].identifiers]
    # an IMO number loses its prefix; a national register number is not an IMO number
    assert (IdType.IMO, "7422881") in vessel_ids and (IdType.REGISTRATION, "RS 150443") in vessel_ids

    [link] = entities["ofac:2677"].links
    assert (link.relation, link.target_id, link.target_name, link.note) == (
        "associate_of",
        "ofac:36",
        "AEROCARIBBEAN AIRLINES",
        "Associate Of",
    )
    [outside] = entities["ofac:4238"].links
    assert (outside.relation, outside.target_id, outside.note) == ("owned_by", "ofac:99999", "Owned or Controlled By (former)")
    assert any("ofac:99999 is not in this file" in w for w in enriched.warnings)


@pytest.mark.parametrize(
    ("first", "last", "circa", "expected"),
    [
        (date(1947, 4, 19), date(1947, 4, 19), False, DateValue("1947-04-19")),
        (date(1991, 1, 1), date(1991, 12, 31), False, DateValue("1991")),
        (date(1960, 1, 1), date(1962, 12, 31), True, DateValue("1960", "1962", circa=True)),
        (date(1970, 2, 1), date(1970, 2, 28), False, DateValue("1970-02")),
        (date(1970, 2, 1), date(1970, 4, 30), False, DateValue("1970-02", "1970-04")),
        (date(1970, 2, 3), date(1970, 2, 9), False, DateValue("1970-02-03", "1970-02-09")),
    ],
)
def test_date_period_precision(first, last, circa, expected):
    assert span_to_date_value(first, last, circa) == expected


def _write(tmp_path: Path, content: bytes) -> dict[str, Path]:
    path = tmp_path / "sdn_advanced.xml"
    path.write_bytes(content)
    return {path.name: path}


def test_truncated_file_names_file_and_line(tmp_path):
    data = SAMPLE.read_bytes()
    files = _write(tmp_path, data[: len(data) // 2])
    with pytest.raises(ParseError) as caught:
        parse(files)
    assert caught.value.path == str(files["sdn_advanced.xml"])
    assert caught.value.position.startswith("line ")
    assert int(caught.value.position.split()[1]) > 100


def test_wrong_root_and_empty_file(tmp_path):
    with pytest.raises(ParseError, match="expected <Sanctions>"):
        parse(_write(tmp_path, b'<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>'))
    with pytest.raises(ParseError, match="line 1"):
        parse(_write(tmp_path, b""))


def test_missing_party_id_and_dangling_reference(tmp_path):
    text = SAMPLE.read_text("utf-8")
    with pytest.raises(ParseError, match="DistinctParty without FixedRef"):
        parse(_write(tmp_path, text.replace('FixedRef="4238"', "", 1).encode()))
    with pytest.raises(ParseError, match="unknown AliasType ID '777'"):
        parse(_write(tmp_path, text.replace('AliasTypeID="1403"', 'AliasTypeID="777"', 1).encode()))
