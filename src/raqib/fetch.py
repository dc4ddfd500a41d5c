"""Find publications to load: from the publishers' official URLs, or from a local mirror.

A mirror is laid out like the publishers' sites would be archived: ``<source>/<as-of date>/<the
publisher's own file names>``. Downloads land in ``<home>/downloads/<source>/<date>/`` written
atomically (temporary folder, then rename), so a broken download never looks like a publication.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from raqib.sources.registry import NOT_A_SOURCE, SOURCES, Source

_DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
USER_AGENT = "raqib/0.1 (+sanctions screening; list download)"


class FetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class Publication:
    source: Source
    version: str  # as-of date
    folder: Path
    origin: str  # mirror folder or URL(s)

    def checksum(self) -> str:
        """sha256 over the publisher's files (names and bytes), independent of folder location."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.folder.iterdir() if p.is_file()):
            digest.update(path.name.lower().encode())
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()


def mirror_publications(
    mirror: Path, only: list[str] | None = None, as_of: str | None = None, all_versions: bool = False
) -> tuple[list[Publication], list[str]]:
    """Publications to load from a mirror, oldest first, and warnings about folders not understood."""
    if not mirror.is_dir():
        raise FetchError(f"mirror directory {mirror} does not exist")
    warnings: list[str] = []
    found: list[Publication] = []
    for folder in sorted(p for p in mirror.iterdir() if p.is_dir()):
        if folder.name in NOT_A_SOURCE:
            continue
        if folder.name not in SOURCES:
            warnings.append(f"{folder}: unknown source folder (known: {', '.join(SOURCES)}); skipped")
            continue
        if only and folder.name not in only:
            continue
        versions = sorted(p for p in folder.iterdir() if p.is_dir() and _DATE_FOLDER.match(p.name))
        for odd in sorted(p for p in folder.iterdir() if p.is_dir() and not _DATE_FOLDER.match(p.name)):
            warnings.append(f"{odd}: not an as-of date folder (YYYY-MM-DD); skipped")
        if as_of:
            versions = [v for v in versions if v.name <= as_of][-1:]
        elif not all_versions:
            versions = versions[-1:]
        source = SOURCES[folder.name]
        found.extend(Publication(source, v.name, v, str(v)) for v in versions)
    if only:
        missing = set(only) - {p.source.id for p in found}
        for source_id in sorted(missing):
            warnings.append(f"{source_id}: no publication in mirror {mirror}" + (f" on or before {as_of}" if as_of else ""))
    return found, warnings


def download_publications(downloads: Path, only: list[str] | None = None, timeout: float = 60.0) -> list[Publication]:
    """Download today's publication of each source from the official URLs."""
    today = date.today().isoformat()
    publications = []
    for source in SOURCES.values():
        if only and source.id not in only:
            continue
        if not source.urls:
            continue
        target = downloads / source.id / today
        if not target.exists():
            staging = Path(tempfile.mkdtemp(prefix=f".{source.id}-", dir=_ensure(downloads)))
            try:
                for file_name, url in source.urls.items():
                    _download(url, staging / file_name, timeout)
                target.parent.mkdir(parents=True, exist_ok=True)
                staging.rename(target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        publications.append(Publication(source, today, target, ", ".join(source.urls.values())))
    return publications


def _download(url: str, path: Path, timeout: float) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, path.open("wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"cannot download {url}: {reason}. If this machine is offline, load a local mirror instead: "
            "`raqib update --mirror DIR` (or set RAQIB_MIRROR), DIR laid out as <source>/<YYYY-MM-DD>/<files>"
        ) from exc


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
