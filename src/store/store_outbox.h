/* The outbox (migration 0012): finished messages waiting for the sender, their claims, retries
 * and outcomes, and the reminder opt-outs. */
#ifndef SETWORK_STORE_STORE_OUTBOX_H
#define SETWORK_STORE_STORE_OUTBOX_H

#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* A message to queue. Strings borrowed. */
struct outbox_new {
    const char *idem_key, *kind, *recipient, *subject, *message_id, *message;
};

/* Queues M, due at NOW. Returns 0 and *ID, 1 when a message with its idem_key exists already
 * (nothing is queued), -1 on error. Call inside the transaction of the event that causes it. */
int store_outbox_add(struct db *db, const struct outbox_new *m, long long now, long long *id);

/* A message as the sender or the admin sees it. Strings owned (free with
 * store_outbox_entries_free). MESSAGE is NULL in lists. */
struct outbox_entry {
    long long id;
    char *kind, *recipient, *subject, *status, *last_error, *message;
    long attempts;
    long long created_at, next_at, sent_at, claimed_by, claimed_at;
};
void store_outbox_entry_clear(struct outbox_entry *e);
void store_outbox_entries_free(struct outbox_entry *list, size_t count);

/* Messages that may be claimed at NOW, oldest first, at most LIMIT: pending ones due by NOW
 * (every pending one when ALL), and claims older than STALE_BEFORE or by a process other
 * than SELF_PID (the caller checks those are dead). 0 with *OUT and *COUNT, or -1. */
int store_outbox_due(struct db *db, long long now, bool all, long long stale_before,
                     long long self_pid, size_t limit, struct outbox_entry **out, size_t *count);

/* Claims message ID for process PID when it is still in the state the caller saw (pending, or
 * claimed by OLD_PID when OLD_PID is not 0), adding one attempt. 0 claimed, 1 someone else has
 * it, -1 error. */
int store_outbox_claim(struct db *db, long long id, long long pid, long long old_pid,
                       long long now);
/* Loads message ID with its text into OUT: 0, 1 none, -1. */
int store_outbox_get(struct db *db, long long id, struct outbox_entry *out);
/* Records the outcome of message ID: sent at NOW; or pending again at NEXT_AT with ERROR; or
 * failed with ERROR. Each returns 0 or -1. */
int store_outbox_sent(struct db *db, long long id, long long now);
int store_outbox_retry(struct db *db, long long id, long long next_at, const char *error);
int store_outbox_failed(struct db *db, long long id, const char *error);

/* The latest LIMIT messages, newest first, and only those not sent when UNSENT. 0 or -1. */
int store_outbox_list(struct db *db, bool unsent, size_t limit, struct outbox_entry **out,
                      size_t *count);
/* Counts of messages by status. 0 or -1. */
int store_outbox_counts(struct db *db, long *pending, long *sending, long *sent, long *failed);

/* Reminder opt-outs: 0 done; store_mail_opted_out gives 1 when EMAIL opted out, 0 not, -1. */
int store_mail_optout(struct db *db, const char *email, bool out, long long now);
int store_mail_opted_out(struct db *db, const char *email);

#endif
