/* Benchmark of the formation engine's neighbourhood scan: tabu steps a second with the pruned
 * scan and with the scan of every swap, on one MDGP instance. From a random plan, a descent to
 * a local optimum, then STEPS tabu-like steps (best admissible step applied, each mover tabu
 * for a few steps) timed with each scan; both must pick steps of the same value.
 * Usage: bench_formation_scan INSTANCE.txt [STEPS] */
#include "engine/formation/walk.h"
#include "import/mdgp_instance.h"

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

/* Applies the best step of the scan (from FROM) and makes its movers tabu; 0 when none. */
static int step(struct search *x, double from)
{
    struct form_choice c = {.i = -1, .j = -1, .b = -1, .delta = from};
    form_scan(x, &c, INFINITY);
    if (c.i < 0)
        return 0;
    if (c.j >= 0) {
        form_state_swap(x->s, c.i, c.j);
        x->tabu[c.j] = x->it + 7;
    } else {
        form_state_move(x->s, c.i, c.b);
    }
    x->tabu[c.i] = x->it + 7;
    x->it++;
    return 1;
}

/* Runs STEPS tabu steps from plan START with the scan pruned or not; returns the seconds and
 * leaves the final score in *SCORE. */
static double run(struct search *x, const int *start, int pruned, int steps, double *score)
{
    struct form_state *s = x->s;
    form_state_load(s, start);
    memset(x->tabu, 0, sizeof(long) * (size_t)s->u);
    x->it = 0;
    x->no_prune = !pruned;
    form_rng_seed(&s->rng, 11);
    double t0 = now_s();
    for (int k = 0; k < steps; k++)
        step(x, -INFINITY);
    *score = form_state_score(s);
    return now_s() - t0;
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
    form_state_load(&s, start);
    x.no_tabu = 1;
    while (step(&x, 1e-9)) {
    }
    x.no_tabu = 0;
    memcpy(start, s.grp, sizeof(int) * (size_t)u);
    double full_score, pruned_score;
    double full = run(&x, start, 0, steps, &full_score);
    double pruned = run(&x, start, 1, steps, &pruned_score);
    printf("instance %s: %d tabu steps from a local optimum\n", argv[1], steps);
    printf("  full scan    %8.0f steps/s  (score after %.3f)\n", steps / full, full_score);
    printf("  pruned scan  %8.0f steps/s  (score after %.3f)  x%.1f\n", steps / pruned,
           pruned_score, full / pruned);
    return 0;
}
