/*
 * lib/store/sqlite.c — the SQLite backend of the event store, the embedded
 * default: one file in WAL mode, FTS5 over article text and over the
 * evidence of mentions, an R*Tree over event locations, versioned
 * migrations applied in one transaction on open, and every statement
 * prepared once with bound parameters (no SQL is built from data). The
 * schema and the merge rule are described in docs/storage.md and
 * docs/merging.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "store/internal.h"

/* ---- schema: one entry per version, applied in order ---- */

static const char *const migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, first_seen TEXT NOT NULL);"
    "CREATE TABLE feeds(id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, source_id INTEGER REFERENCES sources(id));"
    "CREATE TABLE articles(id INTEGER PRIMARY KEY, ext_id TEXT, identity TEXT NOT NULL, content_hash TEXT NOT NULL,"
    " url TEXT, canonical_url TEXT, source_id INTEGER NOT NULL REFERENCES sources(id), title TEXT, lang TEXT,"
    " published TEXT, added TEXT NOT NULL, text TEXT NOT NULL, UNIQUE(identity, content_hash));"
    "CREATE INDEX articles_hash ON articles(content_hash);"
    "CREATE INDEX articles_ext ON articles(ext_id);"
    "CREATE INDEX articles_added ON articles(added);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');"
    "CREATE TABLE reports(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),"
    " url TEXT NOT NULL, source_id INTEGER NOT NULL REFERENCES sources(id), feed_id INTEGER REFERENCES feeds(id),"
    " seen TEXT NOT NULL, UNIQUE(article_id, url, source_id));"
    "CREATE TABLE sentences(article_id INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,"
    " off INTEGER NOT NULL, len INTEGER NOT NULL, PRIMARY KEY(article_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE actors(code TEXT PRIMARY KEY, country TEXT, role TEXT, type TEXT, name TEXT);"
    "CREATE TABLE places(id INTEGER PRIMARY KEY, feature_id TEXT NOT NULL UNIQUE, name TEXT, country TEXT,"
    " adm1 TEXT, lat REAL, lon REAL, precision TEXT);"
    "CREATE TABLE dict_versions(id INTEGER PRIMARY KEY, version TEXT NOT NULL UNIQUE, first_used TEXT NOT NULL);"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, merge_key TEXT NOT NULL, date TEXT NOT NULL,"
    " date_end TEXT NOT NULL, date_precision TEXT NOT NULL, source_code TEXT, source_country TEXT,"
    " source_role TEXT, target_code TEXT, target_country TEXT, target_role TEXT, code TEXT NOT NULL,"
    " base_code TEXT NOT NULL, root_code TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,"
    " plover_type TEXT, plover_mode TEXT, modality TEXT NOT NULL, historical INTEGER NOT NULL,"
    " place_id INTEGER REFERENCES places(id), geo_rank INTEGER NOT NULL DEFAULT -1,"
    " num_mentions INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,"
    " num_articles INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT,"
    " retracted INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX events_key ON events(merge_key);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_dyad ON events(source_code, target_code, date);"
    "CREATE INDEX events_root ON events(root_code, date);"
    "CREATE INDEX events_place ON events(place_id);"
    "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);"
    "CREATE TABLE event_mentions(id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id),"
    " article_id INTEGER NOT NULL REFERENCES articles(id), mkey TEXT NOT NULL, sentence INTEGER NOT NULL,"
    " off INTEGER NOT NULL, len INTEGER NOT NULL, source_text TEXT, target_text TEXT, source_off INTEGER,"
    " target_off INTEGER, cue_off INTEGER, cue TEXT, modality TEXT NOT NULL, attribution TEXT,"
    " confidence REAL NOT NULL, rules TEXT, evidence TEXT NOT NULL,"
    " dict_version_id INTEGER REFERENCES dict_versions(id), gen INTEGER NOT NULL, seen TEXT NOT NULL,"
    " source_id INTEGER NOT NULL REFERENCES sources(id),"
    " added TEXT NOT NULL, retracted INTEGER NOT NULL DEFAULT 0, UNIQUE(article_id, mkey));"
    "CREATE INDEX mentions_event ON event_mentions(event_id, retracted, article_id, source_id, seen);"
    "CREATE VIRTUAL TABLE evidence_fts USING fts5(evidence, content='event_mentions', content_rowid='id');"
    "CREATE TABLE event_changes(id INTEGER PRIMARY KEY, event_id INTEGER, mention_id INTEGER,"
    " change TEXT NOT NULL, dict_version_id INTEGER REFERENCES dict_versions(id), at TEXT NOT NULL);"
    "CREATE TABLE situations(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    " definition TEXT NOT NULL, created TEXT NOT NULL);"
    "INSERT INTO meta(key, value) VALUES('application', 'sentinel');",
    /* 2: the event's country (de jure, of its place) on the event, for "a root code in a country" */
    "ALTER TABLE events ADD COLUMN country TEXT;"
    "UPDATE events SET country = (SELECT country FROM places WHERE places.id = events.place_id);"
    "CREATE INDEX events_root_country ON events(root_code, country, date);",
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof *migrations))

/* ---- statements ---- */

enum {
    S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVE, S_RELEASE, S_ROLLTO,
    S_SOURCE_GET, S_SOURCE_ADD, S_FEED_GET, S_FEED_ADD,
    S_ART_FIND, S_ART_BY_HASH, S_ART_BY_EXT, S_ART_ADD, S_ART_FTS, S_ART_META,
    S_REPORT_ADD, S_SENT_ADD, S_ACTOR_ADD, S_PLACE_GET, S_PLACE_ADD,
    S_DICT_GET, S_DICT_ADD,
    S_EV_CAND, S_EV_ADD, S_EV_SETPLACE, S_RTREE_SET, S_EV_RECOUNT, S_EV_STATE, S_EV_RETRACT,
    S_MEN_GET, S_MEN_ADD, S_MEN_FTS, S_MEN_TOUCH, S_MEN_STALE, S_MEN_RETRACT, S_CHANGE_ADD, S_GEN_MAX,
    S_ARTS, S_ART1, S_EVENTS, S_EVENTS_ACTOR, S_EVENTS_DYAD, S_EVENTS_BOX, S_EVENTS_ROOT, S_EVENTS_ROOT_COUNTRY, S_EVENTS_DATE,
    S_MENTIONS_OF, S_STATS,
    S__COUNT
};

#define EV_COLS                                                                                                   \
    "SELECT e.id, e.date, e.date_end, e.date_precision, e.source_code, e.source_country, e.source_role,"          \
    " (SELECT name FROM actors WHERE code = e.source_code), e.target_code, e.target_country, e.target_role,"      \
    " (SELECT name FROM actors WHERE code = e.target_code), e.code, e.base_code, e.root_code, e.quad_class,"      \
    " e.goldstein, e.plover_type, e.plover_mode, e.modality, e.historical, e.retracted, p.name, p.country,"       \
    " p.adm1, p.feature_id, p.precision, p.lat, p.lon, e.num_mentions, e.num_sources, e.num_articles,"            \
    " e.first_seen, e.last_seen,"                                                                                 \
    " (SELECT m.evidence FROM event_mentions m WHERE m.event_id = e.id ORDER BY m.retracted, m.id LIMIT 1),"      \
    " (SELECT a.url FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id"         \
    "  ORDER BY m.retracted, m.id LIMIT 1)"                                                                       \
    " FROM events e LEFT JOIN places p ON p.id = e.place_id "

