"""The plain dataclasses that cross stage boundaries.

Data flows one way: ``Document`` (ingest) -> ``Extraction`` (extract) -> ``LinkedExtraction``
(link) -> rows in kb.db (store). Only the extract stage sees spaCy objects; everything here is
plain Python so that link, store and export are testable without a model, and so that parallel
workers can return these records instead of spaCy Docs.

Character offsets are always offsets into ``Document.text`` (the whole document), never into a
sentence, so evidence can be shown by slicing the stored document text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Optional

Precision = Literal["year", "month", "day"]
Status = Literal["current", "former", "unknown"]
EntityType = Literal["person", "organization"]

#: Wikidata time precision codes for our precisions (used by reference import and exports).
WIKIDATA_PRECISION = {"year": 9, "month": 10, "day": 11}


@dataclass
class Document:
    """One input document after ingest: decoded text plus its metadata."""

    id: str  # JSONL ``id`` when given, else the file name without extension
    text: str
    source: str = ""  # path (and ``:line`` for JSONL) it was read from
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # ISO date (YYYY-MM-DD) or None
    lang: Optional[str] = None  # requested language: en, de, or None for auto
    content_hash: str = ""  # sha256 of the text: dedup and incremental builds
    meta: dict[str, Any] = field(default_factory=dict)  # other JSONL keys, encoding, ...


@dataclass
class IngestFailure:
    """An input that could not become a Document: reported and counted, never fatal."""

    source: str  # file path, with ``:line`` for a JSONL line
    reason: str  # what was wrong, and how to fix it


@dataclass
class DateValue:
    """A date as the text gives it: an ISO prefix cut to its precision (never widened)."""

    value: str  # "2024", "2024-10" or "2024-10-01"
    precision: Precision
    text: str = ""  # the phrase it came from ("since October 2024")
    start: int = -1  # character offsets of the phrase in the document (-1: unknown)
    end: int = -1

    def __post_init__(self) -> None:
        expected = {"year": 4, "month": 7, "day": 10}[self.precision]
        if len(self.value) != expected:
            raise ValueError(f"date {self.value!r} does not match precision {self.precision}")


@dataclass
class Sentence:
    """A sentence with its document offsets and its language (per sentence, not per doc)."""

    index: int
    start: int
    end: int
    text: str
    lang: str = "en"


@dataclass
class Mention:
    """A person or organisation mention; ``name`` is the entity's fullest name in the doc."""

    text: str  # surface text as written ("Rutte")
    type: EntityType
    start: int
    end: int
    sentence: int  # Sentence.index
    name: str = ""  # canonical in-document name after coreference ("Mark Rutte")
    label: str = ""  # NER label or rule that produced it (PERSON, ORG, GPE, rule:title...)


@dataclass
class Entity:
    """A person or organisation of one document, under its fullest name."""

    name: str
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)
    birth_date: Optional[DateValue] = None
    death_date: Optional[DateValue] = None
    aliases: list[str] = field(default_factory=list)  # other surface forms in the doc


@dataclass
class Span:
    """A character span in the document (evidence offsets)."""

    start: int
    end: int
    text: str = ""


@dataclass
class Tenure:
    """A role held by a person, as one document states it (FtM's Occupancy)."""

    person: str  # Entity.name of the holder
    role: str  # normalised lower-case English role ("secretary general")
    org: Optional[str] = None  # Entity.name of the organisation/country, None if open
    start: Optional[DateValue] = None
    end: Optional[DateValue] = None
    status: Status = "unknown"
    ordinal: Optional[int] = None
    sentence: int = -1  # Sentence.index of the best evidence
    person_span: Optional[Span] = None
    role_span: Optional[Span] = None
    org_span: Optional[Span] = None
    date_span: Optional[Span] = None
    extractor: str = ""  # rule name and version, e.g. "kb.roles.v1:title_before_name"
    confidence: float = 0.5
    role_text: str = ""  # the role as written ("NATO chief", "Generalsekretär")


@dataclass
class Extraction:
    """Everything the extract stage found in one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    lang: str = "en"  # en, de or mixed
    pipeline: str = ""  # pipeline version string (model name+version+kb extraction version)
    #: Canonical English names of the countries the text names (linking context for persons).
    places: list[str] = field(default_factory=list)
    #: Countries the text names only by an adjective ("German telecoms firm"): weaker context,
    #: read by the linker only to keep a brand of that country.
    adjective_places: list[str] = field(default_factory=list)

    def entity(self, name: str, type: Optional[EntityType] = None) -> Optional[Entity]:
        for ent in self.entities:
            if ent.name == name and (type is None or ent.type == type):
                return ent
        return None


#: Method prefix of a candidate the linker's rules ruled out for the document ("ruled out: type"):
#: the store never joins such a name to a row linked to that QID elsewhere.
RULED_OUT = "ruled out: "


@dataclass
class LinkCandidate:
    """One candidate reference entry for a mention, with how it was found and scored."""

    qid: str
    label: str
    score: float
    method: str  # exact, alias, fuzzy, surname, online, judgement, ruled out: RULE...
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Link:
    """The linker's decision for one entity (or position): a QID, or NIL with candidates."""

    qid: Optional[str]
    score: float = 0.0
    method: str = "nil"
    label: Optional[str] = None  # reference label
    enwiki: Optional[str] = None  # English Wikipedia title
    description: Optional[str] = None
    candidates: list[LinkCandidate] = field(default_factory=list)


@dataclass
class LinkedExtraction:
    """An Extraction plus links for its entities and positions."""

    extraction: Extraction
    entity_links: dict[tuple[str, str], Link] = field(default_factory=dict)  # (type, name)
    position_links: dict[tuple[str, Optional[str]], Link] = field(default_factory=dict)  # (role, org)

    def link_for(self, type: str, name: Optional[str]) -> Link:
        if name is None:
            return Link(qid=None)
        return self.entity_links.get((type, name), Link(qid=None))

    def org_qids(self) -> dict[str, Optional[str]]:
        """Organisation name -> its QID (None when unlinked): what position linking reads."""
        return {name: link.qid for (etype, name), link in self.entity_links.items() if etype == "organization"}

    def ruled_out(self, type: str, name: Optional[str]) -> frozenset[str]:
        """The QIDs the linker's rules ruled out for this name in this document."""
        return frozenset(c.qid for c in self.link_for(type, name).candidates if c.method.startswith(RULED_OUT))


@dataclass
class BuildReport:
    """Counts that end every build, plus the per-item failures."""

    read: int = 0
    built: int = 0
    skipped: int = 0  # already done with the same pipeline version, or duplicates
    failed: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    persons: int = 0
    organizations: int = 0
    tenures: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
