"""OFAC ``sdnList`` XML (``sdn.xml``, ``consolidated.xml``).

``<sdnList><publshInformation><Publish_Date>MM/DD/YYYY</Publish_Date>…</publshInformation>
<sdnEntry>…</sdnEntry>…</sdnList>``; the namespace changed over the years, so elements are matched
by local name. ``<idList>`` items carry identifiers *and* sanctions facts ("Executive Order 13662
Directive Determination -", "Effective Date (EO 14024 Directive 3):" …): they go through the same
label table as the CSV remarks (``ofac_common``). Streams with ``lxml.etree.iterparse``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from raqib.countries import to_iso2
from raqib.model import Address, Entity, Identifier, IdType, Link, NameKind, NameQuality, ParseError, Schema
from raqib.sources import ParsedList
from raqib.sources.ofac_common import (
    ALIAS_KINDS,
    SCHEMAS,
    Features,
    feature,
    iso_date,
    make_name,
    memberships,
    parse_date_value,
    parse_remarks,
    us_date,
)
from raqib.sources.registry import get_source
from raqib.sources.values import collapse
from raqib.sources.xml_stream import local_name as _local
from raqib.sources.xml_stream import malformed, require_content

# <vesselInfo> children -> Entity.details keys
_VESSEL_DETAILS = {
    "vesselType": "vessel_type",
    "vesselFlag": "flag",
    "vesselOwner": "owner",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "grt",
}


def parse(files: dict[str, Path]) -> ParsedList:
    if "sdn.xml" in files:
        source, path = "ofac_sdn", files["sdn.xml"]
    elif "consolidated.xml" in files:
        source, path = "ofac_consolidated", files["consolidated.xml"]
    else:
        raise ParseError(", ".join(map(str, files.values())) or "(no files)", "file set",
                         "expected sdn.xml or consolidated.xml")
    require_content(path)
    default_list = get_source(source).list_label
    entities: list[Entity] = []
    warnings: list[str] = []
    published: str | None = None
    seen: set[str] = set()
    for element in _stream(path):
        name = _local(element)
        if name == "Publish_Date":
            published = us_date(element.text)
            if element.text and not published:
                raise ParseError(str(path), f"line {element.sourceline}",
                                 f"Publish_Date {element.text!r} is not MM/DD/YYYY")
        else:
            entity = _entity(path, element, source, default_list, warnings)
            if entity.id in seen:
                raise ParseError(str(path), f"line {element.sourceline}", f"duplicate uid in {entity.id}")
            seen.add(entity.id)
            entities.append(entity)
    return ParsedList(entities=entities, published=published, warnings=warnings)


def _stream(path: Path) -> Iterator[etree._Element]:
    """Yield Publish_Date and each complete sdnEntry, freeing finished entries as we go."""
    context = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False,
                              no_network=True, huge_tree=True)
    root_checked = False
    try:
        for event, element in context:
            if event == "start":
                if not root_checked:
                    if _local(element) != "sdnList":
                        raise ParseError(str(path), f"element <{_local(element)}>",
                                         "not an OFAC sdnList XML file (root element is not sdnList)")
                    root_checked = True
                continue
            name = _local(element)
            if name in ("sdnEntry", "Publish_Date"):
                yield element
            if name == "sdnEntry":
                element.clear(keep_tail=True)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise malformed(path, exc) from None


def _entity(path: Path, el: etree._Element, source: str, default_list: str,
            warnings: list[str]) -> Entity:
    where = f"element <sdnEntry> at line {el.sourceline}"
    uid = _text(el, "uid")
    if not uid or not uid.isdigit():
        raise ParseError(str(path), where, f"uid {uid!r} is not a number")
    sdn_type = _text(el, "sdnType")
    schema = SCHEMAS.get((sdn_type or "").lower())
    if schema is None:
        raise ParseError(str(path), where, f"unknown sdnType {sdn_type!r}")
    person = schema == Schema.PERSON
    primary = _name(el, person)
    if primary is None:
        raise ParseError(str(path), where, f"entry {uid} has no lastName")
    entity = Entity(id=f"ofac:{uid}", schema=schema, names=[primary], remarks=_text(el, "remarks"))
    if title := _text(el, "title"):
        entity.titles.append(title)

    found = Features()
    for aka in _items(el, "akaList", "aka"):
        kind = ALIAS_KINDS.get((_text(aka, "type") or "a.k.a.").lower())
        quality = NameQuality.WEAK if (_text(aka, "category") or "").lower() == "weak" else NameQuality.STRONG
        name = _name(aka, person, kind or NameKind.AKA, quality)
        if name and name not in found.names:
            found.names.append(name)
    for item in _items(el, "idList", "id"):
        id_type, number = _text(item, "idType"), _text(item, "idNumber")
        if not id_type or not number:
            warnings.append(f"{path}: line {item.sourceline}: id item without idType/idNumber skipped")
            continue
        notes = [f"{word} {iso_date(value) or value}" for word, value in
                 (("issued", _text(item, "issueDate")), ("expires", _text(item, "expirationDate"))) if value]
        found.extend(feature(id_type, number, _text(item, "idCountry"), person, notes))
    for item in _items(el, "dateOfBirthList", "dateOfBirthItem"):
        text = _text(item, "dateOfBirth")
        dob = parse_date_value(text)
        if dob:
            found.birth_dates.append(dob)
        elif text:
            found.problems.append(f"dateOfBirth {text}")
    found.birth_places.extend(p for item in _items(el, "placeOfBirthList", "placeOfBirthItem")
                              if (p := _text(item, "placeOfBirth")))
    _countries(el, "nationalityList", "nationality", found.nationalities, found.problems)
    _countries(el, "citizenshipList", "citizenship", found.citizenships, found.problems)
    entity.addresses.extend(_address(a) for a in _items(el, "addressList", "address"))
    _vessel(el, entity)
    found.extend(parse_remarks(entity.remarks, person=person))
    found.apply_to(entity)
    warnings.extend(f"{path}: {where}: unparsed value {p!r}" for p in found.problems)
    programs = [p.text.strip() for p in _items(el, "programList", "program") if p.text and p.text.strip()]
    entity.lists = memberships(source, default_list, programs, entity.sanction_facts)
    return entity


def _name(el: etree._Element, person: bool, kind: NameKind = NameKind.PRIMARY,
          quality: NameQuality = NameQuality.STRONG):
    last, first = _text(el, "lastName"), _text(el, "firstName")
    if not last and not first:
        return None
    value = f"{last}, {first}" if last and first else (last or first or "")
    parts = {k: v for k, v in (("last", last), ("first", first)) if v} if person and last and first else None
    return make_name(value, kind, quality, person, parts)


def _countries(el: etree._Element, list_name: str, item_name: str, target: list[str],
               problems: list[str]) -> None:
    for item in _items(el, list_name, item_name):
        country = _text(item, "country")
        code = to_iso2(country)
        if code and code not in target:
            target.append(code)
        elif country and not code:
            problems.append(f"{item_name} {country}")


def _address(el: etree._Element) -> Address:
    street = ", ".join(p for p in (_text(el, f"address{i}") for i in (1, 2, 3)) if p) or None
    city, region, postal = _text(el, "city"), _text(el, "stateOrProvince"), _text(el, "postalCode")
    country = _text(el, "country")
    full = ", ".join(p for p in (street, city, region, postal, country) if p) or None
    return Address(full=full, street=street, city=city, region=region, postal_code=postal,
                   country=to_iso2(country), country_name=country)


def _vessel(el: etree._Element, entity: Entity) -> None:
    info = _child(el, "vesselInfo")
    if info is None:
        return
    if call_sign := _text(info, "callSign"):
        entity.identifiers.append(Identifier(IdType.CALL_SIGN, call_sign, label="Call Sign"))
    for tag, key in _VESSEL_DETAILS.items():
        if value := _text(info, tag):
            entity.details[key] = value
    if (flag := _text(info, "vesselFlag")) and (code := to_iso2(flag)):
        entity.countries.append(code)
    if owner := _text(info, "vesselOwner"):
        entity.links.append(Link("owned_by", owner, note="Vessel owner"))


# --- namespace-agnostic element access ----------------------------------------------------------
def _child(el: etree._Element, name: str) -> etree._Element | None:
    for child in el:
        if _local(child) == name:
            return child
    return None


def _text(el: etree._Element, name: str) -> str | None:
    child = _child(el, name)
    if child is None or child.text is None:
        return None
    return collapse(child.text) or None


def _items(el: etree._Element, list_name: str, item_name: str) -> Iterator[etree._Element]:
    container = _child(el, list_name)
    if container is not None:
        for item in container:
            if _local(item) == item_name:
                yield item
