/* Network engine speed: every per-person metric (net_analyse) and the layout (net_layout) on a
 * generated survey of N people and M ties with departments, organisations and sets, the shape
 * a large programme's survey has (most ties inside one's department, some across).
 * Usage: bench_network N M [SEED]. Prints one line of timings in seconds. */
#include "engine/network/network.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long rng_state = 88172645463325252ull;

static unsigned long long next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench_network PEOPLE TIES [SEED]\n", stderr);
        return 2;
    }
    long n = atol(argv[1]), m = atol(argv[2]);
    if (argc > 3)
        rng_state ^= (unsigned long long)atoll(argv[3]) * 0x9e3779b97f4a7c15ull;
    if (n < 2 || m < 0 || n > NET_MAX_PEOPLE || m > NET_MAX_TIES) {
        fputs("bench_network: PEOPLE from 2 and TIES within the engine's limits\n", stderr);
        return 2;
    }
    int *dept = malloc((size_t)n * sizeof *dept);
    int *org = malloc((size_t)n * sizeof *org);
    int *set = malloc((size_t)n * sizeof *set);
    struct net_tie *ties = malloc((size_t)(m ? m : 1) * sizeof *ties);
    if (!dept || !org || !set || !ties)
        return 1;
    /* People are numbered department by department (40 departments, 5 organisations), so a
     * tie inside a department picks a partner from a contiguous block. */
    long depts = 40, block = (n + depts - 1) / depts;
    for (long i = 0; i < n; i++) {
        dept[i] = (int)(i / block);
        org[i] = dept[i] % 5;
        set[i] = (int)((i * 7919) % n / 6); /* sets of about six, mixed across departments */
    }
    for (long k = 0; k < m; k++) {
        long a = (long)(next() % (unsigned long long)n), b;
        do {
            if (next() % 100 < 70) {
                long start = (long)dept[a] * block, size = n - start < block ? n - start : block;
                b = start + (long)(next() % (unsigned long long)size);
            } else {
                b = (long)(next() % (unsigned long long)n);
            }
        } while (b == a);
        ties[k] = (struct net_tie){(int)a, (int)b, 0, NAN};
    }
    struct net_people people = {
        .count = (size_t)n, .department = dept, .organisation = org, .set = set};
    struct net_wave w;
    struct net_layout layout;
    char *err = NULL;
    double t0 = now();
    if (net_analyse(&people, ties, (size_t)m, &w, &err) != 0) {
        fprintf(stderr, "bench_network: %s\n", err);
        return 1;
    }
    double t1 = now();
    if (net_layout((size_t)n, ties, (size_t)m, 1, &layout, &err) != 0) {
        fprintf(stderr, "bench_network: %s\n", err);
        return 1;
    }
    double t2 = now();
    printf("people %ld ties %ld: metrics %.3f s, layout %.3f s, total %.3f s; "
           "components %zu, mean E-I %.2f\n",
           n, m, t1 - t0, t2 - t1, t2 - t0, w.cohort.components, w.cohort.mean_ei_department);
    net_wave_free(&w);
    net_layout_free(&layout);
    free(dept);
    free(org);
    free(set);
    free(ties);
    return 0;
}
