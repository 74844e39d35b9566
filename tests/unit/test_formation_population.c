/* The formation engine's population side: the sizes with the most pairs against brute force,
 * the plan distance against its definition, the crossover (whole sets of a parent survive,
 * sizes and pins hold), and whole solves that go through the population with every hard rule. */
#include "test_support.h"

#include "formation_scores.h"

#include "engine/formation/formation.h"
#include "engine/formation/search.h"

#include <math.h>

/* A state of U single units over M sets with the given bounds and pins (w, G etc. allocated). */
static void state_init(struct form_state *s, int u, int m, const double *w, const int *lo,
                       const int *hi, int *wt, const int *pin, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    for (int k = 0; k < u; k++)
        wt[k] = 1;
    s->u = u;
    s->m = m;
    s->w = w;
    s->wt = wt;
    s->pin = pin;
    s->lo = lo;
    s->hi = hi;
    s->uniform = 1;
    s->grp = malloc(sizeof(int) * (size_t)u);
    s->sz = calloc((size_t)m, sizeof(int));
    s->G = calloc((size_t)u * (size_t)m, sizeof(double));
    s->own = calloc((size_t)u, sizeof(double));
    rng_seed(&s->rng, seed);
}

static void state_free(struct form_state *s)
{
    free(s->grp);
    free(s->sz);
    free(s->G);
    free(s->own);
}

static long pairs(long c)
{
    return c * (c - 1) / 2;
}

/* Most pairs over every size vector within the bounds that adds up to TOTAL (brute force). */
static long brute_pairs(int g, int m, const int *lo, const int *hi, int total)
{
    if (g == m)
        return total == 0 ? 0 : -1;
    long best = -1;
    for (int s = lo[g]; s <= hi[g] && s <= total; s++) {
        long rest = brute_pairs(g + 1, m, lo, hi, total - s);
        if (rest >= 0 && rest + pairs(s) > best)
            best = rest + pairs(s);
    }
    return best;
}

static void test_best_sizes(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 5);
    for (int trial = 0; trial < 40; trial++) {
        int m = 2 + (int)rng_below(&r, 5), lo[8], hi[8], wt[80], sizes[8], sum_lo = 0, sum_hi = 0;
        for (int g = 0; g < m; g++) {
            lo[g] = 2 + (int)rng_below(&r, 6);
            hi[g] = lo[g] + (int)rng_below(&r, 8);
            sum_lo += lo[g];
            sum_hi += hi[g];
        }
        int u = sum_lo + (int)rng_below(&r, (uint32_t)(sum_hi - sum_lo + 1));
        struct form_state s;
        state_init(&s, u, m, NULL, lo, hi, wt, NULL, 1);
        form_best_sizes(&s, sizes);
        long got = 0, total = 0;
        for (int g = 0; g < m; g++) {
            assert_true(sizes[g] >= lo[g] && sizes[g] <= hi[g]);
            got += pairs(sizes[g]);
            total += sizes[g];
        }
        assert_int_equal(total, u);
        assert_int_equal(got, brute_pairs(0, m, lo, hi, u));
        state_free(&s);
    }
}

static void test_distance(void **state)
{
    (void)state;
    int u = 30, m = 4, a[30], b[30];
    struct rng r;
    rng_seed(&r, 8);
    struct form_pool pl;
    assert_int_equal(form_pool_init(&pl, u, m, 2), 0);
    for (int trial = 0; trial < 20; trial++) {
        for (int k = 0; k < u; k++) {
            a[k] = (int)rng_below(&r, (uint32_t)m);
            b[k] = trial == 0 ? (a[k] + 1) % m : (int)rng_below(&r, (uint32_t)m);
        }
        long direct = 0;
        for (int i = 0; i < u; i++)
            for (int j = i + 1; j < u; j++)
                direct += (a[i] == a[j]) != (b[i] == b[j]);
        assert_int_equal(form_plan_distance(&pl, a, b), direct);
        assert_int_equal(form_plan_distance(&pl, b, a), direct);
        assert_int_equal(form_plan_distance(&pl, a, a), 0);
        if (trial == 0) /* the same plan under other set names */
            assert_int_equal(direct, 0);
    }
    form_pool_free(&pl);
}

