"""Named, weighted scoring features: one declarative table, nothing scored outside it.

A feature is a function of the comparison context returning ``(value, detail)`` with ``value`` in
[0, 1]; its contribution is ``weight × value`` and the score is the sum, saturating above 0.9 (``clip``). Negative weights
are penalties. The explanation a hit carries is the list of these same objects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from raqib.matching.align import Alignment, unmatched
from raqib.matching.config import MatchConfig
from raqib.matching.index import EntityFacts, ListedName
from raqib.text.parts import NamePart, PartKind, is_kunya, legal_form_family


@dataclass(slots=True)
class Context:
    """Everything a feature may look at for one (query, list name) comparison."""

    query_parts: tuple[NamePart, ...]
    query_schema: str  # person | organization | vessel | aircraft | any
    query_birth_date: str | None
    query_countries: frozenset[str]
    query_identifiers: tuple[tuple[str, str], ...]  # (type or "", normalised value)
    query_gender: str | None
    listed: ListedName
    facts: EntityFacts
    alignment: Alignment
    matched_idf: float  # summed rarity of the matched list parts
    config: MatchConfig


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    func: Callable[[Context], tuple[float, str]]
    weight: float


_NON_PERSONS = frozenset({"Organization", "Vessel", "Aircraft"})
# Enum members as module constants: attribute access on an Enum class is a slow path, and these
# are tested per part of every scored name.
_NAME, _PARTICLE, _LEGAL_FORM = PartKind.NAME, PartKind.PARTICLE, PartKind.LEGAL_FORM
_DISTINCTIVE = (PartKind.NAME, PartKind.NUMBER)


# --- name -----------------------------------------------------------------------------------------
def name_match(ctx: Context) -> tuple[float, str]:
    """Rarity-weighted coverage of the names by aligned parts, the fuller side counting most.

    One name contained in the other (a nasab chain written out on one side only) still matches
    well; parts left over on both sides are the ``conflicting_parts`` penalty's business.
    """
    cov_q, cov_l = ctx.alignment.coverage()
    return name_value(cov_q, cov_l, ctx.config), f"query covered {cov_q:.2f}, list name covered {cov_l:.2f}"


def name_value(cov_q: float, cov_l: float, config: MatchConfig) -> float:
    """``name_match`` of two coverages; with the exponent in [0, 1] it grows with each of them,
    so bounds of the coverages give a bound of the value."""
    b = config["coverage_min_exponent"]
    low, high = (cov_q, cov_l) if cov_q <= cov_l else (cov_l, cov_q)
    return (high ** (1 - b)) * (low**b) if low else 0.0


def common_name(ctx: Context) -> tuple[float, str]:
    """Penalty for person names made only of common parts (Muhammad Ali) — rarity decides."""
    if ctx.query_schema in ("organization", "vessel", "aircraft") or (
        ctx.facts.schema in _NON_PERSONS and (ctx.query_schema != "any" or _orgish(ctx.query_parts))
    ):
        # Organisation names: generic words are already low-weight parts. An untyped query that
        # reads as a person's name (Luis Hernandez ~ LUIS A. HERNANDEZ Y CIA) is judged as one.
        return 0.0, ""
    if not ctx.alignment.pairs:
        return 0.0, "no name parts matched"
    if _corroborated(ctx, countries=False):
        return 0.0, "corroborated by date of birth or identifier"
    target = ctx.config["specificity_target"]
    if sum(1 for p in ctx.listed.parts if p.kind == _NAME) == 1:
        target *= ctx.config["mononym_specificity_share"]  # a one-word name cannot offer more
    value = max(0.0, 1.0 - ctx.matched_idf / target)
    return value, f"matched-part rarity {ctx.matched_idf:.1f} of {target:.0f} needed"


def _orgish(parts: tuple[NamePart, ...]) -> bool:
    return len(parts) < 2 or any(p.kind in _ORG_KINDS for p in parts)


_ORG_KINDS = (PartKind.LEGAL_FORM, PartKind.ORG_WORD, PartKind.NUMBER)


def single_part(ctx: Context) -> tuple[float, str]:
    """Penalty when only one distinctive part matches while a name part is left over (FAQ 5 step 3)."""
    strong = [p for p in ctx.alignment.pairs if _distinctive(ctx, p.listed)]
    if len(strong) != 1 or _corroborated(ctx, countries=False):
        return 0.0, ""
    used_q = {i for p in ctx.alignment.pairs for i in p.query}
    used_l = {j for p in ctx.alignment.pairs for j in p.listed}
    # Against a one-word list name a left-over patronymic is a name too (Sabina Ivanovich ~ SABRINA).
    left_kinds = _LEFT_KINDS_MONONYM if len(ctx.listed.parts) == 1 else _LEFT_KINDS
    left = sum(1 for i, p in enumerate(ctx.query_parts) if p.kind in left_kinds and i not in used_q)
    weights = ctx.alignment.list_weights  # 0: after the cut of a truncated query, says nothing
    left += sum(1 for j, p in enumerate(ctx.listed.parts) if p.kind == _NAME and j not in used_l and weights[j])
    return (1.0, f"one name part matched, {left} left unmatched") if left else (0.0, "")


_LEFT_KINDS = (PartKind.NAME,)
_LEFT_KINDS_MONONYM = (PartKind.NAME, PartKind.PATRONYMIC)


def conflicting_parts(ctx: Context) -> tuple[float, str]:
    """Both names keep parts the other lacks (AL-RAWI vs AL-TIKRITI): a different person, not a dropped name."""
    if not ctx.alignment.pairs:
        return 0.0, ""  # nothing matched: name_match is already zero
    left_q, left_l = unmatched(ctx.alignment)
    share_q = left_q / (sum(ctx.alignment.query_weights) or 1.0)
    share_l = left_l / (sum(ctx.alignment.list_weights) or 1.0)
    value = min(1.0, 2 * min(share_q, share_l))  # one of two parts differing on each side: full penalty
    if not value > 0.05:
        return 0.0, ""
    return value, f"unmatched share {share_q:.2f} of query, {share_l:.2f} of list name"


def order_conflict(ctx: Context) -> tuple[float, str]:
    """Matched parts appear in a shuffled order, not merely rotated (bin Salman vs Salman bin …)."""
    return (1.0, "parts matched out of order") if _out_of_order(ctx) else (0.0, "")


def nasab_order_conflict(ctx: Context) -> tuple[float, str]:
    """Out of order where a nasab says who is whose son: Salman bin Muhammad is not Muhammad bin Salman."""
    has_nasab = any(p.kind == _PARTICLE and p.key == "bin" for p in (*ctx.query_parts, *ctx.listed.parts))
    return (1.0, "nasab chain reversed") if has_nasab and _out_of_order(ctx) else (0.0, "")


def _out_of_order(ctx: Context) -> bool:
    if len(ctx.alignment.pairs) < 3:
        return False  # (most names) an order needs three matched parts
    # A name written twice (Abdullah Ahmad Abdullah, MUSTAFA, Mustafa Kamel) has no one place.
    repeated_q = _repeated(ctx.query_parts)
    repeated_l = _repeated(ctx.listed.parts)
    pairs = sorted(
        (
            p for p in ctx.alignment.pairs
            if _distinctive(ctx, p.listed)
            and not any(ctx.query_parts[i].key in repeated_q for i in p.query)
            and not any(ctx.listed.parts[j].key in repeated_l for j in p.listed)
        ),
        key=lambda p: p.query[0],
    )
    sequence = [p.listed[0] for p in pairs]
    if len(sequence) < 3:
        return False
    ranks = sorted(sequence)
    ranked = [ranks.index(x) for x in sequence]
    start = ranked[0]
    return ranked != [(start + k) % len(ranked) for k in range(len(ranked))]


def _repeated(parts: tuple[NamePart, ...]) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for part in parts:
        (twice if part.key in seen else seen).add(part.key)
    return twice


def _distinctive(ctx: Context, listed: tuple[int, ...]) -> bool:
    return any(ctx.listed.parts[j].kind in _DISTINCTIVE for j in listed)


def kunya_mismatch(ctx: Context) -> tuple[float, str]:
    """A name matched inside a kunya on one side only: Abu Abbas (father of Abbas) is not ABBES."""
    kunya_q, kunya_l = _kunya_names(ctx.query_parts), _kunya_names(ctx.listed.parts)
    if (kunya_q is None) == (kunya_l is None):
        return 0.0, ""  # both or neither write a kunya (list order may put "Abu" after a comma)
    for pair in ctx.alignment.pairs:
        if kunya_q is not None and any(i in kunya_q for i in pair.query):
            written = " ".join(ctx.query_parts[i].original for i in pair.query)
            return 1.0, f"'{written}' is part of a kunya in the query only"
        if kunya_l is not None and any(j in kunya_l for j in pair.listed):
            written = " ".join(ctx.listed.parts[j].original for j in pair.listed)
            return 1.0, f"'{written}' is part of a kunya in the list name only"
    return 0.0, ""


def _kunya_names(parts: tuple[NamePart, ...]) -> set[int] | None:
    """Indices of the names following Abu/Umm (None when the name has no kunya particle)."""
    found = None
    for i, part in enumerate(parts):
        if is_kunya(part):
            found = found or set()
            j = i + 1
            while j < len(parts) and parts[j].kind == _PARTICLE:  # Abu al-Abbas
                j += 1
            if j < len(parts):
                found.add(j)
    return found


def weak_alias(ctx: Context) -> tuple[float, str]:
    """A weak a.k.a. alone never alerts: penalised unless a date, country or identifier agrees."""
    if ctx.listed.quality != "weak":
        return 0.0, ""
    if _corroborated(ctx):
        return 0.0, "weak alias, corroborated"
    return 1.0, "weak alias without corroboration"


def legal_form_mismatch(ctx: Context) -> tuple[float, str]:
    """Both names state a legal form and no two are of one family (Deutsche Bank AG vs … GmbH)."""
    mine = {p.key for p in ctx.query_parts if p.kind == _LEGAL_FORM}
    theirs = {p.key for p in ctx.listed.parts if p.kind == _LEGAL_FORM}
    if mine and theirs and not {*map(legal_form_family, mine)} & {*map(legal_form_family, theirs)}:
        return 1.0, f"{', '.join(sorted(mine))} vs {', '.join(sorted(theirs))}"
    return 0.0, ""


# --- entity type ----------------------------------------------------------------------------------
_SCHEMAS = {"person": {"Person"}, "organization": {"Organization"}, "vessel": {"Vessel"}, "aircraft": {"Aircraft"}}


def schema_mismatch(ctx: Context) -> tuple[float, str]:
    """Query asks for a person but the entry is an organisation (and so on); a legal form in an
    untyped query ("Astra Ltd") says organisation, less firmly."""
    wanted, value = _SCHEMAS.get(ctx.query_schema), 1.0
    if not wanted and any(p.kind == _LEGAL_FORM for p in ctx.query_parts):
        wanted, value = _SCHEMAS["organization"], 0.5
    if not wanted or ctx.facts.schema in wanted or ctx.facts.schema == "Unknown":
        return 0.0, ""
    return value, f"query is {ctx.query_schema if value == 1.0 else 'an organisation by its legal form'}, entry is {ctx.facts.schema}"


# --- secondary facts ------------------------------------------------------------------------------
def _date_agreement(query: str, listed: tuple[str, str | None, bool]) -> float:
    """1.0 same day, 0.8 same month, 0.6 same year, 0.5 inside a published range, else 0."""
    value, until, _ = listed
    if until:
        return 0.5 if value[:4] <= query[:4] <= until[:4] else 0.0
    precision = min(len(query), len(value))
    if query[:precision] != value[:precision]:
        return 0.0
    return {10: 1.0, 7: 0.8}.get(precision, 0.6)


def birth_date_match(ctx: Context) -> tuple[float, str]:
    """Date of birth agrees (as precisely as both sides give it). Short of the same day, an entry
    giving several years of birth is agreed with by chance that many times as often: the
    agreement counts that much less (a year among 1968 … 1975 is little evidence)."""
    if not ctx.query_birth_date or not ctx.facts.birth_dates:
        return 0.0, ""
    best = max(_date_agreement(ctx.query_birth_date, d) for d in ctx.facts.birth_dates)
    if not best:
        return 0.0, ""
    years = len({d[0][:4] for d in ctx.facts.birth_dates})
    if best < 1.0 and years > 1:
        best /= years
    return best, f"{ctx.query_birth_date} ~ {', '.join(d[0] for d in ctx.facts.birth_dates)}"


def birth_date_mismatch(ctx: Context) -> tuple[float, str]:
    """Dates of birth published on both sides and none agrees (softened within a year or circa)."""
    if not ctx.query_birth_date or not ctx.facts.birth_dates:
        return 0.0, ""
    if any(_date_agreement(ctx.query_birth_date, d) for d in ctx.facts.birth_dates):
        return 0.0, ""
    year = int(ctx.query_birth_date[:4])
    near = any(abs(int(d[0][:4]) - year) <= 1 or d[2] for d in ctx.facts.birth_dates if d[0][:4].isdigit())
    listed = ", ".join(d[0] for d in ctx.facts.birth_dates)
    return (0.4 if near else 1.0), f"{ctx.query_birth_date} vs {listed}"


def country_match(ctx: Context) -> tuple[float, str]:
    """A query country is among the entry's nationalities, citizenships or countries."""
    common = ctx.query_countries & ctx.facts.countries
    return (1.0, ",".join(sorted(common))) if common else (0.0, "")


