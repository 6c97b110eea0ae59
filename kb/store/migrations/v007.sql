
-- v7: reference_comparisons answers "what does the news say that the reference lacks?". One row
-- per tenure of a linked person, compared with its linked position item or, without one, with the
-- person's P39 positions that name the same role and organisation; consecutive reference terms of
-- one position are merged first. Computed in Python (kb.store.comparisons) per person after every
-- document write and in full after a reference import, so the v4 triggers go.
DROP TRIGGER IF EXISTS reference_comparisons_tenure_insert;
DROP TRIGGER IF EXISTS reference_comparisons_tenure_update;
DROP TRIGGER IF EXISTS reference_comparisons_person_insert;
DROP TRIGGER IF EXISTS reference_comparisons_person_update;
DROP TRIGGER IF EXISTS reference_comparisons_position_insert;
DROP TRIGGER IF EXISTS reference_comparisons_position_update;
DROP TRIGGER IF EXISTS reference_comparisons_claim_insert;
DROP TRIGGER IF EXISTS reference_comparisons_claim_delete;
DROP TRIGGER IF EXISTS reference_comparisons_claim_update;
DROP TRIGGER IF EXISTS reference_comparisons_tenure_delete;
DROP TRIGGER IF EXISTS reference_comparisons_person_delete;
DROP TRIGGER IF EXISTS reference_comparisons_position_delete;
DROP VIEW IF EXISTS news_vs_reference;
DROP TABLE IF EXISTS reference_comparisons;
DROP INDEX IF EXISTS idx_p39_claims;
CREATE TABLE reference_comparisons (
    tenure_id TEXT PRIMARY KEY REFERENCES tenures(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    person TEXT NOT NULL,
    category TEXT NOT NULL,
    reason TEXT,
    news_start TEXT,
    news_end TEXT,
    ref_position_qid TEXT,
    ref_start TEXT,
    ref_end TEXT,
    ref_terms INTEGER,
    matched_by TEXT
);
CREATE INDEX IF NOT EXISTS idx_comparisons_page
    ON reference_comparisons(category, person, news_start, tenure_id);
CREATE INDEX IF NOT EXISTS idx_comparisons_person
    ON reference_comparisons(person_id, category, person, news_start, tenure_id);
CREATE VIEW news_vs_reference AS
SELECT r.category, r.reason, r.tenure_id, r.person_id, r.person, p.qid AS person_qid,
       t.position_id, pos.label AS position, pos.qid AS position_qid, r.matched_by,
       r.ref_position_qid, re.label AS ref_position, r.news_start, r.news_end,
       t.status AS news_status, t.status_as_of, r.ref_start, r.ref_end, r.ref_terms, t.n_evidence,
       e.id AS evidence_id, e.document_id, e.sentence
FROM reference_comparisons r
JOIN tenures t ON t.id = r.tenure_id
JOIN persons p ON p.id = r.person_id
JOIN positions pos ON pos.id = t.position_id
LEFT JOIN ref_entities re ON re.qid = r.ref_position_qid
LEFT JOIN evidence e ON e.id = (SELECT e2.id FROM evidence e2 WHERE e2.tenure_id = r.tenure_id
                                ORDER BY e2.confidence DESC, e2.id LIMIT 1);
