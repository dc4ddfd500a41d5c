"""Shared OFAC parsing: feature labels, remarks, dates, names, program tags, list membership.

OFAC publishes the same facts two ways: packed into the legacy CSV ``Remarks`` column
(``DOB 21 Mar 1950; POB Moscow, Russia; Tax ID No. 7702070139 (Russia); ...``) and as
``<idList>`` items of the sdnList XML (``<idType>Tax ID No.</idType>``). Both go through one label
table, ``data/ofac_features.yml``; list membership of consolidated entries comes from
``data/ofac_lists.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from raqib.countries import to_iso2
from raqib.model import (
    DateValue,
    Entity,
    IdType,
    Identifier,
    Link,
    ListMembership,
    Name,
    NameKind,
    NameQuality,
    Schema,
)
from raqib.sources.dates import MONTHS, PARTIAL_ISO, coarse_date
from raqib.sources.tables import load_table
from raqib.sources.values import collapse
from raqib.text.scripts import detect_script

NULL = "-0-"  # the legacy CSV's null marker

# sdnType (XML) / SDN_Type (CSV, where a null type means an organisation) -> Schema.
SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}

ALIAS_KINDS = {
    "aka": NameKind.AKA, "a.k.a.": NameKind.AKA,
    "fka": NameKind.FKA, "f.k.a.": NameKind.FKA,
    "nka": NameKind.NKA, "n.k.a.": NameKind.NKA,
}


# --- tables -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Rule:
    """What a feature label means: an identifier, a sanctions fact, a detail or an attribute."""

    kind: str  # identifier | fact | detail | attribute
    target: str | None = None  # IdType value, details key or attribute handler; facts: canonical label
    date: bool = False


@dataclass(frozen=True, slots=True)
class Refinement:
    type: IdType
    becomes: IdType
    value: re.Pattern[str]
    country: str | None = None


class LabelTable:
    """Longest-label-first matcher over ``data/ofac_features.yml``."""

    def __init__(self, table: dict[str, Any]):
        alternatives: list[tuple[int, str, Rule]] = []
        for entry in table["facts"]:
            rule = Rule("fact", entry.get("label"), bool(entry.get("date")))
            source = entry.get("pattern") or _literal(entry["label"])
            # patterns name label families and are tried before plain labels
            alternatives.append((10_000, source, rule))
        for label, id_type in table["identifiers"].items():
            alternatives.append((len(label), _literal(label), Rule("identifier", IdType(id_type).value)))
        for label, spec in table["details"].items():
            alternatives.append((len(label), _literal(label), Rule("detail", spec["key"], bool(spec.get("date")))))
        for label, handler in table["attributes"].items():
            alternatives.append((len(label), _literal(label), Rule("attribute", handler)))
        alternatives.sort(key=lambda item: -item[0])
        self._rules = [rule for _, _, rule in alternatives]
        groups = "|".join(f"(?P<g{i}>{source})" for i, (_, source, _) in enumerate(alternatives))
        self._regex = re.compile(rf"^(?:alt\.\s+)?(?:{groups})(?=$|[\s:(\-#])", re.IGNORECASE)
        self.refinements = [
            Refinement(
                IdType(r["type"]), IdType(r["becomes"]), re.compile(r["value"]), r.get("country")
            )
            for r in table.get("refinements", [])
        ]

    def match(self, text: str) -> tuple[Rule, str, str] | None:
        """``"alt. Tax ID No. 77 (Russia)"`` -> (rule, ``"Tax ID No."``, ``"77 (Russia)"``)."""
        m = self._regex.match(text)
        if not m:
            return None
        group = m.lastgroup or ""
        label = collapse(m.group(group))
        rest = text[m.end():].strip()
        rest = re.sub(r"^[:\-]+\s*", "", rest).strip()
        return self._rules[int(group[1:])], label, rest


def _literal(label: str) -> str:
    return r"\s+".join(re.escape(word) for word in label.split())


@lru_cache(maxsize=1)
def labels() -> LabelTable:
    return LabelTable(load_table("ofac_features.yml"))


@lru_cache(maxsize=1)
def _list_rules() -> dict[str, Any]:
    return load_table("ofac_lists.yml")


# --- dates ------------------------------------------------------------------------------------
_DATE = re.compile(r"^(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>[A-Za-z]+)\.?,?\s+)?(?P<year>\d{4})$")


def iso_date(text: str | None) -> str | None:
    """``21 Mar 1950`` -> ``1950-03-21``, ``Mar 1950`` -> ``1950-03``, ``1950`` -> ``1950``."""
    if not text:
        return None
    value = collapse(text).strip(" .,")
    if PARTIAL_ISO.fullmatch(value):
        return value
    m = _DATE.match(value)
    if not m:
        return None
    year, day = int(m["year"]), m["day"]
    if m["month"] is None:
        return None if day else f"{year:04d}"
    month = MONTHS.get(m["month"].lower())
    if month is None:
        return None
    try:
        return coarse_date(f"{year:04d}", month, None if day is None else int(day)).value
    except ValueError:
        return None


def us_date(text: str | None) -> str | None:
    """``01/08/2026`` (the XML Publish_Date) -> ``2026-01-08``."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text or "")
    if not m:
        return None
    try:
        return coarse_date(m[3], int(m[1]), int(m[2])).value
    except ValueError:
        return None


