
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
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)

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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (1)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_tenure_insert AFTER INSERT ON tenures BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT NEW.id);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_tenure_update AFTER UPDATE OF start, "end", status, status_as_of, person_id, position_id ON tenures WHEN OLD.start IS NOT NEW.start OR OLD."end" IS NOT NEW."end" OR OLD.status IS NOT NEW.status OR OLD.status_as_of IS NOT NEW.status_as_of OR OLD.person_id IS NOT NEW.person_id OR OLD.position_id IS NOT NEW.position_id BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT OLD.id);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_person_insert AFTER INSERT ON persons BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT id FROM tenures WHERE person_id = NEW.id);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.person_id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_person_update AFTER UPDATE OF name, qid ON persons WHEN OLD.name IS NOT NEW.name OR OLD.qid IS NOT NEW.qid BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT id FROM tenures WHERE person_id IN (OLD.id, NEW.id));
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.person_id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_position_insert AFTER INSERT ON positions BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT id FROM tenures WHERE position_id = NEW.id);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.position_id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_position_update AFTER UPDATE OF qid ON positions WHEN OLD.qid IS NOT NEW.qid BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT id FROM tenures WHERE position_id IN (OLD.id, NEW.id));
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (t.position_id = NEW.id)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_claim_insert AFTER INSERT ON ref_claims WHEN NEW.property = 'P39' BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT t.id FROM persons p JOIN tenures t ON t.person_id = p.id JOIN positions pos ON pos.id = t.position_id WHERE p.qid = NEW.qid AND pos.qid = NEW.value);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (p.qid = NEW.qid AND pos.qid = NEW.value)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_claim_delete AFTER DELETE ON ref_claims WHEN OLD.property = 'P39' BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT t.id FROM persons p JOIN tenures t ON t.person_id = p.id JOIN positions pos ON pos.id = t.position_id WHERE p.qid = OLD.qid AND pos.qid = OLD.value);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (p.qid = OLD.qid AND pos.qid = OLD.value)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_claim_update AFTER UPDATE ON ref_claims WHEN OLD.property = 'P39' OR NEW.property = 'P39' BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT t.id FROM persons p JOIN tenures t ON t.person_id = p.id JOIN positions pos ON pos.id = t.position_id WHERE p.qid = OLD.qid AND pos.qid = OLD.value);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (p.qid = OLD.qid AND pos.qid = OLD.value)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT t.id FROM persons p JOIN tenures t ON t.person_id = p.id JOIN positions pos ON pos.id = t.position_id WHERE p.qid = NEW.qid AND pos.qid = NEW.value);
INSERT INTO reference_comparisons (tenure_id, person_id, person, category, problem, news_start, ref_start, ref_end)
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
    WHERE p.qid IS NOT NULL AND pos.qid IS NOT NULL AND (p.qid = NEW.qid AND pos.qid = NEW.value)
  ) x
) y
WHERE NOT y.has_ref OR y.problem IS NULL OR NOT y.confirmed_any
;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_tenure_delete AFTER DELETE ON tenures BEGIN
DELETE FROM reference_comparisons WHERE tenure_id = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_person_delete AFTER DELETE ON persons BEGIN
DELETE FROM reference_comparisons WHERE person_id = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS reference_comparisons_position_delete AFTER DELETE ON positions BEGIN
DELETE FROM reference_comparisons WHERE tenure_id IN (SELECT id FROM tenures WHERE position_id = OLD.id);
END;

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
