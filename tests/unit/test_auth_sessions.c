/* Unit tests for session expiry (web/http/auth): a login removes the sessions that were
 * abandoned without logging out, and keeps the live ones. */
#include "test_support.h"

#include "core/strbuf.h"
#include "store/db.h"
#include "store/store_accounts.h"
#include "web/http/auth.h"
#include "web/http/web.h"

#define NOW      2000000000LL
#define IDLE     (30 * 60)
#define MAX_LIFE (12 * 3600)
#define PASSWORD "a long enough password"

struct fixture {
    struct db *db;
    long long user;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", test_tmpdir());
    char *err = NULL;
    assert_int_equal(db_open(path, &fx->db, &err), 0);
    char *hash = auth_password_hash(PASSWORD);
    assert_non_null(hash);
    assert_int_equal(store_user_create(fx->db, "a@x.org", ROLE_ADMIN, hash, &fx->user), 0);
    free(hash);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    db_close(fx->db);
    free(fx);
    return 0;
}

/* Stores a session with token hash HASH created at CREATED and last seen at SEEN. */
static void session(struct fixture *fx, const char *hash, long long created, long long seen)
{
    assert_int_equal(store_session_create(fx->db, hash, fx->user, "csrf", created), 0);
    assert_int_equal(store_session_touch(fx->db, hash, seen), 0);
}

static bool exists(struct fixture *fx, const char *hash)
{
    struct session_row row;
    int rc = store_session_get(fx->db, hash, &row);
    assert_true(rc == 0 || rc == 1);
    return rc == 0;
}

static void expire_matches_find(void **state)
{
    struct fixture *fx = *state;
    session(fx, "idle", NOW - 3600, NOW - IDLE);        /* idle exactly IDLE: refused by find */
    session(fx, "fresh", NOW - 3600, NOW - IDLE + 1);   /* one second younger: kept */
    session(fx, "old", NOW - MAX_LIFE, NOW - 10);       /* lived MAX: refused */
    session(fx, "young", NOW - MAX_LIFE + 1, NOW - 10); /* kept */
    assert_int_equal(auth_sessions_expire(fx->db, NOW, IDLE, MAX_LIFE), 0);
    assert_false(exists(fx, "idle"));
    assert_true(exists(fx, "fresh"));
    assert_false(exists(fx, "old"));
    assert_true(exists(fx, "young"));
}

static void login_removes_abandoned_sessions(void **state)
{
    struct fixture *fx = *state;
    session(fx, "abandoned", NOW - 7 * 86400, NOW - 7 * 86400);
    session(fx, "live", NOW - 600, NOW - 60);
    struct web_config config = {.session_idle = IDLE, .session_max = MAX_LIFE};
    struct formdata_field fields[] = {{.name = "email", .value = "a@x.org", .len = 7},
                                      {.name = "password", .value = PASSWORD, .len = 22}};
    struct web_request r = {.config = &config,
                            .db = fx->db,
                            .method = WEB_POST,
                            .path = "/login",
                            .form = {fields, 2},
                            .address = "127.0.0.1",
                            .now = NOW};
    page_login(&r);
    assert_int_equal(r.status, 303);
    assert_non_null(r.set_cookie);
    assert_false(exists(fx, "abandoned"));
    assert_true(exists(fx, "live"));
    free(r.set_cookie);
    free(r.location);
    sb_free(&r.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(expire_matches_find, setup, teardown),
        cmocka_unit_test_setup_teardown(login_removes_abandoned_sessions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
