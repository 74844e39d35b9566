/* The presentations on the live meeting page: one <details> per presenter (the one on now is
 * open), the question log with who asked and the open/closed marks that show their state, the
 * form that logs a question with a chosen asker, and the presenter's actions. Also the
 * question POST. Every record passes app_meet_may_see first. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "app/meetings/meeting_records.h"
#include "store/store_meeting_round.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static void person_name(struct web_request *r, struct html *page, long long id)
{
    json_t *who = NULL;
    if (view_person(r->db, &r->user, id, &who) == 0)
        html_text(page, json_string_value(json_object_get(who, "name")));
    else
        H(page, "a member");
    json_decref(who);
}

/* One-tap forms marking question QID (now KIND, NULL when unmarked) open or closed. The chosen
 * mark is pressed (aria-pressed and its style); pressing it again takes the mark off. */
static void mark_buttons(struct web_request *r, struct html *page, long long mid, long long qid,
                         const char *kind)
{
    static const char *const kinds[] = {"open", "closed"};
    H(page, " <div class=\"marks\" role=\"group\" aria-label=\"Mark this question\">");
    for (int k = 0; k < 2; k++) {
        bool on = kind && strcmp(kind, kinds[k]) == 0;
        H(page, "<form class=\"inline\" method=\"post\" data-live action=\"/meetings/");
        html_int(page, mid);
        H(page, "/questions/");
        html_int(page, qid);
        H(page, "/mark\">");
        html_csrf(page, r->csrf);
        H(page, "<button type=\"submit\" class=\"mark");
        if (on)
            H(page, " pressed");
        H(page, "\" name=\"kind\" value=\"");
        html_text(page, on ? "unmarked" : kinds[k]);
        H(page, "\" aria-pressed=\"");
        html_text(page, on ? "true" : "false");
        H(page, "\">");
        html_text(page, kinds[k]);
        H(page, "</button></form>");
    }
    H(page, "</div>");
}

/* The "Asked by" choice: the members marked present and the typist, who is chosen. */
static void asker_select(struct web_request *r, struct html *page, long long pid,
                         const struct meet_roll_entry *roll, size_t nr)
{
    H(page, "<p class=\"field\"><label for=\"qa-");
    html_int(page, pid);
    H(page, "\">Asked by</label>\n<select id=\"qa-");
    html_int(page, pid);
    H(page, "\" name=\"asker\">\n");
    bool self_listed = false;
    for (size_t i = 0; i < nr; i++)
        self_listed = self_listed || roll[i].person_id == r->user.person_id;
    if (!self_listed && r->user.person_id) {
        H(page, "<option value=\"");
        html_int(page, r->user.person_id);
        H(page, "\" selected>");
        person_name(r, page, r->user.person_id);
        H(page, " (me)</option>\n");
    }
    for (size_t i = 0; i < nr; i++) {
        bool self = roll[i].person_id == r->user.person_id;
        if (!self && !(roll[i].status && strcmp(roll[i].status, "present") == 0))
            continue;
        H(page, "<option value=\"");
        html_int(page, roll[i].person_id);
        H(page, "\"");
        if (self)
            H(page, " selected");
        H(page, ">");
        html_text(page, roll[i].name);
        if (self)
            H(page, " (me)");
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n");
}

static void questions(struct web_request *r, struct html *page, const struct meeting *m,
                      const struct meet_presentation *p, const struct meet_roll_entry *roll,
                      size_t nr)
{
    struct actor v = web_meet_actor(r);
    H(page, "<h4>Questions</h4>\n");
    struct meet_text *qs = NULL;
    size_t nq = 0;
    if (store_questions_list(r->db, p->id, &qs, &nq) == 0 && nq) {
        H(page, "<ul class=\"questions\">\n");
        for (size_t j = 0; j < nq; j++) {
            if (app_meet_may_see(r->db, &v, MEET_ITEM_QUESTION, qs[j].id) != 1)
                continue;
            H(page, "<li id=\"q-");
            html_int(page, qs[j].id);
            H(page, "\"><strong class=\"tag\">");
            html_text(page, qs[j].kind ? qs[j].kind : "unmarked");
            H(page, "</strong> · ");
            if (qs[j].person_id)
                person_name(r, page, qs[j].person_id);
            else
                H(page, "someone");
            H(page, ": ");
            html_text(page, qs[j].body);
            mark_buttons(r, page, m->id, qs[j].id, qs[j].kind);
            H(page, "</li>\n");
        }
        H(page, "</ul>\n<p><a href=\"/meetings/");
        html_int(page, m->id);
        H(page, "/presentations/");
        html_int(page, p->id);
        H(page, "/questions.txt\">Take the questions away (text)</a></p>\n");
    } else {
        H(page, "<p>No questions yet.</p>\n");
    }
    meet_texts_free(qs, nq);
    H(page, "<form method=\"post\" class=\"question-add\" data-live action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/questions\">\n");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"presentation\" value=\"");
    html_int(page, p->id);
    H(page, "\">\n");
    /* One question form per presentation: each field needs its own id. */
    H(page, "<p class=\"field\"><label for=\"q-in-");
    html_int(page, p->id);
    H(page, "\">Question</label>\n<input type=\"text\" id=\"q-in-");
    html_int(page, p->id);
    H(page, "\" name=\"body\" value=\"\" maxlength=\"4000\" required></p>\n");
    asker_select(r, page, p->id, roll, nr);
    H(page, "<button type=\"submit\">Add question</button>\n</form>\n");
}

