"""Identifier normalisation for exact matching (IMO, passport, BIC, INN, crypto address …)."""

from __future__ import annotations

import re

from raqib.model import IdType

_NON_ALNUM_RE = re.compile(r"[^0-9A-Za-z]")
_EVM_RE = re.compile(r"^0x[0-9a-fA-F]{40}$")
# Identifier types that prove identity when equal (a shared phone or website does not).
STRONG_TYPES = frozenset(
    {IdType.IMO, IdType.MMSI, IdType.PASSPORT, IdType.NATIONAL_ID, IdType.TAX_ID, IdType.INN, IdType.OGRN,
     IdType.REGISTRATION, IdType.SWIFT_BIC, IdType.BIK, IdType.LEI, IdType.CRYPTO, IdType.AIRCRAFT_SERIAL,
     IdType.AIRCRAFT_TAIL, IdType.CALL_SIGN}
)


def normalize_identifier(id_type: str, value: str) -> str:
    """Comparable form: crypto addresses keep case (Base58 is case-sensitive) except EVM hex."""
    value = value.strip()
    if id_type == IdType.CRYPTO or _EVM_RE.match(value):
        return value.lower() if _EVM_RE.match(value) else value
    value = _NON_ALNUM_RE.sub("", value).upper()
    if id_type == IdType.IMO and value.startswith("IMO"):
        value = value[3:]
    if id_type == IdType.SWIFT_BIC and len(value) == 11 and value.endswith("XXX"):
        value = value[:8]  # the primary office BIC11 ends in XXX and equals its BIC8
    return value


def imo_check_digit_ok(number: str) -> bool:
    """IMO ship number check: last digit = Σ(d1×7 … d6×2) mod 10."""
    digits = number.removeprefix("IMO")
    if len(digits) != 7 or not digits.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1))) % 10 == int(digits[6])