/* The filters of sn_event_filter, each optional: ?1 actor (code prefix
 * range ?17..?18, or a name), ?2 code prefix, ?3 PLOVER, ?4 QuadClass,
 * ?5 modality, ?6 country, ?7-?10 box, ?11-?12 dates, ?13 min sources,
 * ?14 full text, ?15 retracted too, ?16 limit, ?19-?22 source and target
 * prefix ranges, ?23 root, ?24-?25 the date bounds an index can use. The
 * S_EVENTS_* variants put one indexable condition first (the actor or
 * dyad index, the R*Tree, the root or the date index) so that the planner
 * starts there; the rest is the same for all. */
#define EV_WHERE                                                                                                  \
    "(?1 IS NULL OR (?17 IS NOT NULL AND (e.source_code >= ?17 AND e.source_code < ?18"                           \
    "  OR e.target_code >= ?17 AND e.target_code < ?18))"                                                         \
    "  OR (?17 IS NULL AND EXISTS(SELECT 1 FROM event_mentions m WHERE m.event_id = e.id"                         \
    "   AND (m.source_text LIKE '%' || ?1 || '%' OR m.target_text LIKE '%' || ?1 || '%'))))"                      \
    " AND (?19 IS NULL OR (e.source_code >= ?19 AND e.source_code < ?20))"                                        \
    " AND (?21 IS NULL OR (e.target_code >= ?21 AND e.target_code < ?22))"                                        \
    " AND (?2 IS NULL OR substr(e.code, 1, length(?2)) = ?2)"                                                     \
    " AND (?3 IS NULL OR e.plover_type = ?3)"                                                                     \
    " AND (?4 = 0 OR e.quad_class = ?4)"                                                                          \
    " AND (?5 IS NULL OR e.modality = ?5)"                                                                        \
    " AND (?6 IS NULL OR p.country = ?6)"                                                                         \
    " AND (?7 IS NULL OR e.id IN (SELECT id FROM events_rtree WHERE min_lon >= ?7 AND max_lon <= ?9"              \
    "  AND min_lat >= ?8 AND max_lat <= ?10))"                                                                    \
    " AND (?11 IS NULL OR e.date_end >= ?11) AND (?12 IS NULL OR e.date <= ?12)"                                  \
    " AND e.num_sources >= ?13"                                                                                   \
    " AND (?14 IS NULL OR e.id IN (SELECT m.event_id FROM evidence_fts JOIN event_mentions m"                     \
    "  ON m.id = evidence_fts.rowid WHERE evidence_fts MATCH ?14 AND m.retracted = 0))"                           \
    " AND (?15 OR e.retracted = 0)"                                                                               \
    " ORDER BY e.date, e.id LIMIT ?16"

#define ART_COLS                                                                                                  \
    "SELECT a.id, a.url, a.canonical_url, s.name, a.title, a.lang, a.published, a.added,"                        \
    " CASE WHEN ?3 THEN a.text END,"                                                                              \
    " (SELECT count(*) FROM reports r WHERE r.article_id = a.id),"                                                \
    " (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.id AND m.retracted = 0)"                      \
    " FROM articles a JOIN sources s ON s.id = a.source_id "

