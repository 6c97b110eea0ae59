"""kb.db: the schema (the public contract), its migrations, and every write to it.

This is the only module that creates or alters tables. The schema is documented table by table
in README.md and column by column in metadata.yml; change it only by appending a migration to
``MIGRATIONS`` (``PRAGMA user_version`` records how many have run).

Writes are per document and transactional: ``save_extraction`` replaces everything a document
contributed (sentences, mentions, evidence) in one transaction, then recomputes the aggregates
of the entities and tenures it touched. A build killed at any moment therefore leaves either the
old or the new facts of a document, never half of them, and re-running it converges.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import sqlite_utils

from .names import entity_id, name_key, slug  # noqa: F401  (re-exported for callers)
from .prefixdate import agrees
from .errors import DatabaseError
from .model import DateValue, IngestFailure, LinkedExtraction, Tenure

# --------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------

SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    source TEXT,
    title TEXT,
    url TEXT,
    published TEXT,
    lang TEXT,
    n_chars INTEGER,
    text TEXT,
    meta TEXT,
    pipeline TEXT,
    built_at TEXT
);
CREATE INDEX IF NOT EXISTS idx_documents_hash ON documents(content_hash);

CREATE TABLE IF NOT EXISTS sentences (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    lang TEXT,
    text TEXT
);
CREATE INDEX IF NOT EXISTS idx_sentences_document ON sentences(document_id);

CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    qid TEXT,
    wikipedia_title TEXT,
    wikipedia_url TEXT,
    description TEXT,
    birth_date TEXT,
    birth_precision TEXT,
    death_date TEXT,
    link_score REAL,
    link_method TEXT,
    n_documents INTEGER DEFAULT 0,
    n_mentions INTEGER DEFAULT 0
);
CREATE INDEX IF NOT EXISTS idx_persons_qid ON persons(qid);
CREATE INDEX IF NOT EXISTS idx_persons_name ON persons(name);

CREATE TABLE IF NOT EXISTS organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    qid TEXT,
    wikipedia_title TEXT,
    wikipedia_url TEXT,
    description TEXT,
    link_score REAL,
    link_method TEXT,
    n_documents INTEGER DEFAULT 0,
    n_mentions INTEGER DEFAULT 0
);
CREATE INDEX IF NOT EXISTS idx_organizations_qid ON organizations(qid);
CREATE INDEX IF NOT EXISTS idx_organizations_name ON organizations(name);

CREATE TABLE IF NOT EXISTS positions (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations(id),
    qid TEXT,
    wikipedia_title TEXT,
    link_score REAL,
    link_method TEXT
);
CREATE INDEX IF NOT EXISTS idx_positions_role ON positions(role);
CREATE INDEX IF NOT EXISTS idx_positions_org ON positions(organization_id);

CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    sentence_id TEXT REFERENCES sentences(id),
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    text TEXT,
    name TEXT,
    start INTEGER,
    "end" INTEGER,
    label TEXT
);
CREATE INDEX IF NOT EXISTS idx_mentions_document ON mentions(document_id);
CREATE INDEX IF NOT EXISTS idx_mentions_entity ON mentions(entity_id);

CREATE TABLE IF NOT EXISTS tenures (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    position_id TEXT NOT NULL REFERENCES positions(id),
    role TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations(id),
    start TEXT,
    start_precision TEXT,
    "end" TEXT,
    end_precision TEXT,
    status TEXT,
    status_as_of TEXT,
    ordinal INTEGER,
    n_documents INTEGER DEFAULT 0,
    n_evidence INTEGER DEFAULT 0,
    flags TEXT
);
CREATE INDEX IF NOT EXISTS idx_tenures_person ON tenures(person_id);
CREATE INDEX IF NOT EXISTS idx_tenures_position ON tenures(position_id);
CREATE INDEX IF NOT EXISTS idx_tenures_org ON tenures(organization_id);
CREATE INDEX IF NOT EXISTS idx_tenures_role ON tenures(role);

CREATE TABLE IF NOT EXISTS evidence (
    id TEXT PRIMARY KEY,
    tenure_id TEXT NOT NULL REFERENCES tenures(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    sentence_id TEXT REFERENCES sentences(id),
    sentence TEXT,
    published TEXT,
    person_start INTEGER,
    person_end INTEGER,
    role_text TEXT,
    role_start INTEGER,
    role_end INTEGER,
    org_start INTEGER,
    org_end INTEGER,
    date_text TEXT,
    date_start INTEGER,
    date_end INTEGER,
    claimed_start TEXT,
    claimed_start_precision TEXT,
    claimed_end TEXT,
    claimed_end_precision TEXT,
    claimed_status TEXT,
    claimed_ordinal INTEGER,
    extractor TEXT,
    confidence REAL
);
CREATE INDEX IF NOT EXISTS idx_evidence_tenure ON evidence(tenure_id);
CREATE INDEX IF NOT EXISTS idx_evidence_document ON evidence(document_id);

CREATE TABLE IF NOT EXISTS link_candidates (
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    qid TEXT NOT NULL,
    label TEXT,
    score REAL,
    method TEXT,
    features TEXT,
    PRIMARY KEY (entity_type, entity_id, qid)
);

CREATE TABLE IF NOT EXISTS judgements (
    entity_type TEXT NOT NULL,
    name_key TEXT NOT NULL,
    qid TEXT NOT NULL,
    judgement TEXT NOT NULL CHECK (judgement IN ('confirmed', 'rejected')),
    note TEXT,
    created_at TEXT,
    PRIMARY KEY (entity_type, name_key, qid)
);

CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT
);

CREATE TABLE IF NOT EXISTS ref_entities (
    qid TEXT PRIMARY KEY,
    label TEXT,
    description TEXT,
    kind TEXT,
    enwiki TEXT,
    birth_date TEXT,
    birth_precision TEXT,
    death_date TEXT,
    death_precision TEXT,
    n_sitelinks INTEGER,
    n_statements INTEGER
);

CREATE TABLE IF NOT EXISTS ref_names (
    qid TEXT NOT NULL,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    lang TEXT,
    is_label INTEGER,
    skel TEXT,
    last TEXT,
    acro TEXT,
    PRIMARY KEY (qid, name, lang)
);
CREATE INDEX IF NOT EXISTS idx_ref_names_norm ON ref_names(norm);
CREATE INDEX IF NOT EXISTS idx_ref_names_skel ON ref_names(skel);
CREATE INDEX IF NOT EXISTS idx_ref_names_last ON ref_names(last);
CREATE INDEX IF NOT EXISTS idx_ref_names_acro ON ref_names(acro) WHERE acro IS NOT NULL;

CREATE TABLE IF NOT EXISTS ref_claims (
    qid TEXT NOT NULL,
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    start TEXT,
    start_precision TEXT,
    "end" TEXT,
    end_precision TEXT
);
CREATE INDEX IF NOT EXISTS idx_ref_claims_qid ON ref_claims(qid, property);
CREATE INDEX IF NOT EXISTS idx_ref_claims_value ON ref_claims(property, value);

CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    status INTEGER,
    body TEXT,
    fetched_at TEXT
);
"""

