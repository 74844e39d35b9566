/* Challenges, themes, theme members and theme settings. */
#include "store/store_challenges.h"

#include "core/strbuf.h"
#include "store/db_rows.h"
#include "store/store_sets.h"

#include <stdlib.h>
#include <string.h>

int store_challenge_put(struct db *db, long long programme_id, long long person_id,
                        const char *title, const char *body, enum challenge_visibility v,
                        bool consent, long long *id, int *created)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM challenges WHERE programme_id = ?1 AND "
                                      "person_id = ?2 AND title = ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    db_bind_text(st, 3, title);
    long long existing = 0;
    if (db_row_one(st, db_read_int64, &existing, NULL) < 0)
        return -1;
    if (existing) {
        st = db_prepare(db, "UPDATE challenges SET body = ?2, visibility = ?3, consent = ?4, "
                            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, existing);
    } else {
        st = db_prepare(db, "INSERT INTO challenges(programme_id, person_id, title, body, "
                            "visibility, consent) VALUES (?5, ?6, ?7, ?2, ?3, ?4)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 5, programme_id);
        sqlite3_bind_int64(st, 6, person_id);
        db_bind_text(st, 7, title);
    }
    db_bind_text(st, 2, body ? body : "");
    db_bind_text(st, 3, privacy_visibility_name(v));
    sqlite3_bind_int(st, 4, consent ? 1 : 0);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = existing ? existing : sqlite3_last_insert_rowid(db_sqlite(db));
    *created = existing ? 0 : 1;
    /* The themes are found again later (the change is marked in the same transaction). */
    st = db_prepare(db, "INSERT INTO theme_refresh(programme_id, changed_at) VALUES (?1, "
                        "CAST(strftime('%s','now') AS INTEGER)) ON CONFLICT(programme_id) DO "
                        "UPDATE SET changed_at = excluded.changed_at");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    /* A challenge no longer shared with the cohort must leave its theme at once. */
    if (v != CHALLENGE_COHORT) {
        st = db_prepare(db, "DELETE FROM theme_members WHERE challenge_id = ?1");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, *id);
        if (db_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

static int read_challenge(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct challenge *c = row;
    c->id = sqlite3_column_int64(st, 0);
    c->person_id = sqlite3_column_int64(st, 1);
    c->email = db_column_dup(st, 2);
    c->name = db_column_dup(st, 3);
    c->title = db_column_dup(st, 4);
    c->body = db_column_dup(st, 5);
    const char *vis = (const char *)sqlite3_column_text(st, 6);
    if (privacy_visibility_parse(vis ? vis : "", &c->visibility) != 0)
        c->visibility = CHALLENGE_ONLY_ME; /* never widen on doubt */
    c->consent = sqlite3_column_int(st, 7) == 1;
    c->theme_id = sqlite3_column_int64(st, 8);
    return c->email && c->name && c->title && c->body ? 0 : -1;
}

int store_challenges_list(struct db *db, long long programme_id, long long person_id,
                          bool cohort_only, struct challenge **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT c.id, c.person_id, p.email, p.name, c.title, c.body, c.visibility, "
                       "c.consent, coalesce(tm.theme_id, 0) FROM challenges c "
                       "JOIN people p ON p.id = c.person_id "
                       "JOIN programme_members pm ON pm.programme_id = c.programme_id "
                       "AND pm.person_id = c.person_id "
                       "LEFT JOIN theme_members tm ON tm.challenge_id = c.id "
                       "WHERE c.programme_id = ?1 AND (?2 = 0 OR c.person_id = ?2) "
                       "AND (?3 = 0 OR c.visibility = 'cohort') ORDER BY c.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int(st, 3, cohort_only ? 1 : 0);
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_challenge, NULL, &rows);
    *out = rows.items;
    *count = rows.count;
    if (rc != 0) {
        challenges_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

void challenges_free(struct challenge *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].email);
        free(list[i].name);
        free(list[i].title);
        free(list[i].body);
    }
    free(list);
}

