/* Invitations: one person, or every member of a programme without an account, each with a
 * one-time link that sets the password, mailed when mail is on. */
#ifndef SETWORK_APP_MAIL_INVITE_H
#define SETWORK_APP_MAIL_INVITE_H

#include "app/mail/mail.h"
#include "core/token.h"
#include "store/store_accounts.h"

#include <stdbool.h>

/* What one invitation did. LINK owned (free with invite_result_clear). */
struct invite_result {
    char *link;             /* the one-time link */
    char token[TOKEN_SIZE]; /* the token in it */
    bool resent; /* the account existed without a password: a new link replaced the old */
    bool queued; /* the mail is in the outbox */
};
void invite_result_clear(struct invite_result *r);

/* Invites EMAIL as ROLE in one transaction: creates the account (linked to the person with
 * that email) or, for an account that has no password yet, makes a new link (a resend, or a
 * new link after one expired); queues the invitation mail when CFG is enabled. Links start
 * with BASE. Returns STATUS_OK; STATUS_CONFLICT when the account has a password already;
 * STATUS_INVALID with a sentence in ERR for an unusable email; STATUS_FAILED on a store error
 * (nothing is written unless STATUS_OK). */
enum status invite_one(struct db *db, const struct mail_config *cfg, const char *email,
                       enum user_role role, const char *base, long long now,
                       struct invite_result *out, struct strbuf *err);

/* Invites, as participants, every member of PROGRAMME_ID who has no account, in one
 * transaction (all or none). *COUNT gets how many; LINKS (may be NULL) gets "email link" lines.
 * Returns as invite_one does. */
enum status invite_programme(struct db *db, const struct mail_config *cfg, long long programme_id,
                             const char *base, long long now, long *count, struct strbuf *links,
                             struct strbuf *err);

#endif
