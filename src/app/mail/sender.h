/* The sender thread of `setwork serve`: a delivery pass every few seconds on its own
 * connection, until stopped. */
#ifndef SETWORK_APP_MAIL_SENDER_H
#define SETWORK_APP_MAIL_SENDER_H

#include "app/mail/mail.h"

/* Seconds between two passes. Mail queued by the web goes out within this. */
#define MAIL_SENDER_INTERVAL_SECONDS 5

struct mail_sender;

/* Starts the thread over the database at DB_PATH with CFG (copied; CFG must be enabled).
 * Returns 0 and *OUT, or -1 with a sentence in ERR. */
int mail_sender_start(const char *db_path, const struct mail_config *cfg, struct mail_sender **out,
                      struct strbuf *err);

/* Stops the thread after the message in flight, and frees it. Accepts NULL. */
void mail_sender_stop(struct mail_sender *s);

#endif
