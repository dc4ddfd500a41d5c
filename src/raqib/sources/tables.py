"""Publisher vocabularies and label maps: YAML files in ``data/`` next to the parsers."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load_table(name: str) -> Any:
    """Read ``data/<name>`` fresh; callers cache what they keep (``functools.lru_cache``)."""
    return yaml.safe_load(resources.files("raqib.sources").joinpath("data", name).read_text("utf-8"))
