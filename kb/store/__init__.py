"""kb.db: the schema (the public contract), its frozen migrations, and every write to it.

This package is the only code that creates or alters tables. The schema is documented table by
table in README.md and column by column in metadata.yml; change it only by adding the next
frozen migration (``kb/store/migrations/vNNN.sql``) and its description in ``tables.py``.

Modules, one job each: ``schema`` (migrations), ``tables`` (the tables as data), ``db`` (open,
pragmas, SQL helpers), ``transaction`` (one writer at a time), ``documents`` (per-document
writes), ``identity`` (which stored row a name of a document is), ``aggregates`` (derived tables), ``comparisons`` (news vs
reference), ``reference`` (reference-table writes), ``judgements``,
``failures``, ``keys`` (ids of stored rows). This module re-exports their public names.
"""

from __future__ import annotations

from ..names import entity_id, name_key, slug
from .aggregates import (
    CLAIM_DOCUMENTS_SELECT, CO_MENTIONS_SELECT, CONFLICT_PAIRS_COLUMNS, CONFLICT_PAIRS_FROM_EVIDENCE,
    CONFLICT_PAIRS_SELECT, EVIDENCE_CLAIMS_COLUMNS, EVIDENCE_CLAIMS_SELECT, STORED_CONFLICT_PAIRS_SELECT,
    DocumentChange, refresh_aggregates, refresh_all_aggregates, refresh_conflicts,
)
from .comparisons import refresh_all_comparisons, refresh_comparisons
from .db import PER_DOCUMENT_TABLES, counts, iter_rows, now_iso, open_db
from .documents import delete_document, document_state, hash_known, save_extraction
from .failures import record_failure
from .judgements import judgement_rows, save_judgement
from .keys import position_id, position_label, tenure_id, wikipedia_url
from .schema import (
    MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION, VIEWS_V2, VIEWS_V3, VIEWS_V4, VIEWS_V5, VIEWS_V6, VIEWS_V7,
    migrate,
)
from .tables import TABLES, Column, ForeignKey, Index, Table, foreign_keys
from .transaction import write_transaction

__all__ = [
    "CLAIM_DOCUMENTS_SELECT", "CO_MENTIONS_SELECT", "CONFLICT_PAIRS_COLUMNS", "CONFLICT_PAIRS_FROM_EVIDENCE",
    "CONFLICT_PAIRS_SELECT", "EVIDENCE_CLAIMS_COLUMNS", "EVIDENCE_CLAIMS_SELECT", "STORED_CONFLICT_PAIRS_SELECT",
    "DocumentChange", "refresh_aggregates", "refresh_all_aggregates", "refresh_conflicts",
    "refresh_comparisons", "refresh_all_comparisons",
    "PER_DOCUMENT_TABLES", "counts", "iter_rows", "now_iso", "open_db",
    "delete_document", "document_state", "hash_known", "save_extraction", "record_failure",
    "judgement_rows", "save_judgement", "position_id", "position_label", "tenure_id", "wikipedia_url",
    "MIGRATIONS", "SCHEMA_V1", "SCHEMA_VERSION", "VIEWS_V2", "VIEWS_V3", "VIEWS_V4", "VIEWS_V5", "VIEWS_V6", "VIEWS_V7",
    "migrate", "TABLES", "Column", "ForeignKey", "Index", "Table", "foreign_keys", "write_transaction",
    "entity_id", "name_key", "slug",
]
