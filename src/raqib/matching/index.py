"""The compiled screening index: analysed list names, rarity statistics and an inverted index.

Built once from entities (``MatchIndex.build``), pickled to disk and loaded in well under a second.
The inverted index (``vocabulary.Vocabulary``) maps each part's canonical key, spellings and
consonant skeleton (and those of adjacent pairs of parts) to the list names carrying them;
``candidates.CandidateFinder`` uses it so a reordered, re-spelled, typo'd, truncated or
cross-script query reaches its entity while only a few list names are scored in full.
"""

from __future__ import annotations

import gc
import json
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np

from raqib.matching.align import idf
from raqib.matching.candidates import core_parts, is_latin, part_weight
from raqib.matching.config import DEFAULT_CONFIG
from raqib.matching.identifiers import STRONG_TYPES, normalize_identifier
from raqib.matching.vocabulary import FORM, INITIAL, SKELETON, Vocabulary
from raqib.model import Entity, NameQuality
from raqib.text.normalize import NameInputError
from raqib.text.parts import NamePart, PartKind, analyse_name
from raqib.text.phonetic import skeleton

FORMAT_VERSION = 2
TYPO_MIN_LENGTH = 4  # spellings shorter than this get no typo neighbourhood (Kim/Kil, Un/Hun)
_NO_TYPOS = (PartKind.NUMBER, PartKind.INITIAL)


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


_INITIALLED = (PartKind.NAME, PartKind.TITLE)


def part_keys(parts: tuple[NamePart, ...]) -> set[str]:
    """Index keys of a name: canonical keys, skeletons and initials of its parts; keys of adjacent pairs."""
    keys: set[str] = set()
    core = core_parts(parts)
    for part in core:
        keys.add(FORM + part.key)
        keys.update(FORM + f for f in part.forms)
        keys.update(SKELETON + s for s in part.skeletons if len(s) >= 2)
        if part.kind in _INITIALLED and part.forms[0][:1].isalpha():  # H. ~ Haji, as ~ Hamid
            keys.add(INITIAL + part.forms[0][0])
    # Initials on the list side (RI, T. C.; G AND S DIAMOND) answer a query's initials and names.
    keys.update(INITIAL + p.forms[0] for p in parts if p.kind == PartKind.INITIAL)
    for a, b in zip(core, core[1:]):
        joined = a.forms[0] + b.forms[0]
        keys.add(FORM + joined)
        keys.add(SKELETON + skeleton(joined))
    return keys


