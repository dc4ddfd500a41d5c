"""UK OFSI Consolidated List (``ConList.xlsx``) -> entities ``uk:<Group ID>``.

Format: DOMAIN.md §5.4. One worksheet row per name variant; rows sharing a Group ID are one
target. A title row ("Last Updated", date) may precede the header row, so the header is found by
its column names. Many fields live inside "Other Information" as "(Label):value" segments; where
each label goes is ``data/ofsi_other_information.yml``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import openpyxl
import pycountry
from openpyxl.utils.exceptions import InvalidFileException

from raqib.countries import to_iso2
from raqib.model import (
    Address,
    DateValue,
    Entity,
    Identifier,
    IdType,
    Link,
    ListMembership,
    Name,
    NameKind,
    NameQuality,
    ParseError,
    Schema,
)
from raqib.sources import ParsedList
from raqib.sources.dates import coarse_date
from raqib.sources.tables import load_table
from raqib.sources.values import dedupe_lists
from raqib.text.scripts import detect_script

FILE_KEY = "conlist.xlsx"
SOURCE, LIST_LABEL = "uk_ofsi", "UK"
_HEADER_SEARCH_ROWS = 20
_DMY = re.compile(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})")
_NUMBERED = re.compile(r"\(\d{1,2}\)\s*")
_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_ADDRESS_COLUMNS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")

Row = dict[str, str | None]


# --- data tables ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    return load_table("ofsi_vocabulary.yml")


@lru_cache(maxsize=1)
def _other_information_labels() -> dict[str, str]:
    return load_table("ofsi_other_information.yml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[re.Pattern[str], IdType, str, bool]], re.Pattern[str]]:
    table = load_table("ofsi_identifier_patterns.yml")
    business = [
        (re.compile(p["pattern"]), IdType(p["type"]), p["label"], bool(p.get("russian_only")))
        for p in table["business_reg"]
    ]
    return business, re.compile(table["crypto"])


# --- pure text helpers ---------------------------------------------------------------------
def parse_dmy(text: str) -> DateValue | None:
    """``"22/08/1990"`` -> ``1990-08-22``; ``"00/08/1990"`` -> ``1990-08``; ``"00/00/1994"`` or
    ``"1994"`` -> ``1994``; ``"05/1973"`` -> ``1973-05``. Anything else -> None."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return DateValue(text)
    match = _DMY.fullmatch(text)
    if not match:
        return None
    day, month = int(match[1] or 0), int(match[2])
    try:
        return coarse_date(match[3], month or None, day or None)  # 00 = unknown part
    except ValueError:
        return None


def split_numbered(text: str) -> list[str]:
    """``"(1) Lebanon. (2) Syria"`` -> ``["Lebanon", "Syria"]``; unnumbered text -> ``[text]``."""
    return [p for p in (s.strip(" .;,\t\n") for s in _NUMBERED.split(text)) if p]


def split_labelled(text: str, labels: list[str]) -> list[tuple[str | None, str]]:
    """``"intro (Gender):Male (UN Ref):QDi.1"`` -> ``[(None, "intro"), ("Gender", "Male"), …]``."""
    pattern = re.compile(r"\((" + "|".join(map(re.escape, labels)) + r")\)\s*:")
    pieces = pattern.split(text)
    segments: list[tuple[str | None, str]] = []
    if pieces[0].strip():
        segments.append((None, pieces[0].strip()))
    for label, value in zip(pieces[1::2], pieces[2::2]):
        segments.append((label, value.strip().rstrip(".").strip()))
    return segments


def business_identifiers(text: str, russian: bool) -> list[Identifier]:
    """Typed numbers from the free-text "Business Reg No" (INN, OGRN, KPP …).

    Unlabelled numbers are typed only when their shape is unambiguous; if nothing is recognised
    the whole text is kept as one registration number.
    """
    business, _ = _patterns()
    found: list[Identifier] = []
    for pattern, id_type, label, russian_only in business:
        if russian_only and not russian:
            continue
        for match in pattern.finditer(text):
            value = match["value"]
            if not any(i.value == value for i in found):
                found.append(Identifier(id_type, value, label=label, note=text))
    return found or [Identifier(IdType.REGISTRATION, text, label="Business Reg No")]


def crypto_identifiers(text: str) -> list[Identifier]:
    _, crypto = _patterns()
    return [
        Identifier(IdType.CRYPTO, m["value"], label=f"Digital Currency Address - {m['currency']}", currency=m["currency"])
        for m in crypto.finditer(text)
    ]


def country_code(name: str | None) -> str | None:
    """ISO2 for an OFSI country value; ambiguous values ("UK") and unknown places give None."""
    if not name or name.strip() in _vocabulary()["ambiguous_countries"]:
        return None
    return to_iso2(name) or to_iso2(re.sub(r"\s*\(.*\)\s*$", "", name))


