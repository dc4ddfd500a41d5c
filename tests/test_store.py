"""Store: versions kept, atomic loads, deltas that ignore element order."""

from __future__ import annotations

import pytest

from raqib.model import DateValue, Entity, ListVersion, Name, NameKind, Schema
from raqib.store import Store, StoreError


def person(entity_id: str, name: str, *aliases: str, dob: str | None = None) -> Entity:
    names = [Name(name)] + [Name(a, kind=NameKind.AKA) for a in aliases]
    return Entity(entity_id, Schema.PERSON, names=names, birth_dates=[DateValue(dob)] if dob else [])


def version(v: str, checksum: str = "", count: int = 0) -> ListVersion:
    return ListVersion("ofac_sdn", v, checksum or f"sum-{v}", count)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'raqib.db'}")


def test_versions_are_kept_and_current_is_newest(store):
    store.add_version(version("2022-02-24"), [person("ofac:1", "A B")])
    store.add_version(version("2022-02-28"), [person("ofac:1", "A B"), person("ofac:2", "C D")])
    assert [v.version for v in store.versions("ofac_sdn")] == ["2022-02-24", "2022-02-28"]
    (current,) = store.current_versions()
    assert current.version == "2022-02-28" and current.entity_count == 2


def test_same_publication_twice_is_refused(store):
    store.add_version(version("2022-02-24"), [person("ofac:1", "A B")])
    with pytest.raises(StoreError, match="already loaded"):
        store.add_version(version("2022-02-24"), [person("ofac:1", "A B")])


def test_failed_load_leaves_previous_version_intact(store):
    store.add_version(version("2022-02-24"), [person("ofac:1", "A B")])

    def broken():
        yield person("ofac:1", "A B")
        raise ValueError("parser died half-way")

    with pytest.raises(ValueError):
        store.add_version(version("2022-02-28"), broken())
    assert [v.version for v in store.versions()] == ["2022-02-24"]
    entities, versions = store.current_entities()
    assert [e.id for e in entities] == ["ofac:1"] and versions[0].version == "2022-02-24"


def test_delta_added_removed_changed_with_fields(store):
    store.add_version(version("v1"), [person("ofac:1", "A B", dob="1950"), person("ofac:2", "C D")])
    store.add_version(version("v2"), [person("ofac:1", "A B", "A. B.", dob="1950-03-21"), person("ofac:3", "E F")])
    delta = store.delta("ofac_sdn")
    assert delta.added == [("ofac:3", "E F")] and delta.removed == [("ofac:2", "C D")]
    (change,) = delta.changed
    assert change.entity_id == "ofac:1"
    assert set(change.fields) == {"names", "birth_dates"}
    assert change.fields["birth_dates"]["removed"] == ['{"value": "1950"}']


def test_reordered_elements_are_not_a_change(store):
    store.add_version(version("v1"), [person("ofac:1", "A B", "X", "Y")])
    reordered = person("ofac:1", "A B", "Y", "X")
    store.add_version(version("v2"), [reordered])
    assert store.delta("ofac_sdn", "v1", "v2").unchanged


def test_delta_needs_two_versions(store):
    store.add_version(version("v1"), [person("ofac:1", "A B")])
    with pytest.raises(StoreError, match="need two loaded versions"):
        store.delta("ofac_sdn")
    with pytest.raises(StoreError, match="not loaded"):
        store.delta("ofac_sdn", "v0", "v1")


def test_same_id_across_sources_merges_memberships(store):
    from raqib.model import ListMembership

    sdn = person("ofac:5", "VTB BANK")
    sdn.lists = [ListMembership("ofac_sdn", "SDN", ["RUSSIA-EO14024"])]
    ssi = person("ofac:5", "VTB BANK", "BANK VTB")
    ssi.lists = [ListMembership("ofac_consolidated", "SSI", ["UKRAINE-EO13662"])]
    store.add_version(ListVersion("ofac_sdn", "v1", "a", 1), [sdn])
    store.add_version(ListVersion("ofac_consolidated", "v1", "b", 1), [ssi])
    record, versions = store.entity("ofac:5")
    assert {m.list for m in record.lists} == {"SDN", "SSI"}
    assert record.programs == ["RUSSIA-EO14024", "UKRAINE-EO13662"]
    assert len(versions) == 2 and len(record.names) == 2
