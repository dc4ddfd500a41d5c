"""Restriction kinds from list memberships, programs and sanction facts."""

from __future__ import annotations

import pytest

from raqib.model import Entity, ListMembership, Name, Schema
from raqib.rules.lsp import lsp_matches
from raqib.rules.restrictions import Kind, UnknownProgramError, program_info, restrictions_for
from conftest import LISTS, parsed


def org(name: str, lists: list[ListMembership], facts: dict | None = None, remarks: str | None = None) -> Entity:
    return Entity("ofac:1", Schema.ORGANIZATION, [Name(name)], lists, sanction_facts=facts or {}, remarks=remarks)


def kinds(entity: Entity) -> set[Kind]:
    return {r.kind for r in restrictions_for(entity)}


def test_any_program_on_the_sdn_list_blocks():
    entity = org("X", [ListMembership("ofac_sdn", "SDN", ["SDGT", "IRGC"])])
    blocked = [r for r in restrictions_for(entity) if r.kind == Kind.BLOCKED]
    assert {r.program for r in blocked} == {"SDGT", "IRGC"}
    assert all(r.regime == "US" and "EO 13224" in blocked[0].authority for r in blocked[:1])


@pytest.mark.parametrize("label,regime", [("UN", "UN"), ("UK", "UK"), ("EU", "EU"), ("CA", "CA")])
def test_other_asset_freeze_lists_block_under_their_regime(label, regime):
    entity = org("X", [ListMembership("x", label, ["Russia"], authority="Regulation 269/2014")])
    (restriction,) = restrictions_for(entity)
    assert (restriction.kind, restriction.regime, restriction.authority) == (Kind.BLOCKED, regime, "Regulation 269/2014")


@pytest.mark.parametrize("label,program,kind", [
    ("NS-MBS", "CAATSA - RUSSIA", Kind.NON_BLOCKING),
    ("CMIC", "CMIC-EO13959", Kind.NON_BLOCKING),
    ("NON-SDN", "NS-PLC", Kind.NON_BLOCKING),
    ("NON-SDN", "UKRAINE-EO13662", Kind.SECTORAL),
])
def test_non_sdn_memberships_do_not_block(label, program, kind):
    assert kinds(org("X", [ListMembership("ofac_consolidated", label, [program])])) == {kind}


def test_directive_determinations_become_sectoral_restrictions_with_dates():
    entity = org("X", [ListMembership("ofac_consolidated", "SSI", ["UKRAINE-EO13662", "RUSSIA-EO14024"])], {
        "Executive Order 13662 Directive Determination -": ["Subject to Directive 2"],
        "Executive Order 14024 Directive Information": ["Subject to Directive 3 - All transactions in …"],
        "Effective Date (EO 14024 Directive 3):": ["26 Mar 2022"],
        "Secondary sanctions risk:": ["See Section 11 of Executive Order 14024."],
    })
    by_scope = {r.scope: r for r in restrictions_for(entity)}
    assert by_scope["EO14024-3"].effective_from.isoformat() == "2022-03-26"
    assert by_scope["EO13662-2"].effective_from.isoformat() == "2014-07-16"  # directive date: entry gives none
    assert "no effective date" in by_scope["EO13662-2"].evidence
    assert by_scope["secondary sanctions risk"].kind == Kind.SECONDARY_RISK
    assert "SSI" not in by_scope  # program-level row superseded by the directives


def test_legacy_remarks_are_read_when_facts_are_missing():
    remarks = ("SWIFT/BIC VTBRRUMM; Executive Order 13662 Directive Determination - Subject to Directive 1; "
               "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201")
    entity = org("VTB", [ListMembership("ofac_sdn", "SDN", ["UKRAINE-EO13662"])], remarks=remarks)
    scopes = {(r.kind, r.scope) for r in restrictions_for(entity)}
    assert (Kind.SECTORAL, "EO13662-1") in scopes and (Kind.BLOCKED, "SDN") in scopes
    assert any(k == Kind.SECONDARY_RISK for k, _ in scopes)


def test_unknown_program_is_never_dropped():
    entity = org("X", [ListMembership("ofac_consolidated", "NON-SDN", ["NEW-PROGRAM-EO99999"])])
    (restriction,) = restrictions_for(entity)
    assert restriction.kind == Kind.UNKNOWN_PROGRAM and restriction.program == "NEW-PROGRAM-EO99999"
    on_sdn = org("X", [ListMembership("ofac_sdn", "SDN", ["NEW-PROGRAM-EO99999"])])
    assert kinds(on_sdn) == {Kind.BLOCKED, Kind.UNKNOWN_PROGRAM}  # still blocked: it is on the SDN list
    assert kinds(org("X", [ListMembership("x", "MYSTERY-LIST", [])])) == {Kind.UNKNOWN_PROGRAM}
    with pytest.raises(UnknownProgramError, match="NEW-PROGRAM-EO99999"):
        program_info("NEW-PROGRAM-EO99999")
    assert program_info("[RUSSIA-EO14024]").authority.startswith("EO 14024")


def test_caatsa_231_lsp_is_secondary_risk_only():
    assert [m[1] for m in lsp_matches(["JSC Rosoboronexport", "Рособоронэкспорт", "Acme Trading LLC"])] == [
        "Rosoboronexport", "Rosoboronexport"]
    entity = org("ALMAZ-ANTEY AIR AND SPACE DEFENSE CORPORATION JSC", [])
    (restriction,) = restrictions_for(entity)
    assert restriction.kind == Kind.SECONDARY_RISK and "§231" in restriction.authority


@pytest.mark.skipif(not LISTS.is_dir(), reason="shared lists not available")
def test_every_program_on_the_real_lists_is_in_the_table():
    entities = parsed("ofac_sdn", "2023-12-28").entities + parsed("ofac_consolidated", "2026-01-08").entities
    unknown = {(r.program, r.scope) for e in entities for r in restrictions_for(e) if r.kind == Kind.UNKNOWN_PROGRAM}
    assert unknown == set()
    sdn = parsed("ofac_sdn", "2023-12-28").entities
    assert all(Kind.BLOCKED in kinds(e) for e in sdn[:500])


@pytest.mark.skipif(not LISTS.is_dir(), reason="shared lists not available")
def test_rosneft_is_sectoral_not_blocked():
    rosneft = next(e for e in parsed("ofac_consolidated", "2026-01-08").entities
                   if e.caption == "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY")
    found = restrictions_for(rosneft)
    assert {r.scope for r in found if r.kind == Kind.SECTORAL} == {"EO13662-2", "EO13662-4"}
    assert Kind.BLOCKED not in {r.kind for r in found}


def test_canada_schedule_decides_the_kind(lists_dir):
    """Canada's Russia Regulations: Schedule 1 freezes; Schedules 2–3 restrict new debt (sectoral)."""
    from conftest import parsed
    from raqib.rules.restrictions import Kind, restrictions_for

    entities = parsed("canada", "2025-03-20").entities
    rosneft = next(e for e in entities if any(n.value.lower() == "rosneft" for n in e.names))
    assert "Schedule 3" in rosneft.lists[0].authority
    kinds = {r.kind for r in restrictions_for(rosneft)}
    assert Kind.SECTORAL in kinds and Kind.BLOCKED not in kinds
    frozen = next(e for e in entities if e.lists[0].authority and "Schedule 1" in e.lists[0].authority)
    assert Kind.BLOCKED in {r.kind for r in restrictions_for(frozen)}
