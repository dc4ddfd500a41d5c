"""The index vocabulary: distinct list-name keys with interned ids and postings of list names.

Keys are namespaced strings (``k:`` canonical keys and spellings, ``s:`` consonant skeletons) kept
in sorted order, so a prefix is a contiguous range found by bisection (a query cut at 35
characters ends in a partial word). Spellings of single parts also get a SymSpell-style deletion
neighbourhood: every spelling and each of its one-letter deletions, hashed into one sorted array,
so a typo'd query word finds its list spelling by looking up its own deletions (no scan).

Everything is stored as flat numpy arrays: loading an index is a few buffer copies, not the
unpickling of a dict per key.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from typing import Iterable, Mapping

import numpy as np

FORM = "k:"  # canonical key or Latin spelling of a part (or of two adjacent parts joined)
SKELETON = "s:"  # consonant skeleton of a part (or of two adjacent parts joined)
INITIAL = "i:"  # first letter of a Latin name part (what an initial in a query may stand for)
_TOP = "\U0010ffff"  # sorts after every character: the end of a prefix range


def deletions(word: str, depth: int = 1) -> set[str]:
    """``word`` and every string made by deleting up to ``depth`` (1 or 2) of its characters."""
    return set(deletion_list(word, depth))


def deletion_list(word: str, depth: int = 1) -> list[str]:
    """``deletions`` as a list, which repeats a string where a letter is doubled: to look the
    strings up, building the set costs more than the few repeated lookups. Each pair of deleted
    positions is cut once (the second from the first deletion, at or after the first)."""
    if depth not in (1, 2):
        raise ValueError(f"deletion depth must be 1 or 2, got {depth}")
    n = len(word)
    one = [word[:i] + word[i + 1 :] for i in range(n)]
    if depth < 2:
        return [word, *one]
    return [word, *one, *[w[:j] + w[j + 1 :] for i, w in enumerate(one) for j in range(i, n - 1)]]


def key_hash(text: str) -> int:
    """Stable across processes (``hash()`` is salted), so the hashes can be saved with the index."""
    return zlib.crc32(text.encode("utf-8"))


class Vocabulary:
    """Sorted keys → ids → postings (sorted list-name ids), with document frequencies and idf."""

    def __init__(self, keys: list[str], flat: np.ndarray, offsets: np.ndarray, name_count: int,
                 typo_hashes: np.ndarray, typo_ids: np.ndarray):
        self.keys = keys  # sorted
        self.ids = dict(zip(keys, range(len(keys))))
        self.flat = flat  # int32 list-name ids, postings one after another
        self.offsets = offsets  # int64, len(keys) + 1
        self._bounds: list[int] = offsets.tolist()  # plain ints: slicing with numpy scalars costs more
        self.df = np.diff(offsets).astype(np.int32)
        self.idf = np.log((name_count + 1) / (self.df + 1)).astype(np.float32)
        self.typo_hashes = typo_hashes  # uint32, sorted: hashes of spellings and their deletions
        self.typo_ids = typo_ids  # int32: key id of the spelling each hash came from
        self._typo_table = _typo_table(typo_hashes, typo_ids)

    @classmethod
    def build(cls, postings: Mapping[str, Iterable[int]], name_count: int, typo_spellings: Iterable[str],
              typo_min_length: int) -> "Vocabulary":
        keys = sorted(postings)
        lists = [np.unique(np.fromiter(postings[k], dtype=np.int32)) for k in keys]
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(p) for p in lists])
        flat = np.concatenate(lists) if lists else np.zeros(0, dtype=np.int32)
        ids = dict(zip(keys, range(len(keys))))
        hashes: list[int] = []
        owners: list[int] = []
        for spelling in set(typo_spellings):
            kid = ids.get(FORM + spelling)
            if kid is None or len(spelling) < typo_min_length:
                continue
            for variant in deletions(spelling):
                hashes.append(key_hash(variant))
                owners.append(kid)
        h, o = np.array(hashes, dtype=np.uint32), np.array(owners, dtype=np.int32)
        order = np.argsort(h, kind="stable")
        return cls(keys, flat.astype(np.int32), offsets, name_count, h[order], o[order])

    # --- persistence: plain bytes ----------------------------------------------------------------
    def state(self) -> dict:
        return {
            "keys": self.keys,
            "flat": self.flat.tobytes(),
            "offsets": self.offsets.tobytes(),
            "typo_hashes": self.typo_hashes.tobytes(),
            "typo_ids": self.typo_ids.tobytes(),
        }

    @classmethod
    def from_state(cls, state: dict, name_count: int) -> "Vocabulary":
        return cls(
            state["keys"],
            np.frombuffer(state["flat"], dtype=np.int32),
            np.frombuffer(state["offsets"], dtype=np.int64),
            name_count,
            np.frombuffer(state["typo_hashes"], dtype=np.uint32),
            np.frombuffer(state["typo_ids"], dtype=np.int32),
        )

    # --- lookups ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: str) -> bool:
        return key in self.ids

    def __iter__(self):
        return iter(self.keys)

    def posting(self, kid: int) -> np.ndarray:
        bounds = self._bounds
        return self.flat[bounds[kid] : bounds[kid + 1]]

    # Mapping-style access by key string (``index.postings.get("s:mhmd")``).
    def get(self, key: str, default=None):
        kid = self.ids.get(key)
        return default if kid is None else self.posting(kid)

    def __getitem__(self, key: str) -> np.ndarray:
        return self.posting(self.ids[key])

    def prefix_range(self, prefix: str) -> range:
        """Ids of the keys starting with ``prefix`` (namespace included), a contiguous range."""
        return range(bisect_left(self.keys, prefix), bisect_left(self.keys, prefix + _TOP))

    def typo_neighbours(self, variants: Iterable[str]) -> set[int]:
        """Ids of spellings sharing a deletion with one of ``variants`` (to be verified by edit distance)."""
        found: set[int] = set()
        # key_hash and the lookup mapped over the variants (dozens a word): no Python loop per variant.
        for owners in map(self._typo_table.get, map(zlib.crc32, map(str.encode, variants))):
            if owners is not None:
                if type(owners) is int:
                    found.add(owners)
                else:
                    found.update(owners)
        return found


def _typo_table(hashes: np.ndarray, owners: np.ndarray) -> dict[int, int | tuple[int, ...]]:
    """Hash → key id (or ids, for a hash several spellings share). A dict lookup per deletion is
    cheaper than numpy searches over the sorted arrays for the few dozen deletions of one word."""
    distinct, starts, counts = np.unique(hashes, return_index=True, return_counts=True)
    alone = counts == 1
    table: dict[int, int | tuple[int, ...]] = dict(zip(distinct[alone].tolist(), owners[starts[alone]].tolist()))
    for value, start, count in zip(distinct[~alone].tolist(), starts[~alone].tolist(), counts[~alone].tolist()):
        table[value] = tuple(owners[start : start + count].tolist())
    return table
