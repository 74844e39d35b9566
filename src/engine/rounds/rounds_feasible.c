/* Cheap proofs that a request cannot be met, run before the search so that the message names
 * the round and the people instead of "found none in the time allowed":
 *  - the people present cannot sit at tables within the size range;
 *  - someone (with their keep-together group) is kept apart from so many of the people present
 *    that no table of the smallest size can be filled around them;
 *  - more people (or keep-together groups) must all sit apart from each other than the round
 *    has tables: a clique of the keep-apart graph, found greedily (a clique the greedy search
 *    misses is left to the local search, which then reports that it found no seating). */
#include "engine/rounds/rounds_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct feas {
    int n;
    int *unit;           /* keep-together group of each person: its lowest member */
    unsigned char *uadj; /* n*n: units with a keep-apart pair between them */
    unsigned char *has;  /* n: the unit has some keep-apart pair */
    int *deg;            /* keep-apart neighbours (units) among those present */
    int *usize;          /* people of each unit present in the round */
    int *clique, *cand;
};

/* Round R's people present fit at tables within the size range: 0, else -1 and a message. */
static int size_range(const struct rounds_plan *pl, int r, char *err, size_t errlen)
{
    int present = 0;
    for (int i = 0; i < pl->n; i++)
        present += !pl->absent[(size_t)r * pl->n + i];
    int T = rounds_table_count(present, pl->p);
    if (present > 0 && present / T < pl->min_size) {
        snprintf(err, errlen,
                 "round %d: %d people present cannot sit at tables of %d to %d (%d tables would "
                 "leave one of %d)",
                 r + 1, present, pl->min_size, pl->p, T, present / T);
        return -1;
    }
    return 0;
}

/* Round R, keep-apart pairs: returns 0, or -1 with a message when a proof above applies. */
static int check_round(const struct rounds_plan *pl, struct feas *f, int r, char *err,
                       size_t errlen)
{
    int n = pl->n, present = 0;
    for (int i = 0; i < n; i++)
        present += !pl->absent[(size_t)r * n + i];
    if (present == 0)
        return 0;
    int T = rounds_table_count(present, pl->p), lo = present / T;
    memset(f->usize, 0, (size_t)n * sizeof *f->usize);
    for (int i = 0; i < n; i++)
        f->usize[f->unit[i]] += !pl->absent[(size_t)r * n + i];
    /* Keep-apart degree of each present unit, counted in units. */
    for (int u = 0; u < n; u++) {
        int s = f->usize[u];
        f->deg[u] = 0;
        if (s == 0 || !f->has[u])
            continue;
        int others = present - s; /* present people outside the unit who may sit with it */
        for (int v = 0; v < n; v++)
            if (f->usize[v] > 0 && f->uadj[(size_t)u * n + v]) {
                f->deg[u]++;
                others -= f->usize[v];
            }
        if (s + others < lo) {
            snprintf(err, errlen,
                     "round %d: person %d%s is kept apart from so many of the %d people present "
                     "that no table of %d can be filled around them",
                     r + 1, u, s > 1 ? " (with their keep-together group)" : "", present, lo);
            return -1;
        }
    }
    /* Greedy cliques among units with at least T keep-apart neighbours. */
    for (int u = 0; u < n; u++) {
        if (f->deg[u] < T)
            continue;
        int size = 0, nc = 0;
        f->clique[size++] = u;
        for (int v = 0; v < n; v++)
            if (f->deg[v] >= T && f->uadj[(size_t)u * n + v])
                f->cand[nc++] = v;
        /* Most-connected candidates first. */
        for (int a = 1; a < nc; a++)
            for (int b = a; b > 0 && f->deg[f->cand[b]] > f->deg[f->cand[b - 1]]; b--) {
                int t = f->cand[b];
                f->cand[b] = f->cand[b - 1];
                f->cand[b - 1] = t;
            }
        for (int a = 0; a < nc && size <= T; a++) {
            int v = f->cand[a], ok = 1;
            for (int c = 0; c < size && ok; c++)
                ok = f->uadj[(size_t)v * n + f->clique[c]];
            if (ok)
                f->clique[size++] = v;
        }
        if (size > T) {
            int grouped = 0;
            for (int c = 0; c < size; c++)
                grouped |= pl->tied_start[f->clique[c] + 1] > pl->tied_start[f->clique[c]];
            char who[160] = "";
            size_t at = 0;
            for (int c = 0; c < size && c < 8 && at < sizeof who - 16; c++)
                at += (size_t)snprintf(who + at, sizeof who - at, "%s%d",
                                       c == 0          ? ""
                                       : c == size - 1 ? " and "
                                                       : ", ",
                                       f->clique[c]);
            snprintf(err, errlen,
                     "the keep-apart requests leave no room: people %s%s must all sit apart%s, "
                     "but round %d has only %d tables",
                     who, size > 8 ? " ..." : "",
                     grouped ? " (with their keep-together groups)" : "", r + 1, T);
            return -1;
        }
    }
    return 0;
}

int rounds_feasible(const struct rounds_plan *pl, char *err, size_t errlen)
{
    int n = pl->n, rc = -1;
    struct feas f = {.n = n};
    f.unit = malloc((size_t)n * sizeof *f.unit);
    f.uadj = calloc((size_t)n * n, 1);
    f.deg = calloc((size_t)n, sizeof *f.deg);
    f.usize = calloc((size_t)n, sizeof *f.usize);
    f.has = calloc((size_t)n, 1);
    f.clique = malloc(((size_t)n + 1) * sizeof *f.clique);
    f.cand = malloc((size_t)n * sizeof *f.cand);
    if (!f.unit || !f.uadj || !f.deg || !f.usize || !f.has || !f.clique || !f.cand) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++) {
        f.unit[i] = i;
        for (int k = pl->tied_start[i]; k < pl->tied_start[i + 1]; k++)
            if (pl->tied[k] < f.unit[i])
                f.unit[i] = pl->tied[k];
    }
    int any_apart = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (pl->rel[(size_t)i * n + j] & REL_APART) {
                f.uadj[(size_t)f.unit[i] * n + f.unit[j]] = 1;
                f.has[f.unit[i]] = 1;
                any_apart = 1;
            }
    rc = 0;
    for (int r = pl->locked_rounds; r < pl->w && rc == 0; r++) {
        /* A round with the same people present as the one before needs no second look. */
        if (r > pl->locked_rounds &&
            memcmp(pl->absent + (size_t)r * n, pl->absent + (size_t)(r - 1) * n, (size_t)n) == 0)
            continue;
        rc = size_range(pl, r, err, errlen);
        if (rc != 0 || !any_apart)
            continue;
        rc = check_round(pl, &f, r, err, errlen);
    }
out:
    free(f.unit);
    free(f.uadj);
    free(f.deg);
    free(f.usize);
    free(f.has);
    free(f.clique);
    free(f.cand);
    return rc;
}
