/* Benchmark of the formation engine's neighbourhood scan: tabu steps a second with the pruned
 * scan and with the scan of every swap, on one MDGP instance. From a plan with the sizes with
 * most pairs, a descent to a local optimum, then STEPS tabu-like steps (best admissible step
 * applied, each mover tabu for a few steps). Each step is scanned both ways, each scan timed on
 * its own, the two values checked equal (exit 1 if not), and the full scan's step taken.
 * Usage: bench_formation_scan INSTANCE.txt [STEPS] */
#include "engine/formation/walk.h"
#include "io/import/mdgp_instance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes step C (a swap, or a move when c->j < 0) and makes its movers tabu for a few steps. */
static void take(struct search *x, const struct form_choice *c)
{
    if (c->j >= 0) {
        form_state_swap(x->s, c->i, c->j);
        x->tabu[c->j] = x->it + 7;
    } else {
        form_state_move(x->s, c->i, c->b);
    }
    x->tabu[c->i] = x->it + 7;
    x->it++;
}

/* The best admissible step from FROM with the scan pruned or not, adding its time to *SECONDS. */
static struct form_choice scan(struct search *x, double from, int pruned, double *seconds)
{
    struct form_choice c = {.i = -1, .j = -1, .b = -1, .delta = from};
    x->no_prune = !pruned;
    double t0 = now_s();
    form_scan(x, &c, INFINITY);
    *seconds += now_s() - t0;
    return c;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_formation_scan INSTANCE.txt [STEPS]\n");
        return 2;
    }
    int steps = argc > 2 ? atoi(argv[2]) : 20000;
    struct mdgp_instance inst;
    char *err = NULL;
    if (mdgp_instance_read(argv[1], &inst, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int u = inst.n, m = inst.m;
    int *wt = malloc(sizeof(int) * (size_t)u), *pin = malloc(sizeof(int) * (size_t)u);
    int *movable = malloc(sizeof(int) * (size_t)u), *start = malloc(sizeof(int) * (size_t)u);
    struct form_state s = {.u = u, .m = m, .w = inst.d, .lo = inst.lo, .hi = inst.hi};
    s.wt = wt;
    s.pin = pin;
    s.uniform = 1;
    s.grp = malloc(sizeof(int) * (size_t)u);
    s.sz = calloc((size_t)m, sizeof(int));
    s.G = malloc(sizeof(double) * (size_t)u * (size_t)m);
    s.own = malloc(sizeof(double) * (size_t)u);
    struct search x = {.s = &s, .movable = movable};
    x.tabu = calloc((size_t)u, sizeof(long));
    x.gi = malloc(sizeof(double) * (size_t)m);
    if (!wt || !pin || !movable || !start || !s.grp || !s.sz || !s.G || !s.own || !x.tabu ||
        !x.gi || form_prune_setup(&x) != 0)
        return 1;
    /* A plan within the sizes: the sizes with the most pairs, filled in turn. */
    for (int k = 0; k < u; k++) {
        wt[k] = 1;
        pin[k] = -1;
        movable[k] = 1;
    }
    int *sizes = calloc((size_t)m, sizeof(int)), *sz = calloc((size_t)m, sizeof(int));
    form_best_sizes(&s, sizes);
    for (int k = 0, g = 0; k < u; k++, g = (g + 1) % m) {
        while (sz[g] >= sizes[g])
            g = (g + 1) % m;
        start[k] = g;
        sz[g]++;
    }
    free(sizes);
    free(sz);
    if (!x.set_top) {
        fprintf(stderr,
                "%s: the scan is not pruned for this instance (sets under 10 on average, "
                "or too many pairs); nothing to compare\n",
                argv[1]);
        return 1;
    }
    form_state_load(&s, start);
    double full = 0, pruned = 0;
    x.no_tabu = 1;
    for (;;) {
        struct form_choice c = scan(&x, 1e-6, 0, &full);
        if (c.i < 0)
            break;
        take(&x, &c);
    }
    x.no_tabu = 0;
    full = 0;
    for (int k = 0; k < steps; k++) {
        struct form_choice a = scan(&x, -INFINITY, 0, &full);
        struct form_choice b = scan(&x, -INFINITY, 1, &pruned);
        if ((a.i < 0) != (b.i < 0) || (a.i >= 0 && fabs(a.delta - b.delta) > 1e-6)) {
            fprintf(stderr, "step %d: the full scan found %.6f, the pruned one %.6f\n", k, a.delta,
                    b.delta);
            return 1;
        }
        if (a.i < 0)
            break;
        take(&x, &a);
    }
    printf("instance %s: %d tabu steps from a local optimum, same step values both ways\n", argv[1],
           steps);
    printf("  full scan    %8.0f steps/s\n", steps / full);
    printf("  pruned scan  %8.0f steps/s  x%.1f\n", steps / pruned, full / pruned);
    return 0;
}
