"""Order-insensitive alignment of query name parts to list name parts, with per-pair reasons.

Each query part is paired with at most one list part (or two adjacent parts compared joined:
"Alhouri" ~ "al Houri", "Jongun" ~ "Jong un"); pairs are taken best first. The result says which
part matched which and how — the explanation is this object, not a reconstruction.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from os.path import commonprefix
from typing import Callable

from rapidfuzz.distance import OSA, LCSseq, Levenshtein

from raqib.matching.config import MatchConfig
from raqib.text.parts import NamePart, PartKind
from raqib.text.parts import _cluster_keys, _particles, generic_spellings, is_bare_abd
from raqib.text.affixes import affix_spellings, compound_split
from raqib.text.arabic_match import arabic_part_similarity
from raqib.text.phonetic import fold_vowels, skeleton
from raqib.text.scripts import ABJADS, LATIN_SCRIPTS
from raqib.text.tables import load_table
from raqib.text.translit import ascii_key

_SYLLABIC = frozenset({"Hang", "Hani"})
_FEMININE = (("skaya", "sky"), ("skaia", "skii"), ("tskaya", "tsky"), ("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("aya", "iy"))
_FEMININE_TAILS = frozenset(feminine[-2:] for feminine, _ in _FEMININE)  # (most forms end otherwise)
# Enum members as module constants: attribute access on an Enum class is a slow path.
_NAME, _INITIAL, _NUMBER, _PARTICLE = PartKind.NAME, PartKind.INITIAL, PartKind.NUMBER, PartKind.PARTICLE
_ORIGINAL = operator.attrgetter("original")
_SCORE_RANK = operator.itemgetter(0, 1)  # options best first (``align``)
_GENERIC = (PartKind.ORG_WORD, PartKind.LEGAL_FORM)
_SCORED_KINDS = (PartKind.NAME, PartKind.PATRONYMIC, PartKind.NUMBER, PartKind.INITIAL)
# A title word can be a name elsewhere (HAJJI, Muhammad Fawzi ~ Fawzi Hajji Muhammad): spelling decides.
_COMPARABLE_KINDS = (*_SCORED_KINDS, PartKind.TITLE)
# Adjacent parts that may be one word on the other side: not initials (NAIMI A is no "Naimia").
_JOIN_FIRST = (PartKind.NAME, PartKind.PATRONYMIC, PartKind.NUMBER, PartKind.PARTICLE, PartKind.TITLE)  # MARSHALZHUKOV
_JOIN_SECOND = (PartKind.NAME, PartKind.PATRONYMIC, PartKind.NUMBER, PartKind.LEGAL_FORM, PartKind.ORG_WORD)  # "SiemensAG", "EXPOBANK"
# One written word that may be two on the other side ("INTERN ATIONAL", "SiemensAG").
_JOINABLE = (PartKind.NAME, PartKind.PATRONYMIC, PartKind.ORG_WORD, PartKind.LEGAL_FORM)


@dataclass(frozen=True, slots=True)
class PartPair:
    query: tuple[int, ...]  # query part indices
    listed: tuple[int, ...]  # list part indices
    how: str  # exact | translit | variant | arabic_letters | skeleton | fuzzy | gender_form | initial | joined | …
    score: float  # in (0, 1]


@dataclass(frozen=True, slots=True)
class Alignment:
    pairs: tuple[PartPair, ...]
    query_weights: tuple[float, ...]
    list_weights: tuple[float, ...]

    def coverage(self) -> tuple[float, float]:
        """Share of query weight and of list weight matched, each scaled by pair score."""
        got_q = sum(p.score * self.query_weights[i] for p in self.pairs for i in p.query)
        got_l = sum(p.score * self.list_weights[j] for p in self.pairs for j in p.listed)
        total_q, total_l = sum(self.query_weights) or 1.0, sum(self.list_weights) or 1.0
        return min(1.0, got_q / total_q), min(1.0, got_l / total_l)


@lru_cache(maxsize=100_000)
def _feminine_stem(form: str) -> str | None:
    for feminine, masculine in _FEMININE:
        if form.endswith(feminine) and len(form) > len(feminine) + 2:
            return form[: -len(feminine)] + masculine
    return None


def compare_parts(q: NamePart, c: NamePart, config: MatchConfig) -> tuple[float, str]:
    """Similarity of two name parts in [0, 1] and how it was established."""
    # (Fields read once into locals: this runs for every new pair of parts, most scoring 0.)
    q_kind, c_kind = q.kind, c.kind
    if q_kind != c_kind and (q_kind not in _COMPARABLE_KINDS or c_kind not in _COMPARABLE_KINDS):
        return _misspelt_generic(q, c, config)
    q_script, c_script = q.script, c.script
    if q_script in _SYLLABIC and q_script == c_script:
        # Hangul syllables and Han characters are whole name elements: 김정은 and 김종은, 习近平 and
        # 习近朋 are different people although romanisation may blur them.
        return (config["score_exact"], "exact") if q.original == c.original else (0.0, "")
    q_forms, c_forms = q.forms, c.forms
    if q.key == c.key:
        for f in q_forms:
            if f in c_forms:
                crossed = q_script not in LATIN_SCRIPTS or c_script not in LATIN_SCRIPTS
                return config["score_exact"], "translit" if crossed else "exact"
        return config["score_variant"], "variant"
    if q_kind == _INITIAL or c_kind == _INITIAL:
        initial, full = (q, c) if q_kind == _INITIAL else (c, q)
        if full.kind != _INITIAL and full.forms[0][:1] == initial.forms[0]:
            return config["score_initial"], "initial"
        return 0.0, ""
    if q_kind == _NUMBER or c_kind == _NUMBER:
        return 0.0, ""
    q_form, c_form = q_forms[0], c_forms[0]
    start = _abd_start()
    if q_form.startswith(start) or c_form.startswith(start):  # (few parts do)
        if _abd_dropped(q, c):
            return config["score_abd_dropped"], "abd_dropped"
        if _abd_only(q, c):
            return config["score_abd_only"], "abd_only"
    # (Forms that end unlike any feminine ending need no cache call.)
    q_stem = _feminine_stem(q_form) if q_form[-2:] in _FEMININE_TAILS else None
    c_stem = _feminine_stem(c_form) if c_form[-2:] in _FEMININE_TAILS else None
    if (q_stem and q_stem in c_forms) or (c_stem and c_stem in q_forms):
        # Lavrova ~ Lavrov: the same family, maybe not the same person, however few letters differ.
        return config["score_gender_form"], "gender_form"
    best, how = 0.0, ""
    arabic_latin = q_script == "Arab" and c_script in LATIN_SCRIPTS or c_script == "Arab" and q_script in LATIN_SCRIPTS
    if arabic_latin and config["fuzzy_slope"] > 0:
        fuzzy = _equal_spelling(q_forms, c_forms, config)  # only a perfect score is kept below
    elif q_script in ABJADS and c_script in ABJADS and min(len(q_form), len(c_form)) < config["abjad_typo_min_length"]:
        # A letter more or less in a short abjad word is another root, not a typo: عارف (Arif) is
        # not آصف (Asif), سعيد (Said) not سعد (Saad).
        fuzzy = _equal_spelling(q_forms, c_forms, config)
    else:
        fuzzy = _fuzzy(q_forms, c_forms, config)
    if fuzzy < 1.0:
        if (q_script == "Hani") != (c_script == "Hani"):
            return 0.0, ""  # one Han syllable is one sound: 东 dong is not Hong, whatever the letters
        if arabic_latin:
            # Arabic against Latin is judged letter by letter below: a few edits between a Latin
            # spelling and a machine romanisation are no evidence (اسامة "asama" ~ APAMA).
            fuzzy = 0.0
    if fuzzy:
        best, how = fuzzy, "fuzzy"
    # A known name (Muhammad) is matched by its variant list and spelling, not by consonants,
    # which it shares with other names (Mahmud, Mahmoudi).
    # Two different known names (Muhammad, Mahmud) share consonants but are not one name; a known
    # name against an unlisted spelling of it (عمر ~ "Amor") still compares by consonants, lower.
    clusters = _cluster_keys()  # ``is_variant_key``, one call for both parts
    q_known, c_known = q.key in clusters, c.key in clusters
    if q_known and c_known:
        return best, how
    abjad = q_script in ABJADS or c_script in ABJADS
    crossed = q_script not in LATIN_SCRIPTS or c_script not in LATIN_SCRIPTS
    if not (abjad or crossed and len(q.skeletons[0]) >= 3 and abs(len(q_form) - len(c_form)) <= 1):
        # Spellings outside an abjad agree by skeleton only across scripts and if about as long
        # (see below): most pairs are not, and need no skeleton test.
        return best, how
    # One-consonant skeletons (Taha, Udai) are only trusted across an abjad, where the written
    # long vowels are checked too (see _abjad_score).
    if _skeletons_close(q, c) if arabic_latin else _shares_skeleton(q, c, 1 if abjad else 2):
        if arabic_latin:
            floor = _arabic_score(q, c, config)
        elif abjad:
            floor = _abjad_score(q, c, config)
        elif len(q.skeletons[0]) >= 3 and crossed and _latin_skeleton_plausible(q_form, c_form):
            # A romanisation against a Latin spelling: vowels differ, consonants agree (Секьюрити
            # "sekyuriti" ~ SECURITY). Two Latin spellings are judged by their letters: one
            # skeleton is many names there (Marquez, Marcos).
            floor = config["score_skeleton_latin"]
        else:
            floor = 0.0
        if (q_known or c_known) and floor and not arabic_latin:  # the letter alignment already judged it
            floor -= config["known_name_spelling_penalty"]
        if floor > best:
            best, how = floor, "arabic_letters" if arabic_latin else "skeleton"
    return best, how


def _shares_skeleton(q: NamePart, c: NamePart, shortest: int) -> bool:
    for s in q.skeletons:
        if len(s) >= shortest and s in c.skeletons:
            return True
    return False


def _maybe_truncated(query: tuple[NamePart, ...], config: MatchConfig) -> bool:
    """A name as long as a field limit may have been cut there (SWIFT lines are 35 characters)."""
    if len(query) <= 1:
        return False
    written = sum(map(len, map(_ORIGINAL, query))) + len(query) - 1
    slack = config["truncation_slack"]  # punctuation the parts no longer show
    for limit in config["field_limits"]:
        if limit - slack <= written <= limit:
            return True
    return False


def _is_prefix(q: NamePart, c: NamePart) -> bool:
    """The query's last part is the start of a list part: "Muhamm" of "Muhammad", "INSTIT" of "INSTITUTE"."""
    if c.kind in _SCORED_KINDS:
        spellings = c.forms
    elif c.kind in _GENERIC:
        spellings = (ascii_key(c.original),)
    else:
        return False
    shortest = 1 if c.kind == _NUMBER else 2  # CHULUCANAS 2 may be cut from CHULUCANAS 2000
    return any(len(qf) >= shortest and len(cf) > len(qf) and cf.startswith(qf) for qf in q.forms for cf in spellings)


