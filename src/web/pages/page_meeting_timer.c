/* The running-a-meeting timer on the meeting page: the presenter and phase on now, time used and
 * left, the phases of the current presenter as steps, each presenter's slot and airtime, and the
 * overrun warning, over engine/meetings/timer.h. The presenters share the time the agenda leaves
 * them (engine/meetings/agenda.h). Start / Pause / Next phase are plain form POSTs that redirect
 * back; meeting.js sends the same forms with reply=json and draws the answer (the timer as JSON,
 * the same shape as GET /meetings/#/live), so the server's state is the truth on every screen.
 * Adding presenters lives here too because it sets up the timer. Members and the facilitator
 * only (MEET_ITEM_REVIEW); anyone else gets the same 404 as a missing meeting. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "app/meetings/meeting_records.h"

#include "engine/meetings/agenda.h"
#include "store/store_meeting_round.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* When a meeting has no sensible length, presenters share two hours. */
#define DEFAULT_TOTAL_S 7200

static const char *const phase_labels[MEET_PHASE_COUNT] = {
    "Presenting", "Clarifying questions", "Open questions", "Reflection", "Action",
};
static const char *const state_names[] = {"ready", "running", "paused", "done"};
static const char *const alert_names[] = {"none", "warn", "overrun"};

/* Seconds the presenters of meeting M share: what the agenda leaves after the other rounds. */
int64_t web_meeting_presenters_s(const struct meeting *m)
{
    int64_t total = m->ends_at - m->starts_at;
    if (total <= 0)
        return DEFAULT_TOTAL_S;
    struct meet_agenda a;
    meet_agenda_split(total, &a);
    return a.round_s[MEET_ROUND_PRESENTERS];
}

/* The timer of meeting M: the stored one (0), or a fresh one over its presentations (1), or
 * -1 when there are no presenters or on error. Shares the presenters' time equally, or by
 * bids when every presenter made one. */
int web_meeting_timer_load(struct db *db, const struct meeting *m, struct meet_timer *t)
{
    int rc = store_meeting_timer_get(db, m->id, t);
    if (rc != 1)
        return rc;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_presentations_list(db, m->id, &ps, &np) != 0 || np == 0 ||
        np > MEET_TIMER_MAX_PRESENTERS) {
        free(ps);
        return -1;
    }
    int64_t ids[MEET_TIMER_MAX_PRESENTERS], bids[MEET_TIMER_MAX_PRESENTERS];
    bool all_bid = true;
    for (size_t i = 0; i < np; i++) {
        ids[i] = ps[i].presenter_id;
        bids[i] = (int64_t)ps[i].bid_min * 60;
        all_bid = all_bid && ps[i].bid_min > 0;
    }
    free(ps);
    if (meet_timer_init(t, (int)np, ids, web_meeting_presenters_s(m), all_bid ? bids : NULL,
                        NULL) != 0)
        return -1;
    return 1;
}

/* PERSON's name as R's viewer may see it (a new string; "a member" when hidden). */
static char *person_name_dup(struct web_request *r, long long id)
{
    json_t *who = NULL;
    const char *name = NULL;
    if (view_person(r->db, &r->user, id, &who) == 0)
        name = json_string_value(json_object_get(who, "name"));
    char *out = strdup(name ? name : "a member");
    json_decref(who);
    return out;
}

json_t *web_meeting_timer_json(struct web_request *r, long long mid, const struct meet_timer *t)
{
    struct meet_timer_view v;
    meet_timer_view(t, r->now, &v);
    json_t *people = json_array();
    for (int i = 0; i < t->npresenters; i++) {
        json_t *phases = json_array();
        for (int k = 0; k < MEET_PHASE_COUNT; k++) {
            bool on = v.state != MEET_TIMER_DONE && i == v.current && (int)v.phase == k;
            json_array_append_new(
                phases,
                json_pack("{ss ss sI sI}", "phase", meet_phase_name(k), "label", phase_labels[k],
                          "budget_s", (json_int_t)t->p[i].phase_budget_s[k], "used_s",
                          (json_int_t)(on ? v.phase_used_s : t->p[i].phase_used_s[k])));
        }
        char *name = person_name_dup(r, t->p[i].person_id);
        json_array_append_new(
            people,
            json_pack("{sI ss sI sI so}", "person_id", (json_int_t)t->p[i].person_id, "name",
                      name ? name : "", "budget_s", (json_int_t)t->p[i].budget_s, "airtime_s",
                      (json_int_t)meet_timer_airtime(t, i, r->now), "phases", phases));
        free(name);
    }
    json_t *current = json_null();
    if (v.state != MEET_TIMER_DONE)
        current = json_pack("{sI si ss ss sI sI sI}", "presenter_id",
                            (json_int_t)t->p[v.current].person_id, "index", v.current, "phase",
                            meet_phase_name(v.phase), "label", phase_labels[v.phase], "elapsed_s",
                            (json_int_t)v.phase_used_s, "budget_s", (json_int_t)v.phase_budget_s,
                            "left_s", (json_int_t)v.phase_left_s);
    return json_pack("{sI ss so ss sb si so}", "meeting_id", (json_int_t)mid, "state",
                     state_names[v.state], "current", current, "alert", alert_names[v.alert],
                     "overrun", v.alert == MEET_ALERT_OVERRUN, "warn_s", MEET_TIMER_WARN_S,
                     "presenters", people);
}

