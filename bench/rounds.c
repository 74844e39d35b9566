/* Benchmark of the rounds engine on the Social Golfer instances of issue 4: for each g-p-w,
 * solves with a fixed seed and budget, checks the schedule independently, and prints one line
 * with the repeats, the most meetings of any pair, the method and the wall time.
 * usage: bench_rounds [SECONDS [SEED [search]]]; with "search", every instance goes to the local
 * search (an all-present absence table turns the constructions off), to measure it alone. */
#include "engine/rounds/rounds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
    int g, p, w;
} instances[] = {
    {5, 3, 7},   {5, 5, 6},  {7, 7, 8},   {8, 8, 9},   {9, 9, 10},  {8, 4, 10}, {8, 4, 9},
    {10, 4, 9},  {6, 3, 8},  {7, 4, 9},   {9, 3, 13},  {10, 4, 10}, {6, 4, 7},  {10, 4, 12},
    {10, 4, 13}, {8, 4, 11}, {12, 4, 12}, {11, 3, 15}, {12, 3, 17}, {6, 5, 6},
};

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    int search_only = argc > 3 && strcmp(argv[3], "search") == 0;
    int failures = 0;
    printf("%-9s %6s %8s %8s %9s  %s\n", "g-p-w", "bound", "repeats", "max_meet", "seconds",
           "method");
    for (size_t k = 0; k < sizeof instances / sizeof instances[0]; k++) {
        struct rounds_request req = {.people = instances[k].g * instances[k].p,
                                     .group_size = instances[k].p,
                                     .rounds = instances[k].w,
                                     .seed = seed,
                                     .seconds = seconds};
        req.search_only = search_only;
        struct rounds_result res;
        char err[256];
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        int rc = rounds_solve(&req, &res, err, sizeof err);
        clock_gettime(CLOCK_MONOTONIC, &b);
        double t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        if (rc != 0) {
            printf("%d-%d-%d: error: %s\n", instances[k].g, instances[k].p, instances[k].w, err);
            failures++;
            continue;
        }
        long rep = -1;
        int most = -1;
        if (rounds_check(&req, res.table, &rep, &most, err, sizeof err) != 0 ||
            rep != res.repeat_pairs) {
            printf("%d-%d-%d: CHECK FAILED: %s\n", instances[k].g, instances[k].p, instances[k].w,
                   err);
            failures++;
        }
        char name[32];
        snprintf(name, sizeof name, "%d-%d-%d", instances[k].g, instances[k].p, instances[k].w);
        printf("%-9s %6d %8ld %8d %9.3f  %s\n", name, res.bound, rep, most, t, res.method);
        fflush(stdout);
        rounds_result_free(&res);
    }
    return failures ? 1 : 0;
}
