"""Sectoral directives (SSI under EO 13662, EO 14024, EO 14014): is a proposed transaction prohibited?

The directives are data (``data/directives.yml``). The engine rule (DOMAIN.md §1.2):
prohibited = the entity is subject to the directive AND the transaction kind is in the directive's
scope AND the transaction date (issue date of the debt or equity) is on/after the entity's effective
date AND (for debt) the tenor exceeds the limit in force on the issue date. The answer is a
prohibited *activity*, never "blocked": the rest of the relationship may continue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from raqib.rules.restrictions import Kind, Restriction
from raqib.rules.tables import RuleDataError, load_table, parse_iso_date


class TxKind(StrEnum):
    PAYMENT = "payment"
    DEBT = "debt"  # bonds, loans, credit extensions, guarantees, letters of credit … (FAQ 371)
    EQUITY = "equity"  # new shares, depositary receipts, other title issued by the entity
    CORRESPONDENT = "correspondent"  # opening/maintaining a correspondent or payable-through account
    GOODS = "goods"  # goods, services (other than financial) or technology


class Project(StrEnum):
    DEEPWATER = "deepwater"
    ARCTIC = "arctic"  # Arctic offshore: drilling from offshore above the Arctic Circle (31 CFR 589.301)
    SHALE = "shale"


@dataclass(frozen=True, slots=True)
class Transaction:
    kind: TxKind
    date: date  # trade date; for debt and equity the issue date
    tenor_days: int | None = None  # maturity of debt, in days
    project: Project | None = None  # goods/services: the project they support

    @classmethod
    def create(cls, kind: str, date: str | date, tenor_days: int | None = None,
               project: str | None = None) -> "Transaction":
        """Build from user input; every malformed value raises ``ValueError`` saying which."""
        try:
            tx_kind = TxKind(str(kind).lower())
        except ValueError:
            raise ValueError(f"transaction kind {kind!r} is not one of {', '.join(TxKind)}") from None
        try:
            tx_project = Project(str(project).lower()) if project is not None else None
        except ValueError:
            raise ValueError(f"project {project!r} is not one of {', '.join(Project)}") from None
        return cls(tx_kind, parse_iso_date(date, "transaction date"), tenor_days, tx_project)

    def __post_init__(self) -> None:
        if self.tenor_days is not None and (isinstance(self.tenor_days, bool) or not isinstance(self.tenor_days, int)):
            raise ValueError(f"tenor_days {self.tenor_days!r} is not a whole number of days")
        if self.tenor_days is not None and self.tenor_days < 0:
            raise ValueError(f"tenor_days {self.tenor_days} is negative")
        if self.kind == TxKind.DEBT and self.tenor_days is None:
            raise ValueError("a debt transaction needs its tenor in days")
        if self.project is not None and self.kind != TxKind.GOODS:
            raise ValueError(f"a project type applies to goods/services, not to {self.kind}")

    def describe(self) -> str:
        text = f"{self.kind}"
        if self.tenor_days is not None:
            text += f" of {self.tenor_days} days"
        if self.project:
            text += f" for project type {self.project}"
        return f"{text} dated {self.date}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "date": self.date.isoformat(), "tenor_days": self.tenor_days,
                "project": self.project.value if self.project else None}


@dataclass(frozen=True, slots=True)
class Directive:
    key: str
    program: str
    title: str
    authority: str
    issued: date
    prohibits: frozenset[TxKind]
    tenor_table: tuple[tuple[date, int], ...] = ()  # (issue date from, max tenor days)
    new_equity: bool = False
    projects: frozenset[Project] = frozenset()
    any_transaction: bool = False
    note: str = ""

    def tenor_limit(self, issued_on: date) -> int | None:
        limit = None
        for start, days in self.tenor_table:
            if issued_on >= start:
                limit = days
        return limit


@lru_cache(maxsize=1)
def directive_table() -> dict[str, Directive]:
    table: dict[str, Directive] = {}
    for key, row in load_table("directives.yml").items():
        where = f"directives.yml: {key}"
        try:
            tenor = tuple(sorted((parse_iso_date(r["from"], where), int(r["days"])) for r in row.get("debt_tenor_over_days", [])))
            table[key.upper()] = Directive(
                key.upper(), row["program"], row["title"], row["authority"], parse_iso_date(row["issued"], where),
                frozenset(TxKind(k) for k in row["prohibits"]), tenor, bool(row.get("new_equity")),
                frozenset(Project(p) for p in row.get("projects", [])), bool(row.get("any_transaction")),
                row.get("note", ""),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise RuleDataError(f"{where}: {exc}") from None
    return table


class Outcome(StrEnum):
    PROHIBITED = "PROHIBITED"
    PERMITTED = "PERMITTED"
    UNDETERMINED = "UNDETERMINED"  # not enough information to tell: an analyst decides


@dataclass(frozen=True, slots=True)
class DirectiveFinding:
    directive: str
    outcome: Outcome
    reason: str
    authority: str

    def to_dict(self) -> dict[str, str]:
        return {"directive": self.directive, "outcome": self.outcome.value, "reason": self.reason,
                "authority": self.authority}


def evaluate(restriction: Restriction, tx: Transaction | None) -> DirectiveFinding:
    """Apply one SECTORAL restriction (scope = directive key) to a proposed transaction."""
    if restriction.kind != Kind.SECTORAL:
        raise ValueError(f"not a sectoral restriction: {restriction.kind}")
    directive = directive_table().get((restriction.scope or "").upper())
    if directive is None:
        what = restriction.scope or f"program {restriction.program}"
        return DirectiveFinding(what, Outcome.UNDETERMINED,
                                f"{what}: subject to sectoral sanctions, but the directive is not identified "
                                "in the entry or not in directives.yml", restriction.authority)
    name = f"{directive.key} ({directive.title})"

    def finding(outcome: Outcome, reason: str) -> DirectiveFinding:
        return DirectiveFinding(directive.key, outcome, f"{name}: {reason}", directive.authority)

    effective = restriction.effective_from or directive.issued
    if tx is None:
        if directive.any_transaction:
            return finding(Outcome.PROHIBITED, "any transaction with the entity is prohibited")
        return finding(Outcome.UNDETERMINED, f"prohibits {', '.join(sorted(directive.prohibits))} only; "
                       "no transaction given to evaluate")
    if tx.date < effective:
        return finding(Outcome.PERMITTED, f"{tx.describe()} is before the entity's effective date {effective}")
    if tx.kind not in directive.prohibits:
        return finding(Outcome.PERMITTED, f"{tx.kind} is outside the directive's scope "
                       f"({', '.join(sorted(directive.prohibits))})")
    if directive.any_transaction:
        return finding(Outcome.PROHIBITED, f"any transaction is prohibited since {effective}")
    if tx.kind == TxKind.DEBT:
        limit = directive.tenor_limit(tx.date)
        if limit is None:
            return finding(Outcome.PROHIBITED, f"new debt issued on/after {effective} is prohibited at any tenor")
        if tx.tenor_days > limit:
            return finding(Outcome.PROHIBITED, f"new debt of {tx.tenor_days} days exceeds the {limit}-day "
                           f"limit for debt issued on {tx.date}")
        return finding(Outcome.PERMITTED, f"new debt of {tx.tenor_days} days is within the {limit}-day "
                       f"limit for debt issued on {tx.date}")
    if tx.kind == TxKind.EQUITY:
        if directive.new_equity:
            return finding(Outcome.PROHIBITED, f"new equity issued by the entity on/after {effective} is "
                           "prohibited (a third party's equity is not: FAQ 404)")
        return finding(Outcome.PERMITTED, "the directive does not restrict equity")
    if tx.kind == TxKind.GOODS and directive.projects:
        if tx.project is None:
            return finding(Outcome.UNDETERMINED, "goods/services are prohibited for "
                           f"{', '.join(sorted(directive.projects))} oil projects; project type not given")
        if tx.project in directive.projects:
            return finding(Outcome.PROHIBITED, f"goods/services/technology for a {tx.project} oil project "
                           "are prohibited")
        return finding(Outcome.PERMITTED, f"{tx.project} is not a restricted project type")
    return finding(Outcome.PROHIBITED, f"{tx.kind} is prohibited since {effective}")


def evaluate_all(restrictions: list[Restriction], tx: Transaction | None) -> list[DirectiveFinding]:
    return [evaluate(r, tx) for r in restrictions if r.kind == Kind.SECTORAL]