@dataclass
class MatchIndex:
    names: list[ListedName] = field(default_factory=list)
    entities: list[EntityFacts] = field(default_factory=list)
    entity_json: list[str] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    key_df: dict[str, int] = field(default_factory=dict)  # part key -> number of list names with it
    identifier_postings: dict[str, list[int]] = field(default_factory=dict)  # normalised id -> entities
    versions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    name_entity: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # name -> entity
    # name -> id of its analysed form: one name on several lists (UN, UK, OFAC …) is aligned once
    name_shape: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    name_latin: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # written in Latin script
    name_weight: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))  # summed part weight

    @property
    def name_count(self) -> int:
        return len(self.names)

    @property
    def postings(self) -> Vocabulary:
        """Index key (``k:``/``s:`` namespaced) → sorted list-name ids."""
        assert self.vocabulary is not None
        return self.vocabulary

    # --- build ---------------------------------------------------------------------------------
    @classmethod
    def build(cls, entities: Iterable[Entity], versions: Iterable[str] = ()) -> "MatchIndex":
        index = cls(versions=list(versions))
        postings: dict[str, list[int]] = defaultdict(list)
        key_df: dict[str, int] = defaultdict(int)
        interned: dict[NamePart, NamePart] = {}
        spellings: set[str] = set()
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
                spellings.update(f for p in core_parts(parts) if p.kind not in _NO_TYPOS for f in p.forms)
        index.key_df = dict(key_df)
        total = len(index.names)
        index.vocabulary = Vocabulary.build(postings, total, spellings, TYPO_MIN_LENGTH)
        index.name_entity = np.array([n.entity for n in index.names], dtype=np.int32)
        index.name_shape = _shapes(n.parts for n in index.names)
        index.name_latin = np.array([is_latin(n.parts) for n in index.names], dtype=bool)
        # Summed part weights under the default configuration: only used to rank candidates.
        cap = idf(DEFAULT_CONFIG["rarity_cap_df"], total)
        index.name_weight = np.array(
            [sum(part_weight(p.kind, idf(key_df[p.key], total), cap, DEFAULT_CONFIG) for p in n.parts)
             for n in index.names],
            dtype=np.float32,
        )
        return index

    # --- persistence ---------------------------------------------------------------------------
    # Saved as plain tuples and flat arrays: unpickling ~100k small objects is what makes a naive
    # pickle slow, so objects are rebuilt from primitives on load.
    def save(self, path: Path) -> None:
        assert self.vocabulary is not None
        parts: dict[NamePart, int] = {}
        names = []
        for n in self.names:
            ids = tuple(parts.setdefault(p, len(parts)) for p in n.parts)
            names.append((n.entity, n.value, n.script, n.quality, n.kind, ids))
        part_rows = [(p.original, p.forms, p.key, p.skeletons, str(p.kind), p.script) for p in parts]
        state = {
            "format": FORMAT_VERSION,
            "parts": part_rows,
            "names": names,
            "entities": [astuple_facts(f) for f in self.entities],
            "entity_json": self.entity_json,
            "vocabulary": self.vocabulary.state(),
            "name_weight": self.name_weight.tobytes(),
            "name_latin": self.name_latin.tobytes(),
            "key_df": self.key_df,
            "identifier_postings": self.identifier_postings,
            "versions": self.versions,
            "warnings": self.warnings,
        }
        with Path(path).open("wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path) -> "MatchIndex":
        # Loading makes ~10^5 objects none of which is garbage: cyclic GC passes would only cost time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._load(path)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _load(cls, path: Path) -> "MatchIndex":
        try:
            with Path(path).open("rb") as handle:
                state = pickle.load(handle)
        except (pickle.UnpicklingError, EOFError) as exc:
            raise ValueError(f"{path}: not a raqib match index ({exc})") from exc
        if not isinstance(state, dict) or state.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: not a raqib match index of format {FORMAT_VERSION} (rebuild it)")
        kinds = {str(k): k for k in PartKind}
        parts = [NamePart(o, f, k, s, kinds[kind], sc) for o, f, k, s, kind, sc in state["parts"]]
        names = [ListedName(e, v, sc, q, k, tuple(parts[i] for i in ids)) for e, v, sc, q, k, ids in state["names"]]
        return cls(
            names=names,
            entities=_LazyFacts(state["entities"]),  # type: ignore[arg-type]
            entity_json=state["entity_json"],
            vocabulary=Vocabulary.from_state(state["vocabulary"], len(names)),
            key_df=state["key_df"],
            identifier_postings=state["identifier_postings"],
            versions=state["versions"],
            warnings=state["warnings"],
            name_entity=np.array([n[0] for n in state["names"]], dtype=np.int32),
            name_shape=_shapes(n[5] for n in state["names"]),
            name_latin=np.frombuffer(state["name_latin"], dtype=bool),
            name_weight=np.frombuffer(state["name_weight"], dtype=np.float32),
        )

    # --- lookups -------------------------------------------------------------------------------
    def entity(self, eid: int) -> Entity:
        return Entity.from_dict(json.loads(self.entity_json[eid]))

    def part_idf(self, part: NamePart) -> float:
        """Rarity of a part among list names; romanisations never seen are judged by skeleton."""
        df = self.key_df.get(part.key)
        if df is None and part.script not in (None, "Latn"):
            df = max((len(self.postings.get(SKELETON + s, ())) for s in part.skeletons), default=0)
        return idf(df or 0, len(self.names))


    def skeleton_idf(self, part: NamePart) -> float:
        """Rarity of a part's consonant skeletons: of all the list words spelled with them."""
        df = max((len(self.postings.get(SKELETON + s, ())) for s in part.skeletons), default=0)
        return idf(df, len(self.names))


def _shapes(names: Iterable[tuple]) -> np.ndarray:
    """Equal ids for equal tuples (of parts or of part ids)."""
    ids: dict[tuple, int] = {}
    return np.array([ids.setdefault(n, len(ids)) for n in names], dtype=np.int32)


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