/* Members of set G in PLAN, as a bit mask over up to 64 units. */
static uint64_t members(const int *plan, int u, int g)
{
    uint64_t mask = 0;
    for (int k = 0; k < u; k++)
        mask |= (uint64_t)(plan[k] == g) << k;
    return mask;
}

static void test_crossover(void **state)
{
    (void)state;
    int u = 40, m = 4, wt[40], pin[40], pa[40], pb[40], order[44];
    int lo[4] = {8, 8, 9, 10}, hi[4] = {12, 11, 12, 12};
    double *w = random_scores(u, 3, 0);
    for (int k = 0; k < u; k++)
        pin[k] = -1;
    pin[0] = 2;
    pin[7] = 2;
    pin[13] = 0;
    struct form_state s;
    state_init(&s, u, m, w, lo, hi, wt, pin, 21);
    struct form_pool pl;
    assert_int_equal(form_pool_init(&pl, u, m, 2), 0);
    for (int trial = 0; trial < 30; trial++) {
        assert_int_equal(form_construct(&s, NULL, order, 0, NULL), 0);
        memcpy(pa, s.grp, sizeof pa);
        assert_int_equal(form_construct(&s, NULL, order, 0, NULL), 0);
        memcpy(pb, s.grp, sizeof pb);
        assert_int_equal(form_crossover(&s, &pl, pa, pb, order), 0);
        int sz[4] = {0};
        for (int k = 0; k < u; k++)
            sz[s.grp[k]]++;
        for (int g = 0; g < m; g++) {
            assert_true(sz[g] >= lo[g] && sz[g] <= hi[g]);
            assert_int_equal(sz[g], s.sz[g]);
        }
        assert_int_equal(s.grp[0], 2);
        assert_int_equal(s.grp[7], 2);
        assert_int_equal(s.grp[13], 0);
        /* The first pick is a whole set of the first parent, and it survives as it was (sizes
         * within the bounds: the completion adds to it at most). */
        int whole = 0;
        for (int g = 0; g < m && !whole; g++) {
            uint64_t want = members(pa, u, g);
            for (int h = 0; h < m; h++)
                whole |= (members(s.grp, u, h) & want) == want;
        }
        assert_true(whole);
        /* The state is exact: its sum is the sum over pairs in one set. */
        double direct = 0;
        for (int i = 0; i < u; i++)
            for (int j = i + 1; j < u; j++)
                direct += s.grp[i] == s.grp[j] ? w[i * u + j] : 0;
        assert_true(fabs(direct - s.f) < 1e-6);
    }
    form_pool_free(&pl);
    state_free(&s);
    free(w);
}

/* True when no single move or swap within the bounds improves GROUP (a local optimum). */
static int local_optimum(const struct form_problem *p, const int *group)
{
    int n = p->n, sz[16] = {0};
    double g[64][16] = {{0}};
    for (int i = 0; i < n; i++) {
        sz[group[i]]++;
        for (int j = 0; j < n; j++)
            if (j != i)
                g[i][group[j]] += p->d[i * n + j];
    }
    for (int i = 0; i < n; i++) {
        int a = group[i];
        for (int b = 0; b < p->m; b++) {
            if (b != a && sz[a] > p->lo[a] && sz[b] < p->hi[b] && g[i][b] - g[i][a] > 1e-6)
                return 0;
        }
        for (int j = i + 1; j < n; j++) {
            int b = group[j];
            if (b != a && g[i][b] - g[i][a] + g[j][a] - g[j][b] - 2 * p->d[i * n + j] > 1e-6)
                return 0;
        }
    }
    return 1;
}

/* Whole solves long enough to go through the population (the first tenth of 40,000 tabu steps
 * leaves far more than 60 runs of 10*u steps): every hard rule holds, the plan is the same for
 * a seed, and without rules the plan is a local optimum of moves and swaps. */