def country_mismatch(ctx: Context) -> tuple[float, str]:
    """Countries given on both sides and none shared (weak: people move and hold two passports)."""
    if ctx.query_countries and ctx.facts.countries and not ctx.query_countries & ctx.facts.countries:
        return 1.0, f"{','.join(sorted(ctx.query_countries))} vs {','.join(sorted(ctx.facts.countries))}"
    return 0.0, ""


def gender_mismatch(ctx: Context) -> tuple[float, str]:
    """Query gender contradicts the entry's published gender."""
    if ctx.query_gender and ctx.facts.gender and ctx.query_gender != ctx.facts.gender:
        return 1.0, f"{ctx.query_gender} vs {ctx.facts.gender}"
    return 0.0, ""


def identifier_match(ctx: Context) -> tuple[float, str]:
    """An identifier (IMO, passport, BIC, INN, crypto address …) is exactly equal: strong evidence."""
    for q_type, q_value in ctx.query_identifiers:
        for l_type, l_value in ctx.facts.identifiers:
            if q_value == l_value and (not q_type or q_type == l_type):
                return 1.0, f"{l_type} {l_value}"
    return 0.0, ""


def identifier_mismatch(ctx: Context) -> tuple[float, str]:
    """Both sides give an identifier of the same type and no value agrees."""
    if identifier_match(ctx)[0]:
        return 0.0, ""
    for q_type, q_value in ctx.query_identifiers:
        listed = [v for t, v in ctx.facts.identifiers if q_type and t == q_type]
        if listed:
            return 1.0, f"{q_type} {q_value} vs {', '.join(listed)}"
    return 0.0, ""


