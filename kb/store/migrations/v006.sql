
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
INSERT INTO evidence_claims ("tenure_id", "claim", "person_id", "position_id", "start", "start_precision", "end", "end_precision", "ordinal", "status", "n_evidence", "evidence_id", "newest") 
SELECT e.tenure_id, json_array(e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision, e.claimed_ordinal, e.claimed_status), t.person_id, t.position_id,
       e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
       e.claimed_ordinal, e.claimed_status,
       count(*), min(e.id), max(coalesce(e.published, '') || char(1) || e.document_id)
FROM evidence e JOIN tenures t ON t.id = e.tenure_id
GROUP BY e.tenure_id, e.claimed_start, e.claimed_start_precision, e.claimed_end, e.claimed_end_precision,
         e.claimed_ordinal, e.claimed_status
;
DELETE FROM claim_documents;
INSERT INTO claim_documents (person_id, position_id, claim, documents) 
SELECT person_id, position_id, claim, documents FROM (
  SELECT person_id, position_id, claim,
         group_concat(document_id) OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS documents,
         row_number() OVER (PARTITION BY person_id, position_id, claim ORDER BY document_id) AS n
  FROM (SELECT DISTINCT t.person_id, t.position_id, json_array(e.claimed_start, e.claimed_end, e.claimed_ordinal) AS claim, e.document_id
        FROM evidence e JOIN tenures t ON t.id = e.tenure_id)
) WHERE n = 1
;
DELETE FROM tenure_conflict_pairs;
INSERT INTO tenure_conflict_pairs (person_id, position_id, conflict, a_start, a_end, a_evidence_id, a_documents, a_n_evidence, b_start, b_end, b_evidence_id, b_documents, b_n_evidence)

WITH claims AS MATERIALIZED (
    SELECT t.person_id, t.position_id, t.start, t."end", t.ordinal, min(t.evidence_id) AS evidence_id,
           sum(t.n_evidence) AS n_evidence,
           (SELECT d.documents FROM claim_documents d WHERE d.person_id = t.person_id
              AND d.position_id = t.position_id AND d.claim = json_array(t.start, t."end", t.ordinal)) AS documents
    FROM evidence_claims t
    WHERE 1
    GROUP BY t.person_id, t.position_id, t.start, t."end", t.ordinal
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
;