/* "m:ss" for S seconds, with a minus sign when negative. */
static void html_clock(struct html *page, int64_t s)
{
    if (s < 0) {
        H(page, "-");
        s = -s;
    }
    char *text = str_printf("%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
    html_text(page, text ? text : "?");
    free(text);
}

static void person_name(struct web_request *r, struct html *page, long long id)
{
    char *name = person_name_dup(r, id);
    html_text(page, name ? name : "a member");
    free(name);
}

/* A timer button; HIDDEN ones are drawn too so that meeting.js can show them as the state
 * changes (without JavaScript, hidden stays hidden). */
static void timer_button(struct web_request *r, struct html *page, long long mid,
                         const char *action, const char *label, bool hidden)
{
    H(page, "<form class=\"inline\" method=\"post\" action=\"/meetings/");
    html_int(page, mid);
    H(page, "/timer\" data-timer>");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\" name=\"action\" value=\"");
    html_text(page, action);
    H(page, "\"");
    if (hidden)
        H(page, " hidden");
    H(page, ">");
    html_text(page, label);
    H(page, "</button></form>\n");
}

/* The add-presenter form: the members of the set at the meeting's time who are not presenting
 * yet. */
static void presenter_form(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_roll_entry *roll = NULL;
    size_t nr = 0;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_meeting_roll(r->db, m->id, &roll, &nr) != 0 ||
        store_presentations_list(r->db, m->id, &ps, &np) != 0) {
        meet_roll_free(roll, nr);
        free(ps);
        return;
    }
    H(page, "<form method=\"post\" class=\"presenter-add\" data-live action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/presenters\">\n");
    html_csrf(page, r->csrf);
    H(page, "<p class=\"field\"><label for=\"presenter\">Add a presenter</label>\n"
            "<select id=\"presenter\" name=\"person\">\n");
    for (size_t i = 0; i < nr; i++) {
        long long id = roll[i].person_id;
        bool taken = false;
        for (size_t j = 0; j < np; j++)
            taken = taken || ps[j].presenter_id == id;
        if (taken)
            continue;
        H(page, "<option value=\"");
        html_int(page, id);
        H(page, "\">");
        html_text(page, roll[i].name);
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n");
    html_input(page, "number", "bid", "Bid in minutes (empty: share equally)", NULL, false);
    H(page, "<button type=\"submit\">Add presenter</button>\n</form>\n");
    meet_roll_free(roll, nr);
    free(ps);
}

/* The steps of presenter I's phases: done, now, to come, each with used and budget. */
static void phase_steps(struct html *page, const struct meet_timer *t,
                        const struct meet_timer_view *v, int i)
{
    H(page, "<ol class=\"phase-steps\" aria-label=\"Phases of this presentation\">\n");
    for (int k = 0; k < MEET_PHASE_COUNT; k++) {
        bool now = v->state != MEET_TIMER_DONE && i == v->current && (int)v->phase == k;
        bool done =
            v->state == MEET_TIMER_DONE || i < v->current || (i == v->current && k < (int)v->phase);
        H(page, "<li data-k=\"");
        html_int(page, k);
        H(page, "\"");
        if (now)
            H(page, " class=\"now\"");
        else if (done)
            H(page, " class=\"done\"");
        H(page, "><span class=\"step-label\">");
        html_text(page, phase_labels[k]);
        H(page, "</span> <span class=\"step-time\">");
        html_clock(page, now ? v->phase_used_s : t->p[i].phase_used_s[k]);
        H(page, " / ");
        html_clock(page, t->p[i].phase_budget_s[k]);
        H(page, "</span>");
        if (now)
            H(page, " <span class=\"sr\">(now)</span>");
        H(page, "</li>\n");
    }
    H(page, "</ol>\n");
}

