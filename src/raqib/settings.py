"""One settings object; every knob comes from ``RAQIB_*`` environment variables with defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "raqib"


@dataclass(frozen=True)
class Settings:
    home: Path  # data directory: store, index, downloads
    mirror: Path | None  # local mirror laid out like <source>/<as-of date>/<files>
    database_url: str  # SQLAlchemy URL; SQLite file in ``home`` by default
    threshold: float | None  # alert threshold; None = the matcher's calibrated default

    @property
    def index_path(self) -> Path:
        return self.home / "index.pkl"

    @property
    def downloads(self) -> Path:
        return self.home / "downloads"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from RAQIB_* variables; keyword overrides (None = not given) win."""
        given = {k: v for k, v in overrides.items() if v is not None}
        home = Path(given.pop("home", None) or os.environ.get("RAQIB_HOME") or _default_home()).expanduser()
        mirror = os.environ.get("RAQIB_MIRROR")
        values = dict(
            home=home,
            mirror=Path(mirror).expanduser() if mirror else None,
            database_url=os.environ.get("RAQIB_DATABASE_URL") or f"sqlite:///{home / 'raqib.db'}",
            threshold=float(os.environ["RAQIB_THRESHOLD"]) if os.environ.get("RAQIB_THRESHOLD") else None,
        )
        values.update(given)
        return cls(**values)
