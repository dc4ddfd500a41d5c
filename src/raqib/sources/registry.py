"""Registry: source id -> publisher, official download URLs, file names, format and parser.

Adding a list = adding one parser module + one row here. A source may publish more than one
format over time (OFAC's consolidated list moved from CSV to XML); the first format whose required
files are all present in a downloaded/mirrored folder is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from raqib.sources import ParsedList


@dataclass(frozen=True)
class Format:
    parser: str  # module under raqib.sources exposing parse(files) -> ParsedList
    required: tuple[str, ...]  # publisher file names (case-insensitive); "*.xml" globs allowed
    optional: tuple[str, ...] = ()

    def match(self, folder: Path) -> dict[str, Path] | None:
        """Map the publisher's file names to paths in ``folder`` if every required file is there."""
        present = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
        files: dict[str, Path] = {}
        for pattern in self.required + self.optional:
            hits = sorted(p for n, p in present.items() if Path(n).match(pattern.lower()))
            if not hits and pattern in self.required:
                return None
            for hit in hits:
                files[pattern if "*" not in pattern else hit.name] = hit
        return files

    def parse(self, files: dict[str, Path]) -> ParsedList:
        module = importlib.import_module(f"raqib.sources.{self.parser}")
        return module.parse(files)


@dataclass(frozen=True)
class Source:
    id: str  # also the mirror folder name
    title: str
    publisher: str  # entity id prefix: ofac, un, uk, eu, ca
    formats: tuple[Format, ...]
    urls: dict[str, str] = field(default_factory=dict)  # publisher file name -> official URL
    list_label: str = ""  # membership label when the file itself does not say (UN, UK, CA …)

    def format_for(self, folder: Path) -> tuple[Format, dict[str, Path]]:
        for fmt in self.formats:
            files = fmt.match(folder)
            if files:
                return fmt, files
        wanted = " or ".join("+".join(f.required) for f in self.formats)
        raise FileNotFoundError(f"{folder}: no known {self.id} publication here (expected {wanted})")


_OFAC = "https://www.treasury.gov/ofac/downloads"

SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            "ofac_sdn",
            "US OFAC Specially Designated Nationals (SDN) list",
            "ofac",
            formats=(
                Format("ofac_csv", ("sdn.csv",), ("add.csv", "alt.csv", "sdn_comments.csv")),
                Format("ofac_xml", ("sdn.xml",)),
            ),
            urls={n: f"{_OFAC}/{n}" for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")},
            list_label="SDN",
        ),
        Source(
            "ofac_consolidated",
            "US OFAC Consolidated (non-SDN) list: SSI, NS-MBS, CMIC, NS-PLC, FSE, CAPTA",
            "ofac",
            formats=(
                Format("ofac_xml", ("consolidated.xml",)),
                Format("ofac_csv", ("cons_prim.csv",), ("cons_add.csv", "cons_alt.csv", "cons_comments.csv")),
            ),
            urls={"consolidated.xml": f"{_OFAC}/consolidated/consolidated.xml"},
            list_label="NON-SDN",
        ),
        Source(
            "ofac_advanced",
            "US OFAC SDN list, advanced sanctions list standard XML",
            "ofac",
            formats=(Format("ofac_advanced_xml", ("sdn_advanced.xml",), ()), Format("ofac_advanced_xml", ("*.xml",))),
            urls={"sdn_advanced.xml": f"{_OFAC}/sanctions/1.0/sdn_advanced.xml"},
            list_label="SDN",
        ),
        Source(
            "un",
            "UN Security Council Consolidated List",
            "un",
            formats=(Format("un_xml", ("consolidated.xml",)),),
            urls={"consolidated.xml": "https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
            list_label="UN",
        ),
        Source(
            "uk_ofsi",
            "UK OFSI Consolidated List of Financial Sanctions Targets",
            "uk",
            formats=(Format("uk_ofsi_xlsx", ("conlist.xlsx",)),),
            urls={"ConList.xlsx": "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx"},
            list_label="UK",
        ),
        Source(
            "uk_fcdo",
            "UK Sanctions List (FCDO)",
            "uk",
            formats=(Format("uk_fcdo_xml", ("uk_sanctions_list.xml",)), Format("uk_fcdo_xml", ("*.xml",))),
            urls={"UK_Sanctions_List.xml": "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml"},
            list_label="UK",
        ),
        Source(
            "eu_fsf",
            "EU Financial Sanctions Files (consolidated list)",
            "eu",
            formats=(Format("eu_fsf_xml", ("*.xml",)),),
            urls={
                "xmlFullSanctionsList_1_1.xml": "https://webgate.ec.europa.eu/fsd/fsf/public/files/"
                "xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
            },
            list_label="EU",
        ),
        Source(
            "canada",
            "Canada Consolidated Autonomous Sanctions List (SEMA)",
            "ca",
            formats=(Format("canada_xml", ("sema-lmes.xml",)),),
            urls={
                "sema-lmes.xml": "https://www.international.gc.ca/world-monde/assets/office_docs/"
                "international_relations-relations_internationales/sanctions/sema-lmes.xml"
            },
            list_label="CA",
        ),
    )
}

# Mirror folders that hold format samples for parser tests, not published lists.
NOT_A_SOURCE = {"excerpts"}


def get_source(source_id: str) -> Source:
    try:
        return SOURCES[source_id]
    except KeyError:
        raise KeyError(f"unknown source {source_id!r}; known: {', '.join(SOURCES)}") from None


def parse_folder(source_id: str, folder: Path) -> ParsedList:
    """Parse one publication folder of a source with the format its files show."""
    fmt, files = get_source(source_id).format_for(folder)
    return fmt.parse(files)