@cache
def _abd_start() -> str:
    """How every Abd spelling starts ("abd"): when neither part does, neither Abd test can hold."""
    return commonprefix(["abd", *_particles()["abd"]])


def _abd_dropped(q: NamePart, c: NamePart) -> bool:
    """Abdul Hanif written as Hanif: the theophoric prefix is often left out in documents."""
    a, b = q.forms[0], c.forms[0]
    return (a.startswith("abd") and a[3:] in c.forms) or (b.startswith("abd") and b[3:] in q.forms)


def _abd_only(q: NamePart, c: NamePart) -> bool:
    """"Abdul" for Abdul Qadeer: the theophoric prefix written without its second half."""
    bare, other = (q, c) if is_bare_abd(q) else (c, q)
    return is_bare_abd(bare) and other.forms[0].startswith("abd") and len(other.forms[0]) > 5 and not is_bare_abd(other)


def _misspelt_generic(q: NamePart, c: NamePart, config: MatchConfig) -> tuple[float, str]:
    """A typo turns a generic word into an unknown name ("BANQ", "INVESTEMNT"): compare spellings."""
    if not (q.kind == _NAME or c.kind == _NAME) or not (q.kind in _GENERIC or c.kind in _GENERIC):
        return 0.0, ""
    name, generic = (q, c) if q.kind == _NAME else (c, q)
    forms = name.forms
    if len(forms[0]) < config["generic_typo_min_length"]:
        return 0.0, ""  # short words are other words, not typos: Ana is no CORPORATION, Isaac no S.A.C.
    # Only spellings starting with the same letter (BANQ ~ BANK) and about as long as the name's
    # can be alike (a concept has up to fifty).
    same_start = _generic_spellings(generic).get(forms[0][:1])
    if same_start is None:
        return 0.0, ""  # (no spelling to compare: as scoring 0 below)
    spellings, lengths = same_start
    reach = max(_edits_table(config))
    shortest, longest = _lengths(forms)
    near = spellings[bisect_left(lengths, shortest - reach) : bisect_right(lengths, longest + reach)]
    if not near:
        return 0.0, ""
    score = _fuzzy(forms, near, config)
    if score < config["generic_typo_min_score"]:
        return 0.0, ""
    if score < 1.0 and (name.script in ABJADS) != (generic.script in ABJADS):
        return 0.0, ""  # a romanised abjad word a few edits from a Latin word is no misspelling
    return (score, "fuzzy") if score else (0.0, "")


