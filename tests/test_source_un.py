"""UN Security Council consolidated XML parser, on the real published files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import parsed
from raqib.model import DateValue, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import un_xml


@pytest.fixture(scope="module")
def april(lists_dir):
    return parsed("un", "2025-04-19")


@pytest.fixture(scope="module")
def december(lists_dir):
    return parsed("un", "2025-12-10")


def _by_id(result):
    return {e.id: e for e in result.entities}


def test_counts_and_publication_date(april, december):
    # 684 INDIVIDUAL + 193 ENTITY in April; 726 + 273 in December (Iran snapback added IRi/IRe).
    for result, people, orgs, date in ((april, 684, 193, "2025-04-19"), (december, 726, 273, "2025-12-10")):
        schemas = [e.schema for e in result.entities]
        assert schemas.count(Schema.PERSON) == people
        assert schemas.count(Schema.ORGANIZATION) == orgs
        assert result.published == date
        assert len({e.id for e in result.entities}) == len(result.entities)
    assert "Iran" in {p for e in december.entities for p in e.programs}
    assert "Iran" not in {p for e in april.entities for p in e.programs}


def test_every_entity_is_un_listed_with_a_program(december):
    for entity in december.entities:
        assert entity.id.startswith("un:") and " " not in entity.id
        (membership,) = entity.lists
        assert (membership.source, membership.list) == ("un", "UN")
        assert membership.programs and membership.listed_on and len(membership.listed_on) == 10
        assert entity.names[0].kind == NameKind.PRIMARY


def test_arabic_original_script_names(april):
    with_arabic = [e for e in april.entities if any(n.script == "Arab" for n in e.names)]
    # 380 records carry NAME_ORIGINAL_SCRIPT; 370 of them are in Arabic script (others Cyrillic/Han).
    assert 360 <= len(with_arabic) <= 380
    al_qaida = _by_id(april)["un:QDe.004"]
    arabic = [n for n in al_qaida.names if n.script == "Arab"]
    assert [n.value for n in arabic] == ["القاعدة"]
    assert arabic[0].kind == NameKind.AKA and arabic[0].quality == NameQuality.STRONG


def test_alias_quality_mapping(december):
    names = [n for e in december.entities for n in e.names]
    weak = [n for n in names if n.quality == NameQuality.WEAK]
    assert len(weak) > 500  # QUALITY=Low on ~615 aliases
    assert all(n.kind == NameKind.AKA for n in weak)
    assert any(n.kind == NameKind.FKA for n in names)  # QUALITY=f.k.a.
    mansour = _by_id(december)["un:TAi.011"]
    assert {n.value: n.quality for n in mansour.names}["Naib Imam"] == NameQuality.WEAK


def test_semicolon_aliases_are_split(december):
    names = {n.value for e in december.entities for n in e.names}
    assert not any(";" in name for name in names)
    assert {"Qasim Soleimani", "Qasem Sulaimani", "Abu Bakr al-Baghdadi"} <= names


def test_known_taliban_record_field_by_field(december):
    entity = _by_id(december)["un:TAi.011"]
    assert entity.schema == Schema.PERSON
    assert entity.caption == "AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED"
    assert entity.names[0].parts == {"first": "AKHTAR", "second": "MOHAMMAD", "third": "MANSOUR", "fourth": "SHAH MOHAMMED"}
    assert entity.birth_dates == [DateValue("1960", circa=True), DateValue("1966")]
    assert entity.nationalities == ["AF"]
    (passport,) = entity.identifiers
    assert (passport.type, passport.value, passport.country) == (IdType.PASSPORT, "SE-011697", "AF")
    assert "Maulavi" in entity.titles
    assert entity.programs == ["Taliban"]
    assert entity.lists[0].listed_on == "2001-01-25"
    assert "Ishaqzai" in entity.remarks


def test_known_dprk_record(december):
    entity = _by_id(december)["un:KPi.033"]
    assert entity.caption == "RI WON HO"
    assert entity.birth_dates == [DateValue("1964-07-17")]
    assert entity.nationalities == ["KP"]
    assert [(i.type, i.value) for i in entity.identifiers] == [(IdType.PASSPORT, "381310014")]
    assert entity.programs == ["DPRK"]
    komid = _by_id(december)["un:KPe.001"]
    assert komid.schema == Schema.ORGANIZATION
    assert komid.addresses[0].country == "KP" and komid.addresses[0].city == "Pyongyang"


def test_date_ranges_and_month_notes(december):
    dates = [d for e in december.entities for d in e.birth_dates]
    assert any(d.until for d in dates)  # TYPE_OF_DATE=BETWEEN with FROM_YEAR/TO_YEAR
    assert any(len(d.value) == 7 for d in dates)  # "Nov. 1973" notes -> 1973-11
    assert sum(d.circa for d in dates) > 100


def test_helpers():
    assert un_xml.month_year("Nov. 1973") == "1973-11"
    assert un_xml.month_year("August 1961 ") == "1961-08"
    assert un_xml.month_year("30-35 years old") is None
    assert un_xml.split_alias_names("A B; C D b) E F") == ["A B", "C D", "E F"]
    assert un_xml.split_alias_names("أبو بكر (Abu Bakr; Abu B.)") == ["أبو بكر", "Abu Bakr", "Abu B."]
    assert un_xml.split_alias_names("Al-Noor (Kabul)") == ["Al-Noor (Kabul)"]
    assert un_xml.document_type("Numéro de passeport") == IdType.PASSPORT
    assert un_xml.document_type("National Identification Number") == IdType.NATIONAL_ID
    assert un_xml.document_type("Ration card") == IdType.OTHER


# --- bad input -------------------------------------------------------------------------------
def _parse(tmp_path: Path, content: str):
    path = tmp_path / "consolidated.xml"
    path.write_text(content, encoding="utf-8")
    return un_xml.parse({"consolidated.xml": path}), path


def test_truncated_xml_names_file_and_line(tmp_path):
    with pytest.raises(ParseError) as err:
        _parse(tmp_path, '<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n')
    assert err.value.path.endswith("consolidated.xml") and err.value.position.startswith("line ")


def test_empty_file(tmp_path):
    with pytest.raises(ParseError, match="empty file"):
        _parse(tmp_path, "")


def test_wrong_root(tmp_path):
    with pytest.raises(ParseError, match="CONSOLIDATED_LIST"):
        _parse(tmp_path, "<sdnList/>")


def test_missing_reference_number(tmp_path):
    xml = "<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL>\n</INDIVIDUALS></CONSOLIDATED_LIST>"
    with pytest.raises(ParseError) as err:
        _parse(tmp_path, xml)
    assert err.value.position == "line 2 <INDIVIDUAL>" and "REFERENCE_NUMBER" in err.value.message


def test_unknown_alias_quality_is_a_warning(tmp_path):
    xml = (
        '<CONSOLIDATED_LIST dateGenerated="2025-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER> QDi.999 </REFERENCE_NUMBER><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
        "<INDIVIDUAL_ALIAS><QUALITY>Odd</QUALITY><ALIAS_NAME>B</ALIAS_NAME></INDIVIDUAL_ALIAS>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    result, _ = _parse(tmp_path, xml)
    assert result.entities[0].id == "un:QDi.999" and result.published == "2025-01-02"
    assert len(result.warnings) == 1 and "QUALITY" in result.warnings[0]
