"""Candidate generation: which few list names deserve full alignment and scoring.

Each query part is matched to vocabulary keys by (a) canonical key and spellings, (b) consonant
skeleton, (c) a deletion neighbourhood for typos (one edit, two in long words), (d) prefix for a
final word cut short, and (e) split words (``AlexeiKonstantinovich``) or joined neighbours
(``Konstan tinovich``). Each (part → key) match gets a cheap similarity; the key's rarity (idf)
times that similarity is the part's vote for every list name carrying the key, and a name's cheap
score is the sum of its best vote per query part, scaled down for long list names. Only the best
few entities' names are then aligned in full (``screener``): the cheap score decides what is
looked at, never whether it alerts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import OSA

from raqib.matching.align import idf
from raqib.matching.config import MatchConfig
from raqib.matching.vocabulary import FORM, INITIAL, SKELETON, deletion_list
from raqib.text.parts import NamePart, PartKind
from raqib.text.scripts import LATIN_SCRIPTS

if TYPE_CHECKING:
    from raqib.matching.index import MatchIndex

RETRIEVAL_KINDS = (PartKind.NAME, PartKind.NUMBER, PartKind.PATRONYMIC)
_NO_TYPOS = (PartKind.NUMBER, PartKind.INITIAL)
_CACHE_SIZE = 100_000  # query parts whose key matches are remembered (file screening repeats parts)

Matches = dict[int, float]  # vocabulary key id -> cheap similarity in (0, 1]


def part_weight(kind: str, part_idf: float, idf_cap: float, config: MatchConfig) -> float:
    """Weight of a name part in the name score: its kind's weight, scaled by rarity above a floor."""
    rarity = min(1.0, part_idf / idf_cap)
    floor = config["rarity_floor"]
    return config["kind_weights"][kind] * (floor + (1 - floor) * rarity)


def is_latin(parts: tuple[NamePart, ...]) -> bool:
    return all(p.script in LATIN_SCRIPTS for p in parts)


def core_parts(parts: tuple[NamePart, ...]) -> tuple[NamePart, ...]:
    """The parts that find and rank candidates: names, numbers, patronymics (all parts if none)."""
    return tuple(p for p in parts if p.kind in RETRIEVAL_KINDS) or parts


