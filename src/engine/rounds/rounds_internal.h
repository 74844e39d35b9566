/* Shared between the rounds engine's files: the request turned into dense arrays. */
#ifndef SETWORK_ENGINE_ROUNDS_ROUNDS_INTERNAL_H
#define SETWORK_ENGINE_ROUNDS_ROUNDS_INTERNAL_H

#include "engine/rounds/rounds.h"

#define REL_APART 1 /* keep apart */
#define REL_TIED  2 /* in one keep-together group */
#define REL_SAME  4 /* same category (attribute mixing) */

struct rounds_plan {
    int n, w, p;
    int min_size;          /* smallest table allowed (0: any) */
    unsigned char *absent; /* w*n, never NULL */
    const int *locked;
    int locked_rounds;
    unsigned char *rel; /* n*n REL_ flags */
    int *history;       /* n*n earlier meetings */
    int *tied;          /* tied partners of each person: tied[tied_start[i] .. tied_start[i+1]) */
    int *tied_start;    /* n+1 */
    int *mix;           /* n*n cost per meeting for mixing, NULL when not asked */
    unsigned long long seed;
    double seconds;
    long max_iterations;
    long floor_repeats; /* the search stops when it reaches this many repeated pairs: a lower
                           bound, 0 unless repeats are unavoidable in a plain request */
};

/* Runs the local search; fills TABLE (w*n) with the best schedule found and *COST with its
 * cost (0: perfect). Returns 0, or -1 when out of memory. */
int rounds_search(const struct rounds_plan *pl, int *table, long long *cost);

/* Refuses, before any search, requests that cannot be met for a cheap reason: a round whose
 * people present cannot sit at tables of min_size..p, someone kept apart from too many people
 * to fill a table, more people who must all sit apart than tables (rounds_feasible.c).
 * Returns 0, or -1 with a message naming the round and people in ERR. */
int rounds_feasible(const struct rounds_plan *pl, char *err, size_t errlen);

#endif