def _corroborated(ctx: Context, countries: bool = True) -> bool:
    if birth_date_match(ctx)[0] >= 0.6 or identifier_match(ctx)[0]:
        return True
    return countries and bool(country_match(ctx)[0])


# Features that read neither the alignment nor ``matched_idf``: known before a name is aligned.
ALIGNMENT_FREE = frozenset({
    "weak_alias", "legal_form_mismatch", "schema_mismatch", "birth_date_match", "birth_date_mismatch",
    "country_match", "country_mismatch", "gender_mismatch", "identifier_match", "identifier_mismatch",
})

# Features that are 0 whenever the query leaves this ``Context`` field empty: a name-only query
# (most are) skips them, and bounds its rewards without looking at the entity's facts.
NEEDS_QUERY_FIELD = {
    "birth_date_match": "query_birth_date", "birth_date_mismatch": "query_birth_date",
    "country_match": "query_countries", "country_mismatch": "query_countries",
    "gender_mismatch": "query_gender",
    "identifier_match": "query_identifiers", "identifier_mismatch": "query_identifiers",
}

FEATURES: tuple[Feature, ...] = (
    Feature("name_match", name_match, 0.90),
    Feature("common_name", common_name, -0.50),
    Feature("single_part", single_part, -0.20),
    Feature("conflicting_parts", conflicting_parts, -0.50),
    Feature("order_conflict", order_conflict, -0.10),
    Feature("nasab_order_conflict", nasab_order_conflict, -0.25),
    Feature("kunya_mismatch", kunya_mismatch, -0.15),
    Feature("weak_alias", weak_alias, -0.25),
    Feature("legal_form_mismatch", legal_form_mismatch, -0.20),
    Feature("schema_mismatch", schema_mismatch, -0.30),
    Feature("birth_date_match", birth_date_match, 0.25),
    Feature("birth_date_mismatch", birth_date_mismatch, -0.20),
    Feature("country_match", country_match, 0.04),
    Feature("country_mismatch", country_mismatch, -0.04),
    Feature("gender_mismatch", gender_mismatch, -0.10),
    Feature("identifier_match", identifier_match, 1.00),
    Feature("identifier_mismatch", identifier_mismatch, -0.15),
)


SATURATION_KNEE = 0.9  # a full name match alone; evidence beyond it bends towards 1.0, never reaches it


def clip(value: float) -> float:
    """The feature sum as a score in [0, 1): unchanged up to the knee, then saturating, so a name
    with a matching date of birth still ranks below one that also has a matching identifier."""
    if value < 0 or math.isnan(value):
        return 0.0
    if value <= SATURATION_KNEE:
        return value
    room = 1.0 - SATURATION_KNEE
    return SATURATION_KNEE + room * (1.0 - math.exp(-(value - SATURATION_KNEE) / room))
