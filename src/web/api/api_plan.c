/* The JSON API for forming sets and editing a plan (admins): the same service calls as the
 * pages; every answer is the plan as plan_view gives it, or {"error": ...}. */
#include "web/pages/page_plan.h"

#include "app/plans/plan_change.h"
#include "app/plans/plan_service.h"
#include "store/store_plans.h"
#include "web/http/web.h"

#include <stdlib.h>

static long long jint(json_t *o, const char *key, long long fallback)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer_value(v) : v ? -1 : fallback;
}

/* Answers with plan PLAN_ID, or the error for ST (MISS for a use case's "no", 404 when the plan
 * itself is gone, 500 when the store failed). */
static void answer(struct web_request *r, enum status st, long long plan_id, int miss,
                   const char *why)
{
    json_t *plan = NULL;
    if (st == STATUS_OK) {
        st = plan_view(r->db, plan_id, &plan);
        if (st == STATUS_NOT_FOUND)
            miss = 404;
    }
    if (st == STATUS_OK)
        web_json(r, 200, plan);
    else
        web_error(r, st == STATUS_FAILED ? 500 : miss, why);
}

/* A store answer (0, 1 no such thing, -1) as a status. */
static enum status status_of(int rc)
{
    return rc == 0 ? STATUS_OK : rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
}

void api_plan(struct web_request *r)
{
    answer(r, STATUS_OK, r->ids[0], 404, "There is no such plan.");
}

void api_plan_create(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    json_t *seconds = json_object_get(b, "seconds");
    struct plan_settings s = {.name = json_string_value(json_object_get(b, "name")),
                              .sets = (int)jint(b, "sets", 0),
                              .size_min = (int)jint(b, "size_min", 4),
                              .size_max = (int)jint(b, "size_max", 8),
                              .weights = json_string_value(json_object_get(b, "weights")),
                              .seconds = seconds ? json_number_value(seconds) : 1,
                              .iterations = (long)jint(b, "iterations", 0),
                              .seed = jint(b, "seed", 1)};
    /* The rules of the form page: management levels kept apart (0 off) and the columns whose
     * minorities are not left alone. */
    long long chain = jint(b, "chain", 1);
    s.chain = chain == 0 ? PLAN_CHAIN_OFF : (int)chain;
    size_t t;
    json_t *attr;
    json_array_foreach(json_object_get(b, "no_isolate"), t, attr)
    {
        if (json_is_string(attr) && s.isolate_count < PLAN_MAX_ISOLATE)
            s.isolate[s.isolate_count++] = json_string_value(attr);
    }
    struct strbuf err = {0};
    long long plan_id = 0;
    enum status st = STATUS_OK;
    if (chain < 0 || chain > 3) {
        web_error(r, 400, "chain is 0 (off) to 3 levels of the management chain.");
        goto out;
    }
    if (s.sets < 0 || s.size_min < 2 || s.size_max < s.size_min || s.seconds <= 0 ||
        s.seconds > 60 || s.seed < 0 || s.iterations < 0 ||
        s.iterations > PLAN_WEB_MAX_ITERATIONS) {
        web_error(r, 400,
                  "sets >= 0, 2 <= size_min <= size_max, 0 < seconds <= 60, seed >= 0, "
                  "0 <= iterations <= 10000000.");
        goto out;
    }
    if (json_object_get(b, "apart") || json_object_get(b, "pins"))
        st = plan_rules_set(r->db, r->ids[0], json_string_value(json_object_get(b, "apart")),
                            json_string_value(json_object_get(b, "pins")), &err);
    if (st == STATUS_OK)
        st = plan_form(r->db, r->ids[0], &s, &plan_id, &err);
    answer(r, st, plan_id, st == STATUS_CONFLICT ? 409 : 422,
           err.data ? err.data : "The sets could not be formed.");
out:
    sb_free(&err);
    json_decref(b);
}

/* The answer to a change of published sets: the plan when written; 409 with {error, change}
 * saying who would move when it waits for confirm: true. */
