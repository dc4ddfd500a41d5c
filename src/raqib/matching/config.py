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
    score_arabic_latin: float  # Arabic letters spelled out in Latin, letter for letter (vowels unwritten)
    arabic_slope: float  # part score = score_arabic_latin × (1 − slope × (1 − letter similarity))
    arabic_min_similarity: float  # Arabic letters vs a Latin spelling below this do not match
    short_skeleton_min_vowels: float  # share of written long vowels a short abjad skeleton match needs
    score_skeleton_latin: float  # same consonant skeleton, both spelled with vowels
    score_gender_form: float  # Lavrova ~ Lavrov
    score_initial: float  # "M." ~ Mohammed
    score_abd_dropped: float  # "Abdul Hanif" ~ "Hanif"
    score_abd_only: float  # "Abdul" ~ "Abdul Qadeer"
    known_name_spelling_penalty: float  # a known name (Umar) matched to an unlisted spelling (Amor)
    score_truncated: float  # last part of a possibly truncated query is the start of a list part
    field_limits: list[int]  # field lengths where names get cut (SWIFT: 35 a line, 4 lines)
    truncation_slack: int  # characters of punctuation a cut name may have lost from its written length
    edits_by_length: list[tuple[int, int]]  # (shorter part length from, typos tolerated)
    fuzzy_min: float  # Levenshtein similarity below which two parts do not match
    generic_typo_min_length: int  # shortest word taken for a misspelt legal form or organisation word
    generic_typo_min_score: float  # and how close to one of its spellings (same first letter) it must be
    abjad_typo_min_length: int  # shortest romanised word compared with typos when both are in an abjad (عارف ≠ آصف)
    fuzzy_slope: float  # part score = 1 - slope × (1 - edit similarity): near-misses count little
    inner_unmatched_factor: float  # weight of an unmatched middle part when the name's ends matched
    query_inner_unmatched_factor: float  # the same for a middle part of a person's name as screened (nasab)
    coverage_min_exponent: float  # name score = cov_high^(1-b) * cov_low^b (b < 0.5: containment counts)
    mononym_specificity_share: float  # share of specificity_target a one-word list name must reach
    specificity_target: float  # summed rarity (idf) of matched parts that makes a name distinctive
    abjad_spellings_rarity: float  # share of a Latin part's rarity an abjad query loses to its other spellings
    candidates: int  # list names scored in full per query
    posting_cap: int  # index keys this common are only used to intersect
    feature_weights: dict[str, float]  # overrides of features.FEATURES weights, by feature name
    # Candidate generation (matching/candidates.py): cheap ranking before full alignment.
    scored_entities: int  # at most this many distinct list names (one name on several lists counts once) scored in full
    scored_entities_min: int  # this many best-ranked of them are always scored, however they compare
    candidate_ratio: float  # beyond those, only names ranked within this share of the best cheap score
    names_per_entity: int  # of each such entity, at most this many of its best-ranked names
    candidate_pool: int  # cheaply ranked names considered per slot (room for one name on many lists)
    scored_romanised: int  # for a query not in Latin script: slots for Latin list names, ranked apart
    candidate_forms: int  # spellings per query part looked up with typos
    candidate_skeleton: float  # cheap similarity of a shared consonant skeleton
    candidate_typo_min: int  # shortest word looked up with one typo
    candidate_typo2_min: int  # shortest word looked up with two typos
    candidate_prefix_min: int  # shortest final word looked up as a prefix (a name cut short)
    candidate_prefix_keys: int  # a prefix completing to more keys than this is too vague to use
    candidate_split: float  # cheap similarity of a word split in two / two words joined
    candidate_split_min: int  # shortest half of a split word
    candidate_legal_form_bonus: float  # cheap-score bonus for a list name with the query's legal form
    candidate_initial_rarity: float  # rarity an initial votes with (a rare word: 1)


DEFAULT_CONFIG: MatchConfig = {
    "threshold": 0.68,
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
    "score_arabic_latin": 1.0,
    "arabic_slope": 2.5,
    "arabic_min_similarity": 0.7,
    "short_skeleton_min_vowels": 0.5,
    "score_skeleton_latin": 0.75,
    "score_gender_form": 0.7,
    "score_initial": 0.7,
    "score_abd_dropped": 0.75,
    "score_abd_only": 0.7,
    "known_name_spelling_penalty": 0.1,
    "score_truncated": 0.85,
    "field_limits": [35, 70, 105, 140],
    "truncation_slack": 3,
    "edits_by_length": [(2, 1), (5, 2), (8, 3)],
    "fuzzy_min": 0.65,
    "generic_typo_min_length": 4,
    "generic_typo_min_score": 0.75,
    "abjad_typo_min_length": 5,
    "fuzzy_slope": 1.0,
    "inner_unmatched_factor": 0.5,
    "query_inner_unmatched_factor": 0.3,
    "coverage_min_exponent": 0.35,
    "mononym_specificity_share": 0.5,
    "specificity_target": 16.0,
    "abjad_spellings_rarity": 0.5,
    "candidates": 40,
    "posting_cap": 3000,
    "feature_weights": {},
    "scored_entities": 10,
    "scored_entities_min": 3,
    "candidate_ratio": 0.6,
    "names_per_entity": 3,
    "candidate_pool": 8,
    "scored_romanised": 10,
    "candidate_legal_form_bonus": 0.05,
    "candidate_initial_rarity": 0.5,
    "candidate_forms": 3,
    "candidate_skeleton": 0.8,
    "candidate_typo_min": 4,
    "candidate_typo2_min": 9,
    "candidate_prefix_min": 3,
    "candidate_prefix_keys": 64,
    "candidate_split": 0.9,
    "candidate_split_min": 3,
}
