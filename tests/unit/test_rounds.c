/* The rounds engine: every schedule it returns goes through the independent checker. */
#include "test_support.h"

#include "engine/rounds/rounds.h"
#include "engine/rounds/rounds_gf.h"

/* Solves REQ, checks the result independently and compares the figures. */
static void solve_checked(const struct rounds_request *req, struct rounds_result *res)
{
    char err[256] = "";
    int rc = rounds_solve(req, res, err, sizeof err);
    if (rc != 0)
        fail_msg("rounds_solve: %s", err);
    long rep = -1;
    int most = -1;
    if (rounds_check(req, res->table, &rep, &most, err, sizeof err) != 0)
        fail_msg("checker: %s", err);
    assert_int_equal(rep, res->repeat_pairs);
    assert_int_equal(most, res->max_meetings);
    assert_int_equal(res->perfect, rep == 0);
}

static void test_gf_fields(void **state)
{
    (void)state;
    static const int qs[] = {2, 3, 4, 5, 7, 8, 9, 11, 16, 25, 27, 32, 49, 64};
    struct rounds_gf *f = malloc(sizeof *f);
    assert_non_null(f);
    for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
        int q = qs[k];
        assert_int_equal(rounds_gf_init(f, q), 0);
        for (int a = 1; a < q; a++) {
            int inverses = 0;
            for (int b = 1; b < q; b++)
                inverses += f->mul[a][b] == 1;
            assert_int_equal(inverses, 1); /* a field: every non-zero element is invertible */
        }
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
                for (int c = 0; c < q; c += 3)
                    assert_int_equal(f->mul[a][f->add[b][c]], f->add[f->mul[a][b]][f->mul[a][c]]);
    }
    assert_int_equal(rounds_gf_init(f, 6), -1);
    assert_int_equal(rounds_gf_init(f, 12), -1);
    free(f);
}

