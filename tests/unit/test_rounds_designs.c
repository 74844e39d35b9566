/* The stored designs of the rounds engine (rounds_designs.c): every one, at every number of
 * rounds up to its own, is checked by the independent checker rounds_check. */
#include "test_support.h"

#include "engine/rounds/rounds.h"

/* Solves the plain request g-p-w and checks it independently; returns the repeats. */
static long solve_checked(int g, int p, int w, const char *method)
{
    struct rounds_request req = {
        .people = g * p, .group_size = p, .rounds = w, .seed = 1, .seconds = 0.5};
    struct rounds_result res;
    char err[256] = "";
    if (rounds_solve(&req, &res, err, sizeof err) != 0)
        fail_msg("%d-%d-%d: rounds_solve: %s", g, p, w, err);
    long rep = -1;
    int most = -1;
    if (rounds_check(&req, res.table, &rep, &most, err, sizeof err) != 0)
        fail_msg("%d-%d-%d: checker: %s", g, p, w, err);
    assert_int_equal(rep, res.repeat_pairs);
    assert_int_equal(most, res.max_meetings);
    if (method && !strstr(res.method, method))
        fail_msg("%d-%d-%d: method '%s', expected '%s'", g, p, w, res.method, method);
    rounds_result_free(&res);
    return rep;
}

static void test_stored_designs_perfect(void **state)
{
    (void)state;
    static const struct {
        int g, p, w;
        const char *method;
    } cases[] = {
        {8, 4, 10, "GF(2)^5"}, {6, 3, 8, "NKTS"},           {6, 4, 7, "mod 7"},
        {10, 4, 10, "mod 10"}, {10, 4, 12, "mod 12"},       {5, 3, 7, "KTS(15)"},
        {7, 3, 10, "KTS(21)"}, {8, 3, 11, "NKTS(24)"},      {10, 3, 14, "NKTS(30)"},
        {9, 4, 11, "mod 11"},  {10, 6, 7, "mod 7, stored"}, {10, 5, 9, "mod 9, stored"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int w = 1; w <= cases[k].w; w++)
            assert_int_equal(solve_checked(cases[k].g, cases[k].p, w, NULL), 0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        assert_int_equal(solve_checked(cases[k].g, cases[k].p, cases[k].w, cases[k].method), 0);
    /* 8-4-10 and 6-3-8 are at the bound: every person meets all but one other. */
    assert_int_equal(rounds_bound(32, 4), 10);
    assert_int_equal(rounds_bound(18, 3), 8);
    assert_int_equal(rounds_bound(24, 4), 7);
}

static void test_stored_tables_direct(void **state)
{
    (void)state;
    /* The construction alone, without rounds_solve: a full schedule, nothing left unset. */
    int table[12 * 40];
    const char *method = NULL;
    for (int i = 0; i < 12 * 40; i++)
        table[i] = -7;
    assert_int_equal(rounds_construct_known(32, 4, 10, table, &method), 0);
    assert_non_null(method);
    struct rounds_request req = {.people = 32, .group_size = 4, .rounds = 10};
    long rep = -1;
    char err[256];
    assert_int_equal(rounds_check(&req, table, &rep, NULL, err, sizeof err), 0);
    assert_int_equal(rep, 0);
    /* Beyond what is stored, or another size: no construction. */
    assert_int_equal(rounds_construct_known(32, 4, 11, table, &method), -1);
    assert_int_equal(rounds_construct_known(18, 3, 9, table, &method), -1);
    assert_int_equal(rounds_construct_known(44, 4, 5, table, &method), -1);
    assert_int_equal(rounds_construct_known(40, 4, 13, table, &method), -1);
}

static void test_beyond_stored_still_minimises(void **state)
{
    (void)state;
    /* 8-4-11 is past the bound: the stored 8-4-10 is kept and the eleventh round searched.
     * Everyone meets 33 others in 31, so at least 32 pairs meet twice: the optimum, reached
     * by seating at each table two of the pairs 8-4-10 leaves apart. */
    struct rounds_request req = {
        .people = 32, .group_size = 4, .rounds = 11, .seed = 1, .seconds = 3};
    struct rounds_result res;
    char err[256];
    assert_int_equal(rounds_solve(&req, &res, err, sizeof err), 0);
    long rep = -1;
    int most = -1;
    assert_int_equal(rounds_check(&req, res.table, &rep, &most, err, sizeof err), 0);
    assert_int_equal(rep, 32);
    assert_int_equal(res.least_repeats, 32);
    assert_int_equal(most, 2);
    assert_non_null(strstr(res.method, "then local search"));
    rounds_result_free(&res);
}

static void test_cyclic_search(void **state)
{
    (void)state;
    /* Instances with no construction: the cyclic search finds a perfect base round, under a
     * move budget so that the outcome does not depend on the machine. 11-4-12 and 7-4-8 have
     * one table fewer than rounds: Z_11 x 4 (Z_7 x 4) developed, plus the column round. */
    static const struct {
        int g, p, w;
    } cases[] = {{12, 4, 12}, {11, 3, 15}, {6, 5, 6}, {12, 3, 17}, {11, 4, 12}, {7, 4, 8}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int n = cases[k].g * cases[k].p, w = cases[k].w;
        int *table = malloc(sizeof(int) * (size_t)n * w);
        assert_non_null(table);
        assert_int_equal(rounds_construct_cyclic(n, cases[k].p, w, 1, 60, 20000, table), 0);
        struct rounds_request req = {.people = n, .group_size = cases[k].p, .rounds = w};
        long rep = -1;
        char err[256];
        if (rounds_check(&req, table, &rep, NULL, err, sizeof err) != 0)
            fail_msg("%d-%d-%d: %s", cases[k].g, cases[k].p, w, err);
        assert_int_equal(rep, 0);
        free(table);
    }
    /* Through rounds_solve, and the same twice under --iterations. */
    struct rounds_request req = {.people = 48,
                                 .group_size = 4,
                                 .rounds = 12,
                                 .seed = 3,
                                 .seconds = 60,
                                 .max_iterations = 20000};
    struct rounds_result a, b;
    char err[256];
    assert_int_equal(rounds_solve(&req, &a, err, sizeof err), 0);
    assert_int_equal(rounds_solve(&req, &b, err, sizeof err), 0);
    assert_true(a.perfect);
    assert_non_null(strstr(a.method, "cyclically"));
    assert_memory_equal(a.table, b.table, sizeof(int) * 48 * 12);
    rounds_result_free(&a);
    rounds_result_free(&b);
    /* Past the bound, or too many people: not tried. */
    int t[40 * 14];
    assert_int_equal(rounds_construct_cyclic(40, 4, 14, 1, 1, 100, t), -1);
    assert_int_equal(rounds_construct_cyclic(124, 4, 2, 1, 1, 100, t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_designs_perfect),
        cmocka_unit_test(test_stored_tables_direct),
        cmocka_unit_test(test_beyond_stored_still_minimises),
        cmocka_unit_test(test_cyclic_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