static const char *const sql[S__COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_SAVE] = "SAVEPOINT article",
    [S_RELEASE] = "RELEASE article",
    [S_ROLLTO] = "ROLLBACK TO article",
    [S_SOURCE_GET] = "SELECT id FROM sources WHERE name = ?1",
    [S_SOURCE_ADD] = "INSERT INTO sources(name, first_seen) VALUES(?1, ?2)",
    [S_FEED_GET] = "SELECT id FROM feeds WHERE url = ?1",
    [S_FEED_ADD] = "INSERT INTO feeds(url, source_id) VALUES(?1, ?2)",
    [S_ART_FIND] = "SELECT id FROM articles WHERE identity = ?1 AND content_hash = ?2",
    [S_ART_BY_HASH] = "SELECT id FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1",
    [S_ART_BY_EXT] = "SELECT id FROM articles WHERE ext_id = ?1 ORDER BY id LIMIT 1",
    [S_ART_ADD] = "INSERT INTO articles(ext_id, identity, content_hash, url, canonical_url, source_id, title, lang,"
                  " published, added, text) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_ART_FTS] = "INSERT INTO articles_fts(rowid, title, text) VALUES(?1, ?2, ?3)",
    [S_ART_META] = "SELECT coalesce(published, substr(added, 1, 10)), source_id FROM articles WHERE id = ?1",
    [S_REPORT_ADD] = "INSERT OR IGNORE INTO reports(article_id, url, source_id, feed_id, seen)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_SENT_ADD] = "INSERT OR IGNORE INTO sentences(article_id, idx, off, len) VALUES(?1, ?2, ?3, ?4)",
    [S_ACTOR_ADD] = "INSERT OR IGNORE INTO actors(code, country, role, type, name) VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_PLACE_GET] = "SELECT id FROM places WHERE feature_id = ?1",
    [S_PLACE_ADD] = "INSERT INTO places(feature_id, name, country, adm1, lat, lon, precision)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_DICT_GET] = "SELECT id FROM dict_versions WHERE version = ?1",
    [S_DICT_ADD] = "INSERT INTO dict_versions(version, first_used) VALUES(?1, ?2)",
    [S_EV_CAND] = "SELECT e.id, e.geo_rank, p.feature_id, p.country, p.adm1 FROM events e"
                  " LEFT JOIN places p ON p.id = e.place_id WHERE e.merge_key = ?1 ORDER BY e.id",
    [S_EV_ADD] = "INSERT INTO events(merge_key, date, date_end, date_precision, source_code, source_country,"
                 " source_role, target_code, target_country, target_role, code, base_code, root_code, quad_class,"
                 " goldstein, plover_type, plover_mode, modality, historical, place_id, geo_rank, country)"
                 " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                 " ?20, ?21, ?22)",
    [S_EV_SETPLACE] = "UPDATE events SET place_id = ?2, geo_rank = ?3, country = ?4 WHERE id = ?1",
    [S_RTREE_SET] = "INSERT OR REPLACE INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat)"
                    " VALUES(?1, ?2, ?2, ?3, ?3)",
    [S_EV_RECOUNT] =
        "UPDATE events SET"
        " num_mentions = (SELECT count(*) FROM event_mentions m WHERE m.event_id = events.id AND m.retracted = 0),"
        " num_articles = (SELECT count(DISTINCT m.article_id) FROM event_mentions m"
        "  WHERE m.event_id = events.id AND m.retracted = 0),"
        " num_sources = (SELECT count(DISTINCT m.source_id) FROM event_mentions m"
        "  WHERE m.event_id = events.id AND m.retracted = 0),"
        " first_seen = (SELECT min(m.seen) FROM event_mentions m WHERE m.event_id = events.id AND m.retracted = 0),"
        " last_seen = (SELECT max(m.seen) FROM event_mentions m WHERE m.event_id = events.id AND m.retracted = 0)"
        " WHERE id = ?1",
    [S_EV_STATE] = "SELECT num_mentions, retracted FROM events WHERE id = ?1",
    [S_EV_RETRACT] = "UPDATE events SET retracted = ?2 WHERE id = ?1",
    [S_MEN_GET] = "SELECT id, event_id, retracted FROM event_mentions WHERE article_id = ?1 AND mkey = ?2",
    [S_MEN_ADD] = "INSERT INTO event_mentions(event_id, article_id, mkey, sentence, off, len, source_text,"
                  " target_text, source_off, target_off, cue_off, cue, modality, attribution, confidence, rules,"
                  " evidence, dict_version_id, gen, seen, added, source_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                  " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    [S_MEN_FTS] = "INSERT INTO evidence_fts(rowid, evidence) VALUES(?1, ?2)",
    [S_MEN_TOUCH] = "UPDATE event_mentions SET gen = ?2, retracted = 0 WHERE id = ?1",
    [S_MEN_STALE] = "SELECT id, event_id FROM event_mentions WHERE article_id = ?1 AND gen <> ?2 AND retracted = 0",
    [S_MEN_RETRACT] = "UPDATE event_mentions SET retracted = 1 WHERE id = ?1",
    [S_CHANGE_ADD] = "INSERT INTO event_changes(event_id, mention_id, change, dict_version_id, at)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_GEN_MAX] = "SELECT coalesce(max(gen), 0) FROM event_mentions",
    [S_ARTS] = ART_COLS "WHERE (?1 IS NULL OR a.added >= ?1) ORDER BY a.id LIMIT ?2",
    [S_ART1] = ART_COLS "WHERE a.id = ?1 AND ?2 = ?2",
    [S_EVENTS] = EV_COLS "WHERE " EV_WHERE,
    [S_EVENTS_ACTOR] = EV_COLS "WHERE e.id IN (SELECT id FROM events WHERE source_code >= ?17 AND source_code < ?18"
                       " UNION SELECT id FROM events WHERE target_code >= ?17 AND target_code < ?18) AND " EV_WHERE,
    [S_EVENTS_DYAD] = EV_COLS "WHERE e.source_code >= ?19 AND e.source_code < ?20 AND " EV_WHERE,
    [S_EVENTS_BOX] = EV_COLS "WHERE e.id IN (SELECT id FROM events_rtree WHERE min_lon >= ?7 AND max_lon <= ?9"
                     " AND min_lat >= ?8 AND max_lat <= ?10) AND " EV_WHERE,
    [S_EVENTS_ROOT] = EV_COLS "WHERE e.root_code = ?23 AND e.date >= ?24 AND e.date <= ?25 AND " EV_WHERE,
    [S_EVENTS_ROOT_COUNTRY] = EV_COLS "WHERE e.root_code = ?23 AND e.country = ?6 AND e.date >= ?24 AND e.date <= ?25"
                              " AND " EV_WHERE,
    [S_EVENTS_DATE] = EV_COLS "WHERE e.date >= ?24 AND e.date <= ?25 AND " EV_WHERE,
    [S_MENTIONS_OF] = "SELECT m.id, m.event_id, m.article_id, e.date, m.seen, s.name, a.url, m.sentence, m.off,"
                      " m.len, m.source_off, m.target_off, m.cue_off, m.confidence, m.modality, m.evidence,"
                      " d.version, length(CAST(a.text AS BLOB)), m.retracted FROM event_mentions m"
                      " JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id"
                      " JOIN sources s ON s.id = a.source_id LEFT JOIN dict_versions d ON d.id = m.dict_version_id"
                      " WHERE m.event_id = ?1 ORDER BY m.id",
    [S_STATS] = "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM feeds), (SELECT count(*) FROM articles),"
                " (SELECT count(*) FROM reports), (SELECT count(*) FROM sentences),"
                " (SELECT count(*) FROM events WHERE retracted = 0), (SELECT count(*) FROM events WHERE retracted = 1),"
                " (SELECT count(*) FROM event_mentions WHERE retracted = 0),"
                " (SELECT count(*) FROM event_mentions WHERE retracted = 1), (SELECT count(*) FROM actors),"
                " (SELECT count(*) FROM places), (SELECT count(*) FROM situations),"
                " (SELECT count(*) FROM event_changes), (SELECT count(*) FROM dict_versions)",
};

typedef struct sq_store {
    sn_store base;
    sqlite3 *db;
    sqlite3_stmt *st[S__COUNT];
    int64_t dict_version_id; /* 0: none set */
    int64_t gen;             /* the last reconcile generation */
    int in_batch;
} sq_store;

static sn_rc db_error(sq_store *q, sn_error *err, const char *what)
{
    int code = sqlite3_errcode(q->db);
    sn_rc rc = code == SQLITE_NOMEM ? SN_ERR_NOMEM : code == SQLITE_FULL || code == SQLITE_IOERR ? SN_ERR_IO
                                                                                                  : SN_ERR_INVALID;
    sn_set_error(err, rc, "%s: %s", what, sqlite3_errmsg(q->db));
    return rc;
}

/* Bind helpers: NULL or empty strings bind as SQL NULL where noted. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    bind_text(st, i, s && *s ? s : NULL);
}

static sqlite3_stmt *stmt(sq_store *q, int k)
{
    sqlite3_stmt *st = q->st[k];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

/* Run a statement that returns no row (or whose rows are ignored). */
static int run(sqlite3_stmt *st)
{
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
    return r == SQLITE_DONE ? 0 : -1;
}

/* The first column of the first row as an integer; 0 when no row, -1 on error. */
static int64_t one_int(sqlite3_stmt *st)
{
    int r = sqlite3_step(st);
    int64_t v = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : r == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return v;
}

static void now_iso(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- open and migrate ---- */

/* The one integer a constant query gives (PRAGMA user_version, a count),
 * or -1 when it gives none. */
static int64_t scalar(sqlite3 *db, const char *query)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, query, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* A store that is not empty must be ours: a meta table naming sentinel. */
static int is_ours(sqlite3 *db)
{
    sqlite3_stmt *st;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'application'", -1, &st, NULL) == SQLITE_OK) {
        ok = sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "sentinel");
        sqlite3_finalize(st);
    }
    return ok;
}

