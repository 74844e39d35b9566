/* Moving a person, re-optimising and publishing from the plan page (POST /plans/#/move,
 * /reoptimise, /publish): on published sets the first POST answers 409 with a page listing who
 * would move and which meetings would be cancelled, and a button that posts again with
 * confirm=1 (app/plans/plan_change.h). */
#include "web/pages/page_plan.h"

#include "app/plans/plan_change.h"
#include "web/http/web.h"

#include <stdlib.h>
#include <string.h>

/* How long the page's re-optimising searches: an iteration budget, so that the confirmed run
 * moves exactly the people the confirmation page listed. */
#define PLAN_PAGE_REOPT_ITERATIONS 20000

static void moved_table(struct html *page, const struct plan_change_report *rep)
{
    if (!rep->moved_count) {
        H(page, "<p>Nobody changes set.</p>\n");
        return;
    }
    H(page, "<p id=\"affected-count\">");
    html_int(page, (long long)rep->moved_count);
    if (rep->moved_count == 1)
        H(page, " person changes set.</p>\n");
    else
        H(page, " people change set.</p>\n");
    H(page, "<table class=\"affected\"><thead><tr><th scope=\"col\">Person</th>"
            "<th scope=\"col\">Email</th><th scope=\"col\">From</th><th scope=\"col\">To</th>"
            "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < rep->moved_count; i++) {
        const struct plan_moved *m = &rep->moved[i];
        H(page, "<tr><td>");
        html_text(page, m->person);
        H(page, "</td><td>");
        html_text(page, m->email);
        H(page, "</td><td>");
        html_text(page, *m->from ? m->from : "(no set)");
        H(page, "</td><td>");
        html_text(page, *m->to ? m->to : "(no set)");
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

static void hidden(struct html *page, const char *name, long long value)
{
    H(page, "<input type=\"hidden\" name=\"");
    html_text(page, name);
    H(page, "\" value=\"");
    html_int(page, value);
    H(page, "\">\n");
}

/* The 409 page: what the change would do and the button that confirms it. */
static void confirm_page(struct web_request *r, const struct plan_change *c,
                         const struct plan_change_report *rep)
{
    static const char *const actions[] = {"move", "reoptimise", "publish", "undo"};
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Confirm the change to published sets", &v);
    H(&page, "<p class=\"notice\">These sets are published: their members see them. Nothing has "
             "changed yet. Confirm to make the change from ");
    html_text(&page, rep->from_date);
    H(&page, ".</p>\n<h2>Who is affected</h2>\n");
    moved_table(&page, rep);
    H(&page, "<h2>Meetings</h2>\n<ul class=\"meetings-follow\">\n");
    H(&page, "<li>Each person moved sees the future meetings of their new set, not those of "
             "their old one (their calendar shows those as cancelled).</li>\n"
             "<li>They keep their own records and those of meetings they were at; they never "
             "see what was said in their new set's earlier meetings.</li>\n");
    if (c->kind == PLAN_CHANGE_PUBLISH) {
        H(&page, "<li>Publishing this plan cancels the future meetings of the sets published "
                 "now: ");
        html_int(&page, rep->meetings_cancelled);
        H(&page, " meeting(s). Schedule the new sets' meetings from the programme page.</li>\n");
    } else if (c->kind == PLAN_CHANGE_REOPTIMISE) {
        H(&page, "<li>Sets that have met keep their members");
        if (c->include_met)
            H(&page, " (not this time: you chose to re-plan them too)");
        H(&page, ".</li>\n");
    }
    H(&page, "<li>Everyone affected gets a notice on their home page.</li>\n</ul>\n");
    H(&page, "<form method=\"post\" action=\"/plans/");
    html_int(&page, c->plan_id);
    H(&page, "/");
    html_text(&page, actions[c->kind]);
    H(&page, "\">\n");
    html_csrf(&page, r->csrf);
    hidden(&page, "confirm", 1);
    if (c->kind == PLAN_CHANGE_MOVE) {
        hidden(&page, "person_id", c->person_id);
        hidden(&page, "set_id", c->set_id);
    }
    if (c->include_met)
        hidden(&page, "include_met", 1);
    H(&page, "<button type=\"submit\" id=\"confirm\">Confirm: ");
    html_int(&page, (long long)rep->moved_count);
    H(&page, " affected</button> <a href=\"/plans/");
    html_int(&page, c->plan_id);
    H(&page, "\">Cancel, change nothing</a>\n</form>\n");
    html_page_end(&page);
    web_html(r, 409, &page);
    html_free(&page);
}

static void run(struct web_request *r, struct plan_change *c)
{
    c->plan_id = r->ids[0];
    c->confirm = formdata_get_count(&r->form, "confirm", 0) == 1;
    c->include_met = formdata_get_count(&r->form, "include_met", 0) == 1;
    struct plan_change_report rep;
    struct strbuf err = {0};
    enum status st = plan_change_apply(r->db, c, &rep, &err);
    if (st == STATUS_OK) {
        char *to = str_printf("/plans/%lld", c->plan_id);
        web_redirect(r, to ? to : "/");
        free(to);
    } else if (st == STATUS_CONFLICT) {
        confirm_page(r, c, &rep);
    } else if (c->kind == PLAN_CHANGE_MOVE && st == STATUS_NOT_FOUND) {
        web_error(r, 400, "Choose a person and a set of this plan.");
    } else if (c->kind == PLAN_CHANGE_UNDO && st == STATUS_NOT_FOUND && rep.programme_id) {
        web_error(r, 409, "There is no move to undo on this plan.");
    } else {
        web_error(r,
                  st == STATUS_NOT_FOUND ? 404
                  : st == STATUS_INVALID ? 422
                                         : 500,
                  err.data ? err.data : "There is no such plan.");
    }
    sb_free(&err);
    plan_change_report_free(&rep);
}

void page_plan_move(struct web_request *r)
{
    struct plan_change c = {.kind = PLAN_CHANGE_MOVE,
                            .person_id = formdata_get_count(&r->form, "person_id", 0),
                            .set_id = formdata_get_count(&r->form, "set_id", 0)};
    run(r, &c);
}

void page_plan_reopt(struct web_request *r)
{
    struct plan_change c = {
        .kind = PLAN_CHANGE_REOPTIMISE, .iterations = PLAN_PAGE_REOPT_ITERATIONS, .seed = 1};
    run(r, &c);
}

void page_plan_publish(struct web_request *r)
{
    struct plan_change c = {.kind = PLAN_CHANGE_PUBLISH};
    run(r, &c);
}

void page_plan_undo(struct web_request *r)
{
    struct plan_change c = {.kind = PLAN_CHANGE_UNDO};
    run(r, &c);
}
