/* POST /api/v1/programmes/#/series and /api/v1/sets/#/series: scheduling a series as JSON, with
 * the same fields, checks and messages as the schedule page (meetings/series_plan.h). A body
 * with "preview": true answers the dates without writing anything. Admins only (routes.c). */
#include "web/http/web.h"

#include "app/meetings/series_plan.h"
#include "engine/meetings/when.h"
#include "web/http/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads fields out of a JSON object: strings as they are, whole numbers as text, so that
 * {"count": 6} and {"count": "6"} mean the same. SET, when not NULL, overrides "set". */
struct json_fields {
    json_t *body;
    const char *set;
    char buf[4][32]; /* numbers as text; a few fields are alive at once */
    int next;
};

static const char *json_field(void *ctx, const char *name)
{
    struct json_fields *f = ctx;
    if (f->set && strcmp(name, "set") == 0)
        return f->set;
    json_t *v = json_object_get(f->body, name);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "";
    if (!json_is_integer(v))
        return v ? "?" : NULL; /* another type is a wrong value, not a missing one */
    char *b = f->buf[f->next++ % 4];
    json_int_t n = json_integer_value(v);
    /* Durations as numbers are minutes. */
    snprintf(b, 32, strcmp(name, "duration") == 0 ? "%lldm" : "%lld", (long long)n);
    return b;
}

static json_t *plan_json(const struct series_plan *p, bool preview)
{
    json_t *sets = json_array(), *meetings = json_array();
    for (size_t i = 0; i < p->nchosen; i++)
        json_array_append_new(sets, json_pack("{sI ss}", "id", (json_int_t)p->chosen[i], "name",
                                              series_plan_set_name(p, p->chosen[i])));
    for (int i = 0; i < p->count; i++) {
        char local[24], s[32], e[32], when[MEET_WHEN_MAX];
        int64_t end = p->starts[i] + (int64_t)p->duration_min * 60;
        snprintf(local, sizeof local, "%04d-%02d-%02dT%02d:%02d", p->local[i].year,
                 p->local[i].month, p->local[i].day, p->local[i].hour, p->local[i].minute);
        meet_utc_format(p->starts[i], s, sizeof s);
        meet_utc_format(end, e, sizeof e);
        struct meet_local st = p->local[i];
        char stored[24];
        meet_tz_from_utc(p->tz, p->starts[i], &st);
        snprintf(stored, sizeof stored, "%04d-%02d-%02dT%02d:%02d", st.year, st.month, st.day,
                 st.hour, st.minute);
        meet_when_format(p->tz, p->starts[i], end, when, sizeof when);
        static const char *const kinds[] = {"exact", "nonexistent", "repeated"};
        json_array_append_new(meetings,
                              json_pack("{si ss ss ss ss ss ss}", "number", i + 1, "local", local,
                                        "local_stored", stored, "starts_at", s, "ends_at", e,
                                        "when", when, "local_time", kinds[p->kinds[i]]));
    }
    /* Local times in a daylight-saving gap or fold, as stored by RFC 5545's rule. */
    struct diag_list notes = {0};
    json_t *warnings = series_plan_warnings(p, &notes) == 0 ? diag_to_json(&notes) : json_array();
    diag_list_free(&notes);
    return json_pack("{sb so sI si si ss ss ss so so}", "preview", preview, "sets", sets,
                     "left_out", (json_int_t)p->nskipped, "every_weeks", p->weeks, "duration_min",
                     p->duration_min, "tz", p->tz, "mode", p->online ? "online" : "in_person",
                     p->online ? "link" : "location", p->place, "meetings", meetings, "warnings",
                     warnings);
}

static void problems_reply(struct web_request *r, int status, const char *error,
                           const struct diag_list *problems)
{
    web_json(r, status, json_pack("{ss so}", "error", error, "problems", diag_to_json(problems)));
}

static void schedule(struct web_request *r, long long programme_id, const char *set)
{
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    struct json_fields ctx = {.body = body, .set = set};
    struct series_plan p;
    struct diag_list problems = {0};
    int rc = series_plan_read(r->db, programme_id, json_field, &ctx, &p, &problems);
    bool preview = json_is_true(json_object_get(body, "preview"));
    if (rc < 0)
        web_error(r, 500, "The series could not be prepared.");
    else if (rc == 1)
        problems_reply(r, 422, "Some fields need fixing; see problems.", &problems);
    else if (preview)
        web_json(r, 200, plan_json(&p, true));
    else if ((rc = series_plan_save(r->db, &p, &problems)) == 0)
        web_json(r, 201, plan_json(&p, false));
    else if (rc == 1)
        problems_reply(r, 409, "A set gained meetings meanwhile; nothing was scheduled.",
                       &problems);
    else
        web_error(r, 500, "The series could not be saved.");
    series_plan_free(&p);
    diag_list_free(&problems);
    json_decref(body);
}

/* POST /api/v1/programmes/#/series {"set": "all"|ID, "skip_scheduled", "count", "first",
 * "every_weeks", "duration", "tz", "mode", "location"|"link", "preview"} */
void api_programme_series(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    json_decref(prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    schedule(r, r->ids[0], NULL);
}

/* POST /api/v1/sets/#/series: the same for the one set in the path. */
void api_set_series(struct web_request *r)
{
    json_t *set = NULL;
    int rc = view_set(r->db, &r->user, r->ids[0], &set);
    long long programme_id = json_integer_value(json_object_get(set, "programme_id"));
    json_decref(set);
    if (rc != 0 || programme_id <= 0) {
        web_error(r, rc < 0 ? 500 : 404, "There is no such set.");
        return;
    }
    char id[24];
    snprintf(id, sizeof id, "%lld", r->ids[0]);
    schedule(r, programme_id, id);
}
