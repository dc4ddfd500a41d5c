"""Raqib's own screener behind the benchmark protocol."""

from __future__ import annotations

from pathlib import Path

from raqib.model import Entity

from benchmarks.matchers.base import Ranked
from benchmarks.records import BenchQuery


class RaqibMatcher:
    name = "raqib"
    description = "raqib.matching.Screener with its own index; name-only queries at its default threshold"

    def __init__(self, versions: list[str] | None = None):
        self.versions = versions or []
        self.screener = None

    @property
    def threshold(self) -> float:
        return float(self.screener.threshold) if self.screener is not None else float("nan")

    def build(self, entities: list[Entity]) -> None:
        from raqib.matching import Screener

        self.screener = Screener.from_entities(entities, versions=self.versions)

    def save(self, path: Path) -> None:
        self.screener.save(path)

    def load(self, path: Path) -> None:
        from raqib.matching import Screener

        self.screener = Screener.load(path)

    def search(self, query: BenchQuery, limit: int = 10) -> Ranked:
        from raqib.matching import Query

        result = self.screener.screen(Query(name=query.text, schema=query.schema), limit=limit)
        return [(hit.entity_id, float(hit.score)) for hit in result.hits]

    def batch(self):
        """Queries screened as one batch, as ``raqib screen-file`` screens a file (``Screener.batch``)."""
        return self.screener.batch()

    def compare(self, name1: str, name2: str, schema: str = "any") -> float:
        return float(self.screener.compare_names(name1, name2, schema=schema))
