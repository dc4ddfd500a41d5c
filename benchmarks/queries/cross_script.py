"""Cross-script queries: a non-Latin name from another list (or a PEP registry) whose person is on
the OFAC list. OFAC publishes Latin spellings only, so the query's string is absent from the
screening universe and only transliteration can find the entry.

Linkage (how we know it is the same person): a Latin name of the source record has the same
normalised key as an OFAC name, the schema agrees, and for persons a birth date agrees (one date
equal to, or a more precise form of, the other). Organisations need a single OFAC candidate.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from raqib.model import DateValue, Entity, ParseError, Schema
from raqib.text.scripts import detect_script

from benchmarks.normalize import name_key
from benchmarks.records import CROSS_SCRIPT, BenchQuery
from benchmarks.universe import SCHEMA_KINDS, Universe, is_latin

LINKABLE = (Schema.PERSON, Schema.ORGANIZATION)
_DOB = re.compile(r"^(?:(?:(\d{2})\.)?(\d{2})\.)?(\d{4})$")  # YYYY, MM.YYYY, DD.MM.YYYY
_DAY_MONTH = re.compile(r"^\d{2}\.\d{2}$")


@dataclass
class Linkage:
    """How many source records were linked to OFAC, per source (reported with the results)."""

    records: Counter = field(default_factory=Counter)  # source -> records with a non-Latin name
    linked: Counter = field(default_factory=Counter)  # source -> records linked to an OFAC entry
    queries: Counter = field(default_factory=Counter)  # source -> queries kept
    dropped_present: Counter = field(default_factory=Counter)  # non-Latin string already in OFAC

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {s: {"records_with_non_latin_names": self.records[s], "linked_to_ofac": self.linked[s],
                    "queries": self.queries[s], "dropped_string_in_universe": self.dropped_present[s]}
                for s in sorted(self.records)}


def dates_agree(left: list[DateValue], right: list[DateValue]) -> bool:
    return any(a.value.startswith(b.value) or b.value.startswith(a.value) for a in left for b in right)


def link(schema: Schema, latin_names: list[str], birth_dates: list[DateValue], ofac: Universe) -> tuple[str, ...]:
    ids = {i for n in latin_names for i in ofac.by_key.get(name_key(n), ())}
    found = sorted(i for i in ids if ofac.by_id[i].schema == schema)
    if schema == Schema.PERSON:
        return tuple(i for i in found if dates_agree(birth_dates, ofac.by_id[i].birth_dates))
    return tuple(found) if len(found) == 1 else ()


def _query(source: str, n: int, text: str, schema: Schema, expected: tuple[str, ...], origin: str) -> BenchQuery:
    return BenchQuery(
        qid=f"xs:{source}:{n}",
        text=text,
        schema=SCHEMA_KINDS[str(schema)],
        category=CROSS_SCRIPT,
        variant=source,
        script=detect_script(text) or "Zyyy",
        expected=expected,
        origin=origin,
    )


def from_list(source: str, entities: list[Entity], ofac: Universe, linkage: Linkage,
              scripts: frozenset[str] | None = None) -> list[BenchQuery]:
    """Queries from one list's non-Latin names (``scripts`` restricts them, e.g. Canada's Cyrillic)."""
    queries: list[BenchQuery] = []
    for entity in sorted(entities, key=lambda e: e.id):
        if entity.schema not in LINKABLE:
            continue
        native = [n.value for n in entity.names if not is_latin(n)
                  and (scripts is None or detect_script(n.value) in scripts)]
        if not native:
            continue
        linkage.records[source] += 1
        expected = link(entity.schema, [n.value for n in entity.names if is_latin(n)], entity.birth_dates, ofac)
        if not expected:
            continue
        linkage.linked[source] += 1
        for text in dict.fromkeys(native):
            if name_key(text) in ofac.by_key:
                linkage.dropped_present[source] += 1
                continue
            queries.append(_query(source, len(queries), text, entity.schema, expected, entity.id))
    return queries


def from_pep_registry(path: Path, ofac: Universe, linkage: Linkage) -> list[BenchQuery]:
    """Russian PEPs (Cyrillic + Latin name, DOB ``DD.MM.YYYY``) who are on the OFAC list."""
    source = "ru_pep"
    queries: list[BenchQuery] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            cyrillic, latin, dob = row["NAME_RU"].strip(), row["NAME_EN"].strip(), row["DOB"].strip()
            if not cyrillic:
                continue
            linkage.records[source] += 1
            if not dob:
                continue
            if _DAY_MONTH.match(dob):  # no year: cannot confirm the person
                continue
            date = _DOB.match(dob)
            if date is None:
                raise ParseError(str(path), f"line {reader.line_num}", f"DOB {dob!r} is not [[DD.]MM.]YYYY")
            day, month, year = date.groups()
            iso = "-".join(p for p in (year, month, day) if p)
            expected = link(Schema.PERSON, [latin], [DateValue(iso)], ofac)
            if not expected:
                continue
            linkage.linked[source] += 1
            if name_key(cyrillic) in ofac.by_key:
                linkage.dropped_present[source] += 1
                continue
            queries.append(_query(source, len(queries), cyrillic, Schema.PERSON, expected, f"line {reader.line_num}"))
    return queries


def cap(queries: list[BenchQuery], limit: int, seed: int, source: str) -> list[BenchQuery]:
    if len(queries) <= limit:
        return queries
    rng = random.Random(f"{seed}:xs:{source}")
    return sorted(rng.sample(queries, limit), key=lambda q: q.qid)


def build_cross_script(ofac: Universe, sources: dict[str, list[Entity]], pep_csv: Path,
                       per_source: int, seed: int) -> tuple[list[BenchQuery], Linkage]:
    """``sources`` maps a source id (``un``, ``uk_ofsi``, ``canada``) to its parsed entities."""
    linkage = Linkage()
    queries: list[BenchQuery] = []
    for source, entities in sorted(sources.items()):
        scripts = frozenset({"Cyrl"}) if source == "canada" else None
        queries += cap(from_list(source, entities, ofac, linkage, scripts), per_source, seed, source)
    queries += cap(from_pep_registry(pep_csv, ofac, linkage), per_source, seed, "ru_pep")
    for q in queries:
        linkage.queries[q.variant] += 1
    return queries, linkage
