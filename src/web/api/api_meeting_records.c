/* The meeting rounds in the JSON API: GET /api/v1/meetings/#/records (check-in, actions made,
 * the report-back round and reviews for the set and its facilitator; attendance and counts,
 * never content, for admins), the POSTs that write them, and GET /api/v1/my/actions. The same
 * use cases as the pages (app/meetings/meeting_records.h). */
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>

static const char *text_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static json_t *nullable(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *action_json(const struct meet_action_item *a)
{
    return json_pack("{sI sI ss sI ss so ss ss sI sI sI sI}", "id", (json_int_t)a->id, "owner_id",
                     (json_int_t)a->owner_id, "owner", a->owner_name, "meeting_id",
                     (json_int_t)a->meeting_id, "body", a->body, "due_on", nullable(a->due_on),
                     "status", a->status, "learned", a->learned, "made_at", (json_int_t)a->made_at,
                     "reported_meeting_id", (json_int_t)a->reported_meeting_id, "carried_from",
                     (json_int_t)a->carried_from, "carried_to", (json_int_t)a->carried_to);
}

static json_t *actions_json(struct web_request *r, struct meet_action_item *list, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (web_meet_may_see(r, MEET_ITEM_ACTION, list[i].id) == 1)
            json_array_append_new(a, action_json(&list[i]));
    meet_action_items_free(list, n);
    return a;
}

/* The check-in roll: with the lines for the set (CONTENT), attendance only for admins. */
static json_t *roll_json(struct web_request *r, long long mid, bool content)
{
    json_t *a = json_array();
    struct meet_roll_entry *roll = NULL;
    size_t n = 0;
    if (store_meeting_roll(r->db, mid, &roll, &n) != 0)
        return a;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_pack("{sI ss so}", "person_id", (json_int_t)roll[i].person_id, "name",
                              roll[i].name, "status", nullable(roll[i].status));
        if (content)
            json_object_set_new(e, "line", nullable(roll[i].line));
        json_array_append_new(a, e);
    }
    meet_roll_free(roll, n);
    return a;
}

static json_t *reviews_json(struct web_request *r, long long mid)
{
    json_t *a = json_array();
    struct meet_member_review *list = NULL;
    size_t n = 0;
    if (store_member_reviews_list(r->db, mid, &list, &n) != 0)
        return a;
    for (size_t i = 0; i < n; i++)
        if (web_meet_may_see(r, MEET_ITEM_OWN_REVIEW, list[i].id) == 1)
            json_array_append_new(a, json_pack("{sI sI ss ss ss}", "id", (json_int_t)list[i].id,
                                               "person_id", (json_int_t)list[i].person_id, "name",
                                               list[i].name, "helped", list[i].helped,
                                               "learned_questioning", list[i].learned_questioning));
    meet_member_reviews_free(list, n);
    return a;
}

void api_meeting_records(struct web_request *r)
{
    long long mid = r->ids[0];
    int rc = web_meet_may_see(r, MEET_ITEM_ATTENDANCE, mid);
    if (rc != 1) {
        web_error(r, rc < 0 ? 500 : 404, "There is no such meeting.");
        return;
    }
    bool content = web_meet_may_see(r, MEET_ITEM_REVIEW, mid) == 1;
    json_t *o =
        json_pack("{sI so}", "meeting_id", (json_int_t)mid, "checkin", roll_json(r, mid, content));
    if (content) {
        struct meet_action_item *list = NULL;
        size_t n = 0;
        if (store_actions_made_at(r->db, mid, &list, &n) == 0)
            json_object_set_new(o, "actions", actions_json(r, list, n));
        if (store_actions_to_report(r->db, mid, &list, &n) == 0)
            json_object_set_new(o, "report_back", actions_json(r, list, n));
        json_object_set_new(o, "reviews", reviews_json(r, mid));
    } else {
        /* Admins: how much happened, never what was said. */
        struct meet_round_counts c;
        if (store_meeting_round_counts(r->db, mid, &c) == 0)
            json_object_set_new(o, "counts",
                                json_pack("{si si si}", "checkins", c.checkins, "reviews",
                                          c.reviews, "reported", c.reported));
    }
    web_json(r, 200, o);
}

