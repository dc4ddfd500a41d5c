"""The store: every loaded list version and its entities (SQLite by default, any SQLAlchemy URL).

The store is the truth; the matching index is a cache rebuilt from it. Loading a version is one
transaction: either the whole version with all its entities is there, or nothing changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from raqib.model import Entity, ListVersion

metadata = MetaData()

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(64), nullable=False, index=True),
    Column("version", String(32), nullable=False),
    Column("published", String(32)),
    Column("checksum", String(64), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("origin", Text),
    Column("loaded_at", String(32), nullable=False),
    UniqueConstraint("source", "version", "checksum"),
)

entities = Table(
    "entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(128), primary_key=True),
    Column("schema", String(32), nullable=False),
    Column("caption", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("data", Text, nullable=False),
)


class StoreError(RuntimeError):
    pass


@dataclass
class EntityChange:
    entity_id: str
    caption: str
    fields: dict[str, dict[str, list]] = field(default_factory=dict)  # field -> {"added": [...], "removed": [...]}


@dataclass
class Delta:
    source: str
    old: ListVersion
    new: ListVersion
    added: list[tuple[str, str]]  # (entity_id, caption)
    removed: list[tuple[str, str]]
    changed: list[EntityChange]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "from": self.old.version,
            "to": self.new.version,
            "added": [{"entity_id": i, "caption": c} for i, c in self.added],
            "removed": [{"entity_id": i, "caption": c} for i, c in self.removed],
            "changed": [{"entity_id": c.entity_id, "caption": c.caption, "fields": c.fields} for c in self.changed],
            "counts": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)},
        }


class Store:
    def __init__(self, url: str):
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    # --- writing ---------------------------------------------------------------------------
    def add_version(self, version: ListVersion, items: Iterable[Entity]) -> ListVersion:
        """Store one publication atomically. Entities with the same id are merged."""
        merged: dict[str, Entity] = {}
        for entity in items:
            merged[entity.id] = merged[entity.id].merge(entity) if entity.id in merged else entity
        loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            if self.find_version(version.source, version.version, version.checksum, conn=conn):
                raise StoreError(f"{version.label} with checksum {version.checksum[:12]} is already loaded")
            version_id = conn.execute(
                insert(list_versions).values(
                    source=version.source,
                    version=version.version,
                    published=version.published,
                    checksum=version.checksum,
                    entity_count=len(merged),
                    origin=version.origin,
                    loaded_at=loaded_at,
                )
            ).inserted_primary_key[0]
            rows = [
                {
                    "version_id": version_id,
                    "entity_id": e.id,
                    "schema": e.schema.value,
                    "caption": e.caption,
                    "digest": e.digest(),
                    "data": json.dumps(e.to_dict(), ensure_ascii=False),
                }
                for e in merged.values()
            ]
            for start in range(0, len(rows), 5000):
                conn.execute(insert(entities), rows[start : start + 5000])
        return self.version_by_id(version_id)

    # --- reading ---------------------------------------------------------------------------
    def versions(self, source: str | None = None) -> list[ListVersion]:
        query = select(list_versions).order_by(list_versions.c.source, list_versions.c.version, list_versions.c.id)
        if source:
            query = query.where(list_versions.c.source == source)
        with self.engine.connect() as conn:
            return [_version(row) for row in conn.execute(query)]

    def version_by_id(self, version_id: int) -> ListVersion:
        with self.engine.connect() as conn:
            row = conn.execute(select(list_versions).where(list_versions.c.id == version_id)).one()
        return _version(row)

    def find_version(self, source: str, version: str, checksum: str | None = None, conn=None) -> ListVersion | None:
        query = select(list_versions).where(list_versions.c.source == source, list_versions.c.version == version)
        if checksum:
            query = query.where(list_versions.c.checksum == checksum)
        query = query.order_by(list_versions.c.id.desc())
        if conn is None:
            with self.engine.connect() as own:
                row = own.execute(query).first()
        else:
            row = conn.execute(query).first()
        return _version(row) if row else None

    def current_versions(self) -> list[ListVersion]:
        """The newest loaded version of every source: what screening uses."""
        newest: dict[str, ListVersion] = {}
        for v in self.versions():
            if v.source not in newest or (v.version, v.id) >= (newest[v.source].version, newest[v.source].id):
                newest[v.source] = v
        return list(newest.values())

    def resolve(self, source: str, version: str | None) -> ListVersion:
        if version is None:
            current = [v for v in self.current_versions() if v.source == source]
            if not current:
                raise StoreError(f"no version of {source} is loaded; run `raqib update`")
            return current[0]
        found = self.find_version(source, version)
        if not found:
            known = ", ".join(v.version for v in self.versions(source)) or "none"
            raise StoreError(f"{source} version {version} is not loaded (loaded: {known})")
        return found

    def iter_entities(self, version: ListVersion) -> Iterator[Entity]:
        query = select(entities.c.data).where(entities.c.version_id == version.id)
        with self.engine.connect() as conn:
            for (data,) in conn.execute(query):
                yield Entity.from_dict(json.loads(data))

    def entity(self, entity_id: str) -> tuple[Entity, list[ListVersion]] | None:
        """The entity as carried by the current versions (merged across sources)."""
        current = {v.id: v for v in self.current_versions()}
        if not current:
            return None
        query = select(entities.c.version_id, entities.c.data).where(
            entities.c.entity_id == entity_id, entities.c.version_id.in_(list(current))
        )
        merged, seen = None, []
        with self.engine.connect() as conn:
            for version_id, data in conn.execute(query):
                record = Entity.from_dict(json.loads(data))
                merged = record if merged is None else merged.merge(record)
                seen.append(current[version_id])
        return (merged, seen) if merged else None

    def current_entities(self) -> tuple[list[Entity], list[ListVersion]]:
        """Every entity of the current versions, merged by id across sources (one OFAC entry on SDN and SSI)."""
        versions = self.current_versions()
        merged: dict[str, Entity] = {}
        for version in versions:
            for entity in self.iter_entities(version):
                merged[entity.id] = merged[entity.id].merge(entity) if entity.id in merged else entity
        return list(merged.values()), versions

    def count_entities(self, version: ListVersion) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).where(entities.c.version_id == version.id)).scalar_one()

    # --- deltas ----------------------------------------------------------------------------
    def delta(self, source: str, old: str | None = None, new: str | None = None) -> Delta:
        """Added, removed and changed entities between two versions (default: the two newest)."""
        if old is None and new is None:
            loaded = self.versions(source)
            if len(loaded) < 2:
                raise StoreError(f"{source}: need two loaded versions to compare, have {len(loaded)}")
            old_v, new_v = loaded[-2], loaded[-1]
        else:
            new_v = self.resolve(source, new)
            old_v = self.resolve(source, old) if old else _previous(self.versions(source), new_v)
        before, after = self._digests(old_v), self._digests(new_v)
        added = sorted((i, after[i][1]) for i in after.keys() - before.keys())
        removed = sorted((i, before[i][1]) for i in before.keys() - after.keys())
        changed_ids = sorted(i for i in before.keys() & after.keys() if before[i][0] != after[i][0])
        old_data, new_data = self._data(old_v, changed_ids), self._data(new_v, changed_ids)
        changed = [
            EntityChange(i, after[i][1], field_changes(old_data[i], new_data[i])) for i in changed_ids
        ]
        return Delta(source, old_v, new_v, added, removed, changed)

    def _digests(self, version: ListVersion) -> dict[str, tuple[str, str]]:
        query = select(entities.c.entity_id, entities.c.digest, entities.c.caption).where(
            entities.c.version_id == version.id
        )
        with self.engine.connect() as conn:
            return {i: (d, c) for i, d, c in conn.execute(query)}

    def _data(self, version: ListVersion, ids: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = select(entities.c.entity_id, entities.c.data).where(
                    entities.c.version_id == version.id, entities.c.entity_id.in_(chunk)
                )
                out.update({i: json.loads(d) for i, d in conn.execute(query)})
        return out


def field_changes(old: dict, new: dict) -> dict[str, dict[str, list]]:
    """Per top-level field: the items added and removed (order-insensitive)."""
    changes: dict[str, dict[str, list]] = {}
    for key in sorted(old.keys() | new.keys()):
        a, b = _items(old.get(key)), _items(new.get(key))
        if a != b:
            changes[key] = {"added": sorted(b - a), "removed": sorted(a - b)}
    return changes


def _items(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list):
        return {json.dumps(v, ensure_ascii=False, sort_keys=True) if not isinstance(v, str) else v for v in value}
    if isinstance(value, dict):
        return {json.dumps({k: v}, ensure_ascii=False, sort_keys=True) for k, v in value.items()}
    return {str(value)}


def _previous(loaded: list[ListVersion], version: ListVersion) -> ListVersion:
    older = [v for v in loaded if (v.version, v.id) < (version.version, version.id)]
    if not older:
        raise StoreError(f"{version.label} is the oldest loaded version; nothing to compare with")
    return older[-1]


def _version(row) -> ListVersion:
    m = row._mapping
    return ListVersion(
        source=m["source"],
        version=m["version"],
        checksum=m["checksum"],
        entity_count=m["entity_count"],
        published=m["published"],
        loaded_at=m["loaded_at"],
        origin=m["origin"],
        id=m["id"],
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
