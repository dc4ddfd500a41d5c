"""FCDO "UK Sanctions List" XML (``UK_Sanctions_List.xml``) -> ``raqib.model.Entity``.

One ``Designation`` per target, streamed with lxml ``iterparse`` and cleared after use.

Identity: the OFSI Consolidated List (``uk_ofsi``) names its targets ``uk:<Group ID>``. The FCDO
file carries that same number in ``OFSIGroupID`` for most designations, so it is used for the id
and both UK publications give one entity; designations without it (mostly ships) fall back to
``uk:<UniqueID>`` (e.g. ``uk:DPR0075``). The FCDO reference is always kept in
``details["uk_sanctions_list_ref"]``.

Dates are dd/mm/yyyy where unknown parts are written ``dd``/``mm``/``00``. Wording tables live
in ``data/fcdo_vocabulary.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from lxml import etree

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
    Schema,
)
from raqib.sources import ParsedList
from raqib.sources.dates import coarse_date
from raqib.sources.tables import load_table
from raqib.sources.values import append_unique, collapse
from raqib.sources.xml_stream import Diagnostics, position_of, single_xml_file, stream_records
from raqib.text.scripts import detect_script

SOURCE = "uk_fcdo"
LIST = "UK"
ROOT = "Designations"
RECORD = "Designation"
SANCTIONS_IMPOSED = "Sanctions Imposed"
_UNKNOWN_DATE_PART = {"", "dd", "mm", "yyyy", "0", "00", "0000"}


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    return load_table("fcdo_vocabulary.yml")


# --- small XML helpers ---------------------------------------------------------------------
def _text(elem: etree._Element, path: str) -> str:
    return collapse(elem.findtext(path))


def _texts(elem: etree._Element, path: str) -> Iterator[str]:
    for found in elem.iterfind(path):
        if text := collapse(found.text):
            yield text


# --- pure field converters -----------------------------------------------------------------
def parse_uk_date(text: str) -> DateValue | None:
    """``12/05/1958`` -> 1958-05-12; ``dd/mm/1945`` or ``00/00/1945`` -> 1945; ``1946`` -> 1946.

    Raises ``ValueError`` for anything that is not such a date.
    """
    pieces = [p.strip().lower() for p in text.strip().split("/")]
    if not 1 <= len(pieces) <= 3 or not re.fullmatch(r"\d{4}", pieces[-1]):
        raise ValueError(f"not a dd/mm/yyyy date: {text!r}")
    pieces = [""] * (3 - len(pieces)) + pieces
    day, month, year = (None if p in _UNKNOWN_DATE_PART else p for p in pieces)
    if any(p is not None and not p.isdigit() for p in (day, month)):
        raise ValueError(f"not a dd/mm/yyyy date: {text!r}")
    # A day without its month says nothing usable: coarse_date ignores it.
    if month is not None and day is None:
        date(int(year), int(month), 1)  # validates the month
    return coarse_date(year, None if month is None else int(month), None if day is None else int(day))


def language_code(language: str, aliases: dict[str, str]) -> str | None:
    """An English language name ("Russian", "Arabic") -> ISO 639-1, if it has one."""
    key = language.strip().lower()
    if not key:
        return None
    if key in aliases:
        return aliases[key]
    try:
        return getattr(pycountry.languages.lookup(key), "alpha_2", None)
    except LookupError:
        return None


# --- the parser ----------------------------------------------------------------------------
class _FcdoParser(Diagnostics):
    def __init__(self, path: Path):
        super().__init__(path)
        self.vocab = _vocabulary()
        self.entities: dict[str, Entity] = {}
        self.published: str | None = None

    def run(self) -> ParsedList:
        kind = "UK Sanctions List XML"
        for elem in stream_records(self.path, (RECORD,), ROOT, kind, on_root=self.read_header):
            self.add_merged(self.entities, self.entity(elem), elem)
        return ParsedList(list(self.entities.values()), self.published, self.warnings)

    def read_header(self, root: etree._Element) -> None:
        generated = root.find("{*}DateGenerated")
        if generated is not None and collapse(generated.text):
            self.published = self.date(generated, required=True)

    def date(self, elem: etree._Element, required: bool = False) -> str | None:
        try:
            value = parse_uk_date(collapse(elem.text))
        except ValueError as exc:
            raise self.error(position_of(elem), str(exc)) from None
        if required and (value is None or len(value.value) != 10):
            raise self.error(position_of(elem), f"expected a full dd/mm/yyyy date, got {elem.text!r}")
        return value.value if value else None

    # -- one Designation --------------------------------------------------------------------
    def entity(self, elem: etree._Element) -> Entity:
        unique_id, group_id = _text(elem, "{*}UniqueID"), _text(elem, "{*}OFSIGroupID")
        if not unique_id and not group_id:
            raise self.error(position_of(elem), "Designation without UniqueID or OFSIGroupID")
        entity = Entity(f"uk:{group_id or unique_id}", self.schema(elem))
        for key, path in (
            ("uk_sanctions_list_ref", "{*}UniqueID"),
            ("ofsi_group_id", "{*}OFSIGroupID"),
            ("un_reference", "{*}UNReferenceNumber"),
            ("designation_source", "{*}DesignationSource"),
        ):
            if _text(elem, path):
                entity.details[key] = _text(elem, path)

        regime = _text(elem, "{*}RegimeName")
        designated = elem.find("{*}DateDesignated")
        listed_on = None
        if designated is not None and collapse(designated.text):
            listed_on = self.date(designated, required=True)
        membership = ListMembership(
            SOURCE,
            LIST,
            programs=[regime] if regime else [],
            listed_on=listed_on,
            authority=regime or None,
        )
        entity.lists.append(membership)
        measures = [m.strip() for m in _text(elem, "{*}SanctionsImposed").split("|") if m.strip()]
        if measures:
            entity.sanction_facts[SANCTIONS_IMPOSED] = measures

        self.read_names(elem, entity)
        for title in _texts(elem, "{*}Titles/{*}Title"):
            append_unique(entity.titles, title)
        for address in elem.iterfind("{*}Addresses/{*}Address"):
            self.read_address(address, entity)
        for path, id_type in (
            ("{*}PhoneNumbers/{*}PhoneNumber", IdType.PHONE),
            ("{*}EmailAddresses/{*}EmailAddress", IdType.EMAIL),
            ("{*}Websites/{*}Website", IdType.WEBSITE),
        ):
            for value in _texts(elem, path):
                append_unique(entity.identifiers, Identifier(id_type, value))
        for person in elem.iterfind("{*}IndividualDetails/{*}Individual"):
            self.read_individual(person, entity)
        for company in elem.iterfind("{*}EntityDetails/{*}Entity"):
            self.read_company(company, entity)
        for ship in elem.iterfind("{*}ShipDetails/{*}Ship"):
            self.read_ship(ship, entity)

        remarks = [_text(elem, "{*}OtherInformation")]
        if reasons := _text(elem, "{*}UKStatementofReasons"):
            remarks.append(f"Statement of reasons: {reasons}")
        entity.remarks = "\n".join(r for r in remarks if r) or None
        return entity

    def schema(self, elem: etree._Element) -> Schema:
        kind = _text(elem, "{*}IndividualEntityShip").lower()
        if kind not in self.vocab["schemas"]:
            self.warn_once(f"schema:{kind}", f"{position_of(elem)}: unknown IndividualEntityShip {kind!r}; schema Unknown")
            return Schema.UNKNOWN
        return Schema(self.vocab["schemas"][kind])

    def read_names(self, elem: etree._Element, entity: Entity) -> None:
        for name in elem.iterfind("{*}Names/{*}Name"):
            given = [_text(name, f"{{*}}Name{i}") for i in range(1, 6)]
            surname = _text(name, "{*}Name6")
            value = " ".join(p for p in (*given, surname) if p)
            if not value:
                continue
            name_type = _text(name, "{*}NameType").lower()
            kind = self.vocab["name_types"].get(name_type)
            if kind is None:
                message = f"{position_of(name)}: unknown NameType {name_type!r}; treated as alias"
                self.warn_once(f"nametype:{name_type}", message)
                kind = NameKind.AKA.value
            strength = _text(name, "{*}AliasStrength").lower()
            quality = self.vocab["alias_strengths"].get(strength, NameQuality.STRONG.value)
            if strength and strength not in self.vocab["alias_strengths"]:
                self.warn_once(f"strength:{strength}", f"{position_of(name)}: unknown AliasStrength {strength!r}")
            parts = None
            if entity.schema == Schema.PERSON:
                parts = {"first": given[0], "middle": " ".join(p for p in given[1:] if p), "last": surname}
                parts = {k: v for k, v in parts.items() if v} or None
            append_unique(entity.names, Name(value, NameKind(kind), NameQuality(quality), detect_script(value), parts=parts))
        for name in elem.iterfind("{*}NonLatinNames/{*}NonLatinName"):
            value = _text(name, "{*}NameNonLatinScript")
            if not value:
                continue
            language = _text(name, "{*}NonLatinScriptLanguage")
            lang = language_code(language, self.vocab["languages"])
            if language and lang is None:
                self.warn_once(f"lang:{language}", f"{position_of(name)}: unknown NonLatinScriptLanguage {language!r}")
            append_unique(entity.names, Name(value, NameKind.AKA, script=detect_script(value), lang=lang))
        if not entity.names:
            raise self.error(position_of(elem), f"Designation {entity.id} has no name")
        if not any(n.kind == NameKind.PRIMARY for n in entity.names):
            self.warnings.append(f"{self.path}: {position_of(elem)}: {entity.id} has no primary name")

    def country(self, name: str, where: etree._Element) -> str | None:
        code = to_iso2(name)
        if name and code is None:
            self.warn_once(f"country:{name}", f"{position_of(where)}: country {name!r} not recognised")
        return code

    def read_address(self, elem: etree._Element, entity: Entity) -> None:
        lines = [_text(elem, f"{{*}}AddressLine{i}") for i in range(1, 7)]
        postal, country = _text(elem, "{*}AddressPostalCode"), _text(elem, "{*}AddressCountry")
        full = ", ".join(p for p in (*lines, postal, country) if p)
        if not full:
            return
        code = self.country(country, elem)
        append_unique(entity.addresses, Address(full=full, postal_code=postal or None, country=code, country_name=country or None))

    def read_individual(self, person: etree._Element, entity: Entity) -> None:
        for dob in person.iterfind("{*}DOBs/{*}DOB"):
            if collapse(dob.text):
                try:
                    append_unique(entity.birth_dates, parse_uk_date(collapse(dob.text)))
                except ValueError as exc:
                    raise self.error(position_of(dob), str(exc)) from None
        for nationality in person.iterfind("{*}Nationalities/{*}Nationality"):
            append_unique(entity.nationalities, self.country(collapse(nationality.text), nationality))
        for gender in _texts(person, "{*}Genders/{*}Gender"):
            entity.gender = self.vocab["genders"].get(gender.lower(), entity.gender)
        for position in _texts(person, "{*}Positions/{*}Position"):
            append_unique(entity.titles, position)
        for place in person.iterfind("{*}BirthDetails/{*}Location"):
            town, country = _text(place, "{*}TownOfBirth"), _text(place, "{*}CountryOfBirth")
            append_unique(entity.birth_places, ", ".join(p for p in (town, country) if p))
        for path, number_tag, info_tag, id_type in (
            ("{*}PassportDetails/{*}Passport", "PassportNumber", "PassportAdditionalInformation", IdType.PASSPORT),
            (
                "{*}NationalIdentifierDetails/{*}NationalIdentifier",
                "NationalIdentifierNumber",
                "NationalIdentifierAdditionalInformation",
                IdType.NATIONAL_ID,
            ),
        ):
            for document in person.iterfind(path):
                number = _text(document, f"{{*}}{number_tag}")
                if number:
                    note = _text(document, f"{{*}}{info_tag}") or None
                    append_unique(entity.identifiers, Identifier(id_type, number, number_tag, note=note))

    def read_company(self, company: etree._Element, entity: Entity) -> None:
        types = list(_texts(company, "{*}TypeOfEntities/{*}TypeOfEntity"))
        if types:
            entity.details["entity_type"] = "; ".join(types)
        for number in _texts(company, "{*}BusinessRegistrationNumbers/{*}BusinessRegistrationNumber"):
            # Free text ("UK Company no. 06527449"); kept as published for identifier matching.
            append_unique(entity.identifiers, Identifier(IdType.REGISTRATION, number, "BusinessRegistrationNumber"))
        for parent in _texts(company, "{*}ParentCompanies/{*}ParentCompany"):
            append_unique(entity.links, Link("owned_by", parent, note="ParentCompany"))
        for subsidiary in _texts(company, "{*}Subsidiaries/{*}Subsidiary"):
            append_unique(entity.links, Link("owns", subsidiary, note="Subsidiary"))

    def read_ship(self, ship: etree._Element, entity: Entity) -> None:
        for number in _texts(ship, "{*}IMONumbers/{*}IMONumber"):
            number = re.sub(r"^IMO\s*", "", number, flags=re.IGNORECASE)  # "IMO9562233"
            append_unique(entity.identifiers, Identifier(IdType.IMO, number, "IMONumber"))
        for path, rule in self.vocab["ship_details"].items():
            values = list(_texts(ship, "/".join(f"{{*}}{step}" for step in path.split("/"))))
            if not values:
                continue
            entity.details[rule["key"]] = "; ".join(values)
            if rule.get("country"):
                for value in values:
                    append_unique(entity.countries, self.country(value, ship))


def parse(files: dict[str, Path]) -> ParsedList:
    """Parse one FCDO UK Sanctions List XML publication."""
    return _FcdoParser(single_xml_file(files)).run()
