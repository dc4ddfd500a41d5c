"""UN Security Council Consolidated List (``consolidated.xml``) -> entities ``un:<REFERENCE_NUMBER>``.

Format: DOMAIN.md §5.2. Regime names, alias qualities and document types are data tables in
``data/un_*.yml`` so an analyst can extend them when the UN adds a regime or a wording.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from raqib.countries import to_iso2
from raqib.model import (
    Address,
    DateValue,
    Entity,
    Identifier,
    IdType,
    ListMembership,
    Name,
    NameKind,
    NameQuality,
    Schema,
)
from raqib.sources import ParsedList
from raqib.sources.dates import MONTHS
from raqib.sources.tables import load_table
from raqib.sources.values import collapse, dedupe_lists
from raqib.sources.xml_stream import Diagnostics, read_tree
from raqib.text.scripts import detect_script

FILE_NAME = "consolidated.xml"
SOURCE, LIST_LABEL = "un", "UN"

# Values the UN writes where it has nothing to say.
_NOTHING = {"", "na", "n/a"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# xsd:date may carry a time-zone offset: "2015-03-27-04:00".
_XSD_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_YEAR = re.compile(r"\d{4}")
# "Nov. 1973", "August 1961": a date of birth published only as a NOTE.
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")
# Alias enumerations inside one ALIAS_NAME: "Mohammed Sabet; Mohammad Sabet b) M. Javad …".
_ALIAS_SEPARATORS = re.compile(r";|\s+[a-z]\)\s+")
_BRACKETED = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


# --- data tables ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _programs() -> dict[str, dict[str, str]]:
    return load_table("un_programs.yml")


@lru_cache(maxsize=1)
def _alias_qualities() -> dict[str, tuple[NameKind, NameQuality]]:
    table = load_table("un_alias_qualities.yml")
    return {k: (NameKind(v["kind"]), NameQuality(v["quality"])) for k, v in table.items()}


@lru_cache(maxsize=1)
def _document_rules() -> list[tuple[str, IdType]]:
    return [(rule["keyword"].lower(), IdType(rule["type"])) for rule in load_table("un_document_types.yml")]


# --- pure text helpers ---------------------------------------------------------------------
def clean(text: str | None) -> str | None:
    """Collapse the whitespace and line breaks the UN leaves inside values; empty/"na" -> None."""
    if text is None:
        return None
    value = collapse(text)
    return None if value.lower() in _NOTHING else value


def split_alias_names(text: str) -> list[str]:
    """One ALIAS_NAME / NAME_ORIGINAL_SCRIPT value -> the separate names it holds.

    Splits ``;`` lists and ``a) … b) …`` enumerations, and separates a bracketed rendering in
    another script: ``أبو بكر البغدادي (Abu Bakr al-Baghdadi)`` gives two names.
    """
    text = text.strip()
    match = _BRACKETED.match(text)
    if match and detect_script(match["outer"]) != detect_script(match["inner"]):
        return split_alias_names(match["outer"]) + split_alias_names(match["inner"])
    pieces = [re.sub(r"^[a-z]\)\s+", "", p.strip()) for p in _ALIAS_SEPARATORS.split(text)]
    if len(pieces) == 1:
        return [pieces[0]] if pieces[0] else []
    return [name for piece in pieces for name in split_alias_names(piece)]


def document_type(wording: str) -> IdType:
    lowered = wording.lower()
    for keyword, id_type in _document_rules():
        if keyword in lowered:
            return id_type
    return IdType.OTHER


def month_year(text: str) -> str | None:
    """``"Nov. 1973"`` -> ``"1973-11"``; anything else -> None."""
    match = _MONTH_YEAR.fullmatch(text.strip())
    if not match:
        return None
    month = MONTHS.get(match[1][:3].lower())  # "Sept." and "August" count by their first three letters
    return f"{match[2]}-{month:02d}" if month else None


# --- element helpers -----------------------------------------------------------------------
def _text(el: etree._Element, tag: str) -> str | None:
    return clean(el.findtext(tag))


def _values(el: etree._Element, tag: str) -> list[str]:
    return [v for v in (clean(x.text) for x in el.findall(f"{tag}/VALUE")) if v]


def _joined(el: etree._Element, tags: tuple[str, ...]) -> str | None:
    parts = [v for v in (_text(el, t) for t in tags) if v]
    return ", ".join(parts) or None


class _Reader(Diagnostics):
    """Reads one file; collects recoverable oddities as warnings naming file and line."""

    # -- one record ---------------------------------------------------------------------------
    def entity(self, el: etree._Element, schema: Schema) -> Entity:
        reference = _text(el, "REFERENCE_NUMBER")
        if not reference:
            raise self.fail(el, "missing REFERENCE_NUMBER")
        entity = Entity(id=f"un:{reference.replace(' ', '')}", schema=schema)
        entity.names = self.names(el, schema)
        entity.lists = [self.membership(el, reference)]
        entity.titles = _values(el, "TITLE") + _values(el, "DESIGNATION")
        entity.nationalities = self.countries(el, _values(el, "NATIONALITY"))
        gender = _text(el, "GENDER")
        entity.gender = gender.lower() if gender else None
        entity.remarks = _text(el, "COMMENTS1")
        kind = "INDIVIDUAL" if schema == Schema.PERSON else "ENTITY"
        entity.addresses = [a for a in map(self.address, el.findall(f"{kind}_ADDRESS")) if a]
        for dob in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
            entity.birth_dates.extend(self.birth_date(dob))
        for pob in el.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
            if place := _joined(pob, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")):
                entity.birth_places.append(place)
        # Aliases may carry their own date/place of birth (a different identity of the same person).
        for alias in el.findall(f"{kind}_ALIAS"):
            if (date := _text(alias, "DATE_OF_BIRTH")) and _ISO_DATE.fullmatch(date):
                entity.birth_dates.append(DateValue(date))
            if place := _joined(alias, ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH")):
                entity.birth_places.append(place)
        entity.identifiers = [i for i in map(self.document, el.findall("INDIVIDUAL_DOCUMENT")) if i]
        _dedupe(entity)
        return entity

    def names(self, el: etree._Element, schema: Schema) -> list[Name]:
        tags = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        given = {tag.split("_")[0].lower(): v for tag in tags if (v := _text(el, tag))}
        if not given:
            raise self.fail(el, "record has no FIRST_NAME")
        # A few entities publish two names in FIRST_NAME ("… (CAGL) ; GREAT LAKES …"): the first
        # is the primary name, the others are aliases.
        primary, *others = [p.strip() for p in " ".join(given.values()).split(";") if p.strip()]
        with_parts = schema == Schema.PERSON and len(given) > 1 and not others
        names = [Name(primary, script=detect_script(primary), parts=given if with_parts else None)]
        names += [Name(n, NameKind.AKA, script=detect_script(n)) for n in others]
        if original := _text(el, "NAME_ORIGINAL_SCRIPT"):
            names += [Name(n, NameKind.AKA, script=detect_script(n)) for n in split_alias_names(original)]
        kind = "INDIVIDUAL" if schema == Schema.PERSON else "ENTITY"
        for alias in el.findall(f"{kind}_ALIAS"):
            text = _text(alias, "ALIAS_NAME")
            if not text:
                continue
            quality = clean(alias.findtext("QUALITY")) or ""
            if quality not in _alias_qualities():
                self.warn(alias, f"unknown alias QUALITY {quality!r}; treated as a strong a.k.a.")
            name_kind, name_quality = _alias_qualities().get(quality, (NameKind.AKA, NameQuality.STRONG))
            names += [Name(n, name_kind, name_quality, detect_script(n)) for n in split_alias_names(text)]
        return names

    def membership(self, el: etree._Element, reference: str) -> ListMembership:
        programs: list[str] = []
        list_type = _text(el, "UN_LIST_TYPE")
        if list_type:
            programs.append(_programs()["list_types"].get(list_type) or list_type)
            if list_type not in _programs()["list_types"]:
                self.warn(el, f"UN_LIST_TYPE {list_type!r} not in un_programs.yml")
        prefix_program = _programs()["reference_prefixes"].get(reference[:2])
        if prefix_program and prefix_program not in programs:
            programs.append(prefix_program)
        listed_on = _text(el, "LISTED_ON")
        match = _XSD_DATE.fullmatch(listed_on or "")
        if listed_on and not match:
            self.warn(el, f"LISTED_ON {listed_on!r} is not an ISO date")
        return ListMembership(SOURCE, LIST_LABEL, programs, match[1] if match else None)

    def countries(self, el: etree._Element, names: list[str]) -> list[str]:
        codes = []
        for name in names:
            if code := to_iso2(name):
                codes.append(code)
            else:
                self.warn(el, f"country {name!r} has no ISO code")
        return codes

    def address(self, el: etree._Element) -> Address | None:
        country_name = _text(el, "COUNTRY")
        full = _joined(el, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"))
        if not full:
            return None
        return Address(
            full=full,
            street=_text(el, "STREET"),
            city=_text(el, "CITY"),
            region=_text(el, "STATE_PROVINCE"),
            postal_code=_text(el, "ZIP_CODE"),
            country=to_iso2(country_name),
            country_name=country_name,
        )

    def birth_date(self, el: etree._Element) -> list[DateValue]:
        circa = (_text(el, "TYPE_OF_DATE") or "").upper() == "APPROXIMATELY"
        date, year = _text(el, "DATE"), _text(el, "YEAR")
        start, end = _text(el, "FROM_YEAR"), _text(el, "TO_YEAR")
        note = _text(el, "NOTE")
        if date:
            if _ISO_DATE.fullmatch(date):
                return [DateValue(date, circa=circa)]
            self.warn(el, f"date of birth {date!r} is not an ISO date")
            return []
        if year and _YEAR.fullmatch(year):
            return [DateValue(year, circa=circa)]
        if start and _YEAR.fullmatch(start):
            until = end if end and _YEAR.fullmatch(end) else None
            return [DateValue(start, until=until, circa=circa)]
        if note:
            if value := month_year(note):
                return [DateValue(value, circa=circa)]
            self.warn(el, f"date of birth note {note!r} not understood")
        return []

    def document(self, el: etree._Element) -> Identifier | None:
        number = _text(el, "NUMBER")
        if not number:
            return None
        wording = _text(el, "TYPE_OF_DOCUMENT") or ""
        detail = _text(el, "TYPE_OF_DOCUMENT2")
        id_type = document_type(wording) if wording else IdType.OTHER
        if detail and id_type == IdType.OTHER:
            id_type = document_type(detail)
        country_name = _text(el, "ISSUING_COUNTRY") or _text(el, "COUNTRY_OF_ISSUE")
        notes = [
            f"issued {v}" if tag == "DATE_OF_ISSUE" else f"issued in {v}" if tag == "CITY_OF_ISSUE" else v
            for tag in ("DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE")
            if (v := _text(el, tag))
        ]
        if country_name and not to_iso2(country_name):
            notes.append(f"issued by {country_name}")
        return Identifier(
            type=id_type,
            value=number,
            label=" / ".join(x for x in (wording, detail) if x) or None,
            country=to_iso2(country_name),
            note="; ".join(notes) or None,
        )


def _dedupe(entity: Entity) -> None:
    """Drop exact repeats (the UN repeats e.g. an original-script name as an alias)."""
    seen_names: set[tuple[str, NameKind]] = set()
    names = []
    for name in entity.names:
        key = (name.value, name.kind if name.kind != NameKind.PRIMARY else NameKind.AKA)
        if key not in seen_names:
            seen_names.add(key)
            names.append(name)
    entity.names = names
    dedupe_lists(entity, ("birth_dates", "birth_places", "nationalities", "titles", "addresses", "identifiers"))


def parse(files: dict[str, Path]) -> ParsedList:
    path = Path(files[FILE_NAME])
    root = read_tree(path, "CONSOLIDATED_LIST")
    reader = _Reader(path)
    entities = [reader.entity(el, Schema.PERSON) for el in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    entities += [reader.entity(el, Schema.ORGANIZATION) for el in root.iterfind("ENTITIES/ENTITY")]
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise reader.error(entity.id, "REFERENCE_NUMBER appears twice")
        seen.add(entity.id)
    generated = root.get("dateGenerated") or ""
    published = generated[:10] if _ISO_DATE.match(generated) else None
    return ParsedList(entities, published=published, warnings=reader.warnings)
