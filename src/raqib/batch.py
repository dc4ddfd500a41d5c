"""Screen a customer file: CSV in (``id,name`` plus optional ``type,dob,country``), JSON lines out.

A broken row is reported with its line number in the output and the summary; it never stops the
file. The whole input is decoded up front so a wrong encoding is named before anything is written.
"""

from __future__ import annotations

import csv
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, repeat
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED = ("id", "name")
OPTIONAL = ("type", "dob", "country")
_DOB = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TYPES = {"person", "organization", "vessel", "aircraft", "any", ""}


class InputFileError(ValueError):
    pass


@dataclass
class BatchSummary:
    rows: int = 0
    screened: int = 0
    with_hits: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "screened": self.screened, "with_hits": self.with_hits, "errors": self.errors}


@dataclass
class Row:
    line: int
    id: str
    name: str
    schema: str = "any"
    dob: str | None = None
    countries: list[str] = field(default_factory=list)


def read_text(path: Path, encoding: str = "utf-8") -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(f"{path}: the file is empty")
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputFileError(
            f"{path}: line {line}: byte 0x{data[exc.start]:02x} at offset {exc.start} is not valid {encoding}; "
            "pass --encoding (e.g. cp1256 for Arabic, cp1251 for Cyrillic Windows files)"
        ) from None


def read_rows(path: Path, encoding: str = "utf-8") -> Iterator[Row | str]:
    """Yield a Row per good line, or an error message naming the line for a broken one.

    Each physical line is one record: customer names never span lines, and a stray quote must
    break its own row only, not swallow the rest of the file.
    """
    lines = read_text(path, encoding).splitlines()
    header = [h.strip().lower() for h in _cells(lines[0])] if lines else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputFileError(f"{path}: line 1: header lacks column(s) {', '.join(missing)}; found {', '.join(header)}")
    position = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
    for line, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        try:
            cells = _cells(text)
        except csv.Error as exc:
            yield f"line {line}: malformed CSV: {exc}"
            continue
        if len(cells) != len(header):
            yield f"line {line}: expected {len(header)} columns, found {len(cells)}"
            continue
        get = {name: cells[i].strip() for name, i in position.items()}
        schema = get.get("type", "").lower()
        if schema not in _TYPES:
            yield f"line {line}: unknown type {schema!r} (person, organization, vessel, aircraft)"
            continue
        dob = get.get("dob") or None
        if dob and not _DOB.match(dob):
            yield f"line {line}: dob {dob!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            continue
        if not get["name"]:
            yield f"line {line}: empty name"
            continue
        countries = [c.strip().upper() for c in re.split(r"[;|]", get.get("country", "")) if c.strip()]
        yield Row(line, get["id"], get["name"], schema or "any", dob, countries)


def _cells(text: str) -> list[str]:
    return next(csv.reader([text], strict=True))


def screen_file(screener, in_path: Path, out_path: Path, threshold: float | None = None, limit: int = 10,
                encoding: str = "utf-8", workers: int = 1, index_path: Path | None = None) -> BatchSummary:
    """Screen every row; ``workers`` > 1 spreads rows over processes that each load ``index_path``.

    Output lines keep the input order whatever the number of workers.
    """
    summary = BatchSummary()
    rows = read_rows(in_path, encoding)
    first = next(rows, None)  # header problems raise here, before the output file is created
    items = chain([first] if first is not None else [], rows)
    tmp = out_path.with_name(out_path.name + ".part")
    with tmp.open("w", encoding="utf-8") as out:
        if workers > 1 and index_path is not None:
            with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(str(index_path), threshold)) as pool:
                results = pool.map(_worker_screen, _batches(items, 256), repeat(limit))
                for batch in results:
                    for record in batch:
                        _write(out, record, summary, in_path)
        else:
            with screener.batch():
                for item in items:
                    _write(out, _screen_row(screener, item, threshold, limit), summary, in_path)
    tmp.replace(out_path)
    return summary


def _screen_row(screener, item: Row | str, threshold: float | None, limit: int) -> dict:
    """One output record: hits, or the error that row has."""
    from raqib.matching import Query

    if isinstance(item, str):
        return {"error": item}
    try:
        query = Query(name=item.name, schema=item.schema, birth_date=item.dob, countries=item.countries)
        result = screener.screen(query, threshold=threshold, limit=limit)
    except ValueError as exc:
        return {"id": item.id, "line": item.line, "error": str(exc)}
    return {"id": item.id, "line": item.line, "hits": [h.to_dict() for h in result.hits], "lists": result.lists}


def _write(out, record: dict, summary: BatchSummary, in_path: Path) -> None:
    summary.rows += 1
    if "error" in record:
        where = f"line {record['line']}: " if "line" in record else ""
        summary.errors.append(f"{in_path}: {where}{record['error']}")
    else:
        summary.screened += 1
        summary.with_hits += bool(record["hits"])
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _batches(items, size: int):
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: dict = {}


def _worker_init(index_path: str, threshold: float | None) -> None:
    from raqib.matching import Screener

    _WORKER["screener"] = Screener.load(Path(index_path), threshold=threshold)


def _worker_screen(batch: list, limit: int) -> list[dict]:
    screener = _WORKER["screener"]
    with screener.batch():
        return [_screen_row(screener, item, None, limit) for item in batch]
