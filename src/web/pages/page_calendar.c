/* The per-person calendar feed: GET /calendar/TOKEN.ics behind a secret link (no login), the
 * account's page that makes a new link (/account/calendar), and the iCalendar answer that the
 * feed and a meeting's .ics download (page_meeting.c) share. */
#include "web/http/web.h"

#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

void web_send_ics(struct web_request *r, const struct meeting *ms, size_t n, const char *name)
{
    char *text = meetings_to_ics(ms, n, name, r->now);
    if (!text) {
        web_error(r, 500, "Out of memory.");
        return;
    }
    sb_reset(&r->body);
    sb_append(&r->body, text);
    free(text);
    r->status = 200;
    r->content_type_out = "text/calendar; charset=utf-8";
}

/* GET /calendar/TOKEN.ics: no login; the secret token names the person. */
void page_calendar_feed(struct web_request *r)
{
    const char *name = r->path + strlen("/calendar/");
    size_t len = strlen(name);
    char token[MEET_FEED_TOKEN_LEN + 1];
    long long person = 0;
    if (len != MEET_FEED_TOKEN_LEN + 4 || strcmp(name + MEET_FEED_TOKEN_LEN, ".ics") != 0) {
        web_error(r, 404, "There is no such calendar.");
        return;
    }
    memcpy(token, name, MEET_FEED_TOKEN_LEN);
    token[MEET_FEED_TOKEN_LEN] = '\0';
    int rc = store_feed_token_person(r->db, token, &person);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such calendar.");
        return;
    }
    struct meeting *ms = NULL;
    size_t n = 0;
    if (store_meetings_feed(r->db, person, 0, &ms, &n) != 0) {
        web_error(r, 500, "The meetings could not be read.");
        return;
    }
    web_send_ics(r, ms, n, "setwork meetings");
    meetings_free(ms, n);
}

static void calendar_page(struct web_request *r, const char *token)
{
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Calendar feed", &v);
    H(&page, "<p>Subscribe to your meetings from any calendar program with a private link. "
             "Anyone with the link sees your meeting dates, so keep it to yourself.</p>\n");
    if (token) {
        H(&page, "<p>Your new link (shown once):</p>\n<p><code class=\"secret\">");
        html_text(&page, r->config->origin);
        H(&page, "/calendar/");
        html_text(&page, token);
        H(&page, ".ics</code></p>\n");
    }
    if (!r->user.person_id) {
        H(&page, "<p>Your account is not a member of any set, so it has no meetings.</p>\n");
    } else {
        H(&page, "<form method=\"post\" action=\"/account/calendar\">\n");
        html_csrf(&page, r->csrf);
        H(&page, "<button type=\"submit\">New link</button>\n</form>\n"
                 "<p class=\"hint\">A new link stops the old one working.</p>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

void page_calendar_settings(struct web_request *r)
{
    calendar_page(r, NULL);
}

void page_calendar_new(struct web_request *r)
{
    char *token = NULL;
    if (!r->user.person_id) {
        web_error(r, 422, "Your account has no meetings.");
        return;
    }
    if (store_feed_token_create(r->db, r->user.person_id, &token) != 0) {
        web_error(r, 500, "The link could not be made.");
        return;
    }
    calendar_page(r, token);
    free(token);
}