int store_set_mates(struct db *db, long long programme_id, long long person_id, long long **ids,
                    size_t *count)
{
    /* Membership now by the history, so a move that takes effect later leaves both where they
     * are until then; a set never published (no history) counts its current members. */
#define SET_MATES_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"
    sqlite3_stmt *st =
        db_prepare(db, "SELECT DISTINCT b.person_id FROM sets s JOIN ("
                       " SELECT set_id, person_id FROM set_membership"
                       " UNION SELECT set_id, person_id FROM set_members) b ON b.set_id = s.id"
                       " WHERE b.person_id <> ?2 AND s.plan_id = ("
                       "  SELECT id FROM set_plans WHERE programme_id = ?1 AND status = 'published'"
                       "  ORDER BY published_at DESC, id DESC LIMIT 1)"
                       " AND " STORE_MEMBER_AT("s.id", "?2", SET_MATES_NOW) " AND " STORE_MEMBER_AT(
                           "s.id", "b.person_id", SET_MATES_NOW) " ORDER BY 1");
#undef SET_MATES_NOW
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    return db_collect_ids(st, ids, count);
}

int store_is_member(struct db *db, long long programme_id, long long person_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM programme_members WHERE programme_id = ?1 "
                                      "AND person_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    int rc = db_row_one(st, NULL, NULL, NULL);
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

static int theme_members(struct db *db, struct theme_row *t)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT challenge_id FROM theme_members WHERE theme_id = ?1 "
                                      "ORDER BY challenge_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t->id);
    return db_collect_ids(st, &t->challenges, &t->count);
}

static int read_theme(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct theme_row *t = row;
    t->id = sqlite3_column_int64(st, 0);
    t->label = db_column_dup(st, 1);
    t->auto_label = db_column_dup(st, 2);
    t->renamed = sqlite3_column_int(st, 3) == 1;
    t->pinned = sqlite3_column_int(st, 4) == 1;
    return t->label && t->auto_label ? 0 : -1;
}

static int load_themes(struct db *db, sqlite3_stmt *st, struct theme_row **out, size_t *count)
{
    struct db_rows rows;
    int rc = db_collect(st, sizeof **out, read_theme, NULL, &rows);
    *out = rows.items;
    *count = rows.count;
    if (rc != 0)
        goto fail;
    /* Members afterwards: the statement above must be finished before another one runs. */
    for (size_t i = 0; i < *count; i++) {
        if (theme_members(db, &(*out)[i]) != 0)
            goto fail;
    }
    return 0;
fail:
    theme_rows_free(*out, *count);
    *out = NULL;
    *count = 0;
    return -1;
}

int store_themes_list(struct db *db, long long programme_id, struct theme_row **out, size_t *count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, label, auto_label, renamed, pinned FROM themes "
                                      "WHERE programme_id = ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return load_themes(db, st, out, count);
}

int store_theme_get(struct db *db, long long programme_id, long long id, struct theme_row *out)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, label, auto_label, renamed, pinned FROM themes "
                                      "WHERE programme_id = ?1 AND id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, id);
    struct theme_row *rows;
    size_t n;
    if (load_themes(db, st, &rows, &n) != 0)
        return -1;
    if (n == 0) {
        free(rows);
        return 1;
    }
    *out = rows[0];
    free(rows);
    return 0;
}

void theme_row_clear(struct theme_row *t)
{
    free(t->label);
    free(t->auto_label);
    free(t->challenges);
    memset(t, 0, sizeof *t);
}

void theme_rows_free(struct theme_row *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++)
        theme_row_clear(&list[i]);
    free(list);
}

int store_themes_clear(struct db *db, long long programme_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM themes WHERE programme_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_exec_stmt(st);
}

