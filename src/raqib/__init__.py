"""Raqib (رقيب, "the watcher"): a multilingual sanctions screening engine."""

__version__ = "0.1.0"
