"""Manipulated list names: a listed name with one tester's variation; the query must find it."""

from __future__ import annotations

import random

from raqib.model import NameKind
from raqib.text.scripts import detect_script

from benchmarks.normalize import name_key
from benchmarks.records import MANIPULATED, BenchQuery
from benchmarks.universe import SCHEMA_KINDS, Universe, strong_latin_names
from benchmarks.variations import BY_SCHEMA, load_tables

# Share of the query budget per kind of entity (lists are mostly persons and organisations).
SCHEMA_SHARE = {"person": 0.5, "organization": 0.35, "vessel": 0.15}


def build_manipulated(universe: Universe, total: int, seed: int) -> list[BenchQuery]:
    tables = load_tables()
    queries: list[BenchQuery] = []
    entities = sorted(universe.entities, key=lambda e: e.id)  # input order must not matter
    for kind, share in SCHEMA_SHARE.items():
        pool = [e for e in entities if SCHEMA_KINDS.get(str(e.schema)) == kind and strong_latin_names(e)]
        variations = BY_SCHEMA[kind]
        per_variation = max(1, round(total * share / len(variations)))
        for variant, vary in variations.items():
            rng = random.Random(f"{seed}:{kind}:{variant}")
            order = pool[:]
            rng.shuffle(order)
            made = 0
            for entity in order:
                if made >= per_variation:
                    break
                names = strong_latin_names(entity)
                primary = [n for n in names if n.kind == NameKind.PRIMARY] or names
                source = primary[0].value
                text = vary(source, rng, tables)
                if not text or " ".join(text.split()) == " ".join(source.split()):
                    continue
                # A variation that lands exactly on another entity's name is ambiguous: skip it.
                if universe.by_key.get(name_key(text), set()) - universe.by_key[name_key(source)]:
                    continue
                expected = tuple(sorted(universe.by_key[name_key(source)]))  # homonyms count too
                queries.append(
                    BenchQuery(
                        qid=f"man:{kind}:{variant}:{made}",
                        text=text,
                        schema=kind,
                        category=MANIPULATED,
                        variant=variant,
                        script=detect_script(text) or "Zyyy",
                        expected=expected,
                        origin=f"{entity.id} {source}",
                    )
                )
                made += 1
    return queries
