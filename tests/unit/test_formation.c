/* The formation engine: incremental gains against from-scratch sums, the tiny MDGPLIB optima,
 * every hard rule and its collisions, determinism under a seed, improving a given plan. */
#include "test_support.h"

#include "formation_scores.h"

#include "engine/formation/formation.h"
#include "engine/formation/state.h"
#include "io/import/mdgp_instance.h"

#include <math.h>

/* Moves and swaps units at random and compares every incremental array with a rebuild, with
 * the soft rule on (swaps as two moves) and off (the one-pass swap). */
static void test_incremental_gains(void **state)
{
    (void)state;
    for (int trial = 0; trial < 5; trial++) {
        int u = 20 + 7 * trial, m = 3 + trial, classes = 4;
        double *w = random_scores(u, 100 + (uint64_t)trial, 0);
        int wt[64], pin[64], lo[16], hi[16];
        for (int k = 0; k < u; k++) {
            wt[k] = 1 + (trial >= 3 && k % 4 == 0); /* keep-together units weigh more */
            pin[k] = -1;
        }
        for (int g = 0; g < m; g++) {
            lo[g] = 0;
            hi[g] = u;
        }
        struct form_state s = {
            .u = u, .m = m, .w = w, .wt = wt, .pin = pin, .lo = lo, .hi = hi, .uniform = trial < 3};
        s.grp = malloc(sizeof(int) * (size_t)u);
        s.sz = calloc((size_t)m, sizeof(int));
        s.G = calloc((size_t)u * (size_t)m, sizeof(double));
        s.own = calloc((size_t)u, sizeof(double));
        s.iso = trial % 2 == 0;
        s.classes = classes;
        s.lambda = 5;
        s.cnt = calloc((size_t)m * (size_t)classes, sizeof(int));
        s.cls_start = malloc(sizeof(int) * (size_t)(u + 1));
        s.cls_id = malloc(sizeof(int) * (size_t)u);
        s.cls_n = malloc(sizeof(int) * (size_t)u);
        int used = 0;
        rng_seed(&s.rng, 7 + (uint64_t)trial);
        for (int k = 0; k < u; k++) {
            s.grp[k] = (int)rng_below(&s.rng, (uint32_t)m);
            s.cls_start[k] = used;
            if (k % 3) {
                s.cls_id[used] = (int)rng_below(&s.rng, (uint32_t)classes);
                s.cls_n[used++] = 1;
            }
        }
        s.cls_start[u] = used;
        form_state_rebuild(&s);
        double *G = malloc(sizeof(double) * (size_t)u * (size_t)m);
        for (int step = 0; step < 300; step++) {
            int i = (int)rng_below(&s.rng, (uint32_t)u);
            int j = (int)rng_below(&s.rng, (uint32_t)u);
            int b = (int)rng_below(&s.rng, (uint32_t)m);
            double before = form_state_score(&s);
            if (step % 2 && s.grp[i] != s.grp[j]) {
                int a = s.grp[i], bj = s.grp[j];
                double predicted = s.G[(size_t)bj * u + i] - s.own[i] + s.G[(size_t)a * u + j] -
                                   s.own[j] - 2 * w[i * u + j];
                int iso = s.iso ? form_state_iso_swap(&s, i, j) : 0;
                form_state_swap(&s, i, j);
                assert_int_equal(s.grp[i], bj);
                assert_int_equal(s.grp[j], a);
                assert_true(fabs(form_state_score(&s) - (before + predicted - 5.0 * iso)) < 1e-6);
            } else {
                double predicted = s.G[(size_t)b * u + i] - s.own[i];
                int iso = s.grp[i] == b || !s.iso ? 0 : form_state_iso_move(&s, i, b);
                form_state_move(&s, i, b);
                assert_true(fabs(form_state_score(&s) - (before + predicted - 5.0 * iso)) < 1e-6);
            }
            double f = s.f, own[64];
            int isolated = s.isolated, sz[16];
            memcpy(G, s.G, sizeof(double) * (size_t)u * (size_t)m);
            memcpy(own, s.own, sizeof(double) * (size_t)u);
            memcpy(sz, s.sz, sizeof(int) * (size_t)m);
            form_state_rebuild(&s);
            assert_true(fabs(f - s.f) < 1e-6);
            assert_int_equal(isolated, s.isolated);
            for (size_t t = 0; t < (size_t)u * (size_t)m; t++)
                assert_true(fabs(G[t] - s.G[t]) < 1e-6);
            for (int k = 0; k < u; k++)
                assert_true(fabs(own[k] - s.own[k]) < 1e-6);
            for (int g = 0; g < m; g++)
                assert_int_equal(sz[g], s.sz[g]);
            /* And against the definition: sum of w over pairs in one set. */
            double direct = 0;
            for (int x = 0; x < u; x++)
                for (int y = x + 1; y < u; y++)
                    direct += s.grp[x] == s.grp[y] ? w[x * u + y] : 0;
            assert_true(fabs(direct - s.f) < 1e-6);
        }
        free(G);
        free(s.grp);
        free(s.sz);
        free(s.G);
        free(s.own);
        free(s.cnt);
        free(s.cls_start);
        free(s.cls_id);
        free(s.cls_n);
        free(w);
    }
}

