/* Loading and planning mixer events: what the event pages and the API share. The engine
 * (engine/rounds) does the planning; this file turns stored rows into its arrays and back. */
#include "web/pages/page_events.h"

#include "engine/rounds/rounds.h"

#include <stdlib.h>
#include <string.h>

int event_view_load(struct db *db, long long id, struct event_view *v)
{
    memset(v, 0, sizeof *v);
    int rc = store_event_get(db, id, &v->ev);
    if (rc != 0)
        return rc;
    if (store_event_members(db, v->ev.programme_id, &v->ids, &v->names, &v->n) != 0)
        return -1;
    size_t cells = (size_t)v->ev.rounds * (size_t)(v->n > 0 ? v->n : 1);
    v->table = malloc(cells * sizeof *v->table);
    v->absent = calloc(cells, 1);
    if (!v->table || !v->absent || store_event_seats(db, &v->ev, v->ids, v->n, v->table) != 0 ||
        store_event_absences(db, &v->ev, v->ids, v->n, v->absent) != 0) {
        event_view_free(v);
        return -1;
    }
    return 0;
}

void event_view_free(struct event_view *v)
{
    free(v->ids);
    store_event_names_free(v->names, v->n);
    free(v->table);
    free(v->absent);
    memset(v, 0, sizeof *v);
}

const char *event_person_name(const struct event_view *v, int i)
{
    return i >= 0 && i < v->n && v->names[i] ? v->names[i] : "";
}

int event_sizes_parse(const char *text, int *min, int *max)
{
    *min = *max = 0;
    if (!text)
        return -1;
    char *end;
    long a = strtol(text, &end, 10);
    if (end == text || a < 0 || a > 1000)
        return -1;
    if (*end == '\0') {
        *max = (int)a;
        return 0;
    }
    if (*end != '-')
        return -1;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end || b < 0 || b > 1000)
        return -1;
    *min = (int)a;
    *max = (int)b;
    return 0;
}

const char *event_problem(const char *name, int min_group_size, int group_size, int rounds)
{
    if (!name || !*name)
        return "Give the event a name.";
    if (strlen(name) > 200)
        return "The name is too long (200 characters at most).";
    if (group_size < 2 || group_size > ROUNDS_MAX_GROUP)
        return "Tables hold 2 to 64 people.";
    if (min_group_size != 0 && (min_group_size < 2 || min_group_size > group_size))
        return "A range of table sizes reads smallest-largest, e.g. 4-5, from 2 people up.";
    if (rounds < 1 || rounds > ROUNDS_MAX_ROUNDS)
        return "An event has 1 to 100 rounds.";
    return NULL;
}

int event_plan(struct db *db, long long id, char *err, size_t errlen)
{
    struct event_view v;
    int rc = event_view_load(db, id, &v);
    if (rc != 0)
        return rc;
    if (v.n < 2 || v.n > ROUNDS_MAX_PEOPLE) {
        str_copy(err, "The programme needs 2 to 2000 members to plan an event.", errlen);
        event_view_free(&v);
        return 1;
    }
    /* Locked rounds keep their stored tables; before the first generation nothing is locked. */
    int locked = v.ev.generated ? v.ev.locked_rounds : 0;
    /* Someone who joined the programme after a locked round was played missed it. */
    for (long k = 0; k < (long)locked * v.n; k++)
        if (v.table[k] < 0)
            v.absent[k] = 1;
    struct rounds_request req = {
        .people = v.n,
        .group_size = v.ev.group_size,
        .min_group_size = v.ev.min_group_size,
        .rounds = v.ev.rounds,
        .absent = v.absent,
        .locked = locked > 0 ? v.table : NULL,
        .locked_rounds = locked,
        .seed = (unsigned long)v.ev.seed,
        .seconds = 1.0,
    };
    struct rounds_result res = {0};
    if (rounds_solve(&req, &res, err, errlen) != 0) {
        event_view_free(&v);
        return 1;
    }
    rc = 0;
    if (rounds_check(&req, res.table, NULL, NULL, err, errlen) != 0)
        rc = -1; /* the engine broke its own promise: refuse to store it */
    else {
        v.ev.repeat_pairs = res.repeat_pairs;
        v.ev.max_meetings = res.max_meetings;
        v.ev.bound = res.bound;
        v.ev.perfect = res.perfect;
        str_copy(v.ev.method, res.method ? res.method : "", sizeof v.ev.method);
        rc = store_event_save(db, &v.ev, v.ids, v.n, res.table);
    }
    rounds_result_free(&res);
    event_view_free(&v);
    return rc;
}

