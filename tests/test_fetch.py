"""Finding publications in a mirror laid out like ../shared/lists, and offline behaviour."""

from __future__ import annotations

import pytest

from raqib.fetch import FetchError, download_publications, mirror_publications


def test_mirror_newest_by_default(lists_dir):
    pubs, warnings = mirror_publications(lists_dir)
    by_source = {p.source.id: p.version for p in pubs}
    assert by_source["ofac_sdn"] == "2023-12-28"
    assert by_source["ofac_consolidated"] == "2026-01-08"
    assert by_source["un"] == "2025-12-10"
    assert {"uk_ofsi", "canada"} <= by_source.keys()
    assert "excerpts" not in by_source and not warnings


def test_mirror_all_versions_in_date_order(lists_dir):
    pubs, _ = mirror_publications(lists_dir, only=["ofac_sdn"], all_versions=True)
    assert [p.version for p in pubs] == ["2022-02-10", "2022-02-24", "2022-02-28", "2022-03-04", "2023-12-28"]


def test_mirror_as_of_picks_newest_on_or_before(lists_dir):
    pubs, _ = mirror_publications(lists_dir, only=["ofac_sdn", "un"], as_of="2022-02-27")
    assert [(p.source.id, p.version) for p in pubs] == [("ofac_sdn", "2022-02-24")]


def test_mirror_as_of_reports_sources_without_a_version(lists_dir):
    _, warnings = mirror_publications(lists_dir, only=["un"], as_of="2020-01-01")
    assert warnings == [f"un: no publication in mirror {lists_dir} on or before 2020-01-01"]


def test_unknown_source_folder_is_a_warning(tmp_path):
    (tmp_path / "ofac_sdn" / "2024-01-01").mkdir(parents=True)
    (tmp_path / "interpol" / "2024-01-01").mkdir(parents=True)
    (tmp_path / "ofac_sdn" / "latest").mkdir()
    pubs, warnings = mirror_publications(tmp_path)
    assert [p.source.id for p in pubs] == ["ofac_sdn"]
    assert any("interpol: unknown source folder" in w for w in warnings)
    assert any("latest: not an as-of date folder" in w for w in warnings)


def test_missing_mirror_is_a_clear_error(tmp_path):
    with pytest.raises(FetchError, match="does not exist"):
        mirror_publications(tmp_path / "nope")


def test_offline_download_says_what_to_do(tmp_path, monkeypatch):
    import urllib.request

    def offline(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(FetchError, match="--mirror DIR"):
        download_publications(tmp_path, only=["un"])
    assert not (tmp_path / "un").exists()  # nothing half-downloaded left behind


def test_checksum_ignores_folder_location(lists_dir, tmp_path):
    import shutil

    pubs, _ = mirror_publications(lists_dir, only=["canada"])
    copy = tmp_path / "canada" / pubs[0].version
    shutil.copytree(pubs[0].folder, copy)
    again, _ = mirror_publications(tmp_path)
    assert again[0].checksum() == pubs[0].checksum()
