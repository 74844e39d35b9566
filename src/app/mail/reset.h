/* Password reset by mail: a one-time link, valid for an hour, sent only when the email has an
 * account, with the same answer either way, and a limit on how often one may ask. */
#ifndef SETWORK_APP_MAIL_RESET_H
#define SETWORK_APP_MAIL_RESET_H

#include "app/mail/mail.h"

/* A reset link works once, for an hour. */
#define RESET_LINK_SECONDS 3600
/* At most this many requests per email, and per client address, in RESET_WINDOW_SECONDS;
 * further requests are answered the same and send nothing. */
#define RESET_MAX_PER_EMAIL   3
#define RESET_MAX_PER_ADDRESS 20
#define RESET_WINDOW_SECONDS  (15 * 60)

/* Asks for a reset of EMAIL's password from ADDRESS: when EMAIL has an account and the limits
 * allow, makes a one-time link starting with BASE and queues its mail, in one transaction.
 * The caller answers the same whatever happened. Returns STATUS_OK, or STATUS_FAILED on a
 * store error. */
enum status reset_request(struct db *db, const struct mail_config *cfg, const char *email,
                          const char *address, const char *base, long long now);

#endif