void web_meeting_presentations(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct actor v = web_meet_actor(r);
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    struct meet_roll_entry *roll = NULL;
    size_t nr = 0;
    if (store_meeting_roll(r->db, m->id, &roll, &nr) != 0) {
        roll = NULL;
        nr = 0;
    }
    /* The presenter on now is open; before the start, the first. */
    long long now_id = 0;
    struct meet_timer t;
    if (web_meeting_timer_load(r->db, m, &t) >= 0) {
        struct meet_timer_view tv;
        meet_timer_view(&t, r->now, &tv);
        if (tv.state != MEET_TIMER_DONE)
            now_id = t.p[tv.current].person_id;
    }
    H(page, "<div id=\"presentations\" data-region>\n<h3 class=\"sr\">Presenters</h3>\n");
    if (store_presentations_list(r->db, m->id, &ps, &np) != 0 || np == 0)
        H(page, "<p>No presenters yet.</p>\n");
    for (size_t i = 0; i < np; i++) {
        if (app_meet_may_see(r->db, &v, MEET_ITEM_PRESENTATION, ps[i].id) != 1)
            continue;
        H(page, "<details class=\"presentation\" data-region id=\"p-");
        html_int(page, ps[i].id);
        H(page, "\" data-person=\"");
        html_int(page, ps[i].presenter_id);
        H(page, "\"");
        if (ps[i].presenter_id == now_id)
            H(page, " open");
        H(page, ">\n<summary>Presenter ");
        html_int(page, ps[i].position);
        H(page, ": ");
        person_name(r, page, ps[i].presenter_id);
        H(page, " <span class=\"meta\">airtime ");
        html_int(page, (long long)(ps[i].airtime_s / 60));
        H(page, " min");
        if (ps[i].bid_min) {
            H(page, " · bid ");
            html_int(page, ps[i].bid_min);
            H(page, " min");
        }
        H(page, "</span></summary>\n<p class=\"meta\"><a href=\"/people/");
        html_int(page, ps[i].presenter_id);
        H(page, "\">About ");
        person_name(r, page, ps[i].presenter_id);
        H(page, "</a></p>\n");
        questions(r, page, m, &ps[i], roll, nr);
        web_meeting_presentation_actions(r, page, m, &ps[i]);
        H(page, "</details>\n");
    }
    H(page, "</div>\n");
    free(ps);
    meet_roll_free(roll, nr);
}

/* POST /meetings/#/questions presentation=ID body=TEXT asker=ID (empty: the typist) */
void page_meeting_question(struct web_request *r)
{
    const char *pid_text = formdata_get(&r->form, "presentation");
    const char *asker = formdata_get(&r->form, "asker");
    long long pid = pid_text ? atoll(pid_text) : 0;
    long long id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st =
        meeting_records_question_add(r->db, &me, r->ids[0], pid, asker && *asker ? atoll(asker) : 0,
                                     formdata_get(&r->form, "body"), &id, &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
        return;
    }
    char *anchor = str_printf("p-%lld", pid);
    web_meeting_back(r, "during", anchor ? anchor : "during");
    free(anchor);
}