static sn_rc migrate(sq_store *q, const char *path, sn_error *err)
{
    int tables = (int)scalar(q->db, "SELECT count(*) FROM sqlite_schema");
    if (tables < 0) {
        sn_set_error(err, SN_ERR_INVALID, "%s: not a SQLite database or damaged (%s); left as it is", path,
                           sqlite3_errmsg(q->db));
        return SN_ERR_INVALID;
    }
    int64_t v = scalar(q->db, "PRAGMA user_version");
    if (tables > 0 && (v == 0 || !is_ours(q->db))) {
        sn_set_error(err, SN_ERR_INVALID, "%s: a SQLite database, but not a Sentinel store; left as it is",
                           path);
        return SN_ERR_INVALID;
    }
    if (v > NMIGRATIONS) {
        sn_set_error(err, SN_ERR_UNSUPPORTED,
                           "%s: schema version %lld is newer than this sentinel (%d); left as it is", path,
                           (long long)v, NMIGRATIONS);
        return SN_ERR_UNSUPPORTED;
    }
    if (v == NMIGRATIONS)
        return SN_OK;
    char *msg = NULL;
    if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
        goto fail;
    for (int64_t k = v; k < NMIGRATIONS; k++) {
        char pragma[48];
        if (sqlite3_exec(q->db, migrations[k], NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %lld", (long long)(k + 1)); /* an integer we made */
        if (sqlite3_exec(q->db, pragma, NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
    }
    if (sqlite3_exec(q->db, "COMMIT", NULL, NULL, &msg) == SQLITE_OK)
        return SN_OK;
fail:
    sn_set_error(err, SN_ERR_INVALID, "%s: migration failed: %s; nothing changed", path,
                       msg ? msg : sqlite3_errmsg(q->db));
    sqlite3_free(msg);
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    return SN_ERR_INVALID;
}

static const sn_store_ops sq_ops;

static void sq_close(sn_store *s)
{
    sq_store *q = (sq_store *)s;
    if (q->in_batch)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    for (int k = 0; k < S__COUNT; k++)
        sqlite3_finalize(q->st[k]);
    sqlite3_close(q->db);
    free(q);
}

sn_rc sn_sqlite_open(const char *path, sn_store **out, sn_error *err)
{
    sq_store *q = calloc(1, sizeof *q);
    if (!q) {
        sn_set_error(err, SN_ERR_NOMEM, "out of memory");
        return SN_ERR_NOMEM;
    }
    q->base.ops = &sq_ops;
    if (sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sn_set_error(err, SN_ERR_IO, "%s: cannot open: %s", path, q->db ? sqlite3_errmsg(q->db) : "no memory");
        sq_close(&q->base);
        return SN_ERR_IO;
    }
    sqlite3_busy_timeout(q->db, 10000);
    sqlite3_extended_result_codes(q->db, 0);
    sn_rc rc = migrate(q, path, err);
    if (!rc && (sqlite3_exec(q->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
                sqlite3_exec(q->db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"
                                 " PRAGMA temp_store = MEMORY", NULL, NULL, NULL) !=
                    SQLITE_OK))
        rc = db_error(q, err, path);
    for (int k = 0; !rc && k < S__COUNT; k++)
        if (sqlite3_prepare_v3(q->db, sql[k], -1, SQLITE_PREPARE_PERSISTENT, &q->st[k], NULL) != SQLITE_OK)
            rc = db_error(q, err, "prepare");
    if (!rc)
        q->gen = one_int(stmt(q, S_GEN_MAX));
    if (rc) {
        sq_close(&q->base);
        return rc;
    }
    q->base.schema_version = (int)scalar(q->db, "PRAGMA user_version");
    *out = &q->base;
    return SN_OK;
}

/* ---- transactions ---- */

static sn_rc sq_begin(sn_store *s, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    if (q->in_batch)
        return SN_OK;
    if (run(stmt(q, S_BEGIN)))
        return db_error(q, err, "begin");
    q->in_batch = 1;
    return SN_OK;
}

static sn_rc sq_commit(sn_store *s, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    if (!q->in_batch)
        return SN_OK;
    if (run(stmt(q, S_COMMIT)))
        return db_error(q, err, "commit");
    q->in_batch = 0;
    return SN_OK;
}

static void sq_rollback(sn_store *s)
{
    sq_store *q = (sq_store *)s;
    if (q->in_batch)
        run(stmt(q, S_ROLLBACK));
    q->in_batch = 0;
}

/* ---- small lookups ---- */

static int64_t get_or_add(sq_store *q, int get, int add, const char *key, int64_t extra)
{
    sqlite3_stmt *st = stmt(q, get);
    bind_text(st, 1, key);
    int64_t id = one_int(st);
    if (id)
        return id;
    st = stmt(q, add);
    bind_text(st, 1, key);
    if (add == S_FEED_ADD)
        sqlite3_bind_int64(st, 2, extra);
    else {
        char now[21];
        now_iso(now);
        bind_text(st, 2, now);
    }
    return run(st) ? -1 : sqlite3_last_insert_rowid(q->db);
}

static sn_rc sq_set_dict_version(sn_store *s, const char *v, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    int64_t id = get_or_add(q, S_DICT_GET, S_DICT_ADD, v, 0);
    if (id < 0)
        return db_error(q, err, "dictionary version");
    q->dict_version_id = id;
    return SN_OK;
}

static void hash_hex(uint64_t h, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static const char *identity(const sn_store_article *a, char *buf, size_t cap)
{
    if (a->canonical_url && *a->canonical_url)
        return a->canonical_url;
    if (a->url && *a->url)
        return a->url;
    if (a->ext_id && *a->ext_id)
        return a->ext_id;
    snprintf(buf, cap, "hash:%016llx", (unsigned long long)a->content_hash);
    return buf;
}

/* 1: the article itself is stored; 2: it is a copy of a stored one. */
static int find_article(sq_store *q, const sn_store_article *a, int64_t *id)
{
    char hex[17], buf[40];
    hash_hex(a->content_hash, hex);
    sqlite3_stmt *st = stmt(q, S_ART_FIND);
    bind_text(st, 1, identity(a, buf, sizeof buf));
    bind_text(st, 2, hex);
    if ((*id = one_int(st)) > 0)
        return 1;
    if (a->duplicate_of && *a->duplicate_of) {
        st = stmt(q, S_ART_BY_EXT);
        bind_text(st, 1, a->duplicate_of);
        if ((*id = one_int(st)) > 0)
            return 2;
    }
    st = stmt(q, S_ART_BY_HASH);
    bind_text(st, 1, hex);
    if ((*id = one_int(st)) > 0)
        return 2;
    *id = 0;
    return 0;
}

static int sq_has_article(sn_store *s, const sn_store_article *a, int64_t *id)
{
    int64_t x;
    int r = find_article((sq_store *)s, a, &x);
    if (id)
        *id = x;
    return r != 0;
}

static int64_t add_place(sq_store *q, const sn_location *l)
{
    sqlite3_stmt *st = stmt(q, S_PLACE_GET);
    bind_text(st, 1, l->feature_id);
    int64_t id = one_int(st);
    if (id)
        return id;
    st = stmt(q, S_PLACE_ADD);
    bind_text(st, 1, l->feature_id);
    bind_text(st, 2, l->name);
    bind_opt(st, 3, l->country);
    bind_opt(st, 4, l->adm1);
    sqlite3_bind_double(st, 5, l->lat);
    sqlite3_bind_double(st, 6, l->lon);
    bind_text(st, 7, sn_geo_precision_name(l->precision));
    return run(st) ? -1 : sqlite3_last_insert_rowid(q->db);
}

static int add_actor(sq_store *q, const sn_actor_ref *a, const char *text, size_t tlen)
{
    if (!a->code)
        return 0;
    sqlite3_stmt *st = stmt(q, S_ACTOR_ADD);
    bind_text(st, 1, a->code);
    bind_opt(st, 2, a->country);
    bind_opt(st, 3, a->role);
    bind_opt(st, 4, a->type);
    if (a->len && (size_t)a->off + a->len <= tlen)
        sqlite3_bind_text(st, 5, text + a->off, (int)a->len, SQLITE_TRANSIENT);
    return run(st);
}

static int record_change(sq_store *q, int64_t event, int64_t mention, const char *what)
{
    char now[21];
    now_iso(now);
    sqlite3_stmt *st = stmt(q, S_CHANGE_ADD);
    sqlite3_bind_int64(st, 1, event);
    if (mention)
        sqlite3_bind_int64(st, 2, mention);
    bind_text(st, 3, what);
    if (q->dict_version_id)
        sqlite3_bind_int64(st, 4, q->dict_version_id);
    bind_text(st, 5, now);
    return run(st);
}

/* ---- merging ---- */

/* The event a mention merges into (docs/merging.md), or a new one. */
static int64_t merge_event(sq_store *q, const sn_event *e, const sn_location *loc, int *merged)
{
    char key[256];
    sn_merge_key(e, key, sizeof key);
    const sn_location *ml = sn_merge_location(loc);
    int rank = ml ? (int)ml->precision : -1;
    sqlite3_stmt *st = stmt(q, S_EV_CAND);
    bind_text(st, 1, key);
    int64_t found = 0, found_rank = -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int r = sqlite3_column_int(st, 1);
        const char *f = (const char *)sqlite3_column_text(st, 2), *c = (const char *)sqlite3_column_text(st, 3),
                   *a = (const char *)sqlite3_column_text(st, 4);
        if (sn_location_compatible(f, f ? r : -1, c, a, ml ? ml->feature_id : NULL, rank, ml ? ml->country : NULL,
                                   ml ? ml->adm1 : NULL)) {
            found = sqlite3_column_int64(st, 0);
            found_rank = f ? r : -1;
            break;
        }
    }
    sqlite3_reset(st);
    int64_t place = ml ? add_place(q, ml) : 0;
    if (place < 0)
        return -1;
    if (found) {
        *merged = 1;
        /* a more precise place than the event had */
        if (ml && (found_rank < 0 || rank < found_rank)) {
            st = stmt(q, S_EV_SETPLACE);
            sqlite3_bind_int64(st, 1, found);
            sqlite3_bind_int64(st, 2, place);
            sqlite3_bind_int(st, 3, rank);
            bind_opt(st, 4, ml->country);
            if (run(st))
                return -1;
            st = stmt(q, S_RTREE_SET);
            sqlite3_bind_int64(st, 1, found);
            sqlite3_bind_double(st, 2, ml->lon);
            sqlite3_bind_double(st, 3, ml->lat);
            if (run(st))
                return -1;
        }
        return found;
    }
    *merged = 0;
    char b[11], x[11];
    sn_event_span(e, b, x);
    st = stmt(q, S_EV_ADD);
    bind_text(st, 1, key);
    bind_text(st, 2, b);
    bind_text(st, 3, x);
    bind_text(st, 4, sn_precision_name(e->date_precision));
    bind_text(st, 5, e->source.code);
    bind_opt(st, 6, e->source.country);
    bind_opt(st, 7, e->source.role);
    bind_text(st, 8, e->target.code);
    bind_opt(st, 9, e->target.country);
    bind_opt(st, 10, e->target.role);
    bind_text(st, 11, e->code);
    bind_text(st, 12, e->base_code);
    bind_text(st, 13, e->root_code);
    sqlite3_bind_int(st, 14, e->quad_class);
    sqlite3_bind_double(st, 15, e->goldstein);
    bind_opt(st, 16, e->plover_type);
    bind_opt(st, 17, e->plover_mode);
    bind_text(st, 18, sn_modality_name(e->modality));
    sqlite3_bind_int(st, 19, e->historical != 0);
    if (place)
        sqlite3_bind_int64(st, 20, place);
    sqlite3_bind_int(st, 21, rank);
    if (ml)
        bind_opt(st, 22, ml->country);
    if (run(st))
        return -1;
    int64_t id = sqlite3_last_insert_rowid(q->db);
    if (ml) {
        st = stmt(q, S_RTREE_SET);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_double(st, 2, ml->lon);
        sqlite3_bind_double(st, 3, ml->lat);
        if (run(st))
            return -1;
    }
    return id;
}

typedef struct touched {
    int64_t *v;
    size_t n, cap;
} touched;

static int touch(touched *t, int64_t id)
{
    for (size_t i = t->n; i-- > 0;)
        if (t->v[i] == id)
            return 0;
    if (t->n == t->cap) {
        size_t c = t->cap ? t->cap * 2 : 16;
        int64_t *p = realloc(t->v, c * sizeof *p);
        if (!p)
            return -1;
        t->v = p;
        t->cap = c;
    }
    t->v[t->n++] = id;
    return 0;
}

static int add_mention(sq_store *q, int64_t aid, int64_t source, int64_t event, const char *mkey,
                       const sn_event *e, const char *text, size_t tlen, const char *seen, int64_t *mid)
{
    char now[21];
    now_iso(now);
    sqlite3_stmt *st = stmt(q, S_MEN_ADD);
    uint32_t off = e->off, len = (size_t)e->off + e->len <= tlen ? e->len : 0;
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_int64(st, 2, aid);
    bind_text(st, 3, mkey);
    sqlite3_bind_int(st, 4, (int)e->sentence);
    sqlite3_bind_int(st, 5, (int)off);
    sqlite3_bind_int(st, 6, (int)len);
    if (e->source.code && (size_t)e->source.off + e->source.len <= tlen) {
        sqlite3_bind_text(st, 7, text + e->source.off, (int)e->source.len, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 9, (int)e->source.off);
    }
    if (e->target.code && (size_t)e->target.off + e->target.len <= tlen) {
        sqlite3_bind_text(st, 8, text + e->target.off, (int)e->target.len, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 10, (int)e->target.off);
    }
    if (e->cue_len && (size_t)e->cue_off + e->cue_len <= tlen) {
        sqlite3_bind_int(st, 11, (int)e->cue_off);
        sqlite3_bind_text(st, 12, text + e->cue_off, (int)e->cue_len, SQLITE_TRANSIENT);
    }
    bind_text(st, 13, sn_modality_name(e->modality));
    bind_text(st, 14, e->attribution.code);
    sqlite3_bind_double(st, 15, e->confidence);
    bind_opt(st, 16, e->rules);
    sqlite3_bind_text(st, 17, len ? text + off : "", (int)len, SQLITE_TRANSIENT);
    if (q->dict_version_id)
        sqlite3_bind_int64(st, 18, q->dict_version_id);
    sqlite3_bind_int64(st, 19, q->gen);
    bind_text(st, 20, seen);
    bind_text(st, 21, now);
    sqlite3_bind_int64(st, 22, source);
    if (run(st))
        return -1;
    *mid = sqlite3_last_insert_rowid(q->db);
    st = stmt(q, S_MEN_FTS);
    sqlite3_bind_int64(st, 1, *mid);
    sqlite3_bind_text(st, 2, len ? text + off : "", (int)len, SQLITE_TRANSIENT);
    return run(st);
}

/* Bring the article's mentions in line with these events: new ones are
 * merged and added, those seen before are kept, those gone retracted. */
static int reconcile(sq_store *q, int64_t aid, int64_t source, const char *seen, const char *atext, size_t alen,
                     const sn_doc *doc, const sn_event *ev,
                     const sn_location *const *locs, uint32_t n, int recording, sn_store_put *out)
{
    size_t tlen = alen;
    const char *text = doc ? sn_doc_text(doc, &tlen) : atext ? atext : "";
    if (!doc && !atext)
        tlen = 0;
    touched t = {0};
    int bad = 0;
    q->gen++;
    for (uint32_t i = 0; !bad && i < n; i++) {
        const sn_event *e = &ev[i];
        char mkey[256];
        sn_mention_key(e, mkey, sizeof mkey);
        sqlite3_stmt *st = stmt(q, S_MEN_GET);
        sqlite3_bind_int64(st, 1, aid);
        bind_text(st, 2, mkey);
        if (sqlite3_step(st) == SQLITE_ROW) {
            int64_t mid = sqlite3_column_int64(st, 0), event = sqlite3_column_int64(st, 1);
            int was_retracted = sqlite3_column_int(st, 2);
            sqlite3_reset(st);
            st = stmt(q, S_MEN_TOUCH);
            sqlite3_bind_int64(st, 1, mid);
            sqlite3_bind_int64(st, 2, q->gen);
            bad = run(st) || (was_retracted && (record_change(q, event, mid, "mention restored") ||
                                                touch(&t, event)));
            continue;
        }
        sqlite3_reset(st);
        int merged = 0;
        const sn_location *loc = locs && i < SN_GEO_MAX_EVENTS ? locs[i] : NULL;
        int64_t event = merge_event(q, e, loc, &merged), mid = 0;
        bad = event < 0 || add_mention(q, aid, source, event, mkey, e, text, tlen, seen, &mid) ||
              add_actor(q, &e->source, text, tlen) || add_actor(q, &e->target, text, tlen) || touch(&t, event) ||
              (recording && record_change(q, event, mid, merged ? "mention added" : "event added"));
        if (!bad && out) {
            out->mentions_new++;
            if (merged)
                out->events_merged++;
            else
                out->events_new++;
        }
    }
    /* mentions no longer found */
    sqlite3_stmt *st = stmt(q, S_MEN_STALE);
    sqlite3_bind_int64(st, 1, aid);
    sqlite3_bind_int64(st, 2, q->gen);
    int64_t *stale = NULL;
    size_t ns = 0, cap = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        if (ns + 2 > cap) {
            cap = cap ? cap * 2 : 32;
            int64_t *p = realloc(stale, cap * sizeof *p);
            if (!p) {
                bad = 1;
                break;
            }
            stale = p;
        }
        stale[ns++] = sqlite3_column_int64(st, 0);
        stale[ns++] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    for (size_t k = 0; !bad && k < ns; k += 2) {
        st = stmt(q, S_MEN_RETRACT);
        sqlite3_bind_int64(st, 1, stale[k]);
        bad = run(st) || record_change(q, stale[k + 1], stale[k], "mention retracted") || touch(&t, stale[k + 1]);
        if (out)
            out->mentions_retracted++;
    }
    free(stale);
    /* counts, and events left with no mention */
    for (size_t k = 0; !bad && k < t.n; k++) {
        st = stmt(q, S_EV_RECOUNT);
        sqlite3_bind_int64(st, 1, t.v[k]);
        if ((bad = run(st)))
            break;
        st = stmt(q, S_EV_STATE);
        sqlite3_bind_int64(st, 1, t.v[k]);
        if (sqlite3_step(st) != SQLITE_ROW) {
            bad = 1;
            break;
        }
        int64_t nm = sqlite3_column_int64(st, 0);
        int retracted = sqlite3_column_int(st, 1);
        sqlite3_reset(st);
        if ((nm == 0) != (retracted != 0)) {
            st = stmt(q, S_EV_RETRACT);
            sqlite3_bind_int64(st, 1, t.v[k]);
            sqlite3_bind_int(st, 2, nm == 0);
            bad = run(st) || record_change(q, t.v[k], 0, nm == 0 ? "event retracted" : "event restored");
            if (out && nm == 0)
                out->events_retracted++;
        }
    }
    free(t.v);
    return bad ? -1 : 0;
}

/* ---- articles ---- */

static sn_rc fail_article(sq_store *q, sn_error *err, const char *what)
{
    sn_rc rc = db_error(q, err, what);
    run(stmt(q, S_ROLLTO));
    run(stmt(q, S_RELEASE));
    return rc;
}

static sn_rc sq_put_article(sn_store *s, const sn_store_article *a, const sn_doc *doc, const sn_event *ev,
                            const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sn_store_put dummy;
    if (!out)
        out = &dummy;
    memset(out, 0, sizeof *out);
    if (run(stmt(q, S_SAVE)))
        return db_error(q, err, "savepoint");
    char now[21], pub[11] = "", hex[17], buf[40];
    now_iso(now);
    const char *src = a->source && *a->source ? a->source : "unknown";
    int64_t source = get_or_add(q, S_SOURCE_GET, S_SOURCE_ADD, src, 0), feed = 0;
    if (source < 0)
        return fail_article(q, err, "source");
    if (a->feed && *a->feed && (feed = get_or_add(q, S_FEED_GET, S_FEED_ADD, a->feed, source)) < 0)
        return fail_article(q, err, "feed");
    int64_t aid;
    int found = find_article(q, a, &aid);
    if (!found) {
        hash_hex(a->content_hash, hex);
        if (a->published.year)
            sn_date_format(&a->published, pub);
        sqlite3_stmt *st = stmt(q, S_ART_ADD);
        bind_opt(st, 1, a->ext_id);
        bind_text(st, 2, identity(a, buf, sizeof buf));
        bind_text(st, 3, hex);
        bind_opt(st, 4, a->url);
        bind_opt(st, 5, a->canonical_url);
        sqlite3_bind_int64(st, 6, source);
        bind_opt(st, 7, a->title);
        bind_opt(st, 8, a->lang);
        bind_opt(st, 9, pub);
        bind_text(st, 10, now);
        sqlite3_bind_text(st, 11, a->text, (int)a->text_len, SQLITE_TRANSIENT);
        if (run(st))
            return fail_article(q, err, "article");
        aid = sqlite3_last_insert_rowid(q->db);
        st = stmt(q, S_ART_FTS);
        sqlite3_bind_int64(st, 1, aid);
        bind_opt(st, 2, a->title);
        sqlite3_bind_text(st, 3, a->text, (int)a->text_len, SQLITE_TRANSIENT);
        if (run(st))
            return fail_article(q, err, "article index");
        out->new_article = 1;
    }
    out->article_id = aid;
    sqlite3_stmt *st = stmt(q, S_REPORT_ADD);
    sqlite3_bind_int64(st, 1, aid);
    bind_text(st, 2, a->url && *a->url ? a->url : identity(a, buf, sizeof buf));
    sqlite3_bind_int64(st, 3, source);
    if (feed)
        sqlite3_bind_int64(st, 4, feed);
    bind_text(st, 5, now);
    if (run(st))
        return fail_article(q, err, "report");
    out->new_report = sqlite3_changes(q->db) > 0;
    if (found) {
        run(stmt(q, S_RELEASE));
        return SN_OK;
    }
    uint32_t ns = 0;
    const sn_sentence *sent = doc ? sn_doc_sentences(doc, &ns) : NULL;
    for (uint32_t i = 0; i < ns; i++) {
        st = stmt(q, S_SENT_ADD);
        sqlite3_bind_int64(st, 1, aid);
        sqlite3_bind_int(st, 2, (int)i);
        sqlite3_bind_int(st, 3, (int)sent[i].off);
        sqlite3_bind_int(st, 4, (int)sent[i].len);
        if (run(st))
            return fail_article(q, err, "sentence");
    }
    if (reconcile(q, aid, source, pub[0] ? pub : (now[10] = 0, now), a->text, a->text_len, doc, ev, locs, n, 0,
                  out))
        return fail_article(q, err, "events");
    if (run(stmt(q, S_RELEASE)))
        return db_error(q, err, "release");
    return SN_OK;
}

static sn_rc sq_recode_article(sn_store *s, int64_t id, const sn_doc *doc, const sn_event *ev,
                               const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sn_store_put dummy;
    if (!out)
        out = &dummy;
    memset(out, 0, sizeof *out);
    out->article_id = id;
    sqlite3_stmt *st = stmt(q, S_ART_META);
    sqlite3_bind_int64(st, 1, id);
    char seen[16] = "";
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        sn_set_error(err, SN_ERR_NOTFOUND, "no article %lld", (long long)id);
        return SN_ERR_NOTFOUND;
    }
    snprintf(seen, sizeof seen, "%s", (const char *)sqlite3_column_text(st, 0));
    int64_t source = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    if (run(stmt(q, S_SAVE)))
        return db_error(q, err, "savepoint");
    if (reconcile(q, id, source, seen, NULL, 0, doc, ev, locs, n, 1, out))
        return fail_article(q, err, "recode");
    if (run(stmt(q, S_RELEASE)))
        return db_error(q, err, "release");
    return SN_OK;
}

/* ---- reading ---- */

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static sn_rc sq_articles(sn_store *s, const char *since, int with_text, unsigned limit, int64_t only,
                         sn_article_fn fn, void *ctx, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sqlite3_stmt *st = stmt(q, only ? S_ART1 : S_ARTS);
    if (only)
        sqlite3_bind_int64(st, 1, only);
    else
        bind_opt(st, 1, since);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    sqlite3_bind_int(st, 3, with_text);
    int r, rows = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sn_stored_article a = {sqlite3_column_int64(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4),
                               col(st, 5), col(st, 6), col(st, 7), col(st, 8), 0,
                               (unsigned)sqlite3_column_int(st, 9), (unsigned)sqlite3_column_int(st, 10)};
        a.text_len = a.text ? (size_t)sqlite3_column_bytes(st, 8) : 0;
        rows++;
        if (fn(ctx, &a))
            break;
    }
    int ok = r == SQLITE_ROW || r == SQLITE_DONE;
    sqlite3_reset(st);
    if (!ok)
        return db_error(q, err, "articles");
    if (only && !rows) {
        sn_set_error(err, SN_ERR_NOTFOUND, "no article %lld", (long long)only);
        return SN_ERR_NOTFOUND;
    }
    return SN_OK;
}

static double haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, d = M_PI / 180;
    double a = sin((lat2 - lat1) * d / 2), b = sin((lon2 - lon1) * d / 2);
    double h = a * a + cos(lat1 * d) * cos(lat2 * d) * b * b;
    return 2 * r * asin(sqrt(h < 1 ? h : 1));
}

/* A code prefix: capitals and digits only. */
static int code_like(const char *s)
{
    if (!s || !*s || strlen(s) > 30)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* [lo, hi): every string starting with prefix p. */
static void prefix_range(const char *p, char lo[40], char hi[40])
{
    snprintf(lo, 40, "%s", p);
    snprintf(hi, 40, "%s\x7f", p);
}

/* A date min_days before iso (the longest event span is a year). */
static void date_back(const char *iso, char out[11])
{
    int y = 0, m = 1, d = 1;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) < 1)
        y = 0;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y > 0 ? (y - 1) % 10000 : 0, m % 13, d % 32);
    memcpy(out, tmp, 10);
    out[10] = 0;
}

