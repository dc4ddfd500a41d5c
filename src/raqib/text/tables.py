"""Loads the analyst-editable tables in ``text/data/`` (cached: they are read once per process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_table(name: str) -> dict[str, Any]:
    """The parsed YAML file ``text/data/<name>.yml``."""
    path = DATA_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: top level must be a mapping")
    return data