class CandidateFinder:
    def __init__(self, index: "MatchIndex", config: MatchConfig):
        self.index = index
        self.vocabulary = index.vocabulary
        self.config = config
        self._matches: dict[tuple[NamePart, bool], Matches] = {}
        # A key's vote is the weight a part with its rarity has in the name score. A list name's
        # cheap score also weighs how much of it was matched (long list names keep more unmatched).
        idf_cap = idf(config["rarity_cap_df"], index.name_count)
        floor = config["rarity_floor"]
        self._rarity = (floor + (1 - floor) * np.minimum(1.0, self.vocabulary.idf / idf_cap)).astype(np.float32)
        # An initial is as rare as the list part it stands for, unknown here; a letter is shared
        # by many names, so it counts less than a rare word (M. S. POTEPKIN is found by POTEPKIN,
        # not crowded out by every short name with an M and an S).
        initials = self.vocabulary.prefix_range(INITIAL)
        self._rarity[initials.start : initials.stop] = config["candidate_initial_rarity"]
        self._inverse_weight = (1.0 / np.maximum(index.name_weight, 0.05)).astype(np.float32)
        # Names by legal-form class: among one entity's many aliases the one with the query's
        # legal form ("VTB Bank PJSC" ~ "VTB BANK PUBLIC JOINT STOCK COMPANY") ranks first.
        by_form: dict[str, list[int]] = {}
        for nid, listed in enumerate(index.names):
            for key in {p.key for p in listed.parts if p.kind == PartKind.LEGAL_FORM}:
                by_form.setdefault(key, []).append(nid)
        self._legal_forms = {k: np.array(v, dtype=np.int64) for k, v in by_form.items()}

    # --- per query part ----------------------------------------------------------------------------
    def part_matches(self, part: NamePart, final: bool = False) -> Matches:
        """Vocabulary keys this query part may stand for, with a cheap similarity (cached)."""
        cache_key = (part, final)
        found = self._matches.get(cache_key)
        if found is None:
            if len(self._matches) >= _CACHE_SIZE:
                self._matches.clear()
            found = self._matches[cache_key] = self._find(part, final)
        return found

    def _find(self, part: NamePart, final: bool) -> Matches:
        vocab, config = self.vocabulary, self.config
        ids = vocab.ids
        found: Matches = {}

        def add(kid: int | None, similarity: float) -> None:
            if kid is not None and found.get(kid, 0.0) < similarity:
                found[kid] = similarity

        if part.kind == PartKind.INITIAL:
            add(ids.get(INITIAL + part.forms[0]), config["score_initial"])
            return found
        for form in (part.key, *part.forms):
            add(ids.get(FORM + form), 1.0)
        for skel in part.skeletons:
            if len(skel) >= 2:
                add(ids.get(SKELETON + skel), config["candidate_skeleton"])
        # A Latin word spelled like a list word is taken as written (SymSpell's "closest" rule): its
        # one-letter neighbours are other names, not typos (consonant neighbours are kept above:
        # Lavrova ~ Lavrov, Mansur ~ Mansoor).
        as_written = part.script in LATIN_SCRIPTS and any(FORM + f in ids for f in part.forms)
        if not as_written and part.kind not in _NO_TYPOS:
            for form in part.forms[: config["candidate_forms"]]:
                self._typos(form, add)
        form = part.forms[0]
        if final and len(form) >= config["candidate_prefix_min"]:
            span = vocab.prefix_range(FORM + form)
            if len(span) <= config["candidate_prefix_keys"]:
                for kid in span:
                    # A longer completion is weaker evidence: "Muhamm" is surely Muhammad, "Bas" is not.
                    add(kid, 0.5 + 0.5 * len(form) / (len(vocab.keys[kid]) - len(FORM)))
        shortest = config["candidate_split_min"]
        if len(form) >= 2 * shortest:
            # Two list words written as one (GLOBALTRANSLIMITED, Alhouri): both halves known, or
            # one a short particle (al, el, ul) and the other known, which alone then votes.
            split = config["candidate_split"]
            for cut in range(2, len(form) - 1):
                tail = ids.get(FORM + form[cut:])
                if tail is None:
                    continue  # most cuts: the head is not looked up
                if cut < shortest:
                    add(tail, split)
                elif len(form) - cut >= shortest:
                    head = ids.get(FORM + form[:cut])
                    if head is not None:
                        add(head, split)
                        add(tail, split)
        return found

    def _typos(self, form: str, add) -> None:
        config = self.config
        if len(form) < config["candidate_typo_min"]:
            return
        edits = 2 if len(form) >= config["candidate_typo2_min"] else 1
        keys, longer, size = self.vocabulary.keys, config["candidate_typo2_min"], len(form)
        for kid in self.vocabulary.typo_neighbours(deletion_list(form, edits)):
            spelling = keys[kid][len(FORM) :]
            allowed = 2 if size >= longer and len(spelling) >= longer else 1
            distance = OSA.distance(form, spelling, score_cutoff=allowed)
            if 0 < distance <= allowed:
                add(kid, 1.0 - distance / max(size, len(spelling)))

    def joined_matches(self, first: NamePart, second: NamePart) -> Matches:
        """Two query words written as one list word (``Konstan tinovich``, ``Ri Chol`` ~ ``Richol``)."""
        ids, similarity = self.vocabulary.ids, self.config["candidate_split"]
        found: Matches = {}
        for a in first.forms[:2]:
            for b in second.forms[:2]:
                kid = ids.get(FORM + a + b)
                if kid is not None:
                    found[kid] = similarity
        return found

    # --- ranking -----------------------------------------------------------------------------------
    def scores(self, parts: tuple[NamePart, ...]) -> tuple[np.ndarray, np.ndarray]:
        """List names sharing a key with the query (sorted ids) and their cheap scores."""
        core = core_parts(parts)
        kinds = self.config["kind_weights"]
        votes = [self.part_matches(p, final=(i == len(core) - 1)) for i, p in enumerate(core)]
        # Initials vote too (R. T. Chol): as much as the list name part they may stand for.
        initials = [p for p in parts if p.kind == PartKind.INITIAL and p not in core]
        votes += [self.part_matches(p) for p in initials]
        voters = core + tuple(initials)
        for i in range(len(core) - 1):
            joined = self.joined_matches(core[i], core[i + 1])
            if joined:  # (rare) the cached matches are copied, not changed
                votes[i], votes[i + 1] = dict(votes[i]), dict(votes[i + 1])
            for kid, similarity in joined.items():
                for side in (i, i + 1):  # the joined word stands for both query parts
                    if votes[side].get(kid, 0.0) < similarity:
                        votes[side][kid] = similarity
        # All voters' keys at once: numpy calls on a few hundred ids cost more than the work itself.
        kids: list[int] = []
        sims: list[float] = []
        weights: list[float] = []
        voter_of: list[int] = []
        voted: list[tuple[str, Matches]] = []
        for part, matches in zip(voters, votes):
            if not matches or (part.kind, matches) in voted:
                continue  # a repeated word (Ali … Ali) does not count twice
            voted.append((part.kind, matches))
            weight = kinds[PartKind.NAME if part.kind == PartKind.INITIAL else part.kind]
            kids.extend(matches)
            sims.extend(matches.values())
            weights.extend([weight] * len(matches))
            voter_of.extend([len(voted) - 1] * len(matches))
        if not kids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        total, touched = self._votes(kids, sims, weights, voter_of, len(voted))
        legal_bonus = self.config["candidate_legal_form_bonus"]
        for key in {p.key for p in parts if p.kind == PartKind.LEGAL_FORM}:
            same = self._legal_forms.get(key)
            if same is not None:
                total[same[total[same] > 0]] += legal_bonus  # only names already found by a word
        # Names with a vote, in id order: ``touched`` is, a name once per voter that voted for it.
        first = np.empty(len(touched), dtype=bool)
        first[:1] = True
        np.not_equal(touched[1:], touched[:-1], out=first[1:])
        names = touched[first]
        matched = total[names]
        if len(touched) * 16 > len(total):  # as ever for many names: a zero sum (kind weighted 0) is no vote
            names, matched = names[matched != 0], matched[matched != 0]
        # As the name score, ~ sqrt(matched × share of the list name matched (at most all of it)).
        return names, np.sqrt(matched * np.minimum(1.0, matched * self._inverse_weight[names]))

    def _votes(self, kids: list[int], sims: list[float], weights: list[float], voter_of: list[int],
               voters: int) -> tuple[np.ndarray, np.ndarray]:
        """Each list name's summed votes (per voter its best key: max over overlapping postings,
        added voter after voter in float32, as the scores have always been computed) and the
        names voted for, in id order, a name once per voter."""
        vocab = self.vocabulary
        values = np.array(sims, dtype=np.float32) * self._rarity[kids] * np.array(weights, dtype=np.float32)
        flat, bounds = vocab.flat, vocab._bounds  # ``vocab.posting``, inlined: one call per key
        postings = [flat[bounds[kid] : bounds[kid + 1]] for kid in kids]
        lengths = [len(p) for p in postings]
        names = np.concatenate(postings).astype(np.intp)  # as indices are: not converted at each use
        vote = np.repeat(values, lengths)
        # One (name, voter) group per list name and voter, its highest vote first: one sort of a
        # composite key (group in the high bits, the vote's bits inverted in the low ones: votes
        # are non-negative floats, whose bit patterns order as the values do). Grouped by name,
        # then voter: the names come out in id order, with no pass over all list names. Each
        # posting is an ascending run of keys, which a stable sort (timsort) merges.
        group = names * voters + np.repeat(np.array(voter_of, dtype=np.int64), lengths)
        order = np.argsort((group << 32) | (~vote.view(np.uint32)).astype(np.int64), kind="stable")
        group = group[order]
        first = np.empty(len(group), dtype=bool)
        first[:1] = True
        np.not_equal(group[1:], group[:-1], out=first[1:])
        best = order[first]
        touched = names[best]
        total = np.zeros(self.index.name_count, dtype=np.float32)
        np.add.at(total, touched, vote[best])  # each name's votes in voter order, one float32 addition at a time
        return total, touched

    def rank(self, parts: tuple[NamePart, ...]) -> list[int]:
        """List names worth full scoring, best first (deterministic).

        A query in another script than Latin has its Latin and its other-script list names ranked
        apart: romanised matches get lower cheap scores (skeletons, variant spellings) than names
        written as the query is, yet are often the same person on another list.
        """
        touched, scores = self.scores(parts)
        if is_latin(parts):
            return self._select(touched, scores)
        latin = self.index.name_latin[touched]
        config = self.config
        native = self._select(touched[~latin], scores[~latin], config["scored_entities"])
        return native + self._select(touched[latin], scores[latin], config["scored_romanised"])

    def _select(self, touched: np.ndarray, scores: np.ndarray, most: int | None = None) -> list[int]:
        """Names taken in cheap-score order, at most ``names_per_entity`` per entity.

        Each distinct analysed name takes a slot (the same name on several lists shares one: it
        is aligned once): the ``scored_entities_min`` first slots always, further ones up to
        ``scored_entities`` while the name's cheap score is within ``candidate_ratio`` of the best.
        """
        config = self.config
        most = config["scored_entities"] if most is None else most
        fewest = min(most, config["scored_entities_min"])
        per_entity, ratio = config["names_per_entity"], config["candidate_ratio"]
        pool = most * per_entity * config["candidate_pool"]
        if not len(touched):
            return []  # (often: the other-script names of a query not in Latin)
        if len(touched) > pool:
            keep = np.argpartition(scores, -pool)[-pool:]
            touched, scores = touched[keep], scores[keep]
        # Best first, ties: lower name id first. One sort of a composite key (the score's bits
        # inverted in the high bits: scores are non-negative floats, ordered as their bits are).
        order = np.argsort(((~scores.view(np.uint32)).astype(np.int64) << 32) | touched)
        floor = float(scores[order[0]]) * ratio
        per: dict[int, int] = {}
        slots: set[int] = set()
        chosen: list[int] = []
        last = float("inf")  # cheap score of the last slot opened
        for nid, eid, shape, score in self._rows(touched, scores, order):
            taken = per.get(eid, 0)
            if taken >= per_entity:
                continue
            if shape not in slots:
                if len(slots) >= most or (len(slots) >= fewest and score < floor):
                    if score < last:
                        break  # equal names have equal cheap scores: no chosen name follows
                    continue
                slots.add(shape)
                last = score
            per[eid] = taken + 1
            chosen.append(nid)
        return chosen

    def _rows(self, touched: np.ndarray, scores: np.ndarray, order: np.ndarray):
        """(name, entity, shape, cheap score) in ``order``, read a chunk at a time: most queries
        take only the first dozen names of the pool."""
        for start in range(0, len(order), _CHUNK):
            chunk = order[start : start + _CHUNK]
            ranked = touched[chunk]
            yield from zip(ranked.tolist(), self.index.name_entity[ranked].tolist(),
                           self.index.name_shape[ranked].tolist(), scores[chunk].tolist())


_CHUNK = 32

