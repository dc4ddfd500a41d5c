"""Canada Consolidated Autonomous Sanctions List (``sema-lmes.xml``) -> entities ``ca:…``.

Each ``record`` is one schedule item of one regulation. The file has no record identifier, so the
id is derived from what identifies an item in the regulation itself:
``ca:<program code>:<schedule>:<item>`` (e.g. ``ca:russia:1part1:23``). Program codes are
``data/canada_programs.yml``. Canada renumbers items only when it amends a schedule; such an
amendment shows up as a removal plus an addition.

``Aliases`` is free text mixing separators (``;`` ``,`` ``/`` ``or``) and language labels
("Russian: …"); ``split_aliases`` turns it into separate names (rules in ``data/canada_aliases.yml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from raqib.model import DateValue, Entity, Identifier, IdType, ListMembership, Name, NameKind, Schema
from raqib.sources import ParsedList
from raqib.sources.dates import PARTIAL_ISO
from raqib.sources.tables import load_table
from raqib.sources.values import collapse
from raqib.sources.xml_stream import Diagnostics, read_tree
from raqib.text.scripts import detect_script

FILE_NAME = "sema-lmes.xml"
SOURCE, LIST_LABEL = "canada", "CA"
_YEAR_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")
_OR = re.compile(r"\s+or\s+", re.IGNORECASE)
_SLASH = re.compile(r"(?<!\d)\s*/\s*(?!\d)")
_EDGE = " \t\n,;:"
_QUOTES = "\"'“”«»„"


# --- data tables ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _programs() -> dict[str, dict[str, str]]:
    return load_table("canada_programs.yml")


@lru_cache(maxsize=1)
def _alias_rules() -> tuple[re.Pattern[str], dict[str, str], set[str]]:
    table = load_table("canada_aliases.yml")
    labels = table["language_labels"]
    label_re = re.compile(r"(?:^|[,;(]|\s)\s*(" + "|".join(map(re.escape, labels)) + r")\s*:\s*")
    return label_re, labels, set(table["legal_forms"])


# --- pure text helpers ---------------------------------------------------------------------
def _trim(text: str) -> str:
    """Strip separators, quotes and brackets left unbalanced by splitting."""
    text = text.strip(_EDGE)
    # A quote left alone at an edge by splitting ("НПО Стрела”"); balanced quotes stay.
    if sum(text.count(q) for q in _QUOTES) % 2 and text and (text[0] in _QUOTES or text[-1] in _QUOTES):
        text = (text[1:] if text[0] in _QUOTES else text[:-1]).strip(_EDGE)
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip(_EDGE)
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip(_EDGE)
    return text


def expand_alternatives(text: str) -> list[str]:
    """``"Katsiaryna or Katerina Smuschkovich"`` -> both full names; ``"Ivan Petrov or Petrova"``
    -> ``["Ivan Petrov", "Ivan Petrova"]``. A one-word option replaces the matching word of the
    longest option (the first word if it comes before it, else the last)."""
    options = [o.split() for o in _OR.split(text) if o.strip()]
    if len(options) < 2:
        return [" ".join(o) for o in options]
    full_index = max(range(len(options)), key=lambda i: len(options[i]))
    full = options[full_index]
    names = []
    for index, option in enumerate(options):
        if len(option) == 1 and len(full) > 1:
            option = option + full[1:] if index < full_index else full[:-1] + option
        names.append(" ".join(option))
    return names


def _split_commas(text: str, legal_forms: set[str]) -> list[str]:
    pieces: list[str] = []
    for piece in text.split(","):
        if pieces and piece.strip() in legal_forms:
            pieces[-1] = f"{pieces[-1]},{piece}"  # "М Инвест, ООО" is one name
        else:
            pieces.append(piece)
    return pieces


def split_aliases(text: str) -> list[tuple[str, str | None]]:
    """The SEMA ``Aliases`` text -> ``[(name, ISO 639-1 language or None), …]``."""
    label_re, labels, legal_forms = _alias_rules()
    text = collapse(text)
    text = re.sub(r",\s+or\s+", " or ", text)
    # Segments after "Russian:" etc. carry that language until the next label.
    pieces = label_re.split(text)
    segments = [(pieces[0], None)] + [(pieces[i + 1], labels[pieces[i]]) for i in range(1, len(pieces) - 1, 2)]
    names: list[tuple[str, str | None]] = []
    for segment, lang in segments:
        for part in segment.split(";"):
            for piece in _split_commas(part, legal_forms):
                # "/" separates alternatives exactly like "or" ("Aleksandr/ Alexander … Karnienko").
                for name in expand_alternatives(_SLASH.sub(" or ", _trim(piece))):
                    name = _trim(name)
                    if name and (name, lang) not in names:
                        names.append((name, lang))
    return names


def parse_dates(text: str) -> tuple[list[DateValue], bool]:
    """``"1963 or 1964"``, ``"1963-1964"``, ``"1972-08-10"`` -> dates; the flag says all was understood."""
    dates, understood = [], True
    for piece in _OR.split(text.strip()):
        piece = piece.strip()
        if PARTIAL_ISO.fullmatch(piece):
            dates.append(DateValue(piece))
        elif match := _YEAR_RANGE.fullmatch(piece):
            dates.append(DateValue(match[1], until=match[2]))
        elif piece:
            understood = False
    return dates, understood


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z.]+", "", text.lower())


def _text(el: etree._Element, tag: str) -> str | None:
    return collapse(el.findtext(tag)) or None


class _Reader(Diagnostics):
    def program(self, el: etree._Element, country: str) -> dict[str, str]:
        english = country.split(" / ")[0].strip()
        known = _programs().get(english)
        if known is None:
            self.warn(el, f"Country {country!r} is not in canada_programs.yml")
            return {"program": english, "code": _slug(english), "regulation": english}
        return known

    def entity(self, el: etree._Element) -> Entity:
        country, item = _text(el, "Country"), _text(el, "Item")
        if not country or not item:
            raise self.fail(el, "record needs Country and Item")
        schedule = _text(el, "Schedule")
        program = self.program(el, country)
        given, last = _text(el, "GivenName"), _text(el, "LastName")
        entity_name, imo = _text(el, "EntityOrShip"), _text(el, "ShipIMONumber")
        given, last, entity_name = (_trim(v) if v else None for v in (given, last, entity_name))
        if given or last:
            schema, primary = Schema.PERSON, " ".join(v for v in (given, last) if v)
        elif entity_name:
            schema, primary = (Schema.VESSEL if imo else Schema.ORGANIZATION), entity_name
        else:
            raise self.fail(el, "record has no GivenName/LastName or EntityOrShip")
        entity = Entity(id=f"ca:{program['code']}:{_slug(schedule or '') or '-'}:{item}", schema=schema)
        parts = {k: v for k, v in (("first", given), ("last", last)) if v} if given and last else None
        entity.names.append(Name(primary, script=detect_script(primary), parts=parts))
        if aliases := el.findtext("Aliases"):
            for name, lang in split_aliases(aliases):
                if name != primary:
                    entity.names.append(Name(name, NameKind.AKA, script=detect_script(name), lang=lang))
        authority = f"{program['regulation']}, Schedule {schedule}" if schedule else program["regulation"]
        listed_on = _text(el, "DateOfListing")
        if listed_on and not PARTIAL_ISO.fullmatch(listed_on):
            self.warn(el, f"DateOfListing {listed_on!r} is not an ISO date")
            listed_on = None
        entity.lists = [ListMembership(SOURCE, LIST_LABEL, [program["program"]], listed_on, authority)]
        title = _text(el, "TitleOrShip")
        if title and schema == Schema.VESSEL:
            entity.details["type"] = title
        elif title:
            entity.titles.append(title)
        if imo:
            entity.identifiers.append(Identifier(IdType.IMO, imo, label="ShipIMONumber"))
        if date := _text(el, "DateOfBirthOrShipBuildDate"):
            self.date(el, entity, date)
        return entity

    def date(self, el: etree._Element, entity: Entity, text: str) -> None:
        if entity.schema != Schema.PERSON:
            # For ships the field is the build date; kept as published.
            entity.details["build_date" if entity.schema == Schema.VESSEL else "date"] = text
            return
        dates, understood = parse_dates(text)
        entity.birth_dates.extend(dates)
        if not understood:
            self.warn(el, f"DateOfBirthOrShipBuildDate {text!r} not fully understood")


def parse(files: dict[str, Path]) -> ParsedList:
    path = Path(files[FILE_NAME])
    root = read_tree(path, "data-set", huge_tree=False)
    reader = _Reader(path)
    entities: dict[str, Entity] = {}
    for record in root.iterfind("record"):
        entity = reader.entity(record)
        if entity.id in entities:
            raise reader.fail(record, f"Country/Schedule/Item repeats an earlier record ({entity.id})")
        entities[entity.id] = entity
    return ParsedList(list(entities.values()), warnings=reader.warnings)
