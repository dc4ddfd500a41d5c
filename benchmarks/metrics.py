"""Effectiveness and speed metrics from a ``MatcherRun`` (pure functions)."""

from __future__ import annotations

import math
from collections import defaultdict

from benchmarks.records import CLEAN, BenchQuery, MatcherRun, NamePair


def rank_found(query: BenchQuery, hits: list[tuple[str, float]], threshold: float) -> int | None:
    """1-based rank of the first expected entity among hits at or above the threshold."""
    alerting = [entity_id for entity_id, score in hits if score >= threshold]
    expected = set(query.expected)
    return next((i + 1 for i, entity_id in enumerate(alerting) if entity_id in expected), None)


def recall(queries: list[BenchQuery], run: MatcherRun, k: int) -> float | None:
    found = [rank_found(q, run.results.get(q.qid, []), run.threshold) for q in queries]
    return sum(1 for r in found if r is not None and r <= k) / len(found) if found else None


def recall_table(queries: list[BenchQuery], run: MatcherRun) -> dict[str, dict[str, float | int | None]]:
    """Recall@1/@10 per group: category, category/variant and category/script."""
    groups: dict[str, list[BenchQuery]] = defaultdict(list)
    for q in queries:
        if q.category == CLEAN or q.qid not in run.results:
            continue
        keys = (q.category, f"{q.category}/{q.variant}", f"{q.category}/script:{q.script}",
                f"{q.category}/{q.schema}/script:{q.script}")  # the targets are per person & script
        for key in keys:
            groups[key].append(q)
    return {key: {"n": len(qs), "recall@1": recall(qs, run, 1), "recall@10": recall(qs, run, 10)}
            for key, qs in sorted(groups.items())}


def false_alerts_per_1000(queries: list[BenchQuery], run: MatcherRun) -> dict[str, dict[str, float | int]]:
    """A clean name alerts when any hit reaches the threshold; per script and overall."""
    groups: dict[str, list[BenchQuery]] = defaultdict(list)
    for q in queries:
        if q.category == CLEAN and q.qid in run.results:
            groups["all"].append(q)
            groups[f"script:{q.script}"].append(q)
            if not q.collides_with:  # a listed person's own name alerting is a true name match
                groups["excluding name collisions"].append(q)
    table = {}
    for key, qs in sorted(groups.items()):
        alerts = sum(1 for q in qs if any(s >= run.threshold for _, s in run.results[q.qid]))
        table[key] = {"n": len(qs), "alerts": alerts, "per_1000": 1000 * alerts / len(qs)}
    return table


def prf(labels: list[bool], predicted: list[bool]) -> dict[str, float | int]:
    tp = sum(1 for y, p in zip(labels, predicted) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * rec / (precision + rec) if precision + rec else 0.0
    return {"n": len(labels), "precision": precision, "recall": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def pair_table(pairs: list[NamePair], scores: list[float], threshold: float) -> dict[str, dict[str, float | int]]:
    if len(pairs) != len(scores):
        raise ValueError(f"{len(pairs)} pairs but {len(scores)} scores")
    table = {"all": prf([p.is_match for p in pairs], [s >= threshold for s in scores])}
    for tier in ("STRONG", "MEDIUM", "WEAK"):
        chosen = [(p, s) for p, s in zip(pairs, scores) if p.quality == tier]
        if chosen:
            table[tier] = prf([p.is_match for p, _ in chosen], [s >= threshold for _, s in chosen])
    return table


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def speed(run: MatcherRun) -> dict[str, float | None]:
    latencies = list(run.latency_ms.values())
    total_s = sum(latencies) / 1000
    return {
        "queries": len(latencies),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "names_per_s_per_core": len(latencies) / total_s if total_s else None,  # one thread
        "build_s": run.build_s,
        "save_s": run.save_s,
        "load_s": run.load_s,
        "warmup_s": run.warmup_s,
        "rss_entities_mb": run.rss_entities_mb,
        "peak_rss_mb": run.peak_rss_mb,
        "index_mb": (run.peak_rss_mb - run.rss_entities_mb) if run.peak_rss_mb and run.rss_entities_mb else None,
    }


def summarise(queries: list[BenchQuery], pairs: list[NamePair], run: MatcherRun) -> dict:
    return {
        "matcher": run.matcher,
        "description": run.description,
        "threshold": run.threshold,
        "sampled_queries": run.sampled_queries,
        "recall": recall_table(queries, run),
        "false_alerts": false_alerts_per_1000(queries, run),
        "pairs": pair_table(pairs, run.pair_scores, run.threshold) if run.pair_scores else {},
        "speed": speed(run),
        "notes": run.notes,
    }
