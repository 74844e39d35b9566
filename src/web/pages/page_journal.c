/* The private reflection journal: only its owner ever sees it. The list is read for the
 * viewer's own person id alone, and each entry still passes app_meet_may_see. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "store/store_meetings.h"

#include <stdlib.h>

void page_journal(struct web_request *r)
{
    struct meet_text *es = NULL;
    size_t n = 0;
    if (r->user.person_id && store_journal_list(r->db, r->user.person_id, &es, &n) != 0) {
        web_error(r, 500, "The journal could not be read.");
        return;
    }
    struct actor mv = web_meet_actor(r);
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "My journal", &v);
    H(&page, "<p class=\"hint\">Your reflections are private: nobody else, not your set, "
             "facilitator or the programme's admins, can read them.</p>\n");
    if (r->user.person_id) {
        H(&page, "<form method=\"post\" action=\"/journal\">\n");
        html_csrf(&page, r->csrf);
        H(&page, "<label for=\"body\">New reflection</label>\n"
                 "<textarea id=\"body\" name=\"body\" rows=\"5\" required></textarea>\n"
                 "<button type=\"submit\">Save</button>\n</form>\n");
    }
    for (size_t i = 0; i < n; i++) {
        if (app_meet_may_see(r->db, &mv, MEET_ITEM_JOURNAL, es[i].id) != 1)
            continue;
        H(&page, "<article class=\"journal\"><p class=\"meta\">");
        html_text(&page, es[i].created_at);
        H(&page, "</p><p>");
        html_text(&page, es[i].body);
        H(&page, "</p></article>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    meet_texts_free(es, n);
}

void page_journal_add(struct web_request *r)
{
    const char *body = formdata_get(&r->form, "body");
    long long id;
    if (!r->user.person_id) {
        web_error(r, 422, "Your account has no journal.");
        return;
    }
    if (!body || !*body) {
        web_error(r, 400, "Write something first.");
        return;
    }
    if (store_journal_add(r->db, r->user.person_id, 0, body, &id) != 0) {
        web_error(r, 422, "The reflection could not be saved (too long?).");
        return;
    }
    web_redirect(r, "/journal");
}
