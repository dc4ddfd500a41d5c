"""OFAC ``SDN_ADVANCED.xml`` (Advanced Sanctions List Standard) -> ``raqib.model.Entity``.

The file is a small relational database: ``ReferenceValueSets`` is a dictionary of numeric ids
(alias types, name-part types, countries, feature types …), followed by ``Locations``,
``IDRegDocuments``, ``DistinctParties``, ``ProfileRelationships`` and ``SanctionsEntries`` that
refer to those ids and to each other. The document order guarantees that every id is defined
before it is used, so one streaming pass (lxml ``iterparse``, elements cleared as they are read)
resolves everything while keeping only the parsed entities in memory.

What each publisher label means here lives in ``data/advanced_*.yml``. Entity ids are
``ofac:<FixedRef>``, the same number as the legacy ``ent_num``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

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
from raqib.sources.tables import load_table
from raqib.sources.values import append_unique, collapse
from raqib.sources.xml_stream import Diagnostics, local_name, position_of, single_xml_file, stream_records
from raqib.text.scripts import detect_script

SOURCE = "ofac_advanced"
ROOT = "Sanctions"
# Top-level records handled one at a time; everything else is read inside them.
_RECORDS = (
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
)


# --- data tables ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, Any]:
    return load_table(name)


def _vocabulary() -> dict[str, Any]:
    return _table("advanced_vocabulary.yml")


# --- small XML helpers ---------------------------------------------------------------------
def _children(elem: etree._Element, name: str) -> Iterator[etree._Element]:
    return elem.iterfind(f"{{*}}{name}")


def _child(elem: etree._Element, name: str) -> etree._Element | None:
    return elem.find(f"{{*}}{name}")


def _text(elem: etree._Element | None) -> str:
    return collapse(elem.text) if elem is not None else ""


# --- dates ---------------------------------------------------------------------------------
def _ymd(elem: etree._Element | None) -> tuple[int, int | None, int | None] | None:
    """``<X><Year/><Month/><Day/></X>`` -> (year, month, day); missing parts stay None."""
    if elem is None:
        return None
    parts = [_text(_child(elem, tag)) for tag in ("Year", "Month", "Day")]
    if not parts[0]:
        return None
    year, month, day = (int(p) if p else None for p in parts)
    return year, month, day  # type: ignore[return-value]


def _first_day(ymd: tuple[int, int | None, int | None]) -> date:
    return date(ymd[0], ymd[1] or 1, ymd[2] or 1)


def _last_day(ymd: tuple[int, int | None, int | None]) -> date:
    year, month = ymd[0], ymd[1] or 12
    return date(year, month, ymd[2] or calendar.monthrange(year, month)[1])


def span_to_date_value(first: date, last: date, circa: bool = False) -> DateValue:
    """A closed day span -> the coarsest ``DateValue`` that says the same thing.

    OFAC writes "1991" as 1991-01-01 … 1991-12-31 and "May 1970" as 1970-05-01 … 1970-05-31;
    a span over several whole years becomes a range (``1960`` until ``1962``).
    """
    if first == last:
        return DateValue(first.isoformat(), circa=circa)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        low, high = str(first.year), str(last.year)
    elif first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        low, high = f"{first:%Y-%m}", f"{last:%Y-%m}"
    else:
        low, high = first.isoformat(), last.isoformat()
    return DateValue(low, None if low == high else high, circa)


def _date_period(elem: etree._Element) -> DateValue | None:
    start, end = _child(elem, "Start"), _child(elem, "End")
    if start is None:
        return None
    low = _ymd(_child(start, "From")) or _ymd(_child(start, "To"))
    high = None
    if end is not None:
        high = _ymd(_child(end, "To")) or _ymd(_child(end, "From"))
    if low is None:
        return None
    circa = any(e is not None and e.get("Approximate") == "true" for e in (start, end))
    return span_to_date_value(_first_day(low), _last_day(high or low), circa)


def imo_number(value: str) -> str | None:
    """``"IMO 9187629"`` -> ``"9187629"``; None when the value is not a 7-digit IMO number."""
    match = re.fullmatch(r"(?:IMO\s*)?(\d{7})", value.strip(), re.IGNORECASE)
    return match.group(1) if match else None


def _render_date(value: DateValue) -> str:
    return f"{value.value}/{value.until}" if value.until else value.value


# --- intermediate records ------------------------------------------------------------------
@dataclass
class _Place:
    """A resolved ``Locations/Location``."""

    country: str | None = None
    country_name: str | None = None
    parts: dict[str, list[str]] = field(default_factory=dict)

    def text(self) -> str:
        pieces = [v for key in ("full", "street", "city", "region", "postal_code") for v in self.parts.get(key, [])]
        if self.country_name:
            pieces.append(self.country_name)
        return ", ".join(pieces)

    def address(self) -> Address | None:
        def joined(key: str) -> str | None:
            return ", ".join(self.parts[key]) if self.parts.get(key) else None

        if not self.parts and not self.country:
            return None
        return Address(
            full=self.text() or None,
            street=joined("street"),
            city=joined("city"),
            region=joined("region"),
            postal_code=joined("postal_code"),
            country=self.country,
            country_name=self.country_name,
        )


@dataclass
class _Relation:
    from_profile: str
    to_profile: str
    relation: str
    label: str
    former: bool
    where: str


# --- the parser ----------------------------------------------------------------------------
class _AdvancedParser(Diagnostics):
    def __init__(self, path: Path):
        super().__init__(path)
        self.refs: dict[str, dict[str, etree._Element]] = {}
        self.places: dict[str, _Place] = {}
        self.documents: dict[str, list[Identifier]] = {}  # IdentityID -> identifiers
        self.entities: dict[str, Entity] = {}  # entity id -> entity
        self.by_profile: dict[str, str] = {}  # ProfileID -> entity id
        self.relations: list[_Relation] = []
        self.published: str | None = None
        self.vocab = _vocabulary()
        self.id_types = _table("advanced_id_types.yml")
        self.features = _table("advanced_features.yml")

    # -- plumbing ---------------------------------------------------------------------------
    def ref(self, kind: str, ref_id: str | None, where: etree._Element) -> etree._Element:
        try:
            return self.refs[kind][ref_id or ""]
        except KeyError:
            raise self.error(position_of(where), f"unknown {kind} ID {ref_id!r} (not in ReferenceValueSets)") from None

    def ref_text(self, kind: str, ref_id: str | None, where: etree._Element) -> str:
        return _text(self.ref(kind, ref_id, where))

    def run(self) -> ParsedList:
        handlers = {
            "DateOfIssue": self.read_date_of_issue,
            "ReferenceValueSets": self.read_reference_values,
            "Location": self.read_location,
            "IDRegDocument": self.read_document,
            "DistinctParty": self.read_party,
            "ProfileRelationship": self.read_relationship,
            "SanctionsEntry": self.read_sanctions_entry,
        }
        for elem in stream_records(self.path, _RECORDS, ROOT, "OFAC advanced XML"):
            handlers[local_name(elem)](elem)
        self.resolve_relations()
        if self.documents:
            orphans = ", ".join(sorted(self.documents)[:10])
            self.warnings.append(f"{self.path}: IDRegDocuments for identities not in any party: {orphans}")
        return ParsedList(list(self.entities.values()), self.published, self.warnings)

    # -- reference data ---------------------------------------------------------------------
    def read_date_of_issue(self, elem: etree._Element) -> None:
        ymd = _ymd(elem)
        if ymd and ymd[1] and ymd[2]:
            self.published = date(*ymd).isoformat()  # type: ignore[arg-type]

    def read_reference_values(self, elem: etree._Element) -> None:
        for value_set in elem:
            for value in value_set:
                if isinstance(value.tag, str) and value.get("ID") is not None:
                    self.refs.setdefault(local_name(value), {})[value.get("ID")] = value

    def country(self, country_id: str | None, where: etree._Element) -> tuple[str | None, str | None]:
        """Country ID -> (ISO2, name as published); "undetermined" gives no country."""
        if not country_id:
            return None, None
        elem = self.ref("Country", country_id, where)
        name = _text(elem)
        if name.lower() in self.vocab["no_country"]:
            return None, None
        return (elem.get("ISO2") or to_iso2(name)), name

    def read_location(self, elem: etree._Element) -> None:
        place = _Place()
        country = _child(elem, "LocationCountry")
        area = _child(elem, "LocationAreaCode")
        if country is not None:
            place.country, place.country_name = self.country(country.get("CountryID"), elem)
        elif area is not None:
            code = self.ref("AreaCode", area.get("AreaCodeID"), elem)
            description = code.get("Description") or ""
            if description.lower() not in self.vocab["no_country"]:
                place.country, place.country_name = (_text(code) or to_iso2(description)), description
        for part in _children(elem, "LocationPart"):
            label = self.ref_text("LocPartType", part.get("LocPartTypeID"), part)
            key = self.vocab["location_parts"].get(label)
            if key is None:
                self.warn_once(f"locpart:{label}", f"unknown location part type {label!r}; kept in the full address")
                key = "full"
            for value in _children(part, "LocationPartValue"):
                append_unique(place.parts.setdefault(key, []), _text(_child(value, "Value")))
        self.places[elem.get("ID", "")] = place

    # -- identity documents -----------------------------------------------------------------
    def read_document(self, elem: etree._Element) -> None:
        number = _text(_child(elem, "IDRegistrationNo"))
        identity = elem.get("IdentityID")
        if not identity:
            raise self.error(position_of(elem), "IDRegDocument without IdentityID")
        if not number:
            return
        label = self.ref_text("IDRegDocType", elem.get("IDRegDocTypeID"), elem)
        authority = _text(_child(elem, "IssuingAuthority"))
        id_type = self.id_types["by_issuing_authority"].get(authority) or self.id_types["types"].get(label)
        if id_type is None:
            self.warn_once(f"idtype:{label}", f"unmapped IDRegDocType {label!r}; typed as 'other'")
            id_type = IdType.OTHER.value
        if id_type == IdType.IMO.value:
            # "Vessel Registration Identification" also holds national register numbers
            imo = imo_number(number)
            id_type, number = (id_type, imo) if imo else (IdType.REGISTRATION.value, number)
        country, _ = self.country(elem.get("IssuedBy-CountryID"), elem)
        notes = [f"issued by {authority}"] if authority else []
        for doc_date in _children(elem, "DocumentDate"):
            period = _child(doc_date, "DatePeriod")
            value = _date_period(period) if period is not None else None
            if value is not None:
                kind = self.ref_text("IDRegDocDateType", doc_date.get("IDRegDocDateTypeID"), doc_date)
                notes.append(f"{kind.lower()} {_render_date(value)}")
        if elem.get("ValidityID"):
            validity = self.ref_text("Validity", elem.get("ValidityID"), elem)
            if validity.lower() != "valid":
                notes.append(validity.lower())
        append_unique(notes, _text(_child(elem, "Comment")))
        identifier = Identifier(IdType(id_type), number, label, country, note="; ".join(notes) or None)
        self.documents.setdefault(identity, []).append(identifier)

    # -- parties ----------------------------------------------------------------------------
    def read_party(self, elem: etree._Element) -> None:
        fixed_ref = elem.get("FixedRef")
        if not fixed_ref:
            raise self.error(position_of(elem), "DistinctParty without FixedRef")
        entity_id = f"ofac:{fixed_ref}"
        for profile in _children(elem, "Profile"):
            entity = Entity(entity_id, self.schema(profile))
            for identity in _children(profile, "Identity"):
                self.read_identity(identity, entity)
                for identifier in self.documents.pop(identity.get("ID", ""), []):
                    append_unique(entity.identifiers, identifier)
            for feature in _children(profile, "Feature"):
                self.read_feature(feature, entity)
            if not entity.names:
                raise self.error(position_of(profile), f"profile {profile.get('ID')} has no name")
            self.by_profile[profile.get("ID", fixed_ref)] = entity_id
            self.add_merged(self.entities, entity, profile)
        remark = _text(_child(elem, "Comment"))
        if remark and entity_id in self.entities:
            self.entities[entity_id].remarks = remark

    def schema(self, profile: etree._Element) -> Schema:
        subtype = self.ref("PartySubType", profile.get("PartySubTypeID"), profile)
        label = _text(subtype)
        schemas = self.vocab["schemas"]
        if label not in schemas:
            label = self.ref_text("PartyType", subtype.get("PartyTypeID"), profile)
        if label not in schemas:
            self.warn_once(f"schema:{label}", f"unknown party type {label!r}; schema Unknown")
            return Schema.UNKNOWN
        return Schema(schemas[label])

    def read_identity(self, identity: etree._Element, entity: Entity) -> None:
        part_types: dict[str, str] = {}
        for group in identity.iterfind("{*}NamePartGroups/{*}MasterNamePartGroup/{*}NamePartGroup"):
            part_types[group.get("ID", "")] = self.ref_text("NamePartType", group.get("NamePartTypeID"), group)
        for alias in _children(identity, "Alias"):
            alias_label = self.ref_text("AliasType", alias.get("AliasTypeID"), alias)
            kind = NameKind(self.vocab["alias_types"].get(alias_label, "aka"))
            if alias.get("Primary") == "true":
                kind = NameKind.PRIMARY
            elif kind == NameKind.PRIMARY:
                kind = NameKind.AKA
            quality = NameQuality.WEAK if alias.get("LowQuality") == "true" else NameQuality.STRONG
            for documented in _children(alias, "DocumentedName"):
                name = self.documented_name(documented, part_types, kind, quality)
                if name is not None:
                    append_unique(entity.names, name)

    def documented_name(
        self, documented: etree._Element, part_types: dict[str, str], kind: NameKind, quality: NameQuality
    ) -> Name | None:
        values: list[str] = []
        parts: dict[str, str] = {}
        script_code: str | None = None
        for value in documented.iterfind("{*}DocumentedNamePart/{*}NamePartValue"):
            text = _text(value)
            if not text:
                continue
            values.append(text)
            part_label = part_types.get(value.get("NamePartGroupID", ""))
            if part_label is None:
                raise self.error(position_of(value), f"NamePartGroupID {value.get('NamePartGroupID')} not in this identity")
            key = self.vocab["name_parts"].get(part_label)
            if key:
                parts[key] = f"{parts[key]} {text}" if key in parts else text
            if value.get("ScriptID"):
                script_code = self.ref("Script", value.get("ScriptID"), value).get("ScriptCode")
        if not values:
            return None
        full = " ".join(values)
        # ScriptCode is ISO 15924 for most scripts but a word for some ("Latin", "Korean").
        script = script_code if script_code and len(script_code) == 4 else detect_script(full)
        return Name(full, kind, quality, script=script, parts=parts or None)

    # -- features ---------------------------------------------------------------------------
    def feature_rule(self, label: str) -> dict[str, Any] | None:
        rule = self.features["features"].get(label)
        if rule is None:
            for prefix, prefix_rule in self.features["prefixes"].items():
                if label.startswith(prefix):
                    rule = dict(prefix_rule)
                    if rule.pop("currency_from_label", False):
                        rule["currency"] = label[len(prefix) :].strip()
                    break
        return rule

    def feature_values(self, version: etree._Element) -> list[str | DateValue | _Place]:
        values: list[str | DateValue | _Place] = []
        for child in version:
            if not isinstance(child.tag, str):
                continue
            tag = local_name(child)
            if tag == "DatePeriod":
                append_unique(values, _date_period(child))
            elif tag == "VersionDetail":
                if child.get("DetailReferenceID"):
                    append_unique(values, self.ref_text("DetailReference", child.get("DetailReferenceID"), child))
                else:
                    append_unique(values, _text(child))
            elif tag == "VersionLocation":
                place = self.places.get(child.get("LocationID", ""))
                if place is None:
                    raise self.error(position_of(child), f"unknown LocationID {child.get('LocationID')}")
                values.append(place)
        return values

    def read_feature(self, feature: etree._Element, entity: Entity) -> None:
        label = self.ref_text("FeatureType", feature.get("FeatureTypeID"), feature)
        rule = self.feature_rule(label)
        if rule is None:
            self.warn_once(f"feature:{label}", f"unmapped feature type {label!r}; kept in details")
            rule = {"kind": "detail", "key": label}
        for version in _children(feature, "FeatureVersion"):
            for value in self.feature_values(version):
                self.apply_feature(rule, label, value, entity, version)

    def apply_feature(
        self, rule: dict[str, Any], label: str, value: str | DateValue | _Place, entity: Entity, where: etree._Element
    ) -> None:
        kind = rule["kind"]
        if isinstance(value, _Place):
            text = value.text()
        else:
            text = _render_date(value) if isinstance(value, DateValue) else value
        if kind == "birth_date":
            if not isinstance(value, DateValue):
                raise self.error(position_of(where), f"{label} without a date period")
            append_unique(entity.birth_dates, value)
        elif kind == "birth_place":
            append_unique(entity.birth_places, text)
        elif kind in ("nationality", "citizenship", "country"):
            code = value.country if isinstance(value, _Place) and value.country else to_iso2(text)
            if code is None:
                self.warn_once(f"country:{text}", f"{position_of(where)}: {label} {text!r} is not a known country")
                return
            targets = {"nationality": entity.nationalities, "citizenship": entity.citizenships}
            target = targets.get(kind, entity.countries)
            append_unique(target, code)
        elif kind == "gender":
            entity.gender = text.lower() or None
        elif kind == "title":
            append_unique(entity.titles, text)
        elif kind == "address":
            if isinstance(value, _Place):
                append_unique(entity.addresses, value.address())
        elif kind == "identifier":
            identifier = Identifier(IdType(rule["id_type"]), text, label, currency=rule.get("currency"))
            append_unique(entity.identifiers, identifier)
        elif kind == "detail":
            key = rule["key"]
            entity.details[key] = f"{entity.details[key]}; {text}" if key in entity.details else text
            if rule.get("country"):
                append_unique(entity.countries, to_iso2(text))
        elif kind == "sanction_fact":
            append_unique(entity.sanction_facts.setdefault(label.rstrip(" -:").strip(), []), text)
        else:
            raise self.error(position_of(where), f"advanced_features.yml: unknown kind {kind!r} for {label!r}")

    # -- sanctions entries and relationships ------------------------------------------------
    def read_sanctions_entry(self, elem: etree._Element) -> None:
        profile = elem.get("ProfileID", "")
        entity_id = self.by_profile.get(profile)
        if entity_id is None:
            raise self.error(position_of(elem), f"SanctionsEntry for unknown ProfileID {profile!r}")
        list_label = self.ref_text("List", elem.get("ListID"), elem)
        membership = ListMembership(SOURCE, self.vocab["lists"].get(list_label, list_label))
        authorities: list[str] = []
        for event in _children(elem, "EntryEvent"):
            when = _ymd(_child(event, "Date"))
            if when and when[1] and when[2]:
                day = date(*when).isoformat()  # type: ignore[arg-type]
                membership.listed_on = min(filter(None, (membership.listed_on, day)))
            if event.get("LegalBasisID"):
                basis = self.ref_text("LegalBasis", event.get("LegalBasisID"), event)
                if basis.lower() != "unknown":
                    append_unique(authorities, basis)
        membership.authority = "; ".join(authorities) or None
        entity = self.entities[entity_id]
        for measure in _children(elem, "SanctionsMeasure"):
            measure_type = self.ref_text("SanctionsType", measure.get("SanctionsTypeID"), measure)
            comment = _text(_child(measure, "Comment"))
            if measure_type == self.vocab["program_sanctions_type"]:
                append_unique(membership.programs, comment)
            else:
                fact = f"{measure_type}: {comment}" if comment else measure_type
                append_unique(entity.sanction_facts.setdefault("Sanctions Measures", []), fact)
        append_unique(entity.lists, membership)

    def read_relationship(self, elem: etree._Element) -> None:
        label = self.ref_text("RelationType", elem.get("RelationTypeID"), elem)
        relation = self.vocab["relations"].get(label)
        if relation is None:
            self.warn_once(f"relation:{label}", f"unmapped relation type {label!r}; relation 'other'")
            relation = "other"
        source, target = elem.get("From-ProfileID"), elem.get("To-ProfileID")
        if not source or not target:
            raise self.error(position_of(elem), "ProfileRelationship without From-ProfileID/To-ProfileID")
        self.relations.append(_Relation(source, target, relation, label, elem.get("Former") == "true", position_of(elem)))

    def resolve_relations(self) -> None:
        for rel in self.relations:
            source_id = self.by_profile.get(rel.from_profile)
            if source_id is None:
                raise self.error(rel.where, f"relationship from unknown ProfileID {rel.from_profile!r}")
            target_id = self.by_profile.get(rel.to_profile, f"ofac:{rel.to_profile}")
            target = self.entities.get(target_id)
            if target is None:
                self.warnings.append(f"{self.path}: {rel.where}: relationship target {target_id} is not in this file")
            note = f"{rel.label} (former)" if rel.former else rel.label
            link = Link(rel.relation, target.caption if target else target_id, target_id, note=note)
            append_unique(self.entities[source_id].links, link)


def parse(files: dict[str, Path]) -> ParsedList:
    """Parse one SDN_ADVANCED.xml publication."""
    return _AdvancedParser(single_xml_file(files)).run()