/* The bkv column of bkv.csv for INSTANCE, or NAN. */
static double bkv_of(const char *dir, const char *instance)
{
    char path[512];
    snprintf(path, sizeof path, "%s/benchmarks/mdgp/bkv.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return NAN;
    char line[512];
    double v = NAN;
    size_t len = strlen(instance);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, instance, len) == 0 && line[len] == ',') {
            char *p = line;
            for (int field = 0; field < 5 && p; field++) {
                p = strchr(p, ',');
                if (p)
                    p++;
            }
            if (p)
                v = strtod(p, NULL);
        }
    }
    fclose(f);
    return v;
}

static void test_tiny_optima(void **state)
{
    (void)state;
    const char *shared = getenv("SETWORK_SHARED_DIR");
    assert_non_null(shared);
    static const char *const names[] = {
        "RanReal/RanReal_n010_ds_01", "RanReal/RanReal_n010_ss_01", "RanReal/RanReal_n012_ds_01",
        "RanReal/RanReal_n012_ss_01", "RanInt/RanInt_n012_ds_01",   "Geo/Geo_n012_ss_01",
    };
    for (size_t t = 0; t < sizeof names / sizeof names[0]; t++) {
        char path[512];
        snprintf(path, sizeof path, "%s/benchmarks/mdgp/instances/%s.txt", shared, names[t]);
        struct mdgp_instance inst;
        char *err = NULL;
        assert_int_equal(mdgp_instance_read(path, &inst, &err), 0);
        double bkv = bkv_of(shared, strchr(names[t], '/') + 1);
        assert_false(isnan(bkv));
        struct form_problem p = {
            .n = inst.n, .m = inst.m, .d = inst.d, .lo = inst.lo, .hi = inst.hi};
        struct form_options o = {.seed = 3, .max_iterations = 3000};
        struct form_result r;
        struct strbuf why = {0};
        assert_int_equal(form_solve(&p, &o, &r, &why), 0);
        assert_int_equal(form_check(&p, r.group, NULL), 0);
        assert_true(fabs(r.objective - bkv) < 1e-3);
        assert_true(fabs(form_objective(&p, r.group) - r.objective) < 1e-9);
        free(r.group);
        sb_free(&why);
        mdgp_instance_free(&inst);
    }
}

/* 12 people in 3 sets of 4, random scores. */
struct small {
    double *d;
    int lo[3], hi[3], pin[12];
    struct form_problem p;
};

static void small_init(struct small *s, int m, int size)
{
    s->d = random_scores(12, 42, 0);
    for (int g = 0; g < 3; g++)
        s->lo[g] = s->hi[g] = size;
    for (int i = 0; i < 12; i++)
        s->pin[i] = -1;
    s->p =
        (struct form_problem){.n = 12, .m = m, .d = s->d, .lo = s->lo, .hi = s->hi, .pin = s->pin};
}

