/* Set formation: the Maximally Diverse Grouping Problem (MDGP) over a general pair-score matrix,
 * with the hard rules of action learning (sizes, keep apart, keep together, pins) and the soft
 * "nobody alone with a minority value" rule. Pure computation: no I/O, no store, no printing. */
#ifndef SETWORK_ENGINE_FORMATION_FORMATION_H
#define SETWORK_ENGINE_FORMATION_FORMATION_H

#include "core/strbuf.h"

#include <stdint.h>

/* The most people and sets one problem may hold; the score matrix is n*n doubles. */
#define FORM_MAX_PEOPLE 20000
#define FORM_MAX_SETS   10000

struct form_pair {
    int a, b;
};

/* One problem. Every array is owned by the caller and only read. */
struct form_problem {
    int n;                         /* people (items) */
    int m;                         /* sets (groups) */
    const double *d;               /* n*n row-major, symmetric; the diagonal is ignored */
    const int *lo;                 /* m lower size bounds */
    const int *hi;                 /* m upper size bounds */
    const struct form_pair *apart; /* never in one set (line manager, chain, declared) */
    int apart_count;
    const struct form_pair *together; /* always in one set (transitively) */
    int together_count;
    const int *pin; /* n entries: the set a person is fixed to, or -1; NULL for none */
    /* Soft rule: for each of iso_k class columns, iso_class[i*iso_k+c] is person i's class id
     * (0..iso_class_count-1) when it is a minority value, else -1. Every set holding exactly one
     * member of a class costs iso_penalty. NULL/0 to disable. */
    const int *iso_class;
    int iso_k;
    int iso_class_count;
    double iso_penalty;
    const char *const *labels;       /* n names used in messages (e.g. emails); NULL: "person i" */
    const char *const *group_labels; /* m names used in messages; NULL: "set g+1" */
};

struct form_options {
    uint64_t seed;
    double seconds;      /* wall-clock budget; <= 0 means only the other limits apply */
    long max_iterations; /* tabu iterations budget, 0 = none; with it the run is reproducible */
    double target;       /* stop as soon as the objective reaches it (an upper bound) */
    int has_target;
    const int *start; /* n set indices (or -1) to improve or repair; NULL: construct */
};

struct form_result {
    int *group;       /* n set indices; caller frees with free() */
    double objective; /* sum of d over pairs in one set */
    int isolated;     /* sets x classes with a single member (the soft rule) */
    long iterations;  /* tabu iterations done */
    double seconds;   /* time used */
    double best_at;   /* seconds at which the best plan was first found */
};

/* Solves P. Returns 0 and fills R (R->group owned by the caller); 1 when the hard rules cannot
 * all hold, with the colliding rules explained in sentences in ERR; -1 when out of memory. The
 * returned plan is always checked with form_check before it is returned. */
int form_solve(const struct form_problem *p, const struct form_options *o, struct form_result *r,
               struct strbuf *err);

/* Finds rules that collide before any search: sizes that cannot fit n, pins beyond a set's
 * maximum, keep-together groups that are too big or must also be apart or are pinned to two
 * sets, pinned apart pairs, a clique of keep-apart people bigger than the number of sets.
 * Returns the number of collisions found (each one sentence appended to ERR), -1 out of memory. */
int form_precheck(const struct form_problem *p, struct strbuf *err);

/* The independent checker: returns the number of hard rules GROUP breaks, each explained in ERR
 * when ERR is not NULL. */
int form_check(const struct form_problem *p, const int *group, struct strbuf *err);

/* Sum of d over pairs in one set, from scratch. */
double form_objective(const struct form_problem *p, const int *group);

/* Sets x classes with exactly one member (the soft rule), from scratch. */
int form_isolated(const struct form_problem *p, const int *group);

#endif
