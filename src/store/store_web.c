/* Read queries for the web pages and the API; each one applies who may see what. */
#include "store/store_web.h"

#include <string.h>

/* One row as an object keyed by column names (the SQL aliases). */
static json_t *row_object(sqlite3_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        json_t *v;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
        case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
        case SQLITE_NULL: v = json_null(); break;
        default: v = json_string((const char *)sqlite3_column_text(st, i)); break;
        }
        /* Optional columns named with a trailing '?' are left out when NULL. */
        size_t len = strlen(name);
        if (len && name[len - 1] == '?') {
            if (json_is_null(v)) {
                json_decref(v);
                continue;
            }
            char key[64];
            if (len >= sizeof key)
                len = sizeof key - 1;
            memcpy(key, name, len - 1);
            key[len - 1] = '\0';
            json_object_set_new(o, key, v);
        } else {
            json_object_set_new(o, name, v);
        }
    }
    return o;
}

/* Steps ST to the end, collecting rows; resets it. NULL on error. */
static json_t *rows(sqlite3_stmt *st)
{
    json_t *list = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(list, row_object(st));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* 0 and the first row, 1 when there is none, -1 on error. */
static int one_row(sqlite3_stmt *st, json_t **out)
{
    json_t *list = rows(st);
    if (!list)
        return -1;
    if (json_array_size(list) == 0) {
        json_decref(list);
        return 1;
    }
    *out = json_incref(json_array_get(list, 0));
    json_decref(list);
    return 0;
}

static bool is_admin(const struct user *u)
{
    return u->role == ROLE_ADMIN;
}

#define PROGRAMME_SELECT                                                                           \
    "SELECT p.id AS id, p.name AS name, p.description AS description, "                            \
    "p.starts_on AS starts_on, p.ends_on AS ends_on, p.set_size_min AS set_size_min, "             \
    "p.set_size_max AS set_size_max, p.weights_json AS weights, "                                  \
    "(SELECT count(*) FROM programme_members m WHERE m.programme_id = p.id) AS members, "          \
    "(SELECT count(*) FROM sets s JOIN set_plans sp ON sp.id = s.plan_id "                         \
    " WHERE sp.programme_id = p.id) AS sets, "                                                     \
    "CASE WHEN p.ends_on IS NOT NULL AND p.ends_on < date('now') THEN 'finished' "                 \
    " WHEN EXISTS (SELECT 1 FROM set_plans sp WHERE sp.programme_id = p.id "                       \
    "   AND sp.status = 'published') THEN 'running' "                                              \
    " WHEN EXISTS (SELECT 1 FROM set_plans sp WHERE sp.programme_id = p.id) "                      \
    "   THEN 'sets formed' ELSE 'draft' END AS state FROM programmes p "
/* ?1 admin flag, ?2 person id: admins see all; others their memberships and facilitations. */
#define PROGRAMME_VISIBLE                                                                          \
    "(?1 OR EXISTS (SELECT 1 FROM programme_members m WHERE m.programme_id = p.id "                \
    "  AND m.person_id = ?2) OR EXISTS (SELECT 1 FROM sets s JOIN set_plans sp "                   \
    "  ON sp.id = s.plan_id WHERE sp.programme_id = p.id AND s.facilitator_id = ?2))"

json_t *store_web_programmes(struct db *db, const struct user *user)
{
    sqlite3_stmt *st =
        db_prepare(db, PROGRAMME_SELECT "WHERE " PROGRAMME_VISIBLE " ORDER BY p.name");
    if (!st)
        return NULL;
    sqlite3_bind_int(st, 1, is_admin(user));
    sqlite3_bind_int64(st, 2, user->person_id);
    return rows(st);
}

int store_web_programme(struct db *db, const struct user *user, long long id, json_t **out)
{
    sqlite3_stmt *st = db_prepare(db, PROGRAMME_SELECT "WHERE p.id = ?3 AND " PROGRAMME_VISIBLE);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, is_admin(user));
    sqlite3_bind_int64(st, 2, user->person_id);
    sqlite3_bind_int64(st, 3, id);
    return one_row(st, out);
}