static void change(struct web_request *r, json_t *b, struct plan_change *c, int miss,
                   const char *why)
{
    c->plan_id = r->ids[0];
    json_t *confirm = json_object_get(b, "confirm");
    c->confirm =
        json_is_true(confirm) || (json_is_integer(confirm) && json_integer_value(confirm) == 1);
    c->include_met = json_is_true(json_object_get(b, "include_met"));
    struct plan_change_report rep;
    struct strbuf err = {0};
    enum status st = plan_change_apply(r->db, c, &rep, &err);
    if (st == STATUS_CONFLICT) {
        json_t *o = json_pack("{s:s, s:o}", "error",
                              "These sets are published: send confirm: true to make this change.",
                              "change", plan_change_json(&rep));
        if (o)
            web_json(r, 409, o);
        else
            web_error(r, 500, "out of memory");
    } else {
        answer(r, st, r->ids[0],
               st == STATUS_NOT_FOUND && c->kind == PLAN_CHANGE_UNDO && rep.programme_id ? 409
               : st == STATUS_NOT_FOUND && c->kind != PLAN_CHANGE_MOVE                   ? 404
               : err.data                                                                ? 422
                                                                                         : miss,
               err.data ? err.data : why);
    }
    sb_free(&err);
    plan_change_report_free(&rep);
}

void api_plan_move(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    struct plan_change c = {.kind = PLAN_CHANGE_MOVE,
                            .person_id = jint(b, "person_id", 0),
                            .set_id = jint(b, "set_id", 0)};
    change(r, b, &c, 400, "Give person_id and set_id of this plan.");
    json_decref(b);
}

/* POST /api/v1/plans/#/undo: puts back the last move by hand ({"confirm": true} on published
 * sets); 409 {"error"} when there is none. */
void api_plan_undo(struct web_request *r)
{
    const struct formdata_field *body = formdata_field(&r->form, "body");
    json_t *b = body && body->len ? web_json_body(r, NULL) : json_object();
    if (!b)
        return;
    struct plan_change c = {.kind = PLAN_CHANGE_UNDO};
    change(r, b, &c, 409, "There is no move to undo on this plan.");
    json_decref(b);
}

void api_plan_lock(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    json_t *locked = json_object_get(b, "locked");
    int rc =
        store_set_lock(r->db, r->ids[0], jint(b, "set_id", 0), !locked || json_is_true(locked));
    answer(r, status_of(rc), r->ids[0], 400,
           "Give set_id of this plan (and locked: true or false).");
    json_decref(b);
}

void api_plan_reopt(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    json_t *seconds = json_object_get(b, "seconds");
    double s = seconds ? json_number_value(seconds) : 1;
    long iterations = (long)jint(b, "iterations", 0);
    struct plan_change c = {.kind = PLAN_CHANGE_REOPTIMISE,
                            .seconds = s,
                            .iterations = iterations,
                            .seed = jint(b, "seed", 1)};
    if (s > 0 && s <= 60 && iterations >= 0 && iterations <= PLAN_WEB_MAX_ITERATIONS)
        change(r, b, &c, 400, "There is no such plan.");
    else
        web_error(r, 400, "seconds above 0 and at most 60, iterations 0 to 10000000.");
    json_decref(b);
}

void api_plan_facil(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    const char *email = json_string_value(json_object_get(b, "email"));
    long long person = 0;
    int rc = email && *email ? store_person_by_email(r->db, email, &person) : 0;
    if (rc == 0)
        rc = store_set_facilitator(r->db, r->ids[0], jint(b, "set_id", 0), person);
    answer(r, status_of(rc), r->ids[0], 400,
           "Give set_id of this plan and the email of a known person.");
    json_decref(b);
}

void api_plan_publish(struct web_request *r)
{
    /* An empty body is a plain publish; {"confirm": true} confirms one over published sets. */
    const struct formdata_field *body = formdata_field(&r->form, "body");
    json_t *b = body && body->len ? web_json_body(r, NULL) : json_object();
    if (!b)
        return;
    struct plan_change c = {.kind = PLAN_CHANGE_PUBLISH};
    change(r, b, &c, 404, "There is no such plan.");
    json_decref(b);
}
