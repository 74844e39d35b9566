/* The presenter takes the question log away: GET /meetings/#/presentations/#/questions.txt
 * gives the questions asked in one presentation as plain text (who asked, open or closed, the
 * question), to save or print. Same rule as the meeting page: the set's members and its
 * facilitator only, never admins (content). */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "engine/meetings/when.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdlib.h>

/* The person's name as the viewer may see it, appended to OUT. */
static void append_name(struct web_request *r, struct strbuf *out, long long person_id)
{
    json_t *who = NULL;
    if (view_person(r->db, &r->user, person_id, &who) == 0)
        sb_append(out, json_string_value(json_object_get(who, "name")));
    else
        sb_append(out, "a member");
    json_decref(who);
}

void page_presentation_questions(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_MEETING, &m))
        return;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    const struct meet_presentation *p = NULL;
    if (web_meet_may_see(r, MEET_ITEM_PRESENTATION, r->ids[1]) == 1 &&
        store_presentations_list(r->db, r->ids[0], &ps, &np) == 0)
        for (size_t i = 0; i < np; i++)
            if (ps[i].id == r->ids[1])
                p = &ps[i];
    struct meet_text *qs = NULL;
    size_t nq = 0;
    if (!p || store_questions_list(r->db, p->id, &qs, &nq) != 0) {
        web_error(r, 404, "There is no such meeting record.");
        goto done;
    }
    char when[MEET_WHEN_MAX];
    meet_when_format(m.tzid, m.starts_at, m.ends_at, when, sizeof when);
    sb_reset(&r->body);
    sb_append(&r->body, "Questions asked of ");
    append_name(r, &r->body, p->presenter_id);
    sb_printf(&r->body, "\n%s, %s\n\n", m.set_name, when);
    int shown = 0;
    for (size_t j = 0; j < nq; j++) {
        if (web_meet_may_see(r, MEET_ITEM_QUESTION, qs[j].id) != 1)
            continue;
        sb_printf(&r->body, "%d. [%s] ", ++shown, qs[j].kind ? qs[j].kind : "unmarked");
        append_name(r, &r->body, qs[j].person_id);
        sb_printf(&r->body, ": %s\n", qs[j].body);
    }
    if (!shown)
        sb_append(&r->body, "No questions were logged.\n");
    r->status = 200;
    r->content_type_out = "text/plain; charset=utf-8";
done:
    meet_texts_free(qs, nq);
    free(ps);
    meeting_free(&m);
}
