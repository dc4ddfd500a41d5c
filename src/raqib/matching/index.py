"""The compiled screening index: analysed list names, rarity statistics and an inverted index.

Built once from entities (``MatchIndex.build``), pickled to disk and loaded in well under a second.
Candidate generation looks up each query part by its canonical key and consonant skeleton (and
joined pairs of parts), so a reordered, re-spelled or cross-script query reaches its entity while
only a few dozen list names are scored in full.
"""

from __future__ import annotations

import heapq
import json
import pickle
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from raqib.matching.align import idf
from raqib.matching.identifiers import STRONG_TYPES, normalize_identifier
from raqib.model import Entity, NameQuality
from raqib.text.normalize import NameInputError
from raqib.text.parts import NamePart, PartKind, analyse_name
from raqib.text.phonetic import skeleton

FORMAT_VERSION = 1
_RETRIEVAL_KINDS = (PartKind.NAME, PartKind.NUMBER, PartKind.PATRONYMIC)


@dataclass(slots=True)
class ListedName:
    entity: int  # index into MatchIndex.entities
    value: str
    script: str | None
    quality: str
    kind: str
    parts: tuple[NamePart, ...]


@dataclass(slots=True)
class EntityFacts:
    """What the scorer needs of an entity, kept compact; the full record is loaded on a hit."""

    id: str
    schema: str
    caption: str
    birth_dates: tuple[tuple[str, str | None, bool], ...]  # (value, until, circa)
    countries: frozenset[str]
    gender: str | None
    identifiers: tuple[tuple[str, str], ...]  # (IdType value, normalised value)
    programs: tuple[str, ...]
    lists: tuple[str, ...]


def part_keys(parts: tuple[NamePart, ...]) -> set[str]:
    """Index keys of a name: canonical keys and skeletons of its parts and of adjacent pairs."""
    keys: set[str] = set()
    core = [p for p in parts if p.kind in _RETRIEVAL_KINDS] or list(parts)
    for part in core:
        keys.add("k:" + part.key)
        keys.update("k:" + f for f in part.forms)
        keys.update("s:" + s for s in part.skeletons if len(s) >= 2)
    for a, b in zip(core, core[1:]):
        joined = a.forms[0] + b.forms[0]
        keys.add("k:" + joined)
        keys.add("s:" + skeleton(joined))
    return keys


def single_keys(part: NamePart) -> set[str]:
    """Keys of one part alone, and of the part split in two (``Alhouri`` → ``houri``)."""
    keys = {"k:" + part.key, *("k:" + f for f in part.forms), *("s:" + s for s in part.skeletons if len(s) >= 2)}
    return keys


