/* Secrets: libsodium for randomness, hashing and Argon2id. */
#include "web/http/auth.h"

#include "core/strbuf.h"
#include "core/token.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void auth_random_token(char out[AUTH_TOKEN_SIZE])
{
    token_random(out);
}

void auth_hash_token(const char *token, char out[AUTH_HASH_SIZE])
{
    token_hash(token, out);
}

bool auth_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}

const char *auth_password_problem(const char *password)
{
    size_t len = password ? strlen(password) : 0;
    if (len < AUTH_PASSWORD_MIN)
        return "The password must have at least 10 characters.";
    if (len > AUTH_PASSWORD_MAX)
        return "The password must have at most 256 characters.";
    return NULL;
}

/* Each Argon2id run takes 64 MiB; one at a time keeps the server's memory bounded however many
 * logins arrive together (they queue instead). */
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;

char *auth_password_hash(const char *password)
{
    char *out = malloc(crypto_pwhash_STRBYTES);
    if (!out)
        return NULL;
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    pthread_mutex_unlock(&hash_lock);
    if (rc != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static bool password_matches(const char *hash, const char *password)
{
    pthread_mutex_lock(&hash_lock);
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    pthread_mutex_unlock(&hash_lock);
    return rc == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    char *h = auth_password_hash("not a password anyone has");
    if (h)
        str_copy(dummy_hash, h, sizeof dummy_hash);
    free(h);
}

long auth_login_delay(long count, long max, long cap)
{
    if (count < max)
        return 0;
    long delay = 2;
    for (long i = max; i < count && delay < cap; i++)
        delay *= 2;
    return delay < cap ? delay : cap;
}

/* Seconds still to wait under KEY's count (0 when none), or -1 on error. */
static long wait_for(struct db *db, const char *key, long max, long cap, long long now)
{
    long count = 0;
    long long last = 0;
    if (store_login_stats(db, key, now - AUTH_LOGIN_WINDOW_SECONDS, &count, &last) != 0)
        return -1;
    long left = (long)(last + auth_login_delay(count, max, cap) - now);
    return left > 0 ? left : 0;
}

enum auth_login_result auth_login(struct db *db, const char *email, const char *password,
                                  const char *address, long long now, struct user *user, long *wait)
{
    const char *addr = address ? address : "";
    char *email_key = str_printf("email:%s", email ? email : "");
    char *pair_key = str_printf("pair:%s|%s", email ? email : "", addr);
    char *address_key = str_printf("addr:%s", addr);
    char *hash = NULL;
    enum auth_login_result result = AUTH_LOGIN_ERROR;
    *wait = 0;
    if (!email_key || !pair_key || !address_key)
        goto out;
    str_lower(email_key);
    str_lower(pair_key);
    /* Forgets failures older than the window, for every key. */
    long stale = 0;
    if (store_login_failures(db, email_key, now - AUTH_LOGIN_WINDOW_SECONDS, &stale) != 0)
        goto out;
    int known = store_login_is_known(db, email ? email : "", addr, now - AUTH_LOGIN_KNOWN_SECONDS);
    long pair = wait_for(db, pair_key, AUTH_LOGIN_MAX_FAILURES, AUTH_LOGIN_PAIR_CAP_SECONDS, now);
    long by_email = known ? 0
                          : wait_for(db, email_key, AUTH_LOGIN_MAX_FAILURES_PER_EMAIL,
                                     AUTH_LOGIN_SHARED_CAP_SECONDS, now);
    long by_address = known ? 0
                            : wait_for(db, address_key, AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS,
                                       AUTH_LOGIN_SHARED_CAP_SECONDS, now);
    if (known < 0 || pair < 0 || by_email < 0 || by_address < 0)
        goto out;
    long longest = pair > by_email ? pair : by_email;
    longest = longest > by_address ? longest : by_address;
    if (longest > 0) {
        *wait = longest;
        result = AUTH_LOGIN_LIMITED;
        goto out;
    }
    int rc = store_user_by_email(db, email ? email : "", user, &hash);
    if (rc < 0)
        goto out;
    bool ok = rc == 0 && hash && password && strlen(password) <= AUTH_PASSWORD_MAX &&
              password_matches(hash, password);
    /* An unknown email costs as much time as a wrong password, so that timing does not tell
     * which emails have accounts. */
    if (rc != 0 || !hash) {
        pthread_once(&dummy_once, make_dummy);
        if (dummy_hash[0])
            password_matches(dummy_hash, password ? password : "");
    }
    if (!ok) {
        if (rc == 0)
            user_clear(user);
        result = AUTH_LOGIN_BAD;
        if (store_login_failure(db, email_key, now) != 0 ||
            store_login_failure(db, pair_key, now) != 0 ||
            store_login_failure(db, address_key, now) != 0)
            result = AUTH_LOGIN_ERROR;
        goto out;
    }
    /* The owner's own failures are forgiven once they get in; other addresses' stay. */
    if (store_login_clear(db, pair_key) != 0 ||
        store_login_remember(db, user->email, addr, now) != 0) {
        user_clear(user);
        goto out;
    }
    result = AUTH_LOGIN_OK;
out:
    free(hash);
    free(email_key);
    free(pair_key);
    free(address_key);
    return result;
}

int auth_session_start(struct db *db, long long user_id, long long now, char token[AUTH_TOKEN_SIZE],
                       char csrf[AUTH_TOKEN_SIZE])
{
    char hash[AUTH_HASH_SIZE];
    auth_random_token(token);
    auth_random_token(csrf);
    auth_hash_token(token, hash);
    return store_session_create(db, hash, user_id, csrf, now);
}

int auth_session_find(struct db *db, const char *token, long long now, long idle, long max,
                      struct user *user, char csrf[AUTH_TOKEN_SIZE])
{
    char hash[AUTH_HASH_SIZE];
    struct session_row row;
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return 1;
    auth_hash_token(token, hash);
    int rc = store_session_get(db, hash, &row);
    if (rc != 0)
        return rc;
    if (now - row.last_seen >= idle || now - row.created_at >= max) {
        store_session_delete(db, hash);
        return 1;
    }
    /* Touch at most once a minute (or a quarter of the idle time, when that is shorter): a
     * write per page view would serialise all readers. */
    long every = idle / 4 < 60 ? idle / 4 : 60;
    if (now - row.last_seen >= every && store_session_touch(db, hash, now) != 0)
        return -1;
    rc = store_user_get(db, row.user_id, user);
    if (rc != 0)
        return rc;
    str_copy(csrf, row.csrf, AUTH_TOKEN_SIZE);
    return 0;
}

int auth_session_end(struct db *db, const char *token)
{
    char hash[AUTH_HASH_SIZE];
    auth_hash_token(token, hash);
    return store_session_delete(db, hash);
}

int auth_sessions_expire(struct db *db, long long now, long idle, long max)
{
    /* auth_session_find refuses now - last_seen >= idle; the store deletes last_seen < bound. */
    return store_sessions_expire(db, now - idle + 1, now - max + 1);
}

int auth_api_user(struct db *db, const char *token, long long now, struct user *user)
{
    char hash[AUTH_HASH_SIZE];
    long long user_id;
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return 1;
    auth_hash_token(token, hash);
    int rc = store_token_user(db, hash, now, &user_id);
    if (rc != 0)
        return rc;
    return store_user_get(db, user_id, user);
}

int auth_api_token_create(struct db *db, long long user_id, const char *name, long long now,
                          char token[AUTH_TOKEN_SIZE])
{
    char hash[AUTH_HASH_SIZE];
    long long id;
    auth_random_token(token);
    auth_hash_token(token, hash);
    return store_token_create(db, user_id, name, hash, now, &id);
}

int auth_invite(struct db *db, long long user_id, long long now, char token[AUTH_TOKEN_SIZE])
{
    char hash[AUTH_HASH_SIZE];
    auth_random_token(token);
    auth_hash_token(token, hash);
    return store_invitation_create(db, hash, user_id, now, now + AUTH_INVITATION_SECONDS);
}

int auth_invitation_accept(struct db *db, const char *token, const char *password, long long now,
                           long long *user_id)
{
    char hash[AUTH_HASH_SIZE];
    if (!token || strlen(token) != AUTH_TOKEN_LEN)
        return 1;
    auth_hash_token(token, hash);
    char *pw = auth_password_hash(password);
    if (!pw)
        return -1;
    int rc = -1;
    if (db_begin(db) != 0)
        goto out;
    rc = store_invitation_use(db, hash, now, user_id);
    if (rc == 0 && (store_user_set_password(db, *user_id, pw) != 0 ||
                    store_sessions_delete_user(db, *user_id) != 0))
        rc = -1;
    if (rc == 0 ? db_commit(db) != 0 : db_rollback(db) != 0)
        rc = -1;
out:
    free(pw);
    return rc;
}

int auth_password_change(struct db *db, const char *email, const char *current, const char *fresh,
                         const char *keep_token)
{
    struct user u = {0};
    char *hash = NULL, *new_hash = NULL;
    char keep[AUTH_HASH_SIZE] = "";
    int rc = store_user_by_email(db, email, &u, &hash);
    if (rc != 0)
        return -1;
    if (!hash || !current || strlen(current) > AUTH_PASSWORD_MAX ||
        !password_matches(hash, current)) {
        rc = 1;
        goto out;
    }
    rc = -1;
    if (!(new_hash = auth_password_hash(fresh)))
        goto out;
    if (keep_token)
        auth_hash_token(keep_token, keep);
    if (db_begin(db) != 0)
        goto out;
    if (store_user_set_password(db, u.id, new_hash) != 0 ||
        store_sessions_delete_others(db, u.id, keep) != 0) {
        db_rollback(db);
        goto out;
    }
    rc = db_commit(db) == 0 ? 0 : -1;
out:
    free(hash);
    free(new_hash);
    user_clear(&u);
    return rc;
}
