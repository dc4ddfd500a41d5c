"""Labelled name pairs (nomenklatura's name benchmark): precision/recall per quality tier."""

from __future__ import annotations

import csv
from pathlib import Path

from raqib.model import ParseError

from benchmarks.records import NamePair

SCHEMAS = {"person": "person", "organization": "organization", "company": "organization",
           "legalentity": "any", "vessel": "vessel"}
REQUIRED = ("schema", "name1", "name2", "is_match", "quality")


def read_pairs(path: Path) -> list[NamePair]:
    pairs: list[NamePair] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ParseError(str(path), "header", f"missing columns {missing}")
        for row in reader:
            where = f"line {reader.line_num}"
            schema = SCHEMAS.get(row["schema"].strip().lower())
            if schema is None:
                raise ParseError(str(path), where, f"unknown schema {row['schema']!r}")
            flag = row["is_match"].strip().lower()
            if flag not in ("true", "false"):
                raise ParseError(str(path), where, f"is_match must be true/false, got {flag!r}")
            quality = row["quality"].strip().upper()
            if quality not in ("STRONG", "MEDIUM", "WEAK"):
                raise ParseError(str(path), where, f"unknown quality {quality!r}")
            pairs.append(NamePair(row["name1"], row["name2"], schema, flag == "true", quality,
                                  (row.get("category") or "").strip()))
    return pairs
