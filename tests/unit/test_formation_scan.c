/* The formation engine's neighbourhood scan: the pruned scan (sets skipped by a bound) finds a
 * step exactly as good as the scan of every swap, along tabu walks with keep-apart penalties,
 * keep-together units of different weights within size bounds, pinned units and tabu units,
 * for a tabu step (best admissible, even if worse) and for a descent step (improving only). */
#include "test_support.h"

#include "formation_scores.h"

#include "engine/formation/walk.h"

#include <math.h>

struct fixture {
    struct form_state s;
    struct search x;
    double *w;
    int wt[64], pin[64], lo[8], hi[8], movable[64];
    long tabu[64];
    double gi[8];
};

/* Trial kinds: 0 plain, 1 keep-apart penalties, 2 units of weight 1 or 2 within tight size
 * bounds, 3 pinned units. Odd trials of each kind add 50 to every score, so that the bound's
 * least-score term is not zero. */
static void fixture_init(struct fixture *f, int trial)
{
    memset(f, 0, sizeof *f);
    int kind = trial % 4, u = 40 + 2 * (trial % 10), m = 2 + trial % 3; /* sets of 10 or more */
    struct rng r;
    rng_seed(&r, 1000 + (uint64_t)trial);
    f->w = random_scores(u, 500 + (uint64_t)trial, (trial / 4) % 2 ? 50 : 0);
    if (kind == 1) {
        for (int t = 0; t < 6; t++) {
            int i = (int)rng_below(&r, (uint32_t)u), j = (int)rng_below(&r, (uint32_t)u);
            if (i != j)
                f->w[i * u + j] = f->w[j * u + i] = f->w[i * u + j] - 1e6;
        }
    }
    for (int k = 0; k < u; k++) {
        f->wt[k] = kind == 2 ? 1 + (int)rng_below(&r, 2) : 1;
        f->pin[k] = -1;
        f->movable[k] = !(kind == 3 && rng_below(&r, 4) == 0);
    }
    struct form_state *s = &f->s;
    s->u = u;
    s->m = m;
    s->w = f->w;
    s->wt = f->wt;
    s->pin = f->pin;
    s->lo = f->lo;
    s->hi = f->hi;
    s->uniform = kind != 2;
    s->grp = malloc(sizeof(int) * (size_t)u);
    s->sz = calloc((size_t)m, sizeof(int));
    s->G = calloc((size_t)u * (size_t)m, sizeof(double));
    s->own = calloc((size_t)u, sizeof(double));
    rng_seed(&s->rng, 7 + (uint64_t)trial);
    f->x.s = s;
    f->x.tabu = f->tabu;
    f->x.gi = f->gi;
    f->x.movable = f->movable;
    assert_int_equal(form_prune_setup(&f->x), 0);
    assert_non_null(f->x.set_top);
}

static void fixture_free(struct fixture *f)
{
    form_prune_free(&f->x);
    free(f->s.grp);
    free(f->s.sz);
    free(f->s.G);
    free(f->s.own);
    free(f->w);
}

/* A random plan; with kind 2 the bounds are the plan's sizes give or take one or two. */
static void random_plan(struct fixture *f, int trial)
{
    struct form_state *s = &f->s;
    for (int k = 0; k < s->u; k++)
        s->grp[k] = (int)rng_below(&s->rng, (uint32_t)s->m);
    form_state_rebuild(s);
    for (int g = 0; g < s->m; g++) {
        f->lo[g] = trial % 4 == 2 ? s->sz[g] - (int)rng_below(&s->rng, 3) : 0;
        f->hi[g] = trial % 4 == 2 ? s->sz[g] + (int)rng_below(&s->rng, 3) : s->u * 2;
    }
    f->x.it = 100;
    for (int k = 0; k < s->u; k++)
        f->tabu[k] = rng_below(&s->rng, 3) == 0 ? 100 + 5 : 0;
}

static struct form_choice scan(struct fixture *f, int pruned, double from, double aspire)
{
    struct form_choice c = {.i = -1, .j = -1, .b = -1, .delta = from};
    f->x.no_prune = !pruned;
    form_scan(&f->x, &c, aspire);
    return c;
}