static int solve(const struct form_problem *p, struct form_result *r, struct strbuf *why)
{
    struct form_options o = {.seed = 9, .max_iterations = 2000};
    return form_solve(p, &o, r, why);
}

static void test_rules_hold(void **state)
{
    (void)state;
    struct small s;
    small_init(&s, 3, 4);
    struct form_pair apart[] = {{0, 1}, {0, 2}, {1, 2}, {5, 9}};
    struct form_pair together[] = {{3, 4}, {4, 7}, {10, 11}};
    s.pin[0] = 2;
    s.pin[6] = 2;
    s.p.apart = apart;
    s.p.apart_count = 4;
    s.p.together = together;
    s.p.together_count = 3;
    struct form_result r;
    struct strbuf why = {0};
    int rc = solve(&s.p, &r, &why);
    if (rc != 0)
        fail_msg("%s", why.data ? why.data : "?");
    assert_int_not_equal(r.group[0], r.group[1]);
    assert_int_not_equal(r.group[0], r.group[2]);
    assert_int_not_equal(r.group[1], r.group[2]);
    assert_int_not_equal(r.group[5], r.group[9]);
    assert_int_equal(r.group[3], r.group[4]);
    assert_int_equal(r.group[4], r.group[7]);
    assert_int_equal(r.group[10], r.group[11]);
    assert_int_equal(r.group[0], 2);
    assert_int_equal(r.group[6], 2);
    assert_int_equal(form_check(&s.p, r.group, NULL), 0);
    /* The checker itself catches a broken plan. */
    int broken[12];
    memcpy(broken, r.group, sizeof broken);
    broken[1] = broken[0]; /* two sizes off, and ann with bob */
    struct strbuf words = {0};
    assert_int_equal(form_check(&s.p, broken, &words), 3);
    assert_non_null(strstr(words.data, "person 1 and person 2 must be kept apart"));
    sb_free(&words);
    free(r.group);
    sb_free(&why);
    free(s.d);
}

static void expect_collision(const struct form_problem *p, const char *words)
{
    struct form_result r;
    struct strbuf why = {0};
    assert_int_equal(solve(p, &r, &why), 1);
    assert_null(r.group);
    assert_non_null(why.data);
    if (!strstr(why.data, words))
        fail_msg("expected '%s' in: %s", words, why.data);
    sb_free(&why);
}

static void test_collisions(void **state)
{
    (void)state;
    const char *labels[12] = {"ann", "bob", "cat", "dan", "eve", "fay",
                              "gus", "hal", "ivy", "jon", "kim", "lee"};
    struct small s;
    small_init(&s, 3, 4);
    s.p.labels = labels;
    /* Sizes that cannot fit. */
    s.lo[0] = s.hi[0] = 5;
    expect_collision(&s.p, "need at least 13 people");
    s.lo[0] = s.hi[0] = 3;
    expect_collision(&s.p, "hold at most 11 people");
    s.lo[0] = s.hi[0] = 4;
    /* Two people who must be apart, pinned to one set. */
    struct form_pair apart[] = {{0, 1}};
    s.p.apart = apart;
    s.p.apart_count = 1;
    s.pin[0] = s.pin[1] = 1;
    expect_collision(&s.p, "ann and bob must be kept apart, but both are pinned to set 2");
    /* More pinned than the set holds. */
    s.p.apart_count = 0;
    s.pin[2] = s.pin[3] = s.pin[4] = 1;
    expect_collision(&s.p, "5 people are pinned to set 2");
    for (int i = 0; i < 12; i++)
        s.pin[i] = -1;
    /* A keep-together group larger than any set. */
    struct form_pair together[] = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
    s.p.together = together;
    s.p.together_count = 4;
    expect_collision(&s.p, "Keep-together rules join ann, bob, cat, dan and eve (5 people)");
    /* Together and apart at once. */
    s.p.together_count = 2;
    struct form_pair apart2[] = {{0, 2}};
    s.p.apart = apart2;
    s.p.apart_count = 1;
    expect_collision(&s.p, "ann and cat must be kept apart, but keep-together rules join them");
    /* Together but pinned to two sets. */
    s.p.apart_count = 0;
    s.pin[0] = 0;
    s.pin[2] = 1;
    expect_collision(&s.p, "pinned to different sets");
    s.pin[0] = s.pin[2] = -1;
    s.p.together_count = 0;
    /* A chain of four who must all be apart, with three sets. */
    struct form_pair chain[] = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
    s.p.apart = chain;
    s.p.apart_count = 6;
    expect_collision(&s.p, "4 people must all be kept apart from each other");
    free(s.d);
}

