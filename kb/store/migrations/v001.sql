
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