/* The statement for f, with every parameter bound. */
static sqlite3_stmt *bind_filter(sq_store *q, const sn_event_filter *f)
{
    int has_box = f->has_bbox || f->has_radius;
    int actor_code = code_like(f->actor);
    int root_ok = f->code && strlen(f->code) >= 2;
    int dated = f->from || f->to;
    int k = f->source && code_like(f->source) ? S_EVENTS_DYAD
            : actor_code                      ? S_EVENTS_ACTOR
            : has_box                         ? S_EVENTS_BOX
            : root_ok && f->country           ? S_EVENTS_ROOT_COUNTRY
            : root_ok                         ? S_EVENTS_ROOT
            : dated                           ? S_EVENTS_DATE
                                              : S_EVENTS;
    sqlite3_stmt *st = stmt(q, k);
    char lo[40], hi[40], slo[40], shi[40], tlo[40], thi[40], root[3], dlo[11];
    bind_opt(st, 1, f->actor);
    if (actor_code) {
        prefix_range(f->actor, lo, hi);
        bind_text(st, 17, lo);
        bind_text(st, 18, hi);
    }
    if (f->source && *f->source) {
        prefix_range(f->source, slo, shi);
        bind_text(st, 19, slo);
        bind_text(st, 20, shi);
    }
    if (f->target && *f->target) {
        prefix_range(f->target, tlo, thi);
        bind_text(st, 21, tlo);
        bind_text(st, 22, thi);
    }
    if (root_ok) {
        snprintf(root, sizeof root, "%.2s", f->code);
        bind_text(st, 23, root);
    }
    date_back(f->from ? f->from : "0000-01-01", dlo);
    bind_text(st, 24, dlo);
    bind_text(st, 25, f->to ? f->to : "9999-12-31");
    bind_opt(st, 2, f->code);
    bind_opt(st, 3, f->plover);
    sqlite3_bind_int(st, 4, f->quad_class);
    if (f->modality > 0)
        bind_text(st, 5, sn_modality_name((sn_modality)(f->modality - 1)));
    bind_opt(st, 6, f->country);
    double box[4];
    if (f->has_radius) {
        double dlat = f->radius_km / 111.0, c = cos(f->lat * M_PI / 180);
        double dlon = c > 0.01 ? f->radius_km / (111.0 * c) : 360;
        box[0] = f->lon - dlon, box[1] = f->lat - dlat, box[2] = f->lon + dlon, box[3] = f->lat + dlat;
    } else {
        box[0] = f->min_lon, box[1] = f->min_lat, box[2] = f->max_lon, box[3] = f->max_lat;
    }
    for (int i = 0; has_box && i < 4; i++)
        sqlite3_bind_double(st, 7 + i, box[i]);
    bind_opt(st, 11, f->from);
    bind_opt(st, 12, f->to);
    sqlite3_bind_int(st, 13, (int)f->min_sources);
    bind_opt(st, 14, f->text);
    sqlite3_bind_int(st, 15, f->include_retracted != 0);
    /* the radius is checked exactly below, so the limit is applied here */
    sqlite3_bind_int64(st, 16, f->limit && !f->has_radius ? (int64_t)f->limit : -1);
    return st;
}