/* POST /api/v1/meetings/#/checkin {"person": ID (default: me), "status": S, "line": TEXT} */
void api_meeting_checkin(struct web_request *r)
{
    json_t *b = web_json_body(r, "Send {\"person\": id, \"status\": \"present\", \"line\": text}.");
    if (!b)
        return;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_checkin(
        r->db, &me, r->ids[0], (long long)json_integer_value(json_object_get(b, "person")),
        text_of(b, "status"), text_of(b, "line"), &rep);
    if (st == STATUS_OK)
        web_json(r, 200, json_pack("{sI}", "meeting_id", (json_int_t)r->ids[0]));
    else
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    json_decref(b);
}

/* POST /api/v1/meetings/#/actions {"presentation": ID, "body": TEXT, "due_on": "YYYY-MM-DD"} */
void api_meeting_action_add(struct web_request *r)
{
    json_t *b = web_json_body(r, "Send {\"presentation\": id, \"body\": text, \"due_on\": date}.");
    if (!b)
        return;
    long long id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_action_add(
        r->db, &me, r->ids[0], (long long)json_integer_value(json_object_get(b, "presentation")),
        text_of(b, "body"), text_of(b, "due_on"), &id, &rep);
    if (st == STATUS_OK)
        web_json(r, 201, json_pack("{sI}", "id", (json_int_t)id));
    else
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    json_decref(b);
}

/* POST /api/v1/meetings/#/actions/#/report {"outcome": "done"|"partly"|"not_done",
 * "learned": TEXT, "carry_forward": BOOL, "due_on": "YYYY-MM-DD"} */
void api_meeting_action_report(struct web_request *r)
{
    json_t *b = web_json_body(r, "Send {\"outcome\": \"done\", \"learned\": text}.");
    if (!b)
        return;
    long long new_id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_action_report(
        r->db, &me, r->ids[0], r->ids[1], text_of(b, "outcome"), text_of(b, "learned"),
        json_is_true(json_object_get(b, "carry_forward")), text_of(b, "due_on"), &new_id, &rep);
    if (st == STATUS_OK)
        web_json(
            r, 200,
            json_pack("{sI sI}", "id", (json_int_t)r->ids[1], "carried_to", (json_int_t)new_id));
    else
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    json_decref(b);
}

/* POST /api/v1/meetings/#/review {"helped": TEXT, "learned_questioning": TEXT} */
void api_meeting_review(struct web_request *r)
{
    json_t *b = web_json_body(r, "Send {\"helped\": text, \"learned_questioning\": text}.");
    if (!b)
        return;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_review(r->db, &me, r->ids[0], text_of(b, "helped"),
                                            text_of(b, "learned_questioning"), &rep);
    if (st == STATUS_OK)
        web_json(r, 200, json_pack("{sI}", "meeting_id", (json_int_t)r->ids[0]));
    else
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    json_decref(b);
}

/* GET /api/v1/my/actions: the viewer's open actions. */
void api_my_actions(struct web_request *r)
{
    struct meet_action_item *list = NULL;
    size_t n = 0;
    if (r->user.person_id && store_actions_open_of(r->db, r->user.person_id, &list, &n) != 0) {
        web_error(r, 500, "The actions could not be read.");
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (web_meet_may_see(r, MEET_ITEM_ACTION, list[i].id) == 1) {
            json_t *o = action_json(&list[i]);
            json_object_set_new(o, "set", json_string(list[i].set_name));
            json_array_append_new(a, o);
        }
    meet_action_items_free(list, n);
    web_json(r, 200, a);
}

/* GET /api/v1/sets/#/reviews: every session review of the set's meetings (members and
 * facilitator only). */
void api_set_reviews(struct web_request *r)
{
    struct meet_member_review *list = NULL;
    size_t n = 0;
    if (web_set_reviews(r, r->ids[0], &list, &n) != 0)
        return;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{sI sI sI sI ss ss ss}", "id", (json_int_t)list[i].id,
                                           "meeting_id", (json_int_t)list[i].meeting_id,
                                           "meeting_at", (json_int_t)list[i].meeting_at,
                                           "person_id", (json_int_t)list[i].person_id, "name",
                                           list[i].name, "helped", list[i].helped,
                                           "learned_questioning", list[i].learned_questioning));
    meet_member_reviews_free(list, n);
    web_json(r, 200, a);
}