_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.)\s+", re.IGNORECASE)
_RANGE = re.compile(r"^(?:between\s+)?(?P<start>.+?)(?:\s+(?:to|and)\s+|\s*-\s*)(?P<end>.+)$", re.IGNORECASE)


def parse_date_value(text: str | None) -> DateValue | None:
    """``circa 1960``, ``1960 to 1962``, ``21 Mar 1950`` -> DateValue; anything else -> None."""
    if not text:
        return None
    value = collapse(text).strip(" .")
    circa = bool(_CIRCA.match(value))
    value = _CIRCA.sub("", value)
    single = iso_date(value)
    if single:
        return DateValue(single, circa=circa)
    m = _RANGE.match(value)
    if m:
        start, end = iso_date(m["start"]), iso_date(m["end"])
        if start and end:
            return DateValue(start, until=end, circa=circa)
    return None


# --- names and programs -----------------------------------------------------------------------
def make_name(
    value: str,
    kind: NameKind = NameKind.PRIMARY,
    quality: NameQuality = NameQuality.STRONG,
    person: bool = False,
    parts: dict[str, str] | None = None,
) -> Name:
    """OFAC writes person names ``LAST, First Middle``; keep the value, expose the parts."""
    value = collapse(value)
    if parts is None and person and ", " in value:
        last, first = (p.strip() for p in value.split(", ", 1))
        if last and first:
            parts = {"last": last, "first": first}
    # plain-ASCII names (most OFAC names) are Latin script: skip the per-character detection
    script = "Latn" if value.isascii() and any(c.isalpha() for c in value) else detect_script(value)
    return Name(value, kind=kind, quality=quality, script=script, parts=parts)


def split_programs(text: str | None) -> list[str]:
    """``"SDGT] [IFSR"`` / ``"[SDGT] [IFSR]"`` -> ``["SDGT", "IFSR"]``."""
    if not text or text.strip() == NULL:
        return []
    tags = (tag.strip() for tag in re.split(r"[\[\]]", text))
    return list(dict.fromkeys(tag for tag in tags if tag))


def memberships(
    source: str, default_list: str, programs: list[str], facts: dict[str, list[str]]
) -> list[ListMembership]:
    """Which OFAC list(s) carry an entry, from its programs and facts (``data/ofac_lists.yml``)."""
    table = _list_rules()
    if source in table["sdn_sources"]:
        return [ListMembership(source, "SDN", list(programs))]
    found: dict[str, list[str]] = {}
    used: set[str] = set()
    for rule in table["rules"]:
        wanted = [p for p in programs if p in rule.get("programs", [])]
        if rule.get("programs") and not wanted:
            continue
        if rule.get("fact") and not any(re.search(rule["fact"], key) for key in facts):
            continue
        bucket = found.setdefault(rule["list"], [])
        bucket.extend(p for p in wanted if p not in bucket)
        used.update(wanted)
    if not found:
        return [ListMembership(source, default_list, list(programs))]
    first = next(iter(found))
    found[first].extend(p for p in programs if p not in used)
    return [ListMembership(source, name, tags) for name, tags in found.items()]