/* The query plan of f's statement, one line per step (for docs and bench). */
static sn_rc sq_explain(sn_store *s, const sn_event_filter *f, sn_write_fn write, void *ctx, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sqlite3_stmt *st = bind_filter(q, f), *ex;
    char *text = sqlite3_expanded_sql(st);
    sqlite3_reset(st);
    if (!text)
        return db_error(q, err, "explain");
    size_t n = strlen(text) + 32;
    char *sqlx = malloc(n);
    if (!sqlx) {
        sqlite3_free(text);
        return SN_ERR_NOMEM;
    }
    snprintf(sqlx, n, "EXPLAIN QUERY PLAN %s", text); /* our own statement, its values already quoted by SQLite */
    sqlite3_free(text);
    int r = sqlite3_prepare_v2(q->db, sqlx, -1, &ex, NULL);
    free(sqlx);
    if (r != SQLITE_OK)
        return db_error(q, err, "explain");
    while (sqlite3_step(ex) == SQLITE_ROW) {
        char line[512];
        snprintf(line, sizeof line, "%d %d %s\n", sqlite3_column_int(ex, 0), sqlite3_column_int(ex, 1),
                 (const char *)sqlite3_column_text(ex, 3));
        if (write(ctx, line, strlen(line)))
            break;
    }
    sqlite3_finalize(ex);
    return SN_OK;
}

