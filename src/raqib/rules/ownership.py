"""Ownership rule per regime (OFAC 50%, EU >=50% aggregated, UK >50% not aggregated).

Input: ownership edges ``owner -> owned`` with a percentage, from list links (``Link.share``
published by the lists) and from a user file (CSV ``owner,owned,percent,source``). Seeds: the
entities with a BLOCKED restriction under the regime. Non-blocking, sectoral and secondary-risk
restrictions never seed, so NS-MBS/CMIC entries never propagate (FAQ 869).

Algorithm (DOMAIN.md §2.1): fixed point. In each round, every not-yet-blocked entity sums the
shares held by blocked owners (US/EU: all blocked owners together; UK: the largest single one)
and becomes blocked when the sum reaches the regime's threshold. Indirect holdings count only
through blocked intermediaries, in full (FAQ 401 example 3: the whole 40% held by blocked A
counts, not 50% x 40%). The blocked set only grows, so cycles terminate.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from raqib.model import Entity, ParseError
from raqib.rules.restrictions import Kind, Restriction
from raqib.rules.tables import RuleDataError, load_table


@dataclass(frozen=True, slots=True)
class Edge:
    owner: str
    owned: str
    percent: float
    source: str = ""

    def __post_init__(self) -> None:
        if not self.owner or not self.owned:
            raise ValueError("an ownership edge needs both owner and owned")
        if self.owner == self.owned:
            raise ValueError(f"{self.owner!r} cannot own itself")
        if not 0 <= self.percent <= 100:
            raise ValueError(f"share {self.percent}% of {self.owned!r} held by {self.owner!r} is outside 0-100")


@dataclass(frozen=True, slots=True)
class RegimeRule:
    regime: str
    threshold: float
    inclusive: bool
    aggregate: bool
    authority: str

    def met(self, percent: float) -> bool:
        return percent >= self.threshold if self.inclusive else percent > self.threshold

    def comparison(self) -> str:
        return f"{'>=' if self.inclusive else '>'} {self.threshold:g}%"


@lru_cache(maxsize=1)
def regime_rules() -> dict[str, RegimeRule]:
    rules = {}
    for regime, row in load_table("ownership.yml").items():
        try:
            rules[regime] = RegimeRule(regime, float(row["threshold"]), bool(row["inclusive"]),
                                       bool(row["aggregate"]), row["authority"])
        except (KeyError, ValueError) as exc:
            raise RuleDataError(f"ownership.yml: {regime}: {exc}") from None
    return rules


@dataclass(slots=True)
class OwnershipResult:
    entity: str
    regime: str
    blocked: bool
    percent: float  # blocked holding counted under the regime's rule
    contributions: list[tuple[str, float]] = field(default_factory=list)  # (blocked owner, share)
    explanation: str = ""
    path: list[str] = field(default_factory=list)  # one chain from a designated seed to the entity

    def restriction(self) -> Restriction:
        rule = regime_rules()[self.regime]
        return Restriction(Kind.BLOCKED, None, self.regime, rule.authority, scope="ownership",
                           evidence=self.explanation, derived_from=tuple(self.path))


def check_totals(edges: Iterable[Edge]) -> None:
    """Shares into one entity cannot exceed 100%: such a file is wrong, not merely unusual."""
    totals: dict[str, float] = defaultdict(float)
    for edge in edges:
        totals[edge.owned] += edge.percent
    for owned, total in totals.items():
        if total > 100 + 1e-9:
            raise ValueError(f"shares in {owned!r} add up to {total:g}%, more than 100%")


def propagate(edges: Iterable[Edge], seeds: Mapping[str, str], regime: str) -> dict[str, OwnershipResult]:
    """Entities blocked by ownership under ``regime``.

    ``seeds``: designated (blocked) entity id -> why (e.g. "SDN, RUSSIA-EO14024"). Returns one
    result per entity that owners in the blocked set hold shares in, blocked or not, so a "not
    blocked" answer is explained too. Seeds themselves are not in the result.
    """
    try:
        rule = regime_rules()[regime]
    except KeyError:
        raise ValueError(f"no ownership rule for regime {regime!r}; known: {', '.join(regime_rules())}") from None
    edges = list(edges)
    check_totals(edges)
    holders: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        holders[edge.owned].append(edge)

    blocked: dict[str, list[str]] = {seed: [seed] for seed in seeds}  # id -> path from a seed
    why: dict[str, str] = {seed: f"designated: {reason}" for seed, reason in seeds.items()}
    changed = True
    while changed:  # terminates: each round adds at least one entity or stops
        changed = False
        for owned, owned_edges in holders.items():
            if owned in blocked:
                continue
            counted = _counted(owned_edges, blocked, rule)
            total = sum(share for _, share in counted)
            if counted and rule.met(total):
                top = max(counted, key=lambda c: c[1])[0]
                blocked[owned] = blocked[top] + [owned]
                why[owned] = "derived: " + " + ".join(f"{share:g}% by {owner}" for owner, share in counted)
                changed = True

    results: dict[str, OwnershipResult] = {}
    for owned, owned_edges in holders.items():
        if owned in seeds:
            continue
        counted = _counted(owned_edges, blocked, rule)
        total = sum(share for _, share in counted)
        is_blocked = owned in blocked
        results[owned] = OwnershipResult(
            owned, regime, is_blocked, total, counted,
            _explain(owned, owned_edges, counted, total, rule, why, is_blocked), blocked.get(owned, []),
        )
    return results


def _counted(edges: list[Edge], blocked: Mapping[str, list[str]], rule: RegimeRule) -> list[tuple[str, float]]:
    by_owner: dict[str, float] = defaultdict(float)
    for edge in edges:
        if edge.owner in blocked:
            by_owner[edge.owner] += edge.percent
    counted = sorted(by_owner.items(), key=lambda c: (-c[1], c[0]))
    if not rule.aggregate and counted:
        # UK: holdings of *different* designated persons are not added up, but one designated
        # person's holdings through entities it owns are its own: group by the root designee.
        groups: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for owner, share in counted:
            groups[blocked[owner][0]].append((owner, share))
        counted = max(groups.values(), key=lambda g: (sum(s for _, s in g), g[0][0]))
    return counted


def _explain(owned: str, edges: list[Edge], counted: list[tuple[str, float]], total: float, rule: RegimeRule,
             why: Mapping[str, str], blocked: bool) -> str:
    verdict = "BLOCKED" if blocked else "not blocked"
    ignored = sorted({e.owner for e in edges if e.owner not in why})
    tail = f"; holders not blocked, disregarded: {', '.join(ignored)}" if ignored else ""
    if not counted:
        return f"{owned} is {verdict} ({rule.regime}): no blocked owner holds shares in it{tail}"
    parts = " + ".join(f"{share:g}% by {owner} ({why[owner]})" for owner, share in counted)
    method = "aggregated" if rule.aggregate else "one designated person's holdings only, not aggregated"
    sign = rule.comparison() if blocked else f"not {rule.comparison()}"
    return f"{owned} is {verdict} ({rule.regime}): {parts} = {total:g}% {sign}{tail} [{method}; {rule.authority}]"


# --- inputs -------------------------------------------------------------------------------------
def load_ownership_csv(path: Path) -> list[Edge]:
    """Read ``owner,owned,percent,source`` rows (header required). Errors name the file and row."""
    path = Path(path)
    edges: list[Edge] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"owner", "owned", "percent"} - set(reader.fieldnames or [])
        if missing:
            raise ParseError(str(path), "header", f"missing column(s): {', '.join(sorted(missing))}")
        for row in reader:
            position = f"row {reader.line_num}"
            text = (row.get("percent") or "").strip().rstrip("%")
            try:
                percent = float(text)
            except ValueError:
                raise ParseError(str(path), position, f"percent {row.get('percent')!r} is not a number") from None
            try:
                edges.append(Edge((row["owner"] or "").strip(), (row["owned"] or "").strip(), percent,
                                  (row.get("source") or "").strip() or path.name))
            except ValueError as exc:
                raise ParseError(str(path), position, str(exc)) from None
    try:
        check_totals(edges)
    except ValueError as exc:
        raise ParseError(str(path), "totals", str(exc)) from None
    return edges


def edges_from_links(entities: Iterable[Entity]) -> list[Edge]:
    """Ownership edges the lists publish with a share (links without a share are control or
    association, not ownership, and do not count under the 50% rule)."""
    edges = []
    for entity in entities:
        for link in entity.links:
            if link.share is None or not link.target_id:
                continue
            if link.relation == "owned_by":
                edges.append(Edge(link.target_id, entity.id, link.share, f"list link of {entity.id}"))
            elif link.relation == "owns":
                edges.append(Edge(entity.id, link.target_id, link.share, f"list link of {entity.id}"))
    return edges


def blocked_seeds(entities: Iterable[Entity], regime: str) -> dict[str, str]:
    """Entities designated as BLOCKED under ``regime`` -> the programs/lists that block them."""
    from raqib.rules.restrictions import restrictions_for

    seeds = {}
    for entity in entities:
        reasons = [f"{r.scope}, {r.program}" if r.program else str(r.scope)
                   for r in restrictions_for(entity, include_lsp=False)
                   if r.kind == Kind.BLOCKED and r.regime == regime]
        if reasons:
            seeds[entity.id] = "; ".join(dict.fromkeys(reasons))
    return seeds
