/* Locked rounds that came from another plan (issue 17): when the rounds already played are
 * rounds of a design under some naming of people onto its points (as when setwork planned
 * them from a repaired design, whose naming is a permutation), find that naming, so that the
 * design's other rounds continue them without a repeat.
 *
 * A backtracking search: each locked round is given a round of the design, each of its tables
 * a table of that round, and each person a point that lies, in every locked round they
 * attended, on the design table given to their locked table. The person with the fewest points
 * left goes next (most constrained first). Bounded by a count of point tests, so that a request
 * whose locked rounds are no design's gives up quickly. */
#include "engine/rounds/rounds_internal.h"

#include "core/rng.h"

#include <stdlib.h>
#include <string.h>

#define LOCK_WORK   10000000L /* point tests the search may spend in all */
#define LOCK_ROUNDS 12        /* choices of design rounds tried for the locked rounds */

struct lock_search {
    const struct rounds_plan *pl;
    const int *design;
    int n, N, k, TD;
    const int *dr; /* k: design round of each locked round */
    int *pt;       /* n: point of each person, -1 */
    int *who;      /* N: person on each point, -1 */
    int *phi;      /* k*n: design table of each locked table, -1 */
    int *inv;      /* k*TD: locked table given each design table, -1 */
    int *cand;     /* n*N scratch: candidate points per depth */
    long work;
    int shuffle; /* take candidate points in a random order */
    struct rng rng;
};

/* Whether person I may take point X. */
static int fits(struct lock_search *s, int i, int x)
{
    int n = s->n;
    s->work++;
    if (s->who[x] >= 0)
        return 0;
    for (int r = 0; r < s->k; r++) {
        int t = s->pl->locked[(size_t)r * n + i];
        if (t < 0)
            continue;
        int dt = s->design[(size_t)s->dr[r] * s->N + x];
        int have = s->phi[r * n + t];
        if (have >= 0 ? have != dt : s->inv[r * s->TD + dt] >= 0)
            return 0;
    }
    return 1;
}

static void place(struct lock_search *s, int i, int x, int *undo)
{
    int n = s->n;
    s->pt[i] = x;
    s->who[x] = i;
    for (int r = 0; r < s->k; r++) {
        int t = s->pl->locked[(size_t)r * n + i];
        undo[r] = 0;
        if (t < 0 || s->phi[r * n + t] >= 0)
            continue;
        int dt = s->design[(size_t)s->dr[r] * s->N + x];
        s->phi[r * n + t] = dt;
        s->inv[r * s->TD + dt] = t;
        undo[r] = 1;
    }
}

static void unplace(struct lock_search *s, int i, const int *undo)
{
    int n = s->n, x = s->pt[i];
    for (int r = 0; r < s->k; r++)
        if (undo[r]) {
            int t = s->pl->locked[(size_t)r * n + i];
            s->inv[r * s->TD + s->phi[r * n + t]] = -1;
            s->phi[r * n + t] = -1;
        }
    s->who[x] = -1;
    s->pt[i] = -1;
}

/* Places the people still without a point (those in some locked round); 1 when all are. */
static int extend(struct lock_search *s, int depth)
{
    int n = s->n, N = s->N, bi = -1, bc = N + 1;
    int *cand = s->cand + (size_t)depth * N;
    for (int i = 0; i < n && bc > 0; i++) {
        if (s->pt[i] >= 0)
            continue;
        int seen = 0;
        for (int r = 0; r < s->k && !seen; r++)
            seen = s->pl->locked[(size_t)r * n + i] >= 0;
        if (!seen)
            continue;
        int c = 0;
        for (int x = 0; x < N && c < bc; x++)
            c += fits(s, i, x);
        if (c < bc)
            bi = i, bc = c;
    }
    if (bi < 0)
        return 1;
    if (bc == 0 || s->work > LOCK_WORK)
        return 0;
    int m = 0;
    for (int x = 0; x < N; x++)
        if (fits(s, bi, x))
            cand[m++] = x;
    for (int c = m - 1; c > 0 && s->shuffle; c--) {
        int j = (int)rng_below(&s->rng, (uint32_t)(c + 1)), t = cand[c];
        cand[c] = cand[j];
        cand[j] = t;
    }
    int undo[ROUNDS_MAX_ROUNDS];
    for (int c = 0; c < m; c++) {
        place(s, bi, cand[c], undo);
        if (extend(s, depth + 1))
            return 1;
        unplace(s, bi, undo);
        if (s->work > LOCK_WORK)
            return 0;
    }
    return 0;
}