static void test_deterministic_under_seed(void **state)
{
    (void)state;
    int n = 60, m = 6;
    double *d = random_scores(n, 5, 0);
    int lo[6], hi[6];
    for (int g = 0; g < m; g++) {
        lo[g] = 8;
        hi[g] = 12;
    }
    struct form_problem p = {.n = n, .m = m, .d = d, .lo = lo, .hi = hi};
    struct form_options o = {.seed = 11, .max_iterations = 3000};
    struct form_result a, b, c;
    struct strbuf why = {0};
    assert_int_equal(form_solve(&p, &o, &a, &why), 0);
    assert_int_equal(form_solve(&p, &o, &b, &why), 0);
    assert_memory_equal(a.group, b.group, sizeof(int) * (size_t)n);
    assert_true(a.objective == b.objective);
    o.seed = 12;
    assert_int_equal(form_solve(&p, &o, &c, &why), 0);
    assert_int_equal(form_check(&p, c.group, NULL), 0);
    free(a.group);
    free(b.group);
    free(c.group);
    free(d);
}

/* Starting from a plan improves it and never does worse; a plan that breaks the sizes and a
 * pin (a manual move) is repaired. */
static void test_start_from_plan(void **state)
{
    (void)state;
    struct small s;
    small_init(&s, 3, 4);
    int start[12] = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2}; /* set 1 has 5, set 2 has 3 */
    s.pin[4] = 1;
    struct form_options o = {.seed = 1, .max_iterations = 500, .start = start};
    struct form_result r;
    struct strbuf why = {0};
    assert_int_equal(form_solve(&s.p, &o, &r, &why), 0);
    assert_int_equal(form_check(&s.p, r.group, NULL), 0);
    assert_int_equal(r.group[4], 1);
    /* A good plan given as the start comes back at least as good. */
    struct form_options o2 = {.seed = 2, .max_iterations = 50, .start = r.group};
    struct form_result r2;
    assert_int_equal(form_solve(&s.p, &o2, &r2, &why), 0);
    assert_true(r2.objective >= r.objective - 1e-9);
    free(r.group);
    free(r2.group);
    free(s.d);
}

/* The soft rule: three people of a minority class end up together, not alone. */
static void test_no_isolate(void **state)
{
    (void)state;
    struct small s;
    small_init(&s, 3, 4);
    int cls[12] = {-1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, -1};
    s.p.iso_class = cls;
    s.p.iso_k = 1;
    s.p.iso_class_count = 1;
    s.p.iso_penalty = 1000;
    struct form_result r;
    struct strbuf why = {0};
    assert_int_equal(solve(&s.p, &r, &why), 0);
    assert_int_equal(r.isolated, 0);
    assert_int_equal(form_isolated(&s.p, r.group), 0);
    free(r.group);
    free(s.d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incremental_gains),
        cmocka_unit_test(test_tiny_optima),
        cmocka_unit_test(test_rules_hold),
        cmocka_unit_test(test_collisions),
        cmocka_unit_test(test_deterministic_under_seed),
        cmocka_unit_test(test_start_from_plan),
        cmocka_unit_test(test_no_isolate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
