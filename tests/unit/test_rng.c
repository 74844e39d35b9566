/* Unit tests for core/rng: the exact sequences that set formation's plans and the demo data
 * depend on. The pinned values were taken from the generators before they moved here
 * (engine/formation/rng.h and demo_cohort's splitmix64), so a change to either fails. */
#include "test_support.h"

#include "core/rng.h"

static void seeded_sequences_are_pinned(void **state)
{
    (void)state;
    static const struct {
        uint64_t seed, first[3];
    } cases[] = {
        {0, {0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL}},
        {1, {0xb3f2af6d0fc710c5ULL, 0x853b559647364ceaULL, 0x92f89756082a4514ULL}},
        {5, {0x49d55178ca54cf69ULL, 0x9a22115a4d2624dcULL, 0xa648b1ccf0bbbbaeULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct rng r;
        rng_seed(&r, cases[c].seed);
        for (int i = 0; i < 3; i++)
            assert_true(rng_next(&r) == cases[c].first[i]);
    }
}

static void below_and_unit_are_pinned(void **state)
{
    (void)state;
    static const uint32_t expect[] = {28, 60, 64, 82, 51, 78, 50, 80};
    struct rng r;
    rng_seed(&r, 5);
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        assert_int_equal(rng_below(&r, 100), expect[i]);
    rng_seed(&r, 5);
    double a = rng_unit(&r), b = rng_unit(&r);
    assert_true(a == 0x1.275545e329532p-2);
    assert_true(b == 0x1.344422b49a4c4p-1);
}

static void below_stays_in_range(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 123);
    int seen[7] = {0};
    for (int i = 0; i < 7000; i++) {
        uint32_t v = rng_below(&r, 7);
        assert_true(v < 7);
        seen[v]++;
    }
    for (int v = 0; v < 7; v++)
        assert_true(seen[v] > 800 && seen[v] < 1200);
    for (int i = 0; i < 1000; i++) {
        double u = rng_unit(&r);
        assert_true(u >= 0.0 && u < 1.0);
    }
}

static void splitmix64_is_pinned(void **state)
{
    (void)state;
    uint64_t x = 42;
    assert_true(rng_splitmix64(&x) == 0xbdd732262feb6e95ULL);
    assert_true(rng_splitmix64(&x) == 0x28efe333b266f103ULL);
    assert_true(rng_splitmix64(&x) == 0x47526757130f9f52ULL);
    assert_true(x == 42 + 3 * 0x9e3779b97f4a7c15ULL);
}

static void copies_fork_the_sequence(void **state)
{
    (void)state;
    struct rng a, b;
    rng_seed(&a, 9);
    rng_next(&a);
    b = a;
    for (int i = 0; i < 10; i++)
        assert_true(rng_next(&a) == rng_next(&b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeded_sequences_are_pinned), cmocka_unit_test(below_and_unit_are_pinned),
        cmocka_unit_test(below_stays_in_range),        cmocka_unit_test(splitmix64_is_pinned),
        cmocka_unit_test(copies_fork_the_sequence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
