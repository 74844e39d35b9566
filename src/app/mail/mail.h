/* Mail as a use case: the settings that say where mail goes, queueing a message in the
 * caller's transaction, and delivering the outbox (one pass) with retries and backoff. */
#ifndef SETWORK_APP_MAIL_MAIL_H
#define SETWORK_APP_MAIL_MAIL_H

#include "app/settings/settings.h"
#include "core/status.h"
#include "core/strbuf.h"
#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* Retries: the Nth temporary failure waits MAIL_RETRY_FIRST_SECONDS * 2^(N-1), at most
 * MAIL_RETRY_MAX_SECONDS; after MAIL_MAX_ATTEMPTS tries the message is failed for good. */
#define MAIL_RETRY_FIRST_SECONDS 60
#define MAIL_RETRY_MAX_SECONDS   (6 * 3600)
#define MAIL_MAX_ATTEMPTS        10
/* A claim older than this is taken back even when its process seems alive (a send takes at
 * most MAIL_SMTP_SEND_SECONDS plus the connection time). */
#define MAIL_CLAIM_STALE_SECONDS 600
/* One pass delivers at most this many messages, so that a huge queue does not hold a sender. */
#define MAIL_PASS_MAX 1000
/* Bytes of a password file. */
#define MAIL_PASSWORD_FILE_MAX 1024

/* Where mail goes, from the settings. Strings owned (free with mail_config_free). */
struct mail_config {
    bool enabled; /* smtp_url and mail_from are set */
    char *smtp_url, *user, *password, *from, *public_url;
    char from_address[256]; /* the bare address of FROM, for MAIL FROM and Message-IDs */
};

/* Reads S into CFG (the password from smtp_password_file when that is set). Returns
 * STATUS_OK; STATUS_INVALID with a sentence in ERR (smtp_url without mail_from, an unreadable
 * password file); STATUS_FAILED when out of memory. */
enum status mail_config_load(const struct settings *s, struct mail_config *cfg, struct strbuf *err);
void mail_config_free(struct mail_config *cfg);

/* The web address links start with: public_url, else FALLBACK. */
const char *mail_link_base(const struct mail_config *cfg, const char *fallback);

/* One message to queue. Strings borrowed; HTML, CALENDAR, METHOD and UNSUBSCRIBE may be NULL. */
struct mail_draft {
    const char *kind;     /* "invitation", "reset", "reminder"... */
    const char *idem_key; /* what makes it the same message: kind, subject and recipient */
    const char *to, *subject, *text, *html;
    const char *calendar, *method, *unsubscribe;
};

/* Builds D as MIME and writes it to the outbox; call inside the transaction of the event that
 * causes it. Returns STATUS_OK (queued, or queued before under the same key), STATUS_INVALID
 * with a sentence in ERR when the draft cannot be a message, STATUS_FAILED on a store error. */
enum status mail_queue(struct db *db, const struct mail_config *cfg, const struct mail_draft *d,
                       long long now, struct strbuf *err);

/* What one pass did. */
struct mail_pass_result {
    long sent, retried, failed;
};

/* Delivers every message due at NOW (every unsent one when ALL, ignoring backoff), claiming
 * each before sending so that two senders never send one message, and taking back the claims
 * of processes that died. Returns STATUS_OK, or STATUS_FAILED on a store error (with ERR). */
enum status mail_deliver(struct db *db, const struct mail_config *cfg, long long now, bool all,
                         struct mail_pass_result *result, struct strbuf *err);

/* The delay before attempt number ATTEMPTS + 1 after a temporary failure. */
long mail_retry_delay(long attempts);

#endif