int store_web_programme_create(struct db *db, const char *name, const char *description,
                               const char *starts_on, const char *ends_on, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO programmes(name, description, starts_on, "
                                      "ends_on) VALUES (?1, ?2, nullif(?3, ''), nullif(?4, '')) "
                                      "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, description ? description : "");
    db_bind_text(st, 3, starts_on);
    db_bind_text(st, 4, ends_on);
    if (db_exec_stmt(st) != 0)
        return -1;
    if (sqlite3_changes(db_sqlite(db)) == 0)
        return 1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_web_programme_update(struct db *db, long long id, const char *name,
                               const char *description, const char *starts_on, const char *ends_on,
                               long size_min, long size_max)
{
    sqlite3_stmt *st =
        db_prepare(db, "UPDATE OR IGNORE programmes SET name = ?2, description = ?3, "
                       "starts_on = nullif(?4, ''), ends_on = nullif(?5, ''), "
                       "set_size_min = ?6, set_size_max = ?7 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, description ? description : "");
    db_bind_text(st, 4, starts_on);
    db_bind_text(st, 5, ends_on);
    sqlite3_bind_int64(st, 6, size_min);
    sqlite3_bind_int64(st, 7, size_max);
    if (db_exec_stmt(st) != 0)
        return -1;
    return sqlite3_changes(db_sqlite(db)) ? 0 : 1;
}

#define PERSON_COLUMNS                                                                             \
    "pe.id AS id, pe.name AS name, coalesce(o.name, '') AS organisation, "                         \
    "coalesce((SELECT value FROM person_attributes a WHERE a.person_id = pe.id "                   \
    " AND a.name = 'department'), '') AS department, "                                             \
    "CASE WHEN ?9 THEN pe.email END AS \"email?\" "

json_t *store_web_people(struct db *db, long long programme_id, const char *q, const char *attr,
                         const char *value, bool with_email, long limit)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " PERSON_COLUMNS "FROM programme_members m JOIN people pe ON pe.id = "
            "m.person_id LEFT JOIN organisations o ON o.id = pe.organisation_id "
            "WHERE m.programme_id = ?1 "
            "AND (?2 = '' OR instr(lower(pe.name), lower(?2)) > 0 "
            "  OR (?9 AND instr(pe.email, lower(?2)) > 0)) "
            "AND (?3 = '' OR (?3 = 'organisation' AND o.name = ?4) OR EXISTS (SELECT 1 FROM "
            "  person_attributes a WHERE a.person_id = pe.id AND a.name = ?3 AND a.value = ?4)) "
            "ORDER BY pe.name, pe.id LIMIT ?5");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, q ? q : "");
    db_bind_text(st, 3, attr ? attr : "");
    db_bind_text(st, 4, value ? value : "");
    sqlite3_bind_int64(st, 5, limit);
    sqlite3_bind_int(st, 9, with_email);
    return rows(st);
}

json_t *store_web_attr_names(struct db *db, long long programme_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT a.name AS name FROM person_attributes a "
                                      "JOIN programme_members m ON m.person_id = a.person_id "
                                      "WHERE m.programme_id = ?1 ORDER BY a.name");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, programme_id);
    json_t *list = rows(st), *names = json_array();
    size_t i;
    json_t *row;
    json_array_append_new(names, json_string("organisation"));
    json_array_foreach(list, i, row) json_array_append(names, json_object_get(row, "name"));
    json_decref(list);
    return names;
}

/* ?1 admin, ?2 viewer's person id, ?3 the person: the viewer themselves, a set mate in a
 * published plan, or a member of a set the viewer facilitates. */
#define PERSON_VISIBLE                                                                             \
    "(?1 OR ?3 = ?2 OR EXISTS (SELECT 1 FROM set_members a JOIN set_members b "                    \
    " ON a.set_id = b.set_id JOIN sets s ON s.id = a.set_id JOIN set_plans sp "                    \
    " ON sp.id = s.plan_id WHERE a.person_id = ?2 AND b.person_id = ?3 "                           \
    " AND sp.status = 'published') OR EXISTS (SELECT 1 FROM set_members b JOIN sets s "            \
    " ON s.id = b.set_id WHERE s.facilitator_id = ?2 AND b.person_id = ?3))"

int store_web_person(struct db *db, const struct user *user, long long id, json_t **out)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " PERSON_COLUMNS "FROM people pe LEFT JOIN organisations o "
            "ON o.id = pe.organisation_id WHERE pe.id = ?3 AND ?2 IS NOT NULL AND " PERSON_VISIBLE);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, is_admin(user));
    if (user->person_id)
        sqlite3_bind_int64(st, 2, user->person_id);
    else if (is_admin(user))
        sqlite3_bind_int64(st, 2, -1);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int(st, 9, is_admin(user) || (user->person_id && user->person_id == id));
    int rc = one_row(st, out);
    if (rc != 0)
        return rc;
    st = db_prepare(db, "SELECT name, value FROM person_attributes WHERE person_id = ?1 "
                        "ORDER BY name");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    json_t *attrs = json_object();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_object_set_new(attrs, (const char *)sqlite3_column_text(st, 0),
                            json_string((const char *)sqlite3_column_text(st, 1)));
    sqlite3_reset(st);
    json_object_set_new(*out, "attributes", attrs);
    if (rc == SQLITE_DONE)
        return 0;
