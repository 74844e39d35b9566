/* Mixers and rotations: w rounds of small tables so that people meet as many new people as
 * possible (the Social Golfer Problem). Pure C: takes arrays, returns arrays, no I/O. */
#ifndef SETWORK_ENGINE_ROUNDS_ROUNDS_H
#define SETWORK_ENGINE_ROUNDS_ROUNDS_H

#include <stdbool.h>
#include <stddef.h>

/* Limits on what one request may ask for; bigger requests are refused with a message. */
#define ROUNDS_MAX_PEOPLE 2000
#define ROUNDS_MAX_ROUNDS 100
#define ROUNDS_MAX_GROUP  64

/* What to plan. People are 0..people-1; pairs are given as flat arrays {i0, j0, i1, j1, ...}. */
struct rounds_request {
    int people;     /* n */
    int group_size; /* p: tables hold p people, or p-1 when the present people do not divide */
    /* 0, or A for tables of A to p people ("sizes within A-B"): a round uses the fewest
     * tables of at most p, or more when a design with more tables has a better schedule (never
     * a table below A), sizes differing by at most one; a round whose present people cannot
     * all sit at tables of at least A is refused with a message */
    int min_group_size;
    int rounds; /* w */
    /* people*rounds flags, absent[r*people+i] != 0 when i misses round r; NULL: all present */
    const unsigned char *absent;
    /* locked_rounds*people table numbers (-1 absent) of the first rounds, kept as they are:
     * re-planning after a change on the day locks the rounds already played */
    const int *locked;
    int locked_rounds;
    const int *apart;    /* pairs that must never share a table (hard) */
    size_t apart_count;  /* number of pairs */
    const int *together; /* pairs that must share a table in every round both attend (hard) */
    size_t together_count;
    const int *history; /* pairs who met before (one entry per meeting); count as repeats */
    size_t history_count;
    const int *attr; /* optional category per person (-1 none), e.g. department */
    int mix_weight;  /* cost per meeting of two people of the same category (0: ignore) */
    /* optional people*people cost per meeting of each pair (e.g. set formation's attribute
     * weights for what the pair shares), added to the attr cost; keep it under 1000 so that it
     * never outweighs a repeated pair. NULL: none */
    const int *mix_cost;
    unsigned long seed;  /* the same seed gives the same search */
    double seconds;      /* time budget for the search (<= 0: 2 s) */
    long max_iterations; /* 0: unlimited; else stop after this many moves (deterministic) */
    /* benchmarks only: no construction and no repaired design, the local search alone */
    bool search_only;
};

/* A schedule with its figures. */
struct rounds_result {
    int people, rounds;
    int *table;         /* rounds*people: table number of person i in round r, -1 when absent */
    int *tables;        /* rounds: number of tables in each round */
    long repeat_pairs;  /* pairs (history included) who meet more than once */
    int max_meetings;   /* most meetings of any pair, history included */
    int bound;          /* most rounds a perfect schedule can have: floor((n-1)/(p-1)) */
    bool perfect;       /* no repeats at all: optimal, and the check proves it */
    long same_attr;     /* meetings of two people of the same category (when attr is given) */
    long least_repeats; /* a proven lower bound on repeat_pairs for this request, absences,
                           locked rounds, history and keep-apart pairs included (counting seats
                           against people not yet met), valid for schedules in which no pair
                           meets three times; 0 when none (or none known) */
    /* proven optimal: perfect, or least_repeats > 0 and no more repeats than that with no pair
       meeting three times (no schedule has fewer repeats without a pair meeting three times) */
    bool optimal;
    const char *method; /* "construction: affine plane", "round robin", "local search", ... */
};

/* Plans the rounds. Returns 0 and fills OUT (free with rounds_result_free); -1 with a message in
 * ERR when the request is malformed or cannot be met (e.g. keep-apart pairs that leave no room,
 * a keep-together group bigger than a table), or when out of memory. */
int rounds_solve(const struct rounds_request *req, struct rounds_result *out, char *err,
                 size_t errlen);

void rounds_result_free(struct rounds_result *res);

