"""kb.db's tables as data: columns, primary keys, foreign keys and indexes, after every migration.

The migrations (``kb.store.schema``) are frozen SQL; this module is the description other code
asks instead of parsing that SQL or running it: the Datasette plugin reads the foreign keys, the
reference import the DDL of the reference indexes it drops and rebuilds. ``tests/test_store_schema``
checks it against what the migrations really create, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool = False
    default: Optional[str] = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    to: str = "id"


@dataclass(frozen=True)
class Index:
    """A secondary index; ``columns`` as written in its DDL ('confidence DESC', '"end"')."""

    name: str
    columns: tuple[str, ...]
    where: Optional[str] = None

    def ddl(self, table: str) -> str:
        """The CREATE INDEX statement (idempotent) that makes this index on ``table``."""
        cols = ", ".join(self.columns)
        where = f" WHERE {self.where}" if self.where else ""
        return f"CREATE INDEX IF NOT EXISTS {self.name} ON {table}({cols}){where}"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    pk: tuple[str, ...]
    fks: tuple[ForeignKey, ...] = ()
    indexes: tuple[Index, ...] = ()
    without_rowid: bool = False
    column_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from "name TYPE [NOT NULL] [DEFAULT value], ..." (the compact form used below)."""
    out = []
    for part in spec.split(", "):
        words = part.split()
        default = words[words.index("DEFAULT") + 1] if "DEFAULT" in words else None
        out.append(Column(words[0], words[1], "NOT" in words, default))
    return tuple(out)


#: Views and triggers the migrations create (their text lives in the frozen migrations).
VIEWS = ("tenure_details", "tenure_conflicts", "news_vs_reference")
TRIGGERS: tuple[str, ...] = ()  # v7 dropped v4's comparison triggers (kb.store.comparisons)

