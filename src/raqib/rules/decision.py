"""Decision: BLOCK / REJECT / REVIEW / CLEAR for a screened counterparty, with the legal basis.

Policy (the finding -> decision table is ``data/decision_policy.yml``; the most severe wins,
BLOCK > REJECT > REVIEW > CLEAR):

- BLOCK: a strong hit (score >= ``strong_hit_score``) on an entity BLOCKED under any regime
  (SDN, UN/UK/EU/Canada asset freeze); the counterparty owned by blocked persons under a regime's
  ownership rule; a government counterparty of a blocked-government jurisdiction (FAQ 398).
- REJECT: a strong hit whose sectoral directive prohibits the proposed transaction (the rest of
  the relationship may continue); a counterparty in an embargoed jurisdiction on the date.
- REVIEW: any restriction on a weaker hit; secondary sanctions risk (incl. the CAATSA §231
  LSP); non-blocking lists; a sectoral entity with no transaction to evaluate or a directive the
  table does not know; an unknown program tag.
- CLEAR: nothing of the above. CLEAR is never the result of missing data: a decision without the
  list versions it was screened against is refused.

``hits`` are any objects with ``.entity`` (``raqib.model.Entity``), ``.score`` (0..1) and
``.to_dict()`` — the screener's ``Hit`` or a test double.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from functools import lru_cache
from typing import Any, Protocol

from raqib.model import Entity
from raqib.rules.jurisdictions import jurisdiction_hits
from raqib.rules.lsp import lsp_restrictions
from raqib.rules.ownership import OwnershipResult
from raqib.rules.restrictions import Kind, Restriction, restrictions_for
from raqib.rules.sectoral import Outcome, Transaction, evaluate
from raqib.rules.tables import RuleDataError, load_table, parse_iso_date


class Verdict(IntEnum):  # ordered by severity
    CLEAR = 0
    REVIEW = 1
    REJECT = 2
    BLOCK = 3


class HitLike(Protocol):
    entity: Entity
    score: float

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(slots=True)
class Counterparty:
    name: str
    type: str | None = None  # person | organization | vessel | aircraft
    country: str | None = None  # ISO code or name
    address: str | None = None
    ids: list[str] = field(default_factory=list)  # "TYPE:VALUE", for the screener; validated here
    is_government: bool = False

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ValueError("counterparty name is empty")
        for value in self.ids:
            kind, sep, ident = value.partition(":")
            if not sep or not kind.strip() or not ident.strip():
                raise ValueError(f"identifier {value!r} is not TYPE:VALUE")


@dataclass(frozen=True, slots=True)
class Basis:
    decision: Verdict
    finding: str  # policy key: BLOCKED, SECTORAL_PROHIBITED …
    text: str  # the legal basis in words
    reference: str  # the authority (EO, CFR, regulation …)
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"decision": self.decision.name, "finding": self.finding, "text": self.text,
                "reference": self.reference, "entity_id": self.entity_id}


@dataclass(slots=True)
class Decision:
    decision: Verdict
    basis: list[Basis]
    hits: list[dict[str, Any]]
    restrictions: list[dict[str, Any]]
    lists: list[str]
    as_of: date
    transaction: Transaction | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision.name,
            "basis": [b.to_dict() for b in self.basis],
            "hits": self.hits,
            "restrictions": self.restrictions,
            "lists": self.lists,
            "as_of": self.as_of.isoformat(),
            "transaction": self.transaction.to_dict() if self.transaction else None,
        }


@dataclass(frozen=True, slots=True)
class Policy:
    strong_hit_score: float
    on_finding: dict[str, Verdict]
    weak_hit: Verdict


@lru_cache(maxsize=1)
def policy() -> Policy:
    table = load_table("decision_policy.yml")
    try:
        return Policy(float(table["strong_hit_score"]),
                      {k: Verdict[v] for k, v in table["on_finding"].items()}, Verdict[table["weak_hit"]])
    except (KeyError, ValueError) as exc:
        raise RuleDataError(f"decision_policy.yml: {exc}") from None


def decide(counterparty: Counterparty, transaction: Transaction | None, hits: Sequence[HitLike],
           versions: Sequence[str], as_of: date | str, ownership: Sequence[OwnershipResult] = ()) -> Decision:
    """Turn screening hits (and the counterparty's own data) into what the law says to do.

    ``as_of``: the decision date (the transaction date is used for the transaction's rules).
    ``ownership``: results of ``raqib.rules.ownership.propagate`` for the counterparty, if known.
    """
    day = parse_iso_date(as_of, "as_of date")
    if not versions:
        raise ValueError("a decision needs the list versions the counterparty was screened against")
    rules = policy()
    when = transaction.date if transaction else day
    basis: list[Basis] = []
    restrictions: list[dict[str, Any]] = []

    def add(finding: str, text: str, reference: str, entity_id: str | None = None,
            weak: bool = False) -> None:
        verdict = rules.on_finding[finding]
        if weak and verdict > Verdict.CLEAR:
            verdict = rules.weak_hit
        basis.append(Basis(verdict, f"WEAK_HIT:{finding}" if weak else finding, text, reference, entity_id))

    # 1. the counterparty itself: jurisdiction, CAATSA §231 LSP, ownership
    for hit in jurisdiction_hits(when, counterparty.country, counterparty.address):
        restriction = hit.restriction()
        restrictions.append({"entity_id": None, **restriction.to_dict()})
        if counterparty.is_government and hit.embargo.blocks_government:
            add("EMBARGOED_GOVERNMENT", f"Government of an embargoed jurisdiction: {hit.embargo.name} "
                f"({hit.via}); property of the government is blocked", hit.embargo.authority)
        else:
            add("JURISDICTION_EMBARGO", f"Embargoed jurisdiction {hit.embargo.name} ({hit.via}) on {when}",
                hit.embargo.authority)
    for restriction in lsp_restrictions([counterparty.name]):
        restrictions.append({"entity_id": None, **restriction.to_dict()})
        add("SECONDARY_RISK", f"Counterparty name: {restriction.evidence}", restriction.authority)
    for result in ownership:
        if result.blocked:
            restrictions.append({"entity_id": result.entity, **result.restriction().to_dict()})
            add("OWNED_BY_BLOCKED", result.explanation, result.restriction().authority, result.entity)

    # 2. list hits
    hit_dicts = []
    for hit in hits:
        score = float(hit.score)
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"hit score {hit.score!r} for {hit.entity.id} is outside 0..1")
        weak = score < rules.strong_hit_score
        entity_restrictions = [r for r in restrictions_for(hit.entity) if r.active_on(when)]
        hit_dicts.append({**hit.to_dict(), "restrictions": [r.to_dict() for r in entity_restrictions]})
        restrictions.extend({"entity_id": hit.entity.id, **r.to_dict()} for r in entity_restrictions)
        for restriction in entity_restrictions:
            _judge(hit.entity, score, weak, restriction, transaction, add)

    verdict = max((b.decision for b in basis), default=Verdict.CLEAR)
    if not basis:
        basis.append(Basis(Verdict.CLEAR, "NO_FINDING",
                           f"No list hit carries a restriction and no embargoed jurisdiction applies on {when}",
                           ", ".join(versions)))
    basis.sort(key=lambda b: -b.decision)
    return Decision(verdict, basis, hit_dicts, restrictions, list(versions), day, transaction)


def _judge(entity: Entity, score: float, weak: bool, r: Restriction, tx: Transaction | None, add) -> None:
    who = f"{entity.caption} ({entity.id}, score {score:.2f})"
    where = f"{r.scope} list" if r.scope and r.kind == Kind.BLOCKED else (r.scope or "")
    if weak:
        key = "SECTORAL_UNDETERMINED" if r.kind == Kind.SECTORAL else r.kind.value
        add(key, f"Possible match {who}: {r.kind.value} {r.program or ''} ({r.evidence}); below the strong-hit "
            f"score {policy().strong_hit_score}", r.authority, entity.id, weak=True)
        return
    if r.kind == Kind.BLOCKED:
        add("BLOCKED", f"{who} is blocked: {where}, program {r.program or 'n/a'} ({r.regime})",
            r.authority, entity.id)
    elif r.kind == Kind.SECTORAL:
        finding = evaluate(r, tx)
        key = {Outcome.PROHIBITED: "SECTORAL_PROHIBITED", Outcome.PERMITTED: "SECTORAL_PERMITTED",
               Outcome.UNDETERMINED: "SECTORAL_UNDETERMINED"}[finding.outcome]
        add(key, f"{who}: {finding.reason}", finding.authority, entity.id)
    else:
        add(r.kind.value, f"{who}: {r.kind.value} {r.program or ''} — {r.evidence}".replace("  ", " "),
            r.authority, entity.id)
