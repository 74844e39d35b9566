/* Instruments, waves and answers. */
#include "store/store_surveys.h"

#include "core/strbuf.h"
#include "store/db_rows.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

int store_instrument_id(struct db *db, const char *name, long long *id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM instruments WHERE name = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    return db_row_one(st, db_read_int64, id, NULL);
}

static int load_points(struct instrument *ins, const char *json)
{
    size_t n = (size_t)(ins->point_max - ins->point_min + 1);
    ins->point_labels = calloc(n, sizeof *ins->point_labels);
    if (!ins->point_labels)
        return -1;
    json_t *arr = json_loads(json ? json : "[]", 0, NULL);
    for (size_t p = 0; p < n; p++) {
        const char *s = json_string_value(json_array_get(arr, p));
        ins->point_labels[p] = s ? strdup(s) : str_printf("%d", ins->point_min + (int)p);
        if (!ins->point_labels[p]) {
            json_decref(arr);
            return -1;
        }
    }
    json_decref(arr);
    return 0;
}

int store_instrument_load(struct db *db, long long id, struct instrument *out, long long **item_ids)
{
    memset(out, 0, sizeof *out);
    *item_ids = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT name, source, point_min, point_max, "
                                      "point_labels_json FROM instruments WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    out->id = id;
    out->name = db_column_dup(st, 0);
    out->source = db_column_dup(st, 1);
    out->point_min = sqlite3_column_int(st, 2);
    out->point_max = sqlite3_column_int(st, 3);
    char *points = db_column_dup(st, 4);
    sqlite3_reset(st);
    int bad = !out->name || !out->source || load_points(out, points) != 0;
    free(points);
    if (bad)
        goto fail;
    st = db_prepare(db, "SELECT name, title, higher_is_better FROM instrument_scales "
                        "WHERE instrument_id = ?1 ORDER BY position");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct instrument_scale *n = realloc(out->scales, (out->nscales + 1) * sizeof *out->scales);
        if (!n)
            break;
        out->scales = n;
        struct instrument_scale *s = &out->scales[out->nscales++];
        s->name = db_column_dup(st, 0);
        s->title = db_column_dup(st, 1);
        s->higher_is_better = sqlite3_column_int(st, 2) == 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        goto fail;
    st = db_prepare(db, "SELECT id, code, text, scale, reversed, source FROM instrument_items "
                        "WHERE instrument_id = ?1 ORDER BY position, id");
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct instrument_item *n = realloc(out->items, (out->nitems + 1) * sizeof *out->items);
        long long *ids = realloc(*item_ids, (out->nitems + 1) * sizeof *ids);
        if (n)
            out->items = n;
        if (ids)
            *item_ids = ids;
        if (!n || !ids)
            break;
        (*item_ids)[out->nitems] = sqlite3_column_int64(st, 0);
        struct instrument_item *it = &out->items[out->nitems++];
        it->code = db_column_dup(st, 1);
        it->text = db_column_dup(st, 2);
        it->scale = db_column_dup(st, 3);
        it->reversed = sqlite3_column_int(st, 4) == 1;
        it->source = db_column_dup(st, 5);
        if (!it->code || !it->text || !it->scale || !it->source) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        goto fail;
    return 0;
fail:
    instrument_free(out);
    free(*item_ids);
    *item_ids = NULL;
    return -1;
}

