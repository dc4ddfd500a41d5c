"""Where the targets pull against each other: Raqib's recall, false alerts and pair F1 at each
threshold, name only and with the dates of birth a customer file holds. Reads the query sets of
the last ``benchmarks.run`` (``--work``), so the figures are of the very queries of the report.

    python -m benchmarks.frontier [--work benchmarks/out/work] [--out benchmarks/out/frontier.md]

Name only: every query screened once down to score 0, then counted at each threshold.
With a date of birth (at the default threshold): each clean customer gets a random one (years
1940-2005, seeded), as every customer record has one; each cross-script person query gets the
listed person's own, when the list gives one (the record a bank holds of that person).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from benchmarks.metrics import prf
from benchmarks.records import CLEAN, CROSS_SCRIPT, MANIPULATED, BenchQuery, NamePair
from benchmarks.universe import read_dump

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = [round(0.60 + 0.02 * i, 2) for i in range(17)]  # 0.60 … 0.92
GROUPS = {  # group label -> which queries
    "Arabic persons": lambda q: q.category == CROSS_SCRIPT and q.schema == "person" and q.script == "Arab",
    "Cyrillic persons": lambda q: q.category == CROSS_SCRIPT and q.schema == "person" and q.script == "Cyrl",
    "manipulated Latin": lambda q: q.category == MANIPULATED,
}


def screen_all(screener, queries: list[BenchQuery], dates: dict[str, str]) -> dict[str, tuple[str | None, float]]:
    """qid -> (best entity, its score), screened down to score 0."""
    from raqib.matching import Query

    out = {}
    with screener.batch():
        for q in queries:
            hits = screener.screen(Query(q.text, schema=q.schema, birth_date=dates.get(q.qid)), threshold=0.0,
                                   limit=1).hits
            out[q.qid] = (hits[0].entity_id, hits[0].score) if hits else (None, 0.0)
    return out


def figures(queries: list[BenchQuery], best: dict, threshold: float) -> dict[str, float]:
    row: dict[str, float] = {}
    for label, member in GROUPS.items():
        group = [q for q in queries if member(q)]
        right = sum(best[q.qid][0] in q.expected and best[q.qid][1] >= threshold for q in group)
        row[label] = right / len(group) if group else float("nan")
    clean = [q for q in queries if q.category == CLEAN]
    alerts = [q for q in clean if best[q.qid][1] >= threshold]
    row["false alerts / 1,000"] = 1000 * len(alerts) / len(clean)
    others = [q for q in clean if not q.collides_with]
    row["excl. collisions"] = 1000 * sum(best[q.qid][1] >= threshold for q in others) / len(others)
    return row


def birth_dates(queries: list[BenchQuery], entities, seed: int) -> dict[str, str]:
    """A random date for each clean customer; the listed person's own for cross-script persons."""
    rng = random.Random(f"{seed}:dob")
    born = {e.id: e.birth_dates[0].value for e in entities if e.birth_dates and e.birth_dates[0].value}
    dates = {}
    for q in queries:
        if q.category == CLEAN:
            dates[q.qid] = f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif q.category == CROSS_SCRIPT and q.schema == "person" and q.expected and q.expected[0] in born:
            dates[q.qid] = born[q.expected[0]]
    return dates


def markdown(rows: list[tuple[float, dict]], default: float, dated: dict, counts: dict) -> str:
    columns = [*GROUPS, "false alerts / 1,000", "excl. collisions", "pairs F1"]
    lines = ["| threshold | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for threshold, row in rows:
        mark = " (default)" if abs(threshold - default) < 1e-9 else ""
        cells = [f"{row[c]:.1f}" if "alerts" in c or "collisions" in c else f"{row[c]:.3f}" for c in columns]
        lines.append(f"| {threshold:.2f}{mark} | " + " | ".join(cells) + " |")
    lines += ["", f"With a date of birth, default threshold {default:.2f} ({counts['clean']} clean customers dated; "
              f"{counts['dated_persons']} of {counts['persons']} cross-script persons have a listed date):", ""]
    lines += ["| " + " | ".join(dated) + " |", "|---" * len(dated) + "|",
              "| " + " | ".join(f"{v:.1f}" if "alerts" in k or "collisions" in k else f"{v:.3f}"
                                for k, v in dated.items()) + " |"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "work")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "frontier.md")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from raqib.matching import Screener

    data = json.loads((args.work / "queries.json").read_text("utf-8"))
    queries = [BenchQuery.from_dict(q) for q in data["queries"]]
    pairs = [NamePair.from_dict(p) for p in data["pairs"]]
    labels, entities = read_dump(args.work / "universe.jsonl")
    screener = Screener.from_entities(entities, versions=list(labels))
    best = screen_all(screener, queries, {})
    scores = [screener.compare_names(p.name1, p.name2, schema=p.schema) for p in pairs]  # as the harness
    rows = []
    for threshold in THRESHOLDS:
        row = figures(queries, best, threshold)
        row["pairs F1"] = prf([p.is_match for p in pairs], [s >= threshold for s in scores])["f1"]
        rows.append((threshold, row))
    dates = birth_dates(queries, entities, args.seed)
    dated_queries = [q for q in queries if q.category == CLEAN or q.qid in dates]
    best_dated = {**best, **screen_all(screener, dated_queries, dates)}
    dated = figures(queries, best_dated, screener.threshold)
    persons = [q for q in queries if GROUPS["Arabic persons"](q) or GROUPS["Cyrillic persons"](q)]
    counts = {"clean": sum(q.category == CLEAN for q in queries), "persons": len(persons),
              "dated_persons": sum(q.qid in dates for q in persons)}
    report = markdown(rows, screener.threshold, dated, counts)
    args.out.write_text(report, "utf-8")
    print(report)


if __name__ == "__main__":
    main()
