"""Publisher formats -> ``raqib.model.Entity``. One module per format; parsers only parse.

Every parser module exposes ``parse(files: dict[str, Path]) -> ParsedList``: ``files`` maps the
publisher's own file names (``sdn.csv``, ``alt.csv`` …) to paths. A parser never normalises names
for matching and never touches the store. Malformed input raises ``raqib.model.ParseError`` naming
the file and the position (line, row or XML element).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from raqib.model import Entity


@dataclass
class ParsedList:
    entities: list[Entity]
    published: str | None = None  # publication date stated inside the file (ISO), if any
    warnings: list[str] = field(default_factory=list)  # recoverable oddities, file + position


__all__ = ["ParsedList", "Path"]
