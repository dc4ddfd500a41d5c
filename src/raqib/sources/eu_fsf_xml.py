"""EU Financial Sanctions Files (FSF) XML (``xmlFullSanctionsList_1_1``) -> ``raqib.model.Entity``.

One ``sanctionEntity`` per listed subject, streamed with lxml ``iterparse`` and cleared after use.
Entity ids are ``eu:<logicalId>`` (the FSF database id of the subject, the same number the EU's
own web pages use); the ``euReferenceNumber`` is kept in ``details["eu_reference_number"]``.

The EU publishes no primary-name flag (every alias is ``strong="true"``), so the display name is
chosen by rule: the first Latin-script, English-or-untagged, non-weak alias, preferring one with
structured first/last names; all other aliases are a.k.a. Aliases whose remark says "low
quality" are weak. Code tables live in ``data/eu_vocabulary.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

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
from raqib.sources.tables import load_table
from raqib.sources.values import append_unique, collapse
from raqib.sources.xml_stream import Diagnostics, position_of, single_xml_file, stream_records
from raqib.text.scripts import detect_script

SOURCE = "eu_fsf"
LIST = "EU"
ROOT = "export"
RECORD = "sanctionEntity"


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, Any]:
    return load_table("eu_vocabulary.yml")


# --- small XML helpers ---------------------------------------------------------------------
def _children(elem: etree._Element, name: str) -> Iterator[etree._Element]:
    return elem.iterfind(f"{{*}}{name}")


def _attr(elem: etree._Element, name: str) -> str:
    """Attribute value with whitespace collapsed; the EU uses "" and "-" for "not given"."""
    value = collapse(elem.get(name))
    return "" if value == "-" else value


def _remarks(elem: etree._Element) -> list[str]:
    return [text for r in _children(elem, "remark") if (text := collapse(r.text))]


# --- pure field converters -----------------------------------------------------------------
def parse_birthdate(attrs: dict[str, str]) -> DateValue | None:
    """An FSF ``birthdate`` element's attributes -> ``DateValue``.

    ``birthdate`` (full Gregorian date) wins; then ``yearRangeFrom``/``yearRangeTo``; then the
    ``year``/``monthOfYear``/``dayOfMonth`` parts, which are only Gregorian when
    ``calendarType`` says so (the Islamic-calendar parts are not converted here).
    """
    circa = attrs.get("circa") == "true"
    full = attrs.get("birthdate", "")
    if full:
        date.fromisoformat(full)  # raises ValueError on a malformed date
        return DateValue(full, circa=circa)
    low, high = attrs.get("yearRangeFrom", ""), attrs.get("yearRangeTo", "")
    if low or high:
        low = low or high
        return DateValue(low, high if high and high != low else None, circa)
    year = attrs.get("year", "")
    if not year or attrs.get("calendarType", "GREGORIAN") != "GREGORIAN":
        return None
    value = f"{int(year):04d}"
    if attrs.get("monthOfYear"):
        value += f"-{int(attrs['monthOfYear']):02d}"
        if attrs.get("dayOfMonth"):
            value += f"-{int(attrs['dayOfMonth']):02d}"
    return DateValue(value, circa=circa)


def choose_primary(names: list[Name]) -> int | None:
    """Index of the alias to show as the primary name (the EU publishes no primary flag)."""
    strong = [i for i, n in enumerate(names) if n.quality == NameQuality.STRONG and n.script in (None, "Latn")]
    plain = [i for i in strong if names[i].lang in (None, "en")]
    structured = [i for i in plain if names[i].parts]
    for pool in (structured, plain, strong, list(range(len(names)))):
        if pool:
            return pool[0]
    return None


# --- the parser ----------------------------------------------------------------------------
class _FsfParser(Diagnostics):
    def __init__(self, path: Path):
        super().__init__(path)
        self.vocab = _vocabulary()
        self.entities: dict[str, Entity] = {}
        self.published: str | None = None
        self._id_patterns = [
            (re.compile(pattern, re.IGNORECASE), id_type)
            for pattern, id_type in self.vocab["id_types_by_description"].items()
        ]

    def run(self) -> ParsedList:
        for elem in stream_records(self.path, (RECORD,), ROOT, "EU FSF XML", on_root=self.read_header):
            self.add_merged(self.entities, self.entity(elem), elem)
        return ParsedList(list(self.entities.values()), self.published, self.warnings)

    def read_header(self, root: etree._Element) -> None:
        generated = root.get("generationDate", "")
        self.published = generated[:10] or None

    # -- one sanctionEntity -----------------------------------------------------------------
    def entity(self, elem: etree._Element) -> Entity:
        logical_id = _attr(elem, "logicalId")
        if not logical_id:
            raise self.error(position_of(elem), "sanctionEntity without logicalId")
        entity = Entity(f"eu:{logical_id}", Schema.UNKNOWN)
        remarks = _remarks(elem)
        append_unique(remarks, _attr(elem, "designationDetails"))
        for key, attr in (("eu_reference_number", "euReferenceNumber"), ("un_reference", "unitedNationId")):
            if _attr(elem, attr):
                entity.details[key] = _attr(elem, attr)

        membership = ListMembership(SOURCE, LIST, listed_on=_attr(elem, "designationDate") or None)
        authorities: list[str] = []
        for regulation in _children(elem, "regulation"):
            append_unique(membership.programs, _attr(regulation, "programme"))
            url = collapse(regulation.findtext("{*}publicationUrl"))
            title = _attr(regulation, "numberTitle")
            append_unique(authorities, f"{title} <{url}>" if title and url else title or url)
        membership.authority = "; ".join(authorities) or None
        entity.lists.append(membership)

        entity.schema = self.schema(elem)
        for alias in _children(elem, "nameAlias"):
            self.read_alias(alias, entity, remarks)
        primary = choose_primary(entity.names)
        if primary is None:
            raise self.error(position_of(elem), f"sanctionEntity {logical_id} has no name")
        entity.names[primary].kind = NameKind.PRIMARY

        for identification in _children(elem, "identification"):
            self.read_identification(identification, entity)
        for address in _children(elem, "address"):
            self.read_address(address, entity)
        for birth in _children(elem, "birthdate"):
            self.read_birthdate(birth, entity)
        for citizenship in _children(elem, "citizenship"):
            append_unique(entity.citizenships, self.country(citizenship))
        vessel_ids = {IdType(t) for t in self.vocab["vessel_id_types"]}
        if entity.schema == Schema.ORGANIZATION and any(i.type in vessel_ids for i in entity.identifiers):
            entity.schema = Schema.VESSEL
        entity.remarks = "\n".join(remarks) or None
        return entity

    def schema(self, elem: etree._Element) -> Schema:
        subject = elem.find("{*}subjectType")
        code = _attr(subject, "code").lower() if subject is not None else ""
        if code not in self.vocab["subject_types"]:
            self.warn_once(f"subject:{code}", f"{position_of(elem)}: unknown subjectType code {code!r}; schema Unknown")
            return Schema.UNKNOWN
        return Schema(self.vocab["subject_types"][code])

    def country(self, elem: etree._Element) -> str | None:
        code = _attr(elem, "countryIso2Code").upper()
        return None if not code or code in self.vocab["unknown_country"] else code

    def country_name(self, elem: etree._Element) -> str | None:
        return _attr(elem, "countryDescription") if self.country(elem) else None

    def read_alias(self, alias: etree._Element, entity: Entity, remarks: list[str]) -> None:
        named = (("first", "firstName"), ("middle", "middleName"), ("last", "lastName"))
        parts = {key: _attr(alias, attr) for key, attr in named if _attr(alias, attr)}
        value = _attr(alias, "wholeName") or " ".join(parts.values())
        if not value:
            return
        weak = _attr(alias, "strong") == "false"
        for remark in _remarks(alias):
            if any(marker in remark.lower() for marker in self.vocab["weak_alias_remarks"]):
                weak = True
            elif "quality" not in remark.lower():
                append_unique(remarks, f"{value}: {remark}")
        name = Name(
            value,
            NameKind.AKA,
            NameQuality.WEAK if weak else NameQuality.STRONG,
            script=detect_script(value),
            lang=_attr(alias, "nameLanguage").lower() or None,
            parts=parts or None,
        )
        append_unique(entity.names, name)
        append_unique(entity.titles, _attr(alias, "title"))
        # A person's "function" is a position; an enterprise's is a description of its business.
        if entity.schema == Schema.PERSON:
            append_unique(entity.titles, _attr(alias, "function"))
        elif _attr(alias, "function"):
            append_unique(remarks, _attr(alias, "function"))
        gender = self.vocab["genders"].get(_attr(alias, "gender").upper())
        if gender and entity.gender is None:
            entity.gender = gender

    def id_type(self, code: str, description: str) -> IdType:
        id_type = self.vocab["id_types"].get(code.lower())
        if id_type in (None, "other", "registration"):
            for pattern, described in self._id_patterns:
                if pattern.search(description):
                    return IdType(described)
        if id_type is None:
            self.warn_once(f"idtype:{code}", f"unknown identificationTypeCode {code!r}; typed as 'other'")
            return IdType.OTHER
        return IdType(id_type)

    def read_identification(self, elem: etree._Element, entity: Entity) -> None:
        number, latin = _attr(elem, "number"), _attr(elem, "latinNumber")
        if not number and not latin:
            return
        description = _attr(elem, "identificationTypeDescription")
        id_type = self.id_type(_attr(elem, "identificationTypeCode"), description)
        notes = [
            flag for flag, attr in (
                ("diplomatic", "diplomatic"),
                ("known expired", "knownExpired"),
                ("known false", "knownFalse"),
                ("reported lost", "reportedLost"),
                ("revoked by issuer", "revokedByIssuer"),
            ) if _attr(elem, attr) == "true"
        ]
        described = (("issued by", "issuedBy"), ("issued", "issueDate"), ("valid to", "validTo"), ("name on document", "nameOnDocument"))
        for label, attr in described:
            if _attr(elem, attr):
                notes.append(f"{label} {_attr(elem, attr)}")
        notes.extend(_remarks(elem))
        note = "; ".join(notes) or None
        for value in (number, latin):
            if value and id_type == IdType.IMO:
                value = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
            if value:
                identifier = Identifier(id_type, value, description or None, self.country(elem), note=note)
                append_unique(entity.identifiers, identifier)

    def read_address(self, elem: etree._Element, entity: Entity) -> None:
        named = (("street", "street"), ("city", "city"), ("region", "region"), ("postal_code", "zipCode"))
        fields = {key: _attr(elem, attr) or None for key, attr in named}
        po_box = _attr(elem, "poBox")
        pieces = [
            fields["street"],
            f"P.O. Box {po_box}" if po_box else None,
            fields["city"],
            fields["postal_code"],
            fields["region"],
            _attr(elem, "place"),
            self.country_name(elem),
        ]
        full = ", ".join(p.strip(" ,") for p in pieces if p and p.strip(" ,"))
        notes = _remarks(elem)
        if notes:
            full = f"{full} ({'; '.join(notes)})" if full else "; ".join(notes)
        if full or self.country(elem):
            address = Address(full=full or None, country=self.country(elem), country_name=self.country_name(elem), **fields)
            append_unique(entity.addresses, address)
        for contact in _children(elem, "contactInfo"):
            key, value = _attr(contact, "key").upper(), _attr(contact, "value")
            id_type = self.vocab["contact_info"].get(key)
            if id_type is None:
                self.warn_once(f"contact:{key}", f"unknown contactInfo key {key!r}; kept as 'other' identifier")
                id_type = IdType.OTHER.value
            splitter = r"\s*;\s*" if id_type == "phone" else r"\s*[;,]\s*|\s+"
            for item in re.split(splitter, value):
                if item:
                    append_unique(entity.identifiers, Identifier(IdType(id_type), item, key))

    def read_birthdate(self, elem: etree._Element, entity: Entity) -> None:
        attrs = {name: _attr(elem, name) for name in elem.attrib}
        try:
            value = parse_birthdate(attrs)
        except ValueError as exc:
            raise self.error(position_of(elem), f"bad birth date: {exc}") from None
        if value is None and attrs.get("year"):
            self.warn_once(
                f"calendar:{attrs.get('calendarType')}",
                f"{position_of(elem)}: {attrs.get('calendarType')} calendar birth date without a Gregorian date; skipped",
            )
        append_unique(entity.birth_dates, value)
        pieces = (_attr(elem, "city"), _attr(elem, "place"), _attr(elem, "region"), self.country_name(elem))
        place = ", ".join(p for p in pieces if p)
        append_unique(entity.birth_places, place)


def parse(files: dict[str, Path]) -> ParsedList:
    """Parse one EU FSF full-list XML publication."""
    return _FsfParser(single_xml_file(files)).run()