#: Schema v2: read-side views and indexes for Datasette's canned queries (metadata.yml).
#: Dates are ISO prefixes of differing precision ("2010", "2010-05", "2010-05-03"); two dates are
#: compared on their common prefix, so "2010" agrees with "2010-05-03" and a tenure that started
#: in "2010" and ended in "2024" covers 2015-01-01. Never compare them as plain strings.
VIEWS_V2 = """
CREATE INDEX IF NOT EXISTS idx_tenures_person_position ON tenures(person_id, position_id);
CREATE INDEX IF NOT EXISTS idx_positions_qid ON positions(qid);
CREATE INDEX IF NOT EXISTS idx_mentions_entity_document ON mentions(entity_id, document_id, sentence_id, text);
CREATE INDEX IF NOT EXISTS idx_mentions_document_entity ON mentions(document_id, entity_type, entity_id);
CREATE INDEX IF NOT EXISTS idx_evidence_tenure_document ON evidence(tenure_id, document_id);
CREATE INDEX IF NOT EXISTS idx_mentions_text ON mentions(text COLLATE NOCASE);
-- canned queries look names up case-insensitively (name = :person COLLATE NOCASE)
CREATE INDEX IF NOT EXISTS idx_persons_name_nocase ON persons(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS idx_organizations_name_nocase ON organizations(name COLLATE NOCASE);
-- a tenure's best evidence (person_timeline) is one index seek, not a sort of all its evidence
CREATE INDEX IF NOT EXISTS idx_evidence_tenure_best ON evidence(tenure_id, confidence DESC, id);
-- publication date by document id without touching the (large) document rows
CREATE INDEX IF NOT EXISTS idx_documents_id_published ON documents(id, published);
-- documents newest first (documents_mentioning_person for very frequent people)
CREATE INDEX IF NOT EXISTS idx_documents_published ON documents(published, id);
-- pages of tenures ordered from index entries alone (person_timeline, current_holders)
CREATE INDEX IF NOT EXISTS idx_tenures_person_dates ON tenures(person_id, start, "end", id, position_id);
CREATE INDEX IF NOT EXISTS idx_tenures_position_dates
    ON tenures(position_id, start, "end", status, status_as_of, n_evidence, person_id, id);
-- claims of a tenure from the index alone (tenure_conflicts)
CREATE INDEX IF NOT EXISTS idx_evidence_tenure_claims
    ON evidence(tenure_id, claimed_start, claimed_end, claimed_ordinal, id, document_id);
CREATE INDEX IF NOT EXISTS idx_tenures_position_current
    ON tenures(position_id, status, status_as_of, n_evidence, "end", id) WHERE status = 'current';
-- linked persons in name order from the index alone (news_vs_reference pages by person)
CREATE INDEX IF NOT EXISTS idx_persons_linked_name ON persons(name, id, qid) WHERE qid IS NOT NULL;
-- everyone in name order from the index alone (status_as_of without a person)
CREATE INDEX IF NOT EXISTS idx_persons_name_id ON persons(name, id);

CREATE VIEW IF NOT EXISTS tenure_details AS
SELECT t.id AS tenure_id, t.person_id, p.name AS person, p.qid AS person_qid,
       t.position_id, pos.label AS position, pos.qid AS position_qid, t.role,
       t.organization_id, o.name AS organization, o.qid AS organization_qid,
       t.start, t.start_precision, t."end", t.end_precision, t.status, t.status_as_of,
       t.ordinal, t.n_documents, t.n_evidence, t.flags
FROM tenures t
JOIN persons p ON p.id = t.person_id
JOIN positions pos ON pos.id = t.position_id
LEFT JOIN organizations o ON o.id = t.organization_id;

CREATE VIEW IF NOT EXISTS news_vs_reference AS
WITH pairs AS (
    SELECT t.id AS tenure_id, t.person_id, p.name AS person, p.qid AS person_qid,
           t.position_id, pos.label AS position, pos.qid AS position_qid,
           t.start, t."end", t.status, t.status_as_of, t.n_evidence,
           c.rowid AS ref_rowid, c.start AS ref_start, c."end" AS ref_end,
           CASE
             WHEN c.rowid IS NULL THEN NULL
             WHEN t.start IS NOT NULL AND c.start IS NOT NULL
                  AND substr(t.start, 1, min(length(t.start), length(c.start)))
                      <> substr(c.start, 1, min(length(t.start), length(c.start)))
               THEN 'start differs'
             WHEN t."end" IS NOT NULL AND c."end" IS NOT NULL
                  AND substr(t."end", 1, min(length(t."end"), length(c."end")))
                      <> substr(c."end", 1, min(length(t."end"), length(c."end")))
               THEN 'end differs'
             WHEN c."end" IS NULL AND (t."end" IS NOT NULL OR t.status = 'former')
               THEN 'reference open, news says ended'
             WHEN c."end" IS NOT NULL AND t."end" IS NULL AND t.status = 'current'
                  AND substr(t.status_as_of, 1, length(c."end")) > c."end"
               THEN 'reference ended, news says current'
           END AS problem
    FROM tenures t
    JOIN persons p ON p.id = t.person_id
    JOIN positions pos ON pos.id = t.position_id
    LEFT JOIN ref_claims c ON c.qid = p.qid AND c.property = 'P39' AND c.value = pos.qid
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL
)
SELECT CASE WHEN x.ref_rowid IS NULL THEN 'missing in reference'
            WHEN x.problem IS NULL THEN 'confirmed'
            ELSE 'contradiction' END AS category,
       x.problem, x.tenure_id, x.person_id, x.person, x.person_qid,
       x.position_id, x.position, x.position_qid,
       x.start AS news_start, x."end" AS news_end, x.status AS news_status,
       x.status_as_of, x.ref_start, x.ref_end, x.n_evidence
FROM pairs x
WHERE x.ref_rowid IS NULL OR x.problem IS NULL
   OR NOT EXISTS (SELECT 1 FROM pairs y WHERE y.tenure_id = x.tenure_id
                  AND y.ref_rowid IS NOT NULL AND y.problem IS NULL);

CREATE VIEW IF NOT EXISTS tenure_conflicts AS
WITH claims AS (
    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM evidence e JOIN tenures t ON t.id = e.tenure_id
    GROUP BY t.person_id, t.position_id, e.claimed_start, e.claimed_end, e.claimed_ordinal
),
pairs AS (
    SELECT a.person_id, a.position_id,
           a.start AS a_start, a."end" AS a_end, a.evidence_id AS a_evidence_id,
           a.documents AS a_documents, a.n_evidence AS a_n_evidence,
           b.start AS b_start, b."end" AS b_end, b.evidence_id AS b_evidence_id,
           b.documents AS b_documents, b.n_evidence AS b_n_evidence,
           (a.start IS NOT NULL AND b.start IS NOT NULL
            AND substr(a.start, 1, min(length(a.start), length(b.start)))
                <> substr(b.start, 1, min(length(a.start), length(b.start)))) AS start_conflict,
           (a."end" IS NOT NULL AND b."end" IS NOT NULL
            AND substr(a."end", 1, min(length(a."end"), length(b."end")))
                <> substr(b."end", 1, min(length(a."end"), length(b."end")))) AS end_conflict,
           -- two closed, non-overlapping intervals (or two ordinals) are two terms, not a conflict
           ((a.ordinal IS NOT NULL AND b.ordinal IS NOT NULL AND a.ordinal <> b.ordinal)
            OR (a."end" IS NOT NULL AND b.start IS NOT NULL
                AND substr(a."end", 1, min(length(a."end"), length(b.start)))
                    < substr(b.start, 1, min(length(a."end"), length(b.start))))
            OR (b."end" IS NOT NULL AND a.start IS NOT NULL
                AND substr(b."end", 1, min(length(b."end"), length(a.start)))
                    < substr(a.start, 1, min(length(b."end"), length(a.start))))) AS separate_terms
    FROM claims a JOIN claims b
      ON b.person_id = a.person_id AND b.position_id = a.position_id
     AND b.evidence_id > a.evidence_id
)
SELECT x.person_id, p.name AS person, p.qid AS person_qid, x.position_id, pos.label AS position,
       CASE WHEN x.start_conflict AND x.end_conflict THEN 'start and end'
            WHEN x.start_conflict THEN 'start' ELSE 'end' END AS conflict,
       x.a_start, x.a_end, x.a_evidence_id, x.a_documents, x.a_n_evidence,
       x.b_start, x.b_end, x.b_evidence_id, x.b_documents, x.b_n_evidence
FROM pairs x
JOIN persons p ON p.id = x.person_id
JOIN positions pos ON pos.id = x.position_id
WHERE (x.start_conflict OR x.end_conflict) AND NOT x.separate_terms;
"""

#: The conflicting claim pairs among the evidence of the tenures matching ``{scope}`` (a condition
#: on tenures ``t``), by the rules of the v2 ``tenure_conflicts`` view: claims are the distinct
#: (start, end, ordinal) of a person's evidence for one post; two of them conflict when a start or
#: an end disagrees beyond precision, unless they are two terms (closed and non-overlapping, or
#: different ordinals). Only tenures of the same person and post are compared, so the store keeps
#: the result per (person, post) in ``tenure_conflict_pairs`` and refreshes just the posts a
#: document touched, instead of every reader self-joining all claims of the database.
CONFLICT_PAIRS_SELECT = """
WITH claims AS MATERIALIZED (
    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM tenures t JOIN evidence e ON e.tenure_id = t.id
    WHERE {scope}
    GROUP BY t.person_id, t.position_id, e.claimed_start, e.claimed_end, e.claimed_ordinal
),
pairs AS (
    SELECT a.person_id, a.position_id,
           a.start AS a_start, a."end" AS a_end, a.evidence_id AS a_evidence_id,
           a.documents AS a_documents, a.n_evidence AS a_n_evidence,
           b.start AS b_start, b."end" AS b_end, b.evidence_id AS b_evidence_id,
           b.documents AS b_documents, b.n_evidence AS b_n_evidence,
           (a.start IS NOT NULL AND b.start IS NOT NULL
            AND substr(a.start, 1, min(length(a.start), length(b.start)))
                <> substr(b.start, 1, min(length(a.start), length(b.start)))) AS start_conflict,
           (a."end" IS NOT NULL AND b."end" IS NOT NULL
            AND substr(a."end", 1, min(length(a."end"), length(b."end")))
                <> substr(b."end", 1, min(length(a."end"), length(b."end")))) AS end_conflict,
           ((a.ordinal IS NOT NULL AND b.ordinal IS NOT NULL AND a.ordinal <> b.ordinal)
            OR (a."end" IS NOT NULL AND b.start IS NOT NULL
                AND substr(a."end", 1, min(length(a."end"), length(b.start)))
                    < substr(b.start, 1, min(length(a."end"), length(b.start))))
            OR (b."end" IS NOT NULL AND a.start IS NOT NULL
                AND substr(b."end", 1, min(length(b."end"), length(a.start)))
                    < substr(a.start, 1, min(length(b."end"), length(a.start))))) AS separate_terms
    FROM claims a JOIN claims b
      ON b.person_id = a.person_id AND b.position_id = a.position_id
     AND b.evidence_id > a.evidence_id
)
SELECT x.person_id, x.position_id,
       CASE WHEN x.start_conflict AND x.end_conflict THEN 'start and end'
            WHEN x.start_conflict THEN 'start' ELSE 'end' END AS conflict,
       x.a_start, x.a_end, x.a_evidence_id, x.a_documents, x.a_n_evidence,
       x.b_start, x.b_end, x.b_evidence_id, x.b_documents, x.b_n_evidence
FROM pairs x
WHERE (x.start_conflict OR x.end_conflict) AND NOT x.separate_terms
"""

CONFLICT_PAIRS_COLUMNS = ("person_id", "position_id", "conflict", "a_start", "a_end", "a_evidence_id",
                          "a_documents", "a_n_evidence", "b_start", "b_end", "b_evidence_id",
                          "b_documents", "b_n_evidence")

