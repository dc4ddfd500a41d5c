"""Decisions on real list entries (OFAC SDN 2023-12-28, consolidated 2026-01-08) and on bad input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import LISTS, parsed
from raqib.model import Entity, ListMembership, Name, Schema
from raqib.rules.decision import Counterparty, Verdict, decide
from raqib.rules.ownership import Edge, propagate
from raqib.rules.sectoral import Transaction

VERSIONS = ["ofac_sdn@2023-12-28", "ofac_consolidated@2026-01-08"]
real = pytest.mark.skipif(not LISTS.is_dir(), reason="shared lists not available")


@dataclass
class FakeHit:  # the screener's Hit contract: .entity, .score, .to_dict()
    entity: Entity
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"entity_id": self.entity.id, "caption": self.entity.caption, "score": self.score}


def entity(caption: str) -> Entity:
    """One OFAC entry, SDN and non-SDN records merged as the store does (same OFAC uid)."""
    found = [e for source, version in (("ofac_sdn", "2023-12-28"), ("ofac_consolidated", "2026-01-08"))
             for e in parsed(source, version).entities if e.caption == caption]
    assert found, caption
    merged = found[0]
    for other in found[1:]:
        merged = merged.merge(other)
    return merged


def run(caption: str, kind: str | None = None, day: str = "2026-01-10", tenor: int | None = None,
        project: str | None = None, score: float = 1.0):
    tx = Transaction.create(kind, day, tenor, project) if kind else None
    return decide(Counterparty(caption), tx, [FakeHit(entity(caption), score)], VERSIONS, day)


def findings(decision) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for basis in decision.basis:
        out.setdefault(basis.finding, set()).add(basis.text)
    return out


ROSNEFT = "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY"
GAZPROM_NEFT = "PUBLIC JOINT STOCK COMPANY GAZPROM NEFT"
CBR = "CENTRAL BANK OF THE RUSSIAN FEDERATION"
VTB = "VTB BANK PUBLIC JOINT STOCK COMPANY"


@real
def test_rosneft_directives_2_and_4():
    loan_30 = run(ROSNEFT, "debt", tenor=30)
    assert loan_30.decision == Verdict.REVIEW  # allowed; reviewed for the secondary-sanctions remarks
    assert any("within the 60-day limit" in t for t in findings(loan_30)["SECTORAL_PERMITTED"])
    loan_90 = run(ROSNEFT, "debt", tenor=90)
    assert loan_90.decision == Verdict.REJECT
    assert any("EO13662-2" in t and "exceeds the 60-day" in t for t in findings(loan_90)["SECTORAL_PROHIBITED"])
    arctic = run(ROSNEFT, "goods", project="arctic")
    assert arctic.decision == Verdict.REJECT and "EO13662-4" in " ".join(findings(arctic)["SECTORAL_PROHIBITED"])
    payment = run(ROSNEFT, "payment")
    assert payment.decision == Verdict.REVIEW and "SECTORAL_PROHIBITED" not in findings(payment)
    assert "BLOCKED" not in findings(payment)


@real
def test_gazprom_neft_eo14024_directive_3():
    assert "SECTORAL_PROHIBITED" not in findings(run(GAZPROM_NEFT, "debt", tenor=10))
    for decision in (run(GAZPROM_NEFT, "debt", tenor=30), run(GAZPROM_NEFT, "equity")):
        assert decision.decision == Verdict.REJECT
        assert any("EO14024-3" in t for t in findings(decision)["SECTORAL_PROHIBITED"])
    before = run(GAZPROM_NEFT, "debt", day="2022-03-01", tenor=30)  # before its 2022-03-26 effective date
    assert "SECTORAL_PROHIBITED" not in findings(before)


@real
def test_central_bank_any_transaction_prohibited():
    for kind, tenor in (("payment", None), ("debt", 1), ("correspondent", None), ("goods", None)):
        decision = run(CBR, kind, tenor=tenor)
        assert decision.decision == Verdict.REJECT
        assert any("EO14024-4" in t for t in findings(decision)["SECTORAL_PROHIBITED"])
    assert run(CBR).decision == Verdict.REJECT  # no transaction given: Directive 4 covers any


@real
def test_vtb_is_blocked_and_its_directive_is_reported():
    decision = run(VTB, "payment")
    assert decision.decision == Verdict.BLOCK
    assert any("RUSSIA-EO14024" in t for t in findings(decision)["BLOCKED"])
    scopes = {r["scope"] for r in decision.restrictions}
    assert "EO13662-1" in scopes
    out = decision.to_dict()
    assert set(out) >= {"decision", "basis", "hits", "restrictions", "lists"} and out["decision"] == "BLOCK"
    assert out["lists"] == VERSIONS and out["hits"][0]["entity_id"] == "ofac:17013"


@real
@pytest.mark.parametrize("caption", ["LAVROV, Sergei Viktorovich", "PUTIN, Vladimir Vladimirovich"])
def test_lavrov_and_putin_are_blocked(caption):
    decision = run(caption)
    assert decision.decision == Verdict.BLOCK
    assert decision.basis[0].reference.startswith("EO 14024")


@real
def test_weak_hit_on_a_blocked_entity_is_review_not_block():
    weak = run("LAVROV, Sergei Viktorovich", score=0.75)
    assert weak.decision == Verdict.REVIEW and weak.basis[0].finding == "WEAK_HIT:BLOCKED"


@pytest.mark.parametrize("counterparty", [
    Counterparty("Pars Trading Co", country="IR"),
    Counterparty("Korea Rungra-888", country="KP"),
    Counterparty("Some LLC", address="ул. Ленина 5, Севастополь"),
    Counterparty("Some LLC", address="평양시 중구역"),
])
def test_embargo_without_any_list_hit(counterparty):
    decision = decide(counterparty, None, [], VERSIONS, "2026-01-10")
    assert decision.decision == Verdict.REJECT and decision.basis[0].finding == "JURISDICTION_EMBARGO"


def test_government_of_an_embargoed_country_is_blocked():
    gov = Counterparty("Ministry of Petroleum", country="IR", is_government=True)
    assert decide(gov, None, [], VERSIONS, "2026-01-10").decision == Verdict.BLOCK


def test_syria_before_and_after_2025_07_01():
    party = Counterparty("Damascus Traders", address="Damascus, Syria")
    assert decide(party, None, [], VERSIONS, "2025-06-30").decision == Verdict.REJECT
    assert decide(party, None, [], VERSIONS, "2025-07-01").decision == Verdict.CLEAR
    later_payment = Transaction.create("payment", "2025-07-02")
    assert decide(party, later_payment, [], VERSIONS, "2025-06-30").decision == Verdict.CLEAR  # transaction date rules


def test_caatsa_231_entity_is_secondary_risk_not_block():
    decision = decide(Counterparty("Joint Stock Company Tupolev"), None, [], VERSIONS, "2026-01-10")
    assert decision.decision == Verdict.REVIEW
    assert decision.basis[0].finding == "SECONDARY_RISK" and "§231" in decision.basis[0].reference


def test_owned_by_blocked_person_is_blocked_with_the_path():
    results = propagate([Edge("X", "A", 50), Edge("X", "B", 10), Edge("A", "B", 40)], {"X": "SDN"}, "US")
    decision = decide(Counterparty("B Holdings"), None, [], VERSIONS, "2026-01-10", ownership=[results["B"]])
    assert decision.decision == Verdict.BLOCK and "40% by A" in decision.basis[0].text


def test_unknown_program_hit_is_review_never_clear():
    odd = Entity("ofac:9", Schema.ORGANIZATION, [Name("ODD")], [ListMembership("ofac_consolidated", "NON-SDN", ["NEW-TAG"])])
    decision = decide(Counterparty("ODD"), None, [FakeHit(odd)], VERSIONS, "2026-01-10")
    assert decision.decision == Verdict.REVIEW and decision.basis[0].finding == "UNKNOWN_PROGRAM"


def test_nothing_found_is_clear_with_a_stated_basis():
    decision = decide(Counterparty("Acme GmbH", country="DE"), None, [], VERSIONS, "2026-01-10")
    assert decision.decision == Verdict.CLEAR and decision.basis[0].finding == "NO_FINDING"


@pytest.mark.parametrize("call,message", [
    (lambda: decide(Counterparty("A"), None, [], VERSIONS, "10/01/2026"), "YYYY-MM-DD"),
    (lambda: decide(Counterparty("A"), None, [], [], "2026-01-10"), "list versions"),
    (lambda: decide(Counterparty("A", country="Atlantis"), None, [], VERSIONS, "2026-01-10"), "not a known country"),
    (lambda: decide(Counterparty("A"), None, [FakeHit(Entity("x:1", Schema.PERSON), 7.0)], VERSIONS, "2026-01-10"), "outside 0..1"),
    (lambda: Counterparty(" "), "name is empty"),
    (lambda: Counterparty("A", ids=["12345"]), "TYPE:VALUE"),
])
def test_bad_input_is_an_error_never_a_silent_clear(call, message):
    with pytest.raises(ValueError, match=message):
        call()
