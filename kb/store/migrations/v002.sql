
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
