/* Actions on the meeting page and on "My setwork": each presenter's own commitments, in their
 * words and with a date, under their presentation (recorded by the presenter or the
 * facilitator), the actions carried forward to a meeting, and the viewer's open actions. */
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "engine/meetings/actions.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void action_line(struct html *page, const struct meet_action_item *a)
{
    html_text(page, a->body);
    if (a->due_on) {
        H(page, " <span class=\"meta\">due ");
        html_text(page, a->due_on);
        H(page, "</span>");
    }
    if (a->carried_from)
        H(page, " <span class=\"meta\">(carried forward)</span>");
    H(page, " <strong class=\"tag\">");
    html_text(page, meet_status_label(a->status));
    H(page, "</strong>");
}

/* Actions made at meeting M by PERSON (0: whoever presents nowhere at M) that R's viewer may
 * see, as list items; returns how many. */
static size_t action_items(struct web_request *r, struct html *page,
                           const struct meet_action_item *list, size_t n, long long person)
{
    struct actor v = web_meet_actor(r);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].owner_id != person ||
            app_meet_may_see(r->db, &v, MEET_ITEM_ACTION, list[i].id) != 1)
            continue;
        if (shown++ == 0)
            H(page, "<ul class=\"actions-list\">\n");
        H(page, "<li>");
        action_line(page, &list[i]);
        H(page, "</li>\n");
    }
    if (shown)
        H(page, "</ul>\n");
    return shown;
}

void web_meeting_presentation_actions(struct web_request *r, struct html *page,
                                      const struct meeting *m, const struct meet_presentation *p)
{
    struct meet_action_item *list = NULL;
    size_t n = 0;
    struct meet_role me;
    H(page, "<h4>Actions</h4>\n");
    if (store_actions_made_at(r->db, m->id, &list, &n) != 0 ||
        store_meeting_role(r->db, m->id, r->user.person_id, &me) != 0) {
        H(page, "<p class=\"error\">The actions could not be read.</p>\n");
        return;
    }
    if (action_items(r, page, list, n, p->presenter_id) == 0)
        H(page, "<p>No actions yet.</p>\n");
    meet_action_items_free(list, n);
    if (p->presenter_id != r->user.person_id && !me.facilitator)
        return;
    H(page, "<form method=\"post\" data-live action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/actions\">");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"presentation\" value=\"");
    html_int(page, p->id);
    H(page, "\">\n<p class=\"field\"><label for=\"a-");
    html_int(page, p->id);
    H(page, "\">New action, in the presenter's words</label>\n<input type=\"text\" id=\"a-");
    html_int(page, p->id);
    H(page, "\" name=\"body\" value=\"\" required></p>\n<p class=\"field\"><label for=\"d-");
    html_int(page, p->id);
    H(page, "\">Due by</label>\n<input type=\"date\" id=\"d-");
    html_int(page, p->id);
    H(page, "\" name=\"due_on\" value=\"\"></p>\n"
            "<button type=\"submit\">Add action</button>\n</form>\n");
}

void web_meeting_actions_summary(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_action_item *list = NULL;
    size_t n = 0;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_actions_made_at(r->db, m->id, &list, &n) != 0 ||
        store_presentations_list(r->db, m->id, &ps, &np) != 0) {
        meet_action_items_free(list, n);
        return;
    }
    /* Actions of members who present here are under their presentation; the others (carried
     * forward from the report back) are listed here, by member, so each appears once. */
    bool heading = false;
    for (size_t i = 0; i < n; i++) {
        bool presents = false;
        for (size_t j = 0; j < np; j++)
            presents = presents || ps[j].presenter_id == list[i].owner_id;
        if (presents || (i > 0 && list[i].owner_id == list[i - 1].owner_id))
            continue;
        if (!heading) {
            H(page,
              "<section id=\"carried\" data-region>\n<h3>Carried forward to this meeting</h3>\n");
            heading = true;
        }
        H(page, "<h4>");
        html_text(page, list[i].owner_name);
        H(page, "</h4>\n");
        action_items(r, page, list, n, list[i].owner_id);
    }
    /* The section is always there, so that meeting.js can fill it when actions are carried. */
    if (heading)
        H(page, "</section>\n");
    else
        H(page, "<section id=\"carried\" data-region>\n<p class=\"hint\">No actions were "
                "carried forward to this meeting.</p>\n</section>\n");
    free(ps);
    meet_action_items_free(list, n);
}

/* POST /meetings/#/actions presentation=ID body=TEXT due_on=YYYY-MM-DD */
void page_meeting_action_add(struct web_request *r)
{
    const char *pid = formdata_get(&r->form, "presentation");
    long long id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_action_add(r->db, &me, r->ids[0], pid ? atoll(pid) : 0,
                                                formdata_get(&r->form, "body"),
                                                formdata_get(&r->form, "due_on"), &id, &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
        return;
    }
    char *anchor = str_printf("p-%lld", atoll(pid));
    web_meeting_back(r, "during", anchor ? anchor : "during");
    free(anchor);
}

void web_my_actions(struct web_request *r, struct html *page)
{
    struct meet_action_item *list = NULL;
    size_t n = 0;
    if (!r->user.person_id || store_actions_open_of(r->db, r->user.person_id, &list, &n) != 0)
        return;
    char today[16];
    time_t now = (time_t)r->now;
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    H(page, "<h2>My actions</h2>\n");
    struct actor v = web_meet_actor(r);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (app_meet_may_see(r->db, &v, MEET_ITEM_ACTION, list[i].id) != 1)
            continue;
        if (shown++ == 0)
            H(page, "<ul class=\"my-actions\">\n");
        H(page, "<li>");
        html_text(page, list[i].body);
        H(page, " <span class=\"meta\">");
        html_text(page, list[i].set_name);
        if (list[i].due_on) {
            H(page, " · due ");
            html_text(page, list[i].due_on);
        }
        H(page, "</span>");
        if (meet_action_overdue(list[i].due_on, today))
            H(page, " <strong class=\"tag\">overdue</strong>");
        H(page, " · <a href=\"/meetings/");
        html_int(page, list[i].meeting_id);
        H(page, "\">agreed at this meeting</a></li>\n");
    }
    if (shown)
        H(page, "</ul>\n<p class=\"hint\">You report back on them at your set's next meeting."
                "</p>\n");
    else
        H(page, "<p>You have no open actions.</p>\n");
    meet_action_items_free(list, n);
}
