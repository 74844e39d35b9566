/* Web accounts in the store: users and roles, sessions, API tokens, invitations and failed
 * logins. Secrets arrive here already hashed (see web/auth.h); nothing here sees a password. */
#ifndef SETWORK_STORE_STORE_ACCOUNTS_H
#define SETWORK_STORE_STORE_ACCOUNTS_H

#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

/* Invitations are valid for a week. */
#define ACCOUNT_INVITATION_SECONDS (7 * 24 * 3600)

/* Roles as bits, so that a route can allow several with one mask. */
enum user_role {
    ROLE_PARTICIPANT = 1,
    ROLE_FACILITATOR = 2,
    ROLE_ADMIN = 4,
};

/* A logged-in or looked-up account. Strings owned by the struct (free with user_clear). */
struct user {
    long long id;
    char *email;
    enum user_role role;
    long long person_id; /* 0 when the account is not a person in the store */
    char *name;          /* the person's name, else the email */
};

/* "admin", "facilitator", "participant" <-> enum; 0 for an unknown name. */
enum user_role user_role_parse(const char *name);
const char *user_role_name(enum user_role role);
void user_clear(struct user *u);

/* Creates a user (EMAIL lower-cased; linked to the person with that email when there is one).
 * HASH may be NULL (an invited user). Returns 0 and sets *ID, 1 when the email is taken, -1. */
int store_user_create(struct db *db, const char *email, enum user_role role, const char *hash,
                      long long *id);
/* Loads a user by id (an enabled one only) or by email; 0 found, 1 not, -1 error. *HASH (may
 * be NULL to skip) gets the password hash, or NULL when none is set or the account is
 * disabled; caller frees. */
int store_user_get(struct db *db, long long id, struct user *out);
int store_user_by_email(struct db *db, const char *email, struct user *out, char **hash);
int store_user_set_password(struct db *db, long long id, const char *hash);
/* A user as the account list shows them. Strings owned by the struct. */
struct store_user_entry {
    long long id;
    char *email, *role;
    char *name; /* the person's name, "" when the account is no person */
    bool has_password;
    bool disabled;
};
/* Every user by role and email: 0 with *OUT (free with store_user_entries_free) and *COUNT, or
 * -1 with *OUT NULL and *COUNT 0. */
int store_users_list(struct db *db, struct store_user_entry **out, size_t *count);
void store_user_entries_free(struct store_user_entry *list, size_t count);

struct session_row {
    long long user_id;
    char csrf[80];
    long long created_at, last_seen;
};
int store_session_create(struct db *db, const char *token_hash, long long user_id, const char *csrf,
                         long long now);
/* 0 found, 1 not, -1 error. */
int store_session_get(struct db *db, const char *token_hash, struct session_row *out);
int store_session_touch(struct db *db, const char *token_hash, long long now);
int store_session_delete(struct db *db, const char *token_hash);
int store_sessions_delete_user(struct db *db, long long user_id);
/* Deletes USER_ID's sessions except the one with KEEP_HASH. 0 or -1. */
int store_sessions_delete_others(struct db *db, long long user_id, const char *keep_hash);
/* Removes sessions idle since before IDLE_BEFORE or created before CREATED_BEFORE. */
int store_sessions_expire(struct db *db, long long idle_before, long long created_before);

int store_token_create(struct db *db, long long user_id, const char *name, const char *hash,
                       long long now, long long *id);
/* The user of the API token with HASH: 0 and *USER_ID, 1 none, -1 error. */
int store_token_user(struct db *db, const char *hash, long long now, long long *user_id);
/* An API token as its owner sees it (never the token itself). NAME owned by the struct. */
struct store_token_entry {
    long long id;
    char *name;
    long long created_at, last_used; /* Unix seconds; last_used 0 when never used */
};
/* USER_ID's tokens by id: 0 with *OUT (free with store_token_entries_free) and *COUNT, or -1
 * with *OUT NULL and *COUNT 0. */
int store_tokens_list(struct db *db, long long user_id, struct store_token_entry **out,
                      size_t *count);
void store_token_entries_free(struct store_token_entry *list, size_t count);
/* Deletes token ID when it belongs to USER_ID: 0 deleted, 1 no such token, -1 error. */
int store_token_delete(struct db *db, long long user_id, long long id);
/* Deletes every API token of USER_ID ("Log out everywhere"): 0, or -1 on error. */
int store_tokens_delete_user(struct db *db, long long user_id);

int store_invitation_create(struct db *db, const char *hash, long long user_id, long long now,
                            long long expires_at);
/* Marks the unused, unexpired invitation with HASH used: 0 and *USER_ID, 1 none, -1 error. */
int store_invitation_use(struct db *db, const char *hash, long long now, long long *user_id);
/* 0 when HASH is a usable invitation (without using it), 1 not, -1 error. */
int store_invitation_check(struct db *db, const char *hash, long long now);

/* The people of programme PROGRAMME_ID who have no account, by email: 0 with *OUT (free with
 * store_user_entries_free; ID is the person's, ROLE "participant") and *COUNT, or -1. */
int store_programme_people_without_account(struct db *db, long long programme_id,
                                           struct store_user_entry **out, size_t *count);
/* 0 when USER_ID has a password, 1 not, -1 error. */
int store_user_has_password(struct db *db, long long user_id);
/* Changes user ID's role, or disables (DISABLED) or enables the account. 0 done, 1 no such
 * user, -1 error. */
int store_user_set_role(struct db *db, long long id, enum user_role role);
int store_user_set_disabled(struct db *db, long long id, bool disabled, long long now);

int store_login_failure(struct db *db, const char *key, long long now);
/* Failures for KEY since SINCE into *COUNT; also forgets failures older than SINCE. */
int store_login_failures(struct db *db, const char *key, long long since, long *count);
int store_login_clear(struct db *db, const char *key);
/* The failures for KEY since SINCE: *COUNT and the time of the latest in *LAST (0 when none).
 * 0 or -1. */
int store_login_stats(struct db *db, const char *key, long long since, long *count,
                      long long *last);
/* Records that EMAIL logged in from ADDRESS at NOW; store_login_is_known gives 1 when it did
 * since SINCE, 0 when not, -1 on error. */
int store_login_remember(struct db *db, const char *email, const char *address, long long now);
int store_login_is_known(struct db *db, const char *email, const char *address, long long since);

#endif
