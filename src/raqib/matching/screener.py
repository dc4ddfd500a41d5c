"""Screening API: ``Screener.screen(query)`` → explained hits, best first.

Follow a query: ``screen`` analyses the name (``text.parts.analyse_name``), ranks list names cheaply
(``candidates.CandidateFinder``) and asks the index for entities sharing an identifier,
aligns name parts (``align.align``) and scores each candidate with the feature table
(``features.FEATURES``). The explanation returned is built from those same objects.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from raqib.matching.align import Alignment, Side, align, coverage_bound, idf, pair_options, side
from raqib.matching.candidates import CandidateFinder, part_weight
from raqib.matching.config import DEFAULT_CONFIG, MatchConfig
from raqib.matching.features import ALIGNMENT_FREE, FEATURES, NEEDS_QUERY_FIELD, Context, clip, name_value
from raqib.matching.identifiers import normalize_identifier
from raqib.matching.index import EntityFacts, ListedName, MatchIndex
from raqib.model import Entity
from raqib.text.alternatives import name_alternatives
from raqib.text.normalize import NameInputError
from raqib.text.parts import NamePart, analyse_name
from raqib.text.scripts import ABJADS, LATIN_SCRIPTS, detect_script
from raqib.text.translit import warm_up


SCHEMAS = ("person", "organization", "vessel", "aircraft", "any")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ROUNDING = 1e-9  # early stops keep this margin below the threshold (sums in another order)
_NO_FACTS = EntityFacts("", "Unknown", "", (), frozenset(), None, (), (), ())
_MEMO_SIZE = 50_000  # parts whose comparisons are remembered across queries (common parts recur)


class QueryError(ValueError):
    """A screening query field is malformed (schema, date, identifier …)."""


@dataclass
class Query:
    name: str
    schema: str = "any"  # "person" | "organization" | "vessel" | "aircraft" | "any"
    birth_date: str | None = None  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    countries: list[str] = field(default_factory=list)  # ISO2
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (IdType value or "", value)
    gender: str | None = None


@dataclass
class FeatureScore:
    name: str
    weight: float
    value: float
    contribution: float
    detail: str


class _EntityOnRead:
    """``Hit.entity``: given as an ``Entity`` or as a ``functools.partial`` making one, which is
    called on first read. Most hits are only explained, never asked for their full record, and
    parsing it (JSON, then the model's objects) was about 3 % of screening."""

    def __get__(self, hit: "Hit | None", owner: type | None = None) -> Entity:
        if hit is None:
            raise AttributeError("entity")  # the field has no default (dataclasses asks the class)
        value = hit.__dict__["entity"]
        if isinstance(value, partial):
            value = hit.__dict__["entity"] = value()
        return value

    def __set__(self, hit: "Hit", value: "Entity | partial[Entity]") -> None:
        hit.__dict__["entity"] = value


@dataclass
class Hit:
    entity_id: str
    score: float
    caption: str
    schema: str
    matched_name: str
    matched_script: str | None
    matched_quality: str
    features: list[FeatureScore]
    alignment: list[dict]
    programs: list[str]
    lists: list[str]
    entity: Entity = _EntityOnRead()  # type: ignore[assignment]

    def __getstate__(self) -> dict:
        # Pickled with its record, not with the index the record would be read from.
        return {**self.__dict__, "entity": self.entity}

    def to_dict(self) -> dict:
        # Field by field: ``asdict`` would first deep-copy the whole entity record, then drop it.
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "entity"}
        data.update(score=round(self.score, 4), features=[asdict(f) for f in self.features],
                    alignment=[dict(a) for a in self.alignment], programs=list(self.programs),
                    lists=list(self.lists))
        return data


@dataclass
class ScreeningResult:
    query: Query
    hits: list[Hit]
    lists: list[str]

    def to_dict(self) -> dict:
        return {"query": asdict(self.query), "hits": [h.to_dict() for h in self.hits], "lists": list(self.lists)}