static void test_solve_rules_and_seed(void **state)
{
    (void)state;
    /* 40 people in 36 units over 3 sets: sets of 10 or more, so the scan is pruned. */
    int n = 40, m = 3, lo[3], hi[3], pin[40];
    double *d = random_scores(n, 17, 0);
    for (int g = 0; g < m; g++) {
        lo[g] = 10 + g;
        hi[g] = 14 + g;
    }
    for (int i = 0; i < n; i++)
        pin[i] = -1;
    pin[3] = 2;
    pin[30] = 2;
    pin[37] = 1;
    struct form_pair apart[] = {{0, 1}, {0, 2}, {1, 2}, {10, 11}, {3, 25}, {33, 34}};
    struct form_pair together[] = {{20, 21}, {21, 22}, {15, 16}, {30, 31}};
    struct form_problem p = {.n = n,
                             .m = m,
                             .d = d,
                             .lo = lo,
                             .hi = hi,
                             .apart = apart,
                             .apart_count = 6,
                             .together = together,
                             .together_count = 4,
                             .pin = pin};
    struct form_options o = {.seed = 4, .max_iterations = 40000};
    struct form_result a, b, c;
    struct strbuf why = {0};
    if (form_solve(&p, &o, &a, &why) != 0)
        fail_msg("%s", why.data ? why.data : "?");
    assert_int_equal(form_solve(&p, &o, &b, &why), 0);
    assert_memory_equal(a.group, b.group, sizeof(int) * (size_t)n);
    assert_int_equal(form_check(&p, a.group, NULL), 0);
    assert_int_equal(a.group[3], 2);
    assert_int_equal(a.group[30], 2);
    assert_int_equal(a.group[31], 2);
    assert_int_equal(a.group[37], 1);
    assert_int_equal(a.group[20], a.group[22]);
    assert_int_equal(a.group[15], a.group[16]);
    assert_int_not_equal(a.group[0], a.group[1]);
    assert_int_not_equal(a.group[1], a.group[2]);
    assert_int_not_equal(a.group[3], a.group[25]);
    assert_int_not_equal(a.group[33], a.group[34]);
    assert_true(fabs(form_objective(&p, a.group) - a.objective) < 1e-6);
    struct form_problem plain = {.n = n, .m = m, .d = d, .lo = lo, .hi = hi};
    assert_int_equal(form_solve(&plain, &o, &c, &why), 0);
    assert_int_equal(form_check(&plain, c.group, NULL), 0);
    assert_true(local_optimum(&plain, c.group));
    free(a.group);
    free(b.group);
    free(c.group);
    sb_free(&why);
    free(d);
}

/* 180 people in sets of 18-22: the population of annealing-then-tabu runs (161-320 units;
 * 440,000 iterations leave runs above the least work), the pruned scan with keep-apart
 * partners, pins and keep-together units; every rule holds and a seed gives the same plan. */
static void test_solve_anneal_population(void **state)
{
    (void)state;
    int n = 180, m = 9, lo[9], hi[9], pin[180];
    double *d = random_scores(n, 23, 0);
    for (int g = 0; g < m; g++) {
        lo[g] = 18;
        hi[g] = 22;
    }
    for (int i = 0; i < n; i++)
        pin[i] = -1;
    pin[5] = 4;
    pin[77] = 0;
    struct form_pair apart[] = {{0, 1}, {1, 2}, {5, 6}, {40, 41}, {77, 100}, {150, 151}};
    struct form_pair together[] = {{10, 11}, {60, 61}, {61, 62}};
    struct form_problem p = {.n = n,
                             .m = m,
                             .d = d,
                             .lo = lo,
                             .hi = hi,
                             .apart = apart,
                             .apart_count = 6,
                             .together = together,
                             .together_count = 3,
                             .pin = pin};
    struct form_options o = {.seed = 9, .max_iterations = 440000};
    struct form_result a, b;
    struct strbuf why = {0};
    if (form_solve(&p, &o, &a, &why) != 0)
        fail_msg("%s", why.data ? why.data : "?");
    assert_int_equal(form_solve(&p, &o, &b, &why), 0);
    assert_memory_equal(a.group, b.group, sizeof(int) * (size_t)n);
    assert_int_equal(form_check(&p, a.group, NULL), 0);
    assert_int_equal(a.group[5], 4);
    assert_int_equal(a.group[77], 0);
    assert_int_equal(a.group[10], a.group[11]);
    assert_int_equal(a.group[60], a.group[62]);
    for (int t = 0; t < 6; t++)
        assert_int_not_equal(a.group[apart[t].a], a.group[apart[t].b]);
    assert_true(fabs(form_objective(&p, a.group) - a.objective) < 1e-6);
    free(a.group);
    free(b.group);
    sb_free(&why);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_sizes),
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_crossover),
        cmocka_unit_test(test_solve_rules_and_seed),
        cmocka_unit_test(test_solve_anneal_population),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
