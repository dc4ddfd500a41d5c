"""``raqib`` command line: update, status, diff, entity, screen, screen-file, decide.

Every command takes ``--json`` for machine-readable output. Exit codes: 0 ok, 1 a hit / refusal
where that is the answer (``screen`` with hits never fails: hits are results), 2 bad input or a
failed load.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from raqib.engine import NoListsLoaded, load_screener, open_store
from raqib.settings import Settings
from raqib.store import StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Raqib — multilingual sanctions screening.")
console = Console(emoji=False)  # list data contains ":russia:"-like text, never emoji codes
err = Console(stderr=True, emoji=False, soft_wrap=True)  # messages stay whole: paths, line numbers
_state: dict[str, Path | None] = {"home": None}


@app.callback()
def main(home: Optional[Path] = typer.Option(None, "--home", help="Data directory (default: RAQIB_HOME or per-user).")):
    _state["home"] = home


def _settings(**overrides) -> Settings:
    return Settings.from_env(home=_state["home"], **overrides)


def _emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


# --- lists -----------------------------------------------------------------------------------
@app.command()
def update(
    mirror: Optional[Path] = typer.Option(None, help="Local mirror <source>/<YYYY-MM-DD>/<files> (or RAQIB_MIRROR)."),
    only: Optional[str] = typer.Option(None, help="Comma-separated source ids, e.g. ofac_sdn,un."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Load the newest version on or before this date."),
    all_versions: bool = typer.Option(False, "--all-versions", help="Load every version in date order (history, deltas)."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Download the official lists (or read a mirror), store each version, rebuild the index."""
    from raqib.fetch import FetchError
    from raqib.update import update as run_update

    if as_of:
        _check_date(as_of, "--as-of")
    settings = _settings(mirror=mirror)
    store = open_store(settings)
    sources = [s.strip() for s in only.split(",")] if only else None
    if sources:
        from raqib.sources.registry import get_source

        for source_id in sources:
            try:
                get_source(source_id)
            except KeyError as exc:
                _fail(str(exc.args[0]))
    try:
        with console.status("loading lists…") as status:
            result = run_update(
                settings, store, only=sources, as_of=as_of, all_versions=all_versions,
                on_publication=lambda p: status.update(f"loading {p.source.id} {p.version}…"),
            )
    except (FetchError, ValueError) as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(result.to_dict())
    else:
        err.print(f"source of lists: {result.origin}")
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False)
        table = Table("source", "version", "status", "entities", "seconds", "detail")
        for r in result.reports:
            style = {"loaded": "green", "unchanged": "dim", "failed": "red"}[r.status]
            table.add_row(r.source, r.version, f"[{style}]{r.status}[/]", str(r.entities or ""), str(r.seconds or ""),
                          r.error or (f"{len(r.warnings)} warnings" if r.warnings else ""))
        console.print(table)
        if result.index_seconds is not None:
            err.print(f"index rebuilt in {result.index_seconds}s")
    if result.failed:
        raise typer.Exit(2)


@app.command()
def status(as_json: bool = typer.Option(False, "--json")):
    """Loaded sources: current version, publication date, entity count, age."""
    store = open_store(_settings())
    today = datetime.now(timezone.utc).date()
    rows = []
    for v in sorted(store.current_versions(), key=lambda v: v.source):
        age = (today - date.fromisoformat(v.version)).days if _is_date(v.version) else None
        rows.append({
            "source": v.source, "version": v.version, "published": v.published, "entities": v.entity_count,
            "age_days": age, "loaded_at": v.loaded_at, "checksum": v.checksum, "origin": v.origin,
            "versions_loaded": len(store.versions(v.source)),
        })
    if as_json:
        _emit_json({"sources": rows})
        return
    if not rows:
        err.print("no lists loaded yet; run `raqib update` (offline: `raqib update --mirror DIR`)")
        return
    table = Table("source", "version", "published", "entities", "age (days)", "versions kept")
    for r in rows:
        table.add_row(r["source"], r["version"], r["published"] or "", str(r["entities"]), str(r["age_days"]),
                      str(r["versions_loaded"]))
    console.print(table)