# A join: (the joined parts' indices, joined spellings, their shortest and longest length, all Latin).
Join = tuple[tuple[int, ...], tuple[str, ...], int, int, bool]
# A part that may be one word for two: (its index, the part, shortest and longest length of its
# spellings (``_spelling_lengths``), written in Arabic).
Single = tuple[int, NamePart, int, int, bool]
_JOINS: dict[tuple[NamePart, ...], tuple[tuple[Join, ...], tuple[Single, ...]]] = {}
_CACHE_SIZE = 200_000  # names whose joins and weights are remembered (by ``align`` without ``sides``)


@lru_cache(maxsize=100_000)
def _generic_spellings(generic: NamePart) -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    """How a legal form or organisation word may be written (its word as written, key and table
    spellings) by first letter: those spellings, shortest first, and their lengths."""
    spellings = sorted(dict.fromkeys((ascii_key(generic.original), generic.key, *generic_spellings(generic.key))), key=len)
    by_start: dict[str, list[str]] = {}
    for s in spellings:
        by_start.setdefault(s[:1], []).append(s)
    return {start: (tuple(group), tuple(map(len, group))) for start, group in by_start.items()}


def _joins(parts: tuple[NamePart, ...]) -> tuple[tuple[Join, ...], tuple[Single, ...]]:
    """Adjacent pairs of parts that may be one word on the other side, and the parts that may be
    one word written for two on the other side (with the lengths ``pair_options`` filters by,
    worked out once per name, not per pair of names)."""
    found = _JOINS.get(parts)
    if found is None:
        if len(_JOINS) >= _CACHE_SIZE:
            _JOINS.clear()
        found = _JOINS[parts] = _find_joins(parts)
    return found


