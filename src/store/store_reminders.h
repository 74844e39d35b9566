/* Reminders in the store (migration 0016): who is to hear about which coming meeting and what
 * they were last sent, actions falling due, set-change notices not yet mailed, each
 * programme's reminder_days, and the one-click unsubscribe links. */
#ifndef SETWORK_STORE_STORE_REMINDERS_H
#define SETWORK_STORE_STORE_REMINDERS_H

#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One recipient of one meeting that starts after now. Strings owned (free with
 * store_reminder_rows_free). */
struct reminder_row {
    long long meeting_id;
    char *uid;
    int sequence;
    int64_t starts, ends;
    char *tzid, *location, *link, *set_name, *programme_name, *name, *email;
    bool cancelled;      /* the meeting is cancelled */
    bool member;         /* the person is in the set at the meeting's time */
    int sent_sequence;   /* the SEQUENCE last sent to them; -1 when never */
    bool sent_cancelled; /* what was last sent was a cancellation */
    int reminder_days;   /* the programme's */
};

/* Every (meeting starting after NOW, person with an email not opted out) pair where the person
 * is in the meeting's set at its time or was sent something about it, by start. 0 or -1. */
int store_reminder_rows(struct db *db, int64_t now, struct reminder_row **out, size_t *count);
void store_reminder_rows_free(struct reminder_row *rows, size_t count);

/* Records that EMAIL was sent SEQUENCE (a cancellation when CANCELLED) for MEETING_ID. */
int store_reminder_sent(struct db *db, long long meeting_id, const char *email, int sequence,
                        bool cancelled, int64_t now);

/* An open action due on DUE_ON ("YYYY-MM-DD") whose owner has an email and did not opt out. */
struct action_due_row {
    long long id;
    char *body, *due_on, *name, *email, *set_name;
};
/* Open actions due between FROM and UNTIL (inclusive, "YYYY-MM-DD"), where UNTIL is widened per
 * programme: due on or before FROM + reminder_days days. 0 or -1. */
int store_actions_due(struct db *db, const char *from, struct action_due_row **out, size_t *count);
void store_action_due_rows_free(struct action_due_row *rows, size_t count);

/* A set-change notice not mailed yet (mailed_at NULL). OPTED_OUT says the person turned
 * reminders off. */
struct notice_row {
    long long id;
    char *body, *name, *email, *programme_name;
    bool opted_out;
};
int store_notices_unmailed(struct db *db, struct notice_row **out, size_t *count);
void store_notice_rows_free(struct notice_row *rows, size_t count);
/* Marks notice ID mailed at NOW. */
int store_notice_mailed(struct db *db, long long id, int64_t now);

/* A programme's reminder days: 0 with *DAYS, 1 no such programme, -1. */
int store_programme_reminder_days(struct db *db, long long programme_id, int *days);
/* Sets it (0..REMINDER_DAYS_MAX): 0, 1 no such programme, -1 (also for a value out of range). */
int store_programme_set_reminder_days(struct db *db, long long programme_id, int days);
#define REMINDER_DAYS_MAX 60

/* Keeps the SHA-256 HASH of an unsubscribe token for EMAIL. */
int store_unsubscribe_add(struct db *db, const char *hash, const char *email, int64_t now);
/* The email of unsubscribe token hash HASH: 0 with OUT (SIZE bytes), 1 unknown, -1. */
int store_unsubscribe_email(struct db *db, const char *hash, char *out, size_t size);

#endif