#: Schema v3: maintained read-side tables for the queries that were too slow to compute on read
#: at 100k documents. ``tenure_conflict_pairs`` holds the conflicting claim pairs (written by
#: ``refresh_aggregates``); the ``tenure_conflicts`` view keeps its v2 columns and rules but reads
#: that table. The migration fills it for an existing database.
VIEWS_V3 = f"""
CREATE TABLE IF NOT EXISTS tenure_conflict_pairs (
    person_id TEXT NOT NULL REFERENCES persons(id),
    position_id TEXT NOT NULL REFERENCES positions(id),
    conflict TEXT NOT NULL,
    a_start TEXT,
    a_end TEXT,
    a_evidence_id TEXT NOT NULL,
    a_documents TEXT,
    a_n_evidence INTEGER,
    b_start TEXT,
    b_end TEXT,
    b_evidence_id TEXT NOT NULL,
    b_documents TEXT,
    b_n_evidence INTEGER,
    PRIMARY KEY (person_id, position_id, a_evidence_id, b_evidence_id)
);
DELETE FROM tenure_conflict_pairs;
INSERT INTO tenure_conflict_pairs ({", ".join(CONFLICT_PAIRS_COLUMNS)})
{CONFLICT_PAIRS_SELECT.format(scope="1")};

-- tenures by evidence count with the columns who_held_on_date compares, from the index alone:
-- without a position it walks the best-attested tenures and stops after one page
CREATE INDEX IF NOT EXISTS idx_tenures_evidence_dates
    ON tenures(n_evidence DESC, id, start, "end", status, status_as_of, position_id);

DROP VIEW IF EXISTS tenure_conflicts;
CREATE VIEW tenure_conflicts AS
SELECT x.person_id, p.name AS person, p.qid AS person_qid, x.position_id, pos.label AS position,
       x.conflict, x.a_start, x.a_end, x.a_evidence_id, x.a_documents, x.a_n_evidence,
       x.b_start, x.b_end, x.b_evidence_id, x.b_documents, x.b_n_evidence
FROM tenure_conflict_pairs x
JOIN persons p ON p.id = x.person_id
JOIN positions pos ON pos.id = x.position_id;
"""

#: The rows of the ``news_vs_reference`` view for the tenures matching ``{scope}`` (a condition on
#: tenures ``t``, persons ``p``, positions ``pos``), by the v2 view's rules: a linked tenure of a
#: linked post is 'missing in reference' without a P39 statement of that post; each statement
#: it agrees with (dates compared at their common precision) is a 'confirmed' row; a tenure no
#: statement confirms gets one 'contradiction' row per statement, with the problem. Written
#: without a WITH clause because trigger bodies cannot hold one.
REFERENCE_COMPARISONS_SELECT = """
SELECT y.tenure_id, y.person_id, y.person,
       CASE WHEN NOT y.has_ref THEN 'missing in reference'
            WHEN y.problem IS NULL THEN 'confirmed' ELSE 'contradiction' END,
       y.problem, y.news_start, y.ref_start, y.ref_end
FROM (
  SELECT x.*, max(x.has_ref AND x.problem IS NULL) OVER (PARTITION BY x.tenure_id) AS confirmed_any
  FROM (
    SELECT t.id AS tenure_id, t.person_id, p.name AS person, t.start AS news_start,
           c.qid IS NOT NULL AS has_ref, c.start AS ref_start, c."end" AS ref_end,
           CASE
             WHEN c.qid IS NULL THEN NULL
             WHEN t.start IS NOT NULL AND c.start IS NOT NULL
                  AND substr(t.start, 1, min(length(t.start), length(c.start)))
                      <> substr(c.start, 1, min(length(t.start), length(c.start)))
               THEN 'start differs'
             WHEN t."end" IS NOT NULL AND c."end" IS NOT NULL
                  AND substr(t."end", 1, min(length(t."end"), length(c."end")))
                      <> substr(c."end", 1, min(length(t."end"), length(c."end")))
               THEN 'end differs'
             WHEN c."end" IS NULL AND (t."end" IS NOT NULL OR t.status = 'former')
               THEN 'reference open, news says ended'
             WHEN c."end" IS NOT NULL AND t."end" IS NULL AND t.status = 'current'
                  AND substr(t.status_as_of, 1, length(c."end")) > c."end"
               THEN 'reference ended, news says current'
           END AS problem
    FROM tenures t
    JOIN persons p ON p.id = t.person_id
    JOIN positions pos ON pos.id = t.position_id
    LEFT JOIN ref_claims c ON c.property = 'P39' AND c.qid = p.qid AND c.value = pos.qid
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND ({scope})
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
"""

REFERENCE_COMPARISONS_COLUMNS = ("tenure_id", "person_id", "person", "category", "problem", "news_start",
                                 "ref_start", "ref_end")


def _refresh_comparisons(scope: str, tenures: str) -> str:
    """Trigger body: drop the comparison rows of ``tenures`` (a subquery of tenure ids) and
    recompute those of the tenures matching ``scope``."""
    return (f"DELETE FROM reference_comparisons WHERE tenure_id IN ({tenures});\n"
            f"INSERT INTO reference_comparisons ({', '.join(REFERENCE_COMPARISONS_COLUMNS)})"
            f"{REFERENCE_COMPARISONS_SELECT.format(scope=scope)};")


def _claim_scope(row: str) -> tuple[str, str]:
    """(scope, tenure ids) of the tenures a P39 reference row ``row`` (NEW or OLD) speaks of."""
    return (f"p.qid = {row}.qid AND pos.qid = {row}.value",
            "SELECT t.id FROM persons p JOIN tenures t ON t.person_id = p.id "
            f"JOIN positions pos ON pos.id = t.position_id WHERE p.qid = {row}.qid AND pos.qid = {row}.value")


def _comparison_triggers() -> str:
    """Triggers keeping ``reference_comparisons`` equal to a full recomputation after any write
    to what it depends on: a tenure's dates and status, a person's name and QID, a position's
    QID, P39 statements. Guards (WHEN) skip the upserts that change none of these."""
    tenure_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in
                                 ("start", '"end"', "status", "status_as_of", "person_id", "position_id"))
    by_tenure = ("t.id = NEW.id", "SELECT OLD.id")
    triggers = {
        "tenure_insert": ("AFTER INSERT ON tenures", "t.id = NEW.id", "SELECT NEW.id"),
        "tenure_update": ('AFTER UPDATE OF start, "end", status, status_as_of, person_id, position_id ON tenures '
                          f"WHEN {tenure_changed}", *by_tenure),
        "person_insert": ("AFTER INSERT ON persons", "t.person_id = NEW.id",
                          "SELECT id FROM tenures WHERE person_id = NEW.id"),
        "person_update": ("AFTER UPDATE OF name, qid ON persons WHEN OLD.name IS NOT NEW.name OR OLD.qid IS NOT NEW.qid",
                          "t.person_id = NEW.id", "SELECT id FROM tenures WHERE person_id IN (OLD.id, NEW.id)"),
        "position_insert": ("AFTER INSERT ON positions", "t.position_id = NEW.id",
                            "SELECT id FROM tenures WHERE position_id = NEW.id"),
        "position_update": ("AFTER UPDATE OF qid ON positions WHEN OLD.qid IS NOT NEW.qid", "t.position_id = NEW.id",
                            "SELECT id FROM tenures WHERE position_id IN (OLD.id, NEW.id)"),
        "claim_insert": ("AFTER INSERT ON ref_claims WHEN NEW.property = 'P39'", *_claim_scope("NEW")),
        "claim_delete": ("AFTER DELETE ON ref_claims WHEN OLD.property = 'P39'", *_claim_scope("OLD")),
    }
    out = []
    for name, (event, scope, tenures) in triggers.items():
        out.append(f"CREATE TRIGGER IF NOT EXISTS reference_comparisons_{name} {event} BEGIN\n"
                   f"{_refresh_comparisons(scope, tenures)}\nEND;")
    old_scope, old_tenures = _claim_scope("OLD")
    new_scope, new_tenures = _claim_scope("NEW")
    out.append("CREATE TRIGGER IF NOT EXISTS reference_comparisons_claim_update AFTER UPDATE ON ref_claims "
               "WHEN OLD.property = 'P39' OR NEW.property = 'P39' BEGIN\n"
               f"{_refresh_comparisons(old_scope, old_tenures)}\n{_refresh_comparisons(new_scope, new_tenures)}\nEND;")
    out.append("CREATE TRIGGER IF NOT EXISTS reference_comparisons_tenure_delete AFTER DELETE ON tenures BEGIN\n"
               "DELETE FROM reference_comparisons WHERE tenure_id = OLD.id;\nEND;")
    out.append("CREATE TRIGGER IF NOT EXISTS reference_comparisons_person_delete AFTER DELETE ON persons BEGIN\n"
               "DELETE FROM reference_comparisons WHERE person_id = OLD.id;\nEND;")
    out.append("CREATE TRIGGER IF NOT EXISTS reference_comparisons_position_delete AFTER DELETE ON positions BEGIN\n"
               "DELETE FROM reference_comparisons WHERE tenure_id IN "
               "(SELECT id FROM tenures WHERE position_id = OLD.id);\nEND;")
    return "\n".join(out)