/* The index of PERSON_ID among V's people, or -1. */
static int person_index(const struct event_view *v, long long person_id)
{
    for (int i = 0; i < v->n; i++)
        if (v->ids[i] == person_id)
            return i;
    return -1;
}

int event_mark_absent(struct db *db, long long id, long long person_id, int round, bool absent,
                      char *err, size_t errlen)
{
    struct event_view v;
    int rc = event_view_load(db, id, &v);
    if (rc != 0)
        return rc;
    rc = 1;
    if (person_index(&v, person_id) < 0)
        str_copy(err, "That person is not in this programme.", errlen);
    else if (round < 0 || round >= v.ev.rounds)
        str_copy(err, "There is no such round.", errlen);
    else if (v.ev.generated && round < v.ev.locked_rounds)
        str_copy(err, "That round is locked: it has been played.", errlen);
    else
        rc = store_event_absence_set(db, id, round, person_id, absent) == 0 ? 0 : -1;
    bool replan = rc == 0 && v.ev.generated;
    event_view_free(&v);
    /* Changing who is there re-plans the rounds still to come straight away. */
    return replan ? event_plan(db, id, err, errlen) : rc;
}

int event_set_locked(struct db *db, long long id, int locked_rounds, char *err, size_t errlen)
{
    struct store_event ev;
    int rc = store_event_get(db, id, &ev);
    if (rc != 0)
        return rc;
    if (!ev.generated) {
        str_copy(err, "Generate the schedule before locking rounds.", errlen);
        return 1;
    }
    if (locked_rounds < 0 || locked_rounds > ev.rounds) {
        str_copy(err, "There is no such round.", errlen);
        return 1;
    }
    return store_event_lock(db, id, locked_rounds) == 0 ? 0 : -1;
}

long event_least_repeats(const struct event_view *v)
{
    int locked = v->ev.locked_rounds;
    struct rounds_request req = {
        .people = v->n,
        .group_size = v->ev.group_size,
        .min_group_size = v->ev.min_group_size,
        .rounds = v->ev.rounds,
        .absent = v->absent,
        .locked = locked > 0 ? v->table : NULL,
        .locked_rounds = locked,
    };
    return v->n >= 2 && v->ev.generated ? rounds_request_least_repeats(&req) : -1;
}

json_t *event_view_json(const struct event_view *v)
{
    const struct store_event *e = &v->ev;
    json_t *o = json_pack("{s:I, s:I, s:s, s:i, s:i, s:i, s:I, s:i, s:b, s:i}", "id",
                          (json_int_t)e->id, "programme_id", (json_int_t)e->programme_id, "name",
                          e->name, "group_size", e->group_size, "min_group_size", e->min_group_size,
                          "rounds", e->rounds, "seed", (json_int_t)e->seed, "locked_rounds",
                          e->locked_rounds, "generated", e->generated, "people", v->n);
    if (!o)
        return NULL;
    if (e->generated) {
        json_object_set_new(o, "repeat_pairs", json_integer(e->repeat_pairs));
        json_object_set_new(o, "max_meetings", json_integer(e->max_meetings));
        json_object_set_new(o, "bound", json_integer(e->bound));
        json_object_set_new(o, "perfect", json_boolean(e->perfect));
        long least = event_least_repeats(v);
        json_object_set_new(o, "least_repeats", json_integer(least > 0 ? least : 0));
        json_object_set_new(o, "optimal",
                            json_boolean(e->perfect || (least > 0 && e->repeat_pairs <= least &&
                                                        e->max_meetings <= 2)));
        json_object_set_new(o, "method", json_string(e->method));
    }
    json_t *rounds = json_array();
    for (int r = 0; r < e->rounds && e->generated; r++) {
        json_t *tables = json_array(), *absent = json_array();
        for (int i = 0; i < v->n; i++) {
            long k = (long)r * v->n + i;
            json_t *who = json_pack("{s:I, s:s}", "id", (json_int_t)v->ids[i], "name",
                                    event_person_name(v, i));
            if (v->table[k] < 0) {
                json_array_append_new(absent, who);
                continue;
            }
            while (json_array_size(tables) <= (size_t)v->table[k])
                json_array_append_new(tables, json_array());
            json_array_append_new(json_array_get(tables, (size_t)v->table[k]), who);
        }
        json_array_append_new(rounds,
                              json_pack("{s:i, s:b, s:o, s:o}", "round", r + 1, "locked",
                                        r < e->locked_rounds, "tables", tables, "absent", absent));
    }
    json_object_set_new(o, "schedule", rounds);
    return o;
}