def language_code(name: str | None) -> str | None:
    """``"Russian"`` -> ``"ru"``, ``"Persian/Farsi"`` -> ``"fa"``; scripts or unknown -> None."""
    for part in (name or "").split("/"):
        language = pycountry.languages.get(name=part.strip())
        if language is not None and hasattr(language, "alpha_2"):
            return language.alpha_2
    return None


# --- workbook reading ----------------------------------------------------------------------
def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _rows(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    if path.stat().st_size == 0:
        raise ParseError(str(path), "row 1", "empty file")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise ParseError(str(path), "file", f"not an xlsx workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _find_header(path: Path, rows: Iterator[tuple[int, list[str | None]]]) -> tuple[int, list[str | None], str | None]:
    """The header row (number, cells) and the "Last Updated" date of a title row above it."""
    required = _vocabulary()["required_columns"]
    published, best = None, (0, 0, [])
    for number, cells in rows:
        present = [c for c in required if c in cells]
        if len(present) == len(required):
            return number, cells, published
        if len(present) > best[1]:
            best = (number, len(present), present)
        for label, value in zip(cells, cells[1:]):
            if label == "Last Updated" and value and (day := parse_dmy(value)):
                published = day.value
        if number >= _HEADER_SEARCH_ROWS:
            break
    if best[1] >= 2:
        missing = ", ".join(repr(c) for c in required if c not in best[2])
        raise ParseError(str(path), f"row {best[0]}", f"header is missing required column {missing}")
    raise ParseError(str(path), "row 1", f"no header row with columns {', '.join(required)}")


class _Builder:
    """Turns the rows of one Group ID into an entity; collects warnings."""

    def __init__(self, path: Path):
        self.path = path
        self.warnings: list[str] = []

    def warn(self, row: int, message: str) -> None:
        self.warnings.append(f"{self.path}: row {row}: {message}")

    def entity(self, group_id: str, rows: list[tuple[int, Row]]) -> Entity:
        first_row, first = rows[0]
        group_type = first.get("Group Type") or ""
        schema = Schema(_vocabulary()["group_types"].get(group_type, Schema.UNKNOWN.value))
        if group_type not in _vocabulary()["group_types"]:
            self.warn(first_row, f"unknown Group Type {group_type!r}")
        entity = Entity(id=f"uk:{group_id}", schema=schema)
        for number, row in rows:
            entity.names.extend(self.names(number, row, schema))
            self.attributes(number, row, entity)
        entity.lists = [self.membership(rows)]
        _dedupe(entity)
        return entity

    def names(self, number: int, row: Row, schema: Schema) -> list[Name]:
        alias_type = row.get("Alias Type") or ""
        kind = NameKind(_vocabulary()["alias_types"].get(alias_type, "aka"))
        if alias_type not in _vocabulary()["alias_types"]:
            self.warn(number, f"unknown Alias Type {alias_type!r}; treated as AKA")
        quality = NameQuality(_vocabulary()["alias_qualities"].get(row.get("Alias Quality") or "", "strong"))
        given = [row[c] for c in _NAME_COLUMNS if row.get(c)]
        surname = row.get("Name 6")
        value = " ".join(given + ([surname] if surname else []))
        names = []
        if value:
            parts = None
            if schema == Schema.PERSON and given and surname:
                parts = {"first": given[0], "middle": " ".join(given[1:]), "last": surname}
                parts = {k: v for k, v in parts.items() if v}
            names.append(Name(value, kind, quality, detect_script(value), parts=parts))
        if original := row.get("Name Non-Latin Script"):
            lang = language_code(row.get("Non-Latin Script Language"))
            # The script form of a low-quality alias is no stronger than the alias itself.
            names.append(Name(original, NameKind.AKA, quality, detect_script(original), lang))
        return names

    def attributes(self, number: int, row: Row, entity: Entity) -> None:
        if dob := row.get("DOB"):
            for text in split_numbered(dob):
                if parsed := parse_dmy(text):
                    entity.birth_dates.append(parsed)
                else:
                    self.warn(number, f"DOB {text!r} not understood")
        for town in split_numbered(row.get("Town of Birth") or "") or [None]:
            if place := ", ".join(v for v in (town, row.get("Country of Birth")) if v):
                entity.birth_places.append(place)
        for nationality in split_numbered(row.get("Nationality") or ""):
            # "Germany. Russia" / "Estonia, Russia": unnumbered lists; try the whole value first
            # because some names hold a comma themselves ("Korea, North").
            pieces = [nationality] if country_code(nationality) else re.split(r"[.,]\s+", nationality)
            for piece in pieces:
                if code := country_code(piece):
                    entity.nationalities.append(code)
                else:
                    self.warn(number, f"nationality {piece!r} has no unambiguous ISO code")
        entity.titles += [t for c in ("Title", "Position") for t in split_numbered(row.get(c) or "")]
        entity.identifiers += _documents(row, "Passport Number", "Passport Details", IdType.PASSPORT)
        entity.identifiers += _documents(
            row, "National Identification Number", "National Identification Details", IdType.NATIONAL_ID
        )
        if address := _address(row):
            entity.addresses.append(address)
        if other := row.get("Other Information"):
            entity.remarks = entity.remarks or other
            self.other_information(other, entity, row.get("Regime") == "Russia")

    def other_information(self, text: str, entity: Entity, russian: bool) -> None:
        labels = _other_information_labels()
        for label, value in split_labelled(text, list(labels)):
            target = labels.get(label) if label else None
            if not value or target is None:
                continue
            if target.startswith("ref:"):
                entity.sanction_facts.setdefault(target[4:], []).append(value.split()[0].rstrip(".,;"))
            elif target.startswith("fact:"):
                entity.sanction_facts.setdefault(target[5:], []).append(value)
            elif target.startswith("detail:"):
                entity.details[target[7:]] = value
            elif target.startswith("identifier:"):
                id_type = IdType(target[11:])
                entity.identifiers += [Identifier(id_type, v, label=label) for v in split_numbered(value)]
            elif target.startswith("link:"):
                entity.links += [Link(target[5:], v) for v in split_numbered(value)]
            elif target == "business_reg":
                entity.identifiers += business_identifiers(value, russian or "Russia" in value or "RU" in entity.nationalities)
            elif target == "gender":
                entity.gender = value.lower() if value.lower() in ("male", "female") else entity.gender
            elif target == "flag":
                entity.details["flag"] = value
                if code := country_code(value):
                    entity.countries.append(code)
        entity.identifiers += crypto_identifiers(text)

    def membership(self, rows: list[tuple[int, Row]]) -> ListMembership:
        programs = list(dict.fromkeys(r["Regime"] for _, r in rows if r.get("Regime")))
        listed = [parse_dmy(r["Listed On"]) for _, r in rows if r.get("Listed On")]
        listed_on = min((d.value for d in listed if d and len(d.value) == 10), default=None)
        return ListMembership(SOURCE, LIST_LABEL, programs, listed_on)


def _documents(row: Row, number_column: str, details_column: str, id_type: IdType) -> list[Identifier]:
    """Pair "(1) A (2) B" numbers with "(1) … (2) …" details when both are numbered alike."""
    numbers = split_numbered(row.get(number_column) or "")
    details = split_numbered(row.get(details_column) or "")
    if len(details) != len(numbers):
        details = [row.get(details_column) or ""] * len(numbers)
    documents = []
    for number, detail in zip(numbers, details):
        country = country_code(re.split(r"\s+(?:number|passport|national)\b|[.,]", detail, maxsplit=1)[0])
        documents.append(Identifier(id_type, number, label=number_column, country=country, note=detail or None))
    return documents


def _address(row: Row) -> Address | None:
    lines = [row[c] for c in _ADDRESS_COLUMNS if row.get(c)]
    postal, country_name = row.get("Post/Zip Code"), row.get("Country")
    full = ", ".join(lines + [v for v in (postal, country_name) if v])
    if not full:
        return None
    return Address(
        full=full, postal_code=postal, country=country_code(country_name), country_name=country_name
    )


def _dedupe(entity: Entity) -> None:
    """Rows repeat the group's attributes once per name variant: keep each value once."""
    best: dict[tuple[str, NameKind], Name] = {}
    for name in entity.names:
        key = (name.value, name.kind)
        if key not in best or (best[key].quality == NameQuality.WEAK and name.quality == NameQuality.STRONG):
            best[key] = name
    primary_values = {n.value for n in best.values() if n.kind == NameKind.PRIMARY}
    names = [n for n in best.values() if n.kind == NameKind.PRIMARY or n.value not in primary_values]
    entity.names = sorted(names, key=lambda n: n.kind != NameKind.PRIMARY)  # stable: primary first
    dedupe_lists(
        entity, ("birth_dates", "birth_places", "nationalities", "titles", "addresses", "identifiers", "links", "countries")
    )
    for key, values in entity.sanction_facts.items():
        entity.sanction_facts[key] = list(dict.fromkeys(values))


def parse(files: dict[str, Path]) -> ParsedList:
    path = Path(next(p for k, p in files.items() if k.lower() == FILE_KEY))
    rows = _rows(path)
    header_row, header, published = _find_header(path, rows)
    columns = [(i, name) for i, name in enumerate(header) if name]
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, cells in rows:
        if not any(cells):
            continue
        row = {name: cells[i] if i < len(cells) else None for i, name in columns}
        group_id = row.get("Group ID")
        if not group_id:
            raise ParseError(str(path), f"row {number}", "row has no Group ID")
        groups.setdefault(group_id, []).append((number, row))
    if not groups:
        raise ParseError(str(path), f"row {header_row}", "no data rows below the header")
    builder = _Builder(path)
    entities = [builder.entity(group_id, group_rows) for group_id, group_rows in groups.items()]
    return ParsedList(entities, published=published, warnings=builder.warnings)
