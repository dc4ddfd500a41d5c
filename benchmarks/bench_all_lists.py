"""Screening speed against every list in the mirror (newest versions), single names and a file.

    python -m benchmarks.bench_all_lists [--mirror ../shared/lists] [--names N]

Loads the newest version of every source into a temporary RAQIB_HOME, then screens realistic
names (the clean population and manipulated list names of the harness's query builders, seed 7)
one by one in-process (latency p50/p99), as one in-process batch (`Screener.batch`), and as a file
with `raqib screen-file` on 1 and 2 workers.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from raqib.engine import load_screener
from raqib.matching import Query
from raqib.settings import Settings
from raqib.store import Store
from raqib.update import update

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=ROOT.parent / "shared" / "lists")
    parser.add_argument("--names", type=int, default=4000)
    args = parser.parse_args()
    names = _names(args.mirror.parent / "eval" / "population" / "names_by_country_top1000.csv", args.names)
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(home=Path(home))
        store = Store(settings.database_url)
        update(settings, store, mirror=args.mirror)
        started = time.perf_counter()
        screener = load_screener(settings, store)
        load_s = time.perf_counter() - started
        labels = screener.index.versions
        for name in names[:200]:  # warm caches the way a running service has them
            screener.screen(Query(name))
        latencies = []
        for name in names:
            t0 = time.perf_counter()
            screener.screen(Query(name))
            latencies.append((time.perf_counter() - t0) * 1000)
        latencies.sort()
        # The same names again as one batch (as screen-file screens), on a fresh screener: first-time
        # work included, garbage collection postponed to the end.
        fresh = load_screener(settings, store)
        started = time.perf_counter()
        with fresh.batch():
            for name in names:
                fresh.screen(Query(name))
        batch_rate = len(names) / (time.perf_counter() - started)
        src = Path(home) / "customers.csv"
        with src.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "name"])
            writer.writerows((f"c{i}", n) for i, n in enumerate(names))
        file_rates = {}
        for workers in (1, 2):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "raqib.cli", "--home", home, "screen-file", str(src), "--out",
                            str(Path(home) / f"out{workers}.jsonl"), "--workers", str(workers)],
                           check=True, capture_output=True)
            file_rates[workers] = len(names) / (time.perf_counter() - t0)
    print(f"lists: {', '.join(labels)}; {screener.index.name_count:,} list names")
    print(f"index load {load_s:.2f} s; {len(names)} names in-process: p50 {statistics.median(latencies):.2f} ms, "
          f"p99 {latencies[int(0.99 * len(latencies)) - 1]:.2f} ms, mean {statistics.mean(latencies):.2f} ms "
          f"({1000 / statistics.mean(latencies):,.0f} names/s on one core)")
    print(f"in-process batch (Screener.batch; fresh screener, the process's text caches warm): {batch_rate:,.0f} names/s on one core")
    print("screen-file (whole command: start-up, index load, CSV in, JSON lines out): "
          + ", ".join(f"{w} worker{'s' if w > 1 else ''} {r:,.0f} names/s" for w, r in file_rates.items()))


def _names(population: Path, count: int) -> list[str]:
    """First name + surname pairs per country, native script and Latin, deterministic."""
    import random
    from collections import defaultdict

    pools: dict[tuple[str, str], list[str]] = defaultdict(list)
    with population.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pools[(row["country"], row["name_type"])].append(row["name"])
    rng = random.Random(7)
    countries = sorted({c for c, _ in pools})
    return [f"{rng.choice(pools[(c, 'first')])} {rng.choice(pools[(c, 'last')])}"
            for c in (countries[i % len(countries)] for i in range(count))]


if __name__ == "__main__":
    main()