#: Schema v4: more read-side data kept by the store, for the canned queries that still read too
#: much at 100k documents. ``reference_comparisons`` holds the rows of ``news_vs_reference``
#: (kept by triggers, so reference imports and direct writes keep it right too), read in page
#: order from one index; ``mentions.published`` copies its document's date so that a person's
#: mentions are walked newest first from one index; two tenure indexes let who_held_on_date walk
#: a role's tenures by evidence count and look at a post's tenures of other roles.
VIEWS_V4 = f"""
-- P39 statements by (person, post): the comparisons' lookups. Not named idx_ref_*: the reference
-- import drops those while it loads and the triggers below must never scan ref_claims.
CREATE INDEX IF NOT EXISTS idx_p39_claims ON ref_claims(qid, value, start, "end") WHERE property = 'P39';
CREATE TABLE IF NOT EXISTS reference_comparisons (
    tenure_id TEXT NOT NULL REFERENCES tenures(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    person TEXT NOT NULL,
    category TEXT NOT NULL,
    problem TEXT,
    news_start TEXT,
    ref_start TEXT,
    ref_end TEXT
);
CREATE INDEX IF NOT EXISTS idx_reference_comparisons_page
    ON reference_comparisons(category, person, news_start, tenure_id, ref_start, ref_end);
CREATE INDEX IF NOT EXISTS idx_reference_comparisons_tenure ON reference_comparisons(tenure_id);
CREATE INDEX IF NOT EXISTS idx_reference_comparisons_person
    ON reference_comparisons(person_id, category, person, news_start, tenure_id, ref_start, ref_end);
DELETE FROM reference_comparisons;
INSERT INTO reference_comparisons ({", ".join(REFERENCE_COMPARISONS_COLUMNS)})
{REFERENCE_COMPARISONS_SELECT.format(scope="1")};
{_comparison_triggers()}

DROP VIEW IF EXISTS news_vs_reference;
CREATE VIEW news_vs_reference AS
SELECT r.category, r.problem, r.tenure_id, r.person_id, r.person, p.qid AS person_qid,
       t.position_id, pos.label AS position, pos.qid AS position_qid,
       r.news_start, t."end" AS news_end, t.status AS news_status,
       t.status_as_of, r.ref_start, r.ref_end, t.n_evidence
FROM reference_comparisons r
JOIN tenures t ON t.id = r.tenure_id
JOIN persons p ON p.id = r.person_id
JOIN positions pos ON pos.id = t.position_id;

-- who_held_on_date: a role's tenures by evidence count, and a post's tenures by role
CREATE INDEX IF NOT EXISTS idx_tenures_role_evidence
    ON tenures(role, n_evidence DESC, id, start, "end", status, status_as_of, position_id);
CREATE INDEX IF NOT EXISTS idx_tenures_position_role
    ON tenures(position_id, role, n_evidence, id, start, "end", status, status_as_of);

-- documents_mentioning_person: a person's mentions newest first from the index alone
ALTER TABLE mentions ADD COLUMN published TEXT;
UPDATE mentions SET published = (SELECT d.published FROM documents d WHERE d.id = mentions.document_id);
CREATE INDEX IF NOT EXISTS idx_mentions_entity_published
    ON mentions(entity_id, published DESC, document_id, sentence_id);
"""

#: Every ordered pair of distinct persons mentioned in the same documents: how many documents
#: and the greatest of their ids (co_mentioned_persons' example). The full recomputation; the
#: store keeps the table up to date per document write (``_update_co_mentions``).
CO_MENTIONS_SELECT = """
SELECT a.entity_id, b.entity_id, count(DISTINCT a.document_id), max(a.document_id)
FROM mentions a
JOIN mentions b ON b.document_id = a.document_id AND b.entity_type = 'person' AND b.entity_id <> a.entity_id
WHERE a.entity_type = 'person'
GROUP BY a.entity_id, b.entity_id
"""

#: Schema v5: ``co_mentions``, persons mentioned together, counted per document write, so that
#: co_mentioned_persons reads one person's best-ranked rows from an index instead of counting
#: the mentions of (up to) a thousand documents on every request.
VIEWS_V5 = f"""
CREATE TABLE IF NOT EXISTS co_mentions (
    person_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    n_documents INTEGER NOT NULL,
    example_document_id TEXT,
    PRIMARY KEY (person_id, other_id)
) WITHOUT ROWID;
DELETE FROM co_mentions;
INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id)
{CO_MENTIONS_SELECT};
CREATE INDEX IF NOT EXISTS idx_co_mentions_rank ON co_mentions(person_id, n_documents DESC, other_id);
"""

#: The key of a claim group in ``evidence_claims``: the six claimed columns as a JSON array
#: (SQLite's json_array and ``_claim_key`` write the same text).
_CLAIM_KEY_SQL = ("json_array(e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision, "
                  "e.claimed_ordinal, e.claimed_status)")
#: The key of a conflict claim in ``claim_documents``: (start, end, ordinal) as a JSON array.
_CONFLICT_KEY_SQL = "json_array({start}, {end}, {ordinal})"

#: One row per tenure and distinct claim (the six claimed columns): how many evidence rows make
#: it, the smallest evidence id, and the newest row's sort key (published, then document id, as
#: ``refresh_aggregates`` orders evidence). The full recomputation from ``evidence``.
EVIDENCE_CLAIMS_SELECT = f"""
SELECT e.tenure_id, {_CLAIM_KEY_SQL}, t.person_id, t.position_id,
       e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
       e.claimed_ordinal, e.claimed_status,
       count(*), min(e.id), max(coalesce(e.published, '') || char(1) || e.document_id)
FROM evidence e JOIN tenures t ON t.id = e.tenure_id
GROUP BY e.tenure_id, e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
         e.claimed_ordinal, e.claimed_status
"""
EVIDENCE_CLAIMS_COLUMNS = ("tenure_id", "claim", "person_id", "position_id", "start", "start_precision", "end",
                           "end_precision", "ordinal", "status", "n_evidence", "evidence_id", "newest")

#: The documents making each (person, post, start, end, ordinal) claim, sorted and comma-joined
#: (the tenure_conflicts lists). The full recomputation from ``evidence``.
CLAIM_DOCUMENTS_SELECT = f"""
SELECT person_id, position_id, claim, documents FROM (
  SELECT person_id, position_id, claim,
         group_concat(document_id) OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS documents,
         row_number() OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id) AS n
  FROM (SELECT DISTINCT t.person_id, t.position_id, {_CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal")} AS claim, e.document_id
        FROM evidence e JOIN tenures t ON t.id = e.tenure_id)
) WHERE n = 1
"""

#: CONFLICT_PAIRS_SELECT's rules over claim groups (``{claims}``: rows like evidence_claims;
#: ``{documents}``: rows like claim_documents) instead of evidence rows; ``{scope}`` is a
#: condition on ``t`` (person_id, position_id).
CLAIM_PAIRS_SELECT = CONFLICT_PAIRS_SELECT.replace(
    """    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM tenures t JOIN evidence e ON e.tenure_id = t.id
    WHERE {scope}
    GROUP BY t.person_id, t.position_id, e.claimed_start, e.claimed_end, e.claimed_ordinal""",
    f"""    SELECT t.person_id, t.position_id, t.start, t."end", t.ordinal, min(t.evidence_id) AS evidence_id,
           sum(t.n_evidence) AS n_evidence,
           (SELECT d.documents FROM {{documents}} d WHERE d.person_id = t.person_id
              AND d.position_id = t.position_id AND d.claim = {_CONFLICT_KEY_SQL.format(start="t.start", end='t."end"', ordinal="t.ordinal")}) AS documents
    FROM {{claims}} t
    WHERE {{scope}}
    GROUP BY t.person_id, t.position_id, t.start, t."end", t.ordinal""")
assert CLAIM_PAIRS_SELECT != CONFLICT_PAIRS_SELECT

#: A post's pairs from the stored claim groups: a look at its few groups, not at its evidence.
STORED_CONFLICT_PAIRS_SELECT = (CLAIM_PAIRS_SELECT.replace("{claims}", "evidence_claims")
                                .replace("{documents}", "claim_documents"))

#: The conflict pairs computed from scratch from ``evidence`` (documents lists sorted, as
#: ``claim_documents`` keeps them): what ``tenure_conflict_pairs`` must equal after any writes.
#: A reference for tests on small databases (it recomputes every documents list per claim).
CONFLICT_PAIRS_FROM_EVIDENCE = (
    CLAIM_PAIRS_SELECT
    .replace("{claims}", "(SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS \"end\", "
                         "e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence "
                         "FROM evidence e JOIN tenures t ON t.id = e.tenure_id "
                         "GROUP BY e.tenure_id, e.claimed_start, e.claimed_start_precision, e.claimed_end, "
                         "e.claimed_end_precision, e.claimed_ordinal, e.claimed_status)")
    .replace("{documents}", f"({CLAIM_DOCUMENTS_SELECT})")
)

