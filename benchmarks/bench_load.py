"""Load every list in the mirror from scratch: time per publication, total, peak memory.

    python -m benchmarks.bench_load [--mirror ../shared/lists] [--newest-only]

Runs in a fresh temporary RAQIB_HOME, so it measures a cold load. Prints a Markdown table and
writes ``benchmarks/out/load.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from raqib.settings import Settings
from raqib.store import Store
from raqib.update import update

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=ROOT.parent / "shared" / "lists")
    parser.add_argument("--newest-only", action="store_true", help="only the newest version of each source")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(home=Path(home))
        store = Store(settings.database_url)
        started = time.perf_counter()
        result = update(settings, store, mirror=args.mirror, all_versions=not args.newest_only)
        total = time.perf_counter() - started
        entity_rows = sum(v.entity_count for v in store.versions())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {
        "command": "python -m benchmarks.bench_load" + (" --newest-only" if args.newest_only else ""),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "publications": [r.to_dict() for r in result.reports],
        "entities_stored": entity_rows,
        "index_seconds": result.index_seconds,
        "total_seconds": round(total, 1),
        "peak_rss_mib": round(peak_mib),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(report, indent=2), "utf-8")
    print(f"| publication | status | entities | seconds |\n|---|---|---:|---:|")
    for r in result.reports:
        print(f"| {r.source} {r.version} | {r.status} | {r.entities} | {r.seconds} |")
    print(f"\nTotal {report['total_seconds']} s (incl. index build {result.index_seconds} s) for "
          f"{len(result.reports)} publications, {entity_rows} entity records; peak RSS {report['peak_rss_mib']} MiB.")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
