/* The private reflection journal: only its owner ever sees it (the use cases of
 * app/journal/journal.h decide). Writing, editing and deleting keep what was typed when
 * something is wrong, and a delete asks first. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "app/journal/journal.h"
#include "core/strbuf.h"
#include "engine/meetings/when.h"

#include <stdlib.h>
#include <string.h>

/* What to show again after a refused change: the notice, and the text typed for entry EDIT_ID
 * (0: the new-entry box). */
struct journal_draft {
    const char *notice;
    long long edit_id;
    const char *body;
};

static void entry_meta(struct web_request *r, struct html *page, const struct actor *me,
                       const struct journal_entry *e)
{
    char when[MEET_WHEN_MAX];
    app_journal_when(r->db, me, e->created_at, when, sizeof when);
    H(page, "<p class=\"meta\">");
    html_text(page, when);
    if (e->edited_at) {
        app_journal_when(r->db, me, e->edited_at, when, sizeof when);
        H(page, " · edited ");
        html_text(page, when);
    }
    H(page, "</p>");
}

static void entry_forms(struct web_request *r, struct html *page, const struct journal_entry *e,
                        const struct journal_draft *d)
{
    bool editing = d && d->edit_id == e->id;
    H(page, "<details class=\"journal-edit\"");
    if (editing)
        H(page, " open");
    H(page, "><summary>Edit</summary><form method=\"post\" action=\"/journal/");
    html_int(page, e->id);
    H(page, "/edit\">");
    html_csrf(page, r->csrf);
    H(page, "<label for=\"body-");
    html_int(page, e->id);
    H(page, "\">Your reflection</label><textarea id=\"body-");
    html_int(page, e->id);
    H(page, "\" name=\"body\" rows=\"5\" required>");
    html_text(page, editing && d->body ? d->body : e->body);
    H(page, "</textarea><button type=\"submit\">Save changes</button></form></details>"
            "<form class=\"inline\" method=\"post\" action=\"/journal/");
    html_int(page, e->id);
    H(page, "/delete\">");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\" class=\"link\">Delete…</button></form>");
}

static void render(struct web_request *r, int code, const struct journal_draft *d)
{
    struct actor me = web_meet_actor(r);
    struct journal_entry *es = NULL;
    size_t n = 0;
    if (app_journal_list(r->db, &me, &es, &n) != STATUS_OK) {
        web_error(r, 500, "The journal could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "My journal", &v);
    if (d && d->notice)
        html_notice(&page, true, d->notice);
    H(&page, "<p class=\"hint\">Your reflections are private: nobody else, not your set, "
             "facilitator or the programme's admins, can read them.</p>\n");
    if (me.person_id) {
        H(&page, "<form method=\"post\" action=\"/journal\">\n");
        html_csrf(&page, r->csrf);
        H(&page, "<label for=\"body\">New reflection</label>\n"
                 "<textarea id=\"body\" name=\"body\" rows=\"5\" required>");
        if (d && !d->edit_id && d->body)
            html_text(&page, d->body);
        H(&page, "</textarea>\n<button type=\"submit\">Save</button>\n</form>\n");
    } else {
        H(&page, "<p>Your account is not a person of a cohort, so it has no journal.</p>\n");
    }
    if (me.person_id && n == 0)
        H(&page, "<p class=\"empty\">No reflections yet. After a meeting, note what you learned "
                 "and what you will try next: only you will ever read it.</p>\n");
    for (size_t i = 0; i < n; i++) {
        H(&page, "<article class=\"journal\" id=\"entry-");
        html_int(&page, es[i].id);
        H(&page, "\">");
        entry_meta(r, &page, &me, &es[i]);
        H(&page, "<p class=\"body\">");
        html_text(&page, es[i].body);
        H(&page, "</p>");
        entry_forms(r, &page, &es[i], d);
        H(&page, "</article>\n");
    }
    html_page_end(&page);
    web_html(r, code, &page);
    html_free(&page);
    journal_entries_free(es, n);
}

void page_journal(struct web_request *r)
{
    render(r, 200, NULL);
}

/* The code for a refused change: 400 when nothing was written, else what ST says. */
static int refusal_code(enum status st, const char *body)
{
    return web_status_code(st, st == STATUS_INVALID && (!body || !*body));
}

void page_journal_add(struct web_request *r)
{
    struct actor me = web_meet_actor(r);
    const char *body = formdata_get(&r->form, "body");
    struct journal_reply rep;
    long long id;
    enum status st = app_journal_add(r->db, &me, body, &id, &rep);
    if (st == STATUS_INVALID) {
        struct journal_draft d = {rep.msg, 0, body};
        render(r, refusal_code(st, body), &d);
        return;
    }
    if (st != STATUS_OK) {
        web_error(r, st == STATUS_FORBIDDEN ? 422 : web_status_code(st, false), rep.msg);
        return;
    }
    web_redirect(r, "/journal");
}

void page_journal_edit(struct web_request *r)
{
    struct actor me = web_meet_actor(r);
    const char *body = formdata_get(&r->form, "body");
    struct journal_reply rep;
    enum status st = app_journal_edit(r->db, &me, r->ids[0], body, &rep);
    if (st == STATUS_INVALID) {
        struct journal_draft d = {rep.msg, r->ids[0], body};
        render(r, refusal_code(st, body), &d);
        return;
    }
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, false), rep.msg);
        return;
    }
    char *to = str_printf("/journal#entry-%lld", r->ids[0]);
    web_redirect(r, to);
    free(to);
}

/* The page that asks before a delete; nothing is written. */
static void confirm_delete(struct web_request *r, const struct actor *me)
{
    struct journal_entry *es = NULL;
    size_t n = 0;
    if (app_journal_list(r->db, me, &es, &n) != STATUS_OK) {
        web_error(r, 500, "The journal could not be read.");
        return;
    }
    const struct journal_entry *e = NULL;
    for (size_t i = 0; i < n && !e; i++)
        if (es[i].id == r->ids[0])
            e = &es[i];
    if (!e) {
        journal_entries_free(es, n);
        web_error(r, 404, "There is no such entry in your journal.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Delete this reflection?", &v);
    H(&page, "<p>This cannot be undone. The entry:</p>\n<blockquote class=\"journal\">");
    html_text(&page, e->body);
    H(&page, "</blockquote>\n<form method=\"post\" action=\"/journal/");
    html_int(&page, e->id);
    H(&page, "/delete\">");
    html_csrf(&page, r->csrf);
    H(&page, "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
             "<button type=\"submit\" class=\"danger\">Delete it</button> "
             "<a href=\"/journal\">Keep it</a></form>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    journal_entries_free(es, n);
}

/* Without confirm=1 a delete only asks; with it, the entry goes. */
void page_journal_delete(struct web_request *r)
{
    struct actor me = web_meet_actor(r);
    const char *confirm = formdata_get(&r->form, "confirm");
    if (!confirm || strcmp(confirm, "1") != 0) {
        confirm_delete(r, &me);
        return;
    }
    struct journal_reply rep;
    enum status st = app_journal_delete(r->db, &me, r->ids[0], &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, false), rep.msg);
        return;
    }
    web_redirect(r, "/journal");
}
