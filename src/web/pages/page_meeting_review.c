/* The session review at the end of a meeting: each member (and the facilitator) says what
 * helped and what they learned about questioning; the set sees every review of the meeting,
 * and on /sets/#/reviews every review of all its meetings (never admins: content). */
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "engine/meetings/when.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>

void web_meeting_reviews(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_member_review *list = NULL;
    size_t n = 0;
    struct meet_role me;
    H(page, "<section id=\"review\" data-region>\n<h3>Session review</h3>\n");
    if (store_member_reviews_list(r->db, m->id, &list, &n) != 0 ||
        store_meeting_role(r->db, m->id, r->user.person_id, &me) != 0) {
        H(page, "<p class=\"error\">The reviews could not be read.</p>\n</section>\n");
        return;
    }
    /* The older single review of the whole meeting, where one was written. */
    char *helped = NULL, *learned = NULL;
    if (store_review_get(r->db, m->id, &helped, &learned) == 0) {
        H(page, "<h4>The set's summary</h4>\n<dl class=\"facts\"><dt>What helped</dt><dd>");
        html_text(page, helped);
        H(page, "</dd><dt>What we learned about questioning</dt><dd>");
        html_text(page, learned);
        H(page, "</dd></dl>\n");
        free(helped);
        free(learned);
    }
    const struct meet_member_review *mine = NULL;
    struct actor v = web_meet_actor(r);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (app_meet_may_see(r->db, &v, MEET_ITEM_OWN_REVIEW, list[i].id) != 1)
            continue;
        if (list[i].person_id == r->user.person_id)
            mine = &list[i];
        if (shown++ == 0)
            H(page, "<div class=\"reviews\">\n");
        H(page, "<article class=\"review\"><h4>");
        html_text(page, list[i].name);
        H(page, "</h4>\n<dl class=\"facts\"><dt>What helped</dt><dd>");
        html_text(page, list[i].helped);
        H(page, "</dd><dt>What I learned about questioning</dt><dd>");
        html_text(page, list[i].learned_questioning);
        H(page, "</dd></dl></article>\n");
    }
    if (shown)
        H(page, "</div>\n");
    else
        H(page, "<p>No reviews yet.</p>\n");
    H(page, "<p><a href=\"/sets/");
    html_int(page, m->set_id);
    H(page, "/reviews\">Every review of this set</a></p>\n");
    if (r->user.person_id && (me.member || me.facilitator)) {
        H(page, "<form method=\"post\" data-live action=\"/meetings/");
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
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_review(r->db, &me, r->ids[0], formdata_get(&r->form, "helped"),
                                            formdata_get(&r->form, "learned_questioning"), &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
        return;
    }
    web_meeting_back(r, "after", "review");
}

/* 1 when R's viewer is a member or facilitator of set ID; else answers 404/500 and returns 0. */
static int set_content(struct web_request *r, long long id)
{
    struct meet_role me;
    int rc = store_set_role(r->db, id, r->user.person_id, &me);
    if (rc == 0 && (me.member || me.facilitator))
        return 1;
    web_error(r, rc < 0 ? 500 : 404, "There is no such set.");
    return 0;
}

int web_set_reviews(struct web_request *r, long long set_id, struct meet_member_review **out,
                    size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!set_content(r, set_id))
        return -1;
    if (store_set_reviews_list(r->db, set_id, out, count) != 0) {
        web_error(r, 500, "The reviews could not be read.");
        return -1;
    }
    /* Each review passes the record check too: the rule lives in one place. */
    struct actor v = web_meet_actor(r);
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++) {
        struct meet_member_review *e = &(*out)[i];
        if (app_meet_may_see(r->db, &v, MEET_ITEM_OWN_REVIEW, e->id) == 1) {
            (*out)[kept++] = *e;
            continue;
        }
        free(e->name);
        free(e->helped);
        free(e->learned_questioning);
        free(e->updated_at);
        free(e->meeting_tz);
    }
    *count = kept;
    return 0;
}

/* GET /sets/#/reviews: what the set has said in its session reviews, meeting by meeting. */
void page_set_reviews(struct web_request *r)
{
    struct meet_member_review *list = NULL;
    size_t n = 0;
    if (web_set_reviews(r, r->ids[0], &list, &n) != 0)
        return;
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Session reviews", &v);
    H(&page, "<p><a href=\"/sets/");
    html_int(&page, r->ids[0]);
    H(&page, "\">Back to the set</a></p>\n");
    if (n == 0)
        H(&page, "<p>No reviews yet.</p>\n");
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || list[i].meeting_id != list[i - 1].meeting_id) {
            char day[MEET_WHEN_MAX];
            meet_when_format(list[i].meeting_tz, list[i].meeting_at, 0, day, sizeof day);
            if (i > 0)
                H(&page, "</section>\n");
            H(&page, "<section class=\"reviews\">\n<h2><a href=\"/meetings/");
            html_int(&page, list[i].meeting_id);
            H(&page, "\">Meeting of ");
            html_text(&page, day);
            H(&page, "</a></h2>\n");
        }
        H(&page, "<article class=\"review\"><h3>");
        html_text(&page, list[i].name);
        H(&page, "</h3>\n<dl class=\"facts\"><dt>What helped</dt><dd>");
        html_text(&page, list[i].helped);
        H(&page, "</dd><dt>What I learned about questioning</dt><dd>");
        html_text(&page, list[i].learned_questioning);
        H(&page, "</dd></dl></article>\n");
    }
    if (n)
        H(&page, "</section>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    meet_member_reviews_free(list, n);
}
