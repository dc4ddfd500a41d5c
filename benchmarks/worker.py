"""Run one matcher in its own process, so its peak memory is its own and its dependencies stay
in its own virtualenv (nomenklatura needs PyICU; Raqib ships pyicu-wheels).

    python -m benchmarks.worker MATCHER WORKDIR [--sample N] [--seed S]

Reads ``WORKDIR/universe.jsonl`` and ``WORKDIR/queries.json``; writes ``WORKDIR/run-MATCHER.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:  # the bench virtualenv reads Raqib's model without installing Raqib
    sys.path.insert(0, str(SRC))

from benchmarks.evaluate import run_matcher, sample_queries  # noqa: E402
from benchmarks.records import BenchQuery, NamePair  # noqa: E402
from benchmarks.universe import read_dump  # noqa: E402


def make_matcher(name: str, labels: tuple[str, ...]):
    if name == "raqib":
        from benchmarks.matchers.raqib_adapter import RaqibMatcher

        return RaqibMatcher(versions=list(labels))
    if name == "ofac_sls":
        from benchmarks.matchers.ofac_sls import OfacSlsBaseline

        return OfacSlsBaseline()
    if name == "nomenklatura":
        from benchmarks.matchers.nomenklatura_adapter import NomenklaturaMatcher

        return NomenklaturaMatcher()
    if name == "null":
        from benchmarks.matchers.base import NullMatcher

        return NullMatcher()
    raise SystemExit(f"unknown matcher {name!r} (raqib, ofac_sls, nomenklatura, null)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("matcher")
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="screen a deterministic sample of this size")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    labels, entities = read_dump(args.workdir / "universe.jsonl")
    data = json.loads((args.workdir / "queries.json").read_text("utf-8"))
    queries = [BenchQuery.from_dict(q) for q in data["queries"]]
    pairs = [NamePair.from_dict(p) for p in data["pairs"]]
    if args.sample:
        queries = sample_queries(queries, args.sample, args.seed)
    matcher = make_matcher(args.matcher, labels)
    run = run_matcher(matcher, entities, queries, pairs)
    if args.sample:
        run.sampled_queries = len(queries)
    out = args.workdir / f"run-{args.matcher}.json"
    out.write_text(json.dumps(run.to_dict(), ensure_ascii=False), "utf-8")
    print(f"{args.matcher}: {len(queries)} queries, build {run.build_s:.1f}s, peak {run.peak_rss_mb:.0f} MB -> {out}")


if __name__ == "__main__":
    main()
