/* Pages of mail preferences: the one-click unsubscribe of a reminder (RFC 8058) and the
 * reminders switch of the Account page. */
#ifndef SETWORK_WEB_PAGES_PAGE_MAIL_H
#define SETWORK_WEB_PAGES_PAGE_MAIL_H

#include "web/http/html.h"
#include "web/http/web.h"

/* GET /unsubscribe?token=T: says whose reminders the link stops, with a button; writes
 * nothing (a link checker or a mail scanner may follow it). */
void page_unsubscribe_form(struct web_request *r);
/* POST /unsubscribe?token=T (the mail client's List-Unsubscribe=One-Click, or the button):
 * turns reminders off for the token's address. No session and no CSRF token: the token in
 * the link is the authority, and it can do nothing else. */
void page_unsubscribe(struct web_request *r);
/* POST /account/reminders (reminders=on|off): the Account page's switch. */
void page_account_reminders(struct web_request *r);
/* The Account page's reminders card, for the logged-in user. */
void page_reminders_card(struct web_request *r, struct html *page);

#endif
