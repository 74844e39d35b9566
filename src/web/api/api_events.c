/* The JSON API for mixer events (/api/v1/...): the same actions as the pages, for admins. */
#include "web/pages/page_events.h"

#include "app/events/event_form.h"
#include "web/http/views.h"

#include <stdio.h>
#include <string.h>

/* The integer KEY of O, or FALLBACK when absent or not an integer. */
static long long jint(json_t *o, const char *key, long long fallback)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer_value(v) : fallback;
}

static void reply_event(struct web_request *r, int status, long long id)
{
    struct event_view v;
    int rc = event_view_load(r->db, id, &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    json_t *o = event_view_json(&v);
    event_view_free(&v);
    if (o)
        web_json(r, status, o);
    else
        web_error(r, 500, "out of memory");
}

void api_events(struct web_request *r)
{
    json_t *prog = NULL, *list = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    json_decref(prog);
    if (rc == 0)
        rc = view_events(r->db, r->ids[0], &list) == 0 ? 0 : -1;
    if (rc == 0)
        web_json(r, 200, list);
    else
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
}

/* The JSON body as event_form_read's fields: numbers as text, and "group_size" with
 * "min_group_size" as the range "4-5" the form takes. */
struct json_fields {
    json_t *body;
    char buf[4][48];
    int next;
};

static const char *json_field(void *ctx, const char *name)
{
    struct json_fields *f = ctx;
    json_t *v = json_object_get(f->body, name);
    if (json_is_string(v))
        return json_string_value(v);
    if (v && !json_is_integer(v))
        return json_is_null(v) ? "" : "?"; /* another type is a wrong value, not a missing one */
    if (!v)
        return NULL;
    char *b = f->buf[f->next++ % 4];
    long long n = json_integer_value(v);
    long long smallest = jint(f->body, "min_group_size", 0);
    if (strcmp(name, "group_size") == 0 && smallest != 0)
        snprintf(b, sizeof f->buf[0], "%lld-%lld", smallest, n);
    else
        snprintf(b, sizeof f->buf[0], "%lld", n);
    return b;
}

void api_event_create(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    json_decref(prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    struct json_fields fields = {.body = body};
    struct store_event ev;
    struct diag_list problems = {0};
    rc = event_form_read(r->db, r->ids[0], json_field, &fields, &ev, &problems);
    ev.seed = jint(body, "seed", 1);
    long long id = 0;
    if (rc == 1)
        web_json(r, 400,
                 json_pack("{ss so}", "error", problems.items[0].message, "problems",
                           diag_to_json(&problems)));
    else if (rc != 0)
        web_error(r, 500, "The event could not be created.");
    else if ((rc = store_event_create(r->db, &ev, &id)) == 1)
        web_error(r, 409, "An event with this name exists already.");
    else if (rc != 0)
        web_error(r, 500, "The event could not be created.");
    else
        reply_event(r, 201, id);
    diag_list_free(&problems);
    json_decref(body);
}

void api_event(struct web_request *r)
{
    reply_event(r, 200, r->ids[0]);
}

static void outcome(struct web_request *r, int rc, const char *err)
{
    if (rc == 0)
        reply_event(r, 200, r->ids[0]);
    else if (rc == 1 && *err)
        web_error(r, 422, err);
    else
        web_error(r, rc == 1 ? 404 : 500,
                  rc == 1 ? "There is no such event." : "The event could not be saved.");
}

void api_event_generate(struct web_request *r)
{
    char err[256] = "";
    outcome(r, event_plan(r->db, r->ids[0], err, sizeof err), err);
}

/* Body {"person": ID, "round": 1-based, "absent": true|false (default true)}; re-plans. */
void api_event_absent(struct web_request *r)
{
    struct store_event ev;
    int rc = store_event_get(r->db, r->ids[0], &ev);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    char err[256] = "";
    long long round = jint(body, "round", 0);
    json_t *absent = json_object_get(body, "absent");
    rc = event_mark_absent(r->db, r->ids[0], jint(body, "person", 0),
                           round < 1 || round > 1000 ? -1 : (int)round - 1,
                           absent ? json_is_true(absent) : true, err, sizeof err);
    json_decref(body);
    outcome(r, rc, err);
}

/* Body {"locked": K}: rounds 1..K are kept from now on. */
void api_event_lock(struct web_request *r)
{
    struct store_event ev;
    int rc = store_event_get(r->db, r->ids[0], &ev);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    json_t *body = web_json_body(r, NULL);
    if (!body)
        return;
    char err[256] = "";
    long long k = jint(body, "locked", -1);
    rc = event_set_locked(r->db, r->ids[0], k < 0 || k > 1000 ? -1 : (int)k, err, sizeof err);
    json_decref(body);
    outcome(r, rc, err);
}
