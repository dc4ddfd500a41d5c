"""OFAC legacy CSV set: ``sdn.csv`` + ``add.csv`` + ``alt.csv`` + ``sdn_comments.csv`` (SDN list)
or the same layout prefixed ``cons_`` (Consolidated non-SDN list).

No header row; ``-0-`` (often with a trailing space) is null; a DOS end-of-file byte (0x1A) may
close the file. Columns (OFAC ``dat_spec.txt``):

- main: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- add: ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
- alt: ent_num, alt_num, alt_type, alt_name, alt_remarks
- comments: ent_num, Remarks_Extended (the part of a long remarks text cut off in the main file)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from raqib.countries import to_iso2
from raqib.model import Address, Entity, Identifier, IdType, Link, ParseError, Schema
from raqib.sources import ParsedList
from raqib.sources.ofac_common import (
    ALIAS_KINDS,
    NULL,
    SCHEMAS,
    make_name,
    memberships,
    parse_remarks,
    split_programs,
)
from raqib.sources.registry import get_source

WIDTHS = {"main": 12, "add": 6, "alt": 5, "comments": 2}

# Vessel columns of the main file -> Entity.details keys.
_VESSEL_DETAILS = {6: "vessel_type", 7: "tonnage", 8: "grt", 9: "flag", 10: "owner"}


def parse(files: dict[str, Path]) -> ParsedList:
    if "sdn.csv" in files:
        source, prefix, main = "ofac_sdn", "", files["sdn.csv"]
    elif "cons_prim.csv" in files:
        source, prefix, main = "ofac_consolidated", "cons_", files["cons_prim.csv"]
    else:
        raise ParseError(", ".join(map(str, files.values())) or "(no files)", "file set",
                         "expected sdn.csv or cons_prim.csv")
    default_list = get_source(source).list_label
    warnings: list[str] = []
    aux = {kind: files.get(f"{prefix}{name}") for kind, name in
           (("add", "add.csv"), ("alt", "alt.csv"), ("comments", "comments.csv" if prefix else "sdn_comments.csv"))}

    overflow: dict[int, str] = {}
    if aux["comments"]:
        for line, row in read_rows(aux["comments"], WIDTHS["comments"], warnings, required=False):
            ent = ent_num(aux["comments"], line, row[0])
            overflow[ent] = overflow.get(ent, "") + (row[1] or "")

    entities: dict[int, Entity] = {}
    for line, row in read_rows(main, WIDTHS["main"], warnings, required=True):
        ent = ent_num(main, line, row[0])
        if ent in entities:
            raise ParseError(str(main), f"line {line}", f"duplicate ent_num {ent}")
        entities[ent] = _entity(main, line, row, overflow.get(ent), source, default_list, warnings)

    if aux["alt"]:
        for line, row in read_rows(aux["alt"], WIDTHS["alt"], warnings, required=False):
            entity = _owner(entities, aux["alt"], line, row, warnings)
            if entity is None or not row[3]:
                continue
            kind = ALIAS_KINDS.get((row[2] or "aka").strip().lower())
            if kind is None:
                raise ParseError(str(aux["alt"]), f"line {line}", f"unknown alt_type {row[2]!r}")
            name = make_name(row[3], kind, person=entity.schema == Schema.PERSON)
            if name not in entity.names:
                entity.names.append(name)

    if aux["add"]:
        for line, row in read_rows(aux["add"], WIDTHS["add"], warnings, required=False):
            entity = _owner(entities, aux["add"], line, row, warnings)
            if entity is not None and any(row[2:5]):
                address = _address(row[2], row[3], row[4])
                if address not in entity.addresses:
                    entity.addresses.append(address)

    return ParsedList(entities=list(entities.values()), published=None, warnings=warnings)


def _entity(path: Path, line: int, row: list[str | None], overflow: str | None, source: str,
            default_list: str, warnings: list[str]) -> Entity:
    ent, name, sdn_type, program, title, call_sign = row[0], row[1], row[2], row[3], row[4], row[5]
    if not name:
        raise ParseError(str(path), f"line {line}", f"entry {ent} has no name")
    schema = SCHEMAS.get(sdn_type.lower()) if sdn_type else Schema.ORGANIZATION
    if schema is None:
        raise ParseError(str(path), f"line {line}", f"unknown SDN_Type {sdn_type!r}")
    person = schema == Schema.PERSON
    remarks = (row[11] or "") + (overflow or "") or None
    entity = Entity(id=f"ofac:{ent}", schema=schema, names=[make_name(name, person=person)],
                    remarks=remarks)
    if title:
        entity.titles.append(title)
    if call_sign:
        entity.identifiers.append(Identifier(IdType.CALL_SIGN, call_sign, label="Call Sign"))
    for column, key in _VESSEL_DETAILS.items():
        if row[column]:
            entity.details[key] = row[column]
    if row[9] and (flag := to_iso2(row[9])):
        entity.countries.append(flag)
    if row[10]:
        entity.links.append(Link("owned_by", row[10], note="Vessel owner"))
    features = parse_remarks(remarks, person=person)
    features.apply_to(entity)
    warnings.extend(f"{path}: line {line}: unparsed remark value {p!r}" for p in features.problems)
    entity.lists = memberships(source, default_list, split_programs(program), entity.sanction_facts)
    return entity


def _address(street: str | None, city_line: str | None, country: str | None) -> Address:
    # The legacy column mixes city, state and postal code ("London EC3N 1DY"); only a value
    # without digits is taken as the city. The whole text always stays in Address.full.
    city = city_line if city_line and not any(ch.isdigit() for ch in city_line) else None
    full = ", ".join(part for part in (street, city_line, country) if part) or None
    return Address(full=full, street=street, city=city, country=to_iso2(country), country_name=country)


def _owner(entities: dict[int, Entity], path: Path, line: int, row: list[str | None],
           warnings: list[str]) -> Entity | None:
    ent = ent_num(path, line, row[0])
    entity = entities.get(ent)
    if entity is None:
        warnings.append(f"{path}: line {line}: ent_num {ent} is not in the main file; row skipped")
    return entity


def ent_num(path: Path, line: int, value: str | None) -> int:
    if value is None or not value.strip().isdigit():
        raise ParseError(str(path), f"line {line}", f"ent_num {value!r} is not a number")
    return int(value)


def read_rows(path: Path, width: int, warnings: list[str], required: bool) -> Iterator[tuple[int, list[str | None]]]:
    """Rows of one legacy file as (first line number, cells with ``-0-`` turned into None)."""
    text = _read_text(path, warnings)
    if not text.strip():
        if required:
            raise ParseError(str(path), "line 1", "empty file")
        warnings.append(f"{path}: empty file")
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise ParseError(str(path), f"line {start}", f"expected {width} columns, found {len(row)}")
            yield start, [_cell(cell) for cell in row]
    except csv.Error as exc:
        raise ParseError(str(path), f"line {reader.line_num}", f"malformed CSV: {exc}") from None


def _read_text(path: Path, warnings: list[str]) -> str:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise ParseError(str(path), "line 1", "binary content (a zip/xlsx file?), not an OFAC CSV file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # older OFAC CSV files are Windows-1252
        warnings.append(f"{path}: byte {exc.start}: not UTF-8, read as Windows-1252")
        text = data.decode("cp1252", errors="replace")
    return text.rstrip("\x1a\r\n")  # DOS end-of-file marker after the last row


def _cell(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", NULL) else value
