/* Mail preferences: the unsubscribe link of a reminder and the Account page's switch. */
#include "web/pages/page_mail.h"

#include "app/mail/reminders.h"
#include "io/mail/mime.h"
#include "store/store_outbox.h"

#include <string.h>

/* The token of the link, from the query (the mail's URL) or the form (the button). */
static const char *link_token(struct web_request *r)
{
    const char *t = formdata_get(&r->query, "token");
    return t ? t : formdata_get(&r->form, "token");
}

static void answer(struct web_request *r, enum status st, const char *email, bool done)
{
    if (st == STATUS_NOT_FOUND) {
        web_error(r, 404, "This unsubscribe link is not valid.");
        return;
    }
    if (st != STATUS_OK) {
        web_error(r, 500, "Your choice could not be saved.");
        return;
    }
    struct html page = {0};
    html_page_begin(&page, done ? "Reminders stopped" : "Stop reminders", NULL);
    if (done) {
        H(&page, "<p>No more reminders go to ");
        html_text(&page, email);
        H(&page, ". Mail about your account (invitations, password resets) still comes. You can "
                 "turn reminders on again on your Account page.</p>\n");
    } else {
        H(&page, "<form method=\"post\" action=\"/unsubscribe\" class=\"card narrow\">\n<p>Stop "
                 "meeting reminders, actions falling due and set-change notices to ");
        html_text(&page, email);
        H(&page, "?</p>\n<input type=\"hidden\" name=\"token\" value=\"");
        html_text(&page, link_token(r));
        H(&page, "\">\n<p><button type=\"submit\">Stop reminders</button></p>\n</form>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

void page_unsubscribe_form(struct web_request *r)
{
    char email[MAIL_ADDRESS_MAX + 1];
    answer(r, reminders_unsubscribe_email(r->db, link_token(r), email, sizeof email), email, false);
}

void page_unsubscribe(struct web_request *r)
{
    char email[MAIL_ADDRESS_MAX + 1];
    answer(r, reminders_unsubscribe(r->db, link_token(r), r->now, email, sizeof email), email,
           true);
}

void page_account_reminders(struct web_request *r)
{
    const char *v = formdata_get(&r->form, "reminders");
    if (!v || (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)) {
        web_error(r, 400, "Field reminders: choose on or off.");
        return;
    }
    if (reminders_set_optout(r->db, r->user.email, strcmp(v, "off") == 0, r->now) != STATUS_OK) {
        web_error(r, 500, "Your choice could not be saved.");
        return;
    }
    web_redirect(r, "/account");
}

void page_reminders_card(struct web_request *r, struct html *page)
{
    int off = store_mail_opted_out(r->db, r->user.email);
    H(page,
      "<h2>Reminders</h2>\n<form method=\"post\" action=\"/account/reminders\" class=\"card\" "
      "id=\"reminders-form\">\n");
    html_csrf(page, r->csrf);
    if (off == 1) {
        H(page, "<p>Reminders are <strong>off</strong>: no meeting invitations, actions falling "
                "due or set-change notices are mailed to you.</p>\n<input type=\"hidden\" "
                "name=\"reminders\" value=\"on\">\n<p><button type=\"submit\">Turn reminders "
                "on</button></p>\n");
    } else {
        H(page, "<p>Reminders are <strong>on</strong>: meeting invitations for your calendar, "
                "actions falling due and set-change notices. Mail about your account always "
                "comes.</p>\n<input type=\"hidden\" name=\"reminders\" value=\"off\">\n<p><button "
                "type=\"submit\">Turn reminders off</button></p>\n");
    }
    H(page, "</form>\n");
}
