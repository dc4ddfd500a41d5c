"""Anchor: OpenSanctions' nomenklatura ``logic-v2`` matcher, with nomenklatura's own blocking index.

Runs only in the benchmark virtualenv (``.venv-bench``: nomenklatura + followthemoney + PyICU).
Candidates come from ``nomenklatura.blocker.Index`` (DuckDB token index with IDF weights, up to
``max_candidates`` per query), exactly as OpenSanctions' xref uses it; logic-v2 then scores each
candidate. The index matches a batch of queries at once, so a query's latency is its share of the
batch's blocking time plus its own logic-v2 scoring time.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from pathlib import Path

from raqib.model import Entity, NameQuality, Schema

from benchmarks.matchers.base import Ranked
from benchmarks.records import BenchQuery

DEFAULT_THRESHOLD = 0.7  # logic-v2's match threshold as yente and the name benchmark use it
FTM_SCHEMA = {Schema.PERSON: "Person", Schema.ORGANIZATION: "Organization", Schema.VESSEL: "Vessel",
              Schema.AIRCRAFT: "Airplane", Schema.UNKNOWN: "LegalEntity"}
QUERY_SCHEMA = {"person": "Person", "organization": "Organization", "vessel": "Vessel", "any": "LegalEntity"}


class NomenklaturaMatcher:
    name = "nomenklatura"

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, max_candidates: int = 50):
        from followthemoney import Dataset
        from nomenklatura.matching import LogicV2, ScoringConfig

        self.threshold = threshold
        self.max_candidates = max_candidates
        self.dataset = Dataset.make({"name": "raqib_bench", "title": "Raqib benchmark universe"})
        self.algorithm, self.config = LogicV2, ScoringConfig.defaults()
        self.description = (f"nomenklatura logic-v2; candidates from nomenklatura.blocker.Index "
                            f"(top {max_candidates} per query)")
        self.blocking_s = 0.0
        self._pair_ids = itertools.count()

    def _proxy(self, proxy_id: str, schema: str, strong: list[str], weak: list[str] = ()):
        from followthemoney import StatementEntity

        proxy = StatementEntity(self.dataset, {"id": proxy_id, "schema": schema})
        proxy.add("name", strong or weak)
        if strong:
            proxy.add("weakAlias", list(weak))
        return proxy

    def build(self, entities: list[Entity]) -> None:
        from nomenklatura.blocker import Index
        from nomenklatura.resolver import Linker
        from nomenklatura.store import MemoryStore

        self.ids = [e.id for e in entities]
        store = MemoryStore(self.dataset, Linker({}))
        writer = store.writer()
        for i, entity in enumerate(entities):
            strong = [n.value for n in entity.names if n.quality == NameQuality.STRONG]
            weak = [n.value for n in entity.names if n.quality != NameQuality.STRONG]
            if strong or weak:
                writer.add_entity(self._proxy(f"e{i}", FTM_SCHEMA[entity.schema], strong, weak))
        writer.flush()
        self.view = store.view(self.dataset)
        self.index = Index(self.view, Path(tempfile.mkdtemp(prefix="raqib-bench-nk-")),
                           options={"max_candidates": self.max_candidates})
        self.index.build()

    def _score(self, proxy, candidates) -> Ranked:
        scored = []
        for ident, _ in candidates:
            candidate = self.view.get_entity(ident.id)
            if candidate is not None:
                scored.append((self.ids[int(ident.id[1:])], self.algorithm.compare(proxy, candidate, self.config).score))
        scored.sort(key=lambda hit: -hit[1])
        return scored

    def search_many(self, queries: list[BenchQuery], limit: int = 10) -> tuple[dict[str, Ranked], dict[str, float]]:
        """Block the whole batch in one index query, then score each query: results and ms per query."""
        proxies = {f"q{i}": (q, self._proxy(f"q{i}", QUERY_SCHEMA[q.schema], [q.text])) for i, q in enumerate(queries)}
        started = time.perf_counter()
        blocked = {ident.id: matches for ident, matches in self.index.match_entities(p for _, p in proxies.values())}
        self.blocking_s = time.perf_counter() - started
        share_ms = 1000 * self.blocking_s / max(1, len(queries))
        results, latency = {}, {}
        for pid, (query, proxy) in proxies.items():
            t0 = time.perf_counter()
            results[query.qid] = self._score(proxy, blocked.get(pid, []))[:limit]
            latency[query.qid] = share_ms + 1000 * (time.perf_counter() - t0)
        return results, latency

    def search(self, query: BenchQuery, limit: int = 10) -> Ranked:
        return self.search_many([query], limit)[0][query.qid]

    def compare(self, name1: str, name2: str, schema: str = "any") -> float:
        ftm = QUERY_SCHEMA.get(schema, "LegalEntity")
        # Fresh ids per pair: nomenklatura caches name analysis by entity id.
        n = next(self._pair_ids)
        left, right = self._proxy(f"l{n}", ftm, [name1]), self._proxy(f"r{n}", ftm, [name2])
        return float(self.algorithm.compare(left, right, self.config).score)
