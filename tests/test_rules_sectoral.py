"""Sectoral directives: tenor tables by issue date, instrument scope, effective dates."""

from __future__ import annotations

from datetime import date

import pytest

from raqib.rules.restrictions import Kind, Restriction
from raqib.rules.sectoral import Outcome, Transaction, directive_table, evaluate


def subject_to(key: str, effective: str | None = None) -> Restriction:
    return Restriction(Kind.SECTORAL, "UKRAINE-EO13662", "US", "test",
                       date.fromisoformat(effective) if effective else None, scope=key)


def outcome(key: str, kind: str, day: str, tenor: int | None = None, project: str | None = None,
            effective: str | None = None) -> Outcome:
    return evaluate(subject_to(key, effective), Transaction.create(kind, day, tenor, project)).outcome


@pytest.mark.parametrize("day,limit", [("2014-08-01", 90), ("2014-09-12", 30), ("2017-11-27", 30), ("2017-11-28", 14)])
def test_directive_1_tenor_depends_on_issue_date(day, limit):
    assert outcome("EO13662-1", "debt", day, limit) == Outcome.PERMITTED
    assert outcome("EO13662-1", "debt", day, limit + 1) == Outcome.PROHIBITED


def test_directive_1_prohibits_new_equity_directive_2_does_not():
    assert outcome("EO13662-1", "equity", "2020-01-01") == Outcome.PROHIBITED
    assert outcome("EO13662-2", "equity", "2020-01-01") == Outcome.PERMITTED


@pytest.mark.parametrize("day,limit", [("2015-01-01", 90), ("2017-11-28", 60)])
def test_directive_2_energy_tenor(day, limit):
    assert outcome("EO13662-2", "debt", day, limit) == Outcome.PERMITTED
    assert outcome("EO13662-2", "debt", day, limit + 1) == Outcome.PROHIBITED


def test_directive_3_defense_30_days():
    assert outcome("EO13662-3", "debt", "2020-01-01", 30) == Outcome.PERMITTED
    assert outcome("EO13662-3", "debt", "2020-01-01", 31) == Outcome.PROHIBITED


def test_directive_4_goods_for_restricted_projects_only():
    for project in ("deepwater", "arctic", "shale"):
        assert outcome("EO13662-4", "goods", "2020-01-01", project=project) == Outcome.PROHIBITED
    assert outcome("EO13662-4", "goods", "2020-01-01") == Outcome.UNDETERMINED  # which project? ask
    assert outcome("EO13662-4", "payment", "2020-01-01") == Outcome.PERMITTED
    assert outcome("EO13662-4", "debt", "2020-01-01", 365) == Outcome.PERMITTED


def test_eo14024_directives():
    assert outcome("EO14024-3", "debt", "2022-04-01", 14, effective="2022-03-26") == Outcome.PERMITTED
    assert outcome("EO14024-3", "debt", "2022-04-01", 15, effective="2022-03-26") == Outcome.PROHIBITED
    assert outcome("EO14024-3", "debt", "2022-03-25", 365, effective="2022-03-26") == Outcome.PERMITTED  # before
    assert outcome("EO14024-2", "correspondent", "2022-04-01", effective="2022-03-26") == Outcome.PROHIBITED
    assert outcome("EO14024-4", "payment", "2022-03-01") == Outcome.PROHIBITED
    assert evaluate(subject_to("EO14024-4"), None).outcome == Outcome.PROHIBITED  # any transaction
    assert evaluate(subject_to("EO13662-2"), None).outcome == Outcome.UNDETERMINED


def test_unknown_directive_is_undetermined_not_permitted():
    finding = evaluate(subject_to("EO14024-9"), Transaction.create("payment", "2024-01-01"))
    assert finding.outcome == Outcome.UNDETERMINED and "not in directives.yml" in finding.reason


def test_directive_table_loads_every_row():
    assert {"EO13662-1", "EO13662-2", "EO13662-3", "EO13662-4", "EO14024-1A", "EO14024-2", "EO14024-3",
            "EO14024-4"} <= set(directive_table())


@pytest.mark.parametrize("kwargs,message", [
    (dict(kind="debt", date="2024-01-01", tenor_days=-5), "negative"),
    (dict(kind="debt", date="2024-01-01"), "tenor"),
    (dict(kind="debt", date="01/02/2024", tenor_days=5), "YYYY-MM-DD"),
    (dict(kind="debt", date="2024-02-30", tenor_days=5), "valid calendar date"),
    (dict(kind="swap", date="2024-01-01"), "transaction kind"),
    (dict(kind="payment", date="2024-01-01", project="arctic"), "project type applies"),
    (dict(kind="goods", date="2024-01-01", project="lunar"), "project"),
])
def test_bad_transactions_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Transaction.create(**kwargs)