#: Schema v6: claim groups kept per document write, so that a document's write costs the same
#: whatever the size of the posts it speaks of. ``evidence_claims`` summarises a tenure's
#: evidence by distinct claim (what ``refresh_aggregates`` reconciles); ``claim_documents``
#: lists the documents of each (person, post) claim (what tenure_conflicts shows). Both are
#: updated from the changed document's own rows; conflict pairs are recomputed from them.
VIEWS_V6 = f"""
-- v4's comparison indexes renamed: idx_ref_* names belong to the reference tables (the import
-- manages those by name)
DROP INDEX IF EXISTS idx_reference_comparisons_page;
DROP INDEX IF EXISTS idx_reference_comparisons_tenure;
DROP INDEX IF EXISTS idx_reference_comparisons_person;
CREATE INDEX IF NOT EXISTS idx_comparisons_page
    ON reference_comparisons(category, person, news_start, tenure_id, ref_start, ref_end);
CREATE INDEX IF NOT EXISTS idx_comparisons_tenure ON reference_comparisons(tenure_id);
CREATE INDEX IF NOT EXISTS idx_comparisons_person
    ON reference_comparisons(person_id, category, person, news_start, tenure_id, ref_start, ref_end);
CREATE TABLE IF NOT EXISTS evidence_claims (
    tenure_id TEXT NOT NULL,
    claim TEXT NOT NULL,
    person_id TEXT NOT NULL,
    position_id TEXT NOT NULL,
    start TEXT,
    start_precision TEXT,
    "end" TEXT,
    end_precision TEXT,
    ordinal INTEGER,
    status TEXT,
    n_evidence INTEGER NOT NULL,
    evidence_id TEXT NOT NULL,
    newest TEXT NOT NULL,
    PRIMARY KEY (tenure_id, claim)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_evidence_claims_post ON evidence_claims(person_id, position_id);
CREATE TABLE IF NOT EXISTS claim_documents (
    person_id TEXT NOT NULL,
    position_id TEXT NOT NULL,
    claim TEXT NOT NULL,
    documents TEXT NOT NULL,
    PRIMARY KEY (person_id, position_id, claim)
) WITHOUT ROWID;
DELETE FROM evidence_claims;
INSERT INTO evidence_claims ({", ".join(f'"{c}"' for c in EVIDENCE_CLAIMS_COLUMNS)}) {EVIDENCE_CLAIMS_SELECT};
DELETE FROM claim_documents;
INSERT INTO claim_documents (person_id, position_id, claim, documents) {CLAIM_DOCUMENTS_SELECT};
DELETE FROM tenure_conflict_pairs;
INSERT INTO tenure_conflict_pairs ({", ".join(CONFLICT_PAIRS_COLUMNS)})
{STORED_CONFLICT_PAIRS_SELECT.format(scope="1")};
"""

#: Append-only list of migrations; index + 1 is the schema version it produces.
MIGRATIONS: list[str] = [SCHEMA_V1, VIEWS_V2, VIEWS_V3, VIEWS_V4, VIEWS_V5, VIEWS_V6]
SCHEMA_VERSION = len(MIGRATIONS)

#: Tables written per document (deleted and rewritten when a document is rebuilt).
PER_DOCUMENT_TABLES = ("evidence", "mentions", "sentences")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a kb database in WAL mode.

    WAL lets Datasette read while a build writes; ``synchronous=NORMAL`` keeps per-document
    commits cheap while staying consistent after a crash.
    """
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(f"{path} does not exist: build it first with `kb build INPUT --db {path}`")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=60)
        db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} is not a usable SQLite database ({exc}): remove it or pass another --db"
        ) from exc
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Run the migrations this database has not seen yet; return the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"this database has schema version {version}, newer than this kb ({SCHEMA_VERSION}): "
            "upgrade kb (pip install -U kb) or use another --db"
        )
    for number in range(version, SCHEMA_VERSION):
        with db.conn:
            db.conn.executescript(MIGRATIONS[number])
            db.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def position_id(role: str, org_id: Optional[str], qid: Optional[str]) -> str:
    if qid:
        return qid
    return f"position:{slug(role)}@{org_id or '-'}"


def position_label(role: str, org_name: Optional[str]) -> str:
    return f"{role} of {org_name}" if org_name else role


def tenure_id(person: str, position: str, start: Optional[str], end: Optional[str]) -> str:
    """Hash of (person, position, start or 'unknown', end or 'unknown') after the design notes:
    two half-dated tenures of the same post do not collapse into one."""
    raw = "|".join([person, position, start or "unknown", end or "unknown"])
    return "t" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Reads used by the build
# --------------------------------------------------------------------------------------------


def document_state(db: sqlite_utils.Database, doc_id: str) -> Optional[tuple[str, str]]:
    """(content_hash, pipeline) of a stored document, or None."""
    row = db.execute(
        "SELECT content_hash, pipeline FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def hash_known(db: sqlite_utils.Database, content_hash: str, pipeline: str) -> Optional[str]:
    """Id of a document already built from the same text with the same pipeline, if any."""
    row = db.execute(
        "SELECT id FROM documents WHERE content_hash = ? AND pipeline = ? LIMIT 1",
        [content_hash, pipeline],
    ).fetchone()
    return row[0] if row else None


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        for table in ("documents", "persons", "organizations", "positions", "tenures", "evidence", "failures")
    }


# --------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------


def record_failure(db: sqlite_utils.Database, failure: IngestFailure, stage: str) -> None:
    with db.conn:
        db["failures"].insert(
            {"source": failure.source, "stage": stage, "reason": failure.reason, "at": now_iso()}
        )


def _date(d: Optional[DateValue]) -> tuple[Optional[str], Optional[str]]:
    return (d.value, d.precision) if d else (None, None)


def _delete_document_rows(db: sqlite_utils.Database, doc_id: str) -> tuple[set[str], set[str]]:
    """Delete what a document contributed; return the tenure and entity ids it touched."""
    tenures = {r[0] for r in db.execute("SELECT DISTINCT tenure_id FROM evidence WHERE document_id = ?", [doc_id])}
    entities = {r[0] for r in db.execute("SELECT DISTINCT entity_id FROM mentions WHERE document_id = ?", [doc_id])}
    for table in PER_DOCUMENT_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    return tenures, entities


def _persons_mentioned(db: sqlite_utils.Database, doc_id: str) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT DISTINCT entity_id FROM mentions WHERE document_id = ? AND entity_type = 'person'", [doc_id])}


_CO_MENTION_ADD = (
    "INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (person_id, other_id) DO UPDATE SET n_documents = n_documents + 1, "
    "example_document_id = max(coalesce(example_document_id, ''), excluded.example_document_id)"
)
_CO_MENTION_EXAMPLE = """
UPDATE co_mentions SET example_document_id = (
    SELECT a.document_id FROM mentions a
    WHERE a.entity_id = co_mentions.person_id AND a.entity_type = 'person'
      AND EXISTS (SELECT 1 FROM mentions b WHERE b.document_id = a.document_id AND b.entity_type = 'person'
                  AND b.entity_id = co_mentions.other_id)
    ORDER BY a.document_id DESC LIMIT 1)
WHERE person_id = ? AND other_id = ? AND example_document_id = ?
"""


def _update_co_mentions(db: sqlite_utils.Database, doc_id: str, old: set[str], new: set[str]) -> None:
    """Apply one document's change of mentioned persons (``old`` -> ``new``) to ``co_mentions``.

    Only pairs that appear or disappear in this document change, by one document each, so the
    cost is the document's own pairs, whatever the persons' fame. A pair whose example was this
    document gets the next greatest shared document (one backwards index walk).
    """
    gone = [(a, b) for a in old for b in old if a != b and not (a in new and b in new)]
    added = [(a, b, doc_id) for a in new for b in new if a != b and not (a in old and b in old)]
    conn = db.conn
    if gone:
        conn.executemany("UPDATE co_mentions SET n_documents = n_documents - 1 WHERE person_id = ? AND other_id = ?", gone)
        conn.executemany("DELETE FROM co_mentions WHERE person_id = ? AND other_id = ? AND n_documents <= 0", gone)
        conn.executemany(_CO_MENTION_EXAMPLE, [(a, b, doc_id) for a, b in gone])
    if added:
        conn.executemany(_CO_MENTION_ADD, added)


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document and everything it contributed (aggregates recomputed)."""
    with db.atomic():  # not `with db.conn:` — sqlite-utils 4 would commit each write on its own
        old_persons = _persons_mentioned(db, doc_id)
        old_claims = _document_claims(db, doc_id)
        change = DocumentChange(db, doc_id)
        tenures, entities = _delete_document_rows(db, doc_id)
        _update_co_mentions(db, doc_id, old_persons, set())
        posts = _apply_claim_changes(db, doc_id, old_claims, [])
        db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        refresh_aggregates(db, tenures, entities, change)
        refresh_conflicts(db, posts)