/* Next choice of K distinct design rounds out of WD in DR (lexicographic); 0 after the last. */
static int next_rounds(int *dr, int k, int wd)
{
    for (;;) {
        int r = k - 1;
        while (r >= 0 && dr[r] == wd - 1)
            dr[r--] = 0;
        if (r < 0)
            return 0;
        dr[r]++;
        int ok = 1;
        for (int a = 0; a < k && ok; a++)
            for (int b = a + 1; b < k && ok; b++)
                ok = dr[a] != dr[b];
        if (ok)
            return 1;
    }
}

int rounds_lock_naming(const struct rounds_plan *pl, const int *design, int N, int Wd,
                       unsigned char *used, int *pt, unsigned long long seed)
{
    int n = pl->n, k = pl->locked_rounds, TD = 0, found = 0;
    if (k < 1 || k >= Wd || n > N)
        return -1;
    /* The design's tables (their size may be below the request's largest, with a range). */
    for (int a = 0; a < N; a++)
        TD = design[a] + 1 > TD ? design[a] + 1 : TD;
    for (int r = 0; r < k; r++)
        for (int i = 0; i < n; i++)
            if (pl->locked[(size_t)r * n + i] >= n)
                return -1;
    int *dr = calloc((size_t)k, sizeof *dr);
    struct lock_search s = {
        .pl = pl, .design = design, .n = n, .N = N, .k = k, .TD = TD, .shuffle = seed != 0};
    rng_seed(&s.rng, seed);
    s.pt = malloc((size_t)n * sizeof *s.pt);
    s.who = malloc((size_t)N * sizeof *s.who);
    s.phi = malloc((size_t)k * n * sizeof *s.phi);
    s.inv = malloc((size_t)k * TD * sizeof *s.inv);
    s.cand = malloc(((size_t)n + 1) * N * sizeof *s.cand);
    if (!dr || !s.pt || !s.who || !s.phi || !s.inv || !s.cand)
        goto out;
    for (int r = 0; r < k; r++)
        dr[r] = r;
    s.dr = dr;
    for (int tries = 0; tries < LOCK_ROUNDS && !found && s.work <= LOCK_WORK; tries++) {
        memset(s.pt, -1, (size_t)n * sizeof *s.pt);
        memset(s.who, -1, (size_t)N * sizeof *s.who);
        memset(s.phi, -1, (size_t)k * n * sizeof *s.phi);
        memset(s.inv, -1, (size_t)k * TD * sizeof *s.inv);
        found = extend(&s, 0);
        if (!found && !next_rounds(dr, k, Wd))
            break;
    }
    if (found) {
        /* People absent from every locked round, then the points nobody takes, in order. */
        int x = 0;
        for (int i = 0; i < n; i++) {
            while (s.pt[i] < 0 && x < N) {
                if (s.who[x] < 0) {
                    s.pt[i] = x;
                    s.who[x] = i;
                }
                x++;
            }
        }
        for (int i = 0; i < n; i++)
            pt[i] = s.pt[i];
        for (int y = 0, slot = n; y < N; y++)
            if (s.who[y] < 0)
                pt[slot++] = y;
        memset(used, 0, (size_t)Wd);
        for (int r = 0; r < k; r++)
            used[dr[r]] = 1;
    }
out:
    free(dr);
    free(s.pt);
    free(s.who);
    free(s.phi);
    free(s.inv);
    free(s.cand);
    return found ? 0 : -1;
}
