"""UK OFSI ConList.xlsx parser, on the real 2023-06-05 workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import parsed
from raqib.model import DateValue, IdType, NameKind, NameQuality, ParseError, Schema
from raqib.sources import uk_ofsi_xlsx as ofsi

VERSION = "2023-06-05"


@pytest.fixture(scope="module")
def result(lists_dir):
    return parsed("uk_ofsi", VERSION)


@pytest.fixture(scope="module")
def by_id(result):
    return {e.id: e for e in result.entities}


@pytest.fixture(scope="module")
def raw_rows(lists_dir):
    """The data rows as published (header on row 2, below a "Last Updated" title row)."""
    workbook = openpyxl.load_workbook(lists_dir / "uk_ofsi" / VERSION / "ConList.xlsx", read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    header = rows[1]
    return [dict(zip(header, row)) for row in rows[2:]]


def test_rows_grouped_by_group_id(result, raw_rows):
    # 16,823 name rows -> 3,993 targets.
    assert len(raw_rows) == 16823
    assert len(result.entities) == len({r["Group ID"] for r in raw_rows}) == 3993
    assert result.published == "2023-06-05"
    schemas = [e.schema for e in result.entities]
    assert (schemas.count(Schema.PERSON), schemas.count(Schema.ORGANIZATION), schemas.count(Schema.VESSEL)) == (
        3231,
        747,
        15,
    )
    for entity in result.entities:
        assert sum(n.kind == NameKind.PRIMARY for n in entity.names) >= 1
        assert entity.lists[0].source == "uk_ofsi" and entity.lists[0].list == "UK" and entity.programs


def test_every_latin_row_name_is_on_its_group(by_id, raw_rows):
    for row in raw_rows:
        parts = [row[c] for c in ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6") if row[c]]
        names = {n.value for n in by_id[f"uk:{row['Group ID']}"].names}
        assert " ".join(p.strip() for p in parts) in names


def test_non_latin_names_attached_to_their_group(by_id, raw_rows):
    with_script = [r for r in raw_rows if r["Name Non-Latin Script"]]
    assert len(with_script) == 3452
    for row in with_script:
        entity = by_id[f"uk:{row['Group ID']}"]
        assert row["Name Non-Latin Script"].strip() in {n.value for n in entity.names}
    scripts = {n.script for e in by_id.values() for n in e.names}
    assert {"Cyrl", "Arab"} <= scripts


def test_known_russian_individual(by_id):
    putin = by_id["uk:14196"]
    assert putin.caption == "Vladimir Vladimirovich PUTIN"
    assert putin.names[0].parts == {"first": "Vladimir", "middle": "Vladimirovich", "last": "PUTIN"}
    cyrillic = [n for n in putin.names if n.script == "Cyrl"]
    assert [n.value for n in cyrillic] == ["Владимир Владимирович Путин"]
    assert putin.birth_dates == [DateValue("1952-10-07")]
    assert putin.nationalities == ["RU"]
    assert putin.programs == ["Russia"] and putin.lists[0].listed_on == "2022-02-25"
    assert putin.sanction_facts["UK Sanctions List Ref"] == ["RUS0251"]
    assert "President of the Russian Federation" in putin.titles
    lavrova = by_id["uk:15284"]
    assert [(n.value, n.lang) for n in lavrova.names if n.script == "Cyrl"] == [("ЛАВРОВА, Мария Александровна", "ru")]


def test_arabic_name_and_un_reference(by_id):
    entity = by_id["uk:6909"]
    assert "عبد الکبیر محمد جان" in {n.value for n in entity.names if n.script == "Arab"}
    assert entity.sanction_facts["UN Ref"] == ["TAi.003"]
    assert entity.birth_places == ["Baghlan Jadid District, Baghlan Province, Afghanistan", "Pul-e-Khumri, Afghanistan"]


def test_partial_dates_of_birth(result):
    lengths = {len(d.value) for e in result.entities for d in e.birth_dates}
    assert lengths == {4, 7, 10}  # 00/00/yyyy -> year, 00/mm/yyyy and mm/yyyy -> month
    assert ofsi.parse_dmy("00/00/1994") == DateValue("1994")
    assert ofsi.parse_dmy("00/08/1961") == DateValue("1961-08")
    assert ofsi.parse_dmy("05/1973") == DateValue("1973-05")
    assert ofsi.parse_dmy("31/02/1990") is None


def test_low_quality_aliases_are_weak_also_in_script(by_id):
    entity = by_id["uk:13302"]
    qualities = {n.value: n.quality for n in entity.names}
    assert qualities["AZIZ"] == qualities["Азиз"] == NameQuality.WEAK
    assert qualities["Заурбек Салимович Гучаев"] == NameQuality.STRONG


def test_identifiers_from_other_information(by_id, result):
    garantex = by_id["uk:15329"]
    crypto = {(i.currency, i.value) for i in garantex.identifiers if i.type == IdType.CRYPTO}
    assert ("XBT", "3Lpoy53K625zVeE47ZasiG5jGkAxJ27kh1") in crypto and len(crypto) == 3
    niime = {(i.type, i.value) for i in by_id["uk:15325"].identifiers}
    assert {(IdType.INN, "7735579027"), (IdType.OGRN, "1117746568829")} <= niime
    vessel = by_id["uk:13651"]
    assert vessel.schema == Schema.VESSEL
    assert [(i.type, i.value) for i in vessel.identifiers] == [(IdType.IMO, "7408873")]
    assert vessel.details["flag"] == "North Korea" and vessel.countries == ["KP"]
    assert sum(i.type == IdType.IMO for e in result.entities for i in e.identifiers) == 15


def test_numbered_passports_paired_with_details(result):
    documents = [i for e in result.entities for i in e.identifiers if i.type in (IdType.PASSPORT, IdType.NATIONAL_ID)]
    assert documents and not any(i.value.startswith("(") for i in documents)
    notes = {i.value: i.note for i in documents}
    assert notes["223611"] == "Libya number" and notes["C00146605"] == "British passport number"
    assert ofsi.split_numbered("(1) Lebanon. (2) Syria") == ["Lebanon", "Syria"]


def test_ambiguous_uk_country_kept_as_published():
    assert ofsi.country_code("UK") is None
    assert ofsi.country_code("Russian Federation (as at November 2010)") == "RU"


# --- bad input -------------------------------------------------------------------------------
def _write(tmp_path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "ConList.xlsx"
    workbook.save(path)
    return path


def test_missing_required_column_named(tmp_path):
    path = _write(tmp_path, [["Last Updated", "01/02/2024"], ["Name 6", "Group Type", "Alias Type", "Regime"], ["X", "Entity", "AKA", "Y"]])
    with pytest.raises(ParseError) as err:
        ofsi.parse({"conlist.xlsx": path})
    assert err.value.position == "row 2" and "'Group ID'" in err.value.message


def test_row_without_group_id(tmp_path):
    header = ["Name 6", "Group Type", "Alias Type", "Regime", "Group ID"]
    path = _write(tmp_path, [header, ["A", "Entity", "Primary name", "Russia", "1"], ["B", "Entity", "AKA", "Russia", None]])
    with pytest.raises(ParseError, match="row 3: row has no Group ID"):
        ofsi.parse({"conlist.xlsx": path})


def test_minimal_workbook_parses(tmp_path):
    header = ["Name 6", "Name 1", "Group Type", "Alias Type", "Alias Quality", "Regime", "Group ID", "DOB"]
    path = _write(
        tmp_path,
        [header, ["DOE", "Jon", "Individual", "Primary name", None, "Russia", "7", "00/03/1970"],
         ["DOH", "Jon", "Individual", "AKA", "Low quality", "Russia", "7", "00/03/1970"]],
    )
    (entity,) = ofsi.parse({"conlist.xlsx": path}).entities
    assert entity.id == "uk:7" and entity.caption == "Jon DOE" and entity.birth_dates == [DateValue("1970-03")]
    assert [(n.value, n.quality) for n in entity.names][1] == ("Jon DOH", NameQuality.WEAK)


def test_not_an_xlsx(tmp_path):
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(b"<html>Service unavailable</html>")
    with pytest.raises(ParseError, match="not an xlsx workbook"):
        ofsi.parse({"conlist.xlsx": path})


def test_empty_file(tmp_path):
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="empty file"):
        ofsi.parse({"conlist.xlsx": path})
