/* Users, sessions, API tokens, invitations and failed logins (migration 0004). */
#include "store/store_accounts.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <stdlib.h>
#include <string.h>

enum user_role user_role_parse(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "admin") == 0)
        return ROLE_ADMIN;
    if (strcmp(name, "facilitator") == 0)
        return ROLE_FACILITATOR;
    if (strcmp(name, "participant") == 0)
        return ROLE_PARTICIPANT;
    return 0;
}

const char *user_role_name(enum user_role role)
{
    switch (role) {
    case ROLE_ADMIN: return "admin";
    case ROLE_FACILITATOR: return "facilitator";
    case ROLE_PARTICIPANT: return "participant";
    }
    return "unknown";
}

void user_clear(struct user *u)
{
    free(u->email);
    free(u->name);
    memset(u, 0, sizeof *u);
}

int store_user_create(struct db *db, const char *email, enum user_role role, const char *hash,
                      long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO users(email, role, person_id, password_hash) "
                                      "VALUES (lower(?1), ?2, "
                                      "(SELECT id FROM people WHERE email = lower(?1)), ?3) "
                                      "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, user_role_name(role));
    db_bind_text(st, 3, hash);
    if (db_exec_stmt(st) != 0)
        return -1;
    if (sqlite3_changes(db_sqlite(db)) == 0)
        return 1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

#define USER_COLUMNS                                                                               \
    "SELECT u.id, u.email, u.role, coalesce(u.person_id, 0), coalesce(p.name, u.email), "          \
    "CASE WHEN u.disabled_at IS NULL THEN u.password_hash END "                                    \
    "FROM users u LEFT JOIN people p ON p.id = u.person_id "

static int user_row(sqlite3_stmt *st, struct user *out, char **hash)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    out->email = db_column_dup(st, 1);
    out->role = user_role_parse((const char *)sqlite3_column_text(st, 2));
    out->person_id = sqlite3_column_int64(st, 3);
    out->name = db_column_dup(st, 4);
    if (hash)
        *hash = db_column_dup(st, 5);
    sqlite3_reset(st);
    if (!out->email || !out->name) {
        user_clear(out);
        return -1;
    }
    return 0;
}

int store_user_get(struct db *db, long long id, struct user *out)
{
    sqlite3_stmt *st = db_prepare(db, USER_COLUMNS "WHERE u.id = ?1 AND u.disabled_at IS NULL");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return user_row(st, out, NULL);
}

int store_user_by_email(struct db *db, const char *email, struct user *out, char **hash)
{
    sqlite3_stmt *st = db_prepare(db, USER_COLUMNS "WHERE u.email = lower(?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    return user_row(st, out, hash);
}

int store_user_set_password(struct db *db, long long id, const char *hash)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE users SET password_hash = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, hash);
    return db_exec_stmt(st);
}

static int read_user_entry(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_user_entry *u = row;
    u->id = sqlite3_column_int64(st, 0);
    u->email = db_column_dup(st, 1);
    u->role = db_column_dup(st, 2);
    u->name = db_column_dup(st, 3);
    u->has_password = sqlite3_column_int(st, 4) != 0;
    u->disabled = sqlite3_column_int(st, 5) != 0;
    return u->email && u->role && u->name ? 0 : -1;
}

void store_user_entries_free(struct store_user_entry *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].email);
        free(list[i].role);
        free(list[i].name);
    }
    free(list);
}

int store_users_list(struct db *db, struct store_user_entry **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st =
        db_prepare(db, "SELECT u.id, u.email, u.role, coalesce(p.name, ''), "
                       "u.password_hash IS NOT NULL, u.disabled_at IS NOT NULL FROM users u "
                       "LEFT JOIN people p ON p.id = u.person_id ORDER BY u.role, u.email");
    if (!st)
        return -1;
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_user_entry, NULL, &rows) != 0) {
        store_user_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_session_create(struct db *db, const char *token_hash, long long user_id, const char *csrf,
                         long long now)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO sessions(token_hash, user_id, csrf, "
                                      "created_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)");
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    return db_exec_stmt(st);
}

static int read_session(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct session_row *out = row;
    out->user_id = sqlite3_column_int64(st, 0);
    const char *csrf = (const char *)sqlite3_column_text(st, 1);
    str_copy(out->csrf, csrf ? csrf : "", sizeof out->csrf);
    out->created_at = sqlite3_column_int64(st, 2);
    out->last_seen = sqlite3_column_int64(st, 3);
    return 0;
}

int store_session_get(struct db *db, const char *token_hash, struct session_row *out)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT user_id, csrf, created_at, last_seen FROM sessions "
                                      "WHERE token_hash = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash);
    return db_row_one(st, read_session, out, NULL);
}

int store_session_touch(struct db *db, const char *token_hash, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, now);
    return db_exec_stmt(st);
}

int store_session_delete(struct db *db, const char *token_hash)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM sessions WHERE token_hash = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, token_hash);
    return db_exec_stmt(st);
}

int store_sessions_delete_user(struct db *db, long long user_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return db_exec_stmt(st);
}

int store_sessions_delete_others(struct db *db, long long user_id, const char *keep_hash)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, keep_hash);
    return db_exec_stmt(st);
}

