"""One entity model for every sanctions list.

Parsers (``raqib.sources``) produce these objects and nothing else; the store keeps them as JSON
(``Entity.to_dict`` / ``Entity.from_dict``); matching and rules read them.

Identity: ``Entity.id`` is ``<publisher>:<publisher's id>`` (``ofac:35233``, ``un:QDi.001``,
``uk:12345``, ``ca:...``, ``eu:...``). OFAC numbers SDN and non-SDN entries in one space, so an
entry on both OFAC lists is one entity with two memberships (``Entity.lists``) — see ``merge``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


class Schema(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"
    UNKNOWN = "Unknown"  # publisher did not say (some UK/Canada rows)


class NameKind(StrEnum):
    PRIMARY = "primary"
    AKA = "aka"
    FKA = "fka"  # formerly known as
    NKA = "nka"  # now known as


class NameQuality(StrEnum):
    STRONG = "strong"
    WEAK = "weak"  # OFAC "weak a.k.a.", UN QUALITY=Low, OFSI "Low quality": never alerts alone


class IdType(StrEnum):
    """Normalised identifier vocabulary (publisher wording is kept in ``Identifier.label``)."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"  # generic tax number (RFC, NIT, CUIT, VAT …)
    INN = "inn"  # Russian taxpayer number
    REGISTRATION = "registration"  # company registry number (generic)
    OGRN = "ogrn"
    IMO = "imo"  # vessel IMO number, or company/registered-owner IMO number
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    SWIFT_BIC = "swift_bic"
    BIK = "bik"  # Russian bank identification code
    LEI = "lei"
    CRYPTO = "crypto"  # digital currency address; ``Identifier.currency`` names the chain
    AIRCRAFT_SERIAL = "aircraft_serial"
    AIRCRAFT_TAIL = "aircraft_tail"
    EMAIL = "email"
    WEBSITE = "website"
    PHONE = "phone"
    OTHER = "other"


@dataclass(slots=True)
class Name:
    value: str
    kind: NameKind = NameKind.PRIMARY
    quality: NameQuality = NameQuality.STRONG
    script: str | None = None  # ISO 15924 when known or detected: Latn, Arab, Cyrl, Hang, Hani …
    lang: str | None = None  # ISO 639-1 when the publisher gives it (EU nameLanguage, UK/Canada)
    # Publisher-given name parts when available: {"first": …, "middle": …, "last": …, "patronymic": …}
    parts: dict[str, str] | None = None


@dataclass(slots=True)
class DateValue:
    """A date as precise as the publisher gave it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    ``until`` closes a range (``1960`` … ``1962``); ``circa`` marks "circa"/"approximately".
    """

    value: str
    until: str | None = None
    circa: bool = False


@dataclass(slots=True)
class Address:
    full: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 when resolvable
    country_name: str | None = None  # as published


@dataclass(slots=True)
class Identifier:
    type: IdType
    value: str
    label: str | None = None  # the publisher's own wording, e.g. "Tax ID No.", "Digital Currency Address - XBT"
    country: str | None = None  # ISO 3166-1 alpha-2 of issuer when given
    currency: str | None = None  # crypto chain ticker (XBT, ETH, …)
    note: str | None = None


@dataclass(slots=True)
class Link:
    """A relation published on the list: "Linked To", "Owned or Controlled By", family member …"""

    relation: str  # linked_to, owned_by, owns, family, acting_for, leader_of, associate_of, other
    target_name: str
    target_id: str | None = None  # resolved entity id when the publisher gives one
    share: float | None = None  # ownership percentage when published (rare)
    note: str | None = None


@dataclass(slots=True)
class ListMembership:
    """Which published list carries the entity, under which programs.

    ``list`` examples: ``SDN``, ``SSI``, ``NS-MBS``, ``CMIC``, ``NS-PLC``, ``FSE``, ``CAPTA``,
    ``UN``, ``UK``, ``EU``, ``CA``. ``programs`` are the publisher's tags or regime names.
    """

    source: str  # registry source id: ofac_sdn, ofac_consolidated, un, uk_ofsi, …
    list: str
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None  # ISO date
    authority: str | None = None  # legal basis text when published (EU regulation, UK regime …)


