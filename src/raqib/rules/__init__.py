"""Sanctions meaning: from a name hit to what the law says to do.

- ``restrictions``: restriction kinds (BLOCKED, SECTORAL, …) of a listed entity, from its list
  memberships, programs and published sanction facts (``data/programs.yml``).
- ``sectoral``: SSI / EO 14024 directives — is a proposed transaction prohibited (``data/directives.yml``).
- ``jurisdictions``: effective-dated embargoes and a multilingual gazetteer (``data/jurisdictions.yml``).
- ``lsp``: the CAATSA §231 List of Specified Persons (``data/caatsa231_lsp.yml``).
- ``ownership``: 50% rule per regime with explanation paths (``data/ownership.yml``).
- ``decision``: BLOCK / REJECT / REVIEW / CLEAR with the legal basis (``data/decision_policy.yml``).
"""
