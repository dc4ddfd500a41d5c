"""Query-set builders. Every builder is deterministic for a given seed and input data."""

from benchmarks.queries.cross_script import build_cross_script
from benchmarks.queries.manipulated import build_manipulated
from benchmarks.queries.pairs import read_pairs
from benchmarks.queries.population import build_clean_population

__all__ = ["build_clean_population", "build_cross_script", "build_manipulated", "read_pairs"]
