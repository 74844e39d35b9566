/* Shared between the rounds engine's files: the request turned into dense arrays. */
#ifndef SETWORK_ENGINE_ROUNDS_ROUNDS_INTERNAL_H
#define SETWORK_ENGINE_ROUNDS_ROUNDS_INTERNAL_H

#include "engine/rounds/rounds.h"

#define REL_APART 1 /* keep apart */
#define REL_TIED  2 /* in one keep-together group */
#define REL_SAME  4 /* same category (attribute mixing) */

#define ROUNDS_COST_REPEAT 1000LL /* the search's cost of one pair meeting a second time */
#define ROUNDS_SEAT_LATER  (-2)   /* in a search's initial schedule: seat this round greedily */

struct rounds_plan {
    int n, w, p;
    int min_size; /* smallest table allowed (0: any) */
    /* w: tables in each round to plan, the fewest for the people present unless the repaired
     * design has more (within rounds_table_count_most); locked rounds keep theirs */
    int *tables;
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
    /* w*n schedule to start the search from instead of the greedy rounds (NULL: greedy): a
     * repaired design, every free round with the request's tables (rounds_repair_seed); a
     * round with ROUNDS_SEAT_LATER for its people is seated greedily */
    const int *init;
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

/* A perfect schedule of W rounds for N people at tables of P by one of the constructions
 * (rounds.c): 0 with TABLE (w*n) filled and *METHOD set to a static description, or -1. */
int rounds_construct_perfect(int n, int p, int w, int *table, const char **method);

/* Starts from the best design for the request and repairs it (rounds_repair.c): a perfect
 * design for T*P points (T tables of the request's size), its rounds continued after locked
 * rounds that are rounds of it, people named onto its points so that keep-apart pairs never
 * meet, earlier meetings are not repeated, absent people (and the points nobody takes) sit at
 * different tables and categories spread; then each round brought to the request's tables by
 * the fewest moves. Fills INIT (w*n, locked rounds copied) and TABLES (w: each round's tables,
 * more than the fewest when a design with more tables serves a size range better; the rounds
 * after the design's too) and returns 0, or -1 when no design
 * covers the request (or out of memory). Deterministic: depends on PL's seed and budget only. */
int rounds_repair_seed(const struct rounds_plan *pl, int *init, int *tables, const char **method);

/* A naming of people onto the points of DESIGN (WD rounds of N points) under which each locked
 * round of PL is a round of the design (rounds_locks.c): 0 with PT (N: point of each person,
 * then the points nobody takes) and USED (WD flags: the design rounds the locked rounds are)
 * filled, or -1 when none is found within a bounded search. SEED 0 takes points in order, any
 * other seed in a random order (another naming, when there are several). */
int rounds_lock_naming(const struct rounds_plan *pl, const int *design, int N, int Wd,
                       unsigned char *used, int *pt, unsigned long long seed);

/* A proven lower bound on the pairs meeting more than once, for any request (rounds_lower.c):
 * by counting the seats of each person in the rounds still to plan against the people they
 * have not met, and the meetings of every round against the pairs still new. It holds for
 * every schedule in which no pair meets more than twice (the search weighs a third meeting
 * above any number of repeats). Returns -1 when even that is impossible (some pair must meet
 * three times), else the bound (0: none known). */
long rounds_least_repeats(const struct rounds_plan *pl);

#endif
