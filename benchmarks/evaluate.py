"""Run one matcher over the query sets and pairs, timing each step (single thread)."""

from __future__ import annotations

import resource
from contextlib import nullcontext
import tempfile
import time
from pathlib import Path

from raqib.model import Entity

from benchmarks.matchers.base import Matcher
from benchmarks.records import BenchQuery, MatcherRun, NamePair


def rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_matcher(matcher: Matcher, entities: list[Entity], queries: list[BenchQuery], pairs: list[NamePair],
                limit: int = 10) -> MatcherRun:
    run = MatcherRun(matcher=matcher.name, threshold=float("nan"), description=matcher.description)
    run.rss_entities_mb = rss_mb()
    started = time.perf_counter()
    matcher.build(entities)
    run.build_s = time.perf_counter() - started
    if hasattr(matcher, "save") and hasattr(matcher, "load"):
        with tempfile.TemporaryDirectory(prefix="raqib-bench-") as tmp:
            path = Path(tmp) / "index"
            started = time.perf_counter()
            matcher.save(path)
            run.save_s = time.perf_counter() - started
            started = time.perf_counter()
            matcher.load(path)  # screen with the loaded index, as production does
            run.load_s = time.perf_counter() - started
    run.threshold = float(matcher.threshold)
    if queries:
        started = time.perf_counter()
        matcher.search(queries[0], limit)  # warm-up: lazy caches, first-call imports
        run.warmup_s = time.perf_counter() - started
    if hasattr(matcher, "search_many"):
        run.results, run.latency_ms = matcher.search_many(queries, limit)
    else:
        with matcher.batch() if hasattr(matcher, "batch") else nullcontext():  # how the matcher screens files
            for query in queries:
                started = time.perf_counter()
                run.results[query.qid] = matcher.search(query, limit)[:limit]
                run.latency_ms[query.qid] = 1000 * (time.perf_counter() - started)
    run.pair_scores = [matcher.compare(p.name1, p.name2, p.schema) for p in pairs]
    run.peak_rss_mb = rss_mb()
    return run


def sample_queries(queries: list[BenchQuery], size: int, seed: int) -> list[BenchQuery]:
    """A deterministic sample keeping each category's share (for slow anchors)."""
    import random

    if size >= len(queries):
        return queries
    by_category: dict[str, list[BenchQuery]] = {}
    for q in sorted(queries, key=lambda q: q.qid):
        by_category.setdefault(q.category, []).append(q)
    rng = random.Random(f"{seed}:sample")
    chosen: list[BenchQuery] = []
    for category, members in sorted(by_category.items()):
        chosen += rng.sample(members, max(1, round(size * len(members) / len(queries))))
    return sorted(chosen, key=lambda q: q.qid)