def save_extraction(db: sqlite_utils.Database, linked: LinkedExtraction) -> None:
    """Replace one document's facts in a single transaction.

    ``db.atomic()`` opens a real transaction (BEGIN): under ``with db.conn:`` sqlite-utils 4
    commits every write on its own, and a build killed mid-document left a documents row
    without its mentions, which the next run then skipped as done.
    """
    ext = linked.extraction
    doc = ext.document
    conn = db.conn
    with db.atomic():
        old_persons = _persons_mentioned(db, doc.id)
        old_claims = _document_claims(db, doc.id)
        change = DocumentChange(db, doc.id)
        old_tenures, old_entities = _delete_document_rows(db, doc.id)
        conn.execute(_upsert_sql("documents", _DOCUMENT_COLUMNS, ("id",)), (
            doc.id, doc.content_hash, doc.source, doc.title, doc.url, doc.published, ext.lang,
            len(doc.text), doc.text,
            json.dumps(doc.meta, ensure_ascii=False, default=str) if doc.meta else None,
            ext.pipeline, now_iso(),
        ))
        sent_ids = {s.index: f"{doc.id}:{s.index}" for s in ext.sentences}
        conn.executemany(
            _replace_sql("sentences", ("id", "document_id", "idx", "start", "end", "lang", "text")),
            [(sent_ids[s.index], doc.id, s.index, s.start, s.end, s.lang, s.text) for s in ext.sentences],
        )
        ids: dict[tuple[str, str], str] = {}
        mention_rows: list[tuple] = []
        candidate_rows: list[tuple] = []
        for ent in ext.entities:
            link = linked.link_for(ent.type, ent.name)
            eid = entity_id(ent.type, ent.name, link.qid)
            if not link.qid:
                eid = _unlinked_entity_id(db, ent, eid, ext, doc.id)
            ids[(ent.type, ent.name)] = eid
            _upsert_entity(db, ent.type, eid, ent.name, link, ent)
            candidate_rows.extend(_candidate_rows(ent.type, eid, link))
            for m in ent.mentions:
                mention_rows.append((
                    f"{doc.id}:{m.start}:{m.end}:{ent.type}", doc.id, sent_ids.get(m.sentence),
                    ent.type, eid, m.text, ent.name, m.start, m.end, m.label, doc.published,
                ))
        # candidates are read by nothing in this transaction: one batch keeps their order
        if candidate_rows:
            conn.executemany(_CANDIDATE_UPSERT, candidate_rows)
        conn.executemany(_replace_sql("mentions", _MENTION_COLUMNS), mention_rows)
        _update_co_mentions(db, doc.id, old_persons, {row[4] for row in mention_rows if row[3] == "person"})
        new_tenures: set[str] = set()
        evidence_rows: list[tuple] = []
        sentences = {}
        for s in ext.sentences:
            sentences.setdefault(s.index, s)  # the first sentence of an index, as next() found it
        for i, ten in enumerate(ext.tenures):
            tid = _save_tenure(db, linked, ten, ids, sent_ids, i, evidence_rows, sentences)
            if tid:
                new_tenures.add(tid)
        # evidence is read only by refresh_aggregates: written in one batch just before it
        conn.executemany(_replace_sql("evidence", _EVIDENCE_COLUMNS), evidence_rows)
        posts = _apply_claim_changes(db, doc.id, old_claims, _document_claims(db, doc.id))
        change.written(db)
        refresh_aggregates(db, old_tenures | new_tenures, old_entities | set(ids.values()), change)
        refresh_conflicts(db, posts)


_DOCUMENT_COLUMNS = ("id", "content_hash", "source", "title", "url", "published", "lang", "n_chars",
                     "text", "meta", "pipeline", "built_at")
_MENTION_COLUMNS = ("id", "document_id", "sentence_id", "entity_type", "entity_id", "text", "name",
                    "start", "end", "label", "published")
_EVIDENCE_COLUMNS = (
    "id", "tenure_id", "document_id", "sentence_id", "sentence", "published", "person_start",
    "person_end", "role_text", "role_start", "role_end", "org_start", "org_end", "date_text",
    "date_start", "date_end", "claimed_start", "claimed_start_precision", "claimed_end",
    "claimed_end_precision", "claimed_status", "claimed_ordinal", "extractor", "confidence",
)
_TENURE_COLUMNS = ("id", "person_id", "position_id", "role", "organization_id", "start", "start_precision",
                   "end", "end_precision", "status", "ordinal")
_POSITION_COLUMNS = ("id", "label", "role", "organization_id", "qid", "wikipedia_title", "link_score",
                     "link_method")


def _cols(columns: Iterable[str]) -> str:
    return ", ".join(f"[{c}]" for c in columns)


@functools.lru_cache(maxsize=None)
def _replace_sql(table: str, columns: tuple[str, ...]) -> str:
    """INSERT OR REPLACE, as sqlite-utils' ``insert(..., replace=True)`` wrote it (a new rowid)."""
    marks = ", ".join("?" for _ in columns)
    return f"INSERT OR REPLACE INTO [{table}] ({_cols(columns)}) VALUES ({marks})"


@functools.lru_cache(maxsize=None)
def _upsert_sql(table: str, columns: tuple[str, ...], pk: tuple[str, ...], keep_longest: str = "") -> str:
    """INSERT ... ON CONFLICT DO UPDATE of exactly ``columns``, as sqlite-utils' ``upsert`` wrote
    it: columns not listed keep their stored value. ``keep_longest`` names a column that is only
    overwritten by a longer value (the display name: the longest name seen across documents),
    or by an equally long one that sorts first, so that the order documents arrive in never
    decides it ("Zaha Hadid" over "Zahā Ḥadīd" whichever document came first)."""
    marks = ", ".join("?" for _ in columns)
    sets = []
    for c in columns:
        if c in pk:
            continue
        if c == keep_longest:
            new, old = f"excluded.[{c}]", f"coalesce([{table}].[{c}], '')"
            sets.append(f"[{c}] = CASE WHEN length({new}) > length({old}) OR (length({new}) = length({old}) "
                        f"AND {new} < {old}) THEN {new} ELSE [{table}].[{c}] END")
        else:
            sets.append(f"[{c}] = excluded.[{c}]")
    return (f"INSERT INTO [{table}] ({_cols(columns)}) VALUES ({marks}) "
            f"ON CONFLICT({_cols(pk)}) DO UPDATE SET {', '.join(sets)}")


_CANDIDATE_UPSERT = _upsert_sql(
    "link_candidates", ("entity_type", "entity_id", "qid", "label", "score", "method", "features"),
    ("entity_type", "entity_id", "qid"),
)


def _unlinked_entity_id(db, ent, base: str, ext, doc_id: str) -> str:
    """Merge unlinked entities across documents by normalised name plus context.

    A one-word person name ("Smith") is too weak to merge on: it stays within its document.
    A full name merges with the stored entity of that name unless both sides state roles and
    they share neither a role nor an organisation: then they are two people who share a name,
    and the newcomer gets (or joins) a numbered variant of the id.
    """
    if ent.type != "person":
        return base
    if len(name_key(ent.name).split()) < 2:
        return f"{base}@{doc_id}"
    mine = {("role", t.role) for t in ext.tenures if t.person == ent.name}
    mine |= {("org", slug(t.org)) for t in ext.tenures if t.person == ent.name and t.org}
    candidate, n = base, 1
    while True:
        row = db.execute("SELECT 1 FROM persons WHERE id = ?", [candidate]).fetchone()
        if row is None:
            return candidate
        theirs = {("role", r[0]) for r in db.execute("SELECT DISTINCT role FROM tenures WHERE person_id = ?", [candidate])}
        theirs |= {
            ("org", (r[0] or "").split(":", 1)[-1])
            for r in db.execute(
                "SELECT DISTINCT organization_id FROM tenures WHERE person_id = ? AND organization_id IS NOT NULL", [candidate]
            )
        }
        if not mine or not theirs or mine & theirs:
            return candidate
        n += 1
        candidate = f"{base}~{n}"


def _upsert_entity(db, type: str, eid: str, name: str, link, ent) -> None:
    """Insert or update one entity in one statement; birth/death dates only when given."""
    table = "persons" if type == "person" else "organizations"
    columns = ["id", "name", "qid", "wikipedia_title", "wikipedia_url", "description", "link_score", "link_method"]
    values: list[Any] = [
        eid, name, link.qid, link.enwiki, wikipedia_url(link.enwiki), link.description,
        link.score if link.qid else None, link.method if link.qid else None,
    ]
    if type == "person" and ent.birth_date is not None:
        columns += ["birth_date", "birth_precision"]
        values += list(_date(ent.birth_date))
    if type == "person" and ent.death_date is not None:
        columns.append("death_date")
        values.append(ent.death_date.value)
    db.conn.execute(_upsert_sql(table, tuple(columns), ("id",), keep_longest="name"), values)


def wikipedia_url(title: Optional[str], lang: str = "en") -> Optional[str]:
    if not title:
        return None
    from urllib.parse import quote

    return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'), safe='_()')}"


def _candidate_rows(type: str, eid: str, link) -> list[tuple]:
    return [
        (type, eid, c.qid, c.label, c.score, c.method, json.dumps(c.features) if c.features else None)
        for c in link.candidates
    ]


def _store_candidates(db, type: str, eid: str, link) -> None:
    if link.candidates:
        db.conn.executemany(_CANDIDATE_UPSERT, _candidate_rows(type, eid, link))


def _span(span) -> tuple[Optional[int], Optional[int]]:
    return (span.start, span.end) if span else (None, None)


def _save_tenure(db, linked: LinkedExtraction, ten: Tenure, ids, sent_ids, i: int,
                 evidence_rows: Optional[list[tuple]] = None, sentences: Optional[dict] = None) -> Optional[str]:
    """Store one tenure claim's position and tenure; its evidence row goes to ``evidence_rows``
    (written by the caller in one batch) or, without that list, is inserted here."""
    ext = linked.extraction
    doc = ext.document
    conn = db.conn
    pid = ids.get(("person", ten.person))
    if pid is None:
        return None
    org_id = ids.get(("organization", ten.org)) if ten.org else None
    plink = linked.position_links.get((ten.role, ten.org))
    pos_qid = plink.qid if plink else None
    if org_id is None and not pos_qid:
        org_id = _only_org_for_role(db, pid, ten.role)  # "the prime minister" = the post he holds
    posid = position_id(ten.role, org_id, pos_qid)
    conn.execute(_upsert_sql("positions", _POSITION_COLUMNS, ("id",)), (
        posid,
        plink.label if plink and plink.label else position_label(ten.role, ten.org),
        ten.role,
        org_id,
        pos_qid,
        plink.enwiki if plink else None,
        plink.score if plink and plink.qid else None,
        plink.method if plink and plink.qid else None,
    ))
    start, start_p = _date(ten.start)
    end, end_p = _date(ten.end)
    tid = _compatible_tenure(db, pid, posid, start, end, ten.ordinal) or tenure_id(pid, posid, start, end)
    # DO NOTHING on the id only: a new tenure is inserted, a stored one left as it is
    conn.execute(
        f"INSERT INTO tenures ({_cols(_TENURE_COLUMNS)}) VALUES ({', '.join('?' for _ in _TENURE_COLUMNS)}) "
        "ON CONFLICT(id) DO NOTHING",
        (tid, pid, posid, ten.role, org_id, start, start_p, end, end_p, ten.status, ten.ordinal),
    )
    if sentences is None:
        sent = next((s for s in ext.sentences if s.index == ten.sentence), None)
    else:
        sent = sentences.get(ten.sentence)
    ps, pe = _span(ten.person_span)
    rs, re_ = _span(ten.role_span)
    os_, oe = _span(ten.org_span)
    ds, de = _span(ten.date_span)
    row = (
        f"{doc.id}:{i}", tid, doc.id, sent_ids.get(ten.sentence), sent.text if sent else None,
        doc.published, ps, pe, ten.role_text or None, rs, re_, os_, oe,
        ten.date_span.text if ten.date_span else None, ds, de, start, start_p, end, end_p,
        ten.status, ten.ordinal, ten.extractor, ten.confidence,
    )
    if evidence_rows is None:
        conn.execute(_replace_sql("evidence", _EVIDENCE_COLUMNS), row)
    else:
        evidence_rows.append(row)
    return tid


