
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
INSERT INTO tenure_conflict_pairs (person_id, position_id, conflict, a_start, a_end, a_evidence_id, a_documents, a_n_evidence, b_start, b_end, b_evidence_id, b_documents, b_n_evidence)

WITH claims AS MATERIALIZED (
    SELECT t.person_id, t.position_id, e.claimed_start AS start, e.claimed_end AS "end",
           e.claimed_ordinal AS ordinal, min(e.id) AS evidence_id, count(*) AS n_evidence,
           group_concat(DISTINCT e.document_id) AS documents
    FROM tenures t JOIN evidence e ON e.tenure_id = t.id
    WHERE 1
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
;

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