void web_meeting_timer(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_timer t;
    H(page, "<section id=\"timer-section\" data-region>\n<h3>Timer</h3>\n");
    int rc = web_meeting_timer_load(r->db, m, &t);
    if (rc < 0) {
        H(page, "<p>Add presenters to run the timer.</p>\n");
        presenter_form(r, page, m);
        H(page, "</section>\n");
        return;
    }
    struct meet_timer_view v;
    meet_timer_view(&t, r->now, &v);
    H(page, "<div class=\"timer\" id=\"timer\" data-meeting=\"");
    html_int(page, m->id);
    H(page, "\" data-state=\"");
    html_text(page, state_names[v.state]);
    H(page, "\" data-left=\"");
    html_int(page, (long long)v.phase_left_s);
    H(page, "\" data-warn=\"");
    html_int(page, MEET_TIMER_WARN_S);
    H(page, "\">\n");
    H(page, "<p class=\"notice timer-done\"");
    if (v.state != MEET_TIMER_DONE)
        H(page, " hidden");
    H(page, ">All presentations are done.</p>\n<p class=\"timer-now\"");
    if (v.state == MEET_TIMER_DONE)
        H(page, " hidden");
    H(page, ">Now: <strong class=\"timer-who\">");
    if (v.state != MEET_TIMER_DONE)
        person_name(r, page, t.p[v.current].person_id);
    H(page, "</strong> · <strong class=\"phase\">");
    html_text(page, phase_labels[v.phase]);
    H(page, "</strong> <span class=\"timer-state\">(");
    html_text(page, state_names[v.state]);
    H(page, ")</span><br><span class=\"clock\">left <span class=\"timer-left\">");
    html_clock(page, v.phase_left_s);
    H(page, "</span></span> <span class=\"meta\">used <span class=\"timer-used\">");
    html_clock(page, v.phase_used_s);
    H(page, "</span> of <span class=\"timer-budget\">");
    html_clock(page, v.phase_budget_s);
    H(page, "</span></span></p>\n<div class=\"timer-alert\" role=\"status\">");
    if (v.alert == MEET_ALERT_OVERRUN)
        H(page, "<p class=\"error\">Overrun: this phase is over its time.</p>");
    else if (v.alert == MEET_ALERT_WARN)
        H(page, "<p class=\"notice\">Less than a minute left.</p>");
    H(page, "</div>\n");
    phase_steps(page, &t, &v, v.state == MEET_TIMER_DONE ? t.npresenters - 1 : v.current);
    H(page, "<div class=\"actions timer-buttons\">\n");
    bool can_start = v.state == MEET_TIMER_READY || v.state == MEET_TIMER_PAUSED;
    timer_button(r, page, m->id, "start", v.state == MEET_TIMER_PAUSED ? "Resume" : "Start",
                 !can_start);
    timer_button(r, page, m->id, "pause", "Pause", v.state != MEET_TIMER_RUNNING);
    timer_button(r, page, m->id, "next", "Next phase", v.state == MEET_TIMER_DONE);
    H(page, "</div>\n<table class=\"list airtimes\">\n<caption>Presenters' slots and airtime"
            "</caption>\n<thead><tr><th scope=\"col\">Presenter</th><th scope=\"col\">Slot</th>"
            "<th scope=\"col\">Airtime</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < t.npresenters; i++) {
        H(page, "<tr data-person=\"");
        html_int(page, t.p[i].person_id);
        H(page, "\"");
        if (v.state != MEET_TIMER_DONE && i == v.current)
            H(page, " class=\"current\"");
        H(page, "><th scope=\"row\">");
        person_name(r, page, t.p[i].person_id);
        H(page, "</th><td>");
        html_clock(page, t.p[i].budget_s);
        H(page, "</td><td class=\"airtime\">");
        html_clock(page, meet_timer_airtime(&t, i, r->now));
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n</div>\n");
    /* Presenters can be added until the timer has started. */
    if (rc == 1 && t.npresenters < MEET_TIMER_MAX_PRESENTERS)
        presenter_form(r, page, m);
    H(page, "</section>\n");
}

/* Answers a timer POST sent by meeting.js (reply=json): the live state, or the error. */
static bool wants_json(struct web_request *r)
{
    const char *reply = formdata_get(&r->form, "reply");
    return reply && strcmp(reply, "json") == 0;
}

static void timer_error(struct web_request *r, int status, const char *msg)
{
    if (wants_json(r))
        web_json(r, status, json_pack("{ss}", "error", msg));
    else
        web_error(r, status, msg);
}

void page_meeting_timer(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    struct meet_timer t;
    int rc = web_meeting_timer_load(r->db, &m, &t);
    if (rc < 0) {
        meeting_free(&m);
        timer_error(r, 422, "Add presenters before starting the timer.");
        return;
    }
    const char *action = formdata_get(&r->form, "action");
    if (!action)
        action = "";
    if (strcmp(action, "start") == 0)
        rc = meet_timer_start(&t, r->now);
    else if (strcmp(action, "pause") == 0)
        rc = meet_timer_pause(&t, r->now);
    else if (strcmp(action, "next") == 0)
        rc = meet_timer_next(&t, r->now);
    else {
        meeting_free(&m);
        timer_error(r, 400, "Say start, pause or next.");
        return;
    }
    if (rc != 0) {
        meeting_free(&m);
        timer_error(r, 409, "The timer cannot do that now (already running, paused or done).");
        return;
    }
    if (store_meeting_timer_put(r->db, r->ids[0], &t, r->now) != 0) {
        meeting_free(&m);
        timer_error(r, 500, "The timer could not be saved.");
        return;
    }
    if (wants_json(r))
        web_json(r, 200, web_meeting_live_json(r, &m));
    else
        web_meeting_back(r, "during", "timer");
    meeting_free(&m);
}

void page_meeting_presenter(struct web_request *r)
{
    const char *p = formdata_get(&r->form, "person");
    const char *b = formdata_get(&r->form, "bid");
    long long who = p ? atoll(p) : 0;
    long long bid = b && *b ? atoll(b) : 0;
    long long id;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_presenter_add(r->db, &me, r->ids[0], who, bid, &id, &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
        return;
    }
    web_meeting_back(r, "during", "timer-section");
}
