/* Network surveys: waves, relations, ties, responses, consent and known pairs. */
#include "store/store_network.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int find_named(struct db *db, const char *sql, long long programme_id, const char *name,
                      long long *id)
{
    sqlite3_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, name);
    return db_row_one(st, db_read_int64, id, NULL);
}

int store_network_wave_id(struct db *db, long long programme_id, const char *name, long long *id)
{
    return find_named(db, "SELECT id FROM network_waves WHERE programme_id = ?1 AND name = ?2",
                      programme_id, name, id);
}

int store_network_wave_ensure(struct db *db, long long programme_id, const char *name,
                              long long *id, int *created)
{
    *created = 0;
    int rc = store_network_wave_id(db, programme_id, name, id);
    if (rc != 1)
        return rc;
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO network_waves(programme_id, name, position) VALUES (?1, ?2, "
            "(SELECT coalesce(max(position), 0) + 1 FROM network_waves WHERE programme_id = ?1))");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, name);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    *created = 1;
    return 0;
}

int store_network_relation_ensure(struct db *db, long long programme_id, const char *name,
                                  long long *id)
{
    int rc =
        find_named(db, "SELECT id FROM network_relations WHERE programme_id = ?1 AND name = ?2",
                   programme_id, name, id);
    if (rc != 1)
        return rc;
    sqlite3_stmt *st =
        db_prepare(db, "INSERT INTO network_relations(programme_id, name) VALUES (?1, ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, name);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

static int read_wave_row(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct network_wave_row *r = row;
    r->id = sqlite3_column_int64(st, 0);
    r->name = db_column_dup(st, 1);
    r->position = sqlite3_column_int(st, 2);
    r->ties = sqlite3_column_int(st, 3);
    r->respondents = sqlite3_column_int(st, 4);
    r->members = sqlite3_column_int(st, 5);
    return r->name ? 0 : -1;
}

int store_network_waves(struct db *db, long long programme_id, struct network_wave_row **out,
                        size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT w.id, w.name, w.position,"
            " (SELECT count(*) FROM network_ties t WHERE t.wave_id = w.id),"
            " (SELECT count(*) FROM network_responses r WHERE r.wave_id = w.id),"
            " (SELECT count(*) FROM programme_members m WHERE m.programme_id = w.programme_id)"
            " FROM network_waves w WHERE w.programme_id = ?1 ORDER BY w.position, w.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_wave_row, NULL, &rows);
    *out = rows.items;
    *count = rows.count;
    if (rc != 0) {
        network_wave_rows_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

void network_wave_rows_free(struct network_wave_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(rows[i].name);
    free(rows);
}

int store_network_answers_clear(struct db *db, long long wave_id, long long relation_id,
                                long long person_id, long *removed)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM network_ties WHERE wave_id = ?1 AND "
                                      "relation_id = ?2 AND from_id = ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    sqlite3_bind_int64(st, 2, relation_id);
    sqlite3_bind_int64(st, 3, person_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    if (removed)
        *removed = (long)sqlite3_changes(db_sqlite(db));
    return 0;
}

int store_network_tie_put(struct db *db, long long wave_id, long long relation_id,
                          long long from_id, long long to_id, double strength, const char *source)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT OR REPLACE INTO network_ties(wave_id, relation_id, from_id, to_id, strength,"
            " source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    sqlite3_bind_int64(st, 2, relation_id);
    sqlite3_bind_int64(st, 3, from_id);
    sqlite3_bind_int64(st, 4, to_id);
    if (isnan(strength))
        sqlite3_bind_null(st, 5);
    else
        sqlite3_bind_double(st, 5, strength);
    db_bind_text(st, 6, source);
    return db_exec_stmt(st);
}

int store_network_response_record(struct db *db, long long wave_id, long long person_id,
                                  const char *source)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO network_responses(wave_id, person_id, source) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(wave_id, person_id) DO UPDATE SET source = excluded.source, "
            "submitted_at = excluded.submitted_at");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    sqlite3_bind_int64(st, 2, person_id);
    db_bind_text(st, 3, source);
    return db_exec_stmt(st);
}

int store_network_answer_save(struct db *db, long long wave_id, long long relation_id,
                              long long person_id, const long long *to_ids, const double *strengths,
                              size_t count)
{
    if (db_begin(db) != 0)
        return -1;
    if (store_network_answers_clear(db, wave_id, relation_id, person_id, NULL) != 0)
        goto fail;
    for (size_t i = 0; i < count; i++)
        if (store_network_tie_put(db, wave_id, relation_id, person_id, to_ids[i],
                                  strengths ? strengths[i] : NAN, "web") != 0)
            goto fail;
    if (store_network_response_record(db, wave_id, person_id, "web") != 0 || db_commit(db) != 0)
        goto fail;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

int store_network_consent_record(struct db *db, long long programme_id, long long person_id,
                                 bool granted, const char *statement)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO network_consents(programme_id, person_id, "
                                      "granted, statement) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int(st, 3, granted ? 1 : 0);
    db_bind_text(st, 4, statement);
    return db_exec_stmt(st);
}

int store_network_consent_get(struct db *db, long long programme_id, long long person_id,
                              bool *granted)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT granted FROM network_consents WHERE "
                                      "programme_id = ?1 AND person_id = ?2 ORDER BY id DESC "
                                      "LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    long long value = 0;
    int rc = db_row_one(st, db_read_int64, &value, NULL);
    if (rc == 0)
        *granted = value != 0;
    return rc;
}

static int read_known_pair(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct known_pair *k = row;
    k->person_a = sqlite3_column_int64(st, 0);
    k->person_b = sqlite3_column_int64(st, 1);
    return 0;
}

int store_known_pairs(struct db *db, long long programme_id, struct known_pair **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    /* Both people must still be members: a tie to someone who left cannot shape a set. */
    sqlite3_stmt *st =
        db_prepare(db, "SELECT DISTINCT min(t.from_id, t.to_id) AS a, max(t.from_id, t.to_id) AS b"
                       " FROM network_ties t JOIN network_waves w ON w.id = t.wave_id"
                       " JOIN programme_members ma ON ma.programme_id = w.programme_id"
                       "  AND ma.person_id = t.from_id"
                       " JOIN programme_members mb ON mb.programme_id = w.programme_id"
                       "  AND mb.person_id = t.to_id"
                       " WHERE w.programme_id = ?1 ORDER BY a, b");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_known_pair, NULL, &rows);
    if (rc != 0) {
        free(rows.items);
        rows.items = NULL;
        rows.count = 0;
    }
    *out = rows.items;
    *count = rows.count;
    return rc;
}

int store_network_wave_open(struct db *db, long long programme_id, const char *name,
                            const char *const *relations, size_t nrelations, long long *wave_id,
                            int *created)
{
    if (db_begin(db) != 0)
        return -1;
    if (store_network_wave_ensure(db, programme_id, name, wave_id, created) != 0)
        goto fail;
    /* An existing wave keeps the relations it asked: its answers were given to those. */
    for (size_t i = 0; *created && i < nrelations; i++) {
        long long rel;
        if (store_network_relation_ensure(db, programme_id, relations[i], &rel) != 0)
            goto fail;
        sqlite3_stmt *st = db_prepare(db, "INSERT OR IGNORE INTO network_wave_relations(wave_id, "
                                          "relation_id, position) VALUES (?1, ?2, ?3)");
        if (!st)
            goto fail;
        sqlite3_bind_int64(st, 1, *wave_id);
        sqlite3_bind_int64(st, 2, rel);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)i + 1);
        if (db_exec_stmt(st) != 0)
            goto fail;
    }
    if (db_commit(db) == 0)
        return 0;
fail:
    db_rollback(db);
    return -1;
}

int store_network_wave_relations(struct db *db, long long wave_id, long long **ids, size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT relation_id FROM network_wave_relations WHERE "
                                      "wave_id = ?1 ORDER BY position, relation_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    return db_collect_ids(st, ids, count);
}
