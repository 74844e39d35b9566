/* Unit tests for login throttling (web/http/auth): failures slow the next try with a growing
 * delay instead of blocking, and an attacker elsewhere cannot keep the owner out. */
#include "test_support.h"

#include "core/strbuf.h"
#include "store/db.h"
#include "store/store_accounts.h"
#include "web/http/auth.h"

#define NOW      2000000000LL
#define PASSWORD "a long enough password"
#define OWNER    "lead@x.org"
#define HOME     "10.0.0.1"

struct fixture {
    struct db *db;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", test_tmpdir());
    char *err = NULL;
    assert_int_equal(db_open(path, &fx->db, &err), 0);
    char *hash = auth_password_hash(PASSWORD);
    long long id;
    assert_int_equal(store_user_create(fx->db, OWNER, ROLE_ADMIN, hash, &id), 0);
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

/* One try: the result, and the wait in *WAIT when not NULL. */
static enum auth_login_result try_login(struct fixture *fx, const char *email, const char *pw,
                                        const char *address, long long now, long *wait)
{
    struct user u = {0};
    long w = 0;
    enum auth_login_result r = auth_login(fx->db, email, pw, address, now, &u, &w);
    if (r == AUTH_LOGIN_OK)
        user_clear(&u);
    if (wait)
        *wait = w;
    return r;
}

/* Records a failed login of EMAIL from ADDRESS as auth_login does (three counts), without the
 * Argon2 run that makes each real try slow: many attackers in little test time. */
static void failed_at(struct fixture *fx, const char *email, const char *address, long long now)
{
    char key[128];
    snprintf(key, sizeof key, "email:%s", email);
    assert_int_equal(store_login_failure(fx->db, key, now), 0);
    snprintf(key, sizeof key, "pair:%s|%s", email, address);
    assert_int_equal(store_login_failure(fx->db, key, now), 0);
    snprintf(key, sizeof key, "addr:%s", address);
    assert_int_equal(store_login_failure(fx->db, key, now), 0);
}

static void delays_double_up_to_the_cap(void **state)
{
    (void)state;
    assert_int_equal(auth_login_delay(4, 5, 900), 0);
    assert_int_equal(auth_login_delay(5, 5, 900), 2);
    assert_int_equal(auth_login_delay(6, 5, 900), 4);
    assert_int_equal(auth_login_delay(9, 5, 900), 32);
    assert_int_equal(auth_login_delay(40, 5, 900), 900);
    assert_int_equal(auth_login_delay(1000, 20, 60), 60);
}

static void failures_slow_the_same_address(void **state)
{
    struct fixture *fx = *state;
    long wait;
    for (int i = 0; i < 5; i++)
        assert_int_equal(try_login(fx, OWNER, "wrong password!", "6.6.6.6", NOW, NULL),
                         AUTH_LOGIN_BAD);
    /* Even the right password waits, but only seconds, and the wait is not a failure. */
    assert_int_equal(try_login(fx, OWNER, PASSWORD, "6.6.6.6", NOW + 1, &wait), AUTH_LOGIN_LIMITED);
    assert_int_equal(wait, 1);
    assert_int_equal(try_login(fx, OWNER, PASSWORD, "6.6.6.6", NOW + 2, NULL), AUTH_LOGIN_OK);
}

static void an_attacker_elsewhere_cannot_lock_the_owner_out(void **state)
{
    struct fixture *fx = *state;
    long wait;
    assert_int_equal(try_login(fx, OWNER, PASSWORD, HOME, NOW - 86400, NULL), AUTH_LOGIN_OK);
    /* One real failure, then 24 more from as many addresses: the email is over its count, no
     * address is. */
    assert_int_equal(try_login(fx, OWNER, "wrong password!", "6.6.6.6", NOW, NULL), AUTH_LOGIN_BAD);
    for (int i = 0; i < 24; i++) {
        char addr[32];
        snprintf(addr, sizeof addr, "6.6.7.%d", i);
        failed_at(fx, OWNER, addr, NOW);
    }
    assert_int_equal(try_login(fx, OWNER, "wrong password!", "6.6.8.1", NOW, &wait),
                     AUTH_LOGIN_LIMITED);
    /* The owner's usual address is not slowed at all... */
    assert_int_equal(try_login(fx, OWNER, PASSWORD, HOME, NOW, NULL), AUTH_LOGIN_OK);
    /* ...a new one waits at most a minute, never the old fifteen. */
    assert_int_equal(try_login(fx, OWNER, PASSWORD, "10.9.9.9", NOW, &wait), AUTH_LOGIN_LIMITED);
    assert_true(wait > 0 && wait <= AUTH_LOGIN_SHARED_CAP_SECONDS);
    assert_int_equal(try_login(fx, OWNER, PASSWORD, "10.9.9.9", NOW + wait, NULL), AUTH_LOGIN_OK);
}

static void a_busy_address_slows_its_strangers_for_a_minute_at_most(void **state)
{
    struct fixture *fx = *state;
    long wait;
    assert_int_equal(try_login(fx, OWNER, PASSWORD, HOME, NOW - 86400, NULL), AUTH_LOGIN_OK);
    for (int i = 0; i < 55; i++) {
        char email[32];
        snprintf(email, sizeof email, "guess%d@x.org", i);
        failed_at(fx, email, "6.6.6.6", NOW);
    }
    /* Behind the same address, the owner's known place still gets in; a stranger waits. */
    assert_int_equal(try_login(fx, OWNER, PASSWORD, HOME, NOW, NULL), AUTH_LOGIN_OK);
    assert_int_equal(try_login(fx, "other@x.org", "whatever pass", "6.6.6.6", NOW, &wait),
                     AUTH_LOGIN_LIMITED);
    assert_true(wait > 0 && wait <= AUTH_LOGIN_SHARED_CAP_SECONDS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(delays_double_up_to_the_cap),
        cmocka_unit_test_setup_teardown(failures_slow_the_same_address, setup, teardown),
        cmocka_unit_test_setup_teardown(an_attacker_elsewhere_cannot_lock_the_owner_out, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_busy_address_slows_its_strangers_for_a_minute_at_most,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
