/* Sending one finished message over SMTP with libcurl (smtp://, with STARTTLS when the server
 * offers it, or smtps://; AUTH when a user is given). One connection serves many messages. */
#ifndef SETWORK_IO_MAIL_SMTP_H
#define SETWORK_IO_MAIL_SMTP_H

#include "core/strbuf.h"

#include <stddef.h>

/* How long one server may take: to connect, and for a whole message. */
#define MAIL_SMTP_CONNECT_SECONDS 10
#define MAIL_SMTP_SEND_SECONDS    60

struct mail_smtp;

enum mail_send_result {
    MAIL_SENT,        /* the server took the message (250 after DATA) */
    MAIL_TEMPORARY,   /* a 4xx answer: try again later */
    MAIL_UNREACHABLE, /* no connection or no answer in time: try again later */
    MAIL_PERMANENT,   /* a 5xx answer: trying again will not help */
};

/* Opens a sender for URL (smtp://HOST:PORT or smtps://HOST:PORT); USER and PASSWORD may be
 * NULL or empty for none. No connection is made yet. Returns NULL when out of memory. Free
 * with mail_smtp_close. */
struct mail_smtp *mail_smtp_open(const char *url, const char *user, const char *password);
void mail_smtp_close(struct mail_smtp *s);

/* Sends LEN bytes of MESSAGE (CRLF line ends) from bare address FROM to bare address TO.
 * ANSWER gets what went wrong, with the server's own words when it answered (such as
 * "550 5.1.1 <x@y>: no such user"). */
enum mail_send_result mail_smtp_send(struct mail_smtp *s, const char *from, const char *to,
                                     const char *message, size_t len, struct strbuf *answer);

#endif