int store_sessions_expire(struct db *db, long long idle_before, long long created_before)
{
    sqlite3_stmt *st =
        db_prepare(db, "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, idle_before);
    sqlite3_bind_int64(st, 2, created_before);
    return db_exec_stmt(st);
}

int store_token_create(struct db *db, long long user_id, const char *name, const char *hash,
                       long long now, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO api_tokens(user_id, name, token_hash, "
                                      "created_at) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, hash);
    sqlite3_bind_int64(st, 4, now);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_token_user(struct db *db, const char *hash, long long now, long long *user_id)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE api_tokens SET last_used = ?2 "
                                      "WHERE token_hash = ?1 RETURNING user_id");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    int result = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
    if (result == 0) {
        *user_id = sqlite3_column_int64(st, 0);
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    return result;
}

static int read_token_entry(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_token_entry *t = row;
    t->id = sqlite3_column_int64(st, 0);
    t->name = db_column_dup(st, 1);
    t->created_at = sqlite3_column_int64(st, 2);
    t->last_used = sqlite3_column_int64(st, 3);
    return t->name ? 0 : -1;
}

void store_token_entries_free(struct store_token_entry *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i].name);
    free(list);
}

int store_tokens_list(struct db *db, long long user_id, struct store_token_entry **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name, created_at, coalesce(last_used, 0) "
                                      "FROM api_tokens WHERE user_id = ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_token_entry, NULL, &rows) != 0) {
        store_token_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_token_delete(struct db *db, long long user_id, long long id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, user_id);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

int store_invitation_create(struct db *db, const char *hash, long long user_id, long long now,
                            long long expires_at)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO invitations(token_hash, user_id, created_at, "
                                      "expires_at) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, expires_at);
    return db_exec_stmt(st);
}

int store_invitation_use(struct db *db, const char *hash, long long now, long long *user_id)
{
    /* One statement, so that two requests with the same link cannot both use it. */
    sqlite3_stmt *st = db_prepare(db, "UPDATE invitations SET used_at = ?2 WHERE token_hash = ?1 "
                                      "AND used_at IS NULL AND expires_at > ?2 RETURNING user_id");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    int result = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
    if (result == 0) {
        *user_id = sqlite3_column_int64(st, 0);
        sqlite3_step(st);
    }
    sqlite3_reset(st);
    return result;
}

int store_invitation_check(struct db *db, const char *hash, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM invitations WHERE token_hash = ?1 "
                                      "AND used_at IS NULL AND expires_at > ?2");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, now);
    return db_row_one(st, NULL, NULL, NULL);
}

int store_login_failure(struct db *db, const char *key, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO login_attempts(key, at) VALUES (?1, ?2)");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, now);
    return db_exec_stmt(st);
}

int store_login_failures(struct db *db, const char *key, long long since, long *count)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM login_attempts WHERE at < ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, since);
    if (db_exec_stmt(st) != 0)
        return -1;
    st = db_prepare(db, "SELECT count(*) FROM login_attempts WHERE key = ?1 AND at >= ?2");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, since);
    long long n = 0;
    if (db_row_one(st, db_read_int64, &n, NULL) != 0)
        return -1;
    *count = (long)n;
    return 0;
}

int store_login_clear(struct db *db, const char *key)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM login_attempts WHERE key = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    return db_exec_stmt(st);
}

int store_programme_people_without_account(struct db *db, long long programme_id,
                                           struct store_user_entry **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT p.id, p.email, 'participant', p.name, 0 FROM programme_members m "
            "JOIN people p ON p.id = m.person_id WHERE m.programme_id = ?1 AND NOT EXISTS "
            "(SELECT 1 FROM users u WHERE u.email = p.email OR u.person_id = p.id) "
            "ORDER BY p.email");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_user_entry, NULL, &rows) != 0) {
        store_user_entries_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}

int store_user_has_password(struct db *db, long long user_id)
{
    sqlite3_stmt *st =
        db_prepare(db, "SELECT 1 FROM users WHERE id = ?1 AND password_hash IS NOT NULL");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return db_row_one(st, NULL, NULL, NULL);
}

static int read_stats(sqlite3_stmt *st, void *row, void *ctx)
{
    long long *out = row;
    out[0] = sqlite3_column_int64(st, 0);
    out[1] = sqlite3_column_int64(st, 1);
    return 0;
}

int store_login_stats(struct db *db, const char *key, long long since, long *count, long long *last)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT count(*), coalesce(max(at), 0) FROM "
                                      "login_attempts WHERE key = ?1 AND at >= ?2");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    sqlite3_bind_int64(st, 2, since);
    long long v[2] = {0, 0};
    if (db_row_one(st, read_stats, v, NULL) != 0)
        return -1;
    *count = (long)v[0];
    *last = v[1];
    return 0;
}

int store_login_remember(struct db *db, const char *email, const char *address, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO login_known(email, address, at) VALUES "
                                      "(lower(?1), ?2, ?3) ON CONFLICT DO UPDATE SET at = ?3");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, address);
    sqlite3_bind_int64(st, 3, now);
    return db_exec_stmt(st);
}

int store_login_is_known(struct db *db, const char *email, const char *address, long long since)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM login_known WHERE email = lower(?1) AND "
                                      "address = ?2 AND at >= ?3");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, address);
    sqlite3_bind_int64(st, 3, since);
    int rc = db_row_one(st, NULL, NULL, NULL);
    return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

int store_user_set_role(struct db *db, long long id, enum user_role role)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE users SET role = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, user_role_name(role));
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

int store_user_set_disabled(struct db *db, long long id, bool disabled, long long now)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE users SET disabled_at = CASE WHEN ?2 THEN "
                                      "coalesce(disabled_at, ?3) END WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, disabled);
    sqlite3_bind_int64(st, 3, now);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}
int store_tokens_delete_user(struct db *db, long long user_id)
{
    sqlite3_stmt *st = db_prepare(db, "DELETE FROM api_tokens WHERE user_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return db_exec_stmt(st);
}