def _only_org_for_role(db, person_id: str, role: str) -> Optional[str]:
    """The organisation of the person's only post with this role, if exactly one exists."""
    rows = db.execute(
        "SELECT DISTINCT organization_id FROM tenures WHERE person_id = ? AND role = ? AND organization_id IS NOT NULL",
        [person_id, role],
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


dates_compatible = agrees  # the ISO-prefix rule lives in kb.prefixdate


def _compatible_tenure(db, person_id: str, position_id_: str, start, end, ordinal) -> Optional[str]:
    """An existing tenure of the same post that this claim can join, or None.

    A claim joins a tenure when none of its dates or ordinal contradicts the tenure's and, if
    both carry dates, they share at least one agreeing date: "from 2002" and "until 2024" stay
    two tenures (they may be two terms), "since October 2024" refines "since 2024", and an
    undated claim joins the most recent tenure of the post.
    """
    rows = db.execute(
        'SELECT id, start, "end", ordinal FROM tenures WHERE person_id = ? AND position_id = ? '
        "ORDER BY coalesce(start, '') DESC, id",
        [person_id, position_id_],
    ).fetchall()
    for tid, t_start, t_end, t_ordinal in rows:
        if not (dates_compatible(start, t_start) and dates_compatible(end, t_end)):
            continue
        if ordinal is not None and t_ordinal is not None and ordinal != t_ordinal:
            continue
        claim_dated = start is not None or end is not None
        tenure_dated = t_start is not None or t_end is not None
        shared = (start is not None and t_start is not None) or (end is not None and t_end is not None)
        if claim_dated and tenure_dated and not shared:
            continue
        return tid
    return None


def _reconcile(claims: list[tuple[Optional[str], Optional[str]]]) -> tuple[Optional[str], Optional[str], bool]:
    """The most precise date among compatible claims, its precision, and whether any conflict."""
    values = [c for c in claims if c[0]]
    if not values:
        return None, None, False
    # most precise, then most claimed, then the value itself: never the order claims were stored in
    counts = Counter(c[0] for c in values)
    best = max(values, key=lambda c: (len(c[0]), counts[c[0]], c[0]))
    conflict = any(not dates_compatible(best[0], v[0]) for v in values)
    return best[0], best[1], conflict


def refresh_aggregates(db: sqlite_utils.Database, tenure_ids: Iterable[str], entity_ids: Iterable[str],
                       change: Optional["DocumentChange"] = None) -> None:
    """Recompute the derived columns of the given tenures and entities; drop orphans.

    A tenure's dates are reconciled from its evidence (a more precise claim refines a coarser
    one; disagreeing claims set the ``date conflict`` flag and stay visible in ``evidence`` and
    the ``tenure_conflicts`` view). An end before the start is flagged ``inverted`` and the
    dates are not stored as truth on the tenure (the claims stay in ``evidence``). Its status
    is the claim of the newest evidence (by published date), as of that date: "status as of
    the newest article that speaks of it".

    With ``change`` (one document's write), counts move by that document's own rows instead of
    being recounted over everything an entity or tenure has: a document costs the same however
    famous the people it mentions.
    """
    tenure_ids = set(tenure_ids)
    positions = {
        r[0] for tid in tenure_ids for r in db.execute("SELECT position_id FROM tenures WHERE id = ?", [tid])
    }
    for tid in tenure_ids:
        _refresh_tenure(db, tid, change)
    for eid in set(entity_ids):
        for table in ("persons", "organizations"):
            counts = _entity_counts(db, table, eid, change)
            if counts is None:
                continue
            if counts[0]:
                db.execute(f"UPDATE [{table}] SET n_mentions = ?, n_documents = ? WHERE id = ?", [*counts, eid])
            else:
                used = db.execute(
                    "SELECT 1 FROM tenures WHERE person_id = ? OR organization_id = ? LIMIT 1", [eid, eid]
                ).fetchone()
                if used:
                    db.execute(f"UPDATE [{table}] SET n_mentions = 0, n_documents = 0 WHERE id = ?", [eid])
                else:
                    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [eid])
    for pos in positions:
        if not db.execute("SELECT 1 FROM tenures WHERE position_id = ? LIMIT 1", [pos]).fetchone():
            db.execute("DELETE FROM positions WHERE id = ?", [pos])


class DocumentChange:
    """One document's rows before and after its write: the deltas ``refresh_aggregates`` applies."""

    def __init__(self, db: sqlite_utils.Database, doc_id: str) -> None:
        self.doc_id = doc_id
        self.mentions_before = self._mentions(db)
        self.mentions_after: dict[str, int] = {}
        self.tenures_before = self._tenures(db)
        self.tenures_after: set[str] = set()

    def written(self, db: sqlite_utils.Database) -> None:
        """Record the document's rows after its write."""
        self.mentions_after = self._mentions(db)
        self.tenures_after = self._tenures(db)

    def _mentions(self, db) -> dict[str, int]:
        return dict(db.execute("SELECT entity_id, count(*) FROM mentions WHERE document_id = ? GROUP BY entity_id",
                               [self.doc_id]).fetchall())

    def _tenures(self, db) -> set[str]:
        return {r[0] for r in db.execute("SELECT DISTINCT tenure_id FROM evidence WHERE document_id = ?", [self.doc_id])}

    def document_delta(self, tid: str) -> int:
        return (tid in self.tenures_after) - (tid in self.tenures_before)


def _entity_counts(db, table: str, eid: str, change: Optional[DocumentChange]) -> Optional[tuple[int, int]]:
    """(n_mentions, n_documents) of an entity row after a write, or None without a row: moved by
    the document's own mentions when ``change`` is given, else counted."""
    if change is None:
        if not db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [eid]).fetchone():
            return None
        row = db.execute("SELECT count(*), count(DISTINCT document_id) FROM mentions WHERE entity_id = ?", [eid]).fetchone()
        return row[0], row[1]
    row = db.execute(f"SELECT n_mentions, n_documents FROM [{table}] WHERE id = ?", [eid]).fetchone()
    if row is None:
        return None
    before, after = change.mentions_before.get(eid, 0), change.mentions_after.get(eid, 0)
    return (row[0] or 0) - before + after, (row[1] or 0) - (before > 0) + (after > 0)


def _refresh_tenure(db: sqlite_utils.Database, tid: str, change: Optional[DocumentChange] = None) -> None:
    """Recompute one tenure's derived columns from its claim groups (``evidence_claims``), newest
    first: the same result as reading every evidence row in (published, document) order, for the
    cost of a few rows however much evidence the tenure has."""
    rows = db.execute(
        'SELECT start, start_precision, "end", end_precision, ordinal, status, n_evidence, newest '
        "FROM evidence_claims WHERE tenure_id = ? ORDER BY newest DESC", [tid]).fetchall()
    if not rows:
        db.execute("DELETE FROM tenures WHERE id = ?", [tid])
        return
    start, start_p, start_conflict = _reconcile([(r[0], r[1]) for r in rows])
    end, end_p, end_conflict = _reconcile([(r[2], r[3]) for r in rows])
    flags = []
    if start_conflict or end_conflict:
        flags.append("date conflict")
    if start and end and end[: len(start)] < start[: len(end)]:
        flags.append(f"inverted: end {end} before start {start}")
        start = start_p = end = end_p = None
    published = rows[0][7].split("\x01", 1)[0] or None
    # a dated end in the past of the newest article, or any "former" claim, ends the tenure
    status = rows[0][5]
    if status != "former" and end and published and end[:10] < published[: len(end)]:
        status = "former"
    ordinal = next((r[4] for r in rows if r[4] is not None), None)
    if change is None:
        n_documents = db.execute("SELECT count(DISTINCT document_id) FROM evidence WHERE tenure_id = ?",
                                 [tid]).fetchone()[0]
    else:
        n_documents = (db.execute("SELECT n_documents FROM tenures WHERE id = ?", [tid]).fetchone()[0] or 0) \
            + change.document_delta(tid)
    db.execute(
        'UPDATE tenures SET start = ?, start_precision = ?, "end" = ?, end_precision = ?, status = ?, '
        "status_as_of = ?, ordinal = ?, n_evidence = ?, n_documents = ?, flags = ? WHERE id = ?",
        [start, start_p, end, end_p, status, published, ordinal, sum(r[6] for r in rows), n_documents,
         "; ".join(flags) or None, tid],
    )