fail:
    json_decref(*out);
    *out = NULL;
    return -1;
}

#define SET_COLUMNS                                                                                \
    "s.id AS id, s.name AS name, pr.name AS programme, pr.id AS programme_id, "                    \
    "sp.name AS plan, sp.status AS status, coalesce(f.name, '') AS facilitator, "                  \
    "(SELECT count(*) FROM set_members c WHERE c.set_id = s.id) AS members "
#define SET_FROM                                                                                   \
    "FROM sets s JOIN set_plans sp ON sp.id = s.plan_id JOIN programmes pr "                       \
    "ON pr.id = sp.programme_id LEFT JOIN people f ON f.id = s.facilitator_id "

json_t *store_web_my_sets(struct db *db, const struct user *user)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " SET_COLUMNS ", CASE WHEN s.facilitator_id = ?1 THEN 'facilitator' "
            "ELSE 'member' END AS role " SET_FROM "WHERE s.facilitator_id = ?1 OR "
            "(sp.status = 'published' AND EXISTS (SELECT 1 FROM set_members m "
            " WHERE m.set_id = s.id AND m.person_id = ?1)) ORDER BY pr.name, s.position");
    if (!st)
        return NULL;
    /* An account that is no person has no sets; -1 matches no row. */
    sqlite3_bind_int64(st, 1, user->person_id ? user->person_id : -1);
    return rows(st);
}

int store_web_set(struct db *db, const struct user *user, long long id, json_t **out)
{
    sqlite3_stmt *st = db_prepare(
        db, "SELECT " SET_COLUMNS SET_FROM "WHERE s.id = ?3 AND (?1 OR s.facilitator_id = ?2 "
            "OR (sp.status = 'published' AND EXISTS (SELECT 1 FROM set_members m "
            " WHERE m.set_id = s.id AND m.person_id = ?2)))");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, is_admin(user));
    sqlite3_bind_int64(st, 2, user->person_id ? user->person_id : -1);
    sqlite3_bind_int64(st, 3, id);
    int rc = one_row(st, out);
    if (rc != 0)
        return rc;
    st = db_prepare(db, "SELECT " PERSON_COLUMNS "FROM set_members sm JOIN people pe "
                        "ON pe.id = sm.person_id LEFT JOIN organisations o "
                        "ON o.id = pe.organisation_id WHERE sm.set_id = ?1 ORDER BY pe.name");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 9, is_admin(user));
    json_t *members = rows(st);
    if (!members)
        goto fail;
    json_object_set_new(*out, "members", members);
    return 0;
fail:
    json_decref(*out);
    *out = NULL;
    return -1;
}

int store_web_programme_sets(struct db *db, long long programme_id, json_t **out)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name AS plan, status FROM set_plans "
                                      "WHERE programme_id = ?1 ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    json_t *plan = NULL;
    int rc = one_row(st, &plan);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        *out = json_pack("{sn sn s[]}", "plan", "status", "sets");
        return 0;
    }
    long long plan_id = json_integer_value(json_object_get(plan, "id"));
    st = db_prepare(db, "SELECT s.id AS id, s.name AS name, coalesce(f.name, '') AS facilitator "
                        "FROM sets s LEFT JOIN people f ON f.id = s.facilitator_id "
                        "WHERE s.plan_id = ?1 ORDER BY s.position, s.name");
    json_t *sets = st ? (sqlite3_bind_int64(st, 1, plan_id), rows(st)) : NULL;
    if (!sets) {
        json_decref(plan);
        return -1;
    }
    size_t i;
    json_t *set;
    json_array_foreach(sets, i, set)
    {
        st = db_prepare(db, "SELECT " PERSON_COLUMNS "FROM set_members sm JOIN people pe "
                            "ON pe.id = sm.person_id LEFT JOIN organisations o "
                            "ON o.id = pe.organisation_id WHERE sm.set_id = ?1 ORDER BY pe.name");
        json_t *members = NULL;
        if (st) {
            sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(set, "id")));
            sqlite3_bind_int(st, 9, 1);
            members = rows(st);
        }
        if (!members) {
            json_decref(sets);
            json_decref(plan);
            return -1;
        }
        json_object_set_new(set, "members", members);
    }
    json_object_del(plan, "id");
    json_object_set_new(plan, "sets", sets);
    *out = plan;
    return 0;
}

int store_web_programme_weights(struct db *db, long long id, const char *weights)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE programmes SET weights_json = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    db_bind_text(st, 2, weights ? weights : "");
    return db_exec_stmt(st);
}
