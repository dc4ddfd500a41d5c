"""Other names a query gives for itself: "Уральский банк реконструкции и развития (УБРиР)".

Customer files and payment messages often follow a company's name with its acronym in brackets;
the list may have either. A bracketed country ("Bowne Global Solutions (France)") or word
("Deutsche Bank (Schweiz) AG") is part of the name, not another one.
"""

from __future__ import annotations

import re

from raqib.countries import to_iso2

_BRACKETED_RE = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_ACRONYM_MIN_LETTERS = 3  # "(UK)", "(AG)" are qualifiers, not names to screen alone


def name_alternatives(name: str) -> tuple[str, ...]:
    """The name as written; after it, when it carries an acronym in brackets, the name without the
    acronym and the acronym alone."""
    if "(" not in name and "[" not in name:
        return (name,)
    for match in _BRACKETED_RE.finditer(name):
        acronym = match.group(1).strip()
        if _is_acronym(acronym):
            without = " ".join(f"{name[: match.start()]} {name[match.end() :]}".split())
            # (what is left may be nothing screenable: "((RDIF))" leaves "( )")
            return tuple(dict.fromkeys(n for n in (name, without, acronym) if any(c.isalnum() for c in n)))
    return (name,)


def _is_acronym(text: str) -> bool:
    """One word of mostly capital letters (УБРиР, RDIF, A.B.C.) that is not a country (USA)."""
    if not text or any(c.isspace() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return len(letters) >= _ACRONYM_MIN_LETTERS and capitals * 2 > len(letters) and to_iso2(text) is None