@dataclass(slots=True)
class _Scored:
    score: float
    listed: ListedName
    features: list[tuple[str, float, float, str]]  # (name, weight, value, detail) of non-zero features
    alignment: Alignment | None  # None: not aligned, the score's bound was below the threshold
    exact: bool = True  # False: scoring stopped early, ``score`` is only an upper bound below the threshold


class _Plan(NamedTuple):
    rewards: list  # (table order, feature, weight)
    penalties: list
    bound_rule: list  # (rule, feature function, weight) of the rewards: see ``Screener._plan``
    reads_facts: bool  # some reward bound needs the entity's facts


class Screener:
    def __init__(self, index: MatchIndex, threshold: float | None = None, config: MatchConfig | None = None):
        self.index = index
        self.config: MatchConfig = {**DEFAULT_CONFIG, **(config or {})}  # type: ignore[typeddict-item]
        self.threshold = self.config["threshold"] if threshold is None else threshold
        self._weights: dict[NamePart, float] = {}
        # Part-pair comparisons depend only on the two parts and the configuration, fixed here.
        self._memo: dict = {}
        self._idf_cap = idf(self.config["rarity_cap_df"], index.name_count)
        self._finder = CandidateFinder(index, self.config)
        self._shapes: list[int] = index.name_shape.tolist()  # equal ids for equal part tuples
        self._list_sides: dict[int, Side] = {}  # by shape: at most one per distinct list name
        self._spelling_idfs: dict[NamePart, float] = {}
        self._plans: dict[tuple[str, ...], _Plan] = {}  # by the query fields given (see ``_plan``)
        # Transliterators are made now, not in the first query of each script. The index is
        # hundreds of thousands of long-lived objects without reference cycles. Moved
        # out of the cyclic collector's reach, they are not rescanned by every full collection (a
        # pause of a few hundred ms in the middle of screening); reference counting still frees them.
        # Garbage is collected first, so none of it is frozen.
        warm_up()
        gc.collect()
        gc.freeze()

    # --- construction ----------------------------------------------------------------------------
    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], versions: Sequence[str] = (), threshold: float | None = None
    ) -> "Screener":
        return cls(MatchIndex.build(entities, versions), threshold)

    def save(self, path: Path) -> None:
        self.index.save(path)

    @classmethod
    def load(cls, path: Path, threshold: float | None = None) -> "Screener":
        return cls(MatchIndex.load(path), threshold)

    # --- screening -------------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator["Screener"]:
        """Screen many names in a row (a file, a batch of API queries): the cyclic garbage collector
        waits until the batch ends.

        Screening makes no reference cycles (reference counting frees everything it drops), but
        the comparison caches it fills are long-lived objects that every full collection would
        rescan: 14 % of the time of a 20,000-name file against all lists.
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield self
        finally:
            if enabled:
                gc.enable()

    def screen(self, query: Query | str, threshold: float | None = None, limit: int = 10) -> ScreeningResult:
        query = _validated(Query(query) if isinstance(query, str) else query)
        threshold = self.threshold if threshold is None else threshold
        identifiers = tuple((t, normalize_identifier(t, v)) for t, v in query.identifiers)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        plan = self._plan(query, identifiers)
        # By entity: its best-scoring name (if a hit) and the query's parts it was scored with.
        best: dict[int, tuple[_Scored, tuple[NamePart, ...]]] = {}
        for name in name_alternatives(query.name):  # the name as written, and an acronym in brackets
            parts = _analyse(name)
            for eid, scored in self._hits(parts, query, identifiers, plan, threshold).items():
                if eid not in best or scored.score > best[eid][0].score:
                    best[eid] = scored, parts
        entities = self.index.entities

        # Best first; equal scores by how alike the written names are (a name cut at 35 characters
        # is the start of its list name), then in entity-id order, so results do not depend on
        # load order. Only those returned are explained.
        def rank(item: tuple[int, tuple[_Scored, tuple[NamePart, ...]]]) -> tuple[float, float, str]:
            eid, (scored, _) = item
            return -scored.score, -_written_alike(query.name, scored.listed.value), entities[eid].id

        ranked = sorted(best.items(), key=rank)
        hits = [self._hit(eid, scored, parts) for eid, (scored, parts) in ranked[:limit]]
        return ScreeningResult(query, hits, list(self.index.versions))

    def _hits(self, parts: tuple[NamePart, ...], query: Query, identifiers: tuple[tuple[str, str], ...],
              plan: _Plan, threshold: float) -> dict[int, _Scored]:
        """By entity, its best-scoring list name for these query parts, if at the threshold or above."""
        name_ids = self._candidates(parts, identifiers)
        best: dict[int, _Scored] = {}
        memo = self._memo
        query_side = side(parts, self._weight, self.config)
        aligned: dict[int, Alignment] = {}  # one name on several lists: aligned once (by shape)
        bounds: dict[int, tuple] = {}  # by shape: name_match bound, pair options, sides
        shapes, names, entities = self._shapes, self.index.names, self.index.entities
        for nid in dict.fromkeys(name_ids):
            listed = names[nid]
            shape = shapes[nid]
            # To count, a name must be a hit and score above its entity's best hit so far.
            current = best.get(listed.entity)
            floor = threshold if current is None else current.score
            alignment = aligned.get(shape)
            if alignment is None:
                # Most names cannot reach the threshold whatever the pairing: those are not aligned.
                found = bounds.get(shape)
                if found is None:
                    sides = (query_side, self._list_side(shape, listed.parts))
                    options = pair_options(parts, listed.parts, self.config, memo, sides)
                    found = bounds[shape] = (self._name_bound(options, sides), options, sides)
                name_bound, options, sides = found
                bound = self._rewards_bound(plan, name_bound, parts, query, identifiers, listed)
                if bound < floor - _ROUNDING:
                    continue  # (rewards are never negative, so neither is the bound)
                alignment = aligned[shape] = align(parts, listed.parts, self._weight, self.config, memo,
                                                   sides, options)
            scored = self._score(parts, query, identifiers, listed, entities[listed.entity], memo,
                                 floor=floor, alignment=alignment, plan=plan)
            if scored.score < threshold:
                continue  # only hits are ranked: a name below the threshold never displaces one
            if current is None or scored.score > current.score:
                best[listed.entity] = scored
        return best

    def _candidates(self, parts: tuple[NamePart, ...], identifiers: tuple[tuple[str, str], ...]) -> list[int]:
        """List names to score in full: the best cheaply ranked, and all names of identifier matches."""
        name_ids = self._finder.rank(parts)
        for _, value in identifiers:
            for eid in self.index.identifier_postings.get(value, ()):
                name_ids.extend(np.flatnonzero(self.index.name_entity == eid).tolist())
        return name_ids

    def compare_names(self, name1: str, name2: str, schema: str = "any") -> float:
        """Name-only score of ``name1`` (as a query) against ``name2`` (as a list name)."""
        parts1, parts2 = _analyse(name1), _analyse(name2)
        listed = ListedName(-1, name2, detect_script(name2), "strong", "primary", parts2)
        query = Query(name1, schema=schema if schema in SCHEMAS else "any")
        return self._score(parts1, query, (), listed, _NO_FACTS, {}).score

    # --- scoring ---------------------------------------------------------------------------------
    def _list_side(self, shape: int, parts: tuple[NamePart, ...]) -> Side:
        found = self._list_sides.get(shape)
        if found is None:
            found = self._list_sides[shape] = side(parts, self._weight, self.config, query=False)
        return found

    def _name_bound(self, options: list, sides: tuple[Side, Side]) -> float:
        """Upper bound of ``name_match`` for any alignment of these options."""
        if not 0 <= self.config["coverage_min_exponent"] <= 1:
            return 1.0  # name_value is not monotonic then
        return name_value(*coverage_bound(options, sides), self.config)

    def _plan(self, query: Query, identifiers: tuple[tuple[str, str], ...]) -> _Plan:
        """The features worth computing for a query with these fields given (the others are 0)."""
        given = tuple(name for name, value in (
            ("query_birth_date", query.birth_date), ("query_countries", query.countries),
            ("query_identifiers", identifiers), ("query_gender", query.gender),
        ) if value)
        plan = self._plans.get(given)
        if plan is None:
            overrides = self.config["feature_weights"]
            weighted = [(i, f, overrides.get(f.name, f.weight)) for i, f in enumerate(FEATURES)
                        if f.name not in NEEDS_QUERY_FIELD or NEEDS_QUERY_FIELD[f.name] in given]
            # Rewards first, then penalties (each in table order, restored for the explanation).
            rewards, penalties = [w for w in weighted if w[2] > 0], [w for w in weighted if w[2] <= 0]
            # How ``_rewards_bound`` bounds each reward: 0 name_match's bound, 1 computed (needs no
            # alignment), 2 its weight (feature values are at most 1).
            bound_rule = [(0 if f.name == "name_match" else 1 if f.name in ALIGNMENT_FREE else 2, f.func, w)
                          for _, f, w in rewards]
            plan = self._plans[given] = _Plan(rewards, penalties, bound_rule, any(r[0] == 1 for r in bound_rule))
        return plan

    def _rewards_bound(
        self,
        plan: _Plan,
        name_bound: float,
        parts: tuple[NamePart, ...],
        query: Query,
        identifiers: tuple[tuple[str, str], ...],
        listed: ListedName,
    ) -> float:
        """Upper bound of the rewards ``_score`` sums for a list name not yet aligned (penalties
        only lower the score)."""
        ctx = Context(
            parts, query.schema, query.birth_date, frozenset(query.countries), identifiers, query.gender,
            listed, self.index.entities[listed.entity], None, 0.0, self.config,  # type: ignore[arg-type]
        ) if plan.reads_facts else None
        total = 0.0
        for rule, func, weight in plan.bound_rule:
            if rule == 0:
                total += weight * name_bound
            elif rule == 1:
                total += weight * func(ctx)[0]
            else:
                total += weight  # feature values are at most 1
        return total

    def _weight(self, part: NamePart) -> float:
        cached = self._weights.get(part)
        if cached is None:
            if len(self._weights) >= _MEMO_SIZE:
                self._weights.clear()
            cached = self._weights[part] = part_weight(part.kind, self.index.part_idf(part), self._idf_cap, self.config)
        return cached

    def _matched_idf(self, query_part: NamePart, list_part: NamePart) -> float:
        """Rarity of a matched list part. A word in an abjad stands for all the Latin spellings its
        consonants allow (رمضان: Ramadan, Ramadhan, Ramdane), so it is as rare as all of them together."""
        if query_part.script not in ABJADS or list_part.script not in LATIN_SCRIPTS:
            return self.index.part_idf(list_part)
        found = self._spelling_idfs.get(list_part)
        if found is None:
            own, spellings = self.index.part_idf(list_part), self.index.skeleton_idf(list_part)
            share = self.config["abjad_spellings_rarity"]
            found = self._spelling_idfs[list_part] = own - share * max(0.0, own - spellings)
        return found

    def _score(
        self,
        parts: tuple[NamePart, ...],
        query: Query,
        identifiers: tuple[tuple[str, str], ...],
        listed: ListedName,
        facts: EntityFacts,
        memo: dict,
        floor: float = float("-inf"),
        alignment: Alignment | None = None,
        plan: _Plan | None = None,
    ) -> _Scored:
        """Full score of one list name; below ``floor`` it may stop early (``exact=False``)."""
        if alignment is None:
            alignment = align(parts, listed.parts, self._weight, self.config, memo)
        kinds = self.config["kind_weights"]
        matched_idf = sum(
            pair.score * kinds[listed.parts[j].kind] * self._matched_idf(parts[pair.query[0]], listed.parts[j])
            for pair in alignment.pairs
            for j in pair.listed
        )
        ctx = Context(
            parts, query.schema, query.birth_date, frozenset(query.countries), identifiers, query.gender,
            listed, facts, alignment, matched_idf, self.config,
        )
        features: list[tuple[int, str, float, float, str]] = []  # FeatureScore objects are made for hits only
        total = 0.0
        plan = self._plan(query, identifiers) if plan is None else plan
        rewards, penalties = plan.rewards, plan.penalties
        for order, feature, weight in rewards:
            value, detail = feature.func(ctx)
            if value:
                total += weight * value
                features.append((order, feature.name, weight, value, detail))
        if total < floor - _ROUNDING:
            # Feature values lie in [0, 1]: when the rewards cannot reach the floor, penalties cannot
            # lift the score either. The name is no hit, so its exact score is not needed.
            return _Scored(clip(total), listed, [], alignment, exact=False)
        for order, feature, weight in penalties:
            value, detail = feature.func(ctx)
            if value:
                total += weight * value
                if total < floor - _ROUNDING:
                    return _Scored(clip(total), listed, [], alignment, exact=False)  # penalties only lower it
                features.append((order, feature.name, weight, value, detail))
        features.sort()
        total = 0.0
        for _, _, weight, value, _ in features:  # summed in table order: the same float as ever
            total += weight * value
        return _Scored(clip(total), listed, [f[1:] for f in features], alignment)

    def _hit(self, eid: int, scored: _Scored, parts: tuple[NamePart, ...]) -> Hit:
        facts, listed = self.index.entities[eid], scored.listed
        alignment = [
            {
                "query": " ".join(parts[i].original for i in pair.query),
                "list": " ".join(listed.parts[j].original for j in pair.listed),
                "how": pair.how,
                "score": round(pair.score, 4),
            }
            for pair in scored.alignment.pairs
        ]
        return Hit(
            entity_id=facts.id,
            score=round(scored.score, 4),
            caption=facts.caption,
            schema=facts.schema,
            matched_name=listed.value,
            matched_script=listed.script or detect_script(listed.value),
            matched_quality=listed.quality,
            features=[
                FeatureScore(name, weight, round(value, 4), round(weight * value, 4), detail)
                for name, weight, value, detail in scored.features
            ],
            alignment=alignment,
            programs=list(facts.programs),
            lists=list(facts.lists),
            entity=partial(self.index.entity, eid),  # type: ignore[arg-type]
        )


def _written_alike(query: str, listed: str) -> float:
    """How alike two names are as written (case and punctuation aside), in [0, 100]."""
    return fuzz.ratio(query, listed, processor=default_process)


def _analyse(name: str) -> tuple[NamePart, ...]:
    parts = analyse_name(name)
    if not parts:
        raise NameInputError(f"name has nothing to screen after removing titles: {name[:80]!r}")
    return parts


def _validated(query: Query) -> Query:
    if query.schema not in SCHEMAS:
        raise QueryError(f"schema must be one of {', '.join(SCHEMAS)}, got {query.schema!r}")
    if query.birth_date is not None and not _DATE_RE.match(query.birth_date):
        raise QueryError(f"birth_date must be YYYY, YYYY-MM or YYYY-MM-DD, got {query.birth_date!r}")
    if query.gender not in (None, "male", "female"):
        raise QueryError(f"gender must be 'male' or 'female', got {query.gender!r}")
    for code in query.countries:
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            raise QueryError(f"countries must be ISO 3166-1 alpha-2 codes, got {code!r}")
    query.countries = [c.upper() for c in query.countries]
    for item in query.identifiers:
        if not (isinstance(item, tuple | list) and len(item) == 2 and str(item[1]).strip()):
            raise QueryError(f"identifiers must be (type, value) pairs with a value, got {item!r}")
    return query