#: A document's evidence rows with their claim keys (evidence_claims, claim_documents), id,
#: newest-order key and post.
_DOCUMENT_CLAIMS = f"""
SELECT e.tenure_id, {_CLAIM_KEY_SQL}, {_CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal")},
       e.id, coalesce(e.published, '') || char(1) || e.document_id, t.person_id, t.position_id,
       e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
       e.claimed_ordinal, e.claimed_status
FROM evidence e JOIN tenures t ON t.id = e.tenure_id WHERE e.document_id = ?
"""
_CLAIM_RECOUNT = ("SELECT min(e.id), max(coalesce(e.published, '') || char(1) || e.document_id) FROM evidence e "
                  f"WHERE e.tenure_id = ? AND {_CLAIM_KEY_SQL} = ?")
_CLAIM_DOCUMENTS_RECOUNT = (
    "SELECT DISTINCT e.document_id FROM evidence e JOIN tenures t ON t.id = e.tenure_id "
    "WHERE t.person_id = ? AND t.position_id = ? AND "
    + _CONFLICT_KEY_SQL.format(start="e.claimed_start", end="e.claimed_end", ordinal="e.claimed_ordinal") + " = ?")


def _document_claims(db: sqlite_utils.Database, doc_id: str) -> list[tuple]:
    return db.execute(_DOCUMENT_CLAIMS, [doc_id]).fetchall()


def _apply_claim_changes(db: sqlite_utils.Database, doc_id: str, old: list[tuple], new: list[tuple]) -> set[tuple[str, str]]:
    """Update ``evidence_claims`` and ``claim_documents`` from one document's evidence rows
    before (``old``) and after (``new``) its write; return the (person, post) pairs touched.

    Only this document's rows changed, so each claim group moves by their count; the smallest
    evidence id and the newest row are read again from ``evidence`` only when this document
    held them and no longer does (a re-extraction or deletion, never an added document).
    """
    groups: dict[tuple[str, str], list] = {}
    documents: dict[tuple[str, str, str], list[bool]] = {}
    for side, rows in ((0, old), (1, new)):
        for r in rows:
            group = groups.setdefault((r[0], r[1]), [[], [], None, None, r])
            group[side].append(r[3])
            group[2 + side] = r[4]
            documents.setdefault((r[5], r[6], r[2]), [False, False])[side] = True
    posts: set[tuple[str, str]] = set()
    for (tid, claim), (old_ids, new_ids, old_key, new_key, r) in groups.items():
        if sorted(old_ids) == sorted(new_ids) and old_key == new_key:
            continue
        posts.add((r[5], r[6]))
        _update_claim_group(db, tid, claim, r, old_ids, new_ids, old_key, new_key)
    for (person, position, claim), (before, after) in documents.items():
        if before != after:
            posts.add((person, position))
            _update_claim_documents(db, person, position, claim, doc_id, after)
    return posts


def _update_claim_group(db, tid: str, claim: str, r: tuple, old_ids: list[str], new_ids: list[str],
                        old_key: Optional[str], new_key: Optional[str]) -> None:
    """One evidence_claims row after a document's rows in it went from ``old_ids`` to ``new_ids``."""
    stored = db.execute("SELECT n_evidence, evidence_id, newest FROM evidence_claims WHERE tenure_id = ? AND claim = ?",
                        [tid, claim]).fetchone()
    n = (stored[0] if stored else 0) - len(old_ids) + len(new_ids)
    if n <= 0:
        db.execute("DELETE FROM evidence_claims WHERE tenure_id = ? AND claim = ?", [tid, claim])
        return
    if n == len(new_ids):  # only this document's rows
        min_id, newest = min(new_ids), new_key
    elif stored is None:
        min_id, newest = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()
    else:
        min_id, newest = stored[1], stored[2]
        if min_id in old_ids and min_id not in new_ids:
            min_id = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()[0]
        elif new_ids:
            min_id = min([min_id, *new_ids])
        if newest == old_key and not (new_ids and new_key >= old_key):
            newest = db.execute(_CLAIM_RECOUNT, [tid, claim]).fetchone()[1]
        elif new_ids:
            newest = max(newest, new_key)
    db.execute(
        f"INSERT OR REPLACE INTO evidence_claims ({_cols(EVIDENCE_CLAIMS_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in EVIDENCE_CLAIMS_COLUMNS)})",
        [tid, claim, r[5], r[6], *r[7:13], n, min_id, newest])


def _update_claim_documents(db, person: str, position: str, claim: str, doc_id: str, present: bool) -> None:
    """Add ``doc_id`` to (or drop it from) the sorted documents list of a (person, post) claim."""
    key = [person, position, claim]
    row = db.execute("SELECT documents FROM claim_documents WHERE person_id = ? AND position_id = ? AND claim = ?",
                     key).fetchone()
    if "," in doc_id:
        ids = sorted(r[0] for r in db.execute(_CLAIM_DOCUMENTS_RECOUNT, key))  # ids with commas: read them
    else:
        ids = row[0].split(",") if row else []
        at = bisect.bisect_left(ids, doc_id)
        present_now = at < len(ids) and ids[at] == doc_id
        if present and not present_now:
            ids.insert(at, doc_id)
        elif not present and present_now:
            del ids[at]
    if ids:
        db.execute("INSERT OR REPLACE INTO claim_documents (person_id, position_id, claim, documents) VALUES (?, ?, ?, ?)",
                   [*key, ",".join(ids)])
    else:
        db.execute("DELETE FROM claim_documents WHERE person_id = ? AND position_id = ? AND claim = ?", key)


_CONFLICT_PAIRS_INSERT = (
    f"INSERT INTO tenure_conflict_pairs ({_cols(CONFLICT_PAIRS_COLUMNS)}) "
    + STORED_CONFLICT_PAIRS_SELECT.format(scope="t.person_id = :person AND t.position_id = :position")
)


def refresh_conflicts(db: sqlite_utils.Database, posts: Iterable[tuple[str, str]]) -> None:
    """Recompute ``tenure_conflict_pairs`` for these (person_id, position_id) posts.

    Conflicts only arise between claims of the same person and post, so a document can change
    only the conflicts of the posts its evidence touches (before or after it was replaced); the
    pairs are computed from the post's claim groups (kept by ``_apply_claim_changes``).
    """
    for person, position in posts:
        params = {"person": person, "position": position}
        db.execute("DELETE FROM tenure_conflict_pairs WHERE person_id = :person AND position_id = :position", params)
        db.execute(_CONFLICT_PAIRS_INSERT, params)


def iter_rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    cols = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(cols, row))


# --------------------------------------------------------------------------------------------
# Bulk writes (synthetic benchmark databases, fresh imports)
# --------------------------------------------------------------------------------------------


def bulk_insert(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]], chunk: int = 5000) -> int:
    """Append rows to a kb table with executemany, no per-row introspection; return the count.

    For building large databases fast (scripts/bench_queries.py): no per-document replacement,
    no consolidation, so only for rows that are new. Unknown columns are an error, not dropped.
    """
    columns = [c.name for c in db[table].columns]
    known = set(columns)
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        extra = set().union(*batch) - known
        if extra:
            raise DatabaseError(f"{table} has no column(s) {sorted(extra)}: use the schema's column names")
        cols = [c for c in columns if any(c in r for r in batch)]
        sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' for _ in cols)})"
        db.conn.executemany(sql, ([r.get(c) for c in cols] for r in batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= chunk:
            flush()
    flush()
    return count


def refresh_all_aggregates(db: sqlite_utils.Database) -> None:
    """Set-based version of ``refresh_aggregates`` for every tenure and entity (after bulk_insert).

    Same rules: a tenure's status is the claim of its newest evidence (published, then
    document), as of that evidence's published date.
    """
    with db.conn:
        db.execute(
            """
            UPDATE tenures SET
              n_evidence = (SELECT count(*) FROM evidence e WHERE e.tenure_id = tenures.id),
              n_documents = (SELECT count(DISTINCT document_id) FROM evidence e WHERE e.tenure_id = tenures.id),
              status = coalesce((SELECT claimed_status FROM evidence e WHERE e.tenure_id = tenures.id
                        ORDER BY coalesce(published, '') DESC, document_id DESC LIMIT 1), status),
              status_as_of = (SELECT published FROM evidence e WHERE e.tenure_id = tenures.id
                        ORDER BY coalesce(published, '') DESC, document_id DESC LIMIT 1)
            """
        )
        db.execute("DELETE FROM co_mentions")
        db.execute(f"INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id) {CO_MENTIONS_SELECT}")
        db.execute("DELETE FROM evidence_claims")
        db.execute(f"INSERT INTO evidence_claims ({_cols(EVIDENCE_CLAIMS_COLUMNS)}) {EVIDENCE_CLAIMS_SELECT}")
        db.execute("DELETE FROM claim_documents")
        db.execute(f"INSERT INTO claim_documents (person_id, position_id, claim, documents) {CLAIM_DOCUMENTS_SELECT}")
        db.execute("DELETE FROM tenure_conflict_pairs")
        db.execute(f"INSERT INTO tenure_conflict_pairs ({_cols(CONFLICT_PAIRS_COLUMNS)}) "
                   + STORED_CONFLICT_PAIRS_SELECT.format(scope="1"))
        for table in ("persons", "organizations"):
            db.execute(
                f"""
                UPDATE [{table}] SET
                  n_mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = [{table}].id),
                  n_documents = (SELECT count(DISTINCT document_id) FROM mentions m WHERE m.entity_id = [{table}].id)
                """
            )
