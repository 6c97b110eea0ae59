
CREATE TABLE IF NOT EXISTS co_mentions (
    person_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    n_documents INTEGER NOT NULL,
    example_document_id TEXT,
    PRIMARY KEY (person_id, other_id)
) WITHOUT ROWID;
DELETE FROM co_mentions;
INSERT INTO co_mentions (person_id, other_id, n_documents, example_document_id)

SELECT a.entity_id, b.entity_id, count(DISTINCT a.document_id), max(a.document_id)
FROM mentions a
JOIN mentions b ON b.document_id = a.document_id AND b.entity_type = 'person' AND b.entity_id <> a.entity_id
WHERE a.entity_type = 'person'
GROUP BY a.entity_id, b.entity_id
;
CREATE INDEX IF NOT EXISTS idx_co_mentions_rank ON co_mentions(person_id, n_documents DESC, other_id);