static sn_rc sq_events(sn_store *s, const sn_event_filter *f, sn_stored_event_fn fn, void *ctx, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sqlite3_stmt *st = bind_filter(q, f);
    int r;
    unsigned rows = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sn_stored_event e = {0};
        e.id = sqlite3_column_int64(st, 0);
        e.date = col(st, 1), e.date_end = col(st, 2), e.date_precision = col(st, 3);
        e.source_code = col(st, 4), e.source_country = col(st, 5), e.source_role = col(st, 6);
        e.source_name = col(st, 7);
        e.target_code = col(st, 8), e.target_country = col(st, 9), e.target_role = col(st, 10);
        e.target_name = col(st, 11);
        e.code = col(st, 12), e.base_code = col(st, 13), e.root_code = col(st, 14);
        e.quad_class = sqlite3_column_int(st, 15);
        e.goldstein = sqlite3_column_double(st, 16);
        e.plover_type = col(st, 17), e.plover_mode = col(st, 18), e.modality = col(st, 19);
        e.historical = sqlite3_column_int(st, 20), e.retracted = sqlite3_column_int(st, 21);
        e.has_location = sqlite3_column_type(st, 25) != SQLITE_NULL;
        e.place = col(st, 22), e.place_country = col(st, 23), e.place_adm1 = col(st, 24);
        e.feature_id = col(st, 25), e.geo_precision = col(st, 26);
        e.lat = sqlite3_column_double(st, 27), e.lon = sqlite3_column_double(st, 28);
        e.num_mentions = (unsigned)sqlite3_column_int(st, 29);
        e.num_sources = (unsigned)sqlite3_column_int(st, 30);
        e.num_articles = (unsigned)sqlite3_column_int(st, 31);
        e.first_seen = col(st, 32), e.last_seen = col(st, 33);
        e.evidence = col(st, 34), e.source_url = col(st, 35);
        e.fatalities = sn_fatalities(e.evidence);
        if (f->has_radius && (!e.has_location || haversine_km(f->lat, f->lon, e.lat, e.lon) > f->radius_km))
            continue;
        if (fn(ctx, &e) || (f->limit && ++rows >= f->limit))
            break;
    }
    int ok = r == SQLITE_ROW || r == SQLITE_DONE;
    if (!ok)
        db_error(q, err, "events");
    sqlite3_reset(st);
    return ok ? SN_OK : (err ? err->rc : SN_ERR_INVALID);
}