@app.command()
def diff(
    source: str,
    from_version: Optional[str] = typer.Option(None, "--from"),
    to_version: Optional[str] = typer.Option(None, "--to"),
    show: int = typer.Option(50, help="How many entries of each kind to print (text mode)."),
    as_json: bool = typer.Option(False, "--json"),
):
    """What changed in SOURCE between two loaded versions (default: the two newest)."""
    store = open_store(_settings())
    try:
        delta = store.delta(source, from_version, to_version)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(delta.to_dict())
        return
    console.print(f"[bold]{source}[/] {delta.old.version} → {delta.new.version}: "
                  f"{len(delta.added)} added, {len(delta.removed)} removed, {len(delta.changed)} changed")
    if delta.unchanged:
        console.print("no change (element order differences are not changes)")
    for label, items in (("added", delta.added), ("removed", delta.removed)):
        for entity_id, caption in items[:show]:
            console.print(f"  [{'green' if label == 'added' else 'red'}]{label:8}[/] {entity_id:14} {caption}", highlight=False)
    for change in delta.changed[:show]:
        console.print(f"  [yellow]changed [/] {change.entity_id:14} {change.caption}: {', '.join(change.fields)}",
                      highlight=False)


@app.command()
def entity(entity_id: str, as_json: bool = typer.Option(False, "--json")):
    """The whole record of one listed entity (merged across the lists that carry it)."""
    store = open_store(_settings())
    found = store.entity(entity_id)
    if not found:
        _fail(f"no entity {entity_id!r} in the loaded lists", 1)
    record, versions = found
    if as_json:
        _emit_json({**record.to_dict(), "list_versions": [v.label for v in versions]})
        return
    console.print(f"[bold]{record.caption}[/] ({record.id}, {record.schema.value}) — {', '.join(v.label for v in versions)}")
    for key, value in record.to_dict().items():
        if key in ("id", "schema"):
            continue
        console.print(f"[cyan]{key}[/]: {json.dumps(value, ensure_ascii=False)}", highlight=False)


# --- screening -------------------------------------------------------------------------------
def _screener():
    try:
        return load_screener(_settings())
    except NoListsLoaded as exc:
        _fail(str(exc))


def _parse_ids(values: list[str]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        kind, sep, number = value.partition(":")
        if not sep:
            kind, number = "", value
        if not number.strip():
            _fail(f"--id {value!r}: expected TYPE:VALUE, e.g. imo:9074729 or swift_bic:VTBRRUMM")
        out.append((kind.strip().lower(), number.strip()))
    return out


@app.command()
def screen(
    name: str,
    schema: str = typer.Option("any", "--type", help="person | organization | vessel | aircraft | any"),
    dob: Optional[str] = typer.Option(None, help="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD."),
    country: list[str] = typer.Option([], help="ISO country code(s) or names of nationality / residence."),
    identifier: list[str] = typer.Option([], "--id", help="TYPE:VALUE, e.g. imo:9074729, passport:123, crypto:1Ab…"),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0),
    limit: int = typer.Option(10, min=1, max=500),
    as_json: bool = typer.Option(False, "--json"),
):
    """Screen one name (any script) against the loaded lists, with explained hits."""
    from raqib.countries import to_iso2
    from raqib.matching import Query

    if dob:
        _check_partial_date(dob, "--dob")
    countries = []
    for c in country:
        code = to_iso2(c)
        if not code:
            _fail(f"--country {c!r}: not a country code or name I know")
        countries.append(code)
    screener = _screener()
    try:
        query = Query(name=name, schema=schema, birth_date=dob, countries=countries, identifiers=_parse_ids(identifier))
        result = screener.screen(query, threshold=threshold, limit=limit)
    except ValueError as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(result.to_dict())
        return
    console.print(f"lists: {', '.join(result.lists)}", style="dim")
    if not result.hits:
        console.print("[green]no hits[/] at or above the threshold")
        return
    for hit in result.hits:
        console.print(f"[bold]{hit.score:.3f}[/] {hit.entity_id} [bold]{hit.caption}[/] ({hit.schema}) "
                      f"programs: {', '.join(hit.programs)}; lists: {', '.join(hit.lists)}", highlight=False)
        console.print(f"      matched name: {hit.matched_name!r} [{hit.matched_script or '?'}, {hit.matched_quality}]",
                      highlight=False)
        for part in hit.alignment:
            console.print(f"      {part.get('query')!s:>18} ↔ {part.get('list')!s:<18} {part.get('how')} {part.get('score', 0):.2f}",
                          highlight=False)
        for f in hit.features:
            if f.contribution:
                console.print(f"      {f.name:28} {f.contribution:+.3f}  {f.detail}", highlight=False)


