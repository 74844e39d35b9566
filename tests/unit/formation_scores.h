/* Random pair scores for the formation engine's unit tests: a symmetric n x n matrix with a
 * zero diagonal and tenths from OFFSET to OFFSET + 99.9 elsewhere (the engine's own generator,
 * so the same seed gives the same matrix everywhere). */
#ifndef SETWORK_TESTS_FORMATION_SCORES_H
#define SETWORK_TESTS_FORMATION_SCORES_H

#include "core/rng.h"

#include <stdlib.h>

static inline double *random_scores(int n, uint64_t seed, double offset)
{
    struct rng r;
    rng_seed(&r, seed);
    double *d = calloc((size_t)n * (size_t)n, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            d[i * n + j] = d[j * n + i] = offset + (double)rng_below(&r, 1000) / 10.0;
    return d;
}

#endif
