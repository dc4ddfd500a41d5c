"""Records the harness passes between builders, matchers and metrics (JSON-serialisable)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CLEAN = "clean"
MANIPULATED = "manipulated"
CROSS_SCRIPT = "cross_script"


@dataclass(frozen=True)
class BenchQuery:
    qid: str
    text: str
    schema: str  # person | organization | vessel | any
    category: str  # manipulated | cross_script | clean
    variant: str  # variation name, cross-script source, or population country
    script: str  # ISO 15924 of the query text
    expected: tuple[str, ...] = ()  # entity ids any of which counts as found; empty for clean names
    origin: str = ""  # where the query came from (entity id + name, population country …)
    collides_with: str = ""  # clean names only: the listed person whose name this is (see collisions.py)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["expected"] = list(self.expected)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BenchQuery":
        return cls(**{**data, "expected": tuple(data.get("expected", ()))})


@dataclass(frozen=True)
class NamePair:
    name1: str
    name2: str
    schema: str
    is_match: bool
    quality: str  # STRONG | MEDIUM | WEAK
    category: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "NamePair":
        return cls(**data)


@dataclass
class MatcherRun:
    """Everything one matcher produced on one query set."""

    matcher: str
    threshold: float
    description: str
    results: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # qid -> ranked hits
    latency_ms: dict[str, float] = field(default_factory=dict)
    pair_scores: list[float] = field(default_factory=list)
    build_s: float | None = None
    save_s: float | None = None
    load_s: float | None = None
    warmup_s: float | None = None
    rss_entities_mb: float | None = None  # resident memory once the entities are loaded
    peak_rss_mb: float | None = None
    sampled_queries: int | None = None  # when a slow anchor screens a deterministic sample only
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["results"] = {q: [[e, s] for e, s in hits] for q, hits in self.results.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MatcherRun":
        run = cls(**{**data, "results": {}})
        run.results = {q: [(e, float(s)) for e, s in hits] for q, hits in data.get("results", {}).items()}
        return run
