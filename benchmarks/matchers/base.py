"""The matcher protocol every screening engine is benchmarked through."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from raqib.model import Entity

from benchmarks.records import BenchQuery

Ranked = list[tuple[str, float]]  # (entity id, score), best first


@runtime_checkable
class Matcher(Protocol):
    name: str
    threshold: float  # the matcher's default alert threshold
    description: str  # how candidates are found, stated in the report

    def build(self, entities: list[Entity]) -> None: ...

    def search(self, query: BenchQuery, limit: int = 10) -> Ranked: ...

    def compare(self, name1: str, name2: str, schema: str = "any") -> float: ...


class Persistent(Protocol):
    """Matchers whose index can be saved and loaded (load time is reported)."""

    def save(self, path: Path) -> None: ...

    def load(self, path: Path) -> None: ...


class NullMatcher:
    """Finds nothing: the benchmark must score it 0, proving the benchmark can fail."""

    name = "null"
    threshold = 0.5
    description = "returns no candidates"

    def build(self, entities: list[Entity]) -> None:
        pass

    def search(self, query: BenchQuery, limit: int = 10) -> Ranked:
        return []

    def compare(self, name1: str, name2: str, schema: str = "any") -> float:
        return 0.0
