"""The benchmark harness itself: deterministic query sets, reachable expectations, and a
benchmark that can fail (a matcher that finds nothing scores 0, a perfect one scores 1)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the benchmarks/ package at the repo root

from benchmarks.frontier import birth_dates, figures  # noqa: E402
from benchmarks.evaluate import run_matcher, sample_queries  # noqa: E402
from benchmarks.matchers.base import NullMatcher  # noqa: E402
from benchmarks.matchers.ofac_sls import OfacSlsBaseline  # noqa: E402
from benchmarks.metrics import false_alerts_per_1000, pair_table, percentile, recall_table  # noqa: E402
from benchmarks.queries import build_clean_population, build_cross_script, build_manipulated, read_pairs  # noqa: E402
from benchmarks.records import NamePair  # noqa: E402
from benchmarks.universe import Universe  # noqa: E402
from conftest import parsed  # noqa: E402

SDN = "ofac_sdn@2023-12-28"


@pytest.fixture(scope="module")
def ofac(lists_dir) -> Universe:
    return Universe((SDN,), parsed("ofac_sdn", "2023-12-28").entities)


@pytest.fixture(scope="module")
def un_entities(lists_dir):
    return parsed("un", "2025-12-10").entities


@pytest.fixture(scope="module")
def queries(ofac, un_entities, eval_dir):
    manipulated = build_manipulated(ofac, 60, seed=3)
    cross, linkage = build_cross_script(ofac, {"un": un_entities}, eval_dir / "pairs" / "ru_pep_names_ru_en.csv", 15, 3)
    clean, info = build_clean_population(eval_dir / "population" / "names_by_country_top1000.csv", set(ofac.by_key), 60, 3)
    return manipulated, cross, clean, linkage, info


class Oracle:
    """Knows every answer: returns the expected entities with score 1 (and nothing for clean names)."""

    name, threshold, description = "oracle", 0.5, "answers from the query's expectation"

    def build(self, entities):
        pass

    def search(self, query, limit=10):
        return [(e, 1.0) for e in query.expected][:limit]

    def compare(self, name1, name2, schema="any"):
        return 1.0 if self.truth[(name1, name2)] else 0.0


def test_builders_are_deterministic_under_a_seed(ofac, un_entities, eval_dir, queries):
    manipulated, cross, clean, _, _ = queries
    assert build_manipulated(ofac, 60, seed=3) == manipulated
    assert build_cross_script(ofac, {"un": un_entities}, eval_dir / "pairs" / "ru_pep_names_ru_en.csv", 15, 3)[0] == cross
    assert build_clean_population(eval_dir / "population" / "names_by_country_top1000.csv", set(ofac.by_key), 60, 3)[0] == clean
    assert [q.text for q in build_manipulated(ofac, 60, seed=4)] != [q.text for q in manipulated]


def test_every_query_expects_an_entity_of_the_universe(ofac, queries):
    manipulated, cross, clean, linkage, _ = queries
    assert manipulated and cross and clean
    assert {q.variant for q in manipulated} >= {"typo", "word_order", "legal_form_swap", "truncate35"}
    for q in manipulated + cross:
        assert q.expected and all(e in ofac.by_id for e in q.expected), q
    assert all(not q.expected for q in clean)
    assert linkage.linked["un"] > 0 and linkage.linked["ru_pep"] > 0


def test_cross_script_strings_are_absent_from_the_universe(ofac, queries):
    from benchmarks.normalize import name_key

    cross = queries[1]
    assert {q.script for q in cross} <= {"Arab", "Cyrl"}
    assert all(name_key(q.text) not in ofac.by_key for q in cross)


def test_clean_names_are_not_listed_and_cover_native_scripts(ofac, queries):
    from benchmarks.normalize import name_key

    clean = queries[2]
    assert all(name_key(q.text) not in ofac.by_key for q in clean)
    assert {"Latn", "Arab", "Cyrl"} <= {q.script for q in clean}


def _run(matcher, ofac, queries, pairs):
    manipulated, cross, clean, _, _ = queries
    qs = manipulated + cross + clean
    return qs, run_matcher(matcher, ofac.entities, qs, pairs)


def test_a_matcher_that_finds_nothing_scores_zero(ofac, queries):
    pairs = [NamePair("Olaf Scholz", "Olaf Scholze", "person", True, "STRONG")]
    qs, run = _run(NullMatcher(), ofac, queries, pairs)
    assert all(row["recall@1"] == 0 and row["recall@10"] == 0 for row in recall_table(qs, run).values())
    assert false_alerts_per_1000(qs, run)["all"]["per_1000"] == 0
    assert pair_table(pairs, run.pair_scores, run.threshold)["all"]["f1"] == 0


def test_a_perfect_matcher_scores_one(ofac, queries):
    pairs = [NamePair("a", "a", "person", True, "STRONG"), NamePair("a", "b", "person", False, "WEAK")]
    oracle = Oracle()
    oracle.truth = {(p.name1, p.name2): p.is_match for p in pairs}
    qs, run = _run(oracle, ofac, queries, pairs)
    assert all(row["recall@1"] == 1 for row in recall_table(qs, run).values())
    assert false_alerts_per_1000(qs, run)["all"]["alerts"] == 0
    assert pair_table(pairs, run.pair_scores, run.threshold)["all"]["f1"] == 1


def test_hits_below_the_threshold_do_not_count(ofac, queries):
    oracle = Oracle()
    oracle.threshold = 1.5  # every answer is right but none reaches the alert threshold
    qs, run = _run(oracle, ofac, queries[:1] + ([],) * 2 + queries[3:], [])
    assert all(row["recall@10"] == 0 for row in recall_table(qs, run).values())


def test_f1_on_a_hand_made_pair_set():
    pairs = [
        NamePair("x", "x", "person", True, "STRONG"),  # score .9 -> TP
        NamePair("x", "y", "person", True, "MEDIUM"),  # .2 -> FN
        NamePair("x", "z", "person", False, "MEDIUM"),  # .8 -> FP
        NamePair("x", "w", "person", False, "WEAK"),  # .1 -> TN
        NamePair("x", "v", "person", True, "WEAK"),  # .7 -> TP (threshold .7 is inclusive)
    ]
    table = pair_table(pairs, [0.9, 0.2, 0.8, 0.1, 0.7], threshold=0.7)
    assert (table["all"]["tp"], table["all"]["fp"], table["all"]["fn"]) == (2, 1, 1)
    assert table["all"]["precision"] == pytest.approx(2 / 3)
    assert table["all"]["recall"] == pytest.approx(2 / 3)
    assert table["all"]["f1"] == pytest.approx(2 / 3)
    assert table["MEDIUM"]["f1"] == 0 and table["STRONG"]["f1"] == 1 and table["WEAK"]["recall"] == 1


def test_name_bench_pairs_are_read_with_their_tiers(eval_dir):
    pairs = read_pairs(eval_dir / "pairs" / "name_bench_cases.csv")
    assert len(pairs) == 826 and sum(p.is_match for p in pairs) == 425
    assert {p.quality for p in pairs} == {"STRONG", "MEDIUM", "WEAK"}


def test_ofac_sls_baseline_finds_a_typo_and_not_a_stranger(ofac):
    from benchmarks.records import BenchQuery

    sls = OfacSlsBaseline()
    sls.build(ofac.entities)
    target = next(e for e in ofac.entities if e.caption == "PASARGAD BANK")
    hits = sls.search(BenchQuery("q", "PASARAGD BANK", "organization", "manipulated", "typo", "Latn", (target.id,)))
    assert hits[0][0] == target.id and hits[0][1] >= sls.threshold
    assert sls.compare("Vladimir Putin", "Vladimir Poutine") > sls.compare("Vladimir Putin", "Xu Mei")


def test_sampling_and_percentiles_are_deterministic(queries):
    qs = queries[0] + queries[2]
    assert sample_queries(qs, 20, 1) == sample_queries(qs, 20, 1)
    assert percentile([5, 1, 3, 2, 4], 50) == 3 and percentile([1.0] * 99 + [100.0], 99) == 1.0


def test_frontier_counts_at_a_threshold_and_dates_each_customer(ofac, queries):
    manipulated, cross, clean, _, _ = queries
    everything = manipulated + cross + clean
    # Every expected entity first at 0.8, every clean name alerting at 0.5.
    best = {q.qid: (q.expected[0], 0.8) if q.expected else ("ofac:1", 0.5) for q in everything}
    row = figures(everything, best, 0.7)
    assert row["manipulated Latin"] == 1.0 and row["false alerts / 1,000"] == 0.0
    assert figures(everything, best, 0.4)["false alerts / 1,000"] == 1000.0
    assert figures(everything, best, 0.9)["manipulated Latin"] == 0.0
    dates = birth_dates(everything, ofac.entities, seed=7)
    assert all(q.qid in dates for q in clean) and dates == birth_dates(everything, ofac.entities, seed=7)
    born = {e.id: e.birth_dates[0].value for e in ofac.entities if e.birth_dates}
    assert all(dates[q.qid] == born[q.expected[0]] for q in cross if q.qid in dates)
    assert not any(q.qid in dates for q in manipulated)