/* Along tabu walks from random plans (where the search spends its time: near local optima,
 * with steps close to the bar), each step is scanned both ways, the values compared, and the
 * full scan's step taken with its movers made tabu for a few steps. Modes cycle: tabu step,
 * tabu step with an aspiration level (never hit exactly: scores are tenths), descent step. */
static void test_pruned_scan_matches_full(void **state)
{
    (void)state;
    int steps_checked = 0;
    for (int trial = 0; trial < 40; trial++) {
        struct fixture f;
        fixture_init(&f, trial);
        for (int plan = 0; plan < 5; plan++) {
            random_plan(&f, trial);
            for (int st = 0; st < 60; st++) {
                int mode = st % 3;
                double from = mode == 2 ? 1e-9 : -INFINITY; /* as the descent */
                double aspire = mode == 1 ? 50.05 : INFINITY;
                f.x.no_tabu = mode == 2;
                struct form_choice full = scan(&f, 0, from, aspire);
                struct form_choice fast = scan(&f, 1, from, aspire);
                /* A descent may take a step that changes nothing if it rounds above zero; the
                 * two scans add a pair's terms from different sides, so only one may see it. */
                int plateau = mode == 2 &&
                              fmax(full.i < 0 ? 0 : full.delta, fast.i < 0 ? 0 : fast.delta) < 1e-6;
                if (!plateau)
                    assert_int_equal(full.i < 0, fast.i < 0);
                if (full.i < 0 || fast.i < 0)
                    continue;
                assert_true(fabs(full.delta - fast.delta) < 1e-6);
                /* The step is what it claims: apply it and compare the score. */
                double before = form_state_score(&f.s);
                if (full.j >= 0) {
                    form_state_swap(&f.s, full.i, full.j);
                    f.tabu[full.j] = f.x.it + 1 + (long)rng_below(&f.s.rng, 5);
                } else {
                    form_state_move(&f.s, full.i, full.b);
                }
                f.tabu[full.i] = f.x.it + 1 + (long)rng_below(&f.s.rng, 5);
                f.x.it++;
                assert_true(fabs(form_state_score(&f.s) - before - full.delta) < 1e-6);
                steps_checked++;
            }
        }
        fixture_free(&f);
    }
    assert_true(steps_checked > 8000);
}

/* The bound leaves out exactly the pairs with a keep-apart penalty, listed for both units. */
static void test_penalised_pairs_listed(void **state)
{
    (void)state;
    struct fixture f;
    fixture_init(&f, 1);
    int u = f.s.u, listed = 0;
    double least = INFINITY;
    for (int i = 0; i < u; i++) {
        for (int j = 0; j < u; j++) {
            if (j == i)
                continue;
            int in_list = 0;
            for (int t = f.x.neg_at[i]; t < f.x.neg_at[i + 1]; t++)
                in_list |= f.x.neg_list[t] == j;
            assert_int_equal(in_list, f.w[i * u + j] < 0);
            listed += in_list;
            if (f.w[i * u + j] >= 0 && f.w[i * u + j] < least)
                least = f.w[i * u + j];
        }
    }
    assert_true(listed >= 4); /* at least two pairs, each listed for both units */
    assert_true(fabs(f.x.prune_w - 2 * least) < 1e-12);
    fixture_free(&f);
}

/* Small sets (a cohort in sets of 5-7) and the soft rule are scanned without the bound. */
static void test_small_sets_not_pruned(void **state)
{
    (void)state;
    double w[36 * 36] = {0};
    int wt[36], lo[6], hi[6];
    for (int k = 0; k < 36; k++)
        wt[k] = 1;
    struct form_state s = {.u = 36, .m = 6, .w = w, .wt = wt, .lo = lo, .hi = hi, .uniform = 1};
    struct search x = {.s = &s};
    assert_int_equal(form_prune_setup(&x), 0);
    assert_null(x.set_top);
    s.m = 3; /* sets of 12 */
    s.iso = 1;
    assert_int_equal(form_prune_setup(&x), 0);
    assert_null(x.set_top);
    s.iso = 0;
    assert_int_equal(form_prune_setup(&x), 0);
    assert_non_null(x.set_top);
    form_prune_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pruned_scan_matches_full),
        cmocka_unit_test(test_penalised_pairs_listed),
        cmocka_unit_test(test_small_sets_not_pruned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