@dataclass(slots=True)
class Entity:
    id: str
    schema: Schema
    names: list[Name] = field(default_factory=list)
    lists: list[ListMembership] = field(default_factory=list)
    birth_dates: list[DateValue] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2
    citizenships: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # other country links (registration, flag …)
    gender: str | None = None  # "male" | "female"
    titles: list[str] = field(default_factory=list)  # positions / titles / designations
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Typed sanctions facts from remarks / features, keyed by the publisher's feature wording,
    # e.g. {"Executive Order 13662 Directive Determination": ["Subject to Directive 1"],
    #       "Secondary sanctions risk": ["Ukraine-/Russia-Related Sanctions Regulations, …"],
    #       "Effective Date (EO 14024 Directive 3)": ["2022-02-24"]}
    sanction_facts: dict[str, list[str]] = field(default_factory=dict)
    # Vessel/aircraft particulars: flag, type, tonnage, grt, owner, build_year …
    details: dict[str, str] = field(default_factory=dict)
    remarks: str | None = None  # the publisher's raw remarks text

    # --- convenience -----------------------------------------------------------------------
    @property
    def caption(self) -> str:
        for name in self.names:
            if name.kind == NameKind.PRIMARY:
                return name.value
        return self.names[0].value if self.names else self.id

    @property
    def programs(self) -> list[str]:
        seen: dict[str, None] = {}
        for membership in self.lists:
            for program in membership.programs:
                seen.setdefault(program, None)
        return list(seen)

    # --- serialisation ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        return cls(
            id=data["id"],
            schema=Schema(data["schema"]),
            names=[_build(Name, n) for n in data.get("names", [])],
            lists=[_build(ListMembership, m) for m in data.get("lists", [])],
            birth_dates=[_build(DateValue, d) for d in data.get("birth_dates", [])],
            birth_places=list(data.get("birth_places", [])),
            nationalities=list(data.get("nationalities", [])),
            citizenships=list(data.get("citizenships", [])),
            countries=list(data.get("countries", [])),
            gender=data.get("gender"),
            titles=list(data.get("titles", [])),
            addresses=[_build(Address, a) for a in data.get("addresses", [])],
            identifiers=[_build(Identifier, i) for i in data.get("identifiers", [])],
            links=[_build(Link, link) for link in data.get("links", [])],
            sanction_facts={k: list(v) for k, v in data.get("sanction_facts", {}).items()},
            details=dict(data.get("details", {})),
            remarks=data.get("remarks"),
        )

    def canonical_json(self) -> str:
        """Order-insensitive JSON: two publications that only reorder elements compare equal."""
        return json.dumps(_canonical(self.to_dict()), ensure_ascii=False, sort_keys=True)

    def digest(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def merge(self, other: "Entity") -> "Entity":
        """Union of two records of the same id (e.g. one OFAC entry on the SDN and SSI lists)."""
        if other.id != self.id:
            raise ValueError(f"cannot merge {self.id} with {other.id}")
        merged = Entity.from_dict(self.to_dict())
        for f in fields(Entity):
            mine, theirs = getattr(merged, f.name), getattr(other, f.name)
            if isinstance(mine, list):
                for item in theirs:
                    if item not in mine:
                        mine.append(item)
            elif isinstance(mine, dict):
                for key, value in theirs.items():
                    if isinstance(value, list):
                        bucket = mine.setdefault(key, [])
                        bucket.extend(v for v in value if v not in bucket)
                    else:
                        mine.setdefault(key, value)
            elif mine in (None, Schema.UNKNOWN) and theirs not in (None, Schema.UNKNOWN):
                setattr(merged, f.name, theirs)
        return merged


@dataclass(slots=True)
class ListVersion:
    """One loaded publication of one source."""

    source: str
    version: str  # the as-of date of the publication (mirror folder name or publish date)
    checksum: str  # sha256 over the publisher's files
    entity_count: int
    published: str | None = None  # publisher's own publication date when the file states it
    loaded_at: str | None = None
    origin: str | None = None  # URL or mirror path it was loaded from
    id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.source}@{self.version}"


class ParseError(ValueError):
    """A publisher file could not be parsed. Always names the file and the position."""

    def __init__(self, path: str, position: str, message: str):
        self.path, self.position, self.message = path, position, message
        super().__init__(f"{path}: {position}: {message}")


# --- helpers -------------------------------------------------------------------------------
def _build(cls, data: dict[str, Any]):
    obj = cls(**data)
    # Enums come back from JSON as plain strings; restore them.
    if cls is Name:
        obj.kind, obj.quality = NameKind(obj.kind), NameQuality(obj.quality)
    elif cls is Identifier:
        obj.type = IdType(obj.type)
    return obj


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], {}, "", False)}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
