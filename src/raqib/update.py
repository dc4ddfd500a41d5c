"""``raqib update``: fetch publications, parse them, store each version atomically, rebuild the index.

A publication that fails to parse is reported with the file and position and leaves the store as it
was: the previous version of that source stays in service.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from raqib.fetch import Publication, download_publications, mirror_publications
from raqib.engine import record_index_versions
from raqib.model import ListVersion, ParseError
from raqib.settings import Settings
from raqib.store import Store


@dataclass
class LoadReport:
    source: str
    version: str
    status: str  # loaded | unchanged | failed
    entities: int = 0
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [])}


@dataclass
class UpdateResult:
    origin: str  # "mirror <dir>" or "official URLs"
    reports: list[LoadReport]
    warnings: list[str]
    index_seconds: float | None = None

    @property
    def failed(self) -> list[LoadReport]:
        return [r for r in self.reports if r.status == "failed"]

    def to_dict(self) -> dict:
        return {
            "origin": self.origin,
            "loads": [r.to_dict() for r in self.reports],
            "warnings": self.warnings,
            "index_seconds": self.index_seconds,
        }


def update(
    settings: Settings,
    store: Store,
    mirror: Path | None = None,
    only: list[str] | None = None,
    as_of: str | None = None,
    all_versions: bool = False,
    on_publication: Callable[[Publication], None] | None = None,
    build_index: bool = True,
) -> UpdateResult:
    mirror = mirror or settings.mirror
    if mirror:
        publications, warnings = mirror_publications(mirror, only, as_of, all_versions)
        origin = f"mirror {mirror}"
    else:
        if as_of or all_versions:
            raise ValueError("--as-of and --all-versions need a mirror: publishers serve only their current list")
        publications, warnings = download_publications(settings.downloads, only), []
        origin = "official URLs"
    reports = []
    for publication in publications:
        if on_publication:
            on_publication(publication)
        reports.append(load_publication(store, publication))
    result = UpdateResult(origin, reports, warnings)
    needs_index = any(r.status == "loaded" for r in reports) or not settings.index_path.exists()
    if build_index and needs_index and store.current_versions():
        started = time.perf_counter()
        rebuild_index(settings, store)
        result.index_seconds = round(time.perf_counter() - started, 2)
    return result


def load_publication(store: Store, publication: Publication) -> LoadReport:
    started = time.perf_counter()
    source, version = publication.source.id, publication.version
    checksum = publication.checksum()
    if store.find_version(source, version, checksum):
        return LoadReport(source, version, "unchanged")
    try:
        fmt, files = publication.source.format_for(publication.folder)
        parsed = fmt.parse(files)
        if not parsed.entities:
            raise ParseError(str(publication.folder), "whole file", "no entities found")
        stored = store.add_version(
            ListVersion(
                source=source,
                version=version,
                checksum=checksum,
                entity_count=len(parsed.entities),
                published=parsed.published,
                origin=publication.origin,
            ),
            parsed.entities,
        )
    except (ParseError, FileNotFoundError, ValueError, OSError) as exc:
        return LoadReport(source, version, "failed", error=str(exc), seconds=round(time.perf_counter() - started, 2))
    return LoadReport(
        source,
        version,
        "loaded",
        entities=stored.entity_count,
        seconds=round(time.perf_counter() - started, 2),
        warnings=parsed.warnings[:50],
    )


def rebuild_index(settings: Settings, store: Store):
    """Compile the matching index from the store's current versions and save it."""
    from raqib.matching import Screener  # heavy import only when needed

    entities, versions = store.current_entities()
    screener = Screener.from_entities(entities, versions=[v.label for v in versions], threshold=None)
    settings.home.mkdir(parents=True, exist_ok=True)
    tmp = settings.index_path.with_suffix(".tmp")
    screener.save(tmp)
    tmp.replace(settings.index_path)  # atomic: readers see the old or the new index, never half
    record_index_versions(settings, store)
    return screener