# --- features ---------------------------------------------------------------------------------
@dataclass
class Features:
    """Facts gathered from remarks / idList items, applied to an Entity in one go."""

    names: list[Name] = field(default_factory=list)
    birth_dates: list[DateValue] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    facts: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # recognised labels whose value did not parse

    def extend(self, other: "Features") -> None:
        for name in ("names", "birth_dates", "birth_places", "nationalities", "citizenships",
                     "countries", "titles", "identifiers", "links", "problems"):
            _add_all(getattr(self, name), getattr(other, name))
        for key, values in other.facts.items():
            _add_all(self.facts.setdefault(key, []), values)
        for key, values in other.details.items():
            _add_all(self.details.setdefault(key, []), values)
        self.gender = self.gender or other.gender

    def apply_to(self, entity: Entity) -> None:
        for name in ("names", "birth_dates", "birth_places", "nationalities", "citizenships",
                     "countries", "titles", "identifiers", "links"):
            _add_all(getattr(entity, name), getattr(self, name))
        for key, values in self.facts.items():
            _add_all(entity.sanction_facts.setdefault(key, []), values)
        for key, values in self.details.items():
            known = entity.details.get(key)
            merged = ([known] if known else []) + [v for v in values if v != known]
            entity.details[key] = "; ".join(merged)
        entity.gender = entity.gender or self.gender


def _add_all(target: list, items: list) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def parse_remarks(text: str | None, person: bool = False) -> Features:
    """Structured facts from an OFAC remarks text; unknown segments are skipped, never fatal."""
    found = Features()
    table = labels()
    for segment in split_remarks(text):
        matched = table.match(segment)
        if matched:
            rule, label, rest = matched
            _route(found, rule, label, rest, None, person, from_remarks=True)
    return found


def feature(label: str, value: str, country: str | None = None, person: bool = False,
            notes: list[str] | None = None) -> Features:
    """One XML ``<idList>`` item routed through the same table as the remarks."""
    label, value = " ".join(label.split()), " ".join(value.split())
    matched = labels().match(label)
    if matched is None:
        # an explicit XML identifier field with a label not in the table: keep it as OTHER
        rule, published, rest = Rule("identifier", IdType.OTHER.value), label.rstrip(" :-"), ""
    else:
        rule, published, rest = matched
    if rest:  # "Digital Currency Address - XBT" + address: the label carries part of the value
        value = f"{rest} {value}"
    found = Features()
    _route(found, rule, published, value, country, person, from_remarks=False, notes=notes)
    return found


def split_remarks(text: str | None) -> list[str]:
    """``"DOB 1950; POB Moscow, Russia."`` -> ``["DOB 1950", "POB Moscow, Russia"]``."""
    if not text or text.strip() == NULL:
        return []
    segments = []
    for raw in text.split(";"):
        segment = " ".join(raw.split())
        if segment.startswith("(") and segment.endswith(")"):
            segment = segment[1:-1].strip()  # the XML writes "(Linked To: X)"
        if segment:
            segments.append(segment)
    if segments:
        segments[-1] = _strip_final_period(segments[-1])
    return [s for s in segments if s]


def _strip_final_period(segment: str) -> str:
    """The CSV ends every remarks text with ".": drop it unless it closes an abbreviation."""
    if not segment.endswith("."):
        return segment
    body = segment[:-1].rstrip()
    if body.endswith("'"):  # a.k.a. 'NAME'.
        return body
    words = body.split()
    last = words[-1] if words else ""
    # "... S.A." / "... CO." / "... L.L.C.": the period belongs to the name
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", last) or last.upper() in _abbreviations():
        return segment
    return body


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.upper() for a in load_table("ofac_abbreviations.yml")["abbreviations"])


def _route(found: Features, rule: Rule, label: str, rest: str, country: str | None, person: bool,
           from_remarks: bool, notes: list[str] | None = None) -> None:
    """Add what one labelled value says to ``found``."""
    if rule.kind == "fact":
        key = rule.target or label
        key = re.sub(r"\s*[:\-]+$", "", key)
        value = (iso_date(rest) if rule.date else None) or rest
        if value:
            _add_all(found.facts.setdefault(key, []), [value])
    elif rule.kind == "detail":
        value = (iso_date(rest) if rule.date else None) or rest
        if value and rule.target:
            _add_all(found.details.setdefault(rule.target, []), [value])
    elif rule.kind == "identifier":
        identifier = _identifier(IdType(rule.target), label, rest, country, from_remarks, notes or [])
        if identifier:
            _add_all(found.identifiers, [identifier])
        elif rest:
            found.problems.append(f"{label}: {rest}")
    else:
        _attribute(found, rule.target or "", rest, person)


