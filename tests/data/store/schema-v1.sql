-- A GeoDigest database as version 1 of the schema left it: core tables only,
-- no full-text indexes, no delivery bookkeeping, events without day bounds.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL, url TEXT,
    title TEXT NOT NULL, source TEXT, published TEXT, text TEXT NOT NULL, origin TEXT, ingested_at TEXT NOT NULL
);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
    role TEXT, affiliation TEXT, country TEXT, mentions TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT, speaker_role TEXT, text TEXT NOT NULL, kind TEXT NOT NULL, cue TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, speaker_start INTEGER, speaker_end INTEGER,
    paragraph INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date TEXT NOT NULL, date_end TEXT, status TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, entities TEXT NOT NULL DEFAULT '[]',
    paragraph INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, value REAL, unit TEXT, measures TEXT, approximate INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE times (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, type TEXT NOT NULL,
    value TEXT NOT NULL, mod TEXT
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '1');

INSERT INTO articles VALUES (
    1, 'url:https://old-wire.example/desalination', 'not-a-real-hash', 'https://old-wire.example/desalination',
    'Gulf states open joint desalination plant', 'Old Wire', '2025-11-20',
    'Gulf states open joint desalination plant
The plant will "secure water for a generation", said engineer Omar Haddad.
A second phase is due in 2027.',
    'legacy-import', '2025-11-20T09:00:00+00:00'
);
INSERT INTO quotes (article_id, speaker, text, kind, start, "end", paragraph)
    VALUES (1, 'Omar Haddad', 'secure water for a generation', 'direct', 58, 87, 1);
INSERT INTO events (article_id, date, status, text, start, "end", paragraph)
    VALUES (1, '2027', 'planned', 'A second phase is due in 2027.', 117, 147, 2);
INSERT INTO events (article_id, date, date_end, status, text, start, "end", paragraph)
    VALUES (1, '2025-11', '2025-12', 'occurred', 'The plant opened.', 0, 10, 0);
