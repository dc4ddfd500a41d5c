"""One command: build the query sets from the real lists, screen them with Raqib and the anchors,
write ``report.md`` + ``report.json`` into the output folder and print the Markdown.

    python -m benchmarks.run [--quick] [--seed N] [--out benchmarks/out] [--anchors raqib,nomenklatura,ofac_sls]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.metrics import summarise
from benchmarks.queries import build_clean_population, build_cross_script, build_manipulated, read_pairs
from benchmarks.queries.collisions import mark_collisions
from benchmarks.records import MatcherRun
from benchmarks.report import markdown
from benchmarks.universe import QUERY_SOURCES, SCREENING, Universe, load_entities, split_label

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RAQIB_SHARED", ROOT.parent / "shared"))
BENCH_PYTHON = Path(os.environ.get("RAQIB_BENCH_PYTHON", ROOT / ".venv-bench" / "bin" / "python"))

# (manipulated, cross-script per source, clean, nomenklatura sample) for a full and a quick run.
SIZES = {"full": (500, 300, 2000, 600), "quick": (60, 25, 200, 80)}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {ram_gb:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def available(anchor: str) -> str | None:
    """None when the anchor can run here, else why not."""
    if anchor == "raqib":
        try:
            from raqib.matching import Screener  # noqa: F401
        except ImportError as exc:
            return f"raqib.matching.Screener is not importable ({exc})"
    if anchor == "nomenklatura" and not BENCH_PYTHON.exists():
        return f"benchmark virtualenv python {BENCH_PYTHON} not found (see benchmarks/README.md)"
    return None


def run_worker(anchor: str, workdir: Path, sample: int, seed: int) -> MatcherRun:
    python = BENCH_PYTHON if anchor == "nomenklatura" else Path(sys.executable)
    cmd = [str(python), "-m", "benchmarks.worker", anchor, str(workdir), "--seed", str(seed)]
    if sample:
        cmd += ["--sample", str(sample)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return MatcherRun.from_dict(json.loads((workdir / f"run-{anchor}.json").read_text("utf-8")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small query sets for a smoke run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--anchors", default="raqib,nomenklatura,ofac_sls")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    n_manipulated, n_cross, n_clean, nk_sample = SIZES["quick" if args.quick else "full"]
    lists, eval_dir = SHARED / "lists", SHARED / "eval"
    args.out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    ofac = Universe(SCREENING, load_entities(lists, SCREENING))
    others = {split_label(label)[0]: load_entities(lists, [label]) for label in QUERY_SOURCES}
    parse_s = time.perf_counter() - t0
    listed = set(ofac.by_key) | {k for ents in others.values() for k in Universe((), ents).by_key}

    manipulated = build_manipulated(ofac, n_manipulated, args.seed)
    cross, linkage = build_cross_script(ofac, others, eval_dir / "pairs" / "ru_pep_names_ru_en.csv", n_cross, args.seed)
    clean, population = build_clean_population(eval_dir / "population" / "names_by_country_top1000.csv", listed,
                                               n_clean, args.seed)
    clean, population["collisions"] = mark_collisions(clean, ofac, eval_dir / "pairs")
    pairs = read_pairs(eval_dir / "pairs" / "name_bench_cases.csv")
    queries = manipulated + cross + clean
    missing = [q.qid for q in queries for e in q.expected if e not in ofac.by_id]
    if missing:
        raise SystemExit(f"query builders produced expectations outside the universe: {missing[:5]}")

    workdir = args.out / "work"
    workdir.mkdir(exist_ok=True)
    ofac.dump(workdir / "universe.jsonl")
    (workdir / "queries.json").write_text(json.dumps(
        {"queries": [q.to_dict() for q in queries], "pairs": [p.to_dict() for p in pairs]}, ensure_ascii=False), "utf-8")

    summaries, unavailable = {}, {}
    for anchor in [a.strip() for a in args.anchors.split(",") if a.strip()]:
        reason = available(anchor)
        if reason:
            unavailable[anchor] = reason
            print(f"skipping {anchor}: {reason}", file=sys.stderr)
            continue
        run = run_worker(anchor, workdir, nk_sample if anchor == "nomenklatura" else 0, args.seed)
        summaries[anchor] = summarise(queries, pairs, run)

    meta = {
        "command": "python -m benchmarks.run " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "seed": args.seed,
        "universe": ofac.stats(),
        "query_sources": list(QUERY_SOURCES),
        "parse_s": parse_s,
        "query_counts": {"manipulated": len(manipulated), "cross_script": len(cross), "clean": len(clean),
                         "pairs": len(pairs)},
        "linkage": linkage.to_dict(),
        "population": population,
        "unavailable": unavailable,
        "wall_s": time.perf_counter() - started,
    }
    report = markdown(meta, summaries)
    (args.out / "report.md").write_text(report, "utf-8")
    (args.out / "report.json").write_text(json.dumps({"meta": meta, "matchers": summaries}, indent=2,
                                                     ensure_ascii=False), "utf-8")
    print(report)


if __name__ == "__main__":
    main()
