"""The set of list entities a matcher screens against, loaded with Raqib's own parsers."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from raqib.model import Entity, Name, NameQuality
from raqib.text.scripts import detect_script

from benchmarks.normalize import name_key

# The screening universe: OFAC alone, so that the cross-script queries taken from the UN, UK and
# Canadian lists can only succeed by transliterating to OFAC's Latin spellings.
SCREENING = ("ofac_sdn@2023-12-28", "ofac_consolidated@2026-01-08")
# Lists that feed queries (cross-script names) and the "is this clean name listed?" check.
QUERY_SOURCES = ("un@2025-12-10", "uk_ofsi@2023-06-05", "canada@2025-03-20")

SCHEMA_KINDS = {"Person": "person", "Organization": "organization", "Vessel": "vessel"}


def split_label(label: str) -> tuple[str, str]:
    source, _, version = label.partition("@")
    if not version:
        raise ValueError(f"list label {label!r} must be <source>@<version>")
    return source, version


def load_entities(lists_dir: Path, labels: tuple[str, ...] | list[str]) -> list[Entity]:
    """Parse each publication and merge records that share an id (an entry on two OFAC lists)."""
    from raqib.sources.registry import parse_folder  # parsers are only needed by the main process

    merged: dict[str, Entity] = {}
    for label in labels:
        source, version = split_label(label)
        for entity in parse_folder(source, lists_dir / source / version).entities:
            merged[entity.id] = merged[entity.id].merge(entity) if entity.id in merged else entity
    return list(merged.values())


def is_latin(name: Name) -> bool:
    return (name.script or detect_script(name.value)) in ("Latn", None)


def strong_latin_names(entity: Entity) -> list[Name]:
    return [n for n in entity.names if n.quality == NameQuality.STRONG and is_latin(n)]


@dataclass
class Universe:
    labels: tuple[str, ...]
    entities: list[Entity]
    by_id: dict[str, Entity] = field(init=False)
    by_key: dict[str, set[str]] = field(init=False)  # normalised name key -> entity ids

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}
        self.by_key = defaultdict(set)
        for entity in self.entities:
            for name in entity.names:
                self.by_key[name_key(name.value)].add(entity.id)

    def stats(self) -> dict[str, object]:
        return {
            "lists": list(self.labels),
            "entities": len(self.entities),
            "names": sum(len(e.names) for e in self.entities),
            "by_schema": dict(Counter(str(e.schema) for e in self.entities)),
        }

    def dump(self, path: Path) -> None:
        """JSON lines, so a matcher in another virtualenv can load the same entities."""
        with path.open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"labels": list(self.labels)}) + "\n")
            for entity in self.entities:
                fh.write(json.dumps(entity.to_dict(), ensure_ascii=False) + "\n")


def read_dump(path: Path) -> tuple[tuple[str, ...], list[Entity]]:
    with path.open(encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        return tuple(header["labels"]), [Entity.from_dict(json.loads(line)) for line in fh]
