/* The running meeting over the JSON API: the phase timer (GET the state, POST start, pause or
 * next: the actions of the web form in page_meeting_timer.c, on the same state machine
 * engine/meetings/timer.h) and its presenters, the viewer's attendance or apologies, and the
 * admin's move of one meeting. The same checks as the pages: the timer and attendance are for the
 * set's members and facilitator only (a 404 for anyone else, as for a missing meeting). */
#include "web/http/web.h"

#include "app/meetings/meeting_move.h"
#include "web/pages/meeting_access.h"

#include "app/meetings/meeting_records.h"
#include "web/pages/meeting_rounds.h"

#include "engine/meetings/when.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

/* GET /api/v1/meetings/#/timer */
void api_meeting_timer_get(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    struct meet_timer t;
    int rc = web_meeting_timer_load(r->db, &m, &t);
    meeting_free(&m);
    if (rc < 0)
        web_json(r, 200,
                 json_pack("{sI ss sn ss sb s[]}", "meeting_id", (json_int_t)r->ids[0], "state",
                           "no_presenters", "current", "alert", "none", "overrun", 0,
                           "presenters"));
    else
        web_json(r, 200, web_meeting_timer_json(r, r->ids[0], &t));
}

/* POST /api/v1/meetings/#/timer {"action": "start"|"pause"|"next"} */
void api_meeting_timer_post(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    json_t *b = web_json_body(r, NULL);
    if (!b) {
        meeting_free(&m);
        return;
    }
    const char *action = json_string_value(json_object_get(b, "action"));
    struct meet_timer t;
    int rc = web_meeting_timer_load(r->db, &m, &t);
    meeting_free(&m);
    if (!action || (strcmp(action, "start") && strcmp(action, "pause") && strcmp(action, "next")))
        web_error(r, 400, "Send {\"action\": \"start\", \"pause\" or \"next\"}.");
    else if (rc < 0)
        web_error(r, 422, "Add presenters before starting the timer.");
    else if ((strcmp(action, "start") == 0   ? meet_timer_start(&t, r->now)
              : strcmp(action, "pause") == 0 ? meet_timer_pause(&t, r->now)
                                             : meet_timer_next(&t, r->now)) != 0)
        web_error(r, 409, "The timer cannot do that now (already running, paused or done).");
    else if (store_meeting_timer_put(r->db, r->ids[0], &t, r->now) != 0)
        web_error(r, 500, "The timer could not be saved.");
    else
        web_json(r, 200, web_meeting_timer_json(r, r->ids[0], &t));
    json_decref(b);
}

/* POST /api/v1/meetings/#/presenters {"person": ID, "bid_min": N (optional)}: adds a member of
 * the set to the agenda while the timer has not started, as the meeting page's form does. */
void api_meeting_presenter(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    meeting_free(&m);
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    json_int_t who = json_integer_value(json_object_get(b, "person"));
    json_t *bid_v = json_object_get(b, "bid_min");
    /* A bid that is not a number is refused like one out of range. */
    json_int_t bid = bid_v && !json_is_integer(bid_v) ? -1 : json_integer_value(bid_v);
    long long id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st =
        meeting_records_presenter_add(r->db, &me, r->ids[0], (long long)who, bid, &id, &rep);
    if (st != STATUS_OK)
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    else
        web_json(
            r, 201,
            json_pack("{sI sI si}", "id", (json_int_t)id, "person_id", who, "bid_min", (int)bid));
    json_decref(b);
}

/* POST /api/v1/meetings/#/attendance {"status": "present"|"apologies"}: the viewer's own. */
void api_meeting_attendance(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    meeting_free(&m);
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    const char *status = json_string_value(json_object_get(b, "status"));
    if (!status || (strcmp(status, "present") != 0 && strcmp(status, "apologies") != 0))
        web_error(r, 400, "Send {\"status\": \"present\" or \"apologies\"}.");
    else if (!r->user.person_id ||
             store_attendance_set(r->db, r->ids[0], r->user.person_id, status) != 0)
        web_error(r, 422, "Your answer could not be saved.");
    else
        web_json(r, 200,
                 json_pack("{sI sI ss}", "meeting_id", (json_int_t)r->ids[0], "person_id",
                           (json_int_t)r->user.person_id, "status", status));
    json_decref(b);
}

/* POST /api/v1/meetings/#/move {"to": "YYYY-MM-DDTHH:MM"}: local time in the meeting's zone,
 * keeping its length (admins). Answers the start it stored ("local" in the zone, "starts_at" in
 * UTC) and, at a daylight-saving edge, a "warning" saying how RFC 5545's rule read the time; a
 * cancelled meeting is refused with 409. */
void api_meeting_move(struct web_request *r)
{
    json_t *b = web_json_body(r, NULL);
    if (!b)
        return;
    struct meeting_moved moved;
    struct strbuf err = {0};
    enum status st =
        meeting_move(r->db, r->ids[0], json_string_value(json_object_get(b, "to")), &moved, &err);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, st == STATUS_INVALID),
                  err.data ? err.data : "The meeting could not be moved.");
    } else {
        static const char *const kinds[] = {"exact", "nonexistent", "repeated"};
        char s[32];
        meet_utc_format(moved.starts, s, sizeof s);
        json_t *out = json_pack("{sI ss ss ss ss ss}", "id", (json_int_t)r->ids[0], "starts_at", s,
                                "local", moved.local_text, "tz", moved.tz, "when", moved.when,
                                "local_time", kinds[moved.kind]);
        if (*moved.warning)
            json_object_set_new(out, "warning", json_string(moved.warning));
        web_json(r, 200, out);
    }
    sb_free(&err);
    json_decref(b);
}