static void test_constructions_perfect(void **state)
{
    (void)state;
    static const struct {
        int g, p, w;
        const char *method;
    } cases[] = {
        {5, 5, 6, "affine"},         {7, 7, 8, "affine"},         {8, 8, 9, "affine"},
        {9, 9, 10, "affine"},        {8, 4, 9, "transversal"},    {4, 4, 5, "affine"},
        {6, 2, 11, "round robin"},   {16, 4, 16, "affine space"}, {7, 3, 7, "transversal"},
        {7, 4, 9, "unital"},         {9, 3, 13, "affine space"},  {16, 4, 21, "affine space"},
        {27, 3, 40, "affine space"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct rounds_request req = {.people = cases[k].g * cases[k].p,
                                     .group_size = cases[k].p,
                                     .rounds = cases[k].w,
                                     .seed = 1,
                                     .seconds = 1};
        struct rounds_result res;
        solve_checked(&req, &res);
        assert_true(res.perfect);
        assert_int_equal(res.max_meetings, 1);
        assert_non_null(strstr(res.method, cases[k].method));
        rounds_result_free(&res);
    }
    /* The bound itself: affine planes reach it. */
    assert_int_equal(rounds_bound(25, 5), 6);
    assert_int_equal(rounds_bound(32, 4), 10);
}

static void test_search_kirkman(void **state)
{
    (void)state;
    /* 5-3-7 is a Kirkman triple system on 15 points. The plain request takes the stored one;
     * with its first round locked the design is repaired (people named onto its points so that
     * the locked round's pairs never meet again), and still perfect. */
    int locked[15];
    for (int i = 0; i < 15; i++)
        locked[i] = i / 3;
    struct rounds_request req = {.people = 15,
                                 .group_size = 3,
                                 .rounds = 7,
                                 .locked = locked,
                                 .locked_rounds = 1,
                                 .seed = 3,
                                 .seconds = 20};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_true(res.perfect);
    assert_non_null(strstr(res.method, "repaired design"));
    rounds_result_free(&res);
}

static void test_beyond_bound_minimises(void **state)
{
    (void)state;
    /* 9 people in threes for 5 rounds: only 4 can be perfect; no pair may meet three times. */
    struct rounds_request req = {
        .people = 9, .group_size = 3, .rounds = 5, .seed = 1, .seconds = 2};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_int_equal(res.bound, 4);
    assert_false(res.perfect);
    assert_int_equal(res.max_meetings, 2);
    assert_int_equal(res.repeat_pairs, 9); /* the fifth round repeats every one of its pairs */
    rounds_result_free(&res);
}

static void test_uneven_and_absent(void **state)
{
    (void)state;
    unsigned char absent[5 * 22] = {0};
    absent[0 * 22 + 3] = 1;
    absent[2 * 22 + 3] = 1;
    absent[2 * 22 + 10] = 1;
    absent[4 * 22 + 21] = 1;
    struct rounds_request req = {
        .people = 22, .group_size = 4, .rounds = 5, .absent = absent, .seed = 7, .seconds = 3};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_int_equal(res.table[0 * 22 + 3], -1);
    assert_int_equal(res.table[2 * 22 + 10], -1);
    assert_int_equal(res.tables[0], 6); /* 21 present: tables of 4,4,4,3,3,3 */
    assert_true(res.perfect);
    rounds_result_free(&res);
}

static void test_locked_replan(void **state)
{
    (void)state;
    struct rounds_request req = {
        .people = 20, .group_size = 4, .rounds = 5, .seed = 2, .seconds = 3};
    struct rounds_result first, again;
    solve_checked(&req, &first);
    /* Two rounds were played; then person 5 leaves and 6 misses round 4: re-plan 3..5. */
    unsigned char absent[5 * 20] = {0};
    absent[2 * 20 + 5] = absent[3 * 20 + 5] = absent[4 * 20 + 5] = absent[3 * 20 + 6] = 1;
    struct rounds_request re = req;
    re.locked = first.table;
    re.locked_rounds = 2;
    re.absent = absent;
    re.seed = 9;
    solve_checked(&re, &again);
    assert_memory_equal(again.table, first.table, 2 * 20 * sizeof(int));
    assert_int_equal(again.table[3 * 20 + 6], -1);
    assert_true(again.perfect);
    rounds_result_free(&first);
    rounds_result_free(&again);
}

/* The lock says who was at a locked round, whatever the absence list says of it: a person the
 * lock leaves out was away (a walk-in who came later), a person it seats was there although
 * marked absent. The planner and the checker both go by the lock. */
static void test_lock_decides_presence(void **state)
{
    (void)state;
    int locked[12];
    for (int i = 0; i < 12; i++)
        locked[i] = i < 11 ? i % 3 : -1; /* person 11 was not at round 1 */
    unsigned char absent[3 * 12] = {0};
    absent[3] = 1; /* marked away from round 1, but the lock seats person 3 */
    struct rounds_request req = {.people = 12,
                                 .group_size = 4,
                                 .rounds = 3,
                                 .locked = locked,
                                 .locked_rounds = 1,
                                 .absent = absent,
                                 .seed = 4,
                                 .seconds = 1};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_int_equal(res.table[11], -1);
    assert_int_equal(res.table[3], 0);
    assert_true(res.table[12 + 11] >= 0); /* seated from round 2 */
    rounds_result_free(&res);
}

static void test_history_counts(void **state)
{
    (void)state;
    /* Everyone at tables 0-3 of an earlier event: 16 people, 4 groups met before. */
    int history[4 * 6 * 2], h = 0;
    for (int g = 0; g < 4; g++)
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++) {
                history[h++] = 4 * g + i;
                history[h++] = 4 * g + j;
            }
    struct rounds_request req = {.people = 16,
                                 .group_size = 4,
                                 .rounds = 4,
                                 .history = history,
                                 .history_count = 24,
                                 .seed = 1,
                                 .seconds = 5};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_true(res.perfect); /* AG(2,4) minus the earlier class: 4 new rounds exist */
    rounds_result_free(&res);
    /* A fifth and sixth round must repeat pairs that met before. */
    req.rounds = 6;
    req.seconds = 1;
    solve_checked(&req, &res);
    assert_false(res.perfect);
    rounds_result_free(&res);
}

static void test_apart_together(void **state)
{
    (void)state;
    int apart[] = {0, 1, 2, 3, 0, 4};
    int together[] = {5, 6, 6, 7, 10, 11};
    struct rounds_request req = {.people = 24,
                                 .group_size = 4,
                                 .rounds = 4,
                                 .apart = apart,
                                 .apart_count = 3,
                                 .together = together,
                                 .together_count = 3,
                                 .seed = 1,
                                 .seconds = 3};
    struct rounds_result res;
    solve_checked(&req, &res); /* the checker verifies both kinds of request */
    for (int r = 0; r < 4; r++) {
        assert_int_equal(res.table[r * 24 + 5], res.table[r * 24 + 7]);
        assert_int_not_equal(res.table[r * 24 + 0], res.table[r * 24 + 1]);
    }
    rounds_result_free(&res);
}

