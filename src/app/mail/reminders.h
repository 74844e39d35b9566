/* Reminders: meeting invitations N days before (iMIP REQUEST, updates after a move, CANCEL
 * after a cancellation or after leaving the set), actions falling due and set-change notices,
 * each queued once, and the one-click unsubscribe that turns them off. Security mail (reset,
 * invitations to an account) is not a reminder and ignores the opt-out. */
#ifndef SETWORK_APP_MAIL_REMINDERS_H
#define SETWORK_APP_MAIL_REMINDERS_H

#include "app/mail/mail.h"
#include "store/store_reminders.h"

/* What one pass queued. */
struct reminder_pass {
    long invitations, updates, cancellations, actions, notices;
    long skipped; /* messages that could not be built (the first reason is in ERR) */
};

/* What a recipient of a meeting is to be sent now. */
enum reminder_kind {
    REMINDER_NONE,
    REMINDER_REQUEST, /* the first invitation, or an update (a higher SEQUENCE) */
    REMINDER_CANCEL,
};

/* The rule, over one row at NOW: a member of a scheduled meeting gets the REQUEST once the
 * meeting is within the programme's reminder_days (never when 0), and again whenever its
 * SEQUENCE grew since; someone who was sent it and is no longer to come (the meeting is
 * cancelled, or they left the set) gets one CANCEL. *SEQUENCE is the SEQUENCE to send: the
 * meeting's, one higher for someone who left (as their feed says), and always above what
 * they were sent last. */
enum reminder_kind reminder_decide(const struct reminder_row *r, int64_t now, int *sequence);

/* Queues, in one transaction, every reminder due at NOW (links start with BASE), recording
 * what each person was sent. Returns STATUS_OK with OUT (when OUT->skipped, the first reason
 * is in ERR); STATUS_FAILED with ERR on a store error (nothing is queued then). Does nothing
 * when mail is not configured. */
enum status reminders_queue(struct db *db, const struct mail_config *cfg, const char *base,
                            int64_t now, struct reminder_pass *out, struct strbuf *err);

/* The address an unsubscribe TOKEN turns reminders off for, into EMAIL (SIZE bytes), without
 * writing anything: STATUS_OK, STATUS_NOT_FOUND for an unknown token, STATUS_FAILED. */
enum status reminders_unsubscribe_email(struct db *db, const char *token, char *email, size_t size);
/* Turns reminders off for the address of TOKEN (into EMAIL): the same answers. */
enum status reminders_unsubscribe(struct db *db, const char *token, int64_t now, char *email,
                                  size_t size);
/* Turns reminders off (OFF) or on for EMAIL: STATUS_OK or STATUS_FAILED. */
enum status reminders_set_optout(struct db *db, const char *email, bool off, int64_t now);

#endif
