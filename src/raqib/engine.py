"""Open the store and a matching index that is in step with it (the library's entry point).

The index is a cache: its sidecar file records the list versions it was compiled from, and it is
rebuilt whenever the store's current versions differ.
"""

from __future__ import annotations

import json

from raqib.settings import Settings
from raqib.store import Store


class NoListsLoaded(RuntimeError):
    pass


def open_store(settings: Settings) -> Store:
    settings.home.mkdir(parents=True, exist_ok=True)
    return Store(settings.database_url)


def index_versions_path(settings: Settings):
    return settings.index_path.with_suffix(".versions.json")


def load_screener(settings: Settings, store: Store | None = None):
    from raqib.matching import Screener
    from raqib.update import rebuild_index

    store = store or open_store(settings)
    current = sorted(v.label + "#" + v.checksum[:12] for v in store.current_versions())
    if not current:
        raise NoListsLoaded(
            f"no sanctions lists are loaded in {settings.home}; run `raqib update` "
            "(offline: `raqib update --mirror DIR`)"
        )
    sidecar = index_versions_path(settings)
    if settings.index_path.exists() and sidecar.exists():
        if json.loads(sidecar.read_text("utf-8")) == current:
            return Screener.load(settings.index_path, threshold=settings.threshold)
    screener = rebuild_index(settings, store)
    if settings.threshold is not None:
        screener.threshold = settings.threshold
    return screener


def record_index_versions(settings: Settings, store: Store) -> None:
    current = sorted(v.label + "#" + v.checksum[:12] for v in store.current_versions())
    index_versions_path(settings).write_text(json.dumps(current), "utf-8")