int store_instrument_create(struct db *db, const struct instrument *ins, long long *id)
{
    json_t *points = json_array();
    for (int p = 0; p <= ins->point_max - ins->point_min; p++)
        json_array_append_new(points, json_string(ins->point_labels[p]));
    char *points_json = json_dumps(points, JSON_COMPACT);
    json_decref(points);
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO instruments(name, source, point_min, "
                                      "point_max, point_labels_json) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st || !points_json) {
        free(points_json);
        return -1;
    }
    db_bind_text(st, 1, ins->name);
    db_bind_text(st, 2, ins->source);
    sqlite3_bind_int(st, 3, ins->point_min);
    sqlite3_bind_int(st, 4, ins->point_max);
    db_bind_text(st, 5, points_json);
    free(points_json);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    for (size_t s = 0; s < ins->nscales; s++) {
        st = db_prepare(db, "INSERT INTO instrument_scales(instrument_id, name, title, "
                            "higher_is_better, position) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, *id);
        db_bind_text(st, 2, ins->scales[s].name);
        db_bind_text(st, 3, ins->scales[s].title);
        sqlite3_bind_int(st, 4, ins->scales[s].higher_is_better ? 1 : 0);
        sqlite3_bind_int(st, 5, (int)s + 1);
        if (db_exec_stmt(st) != 0)
            return -1;
    }
    for (size_t i = 0; i < ins->nitems; i++) {
        const struct instrument_item *it = &ins->items[i];
        st = db_prepare(db, "INSERT INTO instrument_items(instrument_id, position, code, text, "
                            "scale, reversed, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int(st, 2, (int)i + 1);
        db_bind_text(st, 3, it->code);
        db_bind_text(st, 4, it->text);
        db_bind_text(st, 5, it->scale);
        sqlite3_bind_int(st, 6, it->reversed ? 1 : 0);
        db_bind_text(st, 7, it->source);
        if (db_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

/* Columns 0 and 1 as long longs into ((long long *)ROW)[0] and [1]. 0. */
static int read_two_ids(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    long long *ids = row;
    ids[0] = sqlite3_column_int64(st, 0);
    ids[1] = sqlite3_column_int64(st, 1);
    return 0;
}

int store_wave_find(struct db *db, long long programme_id, const char *name, long long *id,
                    long long *instrument_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT id, instrument_id FROM survey_waves "
                                      "WHERE programme_id = ?1 AND name = ?2");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    db_bind_text(st, 2, name);
    long long ids[2];
    int rc = db_row_one(st, read_two_ids, ids, NULL);
    if (rc == 0) {
        *id = ids[0];
        *instrument_id = ids[1];
    }
    return rc;
}

int store_wave_ensure(struct db *db, long long programme_id, const char *name,
                      long long instrument_id, long long *id)
{
    long long have;
    int rc = store_wave_find(db, programme_id, name, id, &have);
    if (rc == 0)
        return have == instrument_id ? 0 : 1;
    if (rc < 0)
        return -1;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO survey_waves(programme_id, instrument_id, "
                                      "name) VALUES (?1, ?2, ?3)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, instrument_id);
    db_bind_text(st, 3, name);
    if (db_exec_stmt(st) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(db));
    return 0;
}

int store_waves_list(struct db *db, long long programme_id, long long instrument_id,
                     long long **ids, char ***names, size_t *count)
{
    *ids = NULL;
    *names = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(db, "SELECT id, name FROM survey_waves WHERE programme_id = ?1 "
                                      "AND instrument_id = ?2 ORDER BY opened_at, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, instrument_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long *i = realloc(*ids, (*count + 1) * sizeof *i);
        if (i)
            *ids = i;
        char **n = realloc(*names, (*count + 1) * sizeof *n);
        if (n)
            *names = n;
        char *name = i && n ? db_column_dup(st, 1) : NULL;
        if (!name) {
            rc = SQLITE_NOMEM;
            break;
        }
        (*ids)[*count] = sqlite3_column_int64(st, 0);
        (*names)[(*count)++] = name;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        for (size_t k = 0; k < *count; k++)
            free((*names)[k]);
        free(*names);
        free(*ids);
        *names = NULL;
        *ids = NULL;
        *count = 0;
        return -1;
    }
    return 0;
}

int store_answer_put(struct db *db, long long wave_id, long long person_id, long long item_id,
                     int value)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO survey_answers(wave_id, person_id, item_id, value) VALUES (?1, ?2, ?3, "
            "?4) ON CONFLICT (wave_id, person_id, item_id) DO UPDATE SET value = excluded.value, "
            "answered_at = excluded.answered_at");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    sqlite3_bind_int64(st, 2, person_id);
    sqlite3_bind_int64(st, 3, item_id);
    sqlite3_bind_int(st, 4, value);
    return db_exec_stmt(st);
}

int store_survey_wave_answers(struct db *db, long long wave_id, const long long *item_ids,
                              size_t nitems, struct survey_responses *out)
{
    memset(out, 0, sizeof *out);
    out->nitems = nitems;
    sqlite3_stmt *st = db_prepare(db, "SELECT person_id, item_id, value FROM survey_answers "
                                      "WHERE wave_id = ?1 ORDER BY person_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long person = sqlite3_column_int64(st, 0);
        long long item = sqlite3_column_int64(st, 1);
        if (out->npeople == 0 || out->people[out->npeople - 1] != person) {
            if (out->npeople == cap) {
                cap = cap ? cap * 2 : 64;
                long long *p = realloc(out->people, cap * sizeof *p);
                if (p)
                    out->people = p;
                int *a = realloc(out->answers, cap * (nitems ? nitems : 1) * sizeof *a);
                if (a)
                    out->answers = a;
                if (!p || !a) {
                    rc = SQLITE_NOMEM;
                    break;
                }
            }
            out->people[out->npeople] = person;
            for (size_t i = 0; i < nitems; i++)
                out->answers[out->npeople * nitems + i] = INSTRUMENT_NO_ANSWER;
            out->npeople++;
        }
        for (size_t i = 0; i < nitems; i++) {
            if (item_ids[i] == item)
                out->answers[(out->npeople - 1) * nitems + i] = sqlite3_column_int(st, 2);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        survey_responses_free(out);
        return -1;
    }
    return 0;
}

void survey_responses_free(struct survey_responses *r)
{
    free(r->people);
    free(r->answers);
    memset(r, 0, sizeof *r);
}

long store_survey_respondents(struct db *db, long long wave_id)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT count(DISTINCT person_id) FROM survey_answers "
                                      "WHERE wave_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, wave_id);
    long long n = 0;
    return db_row_one(st, db_read_int64, &n, NULL) == 0 ? (long)n : -1;
}

static int read_answer(sqlite3_stmt *st, void *row, void *ctx)
{
    (void)ctx;
    struct store_survey_answer *a = row;
    a->wave = db_column_dup(st, 0);
    a->item = db_column_dup(st, 1);
    a->text = db_column_dup(st, 2);
    a->value = sqlite3_column_int(st, 3);
    if (sqlite3_column_type(st, 4) == SQLITE_TEXT && !(a->label = db_column_dup(st, 4)))
        return -1;
    return a->wave && a->item && a->text ? 0 : -1;
}

void store_survey_answers_free(struct store_survey_answer *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].wave);
        free(list[i].item);
        free(list[i].label);
        free(list[i].text);
    }
    free(list);
}

int store_survey_person_answers(struct db *db, long long programme_id, long long person_id,
                                struct store_survey_answer **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT w.name, i.code, i.text, a.value,"
            " json_extract(ins.point_labels_json, '$[' || (a.value - ins.point_min) || ']')"
            " FROM survey_answers a JOIN survey_waves w ON w.id = a.wave_id"
            " JOIN instrument_items i ON i.id = a.item_id"
            " JOIN instruments ins ON ins.id = i.instrument_id"
            " WHERE w.programme_id = ?1 AND a.person_id = ?2 ORDER BY w.id, i.position");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    sqlite3_bind_int64(st, 2, person_id);
    struct db_rows rows;
    if (db_collect(st, sizeof **out, read_answer, NULL, &rows) != 0) {
        store_survey_answers_free(rows.items, rows.count);
        return -1;
    }
    *out = rows.items;
    *count = rows.count;
    return 0;
}