@dataclass
class MatchIndex:
    names: list[ListedName] = field(default_factory=list)
    entities: list[EntityFacts] = field(default_factory=list)
    entity_json: list[str] = field(default_factory=list)
    postings: dict[str, array] = field(default_factory=dict)
    key_df: dict[str, int] = field(default_factory=dict)  # part key -> number of list names with it
    identifier_postings: dict[str, list[int]] = field(default_factory=dict)  # normalised id -> entities
    versions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name_count(self) -> int:
        return len(self.names)

    # --- build ---------------------------------------------------------------------------------
    @classmethod
    def build(cls, entities: Iterable[Entity], versions: Iterable[str] = ()) -> "MatchIndex":
        index = cls(versions=list(versions))
        postings: dict[str, list[int]] = defaultdict(list)
        key_df: dict[str, int] = defaultdict(int)
        interned: dict[NamePart, NamePart] = {}
        for entity in entities:
            eid = len(index.entities)
            index.entities.append(_facts(entity))
            index.entity_json.append(json.dumps(entity.to_dict(), ensure_ascii=False))
            for ident in entity.identifiers:
                if ident.type in STRONG_TYPES and ident.value:
                    norm = normalize_identifier(ident.type, ident.value)
                    if norm:
                        index.identifier_postings.setdefault(norm, []).append(eid)
            seen: set[str] = set()
            for name in entity.names:
                if name.value in seen:
                    continue
                seen.add(name.value)
                try:
                    parts = analyse_name(name.value)
                except NameInputError as exc:
                    index.warnings.append(f"{entity.id}: name {name.value!r} skipped: {exc}")
                    continue
                parts = tuple(interned.setdefault(p, p) for p in parts)
                nid = len(index.names)
                index.names.append(
                    ListedName(eid, name.value, name.script, str(name.quality), str(name.kind), parts)
                )
                for key in part_keys(parts):
                    postings[key].append(nid)
                for key in {p.key for p in parts}:
                    key_df[key] += 1
        index.postings = {k: array("i", v) for k, v in postings.items()}
        index.key_df = dict(key_df)
        return index

    # --- persistence ---------------------------------------------------------------------------
    # Saved as plain tuples and one flat postings array: unpickling ~100k small objects is what
    # makes a naive pickle slow, so objects are rebuilt from primitives on load.
    def save(self, path: Path) -> None:
        parts: dict[NamePart, int] = {}
        names = []
        for n in self.names:
            ids = tuple(parts.setdefault(p, len(parts)) for p in n.parts)
            names.append((n.entity, n.value, n.script, n.quality, n.kind, ids))
        part_rows = [(p.original, p.forms, p.key, p.skeletons, str(p.kind), p.script) for p in parts]
        keys = list(self.postings)
        flat, offsets = array("i"), array("q", [0])
        for key in keys:
            flat.extend(self.postings[key])
            offsets.append(len(flat))
        state = {
            "format": FORMAT_VERSION,
            "parts": part_rows,
            "names": names,
            "entities": [astuple_facts(f) for f in self.entities],
            "entity_json": self.entity_json,
            "keys": keys,
            "flat": flat.tobytes(),
            "offsets": offsets.tobytes(),
            "key_df": self.key_df,
            "identifier_postings": self.identifier_postings,
            "versions": self.versions,
            "warnings": self.warnings,
        }
        with Path(path).open("wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path) -> "MatchIndex":
        try:
            with Path(path).open("rb") as handle:
                state = pickle.load(handle)
        except (pickle.UnpicklingError, EOFError) as exc:
            raise ValueError(f"{path}: not a raqib match index ({exc})") from exc
        if not isinstance(state, dict) or state.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: not a raqib match index of format {FORMAT_VERSION}")
        kinds = {str(k): k for k in PartKind}
        parts = [NamePart(o, f, k, s, kinds[kind], sc) for o, f, k, s, kind, sc in state["parts"]]
        names = [ListedName(e, v, sc, q, k, tuple(parts[i] for i in ids)) for e, v, sc, q, k, ids in state["names"]]
        flat, offsets = array("i"), array("q")
        flat.frombytes(state["flat"])
        offsets.frombytes(state["offsets"])
        return cls(
            names=names,
            entities=_LazyFacts(state["entities"]),  # type: ignore[arg-type]
            entity_json=state["entity_json"],
            postings=_FlatPostings(state["keys"], flat, offsets),  # type: ignore[arg-type]
            key_df=state["key_df"],
            identifier_postings=state["identifier_postings"],
            versions=state["versions"],
            warnings=state["warnings"],
        )

    # --- lookups -------------------------------------------------------------------------------
    def entity(self, eid: int) -> Entity:
        return Entity.from_dict(json.loads(self.entity_json[eid]))

    def part_idf(self, part: NamePart) -> float:
        """Rarity of a part among list names; romanisations never seen are judged by skeleton."""
        df = self.key_df.get(part.key)
        if df is None and part.script not in (None, "Latn"):
            df = max((len(self.postings.get("s:" + s, ())) for s in part.skeletons), default=0)
        return idf(df or 0, len(self.names))

    def candidates(self, parts: tuple[NamePart, ...], limit: int, posting_cap: int) -> list[int]:
        """List names sharing the most distinctive keys with the query, best first."""
        scores: dict[int, float] = defaultdict(float)
        total = len(self.names)
        common: list[tuple[int, str]] = []
        by_part: list[set[str]] = [single_keys(p) for p in parts if p.kind in _RETRIEVAL_KINDS]
        by_part.append(part_keys(parts) - set().union(*by_part) if by_part else part_keys(parts))
        for keys in by_part:
            # One vote per query part: its rarest key that is not too common.
            best: dict[int, float] = {}
            for key in keys:
                posting = self.postings.get(key)
                if posting is None:
                    continue
                if len(posting) > posting_cap:
                    common.append((len(posting), key))
                    continue
                weight = idf(len(posting), total) + 0.01  # a key shared by every name still votes
                for nid in posting:
                    if best.get(nid, 0.0) < weight:
                        best[nid] = weight
            for nid, weight in best.items():
                scores[nid] += weight
        if not scores and common:
            # Only common keys (e.g. "Muhammad Ali"): names carrying the two rarest of them.
            common.sort()
            sets = [set(self.postings[k]) for _, k in common[:2]]
            hits = set.intersection(*sets) if len(sets) > 1 else sets[0]
            return sorted(hits)[:limit]
        return heapq.nlargest(limit, scores, key=scores.__getitem__)


class _FlatPostings:
    """Read-only postings over one flat array (what ``load`` gives: no per-key objects to build)."""

    def __init__(self, keys: list[str], flat: array, offsets: array):
        self._pos = dict(zip(keys, range(len(keys))))
        self._view, self._offsets = memoryview(flat), offsets

    def get(self, key: str, default=None):
        i = self._pos.get(key)
        return default if i is None else self._view[self._offsets[i] : self._offsets[i + 1]]

    def __getitem__(self, key: str):
        i = self._pos[key]
        return self._view[self._offsets[i] : self._offsets[i + 1]]

    def __iter__(self):
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


class _LazyFacts(list):
    """Entity facts rebuilt from saved rows on first access."""

    def __init__(self, rows: list[tuple]):
        super().__init__([None] * len(rows))
        self._rows = rows

    def __getitem__(self, i):  # type: ignore[override]
        value = super().__getitem__(i)
        if value is None:
            value = EntityFacts(*self._rows[i])
            self[i] = value
        return value

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def astuple_facts(facts: EntityFacts) -> tuple:
    return (facts.id, facts.schema, facts.caption, facts.birth_dates, facts.countries, facts.gender,
            facts.identifiers, facts.programs, facts.lists)


def _facts(entity: Entity) -> EntityFacts:
    return EntityFacts(
        id=entity.id,
        schema=str(entity.schema),
        caption=entity.caption,
        birth_dates=tuple((d.value, d.until, d.circa) for d in entity.birth_dates),
        countries=frozenset(entity.nationalities) | frozenset(entity.citizenships) | frozenset(entity.countries),
        gender=entity.gender,
        identifiers=tuple(
            (str(i.type), normalize_identifier(i.type, i.value)) for i in entity.identifiers if i.type in STRONG_TYPES
        ),
        programs=tuple(entity.programs),
        lists=tuple(dict.fromkeys(m.list for m in entity.lists)),
    )


__all__ = ["MatchIndex", "ListedName", "EntityFacts", "NameQuality"]
