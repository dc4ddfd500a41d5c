"""Date pieces shared by the publisher parsers; each publisher's own date grammar stays with it."""

from __future__ import annotations

import calendar
import re
from datetime import date

from raqib.model import DateValue

# Month names and abbreviations in English, lower case -> month number ("sept" is OFAC's).
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_name) if name})
MONTHS["sept"] = 9

# ISO 8601 calendar date, possibly reduced to year-month or year: "1972", "1972-08", "1972-08-10".
PARTIAL_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def coarse_date(year: str, month: int | None, day: int | None) -> DateValue:
    """A date with unknown parts (None) -> the coarsest value: no month -> year, no day -> year-month.

    A full date is checked against the calendar (``ValueError`` for 31/02); a year-month is not.
    """
    if month is None:
        return DateValue(year)
    if day is None:
        return DateValue(f"{year}-{month:02d}")
    return DateValue(date(int(year), month, day).isoformat())
