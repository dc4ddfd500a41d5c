"""Canada SEMA XML parser, on the real 2025-03-20 file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import parsed
from raqib.model import DateValue, IdType, NameKind, ParseError, Schema
from raqib.sources import canada_xml


@pytest.fixture(scope="module")
def result(lists_dir):
    return parsed("canada", "2025-03-20")


@pytest.fixture(scope="module")
def by_id(result):
    return {e.id: e for e in result.entities}


def test_counts_and_ids(result):
    # 4,759 records: 3,334 individuals, 1,316 entities, 109 ships (with IMO numbers).
    schemas = [e.schema for e in result.entities]
    assert len(schemas) == 4759
    assert (schemas.count(Schema.PERSON), schemas.count(Schema.ORGANIZATION), schemas.count(Schema.VESSEL)) == (
        3334,
        1316,
        109,
    )
    assert len({e.id for e in result.entities}) == 4759
    for entity in result.entities:
        assert entity.id.startswith("ca:") and " " not in entity.id
        (membership,) = entity.lists
        assert membership.source == "canada" and membership.list == "CA" and membership.listed_on
        assert entity.names[0].kind == NameKind.PRIMARY


def test_programs_from_country(result):
    programs = {p for e in result.entities for p in e.programs}
    assert {"Russia", "Iran", "Belarus", "Ukraine", "JVCFOR", "Myanmar"} <= programs
    assert not any(" / " in p for p in programs)
    assert not [w for w in result.warnings if "canada_programs" in w]


def test_known_person(by_id):
    lukashenko = by_id["ca:belarus:1part1:8"]
    assert lukashenko.caption == "Aleksandr Grigoryevich Lukashenko"
    assert lukashenko.names[0].parts == {"first": "Aleksandr Grigoryevich", "last": "Lukashenko"}
    assert lukashenko.birth_dates == [DateValue("1954-08-30")]
    assert lukashenko.lists[0].listed_on == "2020-09-28"
    assert lukashenko.lists[0].authority == "Special Economic Measures (Belarus) Regulations, Schedule 1, Part 1"


def test_cyrillic_alias(by_id):
    litvina = by_id["ca:belarus:1part1:97"]
    aliases = [(n.value, n.script) for n in litvina.names if n.kind == NameKind.AKA]
    assert aliases == [("Елена Васильевна ЛИТВИНА", "Cyrl")]


def test_script_aliases_present_and_split(result):
    with_cyrillic = [e for e in result.entities if any(n.script == "Cyrl" for n in e.names)]
    with_arabic = [e for e in result.entities if any(n.script == "Arab" for n in e.names)]
    assert len(with_cyrillic) > 2000 and len(with_arabic) > 150
    for entity in result.entities:
        for name in entity.names:
            assert ";" not in name.value and " or " not in name.value and not name.value.startswith("Russian:")


def test_alias_splitting_rules():
    names = canada_xml.split_aliases(
        "Aleksander/ Aleksandr Vladimirovich Karnienko,  Belarusian: Александр Владимиравич КАРНИЕНКА,  "
        "Russian: Александр Владимирович Карниенко or Карниенка"
    )
    assert names == [
        ("Aleksander Vladimirovich Karnienko", None),
        ("Aleksandr Vladimirovich Karnienko", None),
        ("Александр Владимиравич КАРНИЕНКА", "be"),
        ("Александр Владимирович Карниенко", "ru"),
        ("Александр Владимирович Карниенка", "ru"),
    ]
    assert canada_xml.split_aliases("М Инвест, ООО") == [("М Инвест, ООО", None)]
    assert canada_xml.split_aliases("(Юрий ГОВТВИН / Юрiй ГОВТВIН") == [("Юрий ГОВТВИН", None), ("Юрiй ГОВТВIН", None)]
    assert canada_xml.split_aliases("حسن الورديان/حسن محمد علي الورديان ") == [
        ("حسن الورديان", None),
        ("حسن محمد علي الورديان", None),
    ]


def test_vessel(by_id):
    ship = by_id["ca:russia:1.1:1"]
    assert ship.schema == Schema.VESSEL and ship.caption == "Balitiyskiy III"
    assert [(i.type, i.value) for i in ship.identifiers] == [(IdType.IMO, "7612448")]
    assert ship.details == {"type": "General Cargo / Multi Purpose", "build_date": "1980"}
    assert not ship.birth_dates


def test_dates():
    assert canada_xml.parse_dates("1963 or 1964") == ([DateValue("1963"), DateValue("1964")], True)
    assert canada_xml.parse_dates("1963-1964") == ([DateValue("1963", until="1964")], True)
    assert canada_xml.parse_dates("1955-11") == ([DateValue("1955-11")], True)
    assert canada_xml.parse_dates("born in the early 1970s") == ([], False)


# --- bad input -------------------------------------------------------------------------------
def _parse(tmp_path: Path, content: str):
    path = tmp_path / "sema-lmes.xml"
    path.write_text(content, encoding="utf-8")
    return canada_xml.parse({"sema-lmes.xml": path})


def test_truncated(tmp_path):
    with pytest.raises(ParseError) as err:
        _parse(tmp_path, "<data-set>\n<record>\n<Country>Iran</Country>\n")
    assert err.value.path.endswith("sema-lmes.xml") and err.value.position.startswith("line ")


def test_empty(tmp_path):
    with pytest.raises(ParseError, match="empty file"):
        _parse(tmp_path, "")


def test_record_without_item(tmp_path):
    with pytest.raises(ParseError, match=r"line 2 <record>: record needs Country and Item"):
        _parse(tmp_path, "<data-set>\n<record><Country>Iran</Country><LastName>X</LastName></record></data-set>")


def test_duplicate_item(tmp_path):
    record = "<record><Country>Iran</Country><LastName>X</LastName><Schedule>1</Schedule><Item>4</Item></record>"
    with pytest.raises(ParseError, match="repeats"):
        _parse(tmp_path, f"<data-set>{record}\n{record}</data-set>")