def _attribute(found: Features, handler: str, rest: str, person: bool) -> None:
    if not rest:
        return
    if handler == "birth_date":
        dob = parse_date_value(rest)
        if dob:
            _add_all(found.birth_dates, [dob])
        else:
            found.problems.append(f"DOB {rest}")
    elif handler == "birth_place":
        _add_all(found.birth_places, [rest])
    elif handler in ("nationality", "citizenship", "country"):
        code = to_iso2(rest)
        target = {"nationality": found.nationalities, "citizenship": found.citizenships,
                  "country": found.countries}[handler]
        if code:
            _add_all(target, [code])
        else:
            found.problems.append(f"{handler} {rest}")
    elif handler == "gender":
        gender = rest.lower().rstrip(".")
        if gender in ("male", "female"):
            found.gender = found.gender or gender
        else:
            found.problems.append(f"Gender {rest}")
    elif handler in ("aka", "fka", "nka"):
        name = _quoted(rest)
        if name:
            # quoted a.k.a.s in remarks are OFAC's weak aliases
            _add_all(found.names, [make_name(name, ALIAS_KINDS[handler], NameQuality.WEAK, person)])
    elif handler == "linked_to":
        _add_all(found.links, [Link("linked_to", rest)])
    elif handler == "title":
        _add_all(found.titles, [rest])


def _quoted(text: str) -> str:
    """``'ABU DU'A'`` -> ``ABU DU'A``: outermost quotes only, apostrophes inside are kept."""
    text = text.strip()
    if text.endswith("'.") and text.count("'") >= 2:
        text = text[:-1]
    if text.startswith("'"):
        text = text[1:]
        if text.endswith("'"):  # absent when OFAC truncated the remarks mid-name
            text = text[:-1]
    return " ".join(text.split())


# --- identifiers ------------------------------------------------------------------------------
_DATE_NOTE = re.compile(r"(?:^|\s)(issued|expires)\b", re.IGNORECASE)


def split_id_value(text: str) -> tuple[str, str | None, list[str]]:
    """``"123 (Russia) issued 01 Jan 2001"`` -> (``"123"``, ``"RU"``, [``"issued 2001-01-01"``]).

    Parenthesised groups at the end resolve to the issuing country when they name one; other
    groups (``"(Stuttgart)"``) become notes.
    """
    notes: list[str] = []
    m = _DATE_NOTE.search(text)
    head, tail = (text[: m.start()], text[m.start():]) if m else (text, "")
    for word, when in re.findall(r"(issued|expires)\s+(.*?)(?=\s+(?:issued|expires)\b|$)", tail.strip(), re.I):
        notes.append(f"{word.lower()} {iso_date(when) or when.strip()}")
    head = head.strip().rstrip(",").strip()
    country: str | None = None
    groups: list[str] = []
    while head.endswith(")") and "(" in head:
        start = head.rfind("(")
        inner = head[start + 1 : -1].strip()
        code = to_iso2(inner) if country is None else None
        if code:
            country = code
        else:
            groups.insert(0, inner)
        head = head[:start].rstrip().rstrip(",").rstrip()
    if not head and groups:  # "International Maritime Organization No. (5777731)"
        head = groups.pop()
    return head, country, groups + notes


def _identifier(id_type: IdType, label: str, rest: str, country: str | None, from_remarks: bool,
                notes: list[str]) -> Identifier | None:
    value, code, extra = split_id_value(rest) if from_remarks else (rest.strip(), None, [])
    code = code or (to_iso2(country) if country else None)
    if country and not code:
        extra.append(country)
    currency = None
    if id_type == IdType.CRYPTO:
        ticker, _, address = value.partition(" ")
        if not address:
            return None
        currency, value, label = ticker.upper(), address.strip(), f"{label} - {ticker.upper()}"
    if not value:
        return None
    for refinement in labels().refinements:
        if (refinement.type == id_type and (refinement.country is None or refinement.country == code)
                and refinement.value.search(value)):
            id_type = refinement.becomes
            break
    if id_type == IdType.IMO:
        value = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
    note = "; ".join(extra + notes) or None
    return Identifier(id_type, value, label=label, country=code, currency=currency, note=note)
