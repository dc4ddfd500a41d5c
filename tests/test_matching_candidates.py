"""Candidate generation: vocabulary lookups and which list names reach full scoring (real OFAC SDN)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from raqib.matching import Query, Screener
from raqib.matching.index import MatchIndex
from raqib.matching.screener import _analyse
from raqib.matching.vocabulary import FORM, Vocabulary, deletions
from conftest import parsed  # noqa: E402  (tests/ is on sys.path under pytest)


# --- vocabulary ------------------------------------------------------------------------------------
def test_deletions_cover_one_and_two_edits() -> None:
    assert deletions("abc") == {"abc", "bc", "ac", "ab"}
    assert "a" in deletions("abc", 2) and "" not in deletions("abc", 1)


@pytest.fixture(scope="module")
def small() -> Vocabulary:
    postings = {FORM + "investment": [0, 2], FORM + "investor": [1], FORM + "muhammad": [3], FORM + "muhammadi": [4],
                "s:mhmt": [3, 4]}
    return Vocabulary.build(postings, 5, ["investment", "investor", "muhammad", "muhammadi"], typo_min_length=4)


def test_postings_and_rarity(small: Vocabulary) -> None:
    assert small.get(FORM + "investment").tolist() == [0, 2]
    assert small.get(FORM + "absent") is None
    assert small.idf[small.ids[FORM + "investor"]] > small.idf[small.ids["s:mhmt"]]


def test_prefix_range_is_contiguous(small: Vocabulary) -> None:
    assert [small.keys[i] for i in small.prefix_range(FORM + "muhamm")] == [FORM + "muhammad", FORM + "muhammadi"]
    assert len(small.prefix_range(FORM + "zz")) == 0


def test_typo_neighbours_by_shared_deletion(small: Vocabulary) -> None:
    # Transposition, insertion and deletion all meet at a shared one-letter deletion.
    for typo in ("investemnt", "investmment", "invstment"):
        found = {small.keys[i] for i in small.typo_neighbours(deletions(typo))}
        assert FORM + "investment" in found


def test_vocabulary_state_round_trip(small: Vocabulary) -> None:
    again = Vocabulary.from_state(small.state(), 5)
    assert again.keys == small.keys
    assert np.array_equal(again.flat, small.flat) and np.array_equal(again.typo_hashes, small.typo_hashes)


# --- candidates on the real SDN list ---------------------------------------------------------------
@pytest.fixture(scope="module")
def screener(lists_dir: Path) -> Screener:
    return Screener(MatchIndex.build(parsed("ofac_sdn", "2023-12-28").entities, ["ofac_sdn@2023-12-28"]))


def candidate_entities(screener: Screener, name: str) -> list[str]:
    nids = screener._candidates(_analyse(name), ())
    return [screener.index.entities[screener.index.names[n].entity].id for n in nids]


@pytest.mark.parametrize(
    ("query", "entity"),
    [
        ("LADY RNIA", "ofac:36400"),  # one letter dropped from a short word
        ("STALINRAD", "ofac:21118"),  # one letter dropped
        ("KSAHAN", "ofac:25339"),  # transposition
        ("ABU GHAZALA, Muhammad Hisham Muhamm", "ofac:12919"),  # cut at 35 characters
        ("PUSHKOV AlexeiKonstantinovich", "ofac:16712"),  # two words written as one
        ("SITNIKOV Sergey Konstan tinovich", "ofac:41081"),  # one word written as two
        ("Konstantinovich Alexei PUSHKOV", "ofac:16712"),  # reordered
        ("Ali Said Ali Alhouri", "ofac:6923"),  # article joined to the name
        ("R. T. Chol", "ofac:23086"),  # initials
        ("Пригожин Евгений", "ofac:21171"),  # other script
    ],
)
def test_manipulated_names_reach_their_entity(screener: Screener, query: str, entity: str) -> None:
    assert entity in candidate_entities(screener, query)


def test_few_names_are_scored_in_full(screener: Screener) -> None:
    config = screener.config
    for query in ("Muhammad Ali", "Ivan Petrov", "Global Trading LLC"):
        nids = screener._candidates(_analyse(query), ())
        names = [screener.index.names[n] for n in nids]
        assert 0 < len({n.parts for n in names}) <= config["scored_entities"]  # a name on several lists: once
        per_entity = Counter(n.entity for n in names)
        assert max(per_entity.values()) <= config["names_per_entity"]


def test_common_names_rank_names_with_all_parts_first(screener: Screener) -> None:
    # Only common parts: names carrying all of them come first, not an arbitrary id order.
    query = _analyse("Muhammad Ali")
    nids = screener._candidates(query, ())
    for nid in nids[:3]:
        assert {p.key for p in query} <= {p.key for p in screener.index.names[nid].parts}


def test_identifier_match_is_always_scored(screener: Screener) -> None:
    facts = next(f for f in screener.index.entities if f.identifiers)
    id_type, value = facts.identifiers[0]
    result = screener.screen(Query("Unrelated Name", identifiers=[(id_type, value)]), threshold=0.0)
    assert facts.id in {h.entity_id for h in result.hits}


def test_early_stop_keeps_hits_identical_to_full_scoring(screener: Screener) -> None:
    # Scoring stops early only below the threshold: hits and scores equal those of full scoring.
    for name in ("Sergei Lavrov", "Ali Said Ali Alhouri", "Kim Jong Un", "Maria Lavrova", "VTB Bank PJSC"):
        query = Query(name)
        parts = _analyse(name)
        full: dict[str, float] = {}
        for nid in screener._candidates(parts, ()):
            listed = screener.index.names[nid]
            facts = screener.index.entities[listed.entity]
            score = screener._score(parts, query, (), listed, facts, {}).score
            full[facts.id] = max(full.get(facts.id, 0.0), score)
        expected = sorted((round(s, 4), e) for e, s in full.items() if s >= screener.threshold)
        got = sorted((h.score, h.entity_id) for h in screener.screen(query).hits)
        assert got == expected


def test_loaded_index_gives_the_same_candidates(screener: Screener, tmp_path: Path) -> None:
    screener.save(tmp_path / "index")
    loaded = Screener.load(tmp_path / "index")
    for query in ("STALINRAD", "ABU GHAZALA, Muhammad Hisham Muhamm", "R. T. Chol"):
        assert candidate_entities(loaded, query) == candidate_entities(screener, query)