_TABLES = (
    Table(
        'documents',
        columns=_columns('id TEXT, content_hash TEXT NOT NULL, source TEXT, title TEXT, url TEXT, published TEXT, '
                         'lang TEXT, n_chars INTEGER, text TEXT, meta TEXT, pipeline TEXT, built_at TEXT'),
        pk=('id',),
        indexes=(
            Index('idx_documents_hash', ('content_hash',)),
            Index('idx_documents_id_published', ('id', 'published')),
            Index('idx_documents_published', ('published', 'id')),
        ),
    ),
    Table(
        'sentences',
        columns=_columns('id TEXT, document_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, '
                         'end INTEGER NOT NULL, lang TEXT, text TEXT'),
        pk=('id',),
        fks=(ForeignKey('document_id', 'documents', 'id'),),
        indexes=(
            Index('idx_sentences_document', ('document_id',)),
        ),
    ),
    Table(
        'persons',
        columns=_columns('id TEXT, name TEXT NOT NULL, qid TEXT, wikipedia_title TEXT, wikipedia_url TEXT, '
                         'description TEXT, birth_date TEXT, birth_precision TEXT, death_date TEXT, link_score REAL, '
                         'link_method TEXT, n_documents INTEGER DEFAULT 0, n_mentions INTEGER DEFAULT 0'),
        pk=('id',),
        indexes=(
            Index('idx_persons_qid', ('qid',)),
            Index('idx_persons_name', ('name',)),
            Index('idx_persons_name_nocase', ('name COLLATE NOCASE',)),
            Index('idx_persons_linked_name', ('name', 'id', 'qid'), where='qid IS NOT NULL'),
            Index('idx_persons_name_id', ('name', 'id')),
        ),
    ),
    Table(
        'organizations',
        columns=_columns('id TEXT, name TEXT NOT NULL, qid TEXT, wikipedia_title TEXT, wikipedia_url TEXT, '
                         'description TEXT, link_score REAL, link_method TEXT, n_documents INTEGER DEFAULT 0, '
                         'n_mentions INTEGER DEFAULT 0'),
        pk=('id',),
        indexes=(
            Index('idx_organizations_qid', ('qid',)),
            Index('idx_organizations_name', ('name',)),
            Index('idx_organizations_name_nocase', ('name COLLATE NOCASE',)),
        ),
    ),
    Table(
        'positions',
        columns=_columns('id TEXT, label TEXT NOT NULL, role TEXT NOT NULL, organization_id TEXT, qid TEXT, '
                         'wikipedia_title TEXT, link_score REAL, link_method TEXT'),
        pk=('id',),
        fks=(ForeignKey('organization_id', 'organizations', 'id'),),
        indexes=(
            Index('idx_positions_role', ('role',)),
            Index('idx_positions_org', ('organization_id',)),
            Index('idx_positions_qid', ('qid',)),
        ),
    ),
    Table(
        'mentions',
        columns=_columns('id TEXT, document_id TEXT NOT NULL, sentence_id TEXT, entity_type TEXT NOT NULL, '
                         'entity_id TEXT NOT NULL, text TEXT, name TEXT, start INTEGER, end INTEGER, label TEXT, '
                         'published TEXT'),
        pk=('id',),
        fks=(ForeignKey('sentence_id', 'sentences', 'id'), ForeignKey('document_id', 'documents', 'id'),),
        indexes=(
            Index('idx_mentions_document', ('document_id',)),
            Index('idx_mentions_entity', ('entity_id',)),
            Index('idx_mentions_entity_document', ('entity_id', 'document_id', 'sentence_id', 'text')),
            Index('idx_mentions_document_entity', ('document_id', 'entity_type', 'entity_id')),
            Index('idx_mentions_text', ('text COLLATE NOCASE',)),
            Index('idx_mentions_entity_published', ('entity_id', 'published DESC', 'document_id', 'sentence_id')),
        ),
    ),
    Table(
        'tenures',
        columns=_columns('id TEXT, person_id TEXT NOT NULL, position_id TEXT NOT NULL, role TEXT NOT NULL, '
                         'organization_id TEXT, start TEXT, start_precision TEXT, end TEXT, end_precision TEXT, '
                         'status TEXT, status_as_of TEXT, ordinal INTEGER, n_documents INTEGER DEFAULT 0, '
                         'n_evidence INTEGER DEFAULT 0, flags TEXT'),
        pk=('id',),
        fks=(ForeignKey('organization_id', 'organizations', 'id'), ForeignKey('position_id', 'positions', 'id'), ForeignKey('person_id', 'persons', 'id'),),
        indexes=(
            Index('idx_tenures_person', ('person_id',)),
            Index('idx_tenures_position', ('position_id',)),
            Index('idx_tenures_org', ('organization_id',)),
            Index('idx_tenures_role', ('role',)),
            Index('idx_tenures_person_position', ('person_id', 'position_id')),
            Index('idx_tenures_person_dates', ('person_id', 'start', '"end"', 'id', 'position_id')),
            Index('idx_tenures_position_dates', ('position_id', 'start', '"end"', 'status', 'status_as_of', 'n_evidence', 'person_id', 'id')),
            Index('idx_tenures_position_current', ('position_id', 'status', 'status_as_of', 'n_evidence', '"end"', 'id'), where="status = 'current'"),
            Index('idx_tenures_evidence_dates', ('n_evidence DESC', 'id', 'start', '"end"', 'status', 'status_as_of', 'position_id')),
            Index('idx_tenures_role_evidence', ('role', 'n_evidence DESC', 'id', 'start', '"end"', 'status', 'status_as_of', 'position_id')),
            Index('idx_tenures_position_role', ('position_id', 'role', 'n_evidence', 'id', 'start', '"end"', 'status', 'status_as_of')),
        ),
    ),
    Table(
        'evidence',
        columns=_columns('id TEXT, tenure_id TEXT NOT NULL, document_id TEXT NOT NULL, sentence_id TEXT, '
                         'sentence TEXT, published TEXT, person_start INTEGER, person_end INTEGER, role_text TEXT, '
                         'role_start INTEGER, role_end INTEGER, org_start INTEGER, org_end INTEGER, date_text TEXT, '
                         'date_start INTEGER, date_end INTEGER, claimed_start TEXT, claimed_start_precision TEXT, '
                         'claimed_end TEXT, claimed_end_precision TEXT, claimed_status TEXT, claimed_ordinal INTEGER, '
                         'extractor TEXT, confidence REAL'),
        pk=('id',),
        fks=(ForeignKey('sentence_id', 'sentences', 'id'), ForeignKey('document_id', 'documents', 'id'), ForeignKey('tenure_id', 'tenures', 'id'),),
        indexes=(
            Index('idx_evidence_tenure', ('tenure_id',)),
            Index('idx_evidence_document', ('document_id',)),
            Index('idx_evidence_tenure_document', ('tenure_id', 'document_id')),
            Index('idx_evidence_tenure_best', ('tenure_id', 'confidence DESC', 'id')),
            Index('idx_evidence_tenure_claims', ('tenure_id', 'claimed_start', 'claimed_end', 'claimed_ordinal', 'id', 'document_id')),
        ),
    ),
    Table(
        'link_candidates',
        columns=_columns('entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, qid TEXT NOT NULL, label TEXT, '
                         'score REAL, method TEXT, features TEXT'),
        pk=('entity_type', 'entity_id', 'qid'),
    ),
    Table(
        'judgements',
        columns=_columns('entity_type TEXT NOT NULL, name_key TEXT NOT NULL, qid TEXT NOT NULL, '
                         'judgement TEXT NOT NULL, note TEXT, created_at TEXT'),
        pk=('entity_type', 'name_key', 'qid'),
    ),
    Table(
        'failures',
        columns=_columns('id INTEGER, source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, at TEXT'),
        pk=('id',),
    ),
    Table(
        'ref_entities',
        columns=_columns('qid TEXT, label TEXT, description TEXT, kind TEXT, enwiki TEXT, birth_date TEXT, '
                         'birth_precision TEXT, death_date TEXT, death_precision TEXT, n_sitelinks INTEGER, '
                         'n_statements INTEGER'),
        pk=('qid',),
    ),
    Table(
        'ref_names',
        columns=_columns('qid TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL, lang TEXT, is_label INTEGER, '
                         'skel TEXT, last TEXT, acro TEXT'),
        pk=('qid', 'name', 'lang'),
        indexes=(
            Index('idx_ref_names_norm', ('norm',)),
            Index('idx_ref_names_skel', ('skel',)),
            Index('idx_ref_names_last', ('last',)),
            Index('idx_ref_names_acro', ('acro',), where='acro IS NOT NULL'),
        ),
    ),
    Table(
        'ref_claims',
        columns=_columns('qid TEXT NOT NULL, property TEXT NOT NULL, value TEXT NOT NULL, start TEXT, '
                         'start_precision TEXT, end TEXT, end_precision TEXT'),
        pk=(),
        indexes=(
            Index('idx_ref_claims_qid', ('qid', 'property')),
            Index('idx_ref_claims_value', ('property', 'value')),
        ),
    ),
    Table(
        'http_cache',
        columns=_columns('url TEXT, status INTEGER, body TEXT, fetched_at TEXT'),
        pk=('url',),
    ),
    Table(
        'tenure_conflict_pairs',
        columns=_columns('person_id TEXT NOT NULL, position_id TEXT NOT NULL, conflict TEXT NOT NULL, a_start TEXT, '
                         'a_end TEXT, a_evidence_id TEXT NOT NULL, a_documents TEXT, a_n_evidence INTEGER, '
                         'b_start TEXT, b_end TEXT, b_evidence_id TEXT NOT NULL, b_documents TEXT, '
                         'b_n_evidence INTEGER'),
        pk=('person_id', 'position_id', 'a_evidence_id', 'b_evidence_id'),
        fks=(ForeignKey('position_id', 'positions', 'id'), ForeignKey('person_id', 'persons', 'id'),),
    ),
    Table(
        'co_mentions',
        columns=_columns('person_id TEXT NOT NULL, other_id TEXT NOT NULL, n_documents INTEGER NOT NULL, '
                         'example_document_id TEXT'),
        pk=('person_id', 'other_id'),
        indexes=(
            Index('idx_co_mentions_rank', ('person_id', 'n_documents DESC', 'other_id')),
        ),
        without_rowid=True,
    ),
    Table(
        'evidence_claims',
        columns=_columns('tenure_id TEXT NOT NULL, claim TEXT NOT NULL, person_id TEXT NOT NULL, '
                         'position_id TEXT NOT NULL, start TEXT, start_precision TEXT, end TEXT, end_precision TEXT, '
                         'ordinal INTEGER, status TEXT, n_evidence INTEGER NOT NULL, evidence_id TEXT NOT NULL, '
                         'newest TEXT NOT NULL'),
        pk=('tenure_id', 'claim'),
        indexes=(
            Index('idx_evidence_claims_post', ('person_id', 'position_id')),
        ),
        without_rowid=True,
    ),
    Table(
        'claim_documents',
        columns=_columns('person_id TEXT NOT NULL, position_id TEXT NOT NULL, claim TEXT NOT NULL, '
                         'documents TEXT NOT NULL'),
        pk=('person_id', 'position_id', 'claim'),
        without_rowid=True,
    ),
    Table(
        'reference_comparisons',
        columns=_columns('tenure_id TEXT, person_id TEXT NOT NULL, person TEXT NOT NULL, category TEXT NOT NULL, '
                         'reason TEXT, news_start TEXT, news_end TEXT, ref_position_qid TEXT, ref_start TEXT, '
                         'ref_end TEXT, ref_terms INTEGER, matched_by TEXT'),
        pk=('tenure_id',),
        fks=(ForeignKey('person_id', 'persons', 'id'), ForeignKey('tenure_id', 'tenures', 'id'),),
        indexes=(
            Index('idx_comparisons_page', ('category', 'person', 'news_start', 'tenure_id')),
            Index('idx_comparisons_person', ('person_id', 'category', 'person', 'news_start', 'tenure_id')),
        ),
    ),
)

#: Every table of a database at the current schema version, by name, in creation order.
TABLES: dict[str, Table] = {t.name: t for t in _TABLES}

#: The reference tables (filled by ``kb reference import``, never by a build).
REFERENCE_TABLES = ("ref_entities", "ref_names", "ref_claims")


def foreign_keys() -> frozenset[tuple[str, str]]:
    """(table, column) pairs that are declared foreign keys."""
    return frozenset((t.name, fk.column) for t in TABLES.values() for fk in t.fks)