static sn_rc sq_mentions_of(sn_store *s, int64_t event_id, sn_stored_mention_fn fn, void *ctx, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sqlite3_stmt *st = stmt(q, S_MENTIONS_OF);
    sqlite3_bind_int64(st, 1, event_id);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sn_stored_mention m = {0};
        m.id = sqlite3_column_int64(st, 0), m.event_id = sqlite3_column_int64(st, 1);
        m.article_id = sqlite3_column_int64(st, 2);
        m.event_date = col(st, 3), m.seen = col(st, 4), m.source = col(st, 5), m.url = col(st, 6);
        m.sentence = (uint32_t)sqlite3_column_int(st, 7), m.off = (uint32_t)sqlite3_column_int(st, 8);
        m.len = (uint32_t)sqlite3_column_int(st, 9);
        m.source_off = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 10);
        m.target_off = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 11);
        m.cue_off = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 12);
        m.confidence = sqlite3_column_double(st, 13);
        m.modality = col(st, 14), m.evidence = col(st, 15), m.dict_version = col(st, 16);
        m.doc_len = (size_t)sqlite3_column_int64(st, 17);
        m.retracted = sqlite3_column_int(st, 18);
        if (fn(ctx, &m))
            break;
    }
    int ok = r == SQLITE_ROW || r == SQLITE_DONE;
    sqlite3_reset(st);
    return ok ? SN_OK : db_error(q, err, "mentions");
}

static sn_rc sq_stats(sn_store *s, sn_store_stats *o, sn_error *err)
{
    sq_store *q = (sq_store *)s;
    sqlite3_stmt *st = stmt(q, S_STATS);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return db_error(q, err, "stats");
    }
    uint64_t *f[] = {&o->sources, &o->feeds, &o->articles, &o->reports, &o->sentences, &o->events,
                     &o->events_retracted, &o->mentions, &o->mentions_retracted, &o->actors, &o->places,
                     &o->situations, &o->changes, &o->dict_versions};
    for (int k = 0; k < (int)(sizeof f / sizeof *f); k++)
        *f[k] = (uint64_t)sqlite3_column_int64(st, k);
    sqlite3_reset(st);
    return SN_OK;
}

static const sn_store_ops sq_ops = {
    "sqlite", sq_close, sq_begin, sq_commit, sq_rollback, sq_set_dict_version, sq_has_article, sq_put_article,
    sq_recode_article, sq_articles, sq_events, sq_mentions_of, sq_stats, sq_explain,
};