static void test_infeasible(void **state)
{
    (void)state;
    char err[256];
    struct rounds_result res;
    /* A keep-together group of 5 cannot sit at tables of 4. */
    int together[] = {0, 1, 1, 2, 2, 3, 3, 4};
    struct rounds_request req = {.people = 16,
                                 .group_size = 4,
                                 .rounds = 2,
                                 .together = together,
                                 .together_count = 4,
                                 .seconds = 0.2};
    assert_int_equal(rounds_solve(&req, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "does not fit"));
    /* Five people who must all stay apart, but only four tables. */
    int apart[20], k = 0;
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++) {
            apart[k++] = i;
            apart[k++] = j;
        }
    struct rounds_request req2 = {.people = 16,
                                  .group_size = 4,
                                  .rounds = 2,
                                  .apart = apart,
                                  .apart_count = 10,
                                  .seconds = 0.3};
    assert_int_equal(rounds_solve(&req2, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "leave no room"));
    /* Apart and together for the same pair. */
    int both[] = {0, 1};
    struct rounds_request req3 = {.people = 8,
                                  .group_size = 4,
                                  .rounds = 2,
                                  .apart = both,
                                  .apart_count = 1,
                                  .together = both,
                                  .together_count = 1};
    assert_int_equal(rounds_solve(&req3, &res, err, sizeof err), -1);
    struct rounds_request req4 = {.people = 8, .group_size = 9, .rounds = 2};
    assert_int_equal(rounds_solve(&req4, &res, err, sizeof err), -1);
}

static void test_checker_catches(void **state)
{
    (void)state;
    char err[256];
    int apart[] = {0, 2};
    struct rounds_request req = {
        .people = 4, .group_size = 2, .rounds = 1, .apart = apart, .apart_count = 1};
    int good[] = {0, 0, 1, 1};
    int three[] = {0, 0, 0, 1};
    int unseated[] = {0, 0, -1, 1};
    int forbidden[] = {0, 1, 0, 1};
    assert_int_equal(rounds_check(&req, good, NULL, NULL, err, sizeof err), 0);
    assert_int_equal(rounds_check(&req, three, NULL, NULL, err, sizeof err), -1);
    assert_int_equal(rounds_check(&req, unseated, NULL, NULL, err, sizeof err), -1);
    assert_int_equal(rounds_check(&req, forbidden, NULL, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "keep-apart"));
    req.apart_count = 0;
    req.rounds = 2;
    int twice[] = {0, 0, 1, 1, 1, 1, 0, 0};
    long rep;
    int most;
    assert_int_equal(rounds_check(&req, twice, &rep, &most, err, sizeof err), 0);
    assert_int_equal(rep, 2);
    assert_int_equal(most, 2);
}

static void test_deterministic(void **state)
{
    (void)state;
    struct rounds_request req = {.people = 30,
                                 .group_size = 5,
                                 .rounds = 5,
                                 .seed = 42,
                                 .seconds = 30,
                                 .max_iterations = 300};
    struct rounds_result a, b;
    solve_checked(&req, &a);
    solve_checked(&req, &b);
    assert_memory_equal(a.table, b.table, 5 * 30 * sizeof(int));
    rounds_result_free(&a);
    rounds_result_free(&b);
}

static void test_attribute_mixing(void **state)
{
    (void)state;
    int dept[16];
    for (int i = 0; i < 16; i++)
        dept[i] = i / 4; /* four departments of four */
    struct rounds_request req = {.people = 16,
                                 .group_size = 4,
                                 .rounds = 3,
                                 .attr = dept,
                                 .mix_weight = 1,
                                 .seed = 1,
                                 .seconds = 3};
    struct rounds_result res;
    solve_checked(&req, &res);
    assert_int_equal(res.same_attr, 0); /* every table has one person of each department */
    assert_true(res.perfect);
    rounds_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gf_fields),
        cmocka_unit_test(test_constructions_perfect),
        cmocka_unit_test(test_search_kirkman),
        cmocka_unit_test(test_beyond_bound_minimises),
        cmocka_unit_test(test_uneven_and_absent),
        cmocka_unit_test(test_locked_replan),
        cmocka_unit_test(test_lock_decides_presence),
        cmocka_unit_test(test_history_counts),
        cmocka_unit_test(test_apart_together),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_checker_catches),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_attribute_mixing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