def _find_joins(parts: tuple[NamePart, ...]) -> tuple[tuple[Join, ...], tuple[Single, ...]]:
    joins = []
    singles = []
    last = len(parts) - 1
    for j, a in enumerate(parts):
        kind = a.kind
        forms = a.forms
        if kind in _JOINABLE and len(forms[0]) >= 4:
            singles.append((j, a, *_spelling_lengths(a), a.script == "Arab"))
        if j < last and kind in _JOIN_FIRST:
            b = parts[j + 1]
            second_kind = b.kind
            if second_kind in _JOIN_SECOND:
                # A legal form or organisation word joins as written (AHMADILTD), not as its class (llc).
                second = (ascii_key(b.original), b.key) if second_kind in _GENERIC else b.forms[:2]
                first = forms[:2]
                if len(first) == 1 and len(second) == 1:  # one spelling each (most parts): nothing to dedupe
                    joined = (first[0] + second[0],)
                    shortest = longest = len(joined[0])
                else:
                    joined = tuple(dict.fromkeys([x + y for x in first for y in second]))
                    shortest, longest = min(map(len, joined)), max(map(len, joined))
                latin = a.script in LATIN_SCRIPTS and b.script in LATIN_SCRIPTS
                joins.append(((j, j + 1), joined, shortest, longest, latin))
            elif second_kind == _PARTICLE and kind == _PARTICLE and j + 1 < last and parts[j + 2].kind == _NAME:
                # Two particles and a name written as one word: van der Bilt ~ Vanderbilt, de la Cruz ~ Delacruz.
                third = parts[j + 2]
                joined = tuple(dict.fromkeys(forms[0] + b.forms[0] + f for f in third.forms[:2]))
                latin = all(p.script in LATIN_SCRIPTS for p in (a, b, third))
                joins.append(((j, j + 1, j + 2), joined, *_lengths(joined), latin))
    return tuple(joins), tuple(singles)


@dataclass(frozen=True, slots=True)
class Side:
    """What ``align`` needs of one name besides its parts: part weights and joinable parts."""

    weights: tuple[float, ...]
    joins: tuple[Join, ...]  # see ``_joins``
    singles: tuple[Single, ...]
    truncated: bool  # as a query: may have been cut at a field limit (``_maybe_truncated``)
    least_total: float  # the weights' sum with every inner part discounted: the least an alignment leaves


def side(parts: tuple[NamePart, ...], weight: Callable[[NamePart], float], config: MatchConfig,
         query: bool = True) -> Side:
    """Precomputed once per name (a query is aligned with many list names, a list name with many
    queries). Only a query may have been truncated: a list name's side (``query=False``) says not."""
    joins, singles = _find_joins(parts)
    weights = tuple(map(weight, parts))
    last = len(weights) - 1
    if last >= 2:  # inner parts discounted (summed in written order, as ever)
        factor = min(1.0, _inner_factor(parts, config) if query else config["inner_unmatched_factor"])
        least_total = sum([weights[0], *[w * factor for w in weights[1:last]], weights[last]])
    else:
        least_total = sum(weights)
    return Side(weights, joins, singles, query and _maybe_truncated(parts, config), least_total)


Option = tuple[float, int, tuple[int, ...], tuple[int, ...], str]  # score, rank, query parts, list parts, how


def pair_options(
    query: tuple[NamePart, ...],
    listed: tuple[NamePart, ...],
    config: MatchConfig,
    memo: dict,
    sides: tuple[Side, Side] | None = None,
) -> list[Option]:
    """Every pair of parts that may be aligned, with its score (see ``align``)."""
    options: list[Option] = []
    truncated = sides[0].truncated if sides is not None else _maybe_truncated(query, config)
    cut = len(query) - 1 if truncated else -1
    truncated_score = config["score_truncated"]
    add = options.append
    for i, q in enumerate(query):
        row = memo.get(q)
        if row is None:
            row = memo[q] = {}
        for j, c in enumerate(listed):
            result = row.get(c)
            if result is None:
                result = row[c] = compare_parts(q, c, config)
            if i == cut and result[0] < truncated_score and _is_prefix(q, c):
                result = (truncated_score, "truncated")
            if result[0] > 0:
                add((result[0], 2, (i,), (j,), result[1]))
    # Joined / split parts: one part on one side against two adjacent parts on the other.
    if sides is None:
        (query_joins, query_singles), (list_joins, list_singles) = _joins(query), _joins(listed)
    else:
        query_side, list_side = sides
        query_joins, query_singles = query_side.joins, query_side.singles
        list_joins, list_singles = list_side.joins, list_side.singles
    reach = max(_edits_table(config))
    for joins, singles, flip in ((list_joins, query_singles, False), (query_joins, list_singles, True)):
        if not joins or not singles:
            continue
        for span, joined, shortest, longest, latin in joins:  # this order: equal scores keep the first option found
            low, high = shortest - reach, longest + reach
            for i, single, single_shortest, single_longest, arab in singles:
                arabic = latin and arab
                if not arabic and (single_shortest > high or single_longest < low):
                    continue  # lengths further apart than any typo: 0 (see ``_compare_joined``)
                row = memo.get(single)
                if row is None:
                    row = memo[single] = {}
                key = (_ARABIC, joined) if arabic else joined
                result = row.get(key)
                if result is None:
                    result = row[key] = _compare_joined(single, joined, config, arabic)
                if result > 0:
                    pair = (span, (i,)) if flip else ((i,), span)
                    options.append((result, 3, pair[0], pair[1], "joined"))
    return options


