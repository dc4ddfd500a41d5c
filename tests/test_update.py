"""`raqib update` end to end on the real mirror: versions, deltas, failures that leave data intact."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from raqib.cli import app
from raqib.settings import Settings
from raqib.store import Store
from raqib.update import update

runner = CliRunner()


def _mirror(tmp_path, lists_dir, source: str, versions: list[str]):
    """A private mirror of selected real publications (symlinks: nothing is copied)."""
    root = tmp_path / "mirror"
    for version in versions:
        target = root / source / version
        target.mkdir(parents=True)
        for f in (lists_dir / source / version).iterdir():
            os.symlink(f, target / f.name)
    return root


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RAQIB_MIRROR", raising=False)
    return tmp_path / "home"


def _settings_store(home):
    settings = Settings.from_env(home=home)
    return settings, Store(settings.database_url)


@pytest.mark.slow
def test_feb_2022_russia_designations_show_as_added(tmp_path, lists_dir, home):
    mirror = _mirror(tmp_path, lists_dir, "ofac_sdn", ["2022-02-24", "2022-02-28"])
    settings, store = _settings_store(home)
    result = update(settings, store, mirror=mirror, all_versions=True, build_index=False)
    assert [r.status for r in result.reports] == ["loaded", "loaded"]
    delta = store.delta("ofac_sdn")
    added = dict(delta.added)
    assert added["ofac:35233"] == "LAVROV, Sergei Viktorovich"
    assert added["ofac:35096"] == "PUTIN, Vladimir Vladimirovich"
    assert "ofac:17013" in added  # VTB Bank moved onto the SDN list on 2022-02-24
    assert (len(delta.added), len(delta.removed), len(delta.changed)) == (99, 0, 6)
    # loading the same publication again changes nothing
    again = update(settings, store, mirror=mirror, all_versions=True, build_index=False)
    assert [r.status for r in again.reports] == ["unchanged", "unchanged"]


@pytest.mark.slow
def test_consolidated_xml_versions_differ_only_in_real_changes(tmp_path, lists_dir, home):
    mirror = _mirror(tmp_path, lists_dir, "ofac_consolidated", ["2025-12-18", "2026-01-08"])
    settings, store = _settings_store(home)
    update(settings, store, mirror=mirror, all_versions=True, build_index=False)
    delta = store.delta("ofac_consolidated")
    total = store.current_versions()[0].entity_count
    # element order differs throughout the file; real changes are a handful of entries
    assert len(delta.added) + len(delta.removed) + len(delta.changed) < total * 0.05


@pytest.mark.parametrize(
    "breakage",
    ["truncated", "broken_row", "wrong_format", "empty"],
)
def test_bad_publication_is_named_and_previous_version_stays(tmp_path, lists_dir, home, breakage):
    mirror = _mirror(tmp_path, lists_dir, "ofac_sdn", ["2022-02-10"])
    bad = mirror / "ofac_sdn" / "2022-02-24"
    bad.mkdir()
    good = (lists_dir / "ofac_sdn" / "2022-02-24" / "sdn.csv").read_bytes()
    content = {
        "truncated": good[: len(good) // 2] + b'123,"UNTERMINATED',
        "broken_row": good[:2000].rsplit(b"\n", 1)[0] + b'\nnot-a-number,"X",-0-\n',
        "wrong_format": (lists_dir / "uk_ofsi" / "2023-06-05" / "ConList.xlsx").read_bytes()[:4096],
        "empty": b"",
    }[breakage]
    (bad / "sdn.csv").write_bytes(content)
    settings, store = _settings_store(home)
    result = update(settings, store, mirror=mirror, all_versions=True, build_index=False)
    statuses = {r.version: r for r in result.reports}
    assert statuses["2022-02-10"].status == "loaded"
    failed = statuses["2022-02-24"]
    assert failed.status == "failed" and "sdn.csv" in failed.error
    (current,) = store.current_versions()
    assert current.version == "2022-02-10" and store.count_entities(current) == current.entity_count


def test_cli_update_status_diff_entity(tmp_path, lists_dir, home):
    mirror = _mirror(tmp_path, lists_dir, "ofac_sdn", ["2022-02-24", "2022-02-28"])
    out = runner.invoke(app, ["update", "--mirror", str(mirror), "--all-versions", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["origin"] == f"mirror {mirror}"
    status = json.loads(runner.invoke(app, ["status", "--json"]).stdout)
    (row,) = status["sources"]
    assert row["source"] == "ofac_sdn" and row["version"] == "2022-02-28" and row["entities"] > 9000
    diff = json.loads(runner.invoke(app, ["diff", "ofac_sdn", "--json"]).stdout)
    assert any(a["entity_id"] == "ofac:35233" for a in diff["added"])
    record = json.loads(runner.invoke(app, ["entity", "ofac:35233", "--json"]).stdout)
    assert record["birth_dates"][0]["value"] == "1950-03-21"
    assert record["list_versions"] == ["ofac_sdn@2022-02-28"]
    missing = runner.invoke(app, ["entity", "ofac:999999999"])
    assert missing.exit_code == 1 and "no entity" in missing.output


def test_cli_rejects_unknown_source_and_bad_date(home):
    assert "unknown source" in runner.invoke(app, ["update", "--only", "interpol"]).output
    assert "expected a date" in runner.invoke(app, ["update", "--as-of", "28/02/2022", "--mirror", "."]).output
