/* One mail message as MIME text (RFC 5322, 2045-2049, 2047): UTF-8 plain text with an HTML
 * alternative and, for meeting invitations, an iCalendar part (iMIP, RFC 6047). */
#ifndef SETWORK_IO_MAIL_MIME_H
#define SETWORK_IO_MAIL_MIME_H

#include "core/strbuf.h"

/* Limits on what a message may hold, checked before anything is built. */
#define MAIL_SUBJECT_MAX (998 / 4) /* bytes of subject, so that its encoded line stays short */
#define MAIL_BODY_MAX    (1 << 20) /* bytes in one part */
#define MAIL_ADDRESS_MAX 254       /* bytes in an address (RFC 5321) */

/* What a message says. Strings are UTF-8 and borrowed; HTML, CALENDAR, METHOD and
 * LIST_UNSUBSCRIBE may be NULL. FROM may be "Name <addr>" or a bare address. */
struct mail_message {
    const char *from;
    const char *to; /* one bare address: never a list */
    const char *subject;
    const char *text;
    const char *html;
    const char *calendar;         /* a VCALENDAR with METHOD, or NULL */
    const char *method;           /* "REQUEST" or "CANCEL" with CALENDAR */
    const char *list_unsubscribe; /* an https:// or mailto: URL, or NULL */
    const char *message_id;       /* without the angle brackets, such as "abc@example.org" */
    long long date;               /* Unix seconds */
};

/* Appends the whole message (headers, blank line, body; CRLF line ends) to OUT. Returns 0, or
 * -1 with a sentence in WHY (static storage) when a field is unusable or memory runs out. */
int mail_mime_build(const struct mail_message *m, struct strbuf *out, const char **why);

/* Copies the bare address of FROM ("Name <a@b>" gives "a@b") into OUT of SIZE bytes. Returns 0,
 * or -1 when there is none or it does not fit. */
int mail_bare_address(const char *from, char *out, size_t size);

/* Appends TEXT as a header value: as is when it is printable ASCII, else as RFC 2047 encoded
 * words (UTF-8, base64), each at most 75 characters, folded onto continuation lines. */
void mail_encode_header(struct strbuf *out, const char *text);

#endif
