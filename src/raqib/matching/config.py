"""The scorer's overridable knobs, in one typed place (documented defaults, no magic numbers in code)."""

from __future__ import annotations

from typing import TypedDict

from raqib.text.parts import PartKind


class MatchConfig(TypedDict):
    threshold: float  # default alert threshold (calibrated on name_bench and clean populations)
    kind_weights: dict[str, float]  # weight of a name part by its kind, before rarity
    rarity_floor: float  # weight of the commonest name part relative to a rare one
    rarity_cap_df: int  # a part this rare or rarer gets full weight
    score_exact: float
    score_variant: float  # same variant cluster (Mohammed ~ Muhammad)
    score_skeleton_abjad: float  # same consonant skeleton, one side written without vowels
    arabic_slope: float  # part score = top × (1 − slope × (1 − letter similarity))
    arabic_min_similarity: float  # Arabic letters vs a Latin spelling below this do not match
    short_skeleton_min_vowels: float  # share of written long vowels a short abjad skeleton match needs
    score_skeleton_latin: float  # same consonant skeleton, both spelled with vowels
    score_gender_form: float  # Lavrova ~ Lavrov
    score_initial: float  # "M." ~ Mohammed
    score_abd_dropped: float  # "Abdul Hanif" ~ "Hanif"
    known_name_spelling_penalty: float  # a known name (Umar) matched to an unlisted spelling (Amor)
    score_truncated: float  # last part of a possibly truncated query is the start of a list part
    field_limits: list[int]  # field lengths where names get cut (SWIFT: 35 a line, 4 lines)
    truncation_slack: int  # characters of punctuation a cut name may have lost from its written length
    edits_by_length: list[tuple[int, int]]  # (shorter part length from, typos tolerated)
    fuzzy_min: float  # Levenshtein similarity below which two parts do not match
    fuzzy_slope: float  # part score = 1 - slope × (1 - edit similarity): near-misses count little
    inner_unmatched_factor: float  # weight of an unmatched middle part when the name's ends matched
    coverage_min_exponent: float  # name score = cov_high^(1-b) * cov_low^b (b < 0.5: containment counts)
    mononym_specificity_share: float  # share of specificity_target a one-word list name must reach
    specificity_target: float  # summed rarity (idf) of matched parts that makes a name distinctive
    candidates: int  # list names scored in full per query
    posting_cap: int  # index keys this common are only used to intersect
    feature_weights: dict[str, float]  # overrides of features.FEATURES weights, by feature name


DEFAULT_CONFIG: MatchConfig = {
    "threshold": 0.70,
    "kind_weights": {
        PartKind.NAME: 1.0,
        PartKind.NUMBER: 0.8,
        PartKind.PATRONYMIC: 0.35,
        PartKind.INITIAL: 0.3,
        PartKind.ORG_WORD: 0.3,
        PartKind.LEGAL_FORM: 0.15,
        PartKind.PARTICLE: 0.1,
        PartKind.STOPWORD: 0.05,
        PartKind.TITLE: 0.05,
    },
    "rarity_floor": 0.3,
    "rarity_cap_df": 8,
    "score_exact": 1.0,
    "score_variant": 0.95,
    "score_skeleton_abjad": 0.9,
    "arabic_slope": 1.5,
    "arabic_min_similarity": 0.7,
    "short_skeleton_min_vowels": 0.5,
    "score_skeleton_latin": 0.8,
    "score_gender_form": 0.8,
    "score_initial": 0.7,
    "score_abd_dropped": 0.75,
    "known_name_spelling_penalty": 0.1,
    "score_truncated": 0.85,
    "field_limits": [35, 70, 105, 140],
    "truncation_slack": 3,
    "edits_by_length": [(3, 1), (7, 2), (10, 3)],
    "fuzzy_min": 0.65,
    "fuzzy_slope": 1.0,
    "inner_unmatched_factor": 0.5,
    "coverage_min_exponent": 0.35,
    "mononym_specificity_share": 0.5,
    "specificity_target": 14.0,
    "candidates": 40,
    "posting_cap": 3000,
    "feature_weights": {},
}
