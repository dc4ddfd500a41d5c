"""Markdown and JSON report from the per-matcher summaries."""

from __future__ import annotations

from typing import Any

LOWER_IS_BETTER = {"false alerts / 1,000 clean", "latency p50 (ms)", "latency p99 (ms)", "index build (s)",
                   "index load (s)", "peak RSS (MB)"}


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def headline_rows(summary: dict) -> dict[str, float | None]:
    recall, alerts, pairs, speed = summary["recall"], summary["false_alerts"], summary["pairs"], summary["speed"]
    rows: dict[str, float | None] = {}
    headline = [k for k in recall if "/" not in k or k.startswith("cross_script/") and "script:" not in k]
    headline += [k for k in recall if k.startswith("cross_script/person/script:")]
    for group in sorted(headline):
        rows[f"recall@1 {group}"] = recall[group]["recall@1"]
        rows[f"recall@10 {group}"] = recall[group]["recall@10"]
    rows["false alerts / 1,000 clean"] = alerts.get("all", {}).get("per_1000")
    rows["false alerts / 1,000 clean, excluding name collisions"] = (
        alerts.get("excluding name collisions", {}).get("per_1000"))
    for tier in ("all", "STRONG", "MEDIUM", "WEAK"):
        rows[f"pairs F1 {tier}"] = pairs.get(tier, {}).get("f1")
    rows["latency p50 (ms)"] = speed["p50_ms"]
    rows["latency p99 (ms)"] = speed["p99_ms"]
    rows["throughput (names/s/core)"] = speed["names_per_s_per_core"]
    rows["index build (s)"] = speed["build_s"]
    rows["index load (s)"] = speed["load_s"]
    rows["peak RSS (MB)"] = speed["peak_rss_mb"]
    return rows


def ratios(summaries: dict[str, dict], subject: str = "raqib") -> dict[str, dict[str, float | None]]:
    """subject/anchor for every headline metric (for lower-is-better rows a ratio < 1 is a win)."""
    if subject not in summaries:
        return {}
    mine = headline_rows(summaries[subject])
    out: dict[str, dict[str, float | None]] = {}
    for anchor, summary in summaries.items():
        if anchor == subject:
            continue
        theirs = headline_rows(summary)
        out[anchor] = {k: (v / theirs[k] if v is not None and theirs.get(k) else None) for k, v in mine.items()}
    return out


def markdown(meta: dict, summaries: dict[str, dict]) -> str:
    names = list(summaries)
    rat = ratios(summaries)
    lines = [f"# Raqib screening benchmark ({meta['date']})", "",
             f"Command: `{meta['command']}`  ", f"Machine: {meta['machine']}  ",
             f"Universe: {meta['universe']['lists']} — {meta['universe']['entities']:,} entities, "
             f"{meta['universe']['names']:,} names {meta['universe']['by_schema']}  ",
             f"Query sets (seed {meta['seed']}): {meta['query_counts']}  ",
             f"Clean population: {meta['population']['generated']} names; "
             f"{meta['population']['excluded_listed']} generated names excluded as genuinely listed; "
             f"{meta['population'].get('collisions', 0)} kept but tagged as name collisions (every word of the "
             "name is a word of one listed person's name, by Wikidata token dictionaries; see "
             "benchmarks/queries/collisions.py)  ", ""]
    lines += ["## Matchers", ""]
    for name in names:
        s = summaries[name]
        sample = f"; screened a deterministic sample of {s['sampled_queries']} queries" if s["sampled_queries"] else ""
        lines.append(f"- **{name}** (threshold {_fmt(s['threshold'], 2)}): {s['description']}{sample}")
    for name, reason in meta.get("unavailable", {}).items():
        lines.append(f"- **{name}**: not run — {reason}")
    lines += ["", "## Headline", ""]
    header = ["metric", *names, *[f"raqib/{a}" for a in rat]]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    rows = {name: headline_rows(summaries[name]) for name in names}
    for metric in dict.fromkeys(k for r in rows.values() for k in r):
        cells = [_fmt(rows[n].get(metric)) for n in names] + [_fmt(rat[a].get(metric), 2) for a in rat]
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    lines += ["", "Ratios: for recall, F1 and throughput > 1 means Raqib is better; for false alerts, latency, "
              "build/load time and memory < 1 means Raqib is better.", ""]
    lines += ["## Recall per variation and script (recall@1 / recall@10)", ""]
    groups = sorted({g for s in summaries.values() for g in s["recall"]})
    lines += ["| group | n | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 2)]
    for g in groups:
        n = max(summaries[m]["recall"].get(g, {}).get("n", 0) for m in names)
        cells = [f"{_fmt(summaries[m]['recall'][g]['recall@1'], 2)} / {_fmt(summaries[m]['recall'][g]['recall@10'], 2)}"
                 if g in summaries[m]["recall"] else "–" for m in names]
        lines.append(f"| {g} | {n} | " + " | ".join(cells) + " |")
    lines += ["", "## False alerts per 1,000 clean names, by script", ""]
    keys = sorted({k for s in summaries.values() for k in s["false_alerts"]})
    lines += ["| group | n | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 2)]
    for k in keys:
        n = max(summaries[m]["false_alerts"].get(k, {}).get("n", 0) for m in names)
        lines.append(f"| {k} | {n} | " + " | ".join(_fmt(summaries[m]["false_alerts"].get(k, {}).get("per_1000"), 1)
                                                    for m in names) + " |")
    lines += ["", "## Pairs (precision / recall / F1 at each matcher's threshold)", ""]
    lines += ["| tier | n | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 2)]
    for tier in ("all", "STRONG", "MEDIUM", "WEAK"):
        stats = {m: summaries[m]["pairs"].get(tier) for m in names}
        n = next((s["n"] for s in stats.values() if s), 0)
        cells = [f"{_fmt(s['precision'], 2)} / {_fmt(s['recall'], 2)} / {_fmt(s['f1'], 2)}" if s else "–"
                 for s in stats.values()]
        lines.append(f"| {tier} | {n} | " + " | ".join(cells) + " |")
    lines += ["", "## Cross-script linkage (source records → OFAC entries)", "",
              "| source | records with non-Latin names | linked to OFAC | queries | dropped (string already in OFAC) |",
              "|---|---|---|---|---|"]
    for source, c in meta["linkage"].items():
        lines.append(f"| {source} | {c['records_with_non_latin_names']} | {c['linked_to_ofac']} | {c['queries']} | "
                     f"{c['dropped_string_in_universe']} |")
    lines += ["", "## Speed and memory (single thread; one process per matcher)", "",
              "| matcher | queries | p50 ms | p99 ms | names/s/core | build s | save s | load s | warm-up s | "
              "RSS with entities MB | peak RSS MB |", "|" + "---|" * 11]
    for m in names:
        sp = summaries[m]["speed"]
        lines.append(f"| {m} | {sp['queries']} | {_fmt(sp['p50_ms'], 2)} | {_fmt(sp['p99_ms'], 2)} | "
                     f"{_fmt(sp['names_per_s_per_core'], 1)} | {_fmt(sp['build_s'], 2)} | {_fmt(sp['save_s'], 2)} | "
                     f"{_fmt(sp['load_s'], 2)} | {_fmt(sp['warmup_s'], 2)} | {_fmt(sp['rss_entities_mb'], 0)} | "
                     f"{_fmt(sp['peak_rss_mb'], 0)} |")
    lines += ["", f"Wall time of the whole run: {meta['wall_s']:.0f} s.", ""]
    return "\n".join(lines)
