"""`raqib screen`, `screen-file` and `decide` end to end on the real OFAC lists."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from raqib.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory, lists_dir):
    """A data directory with the newest OFAC SDN and non-SDN lists loaded (mirror of symlinks)."""
    root = tmp_path_factory.mktemp("raqib")
    mirror = root / "mirror"
    for source, version in (("ofac_sdn", "2023-12-28"), ("ofac_consolidated", "2026-01-08")):
        target = mirror / source / version
        target.mkdir(parents=True)
        for f in (lists_dir / source / version).iterdir():
            os.symlink(f, target / f.name)
    env = {"RAQIB_HOME": str(root / "home")}
    result = runner.invoke(app, ["update", "--mirror", str(mirror), "--json"], env=env)
    assert result.exit_code == 0, result.output
    return env


def run(env, *args):
    return runner.invoke(app, list(args), env=env)


def test_screen_arabic_name_finds_lavrov_with_versions(home):
    out = run(home, "screen", "سيرغي لافروف", "--json")
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    top = result["hits"][0]
    assert top["entity_id"] == "ofac:35233"
    assert top["programs"] == ["RUSSIA-EO14024"]
    assert any(a["how"] for a in top["alignment"])  # the explanation says which part matched how
    assert sorted(result["lists"]) == ["ofac_consolidated@2026-01-08", "ofac_sdn@2023-12-28"]


def test_screen_identifier_finds_vessel_regardless_of_name(home):
    out = json.loads(run(home, "screen", "Some Renamed Ship", "--id", "imo:1011551", "--json").stdout)
    assert out["hits"][0]["entity_id"] == "ofac:37444"
    assert any(f["name"] == "identifier_match" for f in out["hits"][0]["features"])


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "empty"), ("   ", "empty"), ("x" * 100_000, "too long"), ("\x00\x07", "empty"), ("🙂🙂", "empty")],
)
def test_screen_bad_names_give_clear_errors(home, name, message):
    out = run(home, "screen", name)
    assert out.exit_code == 2
    assert message in out.output


def test_screen_bad_options(home):
    assert "expected YYYY" in run(home, "screen", "Lavrov", "--dob", "21/03/1950").output
    assert "not a country" in run(home, "screen", "Lavrov", "--country", "Atlantis").output


def test_screen_file_reports_broken_rows_and_keeps_going(home, tmp_path):
    src = tmp_path / "customers.csv"
    src.write_text(
        "id,name,type,dob,country\n"
        "c1,Sergey Viktorovich Lavrov,person,1950-03-21,RU\n"
        'c2,"broken,row\n'
        "c3,Olga Petrova,person,1985,RU\n"
        "c4,Maria Lavrova,person,21.03.1950,RU\n"
        "c5,,person,,\n"
        "c6,VTB Bank PJSC,organization,,\n"
        "c7,too,many,columns,here,really\n",
        encoding="utf-8",
    )
    out_path = tmp_path / "hits.jsonl"
    out = run(home, "screen-file", str(src), "--out", str(out_path), "--json")
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    lines = [json.loads(line) for line in out_path.read_text("utf-8").splitlines()]
    by_id = {line.get("id"): line for line in lines if "id" in line}
    assert by_id["c1"]["hits"][0]["entity_id"] == "ofac:35233"
    assert by_id["c6"]["hits"][0]["entity_id"] == "ofac:17013"
    assert by_id["c3"]["hits"] == [] or by_id["c3"]["hits"][0]["entity_id"] != "ofac:35233"
    errors = " | ".join(summary["errors"])
    assert "line 4" not in errors  # c3 is fine
    assert "dob '21.03.1950'" in errors and "empty name" in errors and "expected 5 columns" in errors
    assert summary["screened"] == 3 and summary["rows"] == len(lines)


def test_screen_file_wrong_encoding_is_named(home, tmp_path):
    src = tmp_path / "arabic.csv"
    src.write_bytes("id,name\nc1,سيرغي لافروف\n".encode("cp1256"))
    out = run(home, "screen-file", str(src), "--out", str(tmp_path / "out.jsonl"))
    assert out.exit_code == 2 and "line 2" in out.output and "--encoding" in out.output
    assert not (tmp_path / "out.jsonl").exists()
    ok = run(home, "screen-file", str(src), "--out", str(tmp_path / "out.jsonl"), "--encoding", "cp1256")
    assert ok.exit_code == 0
    (line,) = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert line["hits"][0]["entity_id"] == "ofac:35233"


def decide(home, *args):
    out = run(home, "decide", *args, "--json")
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_decide_blocked_person_and_sectoral_transactions(home):
    assert decide(home, "--name", "Sergei Lavrov", "--type", "person", "--dob", "1950-03-21")["decision"] == "BLOCK"
    assert decide(home, "--name", "Vladimir Vladimirovich Putin", "--type", "person")["decision"] == "BLOCK"
    # the name alone, without the patronymic: a possible match for an analyst (OFAC FAQ 5), not a freeze
    assert decide(home, "--name", "Sergei Lavrov", "--type", "person")["decision"] == "REVIEW"
    rosneft = ("--name", "Rosneft", "--type", "organization")
    long_loan = decide(home, *rosneft, "--transaction", "debt", "--tenor-days", "90", "--date", "2024-01-10")
    assert long_loan["decision"] == "REJECT"
    assert any("Directive 2" in b["text"] or "Directive 2" in b["reference"] for b in long_loan["basis"])
    short_loan = decide(home, *rosneft, "--transaction", "debt", "--tenor-days", "30", "--date", "2024-01-10")
    assert short_loan["decision"] in ("REVIEW", "CLEAR")
    assert short_loan["lists"] and short_loan["hits"]


def test_decide_embargoes_without_a_list_hit(home):
    iran = decide(home, "--name", "Pars Trading Partners", "--country", "IR", "--date", "2025-01-10")
    assert iran["decision"] == "REJECT"
    crimea = decide(home, "--name", "Olga Petrenko", "--address", "ул. Ленина 5, Севастополь", "--date", "2025-01-10")
    assert crimea["decision"] == "REJECT"
    syria_after = decide(home, "--name", "Damascus Fabrics", "--country", "SY", "--date", "2025-07-01")
    syria_before = decide(home, "--name", "Damascus Fabrics", "--country", "SY", "--date", "2025-06-30")
    assert syria_before["decision"] == "REJECT" and syria_after["decision"] != "REJECT"


def test_decide_bad_input_is_never_a_silent_clear(home):
    bad_date = run(home, "decide", "--name", "Rosneft", "--date", "10/01/2024")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    negative = run(home, "decide", "--name", "Rosneft", "--transaction", "debt", "--tenor-days", "-5")
    assert negative.exit_code == 2 and "negative" in negative.output
    orphan = run(home, "decide", "--name", "Rosneft", "--tenor-days", "30")
    assert orphan.exit_code == 2 and "--transaction" in orphan.output


def test_library_entry_point_uses_the_same_store(home):
    from pathlib import Path

    import raqib

    screener = raqib.load_screener(raqib.Settings.from_env(home=Path(home["RAQIB_HOME"])))
    result = screener.screen(raqib.Query("Sergei Lavrov", schema="person", birth_date="1950-03-21"))
    top = result.hits[0]
    assert top.entity_id == "ofac:35233" and top.entity.birth_dates[0].value == "1950-03-21"
    assert any(f.name == "birth_date_match" and f.contribution > 0 for f in top.features)
    assert "ofac_sdn@2023-12-28" in result.lists


def test_screen_file_with_two_workers_keeps_order_and_results(home, tmp_path):
    names = ["Sergey Viktorovich Lavrov", "Olga Petrova", "VTB Bank PJSC", "", "Vladimir Putin"] * 60
    src = tmp_path / "many.csv"
    src.write_text("id,name\n" + "".join(f"r{i},{n}\n" for i, n in enumerate(names)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(home, "screen-file", str(src), "--out", str(one)).exit_code == 0
    assert run(home, "screen-file", str(src), "--out", str(two), "--workers", "2").exit_code == 0
    assert one.read_text("utf-8") == two.read_text("utf-8")
    assert len(one.read_text("utf-8").splitlines()) == len(names)
