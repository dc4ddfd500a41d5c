"""Restriction kinds of a listed entity: what each list membership, program and published
sanction fact means in law.

Sources, in order:
1. list memberships (``Entity.lists``) read against ``data/programs.yml``: any program on the SDN
   list blocks; UN/UK/EU/Canada asset-freeze lists block under their own regime; the OFAC
   consolidated (non-SDN) list means what each program means there (SSI -> SECTORAL, CMIC,
   NS-PLC, menu-based … -> NON_BLOCKING);
2. directive determinations OFAC prints on the entry ("Executive Order 13662 Directive
   Determination - Subject to Directive 2", "Effective Date (EO 14024 Directive 3): 26 Mar 2022")
   -> one SECTORAL restriction per directive, scope = directive key of ``data/directives.yml``;
3. other sanction facts ("Secondary sanctions risk: …", "CAATSA Section 235 Information: …");
4. the CAATSA §231 List of Specified Persons (``raqib.rules.lsp``) -> SECONDARY_RISK.

A program tag or list label missing from the tables gives an UNKNOWN_PROGRAM restriction (the
decision layer turns it into REVIEW): OFAC creates new tags often, and screening must neither
crash on one nor drop it silently. Asking for a tag's definition directly (``program_info``)
raises ``UnknownProgramError``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from raqib.model import Entity
from raqib.rules.tables import RuleDataError, load_table, parse_published_date


class Kind(StrEnum):
    BLOCKED = "BLOCKED"
    SECTORAL = "SECTORAL"
    NON_BLOCKING = "NON_BLOCKING"
    SECONDARY_RISK = "SECONDARY_RISK"
    JURISDICTION_EMBARGO = "JURISDICTION_EMBARGO"
    INFORMATIONAL = "INFORMATIONAL"
    UNKNOWN_PROGRAM = "UNKNOWN_PROGRAM"


@dataclass(frozen=True, slots=True)
class Restriction:
    kind: Kind
    program: str | None
    regime: str  # US, UN, UK, EU, CA
    authority: str
    effective_from: date | None = None
    effective_to: date | None = None
    scope: str | None = None  # directive key (EO13662-2), embargo id (UA-CRIMEA), list label …
    evidence: str = ""  # what on the entry (or in which table) produced this restriction
    derived_from: tuple[str, ...] = ()  # ownership path / source entity for inherited restrictions

    def active_on(self, day: date) -> bool:
        if self.effective_to is not None and day > self.effective_to:
            return False
        # A list membership is in force from publication; only directive/embargo dates gate it.
        return self.effective_from is None or self.kind not in _DATE_GATED or day >= self.effective_from

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        for key in ("effective_from", "effective_to"):
            data[key] = data[key].isoformat() if data[key] else None
        data["derived_from"] = list(self.derived_from)
        return data


# Kinds whose effective date decides whether they apply on a given day. A sectoral restriction
# is evaluated against the transaction date by raqib.rules.sectoral instead.
_DATE_GATED = {Kind.JURISDICTION_EMBARGO}


class UnknownProgramError(KeyError):
    def __init__(self, tag: str):
        super().__init__(f"unknown sanctions program tag {tag!r}: add it to raqib/rules/data/programs.yml")
        self.tag = tag


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    tag: str
    regime: str
    authority: str
    non_sdn_kind: Kind
    description: str


@lru_cache(maxsize=1)
def _programs() -> dict[str, ProgramInfo]:
    table = load_table("programs.yml")["programs"]
    programs: dict[str, ProgramInfo] = {}
    for tag, row in table.items():
        try:
            programs[_tag_key(tag)] = ProgramInfo(
                tag, row["regime"], row["authority"], Kind(row["non_sdn_kind"]), row["description"]
            )
        except (KeyError, ValueError) as exc:
            raise RuleDataError(f"programs.yml: programs.{tag}: {exc}") from None
    return programs


@lru_cache(maxsize=1)
def _lists() -> dict[str, dict[str, str]]:
    return {label.upper(): row for label, row in load_table("programs.yml")["lists"].items()}


@lru_cache(maxsize=1)
def _fact_kinds() -> dict[str, Kind]:
    return {_fact_key(k): Kind(v) for k, v in load_table("programs.yml")["facts"].items()}


def _tag_key(tag: str) -> str:
    return re.sub(r"\s+", " ", tag.strip().strip("[]")).upper()


def _fact_key(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().rstrip(" -:").casefold()


def program_info(tag: str) -> ProgramInfo:
    """The table row of an OFAC program tag; ``UnknownProgramError`` when the table lacks it."""
    info = _programs().get(_tag_key(tag))
    if info is None:
        raise UnknownProgramError(tag)
    return info


def known_program(tag: str) -> bool:
    return _tag_key(tag) in _programs()


# --- list memberships ------------------------------------------------------------------------
def _membership_restrictions(entity: Entity) -> list[Restriction]:
    out: list[Restriction] = []
    for membership in entity.lists:
        listed_on = parse_published_date(membership.listed_on) if membership.listed_on else None
        row = _lists().get(membership.list.upper())
        evidence = f"{membership.source}: {membership.list} list"
        if row is None:
            out.append(
                Restriction(Kind.UNKNOWN_PROGRAM, None, "?", f"list {membership.list!r} is not in programs.yml",
                            listed_on, scope=membership.list, evidence=evidence)
            )
            continue
        regime, list_kind = row["regime"], row["kind"]
        for program in membership.programs or [None]:
            info = _programs().get(_tag_key(program)) if (program and regime == "US") else None
            if regime == "US" and info is None and (program or list_kind == "from_program"):
                why = f"program tag {program!r} is not in programs.yml" if program else "membership without a program tag"
                out.append(Restriction(Kind.UNKNOWN_PROGRAM, program, regime, why, listed_on,
                                       scope=membership.list, evidence=evidence))
                if list_kind == "from_program":
                    continue  # what it means on this list is unknown: the UNKNOWN row says so
            kind = info.non_sdn_kind if list_kind == "from_program" else Kind(_schedule_kind(row, membership) or list_kind)
            authority = f"{info.authority} ({row['authority']})" if info else (membership.authority or row["authority"])
            out.append(Restriction(kind, program, regime, authority, listed_on, scope=membership.list,
                                   evidence=f"{evidence}, program {program}" if program else evidence))
    return out


_SCHEDULE = re.compile(r"\bSchedule\s+(\d+)\b")


def _schedule_kind(row: dict, membership) -> str | None:
    """A list whose schedules mean different measures (Canada): the schedule decides the kind."""
    found = _SCHEDULE.search(membership.authority or "")
    return row.get("schedule_kinds", {}).get(found.group(1)) if found else None


# --- directive determinations and other facts ------------------------------------------------
_SUBJECT = re.compile(
    r"(?:executive order|eo)\s*(\d{5})\s+directive\s+(?:determination|information)\W*"
    r"subject to directive\s+(\w+)", re.IGNORECASE)
_EFFECTIVE = re.compile(r"effective date \((?:eo|executive order)\s*(\d{5}) directive (\w+)\)", re.IGNORECASE)


def _facts_text(entity: Entity) -> list[tuple[str, str]]:
    """(label, value) pairs from typed facts plus the raw remarks (a legacy CSV parser may leave
    facts only there); duplicates are removed by the callers."""
    pairs = [(label, value) for label, values in entity.sanction_facts.items() for value in values]
    if entity.remarks:
        # Legacy CSV remarks are "Label value; Label value; …"; labels end in ":" or " -" or not at all.
        for part in entity.remarks.split(";"):
            part = part.strip()
            if part:
                pairs.append(("", part))
    return pairs


def _directive_key(order: str, number: str) -> str:
    return f"EO{order}-{number.upper()}"


def _directive_restrictions(entity: Entity) -> list[Restriction]:
    from raqib.rules.sectoral import directive_table  # sectoral imports this module

    subjects: dict[str, str] = {}
    effective: dict[str, date] = {}
    for label, value in _facts_text(entity):
        text = f"{label} {value}"
        for order, number in _SUBJECT.findall(text):
            subjects.setdefault(_directive_key(order, number), f"{label} {value}".strip()[:200])
        match = _EFFECTIVE.search(label) or _EFFECTIVE.search(value)
        if match:
            when = parse_published_date(value.split(":")[-1]) or parse_published_date(value)
            if when:
                effective[_directive_key(*match.groups())] = when
    out = []
    for key, evidence in sorted(subjects.items()):
        directive = directive_table().get(key)
        if directive is None:
            out.append(Restriction(Kind.SECTORAL, None, "US", f"{key}: directive not in directives.yml",
                                   effective.get(key), scope=key, evidence=evidence))
            continue
        start = effective.get(key)
        note = "" if start else f" (entry publishes no effective date; directive date {directive.issued} used)"
        out.append(Restriction(Kind.SECTORAL, directive.program, "US", directive.authority,
                               start or directive.issued, scope=key, evidence=evidence + note))
    return out


def _fact_restrictions(entity: Entity) -> list[Restriction]:
    out: list[Restriction] = []
    seen: set[tuple[Kind, str]] = set()
    for label, value in _facts_text(entity):
        kind, authority = None, value
        if label:
            kind = _fact_kinds().get(_fact_key(label))
        else:  # a remark: "Secondary sanctions risk: See Section 11 of Executive Order 14024."
            for fact, fact_kind in _fact_kinds().items():
                if value.casefold().startswith(fact):
                    kind, authority = fact_kind, value[len(fact):].lstrip(" -:")
                    label = value[: len(fact)]
                    break
        if kind is None or (kind, authority) in seen:
            continue
        seen.add((kind, authority))
        out.append(Restriction(kind, None, "US", authority, scope=_fact_key(label), evidence=f"{label.strip()}: {value}"))
    return out


def restrictions_for(entity: Entity, *, include_lsp: bool = True) -> list[Restriction]:
    """Every restriction the entity's list data carries (not filtered by date)."""
    from raqib.rules.lsp import lsp_restrictions

    directives = _directive_restrictions(entity)
    memberships = [
        r for r in _membership_restrictions(entity)
        # OFAC prints every directive determination on the entry: once they are known, a
        # program-level SECTORAL row (which cannot say what is prohibited) adds nothing.
        if not (r.kind == Kind.SECTORAL and directives)
    ]
    out = memberships + directives + _fact_restrictions(entity)
    if include_lsp:
        out += lsp_restrictions(n.value for n in entity.names)
    unique: dict[tuple, Restriction] = {}
    for r in out:
        unique.setdefault((r.kind, r.program, r.regime, r.scope, r.authority), r)
    return list(unique.values())
