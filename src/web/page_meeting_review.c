/* The session review at the end of a meeting: each member (and the facilitator) says what
 * helped and what they learned about questioning; the set sees every review of the meeting. */
#include "web/meeting_rounds.h"

#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>

void web_meeting_reviews(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_member_review *list = NULL;
    size_t n = 0;
    struct meet_role me;
    H(page, "<section id=\"review\">\n<h2>Session review</h2>\n");
    if (store_member_reviews_list(r->db, m->id, &list, &n) != 0 ||
        store_meeting_role(r->db, m->id, r->user.person_id, &me) != 0) {
        H(page, "<p class=\"error\">The reviews could not be read.</p>\n</section>\n");
        return;
    }
    /* The older single review of the whole meeting, where one was written. */
    char *helped = NULL, *learned = NULL;
    if (store_review_get(r->db, m->id, &helped, &learned) == 0) {
        H(page, "<h3>The set's summary</h3>\n<dl class=\"facts\"><dt>What helped</dt><dd>");
        html_text(page, helped);
        H(page, "</dd><dt>What we learned about questioning</dt><dd>");
        html_text(page, learned);
        H(page, "</dd></dl>\n");
        free(helped);
        free(learned);
    }
    const struct meet_member_review *mine = NULL;
    struct meet_viewer v = {r->user.person_id, r->user.role == ROLE_ADMIN};
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (store_meet_may_see(r->db, &v, MEET_ITEM_OWN_REVIEW, list[i].id) != 1)
            continue;
        if (list[i].person_id == r->user.person_id)
            mine = &list[i];
        if (shown++ == 0)
            H(page, "<div class=\"reviews\">\n");
        H(page, "<article class=\"review\"><h3>");
        html_text(page, list[i].name);
        H(page, "</h3>\n<dl class=\"facts\"><dt>What helped</dt><dd>");
        html_text(page, list[i].helped);
        H(page, "</dd><dt>What I learned about questioning</dt><dd>");
        html_text(page, list[i].learned_questioning);
        H(page, "</dd></dl></article>\n");
    }
    if (shown)
        H(page, "</div>\n");
    else
        H(page, "<p>No reviews yet.</p>\n");
    if (r->user.person_id && (me.member || me.facilitator)) {
        H(page, "<form method=\"post\" action=\"/meetings/");
        html_int(page, m->id);
        H(page, "/review\">");
        html_csrf(page, r->csrf);
        H(page, "\n<p class=\"field\"><label for=\"helped\">What helped me today</label>\n"
                "<textarea id=\"helped\" name=\"helped\" rows=\"3\">");
        html_text(page, mine ? mine->helped : "");
        H(page,
          "</textarea></p>\n<p class=\"field\"><label for=\"learned-q\">What I learned "
          "about questioning</label>\n<textarea id=\"learned-q\" name=\"learned_questioning\" "
          "rows=\"3\">");
        html_text(page, mine ? mine->learned_questioning : "");
        H(page, "</textarea></p>\n<button type=\"submit\">Save my review</button>\n</form>\n");
    }
    H(page, "</section>\n");
    meet_member_reviews_free(list, n);
}

/* POST /meetings/#/review helped=TEXT learned_questioning=TEXT */
void page_meeting_review(struct web_request *r)
{
    const char *msg = NULL;
    int status = rounds_review(r, r->ids[0], form_get(&r->form, "helped"),
                               form_get(&r->form, "learned_questioning"), &msg);
    if (status != 200) {
        web_error(r, status, msg);
        return;
    }
    char *to = str_printf("/meetings/%lld#review", r->ids[0]);
    web_redirect(r, to);
    free(to);
}
