"""OFAC parsers (legacy CSV set, sdnList XML) and the shared remarks parser, on the real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import parsed

from raqib.model import DateValue, Entity, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import ofac_csv, ofac_xml
from raqib.sources.ofac_common import (
    feature,
    iso_date,
    memberships,
    parse_date_value,
    parse_remarks,
    split_id_value,
    split_programs,
    split_remarks,
)


def by_id(result, entity_id: str) -> Entity:
    return next(e for e in result.entities if e.id == entity_id)


def by_caption(result, caption: str) -> Entity:
    return next(e for e in result.entities if e.caption == caption)


def ids(entity: Entity, id_type: IdType) -> list[str]:
    return [i.value for i in entity.identifiers if i.type == id_type]


# --- remarks parser (pure functions) ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("21 Mar 1950", "1950-03-21"), ("Mar 1950", "1950-03"), ("1950", "1950"), ("05 Sept 1961", "1961-09-05"),
     ("31 Feb 1950", None), ("Moscow", None), ("", None)],
)
def test_iso_date(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("circa 1960", DateValue("1960", circa=True)), ("1960 to 1962", DateValue("1960", until="1962")),
     ("circa 1979-1982", DateValue("1979", until="1982", circa=True)),
     ("01 Jan 1958 to 31 Dec 1959", DateValue("1958-01-01", until="1959-12-31")), ("unknown", None)],
)
def test_parse_date_value(text, expected):
    assert parse_date_value(text) == expected


def test_split_programs_cleans_partial_brackets():
    assert split_programs("SDGT] [IFSR") == ["SDGT", "IFSR"]
    assert split_programs("[UKRAINE-EO13662] [CAATSA - RUSSIA]") == ["UKRAINE-EO13662", "CAATSA - RUSSIA"]
    assert split_programs("-0- ") == []


def test_split_remarks_keeps_abbreviation_periods():
    assert split_remarks("DOB 1950; Linked To: HIZBALLAH.") == ["DOB 1950", "Linked To: HIZBALLAH"]
    assert split_remarks("Linked To: KPD S.A.")[-1] == "Linked To: KPD S.A."
    assert split_remarks("Linked To: PERSIAN GULF PETROCHEMICAL INDUSTRY CO.")[-1].endswith("CO.")
    assert split_remarks("x; (Linked To: ROSNEFT)") == ["x", "Linked To: ROSNEFT"]


def test_split_id_value_country_notes_and_dates():
    assert split_id_value("L 191609 (Lebanon) issued 28 Feb 1996 expires 27 Feb 2001") == (
        "L 191609", "LB", ["issued 1996-02-28", "expires 2001-02-27"])
    assert split_id_value("HRA 738077 (Stuttgart) (Germany)") == ("HRA 738077", "DE", ["Stuttgart"])
    assert split_id_value("(5777731)") == ("5777731", None, [])


def test_remarks_vtb_fixture_from_domain_doc():
    text = ("SWIFT/BIC VTBRRUMM; Website www.vtb.com; alt. Website www.vtb.ru; BIK (RU) 044030707; "
            "alt. BIK (RU) 044525187; Executive Order 13662 Directive Determination - Subject to Directive 1; "
            "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or "
            "589.209; Organization Established Date 17 Oct 1990; Target Type Financial Institution; "
            "Registration ID 1027739609391 (Russia); Tax ID No. 7702070139 (Russia); "
            "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia); Effective Date (EO 14024 Directive 3): 24 Feb 2022.")
    found = parse_remarks(text)
    by_type = {(i.type, i.value) for i in found.identifiers}
    assert {(IdType.SWIFT_BIC, "VTBRRUMM"), (IdType.BIK, "044525187"), (IdType.OGRN, "1027739609391"),
            (IdType.INN, "7702070139"), (IdType.LEI, "253400V1H6ART1UQ0N98"),
            (IdType.WEBSITE, "www.vtb.ru")} <= by_type
    assert next(i for i in found.identifiers if i.type == IdType.INN).label == "Tax ID No."
    assert found.facts["Executive Order 13662 Directive Determination"] == ["Subject to Directive 1"]
    assert found.facts["Effective Date (EO 14024 Directive 3)"] == ["2022-02-24"]
    assert found.facts["Secondary sanctions risk"][0].startswith("Ukraine-/Russia-Related")
    assert found.details == {"established": ["1990-10-17"], "target_type": ["Financial Institution"]}


def test_remarks_person_fields_weak_akas_and_links():
    found = parse_remarks("DOB 21 Mar 1950; alt. DOB circa 1960; POB Moscow, Russia; nationality Russia; "
                          "citizen Korea, North; Gender Male; a.k.a. 'ABU DU'A'; f.k.a. 'AL-HAMZI, Muti''; "
                          "Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C; "
                          "Vessel Registration Identification IMO 9074729; MMSI 123456789; "
                          "Linked To: HIZBALLAH.", person=True)
    assert found.birth_dates == [DateValue("1950-03-21"), DateValue("1960", circa=True)]
    assert (found.birth_places, found.nationalities, found.citizenships, found.gender) == (
        ["Moscow, Russia"], ["RU"], ["KP"], "male")
    assert [(n.value, n.kind, n.quality) for n in found.names] == [
        ("ABU DU'A", NameKind.AKA, NameQuality.WEAK), ("AL-HAMZI, Muti'", NameKind.FKA, NameQuality.WEAK)]
    assert found.names[1].parts == {"last": "AL-HAMZI", "first": "Muti'"}
    crypto = next(i for i in found.identifiers if i.type == IdType.CRYPTO)
    assert (crypto.currency, crypto.value, crypto.label) == (
        "XBT", "149w62rY42aZBox8fGcmqNsXUzSStKeq8C", "Digital Currency Address - XBT")
    assert ids_of(found, IdType.IMO) == ["9074729"] and ids_of(found, IdType.MMSI) == ["123456789"]
    assert [(link.relation, link.target_name) for link in found.links] == [("linked_to", "HIZBALLAH")]


def ids_of(found, id_type):
    return [i.value for i in found.identifiers if i.type == id_type]


def test_unknown_segments_are_kept_not_fatal():
    found = parse_remarks("Some unheard-of label 123; ; Vessel Registration Identification RS 150443 (Russia)")
    assert [(i.type, i.value, i.country) for i in found.identifiers] == [(IdType.REGISTRATION, "RS 150443", "RU")]


def test_xml_feature_routing_matches_remarks():
    assert feature("Effective Date (EO 14024 Directive 2):", "26 Mar 2022").facts == {
        "Effective Date (EO 14024 Directive 2)": ["2022-03-26"]}
    assert feature("Executive Order 14024 Directive Information -", "x").facts == {
        "Executive Order 14024 Directive Information": ["x"]}
    crypto = feature("Digital Currency Address - ETH", "0x7F367cC41522cE07553e823bf3be79A889DEbe1B").identifiers[0]
    assert (crypto.type, crypto.currency) == (IdType.CRYPTO, "ETH")
    other = feature("Some New Id Label", "42", "France").identifiers[0]
    assert (other.type, other.label, other.country) == (IdType.OTHER, "Some New Id Label", "FR")


def test_membership_table():
    facts = {"Effective Date (EO 14024 Directive 2)": ["2022-03-26"]}
    lists = memberships("ofac_consolidated", "NON-SDN", ["UKRAINE-EO13662", "RUSSIA-EO14024"], facts)
    assert [(m.list, m.programs) for m in lists] == [("SSI", ["UKRAINE-EO13662"]), ("CAPTA", ["RUSSIA-EO14024"])]
    assert [m.list for m in memberships("ofac_consolidated", "NON-SDN", ["SYRIA", "FSE-SY"], {})] == ["FSE"]
    assert [m.list for m in memberships("ofac_consolidated", "NON-SDN", ["SOMETHING-NEW"], {})] == ["NON-SDN"]
    assert [m.list for m in memberships("ofac_sdn", "SDN", ["UKRAINE-EO13662"], {})] == ["SDN"]


# --- ofac_sdn legacy CSV ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sdn2023(lists_dir):
    return parsed("ofac_sdn", "2023-12-28")


def test_sdn_2023_counts(sdn2023):
    entities = sdn2023.entities
    assert len(entities) == 13_821
    strong_aliases = sum(1 for e in entities for n in e.names
                         if n.kind != NameKind.PRIMARY and n.quality == NameQuality.STRONG)
    assert strong_aliases == 17_091  # one per alt.csv row
    # add.csv has 18,990 rows; 2,652 of them are all-null placeholders ("-0-" street, city, country)
    assert sum(len(e.addresses) for e in entities) == 18_990 - 2_652
    assert sum(1 for e in entities for n in e.names if n.quality == NameQuality.WEAK) > 3_000
    assert {m.list for e in entities for m in e.lists} == {"SDN"}
    assert Counter(e.schema for e in entities)[Schema.VESSEL] > 700


def test_sdn_lavrov(sdn2023):
    lavrov = by_id(sdn2023, "ofac:35233")
    assert lavrov.schema == Schema.PERSON
    assert lavrov.birth_dates == [DateValue("1950-03-21")]
    assert lavrov.birth_places == ["Moscow, Russia"] and lavrov.nationalities == ["RU"]
    assert lavrov.gender == "male" and lavrov.programs == ["RUSSIA-EO14024"]
    assert lavrov.names[0].parts == {"last": "LAVROV", "first": "Sergei Viktorovich"}
    assert "LAVROV, Sergey" in [n.value for n in lavrov.names if n.kind == NameKind.AKA]


def test_sdn_vtb_bank(sdn2023):
    vtb = by_caption(sdn2023, "VTB BANK PUBLIC JOINT STOCK COMPANY")
    assert "SWIFT/BIC VTBRRUMM" in vtb.remarks
    assert ids(vtb, IdType.SWIFT_BIC) == ["VTBRRUMM"]
    assert ids(vtb, IdType.INN) == ["7702070139"]
    assert "1027739609391" in ids(vtb, IdType.OGRN)
    assert vtb.sanction_facts["Executive Order 13662 Directive Determination"] == ["Subject to Directive 1"]


def test_sdn_crypto_addresses(sdn2023):
    crypto = [i for e in sdn2023.entities for i in e.identifiers if i.type == IdType.CRYPTO]
    assert len(crypto) > 250 and all(i.currency and i.value and " " not in i.value for i in crypto)
    assert {"XBT", "ETH", "USDT", "XMR"} <= {i.currency for i in crypto}
    owner = by_id(sdn2023, "ofac:26137")
    assert [(i.currency, i.value) for i in owner.identifiers if i.value == "149w62rY42aZBox8fGcmqNsXUzSStKeq8C"] == [
        ("XBT", "149w62rY42aZBox8fGcmqNsXUzSStKeq8C")]


def test_sdn_weak_akas_with_apostrophes(sdn2023):
    entity = by_id(sdn2023, "ofac:12926")
    weak = [n.value for n in entity.names if n.quality == NameQuality.WEAK]
    assert "ABU DU'A" in weak


@pytest.mark.slow
@pytest.mark.parametrize("version", ["2022-02-10", "2022-02-24", "2022-02-28", "2022-03-04"])
def test_sdn_csv_only_folders(lists_dir, version):
    result = parsed("ofac_sdn", version)
    assert len(result.entities) > 9_000
    assert all(not e.addresses for e in result.entities)  # no add.csv in these folders
    present = any(e.id == "ofac:35233" for e in result.entities)
    assert present == (version >= "2022-02-28")  # Lavrov designated between 24 and 28 Feb 2022


# --- ofac_consolidated ------------------------------------------------------------------------------
def test_consolidated_2018_csv(lists_dir):
    result = parsed("ofac_consolidated", "2018-04-06")
    assert len(result.entities) == 639
    rosneft = by_id(result, "ofac:17022")
    assert rosneft.sanction_facts["Executive Order 13662 Directive Determination"] == [
        "Subject to Directive 2", "Subject to Directive 4"]
    assert [(m.source, m.list) for m in rosneft.lists] == [("ofac_consolidated", "SSI")]
    lists = Counter(m.list for e in result.entities for m in e.lists)
    assert lists["SSI"] == 290 and lists["13599"] == 264 and lists["NS-PLC"] == 78 and lists["FSE"] == 6


@pytest.fixture(scope="module")
def xml_versions(lists_dir):
    return parsed("ofac_consolidated", "2025-12-18"), parsed("ofac_consolidated", "2026-01-08")


def test_consolidated_xml(xml_versions):
    old, new = xml_versions
    assert (old.published, new.published) == ("2025-12-18", "2026-01-08")
    assert len(new.entities) == 442
    rosneft = by_id(new, "ofac:17022")
    assert rosneft.sanction_facts["Executive Order 13662 Directive Determination"] == [
        "Subject to Directive 2", "Subject to Directive 4"]
    assert rosneft.lists[0].list == "SSI"
    vtb = by_id(new, "ofac:17013")
    assert ids(vtb, IdType.SWIFT_BIC) == ["VTBRRUMM"] and ids(vtb, IdType.INN) == ["7702070139"]
    lists = Counter(m.list for e in new.entities for m in e.lists)
    assert {"SSI", "NS-PLC", "CMIC", "CAPTA", "NS-MBS"} <= set(lists) and "NON-SDN" not in lists
    directive2 = [e for e in new.entities if "Effective Date (EO 14024 Directive 2)" in e.sanction_facts]
    assert directive2 and all("CAPTA" in {m.list for m in e.lists} for e in directive2)
    assert all(v[0][:2] == "20" for e in directive2 for v in [e.sanction_facts["Effective Date (EO 14024 Directive 2)"]])


def test_consolidated_xml_versions_mostly_identical(xml_versions):
    old, new = ({e.id: e.digest() for e in r.entities} for r in xml_versions)
    same = sum(old[i] == new[i] for i in old.keys() & new.keys())
    assert same >= 0.95 * len(new)


# --- bad input ------------------------------------------------------------------------------------
def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


GOOD_ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


def test_csv_tiny_set_with_crlf_eof_marker_and_comments(tmp_path):
    sdn = write(tmp_path, "sdn.csv", GOOD_ROW + '7,"DOE, John","individual","SDGT] [IFSR",-0- ,-0- ,-0- ,'
                '-0- ,-0- ,-0- ,-0- ,"DOB 1950; nationality Ir"\r\n\x1a')
    comments = write(tmp_path, "sdn_comments.csv", '7,"an; Gender Male."\r\n')
    alt = write(tmp_path, "alt.csv", '7,1,"fka","ROE, Jon",-0- \r\n')
    add = write(tmp_path, "add.csv", '7,2,-0- ,-0- ,-0- ,-0- \r\n7,3,"1 Main St","Tehran","Iran",-0- \r\n')
    result = ofac_csv.parse({"sdn.csv": sdn, "sdn_comments.csv": comments, "alt.csv": alt, "add.csv": add})
    doe = by_id(result, "ofac:7")
    assert doe.programs == ["SDGT", "IFSR"] and doe.nationalities == ["IR"] and doe.gender == "male"
    assert [(n.value, n.kind) for n in doe.names[1:]] == [("ROE, Jon", NameKind.FKA)]
    assert [(a.street, a.city, a.country) for a in doe.addresses] == [("1 Main St", "Tehran", "IR")]
    assert by_id(result, "ofac:36").schema == Schema.ORGANIZATION


@pytest.mark.parametrize(
    ("content", "position", "message"),
    [
        (GOOD_ROW + '37,"TOO FEW",-0- \r\n', "line 2", "expected 12 columns, found 3"),
        (GOOD_ROW + GOOD_ROW.replace("36,", "3x,"), "line 2", "ent_num '3x' is not a number"),
        (GOOD_ROW + GOOD_ROW.replace("36,", "38,").replace("-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r",
                                                             '"unterminated\r'), "line 2", "malformed CSV"),
        (GOOD_ROW.replace("-0- ,\"CUBA\"", '"robot","CUBA"'), "line 1", "unknown SDN_Type"),
        ("", "line 1", "empty file"),
        (b"PK\x03\x04\x14\x00\x06\x00binary xlsx", "line 1", "binary content"),
    ],
)
def test_csv_bad_input(tmp_path, content, position, message):
    path = write(tmp_path, "sdn.csv", content)
    with pytest.raises(ParseError) as error:
        ofac_csv.parse({"sdn.csv": path})
    assert error.value.path == str(path) and error.value.position == position
    assert message in error.value.message


XML_HEAD = ('<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n'
            "<publshInformation><Publish_Date>12/28/2023</Publish_Date></publshInformation>\n")
XML_ENTRY = ("<sdnEntry><uid>1</uid><firstName>John</firstName><lastName>DOE</lastName><sdnType>Individual</sdnType>"
             "<programList><program>SDGT</program></programList>"
             "<akaList><aka><uid>2</uid><type>a.k.a.</type><category>weak</category><lastName>JD</lastName></aka></akaList>"
             "<idList><id><uid>3</uid><idType>Passport</idType><idNumber>A1</idNumber><idCountry>Iran</idCountry>"
             "<expirationDate>01 Jan 2030</expirationDate></id></idList>"
             "<nationalityList><nationality><uid>4</uid><country>Iran</country></nationality></nationalityList>"
             "<dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>circa 1970</dateOfBirth></dateOfBirthItem>"
             "</dateOfBirthList><vesselInfo><callSign>ABC1</callSign></vesselInfo></sdnEntry>\n")


def test_xml_sdn_file_any_namespace(tmp_path):
    path = write(tmp_path, "sdn.xml", XML_HEAD + XML_ENTRY + "</sdnList>\n")
    result = ofac_xml.parse({"sdn.xml": path})
    assert result.published == "2023-12-28"
    doe = result.entities[0]
    assert (doe.id, doe.caption, doe.names[0].parts) == ("ofac:1", "DOE, John", {"last": "DOE", "first": "John"})
    assert [(n.value, n.quality) for n in doe.names[1:]] == [("JD", NameQuality.WEAK)]
    passport = next(i for i in doe.identifiers if i.type == IdType.PASSPORT)
    assert (passport.type, passport.value, passport.country, passport.note) == (
        IdType.PASSPORT, "A1", "IR", "expires 2030-01-01")
    assert doe.nationalities == ["IR"] and doe.birth_dates == [DateValue("1970", circa=True)]
    assert [m.list for m in doe.lists] == ["SDN"] and ids(doe, IdType.CALL_SIGN) == ["ABC1"]


@pytest.mark.parametrize(
    ("content", "position", "message"),
    [
        (XML_HEAD + XML_ENTRY[: len(XML_ENTRY) // 2], "line 4", "malformed XML"),
        ("", "line 1", "empty file"),
        ("<?xml version='1.0'?><Sanctions/>", "element <Sanctions>", "not an OFAC sdnList"),
        (XML_HEAD + XML_ENTRY.replace("<uid>1</uid>", "<uid>x</uid>") + "</sdnList>", "element <sdnEntry> at line 4",
         "uid 'x' is not a number"),
        (XML_HEAD.replace("12/28/2023", "2023-12-28") + "</sdnList>", "line 3", "Publish_Date"),
    ],
)
def test_xml_bad_input(tmp_path, content, position, message):
    path = write(tmp_path, "consolidated.xml", content)
    with pytest.raises(ParseError) as error:
        ofac_xml.parse({"consolidated.xml": path})
    assert error.value.path == str(path) and error.value.position == position
    assert message in error.value.message
