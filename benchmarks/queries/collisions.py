"""Which clean customer names are, in fact, a listed person's name (a name collision).

A customer called "Ali Darwish" when the SDN list has "DARWISH, Ali" raises an alert that is right
to raise: the name matches and only the date of birth can clear it (OFAC FAQ 5 step 4). The
harness reports false alerts with and without such collisions. The test is independent of every
matcher: a customer name collides when each of its words (two or more) is a word of one listed
person's name, written in Latin directly or, for Arabic and Cyrillic script, through the
Wikidata token dictionaries in ``eval/pairs`` (the most frequent spellings of each word).
"""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from pathlib import Path

from benchmarks.normalize import tokens
from benchmarks.records import BenchQuery
from benchmarks.universe import Universe

_ARTICLES = ("al", "el")


def load_dictionary(path: Path, min_count: int = 1) -> dict[str, set[str]]:
    """Native-script token -> Latin spellings (lower case) from a Wikidata token table."""
    table: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3 and row[2].isdigit() and int(row[2]) >= min_count:
                table[row[1].replace(" ", "")].add(row[0].lower())
    return table


def _latin_keys(word: str) -> set[str]:
    keys = {word}
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 2:
            keys.add(word[len(article):])
    return keys


class CollisionFinder:
    def __init__(self, universe: Universe, dictionaries: list[dict[str, set[str]]]):
        self.names: list[tuple[str, list[set[str]]]] = []  # (entity id, per-word key sets)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.dictionary: dict[str, set[str]] = defaultdict(set)
        for table in dictionaries:
            for native, spellings in table.items():
                self.dictionary[native] |= spellings
        for entity in universe.entities:
            if str(entity.schema) != "Person":
                continue
            for name in entity.names:
                if str(name.quality) == "weak":
                    continue
                words = [_latin_keys(w) for w in tokens(name.value.replace("-", " ")) if w not in _ARTICLES]
                index = len(self.names)
                self.names.append((entity.id, words))
                for keys in words:
                    for key in keys:
                        self.by_key[key].append(index)

    def _word_keys(self, word: str) -> set[str]:
        if word.isascii():
            return _latin_keys(word)
        keys = set(self.dictionary.get(word, ()))
        if word.startswith("ال"):  # Arabic article joined to the word
            keys |= self.dictionary.get(word[2:], set())
        return {k for key in keys for k in _latin_keys(key)}

    def collides(self, text: str) -> str | None:
        """The listed entity whose name contains every word of ``text``, if any."""
        words = [self._word_keys(w) for w in tokens(text) if w not in _ARTICLES and w != "ال"]
        if len(words) < 2 or not all(words):
            return None
        candidates = set.intersection(*({i for k in keys for i in self.by_key.get(k, ())} for keys in words))
        for index in sorted(candidates):
            entity_id, listed = self.names[index]
            if _contained(words, listed):
                return entity_id
        return None


def _contained(words: list[set[str]], listed: list[set[str]]) -> bool:
    """Each query word matched to a distinct listed word (small sets: plain backtracking)."""
    def place(i: int, used: frozenset[int]) -> bool:
        if i == len(words):
            return True
        return any(j not in used and words[i] & keys and place(i + 1, used | {j}) for j, keys in enumerate(listed))
    return place(0, frozenset())


def mark_collisions(clean: list[BenchQuery], universe: Universe, pairs_dir: Path) -> tuple[list[BenchQuery], int]:
    """Tag clean names that are a listed person's name; returns the tagged list and their count."""
    finder = CollisionFinder(universe, [load_dictionary(pairs_dir / "wikidata_arabic_tokens.tsv"),
                                        load_dictionary(pairs_dir / "wikidata_russian_tokens.tsv")])
    tagged = [dataclasses.replace(q, collides_with=finder.collides(q.text) or "") for q in clean]
    return tagged, sum(1 for q in tagged if q.collides_with)
