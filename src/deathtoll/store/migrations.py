"""Named, ordered schema migrations for the SQLite backend.

Each migration is a ``(name, sql)`` pair. Opening a store applies, in order,
every migration whose name is not yet in the ``migrations`` table, each in its
own transaction together with its record. Never edit a migration that has been
released: add a new one (``0002_…``) after it.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "MIGRATIONS_TABLE"]

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    name        TEXT PRIMARY KEY,
    applied_at  TEXT NOT NULL
)
"""

_PLACE = """
    place_name         TEXT,
    place_geonames_id  INTEGER,
    place_lat          REAL,
    place_lon          REAL,
    place_admin1       TEXT,
    place_country      TEXT,
    place_precision    TEXT NOT NULL DEFAULT 'unknown',
"""

_DATE = """
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT NOT NULL DEFAULT 'unknown',
    date_text       TEXT,
"""

_INITIAL = f"""
CREATE TABLE runs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    started   TEXT NOT NULL,
    finished  TEXT,
    options   TEXT NOT NULL DEFAULT '{{}}',
    summary   TEXT
);

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL,
    title         TEXT,
    published     TEXT,
    source        TEXT,
    url           TEXT,
    author        TEXT,
    language      TEXT NOT NULL DEFAULT 'en',
    origin        TEXT,
    text          TEXT NOT NULL,
    copy_of       TEXT,
    totals        TEXT,
    run_id        INTEGER REFERENCES runs(id) ON DELETE SET NULL
);
CREATE INDEX articles_copy_of ON articles(copy_of);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_run ON articles(run_id);

CREATE TABLE reports (
    id               TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    outcome          TEXT NOT NULL,
    count_low        INTEGER,
    count_best       INTEGER,
    count_high       INTEGER,
    count_text       TEXT,
    victim_group     TEXT NOT NULL DEFAULT 'unknown',
    victim_detail    TEXT,
    scope            TEXT NOT NULL DEFAULT 'incident',
    certainty        TEXT NOT NULL DEFAULT 'reported',
    cause            TEXT,
    perpetrator      TEXT,
    perpetrator_text TEXT,
    attribution      TEXT,
{_PLACE}{_DATE}
    sentence         TEXT NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    rules            TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX reports_article ON reports(article_id, seq);
CREATE INDEX reports_outcome_group ON reports(outcome, victim_group);

CREATE TABLE incidents (
    id               TEXT PRIMARY KEY,
    article_id       TEXT REFERENCES articles(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL DEFAULT 0,
{_PLACE}{_DATE}
    cause            TEXT,
    perpetrator      TEXT,
    perpetrator_text TEXT,
    victims          TEXT NOT NULL DEFAULT '[]',
    sources          INTEGER NOT NULL DEFAULT 1,
    status           TEXT NOT NULL DEFAULT 'single-source',
    origin           TEXT NOT NULL DEFAULT 'article'
                     CHECK (origin IN ('article', 'linked', 'manual'))
);
CREATE INDEX incidents_article ON incidents(article_id, seq);
CREATE INDEX incidents_date ON incidents(date_start, date_end);
CREATE INDEX incidents_place ON incidents(place_name COLLATE NOCASE);
CREATE INDEX incidents_country ON incidents(place_country);

CREATE TABLE incident_victims (
    incident_id   TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    victim_group  TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    low           INTEGER,
    best          INTEGER,
    high          INTEGER
);
CREATE INDEX incident_victims_incident ON incident_victims(incident_id);
CREATE INDEX incident_victims_filter ON incident_victims(victim_group, outcome);
CREATE INDEX incident_victims_outcome ON incident_victims(outcome);

CREATE TABLE report_incident (
    report_id    TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    incident_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, incident_id)
);
CREATE INDEX report_incident_incident ON report_incident(incident_id);

CREATE TABLE checks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  TEXT REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    message     TEXT NOT NULL DEFAULT '',
    reports     TEXT NOT NULL DEFAULT '[]',
    stated      TEXT,
    itemised    TEXT
);
CREATE INDEX checks_article ON checks(article_id);
CREATE INDEX checks_kind_status ON checks(kind, status);
"""

_LINKING = """
CREATE TABLE incident_members (
    linked_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    member_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id)
);
CREATE INDEX incident_members_linked ON incident_members(linked_id);

CREATE TABLE manual_decisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    incident_ids  TEXT NOT NULL DEFAULT '[]',
    report_ids    TEXT NOT NULL DEFAULT '[]',
    created       TEXT NOT NULL
);
CREATE INDEX incidents_origin ON incidents(origin);
"""

#: Every migration, in the order it must be applied.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", _INITIAL),
    ("0002_linking", _LINKING),
)