def coverage_bound(options: list[Option], sides: tuple[Side, Side]) -> tuple[float, float]:
    """Upper bounds of ``Alignment.coverage()`` for any alignment ``align`` makes of ``options``:
    each part paired at its best option's score, each inner part as discounted as it can be."""
    query_side, list_side = sides
    if query_side.truncated:
        return 1.0, 1.0  # list weights after the cut are dropped: no useful bound
    if not options:
        return _share([], query_side), _share([], list_side)
    best_q, best_l = [0.0] * len(query_side.weights), [0.0] * len(list_side.weights)
    for score, _, query_at, list_at, _ in options:
        for i in query_at:
            if score > best_q[i]:
                best_q[i] = score
        for j in list_at:
            if score > best_l[j]:
                best_l[j] = score
    return _share(best_q, query_side), _share(best_l, list_side)


def _share(best: list[float], side: Side) -> float:
    if side.least_total <= 0:
        return 1.0
    return min(1.0, sum(map(operator.mul, best, side.weights)) / side.least_total)


def align(
    query: tuple[NamePart, ...],
    listed: tuple[NamePart, ...],
    weight: Callable[[NamePart], float],
    config: MatchConfig,
    memo: dict | None = None,
    sides: tuple[Side, Side] | None = None,
    options: list[Option] | None = None,
) -> Alignment:
    """Best one-to-one pairing of query parts with list parts (greedy, best pair first).

    ``memo`` (one per configuration and ``weight``) remembers comparisons: ``memo[part]`` is a row
    keyed by the other part (→ ``compare_parts``) or by joined spellings (→ ``_compare_joined``);
    ``memo["weights"]`` holds the part weights of whole names. ``sides`` (``side`` of the query
    and of the list name, with this ``weight``) saves looking those up again. ``options``: those
    ``pair_options`` gave for these names, if already known.
    """
    memo = {} if memo is None else memo
    truncated = sides[0].truncated if sides is not None else _maybe_truncated(query, config)
    cut = len(query) - 1 if truncated else -1
    if options is None:
        options = pair_options(query, listed, config, memo, sides)
    else:
        options = list(options)  # sorted in place below
    options.sort(key=_SCORE_RANK, reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs: list[PartPair] = []
    for score, _, qi, lj, how in options:
        if used_q.isdisjoint(qi) and used_l.isdisjoint(lj):
            used_q.update(qi)
            used_l.update(lj)
            pairs.append(PartPair(qi, lj, how, score))
    for pair in [p for p in pairs if p.how == "abd_dropped"]:
        if _abd_replaced(pair, query, listed, used_q, used_l):
            pairs.remove(pair)
            used_q.difference_update(pair.query)
            used_l.difference_update(pair.listed)
    if len(pairs) > 1:
        single = {(o[2], o[3]): (o[0], o[4]) for o in options if len(o[2]) == len(o[3]) == 1}
        pairs_final = _improve(pairs, single)
    else:
        pairs_final = tuple(pairs)  # nothing to swap
    if sides is None:
        query_weights, list_weights = _weights(query, weight, memo), _weights(listed, weight, memo)
    else:
        query_weights, list_weights = list(sides[0].weights), list(sides[1].weights)
    # (``_improve`` only swaps partners: the parts used are those the greedy pass used.)
    left_q = _name_left(query, used_q)
    left_l = _name_left(listed, used_l)
    factor = config["inner_unmatched_factor"]
    if left_q != left_l:  # parts missing on one side only; both sides differing is a conflict
        if left_q:
            query_weights = _inner_discounted(query_weights, used_q, _inner_factor(query, config))
        else:
            list_weights = _inner_discounted(list_weights, used_l, factor)
    if cut >= 0:
        # A cut-off query says nothing about the list name's words after the cut.
        last = max((j for p in pairs_final if cut in p.query for j in p.listed), default=None)
        if last is not None:
            for j in range(last + 1, len(listed)):
                list_weights[j] = 0.0
    return Alignment(pairs_final, tuple(query_weights), tuple(list_weights))


def _abd_replaced(pair: PartPair, query: tuple[NamePart, ...], listed: tuple[NamePart, ...],
                  used_q: set[int], used_l: set[int]) -> bool:
    """An Abd compound matched to its second half while the other name has an unmatched name just
    before that half: Abdul Mohammad ~ Shah Mohammad is another compound, not Abd left out."""
    (i,), (j,) = pair.query, pair.listed
    if query[i].forms[0].startswith("abd"):
        parts, at, used = listed, j, used_l
    else:
        parts, at, used = query, i, used_q
    if at == 0 or at - 1 in used:
        return False
    before = parts[at - 1]
    # (an Abd compound there has the Abd: Abdul Haqqani Manan ~ Abdul Manan)
    return before.kind == _NAME and not before.forms[0].startswith("abd")


def _name_left(parts: tuple[NamePart, ...], used: set[int]) -> bool:
    """Whether a NAME part was left without a partner."""
    for i, p in enumerate(parts):
        if p.kind == _NAME and i not in used:
            return True
    return False


def _weights(parts: tuple[NamePart, ...], weight: Callable[[NamePart], float], memo: dict) -> list[float]:
    known = memo.get(_WEIGHTS)
    if known is None:
        known = memo[_WEIGHTS] = {}
    found = known.get(parts)
    if found is None:
        if len(known) >= _CACHE_SIZE:
            known.clear()
        found = known[parts] = tuple(weight(p) for p in parts)
    return list(found)


_WEIGHTS = "weights"  # memo key of the weights of whole names (other keys are parts)


def _inner_factor(query: tuple[NamePart, ...], config: MatchConfig) -> float:
    """Weight of a query's unmatched middle part: a person's own middle and nasab names, which list
    names often leave out, count least; a word inside a company's name is no middle name."""
    if any(p.kind in _GENERIC for p in query):
        return config["inner_unmatched_factor"]
    return min(config["inner_unmatched_factor"], config["query_inner_unmatched_factor"])


def _inner_discounted(weights: list[float], matched: set[int], factor: float) -> list[float]:
    """Unmatched parts inside a name whose two ends matched count less: a middle name or a nasab
    element left out ("Raed Muhammad Hasan Hijazi" ~ "HIJAZI, Raed") is not a different person."""
    if len(matched) < 2:
        return weights
    return [w * factor if i not in matched and 0 < i < len(weights) - 1 else w for i, w in enumerate(weights)]


def _improve(pairs: list[PartPair], single: dict) -> tuple[PartPair, ...]:
    """Swap partners of two pairs when that scores more: greedy ties (Fadil/Fadhli) can cross."""
    improved = True
    while improved:
        improved = False
        for a in range(len(pairs)):
            for b in range(a + 1, len(pairs)):
                p, r = pairs[a], pairs[b]
                if len(p.query) + len(p.listed) + len(r.query) + len(r.listed) != 4:
                    continue
                x, y = single.get((p.query, r.listed)), single.get((r.query, p.listed))
                if not (x and y):
                    continue
                gain = x[0] + y[0] - p.score - r.score
                # Equal scores (a name repeated: Abdullah Ahmad Abdullah): keep the written order.
                crossed = (p.query[0] - r.query[0]) * (p.listed[0] - r.listed[0]) < 0
                if gain > 1e-9 or (abs(gain) <= 1e-9 and crossed):
                    pairs[a] = PartPair(p.query, r.listed, x[1], x[0])
                    pairs[b] = PartPair(r.query, p.listed, y[1], y[0])
                    improved = True
    return tuple(pairs)


_ARABIC = "arabic"  # memo key prefix: an Arabic part against joined Latin spellings


def _joined_spellings(single: NamePart) -> tuple[str, ...]:
    """The spellings a single part is compared with joined words by (organisation words and legal
    forms by all their table spellings)."""
    return (generic_spellings(single.key) or single.forms) if single.kind in _GENERIC else single.forms


def _spelling_lengths(single: NamePart) -> tuple[int, int]:
    """Shortest and longest of the spellings ``_compare_joined`` compares ``single`` by, key included."""
    if single.kind in _GENERIC:
        return _generic_lengths(single)
    # (worked out once per name by ``side``: parts rarely recur, so no cache)
    forms = single.forms
    if len(forms) == 1:  # most parts: one spelling, and the key
        spelt, key = len(forms[0]), len(single.key)
        return (spelt, key) if spelt <= key else (key, spelt)
    lengths = [*map(len, forms), len(single.key)]
    return min(lengths), max(lengths)


@lru_cache(maxsize=100_000)
def _generic_lengths(single: NamePart) -> tuple[int, int]:
    return _lengths((*_joined_spellings(single), single.key))  # a concept has up to fifty spellings


@lru_cache(maxsize=100_000)
def _lengths(spellings: tuple[str, ...]) -> tuple[int, int]:
    """Shortest and longest of some spellings."""
    lengths = [len(s) for s in spellings]
    return min(lengths), max(lengths)


def _compare_joined(single: NamePart, joined: tuple[str, ...], config: MatchConfig, arabic: bool = False) -> float:
    if arabic:  # ظاهرعويس ~ Dahir Aweys, ثناء الله ~ Sana Ullah: letter by letter
        if any(f in joined for f in single.forms):
            return config["score_exact"]
        close = [j for j in joined if _skeleton_near(single.skeletons, skeleton(j))]
        return _arabic_letters_score(single.original, tuple(close), config) if close else 0.0
    spellings = _joined_spellings(single)
    # (No length test first: spellings further apart in length than any typo are neither equal
    # nor scored by ``_fuzzy``, and ``pair_options`` skips most of those pairs already.)
    for f in spellings:
        if f in joined:
            return config["score_exact"]
    if single.key in joined:
        return config["score_exact"]
    # Joined and split words are the same letters with or without a space (Alhouri, Jongun,
    # AlexeiKonstantinovich): spelling decides, not consonant skeletons, which collide too easily
    # over two words ("Siyan Tan" ~ "Sandino").
    return _fuzzy(spellings, joined, config)


def _skeleton_near(skeletons: tuple[str, ...], other: str) -> bool:
    """Cheap gate before the letter alignment of a joined spelling: consonant skeletons at most
    one consonant in four apart."""
    limit = max(1, len(other) // 4)
    length = len(other)
    for s in skeletons:
        # (the distance is at least the difference in length)
        if abs(len(s) - length) <= limit and Levenshtein.distance(s, other, score_cutoff=limit) <= limit:
            return True
    return False


def _latin_skeleton_plausible(a: str, b: str) -> bool:
    """Two Latin spellings with one skeleton are one name only if they start alike (v/w, c/k…
    count as alike) and are as long."""
    return skeleton(a[:1]) == skeleton(b[:1]) and abs(len(a) - len(b)) <= 1


def _skeletons_close(q: NamePart, c: NamePart) -> bool:
    """Cheap gate before the letter alignment: consonant skeletons equal or one consonant apart
    (Faysal FSL ~ Faycal FKL), or the same consonant letters (a Latin digraph folds into one
    skeleton letter: Azhar ZH ~ أزهر Z-H), so the alignment, not skeleton folding, decides."""
    for a in q.skeletons:
        length = len(a)
        for b in c.skeletons:
            if a == b:
                return True
            # (one apart needs lengths at most one apart)
            if length >= 2 and len(b) >= 2 and abs(length - len(b)) <= 1 and Levenshtein.distance(a, b, score_cutoff=1) <= 1:
                return True
    return _consonants(q.forms[0]) == _consonants(c.forms[0])


@lru_cache(maxsize=100_000)
def _consonants(form: str) -> frozenset[str]:
    return frozenset(form) - _VOWELS_Y


def _arabic_score(q: NamePart, c: NamePart, config: MatchConfig) -> float:
    """Arabic letters against a Latin spelling, letter by letter (``text.arabic_match``)."""
    arabic, latin = (q, c) if q.script == "Arab" else (c, q)
    return _arabic_letters_score(arabic.original, latin.forms, config)


def _arabic_letters_score(arabic: str, latin_forms: tuple[str, ...], config: MatchConfig) -> float:
    similarity = arabic_part_similarity(arabic, latin_forms)
    if similarity < config["arabic_min_similarity"]:
        return 0.0
    return config["score_arabic_latin"] * (1.0 - config["arabic_slope"] * (1.0 - similarity))


def _abjad_score(q: NamePart, c: NamePart, config: MatchConfig) -> float:
    """Same skeleton across an abjad: scaled by how many written long vowels the other side has.

    Arabic writes long vowels (ا و ي): ساسان (Sasan) must not equal "Son" although both are S-N.
    Short skeletons collide most, so they start lower.
    """
    abjad, other = (q, c) if q.script in ABJADS else (c, q)
    best, comparable = 0.0, False
    for a in abjad.forms:
        folded = fold_vowels(a)
        vowels = sum(1 for ch in folded if ch in "aiu")
        for b in other.forms:
            if not _starts_alike(a, b):
                continue
            comparable = True
            common = LCSseq.similarity(folded, fold_vowels(b))
            recall = 1.0 if not vowels else max(0.0, min(1.0, (common - (len(folded) - vowels)) / vowels))
            best = max(best, recall)
    if not comparable:
        return 0.0
    top = config["score_skeleton_abjad"]
    short = min(len(s) for s in abjad.skeletons) <= 2
    if short and best < config["short_skeleton_min_vowels"]:
        return 0.0  # two consonants and the written long vowels disagree: Tuti is not Dawood
    return (top - 0.1 if short else top) - 0.15 * (1.0 - best)


def _starts_alike(abjad_form: str, latin_form: str) -> bool:
    """An abjad word that starts with a consonant letter is not a Latin name starting with a vowel.

    Arabic writes a word-initial vowel (alif, ain): زياد (Ziad) is not Izadi, عدي (Udai) may be Uday.
    """
    return (abjad_form[:1] in _VOWELS) == (latin_form[:1] in _VOWELS)


_VOWELS = frozenset("aeiou")
_VOWELS_Y = frozenset("aeiouy'")


def max_edits(length: int, config: MatchConfig) -> int:
    """Typos tolerated in a part of this length: none in short parts (Kim/Kil, Un/Hun)."""
    allowed = 0
    for min_length, edits in config["edits_by_length"]:
        if length >= min_length:
            allowed = edits
    return allowed


_EDIT_TABLES: dict[int, tuple[list, tuple[int, ...]]] = {}
_LAST_TABLE: list = [None, ()]  # the steps object last asked for (kept alive: its id cannot be reused) and its table


def _edits_table(config: MatchConfig) -> tuple[int, ...]:
    """``max_edits`` for lengths 0 … longest threshold (longer: the last entry), per configuration.

    Called for nearly every part comparison: the configuration asked for last is answered by
    identity (configurations are not changed in place)."""
    steps = config["edits_by_length"]
    if steps is _LAST_TABLE[0]:
        return _LAST_TABLE[1]
    cached = _EDIT_TABLES.get(id(steps))
    if cached is None or cached[0] != steps:  # equal content, not only the same list object
        top = max((min_length for min_length, _ in steps), default=0)
        cached = _EDIT_TABLES[id(steps)] = (list(steps), tuple(max_edits(n, config) for n in range(top + 1)))
    _LAST_TABLE[:] = steps, cached[1]
    return cached[1]


def _fuzzy(forms_a: tuple[str, ...], forms_b: tuple[str, ...], config: MatchConfig) -> float:
    table = _edits_table(config)
    longest = len(table) - 1
    best = 0.0
    for a in forms_a:
        length_a = len(a)
        for b in forms_b:
            length_b = len(b)
            shorter = length_a if length_a < length_b else length_b
            limit = table[shorter if shorter < longest else longest]
            if not limit or abs(length_a - length_b) > limit:
                continue  # the edit distance is at least the length difference
            distance = OSA.distance(a, b, score_cutoff=limit)  # (most pairs: more than the limit)
            if distance <= limit:
                if distance:
                    distance = _sound_distance(a, b, distance)
                similarity = 1.0 - distance / max(len(a), len(b))
                if distance and similarity >= config["fuzzy_min"]:
                    similarity = _compound_similarity(a, b, similarity, table)
                if similarity >= config["fuzzy_min"]:
                    best = max(best, _sharpen(similarity, config))
    return best


def _sound_distance(a: str, b: str, distance: int) -> float:
    """The edit ``distance`` of two different spellings, where a letter that stands for the same
    sound in another spelling convention (Qaddafi, Gaddafi; Wolodymyr, Volodymyr; Yu, Iu; Shehab,
    Shihab) is half an edit."""
    fold = _same_sound()
    return (distance + OSA.distance(a.translate(fold), b.translate(fold))) / 2


@cache
def _same_sound() -> dict[int, str]:
    """``str.translate`` table of ``same_sound`` in ``text/data/latin_forms.yml``."""
    return str.maketrans(load_table("latin_forms")["same_sound"])


def _compound_similarity(a: str, b: str, similarity: float, table: tuple[int, ...]) -> float:
    """The edit similarity of two different spellings, judged without a name-forming affix they
    share (Hamidullah ~ Waliullah is hamid ~ wali); an Abd compound is no misspelling of a name
    without one (Abdul Mohammad ~ Wali Mohammad, joined)."""
    prefixes, suffixes = affix_spellings()
    if not (a.startswith(prefixes) or b.startswith(prefixes) or a.endswith(suffixes) or b.endswith(suffixes)):
        return similarity  # (most spellings)
    split_a, split_b = compound_split(a), compound_split(b)
    if split_a is None and split_b is None:
        return similarity
    prefixed_a, prefixed_b = split_a is not None and split_a[0] == "prefix", split_b is not None and split_b[0] == "prefix"
    if prefixed_a != prefixed_b:
        compound, other = (split_a, b) if prefixed_a else (split_b, a)
        return similarity if _misspelt_abd(compound[2], other) else 0.0
    if split_a is None or split_b is None or split_a[:2] != split_b[:2]:
        return similarity
    stem_a, stem_b = split_a[2], split_b[2]
    shorter = min(len(stem_a), len(stem_b))
    limit = table[min(shorter, len(table) - 1)]
    distance = OSA.distance(stem_a, stem_b, score_cutoff=limit)
    if distance > limit:
        return 0.0
    if distance:
        distance = _sound_distance(stem_a, stem_b, distance)
    return min(similarity, 1.0 - distance / max(len(stem_a), len(stem_b)))


def _equal_spelling(forms_a: tuple[str, ...], forms_b: tuple[str, ...], config: MatchConfig) -> float:
    """``_fuzzy`` where only a perfect score counts (with a positive ``fuzzy_slope`` only equal
    spellings score 1): a membership test instead of edit distances."""
    for a in forms_a:
        if a in forms_b:  # (most pairs have no equal spelling: the table is read only then)
            table = _edits_table(config)
            if table[min(len(a), len(table) - 1)] > 0 and 1.0 >= config["fuzzy_min"]:
                return _sharpen(1.0, config)
    return 0.0


def _misspelt_abd(stem: str, other: str) -> bool:
    """Whether ``other`` is an Abd compound with this stem and a typo in its Abd (Abrdolsamad)."""
    if not other.endswith(stem):
        return False
    start = other[: -len(stem)]
    return any(Levenshtein.distance(start, spelling, score_cutoff=1) <= 1 for spelling in _particles()["abd"])


def _sharpen(similarity: float, config: MatchConfig) -> float:
    """Edit similarity → part score: each edit costs more than its share, so near-misses count little."""
    return max(0.0, 1.0 - (1.0 - similarity) * config["fuzzy_slope"])


def unmatched(alignment: Alignment) -> tuple[float, float]:
    """Weight of query parts and of list parts left without a partner."""
    used_q = {i for p in alignment.pairs for i in p.query}
    used_l = {j for p in alignment.pairs for j in p.listed}
    return (
        sum(w for i, w in enumerate(alignment.query_weights) if i not in used_q),
        sum(w for j, w in enumerate(alignment.list_weights) if j not in used_l),
    )


def idf(df: int, total: int) -> float:
    return math.log((total + 1) / (df + 1))
