/* Loading and planning mixer events: what the event pages and the API share. The engine
 * (engine/rounds) does the planning; this file turns stored rows into its arrays and back. */
#include "web/pages/page_events.h"

#include "engine/meetings/when.h"
#include "engine/rounds/rounds.h"

#include <stdio.h>
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
    rc = event_rules_build(db, &v->ev, v->ids, v->n, &v->rules, v->rules_problem,
                           sizeof v->rules_problem);
    if (rc < 0) {
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
    event_rules_free(&v->rules);
    memset(v, 0, sizeof *v);
}

const char *event_person_name(const struct event_view *v, int i)
{
    return i >= 0 && i < v->n && v->names[i] ? v->names[i] : "";
}

/* The request for V's event as planned: its sizes, absences, locked rounds and rules. */
static struct rounds_request event_request(const struct event_view *v, int locked)
{
    const struct event_rules *x = &v->rules;
    struct rounds_request req = {
        .people = v->n,
        .group_size = v->ev.group_size,
        .min_group_size = v->ev.min_group_size,
        .rounds = v->ev.rounds,
        .absent = v->absent,
        .locked = locked > 0 ? v->table : NULL,
        .locked_rounds = locked,
        .apart = x->apart,
        .apart_count = x->apart_count,
        .history = x->history,
        .history_count = x->history_count,
        .attr = x->attr,
        .mix_cost = x->mix_cost,
        .seed = (unsigned long)v->ev.seed,
        .seconds = 1.0,
    };
    return req;
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
    if (v.rules_problem[0]) {
        str_copy(err, v.rules_problem, errlen);
        event_view_free(&v);
        return 1;
    }
    struct rounds_request req = event_request(&v, locked);
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
        v.ev.same_attr = req.attr ? res.same_attr : 0;
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
    const char *problem = NULL;
    if (person_index(&v, person_id) < 0)
        problem = "That person is not in this programme.";
    else if (round < 0 || round >= v.ev.rounds)
        problem = "There is no such round.";
    else if (v.ev.generated && round < v.ev.locked_rounds)
        problem = "That round is locked: it has been played.";
    bool generated = v.ev.generated;
    event_view_free(&v);
    if (problem) {
        str_copy(err, problem, errlen);
        return 1;
    }
    /* Changing who is there re-plans the rounds still to come straight away, and an absence
     * whose re-plan is refused (it leaves a keep-apart pair no room, say) is not kept. */
    if (db_begin(db) != 0)
        return -1;
    rc = store_event_absence_set(db, id, round, person_id, absent) == 0 ? 0 : -1;
    if (rc == 0 && generated)
        rc = event_plan(db, id, err, errlen);
    if (rc == 0 && db_commit(db) == 0)
        return 0;
    db_rollback(db);
    return rc != 0 ? rc : -1;
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
    struct rounds_request req = event_request(v, v->ev.locked_rounds);
    return v->n >= 2 && v->ev.generated ? rounds_request_least_repeats(&req) : -1;
}

void event_when(const struct store_event *e, char *buf, size_t size)
{
    int64_t starts;
    buf[0] = '\0';
    if (!e->starts_at[0] || meet_utc_parse(e->starts_at, &starts) != 0)
        return;
    int64_t ends = e->round_minutes > 0 ? starts + (int64_t)e->rounds * e->round_minutes * 60 : 0;
    meet_when_format(e->tzid, starts, ends, buf, size);
}

/* "HH:MM" of UTC in TZID into BUF. */
static void clock_time(const char *tzid, int64_t utc, char *buf, size_t size)
{
    struct meet_local l;
    if (meet_tz_from_utc(tzid, utc, &l) != 0)
        str_copy(buf, "", size);
    else
        snprintf(buf, size, "%02d:%02d", l.hour, l.minute);
}

void event_round_time(const struct event_view *v, int r, char *buf, size_t size)
{
    const struct store_event *e = &v->ev;
    int64_t starts;
    buf[0] = '\0';
    if (!e->starts_at[0] || meet_utc_parse(e->starts_at, &starts) != 0)
        return;
    if (e->round_minutes <= 0) {
        if (r == 0)
            clock_time(e->tzid, starts, buf, size);
        return;
    }
    char from[16], to[16];
    int64_t at = starts + (int64_t)r * e->round_minutes * 60;
    clock_time(e->tzid, at, from, sizeof from);
    clock_time(e->tzid, at + (int64_t)e->round_minutes * 60, to, sizeof to);
    snprintf(buf, size, "%s-%s", from, to);
}

/* When, where and the rules of E into O. */
static void details_json(json_t *o, const struct store_event *e)
{
    char when[MEET_WHEN_MAX];
    event_when(e, when, sizeof when);
    json_object_set_new(o, "starts_at", e->starts_at[0] ? json_string(e->starts_at) : json_null());
    json_object_set_new(o, "tz", json_string(e->tzid));
    json_object_set_new(o, "when", json_string(when));
    json_object_set_new(o, "round_minutes", json_integer(e->round_minutes));
    json_object_set_new(o, "place", json_string(e->place));
    json_object_set_new(o, "mix_by", json_string(e->mix_by));
    json_object_set_new(o, "apart_plan",
                        e->apart_plan_id ? json_integer(e->apart_plan_id) : json_null());
    json_object_set_new(o, "apart_event",
                        e->apart_event_id ? json_integer(e->apart_event_id) : json_null());
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
    details_json(o, e);
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
        if (e->mix_by[0])
            json_object_set_new(o, "same_attr", json_integer(e->same_attr));
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
