"""Ownership rule per regime: OFAC FAQ 401 examples, UK variant, cycles, file errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from raqib.model import Entity, Link, ListMembership, Name, ParseError, Schema
from raqib.rules.ownership import Edge, blocked_seeds, edges_from_links, load_ownership_csv, propagate

SEED = {"X": "SDN, RUSSIA-EO14024"}
FAQ_401 = {
    1: ([("X", "A", 50), ("A", "B", 50)], {"A": True, "B": True}),
    2: ([("X", "A", 50), ("X", "B", 50), ("A", "C", 25), ("B", "C", 25)], {"A": True, "B": True, "C": True}),
    3: ([("X", "A", 50), ("X", "B", 10), ("A", "B", 40)], {"A": True, "B": True}),
    4: ([("X", "A", 25), ("X", "B", 25), ("A", "C", 50), ("B", "C", 50)], {"A": False, "B": False, "C": False}),
}


def blocked(rows, regime="US", seeds=SEED) -> dict[str, bool]:
    return {k: v.blocked for k, v in propagate([Edge(*r) for r in rows], seeds, regime).items()}


@pytest.mark.parametrize("example", [1, 2, 3, 4])
@pytest.mark.parametrize("regime", ["US", "EU"])
def test_ofac_faq_401_examples(example, regime):
    rows, expected = FAQ_401[example]
    assert blocked(rows, regime) == expected


def test_example_3_counts_the_full_40_percent_and_explains_it():
    result = propagate([Edge(*r) for r in FAQ_401[3][0]], SEED, "US")["B"]
    assert result.percent == 50 and dict(result.contributions) == {"A": 40, "X": 10}
    assert "40% by A" in result.explanation and "10% by X" in result.explanation
    assert result.path == ["X", "A", "B"]


def test_example_4_says_why_not():
    result = propagate([Edge(*r) for r in FAQ_401[4][0]], SEED, "US")["C"]
    assert not result.blocked and "disregarded: A, B" in result.explanation


def test_uk_needs_more_than_50_and_does_not_aggregate_different_persons():
    assert blocked(FAQ_401[1][0], "UK") == {"A": False, "B": False}  # exactly 50% is not "more than"
    two_designees = [("X", "C", 30), ("Y", "C", 30)]
    assert blocked(two_designees, "US", {"X": "SDN", "Y": "SDN"}) == {"C": True}
    assert blocked(two_designees, "UK", {"X": "UK", "Y": "UK"}) == {"C": False}
    # one designated person's holdings through entities it owns are still its own
    via_subsidiaries = [("X", "A", 60), ("X", "B", 60), ("A", "C", 30), ("B", "C", 30)]
    assert blocked(via_subsidiaries, "UK") == {"A": True, "B": True, "C": True}


def test_cycles_terminate():
    rows = [("X", "A", 60), ("A", "B", 60), ("B", "A", 30), ("B", "D", 10), ("D", "B", 20)]
    assert blocked(rows) == {"A": True, "B": True, "D": False}
    assert blocked([("A", "B", 50), ("B", "A", 50)]) == {"A": False, "B": False}  # no seed inside the loop


@pytest.mark.parametrize("percent", [-1, 100.5])
def test_shares_outside_0_100_are_refused(percent):
    with pytest.raises(ValueError, match="outside 0-100"):
        Edge("X", "A", percent)


def test_shares_adding_up_beyond_100_are_refused():
    with pytest.raises(ValueError, match="more than 100%"):
        propagate([Edge("X", "A", 60), Edge("Y", "A", 60)], SEED, "US")


def test_unknown_regime_is_an_error():
    with pytest.raises(ValueError, match="no ownership rule"):
        propagate([], SEED, "MARS")


def test_csv_loader(tmp_path: Path):
    good = tmp_path / "own.csv"
    good.write_text("owner,owned,percent,source\nX,A,50,registry\nA,B,50%,\n", encoding="utf-8")
    assert load_ownership_csv(good) == [Edge("X", "A", 50, "registry"), Edge("A", "B", 50, "own.csv")]


@pytest.mark.parametrize("body,position,message", [
    ("owner,owned,percent\nX,A,fifty\n", "row 2", "not a number"),
    ("owner,owned,percent\nX,A,50\nX,B,-3\n", "row 3", "outside 0-100"),
    ("owner,owned,percent\nX,A,150\n", "row 2", "outside 0-100"),
    ("owner,owned,percent\nX,,50\n", "row 2", "needs both"),
    ("owner,owned\nX,A\n", "header", "percent"),
    ("owner,owned,percent\nX,A,70\nY,A,40\n", "totals", "more than 100%"),
])
def test_csv_errors_name_file_and_row(tmp_path: Path, body, position, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ParseError, match=message) as err:
        load_ownership_csv(path)
    assert err.value.position == position and err.value.path.endswith("bad.csv")


def test_seeds_come_from_blocking_lists_only_and_links_give_edges():
    sdn = Entity("ofac:1", Schema.PERSON, [Name("X")], [ListMembership("ofac_sdn", "SDN", ["RUSSIA-EO14024"])])
    mbs = Entity("ofac:2", Schema.ORGANIZATION, [Name("M")], [ListMembership("ofac_consolidated", "NS-MBS", ["CAATSA - RUSSIA"])])
    sub = Entity("ofac:3", Schema.ORGANIZATION, [Name("S")], links=[
        Link("owned_by", "M", "ofac:2", share=80.0), Link("owned_by", "X", "ofac:1", share=20.0),
        Link("linked_to", "Y", "ofac:9")])
    seeds = blocked_seeds([sdn, mbs, sub], "US")
    assert seeds == {"ofac:1": "SDN, RUSSIA-EO14024"}  # NS-MBS never propagates
    edges = edges_from_links([sub])
    assert {(e.owner, e.owned, e.percent) for e in edges} == {("ofac:2", "ofac:3", 80.0), ("ofac:1", "ofac:3", 20.0)}
    assert propagate(edges, seeds, "US")["ofac:3"].blocked is False