@app.command("screen-file")
def screen_file_cmd(
    input_file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV with id,name[,type,dob,country]."),
    out: Path = typer.Option(..., "--out", help="JSON lines output, one line per input row."),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0),
    limit: int = typer.Option(10, min=1, max=500),
    encoding: str = typer.Option("utf-8", help="Input encoding (utf-8, cp1256, cp1251 …)."),
    workers: int = typer.Option(1, min=1, max=64, help="Processes to screen with (one per core)."),
    as_json: bool = typer.Option(False, "--json"),
):
    """Screen a customer file; broken rows are reported with their line and do not stop the file."""
    from raqib.batch import InputFileError, screen_file

    screener = _screener()  # also brings the saved index in step with the store
    try:
        summary = screen_file(screener, input_file, out, threshold=threshold, limit=limit, encoding=encoding,
                              workers=workers, index_path=_settings().index_path)
    except (InputFileError, LookupError) as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(summary.to_dict())
    else:
        err.print(f"{summary.rows} rows, {summary.screened} screened, {summary.with_hits} with hits, "
                  f"{len(summary.errors)} errors → {out}")
        for message in summary.errors[:20]:
            err.print(f"[yellow]row error:[/] {message}", highlight=False)


@app.command()
def decide(
    name: str = typer.Option(..., "--name", help="Counterparty name, any script."),
    schema: str = typer.Option("any", "--type", help="person | organization | vessel | aircraft | any"),
    country: Optional[str] = typer.Option(None, help="Counterparty country (ISO code or name)."),
    address: Optional[str] = typer.Option(None, help="Counterparty address, any script."),
    dob: Optional[str] = typer.Option(None, help="Date of birth of a person: YYYY, YYYY-MM or YYYY-MM-DD."),
    identifier: list[str] = typer.Option([], "--id", help="TYPE:VALUE identifiers."),
    government: bool = typer.Option(False, "--government", help="The counterparty is a government body."),
    transaction: Optional[str] = typer.Option(None, help="payment | debt | equity | correspondent | goods"),
    tenor_days: Optional[int] = typer.Option(None, "--tenor-days", help="Debt maturity in days."),
    project: Optional[str] = typer.Option(None, help="deepwater | arctic | shale (goods/services)."),
    on: Optional[str] = typer.Option(None, "--date", help="Transaction / decision date YYYY-MM-DD (default today)."),
    threshold: Optional[float] = typer.Option(None, min=0.0, max=1.0),
    as_json: bool = typer.Option(False, "--json"),
):
    """What the law says to do with a counterparty (and a proposed transaction): BLOCK, REJECT, REVIEW or CLEAR."""
    from raqib.countries import to_iso2
    from raqib.matching import Query
    from raqib.rules.decision import Counterparty, decide as run_decide
    from raqib.rules.sectoral import Transaction

    day = on or date.today().isoformat()
    _check_date(day, "--date")
    if dob:
        _check_partial_date(dob, "--dob")
    try:
        party = Counterparty(name=name, type=schema, country=country, address=address, ids=list(identifier),
                             is_government=government)
        tx = Transaction.create(transaction, day, tenor_days, project) if transaction else None
        if (tenor_days is not None or project) and not transaction:
            raise ValueError("--tenor-days / --project describe a transaction: give --transaction too")
        code = to_iso2(country) if country else None
        if country and not code:
            raise ValueError(f"--country {country!r}: not a country code or name I know")
        screener = _screener()
        query = Query(name=name, schema=schema, birth_date=dob, countries=[code] if code else [],
                      identifiers=_parse_ids(identifier))
        result = screener.screen(query, threshold=threshold, limit=10)
        decision = run_decide(party, tx, result.hits, result.lists, day)
    except ValueError as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(decision.to_dict())
        return
    colour = {"BLOCK": "bold red", "REJECT": "red", "REVIEW": "yellow", "CLEAR": "green"}[decision.decision.name]
    console.print(f"[{colour}]{decision.decision.name}[/]  {name}" + (f" — {tx.describe()}" if tx else ""), highlight=False)
    for basis in decision.basis:
        console.print(f"  {basis.decision.name:6} {basis.text}  [dim]({basis.reference})[/]", highlight=False)
    console.print(f"lists: {', '.join(decision.lists)}", style="dim")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _check_date(text: str, option: str) -> None:
    if not _is_date(text):
        _fail(f"{option} {text!r}: expected a date YYYY-MM-DD")


def _check_partial_date(text: str, option: str) -> None:
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) or (len(text) == 10 and not _is_date(text)):
        _fail(f"{option} {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")


if __name__ == "__main__":  # pragma: no cover
    app()