/* The proven lower bound on repeats that rounds_solve reports as least_repeats, for REQ alone
 * (e.g. for a page that shows a stored schedule): >= 0, or -1 when the request is malformed,
 * out of memory, or some pair must meet three times (no bound on repeats then). */
long rounds_request_least_repeats(const struct rounds_request *req);

/* The most rounds with no pair meeting twice: floor((n-1)/(p-1)), or 0 when p < 2; 1 when the
 * largest table has more people than a round has tables (12 at 4: 3 tables of 4, so a table of
 * round 2 seats two people from one table of round 1). */
int rounds_bound(int people, int group_size);

/* The same for tables that need not all hold P (people who do not divide, a size range from
 * MIN_GROUP_SIZE): at the most tables a round may have (rounds_table_count_most) a round has
 * the fewest meetings and each person at least floor(n/T) - 1 new partners, so no more rounds
 * than n(n-1)/2 over those meetings, nor than (n-1) over those partners, can be perfect (30 at
 * 4: 10, from 32 at 4 x 10 without two people who never meet); and 1 when even then a table
 * has more people than the round has tables. Equal to rounds_bound when P divides N and there
 * is no range. */
int rounds_bound_sizes(int people, int group_size, int min_group_size);

/* Number of tables and table sizes for M present people at tables of P: ceil(M/P) tables, sizes
 * differing by at most one. */
int rounds_table_count(int present, int group_size);

/* The most tables a round may have: with a size range (MIN_GROUP_SIZE > 0) as many as keep
 * every table at MIN_GROUP_SIZE or more, sizes still within one; else the fewest. A plan uses
 * the fewest unless a design with more tables serves the request better (35 people at tables
 * of 4-5: 8 tables from a 40-point design, not 7 of 5 for which no 8-round design is known;
 * 32 at 4-5 for 10 rounds: 8 tables of 4). */
int rounds_table_count_most(int present, int group_size, int min_group_size);

/* Checks TABLE (rounds*people, as in rounds_result) against REQ independently of the solver:
 * every present person at exactly one table per round, absent people at none, table sizes
 * within the request's range (at most group_size, at least min_group_size, differing by at
 * most one; between rounds_table_count and rounds_table_count_most tables), locked rounds
 * unchanged, no keep-apart pair together, every keep-together pair together. Recomputes the figures
 * into REPEATS and MAX_MEETINGS (may be NULL). Returns 0 when valid, -1 with the first problem in
 * ERR. */
int rounds_check(const struct rounds_request *req, const int *table, long *repeats,
                 int *max_meetings, char *err, size_t errlen);

/* Constructions (rounds_construct.c). Each fills table (rounds*n) and returns 0, or returns -1
 * when the family does not cover the instance. */
int rounds_construct_round_robin(int n, int w, int *table);
int rounds_construct_transversal(int groups, int group_size, int w, int *table);
/* q^k people (k >= 2) at tables of q for up to (q^k-1)/(q-1) rounds: the parallel classes of
 * lines of the affine space AG(k,q), e.g. 9-3-13 (AG(3,3), a Kirkman triple system of 27). */
int rounds_construct_affine_space(int q, int k, int w, int *table);
/* 28 people at tables of 4 for up to 9 rounds: a resolution of the Hermitian unital U(3). */
int rounds_construct_unital(int w, int *table);
/* Stored perfect schedules (rounds_designs.c): 5-3-7, 6-3-8, 6-4-7, 7-3-10, 8-3-11, 8-4-10, 9-4-11,
 * 10-3-14, 10-4-12 and their first w rounds, for N people at tables of P. Sets *METHOD to a static
 * description. */
int rounds_construct_known(int n, int p, int w, int *table, const char **method);
/* Searches a base round over Z_m x k plus n - k*m fixed points (m = w, w+1, w+2) whose
 * development mod m is perfect (rounds_cyclic.c), for up to SECONDS and, when MAX_MOVES > 0,
 * that many moves (then the outcome depends on SEED and MAX_MOVES only). Fills the first W
 * rounds of TABLE and returns 0, or -1 when none is found (or n > 120, or w past the bound). */
int rounds_construct_cyclic(int n, int p, int w, unsigned long seed, double seconds, long max_moves,
                            int *table);

#endif
