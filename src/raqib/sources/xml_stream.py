"""Reading publisher XML safely: empty, truncated or foreign files become ``ParseError`` with the
file and line; large files are streamed with lxml ``iterparse`` and each record freed after use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from raqib.model import Entity, ParseError


def local_name(elem: etree._Element) -> str:
    """Tag without namespace; "" for comments and processing instructions."""
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""


def position_of(elem: etree._Element) -> str:
    """Position of an element for messages: ``line 12 <Designation>``."""
    return f"line {elem.sourceline} <{local_name(elem)}>"


def require_content(path: Path) -> None:
    if path.stat().st_size == 0:
        raise ParseError(str(path), "line 1", "empty file")


def malformed(path: Path, exc: etree.XMLSyntaxError) -> ParseError:
    """A syntax error (truncated download, broken markup) -> ParseError at the line lxml reports."""
    line = max(exc.position[0] if exc.position else exc.lineno or 0, 1)
    return ParseError(str(path), f"line {line}", f"malformed XML: {exc.msg}")


def single_xml_file(files: dict[str, Path]) -> Path:
    """The one ``.xml`` file of a publication whose file name is not fixed."""
    xml = [Path(p) for p in files.values() if Path(p).suffix.lower() == ".xml"]
    if len(xml) != 1:
        raise ParseError(", ".join(map(str, files.values())) or "<none>", "files", "expected exactly one .xml file")
    return xml[0]


def read_tree(path: Path, root_tag: str, huge_tree: bool = True) -> etree._Element:
    """Parse a whole (small) file; return its root element, which must be ``root_tag``."""
    require_content(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=huge_tree)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise malformed(path, exc) from None
    if root.tag != root_tag:
        raise ParseError(str(path), f"line {root.sourceline} <{root.tag}>", f"root element is not {root_tag}")
    return root


def release(elem: etree._Element) -> None:
    """Free a processed record and the already-processed siblings before it."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def stream_records(
    path: Path,
    records: tuple[str, ...],
    root_tag: str,
    file_kind: str,
    on_root: Callable[[etree._Element], None] | None = None,
) -> Iterator[etree._Element]:
    """Yield each complete record element (any namespace) of a file whose root is ``root_tag``.

    ``on_root`` sees the root once, before the first record (header fields that precede the
    records are freed with them), or at the end when the file has no record.
    """
    require_content(path)
    events = etree.iterparse(str(path), events=("end",), tag=[f"{{*}}{t}" for t in records], huge_tree=True)
    root: etree._Element | None = None
    try:
        for _, elem in events:
            if root is None:
                root = elem.getroottree().getroot()
                if local_name(root) != root_tag:
                    break
                if on_root is not None:
                    on_root(root)
            yield elem
            release(elem)
        else:
            if root is None and events.root is not None and local_name(events.root) == root_tag and on_root:
                on_root(events.root)
            root = root if root is not None else events.root
    except etree.XMLSyntaxError as exc:
        raise malformed(path, exc) from None
    if root is None or local_name(root) != root_tag:
        found = local_name(root) if root is not None else "nothing"
        raise ParseError(str(path), "line 1", f"root element is <{found}>, expected <{root_tag}> ({file_kind})")


class Diagnostics:
    """Errors and warnings of one file, each naming the file and the position."""

    def __init__(self, path: Path):
        self.path = path
        self.warnings: list[str] = []
        self._warned: set[str] = set()

    def error(self, position: str, message: str) -> ParseError:
        return ParseError(str(self.path), position, message)

    def fail(self, elem: etree._Element, message: str) -> ParseError:
        """Error at an element, tag as written: ``line 12 <record>``."""
        return self.error(f"line {elem.sourceline} <{elem.tag}>", message)

    def warn(self, elem: etree._Element, message: str) -> None:
        self.warnings.append(f"{self.path}: line {elem.sourceline}: {message}")

    def warn_once(self, key: str, message: str) -> None:
        """Warn about a kind of oddity (an unknown code …) once per file, not once per record."""
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(f"{self.path}: {message}")

    def add_merged(self, entities: dict[str, Entity], entity: Entity, elem: etree._Element) -> None:
        """Store ``entity``; a second record with the same id is merged into the first."""
        known = entities.get(entity.id)
        if known is not None:
            self.warnings.append(f"{self.path}: {position_of(elem)}: {entity.id} appears twice; records merged")
            entity = known.merge(entity)
        entities[entity.id] = entity
