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
/* Login throttling slows guessing without locking the owner out: past a number of failures
 * in the window, each further try must wait a delay that doubles with every failure, up to a
 * cap. Three counts: the email from this address (the attacker's own, capped at 15 minutes),
 * the email from anywhere, and this address for any email (both capped at a minute, and not
 * applied at an address the account logged in from in the last AUTH_LOGIN_KNOWN_SECONDS). A
 * try during a delay is answered "wait" without checking the password or counting. */
#define AUTH_LOGIN_WINDOW_SECONDS           (15 * 60)
#define AUTH_LOGIN_MAX_FAILURES             5 /* email from one address */
#define AUTH_LOGIN_PAIR_CAP_SECONDS         (15 * 60)
#define AUTH_LOGIN_MAX_FAILURES_PER_EMAIL   20 /* email from anywhere */
#define AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS 50 /* one address, any email */
#define AUTH_LOGIN_SHARED_CAP_SECONDS       60
#define AUTH_LOGIN_KNOWN_SECONDS            (90 * 24 * 3600)
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
/* Checks EMAIL and PASSWORD from ADDRESS under the throttling above. On AUTH_LOGIN_OK fills
 * USER (free with user_clear); on AUTH_LOGIN_LIMITED sets *WAIT to the seconds to wait. */
enum auth_login_result auth_login(struct db *db, const char *email, const char *password,
                                  const char *address, long long now, struct user *user,
                                  long *wait);

/* The delay after COUNT failures under a limit of MAX with CAP: 0 below MAX, then 2, 4, 8...
 * seconds, at most CAP. */
long auth_login_delay(long count, long max, long cap);

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
