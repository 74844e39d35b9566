/* The meetings JSON API: my meetings, one meeting (content only for the set and its
 * facilitator, counts for admins, as app_meet_may_see decides), adding a question, and the
 * admin's cancel. Same store calls and checks as the HTML pages. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "app/meetings/meeting_records.h"

#include "engine/meetings/when.h"
#include "store/store_meetings.h"

#include <stdlib.h>

static json_t *meeting_json(const struct meeting *m)
{
    char when[MEET_WHEN_MAX];
    meet_when_format(m->tzid, m->starts_at, m->ends_at, when, sizeof when);
    return json_pack("{sI sI ss ss sI sI ss sb ss ss ss}", "id", (json_int_t)m->id, "set_id",
                     (json_int_t)m->set_id, "set", m->set_name, "programme", m->programme_name,
                     "starts_at", (json_int_t)m->starts_at, "ends_at", (json_int_t)m->ends_at,
                     "location", m->location, "cancelled", m->cancelled, "link", m->link, "tz",
                     m->tzid, "when", when);
}

void api_my_meetings(struct web_request *r)
{
    struct meeting *ms = NULL;
    size_t n = 0;
    if (r->user.person_id && store_meetings_for_person(r->db, r->user.person_id, 0, &ms, &n)) {
        web_error(r, 500, "The meetings could not be read.");
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, meeting_json(&ms[i]));
    meetings_free(ms, n);
    web_json(r, 200, a);
}

static json_t *presentations_json(struct web_request *r, long long mid)
{
    json_t *a = json_array();
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_presentations_list(r->db, mid, &ps, &np) != 0)
        return a;
    for (size_t i = 0; i < np; i++) {
        if (web_meet_may_see(r, MEET_ITEM_PRESENTATION, ps[i].id) != 1)
            continue;
        json_t *qa = json_array();
        struct meet_text *qs = NULL;
        size_t nq = 0;
        if (store_questions_list(r->db, ps[i].id, &qs, &nq) == 0)
            for (size_t j = 0; j < nq; j++)
                if (web_meet_may_see(r, MEET_ITEM_QUESTION, qs[j].id) == 1)
                    json_array_append_new(qa, json_pack("{sI ss ss sI}", "id", (json_int_t)qs[j].id,
                                                        "body", qs[j].body, "kind",
                                                        qs[j].kind ? qs[j].kind : "", "asker_id",
                                                        (json_int_t)qs[j].person_id));
        meet_texts_free(qs, nq);
        json_array_append_new(a,
                              json_pack("{sI sI sI so}", "id", (json_int_t)ps[i].id, "presenter_id",
                                        (json_int_t)ps[i].presenter_id, "airtime_s",
                                        (json_int_t)ps[i].airtime_s, "questions", qa));
    }
    free(ps);
    return a;
}

void api_meeting(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_MEETING, &m))
        return;
    json_t *o = meeting_json(&m);
    meeting_free(&m);
    struct meet_counts c = {0};
    if (web_meet_may_see(r, MEET_ITEM_ATTENDANCE, r->ids[0]) == 1 &&
        store_meeting_counts(r->db, r->ids[0], &c) == 0)
        json_object_set_new(o, "counts",
                            json_pack("{si si si si si si}", "presentations", c.presentations,
                                      "questions", c.questions, "actions", c.actions, "present",
                                      c.present, "apologies", c.apologies, "absent", c.absent));
    if (web_meet_may_see(r, MEET_ITEM_REVIEW, r->ids[0]) == 1)
        json_object_set_new(o, "presentations", presentations_json(r, r->ids[0]));
    web_json(r, 200, o);
}

/* POST /api/v1/meetings/#/questions {"presentation": ID, "body": TEXT, "asker": ID (optional:
 * the token's person)} */
void api_meeting_question(struct web_request *r)
{
    static const char shape[] =
        "Send {\"presentation\": id, \"body\": text} (and \"asker\": id, who asked).";
    json_t *b = web_json_body(r, shape);
    if (!b)
        return;
    long long pid = (long long)json_integer_value(json_object_get(b, "presentation"));
    long long asker = (long long)json_integer_value(json_object_get(b, "asker"));
    const char *text = json_string_value(json_object_get(b, "body"));
    long long id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st =
        meeting_records_question_add(r->db, &me, r->ids[0], pid, asker, text, &id, &rep);
    if (st != STATUS_OK)
        web_error(r, web_status_code(st, rep.malformed),
                  st == STATUS_INVALID && rep.malformed ? shape : rep.msg);
    else
        web_json(r, 201,
                 json_pack("{sI sI}", "id", (json_int_t)id, "asker_id",
                           (json_int_t)(asker > 0 ? asker : r->user.person_id)));
    json_decref(b);
}

/* POST /api/v1/meetings/#/cancel (admins). */
void api_meeting_cancel(struct web_request *r)
{
    struct meeting m = {0};
    int rc = store_meeting_get(r->db, r->ids[0], &m);
    meeting_free(&m);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such meeting.");
        return;
    }
    if (store_meeting_cancel(r->db, r->ids[0]) < 0) {
        web_error(r, 500, "The meeting could not be cancelled.");
        return;
    }
    web_json(r, 200, json_pack("{sI sb}", "id", (json_int_t)r->ids[0], "cancelled", 1));
}
