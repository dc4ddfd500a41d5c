"""Clean customers: realistic names of people who are not listed, for the false-alert rate.

A name is a first name and a surname of the same country and the same script, drawn from the
top-1000 tables in ``eval/population`` with weight 1/sqrt(rank) (common names are common
customers and are the ones that raise false alerts). Each country gives names in its native
script (where the table has one) and in Latin script. A generated name that is genuinely on a
list (same normalised key as a list name) is excluded and counted.
"""

from __future__ import annotations

import csv
import math
import random
from collections import Counter, defaultdict
from pathlib import Path

from raqib.model import ParseError
from raqib.text.scripts import detect_script

from benchmarks.normalize import name_key
from benchmarks.records import CLEAN, BenchQuery

Pool = list[tuple[str, float]]  # (name, weight)


def read_pools(path: Path) -> dict[tuple[str, str], dict[str, Pool]]:
    """(country, script) -> {"first": pool, "last": pool}; a country keeps Latin + its main other script."""
    raw: dict[tuple[str, str], dict[str, Pool]] = defaultdict(lambda: {"first": [], "last": []})
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            kind = row["name_type"]
            if kind not in ("first", "last") or not row["rank"].isdigit():
                raise ParseError(str(path), f"line {reader.line_num}", f"bad name_type/rank {kind!r}/{row['rank']!r}")
            name = row["name"].strip()
            script = detect_script(name)
            if not name or script is None:
                continue
            raw[(row["country"], script)][kind].append((name, 1 / math.sqrt(int(row["rank"]))))
    pools: dict[tuple[str, str], dict[str, Pool]] = {}
    for country in sorted({c for c, _ in raw}):
        scripts = {s: raw[(c, s)] for c, s in raw if c == country and raw[(c, s)]["first"] and raw[(c, s)]["last"]}
        native = max((s for s in scripts if s != "Latn"), key=lambda s: len(scripts[s]["first"]), default=None)
        for script in ("Latn", native):
            if script in scripts:
                pools[(country, script)] = scripts[script]
    return pools


def build_clean_population(path: Path, listed_keys: set[str], size: int, seed: int) -> tuple[list[BenchQuery], dict]:
    pools = read_pools(path)
    buckets = sorted(pools)
    rng = random.Random(f"{seed}:clean")
    per_bucket = math.ceil(size / len(buckets))
    queries: list[BenchQuery] = []
    excluded: Counter = Counter()
    for country, script in buckets:
        pool = pools[(country, script)]
        firsts, first_w = zip(*pool["first"])
        lasts, last_w = zip(*pool["last"])
        seen: set[str] = set()
        attempts = 0
        while len(seen) < per_bucket and attempts < per_bucket * 20:
            attempts += 1
            first = rng.choices(firsts, first_w)[0]
            last = rng.choices(lasts, last_w)[0]
            text = f"{first} {last}"
            key = name_key(text)
            if key in seen:
                continue
            if key in listed_keys:
                excluded[f"{country}/{script}"] += 1
                continue
            seen.add(key)
            queries.append(BenchQuery(qid=f"clean:{country}:{script}:{len(seen)}", text=text, schema="person",
                                      category=CLEAN, variant=country, script=script, origin=f"{country} population"))
    rng.shuffle(queries)
    queries = sorted(queries[:size], key=lambda q: q.qid)
    info = {"generated": len(queries), "excluded_listed": sum(excluded.values()),
            "excluded_by_bucket": dict(sorted(excluded.items())), "buckets": len(buckets)}
    return queries, info
