"""Name matching: index, explainable features and the ``Screener`` API."""

from raqib.matching.screener import FeatureScore, Hit, Query, QueryError, Screener, ScreeningResult

__all__ = ["FeatureScore", "Hit", "Query", "QueryError", "Screener", "ScreeningResult"]
