"""Shared fixtures. Real list files are read from ../shared (never copied into the repo)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

from raqib.sources.registry import parse_folder

SHARED = Path(os.environ.get("RAQIB_SHARED", Path(__file__).resolve().parents[2] / "shared")).resolve()
LISTS = SHARED / "lists"
EVAL = SHARED / "eval"


@lru_cache(maxsize=None)
def parsed(source: str, version: str):
    """Parse ``../shared/lists/<source>/<version>/`` once per test session."""
    return parse_folder(source, LISTS / source / version)


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    if not LISTS.is_dir():
        pytest.skip(f"shared lists not found at {LISTS}")
    return LISTS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"shared evaluation data not found at {EVAL}")
    return EVAL