int store_theme_insert(struct db *db, long long programme_id, const char *label,
                       const char *auto_label, bool renamed, const long long *challenges,
                       size_t count, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO themes(programme_id, label, auto_label, "
                                      "renamed) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, label);
    db_bind_text(st, 3, auto_label);
    sqlite3_bind_int(st, 4, renamed ? 1 : 0);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    for (size_t i = 0; i < count; i++) {
        st = db_prepare(db, "INSERT INTO theme_members(theme_id, challenge_id) VALUES (?1, ?2)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int64(st, 2, challenges[i]);
        if (db_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

int store_theme_delete(struct db *db, long long theme_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM themes WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, theme_id);
    return db_exec_stmt(st);
}

int store_theme_set_label(struct db *db, long long theme_id, const char *label, bool renamed)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE themes SET label = ?2, renamed = ?3 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, theme_id);
    db_bind_text(st, 2, label);
    sqlite3_bind_int(st, 3, renamed ? 1 : 0);
    return db_exec_stmt(st);
}

int store_theme_set_auto_label(struct db *db, long long theme_id, const char *auto_label)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE themes SET auto_label = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, theme_id);
    db_bind_text(st, 2, auto_label);
    return db_exec_stmt(st);
}

int store_themes_clear_unpinned(struct db *db, long long programme_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM themes WHERE programme_id = ?1 AND pinned = 0");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    return db_exec_stmt(st);
}

int store_theme_set_pinned(struct db *db, long long theme_id, bool pinned)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE themes SET pinned = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, theme_id);
    sqlite3_bind_int(st, 2, pinned ? 1 : 0);
    return db_exec_stmt(st);
}

int store_theme_members_set(struct db *db, long long theme_id, const long long *challenges,
                            size_t count)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM theme_members WHERE theme_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, theme_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    return store_theme_move_challenges(db, theme_id, challenges, count);
}

int store_theme_move_challenges(struct db *db, long long into, const long long *ids, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        /* A challenge is in one theme at most (theme_members' key is the challenge). */
        sqlite3_stmt *st = db_prepare(db, "INSERT INTO theme_members(theme_id, challenge_id) "
                                          "VALUES (?1, ?2) ON CONFLICT(challenge_id) DO UPDATE "
                                          "SET theme_id = excluded.theme_id");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, into);
        sqlite3_bind_int64(st, 2, ids[i]);
        if (db_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

int store_theme_move_members(struct db *db, long long from, long long into)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE theme_members SET theme_id = ?2 WHERE theme_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, into);
    return db_exec_stmt(st);
}

int store_person_themes(struct db *db, long long programme_id, long long **people,
                        long long **themes, size_t *count)
{
    *people = *themes = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT c.person_id, tm.theme_id FROM challenges c "
                                      "JOIN theme_members tm ON tm.challenge_id = c.id "
                                      "WHERE c.programme_id = ?1 AND c.visibility = 'cohort' "
                                      "ORDER BY 1, 2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 64;
            long long *p = realloc(*people, cap * sizeof *p);
            if (p)
                *people = p;
            long long *t = realloc(*themes, cap * sizeof *t);
            if (t)
                *themes = t;
            if (!p || !t) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        (*people)[*count] = sqlite3_column_int64(st, 0);
        (*themes)[(*count)++] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*people);
        free(*themes);
        *people = *themes = NULL;
        *count = 0;
        return -1;
    }
    return 0;
}

static int read_stale(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct theme_stale *t = row;
    t->programme_id = sqlite3_column_int64(st, 0);
    t->changed_at = sqlite3_column_int64(st, 1);
    return 0;
}

int store_themes_stale(struct db *db, int64_t quiet_before, struct theme_stale **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT programme_id, changed_at FROM theme_refresh"
                                      " WHERE changed_at <= ?1 ORDER BY programme_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, quiet_before);
    struct db_rows rows = {0};
    if (db_collect(st, sizeof(struct theme_stale), read_stale, NULL, &rows) != 0) {
        free(rows.items);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_themes_fresh(struct db *db, long long programme_id, int64_t changed_at)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM theme_refresh WHERE programme_id = ?1 AND "
                                      "changed_at = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, changed_at);
    return db_exec_stmt(st);
}
