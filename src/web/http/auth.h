/* Passwords, sessions, API tokens and invitations: the secrets and their lifetimes. Tokens are
 * random (libsodium), handed out once, and stored only as SHA-256 hashes. */
#ifndef SETWORK_WEB_HTTP_AUTH_H
#define SETWORK_WEB_HTTP_AUTH_H

#include "core/token.h"
#include "store/store_accounts.h"

#include <stdbool.h>

/* A token as text: 32 random bytes, base64url without padding (43 characters). */
#define AUTH_TOKEN_LEN  TOKEN_LEN
#define AUTH_TOKEN_SIZE TOKEN_SIZE
#define AUTH_HASH_SIZE  TOKEN_HASH_SIZE
/* Passwords: long enough to resist guessing, short enough to bound hashing work. */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 256
/* Rate limiting: this many failures per key in the window block further tries. */
#define AUTH_LOGIN_MAX_FAILURES             5
#define AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS 50
#define AUTH_LOGIN_WINDOW_SECONDS           (15 * 60)
/* Invitations are valid for a week. */
#define AUTH_INVITATION_SECONDS ACCOUNT_INVITATION_SECONDS

/* Fills OUT with a new random token. */
void auth_random_token(char out[AUTH_TOKEN_SIZE]);
/* SHA-256 of TOKEN as lower-case hex. */
void auth_hash_token(const char *token, char out[AUTH_HASH_SIZE]);

/* NULL when PASSWORD is acceptable, else a sentence saying why not (static). */
const char *auth_password_problem(const char *password);
/* Argon2id hash of PASSWORD (crypto_pwhash_str); new string (caller frees) or NULL. */
char *auth_password_hash(const char *password);

enum auth_login_result { AUTH_LOGIN_OK, AUTH_LOGIN_BAD, AUTH_LOGIN_LIMITED, AUTH_LOGIN_ERROR };
/* Checks EMAIL and PASSWORD; counts failures per email and per ADDRESS and refuses while
 * either is over its limit. On AUTH_LOGIN_OK fills USER (free with user_clear). */
enum auth_login_result auth_login(struct db *db, const char *email, const char *password,
                                  const char *address, long long now, struct user *user);

/* Starts a session for USER_ID: fills TOKEN (the cookie value) and CSRF. 0 or -1. */
int auth_session_start(struct db *db, long long user_id, long long now, char token[AUTH_TOKEN_SIZE],
                       char csrf[AUTH_TOKEN_SIZE]);
/* The user of session TOKEN when it has been idle less than IDLE seconds and is younger than
 * MAX seconds (an expired one is deleted): 0 and USER and CSRF, 1 none, -1 error. */
int auth_session_find(struct db *db, const char *token, long long now, long idle, long max,
                      struct user *user, char csrf[AUTH_TOKEN_SIZE]);
int auth_session_end(struct db *db, const char *token);
/* Deletes every session that auth_session_find would refuse at NOW (idle IDLE seconds or more,
 * or MAX seconds old or more), so that abandoned sessions do not stay for ever. It writes, so
 * call it on a POST (the login does), never on a GET. 0 or -1. */
int auth_sessions_expire(struct db *db, long long now, long idle, long max);

/* The user of API token TOKEN: 0 and USER, 1 none, -1 error. */
int auth_api_user(struct db *db, const char *token, long long now, struct user *user);
/* A new API token for USER_ID named NAME: 0 and TOKEN (shown once), -1. */
int auth_api_token_create(struct db *db, long long user_id, const char *name, long long now,
                          char token[AUTH_TOKEN_SIZE]);

/* A one-time password link for USER_ID: 0 and TOKEN, -1. */
int auth_invite(struct db *db, long long user_id, long long now, char token[AUTH_TOKEN_SIZE]);
/* Uses invitation TOKEN to set PASSWORD and ends the user's other sessions: 0 and *USER_ID,
 * 1 when the link is unknown, used or expired, -1 error. */
int auth_invitation_accept(struct db *db, const char *token, const char *password, long long now,
                           long long *user_id);

/* Changes the password of the account EMAIL to FRESH when CURRENT is its password, and ends
 * every session of the account but KEEP_TOKEN's (the cookie of the session asking; may be
 * NULL). 0 done, 1 CURRENT is wrong, -1 error. FRESH must pass auth_password_problem. */
int auth_password_change(struct db *db, const char *email, const char *current, const char *fresh,
                         const char *keep_token);

/* Compares two NUL-terminated secrets in time independent of where they differ. */
bool auth_secret_equal(const char *a, const char *b);

#endif
